"""The report for a strategy lead: one self-contained HTML file (or Markdown) with the headline
numbers, the gap and overload tables citing the source lines of each finding, charts as inline
SVG, coverage, and owner suggestions. No scripts, no external URL of any kind; every string that
comes from a document or a user is escaped.

A document not read as a plan (nothing in it recognised) is never silent: it is a headline card,
a section of its own with its message, a line under Gaps, and "not read" in the coverage table
(and left out of the heatmap) instead of a row of gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from html import escape

from cpgraph import report_svg
from cpgraph.analytics.coverage import Coverage, NotRead
from cpgraph.analytics.gaps import RULES, Gap
from cpgraph.analytics.ownership import ownership_counts
from cpgraph.analytics.service import Analytics
from cpgraph.errors import InputError

FORMATS = ("html", "md")
QUARTER_LIMIT = 6


@dataclass
class _Facts:
    as_of: date
    headline: list[tuple[str, str, str]]  # (label, value, explanation)
    gaps: list[Gap]
    loads: list
    coverage: object
    suggestions: list
    council_names: dict[str | None, str]
    quotes: dict[tuple[str, str], str]
    not_read: list[NotRead]


def render_report(analytics: Analytics, *, as_of: date, fmt: str = "html", max_rows: int = 1000,
                  council: str | None = None) -> str:
    """The report on the store behind ``analytics`` as of ``as_of``, as HTML or Markdown text.

    ``council`` (a key) keeps the headline, gaps, overload and suggestions to one council; the
    coverage matrix still shows every council, for comparison. Tables longer than ``max_rows``
    are cut, with a line saying how many rows were left out and which command lists them all.
    Raises InputError for an unknown ``fmt`` or council.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown report format '{fmt}': choose html or md")
    facts = _facts(analytics, as_of, council)
    return _html(facts, max_rows) if fmt == "html" else _markdown(facts, max_rows)


def _facts(analytics: Analytics, as_of: date, council: str | None) -> _Facts:
    G = analytics.graph()
    keys = {d["key"] for _, d in G.nodes(data=True) if d["kind"] == "council"}
    if council is not None and council not in keys:
        raise InputError(f"no council '{council[:80]}' in the store; councils: {', '.join(sorted(keys))}")

    def mine(item_council: str | None) -> bool:
        return council is None or item_council == council

    gaps = [g for g in analytics.gaps(as_of) if mine(g.council)]
    loads = [x for x in analytics.overload(as_of, quarter_limit=QUARTER_LIMIT) if mine(x.council)]
    suggestions = [s for s in analytics.suggestions() if mine(s.council)]
    kinds = Counter(d["kind"] for _, d in G.nodes(data=True) if d["kind"] == "council" or mine(d["council"]))
    owned = ownership_counts(G, "action", council=council)
    pledges_owned = ownership_counts(G, "pledge", council=council)
    rules = Counter(g.rule for g in gaps)
    names = {d["key"]: d["label"] for _, d in G.nodes(data=True) if d["kind"] == "council"}
    names[None] = "shared"
    top = loads[0] if loads else None
    share = f"{owned['no_named_owner'] / owned['total']:.0%}" if owned["total"] else "–"
    not_read = [n for n in analytics.not_read() if mine(n.council)]
    headline = [
        ("Councils", str(kinds["council"]), f"{kinds['strategy']} strategy document(s)") if council is None
        else ("Council", names[council], f"{kinds['strategy']} strategy document(s)"),
        ("Pledges", str(kinds["pledge"]), f"{kinds['action']} actions"),
        (NO_NAMED_CARD, str(owned["no_named_owner"]),
         f"{share} of actions; {owned['governance'] + owned['strategy']} of them owned above (by a board "
         f"or the strategy lead), {owned['none']} with no owner at any level"),
        (NO_OWNER_CARD, str(pledges_owned["none"]), "pledges nobody owns: not on them, their actions or above"),
        ("Overdue with no status", str(rules["overdue_no_status"]), f"as of {as_of.isoformat()}"),
        ("Duplicated actions", str(rules["duplicate_action"]),
         f"{rules['duplicate_pledge']} pledge(s) largely repeat another"),
        ("Owners flagged for overload", str(sum(1 for x in loads if x.flags)), "see Overload"),
        ("Top load", f"{top.actions} actions" if top else "–",
         (f"{top.label}, {names.get(top.council, top.council)}"
          + (f"; flags: {', '.join(f['rule'] for f in top.flags)}" if top.flags else "")) if top else ""),
    ]
    if not_read:  # first, so nobody reads the numbers below without knowing
        headline.insert(0, (NOT_READ_CARD, str(len(not_read)),
                            "nothing in them was recognised: shown as not read, not as gaps"))
    quotes = {}
    for _, d in G.nodes(data=True):
        if d["kind"] in ("pledge", "action") and d["source"] and d["lines"]:
            quotes.setdefault((d["source"], d["lines"]), d["text"] or d["label"] or "")
    return _Facts(as_of, headline, gaps, loads, analytics.coverage(), suggestions,
                  names, quotes, not_read)


def _read_only(coverage: Coverage) -> Coverage:
    """``coverage`` without the councils none of whose documents was read (their cells are
    unknown: drawn, they would look like rows of gaps)."""
    return Coverage([c for c in coverage.councils if not c.nothing_read], coverage.themes, coverage.principles)


NOT_READ_CARD = "Documents not read as a plan"
NO_NAMED_CARD = "Actions with no named owner"
NO_OWNER_CARD = "Pledges with no owner at any level"
NOT_READ_INTRO = ("cpgraph recognised no pledge, action, duty or governance body in these documents, "
                  "so it cannot say what they promise or what is missing from them. They are not "
                  "counted as gaps anywhere in this report.")


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222;line-height:1.4}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #1f5f8b;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#555}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:.8rem}
.card{border:1px solid #ccd;border-radius:6px;padding:.7rem;background:#f7f9fc}
.card .value{font-size:1.6rem;font-weight:bold;color:#1f5f8b}h3{margin-top:1.6rem}.card .label{font-weight:bold}
.card .note{color:#555;font-size:.9rem}
.card.notread{border:2px solid #b3261e;background:#fdf0ee}.card.notread .value{color:#b3261e}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.9rem}
th,td{border:1px solid #ccd;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#e8eef5}tr:nth-child(even) td{background:#fafbfd}
.high{color:#b3261e;font-weight:bold}.medium{color:#8a5a00;font-weight:bold}.low{color:#555}
.flag{color:#b3261e}.note{color:#555}.suggestion{font-style:italic}
figure{margin:1rem 0}blockquote{margin:.3rem 0 .8rem 1rem;border-left:3px solid #ccd;padding-left:.6rem}
@media print{h2{page-break-before:always}a{color:inherit;text-decoration:none}}
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


class _Evidence:
    """Numbered in-page anchors for the source lines findings cite."""

    def __init__(self, quotes: dict[tuple[str, str], str]) -> None:
        self.quotes = quotes
        self.ids: dict[tuple[str, str], str] = {}

    def link(self, source: str | None, lines: str | None) -> str:
        if not source:
            return ""
        if not lines:
            return _e(source)
        key = (source, lines)
        anchor = self.ids.setdefault(key, f"ev-{len(self.ids) + 1}")
        return f'<a href="#{anchor}">{_e(source)} lines {_e(lines)}</a>'

    def section(self) -> str:
        items = []
        for (source, lines), anchor in self.ids.items():
            quote = self.quotes.get((source, lines), "")
            items.append(f'<li id="{anchor}"><b>{_e(source)}</b>, lines {_e(lines)}'
                         + (f"<blockquote>{_e(quote)}</blockquote>" if quote else "") + "</li>")
        return "<ol>" + "".join(items) + "</ol>" if items else "<p>No finding cites source lines.</p>"


def _table(headers: list[str], rows: list[list[str]], max_rows: int, more: str) -> str:
    if not rows:
        return '<p class="note">None.</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows[:max_rows])
    cut = (f'<p class="note">{len(rows) - max_rows} more row(s) not shown: {_e(more)}</p>'
           if len(rows) > max_rows else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{cut}"


def _html(f: _Facts, max_rows: int) -> str:
    ev = _Evidence(f.quotes)
    cards = "".join(f'<div class="card{" notread" if label == NOT_READ_CARD else ""}"><div class="label">{_e(label)}</div>'
                    f'<div class="value">{_e(value)}</div><div class="note">{_e(note)}</div></div>'
                    for label, value, note in f.headline)
    by_rule = Counter(g.rule for g in f.gaps)
    sev = Counter((g.rule, g.severity) for g in f.gaps)
    rule_rows = [[f"<code>{_e(rule)}</code>", _e(RULES[rule]), str(by_rule[rule]),
                  " ".join(f'<span class="{s}">{sev[(rule, s)]} {s}</span>' for s in ("high", "medium", "low")
                           if sev[(rule, s)])] for rule in RULES if by_rule[rule]]
    per_council: dict[str | None, list[list[str]]] = {}
    for g in f.gaps:
        per_council.setdefault(g.council, []).append([
            f'<span class="{g.severity}">{_e(g.severity)}</span>',
            f"<code>{_e(g.rule)}</code>" + (f"<br><small>RACI: {_e(g.raci)}</small>" if g.raci else ""),
            _e(g.kind), _e(g.label), _e(g.detail), _e("; ".join(g.owner_above)), ev.link(g.source, g.lines)])
    gap_tables = "".join(
        f"<h3>{_e(f.council_names.get(c, c))}: {len(rows)} gap(s)</h3>"
        + _table(["severity", "rule", "kind", "item", "detail", "owner above", "source"], rows, max_rows,
                 "cpgraph gaps --format csv lists them all")
        for c, rows in sorted(per_council.items(), key=lambda kv: f.council_names.get(kv[0], kv[0] or "")))
    load_rows = [[_e(x.label), _e(f.council_names.get(x.council, x.council)), str(x.actions), str(x.sole),
                  str(x.joint), f"{round(x.weighted, 2):g}", str(x.pledges), str(len(x.themes)),
                  _e(", ".join(f"{q}: {n}" for q, n in x.due_by_quarter.items())), f"{x.share_of_council:.0%}",
                  "<br>".join(f'<span class="flag">{_e(fl["rule"])}</span>: {_e(fl["detail"])}' for fl in x.flags)]
                 for x in f.loads]
    cov = f.coverage
    unread = '<span class="flag">not read</span>'
    cov_rows = [[_e(c.label) + "".join(f'<br><small class="note">{_e(n.message)}</small>' for n in c.not_read),
                 *[unread] * 6]
                if c.nothing_read else
                [_e(c.label), str(c.pledges), str(c.actions), f"{len(c.covered('themes'))} / {len(c.themes)}",
                 f"{len(c.covered('principles'))} / {len(c.principles)}",
                 _e(", ".join(cell.label for cell in c.not_covered("themes"))) or "—",
                 _e(", ".join(cell.key for cell in c.not_covered("principles"))) or "—"] for c in cov.councils]
    not_read_items = "".join(f"<li><b>{_e(f.council_names.get(n.council, n.council_label))}</b>: {_e(n.message)}</li>"
                             for n in f.not_read)
    not_read_section = (f'<section id="not-read"><h2>Documents not read as a plan</h2>'
                        f'<p class="flag">{len(f.not_read)} document(s) not read as a plan.</p>'
                        f"<p>{_e(NOT_READ_INTRO)}</p><ul>{not_read_items}</ul></section>" if f.not_read else "")
    not_read_gaps = (f'<p class="flag">No gaps are reported for {len(f.not_read)} document(s) not read as a plan: '
                     f'see <a href="#not-read">Documents not read as a plan</a>.</p>' if f.not_read else "")
    sug_rows = [[_e(f.council_names.get(s.council, s.council)), _e(s.action_label), str(s.rank),
                 f'<span class="suggestion">{_e(s.suggested or s.post_label)}</span>', f"{s.score:.0%}", _e(s.reason)]
                for s in f.suggestions]
    sections = [
        f"<h1>Corporate parenting responsibilities report</h1>"
        f'<p class="meta">As of {_e(f.as_of.isoformat())}. Every finding names the rule that found it and '
        f"links to the source lines it rests on (listed under Evidence at the end).</p>",
        f'<section id="headline"><h2>Headline</h2><div class="cards">{cards}</div></section>',
        not_read_section,
        '<section id="gaps"><h2>Gaps</h2>' + not_read_gaps
        + _table(["rule", "what it means", "found", "severity"], rule_rows, max_rows, "")
        + (gap_tables or '<p class="note">No gaps found.</p>')
        + "</section>",
        '<section id="overload"><h2>Overload</h2>'
        f"<figure>{report_svg.load_by_post(f.loads, council_names=f.council_names)}</figure>"
        f"<figure>{report_svg.load_by_quarter(f.loads, quarter_limit=QUARTER_LIMIT)}</figure>"
        + _table(["owner", "council", "actions", "sole", "joint", "weighted", "pledges", "themes",
                  "due by quarter", "share of council", "flags"], load_rows, max_rows,
                 "cpgraph overload --format csv lists them all")
        + "</section>",
        '<section id="coverage"><h2>Coverage of themes and statutory principles</h2>'
        f"<figure>{report_svg.coverage_heatmap(_read_only(cov))}</figure>"
        + ('<p class="note">Councils whose documents were not read as plans are left out of the chart; '
           "the table says “not read” for them.</p>" if any(c.nothing_read for c in cov.councils) else "")
        + _table(["council", "pledges", "actions", "themes covered", "principles covered",
                  "themes not covered", "principles not covered"], cov_rows, max_rows, "cpgraph compare")
        + "</section>",
        '<section id="suggestions"><h2>Owner suggestions</h2>'
        '<p class="note">Suggestions only, ranked from similar owned actions (same council first). '
        "Nothing here is recorded in the graph until someone accepts it.</p>"
        + _table(["council", "action with no named owner", "rank", "suggested post or kind of post", "score", "reason"], sug_rows,
                 max_rows, "cpgraph suggest --format csv lists them all")
        + "</section>",
    ]
    body = "".join(sections) + f'<section id="evidence"><h2>Evidence</h2>{ev.section()}</section>'
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>cpgraph report</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>\n")


# --------------------------------------------------------------------------- Markdown

def _m(text: object) -> str:
    """Text safe in a Markdown table cell: HTML escaped, pipes and emphasis characters escaped,
    on one line."""
    value = escape("" if text is None else str(text), quote=False)
    for ch in "\\`*_[]|#":
        value = value.replace(ch, "\\" + ch)
    return " ".join(value.split())


def _md_table(headers: list[str], rows: list[list[object]], max_rows: int, more: str) -> str:
    if not rows:
        return "None.\n"
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_m(c) for c in row) + " |" for row in rows[:max_rows]]
    if len(rows) > max_rows:
        out.append(f"\n{len(rows) - max_rows} more row(s) not shown: {more}")
    return "\n".join(out) + "\n"


def _cite(source: str | None, lines: str | None) -> str:
    return f"{source} lines {lines}" if source and lines else (source or "")


def _markdown(f: _Facts, max_rows: int) -> str:
    by_rule = Counter(g.rule for g in f.gaps)
    unread = {c.council for c in f.coverage.councils if c.nothing_read}
    not_read = ([
        "## Documents not read as a plan\n",
        f"**{len(f.not_read)} document(s) not read as a plan.** {NOT_READ_INTRO}\n",
        "\n".join(f"- **{_m(f.council_names.get(n.council, n.council_label))}**: {_m(n.message)}"
                  for n in f.not_read) + "\n",
    ] if f.not_read else [])
    parts = [
        "# Corporate parenting responsibilities report\n",
        f"As of {f.as_of.isoformat()}. Every finding names its rule and cites its source lines.\n",
        "## Headline\n",
        "\n".join(f"- **{_m(label)}**: {_m(value)} ({_m(note)})" if note else f"- **{_m(label)}**: {_m(value)}"
                  for label, value, note in f.headline) + "\n",
        *not_read,
        "## Gaps\n",
        *([f"No gaps are reported for {len(f.not_read)} document(s) not read as a plan (see above).\n"]
          if f.not_read else []),
        _md_table(["rule", "what it means", "found"], [[r, RULES[r], by_rule[r]] for r in RULES if by_rule[r]],
                  max_rows, ""),
        _md_table(["severity", "rule", "RACI", "council", "kind", "item", "detail", "owner above", "source"],
                  [[g.severity, g.rule, g.raci or "", f.council_names.get(g.council, g.council), g.kind, g.label,
                    g.detail, "; ".join(g.owner_above), _cite(g.source, g.lines)] for g in f.gaps],
                  max_rows, "cpgraph gaps --format csv lists them all"),
        "## Overload\n",
        _md_table(["owner", "council", "actions", "sole", "joint", "weighted", "pledges", "due by quarter", "flags"],
                  [[x.label, f.council_names.get(x.council, x.council), x.actions, x.sole, x.joint, f"{round(x.weighted, 2):g}",
                    x.pledges, ", ".join(f"{q}: {n}" for q, n in x.due_by_quarter.items()),
                    "; ".join(f"{fl['rule']}: {fl['detail']}" for fl in x.flags)] for x in f.loads],
                  max_rows, "cpgraph overload --format csv lists them all"),
        "## Coverage of themes and statutory principles\n",
        _md_table(["council", "actions", *[k for k, _ in f.coverage.themes], *[k for k, _ in f.coverage.principles]],
                  [[r["council"], r["actions"], *[r[k] for k, _ in f.coverage.themes],
                    *[r[k] for k, _ in f.coverage.principles]] if r["key"] not in unread else
                   [r["council"], "not read", *["not read"] * (len(f.coverage.themes) + len(f.coverage.principles))]
                   for r in f.coverage.matrix()],
                  max_rows, "cpgraph compare"),
        "## Owner suggestions\n",
        "Suggestions only, ranked from similar owned actions; nothing is recorded until someone accepts one.\n",
        _md_table(["council", "action with no named owner", "rank", "suggested post or kind of post", "score", "reason"],
                  [[f.council_names.get(s.council, s.council), s.action_label, s.rank, s.suggested or s.post_label,
                    f"{s.score:.0%}", s.reason] for s in f.suggestions],
                  max_rows, "cpgraph suggest --format csv lists them all"),
    ]
    return "\n".join(parts)
