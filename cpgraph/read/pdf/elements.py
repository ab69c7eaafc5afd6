"""The elements of a PDF's pages as this reader sees them: words (with their size and weight),
lines (with their shape), ruled tables, pages, and the metrics of the whole document (body size,
space and character widths, the usual gap between the lines of a paragraph)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0  # the size most of its characters are set in (rounded to 0.5 pt)
    bold: bool = False  # every word with letters in bold
    bullet: bool = False  # opens with a bullet glyph (taken off ``words``)
    number: bool = False  # opens with a list number or letter ("1." "a)")
    text_x: float = 0.0  # where the text after a bullet or number starts
    segments: list[tuple[float, str]] = field(default_factory=list)  # pieces apart by wide gaps
    furniture: bool = False

    @property
    def text(self) -> str:
        return "   ".join(text for _x, text in self.segments)

    @property
    def flat(self) -> str:
        """The text with wide gaps read as single spaces."""
        return " ".join(text for _x, text in self.segments)


@dataclass
class _Table:
    top: float
    bottom: float
    ncols: int
    rows: list[tuple[tuple[str, ...], bool]]  # (cells, merged)
    number: int = 0
    continued: bool = False


@dataclass
class _Page:
    elements: list[_Line | _Table]
    had_text: bool
    error: str = ""
    height: float = 0.0


@dataclass
class _Metrics:
    body: float  # body font size
    space: float  # width of a space, as a share of the font size
    char: float  # average width of a character at body size, as a share of it
    bold_body: bool  # the body text itself is bold: bold sets nothing apart
    gap: float = 0.25  # the usual white space between two lines of a paragraph, as a share of the size
