"""The line-numbered text model every reader produces, with what each format knows for certain
about its lines (``LineHint``): which are headings and at what level, which open list items, which
are table rows and with which cells."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineHint:
    """What a format says for certain about one rendered line.

    ``kind`` is ``heading`` (``level`` 1-6, or 0 when the line is only set apart by emphasis, such
    as a bold paragraph), ``item`` (a list item opening on this line: ``level`` is its depth from
    0, ``marker`` the bullet or number), ``item_cont`` (a further line of the item above), ``row`` (a
    table row: ``table`` numbers the table in the document, ``cells`` its cell texts, ``header`` a
    header row, ``merged`` one cell spanning the whole row) or ``para`` (a whole paragraph on one line,
    never joined to its neighbours).
    """

    kind: str
    level: int = 0
    marker: str = ""
    table: int = 0
    cells: tuple[str, ...] = ()
    header: bool = False
    merged: bool = False


@dataclass
class TextDocument:
    """A document as numbered lines of text.

    ``lines[i]`` is line ``i + 1``. Readers keep line numbers true to the source where it has
    lines (text, Markdown, HTML source lines are not kept: HTML, PDF, DOCX and spreadsheets are
    rendered to lines first, and spans refer to that rendering). Page furniture is blanked, not
    deleted, so numbering never shifts. ``hints`` (line number -> ``LineHint``) carry the
    structure a format knows for certain; plain text has none and is read from line shapes.
    """

    source: str
    lines: list[str]
    format: str = "txt"
    warnings: list[str] = field(default_factory=list)
    # For spreadsheets: rendered line number -> "Sheet!row" so users can find the cell.
    locators: dict[int, str] = field(default_factory=dict)
    hints: dict[int, LineHint] = field(default_factory=dict)

    def line(self, number: int) -> str:
        """Text of 1-based line ``number``."""
        return self.lines[number - 1]

    def __len__(self) -> int:
        return len(self.lines)
