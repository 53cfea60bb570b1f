"""Staffing by arithmetic: the source paper's rule and the workload method.

Both are quick and transparent and both ignore risk: they give one number
with no idea of how likely the target is to be reached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sim.scenario import Scenario, problem, validate
from sim.staffing.request import StaffingRequest
from sim.stages import AFTER_COMPLETION, BIDDING, DORMANT, IMPLEMENTATION, INITIAL_STAGES

DAYS_PER_YEAR = 365.0
WEEKS_PER_YEAR = DAYS_PER_YEAR / 7.0


def round_up(value: float) -> int:
    """Whole managers needed for ``value`` (rounded up; 40.0000000001 from float error is 40)."""
    return max(0, math.ceil(value - 1e-9))


@dataclass(frozen=True)
class RuleResult:
    """The answer of an arithmetic staffing method.

    Attributes:
        managers_exact: The unrounded figure.
        managers: Rounded up to whole managers.
        detail: The figures that went into it, by name.
    """

    managers_exact: float
    managers: int
    detail: dict[str, float]


def check_inputs(target: float, past_sales: float, past_managers: int, growth: float) -> StaffingRequest:
    """The paper rule's inputs as a validated request (one :class:`ScenarioError` listing every bad one)."""
    return validate(
        StaffingRequest,
        {"target": target, "past_sales": past_sales, "past_managers": past_managers, "growth": growth},
    )


def paper_rule(target: float, past_sales: float, past_managers: int, growth: float) -> RuleResult:
    """The source paper's rule: N = target / ((past_sales / past_managers) x (1 + growth)).

    Fix the sales per person from the past, let it grow by the assessed growth
    ratio, and divide the new total target by it.

    Raises:
        ScenarioError: for a non-positive target or past sales, fewer than one past
            manager, or growth at or below -1.
    """
    check_inputs(target, past_sales, past_managers, growth)
    per_person = past_sales / past_managers * (1.0 + growth)
    exact = target / per_person
    return RuleResult(exact, round_up(exact), {"sales_per_manager": per_person})


@dataclass(frozen=True)
class AccountClass:
    """Accounts that need the same visiting effort.

    Attributes:
        name: Label, e.g. ``"A accounts"`` or a stage.
        accounts: How many accounts.
        visits_per_year: Visits each account needs in a year.
    """

    name: str
    accounts: float
    visits_per_year: float


def workload_size(classes: Sequence[AccountClass], visits_per_manager_per_year: float) -> RuleResult:
    """The workload (build-up) method: total visits needed over the visits one manager can make.

    The textbook example: 1,000 A accounts at 36 calls a year plus 2,000 B
    accounts at 12 calls, at 1,000 calls per person a year, need 60 people.
    """
    if not visits_per_manager_per_year > 0:
        raise problem("visits_per_manager_per_year", visits_per_manager_per_year, "error.positive")
    total = sum(c.accounts * c.visits_per_year for c in classes)
    exact = total / visits_per_manager_per_year
    detail = {f"visits[{c.name}]": c.accounts * c.visits_per_year for c in classes}
    detail["visits_total"] = total
    detail["visits_per_manager_per_year"] = visits_per_manager_per_year
    return RuleResult(exact, round_up(exact), detail)


def scenario_workload(scenario: Scenario) -> RuleResult:
    """The workload method applied to a scenario's archive, visit policy and lead flow.

    Customers per stage (archive size x initial stage mix) x visits a year from
    the policy's mean window, plus first contact and needs-research visits for
    every new lead, over the visits one manager can make in a year (limited by
    visit hours and by visits per week).
    """
    total_customers = sum(s.customers for s in scenario.customers.segments)
    shares = dict(zip(INITIAL_STAGES, scenario.customers.initial_stage_mix.shares(), strict=True))
    classes = []
    for code in (BIDDING, IMPLEMENTATION, AFTER_COMPLETION, DORMANT):
        stage = INITIAL_STAGES[code]
        window = scenario.visit_policy.window(stage)
        if window is None:
            continue
        mean_interval = (window.min_days + window.max_days) / 2
        per_year = DAYS_PER_YEAR / mean_interval if mean_interval > 0 else DAYS_PER_YEAR
        classes.append(AccountClass(stage, total_customers * shares[stage], per_year))
    leads = sum(s.lead_rate_per_year for s in scenario.customers.segments)
    classes.append(AccountClass("new leads", leads, 1 + scenario.pipeline.needs_research_visits))
    managers = scenario.managers
    hours_per_visit = managers.visit_hours + managers.travel_hours_mean
    by_hours = managers.visit_hours_per_week / hours_per_visit
    per_week = min(by_hours, managers.max_visits_per_week)
    result = workload_size(classes, per_week * WEEKS_PER_YEAR)
    detail = dict(result.detail)
    detail["hours_per_visit"] = hours_per_visit
    detail["selling_hours_per_manager_per_year"] = managers.visit_hours_per_week * WEEKS_PER_YEAR
    return RuleResult(result.managers_exact, result.managers, detail)
