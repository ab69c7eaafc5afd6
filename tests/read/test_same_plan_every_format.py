"""One invented action plan, written in every format a council publishes trackers in, reads to the
same pledges, actions, owners and due dates.

The plan (``PLAN``: an invented council, three priorities, ten actions, each with a lead post, a
timescale and a RAG status) is rendered here, in ``tmp_path``, as a spreadsheet with a title
above its header row and merged priority rows, a CSV with a priority column, a Word document
with one table per priority under a "Heading 2" paragraph, a Word document with one table whose
priority rows are merged across the columns, a ruled PDF table and an unruled (whitespace
aligned) PDF table that both run over two pages with the header row repeated, and an HTML page
whose table sits among a cookie banner, navigation and a footer. Two of the formats name their
columns with synonyms (``What we will do | Lead | Timescale | Status``).

A person reading any of them writes down the same plan: that is what each test asserts.
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from pathlib import Path

import pytest

from cpgraph.build import extract_file
from cpgraph.gold_json import document_json
from cpgraph.settings import Settings

COUNCIL = "Harlowmere Borough Council"
TITLE = f"{COUNCIL} Corporate Parenting Action Plan 2025-2028"
INTRO = (
    "This plan sets out what the council and its partners will do over the next three years for "
    "the children in our care and the young people who have left it. The Corporate Parenting "
    "Panel checks progress every quarter and the ratings below are updated after each meeting."
)
# Background paragraphs that push the PDF tables onto a second page.
BACKGROUND = (
    "Around two hundred and forty children are looked after by the borough at any one time, and "
    "a further one hundred and ninety young people receive support from the leaving care service.",
    "The actions in this plan were chosen with the Children in Care Council at three workshops "
    "held over the spring, and with foster carers, teachers, health visitors and housing staff.",
    "Each action names the officer who leads it and when it will be done. Where an action is "
    "marked ongoing, it is part of how we work every day and is checked at each panel meeting.",
    "The ratings show whether an action is on course (green), at some risk (amber) or behind "
    "(red). Ratings are set by the lead officer and agreed by the panel before they are published.",
    "Young people told us that they want fewer moves, quicker help when they feel low, and more "
    "chances to learn about work. The three priorities below follow what they said.",
)
HEADERS = ("Action", "Lead officer", "By when", "RAG")
SYNONYMS = ("What we will do", "Lead", "Timescale", "Status")


@dataclass(frozen=True)
class Action:
    text: str
    lead: str  # as written in the lead column
    when: str  # as written in the timescale column
    rag: str
    owners: tuple[str, ...]  # the posts a reader names
    due: str | None  # YYYY-MM
    recurrence: str | None


@dataclass(frozen=True)
class Priority:
    title: str
    actions: tuple[Action, ...]


PLAN = (
    Priority("Safe and stable homes", (
        Action("Recruit twenty more foster carers who live within the borough",
               "Head of Fostering", "March 2026", "Amber",
               ("Head of Fostering",), "2026-03", None),
        Action("Hold a stability meeting within five working days whenever a home is at risk of "
               "ending", "Service Manager for Children in Care", "Ongoing", "Green",
               ("Service Manager for Children in Care",), None, "Ongoing"),
        Action("Review the sufficiency strategy with local providers and publish what we find",
               "Head of Commissioning", "Q3 2025/26", "Red",
               ("Head of Commissioning",), "2025-12", None),
    )),
    Priority("Healthy in body and mind", (
        Action("Offer every child coming into care an initial health assessment within twenty "
               "working days", "Designated Nurse for Children in Care", "Ongoing", "Green",
               ("Designated Nurse for Children in Care",), None, "Ongoing"),
        Action("Open a drop-in emotional wellbeing service for care leavers",
               "Head of Early Help", "September 2026", "Amber",
               ("Head of Early Help",), "2026-09", None),
        Action("Give every young person leaving care a copy of their health history",
               "Designated Nurse for Children in Care", "March 2026", "Red",
               ("Designated Nurse for Children in Care",), "2026-03", None),
    )),
    Priority("Learning, work and independence", (
        Action("Train foster carers to support learning at home",
               "Head of Fostering / Virtual School Headteacher", "Q3 2025/26", "Amber",
               ("Head of Fostering", "Virtual School Headteacher"), "2025-12", None),
        Action("Make sure every Personal Education Plan is reviewed each school term",
               "Virtual School Headteacher", "Ongoing", "Green",
               ("Virtual School Headteacher",), None, "Ongoing"),
        Action("Create ten apprenticeships for care leavers across council services",
               "Head of Human Resources", "March 2027", "Amber",
               ("Head of Human Resources",), "2027-03", None),
        Action("Help every care leaver open a savings account before their eighteenth birthday",
               "Leaving Care Team Manager", "December 2025", "Green",
               ("Leaving Care Team Manager",), "2025-12", None),
    )),
)


def norm(text: str | None) -> str | None:
    """``text`` with its white space collapsed (and a closing full stop dropped)."""
    return None if text is None else " ".join(text.split()).rstrip(".")


def expected() -> list[tuple]:
    """The plan as a reader writes it down: each priority with its actions' text, owners, due
    date and recurrence."""
    return [(norm(p.title), [(norm(a.text), [norm(o) for o in a.owners], a.due, a.recurrence)
                             for a in p.actions]) for p in PLAN]


def extracted(path: Path) -> list[tuple]:
    doc = document_json(extract_file(path, Settings()), spans=False)
    return [(norm(p["title"]), [(norm(a["text"]), [norm(o) for o in a["owners"]], a["due"],
                                 a["recurrence"]) for a in p["actions"]])
            for p in doc["pledges"]]


def rows_of(priority: Priority) -> list[list[str]]:
    return [[a.text, a.lead, a.when, a.rag] for a in priority.actions]


# ---- writers ----------------------------------------------------------------------------------
def write_xlsx(path: Path) -> None:
    """A tracker: title in row 1, a "last updated" note, the header in row 4, each priority a
    merged row over all four columns above its actions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Last updated: 14 July 2025"
    ws.append([])
    ws.append(list(HEADERS))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for priority in PLAN:
        ws.append([priority.title])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        ws.cell(row, 1).font = Font(bold=True)
        for values in rows_of(priority):
            ws.append(values)
    for letter, width in zip("ABCD", (70, 40, 16, 8), strict=True):
        ws.column_dimensions[letter].width = width
    wb.save(path)


def write_csv(path: Path) -> None:
    """A tracker exported as CSV: the priority in a column of its own, synonyms for the other
    column names."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Priority", *SYNONYMS])
        for priority in PLAN:
            for values in rows_of(priority):
                out.writerow([priority.title, *values])


def _docx_header(table, headers) -> None:
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True


def write_docx_tables(path: Path) -> None:
    """A Word plan: a title, an introduction, then per priority a "Heading 2" paragraph and a
    table of its actions."""
    from docx import Document

    d = Document()
    d.add_heading(TITLE, level=1)
    d.add_paragraph(INTRO)
    for priority in PLAN:
        d.add_heading(priority.title, level=2)
        table = d.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        _docx_header(table, HEADERS)
        for values in rows_of(priority):
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
        d.add_paragraph()
    d.save(path)


def write_docx_merged(path: Path) -> None:
    """A Word plan with one table: the header row, then each priority as one cell spanning all
    columns (gridSpan) above its actions."""
    from docx import Document

    d = Document()
    d.add_heading(TITLE, level=1)
    d.add_paragraph(INTRO)
    table = d.add_table(rows=1, cols=len(SYNONYMS))
    table.style = "Table Grid"
    _docx_header(table, SYNONYMS)
    for priority in PLAN:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.text = ""
        merged.paragraphs[0].add_run(priority.title).bold = True
        for values in rows_of(priority):
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    assert 'w:gridSpan w:val="4"' in table._tbl.xml
    d.save(path)


def _pdf(path: Path, *, ruled: bool) -> None:
    """A PDF plan: title and introduction, then the table (action text wrapping in its cell),
    header row repeated on the second page, priorities as rows spanning all columns."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    headers = HEADERS if ruled else SYNONYMS
    data: list[list] = [[Paragraph(f"<b>{html.escape(h)}</b>", body) for h in headers]]
    style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("TOPPADDING", (0, 0), (-1, -1), 9),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 9)]
    if ruled:
        style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    for priority in PLAN:
        row = len(data)
        data.append([Paragraph(f"<b>{html.escape(priority.title)}</b>", body), "", "", ""])
        style.append(("SPAN", (0, row), (-1, row)))
        for values in rows_of(priority):
            data.append([Paragraph(html.escape(v), body) for v in values])
    table = Table(data, colWidths=[230, 140, 80, 50], repeatRows=1)
    table.setStyle(TableStyle(style))
    story = [Paragraph(html.escape(TITLE), styles["Title"]), Spacer(1, 12)]
    for text in (INTRO, *BACKGROUND):
        story += [Paragraph(text, body), Spacer(1, 8)]
    story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4, title=TITLE).build(story)


def write_pdf_ruled(path: Path) -> None:
    _pdf(path, ruled=True)


def write_pdf_unruled(path: Path) -> None:
    _pdf(path, ruled=False)


def write_html(path: Path) -> None:
    """A council web page: cookie banner, header and navigation, breadcrumbs, the plan's table
    (``th`` header, priorities as ``td colspan=4`` rows) and a footer."""
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in HEADERS)
    body = []
    for priority in PLAN:
        body.append(f"<tr><td colspan='{len(HEADERS)}'><strong>{html.escape(priority.title)}"
                    "</strong></td></tr>")
        for values in rows_of(priority):
            body.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in values) + "</tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Corporate parenting action plan | {COUNCIL}</title>
<script>window.dataLayer = [];</script></head>
<body>
<div class="cookie-banner" id="cookie-banner"><p>We use cookies to make this website work and to
collect information about how you use it.</p><button>Accept all cookies</button>
<button>Reject additional cookies</button></div>
<header><a href="#main" class="skip-link">Skip to main content</a>
<nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/children">Children and
families</a></li><li><a href="/council">Your council</a></li></ul></nav></header>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>
<li><a href="/children">Children and families</a></li><li>Corporate parenting</li></ol></nav>
<main id="main">
<h1>{html.escape(TITLE)}</h1>
<p>{html.escape(INTRO)}</p>
<table class="action-plan">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<p>Share this page</p>
</main>
<footer><ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy
</a></li></ul><p>&copy; {COUNCIL}</p></footer>
</body></html>"""
    path.write_text(page, encoding="utf-8")


FORMATS = {
    "xlsx-title-above-header-merged-priority-rows": ("plan.xlsx", write_xlsx),
    "csv-priority-column-synonym-headers": ("plan.csv", write_csv),
    "docx-table-per-heading-2": ("plan.docx", write_docx_tables),
    "docx-one-table-gridspan-priority-rows": ("plan.docx", write_docx_merged),
    "pdf-ruled-two-pages-repeated-header": ("plan.pdf", write_pdf_ruled),
    "pdf-unruled-two-pages-synonym-headers": ("plan.pdf", write_pdf_unruled),
    "html-table-among-page-furniture": ("plan.html", write_html),
}


def test_the_plan_is_what_the_brief_asks_for():
    """Three or more priorities, eight or more actions, every action with a lead, a timescale
    and a RAG status; the timescales vary, and one action has two owners."""
    actions = [a for p in PLAN for a in p.actions]
    assert len(PLAN) >= 3 and len(actions) >= 8
    assert all(a.lead and a.when and a.rag in ("Red", "Amber", "Green") for a in actions)
    assert {"March 2026", "Q3 2025/26", "Ongoing"} <= {a.when for a in actions}
    assert any(a.lead == "Head of Fostering / Virtual School Headteacher" for a in actions)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_the_pdf_tables_run_over_two_pages_with_the_header_repeated(tmp_path, ruled):
    """The PDFs are what the brief describes: two pages, the header row on both."""
    import pdfplumber

    path = tmp_path / "plan.pdf"
    _pdf(path, ruled=ruled)
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) == 2
    first = (HEADERS if ruled else SYNONYMS)[1]
    assert all(first in text for text in pages)
    assert any(a.text.split()[0] in pages[1] for p in PLAN for a in p.actions)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_to_the_same_plan(tmp_path, fmt):
    """Pledges (the priorities, in order), their actions (text), each action's owners, due date
    and recurrence are what a person reading the document writes down, whatever the format."""
    name, write = FORMATS[fmt]
    path = tmp_path / name
    write(path)
    assert extracted(path) == expected()
