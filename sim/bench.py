"""Speed benchmark: the model's events per second against bare SimPy, in one process.

Machines here are noisy, so absolute times mean little; the benchmark reports
ratios measured in the same process, interleaving the model and the bare loop
and keeping the best of several repeats of each.

* ``bare``: 1,000 SimPy processes each doing ``yield env.timeout(1)``.
* ``model``: the default scenario (build excluded from events/s, reported apart).
* ``scaled``: the default scenario with 10x and 100x the customers, leads,
  customer managers and after-sales staff.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import simpy

from sim.model.world import World
from sim.scenario import Scenario


@dataclass(frozen=True)
class BenchResult:
    """One benchmark measurement.

    Attributes:
        label: What was measured.
        events: SimPy events processed in one run.
        build_ms: Best time to build the model (customers, streams, processes).
        run_ms: Best time to run it.
        events_per_s: ``events / run time``.
        ratio_to_bare: ``events_per_s`` over the bare SimPy loop's events per second.
    """

    label: str
    events: int
    build_ms: float
    run_ms: float
    events_per_s: float
    ratio_to_bare: float


def bare_simpy_events_per_second(processes: int = 1000, until: int = 50) -> tuple[int, float]:
    """Run the bare loop once; return (events, seconds)."""
    env = simpy.Environment()

    def tick(env: simpy.Environment):
        while True:
            yield env.timeout(1)

    for _ in range(processes):
        env.process(tick(env))
    start = time.perf_counter()
    env.run(until=until)
    seconds = time.perf_counter() - start
    return next(env._eid), seconds


def scaled(scenario: Scenario, factor: int) -> Scenario:
    """The scenario with ``factor`` times the customers, leads, managers and after-sales staff."""
    changes: dict[str, object] = {
        "managers.count": scenario.managers.count * factor,
        "after_sales.staff": scenario.after_sales.staff * factor,
    }
    for i, segment in enumerate(scenario.customers.segments):
        changes[f"customers.segments.{i}.customers"] = segment.customers * factor
        changes[f"customers.segments.{i}.lead_rate_per_year"] = segment.lead_rate_per_year * factor
    return scenario.with_values(changes)


def _interleaved_best(scenario: Scenario, repeats: int) -> tuple[float, int, float, float]:
    """Alternate the bare loop and the model so both see the same machine load; keep the best of each.

    Returns:
        (bare events/s, model events, best build seconds, best run seconds).
    """
    best_bare = 0.0
    best_build = best_run = float("inf")
    events = 0
    for _ in range(repeats):
        bare_events, bare_seconds = bare_simpy_events_per_second()
        best_bare = max(best_bare, bare_events / bare_seconds)
        start = time.perf_counter()
        world = World(scenario)
        built = time.perf_counter()
        events = world.run().events
        done = time.perf_counter()
        best_build = min(best_build, built - start)
        best_run = min(best_run, done - built)
    return best_bare, events, best_build, best_run


def run_benchmark(
    scenario: Scenario | None = None,
    factors: tuple[int, ...] = (1, 10, 100),
    repeats: int = 5,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Measure the model against bare SimPy; return a JSON-ready report.

    Args:
        scenario: Base scenario (the default when None).
        factors: Scale factors of customers and managers to measure.
        repeats: Repeats per measurement; the best is kept.
        progress: Called with a line of text as each measurement finishes.
    """
    base = Scenario() if scenario is None else scenario
    say = progress or (lambda _line: None)
    results = []
    bare_best = 0.0
    for factor in factors:
        this = base if factor == 1 else scaled(base, factor)
        reps = repeats if factor <= 10 else max(1, repeats // 3)
        bare, events, build_s, run_s = _interleaved_best(this, reps)
        bare_best = max(bare_best, bare)
        rate = events / run_s
        result = BenchResult(
            label=f"{factor}x customers",
            events=events,
            build_ms=build_s * 1000,
            run_ms=run_s * 1000,
            events_per_s=rate,
            ratio_to_bare=rate / bare,
        )
        results.append(result)
        say(
            f"{result.label:>16}: {events:>8,d} events, build {result.build_ms:8.1f} ms, run {result.run_ms:8.1f} ms, "
            f"{rate:>10,.0f} events/s, bare {bare:>10,.0f} events/s, ratio {result.ratio_to_bare:.2f}"
        )
    first = results[0]
    scaling = {r.label: r.events_per_s / first.events_per_s for r in results[1:]}
    for label, share in scaling.items():
        say(f"{label:>16}: events/s are {share:.0%} of the 1x rate")
    return {
        "bare_events_per_s": bare_best,
        "results": [asdict(r) for r in results],
        "events_per_s_relative_to_1x": scaling,
        "default_run_ms": first.build_ms + first.run_ms,
    }


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

    from sim.experiments import sweep

    say = progress or (lambda _line: None)
    base = Scenario()
    grid = {"managers.count": [base.managers.count]}
    report: dict[str, object] = {"runs": runs, "workers": workers}

    def timed(**options: object) -> float:
        start = time.perf_counter()
        sweep(base, grid, reps=runs, progress=False, **options)
        return time.perf_counter() - start

    # Serial is timed before and after the parallel backends and the faster kept, so a slow
    # spell of the machine does not flatter the parallel efficiency.
    serial = timed(backend="serial")
    say(f"serial:    {serial:7.2f} s for {runs} runs, {serial / runs * 1000:6.1f} ms per run")
    sweep(base, grid, reps=2 * workers, backend="processes", workers=workers, progress=False)  # warm the pool
    parallel = timed(backend="processes", workers=workers)
    eff = serial / (workers * parallel)
    say(f"processes: {parallel:7.2f} s with {workers} workers, efficiency {eff:.2f}")
    report.update(serial_s=serial, per_run_ms=serial / runs * 1000, processes_s=parallel, processes_efficiency=eff)
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        sweep(base, grid, reps=2 * workers, backend="dask", client=client, progress=False)  # warm the workers
        on_dask = timed(backend="dask", client=client, workers=workers)
    again = timed(backend="serial")
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
        import yaml

        from sim.scenario.io import DEFAULT_SCENARIO_FILE

        grid_file = DEFAULT_SCENARIO_FILE.parents[1] / "grids" / "staffing_visits_target.yaml"
        big = yaml.safe_load(grid_file.read_text(encoding="utf-8"))["grid"]
        points = 1
        for values in big.values():
            points *= len(values)
        start = time.perf_counter()
        sweep(base, big, reps=grid_reps, backend="processes", workers=workers, progress=False)
        took = time.perf_counter() - start
        estimate = points * grid_reps * (serial / runs) / workers
        say(
            f"grid {points} points x {grid_reps} reps on processes: {took:.1f} s; "
            f"{points * grid_reps} single runs / {workers} cores would take {estimate:.1f} s "
            f"(ratio {took / estimate:.2f})"
        )
        report.update(grid_runs=points * grid_reps, grid_s=took, grid_estimate_s=estimate)
    return report


def widget_benchmark(reps: int = 10, repeats: int = 10, progress: Callable[[str], None] | None = None) -> dict:
    """Time a compare panel's Run button on the default scenario with the persistent process pool.

    The pool is started and warmed first (it persists across a notebook session);
    the callback is the panels' own function, called without a browser.
    """
    import statistics

    from sim.widgets.panels import compare_callback

    say = progress or (lambda _line: None)
    base = Scenario()
    compare_callback({"A": base, "B": base}, reps=2)  # start and warm the pool
    from sim.experiments import replicate

    single, paired = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        replicate(base, reps=reps, backend="processes")
        single.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        compare_callback({"A": base, "B": base.with_values({"managers.count": 6})}, reps=reps)
        paired.append((time.perf_counter() - start) * 1000)
    report = {
        "reps": reps,
        "one_scenario_ms_median": statistics.median(single),
        "one_scenario_ms_min": min(single),
        "two_scenarios_ms_median": statistics.median(paired),
        "two_scenarios_ms_min": min(paired),
    }
    say(
        f"{reps} replications of the default scenario on the process pool: median "
        f"{report['one_scenario_ms_median']:.0f}"
        f" ms (best {report['one_scenario_ms_min']:.0f}); two scenarios compared: median "
        f"{report['two_scenarios_ms_median']:.0f} ms (best {report['two_scenarios_ms_min']:.0f})"
    )
    return report
