"""Change one field of a scenario's plain-data form by its dotted path.

Used by ``--set managers.count=10`` on the command line and by
:meth:`Scenario.with_values`. A path that names no field is an error, never a
silently added key.
"""

from __future__ import annotations

from typing import Any

from sim.scenario.errors import problem


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
                raise problem(here, value, "error.no_list_item", count=len(node))
            key: Any = int(part)
        elif isinstance(node, dict):
            if part not in node:
                raise problem(here, value, "error.unknown_field", allowed=", ".join(node))
            key = part
        else:
            raise problem(here, value, "error.no_sub_fields")
        if last:
            node[key] = value
        else:
            if node[key] is None:
                # An absent optional record (e.g. a stage that is not visited) gets filled in.
                node[key] = {}
            node = node[key]
