"""Resolution of names: owner fields split into normalised posts, initiatives merged by alias.

The rules come from ``data/lexicon/posts.json`` (post words, compound posts, hats) so that a
council's own post names can be taught without changing code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon

_QUOTES = str.maketrans({"\u201c": "", "\u201d": "", '"': ""})
# Separators left hanging at either end of a name ("Team Manager, and") are not part of it.
_DANGLING = re.compile(r"^(?:[\s.;:,&/]|and\b)+|(?:[\s.;:,&/]|\band)+$", re.IGNORECASE)


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


@cache
def _cohorts() -> frozenset[str]:
    return frozenset(c.casefold() for c in lexicon.load("posts").get("cohorts", []))


def is_post(name: str) -> bool:
    """True if ``name`` reads as a post (a job someone holds) rather than a unit or service."""
    heads, _units, _c, _h = _rules()
    return bool(heads.search(name))


def is_owner_name(name: str) -> bool:
    """True if ``name`` can stand alone as an owner: a post, a unit, a known abbreviation; never
    a group of children ("Children in Care", "Care Leavers")."""
    heads, units, compounds, _h = _rules()
    if clean(name).casefold().strip(" .") in _cohorts():
        return False
    if heads.search(name) or units.search(name) or ":" in name:
        return True
    if any(name.casefold() == c.casefold() for c in compounds):
        return True
    abbreviations = lexicon.load("abbreviations")
    return any(w in abbreviations for w in re.findall(r"[A-Za-z]+", name))


def normalise_owner(raw: str) -> Owner:
    """One owner name cleaned: spaces, quotes and trailing punctuation removed, hat taken off."""
    _heads, _units, _compounds, hat_re = _rules()
    name = _DANGLING.sub("", clean(raw.translate(_QUOTES)))
    hat = None
    m = hat_re.search(name)
    if m:
        hat = clean(m.group(1))
        name = name[: m.start()].strip()
    return Owner(name, hat)


def _protect(text: str, whole: Iterable[str] = ()) -> tuple[str, dict[str, str]]:
    """Replace compound posts (taught in the lexicon, or known from the document to be one
    title) by placeholders so separators inside them are not split on."""
    _heads, _units, compounds, _h = _rules()
    kept: dict[str, str] = {}
    for i, comp in enumerate(sorted({*compounds, *whole}, key=len, reverse=True)):
        pattern = re.compile(re.escape(comp), re.IGNORECASE)
        for m in pattern.finditer(text):
            key = f"\x00{i}\x00"
            kept[key] = m.group(0)
            text = text.replace(m.group(0), key)
    return text, kept


def whole_titles(fields: Iterable[str]) -> frozenset[str]:
    """The owner fields of one document that are one title although they hold "and": written
    whole at least twice, while no part of them is ever written alone ("Senior Safeguarding Lead
    and Designated Nurse for …" is one post when the plan never names either half alone)."""
    written = [clean(f) for f in fields if f and f.strip()]
    counts: dict[str, int] = {}
    for f in written:
        counts[f.casefold()] = counts.get(f.casefold(), 0) + 1
    alone = set(counts)
    whole: set[str] = set()
    for f in written:
        parts = [p.strip() for p in re.split(r"\s+and\s+", f) if p.strip()]
        if len(parts) < 2 or counts[f.casefold()] < 2 or re.search(r"[:,/;]", f):
            continue  # a list ("Team Manager: A, B and C") is never one title
        if not any(p.casefold() in alone for p in parts):
            whole.add(f)
    return frozenset(whole)


def split_owners(field: str, whole: Iterable[str] = ()) -> list[Owner]:
    """Split an owner field into owners as a council officer would read it.

    ``A / B`` and ``A, B and C`` are several owners; ``Team Manager: CLA, CSST, X`` gives the
    prefix to each item that is not an owner by itself; a fragment that cannot stand alone
    (``Education and Learning``) stays joined; compound posts from the lexicon, and the titles
    ``whole`` the document shows to be one post (see ``whole_titles``), are never split.
    Order is kept and duplicates dropped. The owners are a fixed point: written out again as
    ``A / B / C`` they split into themselves, so re-reading an exported list changes nothing.
    """
    whole = tuple(whole)
    owners = _split_once(field, whole)
    for _ in range(8):
        names = [o.name for o in owners]
        again = _split_once(" / ".join(names), whole)
        if [o.name for o in again] == names:
            break
        # a name split further keeps the hat its whole wore
        owners = [Owner(a.name, a.hat or next((o.hat for o in owners if a.name in o.name), None))
                  for a in again]
    if any(is_post(o.name) for o in owners):
        # "Charlotte Bywater, Director of Children's Services": the post, not the person
        owners = [o for o in owners if not is_person_name(o.name)]
    return owners


_PERSON = re.compile(r"(?:(?P<title>Councillor|Cllr\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor)\s+)?"
                     r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)*(?:\s+[A-Z][a-z'’-]+){1,2})")


def is_person_name(name: str) -> bool:
    """True when ``name`` reads as a person's name ("Charlotte Bywater", "Cllr Jo Bloggs"):
    an optional title and two or three capitalised words, none of them a word of posts, units
    or bodies."""
    m = _PERSON.fullmatch(clean(name))
    return m is not None and not any(is_owner_name(w) for w in m.group("name").split())


def _split_once(field: str, whole: Iterable[str] = ()) -> list[Owner]:
    text, kept = _protect(clean(field.translate(_QUOTES)), whole)
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


_SEPARATOR = re.compile(r"(\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+&\s+)")


def _pieces(text: str) -> list[tuple[str, str]]:
    """``text`` cut at commas, "and" and "&": each piece with the separator written before it."""
    cut = _SEPARATOR.split(text)
    return [(cut[i], cut[i - 1] if i else "") for i in range(0, len(cut), 2)]


def _split_part(part: str) -> list[str]:
    m = re.match(r"^([^:]+):\s*(.+)$", part)
    if m:
        heads = _merge(_DANGLING.sub("", m.group(1)))
        tail_text = _DANGLING.sub("", m.group(2))
        if not heads or not tail_text:
            return _merge(part)
        if len(heads) > 1:
            # "A and B: X, Y": only the last owner before the colon wears the prefix
            return heads[:-1] + _split_part(heads[-1] + ": " + tail_text)
        tail = _pieces(tail_text)
        if len([t for t, _sep in tail if t.strip()]) > 1 and any(sep.strip() == "," for _t, sep in tail):
            later_post = next((i for i, (t, _sep) in enumerate(tail) if i and is_post(t)), None)
            if later_post is None:
                # "Team Manager: CLA, CSST, Family Safeguarding" distributes its prefix
                return [heads[0] + ": " + t for t, _sep in tail if t.strip()]
            # the prefix stops at the next post: "Team Manager: CLA, CSST, Head of Service"
            before = "".join(sep + t for t, sep in tail[:later_post])
            after = _DANGLING.sub("", "".join(sep + t for t, sep in tail[later_post:]))
            return _split_part(heads[0] + ": " + before) + _split_part(after)
    return _merge(part)


def _merge(part: str) -> list[str]:
    """Pieces of ``part`` that can stand alone as owners, fragments joined back to the one before;
    a fragment that opens the field ("Marketing and Communications Manager"), or that follows a
    whole post and comes before "and" and a post ("… Manager and Learning and Development Lead"),
    is joined to the one after it instead."""
    merged: list[str] = []
    opening = ""  # fragments waiting for the piece that stands alone after them
    pieces = [(p, s) for p, s in _pieces(part) if p]
    if len(pieces) == 2 and pieces[1][1].strip() == "," and is_post(pieces[0][0]) and not is_post(pieces[1][0]):
        if _organisation(pieces[1][0]):
            return [pieces[0][0]]  # "Named Nurse, Brackenridge Community Health": the post, and who employs it
        # "Team Manager, Leaving Care": a post and the area it serves, not a list
        return [pieces[0][0] + pieces[1][1] + pieces[1][0]]
    for index, (piece, sep) in enumerate(pieces):
        ahead = pieces[index + 1] if index + 1 < len(pieces) else None
        alone = _stands_alone(piece)
        # a fragment joins the post after it ("Marketing and Communications Manager"), never a unit
        forward = not alone and ahead is not None and ahead[1].strip() in ("and", "&") and is_post(ahead[0]) \
            and (not merged or (is_post(merged[-1]) and not _continues_of_phrase(merged[-1], sep, piece)))
        if forward:
            opening += (sep if opening else "") + piece
        elif opening:
            merged.append(opening + sep + piece)
            opening = ""
        elif merged and (not alone or _continues_of_phrase(merged[-1], sep, piece)):
            merged[-1] = merged[-1] + sep + piece
        else:
            merged.append(piece)
    if opening:
        merged.append(opening)
    return merged


@cache
def _organisation_heads() -> tuple[str, ...]:
    return tuple(lexicon.load("agencies").get("name_heads", []))


def _organisation(piece: str) -> bool:
    """True when ``piece`` names an organisation outside the council by its head words
    ("… NHS Foundation Trust", "… Community Health"), with a name of its own before them."""
    return any(piece.endswith(" " + h) for h in _organisation_heads())


def _continues_of_phrase(before: str, sep: str, piece: str) -> bool:
    """"Head of Residential and Commissioning Services" is one post: after "of" and one word, an
    "and" followed by words ending in "Services" and naming no post carries on the "of"."""
    return (sep.strip() in ("and", "&") and bool(re.search(r"\b(?:of|for)\s+[A-Z][\w'’-]*$", before))
            and bool(re.search(r"\bServices?$", piece)) and not is_post(piece) and len(piece.split()) <= 3)


def _stands_alone(piece: str) -> bool:
    # a hat after the piece ("Young People (Chair)") does not make it an owner
    return "\x00" in piece or is_owner_name(re.sub(r"\s*\([^()]*\)$", "", piece))


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
