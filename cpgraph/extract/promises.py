"""The promises layout: a strategy organised as promises (groups), each opened by what children
and young people said ("You said" bullets) and followed by short headed sections whose plain
sentences are the commitments; corporate parenting principles as a (nested) bullet list; past
achievements listed in an appendix; and one strategy-level lead named in a sentence ("The Head
of Service … will manage the delivery of the plan"). Promise titles lost in publication (an
accordion's "Answer:") become numbered placeholders and are flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cpgraph import lexicon
from cpgraph.extract.line_shapes import (
    LogicalLine,
    bullet_block,
    is_heading_shaped,
    is_quotation,
    logical_lines,
    nest_items,
)
from cpgraph.extract.name_patterns import add_bodies, add_initiatives, add_partners
from cpgraph.extract.signatories import add_signatories
from cpgraph.model import Action, Cited, Named, Pledge, QualityFlag, Span, StrategyDocument
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean, is_owner_name


@dataclass(frozen=True)
class _Cues:
    voice: frozenset[str]
    placeholders: frozenset[str]
    group_intro: re.Pattern[str]
    group_heading: re.Pattern[str]
    default_noun: str
    principle_headings: frozenset[str]
    principle_intro: re.Pattern[str]
    closing: tuple[re.Pattern[str], ...]
    achievement: re.Pattern[str]
    leads: tuple[re.Pattern[str], ...]
    body_heads: tuple[str, ...]
    leading_words: tuple[str, ...]
    sentence_openers: frozenset[str]


def _key(text: str) -> str:
    return clean(text).rstrip(":").strip().casefold()


@cache
def _cues() -> _Cues:
    lex = lexicon.load("promises")
    return _Cues(
        voice=frozenset(_key(v) for v in lex["voice_headings"]),
        placeholders=frozenset(_key(v) for v in lex["lost_title_placeholders"]),
        group_intro=re.compile(lex["group_intro_pattern"], re.I),
        group_heading=re.compile(lex["group_heading_pattern"], re.I),
        default_noun=lex["default_group_noun"],
        principle_headings=frozenset(_key(v) for v in lex["principle_headings"]),
        principle_intro=re.compile(lex["principle_intro_pattern"], re.I),
        closing=tuple(re.compile(p, re.I) for p in lex["closing_heading_patterns"]),
        achievement=re.compile(lex["achievement_cue_pattern"]),
        leads=tuple(re.compile(p) for p in lex["strategy_lead_patterns"]),
        body_heads=tuple(lex["body_heads"]),
        leading_words=tuple(lex["name_leading_words"]),
        sentence_openers=frozenset(lex["sentence_openers"]),
    )


def heading_kind(line: LogicalLine) -> str | None:
    """What a non-bullet line announces: ``voice`` ("You said"), ``placeholder`` (a lost title
    such as "Answer:"), ``group_intro`` ("Our four promises"), ``group`` ("Promise 2: …"),
    ``principles``, ``closing`` (the end of the promises) or None."""
    if line.is_bullet:
        return None
    cues, key = _cues(), _key(line.text)
    if key in cues.voice:
        return "voice"
    if key in cues.placeholders:
        return "placeholder"
    text = clean(line.text).rstrip(":")
    if cues.group_intro.match(text):
        return "group_intro"
    if cues.group_heading.match(text):
        return "group"
    if key in cues.principle_headings:
        return "principles"
    if is_heading_shaped(text) and any(p.match(text) for p in cues.closing):
        return "closing"
    return None


def find_strategy_lead(lines: list[LogicalLine]) -> tuple[str, LogicalLine] | None:
    """The post a sentence names as leading the delivery of the whole strategy, and its line."""
    for line in lines:
        if line.is_bullet:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", clean(line.text)):
            for pattern in _cues().leads:
                m = pattern.search(sentence)
                if m and is_owner_name(m.group("post")):
                    return clean(m.group("post")), line
    return None


@dataclass
class _Group:
    title: str
    span: Span
    placeholder: bool
    written: str = ""  # the placeholder as written ("Answer:"), or "" when there was no heading
    voice: int = 0
    pledges: list[Pledge] = field(default_factory=list)


class PromisesLayout:
    """Promises opened by "You said", headed sections of commitment sentences, principles,
    achievements and a strategy-level lead."""

    name = "promises"

    def detect(self, doc: TextDocument) -> float:
        """Strong when the text has "You said"-style headings or lost-title placeholders, more so
        with an "Our N promises" heading and headed sections of plain sentences."""
        lines = logical_lines(doc)
        kinds = [heading_kind(ln) for ln in lines]
        voice = kinds.count("voice")
        if not (voice or "placeholder" in kinds):
            return 0.0  # "Our pledges" alone introduces many layouts; the voice of children marks this one
        sections = sum(
            1
            for i, ln in enumerate(lines[:-2])
            if kinds[i] is None
            and not ln.is_bullet
            and is_heading_shaped(ln.text)
            and all(not x.is_bullet and not is_heading_shaped(x.text) for x in lines[i + 1 : i + 3])
        )
        score = (
            0.3 * min(voice, 2) + 0.2 * ("placeholder" in kinds) + 0.2 * ("group_intro" in kinds)
        )
        return min(1.0, score + (0.3 if sections >= 3 else 0.1 * sections))

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add the promises' sections (pledges) and commitments (actions), the voice of children,
        principles, achievements, the strategy lead, signatories and named bodies, partners and
        initiatives to ``out``."""
        src = doc.source
        lines = logical_lines(doc)
        lead = find_strategy_lead(lines)
        groups, noun = self._promises(lines, src, out, lead[1] if lead else None)
        pledges = [p for g in groups for p in g.pledges]
        if lead:
            name, line = lead
            if not any(s.name == name for s in out.strategy_leads):
                out.strategy_leads.append(Named(name, line.span(src)))
            for pledge in pledges:
                pledge.owners, pledge.owner_level = [name], "strategy"
        elif pledges:
            out.quality_flags.append(
                QualityFlag("unowned", "no commitment names an owner and no strategy lead is named")
            )
        out.pledges.extend(pledges)
        self._flag_lost_titles(groups, out, noun)
        out.principles.extend(self._principles(lines, src))
        out.achievements.extend(self._achievements(lines, src))
        add_signatories(lines, src, out)
        named = [(ln.start, ln.text) for ln in lines]
        add_bodies(named, src, out, _cues().body_heads, _cues().leading_words)
        add_partners(named, src, out)
        add_initiatives(named, src, out)

    # --- promises, their voice and their sections ------------------------------------------------
    def _promises(
        self,
        lines: list[LogicalLine],
        src: str,
        out: StrategyDocument,
        lead_line: LogicalLine | None,
    ) -> tuple[list[_Group], str]:
        kinds = [heading_kind(ln) for ln in lines]
        starts = [
            i for i, k in enumerate(kinds) if k in ("voice", "placeholder", "group_intro", "group")
        ]
        noun = _cues().default_noun
        if not starts:
            return [], noun
        groups: list[_Group] = []
        pledge: Pledge | None = None
        mode: str | None = None
        i = starts[0]
        while i < len(lines):
            line, kind = lines[i], kinds[i]
            if kind == "closing" or line is lead_line:
                if (
                    line is lead_line
                    and pledge is not None
                    and groups
                    and pledge in groups[-1].pledges
                ):
                    groups[-1].pledges.remove(pledge)
                break
            if kind == "group_intro":
                noun = _singular(_cues().group_intro.match(clean(line.text).rstrip(":")).group(1))
            elif kind in ("placeholder", "group"):
                placeholder = kind == "placeholder"
                groups.append(
                    _Group(
                        clean(line.text),
                        line.span(src),
                        placeholder,
                        clean(line.text) if placeholder else "",
                    )
                )
                pledge, mode = None, None
            elif kind == "voice":
                group = groups[-1] if groups else None
                above = lines[i - 1] if i > 0 and kinds[i - 1] is None else None
                if above is not None and _is_section_heading(above):
                    # a heading directly above "You said" is the promise's own title
                    if (
                        group is not None
                        and pledge is not None
                        and pledge in group.pledges
                        and not pledge.actions
                    ):
                        group.pledges.remove(pledge)
                    groups.append(_Group(clean(above.text), above.span(src), False))
                elif group is None or group.voice or group.pledges:
                    groups.append(_Group("", line.span(src), True))
                pledge, mode = None, "voice"
            elif line.is_bullet:
                block, end = bullet_block(lines, i)
                for text, start, stop in nest_items(block):
                    cited = Cited(text, Span(src, start, stop))
                    if mode == "voice" and groups:
                        groups[-1].voice += 1
                        out.child_voice.append(cited)
                    elif mode == "section" and pledge is not None:
                        self._commit(pledge, cited)
                i = end
                continue
            elif is_quotation(line.text) or kind == "principles":
                pass
            elif _is_section_heading(line) and groups:
                pledge = Pledge(title=clean(line.text), span=line.span(src))
                groups[-1].pledges.append(pledge)
                mode = "section"
            elif mode == "section" and pledge is not None:
                self._commit(pledge, Cited(clean(line.text), line.span(src)))
            i += 1
        for n, group in enumerate(groups, start=1):
            if group.placeholder:
                group.title = f"{noun} {n}"
            group.pledges = [p for p in group.pledges if p.actions]
            for p in group.pledges:
                p.group = group.title
        return groups, noun

    @staticmethod
    def _commit(pledge: Pledge, cited: Cited) -> None:
        pledge.actions.append(Action(text=cited.text, span=cited.span))
        pledge.span = pledge.span.merge(cited.span)

    @staticmethod
    def _flag_lost_titles(groups: list[_Group], out: StrategyDocument, noun: str) -> None:
        lost = [g for g in groups if g.placeholder]
        if not lost:
            return
        written = sorted({g.written for g in lost if g.written})
        how = f"{', '.join(repr(w) for w in written)} placeholders" if written else "no heading"
        names = ", ".join(g.title for g in lost)
        detail = f"{len(lost)} of {len(groups)} {noun.lower()} titles are missing ({how}); numbered {names}"
        empty = [g.title for g in groups if not g.pledges]
        if empty:
            detail += f"; {' and '.join(empty)} hold{'s' if len(empty) == 1 else ''} only 'You said' items"
        out.quality_flags.append(
            QualityFlag("missing_headings", detail, lost[0].span.merge(lost[-1].span))
        )

    # --- principles, achievements, people --------------------------------------------------------
    @staticmethod
    def _principles(lines: list[LogicalLine], src: str) -> list[Cited]:
        cues = _cues()
        for i, line in enumerate(lines):
            if line.is_bullet:
                continue
            text = clean(line.text)
            placed_intro = bool(
                cues.principle_intro.match(text)
            ) and not text.casefold().startswith("we ")
            if heading_kind(line) != "principles" and not placed_intro:
                continue
            j = i + 1
            if j < len(lines) and not lines[j].is_bullet and lines[j].text.rstrip().endswith(":"):
                j += 1
            block, _end = bullet_block(lines, j)
            if block:
                return [Cited(t, Span(src, s, e)) for t, s, e in nest_items(block)]
        return []

    @staticmethod
    def _achievements(lines: list[LogicalLine], src: str) -> list[Cited]:
        cues = _cues()
        found: list[Cited] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            text = clean(line.text)
            intro = not line.is_bullet and (is_heading_shaped(text) or text.endswith(":"))
            if intro and cues.achievement.search(text) and i + 1 < len(lines):
                block, end = bullet_block(lines, i + 1)
                found.extend(Cited(t, Span(src, s, e)) for t, s, e in nest_items(block))
                i = max(end, i + 1)
                continue
            i += 1
        return found


def _is_section_heading(line: LogicalLine) -> bool:
    """A heading-shaped line that does not open like a sentence ("You can see …", "We help …")."""
    if line.is_bullet or is_quotation(line.text) or not is_heading_shaped(line.text):
        return False
    words = clean(line.text).split()
    return not (len(words) >= 5 and words[0] in _cues().sentence_openers)


def _singular(noun: str) -> str:
    noun = noun.strip()
    if noun.endswith("ies"):
        noun = noun[:-3] + "y"
    elif noun.endswith("s"):
        noun = noun[:-1]
    return noun[:1].upper() + noun[1:]
