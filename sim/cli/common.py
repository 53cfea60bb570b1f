"""What every command shares: the parser, the language option, flags read from records, one error style.

Every bad input, whether argparse finds it or the toolkit does, ends the same
way: one line on standard error, ``python -m sim COMMAND: error: ...`` in the
chosen language, and exit code 2 (:data:`EXIT_BAD_INPUT`). argparse's own
messages are mapped onto catalog texts by :func:`argparse_problem`.

Flags that set a validated record (a staffing request, a backend) are made from
the record's declared fields by :func:`add_record_flags`: their help shows the
declared unit, range and default, and the value is validated by the record, so
a flag and a page's slider accept exactly the same values.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel

from sim.i18n import LANGUAGES, Text
from sim.scenario import NO_VALUE, Problem, Scenario, ScenarioError, field_specs, load_scenario, parse_assignments

EXIT_BAD_INPUT = 2
PROGRAM = "python -m sim"

_ARGUMENT = re.compile(r"^argument (?P<argument>[^:]+): (?P<rest>.*)$")
_INVALID_VALUE = re.compile(r"^invalid (?P<type>\w+) value: (?P<value>.*)$")
_INVALID_CHOICE = re.compile(r"^invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$")
_REQUIRED = re.compile(r"^the following arguments are required: (?P<arguments>.*)$")
_UNRECOGNIZED = re.compile(r"^unrecognized arguments: (?P<arguments>.*)$")


def argparse_problem(message: str) -> Problem:
    """Argparse's English message as a problem with a catalog key, so it is shown in the chosen language."""
    argument, rest = "", message
    match = _ARGUMENT.match(message)
    if match:
        argument, rest = match["argument"], match["rest"]
    if match := _INVALID_VALUE.match(rest):
        kind = {"int": "int", "float": "float"}.get(match["type"], "string")
        return Problem(
            argument, match["value"].strip("'"), "cli.invalid_value", {"expected": Text(f"error.type_{kind}")}
        )
    if match := _INVALID_CHOICE.match(rest):
        return Problem(argument, match["value"].strip("'"), "cli.invalid_choice", {"choices": match["choices"]})
    if match := _REQUIRED.match(rest):
        return Problem("", NO_VALUE, "cli.required", {"arguments": match["arguments"]})
    if match := _UNRECOGNIZED.match(rest):
        return Problem("", NO_VALUE, "cli.unrecognized", {"arguments": match["arguments"]})
    if rest == "expected one argument":
        return Problem(argument, NO_VALUE, "cli.expects_value")
    return Problem(argument, NO_VALUE, "cli.bad_arguments", {"detail": rest})


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are raised as :class:`~sim.scenario.ScenarioError` (one line, exit 2)."""

    def error(self, message: str) -> NoReturn:
        """Raise argparse's complaint as a problem in the chosen language (argparse prints and exits instead)."""
        error = ScenarioError([argparse_problem(message)])
        error.program = self.prog  # type: ignore[attr-defined]  # the command it happened in, for the message
        raise error


def language_options() -> Parser:
    """The option every command takes: ``--lang en`` or ``--lang zh-CN`` (a parent parser)."""
    parser = Parser(add_help=False)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the output (default: the CRM_LANG environment variable, else en)",
    )
    return parser


def add_record_flags(
    parser: argparse.ArgumentParser, record: type[BaseModel], names: list[str], required: tuple[str, ...] = ()
) -> None:
    """One flag per record field (``past_sales`` becomes ``--past-sales``), its help from the declaration.

    The flag's value is only parsed here (whole number, number or text); the
    record validates it, with the same message a page shows.
    """
    specs = {spec.path: spec for spec in field_specs(record)}
    for name in names:
        spec = specs[name]
        flag = "--" + name.replace("_", "-")
        parse: Any = {"int": int, "float": float}.get(spec.kind, str)
        low = "" if spec.low is None else f"{'>' if not spec.low_inclusive else '>='} {spec.low:g}"
        high = "" if spec.high is None else f"{'<' if not spec.high_inclusive else '<='} {spec.high:g}"
        limits = ", ".join(part for part in (low, high) if part)
        details = "; ".join(part for part in (spec.unit, limits) if part)
        default = "" if name in required or spec.default is None else f"; default {spec.default:g}"
        help_text = f"{spec.doc} ({details}{default})" if details or default else spec.doc
        parser.add_argument(flag, dest=name, type=parse, required=name in required, help=help_text.replace("%", "%%"))


def given(args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    """The flags of ``names`` that were given on the command line (the rest keep the record's defaults)."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    """A scenario file, and changes to it: ``--seed``, ``--days``, ``--set path=value``."""
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


def scenario_from(args: argparse.Namespace) -> Scenario:
    """The scenario the options describe, validated.

    Raises:
        ScenarioError: for an unreadable file or any invalid field.
    """
    base = load_scenario(args.scenario) if args.scenario is not None else Scenario()
    changes = parse_assignments(args.assignments)
    if args.seed is not None:
        changes["seed"] = args.seed
    if args.days is not None:
        changes["horizon_days"] = args.days
    return base.with_values(changes) if changes else base


def add_backend_options(parser: argparse.ArgumentParser, default: str = "serial") -> None:
    """Where replications run: ``--backend``, ``--workers``, ``--scheduler`` (a :class:`~sim.experiments.Backend`)."""
    from sim.experiments.backend import Backend

    parser.add_argument(
        "--backend",
        choices=("serial", "processes", "dask"),
        default=default,
        help=f"where replications run (default {default}): one core, all cores, or a Dask cluster",
    )
    add_record_flags(parser, Backend, ["workers", "scheduler"])


def backend_from(args: argparse.Namespace) -> Any:
    """The :class:`~sim.experiments.Backend` the options describe, validated."""
    from sim.experiments.backend import Backend

    return Backend.of(args.backend, **given(args, ["workers", "scheduler"]))
