"""The model's parameters: small frozen records, the one way a part of the model reads a parameter.

A :class:`~sim.scenario.Scenario` is a tree of validated records written for
people (units in names, ranges, documentation). The model reads its parameters
millions of times, and several of them are needed in a derived form (a rate per
day instead of per year, a lognormal's sigma instead of its cv, the days a meeting
blocks). :func:`sim.model.compile.compile_params` derives every figure once, before a run, into
small frozen records; the parts of the model read only these, never the
scenario, so a parameter has one reading everywhere.

Derived figures are computed with exactly the arithmetic the model used to do
on the fly, so that results are bit-for-bit the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from sim.model.training import SkillCurve
from sim.scenario import Duration

#: Distribution codes of a compiled duration.
FIXED, EXPONENTIAL, LOGNORMAL = 0, 1, 2
_CODES = {"fixed": FIXED, "exponential": EXPONENTIAL, "lognormal": LOGNORMAL}


@dataclass(frozen=True, slots=True)
class DurationParams:
    """A random duration ready to draw: the distribution code, its mean and, for lognormal, sigma.

    Attributes:
        code: :data:`FIXED`, :data:`EXPONENTIAL` or :data:`LOGNORMAL`.
        mean: Mean in days.
        cv: Coefficient of variation as declared.
        sigma: Standard deviation of the log (lognormal only).
        half_sigma2: Half the variance of the log (lognormal only).
    """

    code: int
    mean: float
    cv: float
    sigma: float
    half_sigma2: float


def compile_duration(duration: Duration) -> DurationParams:
    """A scenario :class:`~sim.scenario.Duration`, ready to draw from."""
    sigma2 = math.log1p(duration.cv * duration.cv)
    code = _CODES[duration.distribution]
    if code == LOGNORMAL and duration.cv == 0.0:
        code = FIXED  # a lognormal without spread is its mean
    return DurationParams(code, duration.mean_days, duration.cv, math.sqrt(sigma2), 0.5 * sigma2)


@dataclass(frozen=True, slots=True)
class Population:
    """Who is in the archive at the start and how new customers look.

    Attributes:
        branches: Service-branch keys, indexed by branch code.
        scopes: Business-scope keys, indexed by scope code.
        segment_codes: ``(branch code, scope code)`` of each segment.
        segment_customers: Archived customers per segment at the start.
        segment_lead_rates: Procurement leads per year per segment.
        segment_weights: Expected workload of each segment (customers plus leads over the horizon).
        stage_edges: Cumulative initial stage shares, in stage-code order.
        satisfaction_low: Lowest starting satisfaction of an archived customer.
        satisfaction_high: Highest.
        new_customer_satisfaction: Satisfaction and loyalty of a new prospect.
        value_median: Median project value (wan CNY).
        value_sigma: Spread of project values (sd of the log).
    """

    branches: tuple[str, ...]
    scopes: tuple[str, ...]
    segment_codes: tuple[tuple[int, int], ...]
    segment_customers: tuple[int, ...]
    segment_lead_rates: tuple[float, ...]
    segment_weights: tuple[float, ...]
    stage_edges: tuple[float, ...]
    satisfaction_low: float
    satisfaction_high: float
    new_customer_satisfaction: float
    value_median: float
    value_sigma: float


@dataclass(frozen=True, slots=True)
class ManagerParams:
    """The customer managers' capacity, ramp-up and turnover.

    Attributes:
        count: Manager posts.
        new_hires: Posts whose holder starts new and ramps up (the last ones).
        coverage: Managers covering each segment.
        working_days: Working days a week, Monday first.
        day_cap: Most hours of visits and travel in a day (with a rounding margin).
        week_cap: Most hours of visits and travel in a week (with a rounding margin).
        longest: Longest a visit with its travel counts for (one day's hours).
        max_visits: Most visits a week.
        visit_hours: Time on site for one visit.
        travel_mean: Mean round-trip travel hours.
        travel_sigma: Sigma of the lognormal travel time (0: fixed).
        travel_shift: Half its variance, so the draws have the declared mean.
        ramp_days: Days a new manager takes to reach full capacity.
        ramp_start: Share of capacity on a new manager's first day.
        attrition_rate: Leaving rate per year of each manager.
        replacement_delay: Days a post stays empty after a departure.
        handover_loss: Share of satisfaction lost at a handover.
        blocked_hours: Hours each manager cannot visit, by day (training, meetings on working days).
        visit_hours_available: Visit hours of all managers over the horizon, less blocked hours.
        blocked_manager_hours: Blocked hours on working days, all managers together.
    """

    count: int
    new_hires: int
    coverage: tuple[tuple[int, ...], ...]
    working_days: int
    day_cap: float
    week_cap: float
    longest: float
    max_visits: int
    visit_hours: float
    travel_mean: float
    travel_sigma: float
    travel_shift: float
    ramp_days: float
    ramp_start: float
    attrition_rate: float
    replacement_delay: float
    handover_loss: float
    blocked_hours: MappingProxyType[int, float]
    visit_hours_available: float
    blocked_manager_hours: float


@dataclass(frozen=True, slots=True)
class VisitParams:
    """How return visits are planned.

    Attributes:
        windows: By stage code, ``(min_days, max_days, target_days)`` after the last contact, or None
            where the stage is not visited.
        spread_days: How far either side of its target day a visit may move to balance the load.
        working_days: Working days a week, Monday first (visits are planned on working days).
        grace_days: Days after the deadline before a visit counts as missed.
    """

    windows: tuple[tuple[float, float, float] | None, ...]
    spread_days: float
    working_days: int
    grace_days: float


@dataclass(frozen=True, slots=True)
class PipelineParams:
    """How opportunities move from lead to after completion, and what reviews decide.

    Attributes:
        lead_expiry_days: Days before an uncontacted lead goes stale.
        research: Needs-research duration.
        research_visits_needed: Visits before a bid can be prepared.
        research_stall_days: Days after which unfinished research is abandoned.
        qualify_probability: Chance that research leads to a bid.
        potential_slope: How a prospect's potential moves the qualification chance.
        bid: Bid-preparation duration.
        win_probability: Chance to win at loyalty 0.5.
        win_slope: How loyalty moves the win chance.
        bid_support_visits: Support visits that earn the full win chance.
        unsupported_win_penalty: Share of the win chance lost without support.
        acquaintance_research_speedup: Share of research time an acquaintance saves.
        acquaintance_win_uplift: Win chance an acquaintance adds.
        implementation: Implementation duration.
        review_days: Days between reviews of repeat business, dormancy and loss.
        review_years: The same in years.
        repeat_rate: Unprompted new needs a year after completion, at loyalty 0.5.
        repeat_slope: How loyalty scales repeat and reactivation rates.
        dormancy_rate: Rate of falling dormant a year, at loyalty 0.5.
        dormancy_slope: How loyalty scales the dormancy rate.
        reactivation_rate: Rate at which a dormant customer becomes a lead again, at loyalty 0.5.
        loss_rate: Rate at which a dormant customer is lost.
        need_per_visit: Chance a visit after completion uncovers a new need, at loyalty 0.5.
        reward_per_win: Reward paid per won project that came from a lead (wan CNY).
    """

    lead_expiry_days: float
    research: DurationParams
    research_visits_needed: int
    research_stall_days: float
    qualify_probability: float
    potential_slope: float
    bid: DurationParams
    win_probability: float
    win_slope: float
    bid_support_visits: int
    unsupported_win_penalty: float
    acquaintance_research_speedup: float
    acquaintance_win_uplift: float
    implementation: DurationParams
    review_days: float
    review_years: float
    repeat_rate: float
    repeat_slope: float
    dormancy_rate: float
    dormancy_slope: float
    reactivation_rate: float
    loss_rate: float
    need_per_visit: float
    reward_per_win: float


@dataclass(frozen=True, slots=True)
class RelationshipParams:
    """How satisfaction and loyalty move.

    Attributes:
        visit_gain: Share of the gap to full satisfaction a visit closes.
        neglect_decay: Decay rate per day of satisfaction above the floor.
        neglect_floor: Where neglect leaves satisfaction.
        open_issue_loss_per_day: Satisfaction lost per day per open issue.
        loyalty_tau: Days for loyalty to follow satisfaction.
        issue_found_loss: Share of satisfaction lost when an issue comes to light.
        issue_fixed_gain: Share of the gap closed by a fix.
    """

    visit_gain: float
    neglect_decay: float
    neglect_floor: float
    open_issue_loss_per_day: float
    loyalty_tau: float
    issue_found_loss: float
    issue_fixed_gain: float


@dataclass(frozen=True, slots=True)
class AfterSalesParams:
    """The after-sales department and the issues that reach it.

    Attributes:
        staff: Staff resolving issues in parallel.
        resolution: Resolution duration.
        latent_per_day: Rate per day at which issues arise in delivered work (found at visits).
        reported_mean_gap: Mean days between issues a customer reports unprompted (0: none).
    """

    staff: int
    resolution: DurationParams
    latent_per_day: float
    reported_mean_gap: float


@dataclass(frozen=True, slots=True)
class LeadParams:
    """Lead discovery, the CRM meeting and assignment.

    Attributes:
        cadence_days: Days between meetings (0: leads are passed on ad hoc).
        weekday: Day of the meeting (0 = Monday).
        assignment_rule: Who gets a shared lead.
        leaders_attending: Leaders besides the managers at the meeting.
        acquaintance_probability: Chance someone at the meeting knows someone at the lead's customer.
        adhoc_delay_days: Without meetings: mean days before a lead reaches a manager.
        adhoc_stale_probability: Without meetings: chance a lead is never passed on.
        staff_leads_base: Staff leads a year with rewards, before training.
        staff_sharing_uplift: Relative rise of staff sharing with full training.
        meeting_hours_each: Person-hours of one meeting.
        meeting_hourly_cost: Cost of one attendee-hour (wan CNY).
        cultivation: ``all``, ``top_scored`` or ``by_branch``.
        min_potential: With ``top_scored``: the lowest potential researched.
        cultivated_branches: With ``by_branch``: the branch keys researched.
    """

    cadence_days: int
    weekday: int
    assignment_rule: str
    leaders_attending: int
    acquaintance_probability: float
    adhoc_delay_days: float
    adhoc_stale_probability: float
    staff_leads_base: float
    staff_sharing_uplift: float
    meeting_hours_each: float
    meeting_hourly_cost: float
    cultivation: Literal["all", "top_scored", "by_branch"]
    min_potential: float
    cultivated_branches: frozenset[str]


@dataclass(frozen=True, slots=True)
class TrainingParams:
    """What the training plan changes, and what it costs.

    Attributes:
        manager_skill: Customer managers' skill over time.
        staff_skill: Skill of the staff who pass on leads.
        visit_gain_uplift: Relative rise of a visit's satisfaction gain with full skill.
        issue_finding_uplift: Relative rise of the chance to find an issue.
        new_need_uplift: Relative rise of the chance to uncover a new need.
        win_uplift: Win chance added with full skill.
        participant_hours: Participant-hours within the horizon.
        hourly_cost: Cost of one participant-hour (wan CNY).
    """

    manager_skill: SkillCurve
    staff_skill: SkillCurve
    visit_gain_uplift: float
    issue_finding_uplift: float
    new_need_uplift: float
    win_uplift: float
    participant_hours: float
    hourly_cost: float


@dataclass(frozen=True, slots=True)
class Params:
    """Every parameter of one run, compiled from a scenario (see :func:`sim.model.compile.compile_params`)."""

    horizon_days: int
    seed: int
    population: Population
    managers: ManagerParams
    visits: VisitParams
    pipeline: PipelineParams
    relationship: RelationshipParams
    after_sales: AfterSalesParams
    leads: LeadParams
    training: TrainingParams


__all__ = [
    "EXPONENTIAL",
    "FIXED",
    "LOGNORMAL",
    "AfterSalesParams",
    "DurationParams",
    "LeadParams",
    "ManagerParams",
    "Params",
    "PipelineParams",
    "Population",
    "RelationshipParams",
    "TrainingParams",
    "VisitParams",
    "compile_duration",
]
