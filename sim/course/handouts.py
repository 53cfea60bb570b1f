"""Handouts: the trainee notebooks executed and rendered to HTML, one per module.

Built with nbconvert from the toolkit's own notebooks (:mod:`sim.resources`),
without the solution cells, in the language of each notebook folder.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from sim import resources
from sim.course.release import strip_solutions


def build_handouts(out: str | Path, modules: list[str] | None = None) -> list[Path]:
    """Execute the trainee notebooks and write one HTML handout per module into ``out``.

    Args:
        out: Folder for the HTML files.
        modules: Module ids to render (default: all notebooks).
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    written = []
    notebooks = resources.folder("notebooks")
    for source in sorted(notebooks.glob("*.ipynb")):
        if modules and source.stem not in modules:
            continue
        notebook = strip_solutions(nbformat.read(source, as_version=4))
        ExecutePreprocessor(timeout=600, kernel_name="python3").preprocess(
            notebook, {"metadata": {"path": str(notebooks)}}
        )
        body, _ = exporter.from_notebook_node(notebook)
        path = target / f"{source.stem}.html"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written
