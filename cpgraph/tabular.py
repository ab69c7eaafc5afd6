"""Rows of results printed as a table, JSON or CSV (the ``--format`` of every command)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A cell value for CSV/XLSX: text that a spreadsheet would run as a formula is prefixed
    with ``'`` so it shows as text (CSV injection)."""
    text = "" if value is None else ("; ".join(map(str, value)) if isinstance(value, list | tuple) else str(value))
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every key that appears in any row, in first-seen order (unbound values leave gaps)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row; formula-like cells neutralised."""
    columns = list(columns or columns_of(rows))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, *, max_width: int = 60) -> str:
    """A plain-text table with a header and aligned columns; long cells are cut with '…'."""
    columns = list(columns or columns_of(rows))
    if not rows:
        return "(no rows)"

    def cell(v: Any) -> str:
        text = "" if v is None else ("; ".join(map(str, v)) if isinstance(v, list | tuple) else str(v))
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(b) for b in body)])


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows rendered in ``fmt`` ("table", "json" or "csv")."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        return to_csv(rows, columns)
    return to_table(rows, columns)
