"""The shared nouns of cpgraph: what extraction produces and RDF minting consumes.

Every extracted item carries a ``Span``: the source file and the 1-based, inclusive line range
it came from, so every fact in the graph can be traced to its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_PLURAL = {"heading": "headings", "item": "list items", "paragraph": "paragraphs", "field": "fields", "table": "tables"}


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of the source file ``source``."""

    source: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad span {self.start}-{self.end} in {self.source}")

    def merge(self, other: Span) -> Span:
        """The smallest span covering both (same source)."""
        return Span(self.source, min(self.start, other.start), max(self.end, other.end))


@dataclass
class Cited:
    """A piece of text with the span it came from (measures, outcomes, voice, achievements…)."""

    text: str
    span: Span


@dataclass
class Classification:
    """A theme or statutory principle assigned to an item, with the cue that decided it."""

    key: str  # e.g. "education" or "cpp_f"
    cue: str  # the word or phrase found (or "theme:<key>" when inferred from a theme)


@dataclass
class Action:
    """One action (or, in plans that give none, its expected outcome) under a pledge."""

    text: str
    span: Span
    owners: list[str] = field(default_factory=list)  # normalised posts/units, split
    owner_text: str | None = None  # the owner field as written
    owner_hats: dict[str, str] = field(default_factory=dict)  # post -> hat, e.g. "Elevate Lead"
    due: str | None = None  # "YYYY-MM", "YYYY-MM-DD" or "YYYY"
    due_precision: str | None = None  # "month", "day", "year"
    due_text: str | None = None  # the date as written
    recurrence: str | None = None  # e.g. "Reviewed annually"
    initiatives: list[str] = field(default_factory=list)
    outcome: list[Cited] = field(default_factory=list)
    measures: list[Cited] = field(default_factory=list)
    status: str | None = None  # e.g. "In progress" (spreadsheet trackers)
    rag: str | None = None  # "red" | "amber" | "green"
    themes: list[Classification] = field(default_factory=list)
    principles: list[Classification] = field(default_factory=list)
    duplicate_of: int | None = None  # index (0-based, document order) of an identical action


@dataclass
class Pledge:
    """The lowest heading that directly holds actions: a pledge, promise section or priority."""

    title: str
    span: Span
    number: int | None = None
    group: str | None = None  # the heading above it ("Care Leavers Pledge", a promise …)
    actions: list[Action] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    owner_level: str | None = None  # "action" | "governance" | "strategy" | None
    measures: list[Cited] = field(default_factory=list)
    outcomes: list[Cited] = field(default_factory=list)
    title_flagged: str | None = None  # why the title is a placeholder or was repaired
    themes: list[Classification] = field(default_factory=list)
    principles: list[Classification] = field(default_factory=list)


@dataclass
class Responsibility:
    """Duties held by a role or partner (e.g. "Elected members")."""

    holder: str
    span: Span
    duties: list[Cited] = field(default_factory=list)


@dataclass
class Person:
    """A named person and the post they hold."""

    name: str
    role: str
    span: Span


@dataclass
class Body:
    """A governance body (board, panel, subgroup, council of young people, team)."""

    name: str
    span: Span
    chair: str | None = None
    frequency: str | None = None
    members: list[str] = field(default_factory=list)
    subgroups: list[str] = field(default_factory=list)
    parent: str | None = None
    objectives: list[Cited] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # theme keys it oversees
    aliases: list[str] = field(default_factory=list)  # other names the document gives it


@dataclass
class Named:
    """A named entity mention (agency, initiative, officer) with where it was seen."""

    name: str
    span: Span


@dataclass
class QualityFlag:
    """Something a reader should know about the document's quality or completeness."""

    kind: str
    detail: str
    span: Span | None = None


@dataclass
class StrategyDocument:
    """Everything extracted from one source document."""

    source: str  # file name
    line_count: int
    council: str | None = None
    kind: str = "strategy"  # "action plan" | "strategy"
    period: str | None = None
    title: str | None = None
    pledges: list[Pledge] = field(default_factory=list)
    principles: list[Cited] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    child_voice: list[Cited] = field(default_factory=list)
    achievements: list[Cited] = field(default_factory=list)
    officers: list[Named] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    agencies: list[Named] = field(default_factory=list)
    initiatives: list[Named] = field(default_factory=list)
    strategy_leads: list[Named] = field(default_factory=list)
    quality_flags: list[QualityFlag] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # how many blocks of each kind the document was read as (heading, item, paragraph, field, table)
    blocks_read: dict[str, int] = field(default_factory=dict)

    @property
    def not_read(self) -> bool:
        """True when no pledge, action, duty or body was recognised: the document was not read
        as a plan (it must be shown as such, never as a plan with every gap)."""
        return not (self.pledges or self.responsibilities or self.bodies)

    def not_read_message(self) -> str:
        """What to tell a person about a document that was not read as a plan: what its
        structure held, and how to see why."""
        counts = self.blocks_read
        seen = ", ".join(f"{n} {k if n == 1 else _PLURAL.get(k, k + 's')}" for k, n in counts.items() if n) or "no text"
        return (f"{self.source}: read {seen}, recognised no commitments — see "
                f"`cpgraph extract {self.source} --format blocks`")

    @property
    def actions(self) -> list[Action]:
        """All actions in document order."""
        return [a for p in self.pledges for a in p.actions]

    @property
    def themes(self) -> list[str]:
        """Theme keys of the document: the union over pledges, actions and the themes its
        governance bodies oversee (a document of duties and boards has no pledges), in first-seen
        order."""
        seen: dict[str, None] = {}
        for p in self.pledges:
            for c in p.themes:
                seen.setdefault(c.key, None)
            for a in p.actions:
                for c in a.themes:
                    seen.setdefault(c.key, None)
        for b in self.bodies:
            for key in b.themes:
                seen.setdefault(key, None)
        return list(seen)
