"""The structure of a document, read before any meaning: one tree of headings, list items,
paragraphs, labelled fields and tables that every reader produces, each block with its source
line span (``cpgraph extract FILE --format blocks`` prints it)."""

from __future__ import annotations

from cpgraph.read.text import TextDocument
from cpgraph.structure.blocks import Block, Field, Heading, Item, Paragraph, Row, Section, Table
from cpgraph.structure.parse import parse_blocks
from cpgraph.structure.tree import assign_levels, build_tree


def document_blocks(doc: TextDocument) -> list[Block]:
    """The blocks of ``doc`` in order, headings with their levels (computed once per document
    and kept on it)."""
    cached = getattr(doc, "_blocks", None)
    if cached is None:
        cached = parse_blocks(doc.lines, doc.hints)
        assign_levels(cached)
        doc._blocks = cached  # type: ignore[attr-defined]
    return cached


def document_tree(doc: TextDocument) -> Section:
    """The section tree of ``doc``: the root holds what comes before the first heading."""
    return build_tree(document_blocks(doc))


__all__ = ["Block", "Field", "Heading", "Item", "Paragraph", "Row", "Section", "Table",
           "document_blocks", "document_tree"]
