"""The manager's own organisation: the default world scaled to headline numbers and calibrated to past sales."""

from __future__ import annotations

import math

import pytest

from sim import Scenario, ScenarioError
from sim.scenario import validate
from sim.staffing import plan_staffing
from sim.staffing.organisation import organisation_scenario, scaled_world
from sim.staffing.request import StaffingRequest

DEPARTMENT_HEAD = {"target": 12000, "past_sales": 10000, "past_managers": 30, "growth": 0.05}


def _request(**values) -> StaffingRequest:
    return validate(StaffingRequest, {**DEPARTMENT_HEAD, **values})


def _mean_project_value(scenario: Scenario) -> float:
    sigma = scenario.customers.project_value_sigma
    return scenario.customers.project_value_median_wan_cny * math.exp(0.5 * sigma * sigma)


def test_the_scaled_world_has_the_organisations_customers_managers_and_money():
    world = scaled_world(_request(customers=437, deal_size=250, cost_per_manager=40, margin=0.3))
    assert sum(s.customers for s in world.customers.segments) == 437
    assert world.managers.count == 30
    assert world.managers.new_hires == 0
    assert world.sales_target_wan_cny == 12000
    assert _mean_project_value(world) == pytest.approx(250)
    assert world.economics.manager_cost_wan_cny_per_year == 40
    assert world.economics.gross_margin_rate == 0.3


def test_without_customers_the_world_keeps_the_default_customers_per_manager_and_proportions():
    base = Scenario()
    world = scaled_world(_request())
    base_customers = [s.customers for s in base.customers.segments]
    customers = [s.customers for s in world.customers.segments]
    assert sum(customers) == sum(base_customers) / base.managers.count * 30
    # Every segment keeps its share of the customers to within one customer.
    for ours, theirs in zip(customers, base_customers, strict=True):
        assert ours == pytest.approx(theirs * sum(customers) / sum(base_customers), abs=1)
    # Leads per customer are the default's when the business flow is 1.
    for ours, theirs in zip(world.customers.segments, base.customers.segments, strict=True):
        assert ours.lead_rate_per_year / ours.customers == pytest.approx(theirs.lead_rate_per_year / theirs.customers)
    assert _mean_project_value(world) == pytest.approx(_mean_project_value(base))


def test_the_business_flow_scales_leads_and_repeat_business_together():
    one, double = scaled_world(_request(), flow=1.0), scaled_world(_request(), flow=2.0)
    assert double.leads.staff_leads_per_year == pytest.approx(2 * one.leads.staff_leads_per_year)
    assert double.pipeline.repeat_rate_per_year == pytest.approx(2 * one.pipeline.repeat_rate_per_year)
    for a, b in zip(one.customers.segments, double.customers.segments, strict=True):
        assert b.lead_rate_per_year == pytest.approx(2 * a.lead_rate_per_year)
        assert b.customers == a.customers


@pytest.mark.slow
def test_the_department_heads_baseline_sells_what_the_department_sold():
    # A department head's numbers: 10,000 wan last year with 30 managers. The calibrated world's
    # 30 managers must sell that much, within the 95% interval of the replications.
    scenario, calibration = organisation_scenario(_request(), reps=20)
    assert calibration.matched
    assert calibration.intake.low <= 10000 <= calibration.intake.high
    assert scenario.managers.count == 30
    # The calibration is honest: the same scenario, replicated afresh on the same seeds, gives the same interval.
    assert calibration.rounds <= 6


@pytest.mark.slow
def test_a_small_organisation_with_its_own_deal_size_is_calibrated_too():
    # 4 managers who sold 600 wan on 40 customers, at 30 wan a project: far from the default institute.
    request = validate(
        StaffingRequest,
        {"target": 700, "past_sales": 600, "past_managers": 4, "growth": 0.0, "customers": 40, "deal_size": 30},
    )
    scenario, calibration = organisation_scenario(request, reps=20)
    assert calibration.matched
    assert calibration.intake.low <= 600 <= calibration.intake.high
    assert sum(s.customers for s in scenario.customers.segments) == 40


def test_past_sales_no_plausible_flow_reaches_are_refused_naming_the_field():
    # One manager and one customer who sold a billion wan: no business flow within 50 times the default's does it.
    request = validate(
        StaffingRequest, {"target": 1e9, "past_sales": 1e9, "past_managers": 1, "growth": 0.0, "customers": 1}
    )
    with pytest.raises(ScenarioError) as caught:
        organisation_scenario(request, reps=4)
    assert "past_sales" in str(caught.value)


@pytest.mark.slow
def test_all_four_methods_answer_about_the_department_not_the_default_institute():
    plan = plan_staffing(**DEPARTMENT_HEAD, reps=10, max_reps=20)
    methods = {m.method: m for m in plan.methods}
    assert methods["paper_rule"].managers == math.ceil(12000 / (10000 / 30 * 1.05))
    # The workload and the simulation see the department's customers, so they answer near its 30 managers,
    # not near the default institute's 8.
    assert methods["workload"].managers >= 15
    assert min(plan.inputs["candidates"]) > 8
    assert max(p.order_intake_mean for p in plan.curve) > 5000
    # The simulated department with today's 30 managers sells what it sold (the calibration holds in the curve).
    today = min(plan.curve, key=lambda p: abs(p.managers - 30))
    assert today.order_intake_mean == pytest.approx(10000, rel=0.15)
    assert f"{plan.curve[0].managers} to {plan.curve[-1].managers}" in methods["simulation"].answer or (
        methods["simulation"].managers is not None
    )
    assert plan.inputs["calibration"]["matched"]
    assert plan.inputs["customers"] == 450


def test_a_scenario_file_is_used_as_it_is():
    scenario = Scenario().with_values({"horizon_days": 180})
    plan = plan_staffing(2500, 2300, 8, 0.1, scenario=scenario, reps=4, max_reps=4, candidates=[6, 8])
    assert plan.inputs["calibration"] is None
    assert plan.inputs["horizon_days"] == 180
