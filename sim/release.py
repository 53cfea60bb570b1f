"""Build the trainee release (no solutions) and the HTML handouts.

The trainee release copies the notebooks without the cells tagged ``solution``
(nbgrader's ``solution`` metadata is honoured too), the curriculum without its
``solutions/`` and ``facilitator/`` folders, and the data; everything a trainee
needs, nothing a trainee should not see. Handouts are the notebooks executed
and rendered to HTML with nbconvert.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from sim.curriculum import ROOT

TRAINER_ONLY = ("solutions", "facilitator")


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """Whether a notebook cell is a reference solution (tag ``solution`` or nbgrader solution metadata)."""
    tags = cell.get("metadata", {}).get("tags", [])
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return "solution" in tags or bool(nbgrader.get("solution"))


def strip_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook without solution cells and without outputs."""
    copy = nbformat.from_dict(notebook)
    copy.cells = [cell for cell in copy.cells if not is_solution(cell)]
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return copy


def build_release(out: str | Path, root: Path = ROOT) -> list[Path]:
    """Write the trainee release into ``out`` (emptied first); return the files written.

    Raises:
        ValueError: when ``out`` is the project itself or inside its notebooks or curriculum.
    """
    target = Path(out).resolve()
    if (
        target == root
        or root / "notebooks" in (target, *target.parents)
        or root / "curriculum"
        in (
            target,
            *target.parents,
        )
    ):
        raise ValueError(f"out = {target}: choose a folder outside the project's notebooks and curriculum")
    if target.exists():
        shutil.rmtree(target)
    written: list[Path] = []
    (target / "notebooks").mkdir(parents=True)
    for source in sorted((root / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in source.parts:
            continue
        notebook = strip_solutions(nbformat.read(source, as_version=4))
        path = target / "notebooks" / source.relative_to(root / "notebooks")
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        written.append(path)
    ignore = shutil.ignore_patterns(*TRAINER_ONLY, "__pycache__")
    shutil.copytree(root / "curriculum", target / "curriculum", ignore=ignore)
    shutil.copytree(root / "data", target / "data", ignore=shutil.ignore_patterns("__pycache__"))
    written += [p for p in (target / "curriculum").rglob("*") if p.is_file()]
    written += [p for p in (target / "data").rglob("*") if p.is_file()]
    return written


def build_handouts(out: str | Path, modules: list[str] | None = None, root: Path = ROOT) -> list[Path]:
    """Execute the trainee notebooks and write one HTML handout per module into ``out``.

    Args:
        out: Folder for the HTML files.
        modules: Module ids to render (default: all notebooks).
        root: The project folder.
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    written = []
    for source in sorted((root / "notebooks").glob("*.ipynb")):
        if modules and source.stem not in modules:
            continue
        notebook = strip_solutions(nbformat.read(source, as_version=4))
        ExecutePreprocessor(timeout=600, kernel_name="python3").preprocess(
            notebook, {"metadata": {"path": str(root / "notebooks")}}
        )
        body, _ = exporter.from_notebook_node(notebook)
        path = target / f"{source.stem}.html"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written
