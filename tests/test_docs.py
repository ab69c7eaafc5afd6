"""The README tells the truth about the commands and the test command CI runs."""

import re
from pathlib import Path

from cpgraph.cli import (
    app,
    commands,  # noqa: F401  (registers the commands)
)

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_names() -> set[str]:
    import typer.main

    group = typer.main.get_command(app)
    return set(group.commands)


def test_readme_names_every_command():
    missing = [name for name in _command_names() if f"cpgraph {name}" not in README]
    assert missing == []


def test_every_command_has_help_with_an_example():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, name


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    blocks = re.findall(r"```bash\n(.*?)\n```", README.split("## Quick start")[1].split("\n## ")[0], re.S)
    assert len(blocks) == 2 and all("\n" not in b for b in blocks)
    # CI runs the README's test command word for word, on a line of its own, inside the fresh
    # virtual environment it made (activated before it), not in whatever the machine has
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert blocks[1] in ci
    before = ci[: ci.index(blocks[1])]
    assert any("-m venv" in line for line in before) and any("/bin/activate" in line for line in before)
    # and, before it, the first command up to `cpgraph serve`: the package alone installs and builds
    install_and_build = blocks[0].removesuffix(" && cpgraph serve")
    assert install_and_build != blocks[0] and install_and_build in before
    assert before.index(install_and_build) > next(i for i, line in enumerate(before) if "/bin/activate" in line)
