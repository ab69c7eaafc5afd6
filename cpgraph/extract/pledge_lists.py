"""The pledge-document layout: a pledge document (``Care Leavers Pledge``) written as capitalised
sections, each a heading, an intro line such as ``We will:`` and a list of bullets.

Each section is a pledge whose group is the document heading above it; OCR-damaged headings are
repaired and flagged. Also home of the bullet-list reader the other layouts share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from cpgraph import lexicon
from cpgraph.extract.ocr import (
    Prose,
    Repair,
    flag_repairs,
    prose_words,
    repair_heading,
    repair_prefix,
)
from cpgraph.model import Action, Named, Pledge, QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_SYMBOL = r"[-•·*–—▪●○◦‣⁃➢✓\u2022\uf0b7]|[\ue000-\uf8ff]"
_NUMBER = r"\(?\d{1,2}[.)](?=\s)"
_LETTER = r"\((?:[ivx]{1,4}|[a-z])\)|(?:[ivx]{1,4}|[a-z])\)(?=\s)"
_BULLET = re.compile(rf"^(\s*)({_SYMBOL}|{_NUMBER}|{_LETTER})\s*(.*)$")


@dataclass
class Item:
    """One list item: its text (broken lines joined) and the lines it came from (1-based)."""

    text: str
    start: int
    end: int


def bullet(line: str) -> tuple[int, str, str] | None:
    """``(indent, kind, text)`` when ``line`` is a list item (``-``, ``•``, ``1.``, ``(i)``,
    private-use glyphs …); ``kind`` is ``symbol``, ``number`` or ``letter``. None otherwise."""
    m = _BULLET.match(line)
    if not m or not m.group(3).strip():
        return None
    marker = m.group(2)
    kind = "number" if marker[-1] in ".)" and any(c.isdigit() for c in marker) else (
        "letter" if marker.endswith(")") else "symbol")
    return len(m.group(1).expandtabs()), kind, clean(m.group(3))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(lexicon.load("headings")["function_words"])


def _dangles(text: str) -> bool:
    """True when ``text`` stops on a word such as ``the``, ``of`` or ``your``: it is unfinished."""
    words = text.rstrip().split()
    return bool(words) and words[-1].casefold() in _function_words()


def _continues(previous: str, raw: str) -> bool:
    """True when ``raw`` (a non-bullet line right after an item) carries on that item."""
    if not raw.strip() or raw.rstrip().endswith(":"):
        return False
    return raw[:1].isspace() or raw.lstrip()[:1].islower() or _dangles(previous)


def read_bullets(lines: list[str], start: int) -> tuple[list[Item], int]:
    """The list beginning at 1-based line ``start`` (blank lines before it skipped).

    Promises the items in order, each with the line range it spans: a line that carries on the
    previous item (indented, lower-case, or after a dangling ``the``/``your``…) is joined to it;
    deeper-indented items of another marker kind are nested items and kept; blank lines between
    items of the list are allowed. Returns the items and the 1-based line after the list (``start``
    itself and no items when no list begins there)."""
    n = start
    while n <= len(lines) and not lines[n - 1].strip():
        n += 1
    first = bullet(lines[n - 1]) if n <= len(lines) else None
    if first is None:
        return [], start
    indent, kind = first[0], first[1]
    items: list[Item] = []
    while n <= len(lines):
        raw = lines[n - 1]
        parsed = bullet(raw)
        if parsed and (parsed[1] == kind or parsed[0] > indent):
            items.append(Item(parsed[2], n, n))
            n += 1
            continue
        if parsed is None and items and raw.strip() and _continues(items[-1].text, raw):
            items[-1].text = clean(f"{items[-1].text} {raw}")
            items[-1].end = n
            n += 1
            continue
        if not raw.strip():
            ahead = n
            while ahead <= len(lines) and not lines[ahead - 1].strip():
                ahead += 1
            nxt = bullet(lines[ahead - 1]) if ahead <= len(lines) else None
            if nxt and nxt[1] == kind:
                n = ahead
                continue
            if nxt is None and ahead <= len(lines) and items and _dangles(items[-1].text):
                # a reader put the end of a broken item in a paragraph of its own
                items[-1].text = clean(f"{items[-1].text} {lines[ahead - 1]}")
                items[-1].end = ahead
                n = ahead + 1
                continue
        break
    return items, n


@cache
def _lexicon() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str], int]:
    lex = lexicon.load("pledge_lists")
    intros = "|".join(re.escape(x) for x in sorted(lex["intro_lines"], key=len, reverse=True))
    intro_re = re.compile(rf"^(?:{intros})\s*(?::|…|\.\.\.)?$", re.I)
    return intro_re, tuple(lex["document_nouns"]), frozenset(lex["determiners"]), int(lex["max_heading_words"])


def is_intro(line: str) -> bool:
    """True when ``line`` is a list intro such as ``We will:``."""
    return bool(_lexicon()[0].match(clean(line)))


def is_heading(line: str) -> bool:
    """True when ``line`` reads as a heading: short, not a list item, not ending a sentence."""
    text = clean(line)
    max_words = _lexicon()[3]
    return bool(text) and bullet(line) is None and len(text.split()) <= max_words \
        and not text.endswith((".", ":", ";", ",")) and not is_intro(text) and text[:1].isupper()


def _previous_nonblank(lines: list[str], n: int) -> int | None:
    """1-based number of the last non-blank line before line ``n``."""
    k = n - 1
    while k >= 1 and not lines[k - 1].strip():
        k -= 1
    return k if k >= 1 else None


def _next_nonblank(lines: list[str], n: int) -> int | None:
    k = n + 1
    while k <= len(lines) and not lines[k - 1].strip():
        k += 1
    return k if k <= len(lines) else None


def document_heading(line: str, prose: Prose | None = None) -> str | None:
    """The name of the pledge document ``line`` heads (``Care Leavers Pledge``), or None.

    A short heading naming a pledge, charter, promise … after a word of its own (not ``Our
    pledges``), damage from text recognition repaired; words after the document noun (a
    council's name) are dropped."""
    _i, nouns, determiners, max_words = _lexicon()
    if not is_heading(line):
        return None
    repair = repair_prefix(line, prose)
    words = (repair.text if repair is not None else clean(line)).split()
    for index, word in enumerate(words):
        bare = re.sub(r"[^\w]", "", word).casefold()
        if index == 0 or not any(fuzz.ratio(bare, noun) >= 80 for noun in nouns):
            continue
        if all(w.casefold() in determiners for w in words[:index]):
            return None
        name = " ".join(words[: index + 1])
        return _title(name)
    return None


def _title(text: str) -> str:
    """Upper-case headings in title case (small words lower); other text as written."""
    if not text.isupper():
        return text
    small = _function_words()
    words = text.casefold().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


@dataclass
class _Section:
    heading: int  # 1-based line numbers
    intro: int
    items: list[Item]
    end: int  # line after the list


def _sections(doc: TextDocument) -> list[_Section]:
    lines = doc.lines
    found = []
    for n, raw in enumerate(lines, start=1):
        if not is_intro(raw):
            continue
        heading = _previous_nonblank(lines, n)
        if heading is None or not is_heading(lines[heading - 1]):
            continue
        items, end = read_bullets(lines, n + 1)
        if items:
            found.append(_Section(heading, n, items, end))
    return found


@cache
def _post_pattern() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in sorted(lexicon.load("posts")["post_heads"], key=len, reverse=True))
    return re.compile(rf"\b((?:[A-Z][\w’'-]*\s+){{1,4}}(?:{heads}))\b")


def named_posts(text: str) -> list[str]:
    """Posts named with capitals in ``text`` (``your Leaving Care Advisor`` → ``Leaving Care Advisor``)."""
    return [m.group(1) for m in _post_pattern().finditer(text)]


class PledgeListLayout:
    """Pledge documents written as headed sections of ``We will:`` bullets."""

    name = "pledge_lists"

    def detect(self, doc: TextDocument) -> float:
        """Half a point per headed ``We will:`` section with bullets (so two sections suffice)."""
        return min(1.0, len(_sections(doc)) / 2)

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add one pledge per section (grouped under its pledge document), the pledge documents
        as initiatives, posts the actions name as officers, and flags for repaired headings and
        pledge documents whose body is missing."""
        lines = doc.lines
        prose = prose_words(doc)
        repairs: list[tuple[str, int]] = []
        group: str | None = None
        previous_end: int | None = None
        for section in _sections(doc):
            above = _previous_nonblank(lines, section.heading)
            # a section straight after the previous one's list stays in the same document
            same_document = previous_end is not None and above is not None and above < previous_end
            if not same_document:
                group = document_heading(lines[above - 1], prose) if above else None
                if group:
                    self._note_document(doc, out, above, group, repairs, prose)
            previous_end = section.end
            repair: Repair = repair_heading(lines[section.heading - 1], prose)
            if repair.repaired:
                repairs.append((repair.original or "", section.heading))
            pledge = Pledge(
                title=repair.text,
                span=Span(doc.source, section.heading, section.items[-1].end),
                group=group,
                title_flagged=f"repaired from the OCR-damaged heading '{repair.original}'" if repair.repaired else None,
            )
            for item in section.items:
                pledge.actions.append(Action(text=item.text, span=Span(doc.source, item.start, item.end)))
                for post in named_posts(item.text):
                    if not any(o.name.casefold() == post.casefold() for o in out.officers):
                        out.officers.append(Named(post, Span(doc.source, item.start, item.end)))
            out.pledges.append(pledge)
        self._missing_bodies(doc, out, prose)
        flag_repairs(out, [(text, Span(doc.source, n, n)) for text, n in repairs])

    def _note_document(self, doc, out, line: int, name: str, repairs, prose) -> None:
        written = clean(doc.lines[line - 1])
        named = " ".join(written.split()[: len(name.split())])  # the words that name the document
        repair = repair_prefix(named, prose)
        if repair is not None and repair.repaired:
            repairs.append((repair.original or "", line))
        if not any(i.name.casefold() == name.casefold() for i in out.initiatives):
            out.initiatives.append(Named(name, Span(doc.source, line, line)))

    def _missing_bodies(self, doc: TextDocument, out: StrategyDocument, prose: Prose) -> None:
        """A pledge document heading followed by sentence fragments, not sections: its body is lost."""
        lines = doc.lines
        for n, raw in enumerate(lines, start=1):
            name = document_heading(raw, prose)
            following = _next_nonblank(lines, n)
            if not name or following is None:
                continue
            if clean(lines[following - 1])[:1].islower():
                if not any(i.name.casefold() == name.casefold() for i in out.initiatives):
                    out.initiatives.append(Named(name, Span(doc.source, n, n)))
                out.quality_flags.append(QualityFlag(
                    "missing_content", f"the body of the {name} is missing (only fragments follow its heading)",
                    Span(doc.source, n, following)))
