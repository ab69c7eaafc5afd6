"""The priority layout: numbered priorities ("Priority 1: Building meaningful relationships"),
each with some prose and then cue headings whose items are its actions ("How will this be
achieved"), its success measures ("Measuring success") or its expected outcomes. Owners and dates
are usually absent; that is recorded, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.line_shapes import (
    LogicalLine,
    bullet_block,
    is_heading_shaped,
    logical_lines,
    nest_items,
)
from cpgraph.extract.name_patterns import add_bodies, add_initiatives, add_partners
from cpgraph.extract.promises import find_strategy_lead
from cpgraph.extract.signatories import add_signatories
from cpgraph.model import Action, Cited, Named, Pledge, QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class _Cues:
    heading: re.Pattern[str]
    sections: dict[
        str, str
    ]  # cue heading (casefolded) -> "actions" | "measures" | "outcomes" | "context"


def _key(text: str) -> str:
    return clean(text).rstrip(":?").strip().casefold()


@cache
def _cues() -> _Cues:
    lex = lexicon.load("priority")
    sections: dict[str, str] = {}
    for kind, key in (
        ("context", "context_headings"),
        ("outcomes", "outcome_headings"),
        ("measures", "measure_headings"),
        ("actions", "action_headings"),
    ):
        for cue in lex[key]:
            sections[_key(cue)] = kind
    return _Cues(re.compile(lex["priority_heading_pattern"], re.I), sections)


def priority_heading(line: LogicalLine) -> tuple[int | None, str] | None:
    """``(number, full heading)`` when the line opens a numbered priority, else None."""
    if line.is_bullet:
        return None
    text = clean(line.text)
    m = _cues().heading.match(text)
    if not m or len(text.split()) > 16 or text.endswith("."):
        return None
    return _number(m.group(1)), text


def section_kind(line: LogicalLine) -> str | None:
    """``actions``, ``measures``, ``outcomes`` or ``context`` when the line is a cue heading."""
    return None if line.is_bullet else _cues().sections.get(_key(line.text))


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text.casefold() in _NUMBER_WORDS:
        return _NUMBER_WORDS[text.casefold()]
    if set(text) <= set(_ROMAN):
        values = [_ROMAN[c] for c in text]
        return sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    return None


class PriorityLayout:
    """Numbered priorities with "How will this be achieved" actions and "Measuring success"
    measures."""

    name = "priority"

    def detect(self, doc: TextDocument) -> float:
        """Strong when numbered priority headings are followed by an actions cue heading."""
        lines = logical_lines(doc)
        headings = [i for i, ln in enumerate(lines) if priority_heading(ln)]
        if not headings:
            return 0.0
        kinds = [section_kind(ln) for ln in lines[headings[0] :]]
        if "actions" not in kinds:
            return 0.0
        return min(
            1.0,
            0.6
            + 0.2 * ("measures" in kinds or "outcomes" in kinds)
            + 0.2 * (len(headings) > 1 or kinds.count("actions") >= 1),
        )

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add each priority (pledge) with its actions, measures and outcomes, any strategy lead,
        signatories and named bodies, partners and initiatives to ``out``; flag a document
        whose actions have no owner and no date."""
        src = doc.source
        lines = logical_lines(doc)
        pledges: list[Pledge] = []
        pledge: Pledge | None = None
        mode: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            if heading := priority_heading(line):
                pledge = Pledge(title=heading[1], span=line.span(src), number=heading[0])
                pledges.append(pledge)
                mode = "context"
            elif kind := section_kind(line):
                mode = kind
            elif line.is_bullet:
                block, end = bullet_block(lines, i)
                if pledge is not None:
                    for text, start, stop in nest_items(block):
                        self._add(pledge, mode, Cited(text, Span(src, start, stop)))
                i = end
                continue
            elif is_heading_shaped(line.text):
                mode = None  # an unknown heading closes the cue section
            elif pledge is not None and not line.text.rstrip().endswith(":"):
                self._add(pledge, mode, Cited(clean(line.text), line.span(src)))
            i += 1
        pledges = [p for p in pledges if p.actions or p.measures]
        lead = find_strategy_lead(lines)
        if lead:
            if not any(s.name == lead[0] for s in out.strategy_leads):
                out.strategy_leads.append(Named(lead[0], lead[1].span(src)))
            for p in pledges:
                p.owners, p.owner_level = [lead[0]], "strategy"
        out.pledges.extend(pledges)
        if pledges and not any(
            p.owners or any(a.owners or a.due for a in p.actions) for p in pledges
        ):
            out.quality_flags.append(
                QualityFlag("unowned", "no action names an owner or a timescale")
            )
        add_signatories(lines, src, out)
        named = [(ln.start, ln.text) for ln in lines]
        promises = lexicon.load("promises")
        add_bodies(named, src, out, promises["body_heads"], promises["name_leading_words"])
        add_partners(named, src, out)
        add_initiatives(named, src, out)

    @staticmethod
    def _add(pledge: Pledge, mode: str | None, item: Cited) -> None:
        if mode == "actions":
            pledge.actions.append(Action(text=item.text, span=item.span))
        elif mode == "measures":
            pledge.measures.append(item)
        elif mode == "outcomes":
            pledge.outcomes.append(item)
        else:
            return
        pledge.span = pledge.span.merge(item.span)
