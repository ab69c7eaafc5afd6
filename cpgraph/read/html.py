"""Web pages, rendered to lines with the standard library's lenient ``html.parser``.

Block elements end lines; list items become ``  • text`` (ordered lists ``  1. text``; nested
lists indent two more spaces); table rows become their cells joined by tabs; a ``<dl>`` term and
its definition become ``term: definition``; scripts, styles, navigation, site headers and
footers, forms and cookie banners are dropped (rules in ``data/lexicon/furniture.json``);
entities are decoded and whitespace within a line collapsed.

What the markup says for certain is kept as line hints: headings and their level (``h1``-``h6``,
or a paragraph wholly in bold), list items and their depth, table rows with their cells (header
rows of ``th``, a row of one cell spanning the table), and paragraphs that are whole on one line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from cpgraph.read import furniture
from cpgraph.read.plain import decode_text
from cpgraph.read.text import LineHint, TextDocument

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
HEADINGS = frozenset(f"h{i}" for i in range(1, 7))
# Blocks after which a blank line follows (paragraph-like).
PARAGRAPHS = HEADINGS | frozenset("p blockquote pre figure address details hgroup".split())
BLOCKS = PARAGRAPHS | frozenset(
    "div section article main aside dl dt dd figcaption summary center fieldset legend caption "
    "ul ol li table tr td th thead tbody tfoot menu body html header footer nav form".split()
)
# Elements that are never the page's own content, whatever their class says.
NEVER_DROPPED_BY_CLASS = frozenset("html body main article".split())

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff\u00ad]+")
_CELL_BREAK = "\x1f"  # a line break inside a table cell, until the cell is written
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class _El:
    tag: str
    role: str


@dataclass
class _Item:
    first: str
    cont: str
    depth: int = 0
    marker: str = "•"
    started: bool = False


@dataclass
class _List:
    ordered: bool
    counter: int = 0


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        rules = furniture.rules()["html"]
        self.drop_tags = frozenset(rules["drop_tags"])
        self.keep_inside = {k: frozenset(v) for k, v in rules["keep_inside"].items()}
        self.drop_roles = frozenset(rules["drop_roles"])
        self.drop_words = tuple(w.casefold() for w in rules["drop_id_class"])
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.stack: list[_El] = []
        self.dropping = 0
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.pre = 0
        self.hints: dict[int, LineHint] = {}  # index in self.lines -> hint
        self.bold = 0  # depth of <b>/<strong> around the text being read
        self.plain_text = False  # some text of the current line is outside bold
        self.tables = 0
        self.row_header = True  # every cell of the row so far is a <th>
        self.row_spans: list[int] = []
        self.widths: list[int] = []  # cells per row of the current table
        self.term: str | None = None  # a <dt> waiting for its <dd>

    # ---- output -------------------------------------------------------------------------
    def _flush(self, closing: str | None = None) -> None:
        """Write the text read so far as one line, with its hint (``closing``: the element
        being closed, already off the stack)."""
        tags = [el.tag for el in self.stack] + ([closing] if closing else [])
        text = _collapse("".join(self.buf))
        self.buf.clear()
        bold_only = not self.plain_text
        self.plain_text = False
        if not text:
            return
        prefix = ""
        hint: LineHint | None = None
        in_field = "dt" in tags or "dd" in tags
        if self.items and not in_field:
            item = self.items[-1]
            prefix = item.cont if item.started else item.first
            hint = LineHint("item_cont") if item.started else LineHint("item", level=item.depth, marker=item.marker)
            item.started = True
        else:
            level = next((int(t[1]) for t in reversed(tags) if t in HEADINGS), 0)
            if level:
                hint = LineHint("heading", level=level)
            elif "dt" in tags:
                if self.term is not None:
                    self._emit(self.term, LineHint("para"))
                self.term = text
                return
            elif "dd" in tags and self.term is not None:
                text = f"{self.term.rstrip(':')}: {text}"
                self.term = None
                hint = LineHint("para")
            elif bold_only and len(text.split()) <= 14 and not text.endswith((".", ":")):
                hint = LineHint("heading", level=0)
            else:
                hint = LineHint("para")
        if self.term is not None and "dd" not in tags:
            self._emit(self.term, LineHint("para"))
            self.term = None
        self._emit(prefix + text, hint)

    def _emit(self, line: str, hint: LineHint | None) -> None:
        self.lines.append(line)
        if hint is not None:
            self.hints[len(self.lines) - 1] = hint



    def _blank(self) -> None:
        if self.lists or self.cell is not None:
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _emit_row(self) -> None:
        if self.cell is not None:
            self._end_cell()
        if self.row is None:
            return
        cells = self.row
        self.row = None
        while cells and not cells[-1]:
            cells.pop()
        self._flush()  # stray text inside the row but outside its cells
        spans, self.row_spans = self.row_spans, []
        header, self.row_header = self.row_header, True
        if cells:
            width = max(self.widths) if self.widths else 0
            merged = len(spans) <= 1 and (width > 1 or (spans and spans[0] > 1))
            self.widths.append(sum(spans) if spans else len(cells))
            placed: list[str] = []  # each cell in the column it starts in, spans kept empty
            for text, span in zip(cells, spans + [1] * (len(cells) - len(spans)), strict=False):
                placed.extend([text] + [""] * (span - 1))
            self._emit("\t".join(c.replace("\n", " ") for c in cells), LineHint(
                "row", table=self.tables, cells=tuple(cells if merged else placed),
                header=header and not merged, merged=merged))

    def _end_cell(self) -> None:
        # lines of the cell (a <br> or a paragraph in it) kept apart by "\n" for the row's hint
        parts = [_collapse(p) for p in "".join(self.cell or []).split(_CELL_BREAK)]
        text = "\n".join(p for p in parts if p)
        self.cell = None
        if self.row is None:
            self.row = []
        self.row.append(text)

    # ---- structure ----------------------------------------------------------------------
    def _drops(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in self.drop_tags:
            keep = self.keep_inside.get(tag)
            return not (keep and any(el.tag in keep for el in self.stack))
        values = {k: (v or "") for k, v in attrs}
        if values.get("role", "").strip().casefold() in self.drop_roles:
            return True
        if tag in NEVER_DROPPED_BY_CLASS:
            return False
        names = " ".join(values.get(k, "") for k in ("id", "class", "aria-label")).casefold()
        return any(word in names for word in self.drop_words)

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            self._close(self.stack.pop())

    def _find(self, targets: frozenset[str] | set[str], stops: frozenset[str] | set[str]) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            tag = self.stack[i].tag
            if tag in targets:
                return i
            if tag in stops:
                return None
        return None

    def _implicit_close(self, tag: str) -> None:
        found = None
        if tag == "li":
            found = self._find({"li"}, {"ul", "ol", "menu", "table", "td", "th"})
        elif tag in ("td", "th"):
            found = self._find({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            found = self._find({"tr"}, {"table"})
        elif tag in ("dt", "dd"):
            found = self._find({"dt", "dd"}, {"dl"})
        if found is not None:
            self._pop_to(found)
        if tag in BLOCKS:
            stops = BLOCKS - {"p"}
            found = self._find({"p"}, stops)
            if found is not None:
                self._pop_to(found)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if not self.dropping:
                self._void(tag)
            return
        if self.dropping:
            self.stack.append(_El(tag, "none"))
            return
        self._implicit_close(tag)
        if self._drops(tag, attrs):
            self.dropping += 1
            self.stack.append(_El(tag, "drop"))
            return
        self.stack.append(_El(tag, self._open(tag, dict(attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:  # <div/> and the like open nothing
            if not self.dropping:
                self._implicit_close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            if tag == "br" and not self.dropping:
                self._void("br")
            return
        if tag in BLOCKS or self.dropping:
            found = self._find({tag}, set())
        else:  # a stray inline end tag must not close the block around it
            found = self._find({tag}, BLOCKS)
        if found is not None:
            self._pop_to(found)

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    if self.buf and "".join(self.buf).strip():
                        self._flush()
                    else:
                        self.buf.clear()
                        self.lines.append("")
                self.buf.append(part)
            self.plain_text = True
        else:
            self.buf.append(data)
            if data.strip() and not self.bold:
                self.plain_text = True

    def _void(self, tag: str) -> None:
        if tag == "br":
            if self.cell is not None:
                self.cell.append(_CELL_BREAK)
            elif "".join(self.buf).strip():
                self._flush()
            else:
                self._blank()
        elif tag == "hr":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush()
                self._blank()

    def _open(self, tag: str, attrs: dict[str, str | None]) -> str:
        in_cell = self.cell is not None
        if in_cell:
            if tag == "li":
                self.cell.append(" • ")
                return "sep"
            if tag in BLOCKS:
                self.cell.append(_CELL_BREAK if tag in PARAGRAPHS or tag == "div" else " ")
                return "sep"
            return "inline"
        if tag in ("ul", "ol", "menu"):
            self._flush()
            start = _int(attrs.get("start"))
            self.lists.append(_List(ordered=tag == "ol", counter=(start - 1) if start else 0))
            return "list"
        if tag == "li":
            self._flush()
            depth = max(1, len(self.lists))
            lst = self.lists[-1] if self.lists else _List(ordered=False)
            if lst.ordered:
                value = _int(attrs.get("value"))
                lst.counter = value if value else lst.counter + 1
                marker = f"{lst.counter}. "
            else:
                marker = "• "
            indent = "  " * depth
            self.items.append(_Item(first=indent + marker, cont=indent + " " * len(marker),
                                    depth=depth - 1, marker=marker.strip()))
            return "li"
        if tag == "table":
            self._flush()
            self._blank()
            self.tables += 1
            self.widths = []
            return "table"
        if tag == "tr":
            self._emit_row()
            self.row = []
            return "tr"
        if tag in ("td", "th"):
            self._flush()
            if self.row is None:
                self.row = []
            self.cell = []
            self.row_header = self.row_header and tag == "th"
            self.row_spans.append(_int(attrs.get("colspan")) or 1)
            return "cell"
        if tag == "pre":
            self._flush()
            self._blank()
            self.pre += 1
            return "pre"
        if tag in ("b", "strong"):
            self.bold += 1
            return "bold"
        if tag in PARAGRAPHS:
            self._flush()
            self._blank()
            return "para"
        if tag in BLOCKS:
            self._flush()
            return "block"
        return "inline"

    def _close(self, el: _El) -> None:
        role = el.role
        if role == "drop":
            self.dropping -= 1
        elif role == "bold":
            self.bold -= 1
        elif role == "none" or role == "inline":
            return
        elif role == "sep":
            if self.cell is not None:
                self.cell.append(" ")
        elif role == "cell":
            if self.cell is not None:
                self._end_cell()
        elif role == "tr":
            self._emit_row()
        elif role == "table":
            self._emit_row()
            self._flush()
            self._blank()
        elif role == "li":
            self._flush()
            if self.items:
                self.items.pop()
        elif role == "list":
            self._flush()
            if self.lists:
                self.lists.pop()
            self._blank()
        elif role == "pre":
            self._flush()
            self.pre -= 1
            self._blank()
        elif role == "para":
            self._flush(el.tag)
            self._blank()
        else:  # block
            self._flush(el.tag)

    def finish(self) -> tuple[list[str], dict[int, LineHint]]:
        self.close()
        self._pop_to(0)
        self._emit_row()
        self._flush()
        if self.term is not None:
            self._emit(self.term, LineHint("para"))
            self.term = None
        out: list[str] = []
        hints: dict[int, LineHint] = {}
        for index, line in enumerate(self.lines):
            line = line.rstrip()
            if line or (out and out[-1]):
                out.append(line)
                if line and index in self.hints:
                    hints[len(out)] = self.hints[index]
        while out and not out[-1]:
            out.pop()
        return out, hints


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def decode_html(data: bytes, path: Path) -> str:
    """The page's text: a BOM wins, then a ``<meta charset>`` near the top, then UTF-8, then
    Windows-1252."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                codec = codecs.lookup(m.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                codec = None
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"  # as browsers do
            if codec and codec not in ("utf-8", "utf-16", "utf-32"):
                return decode_text(data.decode(codec, errors="replace").encode("utf-8"), path)
    return decode_text(data, path)


def render_html(text: str) -> tuple[list[str], list[str], dict[int, LineHint]]:
    """HTML source as content lines, any warnings about the rendering, and the line hints
    (1-based line number -> what the markup says the line is)."""
    renderer = _Renderer()
    renderer.feed(text)
    unclosed = [el.tag for el in renderer.stack if el.role == "drop"]
    lines, hints = renderer.finish()
    warnings = [f"an unclosed <{unclosed[0]}> hid the rest of the page"] if unclosed else []
    return lines, warnings, hints


def read_html(path: Path, data: bytes) -> TextDocument:
    """A web page (.html, .htm) rendered to lines, furniture blanked, with line hints."""
    lines, notes, hints = render_html(decode_html(data, path))
    lines, _blanked = furniture.blank_furniture(lines)
    doc = TextDocument(source=path.name, lines=lines, format="html", hints=hints)
    doc.warnings.extend(f"{path.name}: {note}" for note in notes)
    if not any(ln.strip() for ln in lines):
        doc.warnings.append(f"{path.name}: no text outside scripts, navigation and banners")
    return doc
