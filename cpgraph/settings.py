"""One settings object for the whole program; the only module that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from cpgraph import paths


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from exc


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, not {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Where cpgraph keeps its work and the limits it runs under.

    ``home`` is the working folder: the embedded store lives in ``home/.cpgraph/store`` and user
    curation in ``home/data/curation.trig`` (a human-readable file that builds never touch).
    """

    home: Path = field(default_factory=Path.cwd)
    store: str | None = None  # a folder path or an http(s) URL; None means the embedded default
    sources: tuple[Path, ...] = ()
    curation_token: str | None = None
    max_file_bytes: int = 20 * 1024 * 1024
    query_timeout_s: float = 10.0  # user SPARQL at /sparql
    named_query_timeout_s: float = 120.0  # named queries in the service: ours, but a national store is big
    memory_copy_max_quads: int = 1_000_000  # above it the query workers open a read-only snapshot on disk
    query_row_cap: int = 10_000
    query_workers: int = 2  # processes answering /sparql; one client holds at most all but one
    max_request_bytes: int = 1024 * 1024
    build_jobs: int = 0  # worker processes for a build; 0 means one per available core

    @property
    def store_location(self) -> str:
        """The store as given, or the embedded default folder under ``home``."""
        return self.store if self.store else str(self.home / ".cpgraph" / "store")

    @property
    def curation_file(self) -> Path:
        """The TriG file holding user curation (owners assigned, statuses reported)."""
        return self.home / "data" / "curation.trig"

    @property
    def source_dirs(self) -> tuple[Path, ...]:
        """Folders or files to build from: the ones given, else the shipped seed corpus."""
        return self.sources or (paths.default_sources_dir(),)

    def with_(self, **changes) -> Settings:
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def from_env() -> Settings:
    """Settings from the environment (``CPGRAPH_*`` variables), with sensible defaults."""
    home = os.environ.get("CPGRAPH_HOME")
    return Settings(
        home=Path(home).resolve() if home else Path.cwd(),
        store=os.environ.get("CPGRAPH_STORE") or None,
        curation_token=os.environ.get("CPGRAPH_TOKEN") or None,
        max_file_bytes=_env_int("CPGRAPH_MAX_FILE_BYTES", 20 * 1024 * 1024),
        query_timeout_s=_env_float("CPGRAPH_QUERY_TIMEOUT", 10.0),
        named_query_timeout_s=_env_float("CPGRAPH_NAMED_QUERY_TIMEOUT", 120.0),
        memory_copy_max_quads=_env_int("CPGRAPH_MEMORY_COPY_MAX_QUADS", 1_000_000),
        query_row_cap=_env_int("CPGRAPH_QUERY_ROW_CAP", 10_000),
        query_workers=_env_int("CPGRAPH_QUERY_WORKERS", 2),
        max_request_bytes=_env_int("CPGRAPH_MAX_REQUEST_BYTES", 1024 * 1024),
        build_jobs=_env_int("CPGRAPH_BUILD_JOBS", 0),
    )
