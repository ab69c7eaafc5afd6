"""Generator for the binary 'a-' layout-zoo documents and their gold, plus a checker.

Run with /work/venv/bin/python _make_a.py  (from anywhere).

  * writes a-20 .. a-23 (.docx, python-docx), a-24 .. a-26 (.pdf, reportlab),
    a-27 (.xlsx, openpyxl), each with its gold JSON written from the same data;
  * then checks every a-*.json in this folder: JSON shape, and that every pledge
    title and action text can be found in the document's own text.

The output is deterministic: reportlab runs in invariant mode and the zip members
of .docx/.xlsx get a fixed timestamp, so a re-run rewrites identical bytes.
Every council, person, post and sentence here is invented.
"""
import csv
import html as htmlmod
import io
import json
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------------------
# Gold helpers
# --------------------------------------------------------------------------------------

def act(text, owners=(), owner_text=None, due=None, due_txt=None, rec=None, status=None,
        initiatives=None, ref=None):
    """One action: gold fields plus the strings shown in the document."""
    return {"text": text, "owners": list(owners), "owner_text": owner_text,
            "due": due, "due_txt": due_txt, "recurrence": rec, "status": status,
            "initiatives": initiatives or [], "ref": ref}


def gold_action(a):
    g = {"text": a["text"], "owners": a["owners"]}
    if a["owner_text"]:
        g["owner_text"] = a["owner_text"]
    g["due"] = a["due"]
    g["recurrence"] = a["recurrence"]
    if a["status"]:
        g["status"] = a["status"]
    if a["initiatives"]:
        g["initiatives"] = a["initiatives"]
    return g


def gold_pledge(p):
    g = {"title": p["title"]}
    if p.get("group"):
        g["group"] = p["group"]
    if p.get("owners"):
        g["owners"] = p["owners"]
        g["owner_level"] = p["owner_level"]
    g["actions"] = [gold_action(a) for a in p["actions"]]
    g["measures"] = p.get("measures", [])
    return g


def write_gold(stem, ext, meta, pledges):
    doc = {"source": f"{stem}.{ext}", "council": meta["council"], "kind": meta["kind"],
           "period": meta["period"], "pledges": [gold_pledge(p) for p in pledges]}
    for k in ("principles", "responsibilities", "child_voice", "achievements", "officers",
              "people", "bodies", "agencies", "initiatives", "themes", "quality_flags"):
        doc[k] = meta.get(k, [])
    (HERE / f"{stem}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")


FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def normalise_zip(path):
    """Rewrite a zip (docx/xlsx) with fixed member timestamps so the bytes are stable."""
    src = zipfile.ZipFile(path)
    members = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            out.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def fix_core_props(cp):
    t = datetime(2025, 1, 1, 9, 0, 0)
    cp.author = "Children's Services"
    cp.last_modified_by = "Children's Services"
    cp.created = t
    cp.modified = t
    cp.revision = 1


# --------------------------------------------------------------------------------------
# a-20  Word: one table per priority  (Action | Lead | By when | RAG | Update)
# --------------------------------------------------------------------------------------

A20_META = {
    "council": "Northby County Council", "kind": "action plan", "period": "2025-2027",
    "officers": ["Assistant Director, Children's Social Care", "Head of Commissioning",
                 "Head of Fostering", "Fostering Service Manager", "Service Manager, Children in Care",
                 "Designated Nurse for Children in Care",
                 "Clinical Lead, Children in Care Psychology Service", "Leaving Care Team Manager",
                 "Virtual School Headteacher", "Post-16 Lead, Virtual School", "Participation Lead",
                 "Head of Safeguarding and Quality Assurance"],
    "people": [],
    "bodies": ["Corporate Parenting Board", "Cabinet", "Children in Care Council", "Virtual School"],
    "agencies": ["ICB", "Northby University"],
    "initiatives": ["sufficiency review", "Mockingbird", "health passport", "Personal Education Plan (PEP)",
                    "aspiration programme", "Takeover Challenge"],
    "themes": ["stability_placement", "housing_home", "workforce", "health_wellbeing", "leaving_care_transition",
               "education", "participation_voice"],
    "quality_flags": [
        {"kind": "priority_lead", "detail": "priorities 1-3 name a priority lead (pledge owner); priority 4 names none"},
        {"kind": "word_tables", "detail": "one Word table per priority under a Heading 2"}],
}

A20 = [
    {"title": "Priority 1: Homes where children can stay",
     "owners": ["Assistant Director, Children's Social Care"], "owner_level": "action",
     "lead_txt": "Assistant Director, Children's Social Care",
     "actions": [
         act("Carry out a sufficiency review of foster, residential and supported accommodation in Northby",
             ["Head of Commissioning"], "Head of Commissioning", "2025-06", "Jun 2025", status="Green",
             initiatives=["sufficiency review"], ref="Draft review to Cabinet in July"),
         act("Recruit 30 new fostering households over two years, with a focus on teenagers and parent and child placements",
             ["Head of Fostering"], "Head of Fostering", "2027-03", "Mar 2027", status="Amber",
             ref="11 households approved in year one"),
         act("Introduce a Mockingbird constellation in each of the three localities",
             ["Fostering Service Manager"], "Fostering Service Manager", "2026-12", "Dec 2026", status="Green",
             initiatives=["Mockingbird"], ref="Two constellations live; third recruiting a hub carer"),
         act("Make sure every child moving home has a transition plan agreed with them",
             ["Service Manager, Children in Care"], "Service Manager, Children in Care", None, "Ongoing",
             rec="Ongoing", status="Amber", ref="Audit found 64% had an agreed plan"),
     ]},
    {"title": "Priority 2: Health and emotional wellbeing",
     "owners": ["Designated Nurse for Children in Care"], "owner_level": "action",
     "lead_txt": "Designated Nurse for Children in Care",
     "actions": [
         act("Complete all initial health assessments within 20 working days",
             ["Designated Nurse for Children in Care"], "Designated Nurse for Children in Care", None, "Ongoing",
             rec="Ongoing", status="Red", ref="58% on time; capacity issue escalated to the ICB"),
         act("Offer a therapeutic assessment to every child within three months of coming into care",
             ["Clinical Lead, Children in Care Psychology Service"],
             "Clinical Lead, Children in Care Psychology Service", "2026-09", "Sep 2026", status="Amber",
             ref="Pilot running in the north locality"),
         act("Give care leavers a health passport with their medical history",
             ["Leaving Care Team Manager"], "Leaving Care Team Manager", "2026-03", "Mar 2026", status="Green",
             initiatives=["health passport"], ref="Template co-produced with young people"),
     ]},
    {"title": "Priority 3: Learning and achievement",
     "owners": ["Virtual School Headteacher"], "owner_level": "action",
     "lead_txt": "Virtual School Headteacher",
     "actions": [
         act("Improve the quality of PEPs so that 90% are rated good or better",
             ["Virtual School Headteacher"], "Virtual School Headteacher", "2026-07", "Jul 2026", status="Amber",
             ref="79% good or better in the summer term audit"),
         act("Provide one-to-one tuition for every child in care in Year 11",
             ["Virtual School Headteacher"], "Virtual School Headteacher", "2025-09", "Sep 2025", status="Green",
             ref="All 46 pupils offered tuition"),
         act("Set up an aspiration programme with Northby University for children in Years 8 to 10",
             ["Post-16 Lead, Virtual School"], "Post-16 Lead, Virtual School", "2026-10", "Oct 2026",
             status="Green", initiatives=["aspiration programme"], ref="First cohort of 18 started"),
     ]},
    {"title": "Priority 4: Voice and participation",
     "actions": [
         act("Co-produce the Children in Care Council's annual work plan with the Corporate Parenting Board",
             ["Participation Lead"], "Participation Lead", "2026-04", "Apr 2026", status="Green",
             ref="Agreed at the Board in March"),
         act("Make sure every child over 8 is offered an advocate when they come into care",
             ["Head of Safeguarding and Quality Assurance"], "Head of Safeguarding and Quality Assurance",
             "2025-12", "Dec 2025", status="Red", ref="Advocacy contract being retendered"),
         act("Run the Takeover Challenge each November, with young people shadowing senior leaders",
             ["Participation Lead"], "Participation Lead", "2025-11", "Nov 2025", status="Green",
             initiatives=["Takeover Challenge"], ref="Twenty young people took part"),
     ]},
]


def make_a20():
    from docx import Document
    from docx.shared import Pt
    stem = "a-20-docx-table-per-priority"
    d = Document()
    fix_core_props(d.core_properties)
    d.add_heading("Northby County Council", level=0)
    d.add_paragraph("Corporate Parenting Action Plan 2025-2027")
    d.add_heading("Introduction", level=1)
    d.add_paragraph(
        "This action plan sets out how Northby County Council and its partners will deliver the four "
        "priorities of our Corporate Parenting Strategy. Each priority has a lead who is accountable to the "
        "Corporate Parenting Board. RAG ratings were updated in October 2025.")
    d.add_heading("Our priorities and actions", level=1)
    for p in A20:
        d.add_heading(p["title"], level=2)
        if p.get("lead_txt"):
            para = d.add_paragraph()
            r = para.add_run("Priority lead: ")
            r.bold = True
            para.add_run(p["lead_txt"])
        t = d.add_table(rows=1, cols=5)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ["Action", "Lead", "By when", "RAG", "Update"]):
            c.text = ""
            run = c.paragraphs[0].add_run(h)
            run.bold = True
        for a in p["actions"]:
            cells = t.add_row().cells
            for c, v in zip(cells, [a["text"], a["owner_text"], a["due_txt"], a["status"], a["ref"]]):
                c.text = v
        d.add_paragraph()
    d.add_heading("Monitoring", level=1)
    d.add_paragraph("Progress is reported to every meeting of the Corporate Parenting Board and to Cabinet once a year.")
    out = HERE / f"{stem}.docx"
    d.save(out)
    normalise_zip(out)
    write_gold(stem, "docx", A20_META, A20)


# --------------------------------------------------------------------------------------
# a-21  Word: one table, each promise a merged row spanning all columns
# --------------------------------------------------------------------------------------

A21_META = {
    "council": "Brimsdale Council", "kind": "action plan", "period": "2026-2029",
    "officers": ["Participation Lead", "Service Manager, Children Looked After", "Head of Service, Corporate Parenting",
                 "Fostering Team Manager", "Head of Residential Services", "Commissioning Manager",
                 "Virtual School Head", "Chief Executive's Office", "Head of HR", "Leaving Care Team Manager",
                 "Housing Options Manager"],
    "people": [],
    "bodies": ["Corporate Parenting Panel", "Children in Care Council", "participation team"],
    "agencies": [],
    "initiatives": ["Big Conversation", "staying close", "Brimsdale Sufficiency Strategy"],
    "themes": ["participation_voice", "stability_placement", "housing_home", "education", "employment_training",
               "leaving_care_transition", "workforce"],
    "quality_flags": [
        {"kind": "merged_rows", "detail": "one table; each promise is a merged row spanning all five columns above its actions"}],
}

A21 = [
    {"title": "Promise 1 – Your voice matters", "actions": [
        act("We will hold a Big Conversation event every year where young people set the Corporate Parenting Panel's agenda",
            ["Participation Lead"], "Participation Lead", None, "Reviewed annually", rec="Reviewed annually",
            status="In progress", initiatives=["Big Conversation"], ref="1.1"),
        act("We will report back to the Children in Care Council on every issue they raise",
            ["Service Manager, Children Looked After"], "Service Manager, Children Looked After", None,
            "Six-monthly", rec="Six-monthly", status="In progress", ref="1.2"),
        act("We will recruit care experienced apprentices to the participation team",
            ["Head of Service, Corporate Parenting"], "Head of Service, Corporate Parenting", "2026-04",
            "April 2026", status="Not started", ref="1.3"),
    ]},
    {"title": "Promise 2 – You have a home that is right for you", "actions": [
        act("We will match children with carers using what they tell us matters to them",
            ["Fostering Team Manager"], "Fostering Team Manager", "2026-09", "September 2026",
            status="In progress", ref="2.1"),
        act("We will develop a staying close offer for young people leaving our children's homes",
            ["Head of Residential Services"], "Head of Residential Services", "2027-03", "March 2027",
            status="Not started", initiatives=["staying close"], ref="2.2"),
        act("We will review the Brimsdale Sufficiency Strategy with young people",
            ["Commissioning Manager"], "Commissioning Manager", None, "Reviewed annually",
            rec="Reviewed annually", status="Complete", initiatives=["Brimsdale Sufficiency Strategy"], ref="2.3"),
    ]},
    {"title": "Promise 3 – You are supported to learn and to work", "actions": [
        act("We will fund laptops and data for every child in care of school age",
            ["Virtual School Head"], "Virtual School Head", "2026-01", "January 2026", status="Complete", ref="3.1"),
        act("We will make every council directorate offer work experience to care leavers",
            ["Chief Executive's Office", "Head of HR"], "Chief Executive's Office / Head of HR", "2026-12",
            "December 2026", status="In progress", ref="3.2"),
    ]},
    {"title": "Promise 4 – You are ready for life after care", "actions": [
        act("We will start pathway planning at 15 and a half",
            ["Leaving Care Team Manager"], "Leaving Care Team Manager", "2026-06", "June 2026",
            status="In progress", ref="4.1"),
        act("We will offer every care leaver a personal adviser up to 25",
            ["Leaving Care Team Manager"], "Leaving Care Team Manager", None, "Ongoing", rec="Ongoing",
            status="In progress", ref="4.2"),
        act("We will check every care leaver's housing is safe and suitable",
            ["Leaving Care Team Manager", "Housing Options Manager"],
            "Leaving Care Team Manager and Housing Options Manager", None, "Six-monthly", rec="Six-monthly",
            status="In progress", ref="4.3"),
    ]},
]


def make_a21():
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    stem = "a-21-docx-merged-priority-rows"
    d = Document()
    fix_core_props(d.core_properties)
    d.add_heading("Brimsdale Council", level=0)
    d.add_heading("Corporate Parenting Delivery Plan 2026-2029", level=1)
    d.add_paragraph(
        "Care experienced children and young people told us what our four promises should be. This plan shows "
        "what we will do to keep each promise, who is responsible and when. The Corporate Parenting Panel "
        "reviews the plan at every meeting.")
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, ["Ref", "What we will do", "Responsible officer", "Timescale", "Status"]):
        c.text = ""
        c.paragraphs[0].add_run(h).bold = True
    for p in A21:
        row = t.add_row()
        merged = row.cells[0].merge(row.cells[4])
        merged.text = ""
        run = merged.paragraphs[0].add_run(p["title"])
        run.bold = True
        for a in p["actions"]:
            cells = t.add_row().cells
            for c, v in zip(cells, [a["ref"], a["text"], a["owner_text"], a["due_txt"], a["status"]]):
                c.text = v
    d.add_paragraph()
    d.add_paragraph("Version 1.2 – agreed by the Corporate Parenting Panel, February 2026")
    out = HERE / f"{stem}.docx"
    d.save(out)
    normalise_zip(out)
    write_gold(stem, "docx", A21_META, A21)


# --------------------------------------------------------------------------------------
# a-22  Word: strategy with heading styles, List Bullet / List Number, nested list, no owners
# --------------------------------------------------------------------------------------

A22_META = {
    "council": "Tamberley Borough Council", "kind": "strategy", "period": "2025-2030",
    "principles": ["Children come first", "We are ambitious for every child", "We listen and we act",
                   "We never give up on a young person"],
    "officers": [], "people": [],
    "bodies": ["Cabinet", "Tamberley Young Voices"],
    "agencies": ["police", "schools", "housing providers"],
    "initiatives": ["life story work", "later life letters", "Tamberley CAMHS fast track",
                    "Personal Education Plan"],
    "themes": ["stability_placement", "identity_belonging", "safety_protection", "health_wellbeing", "education",
               "leaving_care_transition", "housing_home", "employment_training"],
    "quality_flags": [
        {"kind": "lead_in", "detail": "each priority opens with the lead-in 'Our commitments', which is neither pledge nor action"},
        {"kind": "nested_list", "detail": "a List Bullet 2 sub-list belongs to its numbered item and is joined to it with '; '"},
        {"kind": "unowned", "detail": "no owners or timescales"}],
}

A22 = [
    {"title": "Safe and secure", "heading": "1. Safe and secure",
     "items": [
         ("We will keep children with the same carers wherever we can.", None),
         ("We will reduce the number of children living more than 20 miles from home.", None),
         ("We will help children understand why they are in care, through:",
          ["life story work", "later life letters", "regular conversations with their social worker"]),
         ("We will work with the police and schools to protect children from exploitation.", None),
     ],
     "measures": ["Placement stability in line with or better than similar councils.",
                  "Fewer children go missing from care."]},
    {"title": "Healthy minds and bodies", "heading": "2. Healthy minds and bodies",
     "items": [
         ("We will make sure every child's health needs are assessed and met.", None),
         ("Continue to provide the Tamberley CAMHS fast track for children in care.", None),
         ("We will encourage children to take part in sport, music and the arts.", None),
     ],
     "measures": ["Every child has an up-to-date health assessment and dental check."]},
    {"title": "Learning and aspiration", "heading": "3. Learning and aspiration",
     "items": [
         ("We will make sure every child has a good Personal Education Plan.", None),
         ("We will support children to attend good or outstanding schools.", None),
         ("We will celebrate achievement at our annual awards evening.", None),
     ],
     "measures": []},
    {"title": "Independence", "heading": "4. Independence",
     "items": [
         ("We will prepare young people for adult life from the age of 14.", None),
         ("We will give care leavers the support of a personal adviser until 25.", None),
         ("We will work with housing providers to make sure no care leaver is homeless.", None),
     ],
     "measures": ["All care leavers in suitable accommodation.",
                  "70% of care leavers aged 19 to 21 in education, employment or training by 2030."]},
]


def make_a22():
    from docx import Document
    stem = "a-22-docx-list-styles"
    d = Document()
    fix_core_props(d.core_properties)
    d.add_heading("Our Corporate Parenting Strategy 2025–2030", level=0)
    d.add_paragraph("Tamberley Borough Council")
    d.add_heading("Foreword", level=1)
    d.add_paragraph(
        "When a child comes into our care, every one of us at Tamberley becomes their parent. This strategy was "
        "written with Tamberley Young Voices and agreed by Cabinet in May 2025. It sets out four priorities for "
        "the next five years.")
    d.add_heading("Our principles", level=1)
    for pr in A22_META["principles"]:
        d.add_paragraph(pr, style="List Bullet")
    d.add_heading("Our priorities", level=1)
    pledges = []
    for p in A22:
        d.add_heading(p["heading"], level=2)
        lead = d.add_paragraph()
        lead.add_run("Our commitments").bold = True
        actions = []
        for text, subs in p["items"]:
            d.add_paragraph(text, style="List Number")
            if subs:
                for s in subs:
                    d.add_paragraph(s, style="List Bullet 2")
                actions.append(act(text + " " + "; ".join(subs)))
            else:
                actions.append(act(text))
        if p["measures"]:
            d.add_heading("Measures of success", level=3)
            for m in p["measures"]:
                d.add_paragraph(m, style="List Bullet")
        pledges.append({"title": p["title"], "actions": actions, "measures": p["measures"]})
    d.add_heading("What happens next", level=1)
    d.add_paragraph("A version of this strategy for children and young people is available from the Children in Care team.")
    out = HERE / f"{stem}.docx"
    d.save(out)
    normalise_zip(out)
    write_gold(stem, "docx", A22_META, pledges)


# --------------------------------------------------------------------------------------
# a-23  Word: numbered items followed by Owner(s): / Accountable: / Due: fields
# --------------------------------------------------------------------------------------

A23_META = {
    "council": "Hartsholme Metropolitan Borough Council", "kind": "action plan", "period": "2025-2028",
    "officers": ["Head of Service", "Residential Manager", "Missing Children Coordinator",
                 "Learning and Development Manager", "Head of Children in Care Services",
                 "Service Manager, Children in Care", "Head of Residential Services", "Leaving Care Team Manager",
                 "Director of Children's Services", "Participation Lead", "Business Support Manager"],
    "people": [{"name": "Anjali Raman", "role": "Head of Service"},
               {"name": "Gareth Lloyd", "role": "Residential Manager"},
               {"name": "Marcus Bell", "role": "Director of Children's Services"}],
    "bodies": ["Corporate Parenting Board"],
    "agencies": ["Hartsholme Credit Union"],
    "initiatives": ["Safe and Together", "contextual safeguarding", "family time centre",
                    "financial education programme"],
    "themes": ["safety_protection", "workforce", "relationships_family", "leaving_care_transition",
               "housing_home", "employment_training", "identity_belonging", "participation_voice"],
    "quality_flags": [
        {"kind": "two_owners_run_together", "detail": "'Anjali Raman, Head of Service Gareth Lloyd, Residential Manager' is two named posts with no separator"},
        {"kind": "post_with_hat", "detail": "'Director of Children's Services (Chair, Corporate Parenting Board)' and 'Service Manager, Children in Care (Family Time Lead)'"}],
}

A23 = [
    {"title": "Promise 1 – We will keep you safe", "actions": [
        act("Roll out the Safe and Together contextual safeguarding approach to all children's homes.",
            ["Head of Service", "Residential Manager"],
            "Anjali Raman, Head of Service Gareth Lloyd, Residential Manager", "2025-09-30", "30 September 2025",
            initiatives=["Safe and Together"], ref="Owner(s)"),
        act("Make sure every child who returns after being missing has a return home interview within 72 hours.",
            ["Missing Children Coordinator"], "Missing Children Coordinator", None, "Ongoing", rec="Ongoing",
            ref="Accountable"),
        act("Give foster carers training on online safety every year.",
            ["Learning and Development Manager"], "Learning and Development Manager", None, "Reviewed annually",
            rec="Reviewed annually", ref="Owner(s)"),
    ]},
    {"title": "Promise 2 – We will help you stay in touch with people who matter", "actions": [
        act("Create a family time centre that feels like a home, with a kitchen and garden.",
            ["Head of Children in Care Services"], "Head of Children in Care Services", "2026", "2026",
            initiatives=["family time centre"], ref="Owner(s)"),
        act("Help brothers and sisters who live apart to see each other at least once a month.",
            ["Service Manager, Children in Care"], "Service Manager, Children in Care (Family Time Lead)",
            "2026-12", "by the end of 2026", ref="Accountable"),
    ]},
    {"title": "Promise 3 – We will support you into adult life", "actions": [
        act("Offer every care leaver the chance to stay close to their children's home after 18.",
            ["Head of Residential Services", "Leaving Care Team Manager"],
            "Head of Residential Services / Leaving Care Team Manager", "2027-03-31", "31 March 2027",
            ref="Owner(s)"),
        act("Guarantee interviews for council apprenticeships for care leavers.",
            ["Director of Children's Services"],
            "Marcus Bell, Director of Children's Services (Chair, Corporate Parenting Board)", "2026-06-30",
            "30 June 2026", ref="Accountable"),
        act("Provide a financial education programme with the Hartsholme Credit Union.",
            ["Leaving Care Team Manager"], "Leaving Care Team Manager", "2025-12", "December 2025",
            initiatives=["financial education programme"], ref="Owner(s)"),
    ]},
    {"title": "Promise 4 – We will be proud of you", "actions": [
        act("Hold an annual celebration of achievement for children in care and care leavers.",
            ["Participation Lead"], "Participation Lead", None, "Reviewed annually", rec="Reviewed annually",
            ref="Owner(s)"),
        act("Send every child a card and a gift on their birthday.",
            ["Business Support Manager"], "Business Support Manager", None, "Ongoing", rec="Ongoing",
            ref="Owner(s)"),
    ]},
]


def make_a23():
    from docx import Document
    stem = "a-23-docx-owner-fields"
    d = Document()
    fix_core_props(d.core_properties)
    d.add_heading("Hartsholme Corporate Parenting Strategy Action Plan 2025/28", level=1)
    d.add_paragraph(
        "Hartsholme Metropolitan Borough Council made four promises to the children in its care. Under each "
        "promise we list what we will do, the officer who owns or is accountable for each action, and when it "
        "is due. The Corporate Parenting Board receives an exception report every quarter.")
    for p in A23:
        d.add_heading(p["title"], level=2)
        for a in p["actions"]:
            d.add_paragraph(a["text"], style="List Number")
            d.add_paragraph(f"{a['ref']}: {a['owner_text']}")
            d.add_paragraph(f"Due: {a['due_txt']}")
    d.add_heading("Glossary", level=2)
    d.add_paragraph("Owner(s): the officer(s) who will do the work. Accountable: the senior officer answerable to the Board.")
    out = HERE / f"{stem}.docx"
    d.save(out)
    normalise_zip(out)
    write_gold(stem, "docx", A23_META, A23)


# --------------------------------------------------------------------------------------
# PDFs (reportlab, invariant mode)
# --------------------------------------------------------------------------------------

def _rl():
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    # Bitstream Vera ships with reportlab: an embedded TrueType font keeps '•', '–' and '£'
    # extractable as text (the base-14 Helvetica turns the bullet into an unmapped glyph).
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        for name, fn in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf"),
                         ("VeraBI", "VeraBI.ttf")):
            pdfmetrics.registerFont(TTFont(name, fn))
        addMapping("Vera", 0, 0, "Vera")
        addMapping("Vera", 1, 0, "VeraBd")
        addMapping("Vera", 0, 1, "VeraIt")
        addMapping("Vera", 1, 1, "VeraBI")

    def getSampleStyleSheet():
        from reportlab.lib.styles import getSampleStyleSheet as _g
        ss = _g()
        for st in ss.byName.values():
            fn = getattr(st, "fontName", "")
            if fn.startswith("Helvetica") or fn.startswith("Times"):
                st.fontName = "VeraBd" if "Bold" in fn else "Vera"
            st.bulletFontName = "Vera"
        return ss
    return locals()


# a-24  ruled table across two pages, header row repeated --------------------------------

A24_META = {
    "council": "Felsham Borough Council", "kind": "action plan", "period": "2025-2028",
    "officers": ["Head of Safeguarding", "Fostering Service Manager", "Missing Children Coordinator",
                 "Assistant Director, Children's Social Care", "Principal Social Worker",
                 "Family Finding Team Manager", "Children in Care Service Manager", "Participation Lead",
                 "Virtual School Headteacher", "Leaving Care Team Manager", "Employment and Skills Manager",
                 "Head of Commissioning", "Head of Revenues and Benefits", "Service Manager, Leaving Care"],
    "people": [],
    "bodies": ["Corporate Parenting Panel", "young people's scrutiny panel"],
    "agencies": ["police", "neighbouring councils"],
    "initiatives": ["exploitation risk screening tool", "missing from care protocol", "Care Day", "memory boxes",
                    "independence skills passport", "You said, we did", "Felsham Promise"],
    "themes": ["safety_protection", "workforce", "identity_belonging", "stability_placement", "education",
               "employment_training", "leaving_care_transition", "housing_home", "participation_voice"],
    "quality_flags": [
        {"kind": "table_across_pages", "detail": "ruled table spans two pages; header row repeated; the priority is written only in the first row of its group, and one group continues onto page 2 with a blank priority cell"},
        {"kind": "post_with_hat", "detail": "'Virtual School Headteacher (Careers Lead)'"}],
}

A24 = [
    {"title": "Priority 1: Staying safe", "actions": [
        act("Embed the exploitation risk screening tool in every child in care review", ["Head of Safeguarding"],
            "Head of Safeguarding", "2025-12", "Dec 2025", status="Complete",
            initiatives=["exploitation risk screening tool"]),
        act("Deliver training on county lines and criminal exploitation to all foster carers",
            ["Fostering Service Manager"], "Fostering Service Manager", None, "Six-monthly", rec="Six-monthly",
            status="On track"),
        act("Agree a missing from care protocol with the police and neighbouring councils",
            ["Missing Children Coordinator"], "Missing Children Coordinator", "2026-03", "Mar 2026",
            status="On track", initiatives=["missing from care protocol"]),
        act("Review the use of unregistered placements every week at senior level",
            ["Assistant Director, Children's Social Care"], "Assistant Director, Children's Social Care", None,
            "Weekly", rec="Weekly", status="On track"),
    ]},
    {"title": "Priority 2: Belonging and identity", "actions": [
        act("Start life story work within six months of a child coming into care", ["Principal Social Worker"],
            "Principal Social Worker", "2026-09", "Sep 2026", status="Not started"),
        act("Match children with carers who share their culture, faith or language where possible",
            ["Family Finding Team Manager"], "Family Finding Team Manager", None, "Ongoing", rec="Ongoing",
            status="On track"),
        act("Provide memory boxes for every child in care", ["Children in Care Service Manager"],
            "Children in Care Service Manager", "2025-06", "Jun 2025", status="Complete",
            initiatives=["memory boxes"]),
        act("Celebrate Care Day every February with children, carers and staff", ["Participation Lead"],
            "Participation Lead", None, "Annually", rec="Annually", status="On track", initiatives=["Care Day"]),
    ]},
    {"title": "Priority 3: Learning and work", "actions": [
        act("Appoint a careers adviser for care experienced young people aged 14 to 25",
            ["Virtual School Headteacher"], "Virtual School Headteacher (Careers Lead)", "2026-01", "Jan 2026",
            status="Complete"),
        act("Support every care leaver at university with a vacation accommodation grant",
            ["Leaving Care Team Manager"], "Leaving Care Team Manager", "2025-09", "Sep 2025", status="Complete"),
        act("Create 12 supported internships with local employers", ["Employment and Skills Manager"],
            "Employment and Skills Manager", "2027-03", "Mar 2027", status="Not started"),
        act("Track the attendance of children placed outside Felsham every week", ["Virtual School Headteacher"],
            "Virtual School Headteacher (Careers Lead)", None, "Weekly", rec="Weekly", status="On track"),
    ]},
    {"title": "Priority 4: Ready for independence", "actions": [
        act("Introduce an independence skills passport from age 15", ["Leaving Care Team Manager"],
            "Leaving Care Team Manager", "2026-04", "Apr 2026", status="On track",
            initiatives=["independence skills passport"]),
        act("Commission 20 supported accommodation places within the borough", ["Head of Commissioning"],
            "Head of Commissioning", "2027-03", "Mar 2027", status="On track"),
        act("Exempt care leavers from council tax until 25", ["Head of Revenues and Benefits"],
            "Head of Revenues and Benefits", "2025-04", "Apr 2025", status="Complete"),
        act("Offer care leavers a review of their pathway plan every six months up to 25",
            ["Service Manager, Leaving Care"], "Service Manager, Leaving Care", None, "Six-monthly",
            rec="Six-monthly", status="On track"),
    ]},
    {"title": "Priority 5: Listening to you", "actions": [
        act("Set up a young people's scrutiny panel to review council services", ["Participation Lead"],
            "Participation Lead", "2026-10", "Oct 2026", status="Not started"),
        act("Publish a 'You said, we did' newsletter for children in care", ["Participation Lead"],
            "Participation Lead", None, "Six-monthly", rec="Six-monthly", status="On track",
            initiatives=["You said, we did"]),
        act("Give every child a copy of the Felsham Promise when they come into care",
            ["Children in Care Service Manager"], "Children in Care Service Manager", None, "Ongoing",
            rec="Ongoing", status="On track", initiatives=["Felsham Promise"]),
    ]},
]


def make_a24():
    R = _rl()
    Paragraph, Table, TableStyle, Spacer = R["Paragraph"], R["Table"], R["TableStyle"], R["Spacer"]
    colors, mm = R["colors"], R["mm"]
    stem = "a-24-pdf-ruled-table-two-pages"
    ss = R["getSampleStyleSheet"]()
    cell = R["ParagraphStyle"]("cell", parent=ss["Normal"], fontSize=9.5, leading=12)
    head = R["ParagraphStyle"]("head", parent=cell, fontName="VeraBd")
    pagesize = R["landscape"](R["A4"])

    def furniture(canv, doc):
        canv.saveState()
        canv.setFont("Vera", 8)
        canv.drawString(15 * mm, 10 * mm, "Felsham Borough Council – Corporate Parenting Action Plan 2025-2028")
        canv.drawRightString(pagesize[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
        canv.restoreState()

    story = [Paragraph("Felsham Borough Council", ss["Title"]),
             Paragraph("Corporate Parenting Action Plan 2025-2028", ss["Heading2"]),
             Paragraph("Position at 30 September 2025, as reported to the Corporate Parenting Panel. "
                       "Status key: Complete; On track; Not started.", ss["Normal"]),
             Spacer(1, 6 * mm)]
    rows = [[Paragraph(h, head) for h in ["Priority", "Action", "Lead officer", "Due", "RAG"]]]
    for p in A24:
        for i, a in enumerate(p["actions"]):
            rows.append([Paragraph(p["title"] if i == 0 else "", cell), Paragraph(a["text"], cell),
                         Paragraph(a["owner_text"], cell), Paragraph(a["due_txt"], cell),
                         Paragraph(a["status"], cell)])
    t = Table(rows, colWidths=[48 * mm, 105 * mm, 62 * mm, 27 * mm, 25 * mm], repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story.append(t)
    out = HERE / f"{stem}.pdf"
    doc = R["SimpleDocTemplate"](str(out), pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=15 * mm, bottomMargin=18 * mm,
                                 title="Corporate Parenting Action Plan 2025-2028", author="Felsham Borough Council")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    write_gold(stem, "pdf", A24_META, A24)


# a-25  table without lines (whitespace-aligned columns) ----------------------------------

A25_META = {
    "council": "Wrenfield County Council", "kind": "action plan", "period": "2026",
    "officers": ["Supported Lodgings Coordinator", "Service Manager, Children in Care", "Housing Needs Manager",
                 "Employment Support Officer", "Leaving Care Team Manager", "Virtual School Head",
                 "Children in Care Service Manager", "Participation Officer"],
    "people": [],
    "bodies": ["Care Experienced Forum"],
    "agencies": ["Wrenfield College"],
    "initiatives": ["supported lodgings", "crash pad", "work taster week", "Bright Spots survey"],
    "themes": ["housing_home", "stability_placement", "leaving_care_transition", "employment_training", "education",
               "relationships_family", "identity_belonging", "participation_voice"],
    "quality_flags": [
        {"kind": "unruled_table", "detail": "the table has no lines; columns are aligned by whitespace only"},
        {"kind": "measures_heading", "detail": "'Milestones and outcomes' lists after each table are measures, not actions"}],
}

A25 = [
    {"title": "Outcome 1: Young people have a settled home", "actions": [
        act("Increase the number of supported lodgings hosts to 25", ["Supported Lodgings Coordinator"],
            "Supported Lodgings Coordinator", "2026-06", "Jun 2026", initiatives=["supported lodgings"]),
        act("Give young people two weeks' notice of any move, except in an emergency",
            ["Service Manager, Children in Care"], "Service Manager, Children in Care", None, "Ongoing",
            rec="Ongoing"),
        act("Open a crash pad for care leavers at risk of homelessness", ["Housing Needs Manager"],
            "Housing Needs Manager", "2026-10", "Oct 2026", initiatives=["crash pad"]),
    ], "measures": ["25 supported lodgings hosts approved by June 2026.",
                    "No care leaver placed in bed and breakfast."]},
    {"title": "Outcome 2: Young people are in education, employment or training", "actions": [
        act("Offer a work taster week with council services in every school holiday", ["Employment Support Officer"],
            "Employment Support Officer", None, "Every school holiday", rec="Every school holiday",
            initiatives=["work taster week"]),
        act("Pay a £50 weekly bursary to care leavers on unpaid traineeships", ["Leaving Care Team Manager"],
            "Leaving Care Team Manager", "2026-04", "Apr 2026"),
        act("Agree guaranteed college places for care leavers with Wrenfield College", ["Virtual School Head"],
            "Virtual School Head", "2026-09", "Sep 2026"),
    ], "measures": ["The EET rate for 17 and 18 year olds rises from 58% to 70%.",
                    "Every Year 11 pupil in care has a confirmed post-16 place by June."]},
    {"title": "Outcome 3: Young people feel connected", "actions": [
        act("Fund an activity of the young person's choice up to £300 a year", ["Children in Care Service Manager"],
            "Children in Care Service Manager", "2026-04", "Apr 2026"),
        act("Start a care leavers' peer support group in each district", ["Participation Officer"],
            "Participation Officer", "2026-12", "Dec 2026"),
    ], "measures": ["Care leavers' loneliness scores in the Bright Spots survey improve."]},
]


def make_a25():
    R = _rl()
    Paragraph, Table, TableStyle, Spacer = R["Paragraph"], R["Table"], R["TableStyle"], R["Spacer"]
    mm = R["mm"]
    stem = "a-25-pdf-unruled-table"
    ss = R["getSampleStyleSheet"]()
    cell = R["ParagraphStyle"]("cell", parent=ss["Normal"], fontSize=10, leading=12.5)
    head = R["ParagraphStyle"]("head", parent=cell, fontName="VeraBd")
    h2 = R["ParagraphStyle"]("h2", parent=ss["Heading2"], fontSize=13)
    bullet = R["ParagraphStyle"]("bul", parent=ss["Normal"], leftIndent=12, bulletIndent=2, bulletFontName="Vera")
    story = [Paragraph("Wrenfield County Council", ss["Title"]),
             Paragraph("Care Experienced Young People: Delivery Plan 2026", ss["Heading2"]),
             Paragraph("Agreed with the Care Experienced Forum in January 2026. The plan covers three outcomes; "
                       "each action has a responsible officer and a target month.", ss["Normal"]),
             Spacer(1, 4 * mm)]
    for p in A25:
        story.append(Paragraph(p["title"], h2))
        rows = [[Paragraph(h, head) for h in ["What we will do", "Who", "When"]]]
        for a in p["actions"]:
            rows.append([Paragraph(a["text"], cell), Paragraph(a["owner_text"], cell), Paragraph(a["due_txt"], cell)])
        t = Table(rows, colWidths=[90 * mm, 55 * mm, 35 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story += [t, Spacer(1, 3 * mm), Paragraph("<b>Milestones and outcomes</b>", ss["Normal"])]
        for m in p["measures"]:
            story.append(Paragraph(m, bullet, bulletText="•"))
        story.append(Spacer(1, 4 * mm))
    out = HERE / f"{stem}.pdf"
    doc = R["SimpleDocTemplate"](str(out), pagesize=R["A4"], leftMargin=18 * mm, rightMargin=18 * mm,
                                 topMargin=18 * mm, bottomMargin=18 * mm, title="Delivery Plan 2026",
                                 author="Wrenfield County Council")
    doc.build(story)
    write_gold(stem, "pdf", A25_META, A25)


# a-26  text document: big/bold headings, • bullets, running header, Page N of M ----------

A26_META = {
    "council": "Hallowby City Council", "kind": "strategy", "period": "2025-2028",
    "officers": [], "people": [],
    "bodies": ["Hallowby Children in Care Council"],
    "agencies": [],
    "initiatives": ["Personal Education Plan (PEP)"],
    "themes": ["safety_protection", "relationships_family", "identity_belonging", "education",
               "leaving_care_transition", "housing_home", "employment_training"],
    "quality_flags": [
        {"kind": "page_furniture", "detail": "running header and 'Page N of M' footer on every page"},
        {"kind": "measures_heading", "detail": "'You will know we have done this because' lists are measures"},
        {"kind": "unowned", "detail": "no owners or timescales"}],
}

A26 = [
    {"title": "I feel safe", "actions": [
        act("We will make sure you always know who your social worker is and how to contact them."),
        act("We will help you understand how to stay safe online and when you are out with friends."),
        act("If you go missing, someone you know will talk with you when you come back."),
    ], "measures": ["you can tell us the name of your social worker and how to reach them."]},
    {"title": "People who care about me", "actions": [
        act("We will help you see your family and friends, if it is safe."),
        act("We will try hard to keep you living with your brothers and sisters."),
        act("You can keep in touch with your old carers when you move, if you both want to."),
    ], "measures": []},
    {"title": "I can be me", "actions": [
        act("We will respect your culture, your religion and who you are."),
        act("We will help you do the things you love, like sport, music, drama or gaming."),
        act("We will keep your photos and special things safe for you."),
    ], "measures": []},
    {"title": "Doing well at school", "actions": [
        act("We will make sure your teachers know how to help you."),
        act("We will come to your school meetings and listen to what you want to do."),
        act("We will give you extra help if you are finding lessons hard."),
    ], "measures": ["your PEP says what you want to achieve and you have a copy of it.",
                    "you get help quickly when school is hard."]},
    {"title": "Ready for the future", "actions": [
        act("We'll help you learn to cook, manage money and look after a home."),
        act("We will give you a personal adviser from 16 until you are 25."),
        act("We will help you find college courses, jobs or apprenticeships."),
        act("You can stay with your foster carers after you are 18 if you both want to."),
    ], "measures": []},
]


def make_a26():
    R = _rl()
    Paragraph, Spacer = R["Paragraph"], R["Spacer"]
    mm = R["mm"]
    from reportlab.pdfgen import canvas as rlcanvas
    stem = "a-26-pdf-text-headings"
    ss = R["getSampleStyleSheet"]()
    body = R["ParagraphStyle"]("body", parent=ss["Normal"], fontSize=13, leading=18)
    h = R["ParagraphStyle"]("h", parent=ss["Normal"], fontName="VeraBd", fontSize=20, leading=26,
                            spaceBefore=10, spaceAfter=6)
    hsmall = R["ParagraphStyle"]("hs", parent=ss["Normal"], fontName="VeraBd", fontSize=14, leading=18,
                                 spaceBefore=6, spaceAfter=2)
    bullet = R["ParagraphStyle"]("b", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3, bulletFontName="Vera",
                                bulletFontSize=13)
    page_w, page_h = R["A4"]

    class NumberedCanvas(rlcanvas.Canvas):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont("Vera", 9)
                self.drawString(20 * mm, page_h - 12 * mm, "Hallowby City Council")
                self.drawRightString(page_w - 20 * mm, page_h - 12 * mm, "Our Promise to You 2025–2028")
                self.drawCentredString(page_w / 2, 10 * mm, f"Page {self._pageNumber} of {n}")
                super().showPage()
            super().save()

    story = [Paragraph("Our Promise to You 2025–2028", R["ParagraphStyle"]("t", parent=h, fontSize=26, leading=32)),
             Paragraph("From everyone at Hallowby City Council to the children and young people in our care. "
                       "The Hallowby Children in Care Council helped us write these promises and will check "
                       "that we keep them.", body),
             Spacer(1, 6 * mm)]
    for p in A26:
        story.append(Paragraph(p["title"], h))
        for a in p["actions"]:
            story.append(Paragraph(a["text"], bullet, bulletText="•"))
        if p["measures"]:
            story.append(Paragraph("You will know we have done this because", hsmall))
            for m in p["measures"]:
                story.append(Paragraph(m, bullet, bulletText="•"))
    story.append(Spacer(1, 8 * mm))
    story.append(Paragraph("If you think we are not keeping our promise, tell your social worker, your "
                           "Independent Reviewing Officer or an advocate.", body))
    out = HERE / f"{stem}.pdf"
    doc = R["SimpleDocTemplate"](str(out), pagesize=R["A4"], leftMargin=20 * mm, rightMargin=20 * mm,
                                 topMargin=22 * mm, bottomMargin=20 * mm, title="Our Promise to You 2025-2028",
                                 author="Hallowby City Council")
    doc.build(story, canvasmaker=NumberedCanvas)
    write_gold(stem, "pdf", A26_META, A26)


# --------------------------------------------------------------------------------------
# a-27  spreadsheet tracker: header row in row 4, priority as a merged row above its actions
# --------------------------------------------------------------------------------------

A27_META = {
    "council": "Stourleigh Borough Council", "kind": "action plan", "period": "2025/26",
    "officers": ["Head of Fostering", "Principal Social Worker", "Commissioning Manager (Children)",
                 "Designated Nurse for Looked After Children", "Leaving Care Team Manager",
                 "Virtual School Headteacher", "Head of HR and Organisational Development", "Participation Lead",
                 "Careers Adviser"],
    "people": [],
    "bodies": ["Corporate Parenting Board", "Children in Care Council", "Virtual School"],
    "agencies": ["CAMHS"],
    "initiatives": ["sibling assessment tool", "careers guide"],
    "themes": ["stability_placement", "relationships_family", "workforce", "health_wellbeing", "leaving_care_transition",
               "education", "employment_training", "participation_voice"],
    "quality_flags": [
        {"kind": "header_not_first_row", "detail": "title and 'Last updated' lines above the header row in row 4"},
        {"kind": "merged_rows", "detail": "each priority is a merged row across all columns above its actions"},
        {"kind": "date_cells", "detail": "most due dates are real date cells; others are text ('Ongoing', 'Quarterly', 'Q3 2025/26')"}],
}

A27 = [
    {"title": "Priority 1 – Stable homes and relationships", "actions": [
        act("Recruit 15 foster carers for children aged 11 and over", ["Head of Fostering"], "Head of Fostering",
            "2026-03-31", date(2026, 3, 31), status="Amber", ref=("1.1", "6 approved to date")),
        act("Introduce a sibling assessment tool for every brother and sister group coming into care",
            ["Principal Social Worker"], "Principal Social Worker", "2025-12-31", date(2025, 12, 31),
            status="Green", initiatives=["sibling assessment tool"], ref=("1.2", "Tool agreed; training booked")),
        act("Provide family time at weekends through a contract with a local charity",
            ["Commissioning Manager (Children)"], "Commissioning Manager (Children)", "2025-12", "Q3 2025/26",
            status="Green", ref=("1.3", "Provider appointed")),
    ]},
    {"title": "Priority 2 – Health", "actions": [
        act("Reduce the wait for CAMHS for children in care to under 8 weeks",
            ["Designated Nurse for Looked After Children"], "Designated Nurse for Looked After Children",
            "2026-06-30", date(2026, 6, 30), status="Red", ref=("2.1", "Average wait 14 weeks")),
        act("Offer all care leavers a free dental check at 18", ["Leaving Care Team Manager"],
            "Leaving Care Team Manager", None, "Ongoing", rec="Ongoing", status="Green",
            ref=("2.2", "Agreed with two practices")),
    ]},
    {"title": "Priority 3 – Education, employment and training", "actions": [
        act("Extend the Virtual School to children in kinship care", ["Virtual School Headteacher"],
            "Virtual School Headteacher", "2025-09-01", date(2025, 9, 1), status="Complete",
            ref=("3.1", "Live from September")),
        act("Offer two paid council internships a year to care leavers",
            ["Head of HR and Organisational Development"], "Head of HR and Organisational Development",
            "2026-04-30", date(2026, 4, 30), status="Amber", ref=("3.2", "One placement identified")),
        act("Publish a careers guide written by care experienced young people",
            ["Participation Lead", "Careers Adviser"], "Participation Lead / Careers Adviser", "2026-03",
            "Q4 2025/26", status="Green", initiatives=["careers guide"], ref=("3.3", "First draft written")),
    ]},
    {"title": "Priority 4 – Participation", "actions": [
        act("Recruit young people to sit on interview panels for all social work posts", ["Participation Lead"],
            "Participation Lead", None, "Ongoing", rec="Ongoing", status="Green", ref=("4.1", "Five panels held")),
        act("Report the Children in Care Council's top three issues to every Corporate Parenting Board",
            ["Participation Lead"], "Participation Lead", None, "Quarterly", rec="Quarterly", status="Green",
            ref=("4.2", "Reported in July")),
    ]},
]


def make_a27():
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    stem = "a-27-xlsx-tracker-merged-rows"
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker 2025-26"
    ws["A1"] = "Stourleigh Borough Council – Corporate Parenting Action Tracker 2025/26"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Last updated: 30/09/2025"
    header = ["Ref", "Action", "Lead officer", "Due date", "RAG", "Update"]
    for col, h in enumerate(header, 1):
        c = ws.cell(row=4, column=col, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="BDD7EE")
    row = 5
    for p in A27:
        ws.cell(row=row, column=1, value=p["title"]).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor="E2EFDA")
        row += 1
        for a in p["actions"]:
            ref, update = a["ref"]
            vals = [ref, a["text"], a["owner_text"], a["due_txt"], a["status"], update]
            for col, v in enumerate(vals, 1):
                c = ws.cell(row=row, column=col, value=v)
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(v, date):
                    c.number_format = "DD/MM/YYYY"
            row += 1
    for col, w in zip("ABCDEF", [7, 60, 34, 13, 10, 32]):
        ws.column_dimensions[col].width = w
    wb.properties.creator = "Children's Services"
    wb.properties.created = datetime(2025, 1, 1, 9, 0, 0)
    wb.properties.modified = datetime(2025, 1, 1, 9, 0, 0)
    out = HERE / f"{stem}.xlsx"
    wb.save(out)
    fix_xlsx_modified(out)
    normalise_zip(out)
    write_gold(stem, "xlsx", A27_META, A27)


def fix_xlsx_modified(path):
    """openpyxl stamps dcterms:modified with the current time; pin it."""
    src = zipfile.ZipFile(path)
    members = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2025-01-01T09:00:00Z\g<2>", data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)",
                              rb"\g<1>2025-01-01T09:00:00Z\g<2>", data)
            out.writestr(info, data)
    path.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------------------
# Checker
# --------------------------------------------------------------------------------------

THEMES = {"health_wellbeing", "education", "employment_training", "housing_home", "relationships_family",
          "participation_voice", "safety_protection", "identity_belonging", "leaving_care_transition",
          "stability_placement", "workforce", "governance"}
DUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def doc_text(path):
    ext = path.suffix.lower()
    if ext in (".txt", ".md", ".csv"):
        t = path.read_text(encoding="utf-8")
        if ext == ".csv":
            t = "\n".join(" | ".join(r) for r in csv.reader(io.StringIO(t)))
        return t
    if ext == ".html":
        import lxml.html
        root = lxml.html.fromstring(path.read_bytes())
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        return htmlmod.unescape(root.text_content())
    if ext == ".docx":
        from docx import Document
        d = Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for r in t.rows:
                for c in r.cells:
                    parts.append(c.text)
        return "\n".join(parts)
    if ext == ".pdf":
        import pdfplumber
        with pdfplumber.open(str(path)) as pdf:
            return "\n".join(pg.extract_text() or "" for pg in pdf.pages)
    if ext == ".xlsx":
        from openpyxl import load_workbook
        wb = load_workbook(str(path))
        parts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                parts.extend(str(v) for v in row if v is not None)
        return "\n".join(parts)
    raise ValueError(ext)


def _norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip()


def _tokens(s):
    return [t for t in re.split(r"[^\w£%]+", _norm(s).lower()) if t]


def found(needle, hay_norm, hay_tokens):
    n = _norm(needle)
    if n in hay_norm:
        return True
    toks = _tokens(needle)
    if not toks:
        return True
    # tokens in order, each within a window of the previous one (tables wrap cells across lines)
    for start in (i for i, t in enumerate(hay_tokens) if t == toks[0]):
        pos, ok = start, True
        for t in toks[1:]:
            window = hay_tokens[pos + 1: pos + 40]
            if t in window:
                pos = pos + 1 + window.index(t)
            else:
                ok = False
                break
        if ok:
            return True
    return False


def check():
    problems = []
    golds = sorted(HERE.glob("a-*.json"))
    for g in golds:
        try:
            d = json.loads(g.read_text(encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            problems.append(f"{g.name}: invalid JSON: {e}")
            continue
        src = HERE / d.get("source", "")
        if src.stem != g.stem or not src.exists():
            problems.append(f"{g.name}: source {d.get('source')!r} missing or misnamed")
            continue
        for k in ("source", "council", "kind", "period", "pledges", "officers", "bodies", "agencies",
                  "initiatives", "themes"):
            if k not in d:
                problems.append(f"{g.name}: key {k} missing")
        if not isinstance(d["pledges"], list) or not d["pledges"]:
            problems.append(f"{g.name}: no pledges")
        bad = set(d.get("themes", [])) - THEMES
        if bad:
            problems.append(f"{g.name}: unknown themes {bad}")
        hay = doc_text(src)
        hay_norm, hay_tok = _norm(hay), _tokens(hay)
        for p in d["pledges"]:
            if not isinstance(p.get("title"), str) or not p["title"]:
                problems.append(f"{g.name}: pledge without title")
                continue
            if not found(p["title"], hay_norm, hay_tok):
                problems.append(f"{g.name}: title not in text: {p['title']!r}")
            if p.get("group") and not found(p["group"], hay_norm, hay_tok):
                problems.append(f"{g.name}: group not in text: {p['group']!r}")
            if "owner_level" in p and p["owner_level"] not in ("action", "governance", "strategy"):
                problems.append(f"{g.name}: bad owner_level {p['owner_level']!r}")
            if not isinstance(p.get("actions"), list):
                problems.append(f"{g.name}: pledge {p['title']!r} has no actions list")
                continue
            for a in p["actions"]:
                if not isinstance(a.get("text"), str) or not isinstance(a.get("owners"), list):
                    problems.append(f"{g.name}: malformed action {a!r}")
                    continue
                if not found(a["text"], hay_norm, hay_tok):
                    problems.append(f"{g.name}: action not in text: {a['text']!r}")
                if a.get("due") is not None and not DUE_RE.match(a["due"]):
                    problems.append(f"{g.name}: bad due {a['due']!r}")
                if "recurrence" in a and a["recurrence"] is not None and not isinstance(a["recurrence"], str):
                    problems.append(f"{g.name}: bad recurrence {a['recurrence']!r}")
                for o in a["owners"]:
                    if not found(o, hay_norm, hay_tok):
                        problems.append(f"{g.name}: owner not in text: {o!r}")
            for m in p.get("measures", []):
                if not found(m, hay_norm, hay_tok):
                    problems.append(f"{g.name}: measure not in text: {m!r}")
    n_p = sum(len(json.loads(g.read_text())["pledges"]) for g in golds)
    n_a = sum(len(p["actions"]) for g in golds for p in json.loads(g.read_text())["pledges"])
    print(f"checked {len(golds)} gold files: {n_p} pledges, {n_a} actions")
    for pr in problems:
        print("PROBLEM", pr)
    return not problems


def main():
    make_a20()
    make_a21()
    make_a22()
    make_a23()
    make_a24()
    make_a25()
    make_a26()
    make_a27()
    ok = check()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
