"""Every reader renders the same seed text to the same content lines (blank lines ignored).

Fixtures are built here from the seed documents: an HTML page (with a cookie banner, navigation,
nested lists and tables), a PDF drawn with reportlab (with a running header and page numbers),
a Word document (list paragraphs and tables) and a Markdown copy.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cpgraph import paths
from cpgraph.read import SUPPORTED_SUFFIXES, read_document

SEEDS = (
    "staffordshire-strategy-2023-2028",
    "leicester-city-strategy-2023",
    "buckinghamshire-strategy-2020-2023",
    "unnamed-council-strategy-2025-2030",
    "bracknell-forest-action-plan-2025-2028",
)
_ITEM = re.compile(r"^( *)(?:[•\-]|(\d+)\.)\s+(.*)$")
_MARKER = re.compile(r"^(?:[•\-]|\d+\.)\s+")


def seed_lines(stem: str) -> list[str]:
    return (paths.default_sources_dir() / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def content(lines: list[str]) -> list[str]:
    """Non-blank lines with whitespace collapsed and any list marker dropped."""
    out = []
    for line in lines:
        text = _MARKER.sub("", " ".join(line.split()))
        if text:
            out.append(text)
    return out


def blocks(lines: list[str]):
    """Seed lines grouped as ("p", text), ("list", [(level, number, text)]), ("table", [cells])."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            yield "table", rows
        elif _ITEM.match(line):
            items = []
            while i < len(lines) and (m := _ITEM.match(lines[i])):
                items.append((max(1, len(m.group(1)) // 2), m.group(2), m.group(3)))
                i += 1
            yield "list", items
        else:
            yield "p", line
            i += 1


# ---- fixture builders -------------------------------------------------------------------------
COOKIE_BANNER = """<div id="cookie-banner" class="govuk-cookie-banner">
  <p>We'd like to use analytics cookies so we can understand how you use the site.</p>
  <button>Accept analytics cookies</button> <a href="#">View cookies</a></div>"""
NAV = """<header class="site-header"><a class="skip-link" href="#main">Skip to main content</a>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/care">Children's social care</a></li></ul></nav>
</header>"""
FOOTER = "<footer><p>&copy; Example County Council</p><ul><li>Accessibility</li></ul></footer>"


def _html_list(items) -> str:
    out, depth, kinds = [], 0, []
    for level, number, text in items:
        while depth < level:
            kind = "ol" if number else "ul"
            out.append(f"<{kind}>")
            kinds.append(kind)
            depth += 1
        while depth > level:
            out.append(f"</li></{kinds.pop()}>")
            depth -= 1
        out.append(f"<li>{html.escape(text)}")  # li left open: the parser must close it
    while depth:
        out.append(f"</li></{kinds.pop()}>")
        depth -= 1
    return "\n".join(out)


def write_html(path: Path, lines: list[str]) -> Path:
    body = []
    for kind, value in blocks(lines):
        if kind == "p":
            tag = "h2" if len(value) < 40 and not value.endswith(".") else "p"
            body.append(f"<{tag}>{html.escape(value)}</{tag}>")
        elif kind == "list":
            body.append(_html_list(value))
        else:
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in value
            )
            body.append(f"<table><tbody>{rows}</tbody></table>")
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Strategy</title>"
        "<style>p { color: red }</style><script>var x = '<p>not text</p>';</script></head>"
        f"<body class='js-enabled cookies-pending'>{COOKIE_BANNER}{NAV}<main id='main'>"
        + "\n".join(body)
        + f"</main>{FOOTER}</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_pdf(path: Path, lines: list[str], *, per_page: int = 40, header: str | None = None) -> Path:
    from reportlab.pdfgen import canvas

    width, height = 3200, 800  # wide enough for the longest seed line on one PDF line
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    c = canvas.Canvas(str(path), pagesize=(width, height))
    for number, page in enumerate(pages, start=1):
        c.setFont("Helvetica", 7)
        if header:
            c.drawString(30, height - 20, header)
        y = height - 50
        for line in page:
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                c.drawString(30 + indent * 4, y, line.strip().replace("\t", "    "))
            y -= 16
        c.drawString(width / 2, 20, f"Page {number} of {len(pages)}")
        c.showPage()
    c.save()
    return path


def write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for kind, value in blocks(lines):
        if kind == "p":
            document.add_paragraph(value)
        elif kind == "list":
            for level, number, text in value:
                style = "List Number" if number else "List Bullet"
                document.add_paragraph(text, style=style if level == 1 else f"{style} {level}")
        else:
            width = max(len(row) for row in value)
            table = document.add_table(rows=len(value), cols=width)
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    document.save(str(path))
    return path


# ---- tests ----------------------------------------------------------------------------------
@pytest.mark.parametrize("stem", SEEDS)
@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_every_format_reads_the_same_content(tmp_path, stem, fmt):
    lines = seed_lines(stem)
    expected = content(read_document(paths.default_sources_dir() / f"{stem}.txt").lines)
    target = tmp_path / f"{stem}.{fmt}"
    if fmt == "md":
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "html":
        write_html(target, lines)
    elif fmt == "pdf":
        # a running header only where there are pages enough to show it runs
        header = f"{stem} – draft for consultation" if len(lines) > 40 else None
        write_pdf(target, lines, header=header)
    else:
        write_docx(target, lines)
    doc = read_document(target)
    assert doc.format == fmt
    assert doc.source == target.name
    assert content(doc.lines) == expected


def test_html_drops_banner_navigation_scripts_and_footer(tmp_path):
    doc = read_document(write_html(tmp_path / "s.html", seed_lines(SEEDS[0])))
    text = "\n".join(doc.lines)
    for gone in ("analytics cookies", "Skip to main content", "Home", "Children's social care",
                 "not text", "color", "Example County Council", "Accessibility", "Strategy\n"):
        assert gone not in text


def test_html_nested_list_renders_like_the_seed(tmp_path):
    lines = seed_lines(SEEDS[0])
    doc = read_document(write_html(tmp_path / "s.html", lines))
    start = lines.index("In Staffordshire, we will:")
    nested = [ln for ln in lines[start + 1 : start + 13] if ln.strip()]
    assert nested[1] == "    • Loving stable homes"
    expected = [ln[: len(ln) - len(ln.lstrip())] + " ".join(ln.split()) for ln in nested]
    at = doc.lines.index("In Staffordshire, we will:")
    assert [ln for ln in doc.lines[at + 1 :] if ln][: len(expected)] == expected


def test_html_ordered_list_keeps_numbers(tmp_path):
    lines = seed_lines(SEEDS[4])
    doc = read_document(write_html(tmp_path / "b.html", lines))
    assert "  3. Consistently update you in a way that you prefer." in doc.lines
    assert "  10. Commit to engaging with every child in our care, including those living out of borough." in doc.lines


def test_docx_lists_and_tables_in_document_order(tmp_path):
    lines = seed_lines(SEEDS[1])
    doc = read_document(write_docx(tmp_path / "l.docx", lines))
    rows = [ln for ln in doc.lines if "\t" in ln]
    assert rows, "tables become tab-separated rows"
    assert "  • Accept responsibility for children who are looked after and make their needs a priority." in doc.lines
    # document order: the paragraph before the first table comes before its first row
    first_row_source = next(i for i, ln in enumerate(lines) if "\t" in ln)
    before = next(ln for ln in reversed(lines[:first_row_source]) if ln.strip())
    assert doc.lines.index(before.strip()) < doc.lines.index(rows[0])


def test_docx_nested_list_levels(tmp_path):
    doc = read_document(write_docx(tmp_path / "s.docx", seed_lines(SEEDS[0])))
    assert "  • Make sure children and young people have access to:" in doc.lines
    assert "    • Loving stable homes" in doc.lines


def test_pdf_running_header_and_page_numbers_blanked(tmp_path):
    lines = seed_lines(SEEDS[1])
    header = "Leicester City Council – Corporate Parenting Strategy 2023"
    doc = read_document(write_pdf(tmp_path / "l.pdf", lines, header=header))
    assert not any(header in ln for ln in doc.lines)
    assert not any(re.fullmatch(r"Page \d+ of \d+", ln.strip()) for ln in doc.lines)
    assert doc.locators[1] == "page 1"
    last = max(doc.locators)
    assert doc.locators[last] == f"page {-(-len(lines) // 40)}"


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv", ".xlsx")


def test_docx_merged_cells_are_not_repeated(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Who does what")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Pledge", "Action", "Lead"], ["Keep you safe", "Review plans", "Head of Service"],
                             ["", "Run events", "Team Manager"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: the pledge spans two rows
    wide = document.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 1)).text = "Spans two columns"
    wide.cell(0, 2).text = "Third"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    doc = read_document(path)
    assert [ln for ln in doc.lines if ln] == [
        "Who does what",
        "Pledge\tAction\tLead",
        "Keep you safe\tReview plans\tHead of Service",
        "\tRun events\tTeam Manager",
        "Spans two columns\tThird",
    ]


def test_pdf_page_without_text_warns(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "We will listen to you.")
    c.showPage()
    c.rect(50, 50, 300, 400, fill=1)
    c.showPage()
    c.save()
    doc = read_document(path)
    assert doc.lines == ["We will listen to you."]
    assert doc.warnings == ["mixed.pdf: page 2 of 2 had no text (images?)"]
