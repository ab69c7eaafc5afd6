"""HTTP content negotiation: the best of the types a resource offers for an ``Accept`` header,
by q-value (RFC 9110 §12.5.1), the most specific matching range deciding each type's q."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """The ranges of ``header`` as (range, q, specificity); a missing header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0, 0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        specificity = 0 if kind == "*" else (1 if sub == "*" else 2)
        ranges.append((media, q, specificity))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float, int]]) -> tuple[float, int]:
    kind, _, sub = offer.partition("/")
    best: tuple[int, float] | None = None
    for media, q, specificity in ranges:
        r_kind, _, r_sub = media.partition("/")
        if (r_kind in ("*", kind)) and (r_sub in ("*", sub)) and (best is None or specificity > best[0]):
            best = (specificity, q)
    return (0.0, -1) if best is None else (best[1], best[0])


def choose(header: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the client prefers most (ties go to the earlier offer), or None
    when the client accepts none of them."""
    ranges = parse_accept(header)
    scored = []
    for index, offer in enumerate(offers):
        q, specificity = _quality(offer, ranges)
        if q > 0:
            scored.append((-q, -specificity, index, offer))
    return min(scored)[3] if scored else None


def wants_json(header: str | None) -> bool:
    """True when a client asking for a page prefers JSON to HTML."""
    return choose(header, ["text/html", "application/json"]) == "application/json" and \
        _quality("application/json", parse_accept(header))[1] == 2
