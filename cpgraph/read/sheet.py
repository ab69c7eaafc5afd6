"""Spreadsheet action trackers (.csv, .xlsx), rendered as the labelled-field lines of an action
plan so the action-plan layout reads them like any other plan::

    Pledge 1

    <pledge text>

    Action: <text>
    Responsible officer: <owner>
    Timeline: <due>
    ...

The header row is found with the synonyms in ``data/lexicon/tracker_columns.json``.
``TextDocument.locators`` maps each rendered line to its cell ("Tracker!B5"; CSV "row 5").
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
from functools import cache
from pathlib import Path
from typing import Any

from cpgraph import lexicon
from cpgraph.errors import InputError
from cpgraph.read.plain import decode_text
from cpgraph.read.safety import open_package
from cpgraph.read.text import TextDocument

_SPACE = re.compile(r"\s+")
_TRIM = " \t:?*."
_PAREN = re.compile(r"\([^)]*\)")
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.):\-–]?\s+(.*)$|^(\d{1,3})\s*[.):]?$")
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


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


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip(_TRIM).strip().casefold()


@dataclass(frozen=True)
class _Rules:
    synonyms: dict[str, str]  # normalised header -> kind
    labels: dict[str, str]  # kind -> canonical label
    order: list[str]
    stop_words: frozenset[str]
    rag_values: dict[str, str]
    search_rows: int
    min_matches: int


@cache
def _rules() -> _Rules:
    data = lexicon.load("tracker_columns")
    synonyms: dict[str, str] = {}
    labels: dict[str, str] = {}
    for kind, spec in data["columns"].items():
        labels[kind] = spec["label"]
        for header in spec["headers"]:
            synonyms.setdefault(_norm(header), kind)
    return _Rules(
        synonyms=synonyms,
        labels=labels,
        order=list(data["order"]),
        stop_words=frozenset(data["prefix_stop_words"]),
        rag_values={k.casefold(): v for k, v in data["rag_values"].items()},
        search_rows=int(data["header_search_rows"]),
        min_matches=int(data["min_header_matches"]),
    )


def column_kind(header: str) -> str | None:
    """The kind of column a header cell names ("owner" for "Lead officer"), or None."""
    rules = _rules()
    synonyms, stop_words = rules.synonyms, rules.stop_words
    text = _norm(header)
    if not text:
        return None
    if text in synonyms:
        return synonyms[text]
    bare = _norm(_PAREN.sub(" ", text))
    if bare in synonyms:
        return synonyms[bare]
    for synonym in sorted(synonyms, key=len, reverse=True):
        if bare.startswith(synonym) and len(bare) > len(synonym) and not bare[len(synonym)].isalnum():
            rest = bare[len(synonym):].strip(" /-–,&").split()
            if not rest or rest[0] not in stop_words:
                return synonyms[synonym]
    return None


def header_columns(row: Row) -> dict[int, str] | None:
    """Column index -> kind if ``row`` is a tracker header row, else None."""
    kinds: dict[int, str] = {}
    for cell in row.cells:
        if isinstance(cell.value, str) and (kind := column_kind(cell.value)):
            kinds[cell.column] = kind
    return kinds if len(kinds) >= _rules().min_matches else None


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
    warnings: list[str] = field(default_factory=list)
    pledge_number: int = 0

    def emit(self, text: str = "", locator: str | None = None) -> None:
        self.lines.append(text)
        if locator and text:
            self.locators[len(self.lines)] = locator

    def gap(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def _pledge_parts(text: str, heading: re.Pattern[str]) -> tuple[int | None, str]:
    if m := heading.match(text):
        return int(m.group(1)), m.group(2).strip()
    if m := _NUMBERED.match(text):
        return int(m.group(1) or m.group(3)), (m.group(2) or "").strip()
    return None, text


@cache
def _pledge_heading() -> re.Pattern[str]:
    return re.compile(lexicon.load("fields")["pledge_heading"], re.IGNORECASE)


def _render_table(rows: Iterable[Row], out: _Out, ref: Callable[[int, int | None], str],
                  *, sheet_pledge: str | None = None) -> bool:
    """Render a tracker's rows into ``out``; False if no header row was found (nothing done)."""
    rules = _rules()
    labels, order, rag_values = rules.labels, rules.order, rules.rag_values
    rows = list(rows)
    start = None
    columns: dict[int, str] = {}
    for i, row in enumerate(rows[: rules.search_rows]):
        if found := header_columns(row):
            start, columns = i, found
            break
    if start is None:
        return False
    headers = {c.column: cell_text(c) for c in rows[start].cells}
    current_pledge: str | None = None
    pending_sheet_pledge = sheet_pledge if "pledge" not in columns.values() else None
    for row in rows[start + 1:]:
        if found := header_columns(row):  # a second table further down the sheet
            columns = found
            headers = {c.column: cell_text(c) for c in row.cells}
            continue
        by_column = {c.column: c for c in row.cells}
        values: dict[str, list[tuple[str, int]]] = {}
        extras: list[tuple[str, str, int]] = []
        for col, cell in sorted(by_column.items()):
            kind = columns.get(col)
            text = cell_text(cell, kind)
            if not text:
                continue
            if kind:
                values.setdefault(kind, []).append((text, col))
            elif headers.get(col):
                extras.append((headers[col], text, col))
        if not values and not extras:
            continue
        if pending_sheet_pledge:
            _emit_pledge(out, pending_sheet_pledge, ref(row.number, None))
            pending_sheet_pledge = None
        pledge = values.pop("pledge", None)
        if pledge:
            text = "; ".join(t for t, _c in pledge)
            if text.casefold() != (current_pledge or "").casefold():
                current_pledge = text
                _emit_pledge(out, text, ref(row.number, pledge[0][1]))
        if not values and not extras:
            continue
        if "status" in values and "rag" not in values:
            colour = rag_values.get(values["status"][0][0].casefold())
            if colour and len(values["status"]) == 1:
                values["rag"] = [(colour, values.pop("status")[0][1])]
        if "rag" in values:
            values["rag"] = [(rag_values.get(t.casefold(), t), c) for t, c in values["rag"]]
        for kind in order:
            if kind in values:
                parts = values[kind]
                out.emit(f"{labels[kind]}: " + "; ".join(t for t, _c in parts), ref(row.number, parts[0][1]))
        for header, text, col in extras:
            out.emit(f"{header}: {text}", ref(row.number, col))
        out.gap()
    return True


def _emit_pledge(out: _Out, text: str, locator: str) -> None:
    number, title = _pledge_parts(text, _pledge_heading())
    number = number if number is not None else out.pledge_number + 1
    out.pledge_number = max(out.pledge_number, number)
    out.gap()
    out.emit(f"Pledge {number}", locator)
    out.emit("")
    if title:
        out.emit(title, locator)
        out.emit("")


def _render_plain(rows: Iterable[Row], out: _Out, ref: Callable[[int, int | None], str]) -> None:
    for row in rows:
        cells = [""] * (max((c.column for c in row.cells), default=-1) + 1)
        for c in row.cells:
            cells[c.column] = cell_text(c)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            out.emit("\t".join(cells), ref(row.number, None))


def _finish(path: Path, out: _Out, fmt: str) -> TextDocument:
    while out.lines and not out.lines[-1]:
        out.lines.pop()
    doc = TextDocument(source=path.name, lines=out.lines, format=fmt, locators=out.locators)
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
    search_rows = _rules().search_rows
    best, best_score = ",", (False, 0, 0)
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = _csv_rows(sample, delimiter)
        except csv.Error:
            continue
        widths = Counter(max((c.column for c in r.cells), default=0) + 1 for r in rows if r.cells)
        width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0])) if widths else (1, 0)
        header = any(header_columns(r) for r in rows[:search_rows])
        score = (header, count if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, data: bytes) -> TextDocument:
    """A CSV tracker (comma, semicolon, tab or bar separated) rendered as labelled lines."""
    text = decode_text(data, path)
    try:
        rows = _csv_rows(text, _delimiter(text))
    except csv.Error as exc:
        raise InputError(f"{path}: a CSV record cannot be read ({exc})") from exc
    out = _Out()

    def ref(row: int, _col: int | None) -> str:
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


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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
    """An Excel tracker: every sheet with a header row rendered as labelled lines (formulas as
    their saved values)."""
    package = open_package(path, data, kind="Excel .xlsx workbook", required="xl/workbook.xml")
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
                    sheets.append((ws.title, _xlsx_rows(ws)))
            finally:
                wb.close()
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else exc.__class__.__name__
        raise InputError(f"{path} is not a readable Excel workbook ({detail})") from exc

    tracker_sheets = [t for t, rows in sheets if any(header_columns(r) for r in rows[: _rules().search_rows])]
    several = len(tracker_sheets) > 1
    for title, rows in sheets:
        sheet = _sheet_ref(title)

        def ref(row: int, col: int | None, sheet: str = sheet) -> str:
            return f"{sheet}!{_column_letter(col or 0)}{row}"

        if title in tracker_sheets:
            _render_table(rows, out, ref, sheet_pledge=title if several else None)
    if not tracker_sheets:
        out.warnings.append("no sheet has a header row of a tracker (Action, Lead officer, Timescale …); rows kept as tab-separated lines")
        for title, rows in sheets:
            sheet = _sheet_ref(title)
            out.gap()
            _render_plain(rows, out, lambda row, _col, sheet=sheet: f"{sheet}!A{row}")
    if blank_formulas:
        out.warnings.append(
            f"{blank_formulas} formula cell(s) have no saved value and read as empty "
            "(open and save the workbook in Excel to compute them)"
        )
    return _finish(path, out, "xlsx")
