"""Notebooks are for people: fixed section order, no outputs committed, no installs inside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
SECTIONS = ["Objectives", "Reading", "Lab", "Exercises", "Discussion", "Summary"]


def test_there_is_a_start_notebook():
    assert any(p.name.startswith("00_start_here") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_and_in_section_order(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    headings = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), "outputs committed"
            assert cell.get("execution_count") is None, "execution count committed"
            assert "pip install" not in source and not source.lstrip().startswith("!")
            assert len(source.splitlines()) <= 12, "long code cell: move the logic into sim"
        for line in source.splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("## "):
                headings.append(line[3:].split()[0].strip(" (:"))
    assert headings == SECTIONS
    assert "widgets" not in nb.get("metadata", {}), "widget state committed"
