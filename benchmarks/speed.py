"""Speed of the model: its events per second against bare SimPy, measured in one process.

Machines here are noisy, so absolute times mean little; the benchmark reports
ratios measured in the same process. Each repeat times the bare loop and the
model one right after the other (after a garbage collection, as ``timeit``
does), so both see the same machine; a ratio is computed per pair, and the
median over the pairs is reported beside the ratio of the best times.

* ``bare``: 1,000 SimPy processes each doing ``yield env.timeout(1)`` for 50 days.
* ``model``: one run of the default scenario (building it is timed apart).
* ``scaled``: the default scenario with 10x (and 100x) the customers, leads,
  customer managers and after-sales staff; events per second against the 1x
  rate, from pairs of runs too.

Events are counted in a separate, untimed run with an environment that counts
the events it processes: runs are deterministic, so the count is the same.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass
from typing import Any

import simpy

from sim.model import World
from sim.scenario import Scenario


class CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts the events it processes (for counting runs, never timed)."""

    def __init__(self) -> None:
        super().__init__()
        self.processed = 0

    def step(self) -> None:
        """Process the next event and count it."""
        self.processed += 1
        super().step()


def _ticking(env: simpy.Environment) -> Generator[simpy.Event, Any, None]:
    while True:
        yield env.timeout(1)


def bare_loop(env: simpy.Environment, processes: int = 1000, until: int = 50) -> None:
    """The reference: ``processes`` SimPy processes each waiting one time unit, again and again."""
    for _ in range(processes):
        env.process(_ticking(env))
    env.run(until=until)


def count_events(run: Callable[[simpy.Environment], None]) -> int:
    """Events processed by ``run`` in a counting environment."""
    env = CountingEnvironment()
    run(env)
    return env.processed


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


def _timed_bare() -> float:
    gc.collect()
    env = simpy.Environment()
    start = time.perf_counter()
    bare_loop(env)
    return time.perf_counter() - start


def _timed_model(scenario: Scenario) -> tuple[float, float]:
    """(build seconds, run seconds) of one run."""
    gc.collect()
    start = time.perf_counter()
    world = World(scenario)
    built = time.perf_counter()
    world.run()
    return built - start, time.perf_counter() - built


@dataclass(frozen=True)
class BenchResult:
    """One benchmark measurement.

    Attributes:
        label: What was measured.
        events: SimPy events processed in one run.
        build_ms: Best time to build the model (customers, streams, processes).
        run_ms: Best time to run it.
        events_per_s: ``events / best run time``.
        bare_events_per_s: The bare loop's best events per second in the same repeats.
        ratio_to_bare: Median over the repeats of (model events/s) / (bare events/s), each pair timed together.
        ratio_of_best: ``events_per_s / bare_events_per_s``.
    """

    label: str
    events: int
    build_ms: float
    run_ms: float
    events_per_s: float
    bare_events_per_s: float
    ratio_to_bare: float
    ratio_of_best: float


def measure(scenario: Scenario, label: str, repeats: int, bare_events: int) -> BenchResult:
    """The model against the bare loop, ``repeats`` pairs timed one right after the other."""
    events = count_events(lambda env: World(scenario, env=env).run())
    ratios, bare_best, build_best, run_best = [], 0.0, float("inf"), float("inf")
    for _ in range(repeats):
        bare_rate = bare_events / _timed_bare()
        build, run = _timed_model(scenario)
        ratios.append(events / run / bare_rate)
        bare_best = max(bare_best, bare_rate)
        build_best, run_best = min(build_best, build), min(run_best, run)
    rate = events / run_best
    return BenchResult(
        label=label,
        events=events,
        build_ms=build_best * 1000,
        run_ms=run_best * 1000,
        events_per_s=rate,
        bare_events_per_s=bare_best,
        ratio_to_bare=statistics.median(ratios),
        ratio_of_best=rate / bare_best,
    )


def scaling(base: Scenario, factor: int, repeats: int) -> float:
    """Median over pairs of runs of (events/s at ``factor`` x) / (events/s at 1x)."""
    big = scaled(base, factor)
    small_events = count_events(lambda env: World(base, env=env).run())
    big_events = count_events(lambda env: World(big, env=env).run())
    shares = []
    for _ in range(repeats):
        small = small_events / _timed_model(base)[1]
        shares.append(big_events / _timed_model(big)[1] / small)
    return statistics.median(shares)


def run_benchmark(
    scenario: Scenario | None = None,
    factors: tuple[int, ...] = (1, 10, 100),
    repeats: int = 15,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Measure the model against bare SimPy; return a JSON-ready report.

    Args:
        scenario: Base scenario (the default when None).
        factors: Scale factors of customers and managers to measure.
        repeats: Pairs of timed runs per measurement (fewer at 100x).
        progress: Called with a line of text as each measurement finishes.
    """
    base = Scenario() if scenario is None else scenario
    say = progress or (lambda _line: None)
    bare_events = count_events(bare_loop)
    results = []
    for factor in factors:
        this = base if factor == 1 else scaled(base, factor)
        reps = repeats if factor <= 10 else max(1, repeats // 5)
        result = measure(this, f"{factor}x customers", reps, bare_events)
        results.append(result)
        say(
            f"{result.label:>16}: {result.events:>8,d} events, build {result.build_ms:8.1f} ms, "
            f"run {result.run_ms:8.1f} ms, {result.events_per_s:>10,.0f} events/s, "
            f"bare {result.bare_events_per_s:>10,.0f} events/s, ratio {result.ratio_to_bare:.2f} "
            f"(median of {reps} pairs; {result.ratio_of_best:.2f} of the best times)"
        )
    relative = {}
    for factor in factors:
        if factor == 1:
            continue
        relative[f"{factor}x customers"] = share = scaling(base, factor, repeats if factor <= 10 else 3)
        say(f"{factor:>6}x customers: events/s are {share:.0%} of the 1x rate (median of paired runs)")
    return {
        "bare_events": bare_events,
        "results": [asdict(r) for r in results],
        "events_per_s_relative_to_1x": relative,
    }
