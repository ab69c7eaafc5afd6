"""Loads the cue lexicons and gazetteers kept as data files under ``data/lexicon/``."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from cpgraph import paths
from cpgraph.errors import InputError


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON lexicon ``data/lexicon/NAME.json`` (cached; keys starting with _ are notes)."""
    path = paths.lexicon_path(f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"the lexicon {path} is missing") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"the lexicon {path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    return {k: v for k, v in data.items() if not k.startswith("_")}


def words_pattern(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A regex matching any of ``phrases`` as whole words, longest first."""
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])", flags)
