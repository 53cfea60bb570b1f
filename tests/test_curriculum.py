"""The curriculum: syllabus, notebooks, cases, exercises that check themselves, release, handouts, results."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from sim import ScenarioError
from sim.course import (
    PREDICT_CHOICES,
    Session,
    answer_hash,
    case_keys,
    check,
    collect,
    load_case,
    load_catalog,
    load_syllabus,
    predicted_direction,
    simulated_band,
    syllabus_table,
)
from sim.course.handouts import build_handouts
from sim.course.release import build_release, is_solution

ROOT = Path(__file__).resolve().parents[1]

SYLLABUS = load_syllabus()
MODULE_IDS = [m["id"] for m in SYLLABUS["modules"]]
CATALOG = load_catalog()
ANSWERS = yaml.safe_load((ROOT / "curriculum" / "solutions" / "answers.yaml").read_text(encoding="utf-8"))


def test_every_module_has_its_notebook_and_every_notebook_its_module():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(MODULE_IDS) == notebooks
    required = {
        "00_start_here",
        "01_from_product_to_customer",
        "02_customer_value_and_potential",
        "03_the_crm_archive_and_lifecycle",
        "04_return_visits",
        "05_staffing_against_targets",
        "06_the_biweekly_meeting",
        "07_the_training_plan",
        "08_capstone_cases",
    }
    assert required <= notebooks


def test_syllabus_modules_are_complete_and_mapped_to_the_papers_phases():
    for m in SYLLABUS["modules"]:
        assert m["objectives"] and m["minutes"] > 0 and m["title"]["zh-CN"]
        assert set(m["audience"]) <= {"customer_managers", "department_heads", "staff"}
        assert m["training_phase"] in {"theory", "concepts", "successful_cases", "selling_skills"}
        assert set(m["prerequisites"]) <= set(MODULE_IDS)
    assert {m["training_phase"] for m in SYLLABUS["modules"]} == {
        "theory",
        "concepts",
        "successful_cases",
        "selling_skills",
    }


def test_three_formats_with_session_plans_that_add_up():
    formats = SYLLABUS["formats"]
    assert {"taster_90min", "half_day", "two_days"} <= set(formats)
    assert formats["taster_90min"]["total_minutes"] == 90
    for name, plan in formats.items():
        sessions = plan["sessions"]
        assert sum(s["minutes"] for s in sessions) == plan["total_minutes"], name
        by_day: dict = {}
        for s in sessions:
            by_day.setdefault(s.get("day", 1), []).append(s)
        for day_sessions in by_day.values():
            for a, b in pairwise(day_sessions):
                end = datetime.strptime(a["start"], "%H:%M").hour * 60 + datetime.strptime(a["start"], "%H:%M").minute
                start = datetime.strptime(b["start"], "%H:%M").hour * 60 + datetime.strptime(b["start"], "%H:%M").minute
                assert end + a["minutes"] == start, (name, a, b)
        assert all(s["module"] is None or s["module"] in MODULE_IDS for s in sessions)


def test_readme_and_start_notebook_render_the_syllabus():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert syllabus_table() in readme
    start = (ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    assert "syllabus_table" in start


@pytest.mark.parametrize("key", case_keys())
def test_every_case_has_a_narrative_and_a_scenario_that_loads(key):
    case = load_case(key)
    assert len(case.narrative.split()) > 300
    assert "illustrative" in case.narrative.lower()
    assert "source" in case.narrative.lower()
    assert case.scenario.name


def test_there_are_the_four_required_cases():
    assert {"procurement_requirements", "service_reorganisation", "after_sales_backlog", "doubled_target"} <= set(
        case_keys()
    )


def test_every_module_has_exercises_of_several_kinds():
    modules = {e.module for e in CATALOG.values()}
    assert modules == set(MODULE_IDS)
    assert {e.kind for e in CATALOG.values()} == {"choice", "numeric", "predict"}


CHOICES = [e for e in CATALOG.values() if e.kind == "choice"]


@pytest.mark.parametrize("exercise", CHOICES, ids=lambda e: e.id)
def test_choice_checks_accept_the_reference_and_reject_every_wrong_option(exercise):
    reference = ANSWERS[exercise.id]["answer"]
    assert exercise.answer_hash == answer_hash(exercise.id, reference)
    assert check(exercise, reference).correct
    for wrong in range(len(exercise.choices)):
        if wrong == reference:
            continue
        feedback = check(exercise, wrong)
        assert not feedback.correct
        assert feedback.hint
        if wrong in exercise.feedback:
            assert exercise.feedback[wrong] in feedback.message
    assert not check(exercise, None).correct


PREDICTS = [e for e in CATALOG.values() if e.kind == "predict"]


@pytest.mark.parametrize("exercise", PREDICTS, ids=lambda e: e.id)
def test_predict_checks_accept_what_the_simulation_shows(exercise):
    shown = predicted_direction(exercise)
    assert PREDICT_CHOICES[shown] in ("higher", "lower")  # each of our predictions has a clear answer
    assert check(exercise, shown).correct
    for wrong in set(range(3)) - {shown}:
        assert not check(exercise, wrong).correct


NUMERIC = [e for e in CATALOG.values() if e.kind == "numeric"]


@pytest.mark.parametrize("exercise", NUMERIC, ids=lambda e: e.id)
def test_numeric_checks_accept_the_band_and_reject_typical_wrong_answers(exercise):
    if exercise.compute:
        from sim.course import computed_value

        value = computed_value(exercise)
        band_width = 0.0
    else:
        value, low, high = simulated_band(exercise)
        band_width = high - low
        assert low <= value <= high
    assert check(exercise, round(value, exercise.decimals)).correct
    assert check(exercise, f"{value}").correct  # typed as text
    # Typical wrong answers: off by a lot, the wrong direction, not a number.
    step = max(abs(value) * 0.25, band_width * 2, 2 * 10 ** (-exercise.decimals))
    assert not check(exercise, value + step).correct
    assert "too high" in check(exercise, value + step).message
    assert not check(exercise, value - step).correct
    assert not check(exercise, "about eight").correct


def test_paper_rule_exercise_rejects_the_rounded_and_the_inverted_answer():
    exercise = CATALOG["m05_paper_rule"]
    assert check(exercise, 7.91).correct
    assert not check(exercise, 8).correct  # rounded up: the question asks before rounding
    assert not check(exercise, 2500 / 2300 * 8).correct  # growth forgotten


def test_trainee_release_has_no_solution(tmp_path):
    out = tmp_path / "release"
    build_release(out)
    notebooks = list((out / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == len(MODULE_IDS)
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert not any(is_solution(cell) for cell in nb["cells"])
        assert "Reference answer" not in path.read_text(encoding="utf-8")
    assert not (out / "curriculum" / "solutions").exists()
    assert not (out / "curriculum" / "facilitator").exists()
    assert (out / "curriculum" / "exercises.yaml").exists()
    for path in out.rglob("*"):
        if path.is_file():
            assert "answers.yaml" not in path.name
    # The source notebooks do carry the reference answers for facilitators.
    source = json.loads((ROOT / "notebooks" / "04_return_visits.ipynb").read_text(encoding="utf-8"))
    assert any(is_solution(cell) for cell in source["cells"])
    for inside in (ROOT / "notebooks" / "release", ROOT / "data", ROOT, ROOT / "sim" / "out"):
        with pytest.raises(ScenarioError, match="outside the toolkit"):
            build_release(inside)


def test_results_of_a_session_are_collected_into_one_csv(tmp_path):
    for trainee, correct in (("t01", True), ("t02", False)):
        Session("halfday-1", trainee, tmp_path).record("04_return_visits", "m04_fewer_managers", 1, correct)
    Session("other", "t03", tmp_path).record("00_start_here", "m00_after_a_win", 1, True)
    rows = collect(tmp_path, "halfday-1")
    assert [r["trainee_id"] for r in sorted(rows, key=lambda r: r["trainee_id"])] == ["t01", "t02"]
    assert {r["correct"] for r in rows} == {"True", "False"}
    assert len(collect(tmp_path)) == 3
    with pytest.raises(ScenarioError, match="trainee_id"):
        Session("halfday-1", "Zhang San / 张三", tmp_path)


def test_handout_is_html_of_the_executed_notebook(tmp_path):
    written = build_handouts(tmp_path, ["00_start_here"])
    assert [p.name for p in written] == ["00_start_here.html"]
    page = Path(written[0]).read_text(encoding="utf-8")
    assert "Start here" in page and "order_intake" in page and "Reference answer" not in page
