"""Generate the two binary documents of the held-out set.

    /work/venv/bin/python tests/data/heldout/_make.py

h-15-amberleigh-action-plan.docx  Word action plan: heading styles, a numbered summary list,
                                  one table per priority (the first with a merged title row),
                                  bulleted measures.
h-16-inverlochan-scottish-plan.pdf  reportlab strategy: large/bold headings, bullets, page footer.

The text of both is fixed here; their gold files (same stem, .json) were written by hand
from the same text. Output is deterministic apart from the files' creation timestamps.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------- docx
AMB_PRIORITIES = [
    ("Priority 1: A home where I belong", "Head of Children in Care", [
        ("1.1", "Recruit 20 new foster carers through the Amberleigh Fostering Friends campaign",
         "Fostering Recruitment Manager", "March 2026", "A"),
        ("1.2", "Introduce \u2018Welcome Home\u2019 boxes for every child moving to a new home",
         "Service Manager, Children in Care", "Sept 2025", "Complete"),
        ("1.3", "Hold a multi-agency stability meeting for any child whose home is at risk of ending",
         "Independent Reviewing Officers / Team Managers", "Ongoing", "G"),
        ("1.4", "Bring back to Amberleigh at least 10 children who live more than 20 miles away, "
                "where this is in their interests",
         "Head of Commissioning and\nHead of Children in Care", "31 March 2026", "A"),
    ], ["Fewer than 10% of children have three or more homes in a year",
        "At least 70% of children in care live with foster families"]),
    ("Priority 2: Healthy, happy me", "Designated Nurse for Children in Care", [
        ("2.1", "Complete initial health assessments within 20 working days of a child coming into care",
         "Designated Nurse for Children in Care", "Q3 2025/26", "R"),
        ("2.2", "Launch a monthly wellbeing caf\u00e9 for care leavers with Amberleigh Mind",
         "Personal Adviser Team Manager", "Nov 2025", "G"),
        ("2.3", "Give every child in care a free Amberleigh Active leisure card",
         "Head of Leisure and Culture", "Jan-26", "G"),
    ], ["90% of initial health assessments completed within 20 working days"]),
    ("Priority 3: Learning and earning", "Virtual School Headteacher", [
        ("3.1", "Make sure every Personal Education Plan has SMART targets agreed with the child",
         "Virtual School Headteacher", "Termly", "G"),
        ("3.2", "Create a care leavers\u2019 traineeship scheme in the council\u2019s Highways and Parks teams",
         "Head of HR (Care Leavers Champion)", "By end of 2025", "A"),
        ("3.3", "Guarantee a place on the Amberleigh College Step Up course to every care leaver who applies",
         "Post-16 Virtual School Lead", "Sept 2025", "Complete"),
    ], ["Care leavers aged 19-21 in education, employment or training rises from 52% to 65%",
        "No child in care is permanently excluded"]),
    ("Priority 4: Heard and respected", "Participation Manager", [
        ("4.1", "Rewrite the Children in Care Pledge with Amberleigh Youth Voice",
         "Participation Manager", "Dec 2025", "G"),
        ("4.2", "Young people to sit on every interview panel for social workers and team managers",
         "Principal Social Worker", "Ongoing", "A"),
        ("4.3", "Every member of the Corporate Parenting Panel to attend at least one young people\u2019s event a year",
         "Democratic Services Manager and Chair of the Corporate Parenting Panel", "Annually", "G"),
    ], ["Every child aged 8 and over has used the Mind Your Voice app at least once a year"]),
]


def make_docx(path):
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph("Amberleigh Council", style="Title")
    d.add_heading("Corporate Parenting Action Plan 2025\u20132026", level=1)
    d.add_paragraph(
        "This action plan sets out what we will do in 2025/26 to deliver the four priorities of the "
        "Amberleigh Corporate Parenting Strategy 2024\u20132028. It was agreed by the Corporate Parenting "
        "Panel on 8 July 2025 and is updated every quarter. RAG: R = off track, A = at risk, G = on track.")
    p = d.add_paragraph()
    p.add_run("Plan owner: ").bold = True
    p.add_run("Assistant Director, Children\u2019s Services")
    d.add_heading("Our priorities", level=2)
    for title, _, _, _ in AMB_PRIORITIES:
        d.add_paragraph(title.split(": ", 1)[1], style="List Number")

    for i, (title, lead, rows, measures) in enumerate(AMB_PRIORITIES):
        d.add_heading(title, level=2)
        p = d.add_paragraph()
        p.add_run("Priority lead: ").bold = True
        p.add_run(lead)
        extra = 1 if i == 0 else 0
        t = d.add_table(rows=1 + extra + len(rows), cols=5)
        t.style = "Table Grid"
        r0 = 0
        if i == 0:   # a merged title row across the table, as Word users often add
            c = t.rows[0].cells[0].merge(t.rows[0].cells[4])
            c.text = title.replace(": ", " \u2013 ")
            c.paragraphs[0].runs[0].bold = True
            r0 = 1
        for j, h in enumerate(["No.", "Action", "Lead", "By when", "RAG"]):
            cell = t.rows[r0].cells[j]
            cell.text = h
            cell.paragraphs[0].runs[0].bold = True
        for k, (no, act, own, when, rag) in enumerate(rows):
            cells = t.rows[r0 + 1 + k].cells
            cells[0].text = no
            cells[1].text = act
            parts = own.split("\n")
            cells[2].text = parts[0]
            for extra_line in parts[1:]:
                cells[2].add_paragraph(extra_line)
            cells[3].text = when
            cells[4].text = rag
            cells[4].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_heading("Measures of success", level=3)
        for m in measures:
            d.add_paragraph(m, style="List Bullet")

    d.add_heading("Monitoring", level=2)
    d.add_paragraph(
        "Leads update the plan each quarter. The Corporate Parenting Panel receives the full plan twice a "
        "year and an exception report on any Red actions at every meeting. Amberleigh Youth Voice will "
        "give its own verdict on the plan at the Panel\u2019s takeover meeting in March 2026.")
    for s in d.styles:
        if s.name == "Normal":
            s.font.size = Pt(11)
    d.core_properties.title = "Corporate Parenting Action Plan 2025-2026"
    d.core_properties.author = "Amberleigh Council"
    d.save(path)


# --------------------------------------------------------------------------- pdf
INV_DUTIES = [
    "be alert to anything that might harm the wellbeing of care experienced children and young people",
    "assess the needs of care experienced children and young people for the services we provide",
    "promote their interests",
    "look for opportunities for them to take part in activities that will support their wellbeing",
    "take action to help them use those opportunities and our services",
    "keep our own policies and procedures under review to see how they can be improved",
]
INV_COMMITMENTS = [
    ("Commitment 1: Voice", "Children\u2019s Rights Officer", [
        "Make sure every care experienced child and young person can get independent advocacy when they want it.",
        "Support the Inverlochan Champions Board to meet every month and to hold an annual Question Time "
        "with councillors and senior leaders.",
        "Ask every child what matters to them before each Child\u2019s Plan review, using the My Say app.",
    ], ["Number of children using independent advocacy", "Champions Board members say they are listened to"]),
    ("Commitment 2: Family", "Service Manager, Family Support", [
        "Keep brothers and sisters together wherever it is safe, in line with the sibling duties in the "
        "Children (Scotland) Act 2020.",
        "Offer Family Group Decision Making to every family before a child is looked after away from home.",
        "Pay kinship carers the same allowance as foster carers from April 2026.",
    ], ["Percentage of brothers and sisters living together"]),
    ("Commitment 3: Care", "Head of Children\u2019s Services", [
        "Reduce the number of children living outside Inverlochan by 25% by 2028.",
        "Offer Continuing Care to every young person in foster or residential care who wants to stay "
        "beyond their 16th birthday.",
        "End the use of restraint in our children\u2019s houses except where there is an immediate risk of harm.",
    ], []),
    ("Commitment 4: People", "Head of Human Resources", [
        "Train every member of staff who works with care experienced people in trauma-informed practice, "
        "using the National Trauma Transformation Programme.",
        "Keep the caseloads of social workers for looked after children below 15.",
    ], ["Staff turnover in children\u2019s social work teams below 10%"]),
    ("Commitment 5: Scaffolding", "Aftercare Team Leader", [
        "Give every care leaver an aftercare worker up to the age of 26 if they want one.",
        "Work with the Inverlochan Housing Partnership so that no care leaver becomes homeless.",
        "Help every care experienced student to apply for the Care Experienced Students Bursary.",
    ], ["No care leaver presents as homeless", "Number of care leavers in positive destinations"]),
]


def make_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, ListFlowable, ListItem, PageBreak

    ss = getSampleStyleSheet()
    title = ParagraphStyle("T", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=26, leading=32,
                           textColor=colors.HexColor("#1d3b5c"))
    sub = ParagraphStyle("S", parent=ss["Normal"], fontName="Helvetica", fontSize=16, leading=20, alignment=1)
    h1 = ParagraphStyle("H1", parent=ss["Heading1"], fontName="Helvetica-Bold", fontSize=18, leading=22,
                        textColor=colors.HexColor("#1d3b5c"), spaceBefore=12, spaceAfter=6)
    h2 = ParagraphStyle("H2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=14, leading=18,
                        spaceBefore=10, spaceAfter=4)
    h3 = ParagraphStyle("H3", parent=ss["Normal"], fontName="Helvetica-Bold", fontSize=11, leading=14,
                        spaceBefore=6, spaceAfter=2)
    body = ParagraphStyle("B", parent=ss["Normal"], fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=6)

    def bullets(items):
        return ListFlowable([ListItem(Paragraph(x, body), leftIndent=12) for x in items],
                            bulletType="bullet", start="\u2022", leftIndent=14)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, 12 * mm, "Inverlochan Corporate Parenting Plan 2025\u20132028")
        canvas.drawRightString(190 * mm, 12 * mm, "Page %d" % doc.page)
        canvas.restoreState()

    s = []
    s += [Spacer(1, 60 * mm), Paragraph("Inverlochan Council", title), Spacer(1, 8 * mm),
          Paragraph("Corporate Parenting Plan 2025\u20132028", sub), Spacer(1, 4 * mm),
          Paragraph("Keeping The Promise in Inverlochan", sub), PageBreak()]
    s += [Paragraph("1. Introduction", h1),
          Paragraph("Part 9 of the Children and Young People (Scotland) Act 2014 names the council, NHS Lochside, "
                    "Police Scotland, the Scottish Fire and Rescue Service, Skills Development Scotland and "
                    "Inverlochan College, among others, as corporate parents. Together we are responsible for "
                    "more than 380 care experienced children and young people, and for care leavers up to the "
                    "age of 26.", body),
          Paragraph("This plan is built around the five foundations of the Promise \u2013 voice, family, care, "
                    "people and scaffolding \u2013 and was written with the Inverlochan Champions Board and "
                    "Who Cares? Scotland.", body)]
    s += [Paragraph("2. Our duties as corporate parents", h1),
          Paragraph("As corporate parents, we must:", body), bullets(INV_DUTIES)]
    s += [Paragraph("3. Our commitments", h1)]
    for head, lead, acts, measures in INV_COMMITMENTS:
        s += [Paragraph(head, h2), Paragraph("We will:", body), bullets(acts),
              Paragraph("<b>Lead:</b> " + lead, body)]
        if measures:
            s += [Paragraph("How we will measure progress", h3), bullets(measures)]
    s += [Paragraph("4. Reporting", h1),
          Paragraph("The Corporate Parenting Strategic Group, chaired by the Chief Executive, meets quarterly "
                    "and reports to the Inverlochan Community Planning Partnership Board. As the Act requires, "
                    "we will publish a report on what we have done every three years.", body)]
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=22 * mm,
                            title="Inverlochan Corporate Parenting Plan 2025-2028", author="Inverlochan Council")
    doc.build(s, onFirstPage=lambda c, d: None, onLaterPages=footer)


if __name__ == "__main__":
    make_docx(os.path.join(HERE, "h-15-amberleigh-action-plan.docx"))
    make_pdf(os.path.join(HERE, "h-16-inverlochan-scottish-plan.pdf"))
    print("written")
