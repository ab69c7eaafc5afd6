"""The SPARQL behind the REST resources and pages: every query takes its parameters as bound
variables, and every item comes back as plain JSON-ready values with the span it came from."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef

from cpgraph import curation
from cpgraph.errors import NotFoundError
from cpgraph.namespace import CURATION_GRAPH, ID, PREFIXES

_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")

EVIDENCE = """OPTIONAL {{ {x} cp:evidence ?{p}ev . ?{p}ev cp:startLine ?{p}sl ; cp:endLine ?{p}el ;
              oa:hasTarget/oa:hasSource/cp:fileName ?{p}file }}"""


def plain(value: Any) -> Any:
    """A SPARQL result term as a JSON value: numbers and booleans typed, anything else text."""
    if value is None:
        return None
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        py = value.toPython()
        if isinstance(py, bool | int):
            return py
        if isinstance(py, Decimal | float):
            return float(py)
        return str(value)
    return str(getattr(value, "value", value))


def select(store, query: str, **bindings: Any) -> list[dict[str, Any]]:
    """Rows of ``query`` with ``bindings`` bound (plain values are bound as literals)."""
    bound = {k: _term(v) for k, v in bindings.items() if v is not None}
    return [{k: plain(v) for k, v in row.items()} for row in store.select(_PREFIXES + query, bound)]


def _term(value: Any) -> Any:
    """A bound value as an rdflib term (plain values as literals), lists term by term."""
    if isinstance(value, list | tuple):
        return [_term(v) for v in value]
    return value if isinstance(value, URIRef | Literal) else Literal(value)


def source(row: dict, prefix: str = "") -> dict | None:
    """The source span of a row: file name and first and last line, or None."""
    file = row.get(f"{prefix}file")
    if not file:
        return None
    start, end = row.get(f"{prefix}sl"), row.get(f"{prefix}el")
    return {"file": file, "start": start, "end": end, "lines": f"{start}-{end}"}


def check_key(*keys: str) -> None:
    """NotFoundError unless every key is a slug (so no key can reach outside its place)."""
    for key in keys:
        if not KEY.match(key or ""):
            raise NotFoundError(f"no such item '{(key or '')[:60]}' (keys are lower-case words joined by '-')")


def action_iri(key: str) -> URIRef:
    """The IRI of the action with ``key`` (``<strategy>-pledge-<n>-action-<m>``)."""
    check_key(key)
    iri = curation.item_iri(key)
    if "/action/" not in str(iri):
        raise NotFoundError(f"no action '{key}' (action keys look like <strategy>-pledge-3-action-2)")
    return iri


def pledge_iri(key: str) -> URIRef:
    """The IRI of the pledge with ``key`` (``<strategy>-pledge-<n>``)."""
    check_key(key)
    iri = curation.item_iri(key)
    if "/action/" in str(iri):
        raise NotFoundError(f"no pledge '{key}' (pledge keys look like <strategy>-pledge-3)")
    return iri


def agent_iri(council: str, kind: str, key: str) -> URIRef:
    """The IRI of a post, unit, body, role, initiative or agency scoped to ``council`` (or
    national agencies with council ``national``)."""
    check_key(council, key)
    if kind == "agency" and council == "national":
        return ID[f"agency/{key}"]
    return ID[f"{council}/{kind}/{key}"]


def agent_path(iri: str) -> tuple[str, str, str] | None:
    """(council, kind, key) of an agent IRI minted by cpgraph, or None."""
    rest = str(iri).removeprefix(str(ID))
    parts = rest.split("/")
    if len(parts) == 2 and parts[0] == "agency":
        return ("national", "agency", parts[1])
    if len(parts) == 3:
        return (parts[0], parts[1], parts[2])
    return None


def page(rows: list, limit: int, offset: int) -> dict:
    """One page of ``rows`` with the total, as every list resource answers."""
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


# --- owners, the heart of every item ----------------------------------------------------------

_OWNERS = """
SELECT DISTINCT ?item ?asg ?who ?label ?level ?joint ?share ?origin ?byName ?at ?hat ?ownerText WHERE {
  %s
  ?asg a cp:Assignment ; cp:assignmentFor ?item ; cp:assignee ?who .
  FILTER NOT EXISTS { ?asg prov:invalidatedAtTime ?gone }
  OPTIONAL { ?who rdfs:label ?label }
  OPTIONAL { ?asg cp:ownershipLevel ?lv . ?lv rdfs:label ?level }
  OPTIONAL { ?asg cp:joint ?joint } OPTIONAL { ?asg cp:share ?share } OPTIONAL { ?asg cp:origin ?origin }
  OPTIONAL { ?asg prov:wasAttributedTo ?by . ?by rdfs:label ?byName }
  OPTIONAL { ?asg prov:generatedAtTime ?at }
  OPTIONAL { ?asg cp:hat ?hat } OPTIONAL { ?asg cp:ownerText ?ownerText }
}
ORDER BY ?item ?label"""
# What picks the items, with the bound value in a triple pattern (an index lookup).
_OWNED_IN_PLEDGE = "?item cp:underPledge? ?target ."  # the pledge itself (zero steps) and its actions
_OWNED_IN_STRATEGY = "?item (cp:underPledge/cp:inStrategy|cp:inStrategy) ?target ."
OWNED_BY = ("?asg0 cp:assignee ?owner ; cp:assignmentFor {item} . "
            "FILTER NOT EXISTS {{ ?asg0 prov:invalidatedAtTime ?gone0 }}")
"""A pattern picking the items ``?owner`` holds now, written into ``{item}`` (a variable)."""
_OWNED_IN_COUNCIL = ("?c0 cp:key ?councilKey . ?s0 cp:council ?c0 . "
                     "?item (cp:underPledge/cp:inStrategy|cp:inStrategy) ?s0 .")


_SPANS = """
SELECT ?x ?file ?sl ?el WHERE {
  %s
  ?x cp:evidence ?ev . ?ev cp:startLine ?sl ; cp:endLine ?el ; oa:hasTarget/oa:hasSource/cp:fileName ?file .
}"""
# Source spans come from their own query: Oxigraph answers an OPTIONAL of four or more patterns
# by evaluating it over the whole store first, which made a post's page take seconds at 150
# councils; as required patterns after the items are picked they cost milliseconds.


def spans(store, pick: str, **bindings: Any) -> dict[str, dict]:
    """The source span of each item ``pick`` selects (a pattern binding ``?x``), by IRI; the
    earliest span when an item has several."""
    out: dict[str, dict] = {}
    for row in select(store, _SPANS % pick, **bindings):
        span = source(row)
        if span and (row["x"] not in out or (span["file"], span["start"]) < (out[row["x"]]["file"], out[row["x"]]["start"])):
            out[row["x"]] = span
    return out


def owner(row: dict) -> dict:
    """An owner of an item as JSON: who, at which level, and where that was said (or who
    curated it and when)."""
    path = agent_path(row["who"])
    return {
        "name": row.get("label") or row["who"], "iri": row["who"],
        "council": path[0] if path else None, "kind": path[1] if path else None,
        "key": path[2] if path else None, "level": row.get("level"),
        "joint": bool(row.get("joint")), "share": row.get("share"),
        "origin": row.get("origin") or "extracted", "assigned_by": row.get("byName"),
        "assigned_at": row.get("at"), "hat": row.get("hat"), "owner_text": row.get("ownerText"),
        "source": row.get("source"),
    }


def owners_by_item(store, *, item: URIRef | None = None, pledge: URIRef | None = None,
                   strategy: URIRef | None = None, council: str | None = None,
                   items: list[URIRef] | None = None, held_by: URIRef | None = None) -> dict[str, list[dict]]:
    """Owners by item IRI: of one item, of each of ``items``, of a pledge and its actions, of
    everything in a strategy or a council (by key), of everything the post or unit ``held_by``
    holds, or of everything when nothing is given."""
    if item is not None:
        items = [item]
    if items is not None:
        pick, bound = "", {"item": list(items)}
        if not items:
            return {}
    elif pledge is not None:
        pick, bound = _OWNED_IN_PLEDGE, {"target": pledge}
    elif strategy is not None:
        pick, bound = _OWNED_IN_STRATEGY, {"target": strategy}
    elif council is not None:
        pick, bound = _OWNED_IN_COUNCIL, {"councilKey": council}
    elif held_by is not None:
        pick, bound = OWNED_BY.format(item="?item"), {"owner": held_by}
    else:
        pick, bound = "", {}
    rows = select(store, _OWNERS % pick, **bound)
    where = spans(store, pick + " ?x cp:assignmentFor ?item .", **bound)
    for row in rows:
        row["source"] = where.get(row["asg"])
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["item"], []).append(owner(row))
    return out


# --- curated status and corrections -----------------------------------------------------------

_CURATED = f"""
SELECT ?item ?p ?value ?byName ?at WHERE {{
  GRAPH <{CURATION_GRAPH}> {{
    ?st a rdf:Statement ; rdf:subject ?item ; rdf:predicate ?p ; rdf:object ?value .
    OPTIONAL {{ ?st prov:wasAttributedTo ?by . ?by rdfs:label ?byName }}
    OPTIONAL {{ ?st prov:generatedAtTime ?at }}
  }}
}}"""
_FIELDS = {str(PREFIXES["cp"]) + name: name for name in ("status", "rag", "text", "due")}


def curated_by_item(store) -> dict[str, dict[str, dict]]:
    """Curated statements (status, RAG, corrected text or due date) by item: item → field →
    {value, by, at, origin}. The curation graph is small, so it is read whole."""
    out: dict[str, dict[str, dict]] = {}
    for row in select(store, _CURATED):
        field = _FIELDS.get(row["p"])
        if field:
            out.setdefault(row["item"], {})[field] = {"value": row["value"], "by": row.get("byName"),
                                                      "at": row.get("at"), "origin": "curated"}
    return out


def require(rows: list, what: str, key: str) -> dict:
    """The first row, or NotFoundError naming what was looked for."""
    if not rows:
        raise NotFoundError(f"no {what} '{key}'")
    return rows[0]


# --- named things: bodies, agencies, initiatives ----------------------------------------------

_ENTITIES = """
SELECT ?x ?name (SAMPLE(?ck) AS ?ckey) (GROUP_CONCAT(DISTINCT ?sk; separator=" ") AS ?strategies) WHERE {
  %s
  ?x a ?type ; rdfs:label ?name .
  %s
}
GROUP BY ?x ?name
ORDER BY ?name"""
_ENTITY_ITEMS = """
SELECT ?x (COUNT(DISTINCT ?item) AS ?items) WHERE {
  %s
  ?x a ?type . ?asg cp:assignee ?x ; cp:assignmentFor ?item .
}
GROUP BY ?x"""
# Mentions, spans and owned items are read apart: joined in one query they multiply (a national
# agency is mentioned, evidenced and assigned in every council), which took minutes at scale.
_MENTIONED_IN_COUNCIL = "?c0 cp:key ?councilKey . ?s0 cp:council ?c0 . ?x cp:mentionedIn ?s0 ."
_ALL_MENTIONS = "OPTIONAL { ?x cp:mentionedIn ?s . ?s cp:key ?sk ; cp:council ?c . ?c cp:key ?ck }"
_MENTIONS_IN_COUNCIL = "?s0 cp:key ?sk . BIND(?councilKey AS ?ck)"


def entities(store, rdf_type: URIRef, *, council: str | None = None, target: URIRef | None = None) -> list[dict]:
    """Named things of ``rdf_type`` (bodies, agencies, initiatives), with where they are
    mentioned, how many items they own, and the span they were read from."""
    if target is not None:
        pick, bound = "", {"type": rdf_type, "x": target}
    elif council is not None:
        pick, bound = _MENTIONED_IN_COUNCIL, {"type": rdf_type, "councilKey": council}
    else:
        pick, bound = "", {"type": rdf_type}
    mentions = _MENTIONS_IN_COUNCIL if council is not None and target is None else _ALL_MENTIONS
    rows = select(store, _ENTITIES % (pick, mentions), **bound)
    if not rows:
        return []
    items = {r["x"]: r["items"] for r in select(store, _ENTITY_ITEMS % pick, **bound)}
    where = spans(store, pick + " ?x a ?type .", **bound)
    out = []
    for row in rows:
        path = agent_path(row["x"])
        out.append({"key": path[2] if path else None, "scope": path[0] if path else None,
                    "name": row["name"], "iri": row["x"], "council": row.get("ckey"),
                    "strategies": sorted(set((row.get("strategies") or "").split())),
                    "items": items.get(row["x"], 0), "source": where.get(row["x"])})
    return out


def key_for_iri(iri: str) -> tuple[str | None, str | None]:
    """(key, page link) of an action, pledge or owner IRI minted by cpgraph."""
    text = str(iri)
    if "/strategy/" in text and "/pledge/" in text:
        strategy, rest = text.split("/strategy/", 1)[1].split("/pledge/", 1)
        if "/action/" in rest:
            pledge, action = rest.split("/action/", 1)
            if pledge.isdigit() and action.isdigit():
                return f"{strategy}-pledge-{pledge}-action-{action}", f"/pledges/{strategy}-pledge-{pledge}#action-{action}"
        elif rest.isdigit():
            return f"{strategy}-pledge-{rest}", f"/pledges/{strategy}-pledge-{rest}"
    path = agent_path(text)
    if path and path[1] in ("post", "unit"):
        return path[2], f"/posts/{path[0]}/{path[2]}"
    return (path[2] if path else None), None


def cite(file: str | None, lines: str | None) -> dict | None:
    """A source span from a file name and "start-end" text."""
    if not file:
        return None
    start, _, end = (lines or "").partition("-")
    return {"file": file, "start": int(start) if start.isdigit() else None,
            "end": int(end) if end.isdigit() else (int(start) if start.isdigit() else None), "lines": lines}
