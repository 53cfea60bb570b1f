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
from pathlib import Path

from sim.curriculum import ROOT
from sim.release import build_release

APPS_DIR = ROOT / "apps"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def prepare_app_dir(out: str | Path) -> Path:
    """Build the folder Voila serves: the trainee notebooks and the apps; return its notebooks folder."""
    target = Path(out)
    build_release(target)
    notebooks = target / "notebooks"
    for app in sorted(APPS_DIR.rglob("*.ipynb")):
        destination = notebooks / app.relative_to(APPS_DIR)
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
        ValueError: when serving beyond this machine without a token.
    """
    if token is None and not is_loopback(host):
        raise ValueError(f"host = {host}: serving on the network needs a token (drop --no-token)")
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


def app_environment() -> dict[str, str]:
    """Environment of the app server: panels run replications serially (many pages share the machine)."""
    env = dict(os.environ)
    env.setdefault("CRM_SIM_BACKEND", "serial")
    env.setdefault("MPLBACKEND", "Agg")
    return env
