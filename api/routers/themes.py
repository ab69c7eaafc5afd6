"""Themes and statutory principles (SKOS), with the items classified under each."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.lookups import EVIDENCE, check_key, page, require, select, source

router = APIRouter(prefix="/api/themes", tags=["themes"])

_THEMES = """
SELECT ?concept ?notation ?label ?scheme ?definition ?actions ?pledges
WHERE {
  VALUES ?scheme { cp:Themes cp:StatutoryPrinciples }
  ?concept skos:inScheme ?scheme ; skos:notation ?notation ; skos:prefLabel ?label .
  FILTER(!BOUND(?target) || ?notation = ?target)
  OPTIONAL { ?concept skos:definition ?definition }
  OPTIONAL { SELECT ?concept (COUNT(DISTINCT ?a) AS ?actions) WHERE {
    { ?a cp:hasTheme ?concept } UNION { ?a cp:servesPrinciple ?concept } ?a a cp:Action } GROUP BY ?concept }
  OPTIONAL { SELECT ?concept (COUNT(DISTINCT ?p) AS ?pledges) WHERE {
    { ?p cp:hasTheme ?concept } UNION { ?p cp:servesPrinciple ?concept } ?p a cp:Pledge } GROUP BY ?concept }
}
ORDER BY ?scheme ?notation"""

_ITEMS = """
SELECT ?item ?kind ?key ?pledgeKey ?pos ?text ?ckey ?cue ?file ?sl ?el WHERE {{
  ?concept skos:notation ?target .
  ?item cp:hasTheme|cp:servesPrinciple ?concept ; cp:text ?text ; a ?type .
  VALUES (?type ?kind) {{ (cp:Action "action") (cp:Pledge "pledge") }}
  OPTIONAL {{ ?item cp:key ?key }}
  OPTIONAL {{ ?item cp:underPledge ?pl . ?pl cp:key ?pledgeKey . ?item cp:position ?pos }}
  OPTIONAL {{ ?item (cp:underPledge/cp:inStrategy|cp:inStrategy)/cp:council/cp:key ?ckey }}
  OPTIONAL {{ ?item cp:classification ?cl . ?cl cp:concept ?concept ; cp:cue ?cue }}
  {}
}} ORDER BY ?ckey ?kind ?key ?pledgeKey ?pos""".format(EVIDENCE.format(x="?item", p=""))


def _theme(row: dict) -> dict:
    return {"key": row["notation"].replace("_", "-"), "label": row["label"],
            "kind": "principle" if row["scheme"].endswith("StatutoryPrinciples") else "theme",
            "definition": row.get("definition"), "actions": row.get("actions") or 0,
            "pledges": row.get("pledges") or 0,
            "iri": row["concept"], "source": {"file": "ontology/themes.ttl", "start": None, "end": None,
                                               "lines": None}}


@router.get("", summary="List themes and statutory principles")
def list_themes(store: StoreDep, paging: PagingDep) -> dict:
    """The themes and the seven statutory corporate parenting principles, with counts."""
    return page([_theme(r) for r in select(store, _THEMES)], paging.limit, paging.offset)


@router.get("/{theme}", summary="One theme with its items")
def get_theme(theme: str, store: StoreDep) -> dict:
    """A theme or principle (e.g. ``education`` or ``cpp-a``) and the items classified under it,
    with the cue word that decided each."""
    check_key(theme)
    notation = theme.replace("-", "_")
    out = _theme(require(select(store, _THEMES, target=notation), "theme", theme))
    found: dict[str, dict] = {}
    for r in select(store, _ITEMS, target=notation):
        key = r.get("key") or f"{r.get('pledgeKey')}-action-{r.get('pos')}"
        found.setdefault(r["item"], {"key": key, "kind": r["kind"], "text": r["text"], "council": r.get("ckey"),
                                     "cue": r.get("cue"), "source": source(r)})
    out["items"] = list(found.values())
    return out
