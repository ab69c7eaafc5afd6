"""The general reader of commitments: what each part of a document's block tree means, by form
first and words second.

A heading above a run of commitment items is a pledge and its items are its actions; a heading
over headings groups pledges; a heading that announces a part of a pledge ("What we will do",
"How will we know", "You said", "By September 2026") gives the items under it their role in the
pledge above it. Lead-in lines ("Over the life of this plan, we will:") do the same for the list
after them. Labelled fields and table columns give owners, dates, status and measures. Nothing
here depends on one document's words: the cues are general English kept in
``data/lexicon/commitments.json`` and ``fields.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.columns import rag_colour
from cpgraph.dates import parse_due
from cpgraph.extract.responsibility import (
    Duty,
    NameIndex,
    due_in,
    is_resolution,
    meeting_dates,
    notes,
    read_duty,
    records_decisions,
    resolving_body,
    sentences,
    strip_resolved,
)
from cpgraph.extract.tables import owner_cells, read_action_table, split_links
from cpgraph.extract.tables import value_or_none as _value
from cpgraph.extract.terms import read_terms
from cpgraph.extract.wording import (
    commitment_strength,
    is_boilerplate,
    looks_like_measure,
    names_duties,
    names_pledges,
    role_of,
)
from cpgraph.model import Action, Body, Cited, Named, Pledge, Responsibility, Span
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean, split_owners, whole_titles
from cpgraph.structure import document_blocks, document_tree
from cpgraph.structure.blocks import Block, Field, Heading, Item, Paragraph, Section, Table
from cpgraph.structure.shapes import ends_sentence, heading_shaped, labelled_of, number_value

# "Stability – “We will keep …”", "Keeping in touch: we will help you …": a label and its detail.
_LABEL_DETAIL = re.compile(r"^(?P<label>[^–—:\-]{2,60}?)\s*(?:\s[-–—]\s|:\s*|\s[-–—])\s*(?P<detail>\S.*)$")
_QUOTES = "\"“”‘’'"
# Labels of a line that gives the owners of the items above it ("ACTION BY: Head of Fostering").
_DISTRIBUTING = frozenset({"action by", "actions by", "action", "actions", "by whom", "action owner", "action owners"})
# A quotation with or without its attribution: "“Make sure they stay in touch.” - a young person".
_QUOTED = re.compile(r"^[\"“‘'][^\"”’]{3,}[\"”’'](?:\s*[-–—,]\s*.{0,120})?$")
_TRAILING_GLUE = re.compile(r"(?:\s*[;,]\s*(?:and|or)?|\s+and)\s*$", re.I)
# "five priorities: homes, health, learning, work and voice"
# A lead-in in the council's own voice that commits: "we will", "we'll", "the council will" …
_COMMITTING_LEAD = re.compile(
    r"\b(?:we|i|the council|the authority|the partnership|our (?:council|teams?|staff|partners))\b[^.;]*"
    r"\b(?:will|shall|'ll|’ll|promise|pledge|commit|are going to|aim|plan|intend)\b|\bwe['’]ll\b"
    r"|\bwhat we\b|\bour (?:commitments|actions|promises)\b"
    # "In its first year the Sub-Group will:": a body's commitments
    r"|\bthe\s+(?:[\w'’-]+\s+){0,4}(?:board|panel|committee|sub-?group|group|forum|partnership)\b[^.;]*\b(?:will|shall)\b",
    re.I)
_INLINE_LIST = re.compile(r"^(?P<lead>[^:]{3,160}?)(?::|\s+(?:are|is|include|includes)\s*:?)\s*(?P<items>[^:]{3,}?)\.?$")


@cache
def _field_kinds() -> dict[str, str]:
    lex = lexicon.load("fields")
    return {label.casefold(): kind
            for kind in ("owner", "due", "initiatives", "outcome", "action", "status", "rag", "measure")
            for label in lex[kind]}


@cache
def _inline_field() -> re.Pattern[str]:
    labels = sorted(_field_kinds(), key=len, reverse=True)
    alts = "|".join(re.escape(x) for x in labels if len(x) > 2 or x == "who")
    return re.compile(rf"(?:[\s(\[;,.|–—-]\s*)(?P<label>{alts})\s*:\s*", re.I)


def field_kind(label: str) -> str | None:
    """The kind of a field label ("owner" for "Lead officer"), or None for other labels."""
    return _field_kinds().get(clean(label).casefold().rstrip(":"))


@dataclass
class _Entry:
    """One candidate: an item or paragraph under a topic, with what fields gave it."""

    text: str
    span: Span
    strength: float
    fields: dict[str, str] = field(default_factory=dict)
    due_hint: str | None = None


@dataclass
class _Topic:
    """A heading that names a topic (not a part of a pledge), and what was read under it."""

    section: Section
    heading: Heading | None
    actions: list[_Entry] = field(default_factory=list)  # items under an explicit action cue
    candidates: list[_Entry] = field(default_factory=list)  # items straight under the heading
    paragraphs: list[_Entry] = field(default_factory=list)  # sentences straight under it
    measures: list[Cited] = field(default_factory=list)
    outcomes: list[Cited] = field(default_factory=list)
    own_fields: dict[str, str] = field(default_factory=dict)  # fields before any item
    sub_pledges: list[Pledge] = field(default_factory=list)
    tables: list[Pledge] = field(default_factory=list)
    summary: list[Cited] = field(default_factory=list)
    title: str | None = None  # the heading's title, or the statement under a bare "Pledge 3"
    assigned: int = 0  # entries before this one have had their "Action by:" line
    listed: bool = False  # list items were read under it
    prose: list[tuple[str, Span, str | None]] = field(default_factory=list)  # paragraphs that may be an offer in prose


@dataclass
class Reading:
    """What the general reader found: pledges in document order, summary lists of pledge
    titles (kept apart: a summary usually repeats pledges set out later), and the other lists."""

    pledges: list[Pledge] = field(default_factory=list)
    summary: list[Pledge] = field(default_factory=list)
    principles: list[Cited] = field(default_factory=list)
    child_voice: list[Cited] = field(default_factory=list)
    achievements: list[Cited] = field(default_factory=list)
    strategy_leads: list[Named] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)  # the main body's terms of reference
    lead_ins: int = 0


def _strip_glue(text: str) -> str:
    return _TRAILING_GLUE.sub("", clean(text)).strip()


def split_inline_fields(text: str) -> tuple[str, dict[str, str]]:
    """``text`` without the fields written inside it ("… carers (Lead: Head of Fostering; by
    March 2026)"), and those fields by kind."""
    m = _inline_field().search(" " + text)
    if not m or m.start() < 12:
        return text, {}
    head = (" " + text)[: m.start()].strip().rstrip("([–—-;,|").strip()
    rest = (" " + text)[m.start():]
    found: dict[str, str] = {}
    matches = list(_inline_field().finditer(rest))
    for k, fm in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(rest)
        value = rest[fm.end():end].strip(" .;,)]|")
        kind = field_kind(fm.group("label"))
        if kind and value:
            found.setdefault(kind, value)
    return head, found


def _label_detail(text: str) -> tuple[str, str] | None:
    """``(label, detail)`` of a "Label – detail" line whose detail commits to something."""
    m = _LABEL_DETAIL.match(clean(text))
    if not m:
        return None
    label, detail = clean(m.group("label")).strip(_QUOTES), clean(m.group("detail"))
    detail = detail.strip(_QUOTES).strip()
    if len(label.split()) > 8 or not heading_shaped(label) or labelled_of(label):
        return None
    if commitment_strength(detail) < 0.9:
        return None
    return label, detail


def _inline_items(text: str) -> tuple[str, list[str]] | None:
    """The lead and items of an inline list ("five priorities: homes, health, work and voice";
    "Our principles:listening, honesty, ambition"): at least three short items."""
    m = _INLINE_LIST.match(clean(text))
    if not m:
        return None
    lead = re.split(r"(?<=[.!?])\s+", clean(m.group("lead")))[-1]  # the sentence the colon ends
    items = [p.strip(" .") for p in re.split(r"\s*;\s*|\s*,\s*(?:and\s+|or\s+)?", m.group("items"))]
    items = [p for p in items if p]
    if len(items) >= 2 and (last := re.split(r"\s+(?:and|or)\s+", items[-1])) and len(last) == 2:
        items[-1:] = last  # "homes, health, school and work": only the last "and" separates
    if len(items) < 3 or any(len(p.split()) > 8 for p in items):
        return None
    return lead, items


class _Reader:
    def __init__(self, doc: TextDocument) -> None:
        self.doc = doc
        self.src = doc.source
        self.topics: list[_Topic] = []
        self.reading = Reading()
        self.dates = meeting_dates(doc.lines)
        self.names = NameIndex(doc)
        self.minutes = records_decisions(doc.lines)
        # owner fields the document always writes whole ("X Lead and Y Nurse for …" as one post)
        blocks = document_blocks(doc)
        self.whole = whole_titles([b.value for b in blocks if isinstance(b, Field) and field_kind(b.label) == "owner"]
                                  + [c for b in blocks if isinstance(b, Table) for c in owner_cells(b)])
        self.agenda: dict[str, str] = {}  # numbered headings: number -> title (for action logs)

    def span(self, block) -> Span:
        return Span(self.src, block.start, block.end)

    # ---- the walk -------------------------------------------------------------------------
    def run(self) -> Reading:
        root = document_tree(self.doc)
        self.agenda = {s.heading.number: s.heading.title for s in root.walk()
                       if s.heading is not None and s.heading.number}
        for section in root.walk():
            heading = section.heading
            if heading is not None and is_boilerplate(heading.title):
                continue
            role = None if heading is None or heading.style == "label" or heading.label else role_of(heading.title)
            if role not in (None, "procedural", "context", "date") and heading is not None and heading.number:
                role = None  # "4. Voice of children in care": an agenda item or section, not a part of a pledge
            if role is None:
                topic = _Topic(section, heading, title=heading.title if heading else None)
                self.topics.append(topic)
                blocks = section.blocks
                if heading is not None and heading.label and not heading.text and blocks and \
                        isinstance(blocks[0], Paragraph) and not blocks[0].lead_in and len(blocks[0].text.split()) <= 60:
                    # "Pledge 3" over the sentence that states the pledge
                    topic.title = blocks[0].text
                    blocks = blocks[1:]
                self.read(blocks, topic, "topic")
                continue
            topic = self.topic_for(section)
            due = heading.title if role == "date" else None
            self.read(section.blocks, topic, "dated" if role == "date" else role, due=due)
        self.decide()
        if (terms := read_terms(root, self.names, self.src)) is not None:
            self.reading.bodies.append(terms)
        return self.reading

    def topic_for(self, section: Section) -> _Topic:
        """The topic a part-of-a-pledge heading belongs to: the last topic heading at its
        level or above (its parent, or the topic heading just before it at the same level)."""
        for topic in reversed(self.topics):
            if topic.heading is None or topic.section.level <= section.level:
                return topic
        topic = _Topic(section.parent or section, None)
        self.topics.append(topic)
        return topic

    # ---- the blocks under one heading ------------------------------------------------------
    def read(self, blocks: list[Block], topic: _Topic, mode: str, due: str | None = None) -> None:
        last: _Entry | None = None
        record: dict[str, tuple[str, Span]] = {}
        open_text: str | None = None  # the field whose text the next paragraph carries on
        owner: str | None = None  # the body a lead-in says decides or does the items after it
        base = (mode, due)  # what the heading says; a lead-in's say ends with the list after it
        listed = False  # items have followed the last lead-in
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if listed and not isinstance(b, Item) and not (isinstance(b, Paragraph) and b.lead_in):
                (mode, due), owner, listed = base, None, False
            if isinstance(b, Paragraph) and b.lead_in:
                self.reading.lead_ins += 1
                lead = b.text[:-1]
                body = resolving_body(lead) or (self.body_will(lead))
                if mode == "functions" or (body and self.body_will(lead) and role_of(topic.title or "") == "functions"):
                    mode, owner = "functions", body
                else:
                    mode, due = self.lead_in_mode(lead, base[0], due)
                    owner = self.names.canonical(body) if body and (is_resolution(lead) or self.body_will(lead)) else None
                    if is_resolution(lead):
                        mode = "actions"
                last = None
                i += 1
                continue
            if isinstance(b, Paragraph) and not b.lead_in and record and open_text in record:
                # a field's text running on over several paragraphs ("Expected outcome:" …)
                value, where = record[open_text]
                record[open_text] = (clean(f"{value} {b.text}"), where.merge(self.span(b)))
                i += 1
                continue
            open_text = None
            if isinstance(b, (Item, Paragraph)) and record:
                last = self.close_record(record, topic, last)
            if isinstance(b, Item):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Item) and blocks[j].depth > b.depth:
                    j += 1
                last = self.item(b, [x for x in blocks[i + 1:j] if isinstance(x, Item)], topic, mode, due, owner)
                listed = True
                i = j
                continue
            if isinstance(b, Field):
                lead = role_of(b.value) if field_kind(b.label) is None else None
                if lead in ("voice", "measures", "outcomes", "achievements", "principles"):
                    # "Answer: You said", "Key: How we will know" - a label before the lead-in
                    self.close_record(record, topic, last)
                    mode, due, last = lead, None, None
                else:
                    last, record = self.field(b, topic, mode, last, record)
                    kind = field_kind(b.label)
                    open_text = kind if kind in ("outcome", "measure") and kind in record else None
                i += 1
                continue
            if isinstance(b, Paragraph):
                last = self.paragraph(b, topic, mode, due)
                i += 1
                continue
            if isinstance(b, Table):
                topic.tables.extend(read_action_table(b, self.src, topic.title, self.agenda, self.whole))
                last = None
            i += 1
        self.close_record(record, topic, last)

    def lead_in_mode(self, lead: str, mode: str, due: str | None) -> tuple[str, str | None]:
        """What the items after a lead-in are: a short lead-in that commits ("Over the life of
        this plan, we will:") makes them actions; a long sentence that ends on a colon leaves
        them to be judged by their own wording; a lead-in naming the pledges makes them pledge
        titles, one naming duties of a role makes them duties."""
        lead = (sentences(lead) or [lead])[-1]  # "We want you to feel well. These are the things we will do:"
        role = role_of(lead)
        if role in ("voice", "measures", "outcomes", "achievements", "principles"):
            return role, None
        if notes(lead):
            return "noting", None  # "The Panel noted:": what follows was noted, not decided
        if mode in ("voice", "measures", "outcomes", "achievements", "principles"):
            return mode, due  # "Corporate parenting principles" / "In our county, we will:"
        if role == "date":
            return "actions", lead
        commits = bool(_COMMITTING_LEAD.search(lead))
        if names_pledges(lead) and not re.search(r"\bwe (?:will|shall)\s*$", lead, re.I):
            return "summary", None
        if names_duties(lead) and not commits:
            return "duties", None
        if role in ("procedural", "context"):
            return role, None
        if role == "actions" or commits:
            return ("actions" if len(lead.split()) <= 14 else "topic"), due
        return "topic", due

    def entry(self, text: str, span: Span, due: str | None) -> _Entry:
        text, fields = split_inline_fields(_strip_glue(text))
        # a date written in the item ("… to the Panel in January 2026") when nothing else gives one
        due = due or due_in(text, self.dates)
        return _Entry(_strip_glue(text), span, commitment_strength(text), fields, due)

    def item(self, b: Item, children: list[Item], topic: _Topic, mode: str, due: str | None,
             owner: str | None = None) -> _Entry | None:
        span = self.span(b)
        if children:
            span = span.merge(self.span(children[-1]))
        text = b.text
        if is_boilerplate(text) or b.truncated:
            return None
        topic.listed = True
        if mode == "functions":
            self.duty_of(owner or self.names.main_body() or "", text, span)
            return None
        duty = read_duty(text, context=self.dates, item=True) if mode in ("actions", "topic", "dated") else None
        if duty is not None and duty.noting:
            return None
        if duty is not None and (duty.owners or owner):
            e = self.duty_entry(strip_resolved(text), span, duty, owner)
            topic.actions.append(e)
            return e
        if mode in ("actions", "topic", "dated") and children and heading_shaped(text.rstrip(":")):
            kids = [c for c in children if c.depth == children[0].depth]
            if sum(commitment_strength(c.text) >= 0.5 for c in kids) >= max(1, len(kids) / 2):
                pledge = Pledge(title=text.rstrip(":").strip(), span=span)
                for c in kids:
                    e = self.entry(c.text, self.span(c), due)
                    pledge.actions.append(self.action(e))
                topic.sub_pledges.append(pledge)
                return None
        if children:
            joined = "; ".join(_strip_glue(c.text) for c in children if c.depth == children[0].depth)
            text = f"{text.rstrip(':')}: {joined}" if joined else text
        e = self.add(text, span, topic, mode, due)
        if e is not None and owner and "owner" not in e.fields:
            e.fields["default_owner"] = owner  # the body the lead-in says decided it
        return e

    def add(self, text: str, span: Span, topic: _Topic, mode: str, due: str | None) -> _Entry | None:
        """File one item or sentence under ``topic`` as ``mode`` says; the entry when it may
        take the fields that follow it."""
        cited = Cited(_strip_glue(text), span)
        if mode == "measures":
            topic.measures.append(cited)
        elif mode == "outcomes":
            topic.outcomes.append(cited)
        elif mode == "voice":
            self.reading.child_voice.append(cited)
        elif mode == "achievements":
            self.reading.achievements.append(cited)
        elif mode == "principles":
            self.reading.principles.append(cited)
        elif mode == "summary":
            topic.summary.append(cited)
        elif mode in ("actions", "topic", "dated"):
            mode = "actions" if mode == "dated" else mode
            lab = labelled_of(cited.text)
            if lab is not None and lab.numbered and lab.text:
                topic.sub_pledges.append(Pledge(title=cited.text.rstrip(":"), span=span))
                return None
            if (pair := _label_detail(cited.text)) is not None:
                pledge = Pledge(title=pair[0], span=span)
                pledge.actions.append(self.action(self.entry(pair[1], span, due)))
                topic.sub_pledges.append(pledge)
                return None
            e = self.entry(cited.text, span, due)
            (topic.actions if mode == "actions" else topic.candidates).append(e)
            return e
        return None

    def paragraph(self, b: Paragraph, topic: _Topic, mode: str, due: str | None, *,
                  only_lists: bool = False) -> _Entry | None:
        """File a paragraph: an inline list of pledges or commitments, a "Label – detail" line,
        a measure, or a sentence that may commit (``only_lists``: nothing but the inline list)."""
        text = b.text
        span = self.span(b)
        if is_boilerplate(text) or b.truncated or _QUOTED.match(text):
            return None
        inline = _inline_items(text)
        if inline is not None and mode in ("topic", "actions", "summary"):
            lead, items = inline
            sub = self.lead_in_mode(lead, mode, due)[0]
            if sub == "summary" or names_pledges(lead):
                topic.summary.extend(Cited(t, span) for t in items)
                return None
            if sub == "actions" and re.search(r"\bwe(?: will|'ll|’ll| shall)\b|\bwill\b", lead, re.I):
                for t in items:
                    self.add(t, span, topic, "actions", due)
                return None
        if only_lists:
            return None
        if mode in ("measures", "outcomes") and len(text.split()) <= 40 and (
                ends_sentence(text) or looks_like_measure(text)):
            # a sentence or a target; not a line of page furniture after the list
            return self.add(text, span, topic, mode, due)
        if mode not in ("actions", "topic"):
            return None
        if (pair := _label_detail(text)) is not None:
            pledge = Pledge(title=pair[0], span=span)
            pledge.actions.append(self.action(self.entry(pair[1], span, due)))
            topic.sub_pledges.append(pledge)
            return None
        if mode == "topic" and len(sentences(text)) >= 3 and self.prose_commitments([_Entry(text, span, 0.0)]):
            topic.prose.append((text, span, due))  # decided once the whole section is read
            return None
        return self.prose_paragraph(text, span, topic, mode, due)

    def prose_paragraph(self, text: str, span: Span, topic: _Topic, mode: str, due: str | None) -> _Entry | None:
        """File a paragraph of running prose: the duties its sentences state, else the paragraph
        as a candidate action or as context."""
        if (found := self.duties(text, span, topic)) is not None:
            return found or None
        e = self.entry(text, span, due)
        if len(e.text.split()) > 80:
            return None
        if mode == "actions" and (e.strength >= 0.5 or len(e.text.split()) <= 30):
            topic.actions.append(e)
        else:
            topic.paragraphs.append(e)
        return e

    # ---- duties in sentences ----------------------------------------------------------------
    def duties(self, text: str, span: Span, topic: _Topic) -> list[_Entry] | None:
        """The duties the sentences of a paragraph state, each an action of ``topic`` with its
        owners and date; a duty to deliver the whole plan names the strategy's lead instead.
        None when no sentence states a duty (the paragraph is read as prose); [] when it only
        notes things."""
        found: list[_Entry] = []
        any_duty = False
        for sentence in sentences(text):
            duty = read_duty(sentence, context=self.dates)
            if duty is None or not (duty.strong or duty.delivery or duty.noting or self.minutes):
                continue
            any_duty = True
            if duty.noting:
                continue
            if duty.delivery and duty.owners:
                for name in duty.owners:
                    name = self.names.canonical(name)
                    if not any(n.name == name for n in self.reading.strategy_leads):
                        self.reading.strategy_leads.append(Named(name, span))
                continue
            e = self.duty_entry(strip_resolved(sentence), span, duty, None)
            topic.actions.append(e)
            found.append(e)
        return found if any_duty else None

    def duty_entry(self, text: str, span: Span, duty: Duty, owner: str | None) -> _Entry:
        e = self.entry(text, span, duty.due)
        owners = [self.names.canonical(o) for o in duty.owners]
        if owners and "owner" not in e.fields:
            e.fields["owner"] = " / ".join(dict.fromkeys(owners))
        elif owner:
            e.fields["default_owner"] = owner
        e.strength = 1.0
        return e

    def duty_of(self, holder: str, text: str, span: Span) -> None:
        """Record ``text`` as a duty of ``holder`` (a body's functions in its terms of reference)."""
        holder = self.names.canonical(holder) if holder else holder
        resp = next((r for r in self.reading.responsibilities if r.holder == holder), None)
        if resp is None:
            resp = Responsibility(holder or "the body", span)
            self.reading.responsibilities.append(resp)
        resp.duties.append(Cited(_strip_glue(text), span))
        resp.span = resp.span.merge(span)

    def body_will(self, lead: str) -> str | None:
        """The body a lead-in says will do what follows ("The Sub-Group will:"), or None."""
        # "The Sub-Group will:", "In its first year under these terms the Sub-Group will:"
        m = re.search(r"(?:^|,\s*|\b[Tt]he\s+)(?P<body>[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,6})\s+"
                      r"(?:will|shall|is to|must|should)\b", clean(lead))
        if not m or not self.names.is_body(m.group("body")):
            return None
        return self.names.canonical(m.group("body"))

    # ---- fields ----------------------------------------------------------------------------
    def field(self, b: Field, topic: _Topic, mode: str, last: _Entry | None,
              record: dict[str, tuple[str, Span]]) -> tuple[_Entry | None, dict[str, tuple[str, Span]]]:
        kind = field_kind(b.label)
        span = self.span(b)
        if kind is None:
            # "Stability: We will …", "Our principles:listening, honesty, ambition"
            whole = f"{b.label}: {b.value}"
            if b.value and (pair := _label_detail(whole)) is not None and mode in ("topic", "actions"):
                pledge = Pledge(title=pair[0], span=span)
                pledge.actions.append(self.action(self.entry(pair[1], span, None)))
                topic.sub_pledges.append(pledge)
            elif b.value and _inline_items(whole) is not None:
                self.paragraph(Paragraph(whole, b.start, b.end), topic, mode, None, only_lists=True)
            return last, record
        value = clean(b.value)
        if kind == "action" and self.names.owners(value) and not commitment_strength(value):
            kind = "owner"  # "Action: Head of Fostering" in minutes names who, not what
        if kind == "owner" and clean(b.label).casefold() in _DISTRIBUTING:
            # "ACTION BY: …" gives its owners to the items above it that name none
            owners = self.names.owners(value)
            entries = [e for e in topic.actions[topic.assigned:] + topic.candidates + topic.paragraphs
                       if "owner" not in e.fields]
            if owners and entries:
                self.close_record(record, topic, last)
                for e in entries:
                    e.fields["owner"] = " / ".join(owners)
                topic.assigned = len(topic.actions)
                return None, record
        if kind in record or (kind == "owner" and ("outcome" in record or "measure" in record)) or (
                kind == "action" and ("action" in record or "outcome" in record)):
            last = self.close_record(record, topic, last)
        record[kind] = (value, span)
        return last, record

    def close_record(self, record: dict[str, tuple[str, Span]], topic: _Topic,
                     last: _Entry | None) -> _Entry | None:
        """Turn the fields read so far into what they describe, and empty ``record``: a record
        with an action field is that action; otherwise the fields belong to the item or sentence
        just before them; a record with no action before it is an action whose text is its
        outcome (plans that give only the outcome); owner and date fields before anything else
        belong to the topic's pledge. Returns the entry later fields may still describe (None
        once a record has been given to an entry)."""
        if not record:
            return last
        values = {k: v for k, (v, _s) in record.items()}
        span = None
        for _v, s in record.values():
            span = s if span is None else span.merge(s)
        record.clear()
        if values.get("action"):
            e = self.add(values["action"], span, topic, "actions", None)
            if e is not None:
                e.fields.update({k: v for k, v in values.items() if k != "action"})
            return None
        if last is not None:
            for k, v in values.items():
                last.fields.setdefault(k, v)
            last.span = last.span.merge(span)
            return None
        if values.get("outcome") or values.get("measure"):
            text = values.get("outcome") or values.get("measure") or ""
            e = _Entry(text, span, 1.0, dict(values))
            topic.actions.append(e)
            return None
        if not (topic.actions or topic.candidates or topic.paragraphs):
            topic.own_fields.update(values)
        return None

    # ---- deciding ---------------------------------------------------------------------------
    def action(self, e: _Entry) -> Action:
        f = e.fields
        owner_text = _value(f.get("owner")) or _value(f.get("default_owner"))
        owners = split_owners(owner_text, self.whole) if owner_text else []
        due = parse_due(f.get("due") or e.due_hint)
        if due is not None and due.value is None and due.recurrence is None and not f.get("due"):
            due = None
        outcome = [Cited(f["outcome"], e.span)] if f.get("outcome") else []
        return Action(
            text=e.text,
            span=e.span,
            owners=[o.name for o in owners],
            owner_text=clean(owner_text) if owner_text else None,
            owner_hats={o.name: o.hat for o in owners if o.hat},
            due=due.value if due else None,
            due_precision=due.precision if due else None,
            due_text=due.text if due else None,
            recurrence=due.recurrence if due else None,
            initiatives=split_links(f["initiatives"]) if _value(f.get("initiatives")) else [],
            outcome=outcome,
            measures=[Cited(f["measure"], e.span)] if f.get("measure") else [],
            status=f.get("status"),
            rag=rag_colour(f.get("rag")) or rag_colour(f.get("status")),
        )

    def decide(self) -> None:
        labelled = {id(t) for t in self.topics if t.heading is not None and t.heading.style == "label"}
        pledged: set[int] = set()
        previous: _Topic | None = None  # the topic with a heading before this one
        for topic in self.topics:
            self.read_prose(topic)
            entries = list(topic.actions)
            cands = topic.candidates
            if cands:
                strong = [c for c in cands if c.strength >= 0.5]
                if len(strong) >= 0.5 * len(cands) or id(topic) in labelled or topic.actions:
                    entries.extend(cands)
                elif all(looks_like_measure(c.text) for c in cands):
                    topic.measures.extend(Cited(c.text, c.span) for c in cands)
            if not entries and topic.paragraphs and not cands:
                entries = _sentence_commitments(topic.paragraphs)
            heading = topic.heading
            group = self.group_of(topic)
            last_cut = heading is not None and topic is self.topics[-1] and self.cut_off(topic) and \
                previous is not None and id(previous) in pledged and previous.section.level == topic.section.level
            for p in topic.tables:
                p.group = p.group or (group if heading is not None and p.title == heading.title else heading.title if heading else None)
            if heading is not None and (entries or last_cut or (id(topic) in labelled and (topic.measures or self.cut_off(topic)))):
                pledge = Pledge(title=topic.title or heading.title, span=self.span(heading), group=group,
                                number=_number(heading))
                for e in sorted(entries, key=lambda e: e.span.start):
                    pledge.actions.append(self.action(e))
                    pledge.span = pledge.span.merge(e.span)
                pledge.measures = topic.measures
                pledge.outcomes = topic.outcomes
                if topic.own_fields.get("owner"):
                    pledge.owners = [o.name for o in split_owners(topic.own_fields["owner"])]
                    pledge.owner_level = "action"
                self.reading.pledges.append(pledge)
                pledged.add(id(topic))
            sub_group = heading.title if heading is not None and heading.style != "title" else group
            for p in topic.sub_pledges:
                p.group = sub_group
                self.reading.pledges.append(p)
            for p in topic.tables:
                same = next((q for q in self.reading.pledges if q.title.casefold() == p.title.casefold()), None)
                if same is not None and p.title in self.agenda.values():
                    same.actions.extend(p.actions)  # an action log row under its agenda item
                else:
                    self.reading.pledges.append(p)
            for cited in topic.summary:
                self.reading.summary.append(Pledge(title=cited.text, span=cited.span, group=sub_group))
            if heading is not None:
                previous = topic
        self.reading.pledges.sort(key=lambda p: p.span.start)

    def read_prose(self, topic: _Topic) -> None:
        """The paragraphs under a heading that read as an offer in prose (most sentences commit:
        "You can get …", "We will …", "Your personal adviser will …"): where the heading holds no
        list, each committing sentence is an action, its owner the post or team the sentence
        names; where it holds a list, the list is what it commits to and they are prose."""
        stashed, topic.prose = topic.prose, []
        for text, span, due in stashed:
            if topic.listed:
                self.prose_paragraph(text, span, topic, "topic", due)
                continue
            for sentence in self.prose_commitments([_Entry(text, span, 0.0)]):
                duty = read_duty(sentence.text, context=self.dates)
                if duty is not None and duty.owners:
                    sentence = self.duty_entry(sentence.text, sentence.span, duty, None)
                topic.actions.append(sentence)

    def prose_commitments(self, paras: list[_Entry]) -> list[_Entry]:
        """The sentences of the paragraphs under a heading that commit ("You can get up to
        £3,000 …", "We will …", "Your personal adviser will …") when most of their sentences do
        and one commits plainly: an offer or a promise written as prose, not as a list. Each
        sentence keeps the lines it is written on."""
        found: list[_Entry] = []
        total = 0
        for para in paras:
            for text, span in self.sentence_spans(para):
                total += 1
                strength = commitment_strength(text)
                if strength >= 0.5 and len(text.split()) <= 60:
                    found.append(_Entry(text, span, strength, {}, due_in(text, self.dates)))
        if len(found) < 2 or len(found) < 0.5 * total or not any(e.strength >= 0.9 for e in found):
            return []
        return found

    def sentence_spans(self, para: _Entry) -> list[tuple[str, Span]]:
        """The sentences of a paragraph, each with the lines it is on."""
        lines = [clean(ln) for ln in self.doc.lines[para.span.start - 1:para.span.end]]
        starts, joined = [], ""
        for line in lines:
            starts.append(len(joined) + (1 if joined else 0))
            joined = f"{joined} {line}" if joined else line
        out: list[tuple[str, Span]] = []
        cursor = 0
        for text in sentences(para.text):
            at = joined.find(text[:40], cursor)
            if at < 0:
                out.append((text, para.span))
                continue
            end = at + len(text)
            first = max(k for k, st in enumerate(starts) if st <= at)
            last = max(k for k, st in enumerate(starts) if st < end)
            out.append((text, Span(self.src, para.span.start + first, para.span.start + last)))
            cursor = end
        return out

    def cut_off(self, topic: _Topic) -> bool:
        """A heading with nothing under it: a one-line pledge ("Promise 4 – We will …") or a
        pledge whose list was cut off."""
        s = topic.section
        # page furniture under it ("Last updated: 3 March 2026") is not content
        return not s.children and all(is_boilerplate(getattr(b, "text", "") or "") for b in s.blocks)

    def group_of(self, topic: _Topic) -> str | None:
        """The heading above a topic that groups it: the nearest enclosing topic heading that
        is not the document's title."""
        s = topic.section.parent
        while s is not None and s.heading is not None:
            h = s.heading
            if h.style != "title" and (h.style == "label" or role_of(h.title) is None):
                return h.title
            s = s.parent
        return None


def _sentence_commitments(paras: list[_Entry]) -> list[_Entry]:
    """The paragraphs under a heading when they are a list of commitments written as short
    sentences without bullets: at least one commits plainly ("We will …", an imperative), at
    least half commit at all (counting "You will have …"), and they are short."""
    strong = [p for p in paras if p.strength >= 0.9]
    committing = [p for p in paras if p.strength >= 0.5]
    short = [p for p in paras if len(p.text.split()) <= 60]
    if len(paras) < 2 or not strong or len(committing) < 0.5 * len(paras) or len(short) < len(paras):
        return []
    if sum(len(p.text.split()) for p in paras) / len(paras) > 40:
        return []
    return paras


def _number(h: Heading) -> int | None:
    if h.number and h.number.isdigit():
        return int(h.number)
    if h.label:
        return number_value(h.label.split()[-1])
    return None


def read_commitments(doc: TextDocument) -> Reading:
    """Read the pledges, actions, measures, principles, voice and achievements of ``doc``
    from its block tree (see the module's docstring)."""
    return _Reader(doc).run()
