"""Curriculum texts shown in a notebook (the display side of :mod:`sim.curriculum`)."""

from __future__ import annotations

from IPython.display import Markdown

from sim.curriculum import objectives_markdown


def show_objectives(module_id: str) -> Markdown:
    """Display a module's objectives, in the current language, from the syllabus."""
    return Markdown(objectives_markdown(module_id))
