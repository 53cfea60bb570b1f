"""Visit timing is a declared policy: visits land on their target day, spread over the week, and policies differ.

Checked over replications with confidence intervals, with ample capacity where
the policy alone should decide (40 managers, no turnover).
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict

import numpy as np
import pytest

import sim
from sim import Scenario
from sim.experiments import compare, mean_interval, replicate
from sim.staffing import scenario_workload

AMPLE = Scenario().with_values({"managers.count": 40, "managers.attrition_rate_per_year": 0.0})
WEEKLY = {"visit_policy.implementation": {"min_days": 5, "max_days": 7}}
FORTNIGHTLY = {"visit_policy.implementation": {"min_days": 14, "max_days": 14}}
MONTHLY_AFTER = {"visit_policy.after_completion": {"min_days": 30, "max_days": 60}}


def stay_gaps(results: sim.Results) -> dict[str, list[float]]:
    """Days between consecutive visits of one customer within one stay in a stage."""
    changes = defaultdict(list)
    for day, customer in zip(results.transitions["day"], results.transitions["customer"], strict=True):
        changes[customer].append(day)
    gaps: dict[str, list[float]] = defaultdict(list)
    visits = results.visits.sort_values(["customer", "start_day"])
    for customer, rows in visits.groupby("customer"):
        days, stages = rows["start_day"].tolist(), rows["stage"].tolist()
        moved = sorted(changes[customer])
        for (a, stage_a), (b, stage_b) in itertools.pairwise(zip(days, stages, strict=True)):
            between = bisect.bisect_right(moved, a)
            if stage_a == stage_b and not (between < len(moved) and moved[between] < b):
                gaps[stage_a].append(b - a)
    return gaps


@pytest.mark.slow
def test_with_ample_capacity_visits_come_at_the_declared_target_interval():
    means: dict[str, list[float]] = defaultdict(list)
    for seed in range(8):
        for stage, gaps in stay_gaps(sim.run(AMPLE, seed=seed)).items():
            means[stage].append(float(np.mean(gaps)))
    for stage in ("needs_research", "bidding", "implementation", "after_completion"):
        target = AMPLE.visit_policy.window(stage).target_days
        ci = mean_interval(means[stage])
        assert abs(ci.mean - target) <= 0.1 * target, (stage, ci, target)


def test_no_day_of_the_week_carries_more_than_30_percent_of_visits():
    for scenario in (Scenario(), AMPLE, Scenario().with_values(WEEKLY)):
        days = (sim.run(scenario).visits["start_day"].astype(int) % 7).value_counts(normalize=True)
        assert days.max() <= 0.30, days.to_dict()
        assert set(days.index) <= set(range(scenario.managers.working_days_per_week))


def test_a_visit_is_planned_inside_its_window_on_a_working_day():
    results = sim.run(AMPLE.with_values({"horizon_days": 120}))
    made = results.visits
    assert (made["start_day"].astype(int) % 7 < 5).all()
    assert made["on_time"].mean() > 0.95


@pytest.mark.slow
def test_weekly_visits_cost_more_visits_and_hours_and_fortnightly_fewer_under_common_random_numbers():
    variants = {"weekly": Scenario().with_values(WEEKLY), "fortnight": Scenario().with_values(FORTNIGHTLY)}
    result = compare({"paper": Scenario(), **variants}, reps=16)
    weekly, fortnight = result.differences.loc["weekly"], result.differences.loc["fortnight"]
    for kpi in ("visits_made", "manager_utilisation"):
        assert weekly.loc[kpi, "ci_low"] > 0, kpi
        assert fortnight.loc[kpi, "ci_high"] < 0, kpi


@pytest.mark.slow
@pytest.mark.parametrize("policy", [{}, WEEKLY, MONTHLY_AFTER], ids=["paper", "weekly", "monthly_after"])
def test_the_workload_method_plans_the_visits_the_model_makes(policy):
    """Same interval rule, the pipeline's expected stage occupancy: within 10% of the simulated visits."""
    scenario = AMPLE.with_values(policy) if policy else AMPLE
    planned = scenario_workload(scenario).detail["visits_total"]
    made = replicate(scenario, reps=8).interval("visits_made")
    assert abs(planned - made.mean) <= 0.10 * made.mean, (planned, made)
