"""Due dates of the projection as calendar periods: the month, quarter and last day they cover."""

from __future__ import annotations

import calendar
from datetime import date


def month_of(due: str | None, precision: str | None) -> str | None:
    """The "YYYY-MM" month a due date falls in, or None for a year (or no date)."""
    if not due or precision == "year" or len(due) < 7:
        return None
    return due[:7]


def quarter_of(month: str) -> str:
    """The calendar quarter ("2025-Q3") of a "YYYY-MM" month."""
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def period_end(due: str | None, precision: str | None) -> date | None:
    """The last day a due date allows: the day itself, the month's last day, or 31 December.

    A month stays a month: an action due "September 2025" is overdue from 1 October 2025.
    Unreadable values give None (never a guess).
    """
    if not due:
        return None
    try:
        year = int(due[:4])
        if precision == "year" or len(due) == 4:
            return date(year, 12, 31)
        month = int(due[5:7])
        if precision == "month" or len(due) == 7:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date.fromisoformat(due[:10])
    except ValueError:
        return None
