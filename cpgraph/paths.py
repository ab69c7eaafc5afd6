"""The one place that knows where cpgraph's shipped resources and user files live."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_root(name: str) -> Path:
    """Return the shipped folder `name` ("ontology" or "data").

    An installed wheel carries it inside the package (``cpgraph/_resources/NAME``); a checkout
    has it beside the package. The wheel copy wins so an installed cpgraph never depends on the
    folder it happens to be run from.
    """
    bundled = _PACKAGE_DIR / "_resources" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cpgraph is missing its '{name}' folder; reinstall the package")


def ontology_dir() -> Path:
    """Folder holding the cp: vocabulary, SKOS schemes, SHACL shapes and named queries."""
    return _resource_root("ontology")


def data_dir() -> Path:
    """Folder holding the shipped data: lexicons, gazetteers and the seed source documents."""
    return _resource_root("data")


def lexicon_path(name: str) -> Path:
    """Path of a lexicon file shipped under ``data/lexicon/`` (e.g. ``abbreviations.json``)."""
    return data_dir() / "lexicon" / name


def queries_dir() -> Path:
    """Folder of named SPARQL queries (``NAME.rq``)."""
    return ontology_dir() / "queries"


def default_sources_dir() -> Path:
    """Folder of the strategy documents shipped with cpgraph (the seed corpus)."""
    return data_dir() / "sources"


def default_gold_dir() -> Path | None:
    """The gold annotations of the seed corpus in a checkout (``tests/data/gold``), if present."""
    gold = _PACKAGE_DIR.parent / "tests" / "data" / "gold"
    return gold if gold.is_dir() else None
