"""Web pages, rendered to lines with the standard library's lenient ``html.parser``.

Block elements end lines; list items become ``  • text`` (ordered lists ``  1. text``; nested
lists indent two more spaces); table rows become their cells joined by tabs; scripts, styles,
navigation, site headers and footers, forms and cookie banners are dropped (rules in
``data/lexicon/furniture.json``); entities are decoded and whitespace within a line collapsed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from cpgraph.read import furniture
from cpgraph.read.plain import decode_text
from cpgraph.read.text import TextDocument

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

    # ---- output -------------------------------------------------------------------------
    def _flush(self) -> None:
        text = _collapse("".join(self.buf))
        self.buf.clear()
        if not text:
            return
        prefix = ""
        if self.items:
            item = self.items[-1]
            prefix = item.cont if item.started else item.first
            item.started = True
        self.lines.append(prefix + text)

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
        if cells:
            self.lines.append("\t".join(cells))

    def _end_cell(self) -> None:
        text = _collapse("".join(self.cell or []))
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
        else:
            self.buf.append(data)

    def _void(self, tag: str) -> None:
        if tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
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
                self.cell.append(" ")
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
            self.items.append(_Item(first=indent + marker, cont=indent + " " * len(marker)))
            return "li"
        if tag == "table":
            self._flush()
            self._blank()
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
            return "cell"
        if tag == "pre":
            self._flush()
            self._blank()
            self.pre += 1
            return "pre"
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
            self._flush()
            self._blank()
        else:  # block
            self._flush()

    def finish(self) -> list[str]:
        self.close()
        self._pop_to(0)
        self._emit_row()
        self._flush()
        out: list[str] = []
        for line in self.lines:
            line = line.rstrip()
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return out


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


def render_html(text: str) -> tuple[list[str], list[str]]:
    """HTML source as content lines, and any warnings about the rendering."""
    renderer = _Renderer()
    renderer.feed(text)
    unclosed = [el.tag for el in renderer.stack if el.role == "drop"]
    lines = renderer.finish()
    warnings = [f"an unclosed <{unclosed[0]}> hid the rest of the page"] if unclosed else []
    return lines, warnings


def read_html(path: Path, data: bytes) -> TextDocument:
    """A web page (.html, .htm) rendered to lines, furniture blanked."""
    lines, notes = render_html(decode_html(data, path))
    lines, _blanked = furniture.blank_furniture(lines)
    doc = TextDocument(source=path.name, lines=lines, format="html")
    doc.warnings.extend(f"{path.name}: {note}" for note in notes)
    if not any(ln.strip() for ln in lines):
        doc.warnings.append(f"{path.name}: no text outside scripts, navigation and banners")
    return doc
