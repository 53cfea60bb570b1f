"""Command line: ``python -m sim COMMAND ...``; parsing and printing only, every number comes from the library.

One module per group of commands (:mod:`~sim.cli.simulate`, :mod:`~sim.cli.staffing`,
:mod:`~sim.cli.archive`, :mod:`~sim.cli.course`, :mod:`~sim.cli.bench`). Every
command takes ``--lang en`` or ``--lang zh-CN``. Bad input of any kind ends with
one line on standard error and exit code 2; importing this package loads no UI library.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sim.cli import archive, bench, course, simulate, staffing
from sim.cli.common import EXIT_BAD_INPUT, PROGRAM, Parser, language_options
from sim.i18n import set_language, t
from sim.resources import MissingResource
from sim.scenario import ScenarioError

DESCRIPTION = """\
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
  bench     measure the model's speed against bare SimPy, and a lab page's import cost

Run 'python -m sim COMMAND --help' for the options of a command.
"""


def build_parser() -> Parser:
    """The argument parser of ``python -m sim``."""
    parents = [language_options()]
    parser = Parser(
        prog=PROGRAM,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=parents,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in (simulate, staffing, course, archive, bench):
        group.add_commands(commands, parents)
    return parser


def _report(program: str, message: str) -> int:
    print(f"{program}: {t('cli.error')}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m sim``; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    program = PROGRAM
    try:
        # The language first (with the same option every command has), so that even a parse error is in it.
        language, _ = language_options().parse_known_args(arguments)
        if language.lang is not None:
            set_language(language.lang)
        args = build_parser().parse_args(arguments)
        if args.command is None:
            build_parser().print_help()
            return 0
        program = " ".join(part for part in (PROGRAM, args.command, getattr(args, "action", None)) if part)
        return args.handler(args)
    except ScenarioError as error:
        return _report(getattr(error, "program", program), error.render())
    except MissingResource as error:
        return _report(program, t("error.missing_resource", path=error.path))
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error of ours; silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        return _report(program, t("error.os", reason=error.strerror or error, file=error.filename or ""))
