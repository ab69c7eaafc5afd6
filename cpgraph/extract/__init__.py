"""Extraction: a line-numbered text document in, a ``StrategyDocument`` out.

Every registered layout that recognises the document adds what it finds; then header facts,
mentions, derived owners, duplicates, quality flags and themes are filled in.
"""

from __future__ import annotations

from cpgraph.classify import classify_document
from cpgraph.extract.action_plan import ActionPlanLayout
from cpgraph.extract.duties import DutiesLayout, PrinciplesLayout
from cpgraph.extract.governance import GovernanceLayout
from cpgraph.extract.header import read_header
from cpgraph.extract.layout import DETECT_THRESHOLD, Layout
from cpgraph.extract.mentions import find_mentions
from cpgraph.extract.pledge_lists import PledgeListLayout
from cpgraph.extract.priority import PriorityLayout
from cpgraph.extract.promises import PromisesLayout
from cpgraph.extract.theme_tables import ThemeTableLayout
from cpgraph.model import Named, QualityFlag, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

LAYOUTS: list[Layout] = [ActionPlanLayout(), PromisesLayout(), PriorityLayout(),
                         PledgeListLayout(), ThemeTableLayout(), GovernanceLayout(), DutiesLayout(), PrinciplesLayout()]
"""Layouts tried on every document, in order."""


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
    recognised = [layout for layout in LAYOUTS if layout.detect(doc) >= DETECT_THRESHOLD]
    for layout in recognised:
        layout.extract(doc, out)
    if not recognised or not (out.pledges or out.responsibilities or out.bodies):
        out.warnings.append(f"{doc.source}: no pledges, actions or duties recognised")
    find_mentions(doc, out)
    derive_owners(out)
    flag_duplicates(out)
    flag_quality(out)
    classify_document(out)
    return out


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
                officers.setdefault(owner, Named(owner, action.span))
        if pledge.owner_level in ("governance", "strategy"):
            continue
    for lead in out.strategy_leads:
        officers.setdefault(lead.name, lead)
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
