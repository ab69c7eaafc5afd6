"""Ruled tables (``page.find_tables()``, only on pages that draw lines or rectangles): each
table's rows with their cells' text, a cell spanning the whole row a merged row, and the words
outside the tables; the tables numbered, one at the top of a page that carries on the table that
ended the page before, with as many columns, keeping its number."""

from __future__ import annotations

from cpgraph.read.pdf.elements import _Line, _Page, _Table, _Word
from cpgraph.read.pdf.lines import _group, _join


def _tables(page, words: list[_Word], ruled: bool) -> tuple[list[_Table], list[_Word]]:
    """The ruled tables of ``page`` with their cells' text, and the words outside them."""
    if not ruled:
        return [], words
    found = []
    for t in page.find_tables():
        ncols = max((len(r.cells) for r in t.rows), default=0)
        if ncols >= 2 and t.rows:
            found.append(t)
    if not found:
        return [], words
    tables: list[_Table] = []
    inside: set[int] = set()
    for t in found:
        x0, top, x1, bottom = t.bbox
        mine = [k for k, w in enumerate(words)
                if k not in inside and x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
        if not mine:
            continue
        inside.update(mine)
        cells = [(r, c, bbox) for r, row in enumerate(t.rows) for c, bbox in enumerate(row.cells) if bbox]
        texts: dict[tuple[int, int], list[_Word]] = {}
        for k in mine:
            w = words[k]
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            best, where = None, float("inf")
            for r, c, (bx0, btop, bx1, bbottom) in cells:
                dx = max(bx0 - cx, 0.0, cx - bx1)
                dy = max(btop - cy, 0.0, cy - bbottom)
                d = dx + dy
                if d < where:
                    best, where = (r, c), d
                    if d == 0:
                        break
            if best is not None:
                texts.setdefault(best, []).append(w)
        ncols = max(len(r.cells) for r in t.rows)
        rows: list[tuple[tuple[str, ...], bool]] = []
        for r, row in enumerate(t.rows):
            present = [c for c, bbox in enumerate(row.cells) if bbox]
            values = [_cell_text(texts.get((r, c), [])) for c in range(ncols)]
            if not any(values):
                continue
            if len(present) == 1 and ncols > 1:
                bx0, _t, bx1, _b = row.cells[present[0]]
                if bx1 - bx0 > 0.75 * (x1 - x0):  # one cell across the row
                    rows.append(((values[present[0]],), True))
                    continue
            rows.append((tuple(values), False))
        if rows:
            tables.append(_Table(top, bottom, ncols, rows))
    rest = [w for k, w in enumerate(words) if k not in inside]
    return tables, rest


def _cell_text(words: list[_Word]) -> str:
    if not words:
        return ""
    text = ""
    for line in _group(words):
        ws = sorted(line.words, key=lambda w: w.x0)
        part = ws[0].text
        for a, b in zip(ws, ws[1:], strict=False):
            part += ("" if b.x0 - a.x1 < 0.05 * max(b.size, 1.0) else " ") + b.text
        text = _join(text, part)
    return " ".join(text.split())


def _number_tables(pages: list[_Page]) -> None:
    """Number the tables; one at the top of a page that carries on the table that ended the page
    before, with as many columns, keeps its number."""
    number = 0
    last: _Line | _Table | None = None
    for page in pages:
        content = [e for e in page.elements if not (isinstance(e, _Line) and e.furniture)]
        for k, e in enumerate(content):
            if not isinstance(e, _Table):
                continue
            if k == 0 and isinstance(last, _Table) and last.ncols == e.ncols:
                e.number, e.continued = last.number, True
            else:
                number += 1
                e.number = number
        last = content[-1] if content else None


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return [" ".join(x.split()).casefold() for x in a] == [" ".join(x.split()).casefold() for x in b]
