"""Command line: ``python -m sim run | scenario | bench``.

Parsing and printing only; every number comes from :mod:`sim`. Bad input ends
with exit code 2 and one line on standard error that names the problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sim.i18n import t
from sim.scenario import (
    Problem,
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
  compare   compare values of one field (e.g. the meeting cadence) under
            common random numbers: means and paired differences with CIs
  sweep     run every combination of a grid of scenario fields, replicated,
            on one core, all cores or a Dask cluster; resumable
  staffing  how many customer managers for a sales target: the paper's rule,
            workload, simulation (risk curve) and return on one more manager
  release   build the trainee release: notebooks without solution cells
  handouts  execute the notebooks and write one HTML handout per module
  app       serve the trainee labs and the staffing planner as web apps
  archive   check (row by row), anonymise or generate a CRM archive
  calibrate estimate scenario parameters from an archive
  results   gather trainees' exercise results into one CSV per session
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


def _add_backend_options(parser: argparse.ArgumentParser, default: str = "serial") -> None:
    parser.add_argument(
        "--backend",
        choices=("serial", "processes", "dask"),
        default=default,
        help=f"where replications run (default {default}): one core, all cores, or a Dask cluster",
    )
    parser.add_argument("--workers", type=int, help="worker processes for --backend processes (default: all cores)")
    parser.add_argument("--scheduler", help="Dask scheduler address for --backend dask, e.g. tcp://127.0.0.1:8786")


def _backend_options(args: argparse.Namespace) -> dict[str, object]:
    if args.workers is not None and args.workers < 1:
        raise ScenarioError([Problem("workers", args.workers, "must be at least 1")])
    if args.backend == "dask" and not args.scheduler:
        raise ScenarioError([Problem("scheduler", None, "--backend dask needs --scheduler ADDRESS")])
    return {"backend": args.backend, "workers": args.workers, "scheduler": args.scheduler}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m sim``."""
    parser = _Parser(
        prog="python -m sim",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Every command takes --lang en or --lang zh-CN (default: the CRM_LANG environment variable, else en).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="simulate a scenario and print its KPIs")
    _add_scenario_options(run)
    run.add_argument("--format", choices=("table", "json"), default="table", help="how to print the KPIs")
    run.add_argument("--out", type=Path, help="write the visits, issues, opportunities, ... as CSV files here")
    run.add_argument(
        "--reps",
        type=int,
        default=1,
        help="replications: with 2 or more, print KPI means with 95%% confidence intervals",
    )
    _add_backend_options(run)

    comp = commands.add_parser("compare", help="compare values of one field under common random numbers")
    _add_scenario_options(comp)
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
    _add_backend_options(comp)

    sweep = commands.add_parser("sweep", help="run a grid of scenario variants, replicated")
    sweep.add_argument("grid", type=Path, help="grid YAML: 'grid:' maps field paths to lists of values")
    sweep.add_argument("--reps", type=int, help="replications per grid point (default: the file's, else 10)")
    sweep.add_argument("--seed", type=int, help="root seed of the replications (default: the file's or scenario's)")
    sweep.add_argument("--out", type=Path, help="results file, .csv or .parquet; an interrupted sweep resumes from it")
    sweep.add_argument("--no-progress", action="store_true", help="do not show the progress bar")
    _add_backend_options(sweep, default="processes")

    staffing = commands.add_parser("staffing", help="how many customer managers for a sales target")
    staffing.add_argument("--target", type=float, required=True, help="order intake target (wan CNY)")
    staffing.add_argument("--past-sales", type=float, required=True, help="last period's order intake (wan CNY)")
    staffing.add_argument("--past-managers", type=int, required=True, help="managers who made those sales")
    staffing.add_argument("--growth", type=float, required=True, help="growth of sales per manager, e.g. 0.1")
    staffing.add_argument("--scenario", type=Path, help="scenario YAML to simulate (default: built-in)")
    staffing.add_argument("--confidence", type=float, default=0.8, help="probability of reaching the target (0.8)")
    staffing.add_argument("--reps", type=int, default=40, help="replications per head-count (default 40)")
    staffing.add_argument(
        "--candidates", help="head-counts to simulate, e.g. 6-12 or 6,8,10 (default: around the rules)"
    )
    staffing.add_argument("--format", choices=("table", "json"), default="table", help="how to print the answer")
    _add_backend_options(staffing)

    scenario = commands.add_parser("scenario", help="show a validated scenario or list its fields")
    scenario.add_argument("action", choices=("show", "fields"), help="'show' prints YAML; 'fields' lists ranges")
    _add_scenario_options(scenario)

    release = commands.add_parser("release", help="build the trainee release (notebooks without solutions)")
    release.add_argument("out", type=Path, help="folder to write (emptied first)")

    handouts = commands.add_parser("handouts", help="execute the notebooks and write HTML handouts")
    handouts.add_argument("out", type=Path, help="folder for the HTML files")
    handouts.add_argument("--modules", help="module ids, comma separated (default: all)")

    app = commands.add_parser("app", help="serve the trainee labs and the staffing planner as web apps (Voila)")
    app.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    app.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    app.add_argument("--token", help="access token (default: a new random token, printed)")
    app.add_argument("--no-token", action="store_true", help="no token (only allowed on 127.0.0.1)")
    app.add_argument("--dir", type=Path, default=Path("build/app"), help="folder for the served notebooks")

    archive = commands.add_parser("archive", help="check, anonymise or generate a CRM archive (CSV folder or .xlsx)")
    actions = archive.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    check = actions.add_parser("check", help="load an archive and report every bad row")
    check.add_argument("path", type=Path, help="a folder of CSV files or one .xlsx workbook")
    check.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")
    anon = actions.add_parser("anonymize", help="replace names, contacts and ids with keyed pseudonyms")
    anon.add_argument("source", type=Path, help="archive to read (folder or .xlsx)")
    anon.add_argument("out", type=Path, help="where to write (folder or .xlsx)")
    anon.add_argument("--key-file", type=Path, required=True, help="secret key file (created with --new-key)")
    anon.add_argument("--new-key", action="store_true", help="create the key file first (it must not exist)")
    anon.add_argument("--no-date-shift", action="store_true", help="keep the dates as they are")
    anon.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")
    gen = actions.add_parser("generate", help="write a synthetic archive from a simulation run")
    gen.add_argument("--scenario", type=Path, help="scenario YAML (default: built-in)")
    gen.add_argument("--years", type=int, default=1, help="simulated years (default 1)")
    gen.add_argument("--start", default="2025-01-01", help="calendar date of day 0 (default 2025-01-01)")
    gen.add_argument("--seed", type=int, help="seed (default: the scenario's)")
    gen.add_argument("--out", type=Path, required=True, help="folder for CSV files, or a .xlsx file")

    calib = commands.add_parser("calibrate", help="estimate scenario parameters from an archive")
    calib.add_argument("path", type=Path, help="the archive (folder of CSV files or .xlsx)")
    calib.add_argument("--out", type=Path, required=True, help="scenario YAML to write")
    calib.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")

    results = commands.add_parser("results", help="gather trainees' exercise results into one CSV per session")
    results.add_argument("action", choices=("collect",), help="collect: merge the results files of a session")
    results.add_argument("directory", type=Path, help="the results folder (one sub-folder per session)")
    results.add_argument("--session", help="the session id (default: every session)")
    results.add_argument("--out", type=Path, required=True, help="CSV file to write")

    bench = commands.add_parser("bench", help="events per second of the model against bare SimPy")
    bench.add_argument("--repeats", type=int, default=5, help="repeats per measurement, best kept (default 5)")
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
    if args.reps < 1:
        raise ScenarioError([Problem("reps", args.reps, "must be at least 1")])
    if args.reps > 1:
        return _run_replicated(args, scenario)
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


def _run_replicated(args: argparse.Namespace, scenario: Scenario) -> int:
    from sim.experiments import replicate

    reps = replicate(scenario, reps=args.reps, **_backend_options(args))
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


def _command_compare(args: argparse.Namespace) -> int:
    import yaml

    from sim.experiments import compare
    from sim.results import KPI_UNITS

    scenario = _scenario_from(args)
    path, sep, raw = args.vary.partition("=")
    if not sep or not path or not raw:
        raise ScenarioError([Problem("vary", args.vary, "give PATH=V1,V2,... with at least two values")])
    values = [yaml.safe_load(v) for v in raw.split(",")]
    if len(values) < 2:
        raise ScenarioError([Problem("vary", args.vary, "give at least two values to compare")])
    kpis = [k.strip() for k in args.kpis.split(",") if k.strip()]
    unknown = [k for k in kpis if k not in KPI_UNITS]
    if unknown:
        raise ScenarioError([Problem("kpis", unknown[0], "not a KPI (see python -m sim run)")])
    if args.reps < 2:
        raise ScenarioError([Problem("reps", args.reps, "at least 2 replications are needed")])
    variants = {f"{path}={v}": scenario.with_values({path: v}) for v in values}
    result = compare(variants, reps=args.reps, **_backend_options(args))
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
    from sim.i18n import get_language, unit_name

    print(t("cli.compare_heading", reps=args.reps, baseline=labels[0]))
    for kpi in kpis:
        name = kpi if get_language() == "en" else f"{t('kpi.' + kpi)} {kpi}"
        unit = unit_name(KPI_UNITS[kpi])
        print(f"\n{name} ({unit})")
        for label in labels:
            row = result.summary.loc[(label, kpi)]
            line = f"  {label:<32} {t('cli.mean')} {row['mean']:>10.3f}  [{row['ci_low']:.3f}, {row['ci_high']:.3f}]"
            if label != labels[0]:
                d = result.differences.loc[(label, kpi)]
                line += f"  {t('cli.difference')} {d['difference']:+.3f} [{d['ci_low']:+.3f}, {d['ci_high']:+.3f}]"
            print(line)
    return 0


def _command_sweep(args: argparse.Namespace) -> int:
    import yaml

    from sim.experiments import sweep

    try:
        spec = yaml.safe_load(args.grid.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        raise ScenarioError([Problem("grid", str(args.grid), "is not valid YAML")]) from None
    if not isinstance(spec, dict) or not isinstance(spec.get("grid"), dict):
        raise ScenarioError([Problem("grid", str(args.grid), "needs a 'grid:' mapping of field paths to value lists")])
    unknown = sorted(set(spec) - {"grid", "scenario", "reps", "seed"})
    if unknown:
        raise ScenarioError(
            [Problem(unknown[0], spec[unknown[0]], "unknown key (allowed: grid, scenario, reps, seed)")]
        )
    base = Scenario()
    if spec.get("scenario"):
        base = load_scenario(args.grid.parent / spec["scenario"])
    reps = args.reps if args.reps is not None else spec.get("reps", 10)
    seed = args.seed if args.seed is not None else spec.get("seed")
    if not isinstance(reps, int) or reps < 1:
        raise ScenarioError([Problem("reps", reps, "must be a whole number, at least 1")])
    frame = sweep(
        base,
        spec["grid"],
        reps=reps,
        seed=seed,
        out=args.out,
        progress=not args.no_progress,
        **_backend_options(args),
    )
    paths = list(spec["grid"])
    shown = ["order_intake", "target_attainment", "visit_compliance", "manager_utilisation", "satisfaction_mean"]
    means = frame.groupby("point")[shown].mean()
    values = frame.groupby("point")[paths].first()
    table = values.join(means.round(3))
    from sim.i18n import get_language, has

    if get_language() != "en":
        table = table.rename(columns=lambda c: t(f"kpi.{c}") if has(f"kpi.{c}") else c)
    print(table.to_string(index=False))
    if args.out is not None:
        print(t("cli.wrote_runs", count=len(frame), out=args.out), file=sys.stderr)
    return 0


def _parse_candidates(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        if "-" in text:
            low, high = (int(part) for part in text.split("-", 1))
            return list(range(low, high + 1))
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise ScenarioError([Problem("candidates", text, "give a range like 6-12 or a list like 6,8,10")]) from None


def _command_staffing(args: argparse.Namespace) -> int:
    from sim.staffing import plan_staffing

    scenario = load_scenario(args.scenario) if args.scenario is not None else Scenario()
    plan = plan_staffing(
        args.target,
        args.past_sales,
        args.past_managers,
        args.growth,
        scenario,
        confidence=args.confidence,
        reps=args.reps,
        candidates=_parse_candidates(args.candidates),
        **_backend_options(args),
    )
    if args.format == "json":
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(plan.table())
    return 0


def _command_release(args: argparse.Namespace) -> int:
    from sim.release import build_release

    try:
        written = build_release(args.out)
    except ValueError as error:
        raise ScenarioError([Problem("out", str(args.out), str(error).split(": ", 1)[-1])]) from None
    print(t("cli.wrote_release", out=args.out, count=len(written)))
    return 0


def _command_handouts(args: argparse.Namespace) -> int:
    from sim.release import build_handouts

    modules = [m.strip() for m in args.modules.split(",")] if args.modules else None
    written = build_handouts(args.out, modules)
    if not written:
        raise ScenarioError([Problem("modules", args.modules, "no notebook matches")])
    print(t("cli.wrote_handouts", count=len(written), out=args.out))
    return 0


def _command_app(args: argparse.Namespace) -> int:
    import shutil as _shutil
    import subprocess

    from sim.apps import app_environment, new_token, prepare_app_dir, voila_command

    if not 1 <= args.port <= 65535:
        raise ScenarioError([Problem("port", args.port, "must be between 1 and 65535")])
    token = None if args.no_token else (args.token or new_token())
    voila = _shutil.which("voila") or str(Path(sys.executable).with_name("voila"))
    try:
        command = voila_command(Path("."), args.host, args.port, token, voila)
    except ValueError as error:
        raise ScenarioError([Problem("host", args.host, str(error).split(": ", 1)[-1])]) from None
    notebooks = prepare_app_dir(args.dir)
    command[1] = str(notebooks)
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    suffix = f"?token={token}" if token else ""
    print(t("cli.app_labs", url=f"http://{shown}:{args.port}/voila/tree{suffix}"))
    print(t("cli.app_planner", url=f"http://{shown}:{args.port}/voila/render/staffing_planner.ipynb{suffix}"))
    print(t("cli.stop"), flush=True)
    return subprocess.call(command, env=app_environment())


def _load_archive(path: Path, branch_list: str):
    from sim.archive import load

    try:
        return load(path, branch_list)
    except FileNotFoundError:
        raise ScenarioError([Problem("path", str(path), "does not exist")]) from None
    except KeyError as error:
        raise ScenarioError([Problem("branch_list", branch_list, str(error).strip("'\""))]) from None


def _print_report(archive) -> None:
    for report in archive.reports.values():
        print(report.line())
        for warning in report.warnings:
            print(f"  {t('cli.warning')}: {warning}")
    for error in archive.errors:
        print(f"  {error}")


def _command_archive(args: argparse.Namespace) -> int:
    from datetime import date

    from sim.archive import anonymize, export_results, new_key_file, read_key_file, write_archive

    if args.action == "check":
        archive = _load_archive(args.path, args.branch_list)
        _print_report(archive)
        return 0 if archive.clean else 1
    if args.action == "anonymize":
        if args.new_key:
            if args.key_file.exists():
                raise ScenarioError(
                    [Problem("key_file", str(args.key_file), "exists already; drop --new-key to use it")]
                )
            key = new_key_file(args.key_file)
        else:
            try:
                key = read_key_file(args.key_file)
            except (OSError, ValueError) as error:
                raise ScenarioError([Problem("key_file", str(args.key_file), str(error))]) from None
        archive = _load_archive(args.source, args.branch_list)
        _print_report(archive)
        write_archive(anonymize(archive, key, shift_dates=not args.no_date_shift), args.out)
        print(t("cli.wrote_anonymised", out=args.out, key=args.key_file))
        return 0
    scenario = load_scenario(args.scenario) if args.scenario is not None else Scenario()
    if not 1 <= args.years <= 10:
        raise ScenarioError([Problem("years", args.years, "must be between 1 and 10")])
    try:
        start = date.fromisoformat(args.start)
    except ValueError:
        raise ScenarioError([Problem("start", args.start, "is not a date like 2025-01-01")]) from None
    changes: dict[str, object] = {"horizon_days": 365 * args.years}
    if args.seed is not None:
        changes["seed"] = args.seed
    from sim.results import run

    results = run(scenario.with_values(changes))
    tables = export_results(results, start)
    write_archive(tables, args.out)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in tables.items())
    print(t("cli.wrote_synthetic", counts=counts, out=args.out))
    return 0


def _command_calibrate(args: argparse.Namespace) -> int:
    from sim.archive import calibrate, calibrated_scenario, estimates_table

    archive = _load_archive(args.path, args.branch_list)
    _print_report(archive)
    try:
        estimates = calibrate(archive)
    except ValueError as error:
        raise ScenarioError([Problem("path", str(args.path), str(error))]) from None
    print(estimates_table(estimates))
    thin = [e.parameter for e in estimates if e.thin]
    if thin:
        print(t("cli.thin", count=len(thin)))
    from sim.scenario import save_scenario

    save_scenario(calibrated_scenario(estimates, archive), args.out)
    print(t("cli.wrote", out=args.out))
    return 0


def _command_results(args: argparse.Namespace) -> int:
    from sim.exercises import collect, write_collected

    if not args.directory.is_dir():
        raise ScenarioError([Problem("directory", str(args.directory), "is not a folder")])
    try:
        rows = collect(args.directory, args.session)
    except ValueError as error:
        raise ScenarioError([Problem("directory", str(args.directory), str(error))]) from None
    write_collected(rows, args.out)
    trainees = len({r["trainee_id"] for r in rows})
    print(t("cli.wrote_answers", count=len(rows), trainees=trainees, out=args.out))
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
        doc = " ".join(spec.doc.split())
        print(f"{spec.path}\t{spec.default}\t{allowed}\t{spec.unit}\t{doc}")
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
    if args.widget:
        from sim.bench import widget_benchmark

        report = widget_benchmark(progress=print)
    elif args.sweep:
        from sim.bench import sweep_benchmark

        if args.sweep_runs < 1 or args.grid_reps < 0:
            print("python -m sim bench: error: --sweep-runs must be >= 1 and --grid-reps >= 0", file=sys.stderr)
            return EXIT_BAD_INPUT
        report = sweep_benchmark(runs=args.sweep_runs, grid_reps=args.grid_reps, progress=print)
    else:
        report = run_benchmark(factors=factors, repeats=args.repeats, progress=print)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _take_language(argv: list[str]) -> tuple[list[str], str | None]:
    """Remove ``--lang X`` (or ``--lang=X``) from anywhere in the arguments; return the rest and X."""
    rest: list[str] = []
    language = None
    items = iter(argv)
    for item in items:
        if item == "--lang":
            language = next(items, "")
        elif item.startswith("--lang="):
            language = item.split("=", 1)[1]
        else:
            rest.append(item)
    return rest, language


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m sim``; returns the exit code."""
    from sim.i18n import LANGUAGES, set_language

    parser = build_parser()
    arguments, language = _take_language(list(sys.argv[1:] if argv is None else argv))
    if language is not None:
        if language not in LANGUAGES:
            parser.error(f"--lang {language!r}: choose one of {', '.join(LANGUAGES)}")
        set_language(language)
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help()
        return 0
    handlers = {
        "run": _command_run,
        "scenario": _command_scenario,
        "compare": _command_compare,
        "sweep": _command_sweep,
        "staffing": _command_staffing,
        "bench": _command_bench,
        "release": _command_release,
        "handouts": _command_handouts,
        "results": _command_results,
        "app": _command_app,
        "archive": _command_archive,
        "calibrate": _command_calibrate,
    }
    try:
        return handlers[args.command](args)
    except ScenarioError as exc:
        from sim.i18n import t

        print(f"python -m sim {args.command}: {t('cli.error')}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error of ours; silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"python -m sim {args.command}: error: {exc.strerror or exc}: {exc.filename}", file=sys.stderr)
        return EXIT_BAD_INPUT
