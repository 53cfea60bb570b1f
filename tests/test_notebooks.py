"""Notebooks are for people: fixed section order, no outputs committed, no installs inside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted((ROOT / "apps").rglob("*.ipynb"))
_HEADINGS = yaml.safe_load((ROOT / "curriculum" / "i18n" / "notebooks.yaml").read_text(encoding="utf-8"))["common"][
    "headings"
]
ORDER = ("objectives", "reading", "lab", "exercises", "discussion", "summary")
SECTIONS = {
    language: [_HEADINGS[key][language].split()[0].split("（")[0].strip(" (:") for key in ORDER]
    for language in ("en", "zh-CN")
}


def test_there_is_a_start_notebook():
    assert any(p.name.startswith("00_start_here") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
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
                headings.append(line[3:].split()[0].split("（")[0].strip(" (:"))
    if path.parent.name == "apps" or "apps" in path.parts:
        assert headings == []  # an app is a single panel, not a module
    else:
        assert headings == SECTIONS["zh-CN" if "zh-CN" in path.parts else "en"]
    assert "widgets" not in nb.get("metadata", {}), "widget state committed"
