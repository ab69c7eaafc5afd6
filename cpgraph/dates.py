"""Due dates read as written: a day stays a day, a month a month, a recurrence a recurrence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon


@dataclass(frozen=True)
class Due:
    """A parsed timescale: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` with its precision,
    or a recurrence; ``text`` is what was written."""

    text: str
    value: str | None = None
    precision: str | None = None
    recurrence: str | None = None


@cache
def _lex():
    lex = lexicon.load("dates")
    months = lex["months"]
    month_alt = "|".join(sorted(months, key=len, reverse=True))
    return (
        months,
        lexicon.words_pattern(lex["recurrences"]),
        lex["recurrences"],
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({month_alt})\.?,?\s+(\d{{4}})\b", re.I),
        re.compile(rf"\b({month_alt})\.?,?\s+(\d{{4}})\b", re.I),
        lex["quarter_end_month"],
        re.compile(rf"\b({month_alt})[-\s'’]\s?(\d{{2}})\b(?![-/:.]?\d)", re.I),
    )


def parse_due(text: str | None) -> Due | None:
    """Read a timescale such as ``September 2025``, ``12 Sept 2025``, ``2025-09``, ``Q3 2025``,
    ``2026`` or ``Reviewed annually``. Returns None for empty text; unreadable text is kept as
    ``text`` with no value (never guessed)."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    months, rec_re, recurrences, day_re, month_re, quarters, short_year_re = _lex()
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", raw):
        return Due(raw, f"{m[1]}-{m[2]}-{m[3]}", "day")
    if m := re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", raw):
        return Due(raw, f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", "day")
    if m := day_re.search(raw):
        return Due(raw, f"{m[3]}-{months[m[2].lower()]:02d}-{int(m[1]):02d}", "day")
    if m := month_re.search(raw):
        return Due(raw, f"{m[2]}-{months[m[1].lower()]:02d}", "month")
    if m := short_year_re.search(raw):  # "Mar-26", "Sept 25"
        return Due(raw, f"20{m[2]}-{months[m[1].lower()]:02d}", "month")
    if m := re.search(r"\b(\d{4})-(\d{2})\b", raw):
        if 1 <= int(m[2]) <= 12:
            return Due(raw, f"{m[1]}-{m[2]}", "month")
    if m := re.search(r"\bQ([1-4])\s*(\d{4})\s*/\s*(\d{2}|\d{4})\b", raw, re.I):
        # a quarter of a financial year (April to March): "Q3 2025/26" ends in December 2025
        quarter, start = int(m[1]), int(m[2])
        month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
        return Due(raw, f"{start + (quarter == 4)}-{month:02d}", "month")
    if m := re.search(r"\bQ([1-4])\s*(\d{4})\b", raw, re.I):
        return Due(raw, f"{m[2]}-{quarters[m[1]]:02d}", "month")
    if m := rec_re.search(raw):
        written = next(r for r in recurrences if r.casefold() == m.group(0).casefold())
        full = raw if raw.casefold().startswith(written.casefold()) else written
        return Due(raw, recurrence=full.rstrip(". "))
    if m := re.fullmatch(r"(?:by\s+|in\s+|during\s+|by the end of\s+|end of\s+)?(20\d\d)\s*/\s*(\d\d|20\d\d)", raw, re.I):
        # a financial year: "2026/27" ends in March 2027
        end = int(m[2]) if len(m[2]) == 4 else int(m[1][:2] + m[2])
        if end == int(m[1]) + 1:
            return Due(raw, f"{end}-03", "month")
    if m := re.fullmatch(r"(?:by\s+|in\s+|by the end of\s+|end of\s+|the end of\s+)?(\d{4})", raw, re.I):
        if m[0].casefold().startswith(("by the end", "end of", "the end")):
            return Due(raw, f"{m[1]}-12", "month")
        return Due(raw, m[1], "year")
    return Due(raw)
