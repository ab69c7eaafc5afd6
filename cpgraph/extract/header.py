"""What a document says about itself: title, kind (action plan or strategy), period, council."""

from __future__ import annotations

import re

from cpgraph import lexicon
from cpgraph.model import StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_PERIOD = re.compile(r"\b(20\d\d)\s*(?:-|–|to|/)\s*(20\d\d|\d\d)\b")
_YEAR = re.compile(r"\b(20\d\d)\b")


def read_header(doc: TextDocument, out: StrategyDocument) -> None:
    """Fill ``title``, ``kind``, ``period`` and ``council`` of ``out`` from the text (first
    meaningful lines for the first three; any council name in the text for the last)."""
    lex = lexicon.load("document")
    head = [clean(ln) for ln in doc.lines[:60] if clean(ln)]
    title_line = next((ln for ln in head if re.search(r"corporate parenting|strategy|plan|pledge", ln, re.I)), None)
    out.title = title_line or (head[0] if head else None)
    lowered = (out.title or "").casefold()
    for kind, cues in lex["kinds"].items():
        if any(c in lowered for c in cues):
            out.kind = kind
            break
    for line in ([out.title] if out.title else []) + head[:15]:
        if m := _PERIOD.search(line):
            end = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
            out.period = f"{m.group(1)}-{end}"
            break
    else:
        for line in head[:15]:
            if m := _YEAR.search(line):
                out.period = m.group(1)
                break
    out.council = find_council(doc)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def find_council(doc: TextDocument) -> str | None:
    """The council the text names itself after, or None when it never says (never guessed)."""
    lex = lexicon.load("document")
    # a council named in capitals ("FENBRIDGE CITY COUNCIL") is read as written in title case
    text = "\n".join(clean(ln).title() if _upper(clean(ln)) else clean(ln) for ln in doc.lines)
    banned = {b.casefold() for b in lex["not_councils"]}
    not_places = {w.casefold() for w in lex.get("not_place_words", [])}
    # Spans of the banned names themselves, so that the tail of one ("Care Council" in "Children in
    # Care Council") is not taken for a council either.
    inside = [m.span() for b in lex["not_councils"] for m in re.finditer(re.escape(b), text, re.I)]
    counts: dict[str, int] = {}
    for pattern in lex["council_patterns"]:
        for m in re.finditer(pattern, text):
            if any(a <= m.start(1) and m.end(1) <= b and (a, b) != m.span(1) for a, b in inside):
                continue
            name = m.group(1).strip()
            name = re.sub(r"^(?:The|Our|A|And|Of|By|With|For|To|Whole)\s+", "", name)
            place = [w for w in name.split() if w not in ("Council", "County", "City", "Borough", "District",
                                                          "Metropolitan", "Town", "Parish")]
            if not place or any(w.casefold() in not_places for w in place):
                continue  # "Summary Council", "Corporate Parenting Council": not a place
            if name.casefold() not in banned and len(name.split()) >= 2:
                counts[name] = counts.get(name, 0) + 1
        if counts:
            return max(counts, key=lambda n: (counts[n], len(n)))
    return _place_council(text, not_places)


_PLACE = re.compile(r"\b(?i:in|across|throughout|outside(?: of)?|around|from|within)\s+([A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)\b(?!\s+[A-Z])")


def _place_council(text: str, not_places: set[str]) -> str | None:
    """The council of the one place a document keeps naming, when it names no council: a
    capitalised name written after "in", "across", "outside of" … at least twice, that is no
    word of the field ("In Kestwick, we will …" and "children living outside Kestwick" give
    "Kestwick Council"). None when no place stands out."""
    from cpgraph.extract.ocr import _field_words

    counts: dict[str, int] = {}
    for m in _PLACE.finditer(text):
        place = m.group(1)
        if any(w.casefold() in not_places or w.casefold() in _field_words() for w in place.split()):
            continue
        counts[place] = counts.get(place, 0) + 1
    places = sorted(counts.items(), key=lambda kv: -kv[1])
    if not places or places[0][1] < 2 or (len(places) > 1 and places[1][1] == places[0][1]):
        return None
    return f"{places[0][0]} Council"
