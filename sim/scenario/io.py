"""Scenarios in and out of YAML, and ``path=value`` overrides.

YAML is how scenarios are shared between trainers, managers and the
curriculum. A scenario saved and loaded again is equal to the original.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from sim import resources
from sim.scenario.errors import NO_VALUE, problem
from sim.scenario.models import Scenario


def default_scenario_file() -> Path:
    """The readable copy of the built-in default scenario (tests keep it equal to ``Scenario()``)."""
    return resources.path("data", "scenarios", "default.yaml")


def default_scenario() -> Scenario:
    """The built-in default: a mid-size defense-electronics institute (illustrative numbers)."""
    return Scenario()


def scenario_from_yaml(text: str, source: str = "<text>") -> Scenario:
    """Parse and validate a scenario from YAML text.

    Raises:
        ScenarioError: for YAML syntax errors and for every invalid field.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        raise problem("", NO_VALUE, "error.not_yaml", source=source, line=line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise problem("", NO_VALUE, "error.not_a_mapping", source=source)
    return Scenario.from_dict(data)


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario from a YAML file.

    Raises:
        ScenarioError: when the file cannot be read or holds an invalid scenario.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, OSError) and exc.strerror:
            raise problem("", NO_VALUE, "error.cannot_read", file=str(file), reason=exc.strerror) from None
        raise problem("", NO_VALUE, "error.not_utf8", file=str(file)) from None
    return scenario_from_yaml(text, source=str(file))


def scenario_to_yaml(scenario: Scenario) -> str:
    """The scenario as YAML text, every field written out, in declaration order."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=100)


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario to a YAML file (UTF-8)."""
    Path(path).write_text(scenario_to_yaml(scenario), encoding="utf-8")


def parse_assignments(items: Iterable[str]) -> dict[str, Any]:
    """Parse ``path=value`` strings; the value is read as YAML (``10``, ``0.5``, ``null``, ``[1, 2]``).

    Raises:
        ScenarioError: for an item without ``=`` or with an unreadable value.
    """
    changes: dict[str, Any] = {}
    for item in items:
        path, sep, raw = item.partition("=")
        path = path.strip()
        if not sep or not path:
            raise problem("", NO_VALUE, "error.not_an_assignment", item=item)
        try:
            changes[path] = yaml.safe_load(raw) if raw.strip() else raw
        except yaml.YAMLError:
            raise problem(path, raw, "error.unreadable_value") from None
    return changes
