"""People who sign or introduce a strategy: a line holding only a person's name, followed by a
line holding the post they hold ("Mark Sutton" / "Cabinet Member for Children and Young People")."""

from __future__ import annotations

import re

from cpgraph.extract.line_shapes import LogicalLine, ends_sentence, is_quotation
from cpgraph.model import Named, Person, StrategyDocument
from cpgraph.resolve import clean, is_owner_name, is_post

_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)"
_TITLE = re.compile(r"^(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Professor|Prof|Sir|Dame)\.?\s+")
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")


def find_signatories(lines: list[LogicalLine], source: str) -> list[Person]:
    """Every name line directly followed by a post line (a post by the posts lexicon, short, not
    a sentence), as a ``Person`` whose span covers both lines."""
    people: list[Person] = []
    for here, after in zip(lines, lines[1:], strict=False):
        name, role = clean(here.text), clean(after.text)
        bare = _TITLE.sub("", name)
        if here.is_bullet or after.is_bullet or not _NAME.match(bare) or is_owner_name(bare):
            continue
        if ends_sentence(role) or is_quotation(role) or len(role.split()) > 16 or not is_post(role):
            continue
        if any(p.name == name for p in people):
            continue
        people.append(Person(name, role, here.span(source).merge(after.span(source))))
    return people


def add_signatories(lines: list[LogicalLine], source: str, out: StrategyDocument) -> None:
    """Add the signatories of ``lines`` to ``out.people`` and the posts they hold to
    ``out.officers`` (each once)."""
    known = {p.name for p in out.people}
    officers = {o.name for o in out.officers}
    for person in find_signatories(lines, source):
        if person.name not in known:
            known.add(person.name)
            out.people.append(person)
        if person.role not in officers:
            officers.add(person.role)
            out.officers.append(Named(person.role, person.span))
