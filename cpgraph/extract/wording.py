"""How text is worded: whether a sentence commits to something, what a heading or lead-in
announces (actions, measures, the voice of children …), whether a line is boilerplate. Every cue
is general English of the field, kept in ``data/lexicon/commitments.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon
from cpgraph.resolve import clean, is_owner_name
from cpgraph.structure.verbs import opens_with_verb, verbs


@dataclass(frozen=True)
class _Cues:
    roles: tuple[tuple[str, re.Pattern[str]], ...]
    openers: re.Pattern[str]
    you: re.Pattern[str]
    pledge_nouns: re.Pattern[str]
    duty_words: re.Pattern[str]
    measure_item: re.Pattern[str]
    boilerplate: re.Pattern[str]


@cache
def _cues() -> _Cues:
    lex = lexicon.load("commitments")
    roles = tuple((name, re.compile(lex["roles"][name], re.I)) for name in lex["role_order"])
    return _Cues(
        roles=roles,
        openers=re.compile(lex["commitment_openers"], re.I),
        you=re.compile(lex["you_openers"], re.I),
        pledge_nouns=re.compile(lex["pledge_nouns"], re.I),
        duty_words=re.compile(lex["duty_words"], re.I),
        measure_item=re.compile(lex["measure_item"], re.I),
        boilerplate=re.compile(lex["boilerplate"], re.I),
    )


_LEADING = re.compile(r"^[\s\"“‘'(•\-–—*]+")
_LEADING_CLAUSE = re.compile(
    r"^(?:Before|When|Whenever|If|Where|Wherever|Once|After|As soon as|While|Whilst|Until|From|By|In|"
    r"Over|During|Within|Each|Every|As|To|With)\b[^,.;:]{3,90},\s+(?P<rest>[^\d\s].*)$")
# "The Virtual School will …", "Your personal adviser will …": a post, team or body that will do something
_OWNER_WILL = re.compile(r"^(?:The|Your|Our|Every|Each)\s+(?P<subject>(?:[\w'’-]+\s+){1,6}?)(?:will|shall)\s+"
                         r"(?!be\b|not be\b|have been\b)")
# "If you are in full-time education you can get …": a condition without a comma before the promise
_CONDITION_THEN = re.compile(r"^(?:If|When|Once|While|Whilst|Until|As long as)\b[^.;:,]{3,90}?\s"
                             r"(?P<rest>(?:you|we)\s+(?:can|will|'ll|’ll|shall)\b.*)$")
_WE_PRESENT = re.compile(r"^(?:We|we)\s+(?:(?:only|always|also|all|regularly|now|still|already|will always|"
                         r"never|then|each|jointly|actively)\s+)?(?P<verb>[a-z]+)\b")


def _bare(text: str) -> str:
    return _LEADING.sub("", clean(text)).rstrip(" :?.")


def role_of(text: str) -> str | None:
    """What a heading or lead-in announces about the items under it: ``actions``,
    ``measures``, ``outcomes``, ``voice``, ``achievements``, ``principles``, ``context``,
    ``procedural`` or ``date``; None for a heading that names a topic ("Your health")."""
    bare = _bare(text)
    if not bare:
        return None
    for name, pattern in _cues().roles:
        if pattern.search(bare):
            return name
    return None


def commitment_strength(text: str) -> float:
    """How plainly ``text`` commits to something: 1 for "We will …", "The council will …",
    "We'll …", an imperative ("Recruit more carers …", "Continue to …"); 0.8 for an objective
    ("To improve …"); 0.5 for an entitlement or outcome in the second person ("You will have
    …"); 0 otherwise (a noun phrase, a description, a question)."""
    bare = _LEADING.sub("", clean(text))
    if not bare or bare.endswith("?"):
        return 0.0
    if m := _LEADING_CLAUSE.match(bare):
        # "Before you come into care, ask your family …", "If you move, we will …"
        rest = m.group("rest")
        return max(commitment_strength(rest[:1].upper() + rest[1:]), 0.0)
    cues = _cues()
    if m := cues.openers.match(bare):
        return 0.8 if m.group(0).casefold().startswith(("to ", "and to")) else 1.0
    if opens_with_verb(bare):
        return 1.0
    if (m := _WE_PRESENT.match(bare)) and m.group("verb").casefold() in verbs():
        return 0.9  # "We visit you regularly", "We only change your school if …"
    if (m := _OWNER_WILL.match(bare)) and is_owner_name(m.group("subject").title()):
        return 0.9  # "Your personal adviser will help you …", "The Leaving Care Team will make sure …"
    if m := _CONDITION_THEN.match(bare):
        return commitment_strength(m.group("rest")[:1].upper() + m.group("rest")[1:])  # "If you …, you can …"
    if cues.you.match(bare):
        return 0.5
    head = " ".join(bare.split()[:10]).casefold()
    if re.search(r"\bwe(?: will|'ll|’ll| shall| are going to| promise to)\b", head):
        return 0.9
    return 0.0


def names_pledges(lead_in: str) -> bool:
    """True when a lead-in names the pledges themselves ("Our five priorities are:", "The 10
    pledges outline that we promise to:"), so its items are pledge titles."""
    text = clean(lead_in).rstrip(":").strip()
    if not _cues().pledge_nouns.search(text):
        return False
    if re.search(r"\b(?:we|you)\s+(?:will|shall|'ll|’ll)$", text, re.I):
        return False  # "… we will:": the items are things to do
    return not re.search(r"\bof (?:the|our|this|each) (?:[A-Z]\w+ )*(?:Board|Panel|Committee|Group|Forum|Council|Partnership)\b", text)


def names_duties(lead_in: str) -> bool:
    """True when a lead-in introduces the duties of a role ("Elected members should:")
    rather than the council's commitments."""
    return bool(_cues().duty_words.search(clean(lead_in)))


def looks_like_measure(text: str) -> bool:
    """True when ``text`` reads as a measure or target ("placement moves below 10%", "rise to
    70% by 2027", "target: 12 a year")."""
    return bool(_cues().measure_item.search(clean(text)))


def is_boilerplate(text: str) -> bool:
    """True when ``text`` is page furniture that is never a pledge, an action or an officer."""
    return bool(_cues().boilerplate.match(clean(text)))
