"""Options shared by the commands, and the settings they resolve to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cpgraph import settings as settings_mod
from cpgraph.errors import InputError
from cpgraph.tabular import FORMATS

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store folder, ':memory:', or a SPARQL server URL (default: the embedded store)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table, json or csv.")]
CouncilOpt = Annotated[str | None, typer.Option("--council", help="Only this council: its key or name; part of the name will do (\"bracknell\").")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of the screen.")]


def settings(store: str | None = None) -> settings_mod.Settings:
    """The settings from the environment, with the command's --store applied."""
    try:
        base = settings_mod.from_env()
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    return base.with_(store=store)


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    """``fmt`` if allowed, else an InputError listing the choices."""
    if fmt not in allowed:
        raise InputError(f"unknown format '{fmt}': choose one of {', '.join(allowed)}")
    return fmt


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``k=v`` pairs as a dict; a pair without '=' is an InputError."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError(f"--param takes name=value, not {pair!r}")
        out[key.strip()] = value
    return out


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        typer.echo(text)
        return
    from cpgraph.atomic import write_atomic

    write_atomic(output, text if text.endswith("\n") else text + "\n")
    typer.echo(f"wrote {output}", err=True)
