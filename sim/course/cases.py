"""The case studies: a narrative per case (in each language) and the scenario it is run on.

Each case is a folder ``curriculum/cases/<key>/`` with ``README.md`` and its
Chinese twin ``README.zh-CN.md``, and a scenario ``data/cases/<key>.yaml``. Case
studies use public facts only; every rate in them is an illustrative training
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim import resources
from sim.course.texts import document
from sim.scenario import Scenario, load_scenario, problem


@dataclass(frozen=True)
class Case:
    """A case study: its narrative and its scenario.

    Attributes:
        key: Folder and file name, e.g. ``after_sales_backlog``.
        title: First heading of the narrative.
        narrative: The narrative (Markdown), in the language asked for.
        scenario: The case's scenario (``data/cases/<key>.yaml``).
    """

    key: str
    title: str
    narrative: str
    scenario: Scenario


def case_keys() -> list[str]:
    """The case studies, by folder name."""
    folder = resources.path("curriculum", "cases")
    return sorted(p.name for p in folder.iterdir() if (p / "README.md").exists())


def load_case(key: str, language: str | None = None) -> Case:
    """One case study with its validated scenario, its narrative in the current (or given) language.

    Raises:
        ScenarioError: for a case that does not exist.
    """
    if key not in case_keys():
        raise problem("case", key, "course.no_case", known=", ".join(case_keys()))
    narrative = document(resources.path("curriculum", "cases", key, "README.md"), language).read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in narrative.splitlines() if line.startswith("#")), key)
    return Case(key, title, narrative, load_scenario(resources.path("data", "cases", f"{key}.yaml")))
