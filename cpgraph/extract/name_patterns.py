"""Names found by their shape rather than from a gazetteer: governance bodies and initiatives
ending in a head noun ("… Panel", "… Project"), programmes introduced with their acronym
("Raising Attainment for Disadvantaged Youngsters (RADY)"), partners listed after "partners such
as", and a commissioned partner named after a dash ("Advocacy Service – NYAS")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from cpgraph import lexicon
from cpgraph.model import Body, Named, Span, StrategyDocument
from cpgraph.resolve import clean, is_post

_CONNECTORS = ("in", "of", "for", "and", "the", "to", "on")


def name_key(name: str) -> str:
    """A name as compared for sameness: case, punctuation and a bracketed abbreviation aside
    ("Corporate Parenting Panel (CPP)" is "Corporate Parenting Panel"; "Care Leavers' Pledge" is
    "Care Leavers Pledge")."""
    return re.sub(r"[^\w]+", "", re.sub(r"\s*\([^()]*\)\s*$", "", name).casefold())
_WORD = r"[A-Z][\w'’&-]*"


@cache
def _head_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    words = rf"(?:{_WORD}|\d+)"
    link = r"(?:" + "|".join(_CONNECTORS) + r")"
    alts = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’])((?:{words}\s+)(?:(?:{link}|{words})\s+){{0,6}}(?:{alts}))(?![\w-])"
    )


def _strip_leading(name: str, leading: Iterable[str]) -> str:
    words = name.split()
    stop = {w.casefold() for w in leading}
    while len(words) > 1 and (
        words[0].casefold() in stop
        or words[0].casefold() in _CONNECTORS
        or (words[0].endswith("ed") and words[0][0].isupper())
    ):
        words.pop(0)
    return " ".join(words)


def names_with_heads(
    lines: Iterable[tuple[int, str]], heads: Iterable[str], leading: Iterable[str]
) -> list[tuple[str, int]]:
    """Capitalised names ending in one of ``heads`` (``"Corporate Parenting Panel"``), each with
    the first line it is on; leading function words and sentence-initial past-tense verbs
    (``"Launched"``) are dropped, and a name must keep at least two words."""
    heads = tuple(h for h in heads if h)
    if not heads:
        return []
    pattern = _head_pattern(heads)
    leading = tuple(leading)
    found: dict[str, tuple[str, int]] = {}
    for number, text in lines:
        for m in pattern.finditer(text):
            name = _strip_leading(clean(m.group(1)), leading)
            if len(name.split()) < 2 or name.split()[0].casefold() in _CONNECTORS:
                continue
            found.setdefault(name.casefold(), (name, number))
    return list(found.values())


_ACRONYM = re.compile(
    rf"((?:{_WORD}\s+)(?:(?:{'|'.join(_CONNECTORS)}|{_WORD})\s+){{1,7}}{_WORD})\s*\(([A-Z][A-Za-z]{{1,7}})\)"
)


def acronym_names(lines: Iterable[tuple[int, str]]) -> list[tuple[str, str, int]]:
    """Names written out and followed by their acronym, the acronym spelling the initials of the
    name's capitalised words: ``(name with acronym, acronym, line)``."""
    found = []
    for number, text in lines:
        for m in _ACRONYM.finditer(text):
            words = m.group(1).split()
            acronym = m.group(2)
            # the name is the shortest tail of capitalised words whose initials spell the acronym
            for first in range(len(words) - 1, -1, -1):
                tail = words[first:]
                initials = "".join(w[0] for w in tail if w[0].isupper())
                if initials.upper() == acronym.upper() and tail[0][0].isupper():
                    found.append((f"{' '.join(tail)} ({acronym})", acronym, number))
                    break
    return found


@cache
def _partner_rules() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    lex = lexicon.load("agencies")
    lists = [re.compile(p) for p in lex.get("partner_list_patterns", [])]
    named = [re.compile(p) for p in lex.get("named_partner_patterns", [])]
    return lists, named


def _gazetteer_aliases(name: str) -> re.Pattern[str] | None:
    aliases = [a for entry in lexicon.load(name)[name] for a in entry["aliases"]]
    return lexicon.words_pattern(aliases) if aliases else None


def add_partners(lines: Iterable[tuple[int, str]], source: str, out: StrategyDocument) -> None:
    """Add partner agencies named in lists (``"partners such as health, police and housing"``,
    each as written) or after a commissioned service's dash (``"Advocacy Service – NYAS"``);
    names the agency gazetteer knows are left to it."""
    lists, named = _partner_rules()
    known = _gazetteer_aliases("agencies")
    have = {a.name.casefold() for a in out.agencies}

    def add(name: str, number: int) -> None:
        name = clean(name).strip(" .")
        if not name or name.casefold() in have or (known and known.fullmatch(name)):
            return
        have.add(name.casefold())
        out.agencies.append(Named(name, Span(source, number, number)))

    for number, text in lines:
        for pattern in lists:
            for m in pattern.finditer(text):
                for item in re.split(
                    r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", m.group("items")
                ):
                    if 0 < len(item.split()) <= 4:
                        add(item, number)
        for pattern in named:
            for m in pattern.finditer(text):
                add(m.group("name"), number)


def _ends_in_head(name: str, heads: Iterable[str]) -> bool:
    return any(name.endswith(h) for h in heads)


def add_agencies_by_shape(texts: list[tuple[int, str]], source: str, out: StrategyDocument) -> None:
    """Add the partner organisations named by the shape of their names: capitalised words
    ending in a head noun of an organisation outside the council ("… Foundation", "…
    Integrated Care Board", "… NHS Trust", "… Police"), from ``agencies.json``."""
    heads = tuple(lexicon.load("agencies").get("name_heads", []))
    leading = lexicon.load("promises")["name_leading_words"]
    have = {name_key(a.name) for a in out.agencies}
    for name, number in names_with_heads(texts, heads, leading):
        if len(name.split()) < 2 or name_key(name) in have or is_post(name):
            continue
        have.add(name_key(name))
        out.agencies.append(Named(name, Span(source, number, number)))


_PROPER = re.compile(r"\b(?:the|annual|our|a|an|new|termly|yearly|national)\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)\b(?!\s+[A-Z])")


def add_named_programmes(actions: list, source: str, out: StrategyDocument) -> None:
    """Add, as initiatives, the proper names an action refers to with a determiner before them
    ("… in the annual Big Ballot", "… the Pupil Premium Plus grant") that name no post, unit,
    body, group of children, agency or council."""
    from cpgraph.resolve import is_owner_name

    bodies = tuple(lexicon.load("governance")["body_heads"]) + ("Council", "Team", "School", "Service", "Services")
    agencies = tuple(lexicon.load("agencies").get("name_heads", []))
    have = {name_key(i.name) for i in out.initiatives} | {name_key(b.name) for b in out.bodies} | {
        name_key(a.name) for a in out.agencies}
    for action in actions:
        for m in _PROPER.finditer(action.text):
            name = m.group(1)
            if name.endswith(bodies + agencies) or is_owner_name(name) or name_key(name) in have:
                continue
            if any(name_key(name) in k or k in name_key(name) for k in have if len(k) > 4):
                continue
            have.add(name_key(name))
            out.initiatives.append(Named(name, action.span))


def add_named_bodies(texts: list[tuple[int, str]], source: str, out: StrategyDocument) -> None:
    """Add the bodies named on their own rather than by a head noun: the council's standing
    bodies when a text names them as such ("reports to Cabinet", not "the Cabinet Member for
    …"), and a council of children by its own name ("Harrowden Voices, the Children in Care
    Council", "Unity (the Children in Care Council)")."""
    lex = lexicon.load("governance")
    have = {name_key(b.name) for b in out.bodies}

    def add(name: str, number: int, generic: str | None = None) -> None:
        if len(name) > 2 and name_key(name) not in have:
            have.add(name_key(name))
            out.bodies.append(Body(name, Span(source, number, number)))
        if generic and name_key(generic) != name_key(name):
            body = next(b for b in out.bodies if name_key(b.name) == name_key(name))
            if generic not in body.aliases:
                body.aliases.append(generic)  # "Unity, the Tamsford Children in Care Council": one body

    kinds = "|".join(re.escape(k) for k in lex.get("youth_council_kinds", []))
    own_name = re.compile(
        rf"(?P<a>[A-Z][\w'’!-]*(?:\s+[A-Z][\w'’!-]*){{0,3}}),?\s+(?:\((?:the\s+|our\s+)?(?:[A-Z]\w+\s+)*(?:{kinds})\)|"
        rf"(?:the|our)\s+(?:[A-Z]\w+\s+)*(?:{kinds})\b)"
        rf"|(?:{kinds}),?\s+(?:\((?=[‘“\"']))?(?:called\s+|known as\s+)?(?P<q>[‘“\"'])?"
        rf"(?P<b>[A-Z][\w'’!-]*(?:\s+[A-Z][\w'’!-]*){{0,3}})[’”\"']?\)?")
    standing = re.compile(rf"\b(?:{'|'.join(re.escape(b) for b in lex.get('standing_bodies', []))})\b(?!\s+[A-Z])")
    for number, text in texts:
        for m in standing.finditer(text):
            add(m.group(0), number)  # "… recommended to Cabinet", not "the Cabinet Member for …"
        for m in _YOUNG_PEOPLES_GROUP.finditer(text):
            name = clean(m.group("a") or m.group("b"))
            if _group_name(name, out):
                add(name, number)  # "Brennock Voices representatives", "a young person from Ashcombe Youth Voice"
        for m in own_name.finditer(text):
            name = clean(m.group("a") or m.group("b") or "")
            first = name.split()[0].casefold() if name else ""
            if m.group("a") and (re.search(r"[A-Z][\w'’-]*\s+(?:in|and|for|of|the|&)\s+$", text[:m.start()]) or re.search(
                    r"\b(?:Council|Forum|Board|Panel|Group|Committee|Team|Parliament)$", name)):
                continue  # the tail of a longer name ("… in Care Council, the Care Leavers Forum")
            if m.group("b") and not m.group("q") and re.match(r"\s*(?:,|and\b|&)", text[m.end():]):
                continue  # "the Children in Care Council, Cared For and …": a list, not a name
            if name.startswith("The ") and len(name.split()) >= 2 and (m.group("a") or m.group("q")):
                first = ""  # "The Loudhailers, the … Children in Care Council", "(“The Voice”)": "The" is its own
            if name and first not in ("the", "our", "a", "and", "with", "from", "of") and not is_post(name):
                if m.group("a"):
                    generic = re.sub(r"^[(,\s]*(?:the\s+|our\s+)?|[)\s]+$", "", m.group(0)[len(name):])
                else:
                    # "Southmarsh Children in Care Council (“The Sea Change Group”)": the place before the kind too
                    kind = re.sub(r"[\s,(]*(?:called|known as)?[\s(]*[‘“\"']?$", "", m.group(0)[:m.start("b") - m.start()])
                    place = re.search(r"(?:[A-Z][\w'’-]*\s+){1,3}$", text[:m.start()])
                    generic = (place.group(0) if place else "") + kind
                add(name, number, clean(generic) or None)


# A group young people belong to, named by who comes from it: "Brennock Voices representatives",
# "(Allerby Care Crew representatives)", "a care experienced young person from Ashcombe Youth Voice",
# "two members of Harrow Voices".
_GROUP_NAME = r"[A-Z][\w'’!-]*(?:\s+[A-Z][\w'’!-]*){0,3}"
_YOUNG_PEOPLES_GROUP = re.compile(
    rf"(?<![\w'’-])(?P<a>{_GROUP_NAME})\s+representatives\b"
    rf"|\b(?:young (?:person|people)|(?:two|three|four|five|\d+) members)\s+(?:from|of)\s+"
    rf"(?P<b>{_GROUP_NAME})")


def _group_name(name: str, out: StrategyDocument) -> bool:
    """True when ``name`` can be a group of young people's own name: not a post, a council, a
    place the document's council is named after, an organisation outside the council or a
    body head alone."""
    words = name.split()
    if not words or words[0] in ("The", "Our", "Council", "Councillor", "Members") or is_post(name):
        return False
    if re.search(r"\b(?:Council|Councils|Police|Trust|Board|Authority|Service|Services|School|College|University)$", name):
        return False
    council = (out.council or "").split()
    return not (len(words) == 1 and council and words[0] == council[0])


def add_bodies(
    lines: list[tuple[int, str]],
    source: str,
    out: StrategyDocument,
    heads: Iterable[str],
    leading: Iterable[str],
) -> None:
    """Add the governance bodies named in ``lines`` (names ending in a body head noun), leaving
    out councils themselves (``"County Council"``, ``"X City Council"``) and bodies already known."""
    not_councils = {n.casefold() for n in lexicon.load("document")["not_councils"]}
    council_words = re.compile(
        r"\b(?:County|City|Borough|District|Metropolitan|Town|Parish)\s+Council$"
    )
    have = {name_key(b.name) for b in out.bodies}
    agency_heads = tuple(lexicon.load("agencies").get("name_heads", []))
    for name, number in names_with_heads(lines, heads, leading):
        # "Members of the Youth Forum" names the forum; "Minutes of the Panel", "a report to the
        # Board" name the panel and the board
        while (m := re.match(r"^(.+?) (?:of|to|from|for) (?:the )?(.+)$", name)) and (
                is_post(m.group(1)) or not _ends_in_head(m.group(1), heads)):
            name = m.group(2)
        if len(name.split()) < 2 or name_key(name) in have or council_words.search(name):
            continue
        if name.endswith(agency_heads):
            # an Integrated Care Board, a Health Board: a partner outside the council
            if not any(name_key(a.name) == name_key(name) for a in out.agencies):
                out.agencies.append(Named(name, Span(source, number, number)))
            continue
        if any(name_key(b.name).endswith(name_key(name)) for b in out.bodies):
            continue  # the tail of a body already named ("Employment and Training Sub-group")
        if name.casefold() in not_councils and not name.casefold().startswith("children"):
            continue
        if out.council and name.casefold() == out.council.casefold():
            continue
        have.add(name_key(name))
        out.bodies.append(Body(name, Span(source, number, number)))


def add_initiatives(lines: list[tuple[int, str]], source: str, out: StrategyDocument) -> None:
    """Add initiatives named by shape: names ending in an initiative head noun of the initiatives
    lexicon (``"Kind Minds Newsletter"``) and written-out names with their acronym, unless the
    acronym is a common abbreviation, an agency, a post or a body."""
    lex = lexicon.load("initiatives")
    known = _gazetteer_aliases("initiatives")
    agencies = _gazetteer_aliases("agencies")
    abbreviations = set(lexicon.load("abbreviations"))
    leading = lexicon.load("promises")["name_leading_words"]
    body_heads = tuple(lexicon.load("promises")["body_heads"])
    have = {name_key(i.name) for i in out.initiatives} | {name_key(b.name) for b in out.bodies}

    def add(name: str, number: int) -> None:
        if name_key(name) in have or (known and known.search(name)):
            return
        if is_post(name) or name.endswith(body_heads):
            return
        have.add(name_key(name))
        out.initiatives.append(Named(name, Span(source, number, number)))

    for name, acronym, number in acronym_names(lines):
        if acronym in abbreviations or (agencies and agencies.search(name)):
            continue
        add(name, number)
    for name, number in names_with_heads(lines, lex.get("name_heads", []), leading):
        if not any(name.casefold() in i.name.casefold() for i in out.initiatives):
            add(name, number)
