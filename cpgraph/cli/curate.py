"""Curation from the command line: ``cpgraph assign`` and ``cpgraph status``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cpgraph.cli import app
from cpgraph.cli.options import StoreOpt, settings

if TYPE_CHECKING:
    from cpgraph import curation

ByOpt = Annotated[str, typer.Option("--by", help="Who records this (your name or role).")]


def _report(record: curation.Record, what: str) -> None:
    typer.echo(f"{what} (by {record.by} at {record.at}); saved to the curation file.")
    if not record.applied:
        typer.echo("The store is in use by a running server: it picks the change up from the file.", err=True)


@app.command()
def assign(
    action: Annotated[str, typer.Argument(help="Action or pledge key, e.g. bracknell-forest-action-plan-2025-2028-pledge-3-action-2.")],
    post: Annotated[str, typer.Argument(help="Owner key in the item's council (e.g. head-of-service) or council/key.")],
    by: ByOpt,
    store: StoreOpt = None,
) -> None:
    """Record an owner for an action or pledge (curation, kept across builds).

    Example: cpgraph assign bracknell-forest-action-plan-2025-2028-pledge-1-action-1 head-of-service --by "A. Curator"
    """
    from cpgraph import curation
    from cpgraph.store import open_store

    s = settings(store)
    st = open_store(s.store_location, settings=s)
    try:
        item = curation.item_iri(action)
        owner = curation.resolve_owner(st, item, post)
        record = curation.assign(s, st, item, owner, by)
    finally:
        st.close()
    _report(record, f"Assigned {post} to {action}")


@app.command()
def status(
    action: Annotated[str, typer.Argument(help="Action key.")],
    status_text: Annotated[str, typer.Argument(metavar="STATUS", help="Progress, e.g. 'In progress'.")],
    by: ByOpt,
    rag: Annotated[str | None, typer.Option("--rag", help="red, amber or green.")] = None,
    store: StoreOpt = None,
) -> None:
    """Record progress (and RAG) for an action (curation, kept across builds).

    Example: cpgraph status bracknell-forest-action-plan-2025-2028-pledge-1-action-1 "In progress" --rag amber --by "A. Curator"
    """
    from cpgraph import curation
    from cpgraph.store import open_store

    s = settings(store)
    st = open_store(s.store_location, settings=s)
    try:
        item = curation.item_iri(action)
        record = curation.report_status(s, st, item, status_text, rag, by)
    finally:
        st.close()
    _report(record, f"Status of {action}: {status_text}" + (f" ({rag})" if rag else ""))
