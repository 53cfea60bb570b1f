"""Installed from a wheel, outside the repository, the toolkit finds its own files and every command works.

The wheel is built from this checkout and installed, without its dependencies,
into a fresh virtual environment; the dependencies come from the test's own
environment through a path file (which does not carry the checkout's editable
install along). Every command then runs from an empty folder elsewhere.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(python of a fresh environment holding only the wheel, an empty folder outside the repository)."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(base / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((base / "dist").glob("crm_training_sim-*.whl"))
    venv.create(base / "env", with_pip=False)
    python = base / "env" / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return python, elsewhere


def sim(installed: tuple[Path, Path], *args: str) -> subprocess.CompletedProcess:
    python, elsewhere = installed
    return subprocess.run([str(python), "-m", "sim", *args], capture_output=True, text=True, cwd=elsewhere, timeout=300)


def where(installed: tuple[Path, Path], code: str) -> str:
    python, elsewhere = installed
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=elsewhere, check=True)
    return out.stdout.strip()


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    python, _ = installed
    package = Path(where(installed, "import sim; print(sim.__file__)"))
    assert python.parent.parent in package.parents and ROOT not in package.parents
    data = Path(where(installed, "from sim import resources; print(resources.folder('data'))"))
    assert data.name == "_data" and python.parent.parent in data.parents


def test_every_command_works_from_the_wheel(installed):
    _, elsewhere = installed
    sample = where(installed, "from sim import resources; print(resources.path('data', 'archive_sample'))")
    assert sim(installed, "run", "--days", "30").returncode == 0
    checked = sim(installed, "archive", "check", sample)
    assert checked.returncode == 0, checked.stderr
    assert "rows read" in checked.stdout
    calibrated = sim(installed, "calibrate", sample, "--out", "calibrated.yaml")
    assert calibrated.returncode == 0, calibrated.stderr
    assert (elsewhere / "calibrated.yaml").exists()
    released = sim(installed, "release", "release")
    assert released.returncode == 0, released.stderr
    assert len(list((elsewhere / "release" / "notebooks").rglob("*.ipynb"))) >= 18
    assert not (elsewhere / "release" / "curriculum" / "solutions").exists()
    count = where(installed, "from sim.course import load_catalog, load_syllabus; print(len(load_catalog()))")
    assert int(count) > 10


def test_a_missing_packaged_file_is_named(installed):
    branches = Path(where(installed, "from sim import resources; print(resources.folder('data'))")) / "branches"
    target = branches / "service_branches.yaml"
    hidden = target.with_suffix(".hidden")
    target.rename(hidden)
    try:
        sample = where(installed, "from sim import resources; print(resources.path('data', 'archive_sample'))")
        out = sim(installed, "archive", "check", sample)
    finally:
        hidden.rename(target)
    assert out.returncode == 2
    assert "service_branches.yaml" in out.stderr and len(out.stderr.strip().splitlines()) == 1
