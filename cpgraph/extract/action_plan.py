"""The action-plan layout: numbered pledges, each followed by records of labelled fields
(``Responsible officer:``, ``Timeline:``, ``Expected outcome:`` …). Spreadsheet trackers are
rendered by the readers into this same shape."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.dates import parse_due
from cpgraph.model import Action, Cited, Pledge, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean, split_owners


@cache
def _fields() -> tuple[re.Pattern[str], dict[str, str], set[str], re.Pattern[str]]:
    lex = lexicon.load("fields")
    label_to_kind = {}
    for kind in ("owner", "due", "initiatives", "outcome", "action", "status", "rag", "measure"):
        for label in lex[kind]:
            label_to_kind[label.casefold()] = kind
    labels = sorted(label_to_kind, key=len, reverse=True)
    label_re = re.compile(r"^\s*(" + "|".join(re.escape(x) for x in labels) + r")\s*:\s*(.*)$", re.I)
    none_values = {v.casefold() for v in lex["none_values"]}
    return label_re, label_to_kind, none_values, re.compile(lex["pledge_heading"], re.I)


def field_line(line: str) -> tuple[str, str] | None:
    """``(kind, value)`` if the line is a labelled field such as ``Timeline: April 2026``."""
    label_re, label_to_kind, _n, _p = _fields()
    m = label_re.match(line)
    if not m:
        return None
    return label_to_kind[m.group(1).casefold()], m.group(2).strip()


@dataclass
class _Record:
    start: int
    end: int
    values: dict[str, tuple[str, int]] = field(default_factory=dict)
    paragraphs: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class ActionPlanLayout:
    """Pledge headings followed by labelled-field action records."""

    name = "action_plan"

    def detect(self, doc: TextDocument) -> float:
        """Share of non-blank lines that are labelled fields, scaled so a plan scores near 1."""
        lines = [ln for ln in doc.lines if ln.strip()]
        if not lines:
            return 0.0
        owners = sum(1 for ln in lines if (f := field_line(ln)) and f[0] in ("owner", "due"))
        return min(1.0, 4 * owners / len(lines)) if owners >= 2 else 0.0

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add the plan's pledges and actions (with owners, dates, links, outcomes) to ``out``."""
        _l, _k, none_values, heading_re = _fields()
        pledge: Pledge | None = None
        record: _Record | None = None
        para_kind: str | None = None
        awaiting_title = False
        for number, raw in enumerate(doc.lines, start=1):
            line = clean(raw)
            if not line:
                continue
            if m := heading_re.match(line):
                self._close(record, pledge, doc, out, none_values)
                record, para_kind = None, None
                title = m.group(2).strip()
                pledge = Pledge(title=title, span=Span(doc.source, number, number), number=int(m.group(1)))
                out.pledges.append(pledge)
                awaiting_title = not title
                continue
            if pledge is None:
                continue
            parsed = field_line(line)
            if parsed:
                kind, value = parsed
                awaiting_title = False
                if record is None or kind in record.values or _starts_next(kind, record):
                    self._close(record, pledge, doc, out, none_values)
                    record = _Record(start=number, end=number)
                record.values[kind] = (value, number)
                record.end = number
                para_kind = kind if not value and kind in ("outcome", "measure", "action") else None
                continue
            if awaiting_title:
                pledge.title = line
                pledge.span = pledge.span.merge(Span(doc.source, number, number))
                awaiting_title = False
                continue
            if record is not None and para_kind:
                record.paragraphs.setdefault(para_kind, []).append((line, number))
                record.end = number
            elif record is None:
                # prose between a pledge title and its first record extends the title
                pledge.title = f"{pledge.title} {line}".strip()
                pledge.span = pledge.span.merge(Span(doc.source, number, number))
        self._close(record, pledge, doc, out, none_values)

    def _close(self, record, pledge, doc, out, none_values) -> None:
        if record is None or pledge is None:
            return
        src = doc.source

        def value(kind: str) -> str | None:
            v = record.values.get(kind)
            if v is None or not v[0] or v[0].casefold() in none_values:
                return None
            return v[0]

        outcome = [Cited(t, Span(src, n, n)) for t, n in record.paragraphs.get("outcome", [])]
        if value("outcome"):
            outcome.insert(0, Cited(value("outcome"), Span(src, record.values["outcome"][1], record.values["outcome"][1])))
        measures = [Cited(t, Span(src, n, n)) for t, n in record.paragraphs.get("measure", [])]
        if value("measure"):
            measures.insert(0, Cited(value("measure"), Span(src, record.values["measure"][1], record.values["measure"][1])))
        action_text = value("action") or " ".join(t for t, _ in record.paragraphs.get("action", []))
        if not action_text:
            action_text = " ".join(c.text for c in outcome)
            if action_text:
                out.warnings.append("missing_action_text")
        if not action_text:
            return
        owner_text = value("owner")
        owners = split_owners(owner_text) if owner_text else []
        due = parse_due(value("due"))
        links = value("initiatives")
        action = Action(
            text=action_text,
            span=Span(src, record.start, record.end),
            owners=[o.name for o in owners],
            owner_text=clean(owner_text) if owner_text else None,
            owner_hats={o.name: o.hat for o in owners if o.hat},
            due=due.value if due else None,
            due_precision=due.precision if due else None,
            due_text=due.text if due else None,
            recurrence=due.recurrence if due else None,
            initiatives=split_links(links) if links else [],
            outcome=outcome,
            measures=measures,
            status=value("status"),
            rag=_rag(value("rag")),
        )
        pledge.actions.append(action)
        pledge.span = pledge.span.merge(action.span)


def _starts_next(kind: str, record: _Record) -> bool:
    """Whether a field opens the next record: an action after a record that has one, or an
    owner after a record closed by its outcome (plans give owner first, trackers action first)."""
    if kind == "action":
        return "action" in record.values or "outcome" in record.values
    return kind == "owner" and "outcome" in record.values


def split_links(text: str) -> list[str]:
    """Initiatives in a link field: split on ``;``, `` and `` (between names), and ``,``."""
    parts = re.split(r"\s*;\s*|\s+and\s+(?=[A-Za-z])|\s*,\s*(?=[A-Z])", clean(text))
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _rag(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().casefold()
    for colour in ("red", "amber", "green"):
        if t == colour or t.startswith(colour) or t == colour[0]:
            return colour
    return None
