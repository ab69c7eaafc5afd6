"""The elements of the pages rendered into the lines and hints of a ``TextDocument``: blank lines
where a paragraph or page ends or a line stops short, headings (by size or bold) with their
levels, list items with their levels, numbered items, and ruled tables as rows; unruled tables
are ``zones``'s part. Each rendered line keeps its page."""

from __future__ import annotations

import re

from cpgraph.read.pdf.elements import _Line, _Metrics, _Page, _Table
from cpgraph.read.pdf.lines import _LETTER, _SECTION_MARK, _join
from cpgraph.read.pdf.tables import _same
from cpgraph.read.pdf.zones import _Zones
from cpgraph.read.text import LineHint

_DANGLING = frozenset({"and", "or", "of", "for", "the", "to", "in", "with", "a", "an", "&", "–", "-", "on", "at",
                       "by", "our", "your", "from"})

_HEADING_WORDS = 20  # the longest heading set apart by size
_BOLD_WORDS = 14  # the longest heading set apart by bold alone


def _is_field_line(text: str) -> bool:
    """True when ``text`` is a field of an action plan ("Lead: …", "By when: …")."""
    from cpgraph.structure.shapes import field_of, known_field  # the shapes of text, read lazily

    f = field_of(text)
    return f is not None and known_field(f[0])


class _Writer(_Zones):
    """Elements of the pages into rendered lines, hints and pages."""

    def __init__(self, metrics: _Metrics) -> None:
        self.m = metrics
        self.lines: list[str] = []
        self.hints: dict[int, LineHint] = {}
        self.page_of: dict[int, int] = {}
        self.heading_size: dict[int, float] = {}
        self.headers: dict[int, tuple[str, ...]] = {}  # table number -> its header row
        self.stack: list[float] = []  # x of the bullets of the open list, one per level
        self.zones = 0  # unruled tables written as rows

    # ---- output helpers
    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def add(self, text: str, page: int, hint: LineHint | None = None) -> int:
        text = text.rstrip()
        if not text.strip():
            return 0
        self.lines.append(text)
        n = len(self.lines)
        self.page_of[n] = page
        if hint is not None:
            self.hints[n] = hint
        return n

    # ---- geometry
    def para_gap(self, a: _Line | _Table, b: _Line | _Table) -> bool:
        """True when the white space between ``a`` and ``b`` is clearly more than a line's."""
        size = max(getattr(a, "size", self.m.body), getattr(b, "size", self.m.body))
        return b.top - a.bottom > (self.m.gap + 0.45) * size

    def heading_kind(self, e: _Line) -> str | None:
        if e.bullet or len(e.segments) > 1 or not _LETTER.search(e.flat):
            return None
        if e.size - self.m.body >= max(0.9, 0.07 * self.m.body):
            return "size"
        if e.bold and not self.m.bold_body and e.size >= self.m.body - 0.5:
            return "bold"
        return None

    def wraps(self, a: _Line, b: _Line, width: float) -> bool:
        """True when ``b`` carries on ``a``: its first word would not have fitted on ``a``, it
        opens in lower case, or ``a`` stops on a word that cannot end a heading."""
        first = b.words[0]
        if (a.x1 - a.x0) + self.m.space * a.size + (first.x1 - first.x0) > width - 1:
            return True
        last = a.flat.split()[-1].casefold() if a.flat.split() else ""
        return b.flat[:1].islower() or last in _DANGLING or a.flat.endswith((",", "-", "–", "&"))

    # ---- the walk
    def walk(self, pages: list[_Page]) -> None:
        seq: list[tuple[int, _Line | _Table]] = [
            (p, e) for p, page in enumerate(pages) for e in page.elements
            if not (isinstance(e, _Line) and e.furniture)]
        frames: dict[int, tuple[float, float]] = {}
        for p, page in enumerate(pages):
            lines = [e for e in page.elements if isinstance(e, _Line) and not e.furniture]
            if lines:
                frames[p] = (min(e.x0 for e in lines), max(e.x1 for e in lines))
        runs, rights = self.runs(seq)
        i = 0
        prev: tuple[int, _Line | _Table] | None = None
        while i < len(seq):
            p, e = seq[i]
            left, right = frames.get(p, (0.0, 0.0))
            if prev is not None and (prev[0] != p or self.para_gap(prev[1], e)):
                self.blank()
            elif i and runs[i] == runs[i - 1] and self.stops_short(seq[i - 1][1], e, rights[i]):
                self.blank()  # the line above stopped short although this one's first word fitted
            if isinstance(e, _Table):
                self.table(p, e)
                self.stack.clear()
                prev, i = (p, e), i + 1
                continue
            kind = self.heading_kind(e)
            if kind is not None:
                j, is_heading = self.heading(seq, i, kind, right - left)
                if not is_heading:  # too long for a heading: its lines are text
                    for k in range(i, j):
                        if k > i and self.para_gap(seq[k - 1][1], seq[k][1]):
                            self.blank()
                        self.add(seq[k][1].flat, p)
                prev, i = seq[j - 1], j
                continue
            if e.bullet:
                j = self.item(seq, i, left, right)
            elif len(e.segments) > 1:
                j = self.zone(seq, i)
            elif e.number:
                j = self.numbered(seq, i)
            else:
                if self.stack and e.x0 < self.stack[0] - 3:
                    self.stack.clear()
                self.add(e.flat, p)
                j = i + 1
            prev, i = seq[j - 1], j

    def plain(self, e: _Line | _Table) -> bool:
        return (isinstance(e, _Line) and not e.bullet and not e.number and len(e.segments) == 1
                and self.heading_kind(e) is None)

    def runs(self, seq) -> tuple[list[int], list[float]]:
        """For each element, the number of its run (plain lines of one size at one x, with no
        paragraph gap between them) and the right edge of that run."""
        runs = [0] * len(seq)
        rights = [0.0] * len(seq)
        run, start = 0, 0
        for k in range(1, len(seq) + 1):
            if k < len(seq):
                (pa, a), (pb, b) = seq[k - 1], seq[k]
                if (pa == pb and self.plain(a) and self.plain(b) and abs(a.x0 - b.x0) <= 1 and a.size == b.size
                        and not self.para_gap(a, b)):
                    continue
            edge = max(getattr(seq[m][1], "x1", 0.0) for m in range(start, k))
            for m in range(start, k):
                runs[m], rights[m] = run, edge
            run, start = run + 1, k
        return runs, rights

    def stops_short(self, a: _Line | _Table, b: _Line | _Table, right: float) -> bool:
        """True when line ``a`` ended although the first word of line ``b`` would have fitted on
        it before ``right`` (the edge its lines reach): a line break the writer chose, so ``b``
        does not carry on ``a``'s text."""
        if not isinstance(a, _Line) or not isinstance(b, _Line) or re.search(r"\w-$", a.flat):
            return False
        first = b.words[0]
        return a.x1 + self.m.space * a.size + (first.x1 - first.x0) < right - 1

    def table(self, p: int, t: _Table) -> None:
        self.blank()
        header = self.headers.get(t.number)
        for cells, merged in t.rows:
            is_header = False
            if not merged:
                if header is None:
                    header = self.headers[t.number] = cells
                    is_header = True
                elif t.continued and _same(cells, header):
                    is_header = True
            text = cells[0] if merged else "\t".join(cells)
            if not text.strip():
                continue
            self.add(text, p, LineHint("row", table=t.number, cells=cells, header=is_header, merged=merged))
        self.blank()

    def heading(self, seq, i: int, kind: str, width: float) -> tuple[int, bool]:
        """Emit the heading starting at ``seq[i]``, joined with the lines it wraps onto; the index
        after those lines, and False (nothing emitted) when they are too long for a heading."""
        p, e = seq[i]
        group = [e]
        j = i + 1
        while j < len(seq) and len(group) < 4:
            q, nxt = seq[j]
            if q != p or not isinstance(nxt, _Line) or self.heading_kind(nxt) != kind or nxt.size != e.size:
                break
            last = group[-1]
            if nxt.top - last.bottom > 0.6 * e.size or nxt.number or _SECTION_MARK.match(nxt.words[0].text):
                break
            # large type set line under line is one heading (a title broken by hand); bold type
            # at body size only where the line wrapped
            if kind == "bold" and not self.wraps(last, nxt, width):
                break
            group.append(nxt)
            j += 1
        text = ""
        for line in group:
            text = _join(text, line.flat)
        words = len(text.split())
        if kind == "size":
            ok = words <= _HEADING_WORDS and len(text) <= 160 and not (text.endswith(".") and words > 8)
        else:
            ok = words <= _BOLD_WORDS and not text.endswith((".", ":", ";", ","))
        if not ok:
            return j, False
        self.blank()
        n = self.add(text, p, LineHint("heading", level=0))
        if kind == "size" and n:
            self.heading_size[n] = e.size
        self.blank()
        self.stack.clear()
        return j, True

    def item(self, seq, i: int, left: float, right: float) -> int:
        p, e = seq[i]
        x = e.x0
        while self.stack and self.stack[-1] > x + 3:
            self.stack.pop()
        if self.stack and abs(self.stack[-1] - x) <= 3:
            pass
        elif not self.stack or x > self.stack[-1]:
            self.stack.append(x)
        else:
            self.stack[:] = [x]
        depth = len(self.stack) - 1
        text = e.flat
        j, last = i + 1, e
        while j < len(seq):
            q, nxt = seq[j]
            if (not isinstance(nxt, _Line) or nxt.bullet or nxt.number or nxt.size != e.size
                    or nxt.bold != e.bold):
                break
            if q == seq[j - 1][0]:
                if self.para_gap(last, nxt):
                    break
            elif q != seq[j - 1][0] + 1:
                break  # an item that ends its page carries on only at the top of the next
            if _is_field_line(nxt.flat):
                break  # "Lead: Head of Fostering" under the item's text is its field, not its text
            hanging = abs(nxt.x0 - e.text_x) <= 3
            # a line wrapped back under the bullet: the line above filled the width and stopped
            # mid-sentence, or this one opens in lower case
            under = abs(nxt.x0 - e.x0) <= 1.5 and q == seq[j - 1][0] and (
                nxt.flat[:1].islower() or last.x1 >= right - 0.15 * max(right - left, 1.0)
                and not last.flat.endswith((".", "!", "?", ":", ";")))
            if not (hanging or under):
                break
            text = _join(text, nxt.flat)
            last = nxt
            j += 1
        self.add("  " * (depth + 1) + "• " + text, p, LineHint("item", level=depth, marker="•"))
        return j

    def numbered(self, seq, i: int) -> int:
        p, e = seq[i]
        text = e.flat
        j, last = i + 1, e
        if e.text_x - e.x0 > 4:
            while j < len(seq):
                q, nxt = seq[j]
                if (q != p or not isinstance(nxt, _Line) or nxt.bullet or nxt.number or nxt.size != e.size
                        or len(nxt.segments) > 1 or abs(nxt.x0 - e.text_x) > 3 or self.para_gap(last, nxt)):
                    break
                text = _join(text, nxt.flat)
                last = nxt
                j += 1
        if self.stack and e.x0 < self.stack[0] - 3:
            self.stack.clear()
        self.add(text, p)
        return j

    def levels(self) -> None:
        """Heading levels from their sizes: 1 for the largest, 2 for the next..."""
        sizes = sorted(set(self.heading_size.values()), reverse=True)
        level_of: dict[float, int] = {}
        level, top = 0, None
        for s in sizes:
            if top is None or s < top - 0.6:
                level += 1
                top = s
            level_of[s] = min(level, 6)
        for n, s in self.heading_size.items():
            self.hints[n] = LineHint("heading", level=level_of[s])
