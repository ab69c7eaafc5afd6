"""Fixtures of the view tests: the seed corpus and a hostile document, each built once per
session with the real build, and a headless Chromium that may only read ``file://``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpgraph.analytics import Analytics
from cpgraph.build import run_build
from cpgraph.settings import Settings
from cpgraph.store import open_store

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

HOSTILE_NAME = "hostile-borough-action-plan-2025-2028.txt"
HOSTILE_COUNCIL = 'Hostile <b onmouseover="window.__xss=1">Borough</b> Council'
# An action plan in the layout of data/sources/bracknell-forest-action-plan-2025-2028.txt whose
# pledges, actions and officers carry markup that would run if a view pasted text as HTML.
HOSTILE_TEXT = """Corporate Parenting Strategy action plan 2025 to 2028 -

The Corporate Parenting Strategy commits to 2 pledges that outline how we, as Corporate Parents, will support Children Looked After and Care Leavers.

The 2 pledges outline that we promise to do our best to:

  1. Keep you safe <script>alert(1)</script> at home and at school.
  2. Listen to you <img src=x onerror="window.__xss=1"> and act on what you say.

Pledge 1

We promise to do our best to keep you safe <script>alert(1)</script> at home and at school

Responsible officer: Head of <img src=x onerror="window.__xss=1"> Safeguarding

Timeline: September 2025

Link to other action plans or strategy initiatives: Not applicable

Expected outcome:

Children feel safe <script>window.__xss=1</script> where they live.

Responsible officer: Team Manager: <script>alert(1)</script>

Timeline: April 2026

Link to other action plans or strategy initiatives: Not applicable

Expected outcome:

Schools know who <img src=x onerror=alert(1)> the children in care are.

Pledge 2

We promise to do our best to listen to you <img src=x onerror="window.__xss=1"> and act on what you say

Responsible officer: Head of <img src=x onerror="window.__xss=1"> Safeguarding

Timeline: September 2025

Link to other action plans or strategy initiatives: Not applicable

Expected outcome:

Young people see what changed because they spoke </script><script>window.__xss=1</script>.
"""


def _built(home: Path, sources: list[Path] | None = None) -> Analytics:
    settings = Settings(home=home)
    run_build(settings, sources, validate=False)
    return Analytics(open_store(settings.store_location))


@pytest.fixture(scope="session")
def seeds(tmp_path_factory) -> Analytics:
    """The analytics of the five seed strategies, built once with ``run_build`` (read only)."""
    analytics = _built(tmp_path_factory.mktemp("seeds"))
    yield analytics
    analytics.store.close()


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Analytics:
    """The analytics of one hostile action plan (markup in pledges, actions, officers, council)."""
    folder = tmp_path_factory.mktemp("hostile")
    sources = folder / "sources"
    sources.mkdir()
    (sources / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (sources / "catalogue.json").write_text(
        json.dumps({HOSTILE_NAME: {"council": HOSTILE_COUNCIL}}), encoding="utf-8")
    analytics = _built(folder / "home", [sources])
    yield analytics
    analytics.store.close()
