"""Generate the binary documents of the b- layout zoo (Word and PDF).

Run with the project's virtualenv:  /work/venv/bin/python _make_b.py
Output is deterministic (fixed zip timestamps and core properties in .docx,
reportlab's invariant mode for .pdf). The gold annotations (b-NN-*.json) are
written by hand and are not produced here.
"""
import datetime
import io
import os
import zipfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (ListFlowable, ListItem, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

rl_config.invariant = 1

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2025, 1, 1, 12, 0, 0)


# --------------------------------------------------------------------------- Word helpers

_abstract_ids = [100]


def new_numbering(doc, fmt, text, indent=720):
    """Create a real Word list definition (abstractNum + num); return its numId."""
    numbering = doc.part.numbering_part.element
    _abstract_ids[0] += 1
    aid = _abstract_ids[0]
    absn = OxmlElement('w:abstractNum')
    absn.set(qn('w:abstractNumId'), str(aid))
    mlt = OxmlElement('w:multiLevelType')
    mlt.set(qn('w:val'), 'singleLevel')
    absn.append(mlt)
    lvl = OxmlElement('w:lvl')
    lvl.set(qn('w:ilvl'), '0')
    for tag, val in (('w:start', '1'), ('w:numFmt', fmt), ('w:lvlText', text), ('w:lvlJc', 'left')):
        el = OxmlElement(tag)
        el.set(qn('w:val'), val)
        lvl.append(el)
    ppr = OxmlElement('w:pPr')
    ind = OxmlElement('w:ind')
    ind.set(qn('w:left'), str(indent))
    ind.set(qn('w:hanging'), '360')
    ppr.append(ind)
    lvl.append(ppr)
    if fmt == 'bullet':
        rpr = OxmlElement('w:rPr')
        fonts = OxmlElement('w:rFonts')
        fonts.set(qn('w:ascii'), 'Symbol')
        fonts.set(qn('w:hAnsi'), 'Symbol')
        rpr.append(fonts)
        lvl.append(rpr)
    absn.append(lvl)
    first_num = numbering.find(qn('w:num'))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    nums = [int(n.get(qn('w:numId'))) for n in numbering.findall(qn('w:num'))]
    num_id = max(nums + [0]) + 1
    num = OxmlElement('w:num')
    num.set(qn('w:numId'), str(num_id))
    ref = OxmlElement('w:abstractNumId')
    ref.set(qn('w:val'), str(aid))
    num.append(ref)
    numbering.append(num)
    return num_id


def set_num(paragraph, num_id):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement('w:numPr')
    ilvl = OxmlElement('w:ilvl')
    ilvl.set(qn('w:val'), '0')
    nid = OxmlElement('w:numId')
    nid.set(qn('w:val'), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


class WordDoc:
    def __init__(self, title, author):
        self.doc = docx.Document()
        cp = self.doc.core_properties
        cp.title = title
        cp.author = author
        cp.last_modified_by = author
        cp.created = FIXED
        cp.modified = FIXED
        cp.revision = 1
        st = self.doc.styles['Normal']
        st.font.name = 'Arial'
        st.font.size = Pt(11)

    def title(self, text):
        self.doc.add_paragraph(text, style='Title')

    def h(self, text, level=1):
        self.doc.add_heading(text, level=level)

    def p(self, text, bold=False, italic=False):
        para = self.doc.add_paragraph()
        run = para.add_run(text)
        run.bold = bold
        run.italic = italic
        return para

    def bullets(self, items):
        """A bulleted list in the List Bullet style (restarted numbering instance)."""
        nid = new_numbering(self.doc, 'bullet', '\uf0b7')
        for it in items:
            para = self.doc.add_paragraph(it, style='List Bullet')
            set_num(para, nid)

    def numbered(self, items, fmt='decimal', text='%1.'):
        """A numbered list in the List Number style: decimal '1.', lowerRoman '(i)', lowerLetter '(a)'."""
        nid = new_numbering(self.doc, fmt, text)
        for it in items:
            para = self.doc.add_paragraph(it, style='List Number')
            set_num(para, nid)

    def table(self, header, rows, widths=None):
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = 'Table Grid'
        for i, htext in enumerate(header):
            cell = t.rows[0].cells[i]
            cell.text = ''
            run = cell.paragraphs[0].add_run(htext)
            run.bold = True
        # repeat header row on each page
        trpr = t.rows[0]._tr.get_or_add_trPr()
        th = OxmlElement('w:tblHeader')
        th.set(qn('w:val'), 'true')
        trpr.append(th)
        for r in rows:
            cells = t.add_row().cells
            for i, v in enumerate(r):
                cells[i].text = v
        return t

    def save(self, name):
        buf = io.BytesIO()
        self.doc.save(buf)
        write_deterministic_zip(buf.getvalue(), os.path.join(HERE, name))


def write_deterministic_zip(data, path):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    with open(path, 'wb') as f:
        f.write(out.getvalue())


# --------------------------------------------------------------------------- PDF helpers

SS = getSampleStyleSheet()
BODY = ParagraphStyle('body', parent=SS['Normal'], fontName='Helvetica', fontSize=10, leading=13,
                      spaceAfter=5)
SMALL = ParagraphStyle('small', parent=BODY, fontSize=8.5, leading=10.5, spaceAfter=0)
SMALLB = ParagraphStyle('smallb', parent=SMALL, fontName='Helvetica-Bold')
H1 = ParagraphStyle('h1', parent=BODY, fontName='Helvetica-Bold', fontSize=16, leading=20,
                    spaceAfter=8, alignment=TA_CENTER)
H2 = ParagraphStyle('h2', parent=BODY, fontName='Helvetica-Bold', fontSize=12.5, leading=16,
                    spaceBefore=8, spaceAfter=4)
H3 = ParagraphStyle('h3', parent=BODY, fontName='Helvetica-Bold', fontSize=10.5, leading=14,
                    spaceBefore=5, spaceAfter=3)


def build_pdf(name, story_fn, running_title, author):
    """Two passes so that the footer can say 'Page N of M'."""
    path = os.path.join(HERE, name)
    total = [0]

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont('Helvetica', 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, running_title)
        page = canvas.getPageNumber()
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm,
                               'Page %d of %d' % (page, total[0]) if total[0] else 'Page %d' % page)
        canvas.restoreState()

    for _ in range(2):
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=20 * mm, bottomMargin=20 * mm, title=running_title,
                                author=author, invariant=1)
        doc.build(story_fn(), onFirstPage=furniture, onLaterPages=furniture)
        total[0] = doc.page


def bullets_pdf(items, kind='bullet', start=None):
    if kind == 'bullet':
        return ListFlowable([ListItem(Paragraph(i, BODY), leftIndent=14) for i in items],
                            bulletType='bullet', start='\u2022', leftIndent=14, bulletFontSize=9)
    kw = {'start': start} if start else {}
    return ListFlowable([ListItem(Paragraph(i, BODY), leftIndent=22) for i in items],
                        bulletType=kind, leftIndent=22, bulletFormat='(%s)', bulletFontSize=9.5, **kw)


def table_pdf(header, rows, widths, repeat=True):
    data = [[Paragraph(h, SMALLB) for h in header]]
    data += [[Paragraph(c, SMALL) for c in r] for r in rows]
    t = Table(data, colWidths=widths, repeatRows=1 if repeat else 0)
    t.setStyle(TableStyle([
        ('GRID', (0, 0), (-1, -1), 0.5, colors.black),
        ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#d9e2f3')),
        ('VALIGN', (0, 0), (-1, -1), 'TOP'),
        ('TOPPADDING', (0, 0), (-1, -1), 3),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 3),
    ]))
    return t


# =========================================================================== b-03 (docx minutes)

def make_b03():
    w = WordDoc('Corporate Parenting Committee - minutes - 18 September 2025', 'Committee Services')
    w.title('Wyvernshire County Council')
    w.h('Corporate Parenting Committee', 1)
    w.p('Minutes of the meeting held on Thursday 18 September 2025 at 10.00 am in the Council '
        'Chamber, County Hall, Wyvern')
    w.h('Present', 2)
    w.bullets(['Councillor Margaret Ellery (Chair)',
               'Councillor Samir Chaudhry (Vice-Chair)',
               'Councillor Ruth Penrose',
               'Councillor Brian Tull (substitute for Councillor Hana Mirza)'])
    w.h('Officers', 2)
    w.bullets(['Clare Whitlock \u2013 Executive Director of Children, Families and Education',
               'Nathan Oyelaran \u2013 Assistant Director, Children in Care',
               'Priya Venkatesh \u2013 Head of Virtual School',
               "Stuart Keel \u2013 Head of Commissioning (Children's Placements)",
               'Lydia Frome \u2013 Principal Social Worker',
               'Owen Bright \u2013 Head of Performance and Intelligence',
               'Gemma Hale \u2013 Committee Officer'])
    w.p('Also present: Jay and Tia, Wyvern Youth Voice (Children in Care Council); Marian Coles, '
        'Participation and Engagement Manager')

    w.h('1. Apologies and substitutions', 2)
    w.p('Apologies were received from Councillor Hana Mirza. Councillor Brian Tull attended as her '
        'substitute.')
    w.h('2. Minutes of the previous meeting', 2)
    w.p('The minutes of the meeting held on 26 June 2025 were agreed as a correct record.')

    w.h('3. Children in care performance report (Quarter 1 2025/26)', 2)
    w.p('Owen Bright presented the report. The Committee noted:')
    w.bullets(['the number of children in care had risen to 689, from 671 at the end of March;',
               '82% of children had had a review of their health within the last year;',
               '11 children were living in unregistered provision on 30 June 2025.'])
    w.p('Members were very concerned about the use of unregistered provision and asked that the '
        'number be reported at every meeting (see action 1).')

    w.h("4. Ofsted outcomes for the council's children's homes", 2)
    w.p("Nathan Oyelaran reported that, of the council's seven children's homes, five were judged "
        'good or outstanding by Ofsted and two, Brackenfold House and Linden Court, required '
        'improvement. Improvement plans were in place for both homes. Members asked to see the '
        'homes for themselves (actions 2 and 3).')

    w.h('5. Placement Sufficiency Strategy 2025\u20132028', 2)
    w.p('Stuart Keel introduced the draft strategy, which aims to reduce the number of children '
        'placed more than 20 miles from Wyvernshire from 142 to 100 by 2028.')
    w.p('RESOLVED:', bold=True)
    w.numbered(['That the Placement Sufficiency Strategy 2025\u20132028 be recommended to Cabinet '
                'for approval.',
                "That the Head of Commissioning (Children's Placements) report progress against the "
                'strategy to the Committee every six months.'])

    w.h('6. Voice of children in care \u2013 Wyvern Youth Voice', 2)
    w.p("Jay and Tia presented Wyvern Youth Voice's \u201clanguage that cares\u201d glossary, which "
        "suggests words that children prefer, such as \u201cfamily time\u201d instead of "
        '\u201ccontact\u201d. The Committee noted:')
    w.bullets(['that the glossary had been written by 23 young people over the summer;',
               'the request from young people to help train new councillors.'])
    w.p('The Chair thanked Jay and Tia for an excellent presentation (actions 4 and 5).')

    w.h('7. Exclusion of the press and public', 2)
    w.p('RESOLVED \u2013 that the press and public be excluded from the meeting for item 8 on the '
        'grounds that it involves the likely disclosure of exempt information as defined in '
        'paragraph 2 of Part 1 of Schedule 12A to the Local Government Act 1972.')
    w.h("8. Individual children's cases (exempt)", 2)
    w.p('The Committee considered the exempt report and noted the update.')
    w.h('9. Date of next meeting', 2)
    w.p('Thursday 27 November 2025 at 10.00 am.')

    w.h('Action log', 2)
    w.table(['No.', 'Item', 'Action', 'Owner', 'Deadline', 'Status'], [
        ['1', '3', 'Add the number of children living in unregistered provision, and the reasons, '
                   'to the performance report for every meeting',
         'Head of Performance and Intelligence', '27 November 2025', 'New'],
        ['2', '4', 'Arrange visits for members of the Committee to Brackenfold House and Linden Court',
         'Assistant Director, Children in Care', 'December 2025', 'New'],
        ['3', '4', 'Circulate the improvement plans for both homes to all members of the Committee',
         'Assistant Director, Children in Care / Principal Social Worker', '2 October 2025', 'New'],
        ['4', '6', 'Adopt the \u201clanguage that cares\u201d glossary in all case recording templates '
                   'and letters to children',
         'Principal Social Worker', '31 March 2026', 'New'],
        ['5', '6', 'Invite Wyvern Youth Voice to co-deliver corporate parenting training for '
                   'councillors elected in May 2026',
         'Participation and Engagement Manager', 'June 2026', 'New'],
    ])
    w.p('')
    w.p('Chair: ........................................    Date: ....................')
    w.save('b-03-minutes-committee-action-log.docx')


# =========================================================================== b-04 (pdf minutes)

def make_b04():
    B = ParagraphStyle('b04body', parent=BODY, fontSize=9.5, leading=12, spaceAfter=3)
    HH = ParagraphStyle('b04h2', parent=H2, fontSize=11.5, leading=14, spaceBefore=5, spaceAfter=2)

    def story():
        s = []
        s.append(Paragraph('Tamsford Metropolitan Borough Council', H1))
        s.append(Paragraph('Corporate Parenting Board', H1))
        s.append(Paragraph('Minutes of the meeting held on Thursday 22 January 2026 at 1.30 pm, '
                           'Tamsford Town Hall', B))
        s.append(Paragraph('<b>Present:</b> Councillor Lorraine Whitcombe (Chair), Cabinet Member for '
                           'Children, Young People and Families; Councillors Ajay Doshi, Morag Fenwick '
                           'and Pete Harland', B))
        s.append(Paragraph("<b>Officers and partners:</b> Jacqueline Amory, Director of Children's Services; Liam Brereton, Head of "
                           'Corporate Parenting; Natasha Quigley, Virtual School Headteacher; Femi '
                           'Adebayo, Service Manager, Leaving Care; Gillian Royce, Designated Nurse '
                           'Looked After Children (Tamsford and Borders ICB); Sanjay Puri, Housing '
                           'Strategy Manager; Carys Holt, Democratic Services Manager', B))
        s.append(Paragraph('Young people: three members of Unity, the Tamsford Children in Care Council',
                           B))

        s.append(Paragraph('1. Apologies', HH))
        s.append(Paragraph('Apologies were received from Councillor Rhys Underwood.', B))
        s.append(Paragraph('2. Minutes and action log', HH))
        s.append(Paragraph('The minutes of the meeting held on 23 October 2025 were agreed. The Board '
                           'reviewed the action log, which is attached to these minutes; completed '
                           'actions will be removed after this meeting.', B))

        s.append(Paragraph('3. Education of children in care', HH))
        s.append(Paragraph('Natasha Quigley presented the Virtual School report. 41% of children in care '
                           'achieved a standard pass in English and maths at Key Stage 4, up from 33%. '
                           'Persistent absence had fallen to 17%, but was higher for children placed '
                           'outside Tamsford. Members were concerned about the number of children on '
                           'part-time timetables.', B))
        s.append(Paragraph('RESOLVED \u2013 that the Chair write on behalf of the Board to all secondary '
                           'headteachers asking them to sign the Tamsford attendance protocol for '
                           'children in care.', B))

        s.append(Paragraph("4. Care leavers' accommodation", HH))
        s.append(Paragraph('Femi Adebayo and Sanjay Puri presented a joint report. 23 care leavers were '
                           'living in temporary accommodation, eight of them in bed and breakfast. A '
                           'site at Canal Street could provide 12 supported flats for care leavers by '
                           'the end of 2027.', B))
        s.append(Paragraph('RESOLVED \u2013 that the Board endorse the proposal for 12 supported flats for '
                           'care leavers at Canal Street and ask Cabinet to approve the capital funding.',
                           B))

        s.append(Paragraph('5. Health assessments', HH))
        s.append(Paragraph('Gillian Royce reported that 58% of initial health assessments had been '
                           'completed within 20 working days, because of a shortage of paediatricians. '
                           'Review health assessments were on time for 91% of children. The Board '
                           'noted the report.', B))

        s.append(Paragraph('6. Unity update', HH))
        s.append(Paragraph('Members of Unity presented their \u201cRoom to Grow\u201d campaign about '
                           "bedrooms in children's homes, including the right to choose how a bedroom "
                           'is decorated. The Board noted the presentation and thanked the young '
                           'people.', B))

        s.append(Paragraph('7. Date of next meeting', HH))
        s.append(Paragraph('Thursday 23 April 2026 at 1.30 pm.', B))

        s.append(Paragraph('Action log \u2013 open and completed actions', HH))
        rows = [
            ['1', 'Health assessments', 'Agree with the ICB a named GP lead for children in care in '
             'each primary care network', 'Designated Nurse Looked After Children', 'Oct 2025', 'Complete'],
            ['2', 'Health assessments', 'Report on the dental backlog for children in care, with the '
             'numbers waiting by age', 'Designated Nurse Looked After Children', 'Jan 2026', 'Complete'],
            ['3', "Care leavers' accommodation", 'Map all supported accommodation used for care '
             'leavers aged 16 and 17 and its Ofsted registration status', 'Service Manager, Leaving Care',
             'Dec 2025', 'Complete'],
            ['4', 'Placement stability', 'Produce a foster carer retention plan, including an exit '
             'interview for every carer who resigns', 'Head of Fostering', 'Mar 2026', 'On track'],
            ['5', 'Placement stability', 'Review the support offered to foster carers in their first '
             'year of approval', 'Head of Fostering', 'Apr 2026', 'Not started'],
            ['6', 'Member visits', "Set up a rota of Board members to visit the children's homes each "
             'quarter', 'Democratic Services Manager', 'Nov 2025', 'Overdue'],
            ['7', 'Education of children in care', 'Share Key Stage 4 results for children in care with '
             'Board members in an accessible format', 'Virtual School Headteacher', 'Jan 2026', 'Complete'],
            ['8', 'Education of children in care', 'Track the attendance of every child in care placed '
             'outside Tamsford each week and follow up any absence on the same day',
             'Virtual School Headteacher', 'Ongoing', 'New'],
            ['9', 'Education of children in care', 'Bring a report on the use of part-time timetables '
             'for children in care', 'Virtual School Headteacher', 'Apr 2026', 'New'],
            ['10', "Care leavers' accommodation", 'Prepare the Cabinet report on capital funding for the '
             'Canal Street flats', 'Head of Corporate Parenting & Housing Strategy Manager', 'Mar 2026', 'New'],
            ['11', "Care leavers' accommodation", 'Ask for care leavers under 25 to be given band A '
             'priority on the housing register, and report the outcome', 'Housing Strategy Manager',
             'Apr 2026', 'New'],
            ['12', 'Health assessments', 'Provide monthly figures on initial health assessments '
             'completed within 20 working days', 'Designated Nurse Looked After Children', 'Monthly', 'New'],
            ['13', 'Health assessments', 'Write to the ICB Chief Nursing Officer about paediatrician '
             'capacity for initial health assessments', "Director of Children's Services", 'Feb 2026', 'New'],
            ['14', 'Unity update', 'Respond in writing to Unity\u2019s \u201cRoom to Grow\u201d campaign, '
             'saying which of the requests will be met', 'Head of Corporate Parenting', 'Mar 2026', 'New'],
            ['15', 'Unity update', "Make sure every child moving into a children's home can choose the "
             'colours and furnishings of their bedroom', 'Head of Residential Services', 'Q1 2026/27', 'New'],
            ['16', 'Placement stability', 'Present the annual Sufficiency Statement to the Board',
             'Head of Corporate Parenting', 'Apr 2026', 'New'],
        ]
        s.append(table_pdf(['No.', 'Agenda item', 'Action', 'Lead', 'Due', 'Status'], rows,
                           [10 * mm, 28 * mm, 60 * mm, 36 * mm, 18 * mm, 18 * mm]))
        s.append(Spacer(1, 10))
        s.append(Paragraph('The meeting closed at 3.20 pm.', B))
        return s

    build_pdf('b-04-minutes-board-action-log.pdf', story,
              'Tamsford MBC \u2013 Corporate Parenting Board \u2013 22 January 2026 \u2013 Minutes',
              'Democratic Services')


# =========================================================================== b-08 (docx ToR)

def make_b08():
    w = WordDoc('Corporate Parenting Board - Terms of Reference', 'Ravensworth County Council')
    w.title('Ravensworth County Council')
    w.p('Corporate Parenting Board \u2013 Terms of Reference', bold=True)
    w.p('Approved by Cabinet: 3 June 2025')

    w.h('1. Purpose', 1)
    w.p('The Corporate Parenting Board is the council\u2019s lead body for making sure that Ravensworth '
        'County Council and its partners meet their responsibilities as corporate parents to children '
        'in care and care leavers, as set out in the Children and Social Work Act 2017.')

    w.h('2. Membership', 1)
    w.p('Chair: Cabinet Member for Children and Families')
    w.p('Vice-Chair: chosen by the Board from among its elected members')
    w.p('The other members of the Board are:')
    w.numbered([
        'four further elected members, reflecting the political balance of the council',
        "Executive Director of Children's Services",
        "Director of Children's Social Care",
        'Virtual School Headteacher',
        'Head of Service, Children in Care and Care Leavers',
        'Head of Housing Services',
        'Designated Nurse for Children in Care, Ravensworth and Dale Integrated Care Board',
        'a representative of Ravensworth Police',
        'two representatives of the Ravensworth Children in Care Council (\u201cThe Voice\u201d) and '
        'one representative of the Care Leavers\u2019 Forum',
        'a representative of the Ravensworth Foster Carers\u2019 Association',
    ], fmt='lowerRoman', text='(%1)')
    w.p('Other officers and partners attend for particular items at the request of the Chair.')

    w.h('3. Functions', 1)
    w.p('The Board will:')
    w.numbered([
        'champion the needs and interests of children in care and care leavers across the council and '
        'with its partners;',
        'monitor the delivery of the Corporate Parenting Strategy and its action plan;',
        'scrutinise performance data on children in care and care leavers at every meeting;',
        'hear directly from children in care and care leavers at every meeting, and respond to what '
        'they say;',
        'make sure that every councillor receives corporate parenting training;',
        'receive the annual reports of the Virtual School, the Independent Reviewing Service, the '
        'fostering and adoption services and the health of children in care; and',
        'challenge any part of the council or its partners that is not meeting its corporate '
        'parenting responsibilities.',
    ])

    w.h('4. Sub-groups', 1)
    w.p('The Board has three sub-groups, each chaired by a Head of Service and reporting to the Board '
        'at every meeting:')
    w.bullets(['Health and Wellbeing Sub-group',
               'Education, Employment and Training Sub-group',
               'Homes and Independence Sub-group'])

    w.h('5. Quorum', 1)
    w.p('The Board is quorate when four members are present, including the Chair or Vice-Chair and at '
        "least one officer from Children's Services.")
    w.h('6. Frequency of meetings', 1)
    w.p('The Board meets six times a year. Extra meetings may be called by the Chair.')
    w.h('7. Reporting arrangements', 1)
    w.p('The Board reports to Cabinet. It presents an annual report to Full Council each July.')
    w.h('8. Substitutes', 1)
    w.p('Elected members may send a substitute from the same political group. Officers may send a '
        'deputy of at least Service Manager grade.')
    w.h('9. Access for the public and press', 1)
    w.p('Meetings are held in public, except when confidential information about individual children '
        'is discussed.')
    w.h('10. Review', 1)
    w.p('These terms of reference will be reviewed each year by the Board, with young people from '
        'The Voice.')
    w.save('b-08-tor-corporate-parenting-board.docx')


# =========================================================================== b-09 (pdf ToR)

def make_b09():
    def story():
        s = []
        s.append(Paragraph('Fenwick Vale Council', H1))
        s.append(Paragraph('Corporate Parenting Panel', H1))
        s.append(Paragraph('Terms of Reference', H1))
        s.append(Paragraph('Adopted by Full Council on 26 February 2026', BODY))

        s.append(Paragraph('1. Status and purpose', H2))
        s.append(Paragraph('1.1 The Corporate Parenting Panel is an advisory panel of the council. It '
                           'has no decision-making powers of its own.', BODY))
        s.append(Paragraph('1.2 Its purpose is to make sure that the council, as corporate parent, gives '
                           'children in care and care leavers the care and chances that a good parent '
                           'would give their own children, and that it listens to them.', BODY))

        s.append(Paragraph('2. Membership', H2))
        s.append(Paragraph('2.1 Chair: Lead Member for Children, Education and Families', BODY))
        s.append(Paragraph('2.2 Vice-Chair: an opposition member, appointed by Full Council', BODY))
        s.append(Paragraph('2.3 Clerk: Democratic Services', BODY))
        s.append(Paragraph('2.4 Voting members:', BODY))
        s.append(bullets_pdf(['six further elected members, appointed in proportion to the political '
                              'groups on the council',
                              'two co-opted care-experienced young people nominated by The Loudhailers, '
                              'the Fenwick Vale Children in Care Council'], kind='i'))
        s.append(Paragraph('2.5 Advisers to the Panel (non-voting):', BODY))
        s.append(bullets_pdf(["Director of Children's Services",
                              'Head of Looked After Children',
                              'Head of Virtual School',
                              'Participation Lead',
                              'Designated Nurse, Children in Care (Fenwick Vale Integrated Care Board)',
                              'a foster carer nominated by the Fenwick Vale Fostering Network'], kind='i'))

        s.append(Paragraph('3. Functions', H2))
        s.append(Paragraph('3.1 The Panel will:', BODY))
        s.append(bullets_pdf([
            'make sure the council keeps the promises in its Pledge to Children in Care and its Care '
            'Leavers\u2019 Offer',
            'look at how well children in care and care leavers are doing in their health, education, '
            'homes and work, and ask questions when they are not doing well',
            'hear from The Loudhailers at every meeting and respond in writing to their questions',
            'recommend changes in policy or services to Cabinet',
            'agree an annual work programme with the young people',
        ], kind='a'))
        s.append(Paragraph('3.2 The Panel will not discuss individual children or young people, or '
                           'consider complaints about individual cases.', BODY))

        s.append(Paragraph('4. Role of the Chair', H2))
        s.append(Paragraph('4.1 The Chair will:', BODY))
        s.append(bullets_pdf([
            'agree the agenda with the Head of Looked After Children',
            'meet members of The Loudhailers before each meeting',
            'present the Panel\u2019s annual report to Full Council',
        ], kind='a'))

        s.append(Paragraph('5. Responsibilities of Panel members', H2))
        s.append(Paragraph('5.1 Each member of the Panel will:', BODY))
        s.append(bullets_pdf([
            'attend at least four meetings a year',
            'visit at least one service for children in care or care leavers each year',
            'complete corporate parenting training within three months of joining the Panel',
        ], kind='a'))

        s.append(Paragraph('6. Meetings', H2))
        s.append(Paragraph('6.1 The Panel meets bi-monthly (six times a year), at times agreed with the '
                           'young people so that they can attend after school or college.', BODY))
        s.append(Paragraph('6.2 The quorum is three voting members, one of whom must be the Chair or '
                           'the Vice-Chair.', BODY))
        s.append(Paragraph('6.3 A member who cannot attend may nominate a substitute from the same '
                           'political group.', BODY))
        s.append(Paragraph('6.4 Meetings are open to the public. The public will be asked to leave if '
                           'information about an individual child is to be discussed.', BODY))

        s.append(Paragraph('7. Reporting', H2))
        s.append(Paragraph('7.1 The Panel reports to the Children and Young People Scrutiny Committee '
                           'after each meeting and presents an annual report to Full Council.', BODY))

        s.append(Paragraph('8. Review', H2))
        s.append(Paragraph('8.1 These terms of reference will be reviewed every two years.', BODY))
        return s

    build_pdf('b-09-tor-corporate-parenting-panel.pdf', story,
              'Fenwick Vale Council \u2013 Corporate Parenting Panel \u2013 Terms of Reference',
              'Democratic Services')


# =========================================================================== b-13 (docx annual report)

def make_b13():
    w = WordDoc('Virtual School Headteacher Annual Report 2024-25', 'Holmbridge Virtual School')
    w.title('Holmbridge Council')
    w.p('Holmbridge Virtual School', bold=True)
    w.p('Virtual School Headteacher\u2019s Annual Report 2024-25', bold=True)
    w.p('Author: Rebecca Stanhope, Virtual School Headteacher. Presented to the Corporate Parenting '
        'Board, 16 October 2025.', italic=True)

    w.h('Introduction', 1)
    w.p('The Virtual School promotes the education of every child in the care of Holmbridge Council, '
        'wherever they live and go to school, and of children who have left care through adoption '
        'or special guardianship. The Virtual School Headteacher is accountable for every priority '
        'in this report.')

    w.h('Our children', 1)
    w.p('On 31 July 2025 the Virtual School was responsible for 347 children and young people.')
    w.table(['Phase', 'Number of children', 'Educated outside Holmbridge'], [
        ['Early years', '31', '6'],
        ['Primary', '102', '21'],
        ['Secondary', '151', '48'],
        ['Post-16', '63', '19'],
    ])

    w.h('Attendance', 1)
    w.p('This year we reduced persistent absence among children in care from 21% to 16%. We '
        'introduced daily attendance checks for every child in care educated outside Holmbridge. We '
        'appointed an attendance officer who works only with children in care.')
    w.p('Next year we will:', bold=True)
    w.bullets(['reduce persistent absence to 12% or below',
               'make sure no child in care has a part-time timetable for more than six weeks',
               'share attendance figures with social workers and carers every week'])

    w.h('Attainment', 1)
    w.p('This year we saw 39% of Year 11 children in care achieve a grade 4 or above in English and '
        'maths. We funded one-to-one tuition for 112 children. We ran our first summer reading '
        'challenge, and 64 children took part.')
    w.table(['Measure', 'Holmbridge children in care', 'All children in care nationally'], [
        ['Key Stage 2 reading, writing and maths (expected standard)', '37%', '33%'],
        ['Key Stage 4 English and maths (grade 4 or above)', '39%', '29%'],
    ])
    w.p('Next year we will:', bold=True)
    w.bullets(['offer tuition to every child in Years 10 and 11 who is not on track to pass English '
               'and maths (Lead: Deputy Headteacher, Virtual School)',
               'train designated teachers in every secondary school on the use of Pupil Premium Plus',
               'run the summer reading challenge again, with a target of 100 children'])

    w.h('Personal Education Plans', 1)
    w.p('This year we completed 96% of Personal Education Plans on time. We launched an electronic '
        'PEP, so that carers and young people can see and add to the plan.')
    w.p('Next year we will:', bold=True)
    w.bullets(['rate at least 85% of PEPs as good quality in our termly audit',
               'make sure every child over 11 contributes to their own PEP, in words, pictures or a '
               'video'])

    w.h('Post-16', 1)
    w.p('This year we supported 87% of care leavers in Year 12 to stay in education or training. We '
        'agreed a guaranteed interview for care leavers at Holmbridge College.')
    w.p('Next year we will:', bold=True)
    w.bullets(['appoint a Post-16 adviser to the Virtual School by January 2026',
               'work with the Leaving Care Service so that every care leaver aged 18 to 21 who wants to '
               'go to university has a named mentor (Lead: Post-16 Adviser and Team Manager, Leaving '
               'Care)'])

    w.h('Governance', 1)
    w.p('The Virtual School is held to account by the Virtual School Governing Body, chaired by the '
        'Director of Education and Skills, which meets termly. The Governing Body reports to the '
        'Corporate Parenting Board.')
    w.save('b-13-annual-report-virtual-school.docx')


if __name__ == '__main__':
    make_b03()
    make_b04()
    make_b08()
    make_b09()
    make_b13()
    print('written: b-03, b-04, b-08, b-09, b-13')
