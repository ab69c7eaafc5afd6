"""Word documents (.docx) with python-docx: the body's paragraphs and tables in document order.
Paragraphs become lines (list paragraphs ``  • text``, two more spaces per level), tables their
rows with cells joined by tabs.

What Word says for certain is kept as line hints: headings and their level (heading styles and
outline levels; a short paragraph wholly in bold is a heading of unknown level), list items and
their depth (numbering), table rows with their cells (a cell spanning columns kept in the column
it starts in; a row of one cell spanning the table is merged; header rows marked)."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.safety import open_package
from cpgraph.read.text import LineHint, TextDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Renderer:
    def __init__(self, document) -> None:
        self.document = document
        self.lines: list[str] = []
        self.hints: dict[int, LineHint] = {}  # 1-based line -> hint
        self.tables = 0
        self._style_levels: dict[str, int | None] = {}
        self._style_headings: dict[str, int | None] = {}

    # ---- lists ---------------------------------------------------------------------------
    def list_level(self, p) -> int | None:
        """0-based list level of paragraph element ``p``, or None if it is not a list item."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            if num_id is not None and num_id.get(f"{_W}val") == "0":
                return None
            return _ilvl(num_pr)
        return self._by_style(p, self._style_levels, self._style_level)

    def _by_style(self, p, cache: dict[str, int | None], read) -> int | None:
        """What ``read`` finds in the paragraph style of ``p`` (cached per style), or None."""
        style_el = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_el.get(f"{_W}val") if style_el is not None else None
        if not style_id:
            return None
        if style_id not in cache:
            cache[style_id] = read(style_id)
        return cache[style_id]

    def _style_chain(self, style_id: str):
        """The style ``style_id`` and the styles it is based on, in turn: ``(element, name)``
        with the name in lower case."""
        try:
            styles = self.document.styles.element
        except (KeyError, ValueError, AttributeError):
            return
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = next((s for s in styles.iterchildren(f"{_W}style") if s.get(f"{_W}styleId") == style_id), None)
            if style is None:
                return
            name_el = style.find(f"{_W}name")
            yield style, (name_el.get(f"{_W}val") or "").casefold() if name_el is not None else ""
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None

    def _style_level(self, style_id: str) -> int | None:
        for style, name in self._style_chain(style_id):
            named = re.fullmatch(r"list (?:bullet|number|continue)?\s*(\d?)", name)
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and num_pr.find(f"{_W}ilvl") is not None:
                return _ilvl(num_pr)
            if named and (num_pr is not None or "continue" not in name):
                return int(named.group(1)) - 1 if named.group(1) else 0
            if num_pr is not None:
                return 0
        return None

    # ---- headings ------------------------------------------------------------------------
    def heading_level(self, p) -> int | None:
        """1-based heading level of paragraph ``p`` (its outline level, or a "Heading N" or
        "Title" style), or None when it is not a heading."""
        outline = p.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None:
            level = _int_val(outline)
            return level + 1 if level is not None and level < 9 else None
        return self._by_style(p, self._style_headings, self._style_heading)

    def _style_heading(self, style_id: str) -> int | None:
        for style, name in self._style_chain(style_id):
            if m := re.fullmatch(r"heading\s*(\d)", name):
                return int(m.group(1))
            if name in ("title", "subtitle"):
                return 1 if name == "title" else 2
            outline = style.find(f"{_W}pPr/{_W}outlineLvl")
            if outline is not None and (level := _int_val(outline)) is not None and level < 9:
                return level + 1
        return None

    def all_bold(self, p) -> bool:
        """True when every run of text in ``p`` is bold (by its own formatting)."""
        runs = [r for r in p.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
        if not runs:
            return False
        for r in runs:
            b = r.find(f"{_W}rPr/{_W}b")
            if b is None or b.get(f"{_W}val", "true") in ("0", "false"):
                return False
        return True

    # ---- text ----------------------------------------------------------------------------
    def paragraph_text(self, p) -> str:
        from docx.text.paragraph import Paragraph

        return Paragraph(p, self.document).text

    def add_paragraph(self, p) -> None:
        text = self.paragraph_text(p)
        parts = [" ".join(part.split()) for part in text.replace("\r", "\n").split("\n")]
        heading = self.heading_level(p)
        level = None if heading is not None else self.list_level(p)
        if level is None:
            if any(parts):
                self._blank()
                words = sum(len(x.split()) for x in parts)
                if heading is not None:
                    hint = LineHint("heading", level=heading)
                    parts = [" ".join(x for x in parts if x)]
                elif words <= 14 and self.all_bold(p) and not parts[-1].endswith((".", ":")):
                    hint = LineHint("heading", level=0)
                    parts = [" ".join(x for x in parts if x)]
                else:
                    hint = LineHint("para")
                for part in parts:
                    self._add(part, hint if part else None)
                self._blank()
            else:
                self._blank()
            return
        indent = "  " * (level + 1)
        first = True
        for part in parts:
            if not part:
                continue
            self._add(indent + ("• " if first else "  ") + part,
                      LineHint("item", level=level, marker="•") if first else LineHint("item_cont"))
            first = False

    def _add(self, line: str, hint: LineHint | None) -> None:
        self.lines.append(line)
        if hint is not None:
            self.hints[len(self.lines)] = hint

    def add_table(self, tbl) -> None:
        self._blank()
        self.tables += 1
        width = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        first = True
        for tr in tbl.iterchildren(f"{_W}tr"):
            cells: list[str] = []
            placed: list[str] = []
            spans: list[int] = []
            for tc in tr.iterchildren(f"{_W}tc"):
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
                text = "" if continued else self.cell_text(tc, sep="\n")
                span = _int_val(tc.find(f"{_W}tcPr/{_W}gridSpan")) or 1
                cells.append(text)
                placed.extend([text] + [""] * (span - 1))
                spans.append(span)
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                filled = [c for c in placed if c]
                merged = len(filled) == 1 and (len(spans) == 1 and (spans[0] > 1 or width > 1))
                repeated = tr.find(f"{_W}trPr/{_W}tblHeader") is not None
                self._add("\t".join(c.replace("\n", " ") for c in cells), LineHint(
                    "row", table=self.tables, cells=tuple(filled if merged else placed),
                    header=(first or repeated) and not merged, merged=merged))
                first = first and merged
        self._blank()

    def cell_text(self, tc, sep: str = " ") -> str:
        """The text of a table cell, its paragraphs joined by ``sep``."""
        parts: list[str] = []
        for child in _blocks(tc):
            if _local(child.tag) == "p":
                text = " ".join(self.paragraph_text(child).split())
                if text:
                    parts.append(("• " if self.list_level(child) is not None else "") + text)
            else:  # a table inside the cell: its cells run on
                for tr in child.iterchildren(f"{_W}tr"):
                    parts.extend(t for tc2 in tr.iterchildren(f"{_W}tc") if (t := self.cell_text(tc2)))
        return sep.join(parts)

    def _blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def render(self) -> list[str]:
        for child in _blocks(self.document.element.body):
            if _local(child.tag) == "p":
                self.add_paragraph(child)
            else:
                self.add_table(child)
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return self.lines


def _int_val(el) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(f"{_W}val"))
    except (TypeError, ValueError):
        return None


def _ilvl(num_pr) -> int:
    ilvl = num_pr.find(f"{_W}ilvl")
    try:
        return max(0, int(ilvl.get(f"{_W}val"))) if ilvl is not None else 0
    except (TypeError, ValueError):
        return 0


def _blocks(parent):
    """Paragraph and table elements under ``parent`` in order, looking inside content controls
    and tracked insertions."""
    for child in parent.iterchildren():
        name = _local(child.tag)
        if name in ("p", "tbl"):
            yield child
        elif name in ("sdt", "sdtContent", "ins", "customXml", "smartTag"):
            yield from _blocks(child)


def read_docx(path: Path, data: bytes) -> TextDocument:
    """A Word document's body as lines, with furniture blanked."""
    open_package(path, data, kind="Word .docx document", required="word/document.xml").close()
    import docx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
            renderer = _Renderer(document)
            lines = renderer.render()
    except Exception as exc:  # python-docx and lxml raise many kinds of error on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise InputError(f"{path} is not a readable Word document ({detail})") from exc
    lines, _blanked = furniture.blank_furniture(lines)
    doc = TextDocument(source=path.name, lines=lines, format="docx", hints=renderer.hints)
    if not any(ln.strip() for ln in lines):
        doc.warnings.append(f"{path.name}: no text in the document body")
    return doc
