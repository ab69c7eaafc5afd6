"""PDFs, read from their text layer with pypdf. Pages become lines (a blank line between pages);
page numbers and running headers/footers are blanked; ``TextDocument.locators`` gives each line's
page ("page 3")."""

from __future__ import annotations

import io
import logging
import re
import warnings
from pathlib import Path

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.text import TextDocument

# Glyphs PDFs use for bullets (with the Symbol-font private-use ones); pypdf gives \x7f or \x95
# for some WinAnsi bullets, read as "•".
_BULLET = re.compile(r"^\s*[•●▪■◦‣∙\uf0b7\uf0a7\uf076\uf0d8]\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_GLYPHS = str.maketrans({"\x7f": "•", "\x95": "•", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _clean(line: str) -> str:
    line = line.translate(_GLYPHS).replace("\u00ad", "").rstrip()
    if m := _BULLET.match(line):
        rest = line[m.end():]
        return "  • " + _SPACES.sub(" ", _CONTROLS.sub("", rest)) if rest else ""
    return _SPACES.sub(" ", _CONTROLS.sub("", line))


def _page_texts(path: Path, data: bytes) -> list[str]:
    if b"%PDF" not in data[:1024]:
        raise InputError(f"{path} is not a PDF file (it does not start with %PDF)")
    from pypdf import PasswordType, PdfReader

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf logs every repaired defect; they are not ours
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception as exc:  # any failure means we cannot open it
                    raise InputError(f"{path} is encrypted; cpgraph cannot read it") from exc
                if opened == PasswordType.NOT_DECRYPTED:
                    raise InputError(f"{path} is protected by a password; cpgraph cannot read it")
            return [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise InputError(f"{path} is not a readable PDF ({detail})") from exc
    finally:
        pypdf_log.setLevel(level)


def read_pdf(path: Path, data: bytes) -> TextDocument:
    """A PDF's text layer as lines, with page furniture blanked."""
    texts = _page_texts(path, data)
    if not any(t.strip() for t in texts):
        raise InputError(f"{path} has no text layer (a scanned PDF?); cpgraph cannot read images")
    pages = [[_clean(ln) for ln in re.split(r"\r\n|\r|\n", t)] for t in texts]
    running = furniture.running_lines(pages)
    lines: list[str] = []
    locators: dict[int, str] = {}
    for p, page in enumerate(pages):
        if p and lines and lines[-1]:
            lines.append("")
        for i, line in enumerate(page):
            if (p, i) in running:
                line = ""
            if not line and (not lines or not lines[-1]):
                continue
            lines.append(line)
            if line:
                locators[len(lines)] = f"page {p + 1}"
    while lines and not lines[-1]:
        lines.pop()
    lines, _blanked = furniture.blank_furniture(lines)
    locators = {n: loc for n, loc in locators.items() if lines[n - 1]}
    doc = TextDocument(source=path.name, lines=lines, format="pdf", locators=locators)
    empty = [str(p + 1) for p, t in enumerate(texts) if not t.strip()]
    if empty:
        what = "page " + empty[0] if len(empty) == 1 else "pages " + ", ".join(empty)
        doc.warnings.append(f"{path.name}: {what} of {len(texts)} had no text (images?)")
    return doc
