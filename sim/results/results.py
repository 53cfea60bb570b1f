"""The result of one run: KPIs with units, and tidy DataFrames built on demand.

pandas is imported only when a DataFrame is first asked for, so running models
(and replicating them) never pays for it.
"""

from __future__ import annotations

import json
import math
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.model.records import (
    BID_COLUMNS,
    CUSTOMER_COLUMNS,
    ISSUE_COLUMNS,
    LEAD_COLUMNS,
    MISSED_COLUMNS,
    TRANSITION_COLUMNS,
    VISIT_COLUMNS,
    Records,
)
from sim.model.world import World
from sim.results.daily import daily_stage_counts
from sim.results.kpis import KPI_DEFS, KPI_UNITS, compute_kpis
from sim.results.tables import aligned
from sim.scenario import Scenario
from sim.stages import STAGES

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    import pandas as pd


class Results:
    """KPIs and records of one run of one scenario.

    Attributes:
        scenario: The scenario that was run.
        seed: The seed actually used.
        records: The raw records (see :class:`sim.model.records.Records`).
        kpis: KPI values keyed by name; units in :data:`sim.results.kpis.KPI_UNITS`.
    """

    def __init__(self, scenario: Scenario, seed: int, records: Records) -> None:
        self.scenario = scenario
        self.seed = seed
        self.records = records
        self.kpis: dict[str, float] = compute_kpis(records, scenario.sales_target_wan_cny)

    # ------------------------------------------------------------ reports

    def to_dict(self) -> dict[str, Any]:
        """KPIs, units and run identity as plain JSON-ready data (NaN becomes null)."""
        return {
            "scenario": self.scenario.name,
            "seed": self.seed,
            "horizon_days": self.scenario.horizon_days,
            "kpis": {k: (None if math.isnan(v) else v) for k, v in self.kpis.items()},
            "units": dict(KPI_UNITS),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def kpi_table(self, language: str | None = None) -> str:
        """KPIs as an aligned plain-text table: name, value, unit (in the current or given language).

        English shows the KPI keys (as in JSON and CSV); Chinese shows the Chinese names, and amounts
        in 万元, or 亿元 from ten thousand 万元 up.
        """
        from sim.i18n import format_amount, get_language, t, unit_name

        language = language or get_language()
        rows = []
        for d in KPI_DEFS:
            value = self.kpis[d.name]
            if language == "en":
                rows.append((d.name, _format(value), d.unit))
            elif d.unit == "wan CNY" and not math.isnan(value):
                amount, _, unit = format_amount(value, language).rpartition(" ")
                rows.append((t(f"kpi.{d.name}", language), amount, unit))
            else:
                rows.append((t(f"kpi.{d.name}", language), _format(value), unit_name(d.unit, language)))
        return aligned(None, rows, right=[1])

    # ---------------------------------------------------------- DataFrames

    def _frame(self, rows: list[Any], columns: tuple[str, ...]) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))

    def _branch_scope(self, frame: pd.DataFrame, segment_column: str = "segment") -> pd.DataFrame:
        segments = self.records.segments
        frame.insert(1, "branch", [self.records.branches[segments[s][0]] for s in frame[segment_column]])
        frame.insert(2, "scope", [self.records.scopes[segments[s][1]] for s in frame[segment_column]])
        return frame

    @cached_property
    def visits(self) -> pd.DataFrame:
        """One row per visit made: manager, customer, start day, hours, stage, deadline, on time."""
        frame = self._frame(self.records.visits, VISIT_COLUMNS)
        frame["stage"] = frame["stage"].map(dict(enumerate(STAGES)))
        return frame

    @cached_property
    def missed_visits(self) -> pd.DataFrame:
        """One row per scheduled visit never made, with the reason."""
        return self._frame(self.records.missed, MISSED_COLUMNS)

    @cached_property
    def issues(self) -> pd.DataFrame:
        """One row per issue: source, opened, service start, resolved, satisfaction after the fix."""
        frame = self._frame([issue.row() for issue in self.records.issues], ISSUE_COLUMNS)
        for column in ("service_start_day", "resolved_day", "satisfaction_after"):
            frame[column] = frame[column].astype(float)
        frame["resolution_days"] = frame["resolved_day"] - frame["opened_day"]
        return frame

    @cached_property
    def opportunities(self) -> pd.DataFrame:
        """One row per bid decided: customer, manager, branch, scope, dates, value, won."""
        return self._branch_scope(self._frame(self.records.bids, BID_COLUMNS))

    @cached_property
    def orders(self) -> pd.DataFrame:
        """The won bids: the order book of the horizon."""
        frame = self.opportunities
        return frame[frame["won"]].reset_index(drop=True)

    @cached_property
    def leads(self) -> pd.DataFrame:
        """One row per lead: source, segment, customer, found and assigned days, manager, outcome."""
        frame = self._branch_scope(self._frame([lead.row() for lead in self.records.leads], LEAD_COLUMNS))
        frame["assigned_day"] = frame["assigned_day"].astype(float)
        frame["manager"] = frame["manager"].astype("Int64")
        frame["wait_days"] = frame["assigned_day"] - frame["found_day"]
        return frame

    @cached_property
    def transitions(self) -> pd.DataFrame:
        """Every stage change; ``from_stage`` is empty for a customer entering the archive."""
        frame = self._frame(self.records.transitions, TRANSITION_COLUMNS)
        names = {i: name for i, name in enumerate(STAGES)}
        frame["from_stage"] = frame["from_stage"].map(names)
        frame["to_stage"] = frame["to_stage"].map(names)
        return frame

    @cached_property
    def customers(self) -> pd.DataFrame:
        """One row per customer at the end: branch, scope, manager, stage, satisfaction, loyalty."""
        return self._branch_scope(self._frame(self.records.customers, CUSTOMER_COLUMNS))

    @cached_property
    def daily_stages(self) -> pd.DataFrame:
        """Customers per day, stage and service branch (tidy: one row per combination)."""
        import numpy as np
        import pandas as pd

        counts = daily_stage_counts(self.records)
        days, width = counts.shape
        branches = self.records.branches
        stage_index = np.repeat(np.arange(len(STAGES)), len(branches))
        branch_index = np.tile(np.arange(len(branches)), len(STAGES))
        assert width == stage_index.size
        return pd.DataFrame(
            {
                "day": np.repeat(np.arange(days), width),
                "stage": np.array(STAGES)[np.tile(stage_index, days)],
                "branch": np.array(branches)[np.tile(branch_index, days)],
                "customers": counts.reshape(-1),
            }
        )

    def write_csv(self, directory: str | Path) -> list[Path]:
        """Write every DataFrame and the KPIs as CSV files into ``directory``; return the paths."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (
            "visits",
            "missed_visits",
            "issues",
            "opportunities",
            "leads",
            "transitions",
            "customers",
            "daily_stages",
        ):
            path = out / f"{name}.csv"
            getattr(self, name).to_csv(path, index=False)
            written.append(path)
        path = out / "kpis.csv"
        lines = ["kpi,value,unit"] + [f"{d.name},{self.kpis[d.name]!r},{d.unit}" for d in KPI_DEFS]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
        return written


def _format(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if float(value).is_integer() and abs(value) < 1e12:
        return f"{value:,.0f}"
    return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"


def run(scenario: Scenario | None = None, seed: int | None = None) -> Results:
    """Run a scenario once (the built-in default when none is given).

    Args:
        scenario: What to simulate; ``Scenario()`` when omitted.
        seed: Use this seed instead of ``scenario.seed``.

    Returns:
        The run's :class:`Results`.
    """
    scenario = Scenario() if scenario is None else scenario
    used = scenario.seed if seed is None else seed
    return Results(scenario, used, World(scenario, used).run())
