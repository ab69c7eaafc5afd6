"""How each kind of node and edge looks, and the legend that says what the colours mean.

One table per thing drawn, so a view never picks a colour itself: it says what a node *is*
(its kind) and what is wrong with it (its flags), and this module turns that into vis-network
options and into legend rows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    """The look of one kind of node: fill colour, vis-network shape, font colour, legend text."""

    colour: str
    shape: str
    meaning: str
    font: str = "#1b1b1b"
    size: int = 16
    font_size: int = 14
    rounded: bool = False  # a pill rather than a box


KINDS: dict[str, KindStyle] = {
    "council": KindStyle("#1f3b73", "box", "Council", font="#ffffff"),
    "strategy": KindStyle("#4a6fa5", "box", "Strategy or action plan", font="#ffffff"),
    "body": KindStyle("#6a4c93", "ellipse", "Governance body (board, panel, subgroup)", font="#ffffff"),
    "role": KindStyle("#d9ccef", "ellipse", "Role (chair, member, lead)"),
    "theme": KindStyle("#f2cc4b", "box", "Theme", rounded=True),
    "principle": KindStyle("#d8a7b1", "box", "Statutory corporate parenting principle"),
    "pledge": KindStyle("#14746f", "box", "Pledge", font="#ffffff"),
    "action": KindStyle("#dbe9f8", "box", "Action (an officer owns it)", font_size=12),
    "post": KindStyle("#2d6a4f", "ellipse", "Post (named officer)", font="#ffffff"),
    "unit": KindStyle("#a7dcc0", "ellipse", "Unit or team"),
    "agency": KindStyle("#d9b99b", "database", "Partner agency"),
    "initiative": KindStyle("#c9c9c9", "box", "Linked initiative or plan"),
    "measure": KindStyle("#e3f4e8", "box", "Success measure or expected outcome", font_size=12),
    "due": KindStyle("#eceff3", "box", "Due date"),
    "aggregate": KindStyle("#e9ecef", "box", "Summary (several items counted together)"),
    "cell": KindStyle("#74c476", "box", "Covered: pledges and actions on it (darker is more)"),
}
"""Node kinds the views draw; the projection's kinds plus the views' own (due, aggregate, cell)."""


@dataclass(frozen=True)
class FlagStyle:
    """How a flagged node stands out: it overrides the kind's fill and border."""

    colour: str | None
    border: str
    border_width: int
    meaning: str
    dashes: bool = False


FLAGS: dict[str, FlagStyle] = {
    "unowned": FlagStyle("#d62828", "#6a040f", 4, "No owner at any level (red)"),
    "governance_only": FlagStyle("#f77f00", "#9c4a00", 3,
                                 "No named owner: owned only above, by a board, panel or strategy lead "
                                 "(orange)"),
    "overloaded": FlagStyle("#e63946", "#000000", 5,
                            "Overloaded post: an overload rule fired (red, black border, ⚠)"),
    "gap": FlagStyle("#ffffff", "#d62828", 3, "Gap: not covered by any pledge or action", dashes=True),
    "not_read": FlagStyle("#e9ecef", "#505a5f", 3,
                          "Not read as a plan: nothing in the document was recognised, so this is "
                          "unknown, not a gap (grey, dashed)", dashes=True),
}
"""Flags that make a node stand out, strongest first (the first one a node has wins)."""


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one kind of edge."""

    colour: str
    meaning: str
    width: float = 1.0
    dashes: bool = False


EDGES: dict[str, EdgeStyle] = {
    "owns": EdgeStyle("#2d6a4f", "owns (named on the action)", 2.0),
    "owns_governance": EdgeStyle("#f77f00", "owns at governance or strategy level", 2.0, True),
    "under_pledge": EdgeStyle("#8d99ae", "action under pledge"),
    "in_strategy": EdgeStyle("#8d99ae", "pledge or body in strategy"),
    "of_council": EdgeStyle("#1f3b73", "strategy of the council"),
    "publishes": EdgeStyle("#1f3b73", "strategy of the council"),
    "has_theme": EdgeStyle("#e3b505", "is about theme"),
    "serves_principle": EdgeStyle("#b5838d", "serves principle"),
    "linked_initiative": EdgeStyle("#9e9e9e", "linked to initiative", dashes=True),
    "subgroup_of": EdgeStyle("#6a4c93", "reports to (subgroup of)", 1.5),
    "chairs": EdgeStyle("#6a4c93", "chairs", 1.5, True),
    "member_of": EdgeStyle("#c3b1e1", "member of", 1.0, True),
    "oversees": EdgeStyle("#6a4c93", "oversees", 1.0, True),
    "lead_of": EdgeStyle("#1f3b73", "leads the strategy", 2.0, True),
    "duplicate_of": EdgeStyle("#d62828", "duplicate of", 1.5, True),
    "co_owner": EdgeStyle("#52b788", "shares an action with"),
    "due": EdgeStyle("#adb5bd", "falls due"),
    "has_measure": EdgeStyle("#95d5b2", "measured by / expected outcome"),
    "summary": EdgeStyle("#adb5bd", "summarised in"),
}
"""Edge kinds the views draw (the projection's, plus the views' own)."""


def node_options(kind: str, flags: tuple[str, ...]) -> dict:
    """vis-network display options for a node of ``kind`` carrying ``flags``."""
    style = KINDS.get(kind, KINDS["aggregate"])
    fill, border, width, font = style.colour, _darker(style.colour), 1, style.font
    dashes = False
    for flag in flags:
        flag_style = FLAGS.get(flag)
        if flag_style is None:
            continue
        fill = flag_style.colour or fill
        border, width, dashes = flag_style.border, flag_style.border_width, flag_style.dashes
        font = "#ffffff" if flag not in _LIGHT_FLAGS and style.shape in _LABEL_INSIDE else "#1b1b1b"
        break
    options = {
        "shape": style.shape,
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": "#000000"}},
        "borderWidth": width,
        "font": {"color": font if style.shape in _LABEL_INSIDE else "#1b1b1b", "size": style.font_size},
    }
    if dashes or style.rounded:
        options["shapeProperties"] = {**({"borderDashes": [4, 3]} if dashes else {}),
                                      **({"borderRadius": 14} if style.rounded else {})}
    if style.shape not in _LABEL_INSIDE:
        options["size"] = style.size
    return options


def edge_options(kind: str) -> dict:
    """vis-network display options for an edge of ``kind``."""
    style = EDGES.get(kind, EDGES["summary"])
    return {"color": {"color": style.colour, "highlight": "#000000"}, "width": style.width,
            "dashes": style.dashes}


FLAGS_FOR_KIND = {"action": ("unowned", "governance_only"), "pledge": ("unowned", "governance_only"),
                  "post": ("overloaded",), "cell": ("gap",)}
# "not_read" is listed only when a node carries it: a legend of every view saying "none here"
# about unread documents would be noise.
"""Which flags a kind of node can carry: the legend lists a flag whenever such nodes are drawn."""


def legend(kinds: set[str], flags: set[str], edge_kinds: set[str]) -> list[dict]:
    """Legend rows for what a view shows: every node kind and edge kind drawn, and every flag
    such nodes can carry (listed even when no node has it, so a reader learns that red means
    *no owner* and sees that nothing is red). Each row: ``{"swatch", "colour", "border",
    "meaning", "dashes", "group"}``."""
    possible = {f for k in kinds for f in FLAGS_FOR_KIND.get(k, ())} | flags
    rows = [{"group": "nodes", "swatch": "pill" if KINDS[k].rounded else KINDS[k].shape, "colour": KINDS[k].colour,
             "border": _darker(KINDS[k].colour), "meaning": KINDS[k].meaning, "dashes": False}
            for k in KINDS if k in kinds]
    rows += [{"group": "flags", "swatch": "box", "colour": f.colour or "#ffffff", "border": f.border,
              "meaning": f.meaning + ("" if name in flags else " — none here"),
              "dashes": f.dashes}
             for name, f in FLAGS.items() if name in possible]
    rows += [{"group": "edges", "swatch": "line", "colour": EDGES[k].colour, "border": EDGES[k].colour,
              "meaning": EDGES[k].meaning, "dashes": EDGES[k].dashes}
             for k in EDGES if k in edge_kinds]
    return rows


def coverage_colour(count: int, most: int) -> str:
    """Fill of a coverage cell: white-green to dark green as ``count`` approaches ``most``."""
    if count <= 0:
        return FLAGS["gap"].colour or "#ffffff"
    light, dark = (0xd8, 0xf3, 0xdc), (0x1b, 0x43, 0x32)
    t = min(1.0, count / max(most, 1)) ** 0.6
    mixed = (round(a + (b - a) * t) for a, b in zip(light, dark, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def readable_font(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (a ``#rrggbb`` colour)."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#1b1b1b" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


_LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}
_LIGHT_FLAGS = {"gap", "not_read"}
"""Flags whose fill is light: their labels stay dark."""


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * 0.6):02x}" for c in (r, g, b))
