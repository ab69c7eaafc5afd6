"""The block tree as text a person can read: why a document read as it did."""

from __future__ import annotations

from cpgraph.structure.blocks import Block, Field, Heading, Item, Paragraph, Section, Table

_WIDTH = 100


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _lines(block: Block, indent: str) -> list[str]:
    span = f"{block.start}-{block.end}" if block.end != block.start else f"{block.start}"
    where = f"{span:>9}  "
    if isinstance(block, Heading):
        prefix = f"H{block.level} "
        if block.number:
            prefix += f"[{block.number}] "
        return [f"{where}{indent}{prefix}{_cut(block.title, _WIDTH)}"]
    if isinstance(block, Item):
        pad = "  " * block.depth
        return [f"{where}{indent}{pad}{block.marker} {_cut(block.text, _WIDTH - len(pad))}"]
    if isinstance(block, Field):
        return [f"{where}{indent}field {block.label}: {_cut(block.value, _WIDTH - len(block.label))}"]
    if isinstance(block, Paragraph):
        kind = "lead-in" if block.lead_in else "para"
        return [f"{where}{indent}{kind} {_cut(block.text, _WIDTH)}"]
    assert isinstance(block, Table)
    out = [f"{where}{indent}table {len(block.header)} columns, {len(block.rows)} rows: "
           + _cut(" | ".join(block.header), _WIDTH)]
    for row in block.rows:
        span = f"{row.start}-{row.end}" if row.end != row.start else f"{row.start}"
        cells = "(merged) " + row.cells[0] if row.merged else " | ".join(row.cells)
        out.append(f"{span:>9}  {indent}  row {_cut(cells, _WIDTH)}")
    return out


def format_tree(root: Section) -> str:
    """The section tree, one block a line: its line span, then the block indented under its
    heading (``H2 [3] Your health``, ``• item``, ``field Lead: …``, ``para …``, ``table …``)."""
    out: list[str] = []

    def walk(section: Section, depth: int) -> None:
        indent = "  " * depth
        if section.heading is not None:
            out.extend(_lines(section.heading, "  " * (depth - 1)))
        for block in section.blocks:
            out.extend(_lines(block, indent))
        for child in section.children:
            walk(child, depth + 1)

    walk(root, 0)
    return "\n".join(out) + ("\n" if out else "")


def summary(blocks: list[Block]) -> dict[str, int]:
    """How many blocks of each kind (``heading``, ``item``, ``paragraph``, ``field``, ``table``)."""
    counts = {"heading": 0, "item": 0, "paragraph": 0, "field": 0, "table": 0}
    for b in blocks:
        counts[b.kind] += 1
    return counts
