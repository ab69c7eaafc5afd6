"""An installed wheel finds its ontology and data: `pip install .` then `cpgraph build` elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_carries_resources_and_builds_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("cpgraph-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "cpgraph/_resources/ontology/cp.ttl" in names
    assert "cpgraph/_resources/data/lexicon/posts.json" in names
    assert any(n.startswith("cpgraph/_resources/data/sources/") and n.endswith(".txt") for n in names)

    # the venv must see its own cpgraph, not one put first on the path by the caller
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=300, env=env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(py), "-c", "import cpgraph, cpgraph.paths as p; print(cpgraph.__file__); "
                            "print(p.ontology_dir())"], cwd=elsewhere, capture_output=True, text=True, check=True,
                           env=env)
    assert str(venv) in where.stdout and "_resources" in where.stdout
    cli = venv / "bin" / "cpgraph"
    build = subprocess.run([str(cli), "build"], cwd=elsewhere, capture_output=True, text=True, timeout=600,
                           env=env)
    assert build.returncode == 0, build.stderr
    assert (elsewhere / ".cpgraph" / "store").exists()
    rows = json.loads(subprocess.run([str(cli), "query", "councils", "--format", "json"], cwd=elsewhere,
                                     capture_output=True, text=True, check=True, timeout=300, env=env).stdout)
    assert len(rows) == 5
