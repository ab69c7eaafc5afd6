"""Checks made before a reader parses a file: it exists, is not empty or too big, and a zip
package (.docx, .xlsx) is not a zip bomb. Each failure is an InputError with one line."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from cpgraph.errors import InputError

MIB = 1024 * 1024
# A .docx/.xlsx whose parts unpack to more than this, or to more than RATIO times the package
# size (once past RATIO_FLOOR bytes), is refused before anything is extracted.
ZIP_MAX_UNCOMPRESSED = 200 * MIB
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 10 * MIB
ZIP_MAX_MEMBERS = 10_000

# Leading bytes of formats people give cpgraph under the wrong name.
MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip package (a .docx or .xlsx?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc or .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
)


def human_size(n: int) -> str:
    """``n`` bytes as people say it: ``104.9 MB``, ``20 MB``, ``351 KB``, ``12 bytes``."""
    for unit, size in (("MB", MIB), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


def read_checked(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` after checking it exists, is a file, is not empty and not bigger
    than ``max_bytes``."""
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path} is a folder, not a document")
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc.__class__.__name__})") from exc
    _check_size(path, size, max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc.__class__.__name__})") from exc
    _check_size(path, len(data), max_bytes)  # it may have changed since stat()
    return data


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size == 0:
        raise InputError(f"{path} is empty")
    if size > max_bytes:
        shown, limit = human_size(size), human_size(max_bytes)
        if shown == limit:
            shown, limit = f"{size} bytes", f"{max_bytes} bytes"
        raise InputError(
            f"{path} is {shown}, over the {limit} limit (set CPGRAPH_MAX_FILE_BYTES to raise it)"
        )


def sniff(data: bytes) -> str | None:
    """What the leading bytes say the file is (``"a PDF file"``), if they say anything."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    return None


def open_package(path: Path, data: bytes, *, kind: str, required: str) -> zipfile.ZipFile:
    """``data`` as a zip package holding ``required`` (e.g. ``word/document.xml``), after checking
    from its central directory, before extracting anything, that it is not a zip bomb."""
    if not data.startswith(b"PK"):
        what = sniff(data)
        detail = f"it is {what}" if what else "it is not a zip package"
        if what and "old Office" in what:
            detail += f"; save it as {path.suffix.lower()} first"
        raise InputError(f"{path} is not a {kind} ({detail})")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path} is not a {kind} (a damaged zip package: {exc})") from exc
    if len(infos) > ZIP_MAX_MEMBERS:
        raise InputError(f"{path} holds {len(infos)} parts; cpgraph refuses more than {ZIP_MAX_MEMBERS}")
    total = sum(max(i.file_size, 0) for i in infos)
    if total > ZIP_MAX_UNCOMPRESSED or (total > ZIP_RATIO_FLOOR and total > ZIP_MAX_RATIO * len(data)):
        raise InputError(
            f"{path} would unpack to {human_size(total)} from {human_size(len(data))}; "
            "cpgraph refuses it as a possible zip bomb"
        )
    names = {i.filename for i in infos}
    if required not in names:
        raise InputError(f"{path} is not a {kind} (the zip package has no {required})")
    _check_members(path, package, kind)
    return package


def _check_members(path: Path, package: zipfile.ZipFile, kind: str) -> None:
    """Unpack every part in 1 MiB pieces, keeping none, so a part bigger than the central
    directory says (a lying zip bomb) fails its checksum here instead of being unpacked whole,
    into memory, by the docx or xlsx library."""
    try:
        bad = package.testzip()
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{path} is not a {kind} (a damaged zip package: {exc})") from exc
    except zlib.error as exc:
        raise InputError(f"{path} is not a {kind} (a damaged zip package: {exc})") from exc
    if bad is not None:
        raise InputError(
            f"{path} is not a {kind} (a damaged zip package: {bad} is not what its header says; "
            "a possible zip bomb)"
        )
