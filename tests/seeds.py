"""Helpers for tests on the real seed corpus (imported by tests; not a test module)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from cpgraph import paths
from cpgraph.build import extract_file
from cpgraph.gold_json import document_json
from cpgraph.settings import Settings

GOLD_DIR = Path(__file__).parent / "data" / "gold"
BRACKNELL = "bracknell-forest-action-plan-2025-2028"
STAFFORDSHIRE = "staffordshire-strategy-2023-2028"
LEICESTER = "leicester-city-strategy-2023"
UNNAMED = "unnamed-council-strategy-2025-2030"
BUCKINGHAMSHIRE = "buckinghamshire-strategy-2020-2023"
ALL = (BRACKNELL, STAFFORDSHIRE, LEICESTER, UNNAMED, BUCKINGHAMSHIRE)


def source(stem: str) -> Path:
    """Path of the seed source document ``stem``."""
    return paths.default_sources_dir() / f"{stem}.txt"


def gold(stem: str) -> dict:
    """The gold annotation of seed ``stem``."""
    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))


@cache
def extracted(stem: str) -> dict:
    """The gold-shaped extraction of seed ``stem`` (with spans), cached per session."""
    return document_json(extract_file(source(stem), Settings()), spans=True)
