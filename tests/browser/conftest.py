"""Fixtures for browser tests: Debian's Chromium driven by Playwright, servers on free loopback ports.

In CI (``CI`` set) a missing Chromium is a failure; elsewhere the tests are
skipped with the command that installs it. No browser is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        message = (
            "Chromium is missing: install Debian's with 'sudo apt-get install chromium' (no browser is downloaded)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message}; in CI the browser tests must run (.ci/run installs it)")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@contextmanager
def serving(command: list[str], ready_path: str, port: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run a server command until the block ends; yields its base URL once ``ready_path`` answers 200."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}{ready_path}")
        yield base
    finally:
        _stop(process)


@contextmanager
def app_serving(directory: Path, token: str) -> Iterator[str]:
    """The Voila app server (trainee labs and staffing planner) on a free loopback port, as `make app` runs it."""
    from sim.course.apps import app_environment, prepare_app_dir, voila_command

    notebooks = prepare_app_dir(directory)
    port = free_port()
    voila = str(Path(sys.executable).with_name("voila"))
    command = voila_command(notebooks, "127.0.0.1", port, token, voila)
    with serving(command, f"/voila/tree?token={token}", port, app_environment()) as base:
        yield base


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, chromium_path: str) -> Iterator[tuple[str, str]]:
    """The app server for the browser tests, with a token."""
    token = "browser-test-token"
    with app_serving(tmp_path_factory.mktemp("app"), token) as base:
        yield base, token


@pytest.fixture(scope="session")
def lab_server() -> Iterator[tuple[str, str]]:
    """JupyterLab on the curriculum, on a free loopback port with a token, as `make lab` starts it."""
    port, token = free_port(), "lab-test-token"
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    command = [
        jupyter,
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.token={token}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={ROOT / 'notebooks'}",
    ]
    with serving(command, f"/api/status?token={token}", port) as base:
        yield base, token
