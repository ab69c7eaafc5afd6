"""Due dates as an iCalendar file (RFC 5545): one all-day event per dated action, a month-precision
date falling on the last day of its month and a year on 31 December."""

from __future__ import annotations

import calendar as cal
from datetime import UTC, date, datetime, timedelta


def due_day(due: str) -> date | None:
    """The day a due date (YYYY, YYYY-MM or YYYY-MM-DD) falls on: the last day of its period."""
    try:
        parts = [int(p) for p in due.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], cal.monthrange(parts[0], parts[1])[1])
        return date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError):
        return None


def escape_text(text: str) -> str:
    """Text escaped for an iCalendar TEXT value."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets (continuations start with a space)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    out, chunk, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > limit:
            out.append(chunk.decode("utf-8"))
            chunk, limit = b"", 74
        chunk += b
    out.append(chunk.decode("utf-8"))
    return "\r\n ".join(out)


def ics(name: str, events: list[dict], *, now: datetime | None = None) -> str:
    """A calendar called ``name`` of ``events`` (dicts with uid, due, summary, description)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cpgraph//corporate parenting responsibilities//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        day = due_day(event["due"])
        if day is None:
            continue
        lines += ["BEGIN:VEVENT", f"UID:{event['uid']}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape_text(event['summary'])}",
                  f"DESCRIPTION:{escape_text(event.get('description', ''))}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
