"""Serve the curriculum as web apps with Voila: trainee labs and a staffing planner, no code shown.

The app folder is the trainee release (notebooks without solutions) plus the
notebooks of ``apps/``. By default the server listens on 127.0.0.1 only and asks
for a token; serving a classroom on the local network is an explicit choice
(``--host 0.0.0.0``), and then a token is mandatory.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sim import resources
from sim.course.release import build_release
from sim.scenario import problem

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def prepare_app_dir(out: str | Path) -> Path:
    """Build the folder Voila serves: the trainee notebooks and the apps; return its notebooks folder."""
    target = Path(out)
    build_release(target)
    notebooks = target / "notebooks"
    apps = resources.folder("apps")
    for app in sorted(apps.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in app.parts:
            continue
        destination = notebooks / app.relative_to(apps)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(app, destination)
    return notebooks


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def voila_command(notebooks: Path, host: str, port: int, token: str | None, voila: str = "voila") -> list[str]:
    """The command line that serves ``notebooks`` with Voila.

    Raises:
        ScenarioError: when serving beyond this machine without a token.
    """
    if token is None and not is_loopback(host):
        raise problem("host", host, "course.network_needs_token")
    command = [
        voila,
        str(notebooks),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--no-browser",
        "--Voila.port_retries=0",
        "--VoilaConfiguration.show_tracebacks=False",
    ]
    command.append(f"--token={token}" if token is not None else "--token=")
    return command


def new_token() -> str:
    """A random token for the app server."""
    return secrets.token_urlsafe(24)


def voila_executable() -> str:
    """The ``voila`` program of this Python environment."""
    return shutil.which("voila") or str(Path(sys.executable).with_name("voila"))


@dataclass(frozen=True)
class AppServer:
    """A Voila app server ready to start: its command line and the addresses to give trainees.

    Attributes:
        command: The command line that serves the app folder.
        labs_url: Where the trainee labs and apps are listed.
        planner_url: The staffing planner.
    """

    command: list[str]
    labs_url: str
    planner_url: str

    def serve(self) -> int:
        """Serve until stopped (Ctrl+C); return the server's exit code."""
        return subprocess.call(self.command, env=app_environment())


def app_server(directory: str | Path, host: str, port: int, token: str | None) -> AppServer:
    """Prepare the app folder and the command that serves it on ``host:port``.

    Raises:
        ScenarioError: for a port outside 1 to 65535, or serving beyond this machine without a token.
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise problem("port", port, "error.between", low=1, high=65535)
    voila_command(Path("."), host, port, token)  # refuse a network address without a token before writing anything
    notebooks = prepare_app_dir(directory)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    suffix = f"?token={token}" if token else ""
    base = f"http://{shown}:{port}/voila"
    return AppServer(
        voila_command(notebooks, host, port, token, voila_executable()),
        f"{base}/tree{suffix}",
        f"{base}/render/staffing_planner.ipynb{suffix}",
    )


def app_environment() -> dict[str, str]:
    """Environment of the app server: panels run replications serially (many pages share the machine)."""
    env = dict(os.environ)
    env.setdefault("CRM_SIM_BACKEND", "serial")
    env.setdefault("MPLBACKEND", "Agg")
    return env
