"""The pipeline model: invariants, reproducibility, capacity and the paper's lifecycle."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sim
from sim import Scenario
from sim.model import World
from tests.invariants import check_accounting, check_conservation, check_manager_capacity


def test_default_run_keeps_every_invariant(default_results):
    check_conservation(default_results)
    check_manager_capacity(default_results)
    check_accounting(default_results)


def test_overloaded_managers_keep_capacity_and_show_late_and_missed_visits():
    tight = Scenario().with_values({"managers.count": 2, "horizon_days": 180})
    results = sim.run(tight)
    check_manager_capacity(results)
    check_conservation(results)
    k = results.kpis
    assert k["visit_compliance"] < 0.8
    assert k["visits_late"] + k["visits_missed"] + k["visits_overdue_at_end"] > 50
    relaxed = sim.run(Scenario().with_values({"managers.count": 16, "horizon_days": 180}))
    assert relaxed.kpis["visit_compliance"] > k["visit_compliance"]


def test_same_seed_gives_identical_records_and_different_seeds_differ():
    a = World(Scenario()).run()
    b = World(Scenario()).run()
    assert a.visits == b.visits
    assert a.issues == b.issues
    assert a.bids == b.bids
    assert a.transitions == b.transitions
    assert a.leads == b.leads and a.customers == b.customers
    c = World(Scenario(), seed=1).run()
    assert c.bids != a.bids
    assert c.visits != a.visits


def test_customers_go_through_the_whole_lifecycle(default_results):
    moves = {(f, t) for _, _, f, t in default_results.records.transitions}
    lead, research, bidding, implementation, after, dormant, lost = range(7)
    for step in [
        (lead, research),
        (research, bidding),
        (bidding, implementation),
        (implementation, after),
        (after, research),  # new needs: repeat business
        (after, dormant),
        (dormant, lost),
    ]:
        assert step in moves, step
    assert (bidding, after) in moves or (bidding, dormant) in moves  # lost bids


def test_each_customer_has_one_responsible_manager_covering_its_segment(default_results):
    frame = default_results.customers
    assert frame["manager"].between(0, 7).all()
    # With 8 managers and 17 segments, every segment is covered by exactly one manager.
    assert (frame.groupby(["branch", "scope"])["manager"].nunique() == 1).all()


def test_visits_find_issues_that_after_sales_resolves_and_records():
    results = sim.run(Scenario().with_values({"after_sales.reported_issue_rate_per_year": 0.0}))
    issues = results.issues
    assert len(issues) > 20
    assert set(issues["source"]) == {"visit"}
    resolved = issues.dropna(subset=["resolved_day"])
    assert len(resolved) > 0.9 * len(issues)
    assert (resolved["resolved_day"] >= resolved["opened_day"]).all()
    assert resolved["satisfaction_after"].between(0, 1).all()
    assert results.visits["issue_found"].sum() == len(issues)


def test_issues_are_more_likely_the_longer_since_the_last_visit():
    often = Scenario().with_values({"visit_policy.after_completion": {"min_days": 30, "max_days": 45}})
    rarely = Scenario().with_values({"visit_policy.after_completion": {"min_days": 150, "max_days": 180}})
    share = []
    for scenario in (often, rarely):
        found = visits = 0
        for seed in range(5):
            v = sim.run(scenario, seed=seed).visits
            v = v[v["stage"] == "after_completion"]
            found += int(v["issue_found"].sum())
            visits += len(v)
        share.append(found / visits)
    assert share[1] > 2 * share[0]


def test_orders_are_booked_when_bids_are_won(default_results):
    orders = default_results.orders
    assert len(orders) == default_results.kpis["bids_won"]
    assert orders["won"].all()
    assert (orders["decided_day"] >= orders["opened_day"]).all()
    assert orders["value_wan_cny"].sum() == pytest.approx(default_results.kpis["order_intake"])


def test_more_loyal_customers_win_more_bids():
    def starting_satisfaction(low: float, high: float) -> Scenario:
        return Scenario().with_values(
            {"customers.initial_satisfaction_low": low, "customers.initial_satisfaction_high": high}
        )

    loyal, cold = starting_satisfaction(0.9, 1.0), starting_satisfaction(0.0, 0.1)
    wins = [sum(sim.run(s, seed=i).kpis["bids_won"] for i in range(6)) for s in (loyal, cold)]
    assert wins[0] > wins[1]


def test_running_a_model_does_not_import_pandas():
    code = (
        "import sys; from sim.model import World; from sim.results.kpis import compute_kpis; "
        "from sim import Scenario; w = World(Scenario()); r = w.run(); compute_kpis(r, 1.0); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_world_runs_once():
    world = World(Scenario().with_values({"horizon_days": 10}))
    world.run()
    with pytest.raises(RuntimeError):
        world.run()


def test_a_departed_managers_post_is_empty_until_the_replacement_starts():
    churn = Scenario().with_values(
        {"managers.attrition_rate_per_year": 1.5, "managers.replacement_delay_days": 45, "horizon_days": 365}
    )
    results = sim.run(churn)
    departures = results.records.departures
    assert len(departures) >= 3
    assert results.kpis["manager_departures"] == len(departures)
    visits = results.visits
    for manager, left, start in departures:
        during = visits[(visits["manager"] == manager) & (visits["start_day"] >= left) & (visits["start_day"] < start)]
        assert during.empty, f"manager post {manager} visited while empty"
    calm = sim.run(churn.with_values({"managers.attrition_rate_per_year": 0.0}))
    assert calm.kpis["visit_compliance"] > results.kpis["visit_compliance"]


def test_new_hires_ramp_up_their_weekly_capacity():
    scenario = Scenario().with_values(
        {
            "managers.new_hires": 8,
            "managers.ramp_up_months": 6,
            "managers.ramp_up_start_share": 0.25,
            "managers.attrition_rate_per_year": 0.0,
        }
    )
    visits = sim.run(scenario).visits
    cap = scenario.managers.visit_hours_per_week
    week = (visits["start_day"] // 7).astype(int)
    hours = visits.groupby([visits["manager"], week])["hours"].sum()
    first_weeks = hours[hours.index.get_level_values(1) < 2]
    assert (first_weeks <= cap * (0.25 + 0.75 * 14 / (6 * 365 / 12)) + 1e-9).all()
    experienced = sim.run(scenario.with_values({"managers.new_hires": 0}))
    assert experienced.kpis["visits_made"] > len(visits)


def test_more_new_hires_than_managers_is_an_error():
    with pytest.raises(sim.ScenarioError, match="new_hires"):
        Scenario().with_values({"managers.new_hires": 9})


def test_stream_indexes_fit_every_allowed_size():
    from sim.model.streams import Stream, pack_index

    assert pack_index((999,)) != pack_index((998,))
    assert len({pack_index((0, s, k)) for s in range(3) for k in range(3)}) == 9
    assert Stream(1, "manager-turnover", 999).uniform() != Stream(1, "manager-turnover", 998).uniform()
    with pytest.raises(ValueError, match="fit"):
        pack_index((256, 0, 0))


def test_many_managers_with_turnover_run():
    scenario = Scenario().with_values(
        {"managers.count": 400, "managers.attrition_rate_per_year": 2.0, "horizon_days": 60}
    )
    check_manager_capacity(sim.run(scenario))
