"""A sweep's grid file: which scenario fields to vary, over which values, how often.

A grid file is YAML::

    reps: 20                      # replications per grid point
    seed: 7                       # optional root seed of the replications
    scenario: my_institute.yaml   # optional base scenario, relative to the grid file
    grid:
      managers.count: [6, 8, 10]
      sales_target_wan_cny: [2000, 2500, 3000]

It is read into a :class:`GridFile`, a validated record like a scenario: a bad
key, a missing grid or a replication count out of range is one
:class:`~sim.scenario.ScenarioError` naming it. Whether every combination makes
a valid scenario is checked by :func:`sim.experiments.sweeps.grid_points`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from sim.scenario import NO_VALUE, Record, Scenario, bounded, load_scenario, problem, validate


class GridFile(Record):
    """The contents of a grid file."""

    grid: dict[str, list[Any]] = Field(
        min_length=1, description="Dotted scenario field paths, each with the list of values to try."
    )
    scenario: str | None = Field(default=None, description="Base scenario file, relative to the grid file.")
    reps: int = bounded(10, ge=1, le=100_000, unit="replications", doc="Replications of every grid point.")
    seed: int | None = bounded(None, ge=0, le=2**63 - 1, unit="", doc="Root seed of the replication seeds.")

    @property
    def points(self) -> int:
        """How many combinations the grid has."""
        count = 1
        for values in self.grid.values():
            count *= len(values)
        return count


def load_grid(path: str | Path) -> tuple[GridFile, Scenario]:
    """Read and validate a grid file, and load its base scenario (the default when it names none).

    Raises:
        ScenarioError: for unreadable YAML, an unknown key, a bad value, or an invalid base scenario.
    """
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        raise problem("grid", str(file), "error.grid_not_yaml") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "UTF-8"
        raise problem("", NO_VALUE, "error.cannot_read", file=str(file), reason=reason) from None
    if not isinstance(data, dict):
        raise problem("grid", str(file), "error.grid_mapping")
    spec = validate(GridFile, data)
    base = load_scenario(file.parent / spec.scenario) if spec.scenario else Scenario()
    return spec, base
