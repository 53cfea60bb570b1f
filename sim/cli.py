"""Command line: ``python -m sim run | scenario | bench``.

Parsing and printing only; every number comes from :mod:`sim`. Bad input ends
with exit code 2 and one line on standard error that names the problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sim.scenario import (
    Scenario,
    ScenarioError,
    field_specs,
    load_scenario,
    parse_assignments,
    scenario_to_yaml,
)

EXIT_BAD_INPUT = 2

_DESCRIPTION = """\
Relationship-marketing simulation toolkit.

Commands:
  run       simulate a scenario once and print its KPIs (order intake, visit
            compliance, after-sales times, satisfaction, manager utilisation)
  scenario  show a scenario as YAML after validation, or list every field
            with its unit, default and allowed range
  bench     measure the model's speed against bare SimPy

Run 'python -m sim COMMAND --help' for the options of a command.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario", nargs="?", type=Path, help="scenario YAML file (default: the built-in default scenario)"
    )
    parser.add_argument("--seed", type=int, help="seed of the random streams (overrides the scenario's)")
    parser.add_argument("--days", type=int, help="horizon in days (overrides horizon_days)")
    parser.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="change one field, e.g. --set managers.count=10 --set visit_policy.implementation.max_days=7 "
        "(repeatable; values are read as YAML, 'null' switches off a stage's visits)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m sim``."""
    parser = _Parser(
        prog="python -m sim", description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="simulate a scenario and print its KPIs")
    _add_scenario_options(run)
    run.add_argument("--format", choices=("table", "json"), default="table", help="how to print the KPIs")
    run.add_argument("--out", type=Path, help="write the visits, issues, opportunities, ... as CSV files here")

    scenario = commands.add_parser("scenario", help="show a validated scenario or list its fields")
    scenario.add_argument("action", choices=("show", "fields"), help="'show' prints YAML; 'fields' lists ranges")
    _add_scenario_options(scenario)

    bench = commands.add_parser("bench", help="events per second of the model against bare SimPy")
    bench.add_argument("--repeats", type=int, default=5, help="repeats per measurement, best kept (default 5)")
    bench.add_argument(
        "--factors", default="1,10,100", help="customer scale factors to measure, comma separated (default 1,10,100)"
    )
    bench.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    return parser


def _scenario_from(args: argparse.Namespace) -> Scenario:
    base = load_scenario(args.scenario) if args.scenario is not None else Scenario()
    changes = parse_assignments(args.assignments)
    if args.seed is not None:
        changes["seed"] = args.seed
    if args.days is not None:
        changes["horizon_days"] = args.days
    return base.with_values(changes) if changes else base


def _command_run(args: argparse.Namespace) -> int:
    from sim.results import run

    scenario = _scenario_from(args)
    results = run(scenario)
    if args.format == "json":
        print(results.to_json())
    else:
        print(f"{scenario.name} | seed {results.seed} | {scenario.horizon_days} days")
        print(results.kpi_table())
    if args.out is not None:
        written = results.write_csv(args.out)
        print(f"wrote {len(written)} CSV files to {args.out}", file=sys.stderr)
    return 0


def _command_scenario(args: argparse.Namespace) -> int:
    scenario = _scenario_from(args)
    if args.action == "show":
        print(scenario_to_yaml(scenario), end="")
        return 0
    for spec in field_specs(Scenario, scenario):
        if spec.kind == "choice":
            allowed = " | ".join(str(c) for c in spec.choices)
        elif spec.low is not None or spec.high is not None:
            low = "" if spec.low is None else f"{'' if spec.low_inclusive else '>'}{spec.low:g}"
            high = "" if spec.high is None else f"{spec.high:g}"
            allowed = f"{low}..{high}"
        else:
            allowed = spec.kind
        print(f"{spec.path}\t{spec.default}\t{allowed}\t{spec.unit}\t{spec.doc}")
    return 0


def _command_bench(args: argparse.Namespace) -> int:
    from sim.bench import run_benchmark

    try:
        factors = tuple(int(f) for f in args.factors.split(","))
    except ValueError:
        factors = ()
    if args.repeats < 1 or not factors or any(f < 1 for f in factors):
        print("python -m sim bench: error: --repeats and --factors must be positive whole numbers", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = run_benchmark(factors=factors, repeats=args.repeats, progress=print)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m sim``; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    handlers = {"run": _command_run, "scenario": _command_scenario, "bench": _command_bench}
    try:
        return handlers[args.command](args)
    except ScenarioError as exc:
        print(f"python -m sim {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"python -m sim {args.command}: error: {exc.strerror or exc}: {exc.filename}", file=sys.stderr)
        return EXIT_BAD_INPUT
