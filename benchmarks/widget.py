"""A panel's Run button without a browser: 10 replications on the warm persistent process pool.

python -m sim bench --widget
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sim.scenario import Scenario


def widget_benchmark(reps: int = 10, repeats: int = 10, progress: Callable[[str], None] | None = None) -> dict:
    """Time a compare panel's Run button on the default scenario with the persistent process pool.

    The pool is started and warmed first (it persists across a notebook session);
    the callback is the panels' own function, called without a browser.
    """
    import statistics

    from sim.experiments import replicate
    from sim.ui.compare import compare_callback

    say = progress or (lambda _line: None)
    base = Scenario()
    compare_callback({"A": base, "B": base}, reps=2, backend="processes")  # start and warm the pool

    single, paired = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        replicate(base, reps=reps, backend="processes")
        single.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        compare_callback({"A": base, "B": base.with_values({"managers.count": 6})}, reps=reps, backend="processes")
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
