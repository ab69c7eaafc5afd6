"""Themes and statutory principles for pledges and actions, decided by cue words kept in the
SKOS vocabulary (``ontology/themes.ttl``: ``skos:hiddenLabel``), with the cue recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import Graph
from rdflib.namespace import SKOS

from cpgraph import paths
from cpgraph.model import Classification, StrategyDocument


@dataclass(frozen=True)
class Concept:
    """A theme or principle of the vocabulary, with its cue pattern."""

    key: str
    label: str
    scheme: str  # "theme" | "principle"
    cues: tuple[str, ...]
    serves: tuple[str, ...]  # principle keys a theme serves


@cache
def vocabulary() -> tuple[Concept, ...]:
    """The themes then principles of ``ontology/themes.ttl`` (cached)."""
    g = Graph().parse(data=(paths.ontology_dir() / "themes.ttl").read_text(encoding="utf-8"), format="turtle")
    serves_p = g.namespace_manager.expand_curie("cp:servesPrinciple")
    concepts = []
    for s in g.subjects(SKOS.notation, None):
        key = str(g.value(s, SKOS.notation))
        scheme = "principle" if key.startswith("cpp_") else "theme"
        cues = tuple(sorted({str(o) for o in g.objects(s, SKOS.hiddenLabel)}, key=len, reverse=True))
        serves = tuple(sorted(str(g.value(o, SKOS.notation)) for o in g.objects(s, serves_p)))
        concepts.append(Concept(key, str(g.value(s, SKOS.prefLabel)), scheme, cues, serves))
    return tuple(sorted(concepts, key=lambda c: (c.scheme != "theme", c.key)))


@cache
def _pattern(concept: Concept) -> re.Pattern[str]:
    alts = "|".join(re.escape(c) for c in concept.cues)
    # acronyms stay case-sensitive; words match in any case
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def classify_text(text: str) -> tuple[list[Classification], list[Classification]]:
    """Themes whose cue words occur in ``text`` and the principles they and the text serve.

    Each classification names its cue: the word found, or ``theme:KEY`` for a principle that a
    theme serves."""
    themes: list[Classification] = []
    principles: dict[str, Classification] = {}
    for concept in vocabulary():
        m = _pattern(concept).search(text) if concept.cues else None
        if concept.scheme == "theme" and m:
            themes.append(Classification(concept.key, m.group(0)))
            for p in concept.serves:
                principles.setdefault(p, Classification(p, f"theme:{concept.key}"))
        elif concept.scheme == "principle" and m and concept.key not in principles:
            principles[concept.key] = Classification(concept.key, m.group(0))
    return themes, sorted(principles.values(), key=lambda c: c.key)


def classify_document(out: StrategyDocument) -> None:
    """Classify every pledge (by its title and group) and every action (by its text and
    outcomes) of ``out`` in place."""
    for pledge in out.pledges:
        pledge.themes, pledge.principles = classify_text(f"{pledge.group or ''} {pledge.title}")
        for action in pledge.actions:
            text = " ".join([action.text, *(c.text for c in action.outcome)])
            action.themes, action.principles = classify_text(text)
