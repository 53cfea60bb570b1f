"""Relationship-marketing training and simulation toolkit.

Quick use::

    import sim
    results = sim.run()                      # the default scenario
    print(results.kpi_table())
    bigger = sim.default_scenario().with_values({"managers.count": 10})
    sim.run(bigger).kpis["visit_compliance"]
"""

from sim.results import KPI_DEFS, KPI_UNITS, Results, run
from sim.scenario import (
    Scenario,
    ScenarioError,
    default_scenario,
    load_scenario,
    save_scenario,
)

__version__ = "0.1.0"

__all__ = [
    "KPI_DEFS",
    "KPI_UNITS",
    "Results",
    "Scenario",
    "ScenarioError",
    "__version__",
    "default_scenario",
    "load_scenario",
    "run",
    "save_scenario",
]
