"""Parameters bound, never pasted: a VALUES block placed first inside the query's outermost
WHERE group, each term checked and written by rdflib's ``.n3()``.

Kept by hand rather than pyoxigraph's ``substitutions``: those follow SEP-0007, which refuses a
bound variable the query does not project ("does not contain variable ?council in its SELECT
projection"), while cpgraph's named queries filter on bound variables they never return; and a
VALUES block is plain SPARQL, so a remote server answers exactly as the embedded store does."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Mapping

from rdflib.term import BNode, Literal, Node, URIRef

from cpgraph.errors import InputError
from cpgraph.store.terms import named_node, one_line

Bindings = Mapping[str, Node | list[Node] | tuple[Node, ...]]
"""Variables bound by :func:`bind`: a term each, or a list of terms taken in turn."""

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"
               | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
               | "(?:[^"\\\n\r]|\\.)*"
               | '(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<word>(?:[\w:.%-]|\\.)+)
    | (?P<char>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


MAX_BOUND_ROWS = 10_000
"""The most rows a VALUES block made by :func:`bind` may have."""


def bind(query: str, bindings: Bindings | None) -> str:
    """Return ``query`` with ``bindings`` applied as a VALUES block (the query if none).

    The block goes first inside the outermost WHERE group, so bound variables are in scope for
    the whole pattern — FILTERs, OPTIONALs, aggregates — and need not be projected. A query
    whose WHERE is a lone sub-SELECT gets it wrapped; ``CONSTRUCT WHERE {…}`` is expanded to
    its long form; a query without WHERE (``DESCRIBE ?x``) gets a trailing VALUES clause.
    Names must be plain variable names; values IRIs or literals (InputError otherwise). A
    value may also be a list or tuple of terms: the variable then takes each in turn (one row
    per combination, at most :data:`MAX_BOUND_ROWS`); an empty list matches nothing.
    """
    if not bindings:
        return query
    names, columns = [], []
    for raw_name, term in bindings.items():
        name = raw_name[1:] if raw_name[:1] in "?$" else raw_name
        if not re.fullmatch(r"\w+", name):
            raise InputError(f"{raw_name!r} is not a SPARQL variable name")
        names.append(f"?{name}")
        many = term if isinstance(term, list | tuple) else [term]
        columns.append([_term_n3(name, t) for t in many])
    if math.prod(len(c) for c in columns) > MAX_BOUND_ROWS:
        raise InputError(f"too many bound values (more than {MAX_BOUND_ROWS} combinations)")
    rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*columns))
    values = f" VALUES ({' '.join(names)}) {{ {rows} }} "

    plan = _values_slot(query) if len(query) <= _CACHED_QUERY_CHARS else _values_slot.__wrapped__(query)
    kind = plan[0]
    if kind == "insert":
        at_open = plan[1]
        return query[:at_open] + values + query[at_open:]
    if kind == "wrap":  # { SubSelect }
        at_open, at_close = plan[1], plan[2]
        return query[:at_open] + values + "{" + query[at_open:at_close] + "}" + query[at_close:]
    if kind == "construct-where":  # CONSTRUCT WHERE { T } == CONSTRUCT { T } WHERE { T }
        at_form, at_open, at_close = plan[1], plan[2], plan[3]
        body = query[at_open:at_close]
        return (query[:at_form] + " {" + body + "}" + query[at_form:at_open]
                + values + query[at_open:at_close] + query[at_close:])
    return query + "\n" + values  # no WHERE group (or not a query: the backend reports the error)


_CACHED_QUERY_CHARS = 20_000  # named and app queries are a few kB; a user's long query is not kept


@functools.lru_cache(maxsize=256)
def _values_slot(query: str) -> tuple:
    """Where :func:`bind` puts a VALUES block in ``query``: ("insert", offset) inside the WHERE
    group, ("wrap", open, close) around a lone sub-SELECT, ("construct-where", form end, open,
    close) for the short CONSTRUCT form, or ("append",). Worked out once per query text: reading
    the tokens took half a millisecond, more than a small named query takes to run."""
    tokens = [(m.lastgroup, m.start(), m.end(), m.group()) for m in _TOKEN.finditer(query)]
    sig = [t for t in tokens if t[0] not in ("ws", "comment")]
    match = _match_braces(sig)
    form_at = next((i for i, t in enumerate(sig) if t[0] == "word" and t[3].upper() in _FORMS), None)
    if form_at is None:
        return ("append",)
    form = sig[form_at][3].upper()
    start = form_at + 1
    if form == "CONSTRUCT":
        if start < len(sig) and sig[start][3] == "{":  # skip the template
            start = match.get(start, len(sig)) + 1
        else:
            where = _first_group(sig, start)
            if where is None or where not in match:
                return ("append",)
            return ("construct-where", sig[form_at][2], sig[where][2], sig[match[where]][1])
    where = _first_group(sig, start)
    if where is None or where not in match:
        return ("append",)
    at_open, at_close = sig[where][2], sig[match[where]][1]
    first = sig[where + 1] if where + 1 < len(sig) else None
    if first is not None and first[0] == "word" and first[3].upper() == "SELECT":
        return ("wrap", at_open, at_close)
    return ("insert", at_open)


def _first_group(sig: list[tuple[str | None, int, int, str]], start: int) -> int | None:
    """Index of the first '{' at parenthesis depth 0 from ``start`` (the WHERE group)."""
    depth = 0
    for i in range(start, len(sig)):
        text = sig[i][3]
        if sig[i][0] != "char":
            continue
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "{" and depth <= 0:
            return i
    return None


def _match_braces(sig: list[tuple[str | None, int, int, str]]) -> dict[int, int]:
    """Map the index of each '{' token to the index of its matching '}'."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, (kind, _, _, text) in enumerate(sig):
        if kind != "char":
            continue
        if text == "{":
            stack.append(i)
        elif text == "}" and stack:
            pairs[stack.pop()] = i
    return pairs


def _term_n3(name: str, term: Node) -> str:
    """A bound value written for a VALUES block, after checking it is a sound IRI or literal."""
    if isinstance(term, URIRef):
        named_node(str(term), what=f"the value of ?{name}")
        return f"<{term}>"
    if isinstance(term, Literal):
        try:
            if term.datatype is not None:
                named_node(str(term.datatype), what=f"the datatype of ?{name}")
            return term.n3()
        except InputError:
            raise
        except Exception as exc:  # rdflib raises bare Exceptions for unserialisable terms
            raise InputError(one_line(f"the value of ?{name} cannot be bound: {exc}")) from None
    if isinstance(term, BNode):
        raise InputError(f"?{name} cannot be bound to a blank node; use an IRI or a literal")
    raise InputError(f"?{name} must be bound to an rdflib URIRef or Literal, not {type(term).__name__}")

