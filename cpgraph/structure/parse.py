"""Lines into blocks: headings, list items, paragraphs, fields and tables, each with its span.

What a format knows for certain (``LineHint``: HTML's ``<h2>`` and ``<li>``, Word's heading
styles, a PDF's table cells) is taken as given; everything else is read from the shape of the
lines: markers, numbers, capitals, colons, column gaps, and where a hard-wrapped line carries on.
"""

from __future__ import annotations

import re

from cpgraph.read.text import LineHint
from cpgraph.resolve import clean
from cpgraph.structure import runon
from cpgraph.structure.blocks import Block, Field, Heading, Item, Paragraph, Row, Table
from cpgraph.structure.shapes import (
    Marker,
    column_starts,
    dangles,
    ends_sentence,
    field_of,
    heading_shaped,
    is_pipe_rule,
    is_upper,
    known_field,
    labelled_of,
    marker_of,
    number_value,
    numbered_of,
    table_cells,
)

# A short line that opens like a sentence ("We will keep you safe", "You are listened to") is a
# heading only when a list follows it.
_SENTENCE_OPENING = re.compile(r"^(?:We|You|I|They|He|She|It|There|This|These|Everyone|All)\s+[a-z’']+\b")
# "Keeping in touch – we will help you …", "Stability - “We will …”": a label and its detail.
_LABEL_DETAIL = re.compile(r"^[^–—:]{2,60}?\s(?:[-–—]|:)\s*(?:[“\"'‘]|[a-z])")


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its paragraphs run on one line.

    A wrapped text has most of its longer lines just under one width, and few beyond it. The
    lines followed by another line of their block are the ones a wrap broke; where there are
    enough of them they alone are measured (long single-line paragraphs, quotations and
    captions beside wrapped text say nothing of its width)."""
    inner = [ln for ln, nxt in zip(lines, lines[1:], strict=False) if nxt.strip()]
    width = _width_of(inner)
    return width if width is not None else _width_of(lines)


def _width_of(lines: list[str]) -> int | None:
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.strip()) >= 30)
    if len(lengths) < 6:
        return None
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    if p90 > 130 or p90 < 40:
        return None
    near = sum(1 for n in lengths if p90 - 20 <= n <= p90 + 2)
    beyond = sum(1 for n in lengths if n > p90 + 12)
    return p90 if near >= 0.4 * len(lengths) and beyond <= 0.05 * len(lengths) else None


# Image alt text run into the heading after it: "Two young people at a workshopWe will:",
# "A teenager with a nurse2. Healthy in body and mind".
_GLUED = re.compile(r"^(?P<alt>[A-Z][^.!?:;|\t]{8,100}?[a-z])(?P<rest>(?:\d{1,2}[.)]\s+|(?:We|Our|Your|How|What|Why|When|Where|Who|Priority|Pledge|Promise)\b)\S.*)$")


def unglue(raw: str) -> str:
    """``raw`` without a caption run into the start of it (see ``_GLUED``)."""
    m = _GLUED.match(raw.strip())
    if not m or len(m.group("alt").split()) < 3:
        return raw
    return m.group("rest")


class _Parser:
    def __init__(self, lines: list[str], hints: dict[int, LineHint]) -> None:
        self.raw = [ln if (n + 1) in hints else unglue(ln) for n, ln in enumerate(lines)]
        self.n = len(lines)
        self.hints = hints
        self.width = wrap_width(["" if i in hints else ln for i, ln in enumerate(lines, 1)])
        self.hanging = False  # list items seen wrapping under their text, not back at the margin
        self.blocks: list[Block] = []

    # ---- line helpers -------------------------------------------------------------------------
    def blank(self, i: int) -> bool:
        return not self.raw[i].strip()

    def hint(self, i: int) -> LineHint | None:
        return self.hints.get(i + 1)

    def next_filled(self, i: int) -> int | None:
        j = i + 1
        while j < self.n and self.blank(j):
            j += 1
        return j if j < self.n else None

    def marker(self, i: int) -> Marker | None:
        h = self.hint(i)
        if h is not None and h.kind != "para":
            return None
        return marker_of(self.raw[i])

    def structural(self, i: int) -> bool:
        """True when line ``i`` opens a block of its own whatever precedes it: a hint, a list
        marker, a table row, a labelled heading or field, or an upper-case heading."""
        h = self.hint(i)
        if h is not None:
            return True
        raw = self.raw[i]
        if marker_of(raw) or labelled_of(raw) or table_cells(raw) or is_pipe_rule(raw):
            return True
        text = clean(raw)
        return is_upper(text) and heading_shaped(text)

    def continues(self, before: str, i: int) -> bool:
        """True when line ``i`` carries on the text ``before`` (the last physical line of the
        block so far): it opens in lower case, the line before stops mid-sentence at a dangling
        word, or the text is hard-wrapped and the line before reached the wrapping width."""
        if self.blank(i):
            return False
        nxt = clean(self.raw[i])
        last = before.rstrip()
        if last and dangles(last) and is_upper(last) and is_upper(nxt) and heading_shaped(nxt):
            return True  # an upper-case heading broken over two lines ("… CARE AND" / "EXPLOITATION")
        if last and self.ends_with_number(last, self.raw[i]):
            return True  # "… before they turn" / "18.": a number ending the sentence, not a marker
        if not last or last.endswith(":") or self.structural(i):
            return False
        if dangles(last):
            # "… if they both want to" / "Having a say": a sentence may end on "to"; never on "and"
            ends_on = last.split()[-1].casefold()
            return not (ends_on in ("to", "in", "on", "for", "with", "about", "by") and self.stands_as_heading(i))
        if nxt[:1].islower() or nxt[:1] in "(&":
            return True
        if not ends_sentence(last) and re.match(r"^[A-Z][\w'’-]*,\s", nxt) and not heading_shaped(nxt):
            return True  # "Ms Jo Bloggs, Virtual School" / "Headteacher, presented the report"
        if self.width is None or ends_sentence(last) and (nxt.endswith(":") or nxt[:1] in "\"“‘'"):
            return False  # a lead-in ("Next year we will:") or a quotation after a full stop starts anew
        if len(last) + 1 + len(nxt.split()[0]) <= self.width - 6:
            # its first word would have fitted on the line before, with room to spare for a
            # wrapper that counts the marker or a margin differently: the writer broke the line
            return False
        if len(last) >= 0.72 * self.width and not ends_sentence(last):
            return True
        if len(last) < self.width - 14:
            return False
        if not heading_shaped(nxt):
            return True
        # a long line whose first word could not have fitted on the line before: the break is
        # the wrapping's, not the writer's, even after a full stop
        return len(last) + 1 + len(nxt.split()[0]) > self.width and len(nxt) >= 0.72 * self.width

    def heads_text(self, before: str, k: int) -> bool:
        """True when line ``k``, after a blank line, is a heading over the text straight below it
        ("… if you want us to" / "" / "Somewhere to live" / "There are lots of ways …"): a sentence
        may end on "to", so the line is not the broken end of the one before."""
        ends_on = before.split()[-1].casefold() if before.split() else ""
        return ends_on in ("to", "in", "on", "for", "with", "about", "by", "up") and heading_shaped(clean(self.raw[k])) \
            and k + 1 < self.n and not self.blank(k + 1)

    def ends_with_number(self, text: str, raw: str) -> bool:
        """True when ``raw`` is a number alone ("18.") that ends the sentence ``text`` left open
        ("… before they turn"), not a list marker."""
        lone = marker_of(raw)
        return lone is not None and not lone.text and re.fullmatch(r"\d{1,3}[.)]", lone.mark) is not None \
            and not ends_sentence(text) and not text.rstrip().endswith(":")

    def one_sentence_items(self) -> bool:
        """True when the two or more items before the one being read, in the same list, are
        each one sentence ending with a full stop."""
        items: list[Item] = []
        for block in reversed(self.blocks[:-1]):
            if not isinstance(block, Item):
                break
            items.append(block)
        return len(items) >= 2 and all(
            ends_sentence(b.text) and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", b.text) for b in items)

    def wrapped_before(self, last: str, j: int) -> bool:
        """True when the text is hard-wrapped and the first word of line ``j`` could not have
        fitted on the line ``last`` above it: the break is the wrapping's."""
        words = clean(self.raw[j]).split()
        return self.width is not None and bool(words) and len(last.rstrip()) + 1 + len(words[0]) > self.width \
            and len(last.rstrip()) >= 0.6 * self.width

    def stands_as_heading(self, i: int) -> bool:
        """True when line ``i`` is heading-shaped and a list or a lead-in comes straight after
        it: a heading, even after a line that seems to stop mid-sentence."""
        text = clean(self.raw[i])
        if not heading_shaped(text) or _SENTENCE_OPENING.match(text):
            return False
        j = self.next_filled(i)
        return j is not None and j - i <= 2 and (
            self.marker(j) is not None or clean(self.raw[j]).endswith(":"))

    # ---- the walk -----------------------------------------------------------------------------
    def run(self) -> list[Block]:
        i = 0
        while i < self.n:
            if self.blank(i):
                i += 1
                continue
            h = self.hint(i)
            if h is not None and h.kind == "row":
                i = self.hinted_table(i)
            elif h is not None and h.kind == "heading":
                self.heading_from_hint(i, h)
                i += 1
            elif h is not None and h.kind == "item":
                i = self.hinted_item(i, h)
            elif h is None and self.table_starts(i):
                i = self.text_table(i)
            elif h is None and is_pipe_rule(self.raw[i]):
                i += 1
            else:
                i = self.line_block(i, para=h is not None)
        runon.split_run_on_paragraphs(self.blocks)
        runon.split_merged_items(self.blocks)
        _nest_lists(self.blocks)
        runon.mark_truncated_end(self.blocks, self.raw)
        return self.blocks

    # ---- hinted blocks ------------------------------------------------------------------------
    def heading_from_hint(self, i: int, h: LineHint) -> None:
        text = clean(self.raw[i])
        number, label, rest, _style = _split_heading(text)
        self.blocks.append(Heading(rest, i + 1, i + 1, level=h.level, number=number, label=label,
                                   style="hint" if h.level else "emphasis",
                                   written=_written(text, number)))

    def hinted_item(self, i: int, h: LineHint) -> int:
        text = clean(self.raw[i])
        m = marker_of(self.raw[i])
        if m is not None and m.text:
            text = m.text
        item = Item(text, i + 1, i + 1, marker=h.marker or "•", depth=h.level)
        fields: list[Field] = []  # "Lead: Head of Fostering" on a line of its own inside the item
        j = i + 1
        while j < self.n and (hj := self.hint(j)) is not None and hj.kind == "item_cont":
            f = field_of(self.raw[j])
            if f is not None and known_field(f[0]):
                fields.append(Field(f[0], f[1], j + 1, j + 1))
            elif fields:
                fields[-1].value = clean(f"{fields[-1].value} {self.raw[j]}")
                fields[-1].end = j + 1
            else:
                item.text = clean(f"{item.text} {self.raw[j]}")
                item.end = j + 1
            j += 1
        if fields:
            self.blocks.append(item)
            self.blocks.extend(fields)
            return j
        k = self.next_filled(j - 1)
        if dangles(item.text) and k is not None and k - j <= 1 and len(clean(self.raw[k]).split()) <= 6 \
                and ((hk := self.hint(k)) is None or hk.kind == "para" or hk.kind == "heading" and (
                    hk.level == 0 or _ends_on_determiner(item.text) and labelled_of(self.raw[k]) is None)):
            # an item broken off mid-phrase whose end a converter set apart ("… change your" /
            # "Leaving Care Advisor")
            item.text = clean(f"{item.text} {self.raw[k]}")
            item.end = k + 1
            j = k + 1
        self.blocks.append(item)
        return j

    def hinted_table(self, i: int) -> int:
        h = self.hint(i)
        assert h is not None
        table_id = h.table
        rows: list[Row] = []
        header: list[str] | None = None
        j = i
        while j < self.n:
            hj = self.hint(j)
            if hj is None and self.blank(j):
                j += 1
                continue
            if hj is None or hj.kind != "row" or hj.table != table_id:
                break
            cells = list(hj.cells)
            if header is None and not hj.merged:
                header = cells
            elif hj.header and header is not None and _same_cells(cells, header):
                pass  # the header row repeated on a later page
            else:
                rows.append(Row(cells, j + 1, j + 1, merged=hj.merged))
            j += 1
        end = max((r.end for r in rows), default=i + 1)
        self.blocks.append(Table(header or [], rows, i + 1, end))
        return j

    # ---- tables in text -----------------------------------------------------------------------
    def table_starts(self, i: int) -> bool:
        """True when a table of text (pipes, tabs or aligned columns) starts at line ``i``:
        this line and the next filled one are both rows of at least two cells."""
        first = table_cells(self.raw[i])
        if first is None or sum(1 for c in first if c) < 2:
            return False
        if _marker_cell(self.raw[i], first):
            return False  # "1.     Keep you informed": a list marker padded out, not a column
        j = self.next_filled(i)
        if j is None or j - i > 2:
            return False
        if is_pipe_rule(self.raw[j]):
            return True
        second = table_cells(self.raw[j])
        if second is None:
            return False
        if "|" in self.raw[i] or "\t" in self.raw[i]:
            return True
        a, b = column_starts(self.raw[i]), column_starts(self.raw[j])
        return sum(1 for x in a if any(abs(x - y) <= 2 for y in b)) >= 2

    def text_table(self, i: int) -> int:
        raw = self.raw[i]
        aligned = "|" not in raw and "\t" not in raw
        header = table_cells(raw) or []
        starts = column_starts(raw) if aligned else []
        rows: list[Row] = []
        j = i + 1
        while j < self.n:
            if self.blank(j):
                nxt = self.next_filled(j)
                if nxt is not None and nxt - j <= 1 and table_cells(self.raw[nxt]) is not None:
                    j += 1
                    continue
                break
            line = self.raw[j]
            if is_pipe_rule(line):
                j += 1
                continue
            cells = table_cells(line)
            if aligned:
                placed = _place(line, starts)
                if placed is None:
                    break
                if rows and _continues_row(placed, rows[-1]):
                    for k, text in enumerate(placed):
                        if text:
                            rows[-1].cells[k] = clean(f"{rows[-1].cells[k]} {text}")
                    rows[-1].end = j + 1
                elif sum(1 for c in placed if c) == 1 and placed[0] and heading_shaped(placed[0]):
                    rows.append(Row([placed[0]], j + 1, j + 1, merged=True))
                else:
                    rows.append(Row(placed, j + 1, j + 1))
            elif cells is None:
                if line.strip() and rows and not rows[-1].merged and not self.structural(j) and \
                        self.continues(rows[-1].cells[-1] if rows[-1].cells else "", j):
                    rows[-1].cells[-1] = clean(f"{rows[-1].cells[-1]} {line}")
                    rows[-1].end = j + 1
                    j += 1
                    continue
                break
            else:
                filled = [c for c in cells if c]
                if len(filled) == 1 and cells[0] and heading_shaped(cells[0]) and len(header) > 1:
                    rows.append(Row([cells[0]], j + 1, j + 1, merged=True))
                elif not _same_cells(cells, header):
                    rows.append(Row(cells + [""] * (len(header) - len(cells)), j + 1, j + 1))
            j += 1
        end = max((r.end for r in rows), default=i + 1)
        self.blocks.append(Table(header, rows, i + 1, end))
        return j

    # ---- lines read by their shape --------------------------------------------------------------
    def line_block(self, i: int, *, para: bool) -> int:
        raw = self.raw[i]
        m = self.marker(i)
        if m is not None and not m.text:
            return self.lone_marker(i, m)
        if m is not None:
            if m.family.startswith("number") and self.numbered_heading(i, m):
                heading = Heading(m.text.rstrip(":").strip().rstrip(" *†‡"), i + 1, i + 1,
                                  number=m.mark.strip("().").strip(), style="number")
                self.blocks.append(heading)
                return self.heading_runs_on(heading, i + 1)
            return self.item(i, m)
        num = numbered_of(raw)
        if num is not None and (f := field_of(num.text)) is not None and f[1] and len(f[0].split()) <= 3 \
                and not _is_sentence_label(f[0]):
            return self.field(i, f[0], f[1], para=para)  # "2.1 Chair: Lead Member for Children"
        if num is not None and (num.depth > 1 or not num.number.isdigit()):
            if heading_shaped(num.text) or num.text.endswith(":") and len(num.text.split()) <= 8:
                self.blocks.append(Heading(num.text.rstrip(":").strip(), i + 1, i + 1,
                                           number=num.number, style=f"number{num.depth}"))
                return i + 1
            return self.item(i, Marker(0, num.number, num.text))
        if (lab := labelled_of(raw)) is not None and len(clean(raw).split()) <= 40:
            if lab.numbered or not _LABEL_DETAIL.match(clean(raw)):
                self.blocks.append(Heading(lab.text.rstrip(":").strip(), i + 1, i + 1,
                                           label=lab.label, style="label",
                                           written=clean(raw).rstrip(":").strip()))
                return i + 1
        if (f := field_of(raw)) is not None and (known_field(f[0]) or not _is_sentence_label(f[0])):
            return self.field(i, f[0], f[1], para=para)
        return self.paragraph(i, para=para)

    def heading_runs_on(self, heading: Heading, j: int) -> int:
        """Join to ``heading`` the line straight below it when a hard wrap broke the heading:
        the heading stops on a word such as "from", or the line is a short tail such as
        "2024/25" or "and Families". The index after what was taken."""
        if j >= self.n or self.blank(j) or self.hint(j) is not None:
            return j
        if self.structural(j) and not (is_upper(heading.text) and is_upper(clean(self.raw[j]))):
            return j
        nxt = clean(self.raw[j])
        if ends_sentence(nxt) or nxt.endswith(":"):
            return j
        tail = len(nxt.split()) <= 3 and (nxt[:1].isdigit() or nxt[:1].islower())
        caps = is_upper(heading.text) and is_upper(nxt) and dangles(heading.text)  # "… CARE AND" / "EXPLOITATION"
        if dangles(heading.text) and len(nxt.split()) <= 6 or tail or caps:
            heading.text = clean(f"{heading.text} {nxt}")
            heading.written = ""
            heading.end = j + 1
            return j + 1
        return j

    def numbered_heading(self, i: int, m: Marker) -> bool:
        """A numbered line is a heading when it is short and what follows it is not the next
        item of the same numbered list ("2. Your health" above bullets, not "1. Homes" above
        "2. Health")."""
        text = m.text.rstrip(":").strip()
        if not heading_shaped(text) and not (m.text.endswith(":") and len(text.split()) <= 8):
            return False
        if _broken_off(text) and not is_upper(text):
            return False  # "2) Train all foster carers to spot the signs of": an item broken by a wrap
        j = self.next_filled(i)
        nxt = self.marker(j) if j is not None else None
        if nxt is not None and nxt.family == m.family and nxt.indent <= m.indent + 1 and _restarts(m.mark, nxt.mark):
            return True  # "2. Your health" over "1. We will …": a list that starts again under it
        if self.blocks and isinstance(self.blocks[-1], Item) and self.blocks[-1].end >= i - 1:
            prev = Marker(getattr(self.blocks[-1], "indent", 0), self.blocks[-1].marker, "")
            if prev.family == m.family and _follows(prev.mark, m.mark) and not (
                    self.blocks[-1].end < i and self.next_section_number(m)):
                return False  # "4. Work with schools to:" after "3. …": the next item of a list
        if j is None:
            return True
        if nxt is not None and nxt.family == m.family and nxt.indent <= m.indent + 1:
            return False
        if j == i + 1 and nxt is None and self.hint(j) is None and self.continues(self.raw[i], j):
            # a line straight below it that carries it on makes it a sentence, unless the two
            # together are still a short heading ("4. Voice of children in care – update from" /
            # "Harrowden Voices")
            nxt_text = clean(self.raw[j])
            joined = f"{text} {nxt_text}"
            return len(nxt_text.split()) <= 6 and heading_shaped(joined) and not ends_sentence(nxt_text) \
                and not _broken_off(joined)
        return True

    def next_section_number(self, m: Marker) -> bool:
        """True when ``m`` numbers the section after the last numbered heading ("3. Leaving care"
        after the section "2. Education", though a list numbered 1, 2 ends just above it)."""
        last = next((b for b in reversed(self.blocks) if isinstance(b, Heading) and b.style == "number"), None)
        return last is not None and last.number is not None and _follows(last.number, m.mark) \
            and number_value(last.number) is not None

    def lone_marker(self, i: int, m: Marker) -> int:
        j = self.next_filled(i)
        if j is None or j - i > 2 or self.marker(j) is not None or self.hint(j) is not None:
            return i + 1
        item = Item(clean(self.raw[j]), i + 1, j + 1, marker=m.mark, depth=0)
        item.indent = m.indent  # type: ignore[attr-defined]
        self.blocks.append(item)
        return self.carry_on(item, j + 1, m.indent)

    def item(self, i: int, m: Marker) -> int:
        item = Item(m.text, i + 1, i + 1, marker=m.mark, depth=0)
        item.indent = m.indent  # type: ignore[attr-defined]
        self.blocks.append(item)
        return self.carry_on(item, i + 1, m.indent)

    def carry_on(self, item: Item, j: int, indent: int) -> int:
        """Join to ``item`` the lines from ``j`` that carry it on; the index after them."""
        last = self.raw[j - 1]
        while j < self.n and not self.blank(j) and self.hint(j) is None:
            raw = self.raw[j]
            if (f := field_of(raw)) is not None and known_field(f[0]):
                break  # "  Lead: Head of Fostering" under an item is the item's field
            deeper = len(raw) - len(raw.lstrip()) > indent and (
                not self.structural(j) or self.ends_with_number(item.text, raw))
            if not deeper and self.hanging and not clean(raw)[:1].islower():
                break  # the items wrap under their text: a line back at the margin is not theirs
            if not deeper and ends_sentence(item.text) and _new_subject(clean(raw)) and self.one_sentence_items():
                break  # items of one sentence each: a sentence with a subject of its own after one is a paragraph
            if not (deeper or self.continues(last, j)):
                break
            if deeper and not self.structural(j) and j == item.start and not clean(raw)[:1].islower():
                self.hanging = True
            item.text = clean(f"{item.text} {raw}")
            item.end = j + 1
            last = raw
            j += 1
        k = self.next_filled(j - 1)
        if dangles(item.text) and k is not None and k == j + 1 and self.hint(k) is None \
                and not self.structural(k) and len(clean(self.raw[k]).split()) <= 6 \
                and not self.heads_text(item.text, k):
            # the end of a broken item set in a paragraph of its own ("… change your" / "" /
            # "Leaving Care Advisor")
            item.text = clean(f"{item.text} {self.raw[k]}")
            item.end = k + 1
            j = k + 1
        return j

    def field(self, i: int, label: str, value: str, *, para: bool) -> int:
        f = Field(label, value, i + 1, i + 1)
        j = i + 1
        last = self.raw[i]
        # a field's value runs on only where the line below plainly carries it on (lower case, the
        # value stops mid-phrase, or its first word could not have fitted on a hard-wrapped line):
        # a field line is short by nature, so being short says nothing
        while j < self.n and not para and value and self.hint(j) is None and not self.blank(j) \
                and not self.structural(j) and (clean(self.raw[j])[:1].islower() or dangles(last)
                                                or self.wrapped_before(last, j) and field_of(self.raw[j]) is None):
            f.value = clean(f"{f.value} {self.raw[j]}")
            f.end = j + 1
            last = self.raw[j]
            j += 1
        if not value:
            # "Expected outcome:" with its value in the paragraph below; "Membership:" above a
            # list introduces the list instead
            k = self.next_filled(i)
            if k is None or k - i > 2 or self.structural(k) or field_of(self.raw[k]):
                self.blocks.append(Paragraph(f"{label}:", i + 1, i + 1, lead_in=True))
                return i + 1
            end = self.paragraph_end(k)
            f.value = clean(" ".join(self.raw[k:end]))
            f.end = end
            j = end
        self.blocks.append(f)
        return j

    def paragraph_end(self, i: int) -> int:
        j = i + 1
        while j < self.n and self.hint(j) is None:
            if self.continues(self.raw[j - 1], j):
                j += 1
                continue
            k = self.next_filled(j - 1)
            if (k is not None and 0 < k - j <= 3 and self.hint(k) is None and not self.structural(k)
                    and not ends_sentence(self.raw[j - 1]) and not self.raw[j - 1].rstrip().endswith(":")
                    and clean(self.raw[k])[:1].islower()):
                j = k + 1  # a sentence broken by a page break: "… Permanence" / "" / "and Fostering …"
                continue
            break
        return j

    def paragraph(self, i: int, *, para: bool) -> int:
        end = i + 1 if para else self.paragraph_end(i)
        text = clean(" ".join(self.raw[i:end]))
        if end == i + 1 and self.is_heading(i, text, para=para):
            style = "caps" if is_upper(text) else "plain"
            number, label, rest, _s = _split_heading(text)
            self.blocks.append(Heading(rest, i + 1, i + 1, number=number, label=label, style=style,
                                       written=_written(text, number)))
            return end
        self.blocks.append(Paragraph(text, i + 1, end, lead_in=text.endswith(":")))
        return end

    def is_heading(self, i: int, text: str, *, para: bool) -> bool:
        """A short line standing apart is a heading: upper case, or heading-shaped and not a
        sentence that merely lacks its full stop (unless a list follows it), nor a
        "label – detail" line."""
        if not heading_shaped(text) or _LABEL_DETAIL.match(text):
            return False
        if is_upper(text):
            return True
        j = self.next_filled(i)
        follows_list = j is not None and (self.marker(j) is not None or (
            (hj := self.hint(j)) is not None and hj.kind in ("item", "row"))
            or clean(self.raw[j]).endswith(":"))
        if _SENTENCE_OPENING.match(text) and not follows_list:
            return False
        if j is None:
            return len(text.split()) <= 8
        if not para and self.width is not None and len(self.raw[i].rstrip()) >= self.width - 14:
            return False
        return True


# Words that open a sentence carrying on the one before it ("This will support staff …").
_REFERRING = frozenset("this these that those it its they their them such which so and but also we you".split())


def _new_subject(text: str) -> bool:
    """True when ``text`` opens a sentence with a subject of its own ("The Designated Nurse
    will lead …"), not one referring back ("This will …", "It means …")."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and re.sub(r"[^\w]", "", words[0]).casefold() not in _REFERRING


def _broken_off(text: str) -> bool:
    """True when ``text`` stops where no heading can ("… the signs of", "… exploitation; and"):
    on a comma or semicolon, an article, "of" or a conjunction ("Moving on" and "What we are
    aiming for" are headings)."""
    text = text.rstrip()
    words = text.split()
    return bool(words) and (text[-1] in ",;" or re.sub(r"[^\w]", "", words[-1]).casefold() in (
        "and", "or", "of", "the", "a", "an", "nor", "but"))


def _follows(before: str, mark: str) -> bool:
    """True when the list marker ``mark`` comes next after ``before`` ("4." after "3."), or when
    either is not a number (symbols follow each other)."""
    a, b = number_value(before.strip("().")), number_value(mark.strip("()."))
    return a is None or b is None or b == a + 1


def _restarts(mark: str, after: str) -> bool:
    """True when the list marker ``after`` numbers from the start again after ``mark`` ("1."
    after "2.", "1." after "1."): a new list, not the next item."""
    a, b = number_value(mark.strip("().")), number_value(after.strip("().")) if after else None
    return a is not None and b is not None and b <= a and b == 1


def _ends_on_determiner(text: str) -> bool:
    """True when ``text`` stops on a word no sentence ends on ("… change your", "… with the")."""
    words = text.rstrip().split()
    return bool(words) and words[-1].casefold() in {"a", "an", "the", "our", "your", "their", "its", "my", "his",
                                                     "her", "of", "with", "for", "and", "or"}


def _is_sentence_label(label: str) -> bool:
    """A "label" that is the start of a sentence ("We will", "Over the life of this plan, we
    will"): the line is a lead-in, not a field."""
    words = label.casefold().replace("’", "'").split()
    return bool({"we", "will", "you", "i", "we'll", "shall"} & set(words))


def _split_heading(text: str) -> tuple[str | None, str | None, str, str]:
    """``(number, label, rest, style)`` of a heading's text."""
    if (lab := labelled_of(text)) is not None and lab.numbered:
        return None, lab.label, lab.text.rstrip(":").strip(), "label"
    m = marker_of(text)
    if m is not None and m.text and m.family.startswith(("number", "letter", "roman")):
        return m.mark.strip("().").strip(), None, m.text.rstrip(":").strip(), "number"
    if (num := numbered_of(text)) is not None:
        return num.number, None, num.text.rstrip(":").strip(), f"number{num.depth}"
    return None, None, text.rstrip(":").strip(), "plain"


def _written(text: str, number: str | None) -> str:
    """A heading as written with a bare section number taken off the front and a footnote mark
    ("*", "†") off the end."""
    text = text.rstrip(":").strip().rstrip(" *†‡").strip()
    if number:
        text = re.sub(rf"^\(?{re.escape(number)}[.):]?\s*", "", text).strip()
    return text


def _marker_cell(raw: str, cells: list[str]) -> bool:
    """True when an aligned line is a list item padded out ("1.     Keep you informed"): a
    marker alone in the first cell and one cell of text after it (a numbered row of a table
    has more columns)."""
    filled = [c for c in cells if c]
    if marker_of(raw) is None or len(filled) != 2:
        return False
    return re.fullmatch(r"\(?[a-z0-9]{1,4}[.)]|[^\w\s]", filled[0].casefold()) is not None


def _same_cells(a: list[str], b: list[str]) -> bool:
    return [clean(x).casefold() for x in a if x] == [clean(x).casefold() for x in b if x]


def _place(raw: str, starts: list[int]) -> list[str] | None:
    """The cells of an aligned row, each text placed in the column whose start is nearest at or
    before it; None when the line does not fit the columns (running text)."""
    line = raw.replace("\u00a0", " ").expandtabs(8).rstrip()
    cells = [""] * len(starts)
    pieces = [(m.start(), m.group(0)) for m in re.finditer(r"\S(?:.*?\S)??(?= {3,}|$)", line)]
    if not pieces:
        return None
    for pos, text in pieces:
        k = max((n for n, s in enumerate(starts) if s <= pos + 2), default=None)
        if k is None:
            return None
        cells[k] = clean(f"{cells[k]} {text}")
    if len(pieces) == 1 and pieces[0][0] < starts[0] + 3 and len(pieces[0][1]) > 1.5 * (
            (starts[1] - starts[0]) if len(starts) > 1 else 40) + 10:
        return None  # a long line from the left margin: running text below the table
    return cells


def _continues_row(cells: list[str], row: Row) -> bool:
    """A line of an aligned table carries on the row above when its first column is empty (a
    cell wrapped onto the next line), or its first column carries on a first cell that stopped
    mid-sentence."""
    if row.merged:
        return False
    if not cells[0]:
        return True
    return bool(row.cells) and (cells[0][:1].islower() or dangles(row.cells[0]))


def _nest_lists(blocks: list[Block]) -> None:
    """Give each list item read from text its depth: an item indented deeper, or with a marker
    of another kind than the item before it, is nested under that item; an item with the marker
    and indent of an item higher up returns to that level."""
    stack: list[tuple[int, str]] = []  # (indent, marker family) per depth
    previous: Block | None = None
    for block in blocks:
        indent = getattr(block, "indent", None)
        if not isinstance(block, Item) or indent is None:
            previous = block
            continue
        family = Marker(indent, block.marker, block.text).family
        if family.startswith("roman") and isinstance(previous, Item) and _next_letter(previous.marker, block.marker):
            family = "letter" + family[5:]  # "(i)" after "(h)": the ninth letter, not one in roman
        if not isinstance(previous, Item) or not stack:
            stack = [(indent, family)]
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == family and abs(stack[depth][0] - indent) <= 1:
                    del stack[depth + 1:]
                    break
            else:
                while len(stack) > 1 and stack[-1][0] > indent + 1:
                    stack.pop()
                stack.append((indent, family))
        block.depth = len(stack) - 1
        previous = block
    for block in blocks:
        if hasattr(block, "indent"):
            del block.indent  # type: ignore[attr-defined]


def _next_letter(before: str, mark: str) -> bool:
    """True when ``mark`` is the letter after ``before`` written alike ("(h)" then "(i)")."""
    a, b = before.strip("()."), mark.strip("().")
    return len(a) == len(b) == 1 and a.isalpha() and ord(b) == ord(a) + 1 and \
        before.replace(a, "") == mark.replace(b, "")


def parse_blocks(lines: list[str], hints: dict[int, LineHint] | None = None) -> list[Block]:
    """The blocks of a document's lines, in order, each with its 1-based line span.

    Promises: every non-blank line belongs to at most one block; hinted lines are read as their
    hint says; hard-wrapped lines are joined; lists get their nesting depth; two list items run
    together on one line are split.
    """
    return _Parser(lines, hints or {}).run()
