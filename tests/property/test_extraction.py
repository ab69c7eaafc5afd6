"""Properties of the segmenter and extractor on any lines — noise, and the seeds cut, shuffled,
repeated and damaged: extraction never fails, every span lies inside the document (a real line
range, start before end), and extracting again gives the same JSON."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpgraph.extract import extract
from cpgraph.gold_json import document_json
from cpgraph.model import Span
from cpgraph.read import read_document
from cpgraph.read.text import TextDocument

SEEDS = Path(__file__).resolve().parents[2] / "data" / "sources"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def seed_lines() -> dict[str, tuple[str, ...]]:
    """Every seed's lines, as its reader gives them."""
    return {p.name: tuple(read_document(p).lines) for p in sorted(SEEDS.glob("*.txt"))}


def spans(value, seen: set[int] | None = None):
    """Every Span inside the extracted model (dataclasses, lists, dicts)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans(getattr(value, f.name), seen)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from spans(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans(item, seen)


def check(lines: list[str], source: str = "fuzz.txt") -> None:
    """Extract ``lines`` twice and check the properties."""
    doc = TextDocument(source=source, lines=list(lines))
    model = extract(doc)
    found = list(spans(model))
    for span in found:
        assert span.source == source, span
        assert 1 <= span.start <= span.end <= len(lines), (span, len(lines))
    first = document_json(model)
    again = document_json(extract(TextDocument(source=source, lines=list(lines))))
    assert again == first, "extraction is not repeatable"
    assert lines == doc.lines, "extraction changed the document it read"


cue_lines = st.sampled_from([
    "Pledge 1", "Pledge 2", "Pledge 10", "Responsible officer: Team Manager: Life Chances", "Responsible officer:",
    "Timeline: September 2025", "Timeline: Reviewed annually", "Timeline:", "Expected outcome:",
    "Link to other action plans or strategy initiatives: Not applicable", "We will:", "You said", "Answer:",
    "How will this be achieved", "Measuring success", "Priority 1: Stability", "3.1 Elected members",
    "  1. Support you in the same way as if you were our own child.", "• a bullet", "- a dash", "",
    "Corporate Parenting Panel", "Chaired by the Cabinet Member", "Why this is important", "\tcell\tcell",
    "The Head of Service for Children in Our Care and Care Leavers will manage the delivery of the plan",
])
noise_lines = st.one_of(cue_lines, st.text(max_size=60))


@SETTINGS
@given(lines=st.lists(noise_lines, max_size=60))
def test_any_lines(lines):
    check(lines)


@st.composite
def damaged_seed(draw) -> tuple[str, list[str]]:
    """A window of a seed, its blocks shuffled, some lines dropped, repeated or replaced."""
    name = draw(st.sampled_from(sorted(seed_lines())))
    lines = list(seed_lines()[name])
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    window = lines[start:start + draw(st.integers(1, 140))]
    blocks, block = [], []
    for line in window:  # blocks are runs of lines up to a blank one
        block.append(line)
        if not line.strip():
            blocks.append(block)
            block = []
    blocks.append(block)
    if draw(st.booleans()):
        blocks = draw(st.permutations(blocks))
    out: list[str] = []
    for b in blocks:
        for line in b:
            action = draw(st.sampled_from(["keep"] * 6 + ["drop", "twice", "noise", "cut"]))
            if action == "keep":
                out.append(line)
            elif action == "twice":
                out += [line, line]
            elif action == "noise":
                out.append(draw(noise_lines))
            elif action == "cut":
                out.append(line[: draw(st.integers(0, len(line)))])
    return name, out


@SETTINGS
@given(case=damaged_seed())
def test_damaged_seeds(case):
    name, lines = case
    check(lines, source=name)


def test_every_seed_whole():
    # The undamaged seeds satisfy the same properties (and give the fuzzers their material).
    for name, lines in seed_lines().items():
        check(list(lines), source=name)
