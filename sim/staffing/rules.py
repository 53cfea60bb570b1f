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
    """The workload method applied to a scenario's pipeline, visit policy and lead flow.

    Accounts per class are the customers expected in each visited stage over the
    horizon (:func:`sim.staffing.occupancy.expected_occupancy`: the archive's mix
    on day 0 moves on as projects are delivered and leads arrive), each visited
    once per the stage's target interval, the rule the model plans visits by. A
    stay's first visit comes one interval after it begins and its last interval
    is cut short, so a stay gets about half a visit fewer than its days alone
    would give; every lead gets one first contact. The visits a year are divided
    by the visits one manager can make in a year (limited by visit hours and by
    visits per week).
    """
    from sim.staffing.occupancy import expected_occupancy

    occupancy = expected_occupancy(scenario)
    classes = []
    for stage in ("needs_research", "bidding", "implementation", "after_completion", "dormant"):
        window = scenario.visit_policy.window(stage)
        if window is None:
            continue
        interval = window.target_days  # the model's rule: a visit on the window's target day
        accounts = occupancy.mean_customers(stage)
        if accounts <= 0.0:
            continue
        per_year = DAYS_PER_YEAR / interval if interval > 0 else DAYS_PER_YEAR
        if stage != "needs_research":  # research ends at its last visit, so its last interval is not cut short
            per_year = max(0.0, per_year - 0.5 * occupancy.stays_per_year(stage) / accounts)
        classes.append(AccountClass(stage, accounts, per_year))
    classes.append(AccountClass("new leads", occupancy.stays_per_year("lead"), 1.0))
    managers = scenario.managers
    hours_per_visit = managers.visit_hours + managers.travel_hours_mean
    by_hours = managers.visit_hours_per_week / hours_per_visit
    per_week = min(by_hours, managers.max_visits_per_week)
    result = workload_size(classes, per_week * WEEKS_PER_YEAR)
    detail = dict(result.detail)
    detail["hours_per_visit"] = hours_per_visit
    detail["selling_hours_per_manager_per_year"] = managers.visit_hours_per_week * WEEKS_PER_YEAR
    for cls in classes:
        detail[f"accounts[{cls.name}]"] = cls.accounts
    return RuleResult(result.managers_exact, result.managers, detail)
