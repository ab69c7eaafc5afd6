"""The gold-shaped JSON of an extraction (the shape ``cpgraph extract --format json`` prints)."""

from __future__ import annotations

from typing import Any

from cpgraph.model import Action, Pledge, Span, StrategyDocument


def _span(span: Span | None) -> dict[str, Any] | None:
    return {"source": span.source, "start": span.start, "end": span.end} if span else None


def action_json(action: Action, *, spans: bool = True) -> dict[str, Any]:
    """One action in the gold shape, with its source span (``span``) when ``spans``."""
    d: dict[str, Any] = {
        "text": action.text,
        "owners": list(action.owners),
        "owner_text": action.owner_text,
        "due": action.due,
        "recurrence": action.recurrence,
        "initiatives": list(action.initiatives),
        "outcome": [c.text for c in action.outcome],
    }
    if action.due_text is not None:
        d["due_text"] = action.due_text
        d["due_precision"] = action.due_precision
    if action.measures:
        d["measures"] = [c.text for c in action.measures]
    if action.status or action.rag:
        d["status"], d["rag"] = action.status, action.rag
    if action.owner_hats:
        d["hats"] = dict(action.owner_hats)
    if action.duplicate_of is not None:
        d["duplicate_of"] = action.duplicate_of
    d["themes"] = [c.key for c in action.themes]
    d["principles"] = [c.key for c in action.principles]
    if spans:
        d["span"] = _span(action.span)
    return d


def pledge_json(pledge: Pledge, *, spans: bool = True) -> dict[str, Any]:
    """One pledge in the gold shape."""
    d: dict[str, Any] = {}
    if pledge.number is not None:
        d["number"] = pledge.number
    d["title"] = pledge.title
    if pledge.group:
        d["group"] = pledge.group
    d["actions"] = [action_json(a, spans=spans) for a in pledge.actions]
    d["owners"] = list(pledge.owners)
    if pledge.owner_level:
        d["owner_level"] = pledge.owner_level
    d["measures"] = [c.text for c in pledge.measures]
    if pledge.outcomes:
        d["outcomes"] = [c.text for c in pledge.outcomes]
    if pledge.title_flagged:
        d["title_note"] = pledge.title_flagged
    d["themes"] = [c.key for c in pledge.themes]
    if spans:
        d["span"] = _span(pledge.span)
    return d


def document_json(doc: StrategyDocument, *, spans: bool = True) -> dict[str, Any]:
    """The whole extraction in the gold shape of ``shared/gold/README.md`` (plus spans and a
    few extra keys such as ``warnings`` that the gold does not use)."""
    governance = {
        b.name: {"chair": b.chair, "frequency": b.frequency, "members": b.members, "subgroups": b.subgroups,
                 **({"reports_to": b.parent} if b.parent else {})}
        for b in doc.bodies if b.chair or b.frequency or b.members or b.subgroups
    }
    return {
        "source": doc.source,
        "council": doc.council,
        "kind": doc.kind,
        "period": doc.period,
        "title": doc.title,
        "pledges": [pledge_json(p, spans=spans) for p in doc.pledges],
        "principles": [c.text for c in doc.principles],
        "responsibilities": [{"holder": r.holder, "duties": [d.text for d in r.duties]} for r in doc.responsibilities],
        "child_voice": [c.text for c in doc.child_voice],
        "achievements": [c.text for c in doc.achievements],
        "officers": [o.name for o in doc.officers],
        "people": [{"name": p.name, "role": p.role} for p in doc.people],
        "bodies": [b.name for b in doc.bodies],
        "governance": governance,
        "agencies": [a.name for a in doc.agencies],
        "initiatives": [i.name for i in doc.initiatives],
        "strategy_leads": [s.name for s in doc.strategy_leads],
        "themes": doc.themes,
        "quality_flags": [{"kind": f.kind, "detail": f.detail} for f in doc.quality_flags],
        "warnings": list(doc.warnings),
    }
