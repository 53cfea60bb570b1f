"""Exercises that check themselves: the catalog and the checks.

Exercises live in ``curriculum/exercises.yaml``, every text in both languages
(see :mod:`sim.course.texts`). They hold no plain answers:
a multiple-choice answer is kept as a hash, and an answer that comes from the
simulation is computed when checked, as a 95% confidence band over fixed-seed
replications (an answer inside the band, give or take the rounding the
question asks for, is right). Worked solutions and the plain answers live in
``curriculum/solutions/``, which the trainee release leaves out.

Kinds:

* ``choice``: pick one option; wrong options can carry their own feedback.
* ``numeric``: a number read off a simulation (``simulate``) or computed with a
  staffing rule (``compute``).
* ``predict``: predict the direction of a change, then run it; the right
  option is read off the paired difference's interval (higher, lower, or no
  clear difference when the interval holds zero).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sim import resources
from sim.course.texts import localized
from sim.i18n import LANGUAGES, get_language, t, unit_name
from sim.scenario import Scenario, problem

PREDICT_CHOICES = ("higher", "lower", "no clear difference")
_TEXT_FIELDS = ("prompt", "hint", "explanation")


def answer_hash(exercise_id: str, choice: int) -> str:
    """The stored form of a multiple-choice answer."""
    return hashlib.sha256(f"{exercise_id}:{choice}".encode()).hexdigest()


@dataclass(frozen=True)
class Exercise:
    """One exercise.

    Attributes:
        id: Stable key, e.g. ``m04_weekly_compliance``.
        module: The syllabus module it belongs to.
        kind: ``choice``, ``numeric`` or ``predict``.
        prompt: The question.
        choices: Options of ``choice`` and ``predict`` exercises.
        answer_hash: Hash of the right option of a ``choice`` exercise.
        feedback: Feedback for typical wrong options, by option index.
        hint: A nudge shown on request or after a wrong answer.
        explanation: Why the right answer is right (shown once answered correctly).
        decimals: Rounding the question asks for (numeric).
        simulate: Recipe of a simulated answer: ``changes``, ``kpi``, ``reps``, ``seed``,
            and for ``predict`` the ``variant`` changes compared with ``changes``.
        compute: Recipe of a computed answer: ``function`` (paper_rule) and ``args``.
        unit: Unit of a numeric answer.
        translations: The texts in each other language, by language.
    """

    id: str
    module: str
    kind: str
    prompt: str
    choices: tuple[str, ...] = ()
    answer_hash: str = ""
    feedback: dict[int, str] = field(default_factory=dict)
    hint: str = ""
    explanation: str = ""
    decimals: int = 2
    simulate: dict[str, Any] = field(default_factory=dict)
    compute: dict[str, Any] = field(default_factory=dict)
    unit: str = ""
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)

    def localized(self, language: str | None = None) -> Exercise:
        """The exercise with its texts in ``language`` (the current one by default), where translated."""
        texts = self.translations.get(language or get_language())
        if not texts:
            return self
        changes: dict[str, Any] = {k: texts[k] for k in _TEXT_FIELDS if texts.get(k)}
        if texts.get("choices") and len(texts["choices"]) == len(self.choices):
            changes["choices"] = tuple(texts["choices"])
        if texts.get("feedback"):
            changes["feedback"] = dict(texts["feedback"])
        return replace(self, **changes)


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer.

    Attributes:
        correct: Whether the answer is accepted.
        message: What to tell the trainee.
        hint: A hint for the next try ("" when correct).
        accepted: The accepted range for numeric answers, or None.
    """

    correct: bool
    message: str
    hint: str = ""
    accepted: tuple[float, float] | None = None


def _exercise(item: dict[str, Any]) -> Exercise:
    """One exercise from its bilingual entry: English texts, and the other languages as translations."""
    item = dict(item)
    if item["kind"] == "predict" and "choices" not in item:
        item["choices"] = [
            {language: t(f"ui.{c.replace(' ', '_')}", language) for language in LANGUAGES} for c in PREDICT_CHOICES
        ]
    texts = {key: item.pop(key) for key in (*_TEXT_FIELDS, "choices", "feedback") if key in item}
    translations = {}
    for language in LANGUAGES[1:]:
        local = localized(texts, language)
        translations[language] = {
            **{k: local[k] for k in _TEXT_FIELDS if k in local},
            "choices": tuple(local.get("choices", ())),
            "feedback": {int(k): v for k, v in (local.get("feedback") or {}).items()},
        }
    english = localized(texts, "en")
    return Exercise(
        **item,
        **{k: english[k] for k in _TEXT_FIELDS if k in english},
        choices=tuple(english.get("choices", ())),
        feedback={int(k): v for k, v in (english.get("feedback") or {}).items()},
        translations=translations,
    )


@lru_cache(maxsize=4)
def _catalog(path: Path) -> dict[str, Exercise]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    exercises: dict[str, Exercise] = {}
    for item in data["exercises"]:
        exercise = _exercise(item)
        if exercise.id in exercises:
            raise problem("exercises", exercise.id, "course.exercise_twice")
        exercises[exercise.id] = exercise
    return exercises


def load_catalog(path: str | Path | None = None) -> dict[str, Exercise]:
    """All exercises by id (read once per process; the curriculum's own catalog by default)."""
    return dict(_catalog(Path(path) if path is not None else resources.path("curriculum", "exercises.yaml")))


def _scenario(changes: dict[str, Any]) -> Scenario:
    return Scenario().with_values(changes) if changes else Scenario()


@lru_cache(maxsize=64)
def _band_cached(recipe_key: str) -> tuple[float, float, float]:
    from sim.experiments import replicate

    recipe = yaml.safe_load(recipe_key)
    result = replicate(_scenario(recipe.get("changes") or {}), reps=recipe.get("reps", 20), seed=recipe.get("seed", 1))
    ci = result.interval(recipe["kpi"])
    return ci.mean, ci.low, ci.high


def simulated_band(exercise: Exercise) -> tuple[float, float, float]:
    """(mean, low, high): the 95% interval of the exercise's KPI over its fixed-seed replications."""
    return _band_cached(yaml.safe_dump(exercise.simulate, sort_keys=True))


@lru_cache(maxsize=64)
def _direction_cached(recipe_key: str) -> int:
    from sim.experiments import compare

    recipe = yaml.safe_load(recipe_key)
    base = _scenario(recipe.get("changes") or {})
    variant = base.with_values(recipe["variant"])
    result = compare({"base": base, "variant": variant}, reps=recipe.get("reps", 20), seed=recipe.get("seed", 1))
    diff = result.differences.loc[("variant", recipe["kpi"])]
    if diff["ci_low"] > 0:
        return 0
    if diff["ci_high"] < 0:
        return 1
    return 2


def predicted_direction(exercise: Exercise) -> int:
    """Index into :data:`PREDICT_CHOICES` of what the simulation shows."""
    return _direction_cached(yaml.safe_dump(exercise.simulate, sort_keys=True))


def computed_value(exercise: Exercise) -> float:
    """The exact answer of a ``compute`` exercise."""
    from sim.staffing import paper_rule, workload_size
    from sim.staffing.rules import AccountClass

    function, args = exercise.compute["function"], exercise.compute["args"]
    if function == "paper_rule":
        return paper_rule(**args).managers_exact
    if function == "paper_rule_rounded":
        return float(paper_rule(**args).managers)
    if function == "workload":
        classes = [AccountClass(c["name"], c["accounts"], c["visits_per_year"]) for c in args["classes"]]
        return workload_size(classes, args["visits_per_manager_per_year"]).managers_exact
    raise problem("compute.function", function, "course.unknown_compute")


def _direction(index: int) -> str:
    return t(("ui.higher", "ui.lower", "ui.no_clear_difference")[index])


def check(exercise: Exercise, answer: Any) -> Feedback:
    """Check one answer and say why it is right or wrong (in the current language)."""
    exercise = exercise.localized()
    if exercise.kind == "choice":
        if not isinstance(answer, int) or not 0 <= answer < len(exercise.choices):
            return Feedback(False, t("ui.choose_first"), exercise.hint)
        if answer_hash(exercise.id, answer) == exercise.answer_hash:
            return Feedback(True, f"{t('ui.right')} {exercise.explanation}".strip())
        message = exercise.feedback.get(answer, t("ui.not_quite"))
        return Feedback(False, message, exercise.hint)
    if exercise.kind == "predict":
        if not isinstance(answer, int) or not 0 <= answer < len(PREDICT_CHOICES):
            return Feedback(False, t("ui.choose_first"), exercise.hint)
        shown = predicted_direction(exercise)
        if answer == shown:
            return Feedback(
                True, f"{t('ui.simulation_shows', direction=_direction(shown))} {exercise.explanation}".strip()
            )
        return Feedback(
            False,
            f"{t('ui.simulation_not', direction=_direction(shown), answer=_direction(answer))} "
            f"{exercise.feedback.get(answer, '')}".strip(),
            exercise.hint,
        )
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, t("ui.enter_number"), exercise.hint)
    if math.isnan(value):
        return Feedback(False, t("ui.enter_number"), exercise.hint)
    rounding = 0.5 * 10 ** (-exercise.decimals)
    if exercise.compute:
        exact = computed_value(exercise)
        low, high = exact - rounding, exact + rounding
    else:
        _, low, high = simulated_band(exercise)
        low, high = low - rounding, high + rounding
    unit = f" {unit_name(exercise.unit)}" if exercise.unit else ""
    digits = exercise.decimals
    if low <= value <= high:
        accepted = t("ui.accepted", low=f"{low:,.{digits}f}", high=f"{high:,.{digits}f}", unit=unit)
        return Feedback(True, f"{accepted} {exercise.explanation}".strip(), accepted=(low, high))
    key = "ui.too_high" if value > high else "ui.too_low"
    return Feedback(False, t(key, value=f"{value:,.{digits}f}", unit=unit), exercise.hint, accepted=None)
