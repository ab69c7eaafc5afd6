"""Spreadsheet action trackers (.csv, .xlsx): each sheet's rows as lines, a tracker's table
(found by its header row: Action, Lead officer, By when …, the synonyms of
``data/lexicon/tracker_columns.json``) hinted row by row so the one table reader of extraction
reads it as it reads a table in any other format.

Rows above the header (a title) are plain lines; the header and the rows below it are their
cells joined by tabs, each with a ``row`` hint; a row of one cell merged across the table (a
priority above its actions) is a merged row; a second header row further down starts a second
table. When several sheets hold trackers, each sheet's name is a heading above its table.
``TextDocument.locators`` maps each line to its row ("Tracker!A5"; CSV "row 5").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpgraph.columns import column_kind, header_kinds, is_header_row, rules
from cpgraph.errors import InputError
from cpgraph.read.plain import decode_text
from cpgraph.read.safety import open_package
from cpgraph.read.text import LineHint, TextDocument

_SPACE = re.compile(r"\s+")
_LABELLED = re.compile(r"^(?:pledge|promise|priority|objective|commitment|outcome|theme|pillar|ambition|aim|goal)\s+\d{1,3}\b", re.I)
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

__all__ = ["column_kind", "read_csv", "read_xlsx"]


@dataclass
class Cell:
    """A cell's value with where it is (0-based column) and how it is formatted."""

    column: int
    value: Any
    number_format: str = "General"


@dataclass
class Row:
    number: int  # 1-based row number in the sheet or file
    cells: list[Cell]
    merged_from: int | None = None  # first column of a merged range that starts in this row

    def texts(self, kinds: dict[int, str] | None = None) -> list[str]:
        """The row's cells as text, one per column up to its last filled one."""
        width = max((c.column for c in self.cells), default=-1) + 1
        out = [""] * width
        for c in self.cells:
            out[c.column] = cell_text(c, (kinds or {}).get(c.column))
        return out


def cell_text(cell: Cell, kind: str | None = None) -> str:
    """A cell as a person reads it: dates as "12 September 2025" (a due date on the 1st as
    "September 2025"), whole numbers without ".0", percentages with "%", errors as nothing."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime | dt.date):
        if kind == "due" and value.day == 1:
            return f"{_MONTHS[value.month - 1]} {value.year}"
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = _SPACE.sub(" ", str(value)).strip()
    return "" if text in _EXCEL_ERRORS else text


@dataclass
class _Out:
    lines: list[str] = field(default_factory=list)
    locators: dict[int, str] = field(default_factory=dict)
    hints: dict[int, LineHint] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tables: int = 0

    def emit(self, text: str = "", locator: str | None = None, hint: LineHint | None = None) -> None:
        self.lines.append(text)
        if locator and text:
            self.locators[len(self.lines)] = locator
        if hint is not None and text:
            self.hints[len(self.lines)] = hint

    def gap(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def _header_index(rows: list[Row]) -> int | None:
    for i, row in enumerate(rows[: rules().search_rows]):
        if is_header_row(row.texts()):
            return i
    return None


def _render_table(rows: Iterable[Row], out: _Out, ref: Callable[[int], str], *,
                  heading: str | None = None) -> bool:
    """Render a tracker's rows into ``out``; False if no header row was found (nothing done)."""
    rows = list(rows)
    start = _header_index(rows)
    if start is None:
        return False
    out.gap()
    if heading:
        out.emit(heading, ref(rows[start].number), LineHint("heading", level=1))
        out.gap()
    for row in rows[:start]:
        text = " ".join(t for t in row.texts() if t)
        if text:
            out.emit(text, ref(row.number))
            out.gap()
    header = rows[start].texts()
    kinds = header_kinds(header)
    out.tables += 1
    out.emit("\t".join(header), ref(rows[start].number),
             LineHint("row", table=out.tables, cells=tuple(header), header=True))
    for row in rows[start + 1:]:
        texts = row.texts(kinds)
        if not any(texts):
            continue
        if is_header_row(texts):  # a second table further down the sheet
            header, kinds = texts, header_kinds(texts)
            out.gap()
            out.tables += 1
            out.emit("\t".join(header), ref(row.number),
                     LineHint("row", table=out.tables, cells=tuple(header), header=True))
            continue
        filled = [t for t in texts if t]
        merged = len(filled) == 1 and bool(texts[0]) and len(header) > 1 and (
            row.merged_from == 0 or (kinds.get(0) != "pledge" and bool(_LABELLED.match(texts[0]))))
        cells = (texts[0],) if merged else tuple(texts + [""] * (len(header) - len(texts)))
        out.emit("\t".join(texts).rstrip("\t"), ref(row.number),
                 LineHint("row", table=out.tables, cells=cells, merged=merged))
    out.gap()
    return True


def _render_plain(rows: Iterable[Row], out: _Out, ref: Callable[[int], str]) -> None:
    for row in rows:
        texts = row.texts()
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            out.emit("\t".join(texts), ref(row.number))


def _finish(path: Path, out: _Out, fmt: str) -> TextDocument:
    while out.lines and not out.lines[-1]:
        out.lines.pop()
    doc = TextDocument(source=path.name, lines=out.lines, format=fmt, locators=out.locators,
                       hints=out.hints)
    doc.warnings.extend(f"{path.name}: {w}" for w in out.warnings)
    if not any(ln.strip() for ln in out.lines):
        doc.warnings.append(f"{path.name}: no cells with text")
    return doc


# ---- CSV --------------------------------------------------------------------------------
def _csv_rows(text: str, delimiter: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [
        Row(number, [Cell(i, v) for i, v in enumerate(record) if v.strip()])
        for number, record in enumerate(reader, start=1)
    ]


def _delimiter(text: str) -> str:
    """The separator that makes the start of the file a tracker (a header row found), else the
    one that splits most rows into the same number of cells. (csv.Sniffer is unreliable with
    quoted multi-line cells.)"""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    search_rows = rules().search_rows
    best, best_score = ",", (False, 0, 0)
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = _csv_rows(sample, delimiter)
        except csv.Error:
            continue
        widths = Counter(max((c.column for c in r.cells), default=0) + 1 for r in rows if r.cells)
        width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0])) if widths else (1, 0)
        header = any(is_header_row(r.texts()) for r in rows[:search_rows])
        score = (header, count if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, data: bytes) -> TextDocument:
    """A CSV tracker (comma, semicolon, tab or bar separated) rendered as table rows."""
    text = decode_text(data, path)
    try:
        rows = _csv_rows(text, _delimiter(text))
    except csv.Error as exc:
        raise InputError(f"{path}: a CSV record cannot be read ({exc})") from exc
    out = _Out()

    def ref(row: int) -> str:
        return f"row {row}"

    if not _render_table(rows, out, ref):
        out.warnings.append("no header row of a tracker (Action, Lead officer, Timescale …); rows kept as tab-separated lines")
        _render_plain(rows, out, ref)
    return _finish(path, out, "csv")


# ---- XLSX -------------------------------------------------------------------------------
_FORMULA_NO_VALUE = re.compile(
    rb"<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)


def _sheet_ref(title: str) -> str:
    return title if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title) else "'" + title.replace("'", "''") + "'"


_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters.decode():
        index = index * 26 + ord(ch) - 64
    return index - 1


def merged_starts(package) -> dict[str, dict[int, int]]:
    """Per sheet name: row number -> first column of a range merged across columns that
    starts in that row (openpyxl's read-only mode does not give merged ranges)."""
    import html

    try:
        rels = {}
        for m in _REL.finditer(package.read("xl/_rels/workbook.xml.rels")):
            rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            rels[rid] = target.decode().lstrip("/")
        out: dict[str, dict[int, int]] = {}
        for m in _SHEET.finditer(package.read("xl/workbook.xml")):
            target = rels.get(m.group(2))
            if not target:
                continue
            part = target if target.startswith("xl/") else "xl/" + target
            ranges = {}
            for r in _MERGE.finditer(package.read(part)):
                first, last = _column_index(r.group(1)), _column_index(r.group(3))
                if last > first:
                    ranges[int(r.group(2))] = first
            out[html.unescape(m.group(1).decode())] = ranges
        return out
    except (KeyError, ValueError):
        return {}


def _xlsx_rows(ws) -> list[Row]:
    ws.reset_dimensions()  # trust the cells, not the sheet's stated size
    rows: list[Row] = []
    for fallback, raw in enumerate(ws.iter_rows(), start=1):
        number = next((c.row for c in raw if getattr(c, "row", None)), fallback)
        cells = []
        for i, cell in enumerate(raw):
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            column = getattr(cell, "column", None)
            index = column - 1 if isinstance(column, int) else i
            cells.append(Cell(index, value, getattr(cell, "number_format", None) or "General"))
        if cells:
            rows.append(Row(number, cells))
    return rows


def read_xlsx(path: Path, data: bytes) -> TextDocument:
    """An Excel tracker: every sheet with a header row rendered as table rows (formulas as
    their saved values; cells merged across a row kept as a merged row)."""
    package = open_package(path, data, kind="Excel .xlsx workbook", required="xl/workbook.xml")
    merges = merged_starts(package)
    try:
        blank_formulas = sum(
            len(_FORMULA_NO_VALUE.findall(package.read(name)))
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
    except Exception:  # a damaged part: openpyxl below gives the user the reason
        blank_formulas = 0
    finally:
        package.close()
    import openpyxl

    out = _Out()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = []
                for ws in wb.worksheets:
                    if getattr(ws, "sheet_state", "visible") != "visible":
                        out.warnings.append(f"hidden sheet '{ws.title}' skipped")
                        continue
                    rows = _xlsx_rows(ws)
                    for row in rows:
                        row.merged_from = merges.get(ws.title, {}).get(row.number)
                    sheets.append((ws.title, rows))
            finally:
                wb.close()
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise InputError(f"{path} is not a readable Excel workbook ({detail})") from exc

    tracker_sheets = [t for t, rows in sheets if _header_index(rows) is not None]
    several = len(tracker_sheets) > 1
    for title, rows in sheets:
        sheet = _sheet_ref(title)

        def ref(row: int, sheet: str = sheet) -> str:
            return f"{sheet}!A{row}"

        if title in tracker_sheets:
            _render_table(rows, out, ref, heading=title if several else None)
    if not tracker_sheets:
        out.warnings.append("no sheet has a header row of a tracker (Action, Lead officer, Timescale …); rows kept as tab-separated lines")
        for title, rows in sheets:
            sheet = _sheet_ref(title)
            out.gap()
            _render_plain(rows, out, lambda row, sheet=sheet: f"{sheet}!A{row}")
    if blank_formulas:
        out.warnings.append(
            f"{blank_formulas} formula cell(s) have no saved value and read as empty "
            "(open and save the workbook in Excel to compute them)"
        )
    return _finish(path, out, "xlsx")
