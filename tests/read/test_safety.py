"""Every bad file is an InputError with one line naming the file, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cpgraph.errors import InputError
from cpgraph.read import read_document, safety


def refused(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, **kwargs)
    message = info.value.message
    assert "\n" not in str(info.value) and message == str(info.value)
    assert path.name in message
    return message


def docx_bytes(text: str = "Hello") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def test_missing_file(tmp_path):
    assert refused(tmp_path / "nope.pdf").endswith("nope.pdf: no such file")
    assert refused(tmp_path / "nope.odt").endswith("nope.odt: no such file")


def test_folder(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is a folder" in refused(folder)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx", ".csv", ".xlsx"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert refused(path) == f"{path} is empty"


def test_too_big_sparse_file(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.truncate(110_000_000)  # sparse: costs no disk
    assert refused(path) == (
        f"{path} is 104.9 MB, over the 20 MB limit (set CPGRAPH_MAX_FILE_BYTES to raise it)"
    )


def test_too_big_with_small_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("line\n" * 500, encoding="utf-8")
    assert refused(path, max_bytes=1024) == (
        f"{path} is 2.4 KB, over the 1 KB limit (set CPGRAPH_MAX_FILE_BYTES to raise it)"
    )
    assert len(read_document(path, max_bytes=4096)) == 500


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Pledge 1\x00\x00\x01\x02 binary", "NUL bytes"),
        (bytes(range(128, 256)) * 4, "not UTF-8, UTF-16 or Windows-1252"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 abc \x0e\x0f\x10\x11", "control characters"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "it is a PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip package"),
        (b"\xff\xfeA\x00\x00", "not valid UTF-16"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".html"])
def test_binary_given_as_text(tmp_path, data, reason, suffix):
    path = tmp_path / f"binary{suffix}"
    path.write_bytes(data)
    message = refused(path)
    assert "is not readable text" in message and reason in message


@pytest.mark.parametrize("name", ["notes.odt", "strategy.doc", "tracker.xls", "picture.png", "README"])
def test_unknown_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"something")
    message = refused(path)
    assert f"{path}: cpgraph reads .txt .md .html .htm .pdf .docx .csv .xlsx" in message
    if name == "strategy.doc":
        assert message.endswith("(save it as .docx)")


def test_suffix_is_case_insensitive(tmp_path):
    path = tmp_path / "SHOUTY.TXT"
    path.write_text("We will listen.\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.format, doc.source, doc.lines) == ("txt", "SHOUTY.TXT", ["We will listen."])


# ---- zip packages ---------------------------------------------------------------------------
def _bomb(required: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(required, "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(("suffix", "required"), [(".docx", "word/document.xml"), (".xlsx", "xl/workbook.xml")])
def test_zip_bomb_refused_before_extracting(tmp_path, monkeypatch, suffix, required):
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(_bomb(required, 24 * 1024 * 1024))  # 24 MB of zeros in ~25 KB

    def no_extraction(*_args, **_kwargs):
        raise AssertionError("extracted a member of a zip bomb")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extraction)
    message = refused(path)
    assert "would unpack to 24 MB" in message and "zip bomb" in message


def test_zip_over_total_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "ZIP_MAX_UNCOMPRESSED", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes("x " * 2000))
    assert "zip bomb" in refused(path)


@pytest.mark.parametrize(
    ("suffix", "data", "reason"),
    [
        (".docx", b"Just some text, not a Word file", "(it is not a zip package)"),
        (".xlsx", b"Action,Lead\nA,B\n", "(it is not a zip package)"),
        (".docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx first"),
        (".xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .xlsx first"),
        (".docx", b"PK\x03\x04 broken zip", "damaged zip package"),
        (".docx", b"%PDF-1.4 oops", "it is a PDF file"),
    ],
)
def test_not_a_package(tmp_path, suffix, data, reason):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    message = refused(path)
    assert "is not a" in message and reason in message


def test_zip_without_the_main_part(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    for suffix, part in ((".docx", "word/document.xml"), (".xlsx", "xl/workbook.xml")):
        path = tmp_path / f"plainzip{suffix}"
        path.write_bytes(out.getvalue())
        assert f"has no {part}" in refused(path)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "corrupt.docx"
    path.write_bytes(rezip(docx_bytes(), {"word/document.xml": b"<w:document><w:body><w:p>"}))
    assert "is not a readable Word document" in refused(path)


def test_corrupt_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Action"
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(rezip(buffer.getvalue(), {"xl/workbook.xml": b"<workbook><sheets><sheet"}))
    assert "is not a readable Excel workbook" in refused(path)


# ---- PDFs -----------------------------------------------------------------------------------
def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    draw(c)
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(lambda c: c.rect(50, 50, 300, 400, fill=1)))
    assert refused(path) == (
        f"{path} has no text layer (a scanned PDF?); cpgraph cannot read images"
    )


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
     b"%PDF-1.7\n" + bytes(range(256)) * 20,
     b"not a pdf at all"],
)
def test_corrupt_pdf(tmp_path, data):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(data)
    message = refused(path)
    assert "PDF" in message


def test_truncated_pdf(tmp_path):
    data = _pdf(lambda c: c.drawString(72, 720, "We will listen to you."))
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    try:
        doc = read_document(path)
    except InputError as exc:
        assert "truncated.pdf" in exc.message and "\n" not in exc.message
    else:  # pypdf may repair it; then the text must be what was drawn
        assert "We will listen to you." in doc.lines


def _encrypted(user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(lambda c: c.drawString(72, 720, "We will listen to you.")))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("secret", "owner"))
    assert "protected by a password" in refused(path)


def test_pdf_encrypted_without_user_password_is_read(tmp_path):
    path = tmp_path / "restricted.pdf"
    path.write_bytes(_encrypted("", "owner"))
    assert "We will listen to you." in read_document(path).lines
