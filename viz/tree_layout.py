"""Positions for a family tree drawn left to right, computed here rather than by vis-network: one
block per council (a column per level, each item beside what it belongs to) and the blocks in a
grid about as wide as a screen is, so the whole corpus is a set of trees side by side, not a
column hundreds of boxes tall that no zoom can make readable.

Within a block the actions are stacked in the order the tree met them (pledge by pledge); every
other node sits level with the mean of its neighbours already placed (a pledge beside its
actions, a post beside the actions it owns), pushed down just enough not to overlap.
"""

from __future__ import annotations

import math
from collections import defaultdict

from viz.viewgraph import View

COLUMN = 290
"""Distance between two levels (columns), in canvas pixels: a box is at most 230 wide."""
GAP = 12
"""Least vertical space between two boxes of a column."""
BLOCK_GAP_X, BLOCK_GAP_Y = 240, 200
"""Space between two councils' blocks (room for the column headings above a block)."""
HEADING_ABOVE = 45
"""How far above a block its column headings are drawn."""
SCREEN_ASPECT = 1.15
"""Width over height of the space the graph is shown in: the grid of blocks aims at it."""
_PLACE_ORDER = (5, 4, 6, 3, 2, 1, 0)
"""Levels placed in turn: actions first (the longest column), then what hangs off them."""


def place(view: View, roots: list[str]) -> None:
    """Set ``x``/``y`` of every node of ``view`` (nodes carry their ``level``): a block per root
    (council), blocks in a grid whose shape is closest to ``SCREEN_ASPECT``; record the column
    headings of each block and where the page starts (the first block's top-right corner)."""
    block_of = _blocks(view, roots)
    blocks = []
    for root in roots:
        members = [key for key, b in block_of.items() if b == root]
        if members:
            blocks.append(_layout_block(view, members))
    if not blocks:
        return
    cell_w = max(w for _, w, _ in blocks) + BLOCK_GAP_X
    across = _columns(blocks, cell_w)
    top = 0.0
    for row_start in range(0, len(blocks), across):
        row = blocks[row_start:row_start + across]
        for index, (positions, _w, _h) in enumerate(row):
            left = index * cell_w
            for key, (x, y) in positions.items():
                view.nodes[key].x, view.nodes[key].y = x + left, y + top
            levels = sorted({view.nodes[key].level or 0 for key in positions})
            view.headings.extend((left + level * COLUMN, top - HEADING_ABOVE, top + _h, view.level_names[level])
                                 for level in levels if level in view.level_names)
            if view.start is None:  # the first council's pledges, actions and owners
                view.start = (left + _w, top - HEADING_ABOVE)
        top += max(h for _, _, h in row) + BLOCK_GAP_Y


def _blocks(view: View, roots: list[str]) -> dict[str, str]:
    """Each node's block: the first root (in order) from which it is reached, walking the
    view's edges either way; themes and other shared nodes join the first council using them."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges.values():
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    block_of: dict[str, str] = {}
    for root in roots:
        if root not in view.nodes or root in block_of:
            continue
        block_of[root] = root
        frontier = [root]
        while frontier:
            nxt = []
            for key in frontier:
                for other in neighbours[key]:
                    # never through another council, nor on through a shared hub (a theme):
                    # its other councils' items are theirs
                    if other in block_of or view.nodes[other].level == 0:
                        continue
                    block_of[other] = root
                    if view.nodes[other].kind not in ("theme", "principle", "agency"):
                        nxt.append(other)
            frontier = nxt
    last = roots[-1] if roots else None
    for key in view.nodes:  # anything unreached (nothing should be) goes with the last council
        block_of.setdefault(key, last)
    return block_of


def _layout_block(view: View, members: list[str]) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions (relative to the block's top-left), width and height of one council's tree."""
    inside = set(members)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges.values():
        if edge.source in inside and edge.target in inside:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)
    columns: dict[int, list[str]] = defaultdict(list)
    for key in members:  # in the order the view met them: parents before children
        columns[view.nodes[key].level or 0].append(key)
    y: dict[str, float] = {}
    for level in [*_PLACE_ORDER, *sorted(set(columns) - set(_PLACE_ORDER))]:
        wanted = []
        for order, key in enumerate(columns.get(level, [])):
            placed = [y[o] for o in neighbours[key] if o in y]
            wanted.append((sum(placed) / len(placed) if placed else math.inf, order, key))
        bottom = 0.0
        for want, _order, key in sorted(wanted):
            h = height(view.nodes[key].label, view.nodes[key].kind)
            centre = max(want if want != math.inf else 0.0, bottom + h / 2)
            y[key] = centre
            bottom = centre + h / 2 + GAP
    positions = {key: ((view.nodes[key].level or 0) * COLUMN, y[key]) for key in members}
    top = min((py - height(view.nodes[k].label, view.nodes[k].kind) / 2 for k, (_, py) in positions.items()),
              default=0.0)
    positions = {k: (px, py - top) for k, (px, py) in positions.items()}
    bottom = max((py + height(view.nodes[k].label, view.nodes[k].kind) / 2 for k, (_, py) in positions.items()),
                 default=0.0)
    return positions, max(columns) * COLUMN + 230, bottom


def height(label: str, kind: str) -> float:
    """About how tall vis-network draws a node with ``label`` (wrapped to its width limit)."""
    size = 12 if kind in ("action", "measure") else 14
    per_line = max(1, int((150 if kind in ("role", "theme", "unit", "agency") else 230) / (size * 0.55)))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in label.split("\n"))
    return lines * size * 1.2 + 14


def _columns(blocks: list[tuple[dict, float, float]], cell_w: float) -> int:
    """How many blocks across makes the grid's shape closest to the screen's."""
    best, best_score = 1, math.inf
    for across in range(1, len(blocks) + 1):
        rows = [blocks[i:i + across] for i in range(0, len(blocks), across)]
        width = across * cell_w
        tall = sum(max(h for _, _, h in row) + BLOCK_GAP_Y for row in rows)
        score = abs(math.log(width / max(tall, 1.0) / SCREEN_ASPECT))
        if score < best_score:
            best, best_score = across, score
    return best
