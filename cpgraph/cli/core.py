"""Core commands: build, extract, eval, validate, query, export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cpgraph import paths, tabular
from cpgraph.cli import app
from cpgraph.cli.options import (
    FormatOpt,
    OutOpt,
    StoreOpt,
    check_format,
    emit,
    parse_params,
    settings,
)
from cpgraph.errors import InputError

NO_NAMED, NO_OWNER = "no named owner", "no owner at any level"
"""The build table's two ownership columns (see cpgraph.analytics.ownership)."""


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the shipped seed corpus).")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", help="Worker processes (default: one per core "
                                             "for 12 documents or more; or $CPGRAPH_BUILD_JOBS).")] = None,
    progress: Annotated[str, typer.Option("--progress", help="Report each document as it is built: auto (a bar on "
                                          "a terminal; plain lines otherwise, from 10 documents), bar, lines or "
                                          "none. Always on stderr.")] = "auto",
) -> None:
    """Extract, validate and load strategy documents into the store (replacing it atomically).

    Example: cpgraph build data/sources/ --store .cpgraph/store --jobs 2
    """
    from cpgraph.build import run_build
    from cpgraph.cli.progress import MODES, build_progress

    check_format(fmt)
    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}")
    if progress not in MODES:
        raise InputError(f"--progress must be one of {', '.join(MODES)}, not {progress[:40]!r}")
    s = settings(store).with_(build_jobs=jobs)
    with build_progress(progress) as report:
        summary = run_build(s, list(sources) if sources else None, validate=not no_validate, progress=report)
    if fmt == "json":
        typer.echo(json.dumps({**summary.__dict__, "documents": summary.rows(),
                               "not_read": [d.not_read_message for d in summary.not_read]},
                              indent=2, default=str))
        return
    rows = [{**r, "warnings": "; ".join(r["warnings"])} for r in summary.rows()]
    if fmt == "csv":
        typer.echo(tabular.to_csv(rows), nl=False)
        return
    table = [{**r, "status": "read" if r["read"] else "not read", NO_NAMED: r["actions_no_named_owner"],
              NO_OWNER: r["actions_no_owner_any_level"]} for r in rows]
    typer.echo(tabular.to_table(table, ["source", "council", "status", "pledges", "actions", NO_NAMED, NO_OWNER,
                                        "triples", "violations"]))
    typer.echo(f"({NO_NAMED}: actions with no owner named on them (some are owned above, by a board or "
               f"the strategy lead); {NO_OWNER}: actions nobody owns at all, as `cpgraph gaps` reports them.)")
    typer.echo(
        f"\nLoaded {len(summary.documents)} document(s), {summary.triples} triples into {summary.store} "
        f"in {summary.seconds} s. Curated triples kept: {summary.curated_triples}."
    )
    for line in summary.not_read_report():  # never silent: say it after the table, not only on stderr
        typer.echo(line)
    if not summary.conforms:
        typer.echo("Some documents do not match the shapes: run `cpgraph validate` for details.")
    for r in summary.rows():
        for w in r["warnings"]:
            typer.echo(f"warning: {w}", err=True)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A strategy document (.txt .md .html .pdf .docx .csv .xlsx).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: json, table, csv, or blocks (the "
                                     "document's structure: headings, list items, paragraphs, fields, "
                                     "tables, with their lines).")] = "json",
    spans: Annotated[bool, typer.Option("--spans/--no-spans", help="Include source line spans.")] = True,
    output: OutOpt = None,
) -> None:
    """Print what cpgraph extracts from one document, in the gold JSON shape; or, with
    --format blocks, the structure it read the document as, so you can see why it read it so.

    Example: cpgraph extract data/sources/bracknell-forest-action-plan-2025-2028.txt --format json
    """
    from cpgraph.build import extract_file
    from cpgraph.gold_json import document_json

    check_format(fmt, ("json", "table", "csv", "blocks"))
    if fmt == "blocks":
        from cpgraph.read import read_document
        from cpgraph.structure import document_tree
        from cpgraph.structure.render import format_tree

        doc = read_document(file, max_bytes=settings().max_file_bytes)
        emit(format_tree(document_tree(doc)).rstrip("\n"), output)
        return
    model = extract_file(file, settings())
    data = document_json(model, spans=spans)
    if fmt == "json":
        emit(json.dumps(data, indent=2, ensure_ascii=False), output)
        for w in model.warnings:
            typer.echo(f"warning: {w}", err=True)
        return
    rows = [
        {"pledge": p.get("number") or i, "pledge_title": p["title"], "action": a["text"],
         "owners": a["owners"], "due": a["due"] or a.get("recurrence"),
         "lines": f"{a['span']['start']}-{a['span']['end']}" if spans and a.get("span") else ""}
        for i, p in enumerate(data["pledges"], start=1) for a in p["actions"]
    ]
    emit(tabular.render(rows, fmt), output)
    for w in model.warnings:
        typer.echo(f"warning: {w}", err=True)


@app.command("eval")
def eval_(
    gold: Annotated[Path | None, typer.Option("--gold", help="Folder of gold JSON files.")] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help="Folder of the documents they annotate.")] = None,
    fmt: FormatOpt = "table",
    only: Annotated[list[str] | None, typer.Option("--only", help="Score only gold files whose name contains this.")] = None,
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per document and overall.

    Example: cpgraph eval --gold tests/data/gold --sources data/sources --format json
    """
    from cpgraph import evaluate
    from cpgraph.build import extract_file
    from cpgraph.gold_json import document_json

    check_format(fmt, ("table", "json"))
    gold_dir = gold or paths.default_gold_dir()
    if gold_dir is None:
        raise InputError("no gold folder: pass --gold DIR")
    s = settings()
    pairs = evaluate.pair_gold_with_sources(gold_dir, sources or paths.default_sources_dir())
    scored = []
    for gold_path, source_path in pairs:
        if only and not any(o in gold_path.name for o in only):
            continue
        gold_data = json.loads(gold_path.read_text(encoding="utf-8"))
        predicted = document_json(extract_file(source_path, s), spans=False)
        scored.append((source_path.name, gold_data, predicted))
    report = evaluate.score_corpus(scored)
    typer.echo(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else evaluate.format_table(report))


@app.command()
def validate(
    files: Annotated[list[Path] | None, typer.Argument(help="RDF files to validate instead of the store.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    show_warnings: Annotated[bool, typer.Option("--warnings/--no-warnings", help="List ownership warnings too.")] = False,
) -> None:
    """Check the store (or RDF files) against the SHACL shapes. Exit 0 if it conforms, 1 if not.

    Example: cpgraph validate --warnings
    """
    from cpgraph.store import open_store
    from cpgraph.validate import validate_file, validate_store

    check_format(fmt)
    if files:
        results = [validate_file(f) for f in files]
        findings = [f for r in results for f in r.findings]
        conforms = all(r.conforms for r in results)
    else:
        st = open_store(settings(store).store_location)
        try:
            result = validate_store(st)
        finally:
            st.close()
        findings, conforms = result.findings, result.conforms
    shown = [f.__dict__ for f in findings if show_warnings or f.severity == "violation"]
    if fmt != "table":
        typer.echo(tabular.render(shown, fmt))
    else:
        if shown:
            typer.echo(tabular.to_table(shown, ["severity", "focus", "message"], max_width=90))
        violations = sum(1 for f in findings if f.severity == "violation")
        warnings = sum(1 for f in findings if f.severity == "warning")
        verdict = "conforms" if conforms else "does NOT conform"
        typer.echo(f"The graph {verdict}: {violations} violation(s), {warnings} warning(s) (items with no named owner: `cpgraph gaps` says which are owned above).")
    raise typer.Exit(0 if conforms else 1)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named query (see --list) or a .rq file.")] = "",
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as name=value.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    output: OutOpt = None,
) -> None:
    """Run a named SPARQL query (or a .rq file) on the store, with bound parameters.

    Example: cpgraph query post-responsibilities --param post=child-participation-development-worker
    """
    from cpgraph import queries
    from cpgraph.store import open_store

    check_format(fmt)
    if list_ or not name:
        rows = [{"name": q.name, "summary": q.summary,
                 "parameters": ", ".join(f"{p.name}:{p.type}{'?' if p.optional else ''}" for p in q.params)}
                for q in queries.catalogue().values()]
        typer.echo(tabular.render(rows, fmt))
        return
    q = queries.resolve(name)
    bindings = q.bindings(parse_params(param))
    st = open_store(settings(store).store_location)
    try:
        rows = st.select(q.text, bindings)
    finally:
        st.close()
    columns = tabular.columns_of(rows)
    plain = [{c: (None if row.get(c) is None else str(row[c])) for c in columns} for row in rows]
    emit(tabular.render(plain, fmt, columns), output)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld.")] = "trig",
    store: StoreOpt = None,
    output: OutOpt = None,
) -> None:
    """Export the whole store as Turtle (merged), TriG, N-Quads or JSON-LD (named graphs kept).

    Example: cpgraph export --format trig -o cpgraph.trig
    """
    from cpgraph.export import export as do_export
    from cpgraph.store import open_store

    st = open_store(settings(store).store_location)
    try:
        data = do_export(st, fmt)
    finally:
        st.close()
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        from cpgraph.atomic import write_atomic

        write_atomic(output, data)
        typer.echo(f"wrote {output} ({len(data)} bytes)", err=True)
