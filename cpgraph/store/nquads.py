"""Named graphs streamed as one N-Quads file, for a single bulk load of them all."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

from cpgraph.store.terms import GraphData, iri_ref, ntriples


class NQuadsReader(io.RawIOBase):
    """A file-like object streaming rdflib graphs as N-Quads (for one bulk load of them all)."""

    def __init__(self, graphs: Mapping[str, GraphData]) -> None:
        self._chunks = self._generate(graphs)
        self._buf = memoryview(b"")
        self.error: BaseException | None = None

    @staticmethod
    def _generate(graphs: Mapping[str, GraphData]) -> Iterator[bytes]:
        for name, g in graphs.items():
            nt = ntriples(name, g)
            if nt:  # N-Triples lines all end " .\n" (newlines inside literals are escaped)
                yield nt.replace(b" .\n", b" " + iri_ref(name).encode("utf-8") + b" .\n")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._buf:
            try:
                self._buf = memoryview(next(self._chunks))
            except StopIteration:
                return 0
            except BaseException as exc:  # surfaced by the caller: pyoxigraph would mask its type
                self.error = exc
                return 0
        n = min(len(buffer), len(self._buf))
        buffer[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

