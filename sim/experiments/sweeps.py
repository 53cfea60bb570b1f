"""Full-factorial sweeps over scenario fields, resumable, on any backend.

A grid maps dotted scenario paths to the values to try, for example::

    {"managers.count": [6, 8, 10],
     "visit_policy.implementation": [{"min_days": 7, "max_days": 14}, {"min_days": 5, "max_days": 7}],
     "sales_target_wan_cny": [2500, 3000, 3500]}

Every combination ("point") is validated before anything runs. Each point is
replicated ``reps`` times with the same replication seeds (common random
numbers across points). With an output file, every finished run is written as
soon as its batch finishes; running the same sweep again skips the runs already
in the file, so an interrupted sweep loses nothing.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.experiments.backend import Backend
from sim.experiments.replicate import check_reps
from sim.experiments.runner import Batch, batch_size, execute
from sim.experiments.seeds import replication_seeds
from sim.results.kpis import KPI_DEFS
from sim.scenario import Problem, Scenario, ScenarioError, problem

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_KPIS = [d.name for d in KPI_DEFS]


def _cell(value: Any) -> Any:
    """A grid value as a table cell: numbers and text as they are, anything else as JSON."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _same(expected: Any, stored: Any) -> bool:
    """Whether a grid value read back from a file is the one the grid gives (numbers compared as numbers)."""
    if expected is None:
        return stored is None or (isinstance(stored, float) and math.isnan(stored))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            return float(stored) == float(expected)
        except (TypeError, ValueError):
            return False
    return str(expected) == str(stored)


def grid_points(base: Scenario, grid: Mapping[str, Sequence[Any]]) -> list[tuple[dict[str, Any], Scenario]]:
    """Every combination of grid values with its validated scenario.

    Raises:
        ScenarioError: for an empty grid, a field with no values, an unknown field,
            or a combination the scenario rules do not allow (all problems at once).
    """
    if not grid:
        raise problem("grid", {}, "error.grid_empty")
    problems: list[Problem] = []
    for path, values in grid.items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) == 0:
            problems.append(Problem(f"grid.{path}", values, "error.grid_values"))
    if problems:
        raise ScenarioError(problems)
    paths = list(grid)
    points = []
    for combination in itertools.product(*(grid[p] for p in paths)):
        values = dict(zip(paths, combination, strict=True))
        try:
            points.append((values, base.with_values(values)))
        except ScenarioError as error:
            problems.extend(error.problems)
    if problems:
        unique = list(dict.fromkeys(problems))
        raise ScenarioError(unique)
    return points


def _read_existing(path: Path, columns: list[str]) -> list[dict[str, Any]]:
    import pandas as pd

    if not path.exists() or path.stat().st_size == 0:
        return []
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    if list(frame.columns) != columns:
        raise problem("out", str(path), "error.other_sweep_columns")
    return frame.to_dict("records")


def _journal_path(out: Path) -> Path:
    """Where finished runs are appended while the sweep runs (the CSV itself, or a side file for Parquet)."""
    return out if out.suffix == ".csv" else out.with_name(out.name + ".partial.csv")


def sweep(
    base: Scenario,
    grid: Mapping[str, Sequence[Any]],
    reps: int = 10,
    seed: int | None = None,
    backend: Backend | str = "processes",
    *,
    out: str | Path | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Run every grid point ``reps`` times and return one tidy DataFrame.

    Args:
        base: The scenario the grid changes.
        grid: Dotted field path -> list of values.
        reps: Replications per point.
        seed: Root of the replication seeds (default: the base scenario's seed).
        backend: Where the runs go: a :class:`~sim.experiments.backend.Backend` or its kind
            (default ``processes``: a persistent pool, one worker per core).
        out: Optional ``.csv`` or ``.parquet`` file; finished runs are kept there and
            a second call with the same sweep resumes where the first stopped.
        progress: Show a progress bar (tqdm; the notebook form inside Jupyter).

    Returns:
        Columns ``point``, one per grid field, ``rep``, ``seed``, then every KPI;
        one row per run, sorted by point and replication.

    Raises:
        ScenarioError: for a bad grid, a bad output file name, or an output file of another sweep.
    """
    import pandas as pd
    from tqdm.auto import tqdm

    backend = Backend.of(backend)
    check_reps(reps, low=1)
    points = grid_points(base, grid)
    paths = list(grid)
    columns = ["point", *paths, "rep", "seed", *_KPIS]
    root = base.seed if seed is None else seed
    seeds = replication_seeds(root, reps)

    done: dict[tuple[int, int], dict[str, Any]] = {}
    out_path = Path(out) if out is not None else None
    journal = None
    if out_path is not None:
        if out_path.suffix not in (".csv", ".parquet"):
            raise problem("out", str(out_path), "error.sweep_suffix")
        journal = _journal_path(out_path)
        previous = _read_existing(journal, columns)
        if out_path.suffix == ".parquet":
            previous += _read_existing(out_path, columns)
        for row in previous:
            point = int(row["point"])
            expected = points[point][0] if point < len(points) else None
            same_point = expected is not None and all(_same(_cell(expected[p]), row[p]) for p in paths)
            if not same_point or int(row["rep"]) >= reps or int(row["seed"]) != seeds[int(row["rep"])]:
                raise problem("out", str(out_path), "error.other_sweep_runs")
            done[(point, int(row["rep"]))] = row

    todo = [(p, r) for p in range(len(points)) for r in range(reps) if (p, r) not in done]
    size = batch_size(len(todo), backend)
    batches = []
    for start in range(0, len(todo), size):
        chunk = todo[start : start + size]
        # A batch holds runs of one point only, so one scenario is shipped per task.
        for point, runs in itertools.groupby(chunk, key=lambda pr: pr[0]):
            reps_here = [r for _, r in runs]
            batches.append(Batch((point, tuple(reps_here)), points[point][1], tuple(seeds[r] for r in reps_here)))

    handle = None
    if journal is not None and todo:
        journal.parent.mkdir(parents=True, exist_ok=True)
        fresh = not journal.exists() or journal.stat().st_size == 0
        handle = journal.open("a", encoding="utf-8", newline="")
        if fresh:
            pd.DataFrame(columns=columns).to_csv(handle, index=False)
            handle.flush()
    bar = tqdm(total=len(points) * reps, initial=len(done), disable=not progress, desc="sweep", unit="run")
    try:
        for batch, results in execute(batches, backend):
            point, reps_here = batch.key
            rows = []
            for rep, kpis in zip(reps_here, results, strict=True):
                row = {"point": point, **{p: _cell(points[point][0][p]) for p in paths}}
                row.update({"rep": rep, "seed": seeds[rep], **kpis})
                rows.append(row)
                done[(point, rep)] = row
            if handle is not None:
                pd.DataFrame(rows, columns=columns).to_csv(handle, header=False, index=False)
                handle.flush()
                os.fsync(handle.fileno())
            bar.update(len(rows))
    finally:
        bar.close()
        if handle is not None:
            handle.close()

    frame = pd.DataFrame([done[key] for key in sorted(done)], columns=columns)
    for column in ("point", "rep", "seed"):
        frame[column] = frame[column].astype("int64")
    for kpi in _KPIS:
        frame[kpi] = frame[kpi].astype(float)
    if out_path is not None:
        if out_path.suffix == ".csv":
            frame.to_csv(out_path, index=False)  # rewritten in order, now complete
        else:
            frame.to_parquet(out_path, index=False)
            if journal is not None and journal.exists():
                journal.unlink()
    return frame
