"""Staffing: textbook examples, the four methods side by side, bad input."""

from __future__ import annotations

import json
import math

import pytest

from sim import Scenario, ScenarioError
from sim.staffing import (
    AccountClass,
    CurvePoint,
    paper_rule,
    plan_staffing,
    risk_curve,
    roi_band,
    scenario_workload,
    smallest_reaching,
    workload_size,
)
from tests.conftest import run_cli as _cli


def test_textbook_breakdown_example_and_paper_rule_with_no_growth():
    # A sales forecast of 10,000,000 at 250,000 per person needs 40 people.
    result = paper_rule(10_000_000, past_sales=5_000_000, past_managers=20, growth=0.0)
    assert result.managers_exact == pytest.approx(40.0)
    assert result.managers == 40


def test_paper_rule_grows_sales_per_person_and_rounds_up():
    result = paper_rule(10_000_000, past_sales=5_000_000, past_managers=20, growth=0.25)
    assert result.managers_exact == pytest.approx(32.0)
    assert paper_rule(2500, 2300, 8, 0.1).managers == math.ceil(2500 / (2300 / 8 * 1.1))


def test_textbook_workload_example():
    classes = [AccountClass("A", 1000, 36), AccountClass("B", 2000, 12)]
    result = workload_size(classes, visits_per_manager_per_year=1000)
    assert result.managers_exact == pytest.approx(60.0)
    assert result.managers == 60


def test_scenario_workload_is_the_policy_arithmetic():
    s = Scenario()
    result = scenario_workload(s)
    customers = sum(seg.customers for seg in s.customers.segments)
    mix = s.customers.initial_stage_mix
    policy = s.visit_policy
    visits = 0.0
    for stage in ("bidding", "implementation", "after_completion", "dormant"):
        window = getattr(policy, stage)
        visits += customers * getattr(mix, stage) * 365 / ((window.min_days + window.max_days) / 2)
    visits += sum(seg.lead_rate_per_year for seg in s.customers.segments) * (1 + s.pipeline.needs_research_visits)
    m = s.managers
    per_manager = min(m.visit_hours_per_week / (m.visit_hours + m.travel_hours_mean), m.max_visits_per_week) * 365 / 7
    assert result.managers_exact == pytest.approx(visits / per_manager)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((-1, 100, 5, 0.1), "target"),
        ((100, 0, 5, 0.1), "past_sales"),
        ((100, 100, 0, 0.1), "past_managers"),
        ((100, 100, 5, -1.5), "growth"),
        ((100, 100, 5, -1.0), "growth"),
    ],
)
def test_bad_staffing_inputs_name_the_field(args, field):
    with pytest.raises(ScenarioError) as caught:
        paper_rule(*args)
    assert field in caught.value.paths


def _point(n: int, ret: float, p: float = 0.5) -> CurvePoint:
    return CurvePoint(n, 0, p, p, p, 1.0, 1.0, 1.0, 0.5, 1.0, 0.5, three_year_return=ret)


def test_roi_band_stops_adding_managers_when_the_next_returns_under_half():
    curve = [_point(4, math.nan), _point(5, 2.0), _point(6, 1.2), _point(7, 0.7), _point(8, 0.3), _point(9, 0.9)]
    recommended, band = roi_band(curve)
    assert recommended == 7
    assert band == [6, 7, 9]


def test_smallest_reaching_confidence():
    curve = [_point(4, math.nan, 0.5), _point(5, 0, 0.79), _point(6, 0, 0.81), _point(7, 0, 0.9)]
    assert smallest_reaching(curve, 0.8) == 6
    assert smallest_reaching(curve, 0.95) is None


def test_more_managers_raise_the_chance_of_reaching_the_target():
    scenario = Scenario().with_values({"horizon_days": 365})
    curve = risk_curve(scenario, [2, 8], target=2500, current=8, reps=12)
    low, high = curve
    assert low.p_reach_target < high.p_reach_target
    assert low.visit_compliance < high.visit_compliance
    assert low.manager_utilisation > high.manager_utilisation
    for point in curve:
        assert point.p_low <= point.p_reach_target <= point.p_high
    assert not math.isnan(high.extra_intake)
    assert high.new_hires == 0


def test_plan_shows_four_methods_with_assumptions_and_differences():
    plan = plan_staffing(2500, 2300, 8, 0.1, reps=6, candidates=[6, 8, 10])
    data = plan.to_dict()
    assert [m["method"] for m in data["methods"]] == ["paper_rule", "workload", "simulation", "roi_band"]
    for method in data["methods"]:
        assert "managers" in method and method["assumptions"] and method["differs"]
    assert data["methods"][0]["managers_exact"] == pytest.approx(2500 / (2300 / 8 * 1.1))
    assert data["methods"][1]["managers_exact"] > 0
    assert [p["managers"] for p in data["curve"]] == [6, 8, 10]
    assert data["curve"][2]["new_hires"] == 2
    json.dumps(data)  # no NaN left, nothing unserialisable
    assert "P(target)" in plan.table()


def test_staffing_cli_json_has_methods_and_curve():
    out = _cli(
        "staffing",
        "--target",
        "2500",
        "--past-sales",
        "2300",
        "--past-managers",
        "8",
        "--growth",
        "0.1",
        "--reps",
        "4",
        "--candidates",
        "7-9",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["methods"]) == 4
    assert {"method", "managers"} <= set(data["methods"][0])
    assert len(data["curve"]) == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--target", "-5", "--past-sales", "2300", "--past-managers", "8", "--growth", "0.1"], "target = -5"),
        (["--target", "2500", "--past-sales", "2300", "--past-managers", "0", "--growth", "0.1"], "past_managers"),
        (["--target", "2500", "--past-sales", "2300", "--past-managers", "8", "--growth", "-1.2"], "growth"),
        (
            [
                "--target",
                "2500",
                "--past-sales",
                "2300",
                "--past-managers",
                "8",
                "--growth",
                "0.1",
                "--confidence",
                "2",
            ],
            "confidence",
        ),
        (
            [
                "--target",
                "2500",
                "--past-sales",
                "2300",
                "--past-managers",
                "8",
                "--growth",
                "0.1",
                "--candidates",
                "x",
            ],
            "candidates",
        ),
    ],
)
def test_staffing_cli_bad_input_exits_2_with_one_line(args, words):
    out = _cli("staffing", *args)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert words in out.stderr
    assert "Traceback" not in out.stderr
