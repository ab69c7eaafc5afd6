"""Councils × themes and statutory principles: a grid with one column per council and one row
per theme, then per principle; each cell counts the council's pledges and actions on it (the
analytics coverage), and a gap (none) is a white cell with a red dashed border, so holes show
at a glance. Concepts run down the side because their names are long and there are ~20 of
them; councils run across, a handful at a time (``--council``, ``--top``).

A council none of whose documents was read as a plan (nothing in them was recognised) is not a
column of gaps: its column and cells say "not read", in grey, with the message saying what was
read and how to see why."""

from __future__ import annotations

from viz.describe import not_read_notes
from viz.facade import Facts
from viz.style import coverage_colour
from viz.viewgraph import View, ViewNode, clean_text, natural_key, short, tooltip

MAX_NODES = 1500
"""Above this many nodes the grid is replaced by one summary column over all councils."""
COLUMN_W, ROW_H, HEADER_H, ROW_HEADER_W = 150, 42, 70, 330


def build(facts: Facts, *, focus: str | None = None, council: str | None = None,
          theme: str | None = None, top: int | None = None, max_nodes: int = MAX_NODES) -> View:
    """The coverage grid of every council (or one ``council``; or the ``top`` councils with the
    most gaps), over every theme and principle (or one ``theme``)."""
    del focus
    coverage = facts.analytics.coverage()
    concepts = _concept_nodes(facts, coverage)
    if theme:
        wanted = facts.concept(theme)
        concepts = [c for c in concepts if c[0] == wanted]
    councils = coverage.councils
    if council:
        wanted_council = facts.council(council)
        councils = [c for c in councils if c.iri == wanted_council]
    cells = {(c.iri, cell.key): cell for c in councils for cell in (*c.themes, *c.principles)}

    def count(row, key: str) -> int:
        cell = cells.get((row.iri, key))
        return cell.actions + cell.pledges if cell else 0

    def gaps(row) -> int:
        return 0 if row.nothing_read else sum(1 for _, k in concepts if not count(row, k))

    view = View("coverage", "Coverage: councils × themes and statutory principles", "fixed")
    if top:  # councils not read have no known gaps: they come last
        councils = sorted(councils, key=lambda c: (c.nothing_read, -gaps(c), natural_key(c.iri)))[:top]
        view.notes.append(f"The {len(councils)} councils with the most gaps, most first.")
    if theme and concepts:
        view.notes.append(f"Only “{facts.concept_label(concepts[0][0])}”.")
    view.notes.extend(_not_read_notes(councils))
    if not council and not top and len(councils) * (len(concepts) + 1) + len(concepts) > max_nodes:
        return _summary(facts, councils, concepts, count, max_nodes, view.notes)
    _row_headers(view, facts, concepts)
    for col, c in enumerate(councils):
        x = ROW_HEADER_W + col * COLUMN_W
        if c.nothing_read:
            _not_read_column(view, facts, c, concepts, x)
            continue
        missing = [facts.concept_label(node) for node, key in concepts if not count(c, key)]
        extra = (f"Not covered ({len(missing)}): " + "; ".join(missing) if missing
                 else "Covers every row.")
        extra += f"\n{c.pledges} pledge(s), {c.actions} action(s) in all"
        extra += "".join(f"\nNot read as a plan: {clean_text(n.message)}" for n in c.not_read)
        tip = tooltip(facts.graph, c.iri, extra) if c.iri in facts.graph else f"{c.label}\n{extra}"
        view.add_node(ViewNode(c.iri, "council", short(clean_text(c.label), 48), tip, x=x, y=0))
        for row, (node, key) in enumerate(concepts):
            cell = cells.get((c.iri, key))
            actions, pledges = (cell.actions, cell.pledges) if cell else (0, 0)
            total = actions + pledges
            head = f"{clean_text(c.label)} — {facts.concept_label(node)}"
            detail = (f"{pledges} pledge(s), {actions} action(s) about it" if total
                      else "Gap: no pledge or action of this council is about it.")
            most = max((count(other, key) for other in councils), default=1)
            view.add_node(ViewNode(f"{c.iri}|{key}", "cell", str(total) if total else "gap",
                                   f"{head}\n{detail}", flags=() if total else ("gap",),
                                   x=x, y=_y(row, concepts, facts),
                                   fill=coverage_colour(total, most)))
    return view


NOT_READ_FILL = "#e9ecef"


def _not_read_notes(councils) -> list[str]:
    """One note per document not read as a plan among ``councils`` (what was read instead), at
    most ``MAX_NOTES`` and then how many more."""
    return not_read_notes([n for c in councils for n in c.not_read],
                          "its cells are unknown, not gaps")


def _not_read_column(view: View, facts: Facts, c, concepts: list[tuple[str, str]], x: float) -> None:
    """The column of a council none of whose documents was read: a grey header and grey
    "not read" cells, each saying why, never red gaps."""
    why = "\n".join(f"Not read as a plan: {clean_text(n.message)}" for n in c.not_read)
    unknown = ("Nothing in its documents was recognised as a pledge, action, duty or body, so its "
               "coverage is unknown, not a gap.")
    tip = (tooltip(facts.graph, c.iri, why, unknown) if c.iri in facts.graph
           else f"{c.label}\n{why}\n{unknown}")
    view.add_node(ViewNode(c.iri, "council", short(clean_text(c.label), 40) + "\n(not read)", tip,
                           flags=("not_read",), x=x, y=0))
    for row, (node, key) in enumerate(concepts):
        head = f"{clean_text(c.label)} — {facts.concept_label(node)}"
        view.add_node(ViewNode(f"{c.iri}|{key}", "cell", "not read", f"{head}\n{why}\n{unknown}",
                               flags=("not_read",), x=x, y=_y(row, concepts, facts), fill=NOT_READ_FILL))


def _concept_nodes(facts: Facts, coverage) -> list[tuple[str, str]]:
    """(node, key) of every theme then every principle, in the coverage's order."""
    by_key = {(d.get("kind"), str(d.get("key"))): n for n, d in facts.graph.nodes(data=True)
              if d.get("kind") in ("theme", "principle")}
    out = []
    for kind, concepts in (("theme", coverage.themes), ("principle", coverage.principles)):
        for key, _label in concepts:
            out.append((by_key.get((kind, key), f"{kind}:{key}"), key))
    return out


def _y(row: int, concepts: list[tuple[str, str]], facts: Facts) -> float:
    """Row position, with a little space between the themes and the principles."""
    themes = sum(1 for node, _ in concepts if facts.concept_kind(node) == "theme")
    return HEADER_H + row * ROW_H + (ROW_H / 2 if row >= themes > 0 else 0)


def _row_headers(view: View, facts: Facts, concepts: list[tuple[str, str]]) -> None:
    for row, (node, _key) in enumerate(concepts):
        label = facts.concept_label(node)
        tip = tooltip(facts.graph, node) if node in facts.graph else label
        view.add_node(ViewNode(node, facts.concept_kind(node), short(label, 60), tip,
                               x=0, y=_y(row, concepts, facts)))


def _summary(facts: Facts, councils, concepts, count, max_nodes: int, notes: list[str]) -> View:
    view = View("coverage", "Coverage: all councils, summarised", "fixed")
    unread = [c for c in councils if c.nothing_read]
    councils = [c for c in councils if not c.nothing_read]  # unknown, so neither covered nor a gap
    view.notes.extend(notes)
    if unread:
        view.notes.append(f"{len(unread)} council(s) whose documents were not read as plans are left "
                          "out of the counts below.")
    view.notes.append(
        f"{len(councils)} councils × {len(concepts)} themes and principles is more than the "
        f"{max_nodes:,} nodes a browser lays out quickly, so one column counts the councils "
        "covering each row. See one council with `cpgraph view coverage --council KEY`, one "
        "theme for every council with `--theme KEY`, or the councils with the most gaps with "
        "`--top N`.")
    _row_headers(view, facts, concepts)
    column = f"summary:{len(councils)}"
    view.add_node(ViewNode(column, "aggregate", f"All {len(councils)} councils",
                           f"{len(councils)} councils", x=ROW_HEADER_W, y=0))
    for row, (node, key) in enumerate(concepts):
        covered = sum(1 for c in councils if count(c, key))
        view.add_node(ViewNode(
            f"{column}|{key}", "cell", f"{covered}/{len(councils)}",
            f"{facts.concept_label(node)}: covered by {covered} of {len(councils)} councils; "
            f"{len(councils) - covered} have a gap", flags=("gap",) if covered == 0 else (),
            x=ROW_HEADER_W, y=_y(row, concepts, facts),
            fill=coverage_colour(covered, len(councils))))
    return view
