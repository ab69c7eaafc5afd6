"""Finding source documents and what their catalogue says about them."""

from __future__ import annotations

import json
from pathlib import Path

from cpgraph.errors import InputError

CATALOGUE = "catalogue.json"


def list_sources(locations: list[Path] | tuple[Path, ...], suffixes: tuple[str, ...]) -> list[Path]:
    """Every readable document under ``locations`` (files as given; folders searched, sorted by
    name). A location that does not exist is an InputError."""
    found: list[Path] = []
    for loc in locations:
        if loc.is_dir():
            found.extend(sorted(p for p in loc.iterdir() if p.is_file() and p.suffix.lower() in suffixes))
        elif loc.is_file():
            found.append(loc)
        else:
            raise InputError(f"{loc}: no such file or folder")
    return found


def catalogue_entry(path: Path) -> dict:
    """What ``catalogue.json`` beside ``path`` says about it (council, kind, period), or {}."""
    cat = path.parent / CATALOGUE
    if not cat.is_file():
        return {}
    try:
        data = json.loads(cat.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{cat} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    entry = data.get(path.name, {})
    return entry if isinstance(entry, dict) else {}
