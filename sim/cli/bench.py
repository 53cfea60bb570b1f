"""``bench``: the model's speed against bare SimPy, sweeps on each backend, a panel's Run button, a page's imports.

The benchmarks themselves live in the source checkout's ``benchmarks/`` folder,
outside the package: they are for the people who work on the toolkit, and an
installed wheel does not carry them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

from sim import resources
from sim.cli.common import Parser
from sim.scenario import NO_VALUE, problem


def add_commands(commands: argparse._SubParsersAction, parents: list[Parser]) -> None:
    """Register the commands of this group."""
    bench = commands.add_parser(
        "bench", parents=parents, help="events per second of the model against bare SimPy (and other timings)"
    )
    bench.add_argument("--repeats", type=int, default=15, help="timed pairs per measurement (default 15)")
    bench.add_argument(
        "--factors", default="1,10,100", help="customer scale factors to measure, comma separated (default 1,10,100)"
    )
    bench.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    bench.add_argument(
        "--sweep", action="store_true", help="time a 200-run sweep on serial, processes and dask (2 workers) instead"
    )
    bench.add_argument("--sweep-runs", type=int, default=200, help="runs in the timed sweep (default 200)")
    bench.add_argument("--grid-reps", type=int, default=0, help="with --sweep: also time the 3x3x3 grid at N reps")
    bench.add_argument(
        "--widget", action="store_true", help="time a panel's Run button: 10 replications on the process pool"
    )
    bench.add_argument(
        "--import",
        dest="imports",
        action="store_true",
        help="time and measure importing what a lab page needs, in fresh processes",
    )
    bench.set_defaults(handler=command_bench)


def benchmark(name: str) -> ModuleType:
    """A module of the checkout's ``benchmarks`` package.

    Raises:
        ScenarioError: when this installation has no source checkout beside it.
    """
    checkout = resources.package_dir().parent
    if (checkout / "benchmarks" / "__init__.py").exists() and str(checkout) not in sys.path:
        sys.path.insert(0, str(checkout))
    try:
        return importlib.import_module(f"benchmarks.{name}")
    except ModuleNotFoundError:
        raise problem("bench", NO_VALUE, "cli.bench_needs_checkout") from None


def _whole_numbers(text: str) -> tuple[int, ...]:
    try:
        factors = tuple(int(f) for f in text.split(","))
    except ValueError:
        factors = ()
    if not factors or any(f < 1 for f in factors):
        raise problem("factors", text, "cli.whole_numbers")
    return factors


def command_bench(args: argparse.Namespace) -> int:
    """Run the chosen benchmark, print its lines, and optionally keep the report as JSON."""
    if args.repeats < 1:
        raise problem("repeats", args.repeats, "error.at_least", low=1)
    if args.widget:
        report = benchmark("widget").widget_benchmark(progress=print)
    elif args.sweep:
        if args.sweep_runs < 1:
            raise problem("sweep_runs", args.sweep_runs, "error.at_least", low=1)
        if args.grid_reps < 0:
            raise problem("grid_reps", args.grid_reps, "error.at_least", low=0)
        report = benchmark("sweeps").sweep_benchmark(runs=args.sweep_runs, grid_reps=args.grid_reps, progress=print)
    elif args.imports:
        report = benchmark("imports").lab_import(progress=print)
    else:
        factors = _whole_numbers(args.factors)
        report = benchmark("speed").run_benchmark(factors=factors, repeats=args.repeats, progress=print)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0
