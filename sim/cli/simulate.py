"""``run``, ``compare``, ``sweep`` and ``scenario``: simulate, compare, sweep and inspect scenarios."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from sim.cli.common import (
    Parser,
    add_backend_options,
    add_scenario_options,
    backend_from,
    scenario_from,
)
from sim.i18n import get_language, has, t, unit_name
from sim.results.tables import interval, kpi_label
from sim.scenario import Scenario, field_specs, problem, scenario_to_yaml


def add_commands(commands: argparse._SubParsersAction, parents: list[Parser]) -> None:
    """Register the commands of this group."""
    run = commands.add_parser("run", parents=parents, help="simulate a scenario and print its KPIs")
    add_scenario_options(run)
    run.add_argument("--format", choices=("table", "json"), default="table", help="how to print the KPIs")
    run.add_argument("--out", type=Path, help="write the visits, issues, opportunities, ... as CSV files here")
    run.add_argument(
        "--reps",
        type=int,
        default=1,
        help="replications: with 2 or more, print KPI means with 95%% confidence intervals",
    )
    add_backend_options(run)
    run.set_defaults(handler=command_run)

    comp = commands.add_parser(
        "compare", parents=parents, help="compare values of one field under common random numbers"
    )
    add_scenario_options(comp)
    comp.add_argument(
        "--vary",
        required=True,
        metavar="PATH=V1,V2,...",
        help="the field and its values, the first is the baseline; e.g. meeting.cadence_days=14,7,28,0",
    )
    comp.add_argument("--reps", type=int, default=30, help="replications per value (default 30)")
    comp.add_argument(
        "--kpis",
        default="order_intake,visit_compliance,satisfaction_mean,lead_wait_days_mean",
        help="KPIs to show, comma separated",
    )
    comp.add_argument("--format", choices=("table", "json"), default="table", help="how to print the result")
    add_backend_options(comp)
    comp.set_defaults(handler=command_compare)

    sweep = commands.add_parser("sweep", parents=parents, help="run a grid of scenario variants, replicated")
    sweep.add_argument("grid", type=Path, help="grid YAML: 'grid:' maps field paths to lists of values")
    sweep.add_argument("--reps", type=int, help="replications per grid point (default: the file's, else 10)")
    sweep.add_argument("--seed", type=int, help="root seed of the replications (default: the file's or scenario's)")
    sweep.add_argument("--out", type=Path, help="results file, .csv or .parquet; an interrupted sweep resumes from it")
    sweep.add_argument("--no-progress", action="store_true", help="do not show the progress bar")
    add_backend_options(sweep, default="processes")
    sweep.set_defaults(handler=command_sweep)

    scenario = commands.add_parser("scenario", parents=parents, help="show a validated scenario or list its fields")
    scenario.add_argument("action", choices=("show", "fields"), help="'show' prints YAML; 'fields' lists ranges")
    add_scenario_options(scenario)
    scenario.set_defaults(handler=command_scenario)


def command_run(args: argparse.Namespace) -> int:
    """Simulate once (KPI table or JSON), or replicate (means with intervals)."""
    from sim.experiments import check_reps
    from sim.results import run

    scenario = scenario_from(args)
    check_reps(args.reps, low=1)
    backend = backend_from(args)
    if args.reps > 1:
        return _run_replicated(args, scenario, backend)
    results = run(scenario)
    if args.format == "json":
        print(results.to_json())
    else:
        print(t("cli.run_heading", name=scenario.name, seed=results.seed, days=scenario.horizon_days))
        print(results.kpi_table())
    if args.out is not None:
        written = results.write_csv(args.out)
        print(t("cli.wrote_csv", count=len(written), out=args.out), file=sys.stderr)
    return 0


def _run_replicated(args: argparse.Namespace, scenario: Scenario, backend: object) -> int:
    from sim.experiments import replicate

    reps = replicate(scenario, reps=args.reps, backend=backend)
    if args.format == "json":
        summary = reps.summary.reset_index()
        data = {
            "scenario": scenario.name,
            "seed": scenario.seed,
            "reps": args.reps,
            "kpis": json.loads(summary.to_json(orient="records")),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(t("cli.reps_heading", name=scenario.name, seed=scenario.seed, days=scenario.horizon_days, reps=args.reps))
        print(reps.table())
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        reps.runs.to_csv(args.out / "replications.csv", index=False)
        reps.summary.to_csv(args.out / "summary.csv")
        print(t("cli.wrote_reps", out=args.out), file=sys.stderr)
    return 0


def _variations(text: str) -> tuple[str, list[object]]:
    """``path=v1,v2,...`` as the path and its values (read as YAML)."""
    path, sep, raw = text.partition("=")
    if not sep or not path or not raw:
        raise problem("vary", text, "cli.vary_form")
    try:
        values = [yaml.safe_load(v) for v in raw.split(",")]
    except yaml.YAMLError:
        raise problem("vary", text, "error.unreadable_value") from None
    if len(values) < 2:
        raise problem("vary", text, "cli.vary_two")
    return path.strip(), values


def command_compare(args: argparse.Namespace) -> int:
    """Compare values of one field under common random numbers: means and paired differences."""
    from sim.experiments import compare
    from sim.results import KPI_UNITS

    scenario = scenario_from(args)
    path, values = _variations(args.vary)
    kpis = [k.strip() for k in args.kpis.split(",") if k.strip()]
    unknown = [k for k in kpis if k not in KPI_UNITS]
    if unknown or not kpis:
        raise problem("kpis", unknown[0] if unknown else args.kpis, "error.not_a_kpi")
    variants = {f"{path}={v}": scenario.with_values({path: v}) for v in values}
    result = compare(variants, reps=args.reps, backend=backend_from(args))
    labels = list(variants)
    if args.format == "json":
        data = {
            "baseline": labels[0],
            "reps": args.reps,
            "means": json.loads(result.summary.reset_index().to_json(orient="records")),
            "differences": json.loads(result.differences.reset_index().to_json(orient="records")),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(t("cli.compare_heading", reps=args.reps, baseline=labels[0]))
    for kpi in kpis:
        print(f"\n{kpi_label(kpi)} ({unit_name(KPI_UNITS[kpi])})")
        width = max(len(label) for label in labels)
        for label in labels:
            row = result.summary.loc[(label, kpi)]
            line = f"  {label:<{width}}  {t('cli.mean')} {interval(row['mean'], row['ci_low'], row['ci_high'])}"
            if label != labels[0]:
                d = result.differences.loc[(label, kpi)]
                difference = interval(d["difference"], d["ci_low"], d["ci_high"], signed=True)
                line += f"  {t('cli.difference')} {difference}"
            print(line)
    return 0


def command_sweep(args: argparse.Namespace) -> int:
    """Run every combination of a grid file's values, replicated; print the means per point."""
    from sim.experiments import GridFile, load_grid, sweep
    from sim.scenario import validate

    spec, base = load_grid(args.grid)
    overrides = {key: getattr(args, key) for key in ("reps", "seed") if getattr(args, key) is not None}
    if overrides:
        spec = validate(GridFile, {**spec.model_dump(), **overrides})
    frame = sweep(
        base,
        spec.grid,
        reps=spec.reps,
        seed=spec.seed,
        backend=backend_from(args),
        out=args.out,
        progress=not args.no_progress,
    )
    paths = list(spec.grid)
    shown = ["order_intake", "target_attainment", "visit_compliance", "manager_utilisation", "satisfaction_mean"]
    table = frame.groupby("point")[paths].first().join(frame.groupby("point")[shown].mean().round(3))
    if get_language() != "en":
        table = table.rename(columns=lambda c: t(f"kpi.{c}") if has(f"kpi.{c}") else c)
    print(table.to_string(index=False))
    if args.out is not None:
        print(t("cli.wrote_runs", count=len(frame), out=args.out), file=sys.stderr)
    return 0


def command_scenario(args: argparse.Namespace) -> int:
    """Print a validated scenario as YAML, or list every field with its default, range, unit and meaning."""
    scenario = scenario_from(args)
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
        doc = " ".join(spec.doc.split())
        print(f"{spec.path}\t{spec.default}\t{allowed}\t{spec.unit}\t{doc}")
    return 0
