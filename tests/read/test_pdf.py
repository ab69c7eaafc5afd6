"""The PDF reader: what the layout says for certain (headings by size and weight, bullets and
their levels, ruled tables with their cells) as hints, whitespace-aligned tables as aligned
columns, and page furniture left out. Every PDF is drawn here with reportlab."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cpgraph.read import read_document
from cpgraph.read.pdf import _is_bullet
from cpgraph.structure import document_blocks, document_tree
from cpgraph.structure.blocks import Heading, Item, Paragraph, Table

pytest.importorskip("reportlab")

WIDTH, HEIGHT = 595, 842


def canvas_pdf(path: Path, pages: list[list[tuple]], *, header: str | None = None,
               footer: bool = False) -> Path:
    """A PDF of ``pages``, each a list of ``(x, y_from_top, font, size, text)``."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    for number, page in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(56, HEIGHT - 30, header)
        for x, y, font, size, text in page:
            c.setFont(font, size)
            c.drawString(x, HEIGHT - y, text)
        if footer:
            c.setFont("Helvetica", 8)
            c.drawCentredString(WIDTH / 2, 30, f"Page {number} of {len(pages)}")
        c.showPage()
    c.save()
    return path


def body(y: float, text: str, x: float = 72, size: float = 10) -> tuple:
    return (x, y, "Helvetica", size, text)


def hinted(doc, kind: str) -> list[tuple[str, object]]:
    return [(doc.lines[n - 1], h) for n, h in sorted(doc.hints.items()) if h.kind == kind]


# ---- headings ---------------------------------------------------------------------------------
def test_headings_by_size_and_bold_with_levels(tmp_path):
    para = ["We will make sure that every child in our care has a say in the plans that we make",
            "for them, and that what they tell us changes what we do for them and with them."]
    page = [
        (72, 70, "Helvetica-Bold", 22, "Our Corporate Parenting Strategy"),
        (72, 110, "Helvetica-Bold", 16, "1. Being safe and feeling"),
        (72, 130, "Helvetica-Bold", 16, "secure at home"),
        body(155, para[0]), body(168, para[1]),
        (72, 200, "Helvetica-Bold", 13, "What you told us"),
        body(222, para[0]), body(235, para[1]),
        (72, 265, "Helvetica-Bold", 10, "Keeping in touch with your family"),
        body(285, para[0]), body(298, para[1]),
        (72, 330, "Helvetica-Bold", 10, "This whole sentence is set in bold type but it runs on far too long to be a heading."),
        (72, 360, "Helvetica-Bold", 16, "A quotation set large that runs on for many words and so"),
        (72, 380, "Helvetica-Bold", 16, "is never read as a heading however large it is set on the page"),
        body(410, para[0]), body(423, para[1]),
        (72, 455, "Helvetica-Bold", 13, "Being healthy"),
        body(477, para[0]), body(490, para[1]),
    ]
    doc = read_document(canvas_pdf(tmp_path / "headings.pdf", [page]))
    headings = [(text, h.level) for text, h in hinted(doc, "heading")]
    assert headings == [
        ("Our Corporate Parenting Strategy", 1),
        ("1. Being safe and feeling secure at home", 2),  # wrapped onto two lines: one heading
        ("What you told us", 3),
        ("Keeping in touch with your family", 0),  # bold at body size: emphasis
        ("Being healthy", 3),
    ]
    assert not any("quotation" in text for text, _h in hinted(doc, "heading"))
    tree = document_tree(doc)
    (top,) = tree.children
    assert top.heading.title == "Our Corporate Parenting Strategy"
    (safe,) = top.children
    assert safe.heading.number == "1" and safe.heading.title == "Being safe and feeling secure at home"
    assert [c.heading.title for c in safe.children] == ["What you told us", "Being healthy"]
    told = safe.children[0]
    assert [c.heading.title for c in told.children] == ["Keeping in touch with your family"]
    # the two lines of each paragraph make one paragraph; paragraphs are apart
    paragraphs = [b for b in document_blocks(doc) if isinstance(b, Paragraph)]
    assert " ".join(para) in [p.text for p in paragraphs]


def test_blank_line_between_paragraphs_and_pages(tmp_path):
    first = [body(100, "The first paragraph has two lines and ends on this"), body(113, "second line here."),
             body(140, "The second paragraph starts after a wider gap.")]
    doc = read_document(canvas_pdf(tmp_path / "gaps.pdf", [first, [body(100, "Text on the next page.")]]))
    assert doc.lines == ["The first paragraph has two lines and ends on this", "second line here.", "",
                         "The second paragraph starts after a wider gap.", "", "Text on the next page."]
    assert doc.locators == {1: "page 1", 2: "page 1", 4: "page 1", 6: "page 2"}


# ---- bullets ----------------------------------------------------------------------------------
def test_bullets_nested_bullets_and_wrapped_items(tmp_path):
    page = [
        body(80, "We will:"),
        body(100, "•", x=76), body(100, "Make sure every child knows who their social worker is and how", x=90),
        body(113, "to get in touch with them at any time.", x=90),
        body(133, "•", x=76), body(133, "Help you with:", x=90),
        body(153, "–", x=94), body(153, "money, budgeting and paying bills when you first live on your own", x=108),
        body(166, "in your own home;", x=108),
        body(186, "–", x=94), body(186, "cooking and looking after a home.", x=108),
        body(206, "•", x=76), body(206, "Listen to you.", x=90),
        body(236, "Then a paragraph at the margin ends the list."),
        body(266, "1.", x=72), body(266, "A numbered item whose text runs on past the end of the first", x=90),
        body(279, "line to a second line under its text.", x=90),
        body(299, "2.", x=72), body(299, "A second numbered item.", x=90),
    ]
    doc = read_document(canvas_pdf(tmp_path / "bullets.pdf", [page]))
    items = [(text, h.level) for text, h in hinted(doc, "item")]
    assert items == [
        ("  • Make sure every child knows who their social worker is and how to get in touch with them at any time.", 0),
        ("  • Help you with:", 0),
        ("    • money, budgeting and paying bills when you first live on your own in your own home;", 1),
        ("    • cooking and looking after a home.", 1),
        ("  • Listen to you.", 0),
    ]
    assert all(h.marker == "•" for _t, h in hinted(doc, "item"))
    # numbered items keep lines of their own, their hanging lines joined, without hints
    assert "1. A numbered item whose text runs on past the end of the first line to a second line under its text." in doc.lines
    assert "2. A second numbered item." in doc.lines
    blocks = [b for b in document_blocks(doc) if isinstance(b, Item)]
    assert [(b.depth, b.text) for b in blocks][:5] == [
        (0, "Make sure every child knows who their social worker is and how to get in touch with them at any time."),
        (0, "Help you with:"),
        (1, "money, budgeting and paying bills when you first live on your own in your own home;"),
        (1, "cooking and looking after a home."),
        (0, "Listen to you."),
    ]


def test_bullet_glyphs():
    for glyph in ["•", "●", "▪", "■", "◦", "–", "\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\x7f", "\x95", "(cid:127)"]:
        assert _is_bullet(glyph), repr(glyph)
    for text in ["-", "a", "1.", "(cid:65)", "••"]:
        assert not _is_bullet(text), repr(text)


# ---- ruled tables -----------------------------------------------------------------------------
PRIORITIES = {
    "Priority 1: Keeping you safe": [
        ("Train every foster carer on exploitation", "Fostering Service Manager", "Mar 2026", "Green"),
        ("Agree a missing from care protocol with the police", "Head of Safeguarding", "Jun 2026", "Amber"),
        ("Review unregistered placements every week", "Assistant Director, Children's Social Care", "Weekly", "Green"),
    ],
    "Priority 2: Doing well at school": [
        ("Give every child in care a Personal Education Plan reviewed each term", "Virtual School Headteacher", "Termly", "Green"),
        ("Fund tutoring for children in care in Year 11", "Virtual School Headteacher", "Sep 2026", "Red"),
        ("Track the attendance of children placed out of the area", "Education Welfare Manager", "Ongoing", "Amber"),
    ],
    "Priority 3: Ready for adult life": [
        ("Offer every care leaver a personal adviser up to 25", "Leaving Care Team Manager", "Apr 2026", "Green"),
        ("Exempt care leavers from council tax until 25", "Head of Revenues and Benefits", "Apr 2025", "Green"),
        ("Commission twenty supported accommodation places", "Head of Commissioning", "Mar 2027", "Amber"),
    ],
}
HEADER = ["Action", "Lead officer", "By when", "RAG"]


def action_plan_pdf(path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as Grid

    styles = getSampleStyleSheet()
    rows: list[list] = [[P(f"<b>{h}</b>", styles["Normal"]) for h in HEADER]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 14), ("BOTTOMPADDING", (0, 0), (-1, -1), 14)]
    for priority, actions in PRIORITIES.items():
        style.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([P(f"<b>{priority}</b>", styles["Normal"]), "", "", ""])
        rows += [[P(cell, styles["Normal"]) for cell in action] for action in actions]
    table = Grid(rows, colWidths=[200, 150, 70, 50], repeatRows=1)
    table.setStyle(TableStyle(style))

    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, A4[1] - 30, "Greyfield County Council – Corporate Parenting Action Plan")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")

    doc = SimpleDocTemplate(str(path), pagesize=A4)
    story = [P("Our action plan", styles["Title"]),
             P("The actions below are what we will do in the first year of the strategy, who leads "
               "each one and when it will be done.", styles["Normal"]), Spacer(1, 330), table,
             P("We will report on these actions to the Corporate Parenting Board every quarter.", styles["Normal"])]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def test_ruled_action_plan_across_two_pages_is_one_table(tmp_path):
    doc = read_document(action_plan_pdf(tmp_path / "plan.pdf"))
    assert len({doc.locators[n] for n, h in doc.hints.items() if h.kind == "row"}) == 2, "the table spans two pages"
    rows = hinted(doc, "row")
    assert len({h.table for _t, h in rows}) == 1, "one table number on both pages"
    repeated = [h for _t, h in rows[1:] if list(h.cells) == HEADER]
    assert len(repeated) == 1 and repeated[0].header, "the repeated header row is hinted as a header"
    merged = [h.cells for _t, h in rows if h.merged]
    assert merged == [(p,) for p in PRIORITIES]

    tables = [b for b in document_blocks(doc) if isinstance(b, Table)]
    assert len(tables) == 1
    (table,) = tables
    assert table.header == HEADER
    assert [r.cells[0] for r in table.rows if r.merged] == list(PRIORITIES)
    actions = [tuple(r.cells) for r in table.rows if not r.merged]
    assert actions == [a for acts in PRIORITIES.values() for a in acts]  # multi-line cells joined
    assert len(table.rows) == 12
    # nothing of the table is read again outside it, and the furniture is gone
    outside = "\n".join(ln for n, ln in enumerate(doc.lines, 1) if n not in doc.hints or doc.hints[n].kind != "row")
    for text in ["Lead officer", "Fostering Service Manager", "Priority 2", "Amber", "tutoring"]:
        assert text not in outside
    assert "Greyfield County Council" not in "\n".join(doc.lines)
    assert not any(re.fullmatch(r"\s*Page \d+\s*", ln) for ln in doc.lines)
    assert "We will report on these actions to the Corporate Parenting Board every quarter." in doc.lines


# ---- unruled tables ---------------------------------------------------------------------------
def test_unruled_table_is_read_as_a_table(tmp_path):
    cols = (72, 300, 460)
    rows = [
        ("What we will do", "Who", "When"),
        ("Increase the number of supported lodgings hosts", "Supported Lodgings Coordinator", "Jun 2026"),
        ("Give young people two weeks' notice of any move", "Service Manager, Children in Care", "Ongoing"),
        ("Open a crash pad for care leavers at risk", "Housing Needs Manager", "Oct 2026"),
    ]
    page = [(72, 70, "Helvetica-Bold", 14, "Outcome 1: a settled home"),
            body(95, "Each action has a responsible officer and a target month.")]
    y = 125
    for r, row in enumerate(rows):
        for x, text in zip(cols, row, strict=True):
            page.append((x, y, "Helvetica-Bold" if r == 0 else "Helvetica", 9, text))
        y += 18
    page.append(body(y + 20, "We will check these actions every quarter with the young people."))
    doc = read_document(canvas_pdf(tmp_path / "unruled.pdf", [page]))
    tables = [b for b in document_blocks(doc) if isinstance(b, Table)]
    assert len(tables) == 1
    (table,) = tables
    assert table.header == list(rows[0])
    assert [r.cells for r in table.rows] == [list(r) for r in rows[1:]]
    headings = [b.title for b in document_blocks(doc) if isinstance(b, Heading)]
    assert headings == ["Outcome 1: a settled home"]


def test_unruled_table_with_wrapped_cells(tmp_path):
    page = [body(80, "Action", x=72), body(80, "Lead", x=330), body(80, "Due", x=480)]
    lines = [
        (100, [(72, "Offer a work taster week with council"), (330, "Employment Support"), (480, "Every school")]),
        (113, [(72, "services in every school holiday"), (330, "Officer"), (480, "holiday")]),
        (133, [(72, "Pay a weekly bursary to care leavers"), (330, "Leaving Care Team Manager"), (480, "Apr 2026")]),
        (146, [(72, "on unpaid traineeships")]),
    ]
    for y, cells in lines:
        page += [body(y, text, x=x) for x, text in cells]
    doc = read_document(canvas_pdf(tmp_path / "wrapped.pdf", [page]))
    (table,) = [b for b in document_blocks(doc) if isinstance(b, Table)]
    assert table.header == ["Action", "Lead", "Due"]
    assert [r.cells for r in table.rows] == [
        ["Offer a work taster week with council services in every school holiday", "Employment Support Officer",
         "Every school holiday"],
        ["Pay a weekly bursary to care leavers on unpaid traineeships", "Leaving Care Team Manager", "Apr 2026"],
    ]


def test_unruled_rows_without_padding_stay_apart(tmp_path):
    # single-line rows at one pitch, with more space only between groups of rows: no row is
    # joined to the next
    rows = [("Pledge", "Lead", "When"), ("Keep you safe", "Head of Safeguarding", "2026"),
            ("Find you a home", "Housing Manager", "2027"), ("Help with money", "Leaving Care Manager", "2026"),
            ("Listen to you", "Participation Lead", "2025"), ("Support at school", "Virtual School Head", "2026")]
    page, y = [], 100
    for r, row in enumerate(rows):
        page += [body(y, text, x=x) for x, text in zip((72, 260, 450), row, strict=True)]
        y += 22 if r in (0, 2, 4) else 13
    doc = read_document(canvas_pdf(tmp_path / "groups.pdf", [page]))
    (table,) = [b for b in document_blocks(doc) if isinstance(b, Table)]
    assert table.header == list(rows[0])
    assert [tuple(r.cells) for r in table.rows] == rows[1:]


def test_platypus_table_without_lines_is_read_as_a_table(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as Grid

    styles = getSampleStyleSheet()
    data = [("What we will do", "Who", "When"),
            ("Fund an activity of the young person's choice up to £300 a year",
             "Children in Care Service Manager", "Apr 2026"),
            ("Start a care leavers' peer support group in each district", "Participation Officer", "Dec 2026")]
    rows = [[P(f"<b>{c}</b>" if r == 0 else c, styles["Normal"]) for c in row] for r, row in enumerate(data)]
    path = tmp_path / "platypus.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        P("Outcome 3: Young people feel connected", styles["Heading2"]),
        Grid(rows, colWidths=[220, 140, 80]),
        P("We will ask young people every year whether they feel connected.", styles["Normal"])])
    doc = read_document(path)
    (table,) = [b for b in document_blocks(doc) if isinstance(b, Table)]
    assert table.header == list(data[0])
    assert [tuple(r.cells) for r in table.rows] == data[1:]


# ---- furniture, odd files -----------------------------------------------------------------------
def test_running_header_footer_and_page_numbers_dropped(tmp_path):
    header = "Greyfield County Council – Corporate Parenting Strategy 2025-2028"
    texts = ["We will listen to you and act on what you tell us.", "You will have a say in your plan.",
             "Care leavers will get help with housing up to 25."]
    second = ["It is the first of three promises.", "Nobody will decide for you.", "Ask your personal adviser."]
    pages = [[body(150, text), body(163, more)] for text, more in zip(texts, second, strict=True)]
    doc = read_document(canvas_pdf(tmp_path / "furniture.pdf", pages, header=header, footer=True))
    assert [ln for ln in doc.lines if ln] == [line for pair in zip(texts, second, strict=True) for line in pair]
    assert [doc.locators[n] for n in sorted(doc.locators)] == ["page 1", "page 1", "page 2", "page 2", "page 3",
                                                               "page 3"]


def test_page_flattened_to_one_long_line(tmp_path):
    words = [f"word{i}" for i in range(1500)]
    pages = [[body(100, "We will keep our promises. " + " ".join(words))], [body(100, " ".join(reversed(words)))]]
    doc = read_document(canvas_pdf(tmp_path / "flat.pdf", pages))
    filled = [ln for ln in doc.lines if ln]
    assert len(filled) == 2
    assert filled[0].startswith("We will keep our promises. word0 word1") and filled[0].endswith("word1499")
    assert filled[1].split() == list(reversed(words))
    assert not doc.hints


def test_not_a_pdf_and_no_text(tmp_path):
    from cpgraph.errors import InputError

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(InputError, match="is not a PDF file"):
        read_document(bad)
    empty = canvas_pdf(tmp_path / "empty.pdf", [[]])
    with pytest.raises(InputError, match="has no text layer"):
        read_document(empty)
