"""Score an extraction against a gold annotation: one-to-one fuzzy matching and P/R/F1.

Pure functions over two gold-shaped dicts (see the gold README); nothing here knows how the
prediction was made. Absent or null keys count as empty lists; a key of the wrong type is an
``InputError`` rather than a silently empty category.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from cpgraph.errors import InputError

#: Categories scored by precision, recall and F1, in report order.
CATEGORIES: tuple[str, ...] = (
    "pledges",
    "actions",
    "officers",
    "bodies",
    "agencies",
    "initiatives",
)
#: Top-level string lists compared directly (gold list vs predicted list).
LIST_CATEGORIES: tuple[str, ...] = ("officers", "bodies", "agencies", "initiatives")
#: Scalar scores averaged over the documents where they apply.
MEANS: tuple[str, ...] = ("owner_jaccard", "due_accuracy", "theme_jaccard")

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / typographic apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u200b": "",  # zero-width space
        "\u00ad": "",  # soft hyphen
    }
)
_SPACES = re.compile(r"\s+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?\u2026]+$")


def normalise(text: str) -> str:
    """Return ``text`` in the form matching compares.

    Promises: casefolded; curly quotes and apostrophes become ``'`` and ``"``; every dash
    becomes ``-``; no-break spaces become spaces; runs of whitespace become one space; no
    leading whitespace and no trailing whitespace or sentence punctuation (``. , ; : ! ? …``).
    Idempotent: ``normalise(normalise(t)) == normalise(t)``.
    """
    text = unicodedata.normalize("NFKC", text.translate(_CHAR_MAP)).translate(_CHAR_MAP)
    text = _SPACES.sub(" ", text.casefold()).strip()
    return _TRAILING_PUNCT.sub("", text)


def gold_aliases(gold: dict) -> dict[str, list[str]]:
    """The other names the gold accepts for its items: ``{"NHSE": ["NHS England"]}`` in the
    gold file's optional ``aliases`` object (the gold says what counts as the same name; the
    scorer never asks the extractor's own lexicon)."""
    aliases = gold.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise InputError("gold: 'aliases' must be an object of name -> list of other names")
    return {str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in aliases.items()}


def _as_gold(items: Sequence[str], aliases: dict[str, list[str]]) -> list[str]:
    """Predicted names written as the gold names them, where the gold lists them as aliases."""
    back = {normalise(a): name for name, others in aliases.items() for a in others}
    return [back.get(normalise(s), s) for s in items]


def match_one_to_one(
    gold: Sequence[str], pred: Sequence[str], threshold: float = 85
) -> list[tuple[int, int, float]]:
    """Pair items of ``gold`` with items of ``pred``, each item used at most once.

    Strings are compared after ``normalise``. Exact matches are taken first (score 100.0,
    duplicates paired in order); the rest are paired greedily, best ``fuzz.ratio`` first
    (ties broken by ``fuzz.token_sort_ratio``, then by position), keeping only scores
    ``>= threshold``. Returns ``(gold_index, pred_index, score)`` sorted by gold index.
    """
    g_norm = [normalise(s) for s in gold]
    p_norm = [normalise(s) for s in pred]
    free_pred: dict[str, list[int]] = {}
    for j, s in enumerate(p_norm):
        free_pred.setdefault(s, []).append(j)

    pairs: list[tuple[int, int, float]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for i, s in enumerate(g_norm):
        candidates = free_pred.get(s)
        if candidates:
            j = candidates.pop(0)
            pairs.append((i, j, 100.0))
            used_g.add(i)
            used_p.add(j)

    scored: list[tuple[float, float, int, int]] = []
    for i, gs in enumerate(g_norm):
        if i in used_g:
            continue
        for j, ps in enumerate(p_norm):
            if j in used_p:
                continue
            score = fuzz.ratio(gs, ps, score_cutoff=threshold)
            if score >= threshold:
                scored.append((-score, -fuzz.token_sort_ratio(gs, ps), i, j))
    scored.sort()
    for neg_score, _tie, i, j in scored:
        if i in used_g or j in used_p:
            continue
        pairs.append((i, j, -neg_score))
        used_g.add(i)
        used_p.add(j)
    return sorted(pairs)


def _counts(tp: int, n_gold: int, n_pred: int) -> dict[str, Any]:
    """P/R/F1 block; both empty is n/a (1.0); any other zero denominator gives 0.0."""
    fp, fn = n_pred - tp, n_gold - tp
    if n_gold == 0 and n_pred == 0:
        return {"tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n/a": True}
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "n/a": False,
    }


def _jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard index; two empty sets are identical (1.0)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _list(doc: dict, key: str, where: str) -> list:
    """``doc[key]`` as a list: absent or null is empty; anything else but a list is an error."""
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where}: '{key}' must be a list, not {type(value).__name__}")
    return value


def _strings(doc: dict, key: str, where: str) -> list[str]:
    """``doc[key]`` as a list of strings (see ``_list``)."""
    items = _list(doc, key, where)
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"{where}: '{key}' must hold strings, found {type(item).__name__}")
    return items


def _dicts(doc: dict, key: str, where: str) -> list[dict]:
    """``doc[key]`` as a list of objects (see ``_list``)."""
    items = _list(doc, key, where)
    for item in items:
        if not isinstance(item, dict):
            raise InputError(f"{where}: '{key}' must hold objects, found {type(item).__name__}")
    return items


def _text(item: dict, key: str, where: str) -> str:
    """``item[key]`` as a string; absent or null is the empty string."""
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: '{key}' must be a string, not {type(value).__name__}")
    return value


def _pledges(doc: dict, where: str) -> list[tuple[str, list[dict]]]:
    """(title, actions) of every pledge in ``doc``."""
    return [
        (_text(p, "title", where), _dicts(p, "actions", where))
        for p in _dicts(doc, "pledges", where)
    ]


def _same_when(gold_action: dict, pred_action: dict, where: str) -> bool:
    """True when ``due`` and ``recurrence`` both agree (absent = null; compared normalised)."""
    for key in ("due", "recurrence"):
        g = normalise(_text(gold_action, key, f"{where} gold")) or None
        p = normalise(_text(pred_action, key, f"{where} predicted")) or None
        if g != p:
            return False
    return True


def _owners(action: dict, where: str) -> set[str]:
    """Normalised owner set of an action."""
    return {normalise(o) for o in _strings(action, "owners", where)}


def _match_actions(
    gold_pledges: list[tuple[str, list[dict]]],
    pred_pledges: list[tuple[str, list[dict]]],
    pledge_pairs: list[tuple[int, int, float]],
    threshold: float,
    where: str,
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match actions within matched pledges, then the leftovers across the whole document.

    Returns the matched (gold, predicted) action pairs and the unmatched gold and predicted
    actions, each in document order.
    """
    g_actions = [(pi, ai) for pi, (_, acts) in enumerate(gold_pledges) for ai in range(len(acts))]
    p_actions = [(pi, ai) for pi, (_, acts) in enumerate(pred_pledges) for ai in range(len(acts))]

    def g_text(key: tuple[int, int]) -> str:
        return _text(gold_pledges[key[0]][1][key[1]], "text", f"{where} gold")

    def p_text(key: tuple[int, int]) -> str:
        return _text(pred_pledges[key[0]][1][key[1]], "text", f"{where} predicted")

    matched: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for gp, pp, _ in pledge_pairs:
        g_keys = [(gp, ai) for ai in range(len(gold_pledges[gp][1]))]
        p_keys = [(pp, ai) for ai in range(len(pred_pledges[pp][1]))]
        for gi, pj, _ in match_one_to_one(
            [g_text(k) for k in g_keys], [p_text(k) for k in p_keys], threshold
        ):
            matched.append((g_keys[gi], p_keys[pj]))

    used_g = {g for g, _ in matched}
    used_p = {p for _, p in matched}
    rest_g = [k for k in g_actions if k not in used_g]
    rest_p = [k for k in p_actions if k not in used_p]
    for gi, pj, _ in match_one_to_one(
        [g_text(k) for k in rest_g], [p_text(k) for k in rest_p], threshold
    ):
        matched.append((rest_g[gi], rest_p[pj]))

    matched.sort()
    used_g = {g for g, _ in matched}
    used_p = {p for _, p in matched}

    def g_action(key: tuple[int, int]) -> dict:
        return gold_pledges[key[0]][1][key[1]]

    def p_action(key: tuple[int, int]) -> dict:
        return pred_pledges[key[0]][1][key[1]]

    return (
        [(g_action(g), p_action(p)) for g, p in matched],
        [g_action(k) for k in g_actions if k not in used_g],
        [p_action(k) for k in p_actions if k not in used_p],
    )


def _unmatched(items: Sequence[str], pairs: Iterable[int]) -> list[str]:
    """Items whose index is not in ``pairs``, in order."""
    taken = set(pairs)
    return [s for i, s in enumerate(items) if i not in taken]


def score_document(gold: dict, predicted: dict, threshold: float = 85) -> dict:
    """Score one predicted document against its gold annotation.

    Promises a JSON-ready dict with, for each of ``CATEGORIES``, ``{"tp", "fp", "fn",
    "precision", "recall", "f1", "n/a"}`` (``n/a`` is true, and the scores 1.0, only when gold
    and prediction are both empty; otherwise a zero denominator scores 0.0); ``owner_jaccard``
    and ``due_accuracy`` over matched actions and ``theme_jaccard`` of the theme sets (each
    ``None`` when there is nothing to compare); ``matched_actions``; and ``misses``: per
    category (and ``themes``) the unmatched ``gold`` and ``predicted`` strings.
    Pledges match on title; actions match on text within matched pledges first, then across
    the document, so a missed pledge title does not lose its actions.
    """
    if not isinstance(gold, dict) or not isinstance(predicted, dict):
        raise InputError("gold and predicted documents must both be JSON objects")
    result: dict[str, Any] = {}
    misses: dict[str, dict[str, list[str]]] = {}

    g_pledges, p_pledges = _pledges(gold, "gold"), _pledges(predicted, "predicted")
    g_titles = [t for t, _ in g_pledges]
    p_titles = [t for t, _ in p_pledges]
    pledge_pairs = match_one_to_one(g_titles, p_titles, threshold)
    result["pledges"] = _counts(len(pledge_pairs), len(g_titles), len(p_titles))
    misses["pledges"] = {
        "gold": _unmatched(g_titles, (i for i, _, _ in pledge_pairs)),
        "predicted": _unmatched(p_titles, (j for _, j, _ in pledge_pairs)),
    }

    action_pairs, g_left, p_left = _match_actions(
        g_pledges, p_pledges, pledge_pairs, threshold, "actions"
    )
    result["actions"] = _counts(
        len(action_pairs), len(action_pairs) + len(g_left), len(action_pairs) + len(p_left)
    )
    misses["actions"] = {
        "gold": [_text(a, "text", "gold") for a in g_left],
        "predicted": [_text(a, "text", "predicted") for a in p_left],
    }

    aliases = gold_aliases(gold)
    for key in LIST_CATEGORIES:
        g_items, p_items = _strings(gold, key, "gold"), _strings(predicted, key, "predicted")
        pairs = match_one_to_one(g_items, _as_gold(p_items, aliases), threshold)
        result[key] = _counts(len(pairs), len(g_items), len(p_items))
        misses[key] = {
            "gold": _unmatched(g_items, (i for i, _, _ in pairs)),
            "predicted": _unmatched(p_items, (j for _, j, _ in pairs)),
        }

    if action_pairs:
        result["owner_jaccard"] = sum(
            _jaccard(_owners(g, "gold action"), _owners(p, "predicted action"))
            for g, p in action_pairs
        ) / len(action_pairs)
        result["due_accuracy"] = sum(_same_when(g, p, "action") for g, p in action_pairs) / len(
            action_pairs
        )
    else:
        result["owner_jaccard"] = None
        result["due_accuracy"] = None
    result["matched_actions"] = len(action_pairs)

    g_themes = _strings(gold, "themes", "gold")
    p_themes = _strings(predicted, "themes", "predicted")
    g_set = {normalise(t) for t in g_themes}
    p_set = {normalise(t) for t in p_themes}
    result["theme_jaccard"] = _jaccard(g_set, p_set) if g_set or p_set else None
    misses["themes"] = {
        "gold": [t for t in g_themes if normalise(t) not in p_set],
        "predicted": [t for t in p_themes if normalise(t) not in g_set],
    }

    result["misses"] = misses
    return result


def score_corpus(pairs: Sequence[tuple[str, dict, dict]], threshold: float = 85) -> dict:
    """Score every ``(name, gold, predicted)`` and summarise.

    Promises ``{"documents": {name: score_document(...)}, "overall": {...}}`` with documents in
    the order given. ``overall`` holds, per category, micro-averaged P/R/F1 from the summed
    tp/fp/fn (``n/a`` only when every document is n/a), and for ``owner_jaccard``,
    ``due_accuracy`` and ``theme_jaccard`` the mean over documents where it is not ``None``
    (``None`` if there are none). Repeated names are an ``InputError``.
    """
    documents: dict[str, dict] = {}
    for name, gold, predicted in pairs:
        if name in documents:
            raise InputError(f"document '{name}' is given twice")
        documents[name] = score_document(gold, predicted, threshold)

    overall: dict[str, Any] = {}
    for key in CATEGORIES:
        tp = sum(d[key]["tp"] for d in documents.values())
        fp = sum(d[key]["fp"] for d in documents.values())
        fn = sum(d[key]["fn"] for d in documents.values())
        overall[key] = _counts(tp, tp + fn, tp + fp)
    for key in MEANS:
        values = [d[key] for d in documents.values() if d[key] is not None]
        overall[key] = sum(values) / len(values) if values else None
    return {"documents": documents, "overall": overall}


_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("pledges", "pledges", "F1"),
    ("actions", "actions", "F1"),
    ("officers", "officers", "F1"),
    ("bodies", "bodies", "F1"),
    ("agencies", "agencies", "F1"),
    ("initiatives", "initiatives", "F1"),
    ("owner_jaccard", "owner", "J"),
    ("due_accuracy", "due", "acc"),
    ("theme_jaccard", "theme", "J"),
)


def _cell(scores: dict, key: str) -> str:
    """One table cell: F1 of a category, or a mean, to 3 decimals; ``n/a`` if not applicable."""
    value = scores.get(key)
    if isinstance(value, dict):
        return "n/a" if value.get("n/a") else f"{value['f1']:.3f}"
    return "n/a" if value is None else f"{value:.3f}"


def format_table(report: dict) -> str:
    """Render a ``score_corpus`` report as a plain-text table for a terminal.

    Promises one row per document (in report order) and a final ``overall`` row; columns are
    the F1 of each category, then owner Jaccard, due accuracy and theme Jaccard, each to three
    decimals or ``n/a``. The header spans two lines (name, then measure). Ends with a newline.
    """
    rows = [(name, scores) for name, scores in report["documents"].items()]
    rows.append(("overall", report["overall"]))
    name_width = max(len("document"), *(len(name) for name, _ in rows))
    widths = [max(len(top), len(bottom), 5) for _, top, bottom in _COLUMNS]

    def line(first: str, cells: Iterable[str]) -> str:
        body = "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))
        return f"{first.ljust(name_width)}  {body}".rstrip()

    rule = "-" * (name_width + sum(widths) + 2 * len(widths))
    out = [
        line("document", (top for _, top, _ in _COLUMNS)),
        line("", (bottom for _, _, bottom in _COLUMNS)),
        rule,
    ]
    for index, (name, scores) in enumerate(rows):
        if index == len(rows) - 1:
            out.append(rule)
        out.append(line(name, (_cell(scores, key) for key, _, _ in _COLUMNS)))
    return "\n".join(out) + "\n"


def pair_gold_with_sources(gold_dir: Path, sources_dir: Path) -> list[tuple[Path, Path]]:
    """Pair each gold ``*.json`` in ``gold_dir`` with the file in ``sources_dir`` of the same stem.

    Promises ``(gold_path, source_path)`` pairs sorted by gold file name; the source may have
    any suffix. Raises ``InputError`` (one line, naming the file or folder) when a folder is
    missing, ``gold_dir`` holds no gold files, a gold file has no source, or a stem matches
    more than one source.
    """
    gold_dir, sources_dir = Path(gold_dir), Path(sources_dir)
    for folder, what in ((gold_dir, "gold"), (sources_dir, "sources")):
        if not folder.is_dir():
            raise InputError(f"{what} folder not found: {folder}")
    gold_files = sorted(p for p in gold_dir.glob("*.json") if p.is_file())
    if not gold_files:
        raise InputError(f"no gold *.json files in {gold_dir}")

    by_stem: dict[str, list[Path]] = {}
    for path in sorted(sources_dir.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            by_stem.setdefault(path.stem, []).append(path)

    pairs: list[tuple[Path, Path]] = []
    for gold_path in gold_files:
        sources = [p for p in by_stem.get(gold_path.stem, []) if p.resolve() != gold_path.resolve()]
        if not sources:
            raise InputError(f"no source for gold file {gold_path.name} in {sources_dir}")
        if len(sources) > 1:
            names = ", ".join(p.name for p in sources)
            raise InputError(f"gold file {gold_path.name} matches several sources: {names}")
        pairs.append((gold_path, sources[0]))
    return pairs
