"""The bad-input matrix through the command line: every file a user can get wrong is refused
with one line on stderr and exit 2 — by `cpgraph build` and `cpgraph extract` alike — and a
refused build writes nothing: the store of the previous good build (its quads, its generation
folders) and the curation file are exactly as they were."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from cpgraph import curation
from cpgraph.build import run_build
from cpgraph.settings import Settings
from cpgraph.store import open_store
from tests.cli_runner import (
    SEED_PLAN,
    assert_clean_refusal,
    copy_home,
    curation_file,
    run_cpgraph,
    store_dir,
    store_quads,
)

ACTION = "bracknell-forest-action-plan-2025-2028-pledge-1-action-2"


# --- the bad files ------------------------------------------------------------------------------

def _docx_bytes(paragraph: str = "Pledge 1") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _repack(package: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """``package`` with every part passed through ``change(name, data)``."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return out.getvalue()


def _padded_document(mib: int) -> bytes:
    """A real .docx whose body holds ``mib`` MiB of one letter (compresses ~1000:1)."""
    filler = b"<w:p><w:r><w:t>" + b"A" * (mib << 20) + b"</w:t></w:r></w:p>"
    return _repack(_docx_bytes(), lambda name, data: data.replace(b"<w:body>", b"<w:body>" + filler, 1)
                   if name == "word/document.xml" else data)


def _lie_about_size(package: bytes, member: str, size: int) -> bytes:
    """``package`` with the sizes recorded for ``member`` (central directory and local header)
    replaced by ``size``: a zip bomb that passes a check of the directory alone."""
    data = bytearray(package)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_length]) == member.encode():
            struct.pack_into("<I", data, at + 24, size)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _billion_laughs_docx() -> bytes:
    entities = '<!ENTITY l0 "lolololololololololololololololololololol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f"<!DOCTYPE w:document [{entities}]>".encode()
    return _repack(_docx_bytes("LAUGH"), lambda name, data: data.replace(b"?>", b"?>" + doctype, 1)
                   .replace(b"LAUGH", b"&l9;") if name == "word/document.xml" else data)


def _shapes_only_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for page in range(2):
        pdf.rect(72, 72, 200, 120 + page * 40, fill=1)
        pdf.circle(300, 500, 50)
        pdf.line(50, 700, 500, 650)
        pdf.showPage()
    pdf.save()


def _xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Action", "Responsible officer", "Timeline"])
    book.active.append(["Care plans", "Team Manager", "September 2025"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _write(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    """A maker of the file ``name`` holding ``data`` (or what ``data()`` returns, made when the
    case runs, not when the tests are collected)."""
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path
    return make


def _sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with open(path, "wb") as fh:
            fh.write(b"Pledge 1\n")
            fh.truncate(size)  # a hole: no 100 MB written to disk
        return path
    return make


def _pdf(folder: Path) -> Path:
    path = folder / "scanned.pdf"
    _shapes_only_pdf(path)
    return path


def _batch_with_one_bad_file(folder: Path) -> Path:
    batch = folder / "batch"
    batch.mkdir()
    (batch / SEED_PLAN.name).write_bytes(SEED_PLAN.read_bytes())
    (batch / "zz-empty.md").write_bytes(b"")
    return batch


@dataclass(frozen=True)
class Case:
    """A bad input: how to make it, the environment to run with, and a word the one-line
    refusal must contain so the user knows what is wrong."""

    name: str
    make: Callable[[Path], Path]
    says: str
    env: tuple[tuple[str, str], ...] = ()
    commands: tuple[str, ...] = ("build", "extract")


CASES = [
    Case("empty", _write("empty.txt", b""), "empty"),
    Case("binary", _write("binary.txt", bytes(range(256)) * 40), "binary"),
    Case("binary-named-docx", _write("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(4000)), "PNG"),
    Case("over-configured-limit", _write("plan.txt", SEED_PLAN.read_bytes()), "limit",
         env=(("CPGRAPH_MAX_FILE_BYTES", "4096"),)),
    Case("sparse-100-mb", _sparse("huge.txt", 100 * 1024 * 1024), "limit"),
    Case("pdf-without-text-layer", _pdf, "text layer"),
    Case("corrupt-docx", _write("damaged.docx", lambda: _docx_bytes()[:1500]), "damaged"),
    Case("corrupt-xlsx", _write("damaged.xlsx", lambda: _xlsx_bytes()[:-200]), "damaged"),
    Case("docx-zip-bomb", _write("bomb.docx", lambda: _padded_document(12)), "zip bomb"),
    Case("docx-zip-bomb-lying-header",
         _write("liar.docx", lambda: _lie_about_size(_padded_document(16), "word/document.xml", 2048)), "zip bomb"),
    Case("docx-billion-laughs", _write("laughs.docx", _billion_laughs_docx), "laughs.docx"),
    Case("unknown-type", _write("notes.odt", b"Pledge 1\nResponsible officer: Someone\n"), "docx"),
    Case("no-extension", _write("README", b"Pledge 1\n"), "reads"),
    Case("missing-file", lambda folder: folder / "no-such-plan.txt", "no such file"),
    Case("batch-with-one-bad-file", _batch_with_one_bad_file, "empty", commands=("build",)),
]


# --- one good build, then every bad input against a copy of it ------------------------------------

@pytest.fixture(scope="module")
def good_home(tmp_path_factory) -> Path:
    """A home with a store built from one seed and a status recorded by a person."""
    home = tmp_path_factory.mktemp("good-home")
    settings = Settings(home=home)
    run_build(settings, [SEED_PLAN], validate=False)
    with open_store(str(store_dir(home))) as store:
        curation.report_status(settings, store, curation.item_iri(ACTION), "In progress", "amber", "Tester")
    assert curation_file(home).is_file()
    return home


@dataclass
class Outcome:
    """What one command did with one bad input, and the home's state before and after."""

    proc: object
    quads_before: list[str]
    quads_after: list[str]
    store_before: tuple
    store_after: tuple
    curation_before: bytes
    curation_after: bytes


def _store_state(home: Path) -> tuple:
    folder = store_dir(home)
    return os.readlink(folder / "current"), sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def outcomes(good_home, tmp_path_factory) -> dict[tuple[str, str], Outcome]:
    """Every case run by every command, each in its own copy of the good home (in parallel:
    each run is a separate process)."""
    quads = store_quads(good_home)
    state = _store_state(good_home)
    saved = curation_file(good_home).read_bytes()
    jobs = []
    for case in CASES:
        for command in case.commands:
            home = copy_home(good_home, tmp_path_factory.mktemp(f"{case.name}-{command}") / "home")
            inputs = home / "inputs"
            inputs.mkdir()
            jobs.append((case, command, home, case.make(inputs)))

    def run(job) -> Outcome:
        case, command, home, path = job
        proc = run_cpgraph(home, command, path, **dict(case.env))
        # extract never opens the store; its folder listing is checked, the quads only after builds
        after = store_quads(home) if command == "build" else quads
        return Outcome(proc, quads, after, state, _store_state(home), saved, curation_file(home).read_bytes())

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(run, jobs))
    return {(case.name, command): outcome for (case, command, _, _), outcome in zip(jobs, done, strict=True)}


RUNS = [(case, command) for case in CASES for command in case.commands]


@pytest.mark.parametrize("case,command", RUNS, ids=[f"{c.name}-{command}" for c, command in RUNS])
def test_bad_file_is_refused_in_one_line_and_nothing_is_written(outcomes, case, command):
    outcome = outcomes[(case.name, command)]
    line = assert_clean_refusal(outcome.proc, what=f"cpgraph {command} {case.name}")
    assert case.says.lower() in line.lower(), line
    assert len(line) < 400, line
    assert outcome.quads_after == outcome.quads_before, "the store changed"
    assert outcome.store_after == outcome.store_before, "the store folder changed (a half-built generation?)"
    assert outcome.curation_after == outcome.curation_before, "the curation file changed"


def test_the_good_home_really_has_data(good_home):
    # The "unchanged" checks above compare real content, not two empty stores.
    quads = store_quads(good_home)
    assert len(quads) > 1000
    assert any("In progress" in q for q in quads)
    assert b"In progress" in curation_file(good_home).read_bytes()


# --- inputs that are not errors ------------------------------------------------------------------

def test_document_without_structure_gives_empty_model_and_a_warning(good_home, tmp_path):
    home = copy_home(good_home, tmp_path / "home")
    prose = home / "minutes.txt"
    prose.write_text("The panel met on a Tuesday.\n\nIt rained, and everyone went home early.\n", encoding="utf-8")
    extracted = run_cpgraph(home, "extract", prose)
    assert extracted.returncode == 0, extracted.stderr
    assert "Traceback" not in extracted.stderr
    model = json.loads(extracted.stdout)
    assert model["pledges"] == [] and model["responsibilities"] == []
    assert any(line.startswith("warning: ") and "minutes.txt" in line
               for line in extracted.stderr.splitlines()), extracted.stderr
    built = run_cpgraph(home, "build", prose)
    assert built.returncode == 0, built.stderr
    assert "warning: " in built.stderr and "Traceback" not in built.stderr


@pytest.mark.parametrize("name,data", [
    ("unclosed.html", b"<html><body><p>Pledge 1<div><table><tr><td>Responsible officer: <b>Team <i>Manager"
                      b"</p></td></html><<<>>>&&&;&#xD800;&bogus;<!-- never closed <script>x"),
    ("only-tags.html", b"<html><head><title></title></head><body><div><span></span></div></body></html>"),
])
def test_malformed_html_reads_leniently_with_a_warning(tmp_path, name, data):
    # Browsers read broken HTML; so does cpgraph — but it says when nothing was recognised.
    path = tmp_path / name
    path.write_bytes(data)
    proc = run_cpgraph(tmp_path, "extract", path)
    assert "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert_clean_refusal(proc)
        return
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pledges"] == []
    assert "warning: " in proc.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_legacy_encodings_extract_like_utf8(tmp_path, encoding):
    # The same seed saved by an old Windows editor, or as UTF-16 with a BOM, extracts the same
    # pledges, owners and curly apostrophes as the UTF-8 original.
    folder = tmp_path / encoding
    folder.mkdir()
    path = folder / SEED_PLAN.name
    path.write_bytes(SEED_PLAN.read_text(encoding="utf-8").encode(encoding))
    proc = run_cpgraph(tmp_path, "extract", path)
    original = run_cpgraph(tmp_path, "extract", SEED_PLAN)
    assert proc.returncode == 0 and original.returncode == 0, proc.stderr + original.stderr
    got, want = json.loads(proc.stdout), json.loads(original.stdout)
    got.pop("council", None), want.pop("council", None)  # the catalogue names the original's council
    assert got == want
    assert "young person’s" in proc.stdout


def test_turtle_with_a_syntax_error_is_refused_by_validate(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "never closed .\nex:c ex:d ex:e .\n',
                   encoding="utf-8")
    line = assert_clean_refusal(run_cpgraph(tmp_path, "validate", bad))
    assert "bad.ttl" in line


def test_damaged_curation_file_stops_the_build_and_is_left_alone(good_home, tmp_path):
    home = copy_home(good_home, tmp_path / "home")
    damaged = curation_file(home).read_bytes().replace(b"In progress", b"In progress\" ;; broken <", 1)
    curation_file(home).write_bytes(damaged)
    before = store_quads(home)
    line = assert_clean_refusal(run_cpgraph(home, "build", SEED_PLAN))
    assert "curation" in line
    assert curation_file(home).read_bytes() == damaged
    assert store_quads(home) == before
