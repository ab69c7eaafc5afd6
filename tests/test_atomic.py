"""Files cpgraph writes get the permissions a user expects: a new file follows the umask (not the
private 0600 of a temporary file), a replaced file keeps its own."""

from __future__ import annotations

import os
import stat

import pytest

from cpgraph.atomic import write_atomic


@pytest.fixture
def umask():
    """Set the process umask for the test, then put the old one back."""
    old = os.umask(0o022)
    os.umask(old)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    target = tmp_path / "report.html"
    write_atomic(target, "<p>report</p>")
    assert _mode(target) == expected and target.read_text() == "<p>report</p>"


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "gaps.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert _mode(target) == 0o640 and target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["gaps.csv"], "no temporary file is left behind"
