"""Opening a PDF and reading the characters of its pages: pdfminer's characters turned into the
few attributes read here (the lines and rectangles kept for ``find_tables``), the copies some
PDFs draw a hair apart to fake bold type left out, and the characters made words, cleaned of
control characters and ligatures, with the glyphs drawn as bullets kept as words of their own.
Every problem opening the file is an ``InputError`` of one line."""

from __future__ import annotations

import io
import re

from cpgraph.errors import InputError
from cpgraph.read.pdf.elements import _Word

# Glyphs PDFs draw as bullets, with the private-use ones of the Symbol and Wingdings fonts and
# the control characters some fonts map their bullet to.
_BULLETS = frozenset("•●▪■◦–‣∙○➢➤►▶❖◆◇✓✔\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0a1\x7f\x95\x8f")
_CID = re.compile(r"\(cid:(\d+)\)")
_CID_BULLETS = frozenset({"127", "149", "183", "108", "110"})
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u00ad\ufeff]")
_GLYPHS = str.maketrans({"\x7f": "•", "\x95": "•", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
                         "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_BOLD = re.compile(r"bold|black|heavy|semib|demib|extrab|ultrab|[-,]bd\b", re.IGNORECASE)


def _clean(text: str) -> str:
    if "(cid:" in text:  # a glyph the font does not map to a character: bullets kept, others dropped
        text = _CID.sub(lambda m: "•" if m.group(1) in _CID_BULLETS else "", text)
    return _CONTROLS.sub("", text.translate(_GLYPHS))


def _is_bullet(text: str) -> bool:
    if len(text) == 1:
        return text in _BULLETS or "\ue000" <= text <= "\uf8ff"
    m = _CID.fullmatch(text)
    return m is not None and m.group(1) in _CID_BULLETS


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
