"""The governance layout: the board or panel that oversees the strategy, its chair, frequency,
members, objectives and sub-groups, the themes the sub-groups own, and a body's own priority list.

Bodies are recognised by the shape of their names (capitalised words ending in Board, Panel,
Team …), never by a council's words; every cue lives in ``data/lexicon/governance.json``.
Ownership found here is governance-level: a theme pledge owned by the sub-group aligned to its
theme, a ``Priorities for 2023`` list owned by the top body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.classify import classify_text
from cpgraph.extract.pledge_lists import Item, is_heading, read_bullets
from cpgraph.extract.theme_tables import is_theme_group, split_run_on
from cpgraph.model import Action, Body, Cited, Named, Pledge, Responsibility, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_CAPW = r"[A-Z][\w’'!-]*"
_CONN = r"(?:in|of|and|for|&)"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"'])")
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-Z]")


def _alts(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lex() -> dict:
    return lexicon.load("governance")


@cache
def _post_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = lexicon.load("posts")["post_heads"]
    stops = r"(?:must|will|should|shall|are|is|was|were|to|and|or|have|has|who|which|with|in|along|also|as)"
    cap_tail = rf"\s+(?:for|of)\s+(?:the\s+)?{_CAPW}(?:\s+(?:(?:and|&)\s+)?{_CAPW})*"
    low_tail = rf"\s+(?:for|of)\s+(?!{stops}\b)[a-z]+(?:\s+(?!{stops}\b)[a-z]+){{0,3}}"
    capitalised = re.compile(rf"\b(?:{_CAPW}\s+){{0,4}}(?:{_alts(heads)})\b(?:{cap_tail})?")
    quals = _alts(_lex()["post_qualifiers"])
    single_heads = _alts(h for h in heads if " " not in h)
    qualified = re.compile(
        rf"\b(?i:{quals})\s+(?:[a-z]+\s+)?(?i:{single_heads})s?\b(?:{cap_tail}|{low_tail})?")
    return capitalised, qualified


def find_posts(text: str) -> list[str]:
    """Posts named in ``text``, in order: capitalised ones (``Cabinet Member for Children's
    Services``) and lower-case ones opened by a qualifier (``specialist nurses for looked after
    children``, ``‘designated teacher’``)."""
    candidates = [m for pattern in _post_patterns() for m in pattern.finditer(text)]
    found: list[tuple[int, int, str]] = []
    for m in sorted(candidates, key=lambda m: m.start() - m.end()):  # longest first
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group(0)))
    return [clean(name) for _s, _e, name in sorted(found)]


@cache
def _body_pattern() -> re.Pattern[str]:
    lex = _lex()
    upper, lower = _alts(lex["body_heads"]), _alts(lex["lowercase_body_heads"])
    return re.compile(
        rf"\b{_CAPW}(?:\s+(?:{_CAPW}|{_CONN}))*?\s+(?:{upper}|{lower})\b(?!\s+[A-Z])"
        rf"(?:\s*\([A-Z][A-Za-z]{{1,7}}\))?")


def _trim_body(name: str) -> str | None:
    lex = _lex()
    heads = {h.casefold() for h in [*lex["body_heads"], *lex["lowercase_body_heads"]]}
    # "Responsibilities of Panel", "Role of the Board": the body is what follows "of"
    while (m := re.match(r"^(\S+(?:\s+\S+){0,3}?)\s+(?:of|to|from|for)\s+(?:the\s+)?(.+)$", clean(name))) \
            and m.group(1).split()[-1].casefold() not in heads:
        name = m.group(2)
    words = clean(name).split()
    leading = set(lex["leading_words"])
    while words and words[0] in leading:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def _key(name: str) -> str:
    return re.sub(r"\s*\([^()]*\)$", "", name).casefold().replace("’", "'")


def _abbreviation(name: str) -> str | None:
    m = re.search(r"\(([A-Z][A-Za-z]{1,7})\)$", name)
    return m.group(1) if m else None


def sentences(line: str) -> list[str]:
    """The sentences of one line of prose."""
    return [s for s in _SENTENCE_END.split(clean(line)) if s]


@dataclass
class _Found:
    name: str
    line: int
    joined: bool = False  # named only as something people join ("membership of …")
    mentions: int = 0
    lines: list[int] = field(default_factory=list)


def find_bodies(doc: TextDocument) -> list[_Found]:
    """Bodies named in ``doc`` (boards, panels, teams, councils of children, groups people join),
    once each in order of first mention; a name given with its abbreviation in brackets wins,
    and mentions of the abbreviation count as mentions of the body."""
    lex = _lex()
    youth = [re.compile(p) for p in lex["youth_councils"]]
    member_of = re.compile(rf"\b(?:{_alts(lex['member_of'])})\s+([^.;:]+)")
    found: dict[str, _Found] = {}

    def note(name: str | None, n: int, joined: bool = False) -> None:
        if not name:
            return
        key = _key(name)
        entry = found.setdefault(key, _Found(name, n, joined))
        if _abbreviation(name) and not _abbreviation(entry.name):
            entry.name = name
        entry.mentions += 1
        entry.lines.append(n)

    for n, raw in enumerate(doc.lines, start=1):
        line = clean(raw)
        if sum(c.isalpha() for c in line) > 3 and line.isupper():
            line = _title_case(line)  # "CORPORATE PARENTING PANEL" names the Corporate Parenting Panel
        for m in _body_pattern().finditer(line):
            note(_trim_body(m.group(0)), n)
        for pattern in youth:
            for m in pattern.finditer(line):
                note(m.group(0), n)
        for m in (m for item in split_run_on(line) for m in member_of.finditer(item)):
            for part in re.split(r",\s*|\s+and\s+", m.group(1)):
                part = part.strip()
                if re.fullmatch(rf"{_CAPW}(?:\s+{_CAPW})*", part) and part.casefold() not in found:
                    note(part, n, joined=True)
    heads = [_key(e.name).split()[-1] for e in found.values()]
    for entry in found.values():
        abbr = _abbreviation(entry.name)
        head = re.sub(r"\s*\([^()]*\)$", "", entry.name).split()[-1]
        # "the Committee" means the one body of that kind; its abbreviation means it too
        short = [rf"\b{abbr}\b"] if abbr else []
        if head[:1].isupper() and heads.count(head.casefold()) == 1:
            short.append(rf"\b[Tt]he {re.escape(head)}\b")
        for pattern in short:
            hits = [n for n, raw in enumerate(doc.lines, start=1) for _ in re.finditer(pattern, raw)]
            entry.mentions += len(hits)
            entry.lines.extend(hits)
    return sorted(found.values(), key=lambda f: f.line)


_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def _title_case(line: str) -> str:
    """An upper-case line written as a title: every word capitalised but the small ones."""
    words = line.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _main_body(bodies: list[_Found]) -> _Found | None:
    top = tuple(_lex()["top_body_heads"])
    candidates = [b for b in bodies if _key(b.name).split()[-1] in {t.casefold() for t in top}]
    return max(candidates, key=lambda b: (b.mentions, -b.line)) if candidates else None


def _refers_to(sentence: str, body: _Found) -> bool:
    """True when ``sentence`` names ``body``: in full, by abbreviation, or as ``the Panel``."""
    head = _key(body.name).split()[-1]
    abbr = _abbreviation(body.name)
    lowered = sentence.casefold().replace("’", "'")
    return _key(body.name) in lowered or (abbr is not None and re.search(rf"\b{abbr}\b", sentence) is not None) \
        or re.search(rf"\b{head}\b", lowered) is not None


def _section(doc: TextDocument, main: _Found) -> tuple[int, int]:
    """Lines of the governance section: from the heading just above the main body's first
    mention (or that mention) to the next numbered heading."""
    start = min(main.lines)
    above = start - 1
    while above >= 1 and not doc.lines[above - 1].strip():
        above -= 1
    if above >= 1 and (_NUMBERED_HEADING.match(clean(doc.lines[above - 1])) or is_heading(doc.lines[above - 1])):
        start = above
    end = len(doc.lines)
    for n in range(start + 1, len(doc.lines) + 1):
        if _NUMBERED_HEADING.match(clean(doc.lines[n - 1])):
            end = n - 1
            break
    return start, end


def _first(patterns: list[str], texts: list[str], **fill: str) -> str | None:
    for template in patterns:
        pattern = template
        for key, value in fill.items():
            pattern = pattern.replace("{" + key + "}", value)
        regex = re.compile(pattern)
        for text in texts:
            if m := regex.search(text):
                return clean(m.groupdict().get("post") or m.groupdict().get("freq") or m.group(0))
    return None


def _as_capitalised_elsewhere(doc: TextDocument, post: str) -> str:
    """``post`` as the document writes it with the most capitals (``corporate director of …``
    is also written ``Corporate Director of …``)."""
    def capitals(text: str) -> int:
        return sum(1 for c in text if c.isupper())

    best = post
    pattern = re.compile(re.escape(post), re.IGNORECASE)
    for raw in doc.lines:
        for m in pattern.finditer(clean(raw)):
            if capitals(m.group(0)) > capitals(best):
                best = m.group(0)
    return best


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _focus(text: str) -> str | None:
    """The focus of a sub-group from its purpose (``… relating to housing and care leavers.``)."""
    lex = _lex()
    m = re.search(rf"\b(?:{_alts(lex['focus_cues'])})\s+(?:the\s+)?(.+)$", text, re.IGNORECASE)
    if not m:
        return None
    focus = m.group(1)
    for end in lex["focus_end"]:
        focus = re.split(end, focus, maxsplit=1)[0]
    return clean(focus) or None


class GovernanceLayout:
    """Boards, panels and sub-groups; their chairs, members, frequency and owned themes."""

    name = "governance"

    def detect(self, doc: TextDocument) -> float:
        """Shows governance when a top body (board, panel, committee) is named more than once:
        a third of a point per mention, capped at one."""
        main = _main_body(find_bodies(doc))
        return 0.0 if main is None or main.mentions < 2 else min(1.0, main.mentions / 3)

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add the bodies, the top body's chair, frequency, members, objectives and sub-groups,
        governance-level owners of theme pledges, the top body's priority list as a pledge, and
        the officers and represented services named in the governance section."""
        found = find_bodies(doc)
        bodies: dict[str, Body] = {}
        for f in list(found):
            span = Span(doc.source, f.line, f.line)
            if f.joined and any(_key(f.name) in _key(g.name) for g in found if g is not f):
                # a group people join that also names a panel is the programme the panel runs
                if not any(i.name.casefold() == f.name.casefold() for i in out.initiatives):
                    out.initiatives.append(Named(f.name, span))
                found.remove(f)
                continue
            bodies[_key(f.name)] = Body(f.name, span)
        main = _main_body(found)
        if main is not None:
            top = bodies[_key(main.name)]
            self._describe(doc, out, main, top)
            for sub in self._subgroups(doc, out, top):
                top.subgroups.append(sub.name)
                bodies.setdefault(_key(sub.name), sub)
            self._priorities(doc, out, top)
            self._objectives(doc, out, bodies)
        order = [bodies.pop(_key(main.name))] if main is not None else []
        order += [b for b in bodies.values() if b.parent] + [b for b in bodies.values() if not b.parent]
        for body in order:
            known = next((b for b in out.bodies if _key(b.name) == _key(body.name)), None)
            if known is None:
                out.bodies.append(body)
            else:
                _merge(known, body)

    def _describe(self, doc: TextDocument, out: StrategyDocument, main: _Found, top: Body) -> None:
        lex = _lex()
        capitalised, _q = _post_patterns()
        post_re = capitalised.pattern
        freq_re = _alts(lex["frequencies"])
        texts: list[str] = []
        previous = False
        for raw in doc.lines:
            for sentence in sentences(raw):
                # "It is chaired by …" right after a sentence naming the body is about it too
                previous = _refers_to(sentence, main) or (previous and sentence.startswith("It "))
                if previous:
                    texts.append(sentence)
        top.chair = _first(lex["chair_patterns"], texts, POST=post_re)
        top.frequency = _first(lex["frequency_patterns"], texts, FREQ=freq_re)
        top.themes = [c.key for c in classify_text(top.name)[0]] or ["governance"]
        start, end = _section(doc, main)
        membership = re.compile(_alts(lex["membership"]), re.IGNORECASE)
        representation = re.compile(rf"(?:{_alts(lex['representation'])})\s+([^.;]+)", re.IGNORECASE)
        not_officers = {x.casefold() for x in lex["not_officers"]}
        for n in range(start, end + 1):
            for sentence in sentences(doc.lines[n - 1]):
                if membership.search(sentence):
                    for post in find_posts(sentence):
                        post = _as_capitalised_elsewhere(doc, post)
                        if post != top.chair and post.casefold() not in {m.casefold() for m in top.members}:
                            top.members.append(post)
                for m in representation.finditer(sentence):
                    for part in re.split(r",\s*|\s+and\s+", m.group(1)):
                        part = re.sub(r"^(?:the|our)\s+", "", part.strip())
                        if re.search(r"\bservices?$", part) and not any(a.name == part for a in out.agencies):
                            out.agencies.append(Named(part, Span(doc.source, n, n)))
        for post in ([top.chair] if top.chair else []) + top.members:
            if post.casefold() not in not_officers and not any(o.name.casefold() == post.casefold() for o in out.officers):
                out.officers.append(Named(post, top.span))

    def _subgroups(self, doc: TextDocument, out: StrategyDocument, top: Body) -> list[Body]:
        lex = _lex()
        words = re.compile(rf"\b({_alts(lex['subgroup_words'])})\b", re.IGNORECASE)
        aligned = re.compile(_alts(lex["theme_alignment"]), re.IGNORECASE)
        purpose = re.compile(_alts(lex["purpose_intro"]), re.IGNORECASE)
        subs: list[Body] = []
        for n, raw in enumerate(doc.lines, start=1):
            line = clean(raw)
            word = words.search(line)
            if not word:
                continue
            suffix = _singular(word.group(1).casefold())
            if aligned.search(line):
                for pledge in out.pledges:
                    if is_theme_group(pledge):
                        sub = Body(f"{pledge.title} {suffix}", Span(doc.source, n, n), parent=top.name,
                                   themes=[c.key for c in classify_text(pledge.title)[0]])
                        subs.append(sub)
                        pledge.owners, pledge.owner_level = [sub.name], "governance"
            elif line.endswith(":") and purpose.search(line):
                items, _end = read_bullets(doc.lines, n + 1)
                for item in items:
                    focus = _focus(item.text)
                    if focus:
                        subs.append(Body(f"{focus} {suffix}", Span(doc.source, item.start, item.end),
                                         parent=top.name, objectives=[Cited(item.text, Span(doc.source, item.start, item.end))],
                                         themes=[c.key for c in classify_text(focus)[0]]))
        return subs

    def _priorities(self, doc: TextDocument, out: StrategyDocument, top: Body) -> None:
        lex = _lex()
        headings = [re.compile(p, re.IGNORECASE) for p in lex["priorities_heading"]]
        for n, raw in enumerate(doc.lines, start=1):
            title = clean(raw)
            if not any(h.match(title) for h in headings):
                continue
            items, _end = read_bullets(doc.lines, n + 1)
            if not items:
                continue
            pledge = Pledge(title=title, span=Span(doc.source, n, items[-1].end), group=lex["priorities_group"],
                            owners=[top.name], owner_level="governance")
            pledge.actions = [_action(doc, item) for item in items]
            out.pledges.append(pledge)

    def _objectives(self, doc: TextDocument, out: StrategyDocument, bodies: dict[str, Body]) -> None:
        lex = _lex()
        objectives = re.compile(_alts(lex["objectives"]), re.IGNORECASE)
        member_duties = re.compile(_alts(lex["member_duties"]), re.IGNORECASE)
        words = re.compile(rf"\b({_alts(lex['subgroup_words'])})\b", re.IGNORECASE)
        for n, raw in enumerate(doc.lines, start=1):
            line = clean(raw)
            if not line.endswith(":"):
                continue
            if objectives.search(line):
                named = [b for k, b in bodies.items() if k in _key(line)]
                if named:
                    items, _end = read_bullets(doc.lines, n + 1)
                    named[0].objectives.extend(Cited(i.text, Span(doc.source, i.start, i.end)) for i in items)
            elif member_duties.search(line) and (word := words.search(line)):
                items, _end = read_bullets(doc.lines, n + 1)
                if items:
                    holder = f"{_singular(word.group(1)).capitalize()} members"
                    out.responsibilities.append(Responsibility(
                        holder, Span(doc.source, n, items[-1].end),
                        [Cited(i.text, Span(doc.source, i.start, i.end)) for i in items]))


def _merge(known: Body, found: Body) -> None:
    """Fill what another layout left empty on a body this layout also describes."""
    known.chair = known.chair or found.chair
    known.frequency = known.frequency or found.frequency
    known.parent = known.parent or found.parent
    for attr in ("members", "subgroups", "themes"):
        values = getattr(known, attr)
        values.extend(v for v in getattr(found, attr) if v not in values)
    known.objectives.extend(o for o in found.objectives if o.text not in {k.text for k in known.objectives})


def _action(doc: TextDocument, item: Item) -> Action:
    return Action(text=item.text, span=Span(doc.source, item.start, item.end))
