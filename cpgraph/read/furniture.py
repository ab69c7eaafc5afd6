"""Page furniture: cookie banners, "Skip to main content", result counters, download links, page
numbers and PDF running headers. Rules live in ``data/lexicon/furniture.json``. Furniture lines
are blanked (replaced by ""), never deleted, so line numbers do not shift."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from cpgraph import lexicon

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@cache
def rules() -> dict:
    """The furniture rules, loaded once."""
    return lexicon.load("furniture")


@cache
def _compiled() -> tuple[frozenset[str], re.Pattern[str]]:
    data = rules()
    exact = frozenset(_norm(p) for p in data["exact"])
    alts = list(data["patterns"]) + list(data["page_number_patterns"])
    pattern = re.compile("|".join(f"(?:{p})" for p in alts), re.IGNORECASE)
    return exact, pattern


def is_furniture(line: str) -> bool:
    """Whether the whole line is page furniture."""
    stripped = _SPACE.sub(" ", line).strip()
    if not stripped:
        return False
    exact, pattern = _compiled()
    return stripped.casefold() in exact or pattern.fullmatch(stripped) is not None


def blank_furniture(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` with furniture lines replaced by "" and how many were blanked."""
    out: list[str] = []
    blanked = 0
    for line in lines:
        if is_furniture(line):
            out.append("")
            blanked += 1
        else:
            out.append(line)
    return out, blanked


def running_lines(pages: list[list[str]]) -> set[tuple[int, int]]:
    """``(page, line)`` indexes of running headers and footers: a line at the same place among
    the first or last few non-blank lines of a page (counted from that edge) whose text, digits
    ignored, recurs there on most pages and hardly anywhere else in the document."""
    conf = rules()["running_lines"]
    if len(pages) < conf["min_pages"]:
        return set()
    edge = conf["edge_lines"]
    keyed_pages: list[dict[int, tuple[str, int, str]]] = []
    at_edges: Counter[tuple[str, int, str]] = Counter()
    anywhere: Counter[str] = Counter()
    for page in pages:
        filled = [i for i, ln in enumerate(page) if ln.strip()]
        texts = {i: _DIGITS.sub("#", _norm(page[i])) for i in filled}
        anywhere.update(texts.values())
        keys: dict[int, tuple[str, int, str]] = {}
        for k, i in enumerate(filled[:edge]):
            keys[i] = ("top", k, texts[i])
        for k, i in enumerate(reversed(filled[-edge:])):
            keys.setdefault(i, ("bottom", k, texts[i]))
        keyed_pages.append(keys)
        at_edges.update(set(keys.values()))
    needed = max(conf["min_pages"], conf["share"] * len(pages))
    common = {
        key
        for key, count in at_edges.items()
        if count >= needed and anywhere[key[2]] - count <= max(1, count // 4)
    }
    return {(p, i) for p, keys in enumerate(keyed_pages) for i, key in keys.items() if key in common}


def repeated_lines(lines: list[str], *, min_count: int = 3) -> set[int]:
    """Indexes of running headers and footers left in a text: a line of four words or more with
    a number in it (a page, a date) that recurs, digits aside, at least ``min_count`` times, and
    is not a labelled field or a list item (an action plan repeats "Timeline: September 2025"
    on purpose; headings such as "How will we know?" recur without numbers)."""
    counts: Counter[str] = Counter()
    keys: dict[int, str] = {}
    for i, line in enumerate(lines):
        text = _norm(line)
        if len(text.split()) < 4 or not _DIGITS.search(text) or re.match(r"^[^:]{1,60}:\s", text) or re.match(r"^[-•*·▪–]\s|^\(?\w{1,3}[.)]\s", text):
            continue
        key = _DIGITS.sub("#", text)
        keys[i] = key
        counts[key] += 1
    return {i for i, key in keys.items() if counts[key] >= min_count}
