"""The model against theory: Erlang C for after-sales, exact workload in the deterministic limit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import sim
from sim.theory import erlang_c, mmc_mean_wait
from tests.conftest import steady_base


def test_erlang_c_matches_closed_forms_for_one_and_two_servers():
    # M/M/1: P(wait) = rho, Wq = rho / (mu - lambda).
    assert erlang_c(0.6, 1.0, 1) == pytest.approx(0.6)
    assert mmc_mean_wait(0.6, 1.0, 1) == pytest.approx(0.6 / 0.4)
    # M/M/2: P(wait) = 2 rho^2 / (1 + rho) with rho = lambda / (2 mu).
    rho = 1.5 / 2
    assert erlang_c(1.5, 1.0, 2) == pytest.approx(2 * rho**2 / (1 + rho))
    with pytest.raises(ValueError, match="unstable"):
        erlang_c(2.0, 1.0, 2)


def test_after_sales_queue_matches_erlang_c_over_replications():
    """Poisson issue reports and exponential resolution: an M/M/c queue."""
    customers, reports_per_year, staff, mean_days = 200, 3.65, 2, 0.7
    scenario = steady_base(
        customers,
        horizon_days=1200,
        **{
            "after_sales.staff": staff,
            "after_sales.resolution": {"distribution": "exponential", "mean_days": mean_days, "cv": 1.0},
            "after_sales.latent_issue_rate_per_year": 0.0,
            "after_sales.reported_issue_rate_per_year": reports_per_year,
            "visit_policy.after_completion": None,
        },
    )
    arrival = customers * reports_per_year / 365.0  # 2 issues a day
    theory = mmc_mean_wait(arrival, 1.0 / mean_days, staff)  # utilisation 0.7
    warm_up, cool_down = 100.0, 50.0
    means = []
    for seed in range(20):
        issues = sim.run(scenario, seed=seed).records.issues
        waits = [
            i.service_start_day - i.opened_day
            for i in issues
            if warm_up <= i.opened_day <= scenario.horizon_days - cool_down
        ]
        assert all(i.service_start_day is not None for i in issues if i.opened_day <= scenario.horizon_days - cool_down)
        means.append(np.mean(waits))
    low, high = stats.t.interval(0.95, len(means) - 1, loc=np.mean(means), scale=stats.sem(means))
    assert low <= theory <= high, f"Erlang C wait {theory:.3f} outside simulated 95% CI [{low:.3f}, {high:.3f}]"
    # The interval is informative, not vacuous: narrower than a third of the mean.
    assert high - low < 0.33 * theory


def test_littles_law_holds_for_after_sales():
    scenario = steady_base(
        200,
        horizon_days=800,
        **{
            "after_sales.staff": 8,
            "after_sales.latent_issue_rate_per_year": 0.0,
            "after_sales.reported_issue_rate_per_year": 3.0,
            "visit_policy.after_completion": None,
        },
    )
    results = sim.run(scenario, seed=3)
    issues = results.issues
    start, end = 100.0, 700.0
    # Time-average number of open issues over [start, end) ...
    opened = issues["opened_day"].to_numpy()
    resolved = issues["resolved_day"].fillna(math.inf).to_numpy()
    overlap = np.clip(np.minimum(resolved, end) - np.maximum(opened, start), 0, None)
    in_system = overlap.sum() / (end - start)
    # ... equals arrival rate times mean time in system of the issues arriving then.
    window = (opened >= start) & (opened < end)
    arrival_rate = window.sum() / (end - start)
    time_in_system = (resolved[window] - opened[window]).mean()
    assert in_system == pytest.approx(arrival_rate * time_in_system, rel=0.05)


def test_manager_hours_equal_workload_arithmetic_in_the_deterministic_limit():
    """Fixed visit and travel times, a fixed weekly window, no issues: hours are exact."""
    customers, interval, horizon = 20, 7, 364
    visit_hours, travel_hours = 1.5, 0.5
    scenario = steady_base(
        customers,
        horizon_days=horizon,
        **{
            "visit_policy.after_completion": {"min_days": interval, "max_days": interval},
            "visit_policy.grace_days": 0,
            "managers.count": 2,
            "managers.working_days_per_week": 7,
            "managers.day_hours": 16,
            "managers.visit_hours_per_week": 80,
            "managers.max_visits_per_week": 50,
            "managers.visit_hours": visit_hours,
            "managers.travel_hours_mean": travel_hours,
            "managers.travel_hours_cv": 0.0,
            "after_sales.latent_issue_rate_per_year": 0.0,
            "after_sales.reported_issue_rate_per_year": 0.0,
            "meeting.cadence_days": 0,  # a Saturday meeting would take time on this 7-day week
        },
    )
    results = sim.run(scenario)
    visits_per_customer = horizon // interval
    expected_hours = customers * visits_per_customer * (visit_hours + travel_hours)
    assert results.visits["hours"].sum() == expected_hours
    assert results.kpis["visits_made"] == customers * visits_per_customer
    assert results.kpis["visit_compliance"] == 1.0
    available = scenario.managers.count * scenario.managers.visit_hours_per_week * horizon / 7
    assert results.kpis["manager_utilisation"] == pytest.approx(expected_hours / available)
    # Every customer is visited exactly every `interval` days.
    gaps = results.visits.sort_values("start_day").groupby("customer")["start_day"].diff().dropna()
    assert (gaps.round(9) == interval).all()
