"""The blocks a document is made of: headings, list items, paragraphs, labelled fields and
tables, each with the span of rendered lines it came from, and the section tree they form."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A heading: ``text`` without its numbering, ``number`` a bare section number as written
    ("2", "3.1", "b", "iv") or None, ``label`` a label word with its number ("Pillar 3",
    "Priority Seven") or None, ``level`` 1 (top) to 6."""

    text: str
    start: int
    end: int
    level: int = 1
    number: str | None = None
    label: str | None = None
    style: str = "plain"  # how it was recognised: hint, emphasis, number, label, caps, plain, title
    written: str = ""  # the heading as written, a bare number dropped

    kind = "heading"

    @property
    def title(self) -> str:
        """The heading as a reader names it: a bare number dropped, a label kept as written
        ("Pillar 3 – Ready for adult life", "Your health")."""
        if self.written:
            return self.written
        if self.label and self.text:
            return f"{self.label}: {self.text}"
        return self.label or self.text


@dataclass
class Item:
    """A list item: its text (continuation lines joined), marker and depth (0 = top level)."""

    text: str
    start: int
    end: int
    marker: str = "•"
    depth: int = 0
    truncated: bool = False  # the document stops in the middle of its last word

    kind = "item"


@dataclass
class Paragraph:
    """A paragraph (hard-wrapped lines joined). ``lead_in`` when it introduces what follows
    (it ends with a colon: "Over the life of this plan, we will:")."""

    text: str
    start: int
    end: int
    lead_in: bool = False
    truncated: bool = False  # the document stops in the middle of its last word

    kind = "paragraph"


@dataclass
class Field:
    """A labelled field, ``Label: value`` ("Lead officer: Head of Fostering")."""

    label: str
    value: str
    start: int
    end: int

    kind = "field"

    @property
    def text(self) -> str:
        """The field as written."""
        return f"{self.label}: {self.value}" if self.value else f"{self.label}:"


@dataclass
class Row:
    """One table row: its cells, and whether it is one cell spanning the row (a group row)."""

    cells: list[str]
    start: int
    end: int
    merged: bool = False


@dataclass
class Table:
    """A table: the header row's cells and the rows below it (header rows repeated on later
    pages are dropped)."""

    header: list[str]
    rows: list[Row]
    start: int
    end: int

    kind = "table"

    @property
    def text(self) -> str:
        """The header cells, as a one-line summary."""
        return " | ".join(self.header)


Block = Heading | Item | Paragraph | Field | Table


@dataclass
class Section:
    """A heading with the blocks directly under it and its sub-sections. The root section of
    a document has no heading and holds what comes before the first heading."""

    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    @property
    def level(self) -> int:
        """The heading's level (0 for the root)."""
        return self.heading.level if self.heading else 0

    def walk(self):
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()
