"""Plain text and Markdown: the file's own lines, decoded, with only furniture blanked."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpgraph import paths
from cpgraph.errors import InputError
from cpgraph.read import read_document
from cpgraph.read.furniture import is_furniture
from cpgraph.read.text import TextDocument

SOURCES = sorted(paths.default_sources_dir().glob("*.txt"))
STAFFORDSHIRE = paths.default_sources_dir() / "staffordshire-strategy-2023-2028.txt"


def file_lines(data: bytes) -> list[bytes]:
    parts = re.split(rb"\r\n|\r|\n", data)
    return parts[:-1] if len(parts) > 1 and parts[-1] == b"" else parts


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_txt_line_numbers_are_the_files(source):
    raw = source.read_text(encoding="utf-8").split("\n")
    if raw[-1] == "":
        raw.pop()
    doc = read_document(source)
    assert (doc.format, doc.source) == ("txt", source.name)
    assert len(doc) == len(raw)
    for number, line in enumerate(raw, start=1):
        assert doc.line(number) in (line, ""), number
        if doc.line(number) != line:
            assert is_furniture(line)


def test_staffordshire_furniture_blanked_and_numbering_kept():
    raw = STAFFORDSHIRE.read_text(encoding="utf-8").split("\n")
    doc = read_document(STAFFORDSHIRE)
    blanked = {n for n, (a, b) in enumerate(zip(raw, doc.lines, strict=False), start=1) if a != b}
    assert blanked == {1, 3, 5, 6, 11, 13, 15, 17, 319, 384}
    assert doc.line(9) == "Corporate parenting strategy - 2023 - 2028"
    assert doc.line(76) == "In Staffordshire, we will:"
    assert doc.line(79) == "    • Loving stable homes"
    assert doc.line(105) == "Answer:"  # accordion residue is content for the extractors, not furniture
    # trailing NBSPs and spaces are kept byte for byte
    assert doc.line(34) == "Cabinet Member for Children and Young People\xa0"


def test_bracknell_numbered_list_items_stay():
    doc = read_document(paths.default_sources_dir() / "bracknell-forest-action-plan-2025-2028.txt")
    assert doc.line(9) == "  3. Consistently update you in a way that you prefer."
    assert doc.line(16).startswith("  10. Commit to engaging")


def test_bare_page_numbers_blanked_numbered_items_kept(tmp_path):
    lines = ["Our promises", "3", "Page 3 of 12", "  3. Work with you", "- 4 -", "12 of 40",
             "iv", "3 promises", "Page 7", "2024", "Corporate Parenting Strategy (2.21 MB)",
             "We will publish the strategy (PDF) online.", "Skip to main content", "Back to top"]
    path = tmp_path / "p.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.lines == ["Our promises", "", "", "  3. Work with you", "", "", "", "3 promises",
                         "", "2024", "", "We will publish the strategy (PDF) online.", "", ""]


def test_line_terminators(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n\nfive  \n")
    assert read_document(path).lines == ["one", "two", "three", "", "five  "]
    path.write_bytes(b"no final newline")
    assert read_document(path).lines == ["no final newline"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252"]
)
def test_encodings(tmp_path, encoding):
    text = "Children’s services – “café” £5\nLine two\xa0\n"
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / "e.txt"
    path.write_bytes(data)
    assert read_document(path).lines == ["Children’s services – “café” £5", "Line two\xa0"]


def test_markdown(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Corporate parenting action plan\n\n## Pledge 1 ##\n- Keep you safe\n* Listen to you\n"
        "**Responsible officer:** Head of Service\nSee [the strategy](https://example.org/s.pdf).\n"
        "---\n#hashtag stays\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.format == "md"
    assert doc.lines == ["Corporate parenting action plan", "", "Pledge 1", "- Keep you safe",
                         "* Listen to you", "Responsible officer: Head of Service",
                         "See the strategy.", "", "#hashtag stays"]


# ---- properties ---------------------------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=300))
def test_any_text_reads_or_is_refused_cleanly(tmp_path, text):
    path = tmp_path / "any.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError as exc:
        assert "\n" not in exc.message and "any.txt" in exc.message
        return
    assert isinstance(doc, TextDocument)
    assert len(doc.lines) == len(file_lines(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=300))
def test_any_bytes_read_or_are_refused_cleanly(tmp_path, data):
    for name in ("any.txt", "any.md"):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert "\n" not in exc.message and name in exc.message
            continue
        assert isinstance(doc, TextDocument)
        if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            assert len(doc.lines) == len(file_lines(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40), min_size=1, max_size=20))
def test_lines_are_kept_or_blanked_never_moved(tmp_path, lines):
    path = tmp_path / "l.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    try:
        doc = read_document(path)
    except InputError:
        return
    assert len(doc.lines) == len(lines)
    for got, want in zip(doc.lines, lines, strict=True):
        assert got == want.lstrip("\ufeff") or got == ""


@pytest.mark.parametrize("source", [p for p in SOURCES if p != STAFFORDSHIRE], ids=lambda p: p.stem)
def test_other_seeds_have_no_furniture(source):
    raw = source.read_text(encoding="utf-8").split("\n")
    assert read_document(source).lines == (raw[:-1] if raw[-1] == "" else raw)
