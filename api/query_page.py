"""What the query page adds to SPARQL for people: the usual prefixes declared for them, a first
query to start from, and each result cell with the page of the thing it names."""

from __future__ import annotations

import re

from api.lookups import key_for_iri
from cpgraph.namespace import ID, PREFIXES

_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.I | re.M)
_IRI = re.compile(r"^https?://\S+$")

PROLOGUE = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
"""The prefixes every query on the page may use without declaring them."""
STARTER = PROLOGUE + """

# Each council's pledges and how many actions each has. Change it, or pick an example below.
SELECT ?council ?pledge ?text (COUNT(?action) AS ?actions) WHERE {
  ?pledge a cp:Pledge ; cp:inStrategy/cp:council/rdfs:label ?council .
  OPTIONAL { ?pledge cp:text ?text }
  OPTIONAL { ?action cp:underPledge ?pledge }
}
GROUP BY ?council ?pledge ?text
ORDER BY ?council ?pledge
LIMIT 50
"""
"""The query the editor starts with."""


def with_prefixes(query: str) -> str:
    """``query`` with a PREFIX declaration added for each of the usual prefixes it does not
    declare itself (its own declarations win), so ``cp:Pledge`` works without one."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(query)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join([*missing, query]) if missing else query


def page_of(iri: str) -> str | None:
    """The page of the site that shows the thing ``iri`` names (a pledge, action, post, team
    or council), or None."""
    link = key_for_iri(iri)[1]
    if link:
        return link
    council = str(iri).removeprefix(str(ID) + "council/")
    if council != str(iri) and "/" not in council:
        return f"/gaps?council={council}"
    return None


def cell(value: object, *, is_iri: bool | None = None) -> dict:
    """A result value for the page: its text, and for an IRI the IRI and the page showing it.
    ``is_iri`` None means "an IRI if it looks like one" (rows of named queries carry no types)."""
    text = "" if value is None else str(value)
    iri = bool(_IRI.match(text)) if is_iri is None else is_iri
    return {"text": text, "iri": iri, "link": page_of(text) if iri else None}
