"""The syllabus and case studies as data: read once, shown in notebooks and the README.

``curriculum/syllabus.yaml`` is the single source of modules, objectives and
session formats; notebooks show a module's objectives from it rather than
repeating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sim.scenario import Scenario, load_scenario
from sim.scenario.io import DEFAULT_SCENARIO_FILE

ROOT = DEFAULT_SCENARIO_FILE.parents[2]
SYLLABUS_FILE = ROOT / "curriculum" / "syllabus.yaml"
CASES_DIR = ROOT / "curriculum" / "cases"
CASE_SCENARIOS_DIR = ROOT / "data" / "cases"


@lru_cache(maxsize=1)
def load_syllabus(path: str | Path = SYLLABUS_FILE) -> dict[str, Any]:
    """The syllabus: ``modules`` (list) and ``formats`` (mapping)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def module(module_id: str) -> dict[str, Any]:
    """One module of the syllabus by id.

    Raises:
        KeyError: when the syllabus has no such module.
    """
    for item in load_syllabus()["modules"]:
        if item["id"] == module_id:
            return item
    raise KeyError(f"no module {module_id!r} in {SYLLABUS_FILE.name}")


def objectives_markdown(module_id: str, language: str | None = None) -> str:
    """A module's title, audience, length and objectives as Markdown, in the current (or given) language."""
    from sim.i18n import get_language, t

    language = language or get_language()
    m = module(module_id)
    chinese = language == "zh-CN" and m.get("objectives_zh")
    audience = ("、" if chinese else ", ").join(t(f"audience.{a}", language) for a in m["audience"])
    title = f"**{m['title_zh']}** ({m['title']})" if chinese else f"**{m['title']}** ({m['title_zh']})"
    facts = t(
        "ui.module_facts",
        language,
        minutes=m["minutes"],
        audience=audience,
        phase=t(f"phase.{m['training_phase']}", language),
    )
    lines = [title, "", f"*{facts}*", "", t("ui.objectives_intro", language), ""]
    objectives = m["objectives_zh"] if chinese else m["objectives"]
    lines += [f"{i}. {text}" for i, text in enumerate(objectives, start=1)]
    return "\n".join(lines)


def syllabus_table() -> str:
    """The modules as a Markdown table (for the README and the start notebook)."""
    rows = ["| Module | Title | Minutes | Audience | Training phase |", "| --- | --- | ---: | --- | --- |"]
    for m in load_syllabus()["modules"]:
        audience = ", ".join(a.replace("_", " ") for a in m["audience"])
        rows.append(
            f"| `{m['id']}` | {m['title']} ({m['title_zh']}) | {m['minutes']} | {audience} | "
            f"{m['training_phase'].replace('_', ' ')} |"
        )
    return "\n".join(rows)


@dataclass(frozen=True)
class Case:
    """A case study: its narrative and its scenario.

    Attributes:
        key: Folder and file name, e.g. ``after_sales_backlog``.
        title: First heading of the narrative.
        narrative: The narrative (Markdown).
        scenario: The case's scenario (``data/cases/<key>.yaml``).
    """

    key: str
    title: str
    narrative: str
    scenario: Scenario


def case_keys() -> list[str]:
    """The case studies, by folder name."""
    return sorted(p.name for p in CASES_DIR.iterdir() if (p / "README.md").exists())


def load_case(key: str) -> Case:
    """One case study with its validated scenario."""
    narrative = (CASES_DIR / key / "README.md").read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in narrative.splitlines() if line.startswith("#")), key)
    return Case(key, title, narrative, load_scenario(CASE_SCENARIOS_DIR / f"{key}.yaml"))
