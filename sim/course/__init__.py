"""The course wing: the curriculum as data, self-checking exercises, releases, handouts, and serving the labs.

It depends on the library (scenario to ui), never the reverse. Widgets of the
course live in :mod:`sim.course.widgets`, imported by the notebooks that show
them, so that the command line can build a release without loading ipywidgets.
"""

from sim.course.cases import Case, case_keys, load_case
from sim.course.catalog import (
    PREDICT_CHOICES,
    Exercise,
    Feedback,
    answer_hash,
    check,
    computed_value,
    load_catalog,
    predicted_direction,
    simulated_band,
)
from sim.course.release import build_release, is_solution, strip_solutions
from sim.course.session import Session, collect, current_session, start_session, write_collected
from sim.course.syllabus import load_syllabus, module, objectives_markdown, syllabus_table
from sim.course.texts import document, localized

__all__ = [
    "PREDICT_CHOICES",
    "Case",
    "Exercise",
    "Feedback",
    "Session",
    "answer_hash",
    "build_release",
    "case_keys",
    "check",
    "collect",
    "computed_value",
    "current_session",
    "document",
    "is_solution",
    "load_case",
    "load_catalog",
    "load_syllabus",
    "localized",
    "module",
    "objectives_markdown",
    "predicted_direction",
    "simulated_band",
    "start_session",
    "strip_solutions",
    "syllabus_table",
    "write_collected",
]
