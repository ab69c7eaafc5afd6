"""Run cpgraph as a user does — the console command in its own process, in a home folder of its
own — and read back what it left behind (the store's quads, the curation file)."""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "sources"
HOSTILE = REPO / "tests" / "data" / "hostile"
HOSTILE_PLAN = HOSTILE / "hostile-council-action-plan-2025-2028.txt"
SEED_PLAN = SEEDS / "bracknell-forest-action-plan-2025-2028.txt"


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a cpgraph process for ``home``: no CPGRAPH_* from the caller's
    environment, the repository importable, and ``extra`` variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPGRAPH_")}
    env["CPGRAPH_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


# Each run is a real process — its own pid, exit status, stdout and stderr, killable with
# SIGKILL — forked from a multiprocessing fork server that imported cpgraph once, so the tests
# do not pay a second of imports for every one of the dozens of commands they run.
_CONTEXT = multiprocessing.get_context("forkserver")
# The command modules import their libraries lazily (for a quick `cpgraph --help`), so the
# libraries the commands use are preloaded by name.
_CONTEXT.set_forkserver_preload(["cpgraph.cli.commands", "tests.cli_runner", "cpgraph.build",
                                 "cpgraph.analytics.service", "cpgraph.store", "cpgraph.validate",
                                 "cpgraph.evaluate", "cpgraph.report", "viz"])


def _child(args: list[str], cwd: str, env: dict[str, str], out: str, err: str,
           hook: Callable[[], None] | None) -> None:
    """The body of a cpgraph process: the user's folder, environment, argv and streams, then
    ``main()`` exactly as the console script calls it."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, out), (2, err)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
    sys.argv = ["cpgraph", *args]
    if hook is not None:
        hook()
    from cpgraph.cli import main

    try:
        main()
    except SystemExit:
        raise
    except BaseException:  # what the interpreter would print for an uncaught error
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)


@dataclass
class Result:
    """What a finished cpgraph process left: its exit code and what it printed."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


class Running:
    """A cpgraph process under way (see :func:`start_cpgraph`)."""

    def __init__(self, home: Path, args: list[str], env: dict[str, str],
                 hook: Callable[[], None] | None = None) -> None:
        self.args = args
        self._folder = Path(tempfile.mkdtemp(prefix="cpgraph-run-"))
        self._out, self._err = self._folder / "stdout", self._folder / "stderr"
        self.process = _CONTEXT.Process(
            target=_child, args=(args, str(home), env, str(self._out), str(self._err), hook), daemon=False)  # a build may start worker processes of its own
        self.process.start()

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL the process (no clean-up of any kind can run) and reap it."""
        self.process.kill()
        self.process.join(30)
        shutil.rmtree(self._folder, ignore_errors=True)

    def wait(self, timeout: float = 300) -> Result:
        """Wait for the process to end (killing it after ``timeout`` seconds) and return what
        it did."""
        self.process.join(timeout)
        if self.process.exitcode is None:
            self.kill()
            raise TimeoutError(f"cpgraph {' '.join(self.args)} ran over {timeout} s")
        read = lambda p: p.read_text(encoding="utf-8", errors="replace") if p.exists() else ""  # noqa: E731
        code = self.process.exitcode
        result = Result(self.args, code if code >= 0 else 128 - code, read(self._out), read(self._err))
        shutil.rmtree(self._folder, ignore_errors=True)
        return result


def start_cpgraph(home: Path, *args: str | os.PathLike, hook: Callable[[], None] | None = None,
                  **env: str) -> Running:
    """Start ``cpgraph ARGS…`` in ``home`` (``hook``, a module-level function, runs in the
    process first: fault tests use it to pause at a chosen point)."""
    return Running(home, [str(a) for a in args], cli_env(home, **env), hook)


def run_cpgraph(home: Path, *args: str | os.PathLike, timeout: float = 300, **env: str) -> Result:
    """Run ``cpgraph ARGS…`` in ``home`` and wait for it (at most ``timeout`` seconds)."""
    return start_cpgraph(home, *args, **env).wait(timeout)


def store_dir(home: Path) -> Path:
    """The embedded store folder of ``home``."""
    return home / ".cpgraph" / "store"


def curation_file(home: Path) -> Path:
    """The curation file of ``home``."""
    return home / "data" / "curation.trig"


def store_quads(home: Path) -> list[str]:
    """Every quad of ``home``'s store as sorted N-Quads lines — what `cpgraph export --format
    nquads` prints, read here without a process (read-only when another process holds it)."""
    from cpgraph.store import open_store

    store = open_store(str(store_dir(home)))
    try:
        data = store.dump("nquads").decode("utf-8")
    finally:
        store.close()
    return sorted(line for line in data.splitlines() if line.strip())


def copy_home(source: Path, target: Path) -> Path:
    """A copy of the home ``source`` (store, curation) at ``target``."""
    shutil.copytree(source, target, symlinks=True)
    return target


def assert_clean_refusal(proc: Result, *, what: str = "") -> str:
    """Check ``proc`` refused its input as cpgraph promises: exit 2, exactly one line on stderr
    starting ``cpgraph:``, no traceback. Returns that line."""
    label = f"{what}: " if what else ""
    assert "Traceback" not in proc.stderr, f"{label}traceback:\n{proc.stderr[-3000:]}"
    assert proc.returncode == 2, f"{label}exit {proc.returncode}, stderr: {proc.stderr[-1000:]}"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"{label}expected one line on stderr, got {len(lines)}: {proc.stderr[-1000:]}"
    assert lines[0].startswith("cpgraph: "), f"{label}{lines[0]!r}"
    return lines[0]
