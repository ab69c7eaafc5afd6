"""The duties layout: a roles-and-responsibilities section with one heading per holder (elected
members, council directorates, schools, health and housing providers …), each followed by a list
of duties or by prose whose duty sentences are the duties. Also the principles (beliefs) a
strategy rests on, given as a list after an intro such as ``… our belief that:``.
"""

from __future__ import annotations

import re
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.governance import find_posts, sentences
from cpgraph.extract.pledge_lists import bullet, is_heading, read_bullets
from cpgraph.model import Cited, Named, QualityFlag, Responsibility, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-Z]")
_CAPW = r"[A-Z][\w’'-]*"


def _alts(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lex() -> dict:
    return lexicon.load("duties")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lex()
    return {
        "section": re.compile(rf"\b(?:{_alts(lex['section_headings'])})\b", re.IGNORECASE),
        "end": re.compile(rf"\b(?:{_alts(lex['section_end'])})\b", re.IGNORECASE),
        "intro": re.compile(rf"^(?P<holder>[A-Z][^:]*?)\s+(?:{_alts(lex['holder_intro'])})\b[^:]*:$"),
        "duty": re.compile(rf"\b(?:{_alts(lex['duty_cues'])})", re.IGNORECASE),
        "voice": re.compile(rf"^(?:{_alts(lex['council_voice'])})\b"),
        "partner": re.compile(rf"\b(?:{_alts(lex['partner_heads'])})\b", re.IGNORECASE),
        "service": re.compile(rf"^((?:{_CAPW}\s+)+services?)\s+(?:{_alts(lex['service_verbs'])})\b"),
        "initiative": re.compile(
            rf"\b((?:{_CAPW}\s+)+(?:{_alts(lex['initiative_heads'])}))\s*\(([^()]{{2,40}})\)"),
        "belief": re.compile(_alts(lex["belief_intros"]), re.IGNORECASE),
    }


def _section(doc: TextDocument) -> tuple[int, int] | None:
    """Lines after the roles-and-responsibilities heading up to the next numbered heading (or a
    heading that opens governance, monitoring …); None when there is no such heading."""
    p = _patterns()
    start = None
    for n, raw in enumerate(doc.lines, start=1):
        text = clean(raw)
        heading = _NUMBERED_HEADING.match(text) or is_heading(text)
        if start is None:
            if heading and p["section"].search(text) and len(text.split()) <= 8:
                start = n + 1
            continue
        if _NUMBERED_HEADING.match(text) or (is_heading(text) and p["end"].search(text)):
            return start, n - 1
    return (start, len(doc.lines)) if start is not None else None


def _split_parallel(sentence: str) -> list[str]:
    """``… to provide X and provide Y`` is two duties: split before the repeated verb."""
    for m in re.finditer(r"\bto (\w+) ", sentence):
        at = sentence.find(f" and {m.group(1)} ", m.end())
        if at > 0:
            return [sentence[:at], sentence[at + 5:]]
    return [sentence]


def _prose_duties(paragraphs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Duty sentences of a holder's prose: those with a duty cue, outside paragraphs written in
    the council's own voice; the first sentence when none has a cue."""
    p = _patterns()
    duties: list[tuple[str, int]] = []
    for text, n in paragraphs:
        if p["voice"].match(text):
            continue
        for sentence in sentences(text):
            if p["duty"].search(sentence):
                duties.extend((part.rstrip(". "), n) for part in _split_parallel(sentence))
    if not duties and paragraphs:
        first = sentences(paragraphs[0][0])
        if first:
            duties.append((first[0].rstrip(". "), paragraphs[0][1]))
    return duties


class _Holder:
    def __init__(self, name: str, line: int) -> None:
        self.name, self.line, self.end = name, line, line
        self.duties: list[tuple[str, int, int]] = []
        self.prose: list[tuple[str, int]] = []


def _holders(doc: TextDocument) -> list[_Holder]:
    section = _section(doc)
    if section is None:
        return []
    p = _patterns()
    lines = doc.lines
    holders: list[_Holder] = []
    current: _Holder | None = None
    n, last = section
    while n <= last:
        text = clean(lines[n - 1])
        if not text:
            n += 1
            continue
        if text.endswith(":"):
            items, after = read_bullets(lines, n + 1)
            if items:
                m = p["intro"].match(text)
                if m and (current is None or m.group("holder").casefold() not in current.name.casefold()
                          and current.name.casefold() not in m.group("holder").casefold()):
                    current = _Holder(m.group("holder"), n)
                    holders.append(current)
                if current is not None:
                    current.duties.extend((i.text, i.start, i.end) for i in items)
                    current.end = items[-1].end
                n = after
                continue
        if is_heading(text) and bullet(text) is None:
            current = _Holder(text, n)
            holders.append(current)
        elif current is not None:
            current.prose.append((text, n))
            current.end = n
        n += 1
    return [h for h in holders if h.duties or h.prose]


class DutiesLayout:
    """Responsibilities held by roles and partners, under a roles-and-responsibilities heading."""

    name = "duties"

    def detect(self, doc: TextDocument) -> float:
        """A quarter of a point per holder with duties (so four holders suffice)."""
        return min(1.0, len(_holders(doc)) / 4)

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add one responsibility per holder (listed duties, or the duty sentences of its prose),
        partners among the holders as agencies, posts the duties name as officers, plans with a
        bracketed alias as initiatives, and a flag when the document states duties but no actions."""
        p = _patterns()
        for holder in _holders(doc):
            duties = [(t, s, e) for t, s, e in holder.duties]
            if not duties:
                duties = [(t, n, n) for t, n in _prose_duties(holder.prose)]
            resp = Responsibility(holder.name, Span(doc.source, holder.line, holder.end),
                                  [Cited(t, Span(doc.source, s, e)) for t, s, e in duties])
            out.responsibilities.append(resp)
            partner = bool(p["partner"].search(holder.name))
            if partner:
                _add(out.agencies, holder.name, resp.span)
            for duty in resp.duties:
                self._mentions(duty, out, partner)
            for text, n in holder.prose:
                for m in p["initiative"].finditer(text):
                    _add(out.initiatives, f"{clean(m.group(1))} ({m.group(2)})", Span(doc.source, n, n))
        if out.responsibilities and not out.pledges:
            out.quality_flags.append(QualityFlag("duties_not_actions", _lex()["no_actions_flag"]))

    def _mentions(self, duty: Cited, out: StrategyDocument, partner: bool) -> None:
        p = _patterns()
        not_officers = {x.casefold() for x in lexicon.load("governance")["not_officers"]}
        for post in find_posts(duty.text):
            if post.casefold() not in not_officers:
                _add(out.officers, post, duty.span)
        if partner and (m := p["service"].match(duty.text)):
            _add(out.agencies, m.group(1), duty.span)


def _add(named: list[Named], name: str, span: Span) -> None:
    key = name.casefold().replace("’", "'")
    if not any(n.name.casefold().replace("’", "'") == key for n in named):
        named.append(Named(name, span))


class PrinciplesLayout:
    """The beliefs or principles a strategy rests on, listed after an intro line."""

    name = "principles"

    def detect(self, doc: TextDocument) -> float:
        """One when a belief or principle intro is followed by a list."""
        return 1.0 if any(True for _ in self._lists(doc)) else 0.0

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add each listed belief or principle to ``out.principles`` (once)."""
        for items in self._lists(doc):
            for item in items:
                if not any(c.text == item.text for c in out.principles):
                    out.principles.append(Cited(item.text, Span(doc.source, item.start, item.end)))

    def _lists(self, doc: TextDocument):
        belief = _patterns()["belief"]
        for n, raw in enumerate(doc.lines, start=1):
            text = clean(raw)
            if text.endswith(":") and belief.search(text):
                items, _end = read_bullets(doc.lines, n + 1)
                if items:
                    yield items
