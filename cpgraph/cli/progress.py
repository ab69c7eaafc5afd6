"""Progress of a long build: a bar on a terminal, one plain line per document otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

LONG_BUILD = 10
"""From this many documents a build not on a terminal prints a line per document (on a terminal
the bar is always shown: it costs nothing and redraws in place)."""

MODES = ("auto", "bar", "lines", "none")


@contextmanager
def build_progress(mode: str = "auto", *, stream: Any = None) -> Iterator[Callable[[int, int, Any], None]]:
    """A callback for ``run_build(progress=…)`` that reports each document on ``stream``
    (stderr by default), so a table or JSON on stdout stays clean. ``auto`` draws a bar when the
    stream is a terminal, else plain lines for builds of :data:`LONG_BUILD` documents or more."""
    out = stream or sys.stderr
    state: dict[str, Any] = {"bar": None}

    def chosen(total: int) -> str:
        if mode != "auto":
            return mode
        if getattr(out, "isatty", lambda: False)():
            return "bar"
        return "lines" if total >= LONG_BUILD else "none"

    def report(done: int, total: int, summary: Any) -> None:
        how = chosen(total)
        if how == "bar":
            if state["bar"] is None:
                state["bar"] = typer.progressbar(length=total, label="Building", file=out, show_pos=True,
                                                 item_show_func=lambda item: item)
                state["bar"].__enter__()
            if summary is not None:
                state["bar"].current_item = Path(str(summary.source)).name
                state["bar"].update(1)
        elif how == "lines" and summary is None:
            print(f"cpgraph: building {_count(total, 'document')}", file=out, flush=True)
        elif how == "lines":
            name = Path(str(summary.source)).name
            what = (f"{_count(summary.pledges, 'pledge')}, {_count(summary.actions, 'action')}" if summary.read
                    else "not read as a plan")
            print(f"cpgraph: built {done} of {total}: {name} ({what})", file=out, flush=True)

    try:
        yield report
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
