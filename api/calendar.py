"""Due dates as an iCalendar file (RFC 5545), written by the ``icalendar`` library: one all-day
event per dated action, a month-precision date falling on the last day of its month and a year
on 31 December."""

from __future__ import annotations

import calendar as cal
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vText


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


def ics(name: str, events: list[dict], *, now: datetime | None = None) -> str:
    """A calendar called ``name`` of ``events`` (dicts with uid, due, summary, description);
    events whose due date names no day are left out."""
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//cpgraph//corporate parenting responsibilities//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(name))  # an X- property: icalendar would not escape it as text
    for item in events:
        day = due_day(item["due"])
        if day is None:
            continue
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", item["summary"])
        event.add("description", item.get("description", ""))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
