"""Due dates keep their precision and the text as written."""

import pytest

from cpgraph.dates import parse_due


@pytest.mark.parametrize(
    ("text", "value", "precision", "recurrence"),
    [
        ("September 2025", "2025-09", "month", None),
        ("April 2026", "2026-04", "month", None),
        ("12 Sept 2025", "2025-09-12", "day", None),
        ("2025-11-30", "2025-11-30", "day", None),
        ("Q3 2025", "2025-09", "month", None),
        ("2026", "2026", "year", None),
        ("Reviewed annually", None, None, "Reviewed annually"),
        ("Ongoing", None, None, "Ongoing"),
        ("when funding allows", None, None, None),
    ],
)
def test_parse_due(text, value, precision, recurrence):
    due = parse_due(text)
    assert (due.value, due.precision, due.recurrence, due.text) == (value, precision, recurrence, text)


def test_empty_timescale_is_none():
    assert parse_due("  ") is None
    assert parse_due(None) is None
