"""The course on a page: a module's objectives, self-checking exercises, and the case picker.

These are course widgets built on the library's UI room (:mod:`sim.ui`): they
read the syllabus, the exercise catalog and the cases of the course wing, and
record checked answers when a session runs.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from sim.course.cases import case_keys, load_case
from sim.course.catalog import Exercise, Feedback, check, load_catalog
from sim.course.session import current_session
from sim.course.syllabus import objectives_markdown
from sim.i18n import t, unit_name
from sim.scenario import ScenarioError
from sim.ui.panel import message
from sim.ui.pipeline import PipelineFlowPanel

if TYPE_CHECKING:  # pragma: no cover
    from IPython.display import Markdown


def show_objectives(module_id: str) -> Markdown:
    """A module's objectives, in the current language, from the syllabus."""
    from IPython.display import Markdown

    return Markdown(objectives_markdown(module_id))


class ExerciseWidget:
    """One exercise from ``curriculum/exercises.yaml``, checked on the spot and recorded if a session runs.

    Args:
        exercise_id: The exercise's id.
        catalog: Exercises by id (loaded from the curriculum when None).
    """

    def __init__(self, exercise_id: str, catalog: dict[str, Exercise] | None = None) -> None:
        exercises = catalog or load_catalog()
        if exercise_id not in exercises:
            raise KeyError(exercise_id)  # a notebook naming an exercise that does not exist: an author's mistake
        self.exercise = exercises[exercise_id]
        shown = self.exercise.localized()
        if shown.kind in ("choice", "predict"):
            self.answer: w.Widget = w.RadioButtons(
                options=[(text, i) for i, text in enumerate(shown.choices)], value=None, layout=w.Layout(width="auto")
            )
        else:
            unit = f" ({unit_name(shown.unit)})" if shown.unit else ""
            self.answer = w.FloatText(description=f"{t('ui.your_answer')}{unit}", style={"description_width": "10em"})
        self.check_button = w.Button(description=t("ui.check"), button_style="success", icon="check")
        self.hint_button = w.Button(description=t("ui.hint_button"), icon="lightbulb-o")
        self.feedback = w.HTML()
        self.check_button.on_click(lambda _b: self.submit())
        self.hint_button.on_click(lambda _b: self.show_hint())
        prompt = w.HTML(f"<b>{html.escape(shown.id)}</b><br>{html.escape(shown.prompt)}")
        self.widget = w.VBox([prompt, self.answer, w.HBox([self.check_button, self.hint_button]), self.feedback])

    def submit(self) -> Feedback:
        """Check the current answer, show the feedback and record it when a session runs."""
        value = self.answer.value
        if self.exercise.kind in ("choice", "predict") and value is None:
            result = Feedback(False, t("ui.choose_first"))
        else:
            self.check_button.disabled = True
            self.feedback.value = message("hint", t("ui.checking"))
            try:
                result = check(self.exercise, value)
            except (ScenarioError, RuntimeError, OSError) as error:
                result = Feedback(False, t("ui.check_failed", error=error))
            finally:
                self.check_button.disabled = False
            session = current_session()
            if session is not None:
                session.record(self.exercise.module, self.exercise.id, value, result.correct)
        text = message("ok" if result.correct else "wrong", result.message)
        if result.hint:
            text += message("hint", t("ui.hint", hint=result.hint))
        self.feedback.value = text
        return result

    def show_hint(self) -> None:
        """Show the hint without checking."""
        self.feedback.value = message("hint", t("ui.hint", hint=self.exercise.localized().hint or t("ui.no_hint")))


class CasePanel:
    """Pick a case study: read its narrative, then run its scenario and browse the pipeline."""

    def __init__(self) -> None:
        self.choice = w.Dropdown(options=case_keys(), description=t("ui.case"))
        self.narrative = w.Output()
        self.flow: PipelineFlowPanel | None = None
        self.lab = w.VBox()
        self.choice.observe(lambda _change: self.refresh(), names="value")
        self.widget = w.VBox([self.choice, self.narrative, self.lab])
        self.refresh()

    def refresh(self) -> None:
        """Show the chosen case and a lab on its scenario."""
        from IPython.display import Markdown, display

        case = load_case(self.choice.value)
        self.narrative.clear_output(wait=True)
        with self.narrative:
            display(Markdown(case.narrative))
        self.flow = PipelineFlowPanel(
            ["managers.count", "after_sales.staff", "visit_policy.implementation.max_days", "sales_target_wan_cny"],
            base=case.scenario,
        )
        self.lab.children = [self.flow.widget]
