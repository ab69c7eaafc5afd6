"""A small line model of a plain-text or Markdown council document, for metamorphic tests.

``parse`` splits a document into blocks (blank lines, headings, role lines such as "What we will
do" or "How will we know…", list items with their wrapped lines and ``Lead:``-style fields,
paragraphs of prose, and raw lines kept as they are). ``render_text`` writes the blocks back —
unchanged by default, which ``parse`` guarantees byte for byte — or with the list markers, the
hard wrapping, the blank lines, the role wording or the page furniture changed; ``write_md``,
``write_txt``, ``write_html``, ``write_docx`` and ``write_pdf`` write the same document in another
format. None of these changes should change what a reader extracts.

The model is the test's, not cpgraph's: which lines are headings is told by the caller (the titles
cpgraph found in the untouched document, plus headings named per document), so that a wrong guess
by the reader is not copied into the transformed documents.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# The model


@dataclass
class Blank:
    lines: list[str]


@dataclass
class Raw:
    """A line kept as written by every transformation but furniture and blank-line ones
    (page footers, web page chrome, table rows)."""

    lines: list[str]

    @property
    def text(self) -> str:
        return self.lines[0].strip()


@dataclass
class Para:
    """Prose: one paragraph, possibly hard-wrapped over several lines."""

    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


@dataclass
class Heading:
    lines: list[str]
    text: str  # as written, without Markdown ``#`` or ``**``
    level: int
    caption: str = ""  # text glued in front of the heading on the same line (an image's alt text)


@dataclass
class Role:
    """A role sub-heading or lead-in: "What we will do", "How will we know…?", "We will:"."""

    lines: list[str]
    text: str
    kind: str  # "do" (introduces actions), "measure" (introduces measures), "date" (a date group)
    level: int  # the level it takes when set as a heading
    prefix: str = ""  # Markdown decoration as written: "#### " or "**"
    suffix: str = ""

    @property
    def lead_in(self) -> bool:
        """A line ending with ':' that runs into its list, rather than a sub-heading."""
        return self.text.endswith(":")


@dataclass
class Item:
    lines: list[str]
    indent: str
    marker: str
    gap: str  # the white space between marker and text as written
    body: list[str]  # the first line's text after the marker, then the wrapped lines verbatim
    fields: list[list[str]] = field(default_factory=list)  # "Lead: …" lines, each with its wrapped lines
    depth: int = 0

    @property
    def text(self) -> str:
        return " ".join(b.strip() for b in self.body if b.strip())

    def field_texts(self) -> list[str]:
        return [" ".join(line.strip() for line in f) for f in self.fields]


Block = Blank | Raw | Para | Heading | Role | Item

# ---------------------------------------------------------------------------------------------
# Parsing

_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)"
MARKER = (rf"(?:[•\-\*–▪·o]|\d{{1,2}}[.)]|\(\d{{1,2}}\)|\(?[a-h]\)|\(?{_ROMAN}\)|{_ROMAN}\.)")
_ITEM = re.compile(rf"^(\s*)({MARKER})(?:(\s+)(.*))?$")
_FIELD = re.compile(r"^\s*(Lead|Lead officer|By when|Status|Responsible officer|Promise champion)\s*:", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_MD_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*\s*$")
_DO = re.compile(r"^(what we will do|how will this be achieved|what this means:?|[\w ,/]{0,40}\bwe will:)$", re.I)
_MEASURE = re.compile(r"^(how (?:will )?we (?:will )?know\b.*|what success looks like|expected outcomes|"
                      r"measuring success|key performance indicators)$", re.I)
_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|\([a-z]\))\s+")
_SENTENCE_END = re.compile(r"[.;:!?)\"”]\s*$")
_FOOTER = re.compile(r"\bPage \d+ of \d+\s*$|\|\s*page \d+\s*$|\s{6,}\d+\s*$", re.I)


def role_kind(text: str) -> str | None:
    """"do" or "measure" for a role sub-heading or lead-in, else None."""
    text = text.strip()
    if _MEASURE.match(text):
        return "measure"
    if _DO.match(text):
        return "do"
    return None


@dataclass
class Outline:
    """What the caller tells ``parse`` about a document's headings."""

    titles: Iterable[str]  # pledge titles (as the reader gave them: section numbers dropped)
    groups: Iterable[str] = ()  # headings that group pledges
    headings: dict[str, int] = field(default_factory=dict)  # other headings (exact line) -> level
    dates: str | None = None  # a regex for date-group lines ("By March 2026", "Q3 2025/26", "Ongoing")
    raw: str | None = None  # a regex for more lines to keep verbatim
    wrapped: bool = True  # the prose is hard-wrapped (else each line is a paragraph of its own)
    pledge_level: int | None = None  # the level of pledge headings (default 3 under groups, else 2)


def parse(text: str, outline: Outline, *, markdown: bool) -> list[Block]:
    """Split ``text`` into blocks; ``render_text(parse(t))`` gives ``t`` back unchanged."""
    titles = {" ".join(t.split()) for t in outline.titles}
    groups = {" ".join(g.split()) for g in outline.groups}
    pledge_level = outline.pledge_level or (3 if groups else 2)
    dates = re.compile(outline.dates) if outline.dates else None
    raw = re.compile(outline.raw) if outline.raw else None

    def heading(line: str) -> Heading | None:
        if markdown:
            m = _MD_HEADING.match(line)
            return Heading([line], m.group(2), len(m.group(1))) if m else None
        bare = " ".join(line.split())
        if bare in outline.headings:
            return Heading([line], bare, outline.headings[bare])
        return None

    names = [(g, 2) for g in groups] + [(t, pledge_level) for t in titles]

    def named(line: str) -> Heading | None:
        bare = " ".join(line.split())
        for name, level in names:
            if bare == name or _NUMBER.sub("", bare) == name:
                return Heading([line], bare, level)
            glued = re.match(rf"^(.*?[a-z])(\d{{1,2}}\.\s+{re.escape(name)})$", bare)
            if glued:
                return Heading([line], glued.group(2), level, caption=glued.group(1))
        return None

    # A pledge title written twice (in a summary list, then over its section) heads the last one.
    last_named: dict[str, int] = {}
    if not markdown:
        for i, line in enumerate(text.split("\n")):
            h = named(line)
            if h is not None:
                last_named[h.text] = i

    blocks: list[Block] = []
    current_level = pledge_level
    for i, line in enumerate(text.split("\n")):
        last = blocks[-1] if blocks else None
        if not line.strip():
            if isinstance(last, Blank):
                last.lines.append(line)
            else:
                blocks.append(Blank([line]))
            continue
        h = heading(line)
        if h is None and not markdown:
            h = named(line)
            if h is not None and last_named.get(h.text) != i:
                h = None
        if h is not None:
            kind = role_kind(h.text)
            if kind:
                blocks.append(Role([line], h.text, kind, h.level, prefix=line[: line.index(h.text)]))
            else:
                blocks.append(h)
                current_level = h.level
            continue
        bold = _MD_BOLD_LINE.match(line) if markdown else None
        if bold and role_kind(bold.group(1)):
            blocks.append(Role([line], bold.group(1), role_kind(bold.group(1)), current_level + 1, "**", "**"))
            continue
        if role_kind(line) and len(line.strip()) <= 60:
            blocks.append(Role([line], line.strip(), role_kind(line), current_level + 1))
            continue
        if dates and dates.fullmatch(line.strip()):
            blocks.append(Role([line], line.strip(), "date", current_level + 1))
            continue
        if (raw and raw.search(line)) or _FOOTER.search(line) or (markdown and re.match(r"^(>|---|\*[^*\s])", line)):
            blocks.append(Raw([line]))
            continue
        m = _ITEM.match(line)
        if m and (m.group(4) or m.group(3) is None):
            indent = m.group(1)
            depth = 0
            for prev in reversed(blocks):
                if not isinstance(prev, (Item, Blank)):
                    break
                if isinstance(prev, Item):
                    if len(prev.indent) < len(indent):
                        depth = prev.depth + 1
                        break
                    if len(prev.indent) == len(indent):
                        depth = prev.depth
                        break
            blocks.append(Item([line], indent, m.group(2), m.group(3) or "", [m.group(4) or ""], depth=depth))
            continue
        if isinstance(last, Item):
            if _FIELD.match(line):
                last.fields.append([line])
                last.lines.append(line)
                continue
            # A wrapped line: after a bare marker, indented, starting in lower case, or after a
            # line that does not end a sentence (unless it is itself a lead-in such as "Staff will:").
            prev_line = last.fields[-1][-1] if last.fields else last.body[-1]
            if (not prev_line.strip() or line[:1].isspace() or line[:1].islower()
                    or not (_SENTENCE_END.search(prev_line) or line.rstrip().endswith(":"))):
                (last.fields[-1] if last.fields else last.body).append(line)
                last.lines.append(line)
                continue
        if outline.wrapped and isinstance(last, Para) and 60 <= len(last.lines[-1].rstrip()) <= 95:
            last.lines.append(line)
            continue
        blocks.append(Para([line]))
    return blocks


# ---------------------------------------------------------------------------------------------
# Plain-text rendering, with the transformations


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]


MARKERS: dict[str, Callable[[int], str]] = {
    "bullet": lambda n: "•",
    "hyphen": lambda n: "-",
    "asterisk": lambda n: "*",
    "en-dash": lambda n: "–",
    "letter-o": lambda n: "o",
    "square": lambda n: "▪",
    "1.": lambda n: f"{n}.",
    "1)": lambda n: f"{n})",
    "(a)": lambda n: f"({_letter(n)})",
    "a)": lambda n: f"{_letter(n)})",
}


@dataclass(frozen=True)
class Style:
    """How ``render_text`` writes the blocks; the default writes them as they were."""

    marker: Callable[[int], str] | None = None  # a new list marker from the item's number in its list
    wrap: int | None = None  # hard-wrap prose and list items at this width
    indent_wrapped: bool = True  # with ``wrap``: indent an item's wrapped lines under its text
    unwrap: bool = False  # put each paragraph, item and field on one line (fields keep their indent)
    blanks: str | None = None  # "compact-items", "spaced-items", "none", "every-line"
    roles: Callable[[Role], str] | None = None  # new wording for role lines
    top: tuple[str, ...] = ()  # lines put before the document
    bottom: tuple[str, ...] = ()  # lines put after it


def _numbered(blocks: list[Block]) -> dict[int, int]:
    """Each item's number in its own list (by ``id``), counted per depth."""
    numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    for b in blocks:
        if isinstance(b, Item):
            for depth in [d for d in counters if d > b.depth]:
                del counters[depth]
            counters[b.depth] = counters.get(b.depth, 0) + 1
            numbers[id(b)] = counters[b.depth]
        elif not isinstance(b, Blank):
            counters.clear()
    return numbers


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


# A unit is one "line" in the sense of the blank-line transformations: a heading, a role line, a
# raw line, a paragraph (with its wrapped lines), an item's text (with its wrapped lines) or one of
# its fields. kind is "blank", "item", "field" or "other".
Unit = tuple[str, list[str]]


def _units(blocks: list[Block], style: Style) -> list[Unit]:
    numbers = _numbered(blocks)
    units: list[Unit] = []
    for b in blocks:
        if isinstance(b, Blank):
            units.append(("blank", list(b.lines)))
        elif isinstance(b, Raw):
            units.extend(("other", [line]) for line in b.lines)
        elif isinstance(b, Heading):
            units.append(("other", list(b.lines)))
        elif isinstance(b, Role):
            if style.roles is None:
                units.append(("other", list(b.lines)))
            else:
                units.append(("other", [f"{b.prefix}{style.roles(b)}{b.suffix}"]))
        elif isinstance(b, Para):
            if style.unwrap:
                units.append(("other", [b.text]))
            elif style.wrap:
                units.append(("other", _wrap(b.text, style.wrap, "", "")))
            else:
                units.append(("other", list(b.lines)))
        elif isinstance(b, Item):
            marker = style.marker(numbers[id(b)]) if style.marker else b.marker
            if style.unwrap:
                gap = b.gap if b.body[0] else " "
                units.append(("item", [f"{b.indent}{marker}{gap}{b.text}"]))
                for lines, text in zip(b.fields, b.field_texts(), strict=True):
                    units.append(("field", [lines[0][: len(lines[0]) - len(lines[0].lstrip())] + text]))
            elif style.wrap:
                hang = b.indent + " " * (len(marker) + 1) if style.indent_wrapped else ""
                units.append(("item", _wrap(b.text, style.wrap, f"{b.indent}{marker} ", hang)))
                units.extend(("field", _wrap(f, style.wrap, hang, hang)) for f in b.field_texts())
            else:
                gap = b.gap if b.body[0] else ""
                lines = [f"{b.indent}{marker}{gap}{b.body[0]}", *b.body[1:]]
                units.append(("item", lines))
                units.extend(("field", list(f)) for f in b.fields)
    return units


def render_text(blocks: list[Block], style: Style = Style()) -> str:
    units = _units(blocks, style)
    if style.blanks:
        ends_in_newline = bool(units) and units[-1] == ("blank", [""])
        spaced: list[Unit] = []
        for i, unit in enumerate(units):
            kind = unit[0]
            prev = spaced[-1] if spaced else None
            if kind == "blank":
                if style.blanks == "none":
                    continue
                nxt = next((u for u in units[i + 1:] if u[0] != "blank"), None)
                listy = prev and prev[0] in ("item", "field") and nxt and nxt[0] == "item"
                if style.blanks == "compact-items" and listy:
                    continue
                spaced.append(unit)
                continue
            if prev and prev[0] != "blank":
                if style.blanks == "every-line" or (
                        style.blanks == "spaced-items" and kind == "item" and prev[0] in ("item", "field")):
                    spaced.append(("blank", [""]))
            spaced.append(unit)
        if ends_in_newline and spaced[-1][0] != "blank":
            spaced.append(("blank", [""]))
        units = spaced
    lines = [line for _, ls in units for line in ls]
    if style.top:
        lines = [*style.top, "", *lines]
    if style.bottom:
        while lines and not lines[-1].strip():
            lines.pop()
        lines = [*lines, "", *style.bottom, ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Other formats

_MD_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def plain(text: str) -> str:
    """``text`` without Markdown emphasis or a blockquote mark."""
    text = re.sub(r"^>\s?", "", text)
    return _MD_INLINE.sub(lambda m: m.group(1) or m.group(2), text)


@dataclass
class Node:
    """A format-neutral block: ("h", level, text), ("p", text), ("list", items)."""

    kind: str
    text: str = ""
    level: int = 0
    items: list[ListEntry] = field(default_factory=list)


@dataclass
class ListEntry:
    text: str
    fields: list[str]
    children: list[ListEntry] = field(default_factory=list)


def nodes(blocks: list[Block]) -> list[Node]:
    """The document as headings, paragraphs and (nested) bullet lists. Role sub-headings become
    headings one level below their section; lead-ins ("We will:") stay paragraphs. Page rules
    (``---``) are dropped."""
    out: list[Node] = []
    stack: list[ListEntry] = []
    for b in blocks:
        if isinstance(b, Blank):
            continue
        if isinstance(b, Item):
            entry = ListEntry(plain(b.text), [plain(f) for f in b.field_texts()])
            if out and out[-1].kind == "list" and stack:
                while len(stack) > b.depth:
                    stack.pop()
                (stack[-1].children if stack else out[-1].items).append(entry)
            else:
                out.append(Node("list", items=[entry]))
                stack = []
            stack.append(entry)
            continue
        stack = []
        if isinstance(b, Heading):
            if b.caption:
                out.append(Node("p", plain(b.caption)))
            out.append(Node("h", plain(b.text), level=b.level))
        elif isinstance(b, Role):
            out.append(Node("p", plain(b.text)) if b.lead_in else Node("h", plain(b.text), level=b.level))
        elif isinstance(b, Para):
            out.append(Node("p", plain(b.text)))
        elif isinstance(b, Raw) and not re.fullmatch(r"-{3,}|\*{3,}", b.text):
            out.append(Node("p", plain(b.text)))
    return out


def _walk(items: list[ListEntry], depth: int = 0) -> Iterable[tuple[int, ListEntry]]:
    for item in items:
        yield depth, item
        yield from _walk(item.children, depth + 1)


def _write_plain(blocks: list[Block], path: Path, *, markdown: bool) -> None:
    """The document as Markdown ("#" headings, "-" items indented by two) or as plain text
    (bare headings, "•" items indented by four); fields under their item's text."""
    step, bullet = ("  ", "-") if markdown else ("    ", "•")
    parts: list[str] = []
    for n in nodes(blocks):
        if n.kind == "h":
            parts.append(f"{'#' * n.level} {n.text}" if markdown else n.text)
        elif n.kind == "p":
            parts.append(n.text)
        else:
            lines = []
            for depth, item in _walk(n.items):
                pad = step * depth
                lines.append(f"{pad}{bullet} {item.text}")
                lines.extend(f"{pad}  {f}" for f in item.fields)
            parts.append("\n".join(lines))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def write_md(blocks: list[Block], path: Path) -> None:
    _write_plain(blocks, path, markdown=True)


def write_txt(blocks: list[Block], path: Path) -> None:
    _write_plain(blocks, path, markdown=False)


def write_html(blocks: list[Block], path: Path) -> None:
    e = html.escape

    def ul(items: list[ListEntry], pad: str) -> list[str]:
        out = [f"{pad}<ul>"]
        for item in items:
            inner = "<br>".join(e(t) for t in [item.text, *item.fields])
            if item.children:
                out.append(f"{pad}  <li>{inner}")
                out.extend(ul(item.children, pad + "    "))
                out.append(f"{pad}  </li>")
            else:
                out.append(f"{pad}  <li>{inner}</li>")
        out.append(f"{pad}</ul>")
        return out

    body: list[str] = []
    for n in nodes(blocks):
        if n.kind == "h":
            body.append(f"<h{n.level}>{e(n.text)}</h{n.level}>")
        elif n.kind == "p":
            body.append(f"<p>{e(n.text)}</p>")
        else:
            body.extend(ul(n.items, ""))
    page = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', "</head>", "<body>",
            "<main>", *body, "</main>", "</body>", "</html>", ""]
    path.write_text("\n".join(page), encoding="utf-8")


def write_docx(blocks: list[Block], path: Path) -> None:
    import docx

    document = docx.Document()
    for n in nodes(blocks):
        if n.kind == "h":
            document.add_heading(n.text, level=min(n.level, 9))
        elif n.kind == "p":
            document.add_paragraph(n.text)
        else:
            for depth, item in _walk(n.items):
                para = document.add_paragraph(style="List Bullet" if depth == 0 else f"List Bullet {depth + 1}")
                run = para.add_run(item.text)
                for f in item.fields:
                    run.add_break()
                    run.add_text(f)
    document.save(str(path))


def write_pdf(blocks: list[Block], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    sizes = {1: 18, 2: 15, 3: 13, 4: 11.5, 5: 11, 6: 11}
    heads = {lvl: ParagraphStyle(f"h{lvl}", fontName="Helvetica-Bold", fontSize=size, leading=size * 1.25,
                                 spaceBefore=8, spaceAfter=4) for lvl, size in sizes.items()}
    bullets = [ParagraphStyle(f"li{d}", parent=body, leftIndent=18 + 18 * d, bulletIndent=6 + 18 * d,
                              spaceAfter=3) for d in range(3)]
    def e(text: str) -> str:
        return html.escape(text, quote=False)

    flow = []
    for n in nodes(blocks):
        if n.kind == "h":
            flow.append(Paragraph(e(n.text), heads[min(n.level, 6)]))
        elif n.kind == "p":
            flow.append(Paragraph(e(n.text), body))
        else:
            for depth, item in _walk(n.items):
                text = "<br/>".join(e(t) for t in [item.text, *item.fields])
                flow.append(Paragraph(text, bullets[min(depth, 2)], bulletText="•"))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60,
                      bottomMargin=60).build(flow)


WRITERS: dict[str, Callable[[list[Block], Path], None]] = {
    ".md": write_md, ".txt": write_txt, ".html": write_html, ".docx": write_docx, ".pdf": write_pdf,
}

__all__ = ["Blank", "Block", "Heading", "Item", "MARKERS", "Outline", "Para", "Raw", "Role", "Style",
           "WRITERS", "nodes", "parse", "plain", "render_text", "role_kind"]
