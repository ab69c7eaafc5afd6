"""Unruled tables, a part of the writer (``_Writer`` takes these methods from ``_Zones``): lines
with wide gaps, with the lines that carry on their cells, laid out as text columns so the text
parser reads them as a table, or written as table rows where padding sets the rows apart."""

from __future__ import annotations

from cpgraph.read.pdf.elements import _Line
from cpgraph.read.pdf.lines import _join
from cpgraph.read.pdf.tables import _same
from cpgraph.read.text import LineHint


class _Zones:
    """The unruled tables of ``_Writer``: methods that use its output (``add``, ``blank``), its
    list stack, metrics (``m``), ``heading_kind`` and its count of tables written as rows."""

    def zone(self, seq, i: int) -> int:
        """An unruled table: the lines with wide gaps and the lines that carry on their cells,
        laid out as text columns (each column as wide as its longest cell, three spaces apart).
        Where the rows are set apart by more space than the lines of a cell, the lines of each row
        are joined into one; otherwise each line keeps its own and the text parser joins the
        lines that carry a cell on."""
        p, e = seq[i]
        self.stack.clear()
        cols = sorted(x for x, _t in e.segments)
        lines = [e]
        j = i + 1
        page = p
        while j < len(seq):
            q, nxt = seq[j]
            if not isinstance(nxt, _Line) or nxt.bullet:
                break
            last = lines[-1]
            if q != page:
                # a table carried on at the top of the next page, its header row set again
                if q != page + 1 or not self.aligned_row(nxt, cols):
                    break
                page = q
                if _same(tuple(t for _x, t in nxt.segments), tuple(t for _x, t in e.segments)):
                    j += 1
                    continue
            elif nxt.top - last.bottom > (self.m.gap + 1.2) * max(nxt.size, last.size) and not (
                    nxt.top - last.bottom < 3 * nxt.size and self.padded_row(seq, j, cols)):
                break
            if len(nxt.segments) == 1 and (
                    not any(abs(nxt.x0 - x) <= 4 for x in cols)
                    or (abs(nxt.x0 - cols[0]) <= 4 and self.heading_kind(nxt)
                        and not self.padded_row(seq, j, cols))):
                break
            if len(nxt.segments) > 1:
                cols = sorted(cols + [x for x, _t in nxt.segments if all(abs(x - c) > 4 for c in cols)])
            lines.append(nxt)
            j += 1
        cells: list[dict[int, str]] = []
        for line in lines:
            placed: dict[int, str] = {}
            for x, text in line.segments:
                k = max((n for n, c in enumerate(cols) if c <= x + 4), default=0)
                placed[k] = f"{placed[k]} {text}" if k in placed else text
            cells.append(placed)
        rows: list[dict[int, str]] = []
        groups, certain = self.row_groups(lines, cells)
        for group in groups:
            row: dict[int, str] = {}
            for n in group:
                for k, text in cells[n].items():
                    row[k] = _join(row.get(k, ""), text)
            rows.append(row)
        if certain and any(len(g) > 1 for g in groups) and len(rows) > 2:
            self.padded_table(rows, [lines[g[0]] for g in groups], len(cols), p)
            return j
        widths = [max((len(r.get(k, "")) for r in rows), default=0) for k in range(len(cols))]
        starts = [0]
        for w in widths[:-1]:
            starts.append(starts[-1] + w + 3)
        for row in rows:
            out = ""
            for k in sorted(row):
                out += " " * max(starts[k] - len(out), 3 if out else 0) + row[k]
            self.add(out, p)
        self.blank()
        return j

    def padded_table(self, rows: list[dict[int, str]], firsts: list[_Line], ncols: int, p: int) -> None:
        """An unruled table whose rows are set apart by padding, so that its rows are known:
        written as table rows, a line alone in the first column across the table (a priority
        over the rows after it) as a merged row."""
        self.blank()
        self.zones += 1
        number = -self.zones  # apart from the numbers of ruled tables
        header = True
        for row, first in zip(rows, firsts, strict=True):
            cells = [row.get(k, "") for k in range(ncols)]
            merged = not header and set(row) == {0} and ncols > 1 and (
                first.bold or self.heading_kind(first) is not None)
            text = cells[0] if merged else "\t".join(cells)
            self.add(text, p, LineHint("row", table=number, cells=[cells[0]] if merged else cells,
                                       header=header, merged=merged))
            header = False
        self.blank()

    def aligned_row(self, line: _Line, cols: list[float]) -> bool:
        """True when ``line`` has two or more pieces apart, at least two of them starting where
        the columns ``cols`` start: a row of the same table."""
        return len(line.segments) > 1 and sum(
            1 for x, _t in line.segments if any(abs(x - c) <= 4 for c in cols)) >= 2

    def padded_row(self, seq, j: int, cols: list[float]) -> bool:
        """True when ``seq[j]``, though set well apart from the line above, is a row of the
        unruled table above: its rows are padded (a row of its columns), or it is a line across
        the table (a priority over the rows that follow) with a row of the columns after it."""
        q, line = seq[j]
        if self.aligned_row(line, cols):
            return True
        if len(line.segments) != 1 or abs(line.x0 - cols[0]) > 4 or j + 1 >= len(seq):
            return False
        q2, after = seq[j + 1]
        return q2 in (q, q + 1) and isinstance(after, _Line) and self.aligned_row(after, cols)

    def row_groups(self, lines: list[_Line], cells: list[dict[int, str]]) -> tuple[list[list[int]], bool]:
        """The lines of each row of an unruled table, and whether the rows are certain: apart
        where the space between two lines is clearly more than the least (the rows' padding),
        when that happens at least twice; a group in which two lines fill every column it uses
        is two rows after all (rows set with no padding), and its lines stay apart (the rows are
        then uncertain: the text parser decides which lines carry a cell on)."""
        single = [[n] for n in range(len(lines))]
        if len(lines) < 3:
            return single, False
        # a negative pitch is the top of the next page: a new row starts there
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
        least = min((pitch for pitch in pitches if pitch > 0), default=0.0)
        breaks = [n + 1 for n, pitch in enumerate(pitches)
                  if pitch <= 0 or pitch > least + 0.3 * lines[n].size]
        if len(breaks) < 2:
            return single, False
        groups: list[list[int]] = []
        certain = True
        for a, b in zip([0, *breaks], [*breaks, len(lines)], strict=False):
            group = list(range(a, b))
            used = set().union(*(cells[n] for n in group))
            if sum(1 for n in group if set(cells[n]) == used) > 1 and len(group) > 1:
                groups.extend([n] for n in group)
                certain = False
            else:
                groups.append(group)
        return groups, certain
