"""The interface every document layout implements, and the registry of layouts."""

from __future__ import annotations

from typing import Protocol

from cpgraph.model import StrategyDocument
from cpgraph.read.text import TextDocument


class Layout(Protocol):
    """A way strategies are written (an action plan of labelled fields, promises with "We will"
    lists, theme tables, duties by role …). Layouts recognise structure, never documents."""

    name: str

    def detect(self, doc: TextDocument) -> float:
        """How strongly the document shows this layout, from 0 (not at all) to 1."""
        ...

    def extract(self, doc: TextDocument, out: StrategyDocument) -> None:
        """Add what this layout finds in ``doc`` to ``out`` (pledges, bodies, duties …)."""
        ...


DETECT_THRESHOLD = 0.2
