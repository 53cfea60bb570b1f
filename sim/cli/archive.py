"""``archive`` (check, anonymize, generate) and ``calibrate``: the CRM archive from the command line."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sim.cli.common import Parser
from sim.i18n import t
from sim.scenario import Scenario, load_scenario, problem, save_scenario


def add_commands(commands: argparse._SubParsersAction, parents: list[Parser]) -> None:
    """Register the commands of this group."""
    archive = commands.add_parser(
        "archive", parents=parents, help="check, anonymise or generate a CRM archive (CSV folder or .xlsx)"
    )
    actions = archive.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser, required=True)
    check = actions.add_parser("check", parents=parents, help="load an archive and report every bad row")
    check.add_argument("path", type=Path, help="a folder of CSV files or one .xlsx workbook")
    check.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")
    check.set_defaults(handler=command_check)
    anon = actions.add_parser(
        "anonymize", parents=parents, help="replace names, contacts and ids with keyed pseudonyms"
    )
    anon.add_argument("source", type=Path, help="archive to read (folder or .xlsx)")
    anon.add_argument("out", type=Path, help="where to write (folder or .xlsx)")
    anon.add_argument("--key-file", type=Path, required=True, help="secret key file (created with --new-key)")
    anon.add_argument("--new-key", action="store_true", help="create the key file first (it must not exist)")
    anon.add_argument("--no-date-shift", action="store_true", help="keep the dates as they are")
    anon.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")
    anon.set_defaults(handler=command_anonymize)
    gen = actions.add_parser("generate", parents=parents, help="write a synthetic archive from a simulation run")
    gen.add_argument("--scenario", type=Path, help="scenario YAML (default: built-in)")
    gen.add_argument("--years", type=int, default=1, help="simulated years, 1 to 10 (default 1)")
    gen.add_argument("--start", default="2025-01-01", help="calendar date of day 0 (default 2025-01-01)")
    gen.add_argument("--seed", type=int, help="seed (default: the scenario's)")
    gen.add_argument("--out", type=Path, required=True, help="folder for CSV files, or a .xlsx file")
    gen.set_defaults(handler=command_generate)

    calib = commands.add_parser("calibrate", parents=parents, help="estimate scenario parameters from an archive")
    calib.add_argument("path", type=Path, help="the archive (folder of CSV files or .xlsx)")
    calib.add_argument("--out", type=Path, required=True, help="scenario YAML to write")
    calib.add_argument("--branch-list", default="2024", help="service-branch list version (2016 or 2024)")
    calib.set_defaults(handler=command_calibrate)


def _print_report(archive: object) -> None:
    for report in archive.reports.values():
        print(report.line())
        for warning in report.warnings:
            print(f"  {t('cli.warning')}: {warning}")
    for error in archive.errors:
        print(f"  {error}")


def command_check(args: argparse.Namespace) -> int:
    """Load an archive row by row and report every bad row; exit 1 when any row was rejected."""
    from sim.archive import load

    archive = load(args.path, args.branch_list)
    _print_report(archive)
    return 0 if archive.clean else 1


def command_anonymize(args: argparse.Namespace) -> int:
    """Replace names, contacts and ids with keyed pseudonyms and shift the dates."""
    from sim.archive import anonymize, load, new_key_file, read_key_file, write_archive

    if args.new_key:
        if args.key_file.exists():
            raise problem("key_file", str(args.key_file), "cli.key_exists")
        key = new_key_file(args.key_file)
    else:
        key = read_key_file(args.key_file)
    archive = load(args.source, args.branch_list)
    _print_report(archive)
    write_archive(anonymize(archive, key, shift_dates=not args.no_date_shift), args.out)
    print(t("cli.wrote_anonymised", out=args.out, key=args.key_file))
    return 0


def command_generate(args: argparse.Namespace) -> int:
    """Write a synthetic archive from a simulation run."""
    from sim.archive import simulated_archive, write_archive

    scenario = load_scenario(args.scenario) if args.scenario is not None else Scenario()
    try:
        start = date.fromisoformat(args.start)
    except ValueError:
        raise problem("start", args.start, "cli.not_a_date") from None
    tables = simulated_archive(scenario, args.years, start, args.seed)
    write_archive(tables, args.out)
    counts = ", ".join(f"{len(rows)} {t(f'archive_table.{name}')}" for name, rows in tables.items())
    print(t("cli.wrote_synthetic", counts=counts, out=args.out))
    return 0


def command_calibrate(args: argparse.Namespace) -> int:
    """Estimate scenario parameters from an archive, with intervals; write the calibrated scenario."""
    from sim.archive import calibrate, calibrated_scenario, estimates_table, load

    archive = load(args.path, args.branch_list)
    _print_report(archive)
    estimates = calibrate(archive)
    print(estimates_table(estimates))
    thin = [e.parameter for e in estimates if e.thin]
    if thin:
        print(t("cli.thin", count=len(thin)))
    save_scenario(calibrated_scenario(estimates, archive), args.out)
    print(t("cli.wrote", out=args.out))
    return 0
