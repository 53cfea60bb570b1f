"""``staffing``: how many customer managers for a sales target, four ways, with the risk curve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sim.cli.common import Parser, add_backend_options, add_record_flags, backend_from, given
from sim.i18n import t
from sim.scenario import load_scenario, problem, validate
from sim.staffing import StaffingRequest, plan

_FLAGS = [
    "target",
    "past_sales",
    "past_managers",
    "growth",
    "customers",
    "deal_size",
    "cost_per_manager",
    "margin",
    "confidence",
    "reps",
    "max_reps",
]
_REQUIRED = ("target", "past_sales", "past_managers", "growth")


def add_commands(commands: argparse._SubParsersAction, parents: list[Parser]) -> None:
    """Register the commands of this group."""
    staffing = commands.add_parser("staffing", parents=parents, help="how many customer managers for a sales target")
    add_record_flags(staffing, StaffingRequest, _FLAGS, required=_REQUIRED)
    staffing.add_argument(
        "--scenario",
        type=Path,
        help="the organisation as a scenario YAML (e.g. written by 'sim calibrate ARCHIVE'); default: the default "
        "institute scaled to --past-managers, --customers, --deal-size and calibrated to --past-sales",
    )
    staffing.add_argument(
        "--candidates", help="head-counts to simulate, e.g. 6-12 or 6,8,10 (default: around the rules)"
    )
    staffing.add_argument("--format", choices=("table", "json"), default="table", help="how to print the answer")
    staffing.add_argument(
        "--html", type=Path, help="also write a printable one-page summary (HTML, in the --lang language) to this file"
    )
    add_backend_options(staffing)
    staffing.set_defaults(handler=command_staffing)


def candidates(text: str | None) -> list[int] | None:
    """``6-12`` or ``6,8,10`` as a list of head-counts (None when not given).

    Raises:
        ScenarioError: for anything else.
    """
    if text is None:
        return None
    try:
        if "-" in text:
            low, high = (int(part) for part in text.split("-", 1))
            return list(range(low, high + 1))
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise problem("candidates", text, "cli.candidates_form") from None


def command_staffing(args: argparse.Namespace) -> int:
    """The four staffing methods on the request the flags describe."""
    values = given(args, _FLAGS)
    if "reps" in values and "max_reps" not in values:
        values["max_reps"] = 4 * values["reps"]  # as plan_staffing: up to four times the replications asked for
    request = validate(StaffingRequest, {**values, "candidates": candidates(args.candidates)})
    # Without a scenario file, the organisation is the default institute scaled to the numbers given.
    scenario = load_scenario(args.scenario) if args.scenario is not None else None
    answer = plan(request, scenario, backend=backend_from(args))
    if args.format == "json":
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(answer.table())
    if args.html is not None:
        from sim.ui.report import staffing_summary_html  # charts: loaded only when a summary is asked for

        args.html.write_text(staffing_summary_html(answer), encoding="utf-8")
        print(t("cli.wrote", out=args.html), file=sys.stderr)
    return 0
