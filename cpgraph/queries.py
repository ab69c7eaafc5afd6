"""Named SPARQL queries: files ``ontology/queries/NAME.rq`` with a ``#+`` header, loaded by
name and run with bound parameters (never pasted into the query text)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from cpgraph import paths
from cpgraph.errors import InputError, NotFoundError

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_PARAM = re.compile(r"^\s*(\w+)\s*:\s*(string|date|integer|iri)\s*(\(optional\))?\s*(?:[—-]\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    """A query parameter: its variable name, type, whether it may be left out, and what it is."""

    name: str
    type: str
    optional: bool
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query with its header read."""

    name: str
    summary: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path = field(compare=False)

    def bindings(self, values: dict[str, str]) -> dict[str, Node]:
        """Typed RDF terms for ``values``; unknown names, missing required values and values of
        the wrong type raise InputError with a one-line message."""
        known = {p.name: p for p in self.params}
        for key in values:
            if key not in known:
                allowed = ", ".join(known) or "none"
                raise InputError(f"query '{self.name}' has no parameter '{key}' (parameters: {allowed})")
        out: dict[str, Node] = {}
        for p in self.params:
            if p.name not in values or values[p.name] == "":
                if not p.optional:
                    raise InputError(f"query '{self.name}' needs --param {p.name}=… ({p.type}: {p.doc})")
                continue
            out[p.name] = _term(p, values[p.name])
        return out


def _term(p: Param, raw: str) -> Node:
    if p.type == "date":
        try:
            return Literal(dt.date.fromisoformat(raw), datatype=XSD.date)
        except ValueError as exc:
            raise InputError(f"parameter {p.name} must be a date like 2026-01-31, not {raw!r}") from exc
    if p.type == "integer":
        if not re.fullmatch(r"-?\d{1,12}", raw):
            raise InputError(f"parameter {p.name} must be a whole number, not {raw!r}")
        return Literal(int(raw))
    if p.type == "iri":
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", raw):
            raise InputError(f"parameter {p.name} must be an http(s) IRI, not {raw!r}")
        return URIRef(raw)
    return Literal(raw)


def parse(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its ``#+ summary/params/columns`` header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the query file ({exc.__class__.__name__})") from exc
    summary, columns, params = "", (), []
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].partition(":")
        key, value = key.strip(), value.strip()
        if key == "summary":
            summary = value
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key == "params" and value:
            for chunk in value.split(";"):
                m = _PARAM.match(chunk)
                if not m:
                    raise InputError(f"{path.name}: cannot read the parameter '{chunk.strip()}'")
                params.append(Param(m[1], m[2], bool(m[3]), (m[4] or "").strip()))
    return NamedQuery(path.stem, summary, tuple(params), columns, text, path)


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped in ``ontology/queries/``, by name."""
    return {p.stem: parse(p) for p in sorted(paths.queries_dir().glob("*.rq"))}


def get(name: str) -> NamedQuery:
    """The named query ``name``; names are checked so they can never reach outside the folder."""
    if not _NAME.match(name):
        raise NotFoundError(f"no named query '{name[:64]}' (names are lower-case words joined by '-')")
    try:
        return catalogue()[name]
    except KeyError:
        raise NotFoundError(f"no named query '{name}'; try: {', '.join(catalogue())}") from None


def resolve(name_or_file: str) -> NamedQuery:
    """A named query by name, or a query read from a ``.rq`` file path given by the user."""
    if name_or_file.endswith(".rq") and Path(name_or_file).is_file():
        return parse(Path(name_or_file))
    if name_or_file.endswith(".rq"):
        raise InputError(f"{name_or_file}: no such query file")
    return get(name_or_file)
