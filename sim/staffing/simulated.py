"""Staffing by simulation: the risk curve, and the return of one more manager.

For each candidate number of customer managers the scenario is replicated
under common random numbers (replication ``i`` uses the same seed for every
candidate), giving the probability of reaching the sales target with its
interval, and the paired extra order intake each added manager brings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sim.experiments.backend import Backend
from sim.experiments.replicate import check_reps, compare
from sim.experiments.stats import mean_interval, proportion_interval
from sim.scenario import Scenario, problem


@dataclass(frozen=True)
class CurvePoint:
    """Results for one candidate number of managers.

    Attributes:
        managers: Candidate head-count.
        new_hires: How many of them start new and ramp up.
        p_reach_target: Share of replications whose order intake reached the target.
        p_low: Lower end of its 95% Wilson interval.
        p_high: Upper end.
        order_intake_mean: Mean order intake (wan CNY).
        order_intake_low: Lower end of its 95% interval.
        order_intake_high: Upper end.
        manager_utilisation: Mean share of visit hours used.
        visit_compliance: Mean share of visits on time.
        satisfaction_mean: Mean end-of-horizon satisfaction.
        extra_intake: Mean paired extra intake over the previous candidate, per manager added (wan CNY).
        extra_intake_low: Lower end of its 95% interval.
        extra_intake_high: Upper end.
        three_year_return: Return of the last manager added: margin on the extra intake
            over three years (with carry-over) against one year of that manager's cost, minus 1.
    """

    managers: int
    new_hires: int
    p_reach_target: float
    p_low: float
    p_high: float
    order_intake_mean: float
    order_intake_low: float
    order_intake_high: float
    manager_utilisation: float
    visit_compliance: float
    satisfaction_mean: float
    extra_intake: float = math.nan
    extra_intake_low: float = math.nan
    extra_intake_high: float = math.nan
    three_year_return: float = math.nan


def candidate_scenario(scenario: Scenario, managers: int, current: int, target: float) -> Scenario:
    """The scenario with ``managers`` managers, those beyond today's ``current`` starting new."""
    return scenario.with_values(
        {
            "managers.count": managers,
            "managers.new_hires": max(0, managers - current),
            "sales_target_wan_cny": target,
        }
    )


def risk_curve(
    scenario: Scenario,
    candidates: Sequence[int],
    target: float,
    current: int,
    reps: int = 40,
    seed: int | None = None,
    backend: Backend | str | None = None,
) -> list[CurvePoint]:
    """Probability of reaching ``target`` and KPIs for each candidate head-count.

    Args:
        scenario: The organisation (its ``managers.count`` is replaced by each candidate).
        candidates: Head-counts to try, ascending, at least one.
        target: Order intake to reach over the horizon (wan CNY).
        current: Managers in post today; candidates above it hire the rest new (they ramp up).
        reps: Replications per candidate.
        seed: Root seed (default: the scenario's).
        backend: Where the runs go (a :class:`~sim.experiments.Backend` or its kind; serial by default).

    Raises:
        ScenarioError: for no candidates, candidates not ascending, or fewer than 2 replications.
    """
    counts = list(candidates)
    if not counts or any(n < 1 for n in counts) or counts != sorted(set(counts)):
        raise problem("candidates", counts, "rule.candidates")
    check_reps(reps)
    economics = scenario.economics
    named = {str(n): candidate_scenario(scenario, n, current, target) for n in counts}
    if len(named) == 1:
        named["_again"] = named[str(counts[0])]  # compare needs two; the copy is dropped below
    result = compare(named, reps=reps, seed=seed, backend=backend)
    runs = result.runs
    points: list[CurvePoint] = []
    previous = None
    for n in counts:
        frame = runs[runs["scenario"] == str(n)].set_index("rep")
        intake = frame["order_intake"].to_numpy(dtype=float)
        reached = int((intake >= target - 1e-9).sum())
        p = proportion_interval(reached, len(intake))
        m = mean_interval(intake)
        extra = {}
        if previous is not None:
            step = n - previous[0]
            delta = (frame["order_intake"] - previous[1]["order_intake"]) / step
            d = mean_interval(delta.to_numpy(dtype=float))
            carry = 1.0 + economics.carry_over_year2 + economics.carry_over_year3
            ret = economics.gross_margin_rate * d.mean * carry / economics.manager_cost_wan_cny_per_year - 1.0
            extra = {
                "extra_intake": d.mean,
                "extra_intake_low": d.low,
                "extra_intake_high": d.high,
                "three_year_return": ret,
            }
        points.append(
            CurvePoint(
                managers=n,
                new_hires=max(0, n - current),
                p_reach_target=p.mean,
                p_low=p.low,
                p_high=p.high,
                order_intake_mean=m.mean,
                order_intake_low=m.low,
                order_intake_high=m.high,
                manager_utilisation=float(frame["manager_utilisation"].mean()),
                visit_compliance=float(frame["visit_compliance"].mean()),
                satisfaction_mean=float(frame["satisfaction_mean"].mean()),
                **extra,
            )
        )
        previous = (n, frame)
    return points


def smallest_reaching(curve: Sequence[CurvePoint], confidence: float) -> int | None:
    """The smallest head-count whose estimated probability of reaching the target is at least ``confidence``."""
    for point in curve:
        if point.p_reach_target >= confidence:
            return point.managers
    return None


def roi_band(curve: Sequence[CurvePoint], low: float = 0.5, high: float = 1.5) -> tuple[int | None, list[int]]:
    """Where the three-year return of the last manager added lies between ``low`` and ``high``.

    Adding managers pays while the last one returns well above cost; the right
    size lies where that return has fallen into the band. The recommendation is
    the head-count reached by adding managers until the next one would return
    less than ``low`` (walking up the curve, so one noisy estimate further up
    does not move it).

    Returns:
        (the recommended head-count, or None when the curve has fewer than two points;
        the head-counts whose return lies in the band).
    """
    if len(curve) < 2:
        return None, []
    band = [p.managers for p in curve if not math.isnan(p.three_year_return) and low <= p.three_year_return <= high]
    recommended = curve[0].managers
    for point in curve[1:]:
        if point.three_year_return < low:
            break
        recommended = point.managers
    return recommended, band
