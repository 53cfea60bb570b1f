"""The paper's practices: the CRM meeting, lead assignment, rewards, cultivation and the training plan."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import sim
from sim import Scenario, ScenarioError
from sim.experiments import mean_interval, proportion_interval, training_return
from sim.model import World
from sim.model.compile import reward_multiplier


def leads_only(**changes) -> Scenario:
    """Leads from procurement requirements only, at a steady rate (uniform in time)."""
    base = Scenario().with_values(
        {
            "horizon_days": 730,
            "leads.staff_leads_per_year": 0.0,
            "pipeline.new_need_per_visit": 0.0,
            "managers.attrition_rate_per_year": 0.0,
            **{f"customers.segments.{i}.lead_rate_per_year": 4.0 for i in range(17)},
        }
    )
    return base.with_values(changes) if changes else base


@pytest.mark.parametrize("cadence", [7, 14, 28])
def test_mean_wait_for_the_meeting_is_half_the_cadence(cadence):
    scenario = leads_only(**{"meeting.cadence_days": cadence})
    first = scenario.meeting.weekday
    last = first + cadence * ((scenario.horizon_days - 1 - first) // cadence)
    means = []
    for seed in range(8):
        leads = sim.run(scenario, seed=seed).leads
        between = leads[(leads["found_day"] >= first) & (leads["found_day"] < last)]
        assert between["assigned_day"].notna().all()
        means.append(between["wait_days"].mean())
    ci = mean_interval(means)
    assert ci.low <= cadence / 2 <= ci.high, (ci, cadence / 2)


def test_without_meetings_leads_follow_the_ad_hoc_rule():
    scenario = leads_only(
        **{"meeting.cadence_days": 0, "meeting.adhoc_stale_probability": 0.3, "meeting.adhoc_delay_days": 10.0}
    )
    stale = total = 0
    delays = []
    for seed in range(6):
        results = sim.run(scenario, seed=seed)
        leads = results.leads[results.leads["found_day"] < scenario.horizon_days - 60]
        stale += int(leads["stale"].sum())
        total += len(leads)
        delays.extend(leads.loc[~leads["stale"], "wait_days"].dropna())
        assert results.kpis["meetings_held"] == 0 and results.kpis["leads_acquaintance"] == 0
    share = proportion_interval(stale, total)
    assert share.low <= 0.3 <= share.high
    delay = mean_interval(delays)
    assert delay.low <= 10.0 <= delay.high


@pytest.mark.parametrize("rule", ["by_branch_and_scope", "by_branch", "by_scope", "lowest_load"])
def test_leads_go_to_managers_covering_their_branch_and_scope(rule):
    world = World(leads_only(**{"meeting.assignment_rule": rule, "horizon_days": 365}))
    records = world.run()
    codes, coverage = world.params.population.segment_codes, world.params.managers.coverage
    assigned = [lead for lead in records.leads if lead.assigned_day is not None and lead.source != "visit"]
    assert len(assigned) > 30
    for lead in assigned:
        branch, scope = codes[lead.segment]
        if rule == "by_branch_and_scope":
            covering = coverage[lead.segment]
        elif rule == "by_branch":
            covering = {m for s, code in enumerate(codes) if code[0] == branch for m in coverage[s]}
        elif rule == "by_scope":
            covering = {m for s, code in enumerate(codes) if code[1] == scope for m in coverage[s]}
        else:
            covering = range(world.params.managers.count)
        assert lead.manager in covering
        assert not lead.outside_coverage  # never outside coverage when a covering manager exists


def test_a_lead_nobody_covers_goes_to_the_least_loaded_manager_and_is_flagged():
    world = World(leads_only(**{"horizon_days": 30}))
    coverage = list(world.portfolios.coverage)
    coverage[3] = ()  # a gap in the coverage plan
    world.portfolios.coverage = tuple(coverage)
    world.portfolios.load[:] = [5, 4, 9, 2, 7, 8, 6, 3]
    manager, outside = world.leads.choose_manager(3, "by_branch_and_scope", None)
    assert (manager, outside) == (3, True)
    assert world.leads.choose_manager(0, "acquaintance", 6) == (6, False)


def test_rewards_cost_nothing_when_off_and_rate_times_attributed_wins_when_on():
    off = sim.run(Scenario())
    assert off.kpis["reward_cost"] == 0.0
    on = sim.run(Scenario().with_values({"leads.reward_per_win_wan_cny": 2.5}))
    attributed = int(on.leads["won"].sum())
    assert attributed > 0
    assert on.kpis["reward_cost"] == pytest.approx(2.5 * attributed)


def test_rewards_raise_staff_sharing_with_diminishing_returns():
    first, second = reward_multiplier(5, 1.0, 5) - 1, reward_multiplier(10, 1.0, 5) - reward_multiplier(5, 1.0, 5)
    assert 0 < second < first
    assert reward_multiplier(0, 1.0, 5) == 1.0
    base = Scenario().with_values({"leads.staff_leads_per_year": 20.0})
    counts = {}
    for reward in (0.0, 10.0):
        scenario = base.with_values({"leads.reward_per_win_wan_cny": reward})
        counts[reward] = [sim.run(scenario, seed=s).kpis["leads_staff"] for s in range(6)]
    assert np.mean(counts[10.0]) > 1.3 * np.mean(counts[0.0])


def test_meeting_on_a_working_day_takes_visit_hours_and_costs_attendee_time():
    saturday = sim.run(Scenario())
    wednesday = sim.run(Scenario().with_values({"meeting.weekday": 2}))
    meetings = wednesday.kpis["meetings_held"]
    assert meetings == saturday.kpis["meetings_held"] == 26
    lost = saturday.kpis["visit_hours_available"] - wednesday.kpis["visit_hours_available"]
    assert lost == pytest.approx(meetings * 3.0 * 8)
    assert saturday.kpis["meeting_hours"] == pytest.approx(26 * 3.0 * (8 + 4))
    assert saturday.kpis["meeting_cost"] == pytest.approx(saturday.kpis["meeting_hours"] * 0.03)


def test_acquaintances_are_found_only_at_meetings_at_the_configured_rate():
    leads = sim.run(leads_only(**{"meeting.acquaintance_probability": 0.4})).leads
    assigned = leads[leads["assigned_day"].notna()]
    share = proportion_interval(int(assigned["acquaintance"].sum()), len(assigned))
    assert share.low <= 0.4 <= share.high


PLAN = [
    {"phase": "theory", "start_day": 14, "days": 2, "hours_per_day": 4, "audience": ["customer_managers"]},
    {
        "phase": "selling_skills",
        "start_day": 42,
        "days": 1,
        "hours_per_day": 6,
        "audience": ["customer_managers", "department_heads"],
    },
]


def test_training_hours_reduce_available_visit_hours_by_exactly_those_hours():
    base = Scenario().with_values({"managers.attrition_rate_per_year": 0.0})
    trained = base.with_values({"training.phases": PLAN})
    a, b = sim.run(base), sim.run(trained)
    per_manager = 2 * 4 + 1 * 6
    assert a.kpis["visit_hours_available"] - b.kpis["visit_hours_available"] == pytest.approx(8 * per_manager)
    visits = b.visits
    for day, hours in ((14, 4), (15, 4), (42, 6)):
        on_day = visits[visits["start_day"].astype(int) == day]
        per = on_day.groupby("manager")["hours"].sum()
        assert (per <= base.managers.day_hours - hours + 1e-9).all()
    assert b.kpis["training_hours"] == pytest.approx(8 * per_manager + 6 * 6)
    assert b.kpis["training_cost"] == pytest.approx(b.kpis["training_hours"] * 0.02)


def test_a_training_plan_with_zero_effect_changes_no_kpi():
    zero = {
        k: 0.0
        for k in ("visit_gain_uplift", "issue_finding_uplift", "new_need_uplift", "win_uplift", "staff_sharing_uplift")
    }
    heads_only = [{"phase": "theory", "start_day": 10, "days": 2, "audience": ["department_heads"]}]
    base = Scenario()
    plan = base.with_values({"training.phases": heads_only, "training.effects": zero})
    a, b = sim.run(base).kpis, sim.run(plan).kpis
    changed = {k for k in a if a[k] != b[k] and not (np.isnan(a[k]) and np.isnan(b[k]))}
    assert changed == {"training_hours", "training_cost"}


def test_training_with_effect_raises_satisfaction_and_has_a_return_with_an_interval():
    plan = Scenario().with_values({"training.phases": PLAN})
    result = training_return(plan, reps=8)
    assert result.satisfaction_gain.low > 0
    assert result.training_cost > 0
    assert result.roi.low <= result.roi.mean <= result.roi.high


@pytest.mark.parametrize(
    ("phases", "words"),
    [
        ([{"phase": "theory", "start_day": 5, "days": 3}, {"phase": "concepts", "start_day": 6, "days": 1}], "overlap"),
        ([{"phase": "theory", "start_day": 5, "days": 3, "hours_per_day": -2}], "hours_per_day"),
        ([{"phase": "theory", "start_day": 5, "days": 3, "audience": ["generals"]}], "audience"),
        ([{"phase": "negotiation", "start_day": 5, "days": 3}], "phase"),
    ],
)
def test_invalid_training_plans_give_one_clear_error(phases, words):
    with pytest.raises(ScenarioError, match=words):
        Scenario().with_values({"training.phases": phases})


def test_cultivating_top_prospects_researches_fewer_better_prospects():
    everyone = leads_only(**{"horizon_days": 365})
    top = everyone.with_values({"cultivation.policy": "top_scored", "cultivation.min_potential": 0.6})
    a, b = sim.run(everyone), sim.run(top)
    assert a.kpis["prospects_not_cultivated"] == 0
    assert b.kpis["prospects_not_cultivated"] > 0
    leads = b.leads[b.leads["assigned_day"].notna() & (b.leads["source"] != "visit")]
    assert (leads.loc[leads["cultivated"], "potential"] >= 0.6).all()
    assert (leads.loc[~leads["cultivated"], "potential"] < 0.6).all()
    skipped = set(leads.loc[~leads["cultivated"], "customer"])
    assert not set(b.visits["customer"]) & skipped  # no needs research on prospects left aside
    # Qualified prospects have higher potential: the three criteria matter.
    bids = a.leads[a.leads["reached_bid"] & (a.leads["source"] == "procurement")]
    no_bid = a.leads[~a.leads["reached_bid"] & a.leads["assigned_day"].notna() & (a.leads["source"] == "procurement")]
    assert stats.ttest_ind(bids["potential"], no_bid["potential"]).statistic > 0


def test_cultivating_by_branch_researches_only_those_branches():
    scenario = leads_only(**{"horizon_days": 365, "cultivation.policy": "by_branch", "cultivation.branches": ["navy"]})
    leads = sim.run(scenario).leads
    prospects = leads[leads["assigned_day"].notna() & (leads["source"] != "visit")]
    assert (prospects["cultivated"] == (prospects["branch"] == "navy")).all()
    with pytest.raises(ScenarioError, match="marines"):
        scenario.with_values({"cultivation.branches": ["marines"]})
