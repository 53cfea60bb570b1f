"""Replications of one scenario, and comparisons of several under common random numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.experiments.backend import Backend
from sim.experiments.runner import Batch, batch_size, execute
from sim.experiments.seeds import replication_seeds
from sim.experiments.stats import Interval, mean_interval
from sim.results.kpis import KPI_DEFS
from sim.results.tables import kpi_interval_table
from sim.scenario import Record, Scenario, bounded, problem

MAX_REPS = 100_000  # more replications than any interval needs; a typo's 10**9 must not hang a server


class PageRuns(Record):
    """How many replications a lab page may ask for: enough for an interval, few enough to answer in seconds."""

    reps: int = bounded(10, ge=2, le=100, unit="replications", doc="Replications of each variant a page runs.")


def check_reps(reps: object, low: int = 2) -> None:
    """Replications must be a whole number from ``low`` (2 for an interval) to :data:`MAX_REPS`.

    Raises:
        ScenarioError: naming ``reps`` and what is allowed.
    """
    if isinstance(reps, bool) or not isinstance(reps, int) or not low <= reps <= MAX_REPS:
        raise problem("reps", reps, "error.reps", low=low, high=MAX_REPS)


if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _run_seeds(scenario: Scenario, seeds: Sequence[int], backend: Backend) -> list[dict[str, float]]:
    size = batch_size(len(seeds), backend)
    batches = [
        Batch(key=start, scenario=scenario, seeds=tuple(seeds[start : start + size]))
        for start in range(0, len(seeds), size)
    ]
    results: dict[int, list[dict[str, float]]] = {}
    for batch, kpis in execute(batches, backend):
        results[batch.key] = kpis
    return [row for start in sorted(results) for row in results[start]]


def summarise(runs: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per KPI: unit, mean, standard deviation, n, confidence interval and half-width."""
    import pandas as pd

    rows = []
    for definition in KPI_DEFS:
        if definition.name not in runs:
            continue
        ci = mean_interval(runs[definition.name].to_numpy(dtype=float), level)
        rows.append(
            {
                "kpi": definition.name,
                "unit": definition.unit,
                "mean": ci.mean,
                "std": ci.std,
                "n": ci.n,
                "ci_low": ci.low,
                "ci_high": ci.high,
                "half_width": ci.half_width,
            }
        )
    return pd.DataFrame(rows).set_index("kpi")


@dataclass
class Replications:
    """Replications of one scenario.

    Attributes:
        scenario: The scenario replicated.
        runs: One row per replication: ``rep``, ``seed`` and every KPI.
        summary: Per KPI: mean, std, n and 95% confidence interval (see :func:`summarise`).
    """

    scenario: Scenario
    runs: pd.DataFrame
    summary: pd.DataFrame

    def interval(self, kpi: str) -> Interval:
        """The mean of one KPI with its confidence interval."""
        return mean_interval(self.runs[kpi].to_numpy(dtype=float))

    def table(self, language: str | None = None) -> str:
        """Means with 95% intervals as aligned text: KPI, mean [interval], unit (in the current language)."""
        return kpi_interval_table(
            [
                (str(kpi), row["mean"], row["ci_low"], row["ci_high"], row["unit"])
                for kpi, row in self.summary.iterrows()
            ],
            language,
        )


def replicate(
    scenario: Scenario,
    reps: int = 30,
    seed: int | None = None,
    *,
    precision: float | None = None,
    precision_kpi: str = "order_intake",
    max_reps: int = 1000,
    backend: Backend | str | None = None,
) -> Replications:
    """Run ``reps`` replications of a scenario and summarise every KPI.

    Args:
        scenario: What to run.
        reps: Replications (the first batch when ``precision`` is given).
        seed: Root seed of the replication seeds (default: the scenario's seed).
        precision: If given, add replications until the 95% half-width of
            ``precision_kpi`` is at most this share of its mean (e.g. 0.05), or
            ``max_reps`` is reached.
        precision_kpi: The KPI whose precision decides the number of replications.
        max_reps: Upper limit on replications with ``precision``.
        backend: Where the runs go (a :class:`~sim.experiments.backend.Backend` or its kind; serial by default).

    Raises:
        ScenarioError: for reps < 2, a precision outside (0, 1), an unknown KPI or a bad backend.
    """
    import pandas as pd

    backend = Backend.of(backend)
    check_reps(reps)
    if precision is not None and not 0 < precision < 1:
        raise problem("precision", precision, "error.precision")
    if precision_kpi not in {d.name for d in KPI_DEFS}:
        raise problem("precision_kpi", precision_kpi, "error.not_a_kpi")
    root = scenario.seed if seed is None else seed
    seeds = replication_seeds(root, reps)
    rows = _run_seeds(scenario, seeds, backend)
    while precision is not None and len(rows) < max_reps:
        values = [r[precision_kpi] for r in rows]
        ci = mean_interval(values)
        if ci.n >= 2 and not math.isnan(ci.half_width) and ci.half_width <= precision * abs(ci.mean):
            break
        # Half-widths shrink like 1/sqrt(n): estimate the n that reaches the target, then run the rest.
        ratio = ci.half_width / (precision * abs(ci.mean)) if ci.mean else 2.0
        wanted = min(max_reps, max(len(rows) + 1, math.ceil(len(rows) * ratio**2 * 1.1)))
        more = replication_seeds(root, wanted - len(rows), start=len(rows))
        rows += _run_seeds(scenario, more, backend)
        seeds += more
    runs = pd.DataFrame(rows)
    runs.insert(0, "seed", seeds)
    runs.insert(0, "rep", range(len(seeds)))
    return Replications(scenario, runs, summarise(runs))


@dataclass
class Comparison:
    """Scenarios compared replication by replication.

    Attributes:
        labels: Scenario labels, the first is the baseline.
        runs: One row per scenario and replication: ``scenario``, ``rep``, ``seed`` and KPIs.
        summary: Per scenario and KPI: mean and confidence interval.
        differences: Per non-baseline scenario and KPI: the mean paired difference
            (scenario minus baseline) with its confidence interval.
        common_random_numbers: Whether replication ``i`` used the same seed in every scenario.
    """

    labels: list[str]
    runs: pd.DataFrame
    summary: pd.DataFrame
    differences: pd.DataFrame
    common_random_numbers: bool


def compare(
    scenarios: Mapping[str, Scenario] | Sequence[Scenario],
    reps: int = 30,
    seed: int | None = None,
    *,
    common_random_numbers: bool = True,
    level: float = 0.95,
    backend: Backend | str | None = None,
    first_rep: int = 0,
) -> Comparison:
    """Compare scenarios under common random numbers; the first one is the baseline.

    Replication ``i`` of every scenario uses the same seed, so each customer
    meets the same luck in every scenario and the paired differences carry
    much less noise than differences of independent runs.

    Args:
        scenarios: Labelled scenarios (or a list, labelled ``s0``, ``s1``, ...).
        reps: Replications per scenario.
        seed: Root seed (default: the first scenario's seed).
        common_random_numbers: Set False to give each scenario its own seeds
            (only to show what common random numbers save).
        level: Confidence level of the intervals.
        backend: Where the runs go (a :class:`~sim.experiments.backend.Backend` or its kind; serial by default).
        first_rep: Number of the first replication (to add replications to an earlier comparison:
            replication ``i`` has the same seed whenever it is run).

    Raises:
        ScenarioError: for fewer than two scenarios, reps < 2 or a bad backend.
    """
    import pandas as pd

    backend = Backend.of(backend)
    named = dict(scenarios) if isinstance(scenarios, Mapping) else {f"s{i}": s for i, s in enumerate(scenarios)}
    if len(named) < 2:
        raise problem("scenarios", len(named), "error.compare_two")
    check_reps(reps)
    labels = list(named)
    root = named[labels[0]].seed if seed is None else seed
    frames = []
    for index, label in enumerate(labels):
        start = first_rep if common_random_numbers else first_rep + index * reps
        seeds = replication_seeds(root, reps, start=start)
        rows = _run_seeds(named[label], seeds, backend)
        frame = pd.DataFrame(rows)
        frame.insert(0, "seed", seeds)
        frame.insert(0, "rep", range(first_rep, first_rep + reps))
        frame.insert(0, "scenario", label)
        frames.append(frame)
    runs = pd.concat(frames, ignore_index=True)
    summary = pd.concat(
        {label: summarise(f, level) for label, f in zip(labels, frames, strict=True)}, names=["scenario"]
    )
    kpis = [d.name for d in KPI_DEFS]
    base = frames[0].set_index("rep")[kpis]
    diff_rows = []
    for label, frame in zip(labels[1:], frames[1:], strict=True):
        delta = frame.set_index("rep")[kpis] - base
        for kpi in kpis:
            ci = mean_interval(delta[kpi].to_numpy(dtype=float), level)
            diff_rows.append(
                {
                    "scenario": label,
                    "kpi": kpi,
                    "difference": ci.mean,
                    "std": ci.std,
                    "n": ci.n,
                    "ci_low": ci.low,
                    "ci_high": ci.high,
                }
            )
    differences = pd.DataFrame(diff_rows).set_index(["scenario", "kpi"])
    return Comparison(labels, runs, summary, differences, common_random_numbers)
