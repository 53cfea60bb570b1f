"""The syllabus as data: read once, shown in notebooks, the README and the session plans.

``curriculum/syllabus.yaml`` is the single source of modules, objectives and
session formats; notebooks show a module's objectives from it rather than
repeating them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from sim import resources
from sim.course.texts import localized
from sim.i18n import get_language, t
from sim.scenario import problem


@cache
def load_syllabus() -> dict[str, Any]:
    """The syllabus: ``modules`` (list) and ``formats`` (mapping), texts in both languages."""
    return yaml.safe_load(resources.path("curriculum", "syllabus.yaml").read_text(encoding="utf-8"))


def module(module_id: str) -> dict[str, Any]:
    """One module of the syllabus by id.

    Raises:
        ScenarioError: when the syllabus has no such module.
    """
    for item in load_syllabus()["modules"]:
        if item["id"] == module_id:
            return item
    known = ", ".join(m["id"] for m in load_syllabus()["modules"])
    raise problem("module", module_id, "course.no_module", known=known)


def objectives_markdown(module_id: str, language: str | None = None) -> str:
    """A module's title, audience, length and objectives as Markdown, in the current (or given) language."""
    language = language or get_language()
    m = module(module_id)
    other = "zh-CN" if language == "en" else "en"
    joiner = ", " if language == "en" else "、"
    audience = joiner.join(t(f"audience.{a}", language) for a in m["audience"])
    title = f"**{localized(m['title'], language)}** ({localized(m['title'], other)})"
    facts = t(
        "ui.module_facts",
        language,
        minutes=m["minutes"],
        audience=audience,
        phase=t(f"phase.{m['training_phase']}", language),
    )
    lines = [title, "", f"*{facts}*", "", t("ui.objectives_intro", language), ""]
    lines += [f"{i}. {text}" for i, text in enumerate(localized(m["objectives"], language), start=1)]
    return "\n".join(lines)


def syllabus_table(language: str | None = None) -> str:
    """The modules as a Markdown table (for the README and the start notebook), in the current or given language."""
    language = language or get_language()
    other = "zh-CN" if language == "en" else "en"
    header = [t(f"syllabus.{column}", language) for column in ("module", "title", "minutes", "audience", "phase")]
    rows = [f"| {' | '.join(header)} |", "| --- | --- | ---: | --- | --- |"]
    joiner = ", " if language == "en" else "、"
    for m in load_syllabus()["modules"]:
        audience = joiner.join(t(f"audience.{a}", language) for a in m["audience"])
        title = f"{localized(m['title'], language)} ({localized(m['title'], other)})"
        phase = t(f"phase.{m['training_phase']}", language)
        rows.append(f"| `{m['id']}` | {title} | {m['minutes']} | {audience} | {phase} |")
    return "\n".join(rows)
