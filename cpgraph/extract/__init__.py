"""Extraction: a line-numbered text document in, a ``StrategyDocument`` out.

The general reader (``commitments``) reads every document from its block tree. The layouts
refine it where they know more (labelled-field action plans, OCR-damaged pledge documents,
theme tables, promises opened by the voice of children, duties by role, governance): what a
layout reads replaces what the general reader read on the same lines, and the general reader
keeps everything else. Then header facts, mentions, derived owners, duplicates, quality flags
and themes are filled in.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from cpgraph import lexicon
from cpgraph.classify import classify_document
from cpgraph.extract.commitments import Reading, read_commitments
from cpgraph.extract.duties import DutiesLayout, PrinciplesLayout
from cpgraph.extract.governance import GovernanceLayout
from cpgraph.extract.header import read_header
from cpgraph.extract.layout import DETECT_THRESHOLD, Layout
from cpgraph.extract.line_shapes import logical_lines
from cpgraph.extract.mentions import find_mentions
from cpgraph.extract.name_patterns import (
    add_agencies_by_shape,
    add_bodies,
    add_initiatives,
    add_named_bodies,
    add_named_programmes,
    add_partners,
    name_key,
)
from cpgraph.extract.pledge_lists import PledgeListLayout
from cpgraph.extract.promises import PromisesLayout
from cpgraph.extract.responsibility import is_body
from cpgraph.extract.signatories import add_signatories
from cpgraph.extract.theme_tables import ThemeTableLayout
from cpgraph.model import Body, Named, Pledge, QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean, is_post
from cpgraph.structure import document_blocks
from cpgraph.structure.render import summary

LAYOUTS: list[Layout] = [PromisesLayout(), PledgeListLayout(), ThemeTableLayout(), GovernanceLayout(),
                         DutiesLayout(), PrinciplesLayout()]
"""Refinements tried on every document, in order, after the general reader."""


def extract(doc: TextDocument, metadata: dict | None = None) -> StrategyDocument:
    """Extract everything cpgraph models from ``doc``.

    ``metadata`` (from the sources catalogue) overrides what the text says about the council,
    kind and period. A document with no recognisable structure gives an empty model with a
    warning, never an error.
    """
    out = StrategyDocument(source=doc.source, line_count=len(doc.lines))
    out.warnings.extend(doc.warnings)
    read_header(doc, out)
    for key in ("council", "kind", "period"):
        if metadata and metadata.get(key):
            setattr(out, key, metadata[key])
    reading = read_commitments(doc)
    recognised = [layout for layout in LAYOUTS if layout.detect(doc) >= DETECT_THRESHOLD]
    for layout in recognised:
        layout.extract(doc, out)
    merge_reading(out, reading)
    find_names(doc, out)
    out.blocks_read = summary(document_blocks(doc))
    if out.not_read:
        out.warnings.append(out.not_read_message())
    find_mentions(doc, out)
    derive_owners(out)
    flag_duplicates(out)
    flag_quality(out)
    classify_document(out)
    return out


def _ranges(spans: list[Span]) -> list[tuple[int, int]]:
    """The line ranges of ``spans``, sorted and merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s.start, s.end) for s in spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= span.end and span.start <= b for a, b in ranges)


def merge_reading(out: StrategyDocument, reading: Reading) -> None:
    """Put the general reading first: its pledges, principles, voice and achievements; then
    what the layouts read where the general reader read nothing (a layout's pledge is kept
    when no pledge of the general reading shares its lines); then the pledges of a summary list
    that no pledge of the document repeats. A layout's pledge that covers the same lines as a
    general pledge refines it instead: its title (OCR damage repaired), group and owners win."""
    layout_pledges = list(out.pledges)
    general = reading.pledges
    taken = _ranges([p.span for p in general] + [a.span for p in general for a in p.actions])
    kept: list[Pledge] = []
    for pledge in layout_pledges:
        spans = [a.span for a in pledge.actions] or [pledge.span]
        if any(_overlaps(s, taken) for s in spans):
            _refine(pledge, general)
            continue
        kept.append(pledge)
    out.pledges = sorted(general + kept, key=lambda p: p.span.start)
    for mine, theirs in ((out.principles, reading.principles), (out.child_voice, reading.child_voice),
                         (out.achievements, reading.achievements)):
        if not mine:
            mine.extend(theirs)
    if not out.responsibilities:
        out.responsibilities.extend(reading.responsibilities)
    for body in reading.bodies:
        known = next((b for b in out.bodies if name_key(b.name) == name_key(body.name)), None)
        if known is None:
            out.bodies.insert(0, body)
            known = body
        else:
            known.chair = known.chair or body.chair
            known.frequency = known.frequency or body.frequency
            known.parent = known.parent or body.parent
            known.members = known.members or body.members
            known.subgroups = known.subgroups or body.subgroups
        collective = {x.casefold() for x in lexicon.load("governance")["not_officers"]}
        for post in [known.chair, *known.members]:
            if post and is_post(post) and post.casefold() not in collective \
                    and not any(o.name == post for o in out.officers):
                out.officers.append(Named(post, known.span))
        for sub in known.subgroups:
            if not any(name_key(b.name) == name_key(sub) for b in out.bodies):
                out.bodies.append(Body(sub, known.span, parent=known.name))
    _add_summary(out, reading.summary)
    _drop_repeated_titles(out)
    for lead in reading.strategy_leads:
        if not any(s.name == lead.name for s in out.strategy_leads):
            out.strategy_leads.append(lead)
    if out.strategy_leads:
        # one lead for the whole strategy owns, at strategy level, the pledges nobody else owns
        names = [s.name for s in out.strategy_leads[:1]]
        for pledge in out.pledges:
            if not pledge.owners and not any(a.owners for a in pledge.actions):
                pledge.owners, pledge.owner_level = list(names), "strategy"


def _refine(layout: Pledge, general: list[Pledge]) -> None:
    """Carry what a layout knows onto the general pledge that reads the same lines."""
    target = next((g for g in general if g.span.start <= layout.span.end and layout.span.start <= g.span.end
                   and (g.span.start == layout.span.start or g.title.casefold() == layout.title.casefold()
                        or layout.title_flagged)), None)
    if target is None:
        return
    if layout.title_flagged:
        target.title, target.title_flagged = layout.title, layout.title_flagged
    target.group = layout.group or target.group
    if layout.owners and not target.owners:
        target.owners, target.owner_level = list(layout.owners), layout.owner_level
    target.outcomes = target.outcomes or layout.outcomes
    target.measures = target.measures or layout.measures


def _drop_repeated_titles(out: StrategyDocument) -> None:
    """A pledge with no actions whose title another pledge with actions bears (a list of the
    promises "at a glance" before the sections that set them out) is that pledge, not another."""
    with_actions = {clean(p.title).casefold() for p in out.pledges if p.actions}
    out.pledges = [p for p in out.pledges if p.actions or clean(p.title).casefold() not in with_actions]


def _add_summary(out: StrategyDocument, summary: list[Pledge]) -> None:
    """Pledges named in a summary list ("Our five priorities are: …") are pledges of their own
    only when the document does not set them out elsewhere: a list most of whose items match a
    pledge title is a summary of those pledges, not more pledges."""
    if not summary:
        return
    titles = [p.title.casefold() for p in out.pledges]

    def repeated(item: Pledge) -> bool:
        text = item.title.casefold()
        return any(fuzz.partial_ratio(text, t) >= 85 or fuzz.token_set_ratio(text, t) >= 80 for t in titles)

    groups: dict[str | None, list[Pledge]] = {}
    for item in summary:
        groups.setdefault(item.group, []).append(item)
    for items in groups.values():
        hits = sum(repeated(i) for i in items)
        if titles and hits >= len(items) / 2:
            continue
        out.pledges.extend(i for i in items if not repeated(i))
    out.pledges.sort(key=lambda p: p.span.start)


def find_names(doc: TextDocument, out: StrategyDocument) -> None:
    """Add what every document may name, whatever its layout: bodies, partners and
    initiatives by the shape of their names, people who sign it; and flag a document whose
    actions name no owner and no date (that is recorded, never guessed)."""
    lines = logical_lines(doc)
    # names are read from whole blocks, so a name broken over two lines stays one name
    named = [(b.start, _block_text(b)) for b in document_blocks(doc)]
    cues = lexicon.load("promises")
    add_signatories(lines, doc.source, out)
    add_named_bodies(named, doc.source, out)
    add_bodies(named, doc.source, out, cues["body_heads"], cues["name_leading_words"])
    _agencies_not_bodies(out)
    _one_name_per_body(out)
    add_partners(named, doc.source, out)
    add_agencies_by_shape(named, doc.source, out)
    add_initiatives(named, doc.source, out)
    add_named_programmes(out.actions, doc.source, out)
    actions = out.actions
    if actions and not out.strategy_leads and not any(
            p.owners for p in out.pledges) and not any(a.owners or a.due or a.recurrence for a in actions) \
            and not any(f.kind == "unowned" for f in out.quality_flags):
        out.quality_flags.append(QualityFlag("unowned", "no action names an owner or a timescale"))


_STANDING = frozenset({"Cabinet", "Full Council", "Council"})


def _add_body(out: StrategyDocument, name: str, span: Span) -> None:
    if name and name != "Council" and not any(name_key(b.name) == name_key(name) for b in out.bodies):
        out.bodies.append(Body(name, span))


def _one_name_per_body(out: StrategyDocument) -> None:
    """Keep the fullest name of each body: a name that only ends a longer body's name ("Care
    Council", "Employment and Training Sub-group") is that body."""
    keys = [name_key(b.name) for b in out.bodies]
    aliases = {name_key(a) for b in out.bodies for a in b.aliases}
    out.bodies = [b for b, k in zip(out.bodies, keys, strict=True)
                  if not any(other != k and other.endswith(k) for other in keys) and k not in aliases]


def _agencies_not_bodies(out: StrategyDocument) -> None:
    """A body whose name is a partner organisation's ("… Integrated Care Board") is an agency."""
    heads = tuple(lexicon.load("agencies").get("name_heads", []))
    for body in [b for b in out.bodies if b.name.endswith(heads)]:
        out.bodies.remove(body)
        if not any(name_key(a.name) == name_key(body.name) for a in out.agencies):
            out.agencies.append(Named(body.name, body.span))


def _block_text(block) -> str:
    if block.kind == "heading":
        return block.title
    if block.kind == "table":
        return " ; ".join(" ; ".join(r.cells) for r in block.rows)
    return block.text


def derive_owners(out: StrategyDocument) -> None:
    """Pledge owners as the union of their actions' owners (where the pledge names none), and
    the document's officers: every distinct post or unit named as responsible."""
    officers: dict[str, Named] = {o.name: o for o in out.officers}
    for pledge in out.pledges:
        if not pledge.owners:
            owners = sorted({o for a in pledge.actions for o in a.owners})
            if owners:
                pledge.owners, pledge.owner_level = owners, "action"
        for action in pledge.actions:
            for owner in action.owners:
                if is_body(owner) or owner in _STANDING:
                    _add_body(out, owner, action.span)  # a board or panel that owns something is a body
                    continue
                officers.setdefault(owner, Named(owner, action.span))
        if pledge.owner_level == "action":
            for owner in pledge.owners:
                if not is_body(owner):
                    officers.setdefault(owner, Named(owner, pledge.span))
    for lead in out.strategy_leads:
        officers.setdefault(lead.name, lead)
    for body in list(out.bodies):
        if body.parent:
            _add_body(out, body.parent, body.span)  # the body it reports to
    for person in out.people:
        if person.role and any(person.role == p for p in officers):
            continue
    out.officers = list(officers.values())


def flag_duplicates(out: StrategyDocument) -> None:
    """Mark each action whose text repeats an earlier one (same words, case and spacing aside)."""
    first: dict[str, int] = {}
    for index, action in enumerate(out.actions):
        key = clean(action.text).casefold()
        if key in first:
            action.duplicate_of = first[key]
        else:
            first[key] = index


def flag_quality(out: StrategyDocument) -> None:
    """Quality flags a reader should know about: duplicated actions, action text missing."""
    by_pledge: dict[tuple[str, str], int] = {}
    actions = out.actions
    owner_of = {id(a): p for p in out.pledges for a in p.actions}
    for action in actions:
        if action.duplicate_of is not None:
            here, there = owner_of[id(action)], owner_of[id(actions[action.duplicate_of])]
            key = (_pledge_name(there), _pledge_name(here))
            by_pledge[key] = by_pledge.get(key, 0) + 1
    for (there, here), count in by_pledge.items():
        same = "within" if there == here else "across"
        detail = (f"{count} action(s) of {here} repeat, word for word, actions of {there}"
                  if same == "across" else f"{count} action(s) repeat within {here}")
        out.quality_flags.append(QualityFlag("duplicate_actions", detail))
    if "missing_action_text" in out.warnings:
        out.warnings = [w for w in out.warnings if w != "missing_action_text"]
        out.quality_flags.append(QualityFlag(
            "missing_action_text", "actions carry an expected outcome but no separate action description"))


def _pledge_name(pledge) -> str:
    return f"Pledge {pledge.number}" if pledge.number is not None else f"'{pledge.title}'"
