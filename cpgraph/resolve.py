"""Resolution of names: owner fields split into normalised posts, initiatives merged by alias.

The rules come from ``data/lexicon/posts.json`` (post words, compound posts, hats) so that a
council's own post names can be taught without changing code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon

_QUOTES = str.maketrans({"\u201c": "", "\u201d": "", '"': ""})


def clean(text: str) -> str:
    """Text with NBSPs and runs of white space folded to one space, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """A stable, URL-safe key for a name: ASCII lower case words joined by hyphens."""
    text = unicodedata.normalize("NFKD", clean(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text.lower()).strip("-")
    return text[:80].rstrip("-") or "item"


@dataclass(frozen=True)
class Owner:
    """One owner read from an owner field: the normalised name and any hat it wears."""

    name: str
    hat: str | None = None


@cache
def _rules():
    lex = lexicon.load("posts")
    heads = lexicon.words_pattern(lex["post_heads"], flags=0)
    units = lexicon.words_pattern(lex["unit_heads"], flags=0)
    compounds = sorted(lex["compound_posts"], key=len, reverse=True)
    return heads, units, compounds, re.compile(lex["hat_pattern"])


def is_post(name: str) -> bool:
    """True if ``name`` reads as a post (a job someone holds) rather than a unit or service."""
    heads, _units, _c, _h = _rules()
    return bool(heads.search(name))


def is_owner_name(name: str) -> bool:
    """True if ``name`` can stand alone as an owner: a post, a unit, a known abbreviation."""
    heads, units, compounds, _h = _rules()
    if heads.search(name) or units.search(name) or ":" in name:
        return True
    if any(name.casefold() == c.casefold() for c in compounds):
        return True
    abbreviations = lexicon.load("abbreviations")
    return any(w in abbreviations for w in re.findall(r"[A-Za-z]+", name))


def normalise_owner(raw: str) -> Owner:
    """One owner name cleaned: spaces, quotes and trailing punctuation removed, hat taken off."""
    _heads, _units, _compounds, hat_re = _rules()
    name = clean(raw.translate(_QUOTES)).strip(" .;,")
    hat = None
    m = hat_re.search(name)
    if m:
        hat = clean(m.group(1))
        name = name[: m.start()].strip()
    return Owner(name, hat)


def _protect(text: str) -> tuple[str, dict[str, str]]:
    """Replace compound posts by placeholders so separators inside them are not split on."""
    _heads, _units, compounds, _h = _rules()
    kept: dict[str, str] = {}
    for i, comp in enumerate(compounds):
        pattern = re.compile(re.escape(comp), re.IGNORECASE)
        for m in pattern.finditer(text):
            key = f"\x00{i}\x00"
            kept[key] = m.group(0)
            text = text.replace(m.group(0), key)
    return text, kept


def split_owners(field: str) -> list[Owner]:
    """Split an owner field into owners as a council officer would read it.

    ``A / B`` and ``A, B and C`` are several owners; ``Team Manager: CLA, CSST, X`` gives the
    prefix to each item that is not an owner by itself; a fragment that cannot stand alone
    (``Education and Learning``) stays joined; compound posts from the lexicon are never split.
    Order is kept and duplicates dropped.
    """
    text, kept = _protect(clean(field))
    parts = [p for p in re.split(r"\s*/\s*|\s*;\s*", text) if p.strip()]
    owners: list[str] = []
    for part in parts:
        owners.extend(_split_part(part))
    result: list[Owner] = []
    seen: set[str] = set()
    for o in owners:
        for key, value in kept.items():
            o = o.replace(key, value)
        owner = normalise_owner(o)
        if owner.name and owner.name.casefold() not in seen:
            seen.add(owner.name.casefold())
            result.append(owner)
    return result


def _split_part(part: str) -> list[str]:
    prefix = ""
    m = re.match(r"^([^:]+):\s*(.+)$", part)
    pieces = re.split(r"\s*,\s*|\s+and\s+|\s+&\s+", part)
    if m and "," in m.group(2):
        # "Team Manager: CLA, CSST, Family Safeguarding" distributes its prefix
        tail = re.split(r"\s*,\s*|\s+and\s+|\s+&\s+", m.group(2))
        if not any(is_post(t) for t in tail[1:]):
            prefix = m.group(1).strip() + ": "
            return [prefix + t for t in tail if t]
    merged: list[str] = []
    separators = re.findall(r"\s*,\s*|\s+and\s+|\s+&\s+", part)
    for i, piece in enumerate(pieces):
        if not piece:
            continue
        if merged and not _stands_alone(piece):
            merged[-1] = merged[-1] + separators[i - 1] + piece if i - 1 < len(separators) else merged[-1]
        else:
            merged.append(piece)
    return merged


def _stands_alone(piece: str) -> bool:
    return "\x00" in piece or is_owner_name(piece)


def merge_aliases(names: list[str]) -> dict[str, str]:
    """Map each name to its canonical form within one document.

    A name equal to another minus a trailing bracketed note (``Care Leaver review - Mark Riddell``
    and ``… (DfE advisor)``), or differing only in case, spacing or quotes, maps to the fullest form.
    """
    def key(n: str) -> str:
        return re.sub(r"[^\w]+", " ", clean(n).casefold()).strip()

    def bare(n: str) -> str:
        return key(re.sub(r"\s*\([^()]*\)\s*$", "", n))

    canonical: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        target = next((c for c in canonical.values() if key(c) == key(name) or bare(c) == key(name)), None)
        canonical[name] = target or name
    return canonical
