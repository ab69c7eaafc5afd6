"""Named things mentioned anywhere in a document: partner agencies, initiatives, people."""

from __future__ import annotations

import re
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.wording import role_of
from cpgraph.model import Named, Person, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean, is_owner_name, is_post, merge_aliases
from cpgraph.structure import document_blocks

_PERSON_IN_BRACKETS = re.compile(
    r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\s*\(([^()]*\b(?:advisor|adviser|lead|manager|director|officer|member|chair|commissioner)\b[^()]*)\)",
    re.I,
)


@cache
def _gazetteer(name: str) -> list[tuple[str, re.Pattern[str], dict]]:
    entries = lexicon.load(name)[name]
    out = []
    for entry in entries:
        aliases = entry["aliases"]
        # short abbreviations (DfE, NYAS) must match case-sensitively
        flags = 0 if all(len(a) <= 5 or a.isupper() for a in aliases) else re.IGNORECASE
        out.append((entry["name"], lexicon.words_pattern(aliases, flags=flags), entry))
    return out


def _first_line(doc: TextDocument, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    for number, line in enumerate(doc.lines, start=1):
        if m := pattern.search(line):
            return number, m.group(0)
    return None


def find_mentions(doc: TextDocument, out: StrategyDocument) -> None:
    """Add the agencies and initiatives of the gazetteers found in the text, the initiatives
    linked to actions (aliases merged), hats that name an initiative, and people named with
    their role in brackets (``Mark Riddell (DfE advisor)``)."""
    for name, pattern, _entry in _gazetteer("agencies"):
        hit = _first_line(doc, pattern)
        if hit and not any(a.name == name for a in out.agencies):
            out.agencies.append(Named(name, Span(doc.source, hit[0], hit[0])))
    _merge_initiatives(doc, out)
    for number, raw in enumerate(doc.lines, start=1):
        for m in _PERSON_IN_BRACKETS.finditer(clean(raw)):
            person, role = clean(m.group(1)), clean(m.group(2))
            if is_owner_name(person) or any(p.name == person for p in out.people):
                continue
            out.people.append(Person(person, role, Span(doc.source, number, number)))
    find_named_by_shape(doc, out)


_ATTRIBUTION = re.compile(r"^[-–—]?\s*([A-Z][a-z]+(?:[ -][A-Z][a-z'’-]+){1,2}),\s*(.+)$")
_ACRONYM_FIRST = re.compile(
    r"((?:[A-Z][\w'’]*\s+)?(?:(?:[A-Z]\.){2,}[A-Z]?\.?|[A-Z]{2,8}))\s*\(([A-Z][^()]{3,80})\)")


def find_named_by_shape(doc: TextDocument, out: StrategyDocument) -> None:
    """Add what is named by its shape rather than a gazetteer: a person signing a quotation on a
    line of their own (``-Martin Samuels, Strategic Director …``, their post then an officer),
    an acronym followed by what it stands for (``Let's T.A.L.K (Think About Leicester's Kids)``),
    initiatives matched by the ``named_patterns`` of the initiatives lexicon, and partners that
    actions work with (``action_partner_patterns`` of the agencies lexicon)."""
    named_patterns = [re.compile(p) for p in lexicon.load("initiatives").get("named_patterns", [])]
    partner_patterns = [re.compile(p) for p in lexicon.load("agencies").get("action_partner_patterns", [])]
    under_contact = False  # under "Report author" or "Contact officer": who to ask, not who is responsible
    for block in document_blocks(doc):
        if block.kind == "heading":
            contact = role_of(block.title) == "procedural"
            if contact or not _ATTRIBUTION.match(block.title):
                under_contact = contact
        # a signature: a block of its own holding only a name and a post
        if block.kind not in ("paragraph", "heading") or block.end - block.start > 1 or under_contact:
            continue
        text = block.title if block.kind == "heading" else block.text
        m = _ATTRIBUTION.match(text)
        if m and len(text.split()) <= 14 and not text.endswith(".") and ";" not in text and is_post(m.group(2)) \
                and not re.search(r"\b(?!(?:of|for|in|and|the|to|on|at|with)\b)[a-z]{2,}", m.group(2)):
            person, role = m.group(1), re.sub(r",(?=\S)", ", ", clean(m.group(2)))
            span = Span(doc.source, block.start, block.end)
            if not any(p.name == person for p in out.people):
                out.people.append(Person(person, role, span))
            _add_named(out.officers, role, span)
    for number, raw in enumerate(doc.lines, start=1):
        line = clean(raw)
        span = Span(doc.source, number, number)
        for m in _ACRONYM_FIRST.finditer(line):
            letters = re.sub(r"[^A-Z]", "", m.group(1).split()[-1])
            initials = "".join(w[0] for w in m.group(2).split() if w[0].isupper())
            if len(letters) >= 2 and letters == initials:
                _add_named(out.initiatives, f"{m.group(1)} ({m.group(2)})", span)
        for pattern in named_patterns:
            for m in pattern.finditer(line):
                _add_named(out.initiatives, m.group("name"), span)
    for action in out.actions:
        for pattern in partner_patterns:
            for m in pattern.finditer(action.text):
                _add_named(out.agencies, m.group("name"), action.span)


def _add_named(named: list[Named], name: str, span: Span) -> None:
    if not any(n.name.casefold() == name.casefold() for n in named):
        named.append(Named(name, span))


def _merge_initiatives(doc: TextDocument, out: StrategyDocument) -> None:
    linked = [(name, a.span) for a in out.actions for name in a.initiatives]
    hats = [(re.sub(r"\s+(?:Lead|Champion|Chair|Link|Representative)$", "", hat), a.span)
            for a in out.actions for hat in a.owner_hats.values()]
    found = []
    written = [clean(n).casefold() for n, _ in linked + hats]
    for name, pattern, _entry in _gazetteer("initiatives"):
        hit = _first_line(doc, pattern)
        # a gazetteer name already present in a linked initiative as written is not a new one
        if hit and not any(pattern.search(w) or hit[1].casefold() in w for w in written):
            found.append((name, Span(doc.source, hit[0], hit[0])))
    canonical = merge_aliases([n for n, _ in linked + hats + found] + [i.name for i in out.initiatives])
    for action in out.actions:
        action.initiatives = list(dict.fromkeys(canonical[n] for n in action.initiatives))
    seen = {canonical.get(i.name, i.name) for i in out.initiatives}
    for name, span in linked + hats + found:
        target = canonical[name]
        if target not in seen:
            seen.add(target)
            out.initiatives.append(Named(target, span))
