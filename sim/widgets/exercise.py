"""An exercise in the notebook: the question, an answer box or options, Check, feedback, a hint."""

from __future__ import annotations

import html

import ipywidgets as w

from sim.exercises import Exercise, Feedback, check, current_session, load_catalog
from sim.i18n import t


def _box(kind: str, text: str) -> str:
    colour = {"ok": "#2e7d32", "wrong": "#b00020", "hint": "#6a4c00"}[kind]
    return f'<div style="color:{colour};padding:4px 0">{html.escape(text)}</div>'


class ExerciseWidget:
    """One exercise from ``curriculum/exercises.yaml``, checked on the spot and recorded if a session runs.

    Args:
        exercise_id: The exercise's id.
        catalog: Exercises by id (loaded from the curriculum when None).
    """

    def __init__(self, exercise_id: str, catalog: dict[str, Exercise] | None = None) -> None:
        exercises = catalog or load_catalog()
        if exercise_id not in exercises:
            raise KeyError(f"no exercise {exercise_id!r}")
        self.exercise = exercises[exercise_id]
        ex = self.exercise
        if ex.kind in ("choice", "predict"):
            self.answer: w.Widget = w.RadioButtons(
                options=[(text, i) for i, text in enumerate(ex.choices)], value=None, layout=w.Layout(width="auto")
            )
        else:
            unit = f" ({ex.unit})" if ex.unit else ""
            self.answer = w.FloatText(description=f"answer{unit}", style={"description_width": "10em"})
        self.check_button = w.Button(description=t("ui.check"), button_style="success", icon="check")
        self.hint_button = w.Button(description=t("ui.hint_button"), icon="lightbulb-o")
        self.feedback = w.HTML()
        self.check_button.on_click(lambda _b: self.submit())
        self.hint_button.on_click(lambda _b: self.show_hint())
        prompt = w.HTML(f"<b>{html.escape(ex.id)}</b><br>{html.escape(ex.prompt)}")
        self.widget = w.VBox([prompt, self.answer, w.HBox([self.check_button, self.hint_button]), self.feedback])

    def submit(self) -> Feedback:
        """Check the current answer, show the feedback and record it when a session runs."""
        value = self.answer.value
        if self.exercise.kind in ("choice", "predict") and value is None:
            result = Feedback(False, t("ui.choose_first"))
        else:
            self.check_button.disabled = True
            self.feedback.value = _box("hint", t("ui.checking"))
            try:
                result = check(self.exercise, value)
            except (ValueError, RuntimeError, OSError) as error:
                result = Feedback(False, f"The check could not run: {error}")
            finally:
                self.check_button.disabled = False
            session = current_session()
            if session is not None:
                session.record(self.exercise.module, self.exercise.id, value, result.correct)
        text = _box("ok" if result.correct else "wrong", result.message)
        if result.hint:
            text += _box("hint", t("ui.hint", hint=result.hint))
        self.feedback.value = text
        return result

    def show_hint(self) -> None:
        """Show the hint without checking."""
        self.feedback.value = _box("hint", t("ui.hint", hint=self.exercise.hint or t("ui.no_hint")))
