"""OCR-damaged headings repaired against the heading vocabulary of ``data/lexicon/headings.json``.

A scanned heading such as ``A PUACE TO UTVE`` keeps its shape (same words, same lengths) but loses
letters; it is repaired to the known heading it resembles (``A PLACE TO LIVE``), in the case it
was written in, and the repair is reported so it can be flagged. Only same-shaped text is
repaired, so a different word form (``TRANSITION`` for ``TRANSITIONS``) is never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from cpgraph import lexicon
from cpgraph.model import QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean


@dataclass(frozen=True)
class Repair:
    """A heading as it should read, with the damaged original when it was repaired.

    ``rest`` is what followed the heading on its line (words beyond the known heading)."""

    text: str
    original: str | None = None
    known: str | None = None  # the lexicon heading it matched (canonical spelling)
    rest: str = ""

    @property
    def repaired(self) -> bool:
        """True when the text differs from what was written."""
        return self.original is not None


@cache
def _vocabulary() -> tuple[tuple[str, ...], float]:
    lex = lexicon.load("headings")
    return tuple(lex["headings"]), float(lex["ocr_min_ratio"])


def _shape(words: list[str]) -> tuple[int, ...]:
    return tuple(len(w) for w in words)


def _in_case_of(known: str, written: str) -> str:
    """``known`` rendered in the case ``written`` uses (upper, or as the lexicon spells it)."""
    letters = [c for c in written if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return known.upper()
    return known


def _best(words: list[str]) -> tuple[str, float] | None:
    """The known heading with the same word shape as ``words`` and the best ratio, if good enough."""
    headings, min_ratio = _vocabulary()
    written = " ".join(words).casefold()
    best: tuple[str, float] | None = None
    for known in headings:
        known_words = known.split()
        if _shape(known_words) != _shape(words):
            continue
        score = fuzz.ratio(written, known.casefold())
        if score >= min_ratio and (best is None or score > best[1]):
            best = (known, score)
    return best


def _word(token: str) -> str:
    return re.sub(r"[^\w]", "", token).casefold()


def prose_words(doc: TextDocument) -> frozenset[str]:
    """The words of ``doc``'s prose (lines of more than eight words), case folded: the words the
    document is known to spell correctly, since OCR damage is rarest in running text."""
    return frozenset(_word(w) for raw in doc.lines if len(raw.split()) > 8 for w in raw.split())


def repair_heading(heading: str, prose: frozenset[str] | None = None) -> Repair:
    """``heading`` repaired against the vocabulary: unchanged (``original`` None) when it is
    already a known heading or resembles none; otherwise the known heading in the written case,
    with ``original`` the damaged text.

    With ``prose`` (the document's own words, see ``prose_words``) a word is only repaired when
    the document never writes it in its prose and does write the replacement, so a real heading
    that merely looks like a known one (``Feeling Safe`` beside ``Keeping Safe``) is kept."""
    text = clean(heading)
    words = text.split()
    if not words:
        return Repair(text)
    match = _best(words)
    if match is None:
        return Repair(text)
    known = match[0]
    fixed = _in_case_of(known, text)
    if fixed.casefold() == text.casefold():
        return Repair(text, known=known)
    if prose is not None:
        for old, new in zip(words, known.split(), strict=True):
            if _word(old) != _word(new) and (_word(old) in prose or _word(new) not in prose):
                return Repair(text)
    return Repair(fixed, original=text, known=known)


def repair_prefix(line: str, prose: frozenset[str] | None = None) -> Repair | None:
    """The known heading that opens ``line`` (exactly or OCR-damaged, checked against ``prose``
    as in ``repair_heading``), with the words after it in ``rest``; None when no known heading
    opens the line. The longest known heading wins."""
    words = clean(line).split()
    headings, _r = _vocabulary()
    for size in sorted({len(h.split()) for h in headings}, reverse=True):
        if size > len(words):
            continue
        repair = repair_heading(" ".join(words[:size]), prose)
        if repair.known is not None:
            rest = " ".join(words[size:])
            return Repair(repair.text, repair.original, repair.known, rest)
    return None


def flag_repairs(out: StrategyDocument, repairs: list[tuple[str, Span]]) -> None:
    """Record OCR-damaged headings (as written) in one ``ocr_errors`` quality flag of ``out``,
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
