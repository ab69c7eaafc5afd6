"""Page furniture of a PDF: running headers and footers, page numbers and other furniture lines
marked (``_Line.furniture``) so that the writer leaves them out. The rules themselves are those
of ``cpgraph.read.furniture``, which every reader shares."""

from __future__ import annotations

import re

from cpgraph.read import furniture
from cpgraph.read.pdf.elements import _Line, _Page, _Table

_DIGITS = re.compile(r"\d+")


def _mark_furniture(pages: list[_Page]) -> None:
    """Mark running headers and footers, page numbers and other furniture lines: the lines
    ``furniture.running_lines`` finds among the first and last lines of the pages (a table
    counts as lines of its own there, never as furniture), the lines in the top or bottom eighth
    of the page that recur, digits aside, at the same height on most pages, and the lines
    ``furniture.is_furniture`` knows."""
    texts = [[t for e in page.elements for t in
              ([e.text] if isinstance(e, _Line) else [f"\x00{id(e)}:{k}" for k in range(len(e.rows))])]
             for page in pages]
    running = furniture.running_lines(texts)
    conf = furniture.rules()["running_lines"]
    needed = max(conf["min_pages"], conf["share"] * len(pages))
    at_edges: dict[str, list[tuple[int, float]]] = {}
    for p, page in enumerate(pages):
        for e in page.elements:
            if isinstance(e, _Line) and page.height and (e.top < page.height / 8 or e.bottom > page.height * 7 / 8):
                at_edges.setdefault(_DIGITS.sub("#", e.flat.casefold()), []).append((p, e.top))
    recurring: set[tuple[str, int]] = set()
    for key, seen in at_edges.items():
        if len({p for p, _top in seen}) < needed:
            continue
        tops = sorted(top for _p, top in seen)
        usual = tops[len(tops) // 2]
        near = [(p, top) for p, top in seen if abs(top - usual) <= 3]
        if len({p for p, _top in near}) >= needed:
            recurring.update((key, round(top)) for _p, top in near)
    for p, page in enumerate(pages):
        k = 0
        for e in page.elements:
            if isinstance(e, _Table):
                k += len(e.rows)
                continue
            key = (_DIGITS.sub("#", e.flat.casefold()), round(e.top))
            if (p, k) in running or key in recurring or furniture.is_furniture(e.flat):
                e.furniture = True
            k += 1
