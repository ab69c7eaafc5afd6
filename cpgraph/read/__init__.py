"""Readers: every supported format becomes one line-numbered ``TextDocument``.

``read_document`` checks the file (exists, not empty, not over the size limit), then hands it
to the reader for its suffix. Every problem with the file is an ``InputError`` with one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cpgraph.errors import InputError
from cpgraph.read.safety import read_checked
from cpgraph.read.text import TextDocument

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv", ".xlsx")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Formats people try that cpgraph does not read, and what to do instead.
_HINTS = {
    ".doc": "save it as .docx",
    ".xls": "save it as .xlsx",
    ".xlsm": "save it as .xlsx",
    ".odt": "save it as .docx",
    ".ods": "save it as .xlsx",
    ".rtf": "save it as .docx",
    ".markdown": "rename it .md",
    ".text": "rename it .txt",
}


def _reader(suffix: str) -> Callable[[Path, bytes], TextDocument]:
    if suffix in (".txt", ".md"):
        from cpgraph.read.plain import read_plain

        return lambda path, data: read_plain(path, data, markdown=suffix == ".md")
    if suffix in (".html", ".htm"):
        from cpgraph.read.html import read_html

        return read_html
    if suffix == ".pdf":
        from cpgraph.read.pdf import read_pdf

        return read_pdf
    if suffix == ".docx":
        from cpgraph.read.docx import read_docx

        return read_docx
    if suffix == ".csv":
        from cpgraph.read.sheet import read_csv

        return read_csv
    from cpgraph.read.sheet import read_xlsx

    return read_xlsx


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> TextDocument:
    """Read ``path`` (.txt .md .html .htm .pdf .docx .csv .xlsx) into a TextDocument whose
    ``source`` is the file name. Raises InputError (one line, naming the file) when the file is
    missing, empty, over ``max_bytes``, of an unknown kind, or unreadable as its kind."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        hint = f" ({_HINTS[suffix]})" if suffix in _HINTS else ""
        raise InputError(f"{path}: cpgraph reads {' '.join(SUPPORTED_SUFFIXES)}{hint}")
    data = read_checked(path, max_bytes)
    try:
        return _reader(suffix)(path, data)
    except RecursionError as exc:
        raise InputError(f"{path} is nested too deeply to read") from exc
    except MemoryError as exc:
        raise InputError(f"{path} is too big to read in the memory available") from exc


__all__ = ["SUPPORTED_SUFFIXES", "TextDocument", "read_document"]
