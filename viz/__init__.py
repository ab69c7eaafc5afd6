"""Interactive graph views of the cpgraph projection, each one self-contained HTML file.

``render_view(analytics, kind, …)`` reads the analytics facade (``Analytics(store)``) and returns
the page; the views are ``family-tree``, ``officer`` (``focus`` = a post), ``pledge`` (``focus`` = a
pledge) and ``coverage``. ``viz`` imports ``cpgraph``; ``cpgraph`` never imports ``viz``.
"""

from __future__ import annotations

from viz import coverage, family_tree, officer, pledge
from viz.facade import Facts
from viz.page import render
from viz.viewgraph import View

_BUILDERS = {
    "family-tree": family_tree.build,
    "officer": officer.build,
    "pledge": pledge.build,
    "coverage": coverage.build,
}
VIEW_KINDS: tuple[str, ...] = tuple(_BUILDERS)
"""The views there are, as named on the command line and in ``/views/{kind}``."""


def build_view(analytics, kind: str, *, focus: str | None = None, council: str | None = None,
               theme: str | None = None, top: int | None = None) -> View:
    """The drawing model of view ``kind`` (what ``render_view`` would draw), for tests and for
    callers that want the nodes and edges rather than the page. Unknown kinds, focuses,
    councils or themes raise ``InputError``/``NotFoundError`` with a one-line message."""
    from cpgraph.errors import InputError

    builder = _BUILDERS.get(kind)
    if builder is None:
        raise InputError(f"unknown view '{kind}': choose one of {', '.join(VIEW_KINDS)}")
    if top is not None and top < 1:
        raise InputError("--top must be at least 1")
    return builder(Facts(analytics), focus=focus, council=council, theme=theme, top=top)


def render_view(analytics, kind: str, *, focus: str | None = None, council: str | None = None,
                theme: str | None = None, top: int | None = None) -> str:
    """One self-contained HTML document showing view ``kind`` of the graph behind ``analytics``:
    no URL loaded from outside the file, every text escaped, physics stopped once laid out."""
    return render(build_view(analytics, kind, focus=focus, council=council, theme=theme, top=top))
