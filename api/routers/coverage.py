"""Coverage: themes and statutory principles each council's actions address."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnalyticsDep
from api.routers.gaps import not_read

router = APIRouter(prefix="/api/coverage", tags=["coverage"])


@router.get("", summary="Themes and principles covered per council")
def get_coverage(analytics: AnalyticsDep, measure: str = "actions") -> dict:
    """One row per council with the number of actions (or ``measure=pledges``) per theme and
    principle; the theme and principle definitions live in ``ontology/themes.ttl``. A row with
    ``read`` false is a council none of whose documents was read as a plan: its zeros are
    unknowns, not gaps (``not_read`` gives each such document's message)."""
    if measure not in ("actions", "pledges"):
        from cpgraph.errors import InputError

        raise InputError("measure must be 'actions' or 'pledges'")
    cov = analytics.coverage()
    return {"themes": [{"key": k, "label": label} for k, label in cov.themes],
            "principles": [{"key": k, "label": label} for k, label in cov.principles],
            "councils": cov.matrix(measure), "measure": measure,
            "not_read": not_read(analytics),
            "source": {"file": "ontology/themes.ttl", "start": None, "end": None, "lines": None}}
