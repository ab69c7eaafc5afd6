"""Analytics commands: gaps, overload, officer, compare, suggest, report."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cpgraph import tabular
from cpgraph.cli import app
from cpgraph.cli.options import (
    CouncilOpt,
    FormatOpt,
    OutOpt,
    StoreOpt,
    check_format,
    emit,
    settings,
)
from cpgraph.errors import InputError, NotFoundError

if TYPE_CHECKING:  # the analytics bring networkx; imported when a command runs, not at start-up
    from cpgraph.analytics.service import Analytics

AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Judge due dates as of this day (YYYY-MM-DD; default today).")]


@contextmanager
def _analytics(store: str | None) -> Iterator[Analytics]:
    from cpgraph.analytics.service import Analytics
    from cpgraph.store import open_store

    st = open_store(settings(store).store_location)
    try:
        yield Analytics(st)
    finally:
        st.close()


def _as_of(raw: str | None) -> date:
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"--as-of must be a date like 2026-01-31, not {raw!r}") from None


def _council_key(an: Analytics, council: str | None) -> str | None:
    """The key of the council the user named (key, name, or a close name); InputError if none."""
    if not council:
        return None
    from cpgraph.analytics.council_lookup import find_council

    return find_council(an.graph(), council)


def _print(rows: list[dict], fmt: str, columns: list[str], output: Path | None) -> None:
    text = tabular.render(rows, fmt, None if fmt == "json" else columns)
    emit(text, output)


@app.command()
def gaps(
    council: CouncilOpt = None,
    as_of: AsOfOpt = None,
    rule: Annotated[list[str] | None, typer.Option("--rule", help="Only this rule (repeatable); see the list below.")] = None,
    fail_on_gaps: Annotated[bool, typer.Option("--fail-on-gaps", help="Exit 1 when any gap is found.")] = False,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
) -> None:
    """Unowned pledges and actions, board-only ownership, overdue, duplicates, single points of failure.

    Each gap names its rule (and the RACI check it stands for) and the source file and lines.
    Rules: unowned_action, unowned_pledge, owned_above_only, owner_not_post, several_joint_leads,
    no_measure, no_outcome, no_date, overdue_no_status, duplicate_action, duplicate_pledge,
    single_point_of_failure, articulation_point, bridging_post.

    Example: cpgraph gaps --council bracknell-forest-council --as-of 2026-01-01 --rule duplicate_action
    """
    from cpgraph.analytics.gaps import RULES

    check_format(fmt)
    for r in rule or []:
        if r not in RULES:
            raise InputError(f"unknown rule '{r[:60]}'; rules: {', '.join(RULES)}")
    when = _as_of(as_of)
    with _analytics(store) as an:
        key = _council_key(an, council)
        found = [g for g in an.gaps(when) if (key is None or g.council == key) and (not rule or g.rule in rule)]
    rows = [g.row() for g in found]
    _print(rows, fmt, ["severity", "rule", "council", "kind", "label", "detail", "owner_above", "source", "lines"], output)
    if fmt == "table":
        counts = Counter(g.severity for g in found)
        typer.echo(f"{len(found)} gap(s) as of {when.isoformat()}: "
                   + ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low")), err=True)
    if fail_on_gaps and found:
        raise typer.Exit(1)


@app.command()
def overload(
    council: CouncilOpt = None,
    min_actions: Annotated[int, typer.Option("--min-actions", help="Never flag a load of fewer actions than this "
                                             "(a load is flagged when far above the council's other owners).")] = 8,
    quarter_limit: Annotated[int, typer.Option("--quarter-limit", help="Flag more actions than this due in one quarter.")] = 6,
    pledge_share: Annotated[float, typer.Option("--pledge-share", help="Flag an owner in more than this share of the council's pledges (0-1).")] = 0.5,
    theme_limit: Annotated[int, typer.Option("--theme-limit", help="Flag a high load over more than this many themes.")] = 5,
    flagged: Annotated[bool, typer.Option("--flagged", help="Only owners with a flag.")] = False,
    as_of: AsOfOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
) -> None:
    """Load per post: actions (sole and joint), pledges, themes, due dates by quarter, overdue
    actions and repeated actions, and the rule that flagged it (in plain English with --format json).

    Example: cpgraph overload --council bracknell-forest-council --quarter-limit 6
    """
    check_format(fmt)
    if not 0 <= pledge_share <= 1:
        raise InputError("--pledge-share is a share between 0 and 1, e.g. 0.5")
    with _analytics(store) as an:
        key = _council_key(an, council)
        loads = an.overload(_as_of(as_of), min_actions=min_actions, quarter_limit=quarter_limit,
                            pledge_share=pledge_share, theme_limit=theme_limit)
    loads = [x for x in loads if (key is None or x.council == key) and (x.flags or not flagged)]
    if fmt == "json":
        emit(json.dumps([asdict(x) for x in loads], indent=2, ensure_ascii=False), output)
        return
    _print([x.row() for x in loads], fmt, ["council", "post", "actions", "sole", "joint", "weighted", "pledges",
                                           "busiest_quarter", "share_of_council", "overdue", "duplicates", "flags"],
           output)


@app.command()
def officer(
    name: Annotated[str, typer.Argument(help="A post's name, key or abbreviation (fuzzy).")],
    council: CouncilOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
) -> None:
    """One post's responsibilities: actions and pledges, co-owners, due dates and source lines.

    The name is matched fuzzily (abbreviations expanded); when several posts match, they are
    listed so you can pick one by its exact name or key.

    Example: cpgraph officer "Child Participation Development Worker"
    """
    check_format(fmt)
    with _analytics(store) as an:
        key = _council_key(an, council)
        view = an.officer(name, council=key)
    if not view.matches:
        raise NotFoundError(f"no post matches '{name[:80]}'; try part of the name or `cpgraph overload` to list owners")
    if fmt == "json":
        emit(json.dumps({"query": name, "matches": [asdict(m) for m in view.matches],
                         "responsibilities": view.responsibilities}, indent=2, ensure_ascii=False), output)
        return
    if view.post is None:
        typer.echo(f"{len(view.matches)} posts match '{name}'; run again with one of these names or keys:", err=True)
        _print([m.row() for m in view.matches], fmt, ["post", "kind", "council", "score", "matched"], output)
        return
    post = view.post
    if fmt == "table":
        typer.echo(f"{post.label} ({post.council or 'shared'}): {len(view.responsibilities)} responsibilit"
                   f"{'y' if len(view.responsibilities) == 1 else 'ies'}", err=True)
    rows = [{**r, "coowners": "; ".join(r["coowners"])} for r in view.responsibilities]
    _print(rows, fmt, ["relation", "level", "kind", "text", "pledge", "due", "recurrence", "status", "joint",
                       "coowners", "source", "lines"], output)


@app.command()
def compare(
    measure: Annotated[str, typer.Option("--measure", help="Count actions or pledges per cell.")] = "actions",
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
) -> None:
    """Councils side by side: how many actions address each theme and statutory principle.

    One row per council; theme columns first, then the seven principles (cpp_a … cpp_g).

    Example: cpgraph compare --format csv -o coverage.csv
    """
    check_format(fmt)
    if measure not in ("actions", "pledges"):
        raise InputError("--measure is actions or pledges")
    with _analytics(store) as an:
        cov = an.coverage()
    rows = cov.matrix(measure)
    columns = ["council", "actions", "pledges", *[k for k, _ in cov.themes], *[k for k, _ in cov.principles],
               "themes_covered", "principles_covered"]
    _print(rows, fmt, columns, output)


@app.command()
def suggest(
    action: Annotated[str | None, typer.Option("--action", help="Only this action (its IRI).")] = None,
    council: CouncilOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="Candidates per action.", min=1, max=20)] = 3,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
) -> None:
    """Candidate owners for unowned actions, ranked from similar owned actions, with the reason.

    These are suggestions only: nothing is written to the graph.

    Example: cpgraph suggest --council leicester-city-council --limit 2
    """
    check_format(fmt)
    with _analytics(store) as an:
        key = _council_key(an, council)
        found = an.suggestions(action=action, limit=limit)
    rows = [s.row() for s in found if key is None or s.council == key]
    _print(rows, fmt, ["council", "action", "rank", "suggested", "kind", "score", "reason", "label"], output)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (atomically).")] = Path("report.html"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="html or md.")] = "html",
    as_of: AsOfOpt = None,
    council: CouncilOpt = None,
    store: StoreOpt = None,
) -> None:
    """One self-contained report for a strategy lead: headline numbers, gaps, overload, coverage, suggestions.

    HTML with charts as inline SVG (no scripts, no network), or Markdown with --format md.
    With --council, the findings are one council's (coverage still compares every council).

    Example: cpgraph report -o report.html --as-of 2026-01-01 --council bracknell-forest-council
    """
    from cpgraph.atomic import write_atomic
    from cpgraph.report import FORMATS, render_report

    check_format(fmt, FORMATS)
    when = _as_of(as_of)
    with _analytics(store) as an:
        text = render_report(an, as_of=when, fmt=fmt, council=_council_key(an, council))
    write_atomic(output, text)
    typer.echo(f"wrote {output} ({len(text.encode('utf-8'))} bytes)", err=True)
