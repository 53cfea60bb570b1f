"""The manager's own organisation: the default world scaled to a few headline numbers, then calibrated.

A department head knows the past period's sales, how many customer managers
made them and, often, how many customers are on file and what a project is
worth. Those numbers, not the toolkit's fictional institute, are what the
staffing answer must be about. :func:`organisation_scenario` builds the world
they describe:

1. **Scale**: every segment's customers and leads, the after-sales staff and
   the staff who pass on leads by customers / the default institute's 120; the
   managers are the past head-count; a project's median value is set so that
   its mean is the deal size; cost and margin as given.
2. **Calibrate**: the flow of business (procurement leads, staff leads and
   repeat business, scaled together) is adjusted until the simulated order
   intake of the past head-count matches the past sales: replications on the
   same seeds every round (so the intake is a smooth function of the flow), a
   proportional first correction and secant steps on the logarithms after it,
   stopping when the mean intake is within 3% of the past sales and they lie
   inside its 95% interval (at most eight rounds).

The numbers that are not given keep the default institute's proportions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sim.experiments.backend import Backend
from sim.experiments.replicate import replicate
from sim.experiments.stats import Interval
from sim.scenario import Scenario, problem
from sim.staffing.request import StaffingRequest

#: Customers per manager in the default institute (120 customers, 8 managers).
CUSTOMERS_PER_MANAGER = 15
#: Largest business-flow factor the calibration may reach, either way: beyond it the numbers do not describe
#: an organisation like the default institute, and a scenario file is the better description.
MAX_FLOW = 50.0
ROUNDS = 8
#: How close the mean simulated intake must come to the past sales (a share of them).
TOLERANCE = 0.03


@dataclass(frozen=True)
class Calibration:
    """How the world was fitted to the past sales.

    Attributes:
        flow: The factor applied to leads and repeat business.
        intake: The past head-count's simulated order intake, with its 95% interval.
        reps: Replications behind it.
        rounds: Calibration rounds used.
        matched: Whether the past sales lie inside the interval.
    """

    flow: float
    intake: Interval
    reps: int
    rounds: int
    matched: bool


def scaled_world(request: StaffingRequest, base: Scenario | None = None, flow: float = 1.0) -> Scenario:
    """The base world scaled to the request's headline numbers, with business flow ``flow``."""
    base = base or Scenario()
    segments = base.customers.segments
    base_total = sum(s.customers for s in segments)
    customers = request.customers or CUSTOMERS_PER_MANAGER * request.past_managers
    scale = customers / base_total
    counts = _apportion([s.customers for s in segments], customers)
    changes: dict[str, Any] = {
        "managers.count": request.past_managers,
        "managers.new_hires": 0,
        "sales_target_wan_cny": request.target,
        "after_sales.staff": max(1, round(base.after_sales.staff * scale)),
        "leads.staff_leads_per_year": base.leads.staff_leads_per_year * scale * flow,
        "pipeline.repeat_rate_per_year": min(20.0, base.pipeline.repeat_rate_per_year * flow),
        "name": f"{customers} customers, {request.past_managers} managers (scaled from the default institute)",
    }
    for i, (segment, count) in enumerate(zip(segments, counts, strict=True)):
        changes[f"customers.segments.{i}.customers"] = count
        # Leads per customer stay the segment's own, whatever whole number of customers it gets.
        changes[f"customers.segments.{i}.lead_rate_per_year"] = (
            segment.lead_rate_per_year * count / segment.customers * flow
        )
    if request.deal_size is not None:
        sigma = base.customers.project_value_sigma
        changes["customers.project_value_median_wan_cny"] = request.deal_size / math.exp(0.5 * sigma * sigma)
    if request.cost_per_manager is not None:
        changes["economics.manager_cost_wan_cny_per_year"] = request.cost_per_manager
    if request.margin is not None:
        changes["economics.gross_margin_rate"] = request.margin
    return base.with_values(changes)


def organisation_scenario(
    request: StaffingRequest,
    base: Scenario | None = None,
    reps: int = 20,
    seed: int | None = None,
    backend: Backend | str | None = None,
) -> tuple[Scenario, Calibration]:
    """The world of the request's organisation, its business flow calibrated to the past sales.

    Raises:
        ScenarioError: when the past sales cannot be reached with a business flow within
            :data:`MAX_FLOW` times the default's, either way.
    """
    flow = 1.0
    tried: list[tuple[float, float]] = []  # (log flow, log mean intake) of the rounds so far
    for rounds in range(1, ROUNDS + 1):
        scenario = scaled_world(request, base, flow)
        intake = replicate(scenario, reps=reps, seed=seed, backend=backend).interval("order_intake")
        close = abs(intake.mean - request.past_sales) <= TOLERANCE * request.past_sales
        matched = close and intake.low <= request.past_sales <= intake.high
        if matched or rounds == ROUNDS:
            break
        tried.append((math.log(flow), math.log(max(intake.mean, 1e-9))))
        flow = math.exp(_next_log_flow(tried, math.log(request.past_sales)))
        if not 1.0 / MAX_FLOW <= flow <= MAX_FLOW:
            raise problem("past_sales", request.past_sales, "staffing.unreachable_sales", intake=f"{intake.mean:,.0f}")
    return scenario, Calibration(flow, intake, reps, rounds, matched)


def _next_log_flow(tried: list[tuple[float, float]], log_target: float) -> float:
    """The next flow to try (as a logarithm): proportional after one round, a secant step after two.

    The secant's slope (the elasticity of intake to the flow) is kept between 0.1 and 2, so one noisy
    round cannot send the flow far off.
    """
    log_flow, log_intake = tried[-1]
    elasticity = 1.0
    if len(tried) >= 2:
        previous_flow, previous_intake = tried[-2]
        if log_flow != previous_flow:
            elasticity = min(2.0, max(0.1, (log_intake - previous_intake) / (log_flow - previous_flow)))
    return log_flow + (log_target - log_intake) / elasticity


def _apportion(weights: list[int], total: int) -> list[int]:
    """``total`` split in proportion to ``weights`` in whole numbers that add up (largest remainder)."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [math.floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts
