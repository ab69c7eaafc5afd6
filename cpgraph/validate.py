"""SHACL validation of strategy graphs against ``ontology/shapes.ttl``.

A violation is a finding, not a crash: the result says whether the graph conforms, and lists
violations (which fail validation) and warnings (ownership gaps, which are reported only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import RDF, RDFS, Dataset, Graph, Literal
from rdflib.namespace import SH

from cpgraph import paths
from cpgraph.errors import InputError
from cpgraph.export import union_graph
from cpgraph.rdf import ontology_graph


@dataclass
class Finding:
    """One SHACL result: severity, the node it is about, and a message a person can read."""

    severity: str  # "violation" | "warning" | "info"
    focus: str
    path: str | None
    message: str


@dataclass
class ValidationResult:
    """``conforms`` is False only when there are violations; warnings never fail a graph."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        """Findings of severity violation."""
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]


@cache
def shapes() -> Graph:
    """The SHACL shapes graph (cached)."""
    return Graph().parse(data=(paths.ontology_dir() / "shapes.ttl").read_text(encoding="utf-8"), format="turtle")


_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def validate_graph(data: Graph) -> ValidationResult:
    """Validate ``data`` (which should include the ontology graph for class checks)."""
    # inplace: no inference and no rules in the shapes, so pyshacl has nothing to add to ``data``;
    # skipping its defensive copy saves about a quarter of the time (issue 7 benchmarks).
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes(), inference="none", allow_warnings=True, advanced=True, inplace=True
    )
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = _SEVERITY.get(report.value(result, SH.resultSeverity), "violation")
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        findings.append(Finding(
            severity=severity,
            focus=str(report.value(result, SH.focusNode)),
            path=str(path) if path is not None and not isinstance(path, Literal) else None,
            message=str(message) if message else "does not match its shape",
        ))
    findings.sort(key=lambda f: (f.severity != "violation", f.focus, f.message))
    return ValidationResult(conforms=not any(f.severity == "violation" for f in findings), findings=findings)


@cache
def _class_context() -> tuple[tuple, ...]:
    """The ontology triples the shapes consult besides the data: class hierarchy and typed
    individuals (ownership levels, themes, principles) for ``sh:class`` and ``sh:targetClass``."""
    onto = ontology_graph()
    return tuple(t for p in (RDF.type, RDFS.subClassOf) for t in onto.triples((None, p, None)))


def validate_document(data: Graph) -> ValidationResult:
    """Validate one document's graph as if merged with the ontology, without copying it.

    The ontology triples the shapes need are added to ``data`` for the check and removed after,
    leaving ``data`` exactly as it was (triples it already held are left alone). Not safe while
    another thread reads ``data``.
    """
    borrowed = [t for t in _class_context() if t not in data]
    for t in borrowed:
        data.add(t)
    try:
        return validate_graph(data)
    finally:
        for t in borrowed:
            data.remove(t)


def validate_store(store) -> ValidationResult:
    """Validate everything in ``store`` (all named graphs merged, ontology included)."""
    return validate_graph(union_graph(store))


def validate_file(path: Path | str) -> ValidationResult:
    """Validate an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD by suffix) merged with the
    ontology; a file that cannot be parsed is an InputError."""
    path = Path(path)
    formats = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: cpgraph validates {' '.join(formats)} files")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    ds = Dataset()
    try:
        ds.parse(data=path.read_bytes(), format=fmt)
    except Exception as exc:  # rdflib raises many parser error types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not valid {fmt}: {first[:200]}") from exc
    g = ontology_graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return validate_graph(g)
