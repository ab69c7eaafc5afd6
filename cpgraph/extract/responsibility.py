"""Who is responsible, read from sentences: minutes ("The Head of Fostering undertook to …",
"Members requested that the Virtual School Headteacher …"), decisions ("That the Director of
Children's Services be asked to lead …", "to instruct the Chief Officer … to report in April
2026"), terms of reference ("The Board will …") and strategies ("The Virtual School will …").

A duty names its owner by form: the name before a verb of taking something on, or the name
after a verb of asking. Names are posts, units or bodies (capitalised words with a post or body
head, joined by "of", "for", "in", "and"); a person's name before a post is dropped and the post
kept. Dates inside the sentence ("by the end of September 2025", "at its next meeting") give the
due date. Every cue is general English of the field, in ``data/lexicon/responsibility.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.dates import parse_due
from cpgraph.resolve import clean, is_owner_name, is_post, split_owners
from cpgraph.structure.verbs import verbs

_TOKEN = r"(?:[A-Z][\w'’&.-]*|\d{1,4}(?:-\d{1,4})?)"
_LINK = r"(?:of|for|in|and|&|the|on|at|with|to)"
# A bracket after a name: part of the post ("Head of Commissioning (Children's Placements)") or a
# hat it wears ("Housing Options Manager (Care Leavers Lead)"); owner splitting tells which.
_BRACKET = r"(?:\s+\([^()]{1,40}\))?"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"'(])")
# A resolution in the subjunctive: "RESOLVED – that the Chair write to …", "That the Board endorse …".
_SUBJUNCTIVE = re.compile(
    rf"(?:^(?:(?:RESOLVED|AGREED)\s*(?:[:–—-]\s*)?)?(?:(?i:that)\s+)?|\b(?:agreed|resolved|requested|recommended|and) that\s+)"
    rf"(?:the\s+)?(?P<who>{_TOKEN}(?:,?\s+(?:{_LINK}\s+)*{_TOKEN})*{_BRACKET})"
    r"\s+(?:jointly\s+|together\s+|also\s+)?"
    r"(?!be\b|is\b|are\b|was\b|were\b|has\b|have\b|had\b|will\b|would\b|should\b|could\b|can\b|may\b|must\b)"
    r"(?P<verb>(?![a-z]*ed\b)(?![a-z]*[^s]s\b)[a-z]+)\b")
_RESOLVED = re.compile(r"^(?:RESOLVED|AGREED|DECIDED|DECISION)\b\s*(?:[:–—-]\s*)?(?:that\s+)?", re.I)


@dataclass(frozen=True)
class _Cues:
    subject: re.Pattern[str]
    object: re.Pattern[str]
    passive: re.Pattern[str]
    decision: re.Pattern[str]
    strong: re.Pattern[str]
    passive_will: re.Pattern[str]
    noting: re.Pattern[str]
    procedural: re.Pattern[str]
    resolving: re.Pattern[str]
    delivery: re.Pattern[str]
    titles: re.Pattern[str]
    collective: frozenset[str]
    next_meeting: re.Pattern[str]


def _alts(phrases: list[str]) -> str:
    return "|".join(sorted(phrases, key=len, reverse=True))


@cache
def _cues() -> _Cues:
    lex = lexicon.load("responsibility")
    name = rf"{_TOKEN}(?:,?\s+(?:{_LINK}\s+)*{_TOKEN})*{_BRACKET}"
    return _Cues(
        # "Gary Flint, Senior Democratic Services Officer, would arrange …": a comma may close the name
        subject=re.compile(rf"(?P<who>{name}),?\s+(?P<verb>(?i:{_alts(lex['subject_verbs'])}))\b"),
        object=re.compile(rf"\b(?P<verb>(?i:{_alts(lex['object_verbs'])}))\s+(?i:that\s+)?(?i:the\s+|our\s+)?"
                          rf"(?P<who>{name})(?=\s+(?:to\b|be\b|[a-z]+\b)|\s*[,;.]|$)"),
        passive=re.compile(rf"(?:^|\b(?i:that)\s+|\b(?i:the)\s+)(?:(?i:the)\s+)?(?P<who>{name})\s+"
                           rf"(?i:{_alts(lex['passive_asks'])})\b"),
        decision=re.compile(r"\b(?:agreed|resolved|decided)\s+that\b.*\bbe\s+\w+|^that\s+.*\bbe\s+\w+", re.I),
        strong=re.compile(rf"\b(?i:{_alts(lex['strong_verbs'])})\b"),
        passive_will=re.compile(r"^(?:will|would|shall|is to|are to)\s+(?:also\s+|then\s+|now\s+)?be\s+(?!responsible|accountable|leading)\w+", re.I),
        noting=re.compile(rf"\b(?:{_alts(lex['noting'])})\b", re.I),
        procedural=re.compile(rf"\b(?:{_alts(lex['procedural'])})\b", re.I),
        resolving=re.compile(rf"^(?:(?:the\s+)?(?P<body>{name})\s+)?(?:{_alts(lex['resolving'])})\b", re.I),
        delivery=re.compile(lex["strategy_delivery"], re.I),
        titles=re.compile(rf"^(?:{_alts([re.escape(t) for t in lex['person_titles']])})\s+(?=[A-Z])"),
        collective=frozenset(c.casefold() for c in lex["collective"]),
        next_meeting=re.compile(lex["next_meeting"], re.I),
    )


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph."""
    return [s for s in _SENTENCE_END.split(clean(text)) if s]


# Capitalised words before a comma and a capital: a person's name may end them ("Jo Bloggs, Director
# of …", "… Head of Service Priya Shah, Service Manager").
_BEFORE_COMMA = re.compile(r"(?P<words>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){1,7}),\s+(?=[A-Z])")


def _is_name_word(word: str) -> bool:
    """A word that can be part of a person's name: capitalised, and not a word of posts,
    units or bodies ("Head", "Service", "Board")."""
    bare = word.strip(",.")
    return bool(bare) and bare[0].isupper() and not is_owner_name(bare) and bare.casefold() not in {
        "the", "and", "of", "for", "in", "children", "young", "people", "care", "council", "school"}


def owners_in(name: str) -> list[str]:
    """The posts, units and bodies a name phrase holds: titles and people's names dropped
    ("Councillor Pryce", "Jo Bloggs, Director of …" gives the post), two owners run together
    without a separator split ("Sam Lee, Head of Service Priya Shah, Service Manager"), owner
    lists split as owner fields are."""
    cues = _cues()
    text = clean(name).strip(" ,.;:")
    text = re.sub(r"^(?:the|our|a|an)\s+", "", text, flags=re.I)
    # cut before each person's name: "X, Head of Y Jo Bloggs, Housing Manager"
    pieces: list[str] = []
    start = 0
    for m in _BEFORE_COMMA.finditer(text):
        words = m.group("words").split()
        name: list[str] = []
        while words and _is_name_word(words[-1]) and len(name) < 2:
            name.insert(0, words.pop())
        if len(name) < 2:
            continue
        cut = m.start() + len(" ".join(words)) + (1 if words else 0)
        if start < cut:
            pieces.append(text[start:cut])
        start = m.end()
    pieces.append(text[start:])
    owners: list[str] = []
    for piece in pieces:
        piece = cues.titles.sub("", piece.strip(" ,;"))
        if not piece or piece.casefold() in cues.collective or cues.titles.match(piece + " X"):
            continue  # nothing left, a group of people, or the title before a person's name
        for owner in split_owners(piece):
            if (is_owner_name(owner.name) or is_body(owner.name)) and owner.name not in owners:
                owners.append(owner.name)
    return owners


@cache
def _body_heads() -> re.Pattern[str]:
    heads = lexicon.load("governance")["body_heads"] + ["Cabinet", "Executive"]
    return re.compile(rf"\b(?:{'|'.join(re.escape(h) for h in heads)})$")


def is_body(name: str) -> bool:
    """True when ``name`` names a body that can own something: a board, panel, committee,
    group, forum, team, partnership, or the Cabinet."""
    name = clean(name)
    return bool(_body_heads().search(name)) and not re.match(
        r"^(?:Chair|Vice[- ]Chair|Chairman|Chairperson|Members?|Secretary|Clerk)\b", name)


@dataclass
class Duty:
    """What a sentence says someone will do: its owners (posts, units, bodies) and the date in
    it, if any; ``noting`` when the sentence only records something; ``delivery`` when the duty
    is the delivery of the whole strategy (its owner leads the strategy); ``strong`` when it is
    said the way minutes and decisions record an undertaking, rather than with a plain "will"."""

    owners: list[str] = field(default_factory=list)
    due: str | None = None
    noting: bool = False
    delivery: bool = False
    strong: bool = False  # said with a verb of minutes and decisions ("undertook to", "be asked to")


def _trailing(who: str) -> str:
    """The name that ends ``who`` (what comes after its last clause: "In response to a question
    from Councillor Pryce, the Virtual School Headteacher")."""
    parts = re.split(r",\s+(?=(?:the|our)\s)", who, flags=re.I)
    return parts[-1]


def read_duty(sentence: str, *, context: MeetingDates | None = None, item: bool = False) -> Duty | None:
    """The duty a sentence states, or None when it states none. A sentence that only notes,
    thanks or approves the minutes is a ``noting`` duty (not an action). ``item``: the text is
    a list item of decisions, where "the Board endorse …" (no "that") is a decision too."""
    cues = _cues()
    text = _RESOLVED.sub("", clean(sentence))
    if cues.procedural.search(text):
        return Duty(noting=True)
    found: list[str] = []
    for m in _SUBJUNCTIVE.finditer(clean(sentence)):
        if m.group("verb") not in verbs():
            continue
        who_words = m.group("who").split()
        if re.search(r"['’]s$", m.group("who")) or who_words and who_words[0].casefold() in verbs():
            continue  # "Extend the Virtual School's support …": an imperative and a possessive, no subject
        if not item and m.start() == 0 and not re.match(r"(?i)(?:RESOLVED|AGREED)\b|that\b", clean(sentence)):
            continue  # "The Panel work alongside us": in running prose a plain verb is not a decision
        owners = owners_in(m.group("who"))  # "RESOLVED – that the Board endorse …"
        if owners:
            found.extend(owners)
            break
    for pattern in (cues.passive, cues.object):
        for m in pattern.finditer(text):
            found.extend(owners_in(m.group("who")))
    strong = bool(found) or bool(cues.strong.search(text))
    if not found:
        for m in cues.subject.finditer(text):
            if cues.passive_will.match(text[m.start("verb"):]):
                continue  # "… will be managed sensitively": what is done, not who does it
            owners = owners_in(_trailing(m.group("who")))
            if owners:
                found.extend(owners)
                break
    if not found:
        if cues.noting.search(text) and not re.search(r"\b(?:agreed|undertook|will|would)\s+to\b", text):
            return Duty(noting=True)
        if cues.decision.search(text):
            return Duty(due=due_in(text, context), strong=True)  # a decision that names no owner
        return None
    unique = list(dict.fromkeys(found))
    return Duty(owners=unique, due=due_in(text, context), delivery=bool(cues.delivery.search(text)),
                strong=strong)


@dataclass(frozen=True)
class MeetingDates:
    """Dates a document gives for reading relative dates: the year it was written or met in,
    and the date of its next meeting."""

    year: int | None = None
    next_meeting: str | None = None


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATES = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?,?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
    rf"|Q[1-4]\s*\d{{4}}(?:/\d{{2,4}})?|20\d\d/\d\d)\b", re.I)
_DAY_NO_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\b(?!\.?,?\s+\d{{4}})", re.I)
_MONTH_ALONE = re.compile(rf"\b(?:the\s+|in\s+|by\s+)({_MONTH})\b(?:\s+meeting)?(?!\.?,?\s+\d)", re.I)


def due_in(text: str, context: MeetingDates | None = None) -> str | None:
    """The due date a sentence gives, as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a written date
    ("by the end of September 2025", "in April 2026", "19/7/2025", "Q3 2025/26"); "at its next
    meeting" and "by the end of the year" read with the document's dates; a day or month without
    a year takes the document's year."""
    context = context or MeetingDates()
    if m := _DATES.search(text):
        due = parse_due(m.group(0))
        if due is not None and due.value:
            return due.value
    if context.next_meeting and _cues().next_meeting.search(text):
        return context.next_meeting
    if context.year and re.search(r"\b(?:by\s+)?the end of (?:the|this) (?:calendar )?year\b", text, re.I):
        return f"{context.year}-12"
    if context.year and (m := _DAY_NO_YEAR.search(text)):
        due = parse_due(f"{m.group(1)} {m.group(2)} {context.year}")
        return due.value if due else None
    if context.year and (m := _MONTH_ALONE.search(text)):
        due = parse_due(f"{m.group(1)} {context.year}")
        return due.value if due else None
    return None


def meeting_dates(lines: list[str]) -> MeetingDates:
    """The year of a document (the first full date in its first lines) and the date of its next
    meeting (a full date on or just after a line about the next meeting)."""
    year = None
    for line in lines[:40]:
        if m := _DATES.search(line):
            due = parse_due(m.group(0))
            if due and due.value:
                year = int(due.value[:4])
                break
    nxt = None
    cue = _cues().next_meeting
    for n, line in enumerate(lines):
        if cue.search(line):
            for candidate in lines[n:n + 3]:
                if m := _DATES.search(candidate):
                    due = parse_due(m.group(0))
                    if due and due.value:
                        nxt = due.value
                        break
            if nxt:
                break
    return MeetingDates(year, nxt)


def resolving_body(lead_in: str) -> str | None:
    """The body a resolving lead-in names ("Cabinet RESOLVED:" gives "Cabinet", "The Panel
    agreed:" gives "Panel"), or None ("RESOLVED:", "It was agreed that:")."""
    m = _cues().resolving.match(clean(lead_in).rstrip(":"))
    if not m or not m.group("body"):
        return None
    body = re.sub(r"^(?:the|it|we)\s*", "", m.group("body"), flags=re.I).strip()
    return body if body and body[0].isupper() else None


def is_resolution(lead_in: str) -> bool:
    """True when a lead-in introduces decisions ("RESOLVED:", "It was agreed that:",
    "Cabinet RESOLVED:", "Recommendations:")."""
    return bool(_cues().resolving.match(clean(lead_in).rstrip(":")))


def strip_resolved(text: str) -> str:
    """An item without its "RESOLVED – that" opening."""
    return _RESOLVED.sub("", clean(text)) or clean(text)


# "Councillor Jo Bloggs, Cabinet Member for Children (Chair)": who chairs the meeting, with a post
_CHAIR_OF_MEETING = re.compile(r"(?P<who>[A-Z][^;()]{3,120}?)\s*\((?:in the )?[Cc]hair(?:man|person)?\)"
                               r"(?:,\s*(?P<after>[^;()]{3,120}))?")


class NameIndex:
    """The posts and bodies a document names in full, so that its short references read as the
    full names: "the Designated Nurse" is the "Designated Nurse for Looked After Children" of the
    attendance list, "the Panel" the "Corporate Parenting Panel" the document is about."""

    def __init__(self, doc) -> None:
        from cpgraph.extract.governance import find_bodies
        from cpgraph.structure import document_blocks

        self.posts: list[str] = []
        for block in document_blocks(doc):
            text = getattr(block, "title", None) if block.kind == "heading" else block.text
            if not text or "," not in text:
                continue
            for part in re.split(r";\s*", text):
                # "Jo Bloggs, Director of Children's Services": the post after a person's name
                m = _BEFORE_COMMA.match(part.strip())
                if not m:
                    continue
                words = m.group("words").split()
                if len(words) > 3 or not all(_is_name_word(w) for w in words):
                    continue
                after = part.strip()[m.end():]
                for post in owners_in(re.split(r"\s+\(|\s+(?:reported|presented|introduced|said|explained|gave|was|is)\b",
                                                after)[0]):
                    if post not in self.posts and len(post.split()) >= 2:
                        self.posts.append(post)
        self.chair_post: str | None = None  # the post of the person marked "(Chair)"
        self.chair_marked = False  # someone is marked as chairing the meeting
        for raw in doc.lines:
            if m := _CHAIR_OF_MEETING.search(clean(raw)):
                self.chair_marked = True
                # the post written before the mark ("Jo Bloggs, Cabinet Member … (Chair)") or
                # straight after it ("Councillor Jo Bloggs (Chair), Cabinet Member …")
                before = re.sub(r"^.*:\s*", "", m.group("who"))
                posts = [p for part in (before, m.group("after") or "")
                         for p in owners_in(part) if is_post(p) and ":" not in p and len(p.split()) >= 2]
                if posts:
                    self.chair_post = posts[0]
                    break
        found = find_bodies(doc)
        self.bodies = [b.name for b in sorted(found, key=lambda b: -b.mentions)]
        opening = [ln for ln in doc.lines if ln.strip()][:8]
        early = [b for b in found if b.line <= (doc.lines.index(opening[-1]) + 1 if opening else 0)]
        self.title_body = min(early, key=lambda b: b.line).name if early else None

    def canonical(self, name: str | None) -> str:
        """The document's full name for ``name``: the one post or body whose name starts with
        it ("Designated Nurse") or, for a bare head word ("Panel", "the Board"), the body of
        that kind the document names most; else ``name`` itself."""
        if not name:
            return name or ""
        text = re.sub(r"^(?:the|our)\s+", "", clean(name), flags=re.I)
        if text.casefold() == "chair" and self.chair_post:
            return self.chair_post  # the Cabinet Member who chairs the meeting
        if text.casefold() == "chair" and self.main_body():
            return f"Chair of the {self.main_body()}"
        longer = [p for p in self.posts if p != text and p.startswith(text + " ")]
        if len(longer) == 1:
            return longer[0]
        if len(text.split()) == 1 and is_body(text):
            same = [b for b in self.bodies if b.split()[-1].casefold() == text.casefold()]
            if same:
                return same[0]
        return text

    def owners(self, text: str) -> list[str]:
        """The owners named in ``text`` (see ``owners_in``), in their full names."""
        return list(dict.fromkeys(self.canonical(o) for o in owners_in(text)))

    def is_body(self, name: str) -> bool:
        """True when ``name`` names a body."""
        return is_body(name)

    def main_body(self) -> str | None:
        """The body the document is about: the first named in its opening lines (a title such
        as "Minutes of the Corporate Parenting Panel"), else the one it names most."""
        return self.title_body or (self.bodies[0] if self.bodies else None)


def records_decisions(lines: list[str]) -> bool:
    """True when a document records undertakings and decisions the way minutes do ("undertook
    to", "be asked to", "RESOLVED", "ACTION BY"): then a plain "X will …" is a duty too."""
    strong = _cues().strong
    return sum(1 for line in lines if strong.search(line)) >= 2


def notes(lead_in: str) -> bool:
    """True when a lead-in says the items after it were only noted ("The Panel noted:",
    "Members received:")."""
    text = clean(lead_in).rstrip(":")
    return bool(re.search(r"\b(?:noted|note|received|heard|were told)(?:\s+that)?$", text, re.I))
