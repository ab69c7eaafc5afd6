"""A document cpgraph cannot read as a plan, built beside the seeds (imported by fixtures and
tests; not a test module).

"Never silent": a document in which nothing is recognised (no pledge, action, duty or body) must
be shown as not read on every surface, never as a plan full of gaps. The fixtures build the real
seeds plus this one document with the real build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cpgraph import paths

NAME = "nowhere-parking-notice.txt"
STEM = "nowhere-parking-notice"
COUNCIL = "Nowhere District Council"
COUNCIL_KEY = "nowhere-district-council"
TEXT = "Hello\n\nJust a note.\n- one\n- two\n"
MESSAGE = (f"{NAME}: read 1 heading, 2 list items, 1 paragraph, recognised no commitments — see "
           f"`cpgraph extract {NAME} --format blocks`")
"""What cpgraph says about it (``StrategyDocument.not_read_message``)."""
SHOWN = MESSAGE.replace("`", "")
"""The message as a web page shows it: the command between backticks set as code."""
COMMAND = f"cpgraph extract {NAME} --format blocks"
BLOCKS = {"heading": 1, "item": 2, "paragraph": 1, "field": 0, "table": 0}


def write_sources(folder: Path) -> Path:
    """``folder`` filled with the seed documents, their catalogue (plus an entry naming the
    council of the unreadable document) and the unreadable document; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = paths.default_sources_dir()
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    catalogue = json.loads((seeds / "catalogue.json").read_text(encoding="utf-8"))
    catalogue[NAME] = {"council": COUNCIL}
    (folder / "catalogue.json").write_text(json.dumps(catalogue, indent=2), encoding="utf-8")
    (folder / NAME).write_text(TEXT, encoding="utf-8")
    return folder
