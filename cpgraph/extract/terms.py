"""A body's terms of reference, read from the block tree: its chair ("Chair: Cabinet Member for
Children", "chaired by the …"), its members (a membership list of posts and bodies, "a
representative of …"), its sub-groups, how often it meets ("meets six times a year") and whom
it reports to ("reports to Cabinet"). Procedural clauses (quorum, substitutes, public access)
are left out: they are no one's duty to children.

The body is the one the document is about (named in its title, else named most); the headings
and lead-ins that announce each part are general words kept in ``data/lexicon/commitments.json``
(the ``membership`` and ``functions`` roles) and ``governance.json`` (frequencies)."""

from __future__ import annotations

import re
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.responsibility import NameIndex, is_body, owners_in, sentences
from cpgraph.extract.wording import role_of
from cpgraph.model import Body, Span
from cpgraph.resolve import clean, is_person_name, is_post
from cpgraph.structure.blocks import Field, Item, Paragraph, Section
from cpgraph.structure.shapes import field_of

_REPRESENTATIVE = re.compile(r"\b(?:a |an |one |two |three |four |\d+ )?representatives? (?:of|from) (?:the )?(?P<who>.+?)$",
                             re.I)
_MEMBERS_LEAD = re.compile(r"\b(?:members?|membership|made up of|comprises?|consists? of|sit on|attend)\b", re.I)
_SUBGROUPS_LEAD = re.compile(r"\bsub[- ]?groups\b|\bworking groups\b|\btask and finish groups\b", re.I)
# "reports to Cabinet", never a report as a thing ("presents an annual report to Full Council")
_REPORTS_TO = re.compile(r"(?<!annual )(?<!\ba )(?<!\ban )(?<!the )(?<!’s )(?<!'s )(?<!its )\breports? (?:to|into)\s+(?:the\s+)?(?P<who>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|&))*)")
_CHAIRED_BY = re.compile(r"\bchaired by (?:the\s+)?(?P<who>[A-Z][\w'’-]*(?:,?\s+(?:[A-Z][\w'’-]*|of|and|for|&|the))*)")


_ROLE_LABELS = frozenset({"chair", "chairperson", "chaired by", "vice-chair", "vice chair", "secretary", "clerk",
                          "frequency", "meetings", "reports to", "reporting to", "accountable to", "reporting line"})
# "The Board has three sub-groups: Health and Wellbeing, Education and Employment, and Homes and Housing."
_SUBGROUP_LIST = re.compile(r"\b(?P<word>sub[- ]?groups?|working groups?)\s*:\s*(?P<items>[^.;]+)", re.I)


@cache
def _frequency() -> re.Pattern[str]:
    freq = "|".join(re.escape(f) for f in sorted(lexicon.load("governance")["frequencies"], key=len, reverse=True))
    return re.compile(rf"\bmeets?\s+(?P<freq>(?:at least\s+)?(?:{freq}|every \w+ (?:weeks|months))(?:,?\s+and at least [\w -]+?)?)"
                      rf"(?=[.;,]|\s+(?:and|in|at|with)\b|$)|\bmeetings? (?:are|is) held (?P<freq2>(?:at least\s+)?(?:{freq}))", re.I)


def _member(text: str) -> str | None:
    """The member an item of a membership list names: a post ("Head of Housing Services"),
    a body represented ("a representative of Ravensworth Police" gives "Ravensworth Police"),
    or the item as written when it names neither ("four further elected members")."""
    text = clean(text).rstrip(";,.").strip()
    text = re.sub(r"\s+(?:and|or)$", "", text)
    if m := _REPRESENTATIVE.search(text):
        who = re.split(r"\s+(?:and|or)\s+(?:one|two|a|an)\b|\s*\(up to", m.group("who"))[0]
        return clean(who).rstrip(".;,")
    owners = owners_in(re.split(r",\s+(?=[A-Z][\w'’-]+\s+(?:and|&)\s+[A-Z])|\s+\(", text)[0])
    if owners:
        return owners[0]
    if is_person_name(re.split(r"\s+\(", text)[0]):
        return None  # "Councillor Grace Thornbury": a person, whose post the list does not give
    return text if len(text.split()) <= 8 else None


def read_terms(root: Section, names: NameIndex, source: str) -> Body | None:
    """The terms of reference of the document's main body, or None when the document gives
    none of them (no membership, chair, sub-groups, frequency or reporting line)."""
    name = names.main_body()
    if not name:
        return None
    # "Care Leavers' Sub-Group of the Corporate Parenting Board" is the sub-group
    if (m := re.match(r"^(?P<own>.+?)\s+of the\s+(?P<parent>.+)$", name)) and is_body(m.group("own")):
        name = m.group("own")
    body = Body(name, Span(source, 1, 1))
    found = False
    modes: dict[int, str | None] = {}
    for section in root.walk():
        heading = section.heading
        role = role_of(heading.title) if heading is not None else None
        mode = role if role in ("membership",) else ("subgroups" if heading is not None and
                                                     _SUBGROUPS_LEAD.search(heading.title) else None)
        if mode is None and role is None and section.parent is not None:
            # "Voting members" and "Advisers to the Panel" under "Membership" list members too
            mode = modes.get(id(section.parent))
        modes[id(section)] = mode
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.lead_in:
                lead = block.text[:-1]
                if _SUBGROUPS_LEAD.search(lead):
                    mode = "subgroups"
                elif _MEMBERS_LEAD.search(lead) and not re.search(r"\b(?:will|shall|should|must)\b", lead):
                    mode = "membership"
                elif role != "membership":
                    mode = None
                continue
            if isinstance(block, Item) and (f := field_of(block.text)) is not None and f[1] \
                    and clean(f[0]).casefold() in _ROLE_LABELS:
                block = Field(f[0], f[1], block.start, block.end)  # "- Chair: Lead Member for …"
            if isinstance(block, Field):
                label = clean(block.label).casefold()
                value = clean(block.value)
                if label in ("chair", "chairperson", "chaired by", "chair of the board", "chair of the panel") \
                        and value[:1].isupper():
                    chair = owners_in(value)
                    if chair:
                        body.chair = names.canonical(chair[0])
                        found = True
                elif label in ("frequency", "meetings", "frequency of meetings", "meets") and value:
                    body.frequency = value.rstrip(".")
                    found = True
                elif label in ("reports to", "reporting to", "accountable to", "reporting line") and value:
                    body.parent = value.rstrip(".")
                    found = True
                elif mode == "membership" and value and label not in ("vice-chair", "vice chair", "secretary",
                                                                      "clerk", "officer", "support"):
                    member = _member(value)
                    if member and member not in body.members:
                        body.members.append(member)
                else:
                    found |= _sentences(block.text, body, names)  # "The Board has three sub-groups: …"
                continue
            if isinstance(block, Item):
                if mode == "membership":
                    member = _member(block.text)
                    if member and member not in body.members and member != body.chair:
                        body.members.append(member)
                        found = True
                elif mode == "subgroups":
                    sub = clean(block.text).rstrip(";,.")
                    sub = re.split(r"\s+[-–—:]\s+|,\s+(?:chaired|led)\b", sub)[0]
                    if is_body(sub) and len(sub.split()) <= 8 and sub not in body.subgroups:
                        body.subgroups.append(sub)
                        found = True
                else:
                    found |= _sentences(block.text, body, names)  # "7.1 The Panel reports to …"
                continue
            if isinstance(block, Paragraph):
                found |= _sentences(block.text, body, names)
    if not body.chair and names.chair_marked:
        # "Present: Councillor P. Drummond (Chair)", "…, Cabinet Member for Children (Chair)"
        body.chair = names.canonical("Chair")
        body.members = [m for m in body.members if m != body.chair]
        found = True
    return body if found else None


def _sentences(text: str, body: Body, names: NameIndex) -> bool:
    """Read a chair, frequency and reporting line from the sentences of a paragraph about the
    body; True when one was found."""
    found = False
    for m in _SUBGROUP_LIST.finditer(text):
        word = re.sub(r"s$", "", m.group("word"))
        # with commas the items are cut at them only ("Health and Wellbeing, …, and Homes and Housing")
        cut = r",\s*(?:and\s+)?" if "," in m.group("items") else r"\s+and\s+(?=[A-Z])"
        for item in re.split(cut, m.group("items")):
            item = clean(item).rstrip(".")
            if item and item[0].isupper() and len(item.split()) <= 6:
                sub = item if is_body(item) else f"{item} {word}"
                if sub not in body.subgroups:
                    body.subgroups.append(sub)
                    found = True
    for sentence in sentences(text):
        if not body.frequency and (m := _frequency().search(sentence)):
            body.frequency = clean(m.group("freq") or m.group("freq2"))
            found = True
        if not body.parent and (m := _REPORTS_TO.search(sentence)):
            who = clean(m.group("who"))
            if is_body(who) or who.split()[-1] in ("Cabinet", "Council", "Executive"):
                body.parent = names.canonical(who)
                found = True
        if not body.chair and (m := _CHAIRED_BY.search(sentence)):
            chair = [o for o in owners_in(m.group("who")) if is_post(o)]
            if chair:
                body.chair = names.canonical(chair[0])
                found = True
    return found
