"""Headings damaged by text recognition, repaired word by word by general means.

A scanned heading such as ``A PUACE TO UTVE`` keeps its shape (same words, each the same length)
but loses letters. A word of a heading that is not a word the document uses in its running text,
nor a word of the field (``data/lexicon/field_words.json``, the verbs of ``verbs.json``), is
damaged when a known word of the same length differs from it by one letter (two in longer
words, or in a short word when the repaired heading is a phrase the document writes elsewhere:
"place to live"). It is repaired to that word, in the case it was written in, and the repair is
reported so it can be flagged. A word form that is not the same length (``TRANSITION`` beside
``transitions``) is never rewritten, nor is a word the document's prose uses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.model import QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@dataclass(frozen=True)
class Repair:
    """A heading as it should read, with the damaged original when it was repaired.

    ``rest`` is what followed the repaired words on their line (kept for callers that repair the
    opening of a line)."""

    text: str
    original: str | None = None
    known: str | None = None
    rest: str = ""

    @property
    def repaired(self) -> bool:
        """True when the text differs from what was written."""
        return self.original is not None


@dataclass(frozen=True)
class Prose:
    """The words a document spells in its running text (lines of more than eight words), how
    often, and its whole text (for phrases)."""

    counts: Counter = field(default_factory=Counter)
    text: str = ""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.casefold() in self.counts


@cache
def _field_words() -> frozenset[str]:
    words = {w.casefold() for w in lexicon.load("field_words")["words"]}
    words |= {v.casefold() for v in lexicon.load("verbs")["verbs"]}
    words |= {w.casefold() for w in lexicon.load("headings")["function_words"]}
    return frozenset(words)


def prose_words(doc: TextDocument) -> Prose:
    """The words of ``doc``'s prose (lines of more than eight words), case folded: the words the
    document is known to spell correctly, since damage is rarest in running text."""
    counts: Counter = Counter()
    for raw in doc.lines:
        if len(raw.split()) > 8:
            counts.update(w.casefold() for w in _WORD.findall(raw))
    return Prose(counts, " ".join(clean(ln).casefold() for ln in doc.lines))


def _in_case_of(word: str, written: str) -> str:
    if written.isupper():
        return word.upper()
    if written[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _distance(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _candidates(word: str, prose: Prose | None) -> list[tuple[str, int, int]]:
    """Known words of the same length as ``word`` within two letters: ``(word, distance,
    prose count)``."""
    pool = set(_field_words()) | (set(prose.counts) if prose else set())
    out = []
    for known in pool:
        if len(known) == len(word) and known != word:
            d = _distance(known, word)
            if d <= 2:
                out.append((known, d, prose.counts.get(known, 0) if prose else 0))
    return out


def repair_heading(heading: str, prose: Prose | None = None) -> Repair:
    """``heading`` with its damaged words repaired (see the module's docstring): unchanged
    (``original`` None) when no word is damaged, else the repaired text with ``original`` the
    text as written."""
    text = clean(heading)
    tokens = text.split()
    known = _field_words() | (set(prose.counts) if prose else set())
    fixed = list(tokens)
    for index, token in enumerate(tokens):
        m = _WORD.search(token)
        if not m or len(m.group(0)) < 3:
            continue
        word = m.group(0).casefold()
        if word in known:
            continue
        best: tuple[int, int, int, str] | None = None
        for cand, dist, count in _candidates(word, prose):
            allowed = 1 if len(word) <= 5 else 2
            phrase = _phrase_seen(fixed, index, cand, prose)
            if dist > allowed and not phrase:
                continue
            key = (-int(phrase), dist, -count, cand)
            if best is None or key < best:
                best = key
        if best is not None:
            repaired = _in_case_of(best[3], m.group(0))
            fixed[index] = token[: m.start()] + repaired + token[m.end():]
    result = " ".join(fixed)
    if result == text:
        return Repair(text)
    return Repair(result, original=text)


def _phrase_seen(tokens: list[str], index: int, word: str, prose: Prose | None) -> bool:
    """True when the document writes ``word`` beside the heading's neighbouring word ("place to
    live" for "… TO UTVE"): evidence strong enough to repair a short word by two letters."""
    if prose is None or not prose.text:
        return False
    before = " ".join(t.casefold() for t in tokens[max(0, index - 2):index])
    after = " ".join(t.casefold() for t in tokens[index + 1:index + 3])
    return bool(before and f"{before} {word}" in prose.text) or bool(after and f"{word} {after}" in prose.text)


def repair_prefix(line: str, prose: Prose | None = None) -> Repair | None:
    """``line`` with its damaged words repaired (``rest`` empty); None when the line is empty."""
    text = clean(line)
    if not text:
        return None
    return repair_heading(text, prose)


def flag_repairs(out: StrategyDocument, repairs: list[tuple[str, Span]]) -> None:
    """Record damaged headings (as written) in one ``ocr_errors`` quality flag of ``out``,
    adding to the flag another layout already raised rather than raising a second one."""
    if not repairs:
        return
    flag = next((f for f in out.quality_flags if f.kind == "ocr_errors"), None)
    if flag is None:
        flag = QualityFlag("ocr_errors", "headings", repairs[0][1])
        out.quality_flags.append(flag)
    for text, _span in repairs:
        quoted = f"'{text}'"
        if quoted not in flag.detail:
            flag.detail = f"{flag.detail} {quoted}" if flag.detail == "headings" else f"{flag.detail}, {quoted}"
