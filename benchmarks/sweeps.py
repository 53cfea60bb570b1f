"""Sweeps on each backend: wall time, per-run cost and parallel efficiency, measured in one process.

    python -m sim bench --sweep [--grid-reps 50]

Efficiency is serial time / (workers x parallel time). Pools and clusters are
started and warmed up before timing: they are persistent, so their start-up is
paid once per session, not per sweep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sim import resources
from sim.experiments import Backend, load_grid, sweep
from sim.scenario import Scenario


def sweep_benchmark(
    runs: int = 200,
    workers: int = 2,
    grid_reps: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Wall time of a sweep on each backend, per-run cost and parallel efficiency.

    Efficiency is serial time / (workers x parallel time), measured in one
    process. Pools and clusters are started and warmed up before timing: they
    are persistent, so their start-up is paid once per session, not per sweep.

    Args:
        runs: Runs of the default scenario in the timed sweep.
        workers: Worker processes for ``processes`` and Dask workers.
        grid_reps: If > 0, also time the 3 x 3 x 3 grid of ``data/grids`` with this
            many replications on ``processes`` against its serial estimate.
        progress: Called with a line of text as each measurement finishes.
    """
    from dask.distributed import Client, LocalCluster

    say = progress or (lambda _line: None)
    base = Scenario()
    grid = {"managers.count": [base.managers.count]}
    report: dict[str, object] = {"runs": runs, "workers": workers}

    def timed(backend: Backend) -> float:
        start = time.perf_counter()
        sweep(base, grid, reps=runs, backend=backend, progress=False)
        return time.perf_counter() - start

    # Serial is timed before and after the parallel backends and the faster kept, so a slow
    # spell of the machine does not flatter the parallel efficiency.
    serial = timed(Backend(kind="serial"))
    say(f"serial:    {serial:7.2f} s for {runs} runs, {serial / runs * 1000:6.1f} ms per run")
    pool = Backend(kind="processes", workers=workers)
    sweep(base, grid, reps=2 * workers, backend=pool, progress=False)  # warm the pool
    parallel = timed(pool)
    eff = serial / (workers * parallel)
    say(f"processes: {parallel:7.2f} s with {workers} workers, efficiency {eff:.2f}")
    report.update(serial_s=serial, per_run_ms=serial / runs * 1000, processes_s=parallel, processes_efficiency=eff)
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        cluster_backend = Backend(kind="dask", client=client, workers=workers)
        sweep(base, grid, reps=2 * workers, backend=cluster_backend, progress=False)  # warm the workers
        on_dask = timed(cluster_backend)
    again = timed(Backend(kind="serial"))
    say(f"serial:    {again:7.2f} s (again)")
    if again < serial:
        serial = again
        say(f"processes: efficiency {serial / (workers * parallel):.2f} against the faster serial time")
    eff = serial / (workers * on_dask)
    say(f"dask:      {on_dask:7.2f} s with {workers} workers, efficiency {eff:.2f}")
    report.update(
        serial_s=serial,
        per_run_ms=serial / runs * 1000,
        processes_efficiency=serial / (workers * parallel),
        dask_s=on_dask,
        dask_efficiency=eff,
    )
    if grid_reps > 0:
        spec, _ = load_grid(resources.path("data", "grids", "staffing_visits_target.yaml"))
        points = spec.points
        start = time.perf_counter()
        sweep(base, spec.grid, reps=grid_reps, backend=pool, progress=False)
        took = time.perf_counter() - start
        estimate = points * grid_reps * (serial / runs) / workers
        say(
            f"grid {points} points x {grid_reps} reps on processes: {took:.1f} s; "
            f"{points * grid_reps} single runs / {workers} cores would take {estimate:.1f} s "
            f"(ratio {took / estimate:.2f})"
        )
        report.update(grid_runs=points * grid_reps, grid_s=took, grid_estimate_s=estimate)
    return report
