"""Marked sections of ``docs/benchmarks.md``: each small benchmark owns the text between its
``<!-- name:start -->`` and ``<!-- name:end -->`` markers and replaces only that."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def markers(name: str) -> tuple[str, str]:
    """The start and end markers of the section ``name``."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write_section(doc_path: Path, name: str, text: str) -> None:
    """Replace the section ``name`` of ``doc_path`` with ``text`` (which carries its markers),
    atomically; append it when the document has none yet."""
    from cpgraph.atomic import write_atomic

    start, end = markers(name)
    old = doc_path.read_text(encoding="utf-8") if doc_path.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _m: text, old, count=1)
    else:
        new = old.rstrip("\n") + ("\n\n" if old.strip() else "") + text + "\n"
    write_atomic(doc_path, new)
