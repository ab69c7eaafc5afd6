"""What a SPARQL request is, read from its text without running it: a query form (SELECT, ASK,
CONSTRUCT, DESCRIBE), an update, or something that reaches outside the store (SERVICE, LOAD).

The text is tokenised just enough to skip comments, strings and IRIs, so a keyword inside a
literal (``"please DELETE me"``) or a variable (``?service``) is never mistaken for the keyword.
"""

from __future__ import annotations

import re

from cpgraph.errors import ForbiddenError, InputError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|#[^\n]*",  # comments
    re.S,
)
# A bare word that is a keyword: not a variable (?x $x), not part of a prefixed name (ex:x x:y,
# and x.y: whose prefix has a dot inside).
_WORD = re.compile(r"(?<![\w?$:.\u00b7-])([A-Za-z]+)(?![\w:\u00b7-]|\.[\w\u00b7-])")
# A SERVICE call found in the raw text, whatever the tokeniser above makes of it: the keyword,
# spaces or comments, an optional SILENT, then what names an endpoint (<IRI>, ?var, prefix:). It
# fails closed: a lexer that disagrees with ours (`?o .SERVICE`, `ex:p\#x` or a long string ending
# in a quote hiding the rest of a line) cannot smuggle a call to another host past it.
_SEP = r"(?:\s|#[^\n]*(?:\n|\Z))*"
_SERVICE_CALL = re.compile(
    rf"(?<![\w?$:-])SERVICE(?![\w:]){_SEP}(?:SILENT(?![\w:]){_SEP})?(?:[<?$:]|[^\W\d_][\w.-]*:)", re.I
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decoded(text: str) -> str:
    """``text`` with SPARQL codepoint escapes (``\\u0053``) replaced by what they stand for, as
    a server that applies them before parsing would read it."""

    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CODEPOINT.sub(char, text)


def keywords(text: str) -> list[str]:
    """The bare words of ``text`` in upper case, in order, with comments, strings and IRIs
    removed."""
    stripped = _SKIP.sub(" ", text)
    return [m.group(1).upper() for m in _WORD.finditer(stripped)]


def names_dataset(text: str) -> bool:
    """Whether the query names its own dataset (``FROM`` or ``FROM NAMED``)."""
    return "FROM" in keywords(text)


def classify(text: str) -> str:
    """The form of a SPARQL request: "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE".

    Raises ForbiddenError for an update (including LOAD) or a query that uses SERVICE (this
    endpoint is read-only and never fetches from elsewhere), and InputError when the text is
    no query at all.
    """
    if not text or not text.strip():
        raise InputError("the query is empty")
    words = keywords(text)
    if "SERVICE" in words or _SERVICE_CALL.search(_decoded(text)):
        raise ForbiddenError("federated queries (SERVICE) are not allowed on this endpoint")
    for word in words:
        if word in ("BASE", "PREFIX"):
            continue
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_WORDS:
            raise ForbiddenError(f"SPARQL updates ({word}) are not allowed: this endpoint is read-only")
        break
    raise InputError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def dataset_clause(text: str, base_iri: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The graphs a query names with ``FROM`` and ``FROM NAMED``, as (default, named) IRIs,
    relative ones resolved against ``base_iri``; both empty when rdflib's parser cannot read the
    query (the store then judges it)."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, base=base_iri)
    except Exception:  # noqa: BLE001 - any parser failure: the store reports the error itself
        return (), ()
    defaults, named = [], []
    for clause in query.algebra.get("datasetClause") or ():
        if "default" in clause:
            defaults.append(str(clause["default"]))
        elif "named" in clause:
            named.append(str(clause["named"]))
    return tuple(defaults), tuple(named)
