"""Pledges and actions as the service shows them: text, due date, status, owners (extracted
and curated, with their origin), themes and the source span of each."""

from __future__ import annotations

from rdflib import URIRef

from api.lookups import (
    EVIDENCE,
    curated_by_item,
    owners_by_item,
    pledge_iri,
    require,
    select,
    source,
)

_PLEDGES = """
SELECT ?pledge ?key ?number ?pos ?text ?group ?strategy ?council ?ckey
       (COUNT(DISTINCT ?action) AS ?actions) (SAMPLE(?f) AS ?file) (SAMPLE(?s1) AS ?sl) (SAMPLE(?e1) AS ?el)
WHERE {
  ?pledge a cp:Pledge ; cp:key ?key ; cp:position ?pos ; cp:inStrategy ?s .
  ?s cp:key ?strategy ; cp:council ?c . ?c cp:key ?ckey ; rdfs:label ?council .
  FILTER(!BOUND(?councilKey) || ?ckey = ?councilKey)
  FILTER(!BOUND(?strategyKey) || ?strategy = ?strategyKey)
  FILTER(!BOUND(?target) || ?pledge = ?target)
  OPTIONAL { ?pledge cp:text ?text } OPTIONAL { ?pledge cp:number ?number } OPTIONAL { ?pledge cp:group ?group }
  OPTIONAL { ?action cp:underPledge ?pledge }
  OPTIONAL { ?pledge cp:evidence ?ev . ?ev cp:startLine ?s1 ; cp:endLine ?e1 ; oa:hasTarget/oa:hasSource/cp:fileName ?f }
}
GROUP BY ?pledge ?key ?number ?pos ?text ?group ?strategy ?council ?ckey
ORDER BY ?council ?strategy ?pos"""

_ACTIONS = """
SELECT ?action ?pledge ?pledgeKey ?pledgeText ?pos ?text ?due ?precision ?dueText ?recurrence ?status ?rag
       ?strategy ?council ?ckey ?file ?sl ?el WHERE {{
  ?action a cp:Action ; cp:underPledge ?pledge ; cp:position ?pos .
  ?pledge cp:key ?pledgeKey ; cp:inStrategy ?s . ?s cp:key ?strategy ; cp:council ?c .
  ?c cp:key ?ckey ; rdfs:label ?council .
  FILTER(!BOUND(?councilKey) || ?ckey = ?councilKey)
  FILTER(!BOUND(?target) || ?action = ?target || ?pledge = ?target)
  OPTIONAL {{ ?pledge cp:text ?pledgeText }}
  OPTIONAL {{ ?action cp:text ?text }}
  OPTIONAL {{ ?action cp:due ?d . ?d ?dateProp ?dv ; cp:datePrecision ?precision .
             VALUES ?dateProp {{ time:inXSDDate time:inXSDgYearMonth time:inXSDgYear }} BIND(STR(?dv) AS ?due) }}
  OPTIONAL {{ ?action cp:dueText ?dueText }} OPTIONAL {{ ?action cp:recurrence ?recurrence }}
  OPTIONAL {{ ?action cp:status ?status }}
  OPTIONAL {{ ?action cp:rag ?rag }}
  {evidence}
}}
ORDER BY ?council ?strategy ?pledgeKey ?pos""".format(
    evidence=EVIDENCE.format(x="?action", p=""),
)

_THEMES = """
SELECT ?item ?rel ?notation ?label WHERE {
  VALUES ?rel { cp:hasTheme cp:servesPrinciple }
  ?item ?rel ?concept . ?concept skos:notation ?notation ; skos:prefLabel ?label .
  FILTER(?item = ?target || EXISTS { ?item cp:underPledge ?target })
}"""


def action_key(pledge_key: str, position: int) -> str:
    """The key of the action at ``position`` under the pledge ``pledge_key``."""
    return f"{pledge_key}-action-{position}"


def _overlay(item: dict, curated: dict) -> dict:
    """Curated values shown beside what was extracted, with their origin marked."""
    item["curated"] = curated
    for field in ("status", "rag", "text"):
        if field in curated:
            item[f"extracted_{field}"] = item.get(field)
            item[field] = curated[field]["value"]
    if "due" in curated:
        item["extracted_due"] = item.get("due")
        item["due"] = curated["due"]["value"]
        item["due_precision"] = {4: "year", 7: "month"}.get(len(item["due"]), "day")
    return item


def _action(row: dict, owners: list[dict], curated: dict, themes: list[dict]) -> dict:
    return _overlay({
        "key": action_key(row["pledgeKey"], row["pos"]), "iri": row["action"], "position": row["pos"],
        "text": row.get("text"), "pledge": row["pledgeKey"], "pledge_text": row.get("pledgeText"),
        "strategy": row["strategy"], "council": row["ckey"], "council_name": row["council"],
        "due": row.get("due"), "due_precision": row.get("precision"), "due_text": row.get("dueText"),
        "recurrence": row.get("recurrence"), "status": row.get("status"), "rag": row.get("rag"),
        "owners": owners, "themes": themes, "source": source(row),
    }, curated)


def _themes(store, target: URIRef) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in select(store, _THEMES, target=target):
        kind = "principle" if row["rel"].endswith("servesPrinciple") else "theme"
        out.setdefault(row["item"], []).append({"kind": kind, "key": row["notation"].replace("_", "-"),
                                                "label": row["label"]})
    return out


def actions(store, *, council: str | None = None, target: URIRef | None = None) -> list[dict]:
    """Actions (of one council, or one pledge or action when ``target`` is given), each with
    owners, curated values and source span."""
    rows = select(store, _ACTIONS, councilKey=council, target=target)
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row["action"], row)
    owners: dict[str, list[dict]] = {}
    themes: dict[str, list[dict]] = {}
    if target is not None:
        owners = owners_by_item(store, pledge=target) if "/action/" not in str(target) else \
            owners_by_item(store, item=target)
        themes = _themes(store, target)
    else:
        owners = owners_by_item(store)
    curated = curated_by_item(store)
    return [_action(r, owners.get(iri, []), curated.get(iri, {}), themes.get(iri, []))
            for iri, r in seen.items()]


def _pledge(row: dict, owners: list[dict]) -> dict:
    return {"key": row["key"], "iri": row["pledge"], "number": row.get("number"), "position": row["pos"],
            "text": row.get("text"), "group": row.get("group"), "strategy": row["strategy"],
            "council": row["ckey"], "council_name": row["council"], "actions": row["actions"],
            "owners": owners, "source": source(row)}


def pledges(store, *, council: str | None = None, strategy: str | None = None) -> list[dict]:
    """Pledges (of one council or strategy), with the count of their actions and their own
    owners (governance or strategy level)."""
    rows = select(store, _PLEDGES, councilKey=council, strategyKey=strategy)
    owners = owners_by_item(store) if rows else {}
    return [_pledge(r, owners.get(r["pledge"], [])) for r in rows]


def pledge(store, key: str) -> dict:
    """One pledge with its actions, owners, themes, measures and outcomes."""
    iri = pledge_iri(key)
    row = require(select(store, _PLEDGES, target=iri), "pledge", key)
    out = _pledge(row, owners_by_item(store, item=iri).get(str(iri), []))
    out["themes"] = _themes(store, iri).get(str(iri), [])
    out["actions"] = actions(store, target=iri)
    out["measures"] = cited(store, iri, "cp:hasMeasure")
    out["outcomes"] = cited(store, iri, "cp:hasOutcome")
    return out


def action(store, key: str) -> dict:
    """One action with its owners, curated values, themes and source span."""
    from api.lookups import action_iri

    iri = action_iri(key)
    found = actions(store, target=iri)
    found = [a for a in found if a["iri"] == str(iri)]
    out = require(found, "action", key)
    out["measures"] = cited(store, iri, "cp:hasMeasure")
    out["outcomes"] = cited(store, iri, "cp:hasOutcome")
    return out


_CITED = """
SELECT ?node ?pos ?text ?file ?sl ?el WHERE {
  ?target %s ?node . ?node cp:text ?text . OPTIONAL { ?node cp:position ?pos }
  %s
} ORDER BY ?pos"""


def cited(store, target: URIRef, prop: str) -> list[dict]:
    """Measures or outcomes of an item, each with its source span."""
    query = _CITED % (prop, EVIDENCE.format(x="?node", p=""))
    return [{"text": r["text"], "source": source(r)} for r in select(store, query, target=target)]
