"""One table reader for every format: a table whose columns say what they hold (action, lead,
by when, RAG, measure, priority …) becomes pledges and actions the same way whether it came
from a spreadsheet, CSV, Word, PDF, HTML or text. The pledge is the priority column, a merged
row spanning the table, or the heading the table sits under."""

from __future__ import annotations

import re

from cpgraph.columns import header_kinds, rag_colour
from cpgraph.dates import parse_due
from cpgraph.model import Action, Cited, Pledge, Span
from cpgraph.resolve import clean, split_owners
from cpgraph.structure.blocks import Table

_NONE = frozenset({"", "-", "–", "n/a", "na", "none", "tbc", "tbd", "not applicable", "nil"})


def split_links(text: str) -> list[str]:
    """Initiatives in a link field or column: split on ``;``, `` and `` (between names), and
    ``,`` before a capital."""
    parts = re.split(r"\s*;\s*|\s+and\s+(?=[A-Za-z])|\s*,\s*(?=[A-Z])", clean(text))
    return [p.strip(" .") for p in parts if p.strip(" .")]


def value_or_none(text: str | None) -> str | None:
    """A cell or field value, or None when it is empty or says there is none ("N/A", "TBC",
    "Not applicable", "-")."""
    text = clean(text or "")
    return None if text.casefold().strip(".") in _NONE else text


def action_columns(table: Table) -> dict[int, str] | None:
    """Column index -> kind when ``table`` is an action table: it has an action column, or a
    lead or date column beside an unnamed text column (taken as the action), or beside an
    outcome column (plans that give each action only its expected outcome). None otherwise."""
    kinds = header_kinds(table.header)
    if "action" in kinds.values():
        return kinds
    if not ({"owner", "due", "rag", "status"} & set(kinds.values())):
        return None
    unnamed = [i for i in range(len(table.header)) if i not in kinds and table.header[i].strip()]
    if unnamed:
        kinds[unnamed[0]] = "action"
    elif "outcome" not in kinds.values():
        return None
    return kinds


def owner_cells(table: Table) -> list[str]:
    """The texts of an action table's owner column (empty for any other table)."""
    kinds = action_columns(table) or {}
    cols = [i for i, k in kinds.items() if k == "owner"]
    return [row.cells[i] for row in table.rows for i in cols if i < len(row.cells) and row.cells[i]]


def read_action_table(table: Table, source: str, pledge_title: str | None,
                      items: dict[str, str] | None = None, whole: frozenset[str] = frozenset()) -> list[Pledge]:
    """The pledges and actions of an action table (see ``action_columns``; [] for any other
    table). Rows before the first pledge row or merged row belong to ``pledge_title`` (the
    heading above the table); without one they are kept under the table's first header."""
    kinds = action_columns(table)
    if kinds is None:
        return []
    pledges: list[Pledge] = []
    current: Pledge | None = None

    def open_pledge(title: str, span: Span) -> Pledge:
        """The pledge of that title (rows of one priority need not be together), new if none."""
        same = next((p for p in pledges if p.title.casefold() == title.casefold()), None)
        if same is not None:
            return same
        pledge = Pledge(title=title, span=span)
        pledges.append(pledge)
        return pledge

    for row in table.rows:
        span = Span(source, row.start, row.end)
        if row.merged:
            title = clean(row.cells[0].replace("\n", " ")) if row.cells else ""
            if title:
                current = open_pledge(title, span)
            continue
        values: dict[str, list[str]] = {}
        for index, cell in enumerate(row.cells):
            kind = kinds.get(index)
            # a cell's lines are separate owners ("Head of Fostering" / "Marketing Manager");
            # in any other cell they are one text
            text = value_or_none(" / ".join(cell.split("\n")) if kind == "owner" else cell.replace("\n", " "))
            if kind and text:
                values.setdefault(kind, []).append(text)
        item = "; ".join(values.get("item", []))
        if item and items:
            # an action log names the agenda item by its number ("4") or its title
            item = items.get(item.rstrip(".").strip(), item)
        title = _pledge_title("; ".join(values.get("pledge", [])) or item)
        if title and (current is None or clean(title).casefold() != current.title.casefold()):
            current = open_pledge(title, span)
        text = " ".join(values.get("action", [])) or " ".join(values.get("outcome", []))
        if not text:
            continue
        if current is None:
            title = pledge_title or clean(table.header[0]) or "Action plan"
            current = open_pledge(title, span)
        current.actions.append(_action(text, values, span, whole))
        current.span = current.span.merge(span)
    return [p for p in pledges if p.actions or p.title]


def _pledge_title(text: str) -> str:
    """A pledge cell as a reader names it: a bare leading number dropped ("1. Keep you safe"),
    a label kept ("Pledge 2: Listen to you")."""
    return re.sub(r"^\(?\d{1,2}(?:\.\d{1,2})*[.):]?\s+(?=\S)", "", clean(text))


def _action(text: str, values: dict[str, list[str]], span: Span, whole: frozenset[str]) -> Action:
    owner_text = "; ".join(values.get("owner", [])) or None
    owners = split_owners(owner_text, whole) if owner_text else []
    due = parse_due(values["due"][0]) if values.get("due") else None
    status = "; ".join(values.get("status", [])) or None
    rag = rag_colour(values["rag"][0]) if values.get("rag") else rag_colour(status)
    return Action(
        text=text,
        span=span,
        owners=[o.name for o in owners],
        owner_text=owner_text,
        owner_hats={o.name: o.hat for o in owners if o.hat},
        due=due.value if due else None,
        due_precision=due.precision if due else None,
        due_text=due.text if due else None,
        recurrence=due.recurrence if due else None,
        initiatives=[x for v in values.get("initiatives", []) for x in split_links(v)],
        outcome=[Cited(t, span) for t in values.get("outcome", [])],
        measures=[Cited(t, span) for t in values.get("measure", [])],
        status=status,
        rag=rag,
    )
