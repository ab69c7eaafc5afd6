"""What a page would run: every place in an HTML document where text can become code (script
elements, event-handler attributes, ``javascript:`` URLs, style elements, frames), read with the
same tokeniser rules a browser applies, so an unescaped payload shows up as active content."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

MARKERS = ("__xss", "alert(1)", "body{display:none}")
"""Strings every hostile payload carries in its code part; they must never reach active content."""

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


@dataclass
class PageScan:
    """The active content of a page, its visible text, and the JSON data blocks it carries."""

    active: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    data_blocks: list[object] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)

    def hostile(self) -> list[str]:
        """Active content that carries a payload marker: each one is a script that would run."""
        return [a for a in self.active if any(m in a for m in MARKERS)]

    def shows(self, needle: str) -> bool:
        """Whether ``needle`` appears as text a reader sees, in an attribute (e.g. a tooltip),
        or inside a JSON data block: i.e. as data, not code."""
        if any(needle in t for t in self.text) or any(needle in a for a in self.attributes):
            return True
        return any(needle in json.dumps(b, ensure_ascii=False) for b in self.data_blocks)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._raw: tuple[str, str] | None = None  # (tag, script type) while inside script/style
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.scan.active.append(f"<{tag} {name}={value!r}>")
            elif name in _URL_ATTRIBUTES and value.strip().lower().replace("\x00", "").startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                self.scan.active.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and any(m in value for m in MARKERS):
                self.scan.active.append(f"<{tag} style={value!r}>")
            else:
                self.scan.attributes.append(value)
        if tag in ("iframe", "object", "embed", "frame", "base", "meta"):
            if tag != "meta" or any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
                self.scan.active.append(f"<{tag} {attrs!r}>")
        if tag in ("script", "style"):
            kind = dict(attrs).get("type") or ""
            self._raw, self._buf = (tag, kind.lower()), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._raw and tag == self._raw[0]:
            body = "".join(self._buf)
            raw_tag, kind = self._raw
            if raw_tag == "script" and kind in _DATA_SCRIPT_TYPES:
                try:
                    self.scan.data_blocks.append(json.loads(body))
                except ValueError:  # a data block that is not JSON is as good as code
                    self.scan.active.append(f"<script type={kind}>{body[:200]}")
            else:
                self.scan.active.append(f"<{raw_tag}>{body}")
            self._raw, self._buf = None, []

    def handle_data(self, data: str) -> None:
        if self._raw:
            self._buf.append(data)
        else:
            self.scan.text.append(data)


def scan_html(html_text: str) -> PageScan:
    """Scan an HTML document (see the module docstring)."""
    parser = _Scanner()
    parser.feed(html_text)
    parser.close()
    return parser.scan
