"""One self-contained HTML page per view: pyvis builds the network model (nodes, edges, options),
this module writes the page around it — our template, not pyvis's, because pyvis 0.3.2 links
CDNs (Bootstrap, tom-select, vis) even in ``in_line`` mode.

Offline: the vis-network script shipped inside the pyvis package is inlined; the page loads no
URL. Safe: the graph travels as JSON in a ``<script type="application/json">`` block with ``<``,
``>``, ``&`` and U+2028/2029 escaped; labels are drawn on a canvas; tooltips, details and search
results are DOM text nodes (``textContent``), never HTML; a Content-Security-Policy lets only
this page's own two scripts run (by hash), so an inline handler smuggled into text could not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path
from string import Template

from pyvis.network import Network

from viz import style, tree_layout
from viz.viewgraph import View

NODE_FIELDS = ("id", "label", "level", "shape", "color", "borderWidth", "font", "size",
               "shapeProperties", "widthConstraint", "heightConstraint", "x", "y", "fixed", "physics", "kind", "tip",
               "flags")
"""The only node attributes copied into the page."""
EDGE_FIELDS = ("id", "from", "to", "arrows", "color", "width", "dashes", "kind", "tip")
"""The only edge attributes copied into the page."""

STABILISATION_ITERATIONS = 250
"""Most physics steps spent settling a layout (fewer on big graphs: see ``iterations``)."""
PHYSICS_BUDGET = 4_000_000
"""Node pairs × steps the settling may cost: vis-network's hierarchical repulsion compares every
pair of nodes on every step, so a 300-node tree gets ~40 steps and a 1,500-node one a few."""


def render(view: View) -> str:
    """The HTML document showing ``view``: the network, a legend, a search box, a details
    panel, and the view's notes. Node ids are ``n1…`` and edge ids ``e1…`` in a stable order."""
    net = network(view)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    payload = {
        "kind": view.kind,
        "layout": view.layout,
        "nodes": [{k: n[k] for k in NODE_FIELDS if k in n} for n in nodes],
        "edges": [{k: e[k] for k in EDGE_FIELDS if k in e} for e in edges],
        "options": json.loads(options),
        "levels": {str(k): v for k, v in sorted(view.level_names.items())
                   if any(n.level == k for n in view.nodes.values())},
        "headings": [{"x": x, "y": y, "bottom": bottom, "text": text} for x, y, bottom, text in view.headings],
        "column": tree_layout.COLUMN,
        "start": {"x": view.start[0], "y": view.start[1]} if view.start else None,
    }
    data = script_json(payload)
    app = _asset("view.js")
    vis = vis_network_js()
    return Template(_asset("page.html")).substitute(
        title=html.escape(view.title),
        csp=html.escape(_csp(vis, app)),
        css=_asset("page.css"),
        notes="".join(f"<p class=\"cp-note\">{_note_html(n)}</p>" for n in view.notes),
        node_count=len(payload["nodes"]),
        edge_count=len(payload["edges"]),
        legend=legend_html(view),
        data=data,
        vis=vis,
        app=app,
    )


def network(view: View) -> Network:
    """The pyvis network of ``view``: display attributes only, ids in a stable order."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    ids: dict[str, str] = {}
    rank = {key: i for i, key in enumerate(view.nodes)}
    for index, node in enumerate(view.sorted_nodes(), start=1):
        ids[node.key] = f"n{index}"
        options = style.node_options(node.kind, node.flags)
        options.update(_size(view, node.kind, options["shape"]))
        if node.fill:
            options["color"] = {**options["color"], "background": node.fill,
                                "highlight": {"background": node.fill, "border": "#000000"}}
            font = "#b00020" if "gap" in node.flags else style.readable_font(node.fill)
            options["font"] = {**options["font"], "color": font}
        if node.level is not None:
            options["level"] = node.level  # vis-network's level, and the column headings'
        if node.level is not None and view.layout.startswith("hierarchical"):
            # vis-network orders each level by the nodes' starting positions: start them in the
            # order the view met them (parents before children), so the tree comes out tidy.
            axis = "y" if view.layout.endswith("-lr") else "x"
            options[axis] = rank[node.key] * 10
        if node.x is not None and node.y is not None:
            options.update(x=node.x, y=node.y, fixed=True, physics=False)
        net.add_node(ids[node.key], label=node.label, kind=node.kind, tip=node.tooltip,
                     flags=list(node.flags), **options)
    for index, edge in enumerate(view.sorted_edges(), start=1):
        meaning = style.EDGES.get(edge.kind, style.EDGES["summary"]).meaning
        tip = edge.tooltip or (f"{view.nodes[edge.source].label} — {meaning} → "
                               f"{view.nodes[edge.target].label}")
        net.add_edge(ids[edge.source], ids[edge.target], id=f"e{index}", kind=edge.kind, tip=tip,
                     **style.edge_options(edge.kind))
    net.options = vis_options(view)
    return net


def _size(view: View, kind: str, shape: str) -> dict:
    """Width limits that make labels wrap: boxes in a column, cells of a grid all alike."""
    if kind == "cell":
        return {"widthConstraint": {"minimum": 90, "maximum": 90}, "heightConstraint": {"minimum": 26},
                "font": {"size": 16, "color": "#1b1b1b"}}
    if view.layout == "fixed" and view.kind == "coverage":  # concepts down, councils across
        if kind in ("theme", "principle"):
            return {"widthConstraint": {"minimum": 300, "maximum": 300},
                    "font": {"size": 14, "align": "left", "color": "#1b1b1b"}}
        return {"widthConstraint": {"minimum": 130, "maximum": 130}}
    if view.layout == "fixed":  # a grid of summary boxes
        return {"widthConstraint": {"minimum": 220, "maximum": 220}}
    return {"widthConstraint": {"maximum": 230 if shape in ("box", "ellipse", "database") else 150}}


def vis_options(view: View) -> dict:
    """vis-network options for the view's layout: levels for the hierarchies, fixed positions
    for grids; physics only to settle the layout (the page turns it off once stable)."""
    options: dict = {
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": {"enabled": True},
                        "navigationButtons": False},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": False, "selectionWidth": 2},
        "nodes": {"font": {"face": "DejaVu Sans, Arial, sans-serif"}},
    }
    if view.layout.startswith("hierarchical"):
        lr = view.layout.endswith("-lr")
        options["layout"] = {"hierarchical": {
            "enabled": True, "direction": "LR" if lr else "UD", "sortMethod": "directed",
            "levelSeparation": 280 if lr else 150, "nodeSpacing": 60 if lr else 150,
            "treeSpacing": 120, "blockShifting": True, "edgeMinimization": False,
            "parentCentralization": True, "shakeTowards": "roots"}}
        options["physics"] = {
            "enabled": True, "solver": "hierarchicalRepulsion",
            # No springs: the hierarchical layout already placed every node; repulsion only
            # pushes apart the boxes that overlap.
            "hierarchicalRepulsion": {"nodeDistance": 20 if lr else 120, "avoidOverlap": 1,
                                      "springConstant": 0, "centralGravity": 0, "damping": 0.5},
            "stabilization": {"enabled": True, "iterations": iterations(len(view.nodes)),
                              "updateInterval": 50, "fit": True},
        }
    elif view.layout in ("fixed", "tree-lr"):  # positions computed by the view
        options["physics"] = {"enabled": False}
        options["layout"] = {"hierarchical": {"enabled": False}}
        options["interaction"]["dragNodes"] = False
    else:
        options["physics"] = {"enabled": True, "solver": "barnesHut",
                              "stabilization": {"enabled": True,
                                                "iterations": iterations(len(view.nodes)),
                                                "fit": True}}
    return options


def iterations(nodes: int) -> int:
    """Physics steps to settle a layout of ``nodes`` nodes within ``PHYSICS_BUDGET``: the
    hierarchical layout already places every node, physics only evens out the spacing."""
    return max(1, min(STABILISATION_ITERATIONS, PHYSICS_BUDGET // max(nodes * nodes, 1)))


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&``
    (so no ``</script>`` or ``<!--``), and no U+2028/U+2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def legend_html(view: View) -> str:
    """The legend of ``view`` as HTML: node kinds drawn, every flag, edge kinds drawn."""
    kinds = {n.kind for n in view.nodes.values()}
    flags = {f for n in view.nodes.values() for f in n.flags}
    edge_kinds = {e.kind for e in view.edges.values()}
    rows = style.legend(kinds, flags, edge_kinds)
    out = []
    for group, heading in (("nodes", "What the shapes are"), ("flags", "What stands out"),
                           ("edges", "What the lines mean")):
        items = [r for r in rows if r["group"] == group]
        if not items:
            continue
        out.append(f"<h3>{heading}</h3><ul class=\"cp-legend\">")
        out.extend(f"<li>{_swatch(r)}<span>{html.escape(r['meaning'])}</span></li>" for r in items)
        out.append("</ul>")
    return "".join(out)


def _swatch(row: dict) -> str:
    fill, border = html.escape(row["colour"]), html.escape(row["border"])
    dash = ' stroke-dasharray="3 2"' if row["dashes"] else ""
    shapes = {
        "line": f'<line x1="1" y1="9" x2="21" y2="9" stroke="{border}" stroke-width="3"{dash}/>',
        "dot": f'<circle cx="11" cy="9" r="7" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "ellipse": f'<ellipse cx="11" cy="9" rx="10" ry="6" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "diamond": f'<polygon points="11,1 20,9 11,17 2,9" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "triangle": f'<polygon points="11,1 20,17 2,17" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "triangleDown": f'<polygon points="2,1 20,1 11,17" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "hexagon": f'<polygon points="6,1 16,1 21,9 16,17 6,17 1,9" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "database": f'<path d="M3,4 A8,3 0 0 1 19,4 L19,14 A8,3 0 0 1 3,14 Z" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "pill": f'<rect x="1" y="3" width="20" height="12" rx="6" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        "square": f'<rect x="4" y="2" width="14" height="14" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
    }
    shape = shapes.get(row["swatch"],
                       f'<rect x="1" y="3" width="20" height="12" rx="3" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>')
    return f'<svg class="cp-swatch" width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">{shape}</svg>'


def _note_html(note: str) -> str:
    """A note as HTML: escaped, with `code` spans (commands) set in monospace."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(note))


def _csp(*scripts: str) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")


@cache
def vis_network_js() -> str:
    """The vis-network script shipped inside the installed pyvis package (newest version)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise FileNotFoundError(f"pyvis ships no vis-network script under {lib}")
    text = found[-1].read_text(encoding="utf-8")
    if re.search(r"</script|<!--", text, re.I):
        raise ValueError(f"{found[-1]} cannot be inlined in a <script> element")
    return text


@cache
def _asset(name: str) -> str:
    return (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")
