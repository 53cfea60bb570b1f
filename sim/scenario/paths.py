"""Change one field of a scenario's plain-data form by its dotted path.

Used by ``--set managers.count=10`` on the command line and by
:meth:`Scenario.with_values`. A path that names no field is an error, never a
silently added key.
"""

from __future__ import annotations

from typing import Any

from sim.scenario.errors import Problem, ScenarioError


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at dotted ``path`` inside nested dicts and lists, in place.

    Raises:
        ScenarioError: when a step of the path does not exist.
    """
    parts = path.split(".")
    node: Any = data
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        here = ".".join(parts[: depth + 1])
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise ScenarioError([Problem(here, value, f"no such list item (there are {len(node)}, from 0)")])
            key: Any = int(part)
        elif isinstance(node, dict):
            if part not in node:
                allowed = ", ".join(node)
                raise ScenarioError([Problem(here, value, f"unknown field (allowed fields here: {allowed})")])
            key = part
        else:
            raise ScenarioError([Problem(here, value, "this field has no sub-fields")])
        if last:
            node[key] = value
        else:
            if node[key] is None:
                # An absent optional record (e.g. a stage that is not visited) gets filled in.
                node[key] = {}
            node = node[key]
