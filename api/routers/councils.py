"""Councils: what is loaded for each, with their strategies and counts."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.lookups import check_key, page, require, select

router = APIRouter(prefix="/api/councils", tags=["councils"])

_COUNCILS = """
SELECT ?ckey ?name ?strategy ?title ?file ?lines ?readAsPlan ?readNote
       (COUNT(DISTINCT ?p) AS ?pledges) (COUNT(DISTINCT ?a) AS ?actions)
WHERE {
  ?c a cp:Council ; cp:key ?ckey ; rdfs:label ?name .
  FILTER(!BOUND(?target) || ?ckey = ?target)
  OPTIONAL { ?s cp:council ?c ; cp:key ?strategy ; rdfs:label ?title .
             OPTIONAL { ?s cp:sourceDocument ?d . ?d cp:fileName ?file ; cp:lineCount ?lines }
             OPTIONAL { ?s cp:readAsPlan ?readAsPlan } OPTIONAL { ?s cp:readNote ?readNote }
             OPTIONAL { ?p a cp:Pledge ; cp:inStrategy ?s . OPTIONAL { ?a cp:underPledge ?p } } }
}
GROUP BY ?ckey ?name ?strategy ?title ?file ?lines ?readAsPlan ?readNote
ORDER BY ?name ?strategy"""


def read_status(row: dict) -> dict:
    """``read`` (False when the document was not read as a plan: nothing in it was recognised)
    and ``not_read`` (the message saying what was read instead and how to see why, else None)."""
    read = row.get("readAsPlan") is not False and str(row.get("readAsPlan")).lower() != "false"
    return {"read": read, "not_read": None if read else (row.get("readNote") or "recognised no commitments")}


def councils(store, target: str | None = None) -> list[dict]:
    """Councils with their strategies (each citing its source document, and saying whether it
    was read as a plan) and counts. A council none of whose documents was read has ``read``
    False: its zero counts mean "not read", not "promises nothing"."""
    out: dict[str, dict] = {}
    for row in select(store, _COUNCILS, target=target):
        council = out.setdefault(row["ckey"], {"key": row["ckey"], "name": row["name"], "strategies": [],
                                               "pledges": 0, "actions": 0})
        if row.get("strategy"):
            council["strategies"].append({
                "key": row["strategy"], "title": row.get("title"), "pledges": row["pledges"],
                "actions": row["actions"], **read_status(row),
                "source": {"file": row.get("file"), "start": 1, "end": row.get("lines"),
                           "lines": f"1-{row.get('lines')}"} if row.get("file") else None})
            council["pledges"] += row["pledges"]
            council["actions"] += row["actions"]
    for council in out.values():
        sources = [s["source"] for s in council["strategies"] if s["source"]]
        council["source"] = sources[0] if sources else None
        council["read"] = not council["strategies"] or any(s["read"] for s in council["strategies"])
    return list(out.values())


def not_read(found: list[dict]) -> list[dict]:
    """The documents not read as plans among ``councils(...)``: council, strategy, source, message."""
    return [{"council": c["key"], "council_name": c["name"], "strategy": s["key"], "source": s["source"],
             "message": s["not_read"]}
            for c in found for s in c["strategies"] if not s["read"]]


@router.get("", summary="List the councils loaded")
def list_councils(store: StoreDep, paging: PagingDep) -> dict:
    """Councils with their strategies and counts of pledges and actions."""
    return page(councils(store), paging.limit, paging.offset)


@router.get("/{council}", summary="One council")
def get_council(council: str, store: StoreDep) -> dict:
    """One council by key, with its strategies."""
    check_key(council)
    return require(councils(store, council), "council", council)
