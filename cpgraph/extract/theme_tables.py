"""The theme-table layout: each priority theme a table with a title, ``Why this is important`` /
``What are we aiming for`` columns and a ``How we support the theme`` part listing actions.

Cells are separated by tabs (or each part has its own header line). The action list may have
lost its bullets and run together on one line; it is split before each capitalised imperative
verb (``… support needs Support a young person …``), keeping proper nouns whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.ocr import flag_repairs, prose_words, repair_heading
from cpgraph.extract.pledge_lists import bullet, is_heading
from cpgraph.model import Action, Cited, Pledge, QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean
from cpgraph.structure.runon import split_run_on


@cache
def _lexicon() -> tuple[dict[str, tuple[str, ...]], str, int]:
    lex = lexicon.load("theme_tables")
    zones = {zone: tuple(c.casefold() for c in cues) for zone, cues in lex["zones"].items()}
    return zones, lex["group"], int(lex["max_title_words"])


def _cue_zones(cell: str) -> list[str]:
    """The zones of the headers ``cell`` consists of, in order; empty when it holds anything else
    (a reader that drops tabs runs a header row into one cell: ``Why this is important What
    are we aiming for``)."""
    text = clean(cell).casefold()
    zones: list[str] = []
    while text:
        found = [(len(c), z) for z, cues in _lexicon()[0].items() for c in cues if text.startswith(c)]
        if not found:
            # a cue may carry a short qualifier ("How we support the theme as a corporate parent")
            if zones and re.match(r"^(?:as|for|in|to|by|with|across|at)\b", text) and len(text.split()) <= 6:
                return zones
            return []
        size, zone = max(found)
        zones.append(zone)
        text = text[size:].lstrip(" :?")
    return zones


def zone_of(cell: str) -> str | None:
    """``why``, ``aim`` or ``how`` when ``cell`` is a header of that part of a theme table (the
    first part, when several headers run together)."""
    zones = _cue_zones(cell)
    return zones[0] if zones else None


def _cells(raw: str) -> list[str]:
    return [clean(c) for c in raw.split("\t")]


def _zones(raw: str) -> dict[int, str]:
    return {i: z for i, c in enumerate(_cells(raw)) if c and (z := zone_of(c))}


@dataclass
class _Table:
    title: str
    title_line: int
    columns: dict[int, str]
    parts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    end: int = 0

    @property
    def bulleted(self) -> bool:
        """True when the how part is a bulleted list (blank lines may then separate items)."""
        return any(bullet(text) for text, _n in self.parts.get("how", []))

    @property
    def run_on(self) -> bool:
        """True when the how part so far is a run-on line of several actions."""
        return any(len(split_run_on(text)) > 1 for text, _n in self.parts.get("how", []))

    def add(self, zone: str, text: str, line: int) -> None:
        self.parts.setdefault(zone, []).append((text, line))
        self.end = line


def _title_line(lines: list[str], n: int) -> int | None:
    """The table title above header row ``n``: the nearest non-blank line, a short heading."""
    k = n - 1
    while k >= 1 and not lines[k - 1].strip():
        k -= 1
    if k < 1:
        return None
    cells = [c for c in _cells(lines[k - 1]) if c]
    if len(cells) != 1 or _zones(lines[k - 1]) or len(cells[0].split()) > _lexicon()[2]:
        return None
    return k if is_heading(cells[0]) else None


def _tables(doc: TextDocument) -> list[_Table]:
    lines = doc.lines
    tables: list[_Table] = []
    table: _Table | None = None
    for n, raw in enumerate(lines, start=1):
        zones = _zones(raw)
        if zones and set(zones.values()) - {"how"}:
            title = _title_line(lines, n)
            if title is not None:
                table = _Table(clean(lines[title - 1]), title, zones, end=n)
                tables.append(table)
                continue
        if table is None:
            continue
        if zones:
            table.columns = zones
            table.end = n
            continue
        if not raw.strip():
            if "how" in table.parts and not (table.bulleted and _bullets_follow(lines, n)):
                table = None
            continue
        if _opens_table(lines, n) or (table.run_on and not _carries_on(raw)):
            # without blank lines (a PDF) a run-on action line is the end of its table
            table = None
            continue
        for index, cell in enumerate(_cells(raw)):
            if cell:
                zone = _column(table.columns, index)
                if zone:
                    table.add(zone, cell, n)
    return tables


def _opens_table(lines: list[str], n: int) -> bool:
    """True when line ``n`` is the title of a table whose header row follows it."""
    header = _next_nonblank(lines, n)
    return header is not None and bool(_zones(lines[header - 1])) and _title_line(lines, header) == n


def _carries_on(raw: str) -> bool:
    """True when ``raw`` can carry on a run-on action line: it wraps it (lower case) or is
    another run-on line."""
    text = clean(raw)
    return text[:1].islower() or len(split_run_on(text)) > 1


def _column(columns: dict[int, str], index: int) -> str | None:
    """The zone of cell ``index``: its own column, else the nearest column to its left."""
    left = [i for i in columns if i <= index]
    return columns[max(left)] if left else None


def _next_nonblank(lines: list[str], n: int) -> int | None:
    k = n + 1
    while k <= len(lines) and not lines[k - 1].strip():
        k += 1
    return k if k <= len(lines) else None


def _bullets_follow(lines: list[str], n: int) -> bool:
    nxt = _next_nonblank(lines, n)
    return nxt is not None and bullet(lines[nxt - 1]) is not None


class ThemeTableLayout:
    """Priority themes written as tables of why / aims / how-we-support."""

    name = "theme_tables"

    def detect(self, doc: TextDocument) -> float:
        """A third of a point per table that has a title and a how-we-support part."""
        return min(1.0, sum(1 for t in _tables(doc) if "how" in t.parts) / 3)

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add one pledge per theme table (group from the lexicon, aims as outcomes, actions
        from the how part), flagging run-on lists that had to be split and repaired titles."""
        _z, group, _m = _lexicon()
        run_on_lines: list[int] = []
        repairs = []
        prose = prose_words(doc)
        for table in _tables(doc):
            how = table.parts.get("how", [])
            if not how:
                continue
            repair = repair_heading(table.title, prose)
            if repair.repaired:
                repairs.append((repair.original or "", Span(doc.source, table.title_line, table.title_line)))
            pledge = Pledge(
                title=repair.text,
                span=Span(doc.source, table.title_line, table.end),
                group=group,
                outcomes=[Cited(t, Span(doc.source, n, n)) for t, n in table.parts.get("aim", [])],
                title_flagged=f"repaired from the OCR-damaged heading '{repair.original}'" if repair.repaired else None,
            )
            for text, n in how:
                marked = bullet(text)
                items = [marked[2]] if marked else split_run_on(text)
                if len(items) > 1:
                    run_on_lines.append(n)
                for item in items:
                    pledge.actions.append(Action(text=item, span=Span(doc.source, n, n)))
            out.pledges.append(pledge)
        flag_repairs(out, repairs)
        if run_on_lines:
            out.quality_flags.append(QualityFlag(
                "run_on_list",
                f"the 'how we support the theme' items of {len(run_on_lines)} table(s) lost their bullets "
                "and run together on one line; they were split before each imperative verb",
                Span(doc.source, run_on_lines[0], run_on_lines[-1])))


def is_theme_group(pledge: Pledge) -> bool:
    """True when ``pledge`` came from a theme table (its group is the theme-table group)."""
    return pledge.group == _lexicon()[1]

