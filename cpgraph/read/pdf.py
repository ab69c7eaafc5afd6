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

import io
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.text import LineHint, TextDocument

# Glyphs PDFs draw as bullets, with the private-use ones of the Symbol and Wingdings fonts and
# the control characters some fonts map their bullet to.
_BULLETS = frozenset("•●▪■◦–‣∙○➢➤►▶❖◆◇✓✔\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0a1\x7f\x95\x8f")
_CID = re.compile(r"\(cid:(\d+)\)")
_CID_BULLETS = frozenset({"127", "149", "183", "108", "110"})
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u00ad\ufeff]")
_GLYPHS = str.maketrans({"\x7f": "•", "\x95": "•", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
                         "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# A list number or letter standing alone before the text: "1." "2)" "(3)" "a)" "(b)" "iv." "B."
_NUMBER_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-zA-Z][.)]|\([a-z]\)|\(?[ivxIVX]{1,5}[.)])$")
# A section number before a heading's text ("2", "3.1", "4.2.1."): not a table column of its own.
_SECTION_MARK = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z][.)]|[IVX]{1,5}[.)])$")
_BOLD = re.compile(r"bold|black|heavy|semib|demib|extrab|ultrab|[-,]bd\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d+")
_DANGLING = frozenset({"and", "or", "of", "for", "the", "to", "in", "with", "a", "an", "&", "–", "-", "on", "at",
                       "by", "our", "your", "from"})

_HEADING_WORDS = 20  # the longest heading set apart by size
_BOLD_WORDS = 14  # the longest heading set apart by bold alone


# ---- words and lines ------------------------------------------------------------------------
@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0  # the size most of its characters are set in (rounded to 0.5 pt)
    bold: bool = False  # every word with letters in bold
    bullet: bool = False  # opens with a bullet glyph (taken off ``words``)
    number: bool = False  # opens with a list number or letter ("1." "a)")
    text_x: float = 0.0  # where the text after a bullet or number starts
    segments: list[tuple[float, str]] = field(default_factory=list)  # pieces apart by wide gaps
    furniture: bool = False

    @property
    def text(self) -> str:
        return "   ".join(text for _x, text in self.segments)

    @property
    def flat(self) -> str:
        """The text with wide gaps read as single spaces."""
        return " ".join(text for _x, text in self.segments)


@dataclass
class _Table:
    top: float
    bottom: float
    ncols: int
    rows: list[tuple[tuple[str, ...], bool]]  # (cells, merged)
    number: int = 0
    continued: bool = False


@dataclass
class _Page:
    elements: list[_Line | _Table]
    had_text: bool
    error: str = ""
    height: float = 0.0


@dataclass
class _Metrics:
    body: float  # body font size
    space: float  # width of a space, as a share of the font size
    char: float  # average width of a character at body size, as a share of it
    bold_body: bool  # the body text itself is bold: bold sets nothing apart
    gap: float = 0.25  # the usual white space between two lines of a paragraph, as a share of the size


def _clean(text: str) -> str:
    if "(cid:" in text:  # a glyph the font does not map to a character: bullets kept, others dropped
        text = _CID.sub(lambda m: "•" if m.group(1) in _CID_BULLETS else "", text)
    return _CONTROLS.sub("", text.translate(_GLYPHS))


def _is_bullet(text: str) -> bool:
    if len(text) == 1:
        return text in _BULLETS or "\ue000" <= text <= "\uf8ff"
    m = _CID.fullmatch(text)
    return m is not None and m.group(1) in _CID_BULLETS


def _join(a: str, b: str) -> str:
    """Two lines of one text joined: a word broken at a hyphen keeps its hyphen and no space."""
    if not a:
        return b
    if not b:
        return a
    if len(a) > 1 and a[-1] == "-" and a[-2].isalpha() and b[:1].islower():
        return a + b
    return f"{a} {b}"


def _page_chars(page) -> tuple[list[dict], bool]:
    """The characters of ``page`` with the few attributes read here, and whether the page draws
    lines or rectangles (a ruled table needs them).

    pdfplumber turns every object of a page into a dict of some twenty attributes for
    ``page.objects``; for the characters that costs more than interpreting the page (on the
    benchmark plan, 9 of 20 seconds, and its ``dedupe_chars`` as much again). So the characters
    are read here from pdfminer's layout (``page.layout``, interpreted once), and the lines,
    rectangles and curves, which are few, are turned into pdfplumber's dicts by its own
    ``process_object`` and given to the page as its objects, the cache ``page.objects`` fills
    itself: ``find_tables`` then reads them without parsing the page again. (Should a later
    pdfplumber not use that cache, it parses the page itself: slower, the same tables.)"""
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    chars: list[dict] = []
    shapes: dict[str, list] = {}

    def walk(container) -> None:
        for obj in container:
            if isinstance(obj, LTChar):
                top = height - obj.y1 + mb_top
                font = obj.fontname
                if isinstance(font, bytes):
                    font = font.decode("latin-1")
                chars.append({"text": obj.get_text(), "fontname": font, "size": obj.size,
                              "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top, "doctop": top,
                              "bottom": height - obj.y0 + mb_top, "upright": obj.upright, "width": obj.width})
            elif isinstance(obj, LTContainer):
                walk(obj)
            elif isinstance(obj, LTCurve):
                processed = page.process_object(obj)
                shapes.setdefault(processed["object_type"], []).append(processed)

    walk(page.layout)
    page._objects = shapes  # see the docstring
    return _dedupe(chars), bool(shapes.get("line") or shapes.get("rect"))


def _dedupe(chars: list[dict]) -> list[dict]:
    """``chars`` without the copies some PDFs draw a hair apart to fake bold type."""
    seen: set[tuple[str, int, int]] = set()
    doubled = False
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key in seen and c["text"].strip():
            doubled = True
            break
        seen.add(key)
    if not doubled:
        return chars
    kept: list[dict] = []
    near: dict[tuple[str, int, int], list[dict]] = {}
    for c in chars:
        if not c["text"].strip():
            kept.append(c)
            continue
        ix, iy = int(c["x0"]), int(c["top"])
        if any(abs(o["x0"] - c["x0"]) <= 1 and abs(o["top"] - c["top"]) <= 1
               for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in near.get((c["text"], ix + dx, iy + dy), ())):
            continue
        near.setdefault((c["text"], ix, iy), []).append(c)
        kept.append(c)
    return kept


def _words(chars: list[dict]) -> tuple[list[_Word], bool, list[float]]:
    """The upright words of a page's ``chars`` (cleaned; bullets kept as words of their own),
    whether the page has any text at all, and the widths of its spaces as shares of their size."""
    from pdfplumber.utils import extract_words

    raw = extract_words(chars, extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False,
                        x_tolerance=1.5, x_tolerance_ratio=0.15)
    spaces = [c["width"] / c["size"] for c in chars if c["text"] == " " and c["size"] > 0 and c["width"] > 0]
    words: list[_Word] = []
    any_text = False
    for w in raw:
        text = w["text"]
        if not text.strip():
            continue
        any_text = True
        if not w.get("upright", True):
            continue
        bold = bool(_BOLD.search(w.get("fontname") or ""))
        size = float(w.get("size") or 0.0)
        if _is_bullet(text) and text != "–":  # a dash is read as a bullet only where a line opens
            words.append(_Word("•", w["x0"], w["x1"], w["top"], w["bottom"], size, bold))
            continue
        cleaned = _clean(text).strip()
        if not cleaned:
            continue
        words.append(_Word(cleaned, w["x0"], w["x1"], w["top"], w["bottom"], size, bold))
    return words, any_text, spaces


def _group(words: list[_Word]) -> list[_Line]:
    """Words into lines: a word joins the line above it when they overlap by half the height of
    the smaller."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            line = lines[-1]
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap >= 0.5 * min(line.bottom - line.top, w.bottom - w.top):
                line.words.append(w)
                line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
                continue
        lines.append(_Line([w], top=w.top, bottom=w.bottom))
    return lines


def _shape(line: _Line, metrics: _Metrics) -> None:
    """Size, weight, marker and segments of ``line``."""
    words = sorted(line.words, key=lambda w: w.x0)
    sizes: Counter[float] = Counter()
    bold = plain = 0
    for w in words:
        sizes[_round(w.size)] += len(w.text)
        if _LETTER.search(w.text):
            if w.bold:
                bold += len(w.text)
            else:
                plain += len(w.text)
    line.size = sizes.most_common(1)[0][0]
    line.bold = bold > 0 and plain == 0
    line.x0, line.x1 = words[0].x0, max(w.x1 for w in words)
    first = words[0]
    if first.text in ("•", "–") and len(words) > 1:
        line.bullet = True
        line.text_x = words[1].x0
        words = words[1:]
    elif first.text[0] in _BULLETS and first.text[0] != "–" and len(first.text) > 1:  # "•Text": glued on
        share = (first.x1 - first.x0) / len(first.text)
        line.bullet = True
        line.text_x = first.x0 + share
        words = [_Word(first.text[1:].lstrip(), first.x0 + share, first.x1, first.top, first.bottom,
                       first.size, first.bold), *words[1:]]
    elif _NUMBER_MARK.match(words[0].text) and len(words) > 1:
        line.number = True
        line.text_x = words[1].x0
    line.words = words
    gap = 2.5 * metrics.space * line.size
    wide = [k for k in range(1, len(words)) if words[k].x0 - words[k - 1].x1 > gap]
    if wide == [1] and (line.number or _SECTION_MARK.match(words[0].text)):
        wide = []  # "1.<tab>Text", "2.3<tab>Heading": a number, not a column of its own
    segments: list[tuple[float, str]] = []
    start, text, last = words[0].x0, words[0].text, words[0]
    for k, w in enumerate(words[1:], start=1):
        space = w.x0 - last.x1
        if k in wide:
            segments.append((start, text))
            start, text = w.x0, w.text
        elif space < 0.12 * max(w.size, last.size, 1.0) and w.size != last.size or (
                space < 0.05 * max(w.size, 1.0)):
            text += w.text  # one word split by a change of font
        else:
            text = f"{text} {w.text}"
        last = w
    segments.append((start, text))
    line.segments = segments


def _is_field_line(text: str) -> bool:
    """True when ``text`` is a field of an action plan ("Lead: …", "By when: …")."""
    from cpgraph.structure.shapes import field_of, known_field  # the shapes of text, read lazily

    f = field_of(text)
    return f is not None and known_field(f[0])


def _round(size: float) -> float:
    return round(size * 2) / 2


# ---- tables ---------------------------------------------------------------------------------
def _tables(page, words: list[_Word], ruled: bool) -> tuple[list[_Table], list[_Word]]:
    """The ruled tables of ``page`` with their cells' text, and the words outside them."""
    if not ruled:
        return [], words
    found = []
    for t in page.find_tables():
        ncols = max((len(r.cells) for r in t.rows), default=0)
        if ncols >= 2 and t.rows:
            found.append(t)
    if not found:
        return [], words
    tables: list[_Table] = []
    inside: set[int] = set()
    for t in found:
        x0, top, x1, bottom = t.bbox
        mine = [k for k, w in enumerate(words)
                if k not in inside and x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
        if not mine:
            continue
        inside.update(mine)
        cells = [(r, c, bbox) for r, row in enumerate(t.rows) for c, bbox in enumerate(row.cells) if bbox]
        texts: dict[tuple[int, int], list[_Word]] = {}
        for k in mine:
            w = words[k]
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            best, where = None, float("inf")
            for r, c, (bx0, btop, bx1, bbottom) in cells:
                dx = max(bx0 - cx, 0.0, cx - bx1)
                dy = max(btop - cy, 0.0, cy - bbottom)
                d = dx + dy
                if d < where:
                    best, where = (r, c), d
                    if d == 0:
                        break
            if best is not None:
                texts.setdefault(best, []).append(w)
        ncols = max(len(r.cells) for r in t.rows)
        rows: list[tuple[tuple[str, ...], bool]] = []
        for r, row in enumerate(t.rows):
            present = [c for c, bbox in enumerate(row.cells) if bbox]
            values = [_cell_text(texts.get((r, c), [])) for c in range(ncols)]
            if not any(values):
                continue
            if len(present) == 1 and ncols > 1:
                bx0, _t, bx1, _b = row.cells[present[0]]
                if bx1 - bx0 > 0.75 * (x1 - x0):  # one cell across the row
                    rows.append(((values[present[0]],), True))
                    continue
            rows.append((tuple(values), False))
        if rows:
            tables.append(_Table(top, bottom, ncols, rows))
    rest = [w for k, w in enumerate(words) if k not in inside]
    return tables, rest


def _cell_text(words: list[_Word]) -> str:
    if not words:
        return ""
    text = ""
    for line in _group(words):
        ws = sorted(line.words, key=lambda w: w.x0)
        part = ws[0].text
        for a, b in zip(ws, ws[1:], strict=False):
            part += ("" if b.x0 - a.x1 < 0.05 * max(b.size, 1.0) else " ") + b.text
        text = _join(text, part)
    return " ".join(text.split())


# ---- reading the file -----------------------------------------------------------------------
def _open(path, data: bytes):
    if b"%PDF" not in data[:1024]:
        raise InputError(f"{path} is not a PDF file (it does not start with %PDF)")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(f"{path} is protected by a password; cpgraph cannot read it") from exc
        if isinstance(cause, PDFEncryptionError):
            raise InputError(f"{path} is encrypted; cpgraph cannot read it") from exc
        raise InputError(f"{path} is not a readable PDF ({_detail(cause)})") from exc


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else exc.__class__.__name__


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


def _metrics(page_words: list[list[_Word]], spaces: list[float]) -> _Metrics:
    sizes: Counter[float] = Counter()
    bold: Counter[float] = Counter()
    for words in page_words:
        for w in words:
            if w.text != "•":
                sizes[_round(w.size)] += len(w.text)
                if w.bold:
                    bold[_round(w.size)] += len(w.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    width = chars = 0.0
    for words in page_words:
        for w in words:
            if _round(w.size) == body:
                width += w.x1 - w.x0
                chars += len(w.text)
    space = sorted(spaces)[len(spaces) // 2] if spaces else 0.25
    char = width / chars / body if chars and body else 0.5
    return _Metrics(body=body or 10.0, space=min(max(space, 0.15), 0.5), char=min(max(char, 0.3), 0.8),
                    bold_body=bold[body] > 0.5 * sizes[body] if sizes else False)


def _line_gap(pages: list[_Page], body: float) -> float:
    """The usual white space between two lines of a paragraph of body text, as a share of the
    body size: the median gap below a body line that fills its page's width and is carried on by
    the next at the same x (a line that wrapped), else a low quartile of the gaps between body
    lines (so paragraph breaks and spaced lists do not count)."""
    wrapped, gaps = [], []
    for page in pages:
        lines = [e for e in page.elements if isinstance(e, _Line) and e.size == body]
        if not lines:
            continue
        right = max(e.x1 for e in lines)
        left = min(e.x0 for e in lines)
        for a, b in zip(lines, lines[1:], strict=False):
            if b.top < a.bottom - 0.5:
                continue
            gap = max(b.top - a.bottom, 0.0)
            gaps.append(gap)
            if (not b.bullet and abs(a.x0 - b.x0) <= 1 and a.x1 >= right - 0.12 * (right - left)
                    and len(a.segments) == 1):
                wrapped.append(gap)
    chosen = wrapped if len(wrapped) >= 3 else gaps
    if not chosen:
        return 0.25
    chosen.sort()
    return min(chosen[len(chosen) // 2 if chosen is wrapped else len(chosen) // 4] / body, 1.5)


def _mark_furniture(pages: list[_Page]) -> None:
    """Mark running headers and footers, page numbers and other furniture lines: the lines
    ``furniture.running_lines`` finds among the first and last lines of the pages (a table
    counts as lines of its own there, never as furniture), the lines in the top or bottom eighth
    of the page that recur, digits aside, at the same height on most pages, and the lines
    ``furniture.is_furniture`` knows."""
    texts = [[t for e in page.elements for t in
              ([e.text] if isinstance(e, _Line) else [f"\x00{id(e)}:{k}" for k in range(len(e.rows))])]
             for page in pages]
    running = furniture.running_lines(texts)
    conf = furniture.rules()["running_lines"]
    needed = max(conf["min_pages"], conf["share"] * len(pages))
    at_edges: dict[str, list[tuple[int, float]]] = {}
    for p, page in enumerate(pages):
        for e in page.elements:
            if isinstance(e, _Line) and page.height and (e.top < page.height / 8 or e.bottom > page.height * 7 / 8):
                at_edges.setdefault(_DIGITS.sub("#", e.flat.casefold()), []).append((p, e.top))
    recurring: set[tuple[str, int]] = set()
    for key, seen in at_edges.items():
        if len({p for p, _top in seen}) < needed:
            continue
        tops = sorted(top for _p, top in seen)
        usual = tops[len(tops) // 2]
        near = [(p, top) for p, top in seen if abs(top - usual) <= 3]
        if len({p for p, _top in near}) >= needed:
            recurring.update((key, round(top)) for _p, top in near)
    for p, page in enumerate(pages):
        k = 0
        for e in page.elements:
            if isinstance(e, _Table):
                k += len(e.rows)
                continue
            key = (_DIGITS.sub("#", e.flat.casefold()), round(e.top))
            if (p, k) in running or key in recurring or furniture.is_furniture(e.flat):
                e.furniture = True
            k += 1


def _number_tables(pages: list[_Page]) -> None:
    """Number the tables; one at the top of a page that carries on the table that ended the page
    before, with as many columns, keeps its number."""
    number = 0
    last: _Line | _Table | None = None
    for page in pages:
        content = [e for e in page.elements if not (isinstance(e, _Line) and e.furniture)]
        for k, e in enumerate(content):
            if not isinstance(e, _Table):
                continue
            if k == 0 and isinstance(last, _Table) and last.ncols == e.ncols:
                e.number, e.continued = last.number, True
            else:
                number += 1
                e.number = number
        last = content[-1] if content else None


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return [" ".join(x.split()).casefold() for x in a] == [" ".join(x.split()).casefold() for x in b]


# ---- rendering ------------------------------------------------------------------------------
class _Writer:
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

    def zone(self, seq, i: int) -> int:
        """An unruled table: the lines with wide gaps and the lines that carry on their cells,
        laid out as text columns (each column as wide as its longest cell, three spaces apart).
        Where the rows are set apart by more space than the lines of a cell, the lines of each row
        are joined into one; otherwise each line keeps its own and the text parser joins the
        lines that carry a cell on."""
        p, e = seq[i]
        self.stack.clear()
        cols = sorted(x for x, _t in e.segments)
        lines = [e]
        j = i + 1
        page = p
        while j < len(seq):
            q, nxt = seq[j]
            if not isinstance(nxt, _Line) or nxt.bullet:
                break
            last = lines[-1]
            if q != page:
                # a table carried on at the top of the next page, its header row set again
                if q != page + 1 or not self.aligned_row(nxt, cols):
                    break
                page = q
                if _same(tuple(t for _x, t in nxt.segments), tuple(t for _x, t in e.segments)):
                    j += 1
                    continue
            elif nxt.top - last.bottom > (self.m.gap + 1.2) * max(nxt.size, last.size) and not (
                    nxt.top - last.bottom < 3 * nxt.size and self.padded_row(seq, j, cols)):
                break
            if len(nxt.segments) == 1 and (
                    not any(abs(nxt.x0 - x) <= 4 for x in cols)
                    or (abs(nxt.x0 - cols[0]) <= 4 and self.heading_kind(nxt)
                        and not self.padded_row(seq, j, cols))):
                break
            if len(nxt.segments) > 1:
                cols = sorted(cols + [x for x, _t in nxt.segments if all(abs(x - c) > 4 for c in cols)])
            lines.append(nxt)
            j += 1
        cells: list[dict[int, str]] = []
        for line in lines:
            placed: dict[int, str] = {}
            for x, text in line.segments:
                k = max((n for n, c in enumerate(cols) if c <= x + 4), default=0)
                placed[k] = f"{placed[k]} {text}" if k in placed else text
            cells.append(placed)
        rows: list[dict[int, str]] = []
        groups, certain = self.row_groups(lines, cells)
        for group in groups:
            row: dict[int, str] = {}
            for n in group:
                for k, text in cells[n].items():
                    row[k] = _join(row.get(k, ""), text)
            rows.append(row)
        if certain and any(len(g) > 1 for g in groups) and len(rows) > 2:
            self.padded_table(rows, [lines[g[0]] for g in groups], len(cols), p)
            return j
        widths = [max((len(r.get(k, "")) for r in rows), default=0) for k in range(len(cols))]
        starts = [0]
        for w in widths[:-1]:
            starts.append(starts[-1] + w + 3)
        for row in rows:
            out = ""
            for k in sorted(row):
                out += " " * max(starts[k] - len(out), 3 if out else 0) + row[k]
            self.add(out, p)
        self.blank()
        return j

    def padded_table(self, rows: list[dict[int, str]], firsts: list[_Line], ncols: int, p: int) -> None:
        """An unruled table whose rows are set apart by padding, so that its rows are known:
        written as table rows, a line alone in the first column across the table (a priority
        over the rows after it) as a merged row."""
        self.blank()
        self.zones += 1
        number = -self.zones  # apart from the numbers of ruled tables
        header = True
        for row, first in zip(rows, firsts, strict=True):
            cells = [row.get(k, "") for k in range(ncols)]
            merged = not header and set(row) == {0} and ncols > 1 and (
                first.bold or self.heading_kind(first) is not None)
            text = cells[0] if merged else "\t".join(cells)
            self.add(text, p, LineHint("row", table=number, cells=[cells[0]] if merged else cells,
                                       header=header, merged=merged))
            header = False
        self.blank()

    def aligned_row(self, line: _Line, cols: list[float]) -> bool:
        """True when ``line`` has two or more pieces apart, at least two of them starting where
        the columns ``cols`` start: a row of the same table."""
        return len(line.segments) > 1 and sum(
            1 for x, _t in line.segments if any(abs(x - c) <= 4 for c in cols)) >= 2

    def padded_row(self, seq, j: int, cols: list[float]) -> bool:
        """True when ``seq[j]``, though set well apart from the line above, is a row of the
        unruled table above: its rows are padded (a row of its columns), or it is a line across
        the table (a priority over the rows that follow) with a row of the columns after it."""
        q, line = seq[j]
        if self.aligned_row(line, cols):
            return True
        if len(line.segments) != 1 or abs(line.x0 - cols[0]) > 4 or j + 1 >= len(seq):
            return False
        q2, after = seq[j + 1]
        return q2 in (q, q + 1) and isinstance(after, _Line) and self.aligned_row(after, cols)

    def row_groups(self, lines: list[_Line], cells: list[dict[int, str]]) -> tuple[list[list[int]], bool]:
        """The lines of each row of an unruled table, and whether the rows are certain: apart
        where the space between two lines is clearly more than the least (the rows' padding),
        when that happens at least twice; a group in which two lines fill every column it uses
        is two rows after all (rows set with no padding), and its lines stay apart (the rows are
        then uncertain: the text parser decides which lines carry a cell on)."""
        single = [[n] for n in range(len(lines))]
        if len(lines) < 3:
            return single, False
        # a negative pitch is the top of the next page: a new row starts there
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
        least = min((pitch for pitch in pitches if pitch > 0), default=0.0)
        breaks = [n + 1 for n, pitch in enumerate(pitches)
                  if pitch <= 0 or pitch > least + 0.3 * lines[n].size]
        if len(breaks) < 2:
            return single, False
        groups: list[list[int]] = []
        certain = True
        for a, b in zip([0, *breaks], [*breaks, len(lines)], strict=False):
            group = list(range(a, b))
            used = set().union(*(cells[n] for n in group))
            if sum(1 for n in group if set(cells[n]) == used) > 1 and len(group) > 1:
                groups.extend([n] for n in group)
                certain = False
            else:
                groups.append(group)
        return groups, certain

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
