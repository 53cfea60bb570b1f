"""Widgets and charts: ranges from the scenario, messages instead of tracebacks, labelled charts."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import pytest

import sim
from sim.course import start_session
from sim.course.widgets import ExerciseWidget
from sim.experiments import compare
from sim.scenario import field_specs
from sim.staffing import plan_staffing
from sim.ui import (
    ArchiveBrowser,
    ComparePanel,
    ScenarioEditor,
    StaffingExplorer,
    TrainingPlanPanel,
    visit_policy_comparator,
)
from sim.ui.charts import kpi_comparison, pipeline_flow, risk_curve

SPECS = {s.path: s for s in field_specs(sim.Scenario, sim.Scenario())}


def test_controls_take_their_ranges_from_the_scenario_declaration():
    editor = ScenarioEditor(
        ["managers.count", "pipeline.win_probability", "sales_target_wan_cny", "meeting.assignment_rule"]
    )
    count = editor.controls["managers.count"]
    assert (count.min, count.max) == (SPECS["managers.count"].low, SPECS["managers.count"].high)
    win = editor.controls["pipeline.win_probability"]
    assert (win.min, win.max) == (0.0, 1.0)
    target = editor.controls["sales_target_wan_cny"]  # too wide for a slider: a bounded box, same bounds
    assert target.max == SPECS["sales_target_wan_cny"].high and target.min > 0
    assert list(editor.controls["meeting.assignment_rule"].options) == list(SPECS["meeting.assignment_rule"].choices)
    assert all(getattr(c, "continuous_update", False) is False for c in editor.controls.values())
    with pytest.raises(sim.ScenarioError, match="no such scenario field"):
        ScenarioEditor(["managers.cnt"])


def test_invalid_settings_show_a_message_and_the_panel_keeps_working():
    panel = visit_policy_comparator(reps=2)
    panel.backend = "serial"
    panel.right.controls["visit_policy.implementation.min_days"].value = 30.0
    panel.right.controls["visit_policy.implementation.max_days"].value = 10.0
    assert panel.run() is False
    assert "min_days" in panel.status.value and "Traceback" not in panel.status.value
    assert not panel.button.disabled
    panel.right.controls["visit_policy.implementation.max_days"].value = 40.0
    assert panel.run() is True
    assert panel.result is not None and panel.result.labels == ["paper policy", "alternative"]


def test_compare_panel_compares_under_common_random_numbers():
    panel = ComparePanel(["managers.count"], reps=3, setup={"managers.count": 4}, backend="serial")
    panel.reps.value = 3
    assert panel.run()
    runs = panel.result.runs
    assert list(runs[runs["scenario"] == "A"]["seed"]) == list(runs[runs["scenario"] == "B"]["seed"])


def test_staffing_explorer_shows_four_methods():
    panel = StaffingExplorer(reps=4, backend="serial")
    panel.target.value = 2500
    assert panel.run(), panel.status.value
    assert [m.method for m in panel.plan.methods] == ["paper_rule", "workload", "simulation", "roi_band"]
    panel.past_managers.value = 1
    panel.past_sales.value = 1.0
    assert panel.run() in (True, False)  # an extreme input is either answered or explained, never raised


def test_staffing_explorer_starts_from_the_organisation_and_takes_its_ranges_from_the_request():
    from sim.staffing import StaffingRequest
    from sim.ui.controls import spec_index

    base = sim.Scenario().with_values({"managers.count": 10})
    panel = StaffingExplorer(base, reps=4, backend="serial")
    assert panel.past_managers.value == 10
    assert panel.inputs["customers"].value == sum(s.customers for s in base.customers.segments)
    assert panel.inputs["cost_per_manager"].value == base.economics.manager_cost_wan_cny_per_year
    assert panel.inputs["margin"].value == base.economics.gross_margin_rate
    specs = spec_index(StaffingRequest())
    margin = panel.inputs["margin"]
    assert margin.max == specs["margin"].high
    assert (panel.max_reps.min, panel.max_reps.max) == (specs["max_reps"].low, specs["max_reps"].high)


def test_staffing_explorer_simulates_the_range_asked_for_and_offers_a_printable_summary():
    import base64

    panel = StaffingExplorer(reps=3, backend="serial")
    panel.max_reps.value = 3
    panel.own_range.value = True
    panel.smallest.value, panel.largest.value = 6, 9
    assert panel.run(), panel.status.value
    assert [p.managers for p in panel.plan.curve] == [6, 7, 8, 9]
    assert all(p.reps == 3 for p in panel.plan.curve)
    link = panel.summary.value
    assert 'download="staffing-summary.html"' in link
    page = base64.b64decode(link.split("base64,")[1].split('"')[0]).decode("utf-8")
    assert "@page" in page and "data:image/png;base64," in page


def test_staffing_explorer_explains_a_range_upside_down_and_past_sales_out_of_reach():
    panel = StaffingExplorer(reps=3, backend="serial")
    panel.own_range.value = True
    panel.smallest.value, panel.largest.value = 9, 6
    assert panel.run() is False
    assert "candidates" in panel.status.value and "Traceback" not in panel.status.value
    panel.own_range.value = False
    panel.past_managers.value, panel.inputs["customers"].value, panel.past_sales.value = 1, 1, 1e9
    assert panel.run() is False
    assert "past_sales" in panel.status.value and "Traceback" not in panel.status.value


def test_training_panel_needs_a_phase():
    panel = TrainingPlanPanel(reps=2, backend="serial")
    for box in panel.phases.values():
        box.value = False
    assert panel.run() is False and "at least one" in panel.status.value


def test_exercise_widget_checks_and_records(tmp_path):
    start_session("test-session", "t07", tmp_path)
    widget = ExerciseWidget("m03_stage_order")
    widget.answer.value = 0
    assert widget.submit().correct and "Right" in widget.feedback.value
    widget.answer.value = 2
    assert not widget.submit().correct and "Hint" in widget.feedback.value
    lines = (tmp_path / "test-session" / "t07.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[0].startswith("session_id,trainee_id,module")
    start_session("none", "none", tmp_path / "unused")


def test_archive_browser_shows_one_customers_file():
    results = sim.run(sim.Scenario().with_values({"horizon_days": 120}))
    browser = ArchiveBrowser(results)
    parts = browser.file_of(int(browser.choice.value))
    assert set(parts) == {"customer", "stages", "visits", "issues", "bids", "leads"}
    assert len(parts["customer"]) == 1


def _labelled(figure) -> None:
    for axes in figure.axes:
        assert axes.get_title()
        assert "(" in axes.get_ylabel()  # a unit in brackets
        assert axes.get_legend() is not None


def test_charts_have_titles_units_and_legends():
    results = sim.run()
    _labelled(pipeline_flow(results))
    assert "(days)" in pipeline_flow(results).axes[0].get_xlabel()
    comparison = compare([sim.Scenario(), sim.Scenario().with_values({"managers.count": 5})], reps=3)
    _labelled(kpi_comparison(comparison, ["order_intake", "visit_compliance"]))
    plan = plan_staffing(2500, 2300, 8, 0.1, reps=3, candidates=[6, 8])
    figure = risk_curve(plan)
    assert figure.axes[0].get_title() and figure.axes[0].get_legend() is not None
    assert "head-count" in figure.axes[0].get_xlabel()


def test_the_library_and_the_course_data_never_import_widgets_or_plots():
    code = (
        "import sys, sim, sim.course, sim.experiments, sim.staffing, sim.archive, sim.cli; sim.run(); "
        "sim.course.objectives_markdown('00_start_here'); sim.course.load_catalog(); "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'IPython') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
