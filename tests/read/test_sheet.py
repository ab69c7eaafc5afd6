"""Spreadsheet trackers (.xlsx, .csv): rows rendered with table hints, read by the one table
reader into the same pledges and actions as the same plan written as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from cpgraph import paths
from cpgraph.build import extract_file
from cpgraph.gold_json import document_json
from cpgraph.read import read_document
from cpgraph.settings import Settings

BRACKNELL = paths.default_sources_dir() / "bracknell-forest-action-plan-2025-2028.txt"
LABEL = re.compile(
    r"^(Responsible officer|Timeline|Link to other action plans or strategy initiatives|"
    r"Expected outcome|Action|Status|RAG|Measure):\s*(.*)$"
)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def events(lines: list[str]) -> list[list[str]]:
    """What an action-plan reader sees: pledge headings, titles, and labelled fields (a field's
    paragraphs joined to it)."""
    out: list[list[str]] = []
    awaiting_title = False
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if m := re.fullmatch(r"Pledge (\d+)", line):
            out.append(["pledge", m.group(1)])
            awaiting_title = True
        elif awaiting_title:
            out.append(["title", line])
            awaiting_title = False
        elif m := LABEL.match(line):
            out.append([m.group(1), m.group(2)])
        elif out:
            out[-1][1] = f"{out[-1][1]} {line}".strip()
    return out


def bracknell_rows() -> list[dict]:
    """The Bracknell plan as tracker rows, one per action."""
    rows: list[dict] = []
    title = None
    for kind, value in events(BRACKNELL.read_text(encoding="utf-8").splitlines()):
        if kind == "title":
            title = value
        elif kind == "Responsible officer":
            rows.append({"pledge": title, "owner": value})
        elif kind != "pledge":
            rows[-1][kind] = value
    return rows


def due_cell(text: str):
    m = re.fullmatch(r"(\w+) (\d{4})", text)
    if m and m.group(1) in MONTHS:
        return dt.datetime(int(m.group(2)), MONTHS.index(m.group(1)) + 1, 1)
    return text


def plan(path: Path) -> list:
    """What a strategy lead reads from a plan: each pledge with its actions' text, owners, dates
    and linked initiatives."""
    doc = document_json(extract_file(path, Settings()), spans=False)
    return [(p["title"], [(a["text"], a["owners"], a["due"], a["recurrence"], a["initiatives"]) for a in p["actions"]])
            for p in doc["pledges"]]


HEADERS = ["Priority", "Lead officer", "By when", "Links to other plans", "Expected outcome(s)"]
KEYS = ["pledge", "owner", "Timeline", "Link to other action plans or strategy initiatives", "Expected outcome"]


def test_bracknell_as_xlsx_reads_like_the_plan(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(["Bracknell Forest corporate parenting action plan 2025 to 2028"])
    ws.append([])
    ws.append(HEADERS)
    previous = None
    for row in bracknell_rows():
        values = [row.get(k) for k in KEYS]
        values[0] = None if values[0] == previous else values[0]  # as if merged down
        previous = row["pledge"]
        values[2] = due_cell(values[2])
        ws.append(values)
    path = tmp_path / "bracknell.xlsx"
    wb.save(path)

    doc = read_document(path)
    assert (doc.format, doc.source) == ("xlsx", "bracknell.xlsx")
    assert plan(path) == plan(BRACKNELL)
    assert doc.lines[:3] == ["Bracknell Forest corporate parenting action plan 2025 to 2028", "", "\t".join(HEADERS)]
    assert doc.hints[3].kind == "row" and doc.hints[3].header
    assert doc.locators[3] == "'Action plan'!A3" and doc.locators[4] == "'Action plan'!A4"
    assert doc.warnings == []


def test_bracknell_as_csv_reads_like_the_plan(tmp_path):
    path = tmp_path / "bracknell.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADERS)
        for row in bracknell_rows():
            outcome = row["Expected outcome"].replace(". ", ".\n")  # multi-line cells
            writer.writerow([row["pledge"], row["owner"], row["Timeline"],
                             row["Link to other action plans or strategy initiatives"], outcome])
    doc = read_document(path)
    assert doc.format == "csv"
    assert plan(path) == plan(BRACKNELL)
    assert doc.locators[1] == "row 1" and doc.locators[2] == "row 2"
    assert set(doc.locators.values()) >= {"row 2", "row 46"}


def _inject_cached_value(data: bytes, sheet_part: str, cell: str, value: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == sheet_part:
                part, n = re.subn(
                    rb'<c r="' + cell.encode() + rb'"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                    lambda m: b'<c r="' + cell.encode() + b'" t="str"><f>' + m.group(2) + b"</f><v>" + value.encode() + b"</v></c>",
                    part,
                )
                assert n == 1
            dst.writestr(info.filename, part)
    return out.getvalue()


def test_tracker_features(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws.append(["Corporate parenting action plan tracker"])
    ws.append([])
    ws.append(["Ref", "Pledge", "Action", "Lead officer", "Due date", "RAG status", "Progress", "KPI", "Outcome"])
    ws.append([1.1, "1. Keep you safe", "Review care plans", "Head of Service", dt.datetime(2025, 9, 12),
               '=IF(E4>0,"Green","Red")', "On track", 0.75, "Plans are better"])
    ws["H4"].number_format = "0%"
    ws.append([1.2, None, "Run events\n(summer and winter)", "Team Manager", dt.datetime(2026, 4, 1), "A"])
    ws.append([2.1, "Pledge 2: Listen to you", "Hold forums", "Participation Worker", "Reviewed annually",
               None, "=1+1"])
    ws.append([])
    ws.append(["Action", "Owner", "Deadline"])  # a second table lower down
    ws.append(["Publish the offer", "Head of Service", "#N/A"])
    lists = wb.create_sheet("Lists")
    lists.append(["Status", "Owner"])
    lists.append(["Green", "Somebody"])
    lists.sheet_state = "hidden"
    notes = wb.create_sheet("Notes")
    notes.append(["Some notes"])
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(_inject_cached_value(buffer.getvalue(), "xl/worksheets/sheet1.xml", "F4", "Green"))

    doc = read_document(path)
    assert doc.lines[:6] == [
        "Corporate parenting action plan tracker",
        "",
        "Ref\tPledge\tAction\tLead officer\tDue date\tRAG status\tProgress\tKPI\tOutcome",
        "1.1\t1. Keep you safe\tReview care plans\tHead of Service\t12 September 2025\tGreen\tOn track\t75%\tPlans are better",
        "1.2\t\tRun events (summer and winter)\tTeam Manager\tApril 2026\tA",
        "2.1\tPledge 2: Listen to you\tHold forums\tParticipation Worker\tReviewed annually",
    ]
    assert doc.locators[4] == "Tracker!A4" and doc.locators[9] == "Tracker!A9"
    assert 2 not in doc.locators  # blank lines have no cell
    model = document_json(extract_file(path, Settings()), spans=False)
    titles = [p["title"] for p in model["pledges"]]
    assert titles == ["Keep you safe", "Pledge 2: Listen to you", "Corporate parenting action plan tracker"]
    first = model["pledges"][0]["actions"]
    assert [(a["text"], a["owners"], a["due"], a.get("status"), a.get("rag"), a.get("measures"), a["outcome"]) for a in first] == [
        ("Review care plans", ["Head of Service"], "2025-09-12", "On track", "green", ["75%"], ["Plans are better"]),
        ("Run events (summer and winter)", ["Team Manager"], "2026-04", None, "amber", None, []),
    ]
    assert model["pledges"][1]["actions"][0]["recurrence"] == "Reviewed annually"
    assert [a["text"] for a in model["pledges"][2]["actions"]] == ["Publish the offer"]
    assert doc.warnings == [
        "tracker.xlsx: hidden sheet 'Lists' skipped",
        "tracker.xlsx: 1 formula cell(s) have no saved value and read as empty "
        "(open and save the workbook in Excel to compute them)",
    ]


def test_a_priority_merged_across_the_row_is_the_pledge_of_the_rows_below(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Improvement plan"])
    ws.append([])
    ws.append(["What we will do", "Who", "By when", "RAG"])
    ws.append(["Priority one: a home"])
    ws.merge_cells("A4:D4")
    ws.append(["Find more foster families", "Head of Fostering", "March 2026", "G"])
    ws.append(["Better housing"])  # merged: a priority that does not say "Priority"
    ws.merge_cells("A6:D6")
    ws.append(["Open two flats", "Housing Manager", "Q2 2026", "R"])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    assert plan(path) == [
        ("Priority one: a home", [("Find more foster families", ["Head of Fostering"], "2026-03", None, [])]),
        ("Better housing", [("Open two flats", ["Housing Manager"], "2026-06", None, [])]),
    ]


def test_several_tracker_sheets_become_pledges(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    for i, name in enumerate(["Health", "Education"]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["What we will do", "Who", "Timescale", "Status"])
        ws.append([f"{name} action", "Virtual School Headteacher", "March 2026", "green"])
    path = tmp_path / "sheets.xlsx"
    wb.save(path)
    doc = read_document(path)
    assert doc.lines[0] == "Health" and doc.hints[1].kind == "heading"
    assert doc.locators[1] == "Health!A1"
    assert plan(path) == [
        ("Health", [("Health action", ["Virtual School Headteacher"], "2026-03", None, [])]),
        ("Education", [("Education action", ["Virtual School Headteacher"], "2026-03", None, [])]),
    ]


def test_no_header_row_keeps_rows_as_tab_lines(tmp_path):
    path = tmp_path / "loose.csv"
    path.write_text("Pledge one,Keep you safe\n\nPledge two,Listen,to you\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.lines == ["Pledge one\tKeep you safe", "Pledge two\tListen\tto you"]
    assert doc.locators == {1: "row 1", 2: "row 3"}
    assert len(doc.warnings) == 1 and "no header row" in doc.warnings[0]

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Just", "some", "cells"])
    wb.active.append([None, 3, dt.date(2024, 5, 1)])
    xlsx = tmp_path / "loose.xlsx"
    wb.save(xlsx)
    doc = read_document(xlsx)
    assert doc.lines == ["Just\tsome\tcells", "\t3\t1 May 2024"]
    assert doc.locators == {1: "Sheet!A1", 2: "Sheet!A2"}
    assert "no sheet has a header row" in doc.warnings[0]


@pytest.mark.parametrize(
    ("header", "kind"),
    [("Lead Officer:", "owner"), ("Owner(s)", "owner"), ("BY WHEN?", "due"), ("Action (what we will do)", "action"),
     ("Lead officer / team", "owner"), ("Action no.", None), ("RAG status", "rag"), ("Success measures*", "measure"),
     ("Expected outcome", "outcome"), ("Priority", "pledge"), ("Comments", None)],
)
def test_header_synonyms(header, kind):
    from cpgraph.read.sheet import column_kind

    assert column_kind(header) == kind


def test_csv_encodings_and_dialects(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes("Action\tLead\tTimescale\r\nCafé visits\tHead of Service\tJune 2025\r\n".encode("cp1252"))
    assert read_document(path).lines == ["Action\tLead\tTimescale", "Café visits\tHead of Service\tJune 2025"]
