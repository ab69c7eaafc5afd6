"""What kind of column an action-plan table's header cell names ("Lead officer" is an owner
column, "By when" a due date), read with the synonyms of ``data/lexicon/tracker_columns.json``.

Shared by the spreadsheet reader (to find the header row) and the one table reader of
extraction (to read a table the same way from every format)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon

_SPACE = re.compile(r"\s+")
_TRIM = " \t:?*."
_PAREN = re.compile(r"\([^)]*\)")
# Short headers that name a column only when they are the whole header ("What", not "What are
# we aiming for").
_WHOLE_ONLY = frozenset({"what", "how", "who", "when", "by", "date", "area", "aim", "aims", "goal", "goals",
                         "task", "links", "due", "owner", "theme", "themes", "status"})


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip(_TRIM).strip().casefold()


@dataclass(frozen=True)
class Rules:
    """The column rules: header synonyms, RAG values, header search."""

    synonyms: dict[str, str]  # normalised header -> kind
    stop_words: frozenset[str]
    rag_values: dict[str, str]
    search_rows: int
    min_matches: int


@cache
def rules() -> Rules:
    """The rules of ``tracker_columns.json``, loaded once."""
    data = lexicon.load("tracker_columns")
    synonyms: dict[str, str] = {}
    for kind, spec in data["columns"].items():
        for header in spec["headers"]:
            synonyms.setdefault(_norm(header), kind)
    return Rules(
        synonyms=synonyms,
        stop_words=frozenset(data["prefix_stop_words"]),
        rag_values={k.casefold(): v for k, v in data["rag_values"].items()},
        search_rows=int(data["header_search_rows"]),
        min_matches=int(data["min_header_matches"]),
    )


def column_kind(header: str) -> str | None:
    """The kind of column a header cell names ("owner" for "Lead officer"), or None: the
    header whole, without its brackets, or opening with a known header followed by a word
    that does not make it something else ("Action ref" is not an action)."""
    r = rules()
    text = _norm(header)
    if not text:
        return None
    if text in r.synonyms:
        return r.synonyms[text]
    bare = _norm(_PAREN.sub(" ", text))
    if bare in r.synonyms:
        return r.synonyms[bare]
    for synonym in sorted(r.synonyms, key=len, reverse=True):
        if synonym in _WHOLE_ONLY:
            continue
        if bare.startswith(synonym) and len(bare) > len(synonym) and not bare[len(synonym)].isalnum():
            rest = bare[len(synonym):].strip(" /-–,&").split()
            if not rest or rest[0] not in r.stop_words:
                return r.synonyms[synonym]
    return None


def header_kinds(cells: list[str]) -> dict[int, str]:
    """Column index -> kind for the header cells that name a known kind of column."""
    return {i: kind for i, cell in enumerate(cells) if cell and (kind := column_kind(cell))}


def is_header_row(cells: list[str]) -> bool:
    """True when ``cells`` name at least the configured number of known columns."""
    return len(header_kinds(cells)) >= rules().min_matches


def rag_colour(text: str | None) -> str | None:
    """``red``, ``amber`` or ``green`` for a RAG or status value that names a colour
    ("R", "Amber", "Green - on track"), else None."""
    if not text:
        return None
    t = text.strip().casefold()
    mapped = rules().rag_values.get(t)
    if mapped:
        return mapped.casefold()
    for colour in ("red", "amber", "green"):
        if t == colour or t.startswith(colour) or t == colour[0]:
            return colour
    return None
