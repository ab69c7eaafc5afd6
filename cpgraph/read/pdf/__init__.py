"""PDFs, read with pdfplumber from the positions and fonts of their words.

What the layout says for certain becomes ``TextDocument.hints``; the rest is left to the text
parser as lines:

- **Lines** are the words of a page grouped by their vertical position, top to bottom, each left
  to right; a blank line where the gap above a line is clearly larger than the line spacing,
  where a line stopped short although the next line's first word would have fitted on it (a
  break the writer chose), and between pages. The text parser joins the lines of a paragraph.
- **Unruled tables**: lines with gaps wider than about 2.5 spaces, with the lines that carry on
  their cells, are laid out as text columns (each as wide as its longest cell, at least three
  spaces apart) so the text parser reads them as a table. Where the rows are set apart by more
  space than the lines within a cell, each row's lines are joined into one line first.
- **Headings** by font size and weight: the body size is the most common size (by characters);
  lines set clearly larger are headings, level 1 for the largest size that makes a heading, 2 for
  the next and so on; a short line (up to 14 words) all in bold at body size is an emphasis
  heading (level 0). A heading that wraps keeps one line; a long line never makes a heading.
- **Bullets**: a bullet glyph (``•``, ``●``, ``▪``, ``■``, ``◦``, ``–``, the Symbol and Wingdings
  private-use glyphs, and the unmapped glyphs some fonts give) opens an item, rendered ``• text``
  indented two spaces per level, the level read from the x position of the bullet; the lines of
  a wrapped item (at the x of its text) are joined to it. A numbered item ("1." "a)") keeps a line
  of its own, with the lines of its hanging indent joined to it, and no hint: the text parser
  reads numbers.
- **Ruled tables** (``page.find_tables()``, only on pages that draw lines or rectangles): one line
  per row, cells joined by tabs and hinted with their cells; a cell spanning the whole row is a
  merged row. A table at the top of a page that carries on the last table of the page before with
  as many columns keeps its number, and a repeated header row there is hinted as a header (the
  parser drops it). Words inside a table are not read again as lines.
- **Page furniture**: running headers and footers (``furniture.running_lines``, and lines in the
  top or bottom eighth of the page that recur, digits aside, at the same height on most pages),
  page numbers and other furniture lines (``furniture.is_furniture``) are left out before lines
  are joined, and the rendered lines are blanked with ``furniture.blank_furniture`` as every
  reader does. ``TextDocument.locators`` gives each line its page ("page 3"). A page that has no
  text, or that cannot be read while others can, is a warning.

pypdf is not used. pdfminer (under pdfplumber) says itself when a PDF needs a password
(``PDFPasswordIncorrect``) or uses an encryption it cannot undo (``PDFEncryptionError``), opens
PDFs encrypted with an empty user password as pypdf did, and rebuilt the damaged files we tried
(shifted offsets, missing or wrong cross-reference tables) as well as pypdf; reading a file twice
with two libraries would only cost time. Every problem is an ``InputError`` of one line: not a
PDF, needs a password, encrypted, damaged, no text layer.
"""

from __future__ import annotations

import logging
import warnings

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.pdf.chars import (
    _BOLD,
    _BULLETS,
    _CID,
    _CID_BULLETS,
    _CONTROLS,
    _GLYPHS,
    _clean,
    _dedupe,
    _detail,
    _is_bullet,
    _open,
    _page_chars,
    _words,
)
from cpgraph.read.pdf.elements import _Line, _Metrics, _Page, _Table, _Word
from cpgraph.read.pdf.lines import (
    _LETTER,
    _NUMBER_MARK,
    _SECTION_MARK,
    _group,
    _join,
    _line_gap,
    _metrics,
    _round,
    _shape,
)
from cpgraph.read.pdf.running import _DIGITS, _mark_furniture
from cpgraph.read.pdf.tables import _cell_text, _number_tables, _same, _tables
from cpgraph.read.pdf.writer import _BOLD_WORDS, _DANGLING, _HEADING_WORDS, _is_field_line, _Writer
from cpgraph.read.pdf.zones import _Zones
from cpgraph.read.text import TextDocument

# ``read_pdf``, and every name the single module ``cpgraph/read/pdf.py`` had before it was split
# (tests import some of the private ones), so that imports from ``cpgraph.read.pdf`` keep working.
__all__ = [
    "read_pdf",
    "_BOLD",
    "_BOLD_WORDS",
    "_BULLETS",
    "_CID",
    "_CID_BULLETS",
    "_CONTROLS",
    "_DANGLING",
    "_DIGITS",
    "_GLYPHS",
    "_HEADING_WORDS",
    "_LETTER",
    "_NUMBER_MARK",
    "_SECTION_MARK",
    "_Line",
    "_Metrics",
    "_Page",
    "_Table",
    "_Word",
    "_Writer",
    "_Zones",
    "_cell_text",
    "_clean",
    "_dedupe",
    "_detail",
    "_group",
    "_is_bullet",
    "_is_field_line",
    "_join",
    "_line_gap",
    "_mark_furniture",
    "_metrics",
    "_number_tables",
    "_open",
    "_page_chars",
    "_pages",
    "_round",
    "_same",
    "_shape",
    "_tables",
    "_words",
]


def _pages(path, data: bytes) -> tuple[list[_Page], list[list[_Word]], list[float]]:
    """Each page with its ruled tables, the words outside them, and space widths seen."""
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pdfminer logs every defect it works around; they are not ours
    pages: list[_Page] = []
    page_words: list[list[_Word]] = []
    spaces: list[float] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf = _open(path, data)
            try:
                try:
                    count = len(pdf.pages)
                except Exception as exc:  # the page tree itself is damaged
                    raise InputError(f"{path} is not a readable PDF ({_detail(exc)})") from exc
                if not count:
                    raise InputError(f"{path} is not a readable PDF (it has no pages)")
                for page in pdf.pages:
                    try:
                        chars, ruled = _page_chars(page)
                        words, had_text, page_spaces = _words(chars)
                        tables, rest = _tables(page, words, ruled)
                    except Exception as exc:  # a damaged page: the others may still be read
                        pages.append(_Page([], False, _detail(exc)))
                        page_words.append([])
                        continue
                    finally:
                        page.close()
                    spaces.extend(page_spaces[:100])
                    pages.append(_Page(list(tables), had_text, height=float(page.height or 0.0)))
                    page_words.append(rest)
            finally:
                pdf.close()
    finally:
        quiet.setLevel(level)
    if all(p.error for p in pages):
        raise InputError(f"{path} is not a readable PDF ({pages[0].error})")
    return pages, page_words, spaces


def read_pdf(path, data: bytes) -> TextDocument:
    """A PDF's text as lines, with what its layout says for certain (headings, list items, table
    rows) as hints and its page furniture left out."""
    pages, page_words, spaces = _pages(path, data)
    if not any(p.had_text for p in pages):
        raise InputError(f"{path} has no text layer (a scanned PDF?); cpgraph cannot read images")
    metrics = _metrics(page_words, spaces)
    for page, words in zip(pages, page_words, strict=True):
        lines = _group(words)
        for line in lines:
            _shape(line, metrics)
        page.elements = sorted([*page.elements, *lines], key=lambda e: e.top)
    metrics.gap = _line_gap(pages, metrics.body)
    _mark_furniture(pages)
    _number_tables(pages)
    writer = _Writer(metrics)
    writer.walk(pages)
    writer.levels()
    lines = writer.lines
    while lines and not lines[-1]:
        lines.pop()
    blanked, _count = furniture.blank_furniture(lines)
    for n, hint in writer.hints.items():
        if hint.kind == "row":
            blanked[n - 1] = lines[n - 1]  # a table's cells are never furniture
    hints = {n: h for n, h in writer.hints.items() if blanked[n - 1]}
    locators = {n: f"page {p + 1}" for n, p in writer.page_of.items() if blanked[n - 1]}
    doc = TextDocument(source=path.name, lines=blanked, format="pdf", locators=locators, hints=hints)
    empty = [str(p + 1) for p, page in enumerate(pages) if not page.had_text and not page.error]
    if empty:
        what = "page " + empty[0] if len(empty) == 1 else "pages " + ", ".join(empty)
        doc.warnings.append(f"{path.name}: {what} of {len(pages)} had no text (images?)")
    broken = [p + 1 for p, page in enumerate(pages) if page.error]
    for p in broken:
        doc.warnings.append(f"{path.name}: page {p} of {len(pages)} could not be read ({pages[p - 1].error})")
    return doc
