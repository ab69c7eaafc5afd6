"""Whether a piece of text opens with a verb in the imperative ("Recruit more foster carers",
"Review the offer each year"), by a word list of the field (``data/lexicon/verbs.json``) and the
word after it: a verb followed by "is", "of" or "will" is a noun ("Review of placements")."""

from __future__ import annotations

import re
from functools import cache

from cpgraph import lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# After these a capitalised verb word is a noun heading a phrase ("Support for", "Access to").
_NOUN_NEXT = frozenset("is are was were will would has have had of as".split())
# Verbs that take "to" or "for" straight after them as verbs ("Listen to", "Care for").
_PREPOSITIONAL = frozenset(
    "aim agree care commit contribute continue go listen look refer respond seek speak strive "
    "talk try work write reach advocate apply ask campaign lobby pay plan prepare push stay step "
    "move reply account".split())


# Verbs that are as often nouns ("Personal Education Plan", "the Review Team"): inside a run
# of capitalised words they are read as part of a name.
NOUNISH = frozenset(
    "access address care change close contact evidence form issue market model place plan progress "
    "record report review support test trade trial value visit work network plan lead champion "
    "fund host pilot campaign offer target schedule record share benchmark mentor partner "
    "resource process pledge promise commission transfer transition".split())


@cache
def verbs() -> frozenset[str]:
    """The base-form verbs of the lexicon, lower case."""
    return frozenset(v.casefold() for v in lexicon.load("verbs")["verbs"])


def first_words(text: str, n: int = 2) -> list[str]:
    """The first ``n`` words of ``text`` (letters, apostrophes and hyphens), as written."""
    return _WORD.findall(text[:120])[:n]


def opens_with_verb(text: str, *, capital: bool = True) -> bool:
    """True when ``text`` opens with a base-form verb used as a verb (``capital``: and the verb
    is capitalised, as an item or sentence opens)."""
    words = first_words(text.lstrip(" \t\"“‘'(•-–"), 2)
    if not words:
        return False
    first = words[0]
    if capital and not first[:1].isupper():
        return False
    if first.casefold().endswith("ly") and len(words) == 2 and words[1].casefold() in verbs():
        return True  # "Jointly commission …", "Regularly review …"
    if first.casefold() not in verbs():
        return False
    if len(words) == 1:
        return True
    after = words[1].casefold()
    if after in _NOUN_NEXT:
        return False
    if words[1][:1].isupper() and first.casefold() in NOUNISH:
        return False  # "Lead Member for …", "Review Panel": a title, not an instruction
    if after in ("to", "for") and first.casefold() not in _PREPOSITIONAL:
        return False
    return True
