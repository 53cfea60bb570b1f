"""How many customers are expected in each stage over the horizon: the workload method's accounts per class.

The workload (build-up) method multiplies the accounts in each class by the
visits each needs. The accounts in a stage are not the archive's mix on day 0:
projects under way are delivered, bids are won and lost, leads arrive, customers
fall dormant. This module follows the scenario's pipeline as expected numbers,
day by day (a deterministic flow, no randomness): each stage is left at the rate
one over its mean duration, and each exit goes where the scenario sends it with
the scenario's probabilities, at loyalty 0.5. Customers on file at the start are
partway through their stage: a stage that ends after a duration is left, on
average, after half of it. The result is the customer-years spent in each stage
and the customers starting a stay in each stage, over the horizon.

It is arithmetic, like the rest of the workload method: it ignores capacity (it
assumes every visit the policy asks for is made) and the spread of durations,
so it plans for an average year, not for a lucky or an unlucky one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.model.compile import reward_multiplier
from sim.scenario import Scenario
from sim.stages import AFTER_COMPLETION, BIDDING, DORMANT, IMPLEMENTATION, LEAD, LOST, NEEDS_RESEARCH, STAGES

DAYS_PER_YEAR = 365.0
#: The mean potential of a prospect: the geometric mean of three uniform scores, E[u^(1/3)]^3 = (3/4)^3.
MEAN_POTENTIAL = 0.421875
_TIMED = (NEEDS_RESEARCH, BIDDING, IMPLEMENTATION)


@dataclass(frozen=True)
class Occupancy:
    """Expected customers per stage over a horizon.

    Attributes:
        customer_years: Customer-years spent in each stage, by stage name.
        stays: Stays begun in each stage during the horizon, by stage name (the customers in
            it on day 0 included: they too start a series of visits).
        years: The horizon in years.
    """

    customer_years: dict[str, float]
    stays: dict[str, float]
    years: float

    def mean_customers(self, stage: str) -> float:
        """The average number of customers in ``stage`` over the horizon."""
        return self.customer_years[stage] / self.years

    def stays_per_year(self, stage: str) -> float:
        """Stays begun in ``stage`` per year."""
        return self.stays[stage] / self.years


@dataclass(frozen=True)
class _Routes:
    """Where customers leaving a stage go, as shares."""

    qualify_archive: float
    qualify_prospect: float
    win: float
    history: float


def expected_occupancy(scenario: Scenario) -> Occupancy:
    """Follow the scenario's pipeline as expected numbers, one day at a time, over its horizon."""
    p, customers, policy = scenario.pipeline, scenario.customers, scenario.visit_policy
    total = sum(s.customers for s in customers.segments)
    mix = customers.initial_stage_mix
    count = [total * share for share in mix.shares()] + [0.0]  # and none lost
    stays = list(count)
    started = {code: count[code] for code in _TIMED}  # those partway through a timed stage on day 0
    for code in _TIMED:
        count[code] = 0.0
    leads = scenario.leads
    factor = reward_multiplier(
        leads.reward_per_win_wan_cny, leads.reward_max_uplift, leads.reward_half_saturation_wan_cny
    )
    new_leads = (
        sum(s.lead_rate_per_year for s in customers.segments) + leads.staff_leads_per_year * factor
    ) / DAYS_PER_YEAR
    if scenario.meeting.cadence_days == 0:
        new_leads *= 1.0 - scenario.meeting.adhoc_stale_probability
    cultivated = _cultivated_share(scenario)
    slope = scenario.cultivation.potential_slope
    routes = _Routes(
        qualify_archive=p.qualify_probability,
        qualify_prospect=min(1.0, max(0.0, p.qualify_probability + slope * (MEAN_POTENTIAL - 0.5))),
        win=min(
            1.0,
            max(
                0.0,
                p.win_probability
                + scenario.relationship.win_loyalty_slope
                * (0.5 * (customers.initial_satisfaction_low + customers.initial_satisfaction_high) - 0.5),
            ),
        ),
        history=0.5 + 0.5 * (mix.implementation + mix.after_completion),
    )
    after = policy.after_completion
    research_days = p.needs_research.mean_days
    if policy.needs_research is not None:
        research_days = max(research_days, p.needs_research_visits * policy.needs_research.target_days)
    rate = {
        LEAD: 1.0 / max(policy.lead.target_days, 1.0),
        NEEDS_RESEARCH: 1.0 / research_days,
        BIDDING: 1.0 / p.bid_preparation.mean_days,
        IMPLEMENTATION: 1.0 / p.implementation.mean_days,
    }
    # Repeat business (unprompted, and new needs found at return visits), dormancy, reactivation and loss,
    # at the loyalty typical of each stage: customers after completion keep about their starting
    # satisfaction, dormant customers drift to where neglect leaves them.
    rel = scenario.relationship
    kept = 0.5 * (customers.initial_satisfaction_low + customers.initial_satisfaction_high) - 0.5
    neglected = rel.neglect_floor - 0.5
    needs_found = p.new_need_per_visit / after.target_days if after is not None else 0.0
    repeat = (p.repeat_rate_per_year / DAYS_PER_YEAR + needs_found) * max(0.0, 1.0 + rel.repeat_loyalty_slope * kept)
    dormancy = p.dormancy_rate_per_year / DAYS_PER_YEAR * max(0.0, 1.0 - rel.dormancy_loyalty_slope * kept)
    reactivation = p.reactivation_rate_per_year / DAYS_PER_YEAR * max(0.0, 1.0 + rel.repeat_loyalty_slope * neglected)
    loss = p.loss_rate_per_year / DAYS_PER_YEAR
    customer_days = [0.0] * len(count)
    prospects = 0.0  # of those in needs research, the new prospects (they qualify less often)
    for _day in range(scenario.horizon_days):
        for code in range(len(count)):
            customer_days[code] += count[code] + started.get(code, 0.0)
        flow = [0.0] * len(count)
        _move(flow, stays, None, LEAD, new_leads * cultivated)
        _move(flow, stays, LEAD, NEEDS_RESEARCH, count[LEAD] * rate[LEAD])
        prospects += count[LEAD] * rate[LEAD] - prospects * rate[NEEDS_RESEARCH]
        share = prospects / count[NEEDS_RESEARCH] if count[NEEDS_RESEARCH] > 0 else 0.0
        qualify = share * routes.qualify_prospect + (1.0 - share) * routes.qualify_archive
        for code in _TIMED:
            leaving_started = started[code] * 2.0 * rate[code]
            started[code] -= leaving_started
            _leave(flow, stays, code, leaving_started, routes.qualify_archive, routes)
            _leave(flow, stays, code, count[code] * rate[code], qualify, routes)
            flow[code] -= count[code] * rate[code]
        _move(flow, stays, AFTER_COMPLETION, NEEDS_RESEARCH, count[AFTER_COMPLETION] * repeat)
        _move(flow, stays, AFTER_COMPLETION, DORMANT, count[AFTER_COMPLETION] * dormancy)
        _move(flow, stays, DORMANT, LEAD, count[DORMANT] * reactivation)
        _move(flow, stays, DORMANT, LOST, count[DORMANT] * loss)
        for code in range(len(count)):
            count[code] += flow[code]
    return Occupancy(
        {STAGES[c]: customer_days[c] / DAYS_PER_YEAR for c in range(len(STAGES))},
        {STAGES[c]: stays[c] for c in range(len(STAGES))},
        scenario.horizon_days / DAYS_PER_YEAR,
    )


def _move(flow: list[float], stays: list[float], source: int | None, target: int, amount: float) -> None:
    if source is not None:
        flow[source] -= amount
    flow[target] += amount
    stays[target] += amount


def _leave(flow: list[float], stays: list[float], stage: int, amount: float, qualify: float, routes: _Routes) -> None:
    """Customers finishing a timed stage: on to the next stage, or back where an opportunity without a win goes."""
    if stage == IMPLEMENTATION:
        _move(flow, stays, None, AFTER_COMPLETION, amount)
        return
    onward = qualify if stage == NEEDS_RESEARCH else routes.win
    _move(flow, stays, None, BIDDING if stage == NEEDS_RESEARCH else IMPLEMENTATION, amount * onward)
    back = amount * (1.0 - onward)
    _move(flow, stays, None, AFTER_COMPLETION, back * routes.history)
    _move(flow, stays, None, DORMANT, back * (1.0 - routes.history))


def _cultivated_share(scenario: Scenario) -> float:
    """The share of new prospects the cultivation policy researches."""
    cultivation = scenario.cultivation
    if cultivation.policy == "all":
        return 1.0
    if cultivation.policy == "top_scored":
        # P(geometric mean of three uniforms >= m) = P(u v w >= m^3); for x = m^3:
        # P(uvw >= x) = 1 - x (1 - ln x + (ln x)^2 / 2).
        x = cultivation.min_potential**3
        if x <= 0.0:
            return 1.0
        return max(0.0, 1.0 - x * (1.0 - math.log(x) + 0.5 * math.log(x) ** 2))
    weights: dict[str, float] = {}
    for s in scenario.customers.segments:
        weights[s.branch] = weights.get(s.branch, 0.0) + s.lead_rate_per_year
    total = sum(weights.values())
    return sum(w for b, w in weights.items() if b in cultivation.branches) / total if total else 0.0


__all__ = ["Occupancy", "expected_occupancy"]
