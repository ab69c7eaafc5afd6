"""The ``view`` command: one interactive graph view written as a self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cpgraph.cli import app
from cpgraph.cli.options import StoreOpt, settings
from cpgraph.errors import InputError


@app.command()
def view(
    kind: Annotated[str, typer.Argument(help="family-tree, officer, pledge or coverage.")],
    focus: Annotated[str | None, typer.Option("--focus", help="The post (officer view) or pledge (pledge view): a key, an IRI or a name.")] = None,
    council: Annotated[str | None, typer.Option("--council", help="Only this council: its key or name; part of the name will do.")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="Only this theme or principle (its key or name).")] = None,
    top: Annotated[int | None, typer.Option("--top", help="Only the N busiest posts (family tree) or the N councils with most gaps (coverage).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The HTML file to write (default: KIND.html).")] = None,
    store: StoreOpt = None,
) -> None:
    """Write an interactive graph view as one self-contained HTML file (opens offline).

    Views: family-tree (council, governance, pledges, actions, owners), officer --focus POST,
    pledge --focus PLEDGE, coverage (councils × themes and principles). Big graphs are
    summarised; the page says how to see more.

    Example: cpgraph view officer --focus "Child Participation Development Worker" -o officer.html
    """
    from cpgraph.analytics.service import Analytics
    from cpgraph.atomic import write_atomic
    from cpgraph.store import open_store
    from viz import VIEW_KINDS, render_view  # the core library never imports viz; this edge does

    if kind not in VIEW_KINDS:
        raise InputError(f"unknown view '{kind}': choose one of {', '.join(VIEW_KINDS)}")
    target = output or Path(f"{kind}.html")
    st = open_store(settings(store).store_location)
    try:
        text = render_view(Analytics(st), kind, focus=focus, council=council, theme=theme, top=top)
    finally:
        st.close()
    write_atomic(target, text)
    typer.echo(f"wrote {target} ({len(text.encode('utf-8'))} bytes)", err=True)
