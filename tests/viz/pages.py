"""Reading a generated view page back (imported by the view tests; not a test module)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from viz.page import vis_network_js

DATA = re.compile(r'<script type="application/json" id="cp-data">(.*?)</script>', re.S)
EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)https?://""", re.I)
PYVIS_CDN = ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "bootstrap", "tom-select",
             "utils.js", "lib/bindings")


def data(html: str) -> dict:
    """The graph a page carries (its JSON block, parsed)."""
    match = DATA.search(html)
    assert match, "the page has no cp-data block"
    return json.loads(match.group(1))


def own_markup(html: str) -> str:
    """The page without the vis-network library inlined in it (whose licence header names the
    project's web site): what is left is the page's own markup, styles, data and script."""
    vis = vis_network_js()
    assert html.count(vis) == 1, "vis-network is inlined exactly once"
    return html.replace(vis, "")


def external_loads(html: str) -> list[str]:
    """Every place the page would load something over http(s): src/href/… attributes,
    CSS url(…) and @import, anywhere in the file (the inlined library included)."""
    return [html[m.start(): m.end() + 40] for m in EXTERNAL.finditer(html)]


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the browser would build from ``html``: (tag, attributes)."""

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list = []

        def handle_starttag(self, tag, attrs) -> None:
            self.found.append((tag, attrs))

    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector.found
