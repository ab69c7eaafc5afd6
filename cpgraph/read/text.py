"""The line-numbered text model every reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TextDocument:
    """A document as numbered lines of text.

    ``lines[i]`` is line ``i + 1``. Readers keep line numbers true to the source where it has
    lines (text, Markdown, HTML source lines are not kept: HTML, PDF, DOCX and spreadsheets are
    rendered to lines first, and spans refer to that rendering). Page furniture is blanked, not
    deleted, so numbering never shifts.
    """

    source: str
    lines: list[str]
    format: str = "txt"
    warnings: list[str] = field(default_factory=list)
    # For spreadsheets: rendered line number -> "Sheet!row" so users can find the cell.
    locators: dict[int, str] = field(default_factory=dict)

    def line(self, number: int) -> str:
        """Text of 1-based line ``number``."""
        return self.lines[number - 1]

    def __len__(self) -> int:
        return len(self.lines)
