"""The benchmark document keeps every section its writers do not own: a benchmark replaces only
its own marked section, and the full report keeps the others (the hand-written history too)."""

from __future__ import annotations

from bench import report
from bench.sections import markers, write_section


def _section(name: str, body: str) -> str:
    start, end = markers(name)
    return f"{start}\n{body}\n{end}"


def test_a_benchmark_replaces_only_its_own_section(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Report\n\n" + _section("pdf-read", "old pdf") + "\n\n" + _section("history", "by hand") + "\n")
    write_section(doc, "pdf-read", _section("pdf-read", "new pdf"))
    write_section(doc, "cli-start", _section("cli-start", "start-up"))
    text = doc.read_text()
    assert "new pdf" in text and "old pdf" not in text
    assert "by hand" in text and text.rstrip().endswith(markers("cli-start")[1])


def test_the_full_report_keeps_the_hand_written_history(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Old report\n\n" + _section("history", "- measured in round one: 9.4 s -> 0.09 s") + "\n")
    report.write(doc, "# New report\n\nmeasured numbers\n")
    text = doc.read_text()
    assert text.startswith("# New report") and "Old report" not in text
    assert "- measured in round one: 9.4 s -> 0.09 s" in text


def test_the_generated_findings_carry_no_history():
    findings = "\n".join(report._findings({"sizes": {}}))
    assert "Changed in" not in findings and "round" not in findings
