"""The ``cpgraph`` command line: a thin edge that turns arguments into library calls.

Exit codes: 0 success; 1 findings (validation failed, gaps with --fail-on-gaps); 2 bad input.
"""

from __future__ import annotations

import sys

import typer

from cpgraph.errors import CpgraphError

app = typer.Typer(
    name="cpgraph",
    help="Who is responsible for what in councils' corporate parenting strategies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich formatting alone costs a quarter of a second at every start-up.
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from cpgraph import __version__

        typer.echo(f"cpgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", help="Print cpgraph's version and exit.",
                                 callback=_print_version, is_eager=True),
) -> None:
    """Who is responsible for what in councils' corporate parenting strategies."""


def main() -> None:
    """Entry point of the ``cpgraph`` console script: runs a command, turning cpgraph's errors
    into one line on stderr and exit code 2 (never a traceback)."""
    from cpgraph.cli import commands  # noqa: F401  (registers the commands)

    try:
        code = app(standalone_mode=False)
    except CpgraphError as exc:
        print(f"cpgraph: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # click's usage errors and aborts
        # By class name: recent typer releases carry their own copy of click (typer._click),
        # whose exceptions are not click's.
        names = {c.__name__ for c in type(exc).__mro__}
        if "ClickException" in names:
            exc.show()
            sys.exit(2)
        if "Abort" in names:
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)
