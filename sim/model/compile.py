"""Compile a scenario into the model's frozen parameters, once, before a run.

Every figure the model needs in a derived form (a rate per day, a lognormal's
sigma, the hours a meeting blocks, which manager covers which segment) is
derived here with exactly the arithmetic the model used to do on the fly, so
that results are bit-for-bit the same; the parts of the model then read only
:class:`~sim.model.params.Params`.
"""

from __future__ import annotations

import math
from types import MappingProxyType

from sim.model.assignment import plan_coverage
from sim.model.params import (
    AfterSalesParams,
    LeadParams,
    ManagerParams,
    Params,
    PipelineParams,
    Population,
    RelationshipParams,
    TrainingParams,
    VisitParams,
    compile_duration,
)
from sim.model.training import manager_skill, manager_training_hours, participant_hours, staff_skill
from sim.scenario import Scenario
from sim.stages import STAGES

DAYS_PER_MONTH = 365.0 / 12.0


def reward_multiplier(reward_per_win: float, max_uplift: float, half_saturation: float) -> float:
    """How much a reward per win multiplies staff lead sharing: 1 + max x r / (r + half), diminishing returns."""
    return 1.0 + max_uplift * reward_per_win / (reward_per_win + half_saturation)


def _population(sc: Scenario) -> Population:
    segments = sc.customers.segments
    branches = tuple(dict.fromkeys(s.branch for s in segments))
    scopes = tuple(dict.fromkeys(s.scope for s in segments))
    shares = sc.customers.initial_stage_mix.shares()
    customers = sc.customers
    return Population(
        branches=branches,
        scopes=scopes,
        segment_codes=tuple((branches.index(s.branch), scopes.index(s.scope)) for s in segments),
        segment_customers=tuple(s.customers for s in segments),
        segment_lead_rates=tuple(s.lead_rate_per_year for s in segments),
        segment_weights=tuple(s.customers + s.lead_rate_per_year * sc.horizon_days / 365.0 for s in segments),
        stage_edges=tuple(sum(shares[: i + 1]) for i in range(len(shares))),
        satisfaction_low=customers.initial_satisfaction_low,
        satisfaction_high=customers.initial_satisfaction_high,
        new_customer_satisfaction=customers.new_customer_satisfaction,
        value_median=customers.project_value_median_wan_cny,
        value_sigma=customers.project_value_sigma,
    )


def _blocked_hours(sc: Scenario) -> dict[int, float]:
    """Hours each manager cannot visit, by day: training, and meetings held on working days."""
    blocked = manager_training_hours(sc.training)
    meeting = sc.meeting
    if meeting.cadence_days > 0 and meeting.weekday < sc.managers.working_days_per_week:
        for day in range(meeting.weekday, sc.horizon_days, meeting.cadence_days):
            blocked[day] = blocked.get(day, 0.0) + meeting.hours
    return blocked


def _managers(sc: Scenario, weights: tuple[float, ...]) -> ManagerParams:
    managers = sc.managers
    blocked = _blocked_hours(sc)
    blocked_total = managers.count * sum(
        h for d, h in blocked.items() if d < sc.horizon_days and d % 7 < managers.working_days_per_week
    )
    available = managers.visit_hours_per_week * sc.horizon_days / 7.0 * managers.count - blocked_total
    travel_sigma = math.sqrt(math.log1p(managers.travel_hours_cv**2))
    coverage = plan_coverage(list(weights), managers.count, managers.assignment)
    return ManagerParams(
        count=managers.count,
        new_hires=managers.new_hires,
        coverage=tuple(tuple(c) for c in coverage),
        working_days=managers.working_days_per_week,
        day_cap=managers.day_hours + 1e-9,
        week_cap=managers.visit_hours_per_week + 1e-9,
        longest=managers.day_hours,
        max_visits=managers.max_visits_per_week,
        visit_hours=managers.visit_hours,
        travel_mean=managers.travel_hours_mean,
        travel_sigma=travel_sigma,
        travel_shift=0.5 * travel_sigma * travel_sigma,
        ramp_days=managers.ramp_up_months * DAYS_PER_MONTH,
        ramp_start=managers.ramp_up_start_share,
        attrition_rate=managers.attrition_rate_per_year,
        replacement_delay=managers.replacement_delay_days,
        handover_loss=managers.handover_satisfaction_loss,
        blocked_hours=MappingProxyType(blocked),
        visit_hours_available=available,
        blocked_manager_hours=blocked_total,
    )


def _visits(sc: Scenario) -> VisitParams:
    windows = []
    for stage in STAGES:
        window = sc.visit_policy.window(stage)
        windows.append(None if window is None else (window.min_days, window.max_days, window.target_days))
    policy = sc.visit_policy
    return VisitParams(tuple(windows), policy.spread_days, sc.managers.working_days_per_week, policy.grace_days)


def _pipeline(sc: Scenario) -> PipelineParams:
    pipeline, rel, meeting = sc.pipeline, sc.relationship, sc.meeting
    return PipelineParams(
        lead_expiry_days=pipeline.lead_expiry_days,
        research=compile_duration(pipeline.needs_research),
        research_visits_needed=pipeline.needs_research_visits,
        research_stall_days=pipeline.research_stall_days,
        qualify_probability=pipeline.qualify_probability,
        potential_slope=sc.cultivation.potential_slope,
        bid=compile_duration(pipeline.bid_preparation),
        win_probability=pipeline.win_probability,
        win_slope=rel.win_loyalty_slope,
        bid_support_visits=pipeline.bid_support_visits,
        unsupported_win_penalty=pipeline.unsupported_win_penalty,
        acquaintance_research_speedup=meeting.acquaintance_research_speedup,
        acquaintance_win_uplift=meeting.acquaintance_win_uplift,
        implementation=compile_duration(pipeline.implementation),
        review_days=pipeline.review_days,
        review_years=pipeline.review_days / 365.0,
        repeat_rate=pipeline.repeat_rate_per_year,
        repeat_slope=rel.repeat_loyalty_slope,
        dormancy_rate=pipeline.dormancy_rate_per_year,
        dormancy_slope=rel.dormancy_loyalty_slope,
        reactivation_rate=pipeline.reactivation_rate_per_year,
        loss_rate=pipeline.loss_rate_per_year,
        need_per_visit=pipeline.new_need_per_visit,
        reward_per_win=sc.leads.reward_per_win_wan_cny,
    )


def _relationship(sc: Scenario) -> RelationshipParams:
    rel = sc.relationship
    return RelationshipParams(
        visit_gain=rel.visit_gain,
        neglect_decay=math.log(2.0) / rel.neglect_half_life_days,
        neglect_floor=rel.neglect_floor,
        open_issue_loss_per_day=rel.open_issue_loss_per_day,
        loyalty_tau=rel.loyalty_time_constant_days,
        issue_found_loss=rel.issue_found_loss,
        issue_fixed_gain=rel.issue_fixed_gain,
    )


def _after_sales(sc: Scenario) -> AfterSalesParams:
    after = sc.after_sales
    reported = after.reported_issue_rate_per_year
    return AfterSalesParams(
        staff=after.staff,
        resolution=compile_duration(after.resolution),
        latent_per_day=after.latent_issue_rate_per_year / 365.0,
        reported_mean_gap=365.0 / reported if reported > 0 else 0.0,
    )


def _leads(sc: Scenario) -> LeadParams:
    meeting, leads, cultivation = sc.meeting, sc.leads, sc.cultivation
    factor = reward_multiplier(
        leads.reward_per_win_wan_cny, leads.reward_max_uplift, leads.reward_half_saturation_wan_cny
    )
    return LeadParams(
        cadence_days=meeting.cadence_days,
        weekday=meeting.weekday,
        assignment_rule=meeting.assignment_rule,
        leaders_attending=meeting.leaders_attending,
        acquaintance_probability=meeting.acquaintance_probability,
        adhoc_delay_days=meeting.adhoc_delay_days,
        adhoc_stale_probability=meeting.adhoc_stale_probability,
        staff_leads_base=leads.staff_leads_per_year * factor,
        staff_sharing_uplift=sc.training.effects.staff_sharing_uplift,
        meeting_hours_each=meeting.hours * (sc.managers.count + meeting.leaders_attending),
        meeting_hourly_cost=meeting.hourly_cost_wan_cny,
        cultivation=cultivation.policy,
        min_potential=cultivation.min_potential,
        cultivated_branches=frozenset(cultivation.branches),
    )


def _training(sc: Scenario) -> TrainingParams:
    training = sc.training
    effects = training.effects
    return TrainingParams(
        manager_skill=manager_skill(training),
        staff_skill=staff_skill(training),
        visit_gain_uplift=effects.visit_gain_uplift,
        issue_finding_uplift=effects.issue_finding_uplift,
        new_need_uplift=effects.new_need_uplift,
        win_uplift=effects.win_uplift,
        participant_hours=participant_hours(training, sc.managers.count, sc.horizon_days),
        hourly_cost=training.cost_per_participant_hour_wan_cny,
    )


def compile_params(scenario: Scenario, seed: int | None = None) -> Params:
    """Every parameter a run needs, derived once from a validated scenario.

    Args:
        scenario: The scenario to run.
        seed: Overrides ``scenario.seed``.
    """
    population = _population(scenario)
    return Params(
        horizon_days=scenario.horizon_days,
        seed=scenario.seed if seed is None else seed,
        population=population,
        managers=_managers(scenario, population.segment_weights),
        visits=_visits(scenario),
        pipeline=_pipeline(scenario),
        relationship=_relationship(scenario),
        after_sales=_after_sales(scenario),
        leads=_leads(scenario),
        training=_training(scenario),
    )
