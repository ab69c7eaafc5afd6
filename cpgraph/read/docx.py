"""Word documents (.docx) with python-docx: the body's paragraphs and tables in document order.
Paragraphs become lines (list paragraphs ``  • text``, two more spaces per level), tables their
rows with cells joined by tabs."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.safety import open_package
from cpgraph.read.text import TextDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Renderer:
    def __init__(self, document) -> None:
        self.document = document
        self.lines: list[str] = []
        self._style_levels: dict[str, int | None] = {}

    # ---- lists ---------------------------------------------------------------------------
    def list_level(self, p) -> int | None:
        """0-based list level of paragraph element ``p``, or None if it is not a list item."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            if num_id is not None and num_id.get(f"{_W}val") == "0":
                return None
            return _ilvl(num_pr)
        style_el = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_el.get(f"{_W}val") if style_el is not None else None
        if not style_id:
            return None
        if style_id not in self._style_levels:
            self._style_levels[style_id] = self._style_level(style_id)
        return self._style_levels[style_id]

    def _style_level(self, style_id: str) -> int | None:
        try:
            styles = self.document.styles.element
        except (KeyError, ValueError, AttributeError):
            return None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = next((s for s in styles.iterchildren(f"{_W}style") if s.get(f"{_W}styleId") == style_id), None)
            if style is None:
                return None
            name_el = style.find(f"{_W}name")
            name = (name_el.get(f"{_W}val") or "").casefold() if name_el is not None else ""
            named = re.fullmatch(r"list (?:bullet|number|continue)?\s*(\d?)", name)
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and num_pr.find(f"{_W}ilvl") is not None:
                return _ilvl(num_pr)
            if named and (num_pr is not None or "continue" not in name):
                return int(named.group(1)) - 1 if named.group(1) else 0
            if num_pr is not None:
                return 0
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        return None

    # ---- text ----------------------------------------------------------------------------
    def paragraph_text(self, p) -> str:
        from docx.text.paragraph import Paragraph

        return Paragraph(p, self.document).text

    def add_paragraph(self, p) -> None:
        text = self.paragraph_text(p)
        parts = [" ".join(part.split()) for part in text.replace("\r", "\n").split("\n")]
        level = self.list_level(p)
        if level is None:
            if any(parts):
                self._blank()
                self.lines.extend(parts)
                self._blank()
            else:
                self._blank()
            return
        indent = "  " * (level + 1)
        first = True
        for part in parts:
            if not part:
                continue
            self.lines.append(indent + ("• " if first else "  ") + part)
            first = False

    def add_table(self, tbl) -> None:
        self._blank()
        for tr in tbl.iterchildren(f"{_W}tr"):
            cells = []
            for tc in tr.iterchildren(f"{_W}tc"):
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
                cells.append("" if continued else self.cell_text(tc))
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                self.lines.append("\t".join(cells))
        self._blank()

    def cell_text(self, tc) -> str:
        parts: list[str] = []
        for child in _blocks(tc):
            if _local(child.tag) == "p":
                text = " ".join(self.paragraph_text(child).split())
                if text:
                    parts.append(("• " if self.list_level(child) is not None else "") + text)
            else:  # a table inside the cell: its cells run on
                for tr in child.iterchildren(f"{_W}tr"):
                    parts.extend(t for tc2 in tr.iterchildren(f"{_W}tc") if (t := self.cell_text(tc2)))
        return " ".join(parts)

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
            lines = _Renderer(document).render()
    except Exception as exc:  # python-docx and lxml raise many kinds of error on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise InputError(f"{path} is not a readable Word document ({detail})") from exc
    lines, _blanked = furniture.blank_furniture(lines)
    doc = TextDocument(source=path.name, lines=lines, format="docx")
    if not any(ln.strip() for ln in lines):
        doc.warnings.append(f"{path.name}: no text in the document body")
    return doc
