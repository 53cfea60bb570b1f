"""Build the trainee release: the notebooks without solutions, the curriculum without the trainer's folders.

The trainee release copies the notebooks without the cells tagged ``solution``
(nbgrader's ``solution`` metadata is honoured too), the curriculum without its
``solutions/`` and ``facilitator/`` folders, and the data; everything a trainee
needs, nothing a trainee should not see. It is built from the toolkit's own
files (:mod:`sim.resources`), so it works the same from a checkout and from an
installed wheel.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sim import resources
from sim.scenario import problem

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

TRAINER_ONLY = ("solutions", "facilitator")
_NOT_SHIPPED = ("__pycache__", "__init__.py", ".ipynb_checkpoints")


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """Whether a notebook cell is a reference solution (tag ``solution`` or nbgrader solution metadata)."""
    tags = cell.get("metadata", {}).get("tags", [])
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return "solution" in tags or bool(nbgrader.get("solution"))


def strip_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook without solution cells and without outputs."""
    import nbformat

    copy = nbformat.from_dict(notebook)
    copy.cells = [cell for cell in copy.cells if not is_solution(cell)]
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return copy


def _protected(target: Path) -> bool:
    """Whether emptying ``target`` would delete the toolkit's own files.

    That is: ``target`` is one of the packaged folders or the package, lies inside one, or holds one.
    """
    own = [resources.folder(name).resolve() for name in resources.FOLDERS]
    own.append(resources.package_dir().resolve())
    return any(target == folder or folder in target.parents or target in folder.parents for folder in own)


def build_release(out: str | Path) -> list[Path]:
    """Write the trainee release into ``out`` (emptied first); return the files written.

    Raises:
        ScenarioError: when ``out`` is one of the toolkit's own folders or inside one.
    """
    import nbformat

    target = Path(out).resolve()
    if _protected(target):
        raise problem("out", str(out), "course.release_inside")
    if target.exists():
        shutil.rmtree(target)
    written: list[Path] = []
    (target / "notebooks").mkdir(parents=True)
    notebooks = resources.folder("notebooks")
    for source in sorted(notebooks.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in source.parts:
            continue
        notebook = strip_solutions(nbformat.read(source, as_version=4))
        path = target / "notebooks" / source.relative_to(notebooks)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        written.append(path)
    shutil.copytree(
        resources.folder("curriculum"),
        target / "curriculum",
        ignore=shutil.ignore_patterns(*TRAINER_ONLY, *_NOT_SHIPPED),
    )
    shutil.copytree(resources.folder("data"), target / "data", ignore=shutil.ignore_patterns(*_NOT_SHIPPED))
    written += [p for p in (target / "curriculum").rglob("*") if p.is_file()]
    written += [p for p in (target / "data").rglob("*") if p.is_file()]
    return written
