"""The plain-text shapes of LAYOUTS.md §2 (and the headings, tables, lead-ins and fields a list sits
among), each in a small invented text, read into the block tree a person would draw by hand:
which lines make a heading, a list item, a paragraph, a lead-in, a field or a table, what text
each holds (hard-wrapped lines joined), how deep each item and heading sits, and which lines it
spans.

Nothing here says what the blocks *mean* (pledges, actions, owners): only their shape.
"""

from __future__ import annotations

import textwrap

from cpgraph.read.text import TextDocument
from cpgraph.structure import (
    Field,
    Heading,
    Item,
    Paragraph,
    Section,
    Table,
    document_blocks,
    document_tree,
)


def text_doc(text: str) -> TextDocument:
    """A plain-text document of ``text`` (dedented; line 1 is its first line)."""
    return TextDocument("pattern.txt", textwrap.dedent(text).strip("\n").split("\n"))


def drawn(block) -> tuple:
    """A block as a person draws it: its kind, depth or level, text and (first, last) line."""
    span = (block.start, block.end)
    if isinstance(block, Heading):
        return ("heading", block.level, block.number, block.title, span)
    if isinstance(block, Item):
        return ("item", block.depth, block.marker, block.text, span)
    if isinstance(block, Field):
        return ("field", block.label, block.value, span)
    if isinstance(block, Paragraph):
        return ("lead-in" if block.lead_in else "para", block.text, span)
    assert isinstance(block, Table)
    rows = [("merged" if r.merged else "row", tuple(r.cells), (r.start, r.end)) for r in block.rows]
    return ("table", tuple(block.header), rows, span)


def blocks_of(text: str) -> list[tuple]:
    return [drawn(b) for b in document_blocks(text_doc(text))]


def outline(text: str) -> list[tuple]:
    """The section tree: for every heading, in order, how deep it sits in the tree (1 = top),
    its title, and the kinds of the blocks directly under it."""
    def depth(section: Section) -> int:
        n = 0
        while section.parent is not None:
            section, n = section.parent, n + 1
        return n

    root = document_tree(text_doc(text))
    return [(depth(s), s.heading.title, [b.kind for b in s.blocks])
            for s in root.walk() if s.heading is not None]


# ---- hard-wrapped lines -------------------------------------------------------------------------
def test_hard_wrapped_paragraph_lines_are_joined_even_mid_name():
    """A committee page wrapped at about 80 characters: every line of a paragraph, including
    breaks inside a post ("the Head of" / "Looked After Children will …", "and Looked" / "After
    Children", "Participation" / "Team"), belongs to one paragraph; a blank line parts two."""
    text = """\
        At its meeting in September the Corporate Parenting Panel agreed that the Head of
        Looked After Children will write to every secondary school in the borough before
        the end of the autumn term, setting out what designated teachers can expect from
        the Virtual School and how to ask for help when a pupil in care is at risk of
        exclusion. Members also asked that the Service Manager for Permanence and Looked
        After Children bring a short report on placement moves to the January meeting.

        Councillors welcomed the new Staying Close offer and thanked the Participation
        Team for the work of the Children in Care Council over the summer holidays, which
        included a residential weekend and a film about life in care made by members.
        """
    assert blocks_of(text) == [
        ("para", "At its meeting in September the Corporate Parenting Panel agreed that the Head "
                 "of Looked After Children will write to every secondary school in the borough "
                 "before the end of the autumn term, setting out what designated teachers can "
                 "expect from the Virtual School and how to ask for help when a pupil in care is "
                 "at risk of exclusion. Members also asked that the Service Manager for "
                 "Permanence and Looked After Children bring a short report on placement moves "
                 "to the January meeting.", (1, 6)),
        ("para", "Councillors welcomed the new Staying Close offer and thanked the Participation "
                 "Team for the work of the Children in Care Council over the summer holidays, "
                 "which included a residential weekend and a film about life in care made by "
                 "members.", (8, 10)),
    ]


def test_hard_wrapped_list_items_are_joined_even_mid_name():
    """List items wrapped at about 80 characters, the wrapped lines at the left margin ("… from
    the Leaving Care" / "Team by the time …", "… for Children in" / "Care to report …") or
    under the item's text: each item is one block holding all its lines, under its lead-in."""
    text = """\
        Following the inspection, the panel asked officers to:
        - make sure that every young person has a personal adviser from the Leaving Care
        Team by the time they turn seventeen and a half, and that the adviser visits them
        at least once every eight weeks, more often when they are living on their own;
        - ask the Virtual School Headteacher and the Designated Doctor for Children in
        Care to report jointly to the panel on health and education outcomes each year;
        - invite the Head of Housing Options to explain how care leavers are given priority
          for social housing, and what happens when a care leaver's tenancy is at risk of
          ending because of rent arrears or a complaint from neighbours.
        """
    assert blocks_of(text) == [
        ("lead-in", "Following the inspection, the panel asked officers to:", (1, 1)),
        ("item", 0, "-", "make sure that every young person has a personal adviser from the "
                        "Leaving Care Team by the time they turn seventeen and a half, and that "
                        "the adviser visits them at least once every eight weeks, more often when "
                        "they are living on their own;", (2, 4)),
        ("item", 0, "-", "ask the Virtual School Headteacher and the Designated Doctor for "
                        "Children in Care to report jointly to the panel on health and education "
                        "outcomes each year;", (5, 6)),
        ("item", 0, "-", "invite the Head of Housing Options to explain how care leavers are given "
                        "priority for social housing, and what happens when a care leaver's "
                        "tenancy is at risk of ending because of rent arrears or a complaint from "
                        "neighbours.", (7, 9)),
    ]


def test_hard_wrapped_paragraph_stays_one_where_a_sentence_ends_at_a_line_break():
    """A paragraph wrapped at 62 characters (by ``textwrap``, as a committee system does) in
    which a sentence happens to end at a line break ("… with social workers." / "Members asked
    …"): the next line's first word would not have fitted on the line before, so the break is
    the wrap's, not the writer's, and the paragraph stays one block up to the blank line."""
    first = ("The panel heard that the Designated Nurse for Children in Care will share the annual "
             "health report with social workers. Members asked for an update at the meeting in "
             "March, and for the Children in Care Council to be told what was agreed. The Chair "
             "thanked officers for the report and the Head of Service for Children in Care and "
             "Care Leavers for attending.")
    second = "The next meeting will be held at the civic centre on Thursday 4 December."
    lines = textwrap.wrap(first, 62)
    assert lines[1].endswith("social workers.") and len(lines[1]) + len(" Members") > 62
    text = "\n".join([*lines, "", second])
    assert blocks_of(text) == [
        ("para", first, (1, len(lines))),
        ("para", second, (len(lines) + 2, len(lines) + 2)),
    ]


# ---- list items and their markers ---------------------------------------------------------------
def test_two_bullets_merged_on_one_line_are_split_but_names_stay_whole():
    """A bad HTML conversion ran two bullets together ("… leisure activities Improve the way we
    …": no full stop, then a capitalised verb): a reader sees two items. Names with a
    capitalised verb-like word inside them ("Family Support Team", "Personal Education Plan
    Review Meeting", "Staying Close Review Group", "Care Leavers Support offer") stay whole."""
    text = """\
        Our commitments to care leavers

        • Offer every care leaver free membership of the borough's leisure centres and help with the cost of leisure activities Improve the way we tell care leavers about their entitlements, starting with a new website
        • Ask the Family Support Team to visit every care leaver who becomes a parent
        • Make sure each Personal Education Plan Review Meeting includes the young person
        • Give care leavers a say in how the Staying Close Review Group spends its budget
        • Promote the Care Leavers Support offer in every college in the borough
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Our commitments to care leavers", (1, 1)),
        ("item", 0, "•", "Offer every care leaver free membership of the borough's leisure centres "
                        "and help with the cost of leisure activities", (3, 3)),
        ("item", 0, "•", "Improve the way we tell care leavers about their entitlements, starting "
                        "with a new website", (3, 3)),
        ("item", 0, "•", "Ask the Family Support Team to visit every care leaver who becomes a "
                        "parent", (4, 4)),
        ("item", 0, "•", "Make sure each Personal Education Plan Review Meeting includes the young "
                        "person", (5, 5)),
        ("item", 0, "•", "Give care leavers a say in how the Staying Close Review Group spends its "
                        "budget", (6, 6)),
        ("item", 0, "•", "Promote the Care Leavers Support offer in every college in the borough",
         (7, 7)),
    ]
    promises = """\
        Our promises
        - We will review every plan for a child placed more than twenty miles away We will ask each child what they think of where they live
        - We will make sure every child has a say in their review
        - We will hold a celebration for the Children in Care Council each year
        """
    assert [b[3:] for b in blocks_of(promises)[1:]] == [
        ("We will review every plan for a child placed more than twenty miles away", (2, 2)),
        ("We will ask each child what they think of where they live", (2, 2)),
        ("We will make sure every child has a say in their review", (3, 3)),
        ("We will hold a celebration for the Children in Care Council each year", (4, 4)),
    ]


def test_numbering_padded_with_runs_of_spaces_is_a_numbered_list_not_a_table():
    """"1.     Keep …": a number followed by a run of spaces (as text copied from a PDF or Word
    list comes out) opens a numbered list item; the gap is not a column gap."""
    text = """\
        Our promises to you

        1.     Keep you informed about every decision that affects you.
        2.     Find you a home close to your school and friends wherever we can.
        3.     Help you stay in touch with the people who matter to you.
        4.     Tell you, in writing, who your social worker is and how to reach them.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Our promises to you", (1, 1)),
        ("item", 0, "1.", "Keep you informed about every decision that affects you.", (3, 3)),
        ("item", 0, "2.", "Find you a home close to your school and friends wherever we can.", (4, 4)),
        ("item", 0, "3.", "Help you stay in touch with the people who matter to you.", (5, 5)),
        ("item", 0, "4.", "Tell you, in writing, who your social worker is and how to reach them.",
         (6, 6)),
    ]


def test_bullets_padded_with_runs_of_spaces_are_list_items_not_a_table():
    """"•     Keep …": a bullet followed by a run of spaces (a PDF's hanging indent copied as
    text) opens a list item like any other bullet; every line of the list is an item."""
    text = """\
        Our promises to you
        •     Keep you informed about every decision that affects you.
        •     Find you a home close to your school and friends wherever we can.
        •     Help you stay in touch with the people who matter to you.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Our promises to you", (1, 1)),
        ("item", 0, "•", "Keep you informed about every decision that affects you.", (2, 2)),
        ("item", 0, "•", "Find you a home close to your school and friends wherever we can.", (3, 3)),
        ("item", 0, "•", "Help you stay in touch with the people who matter to you.", (4, 4)),
    ]


def test_roman_markers_alone_on_their_line_take_the_text_on_the_next():
    """Terms of reference copied from a PDF: "(i)" on a line of its own and the item's text on
    the line below. Each marker and its text make one item spanning both lines."""
    text = """\
        The Board will:
        (i)
        agree the corporate parenting strategy and review it every year;
        (ii)
        receive a report on the health of children in care twice a year;
        (iii)
        hear directly from members of the Children in Care Council at each meeting.
        """
    assert blocks_of(text) == [
        ("lead-in", "The Board will:", (1, 1)),
        ("item", 0, "(i)", "agree the corporate parenting strategy and review it every year;", (2, 3)),
        ("item", 0, "(ii)", "receive a report on the health of children in care twice a year;",
         (4, 5)),
        ("item", 0, "(iii)", "hear directly from members of the Children in Care Council at each "
                            "meeting.", (6, 7)),
    ]


def test_nested_lists_by_marker_kind_and_by_indentation():
    """A sub-list belongs to the item above it: items with another kind of marker ("o" under
    "•", "1." under "-") or the same marker indented deeper sit one level down; an item back at
    an outer marker and indent returns to that level."""
    text = """\
        How we will keep children safe and settled

        • Improve how we plan for permanence:
            o hold a permanence meeting by the second review;
            o track every plan for adoption or special guardianship each month.
        • Strengthen support for care leavers:
            - extend the Staying Close offer to every care leaver up to the age of 25;
                1. start with those living in supported lodgings;
                2. then open it to young people with their own tenancy.
            - publish the local offer in plain English.
        • Listen to what children and young people tell us.

        We will also:
        - check on your health:
            - when you come into care;
            - every year after that;
        - find you a dentist near your home.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "How we will keep children safe and settled", (1, 1)),
        ("item", 0, "•", "Improve how we plan for permanence:", (3, 3)),
        ("item", 1, "o", "hold a permanence meeting by the second review;", (4, 4)),
        ("item", 1, "o", "track every plan for adoption or special guardianship each month.", (5, 5)),
        ("item", 0, "•", "Strengthen support for care leavers:", (6, 6)),
        ("item", 1, "-", "extend the Staying Close offer to every care leaver up to the age of 25;",
         (7, 7)),
        ("item", 2, "1.", "start with those living in supported lodgings;", (8, 8)),
        ("item", 2, "2.", "then open it to young people with their own tenancy.", (9, 9)),
        ("item", 1, "-", "publish the local offer in plain English.", (10, 10)),
        ("item", 0, "•", "Listen to what children and young people tell us.", (11, 11)),
        ("lead-in", "We will also:", (13, 13)),
        ("item", 0, "-", "check on your health:", (14, 14)),
        ("item", 1, "-", "when you come into care;", (15, 15)),
        ("item", 1, "-", "every year after that;", (16, 16)),
        ("item", 0, "-", "find you a dentist near your home.", (17, 17)),
    ]


# ---- tables -------------------------------------------------------------------------------------
def test_pipe_table_with_a_markdown_rule_line():
    """A Markdown table: the first row is the header, the rule line is no row, each further
    line is one row of cells."""
    text = """\
        | Action | Lead officer | By when | RAG |
        |---|---|---|---|
        | Recruit ten more foster carers in the borough | Head of Fostering | March 2026 | Amber |
        | Review the local offer with care leavers | Leaving Care Team Manager | Ongoing | Green |
        """
    assert blocks_of(text) == [
        ("table", ("Action", "Lead officer", "By when", "RAG"), [
            ("row", ("Recruit ten more foster carers in the borough", "Head of Fostering",
                     "March 2026", "Amber"), (3, 3)),
            ("row", ("Review the local offer with care leavers", "Leaving Care Team Manager",
                     "Ongoing", "Green"), (4, 4)),
        ], (1, 4)),
    ]


def test_tab_separated_table():
    """A tracker pasted as text keeps its cells apart with tabs: a header row and one row a
    line, a comma inside a cell ("Head of Service, Children in Care") staying in its cell."""
    rows = [
        ("Action", "Lead", "Timescale", "Status"),
        ("Hold a celebration event for care leavers", "Participation Officer", "Q3 2025/26",
         "On track"),
        ("Set up a pen-pal scheme with another council", "Children in Care Council Coordinator",
         "March 2026", "Not started"),
        ("Publish the annual report in a young person's version",
         "Head of Service, Children in Care", "June 2026", "Complete"),
    ]
    text = "\n".join("\t".join(row) for row in rows)
    assert blocks_of(text) == [
        ("table", rows[0], [("row", row, (n, n)) for n, row in enumerate(rows[1:], start=2)],
         (1, 4)),
    ]


def test_space_aligned_table_with_cells_wrapped_onto_the_next_line():
    """Columns set apart by runs of spaces, as a PDF table comes out as text: a line whose
    words sit under the columns of the row above and whose first cell carries on a cell of
    that row ("… for care" / "leavers aged 18 to 21", "Head of Service, Care" / "Leavers") is
    part of that row, not a new one."""
    text = """\
        Action                                  Lead officer                By when
        Set up a mentoring scheme for care      Head of Service, Care       September 2026
        leavers aged 18 to 21                   Leavers
        Publish the sufficiency statement       Head of Commissioning       March 2026
        Train every foster carer in             Fostering Training Lead     Q4 2025/26
        trauma-informed care
        """
    assert blocks_of(text) == [
        ("table", ("Action", "Lead officer", "By when"), [
            ("row", ("Set up a mentoring scheme for care leavers aged 18 to 21",
                     "Head of Service, Care Leavers", "September 2026"), (2, 3)),
            ("row", ("Publish the sufficiency statement", "Head of Commissioning", "March 2026"),
             (4, 4)),
            ("row", ("Train every foster carer in trauma-informed care", "Fostering Training Lead",
                     "Q4 2025/26"), (5, 6)),
        ], (1, 6)),
    ]


# ---- headings -----------------------------------------------------------------------------------
def test_numbered_headings_above_bullets():
    """"3. Feeling well" above bullets is a heading numbered 3 (the number kept apart from its
    title), not the first item of a numbered list; the next numbered heading is its sibling,
    each holding its own bullets."""
    text = """\
        3. Feeling well
          • We will find you a dentist close to where you live.
          • We will give you your health history before you leave care.

        4. Doing well at school
          • We will help you stay at the same school if you move home.
          • We will ask you how your Personal Education Plan is going.
        """
    assert blocks_of(text) == [
        ("heading", 1, "3", "Feeling well", (1, 1)),
        ("item", 0, "•", "We will find you a dentist close to where you live.", (2, 2)),
        ("item", 0, "•", "We will give you your health history before you leave care.", (3, 3)),
        ("heading", 1, "4", "Doing well at school", (5, 5)),
        ("item", 0, "•", "We will help you stay at the same school if you move home.", (6, 6)),
        ("item", 0, "•", "We will ask you how your Personal Education Plan is going.", (7, 7)),
    ]
    assert outline(text) == [(1, "Feeling well", ["item", "item"]),
                             (1, "Doing well at school", ["item", "item"])]


def test_labelled_headings_sit_above_plain_what_we_will_do_subheadings():
    """"Pillar 1: …" headings are the sections; the plain short line "What we will do" under
    each is a sub-heading one level down, holding that pillar's list."""
    text = """\
        Pillar 1: Belonging and stability

        What we will do
        - Keep brothers and sisters together wherever it is safe.
        - Give every child a life story book before they turn ten.

        Pillar 2: Confident young adults

        What we will do
        - Help every care leaver into education, training or work.
        - Offer a driving lesson bursary to care leavers aged 17 to 21.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Pillar 1: Belonging and stability", (1, 1)),
        ("heading", 2, None, "What we will do", (3, 3)),
        ("item", 0, "-", "Keep brothers and sisters together wherever it is safe.", (4, 4)),
        ("item", 0, "-", "Give every child a life story book before they turn ten.", (5, 5)),
        ("heading", 1, None, "Pillar 2: Confident young adults", (7, 7)),
        ("heading", 2, None, "What we will do", (9, 9)),
        ("item", 0, "-", "Help every care leaver into education, training or work.", (10, 10)),
        ("item", 0, "-", "Offer a driving lesson bursary to care leavers aged 17 to 21.", (11, 11)),
    ]
    assert outline(text) == [
        (1, "Pillar 1: Belonging and stability", []),
        (2, "What we will do", ["item", "item"]),
        (1, "Pillar 2: Confident young adults", []),
        (2, "What we will do", ["item", "item"]),
    ]


def test_labels_numbered_in_words_are_headings():
    """"Priority Six" and "Priority Seven" (the number written as a word, nothing after it)
    are headings at one level, each above its own plain sub-heading and list."""
    text = """\
        Priority Six

        What we will do
        - Hold an awards evening for children in care every summer.

        Priority Seven

        What we will do
        - Pay for a hobby or club of each child's choosing.
        - Give care leavers free entry to council leisure centres.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Priority Six", (1, 1)),
        ("heading", 2, None, "What we will do", (3, 3)),
        ("item", 0, "-", "Hold an awards evening for children in care every summer.", (4, 4)),
        ("heading", 1, None, "Priority Seven", (6, 6)),
        ("heading", 2, None, "What we will do", (8, 8)),
        ("item", 0, "-", "Pay for a hobby or club of each child's choosing.", (9, 9)),
        ("item", 0, "-", "Give care leavers free entry to council leisure centres.", (10, 10)),
    ]


def test_plain_short_line_headings_are_siblings_when_the_text_opens_with_one():
    """An excerpt that opens straight on a section: plain short lines ("Moving home", "Seeing
    your family"), each above its own dash bullets, are sections at one level; the first is
    not the document's title with the others under it. The same holds for upper-case section
    headings ("YOUR HOME", "YOUR SCHOOL") each above a paragraph."""
    plain = """\
        Moving home
        - We will explain why you are moving before it happens.
        - We will ask you what you would like to bring with you.

        Seeing your family
        - We will help you keep in touch with your brothers and sisters.
        """
    assert outline(plain) == [(1, "Moving home", ["item", "item"]),
                              (1, "Seeing your family", ["item"])]
    caps = """\
        YOUR HOME
        We will make sure you live near your friends wherever we can.
        YOUR SCHOOL
        We will help you stay at the same school when you move.
        """
    assert blocks_of(caps) == [
        ("heading", 1, None, "YOUR HOME", (1, 1)),
        ("para", "We will make sure you live near your friends wherever we can.", (2, 2)),
        ("heading", 1, None, "YOUR SCHOOL", (3, 3)),
        ("para", "We will help you stay at the same school when you move.", (4, 4)),
    ]


def test_upper_case_headings_above_plain_short_line_headings():
    """An upper-case title, upper-case section headings below it, and plain short lines (no
    number, no colon) above dash bullets as the sub-headings of each section."""
    text = """\
        OUR PLAN FOR CHILDREN IN CARE 2025 TO 2028

        HOME AND FAMILY

        Moving home
        - We will explain why you are moving before it happens.
        - We will ask you what you would like to bring with you.

        Seeing your family
        - We will help you keep in touch with your brothers and sisters.

        SCHOOL AND WORK

        Getting help with homework
        - We will give you a quiet place to study in every children's home.
        """
    assert outline(text) == [
        (1, "OUR PLAN FOR CHILDREN IN CARE 2025 TO 2028", []),
        (2, "HOME AND FAMILY", []),
        (3, "Moving home", ["item", "item"]),
        (3, "Seeing your family", ["item"]),
        (2, "SCHOOL AND WORK", []),
        (3, "Getting help with homework", ["item"]),
    ]
    assert [b for b in blocks_of(text) if b[0] == "heading"] == [
        ("heading", 1, None, "OUR PLAN FOR CHILDREN IN CARE 2025 TO 2028", (1, 1)),
        ("heading", 2, None, "HOME AND FAMILY", (3, 3)),
        ("heading", 3, None, "Moving home", (5, 5)),
        ("heading", 3, None, "Seeing your family", (9, 9)),
        ("heading", 2, None, "SCHOOL AND WORK", (12, 12)),
        ("heading", 3, None, "Getting help with homework", (14, 14)),
    ]


# ---- lead-ins and fields ------------------------------------------------------------------------
def test_lead_in_line_introduces_the_list():
    """A sentence that ends with a colon ("Over the next three years, working with our
    partners, we will:") is a lead-in paragraph to the list below it, not a heading or a field
    labelled "Over the next three years, …"."""
    text = """\
        Over the next three years, working with our partners, we will:
        - open two small children's homes in the borough;
        - recruit more foster carers for teenagers;
        - set up a mentoring scheme for care leavers.

        In every team, we will:
        • ask children what they think before we decide.
        """
    assert blocks_of(text) == [
        ("lead-in", "Over the next three years, working with our partners, we will:", (1, 1)),
        ("item", 0, "-", "open two small children's homes in the borough;", (2, 2)),
        ("item", 0, "-", "recruit more foster carers for teenagers;", (3, 3)),
        ("item", 0, "-", "set up a mentoring scheme for care leavers.", (4, 4)),
        ("lead-in", "In every team, we will:", (6, 6)),
        ("item", 0, "•", "ask children what they think before we decide.", (7, 7)),
    ]


def test_labelled_fields_after_items_and_a_label_with_its_value_below():
    """"Lead officer: …", "By when: …", "Timescale: …" after an item are fields (label and
    value); a label alone ("Responsible officer:", "Expected outcome:") takes the paragraph
    after it, a blank line between, as its value, the field spanning both."""
    text = """\
        Commitment 3: Help care leavers manage their money

        - Open a bank account with every young person before they turn eighteen.
        Lead officer: Leaving Care Team Manager
        By when: March 2026

        - Offer budgeting sessions at the youth hub every month.
        Responsible officer:

        Head of Early Help
        Timescale: Ongoing

        Expected outcome:

        Fewer care leavers fall behind with their rent or council tax in their first year.
        """
    assert blocks_of(text) == [
        ("heading", 1, None, "Commitment 3: Help care leavers manage their money", (1, 1)),
        ("item", 0, "-", "Open a bank account with every young person before they turn eighteen.",
         (3, 3)),
        ("field", "Lead officer", "Leaving Care Team Manager", (4, 4)),
        ("field", "By when", "March 2026", (5, 5)),
        ("item", 0, "-", "Offer budgeting sessions at the youth hub every month.", (7, 7)),
        ("field", "Responsible officer", "Head of Early Help", (8, 10)),
        ("field", "Timescale", "Ongoing", (11, 11)),
        ("field", "Expected outcome", "Fewer care leavers fall behind with their rent or council "
                                      "tax in their first year.", (13, 15)),
    ]
    assert outline(text) == [
        (1, "Commitment 3: Help care leavers manage their money",
         ["item", "field", "field", "item", "field", "field", "field"]),
    ]
