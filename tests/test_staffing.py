"""Staffing: textbook examples, the four methods side by side, bad input."""

from __future__ import annotations

import html
import itertools
import json
import math
from dataclasses import replace

import pytest

from sim import Scenario, ScenarioError
from sim.experiments import proportion_interval
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
from sim.staffing.simulated import monotone_fit, simulated_answer
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


def test_scenario_workload_is_the_policy_arithmetic_on_the_expected_occupancy():
    from sim.staffing.occupancy import expected_occupancy

    s = Scenario()
    result = scenario_workload(s)
    occupancy = expected_occupancy(s)
    visits = occupancy.stays_per_year("lead")  # one first contact per lead
    for stage in ("needs_research", "bidding", "implementation", "after_completion", "dormant"):
        per_year = 365 / s.visit_policy.window(stage).target_days
        accounts = occupancy.mean_customers(stage)
        if stage != "needs_research":
            per_year -= 0.5 * occupancy.stays_per_year(stage) / accounts
        visits += accounts * per_year
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


def _counted(n: int, reached: int, reps: int) -> CurvePoint:
    p = reached / reps
    return replace(_point(n, math.nan, p), reps=reps, reached=reached)


def test_the_smallest_team_is_the_first_whose_lower_bound_reaches_the_confidence():
    curve = monotone_fit([_counted(4, 20, 40), _counted(5, 30, 40), _counted(6, 39, 40), _counted(7, 40, 40)])
    assert [p.fit_low >= 0.8 for p in curve] == [False, False, True, True]
    assert smallest_reaching(curve, 0.8) == 6
    assert smallest_reaching(curve, 0.99) is None


def test_the_monotone_fit_pools_sizes_whose_shares_fall_and_keeps_the_counts():
    curve = monotone_fit([_counted(6, 20, 40), _counted(7, 26, 40), _counted(8, 24, 40), _counted(9, 30, 40)])
    fitted = [p.p_fit for p in curve]
    assert fitted == sorted(fitted)
    assert fitted[1] == fitted[2] == pytest.approx(50 / 80)  # 7 and 8 pooled: (26 + 24) / (40 + 40)
    assert [p.reached for p in curve] == [20, 26, 24, 30]  # the raw counts stay as they were
    alone = proportion_interval(26, 40)
    assert curve[1].fit_high - curve[1].fit_low < alone.high - alone.low  # pooled counts: a narrower interval


def test_the_return_of_one_more_manager_is_per_year_whatever_the_horizon():
    import pandas as pd

    from sim.staffing.simulated import curve_from_runs

    def runs(intakes: dict[int, list[float]]) -> pd.DataFrame:
        rows = [
            {
                "scenario": str(n),
                "rep": rep,
                "order_intake": value,
                "manager_utilisation": 0.5,
                "visit_compliance": 1.0,
                "satisfaction_mean": 0.6,
            }
            for n, values in intakes.items()
            for rep, value in enumerate(values)
        ]
        return pd.DataFrame(rows)

    economics = Scenario().economics
    carry = 1 + economics.carry_over_year2 + economics.carry_over_year3
    for days, years in ((365, 1), (730, 2), (1095, 3)):
        scenario = Scenario().with_values({"horizon_days": days})
        # One more manager brings 60 wan CNY a year: 60 x years over the horizon, in every replication.
        curve = curve_from_runs(
            scenario, [8, 9], 2500 * years, 8, runs({8: [2000.0 * years] * 4, 9: [2060.0 * years] * 4})
        )
        assert curve[1].extra_intake == pytest.approx(60.0)
        expected = economics.gross_margin_rate * 60.0 * carry / economics.manager_cost_wan_cny_per_year - 1
        assert curve[1].three_year_return == pytest.approx(expected)


@pytest.mark.slow
def test_the_risk_curve_rises_with_the_team_under_common_random_numbers():
    curve = risk_curve(Scenario(), [2, 3, 4, 5, 6, 8, 10], target=2300, current=8, reps=30)
    fitted = [p.p_fit for p in curve]
    assert fitted == sorted(fitted)
    assert curve[0].p_fit < curve[-1].p_fit
    # The raw shares rise too where capacity binds (the fit only smooths wobbles of a replication or two).
    raw = [p.reached for p in curve]
    assert all(b >= a - 2 for a, b in itertools.pairwise(raw))


@pytest.mark.slow
def test_replications_are_added_until_the_answer_is_clear_or_capped():
    answer, curve = simulated_answer(Scenario(), [3, 5, 7], target=2000, current=8, confidence=0.6, reps=8, max_reps=32)
    assert answer.reps in (8, 16, 32)
    assert all(p.reps == answer.reps for p in curve)
    assert answer.clear or answer.reps == 32
    small = simulated_answer(Scenario(), [3, 5, 7], target=2000, current=8, confidence=0.6, reps=8, max_reps=8)[0]
    assert small.reps == 8


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


@pytest.mark.parametrize(("language", "words"), [("en", "Staffing"), ("zh-CN", "客户经理")])
def test_the_printable_summary_has_inputs_four_answers_curve_and_assumptions(language, words):
    from sim.i18n import t, using
    from sim.ui.report import staffing_summary_html

    with using(language):
        plan = plan_staffing(2500, 2300, 8, 0.1, reps=3, max_reps=3, candidates=[6, 8, 10])
    page = staffing_summary_html(plan, language)
    assert f'<html lang="{language}">' in page
    assert "@page" in page and "A4" in page  # laid out for one printed page
    assert words in page
    for key in ("report.inputs", "report.answers", "report.curve", "report.assumptions"):
        assert t(key, language) in page
    for method in plan.methods:
        assert html.escape(t(f"method.{method.method}", language)) in page
        assert html.escape(method.assumptions) in page
    assert page.count("data:image/png;base64,") == 1
    assert page.count("<tr>") >= 3 + 4  # the curve rows and the four answers
    assert html.escape(t("report.world_scaled", language, customers=120, managers=8)) in page


def test_staffing_cli_writes_a_chinese_summary_for_the_numbers_given(tmp_path):
    out_file = tmp_path / "summary.html"
    numbers = "--target 2500 --past-sales 2300 --past-managers 8 --growth 0.1 --customers 150 --cost-per-manager 40"
    quick = [*numbers.split(), "--reps", "3", "--candidates", "7,9"]
    out = _cli("staffing", "--lang", "zh-CN", *quick, "--html", str(out_file))
    assert out.returncode == 0, out.stderr
    page = out_file.read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in page and "论文公式法" in page
    assert "150 个客户" in page  # the organisation described, not the default institute's 120
    data = json.loads(_cli("staffing", *quick, "--format", "json").stdout)
    assert data["inputs"]["customers"] == 150
    assert data["inputs"]["cost_per_manager"] == 40
    assert data["inputs"]["max_reps"] == 12  # four times the replications asked for
    assert data["inputs"]["calibration"]["matched"]
