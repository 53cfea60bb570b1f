"""The house: imports flow one way between rooms, and only the UI room loads UI libraries.

Rooms, lowest first (a room may import rooms below it, never above; two rooms on
one floor do not import each other):

    0  resources, stages            the toolkit's files, stage names
    0.5 i18n                        messages in each language
    1  scenario                     validated records
    2  model, theory                the SimPy world; closed forms
    3  results
    3.5 the ``sim`` package's own entry points (``sim.run``, ``sim.Scenario``)
    4  experiments                  replications, comparisons, sweeps, backends
    5  staffing, archive
    6  ui                           widgets and charts
    7  course                       curriculum, exercises, release, apps
    8  cli                          ``python -m sim``

Every import is read from the source, including imports inside functions and
under ``TYPE_CHECKING``: a lazy import still ties one room to another.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sim"

ROOMS = {
    "sim.resources": ("resources", 0),
    "sim.i18n": ("i18n", 0.5),
    "sim.stages": ("stages", 0),
    "sim.scenario": ("scenario", 1),
    "sim.model": ("model", 2),
    "sim.theory": ("theory", 2),
    "sim": ("api", 3.5),
    "sim.results": ("results", 3),
    "sim.experiments": ("experiments", 4),
    "sim.staffing": ("staffing", 5),
    "sim.archive": ("archive", 5),
    "sim.ui": ("ui", 6),
    "sim.course": ("course", 7),
    "sim.cli": ("cli", 8),
    "sim.__main__": ("cli", 8),
}
UI_LIBRARIES = ("ipywidgets", "matplotlib", "IPython")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room(name: str) -> tuple[str, int]:
    """The room of a module: the longest prefix listed in ROOMS."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in ROOMS:
            return ROOMS[prefix]
    raise AssertionError(f"{name} is in no room: add it to ROOMS and to the README's layout")


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative).with_suffix(".py").exists() or (ROOT / relative / "__init__.py").exists()


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, with the line: ``from sim import resources`` counts as ``sim.resources``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.append((node.lineno, candidate if is_module(candidate) else node.module))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    mine, floor = room(module_name(path))
    for line, imported in imports(path):
        if imported.split(".")[0] != "sim":
            continue
        theirs, their_floor = room(imported)
        assert their_floor < floor or theirs == mine, (
            f"{path.relative_to(ROOT)}:{line}: {mine} (floor {floor}) imports {imported}, "
            f"{theirs} (floor {their_floor}): rooms import only rooms below them"
        )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_ui_room_and_above_load_ui_libraries(path):
    _, floor = room(module_name(path))
    if floor >= ROOMS["sim.ui"][1]:
        return
    for line, imported in imports(path):
        assert imported.split(".")[0] not in UI_LIBRARIES, f"{path.relative_to(ROOT)}:{line} imports {imported}"


def test_every_subpackage_is_in_a_room_and_shipped():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(project["tool"]["setuptools"]["packages"])
    for init in PACKAGE.rglob("__init__.py"):
        name = module_name(init)
        room(name)
        assert name in shipped, f"{name} is not in pyproject.toml's packages: a wheel would leave it out"


def test_importing_the_command_line_loads_no_ui_library_and_no_heavy_library():
    code = (
        "import sys, sim.cli; sim.cli.build_parser(); "
        "heavy = ('ipywidgets', 'matplotlib', 'IPython', 'pandas', 'scipy', 'dask'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_a_lab_page_loads_no_heavy_library_before_it_runs_anything():
    code = (
        "import sys, sim, sim.ui, sim.course.widgets; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'scipy', 'dask', 'nbformat') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_layout_test_sees_a_wrong_import(tmp_path):
    """The direction check itself: a model module importing the UI would be caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from sim.ui import ScenarioEditor\nimport matplotlib\n", encoding="utf-8")
    found = dict((name, line) for line, name in imports(bad))
    assert room("sim.ui")[1] > room("sim.model.world")[1] and "sim.ui" in found and "matplotlib" in found
