"""Rows offered as a file to download: CSV, an Excel workbook (XLSX) or JSON, with the same
columns in each, and cells a spreadsheet would run as a formula shown as text."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from typing import Any

from fastapi.responses import Response

from cpgraph.errors import InputError
from cpgraph.tabular import safe_cell, to_csv

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "json": "application/json"}
"""The formats a table downloads in, with their media types."""
_WIDEST = 80


def download(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, name: str,
             *, sheet: str = "data") -> Response:
    """``rows`` as the file ``name.fmt`` (an attachment) in ``fmt`` (csv, xlsx or json);
    InputError for any other format."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "csv":
        body: bytes = to_csv(rows, columns).encode("utf-8")
    elif fmt == "xlsx":
        body = to_xlsx(rows, columns, sheet=sheet)
    else:
        body = json.dumps({"total": len(rows), "items": [{c: r.get(c) for c in columns} for r in rows]},
                          ensure_ascii=False, indent=1).encode("utf-8")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:100] or "download"  # a header: nothing but a file name
    return Response(body, media_type=FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{safe}.{fmt}"'})


def to_xlsx(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, sheet: str = "data") -> bytes:
    """An Excel workbook of one sheet: a bold header row that stays in view, a filter on every
    column, widths fitted to the text (up to a limit)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in rows:
        values = [safe_cell(row.get(c)) for c in columns]
        ws.append(values)
        widths = [max(w, min(len(v), _WIDEST)) for w, v in zip(widths, values, strict=True)]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width + 2
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
