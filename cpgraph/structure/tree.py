"""Headings given levels and blocks nested into sections.

A heading's level comes from how strongly it is set apart. A format's own levels (HTML
``h1``-``h6``, Word's heading styles, a PDF's font sizes, Markdown's ``#``) rank first, in their
order; then, in plain text, labelled headings ("Theme: Health", "Priority 1: …"; a label word
seen earlier ranks above one seen later), numbered headings (by depth: "3" above "3.1"),
upper-case headings, headings set apart only by bold, and last plain short lines. The
document's title, when it opens the document, is above everything. A heading sits under the
nearest heading before it that ranks above it.
"""

from __future__ import annotations

from cpgraph.structure.blocks import Block, Heading, Section


def _rank(h: Heading, label_order: dict[str, int]) -> int:
    if h.style == "title":
        return 0
    if h.style == "hint":
        return 10 + h.level
    if h.style == "label":
        word = (h.label or "").split()[0].casefold() if h.label else ""
        return 30 + min(label_order.setdefault(word, len(label_order)), 9)
    if h.style.startswith("number"):
        if h.number and not h.number[0].isdigit():
            return 41  # "A." "IV." lettered sections
        depth = int(h.style[6:]) if h.style[6:].isdigit() else 1
        return 40 + 2 * min(depth, 4)
    if h.style == "caps":
        return 50
    if h.style == "emphasis":
        return 60
    return 70


def assign_levels(blocks: list[Block]) -> None:
    """Set the level of every heading in ``blocks`` (in place), 1 being the outermost.

    The document's first heading, when nothing but blank lines comes before it and it is not
    numbered or labelled, is its title: every other heading sits below it."""
    headings = [b for b in blocks if isinstance(b, Heading)]
    first = headings[0] if headings and blocks[0] is headings[0] else None
    if first is not None and (first.style in ("plain", "caps", "emphasis")
                              or first.style == "hint" and first.level <= 1) \
            and not _opens_a_run_of_siblings(blocks, first):
        first.style = "title"
    label_order: dict[str, int] = {}
    stack: list[int] = []
    for h in headings:
        rank = _rank(h, label_order)
        while stack and stack[-1] >= rank:
            stack.pop()
        stack.append(rank)
        h.level = len(stack)


def _content_kinds(blocks: list[Block], start: int) -> set[str]:
    kinds: set[str] = set()
    for block in blocks[start + 1:]:
        if isinstance(block, Heading):
            break
        kinds.add(type(block).__name__)
    return kinds


def _opens_a_run_of_siblings(blocks: list[Block], first: Heading) -> bool:
    """True when the opening heading is the first of several alike ("Moving home" with its
    list, then "Seeing your family" with its own): it holds the same kind of content as the
    next heading of its style, so it is a section, not the document's title."""
    own = _content_kinds(blocks, 0)
    if not own:
        return False
    for n, block in enumerate(blocks[1:], 1):
        if isinstance(block, Heading) and block.style == first.style and block.level == first.level:
            return _content_kinds(blocks, n) == own
    return False


def build_tree(blocks: list[Block]) -> Section:
    """The section tree of ``blocks`` (levels already assigned): each heading opens a section
    that holds the blocks after it up to the next heading at its level or above."""
    root = Section(None)
    path = [root]
    for block in blocks:
        if isinstance(block, Heading):
            while len(path) > 1 and path[-1].level >= block.level:
                path.pop()
            section = Section(block, parent=path[-1])
            path[-1].children.append(section)
            path.append(section)
        else:
            path[-1].blocks.append(block)
    return root
