"""Experiments: intervals that cover, common random numbers that pay, backends that agree, sweeps that resume."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sim.experiments.sweeps as sweep_module
from sim import Scenario, ScenarioError
from sim.experiments import (
    Backend,
    compare,
    mean_interval,
    proportion_interval,
    replicate,
    replication_seeds,
    sweep,
)
from tests.conftest import run_cli as _cli

SHORT = Scenario().with_values({"horizon_days": 90})
GRID = {"managers.count": [4, 8], "visit_policy.implementation": [{"min_days": 5, "max_days": 7}, None]}


def test_replication_seeds_are_reproducible_distinct_and_extendable():
    seeds = replication_seeds(42, 50)
    assert seeds == replication_seeds(42, 50)
    assert len(set(seeds)) == 50
    assert replication_seeds(42, 10, start=40) == seeds[40:]
    assert replication_seeds(43, 5) != seeds[:5]
    assert all(0 <= s < 2**63 for s in seeds)


def test_95_percent_intervals_cover_the_true_mean_about_95_percent_of_the_time():
    rng = np.random.default_rng(2026)
    trials, true_mean = 4000, 5.0
    covered = 0
    for _ in range(trials):
        ci = mean_interval(rng.exponential(true_mean, size=30))  # skewed on purpose
        covered += ci.low <= true_mean <= ci.high
    coverage = covered / trials
    # Binomial sd of the coverage is 0.0034; the t interval on skewed data runs a little under 95%.
    assert 0.925 <= coverage <= 0.965, coverage


def test_wilson_interval_covers_a_known_proportion():
    rng = np.random.default_rng(7)
    p, n, trials = 0.8, 40, 3000
    covered = 0
    for _ in range(trials):
        ci = proportion_interval(int(rng.binomial(n, p)), n)
        covered += ci.low <= p <= ci.high
    assert 0.93 <= covered / trials <= 0.97


def test_replicate_summarises_every_kpi_with_an_interval():
    reps = replicate(SHORT, reps=8)
    assert len(reps.runs) == 8
    assert list(reps.runs["seed"]) == replication_seeds(SHORT.seed, 8)
    row = reps.summary.loc["visits_made"]
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert row["unit"] == "visits"
    assert "[" in reps.table()


def test_replicate_adds_runs_until_the_precision_target_is_met():
    reps = replicate(SHORT, reps=4, precision=0.02, precision_kpi="visits_made", max_reps=200)
    ci = reps.interval("visits_made")
    assert ci.half_width <= 0.02 * ci.mean
    assert len(reps.runs) > 4
    with pytest.raises(ValueError, match="precision"):
        replicate(SHORT, reps=4, precision=5)


def test_common_random_numbers_make_paired_differences_less_noisy():
    weekly = SHORT.with_values({"visit_policy.implementation": {"min_days": 5, "max_days": 7}})
    scenarios = {"paper": SHORT, "weekly": weekly}
    paired = compare(scenarios, reps=16)
    independent = compare(scenarios, reps=16, common_random_numbers=False)
    assert paired.common_random_numbers and not independent.common_random_numbers
    for kpi in ("visits_made", "satisfaction_mean", "issues_opened"):
        assert paired.differences.loc[("weekly", kpi), "std"] < independent.differences.loc[("weekly", kpi), "std"]


def test_sweep_returns_one_tidy_row_per_run():
    frame = sweep(SHORT, GRID, reps=2, backend="serial", progress=False)
    assert len(frame) == 4 * 2
    assert list(frame.columns[:5]) == ["point", "managers.count", "visit_policy.implementation", "rep", "seed"]
    assert set(frame["managers.count"]) == {4, 8}
    assert frame["visit_policy.implementation"].isna().sum() == 4  # None: projects under way not visited
    # Every point uses the same replication seeds: common random numbers across the grid.
    assert frame.groupby("point")["seed"].apply(tuple).nunique() == 1


def test_backends_agree_exactly():
    serial = sweep(SHORT, GRID, reps=3, backend="serial", progress=False)
    processes = sweep(SHORT, GRID, reps=3, backend=Backend(kind="processes", workers=2), progress=False)
    pd.testing.assert_frame_equal(serial, processes)
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        on_dask = sweep(SHORT, GRID, reps=3, backend=Backend(kind="dask", client=client), progress=False)
    pd.testing.assert_frame_equal(serial, on_dask)


class _Interrupt(Exception):
    pass


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_interrupted_sweep_resumes_without_redoing_or_losing_runs(tmp_path, monkeypatch, suffix):
    out = tmp_path / f"sweep{suffix}"
    real_execute = sweep_module.execute
    executed: list[int] = []

    def interrupted(batches, *args, **kwargs):
        for n, item in enumerate(real_execute(batches, *args, **kwargs)):
            if n == 2:
                raise _Interrupt  # as if the user pressed Ctrl+C after two batches
            yield item

    def counting(batches, *args, **kwargs):
        for batch, results in real_execute(batches, *args, **kwargs):
            executed.extend(batch.key[1])
            yield batch, results

    monkeypatch.setattr(sweep_module, "batch_size", lambda runs, backend: 2)
    monkeypatch.setattr(sweep_module, "execute", interrupted)
    with pytest.raises(_Interrupt):
        sweep(SHORT, GRID, reps=3, backend="serial", out=out, progress=False)
    journal = out if suffix == ".csv" else out.with_name(out.name + ".partial.csv")
    kept = len(pd.read_csv(journal))
    assert 0 < kept < 12  # the two finished batches are on disk, nothing else

    monkeypatch.setattr(sweep_module, "execute", counting)
    resumed = sweep(SHORT, GRID, reps=3, backend="serial", out=out, progress=False)
    assert len(executed) == 12 - kept  # only the runs not yet on disk
    fresh = sweep(SHORT, GRID, reps=3, backend="serial", progress=False)
    pd.testing.assert_frame_equal(resumed, fresh, check_dtype=False)
    on_disk = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(on_disk) == 12
    # Running again finds everything done and runs nothing.
    executed.clear()
    sweep(SHORT, GRID, reps=3, backend="serial", out=out, progress=False)
    assert executed == []


def test_a_results_file_of_another_sweep_is_refused(tmp_path):
    out = tmp_path / "s.csv"
    sweep(SHORT, GRID, reps=2, backend="serial", out=out, progress=False)
    with pytest.raises(ScenarioError, match="different"):
        sweep(SHORT, {"managers.count": [3, 5]}, reps=2, backend="serial", out=out, progress=False)


@pytest.mark.parametrize(
    ("grid", "words"),
    [
        ({"managers.cnt": [1, 2]}, "managers.cnt"),
        ({"managers.count": []}, "non-empty"),
        ({"managers.count": [0, 5]}, "managers.count = 0"),
        ({}, "no field"),
    ],
)
def test_bad_grids_give_one_clear_error(grid, words):
    with pytest.raises(ScenarioError, match=words.replace(".", r"\.")):
        sweep(SHORT, grid, reps=1, backend="serial", progress=False)


def test_sweep_cli_writes_results_and_rejects_an_unknown_field(tmp_path):
    grid = tmp_path / "grid.yaml"
    grid.write_text("reps: 2\ngrid:\n  managers.count: [4, 8]\n  horizon_days: [60]\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    done = _cli("sweep", str(grid), "--backend", "serial", "--out", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(out)) == 4
    assert "order_intake" in done.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("grid:\n  managers.countt: [4]\n", encoding="utf-8")
    refused = _cli("sweep", str(bad), "--backend", "serial")
    assert refused.returncode == 2
    assert "managers.countt" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_run_with_reps_prints_means_with_intervals():
    out = _cli("run", "--reps", "3", "--days", "60")
    assert out.returncode == 0, out.stderr
    assert "3 replications" in out.stdout and "[" in out.stdout
