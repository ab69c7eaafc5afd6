"""The small pure parts of the service: reading a SPARQL text's form, content negotiation, and
the iCalendar writer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from api.calendar import due_day, ics
from api.negotiate import choose, wants_json
from api.sparql_text import classify, dataset_clause, names_dataset
from cpgraph.errors import ForbiddenError, InputError


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("# INSERT in a comment\nPREFIX ex: <http://e/insert>\nask { ?s ex:delete ?service }", "ASK"),
    ("BASE <http://e/> CONSTRUCT WHERE { ?s ?p 'LOAD' }", "CONSTRUCT"),
    ('DESCRIBE <http://e/x> # SERVICE', "DESCRIBE"),
    ("PREFIX x.y: <http://x/> PREFIX a.b.c: <http://a/> SELECT * { ?s x.y:p a.b.c:o }", "SELECT"),
])
def test_query_forms(text, form):
    assert classify(text) == form


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://e/a> <http://e/b> 1 }", "load <http://e/x>", "PREFIX e: <http://e/> DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL", "SELECT * WHERE { SERVICE <http://e/s> { ?s ?p ?o } }", "select * { Service ?x { } }",
])
def test_updates_and_service_are_forbidden(text):
    with pytest.raises(ForbiddenError):
        classify(text)


@pytest.mark.parametrize("text", ["", "   ", "hello", "PREFIX e: <http://e/>"])
def test_non_queries_are_input_errors(text):
    with pytest.raises(InputError):
        classify(text)


def test_the_dataset_a_query_names():
    query = "PREFIX e: <http://e/> SELECT * FROM e:one FROM <two> FROM NAMED <http://e/three> { ?s ?p ?o }"
    assert names_dataset(query) and not names_dataset("SELECT ?from { ?from ?p 'FROM <x>' } # FROM <y>")
    assert dataset_clause(query, "http://host/sparql") == (("http://e/one", "http://host/two"), ("http://e/three",))
    assert dataset_clause("SELECT * { ?s ?p ?o }") == ((), ())


def test_negotiation_by_q_value_and_specificity():
    offers = ["application/json", "text/csv", "text/html"]
    assert choose(None, offers) == "application/json"
    assert choose("text/*;q=0.5, text/html", offers) == "text/html"
    assert choose("text/*, text/csv;q=0", offers) == "text/html"
    assert choose("image/png", offers) is None
    assert choose("application/json;q=bad, text/csv;q=0.2", offers) == "text/csv"
    assert wants_json("application/json") and not wants_json("text/html,*/*;q=0.8") and not wants_json("*/*")


def test_due_days_fall_on_the_end_of_their_period():
    assert due_day("2025-09") == date(2025, 9, 30)
    assert due_day("2024-02") == date(2024, 2, 29)
    assert due_day("2026") == date(2026, 12, 31)
    assert due_day("2026-03-05") == date(2026, 3, 5)
    assert due_day("2026-13") is None


def test_calendar_text_is_escaped_and_folded_and_reads_back():
    summary, description = "é" * 100 + ", then; more", "one, two\nthree \\ four"
    out = ics("Me, you", [{"uid": "x@cpgraph", "due": "2025-09", "summary": summary, "description": description},
                          {"uid": "y@cpgraph", "due": "someday", "summary": "no day", "description": ""}],
              now=datetime(2026, 1, 1, tzinfo=UTC))
    lines = out.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "DTSTART;VALUE=DATE:20250930" in lines and "DTSTAMP:20260101T000000Z" in lines
    assert "X-WR-CALNAME:Me\\, you" in lines
    back = Calendar.from_ical(out)
    events = back.walk("VEVENT")
    assert len(events) == 1, "an event without a day is left out"
    assert str(events[0]["SUMMARY"]) == summary and str(events[0]["DESCRIPTION"]) == description
