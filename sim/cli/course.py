"""``release``, ``handouts``, ``results`` and ``app``: the course's files, records and web apps."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.common import Parser
from sim.i18n import t
from sim.scenario import problem


def add_commands(commands: argparse._SubParsersAction, parents: list[Parser]) -> None:
    """Register the commands of this group."""
    release = commands.add_parser(
        "release", parents=parents, help="build the trainee release (notebooks without solutions)"
    )
    release.add_argument("out", type=Path, help="folder to write (emptied first)")
    release.set_defaults(handler=command_release)

    handouts = commands.add_parser("handouts", parents=parents, help="execute the notebooks and write HTML handouts")
    handouts.add_argument("out", type=Path, help="folder for the HTML files")
    handouts.add_argument("--modules", help="module ids, comma separated (default: all)")
    handouts.set_defaults(handler=command_handouts)

    results = commands.add_parser(
        "results", parents=parents, help="gather trainees' exercise results into one CSV per session"
    )
    results.add_argument("action", choices=("collect",), help="collect: merge the results files of a session")
    results.add_argument("directory", type=Path, help="the results folder (one sub-folder per session)")
    results.add_argument("--session", help="the session id (default: every session)")
    results.add_argument("--out", type=Path, required=True, help="CSV file to write")
    results.set_defaults(handler=command_results)

    reference = commands.add_parser(
        "reference", parents=parents, help="compute the numbers the course materials quote, from fixed seeds"
    )
    reference.add_argument("--out", type=Path, help="file to write (default: the curriculum's reference.yaml)")
    reference.add_argument("--sections", help="sections to compute, comma separated (default: all)")
    reference.set_defaults(handler=command_reference)

    app = commands.add_parser(
        "app", parents=parents, help="serve the trainee labs and the staffing planner as web apps (Voila)"
    )
    app.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    app.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    app.add_argument("--token", help="access token (default: a new random token, printed)")
    app.add_argument("--no-token", action="store_true", help="no token (only allowed on 127.0.0.1)")
    app.add_argument("--dir", type=Path, default=Path("build/app"), help="folder for the served notebooks")
    app.set_defaults(handler=command_app)


def command_release(args: argparse.Namespace) -> int:
    """Build the trainee release: notebooks without solutions, curriculum without the trainer's folders."""
    from sim.course.release import build_release

    written = build_release(args.out)
    print(t("cli.wrote_release", out=args.out, count=len(written)))
    return 0


def command_handouts(args: argparse.Namespace) -> int:
    """Execute the notebooks and write one HTML handout per module."""
    from sim.course.handouts import build_handouts

    modules = [m.strip() for m in args.modules.split(",")] if args.modules else None
    written = build_handouts(args.out, modules)
    if not written:
        raise problem("modules", args.modules, "cli.no_notebook")
    print(t("cli.wrote_handouts", count=len(written), out=args.out))
    return 0


def command_results(args: argparse.Namespace) -> int:
    """Merge the results files of a session (or of all sessions) into one CSV."""
    from sim.course.session import collect, write_collected

    if not args.directory.is_dir():
        raise problem("directory", str(args.directory), "cli.not_a_folder")
    rows = collect(args.directory, args.session)
    write_collected(rows, args.out)
    trainees = len({r["trainee_id"] for r in rows})
    print(t("cli.wrote_answers", count=len(rows), trainees=trainees, out=args.out))
    return 0


def command_reference(args: argparse.Namespace) -> int:
    """Compute the reference results (all sections, or those named) and write them, keeping the quotes."""
    from sim.course.reference import build_reference, reference_file, section_names, write_reference

    sections = [s.strip() for s in args.sections.split(",")] if args.sections else None
    unknown = [s for s in sections or [] if s not in section_names()]
    if unknown:
        raise problem("sections", unknown[0], "cli.unknown_section", known=", ".join(section_names()))
    results = build_reference(sections)
    target = args.out or reference_file()
    write_reference(results, target)  # sections not rebuilt keep their stored values
    print(t("cli.wrote", out=target))
    return 0


def command_app(args: argparse.Namespace) -> int:
    """Serve the labs and the staffing planner with Voila until stopped."""
    from sim.course.apps import app_server, new_token

    token = None if args.no_token else (args.token or new_token())
    server = app_server(args.dir, args.host, args.port, token)
    print(t("cli.app_labs", url=server.labs_url))
    print(t("cli.app_planner", url=server.planner_url))
    print(t("cli.stop"), flush=True)
    return server.serve()
