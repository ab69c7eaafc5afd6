"""Charts of the report as inline SVG: deterministic text, every label escaped, no scripts, no
external references (an SVG element inside HTML needs no namespace URL)."""

from __future__ import annotations

from html import escape

from cpgraph.analytics.coverage import Coverage
from cpgraph.analytics.overload import PostLoad

_FONT = 'font-family="system-ui, sans-serif" font-size="12"'
_LABEL_CHARS = 46
_CHAR_W = 6.9  # a generous average width of a 12px sans-serif character
_SOLE, _JOINT, _FLAG = "#1f5f8b", "#8fb8d8", "#b3261e"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _label_width(labels) -> int:
    """Room for the longest label (cut at _LABEL_CHARS) left of a chart."""
    longest = max((min(len(x or ""), _LABEL_CHARS) for x in labels), default=10)
    return int(longest * _CHAR_W) + 16


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" width="100%" '
            f'style="max-width:{width}px" {_FONT}><title>{_e(title)}</title>' + "".join(body) + "</svg>")


def load_by_post(loads: list[PostLoad], *, top: int = 15, council_names: dict | None = None) -> str:
    """Horizontal bars of the heaviest owners: sole actions dark, joint light, flagged names red
    with a ⚑ after the count. Each name has its council on a second line."""
    shown = loads[:top]
    if not shown:
        return _empty("Load by post: no owners in the graph")
    names = council_names or {}
    label_w, bar_w, row_h = _label_width(load.label for load in shown), 380, 32
    width, height = label_w + bar_w + 60, 30 + row_h * len(shown) + 10
    most = max(max(load.actions for load in shown), 1)
    body = [f'<text x="0" y="16" font-weight="bold">Actions per owner (top {len(shown)}; dark = sole, light = joint)</text>']
    for i, load in enumerate(shown):
        y = 28 + i * row_h
        sole_w = bar_w * load.sole / most
        joint_w = bar_w * load.joint / most
        colour = _FLAG if load.flags else "#222"
        council = names.get(load.council, load.council or "shared")
        rules = ", ".join(f["rule"] for f in load.flags)
        tip = (f"{load.label} ({council}): {load.actions} actions ({load.sole} sole, {load.joint} joint), "
               f"weighted {load.weighted:g}" + (f"; flags: {rules}" if rules else ""))
        body.append(f'<g><title>{_e(tip)}</title>'
                    f'<text x="{label_w - 8}" y="{y + 12}" text-anchor="end" fill="{colour}">{_e(_cut(load.label, _LABEL_CHARS))}</text>'
                    f'<text x="{label_w - 8}" y="{y + 25}" text-anchor="end" fill="#666" font-size="10">{_e(_cut(council, _LABEL_CHARS))}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{sole_w:.1f}" height="{row_h - 10}" fill="{_SOLE}"/>'
                    f'<rect x="{label_w + sole_w:.1f}" y="{y + 4}" width="{joint_w:.1f}" height="{row_h - 10}" fill="{_JOINT}"/>'
                    f'<text x="{label_w + sole_w + joint_w + 4:.1f}" y="{y + 18}">{load.actions}'
                    f'{" ⚑" if load.flags else ""}</text></g>')
    return _svg(width, height, "Load by post", body)


def load_by_quarter(loads: list[PostLoad], *, quarter_limit: int, top: int = 12) -> str:
    """A grid of the busiest owners (rows) by calendar quarter (columns): the number of actions
    due, shaded by count; cells above ``quarter_limit`` are outlined in red."""
    shown = [load for load in loads if load.due_by_quarter][:top]
    quarters = sorted({q for load in shown for q in load.due_by_quarter})
    if not shown or not quarters:
        return _empty("Load by quarter: no dated actions")
    label_w, cell_w, cell_h = _label_width(load.label for load in shown), 64, 24
    width = label_w + cell_w * len(quarters) + 10
    height = 44 + cell_h * len(shown) + 10
    most = max(max(load.due_by_quarter.values()) for load in shown)
    body = [f'<text x="0" y="16" font-weight="bold">Actions due per quarter (red outline: more than {quarter_limit})</text>']
    for j, q in enumerate(quarters):
        body.append(f'<text x="{label_w + j * cell_w + cell_w / 2:.0f}" y="36" text-anchor="middle">{_e(q)}</text>')
    for i, load in enumerate(shown):
        y = 42 + i * cell_h
        body.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end"><title>{_e(load.label)} '
                    f'({_e(load.council or "shared")})</title>{_e(_cut(load.label, _LABEL_CHARS))}</text>')
        for j, q in enumerate(quarters):
            n = load.due_by_quarter.get(q, 0)
            x = label_w + j * cell_w
            shade = _shade(n, most)
            stroke = f' stroke="{_FLAG}" stroke-width="3"' if n > quarter_limit else ' stroke="#fff"'
            text_colour = "#fff" if n and n / most > 0.55 else "#222"
            body.append(f'<g><title>{_e(f"{load.label}: {n} action(s) due in {q}")}</title>'
                        f'<rect x="{x + 1}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{shade}"{stroke}/>'
                        f'<text x="{x + cell_w / 2:.0f}" y="{y + 16}" text-anchor="middle" fill="{text_colour}">'
                        f'{n if n else ""}</text></g>')
    return _svg(width, height, "Load by quarter", body)


def coverage_heatmap(coverage: Coverage) -> str:
    """Councils (rows) by themes then statutory principles (columns): actions per cell, shaded;
    a cell nothing covers is marked with a red dash."""
    columns = [*coverage.themes, *coverage.principles]
    if not coverage.councils or not columns:
        return _empty("Coverage: no councils in the graph")
    label_w, cell_w, cell_h, head_h = _label_width(c.label for c in coverage.councils), 40, 24, 185
    width = label_w + cell_w * len(columns) + 110
    height = head_h + cell_h * len(coverage.councils) + 30
    most = max([1] + [c.actions for council in coverage.councils for c in (*council.themes, *council.principles)])
    body = ['<text x="0" y="16" font-weight="bold">Actions per theme and statutory principle (red dash: not covered)</text>']
    for j, (key, label) in enumerate(columns):
        x = label_w + j * cell_w + cell_w / 2
        short = key.replace("cpp_", "principle ") if key.startswith("cpp_") else _cut(label, 24)
        body.append(f'<text transform="translate({x + 4:.0f},{head_h - 6}) rotate(-60)"><title>{_e(label)}</title>'
                    f'{_e(short)}</text>')
    sep = label_w + cell_w * len(coverage.themes)
    for i, council in enumerate(coverage.councils):
        y = head_h + i * cell_h
        body.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end"><title>{_e(council.label)}</title>'
                    f'{_e(_cut(council.label, _LABEL_CHARS))}</text>')
        for j, cell in enumerate((*council.themes, *council.principles)):
            x = label_w + j * cell_w
            tip = f"{council.label} — {cell.label}: {cell.actions} action(s), {cell.pledges} pledge(s)"
            if cell.covered:
                colour = "#fff" if cell.actions / most > 0.55 else "#222"
                inner = f'<text x="{x + cell_w / 2:.0f}" y="{y + 16}" text-anchor="middle" fill="{colour}">{cell.actions}</text>'
            else:
                inner = f'<text x="{x + cell_w / 2:.0f}" y="{y + 16}" text-anchor="middle" fill="{_FLAG}">–</text>'
            body.append(f'<g><title>{_e(tip)}</title><rect x="{x + 1}" y="{y}" width="{cell_w - 2}" '
                        f'height="{cell_h - 2}" fill="{_shade(cell.actions, most)}" stroke="#fff"/>{inner}</g>')
    body.append(f'<line x1="{sep}" y1="{head_h - 4}" x2="{sep}" y2="{height - 24}" stroke="#222" stroke-width="2"/>')
    return _svg(width, height, "Coverage of themes and principles", body)


def _shade(n: int, most: int) -> str:
    """White for 0, then lighter to darker blue with the count."""
    if n <= 0 or most <= 0:
        return "#f4f4f4"
    t = min(n / most, 1.0)
    r, g, b = (int(225 - t * (225 - 31)), int(236 - t * (236 - 95)), int(246 - t * (246 - 139)))
    return f"#{r:02x}{g:02x}{b:02x}"


def _empty(message: str) -> str:
    return _svg(400, 30, message, [f'<text x="0" y="18">{_e(message)}</text>'])
