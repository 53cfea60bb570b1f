"""Staffing by simulation: the risk curve, the answer with its confidence, and the return of one more manager.

For each candidate number of customer managers the scenario is replicated
under common random numbers (replication ``i`` uses the same seed for every
candidate), giving the probability of reaching the sales target and the paired
extra order intake each added manager brings.

More managers never lower the chance of reaching a target in expectation, but
two neighbouring team sizes often reach it in nearly the same replications, and
the raw shares then wobble by a replication or two. The curve therefore also
carries the monotone estimate (pool adjacent violators over the candidates,
weighted by replications), with a Wilson interval on the pooled counts; the
answer is the smallest team whose interval's lower end reaches the confidence
asked for, and replications are added, on the same seeds for every team size,
until that decision is clear or a cap is reached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.experiments.backend import Backend
from sim.experiments.replicate import check_reps, compare
from sim.experiments.stats import mean_interval, proportion_interval
from sim.scenario import Scenario, problem

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DAYS_PER_YEAR = 365.0


@dataclass(frozen=True)
class CurvePoint:
    """Results for one candidate number of managers.

    Attributes:
        managers: Candidate head-count.
        new_hires: How many of them start new and ramp up.
        p_reach_target: Share of replications whose order intake reached the target.
        p_low: Lower end of its 95% Wilson interval.
        p_high: Upper end.
        order_intake_mean: Mean order intake over the horizon (wan CNY).
        order_intake_low: Lower end of its 95% interval.
        order_intake_high: Upper end.
        manager_utilisation: Mean share of visit hours used.
        visit_compliance: Mean share of visits on time.
        satisfaction_mean: Mean end-of-horizon satisfaction.
        extra_intake: Mean paired extra intake a year over the previous candidate, per manager added (wan CNY).
        extra_intake_low: Lower end of its 95% interval.
        extra_intake_high: Upper end.
        three_year_return: Return of the last manager added: margin on the extra intake a year over
            three years (with carry-over) against one year of that manager's cost, minus 1.
        reps: Replications behind the point.
        reached: Replications whose order intake reached the target.
        p_fit: The monotone estimate of the chance of reaching the target.
        fit_low: Lower end of its 95% Wilson interval (on the pooled replications).
        fit_high: Upper end.
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
    reps: int = 0
    reached: int = 0
    p_fit: float = math.nan
    fit_low: float = math.nan
    fit_high: float = math.nan


@dataclass(frozen=True)
class SimulatedAnswer:
    """The simulation method's answer and how sure it is.

    Attributes:
        managers: The smallest team whose lower 95% bound of the chance reaches the confidence, or None.
        undecided: Team sizes whose interval still holds the confidence asked for (they cannot be
            told apart from it), ascending; empty when the decision is clear.
        reps: Replications per team size behind the answer.
        capped: Whether replications stopped at the cap before the decision was clear.
        plateau: The highest chance any candidate reaches (monotone estimate).
    """

    managers: int | None
    undecided: tuple[int, ...]
    reps: int
    capped: bool
    plateau: float

    @property
    def clear(self) -> bool:
        """Whether every team size is clearly below, or clearly at or above, the confidence asked for."""
        return not self.undecided


def candidate_scenario(scenario: Scenario, managers: int, current: int, target: float) -> Scenario:
    """The scenario with ``managers`` managers, those beyond today's ``current`` starting new."""
    return scenario.with_values(
        {
            "managers.count": managers,
            "managers.new_hires": max(0, managers - current),
            "sales_target_wan_cny": target,
        }
    )


def _check(candidates: Sequence[int], reps: int) -> list[int]:
    counts = list(candidates)
    if not counts or any(n < 1 for n in counts) or counts != sorted(set(counts)):
        raise problem("candidates", counts, "rule.candidates")
    check_reps(reps)
    return counts


def curve_runs(
    scenario: Scenario,
    counts: Sequence[int],
    target: float,
    current: int,
    reps: int,
    first_rep: int = 0,
    seed: int | None = None,
    backend: Backend | str | None = None,
) -> pd.DataFrame:
    """Replications ``first_rep`` to ``first_rep + reps - 1`` of every candidate, on the same seeds."""
    named = {str(n): candidate_scenario(scenario, n, current, target) for n in counts}
    if len(named) == 1:
        named["_again"] = named[str(counts[0])]  # compare needs two; the copy is dropped below
    runs = compare(named, reps=reps, seed=seed, backend=backend, first_rep=first_rep).runs
    return runs[runs["scenario"] != "_again"]


def curve_from_runs(
    scenario: Scenario, counts: Sequence[int], target: float, current: int, runs: pd.DataFrame
) -> list[CurvePoint]:
    """The risk curve from replications of every candidate (paired by ``rep``)."""
    economics = scenario.economics
    per_year = DAYS_PER_YEAR / scenario.horizon_days
    carry = 1.0 + economics.carry_over_year2 + economics.carry_over_year3
    points: list[CurvePoint] = []
    previous = None
    for n in counts:
        frame = runs[runs["scenario"] == str(n)].set_index("rep").sort_index()
        intake = frame["order_intake"].to_numpy(dtype=float)
        reached = int((intake >= target - 1e-9).sum())
        p = proportion_interval(reached, len(intake))
        m = mean_interval(intake)
        extra = {}
        if previous is not None:
            step = n - previous[0]
            delta = (frame["order_intake"] - previous[1]["order_intake"]) / step * per_year
            d = mean_interval(delta.to_numpy(dtype=float))
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
                reps=len(intake),
                reached=reached,
                **extra,
            )
        )
        previous = (n, frame)
    return monotone_fit(points)


def monotone_fit(points: list[CurvePoint]) -> list[CurvePoint]:
    """The chance of reaching the target as a non-decreasing function of team size (pool adjacent violators).

    Each block of neighbouring sizes whose raw shares fall where they should rise
    is pooled; the pooled share and its Wilson interval on the pooled counts are
    given to every size of the block.
    """
    blocks: list[list[int]] = []  # each: [reached, reps, first index, last index]
    for index, point in enumerate(points):
        blocks.append([point.reached, point.reps, index, index])
        while len(blocks) > 1 and blocks[-2][0] * blocks[-1][1] > blocks[-1][0] * blocks[-2][1]:
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    fitted = list(points)
    for reached, reps, first, last in blocks:
        pooled = proportion_interval(reached, reps)
        for index in range(first, last + 1):
            fitted[index] = replace(points[index], p_fit=pooled.mean, fit_low=pooled.low, fit_high=pooled.high)
    return fitted


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
    counts = _check(candidates, reps)
    runs = curve_runs(scenario, counts, target, current, reps, seed=seed, backend=backend)
    return curve_from_runs(scenario, counts, target, current, runs)


def decide(curve: Sequence[CurvePoint], confidence: float) -> tuple[int | None, tuple[int, ...]]:
    """(the smallest team whose lower bound reaches ``confidence``, the sizes whose interval holds it)."""
    answer = next((p.managers for p in curve if p.fit_low >= confidence), None)
    undecided = tuple(p.managers for p in curve if p.fit_low < confidence <= p.fit_high)
    if answer is not None:
        undecided = tuple(n for n in undecided if n < answer)
    return answer, undecided


def simulated_answer(
    scenario: Scenario,
    candidates: Sequence[int],
    target: float,
    current: int,
    confidence: float,
    reps: int = 40,
    max_reps: int = 320,
    seed: int | None = None,
    backend: Backend | str | None = None,
) -> tuple[SimulatedAnswer, list[CurvePoint]]:
    """The simulation method's answer, with replications doubled until the decision is clear or ``max_reps``.

    Replications are added on the same seeds for every team size (common random
    numbers), so each round sharpens the comparison between sizes.

    Returns:
        The answer and the risk curve behind it.
    """
    import pandas as pd

    counts = _check(candidates, reps)
    max_reps = max(reps, max_reps)
    runs = curve_runs(scenario, counts, target, current, reps, seed=seed, backend=backend)
    done = reps
    while True:
        curve = curve_from_runs(scenario, counts, target, current, runs)
        answer, undecided = decide(curve, confidence)
        if not undecided or done >= max_reps:
            break
        more = min(done, max_reps - done)
        extra = curve_runs(scenario, counts, target, current, more, first_rep=done, seed=seed, backend=backend)
        runs = pd.concat([runs, extra], ignore_index=True)
        done += more
    plateau = max(p.p_fit for p in curve)
    return SimulatedAnswer(answer, undecided, done, bool(undecided), plateau), curve


def smallest_reaching(curve: Sequence[CurvePoint], confidence: float) -> int | None:
    """The smallest head-count whose monotone estimate's lower 95% bound is at least ``confidence``."""
    return decide(curve, confidence)[0]


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
