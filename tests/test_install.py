"""An installed wheel finds its ontology and data: `pip install .` then `cpgraph build` elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
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

    # A clean venv (no --system-site-packages: a fresh machine has nothing there) with the wheel
    # installed --no-deps, offline. Its dependencies come from the interpreter running the tests:
    # a .pth file appends that interpreter's site-packages to the venv's path, *after* the venv's
    # own, so `cpgraph` is the wheel's. Plain path lines do not run that folder's own .pth files,
    # so the editable install of the checkout running these tests is not seen either.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=300, env=env)
    venv_site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True, env=env).stdout.strip()
    ours = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    deps = [p for p in dict.fromkeys([*ours, *sys.path])
            if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()]
    Path(venv_site, "zz_test_dependencies.pth").write_text("".join(f"{p}\n" for p in deps), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(py), "-c", "import cpgraph, cpgraph.paths as p; print(cpgraph.__file__); "
                            "print(p.ontology_dir())"], cwd=elsewhere, capture_output=True, text=True, check=True,
                           env=env)
    module, ontology = where.stdout.splitlines()
    assert module.startswith(str(venv)) and ontology.startswith(str(venv)) and "_resources" in ontology
    cli = venv / "bin" / "cpgraph"
    build = subprocess.run([str(cli), "build"], cwd=elsewhere, capture_output=True, text=True, timeout=600,
                           env=env)
    assert build.returncode == 0, build.stderr
    assert (elsewhere / ".cpgraph" / "store").exists()
    rows = json.loads(subprocess.run([str(cli), "query", "councils", "--format", "json"], cwd=elsewhere,
                                     capture_output=True, text=True, check=True, timeout=300, env=env).stdout)
    assert len(rows) == 5
