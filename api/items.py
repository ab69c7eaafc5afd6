"""Pledges and actions as the service shows them: text, due date, status, owners (extracted
and curated, with their origin), themes and the source span of each."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from api.lookups import (
    OWNED_BY,
    curated_by_item,
    owners_by_item,
    pledge_iri,
    require,
    select,
    spans,
)

_PLEDGES = """
SELECT ?pledge ?key ?number ?pos ?text ?group ?strategy ?council ?ckey (COUNT(DISTINCT ?action) AS ?actions)
WHERE {
  %s
  ?pledge a cp:Pledge ; cp:key ?key ; cp:position ?pos ; cp:inStrategy ?s .
  ?s cp:key ?strategy ; cp:council ?c . ?c cp:key ?ckey ; rdfs:label ?council .
  OPTIONAL { ?pledge cp:text ?text } OPTIONAL { ?pledge cp:number ?number } OPTIONAL { ?pledge cp:group ?group }
  OPTIONAL { ?action cp:underPledge ?pledge }
}
GROUP BY ?pledge ?key ?number ?pos ?text ?group ?strategy ?council ?ckey
ORDER BY ?council ?strategy ?pos"""
# What picks the pledges: the bound value sits in a triple pattern (an index lookup), never in
# a FILTER over every pledge.
# {item} is the variable the pattern picks: ?pledge in _PLEDGES, ?x in the spans query.
_PLEDGES_OF_COUNCIL = "?c0 cp:key ?councilKey . ?s0 cp:council ?c0 . {item} cp:inStrategy ?s0 ."
_PLEDGES_OF_STRATEGY = "?s0 cp:key ?strategyKey . {item} cp:inStrategy ?s0 ."
_ALL_PLEDGES = "{item} a cp:Pledge ."

_ACTIONS = """
SELECT ?action ?pledge ?pledgeKey ?pledgeText ?pos ?text ?due ?precision ?dueText ?recurrence ?status ?rag
       ?strategy ?council ?ckey WHERE {
  %s
  ?action a cp:Action ; cp:underPledge ?pledge ; cp:position ?pos .
  ?pledge cp:key ?pledgeKey ; cp:inStrategy ?s . ?s cp:key ?strategy ; cp:council ?c .
  ?c cp:key ?ckey ; rdfs:label ?council .
  OPTIONAL { ?pledge cp:text ?pledgeText }
  OPTIONAL { ?action cp:text ?text }
  OPTIONAL { ?action cp:due ?d . ?d ?dateProp ?dv ; cp:datePrecision ?precision .
             VALUES ?dateProp { time:inXSDDate time:inXSDgYearMonth time:inXSDgYear } BIND(STR(?dv) AS ?due) }
  OPTIONAL { ?action cp:dueText ?dueText } OPTIONAL { ?action cp:recurrence ?recurrence }
  OPTIONAL { ?action cp:status ?status }
  OPTIONAL { ?action cp:rag ?rag }
}
ORDER BY ?council ?strategy ?pledgeKey ?pos"""
_ACTIONS_OF_COUNCIL = ("?c0 cp:key ?councilKey . ?s0 cp:council ?c0 . ?pledge0 cp:inStrategy ?s0 . "
                       "{item} cp:underPledge ?pledge0 .")
_ACTIONS_OF_PLEDGE = "{item} cp:underPledge ?target ."
_ALL_ACTIONS = "{item} a cp:Action ."

_THEMES = """
SELECT DISTINCT ?item ?rel ?notation ?label WHERE {
  %s
  VALUES ?rel { cp:hasTheme cp:servesPrinciple }
  ?item ?rel ?concept . ?concept skos:notation ?notation ; skos:prefLabel ?label .
}"""
_ITEM_AND_ITS_ACTIONS = "?item cp:underPledge? ?target ."  # the item itself (zero steps) and its actions


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
        "owners": owners, "themes": themes, "source": row.get("source"),
    }, curated)


def _themes(store, target: URIRef | None = None, *, items: list[URIRef] | None = None,
            held_by: URIRef | None = None) -> dict[str, list[dict]]:
    """Themes and principles of ``target`` and its actions, of each of ``items``, or of each
    item the post or unit ``held_by`` holds."""
    if held_by is not None:
        rows = select(store, _THEMES % OWNED_BY.format(item="?item"), owner=held_by)
    elif items is not None:
        rows = select(store, _THEMES % "", item=items) if items else []
    else:
        rows = select(store, _THEMES % _ITEM_AND_ITS_ACTIONS, target=target)
    out: dict[str, list[dict]] = {}
    for row in rows:
        kind = "principle" if row["rel"].endswith("servesPrinciple") else "theme"
        out.setdefault(row["item"], []).append({"kind": kind, "key": row["notation"].replace("_", "-"),
                                                "label": row["label"]})
    return out


def actions(store, *, council: str | None = None, target: URIRef | None = None) -> list[dict]:
    """Actions (of one council, or one pledge or action when ``target`` is given), each with
    owners, curated values and source span."""
    if target is not None:
        if "/action/" in str(target):
            return actions_of(store, [target])
        return _actions(store, owners_by_item(store, pledge=target), _themes(store, target),
                        pick=_ACTIONS_OF_PLEDGE, bound={"target": target})
    if council is not None:
        return _actions(store, owners_by_item(store, council=council), {},
                        pick=_ACTIONS_OF_COUNCIL, bound={"councilKey": council})
    return _actions(store, owners_by_item(store), {}, pick=_ALL_ACTIONS)


def actions_of(store, iris: list[URIRef]) -> list[dict]:
    """The actions named by ``iris`` (unknown ones left out), with owners, themes, curated
    values and source spans, in the order of their strategies and pledges."""
    if not iris:
        return []
    return _actions(store, owners_by_item(store, items=list(iris)), _themes(store, items=list(iris)),
                    items=list(iris))


def held_by(store, owner: URIRef) -> tuple[list[dict], list[dict]]:
    """The actions and the pledges the post or unit ``owner`` holds now (curation included),
    each with all its owners, themes, curated values and source span."""
    owners = owners_by_item(store, held_by=owner)
    themes = _themes(store, held_by=owner)
    acts = _actions(store, owners, themes, pick=OWNED_BY, bound={"owner": owner})
    rows = _with_spans(store, _PLEDGES, "pledge", pick=OWNED_BY, bound={"owner": owner})
    pledges_ = [_pledge(r, owners.get(r["pledge"], [])) | {"themes": themes.get(r["pledge"], [])} for r in rows]
    return acts, pledges_


def _with_spans(store, query: str, var: str, *, pick: str = "", bound: dict | None = None,
                items: list[URIRef] | None = None) -> list[dict]:
    """Rows of ``query`` for the items ``pick`` selects as ``?var`` (a pattern with ``{item}``
    where the variable goes), or for exactly ``items``; each row with its source span."""
    bound = dict(bound or {})
    main, spanned = (bound | {var: items}, bound | {"x": items}) if items is not None else (bound, bound)
    rows = select(store, query % pick.format(item=f"?{var}"), **main)
    where = spans(store, pick.format(item="?x"), **spanned)
    for row in rows:
        row["source"] = where.get(row[var])
    return rows


def _actions(store, owners: dict, themes: dict, **which: Any) -> list[dict]:
    seen: dict[str, dict] = {}
    for row in _with_spans(store, _ACTIONS, "action", **which):
        seen.setdefault(row["action"], row)
    curated = curated_by_item(store) if seen else {}
    return [_action(r, owners.get(iri, []), curated.get(iri, {}), themes.get(iri, []))
            for iri, r in seen.items()]


def _pledge(row: dict, owners: list[dict]) -> dict:
    return {"key": row["key"], "iri": row["pledge"], "number": row.get("number"), "position": row["pos"],
            "text": row.get("text"), "group": row.get("group"), "strategy": row["strategy"],
            "council": row["ckey"], "council_name": row["council"], "actions": row["actions"],
            "owners": owners, "source": row.get("source")}


def pledges(store, *, council: str | None = None, strategy: str | None = None) -> list[dict]:
    """Pledges (of one council or strategy), with the count of their actions and their own
    owners (governance or strategy level)."""
    if strategy is not None:
        rows = _with_spans(store, _PLEDGES, "pledge", pick=_PLEDGES_OF_STRATEGY, bound={"strategyKey": strategy})
        if council is not None:
            rows = [r for r in rows if r["ckey"] == council]
    elif council is not None:
        rows = _with_spans(store, _PLEDGES, "pledge", pick=_PLEDGES_OF_COUNCIL, bound={"councilKey": council})
    else:
        rows = _with_spans(store, _PLEDGES, "pledge", pick=_ALL_PLEDGES)
    if not rows:
        owners = {}
    elif council is None and strategy is None:
        owners = owners_by_item(store)
    else:
        owners = owners_by_item(store, items=[URIRef(r["pledge"]) for r in rows])
    return [_pledge(r, owners.get(r["pledge"], [])) for r in rows]


def pledge(store, key: str) -> dict:
    """One pledge with its actions, owners, themes, measures and outcomes."""
    iri = pledge_iri(key)
    row = require(_with_spans(store, _PLEDGES, "pledge", items=[iri]), "pledge", key)
    out = _pledge(row, owners_by_item(store, items=[iri]).get(str(iri), []))
    out["themes"] = _themes(store, items=[iri]).get(str(iri), [])
    out["actions"] = actions(store, target=iri)
    out["measures"] = cited(store, iri, "cp:hasMeasure")
    out["outcomes"] = cited(store, iri, "cp:hasOutcome")
    return out


def action(store, key: str) -> dict:
    """One action with its owners, curated values, themes and source span."""
    from api.lookups import action_iri

    iri = action_iri(key)
    out = require(actions_of(store, [iri]), "action", key)
    out["measures"] = cited(store, iri, "cp:hasMeasure")
    out["outcomes"] = cited(store, iri, "cp:hasOutcome")
    return out


_CITED = """
SELECT ?node ?pos ?text WHERE {
  ?target %s ?node . ?node cp:text ?text . OPTIONAL { ?node cp:position ?pos }
} ORDER BY ?pos"""


def cited(store, target: URIRef, prop: str) -> list[dict]:
    """Measures or outcomes of an item, each with its source span."""
    where = spans(store, f"?target {prop} ?x .", target=target)
    return [{"text": r["text"], "source": where.get(r["node"])} for r in select(store, _CITED % prop, target=target)]
