"""The command line starts light: `cpgraph --help` imports none of the heavy libraries (they load
when a command needs them), and `--version` answers. Timings are for the benchmark, not here."""

from __future__ import annotations

import subprocess
import sys

from bench.cli_start import HEAVY, heavy_imports
from cpgraph import __version__


def test_help_imports_no_heavy_library():
    assert heavy_imports() == [], f"cpgraph --help should import none of {HEAVY}"


def test_version_prints_the_package_version():
    done = subprocess.run([sys.executable, "-m", "cpgraph", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"cpgraph {__version__}"
