"""The four staffing methods side by side, each with its answer, assumptions and why it differs."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from sim.scenario import Problem, Scenario, ScenarioError
from sim.staffing.rules import check_inputs, paper_rule, scenario_workload
from sim.staffing.simulated import CurvePoint, risk_curve, roi_band, smallest_reaching


@dataclass(frozen=True)
class MethodAnswer:
    """One staffing method's answer.

    Attributes:
        method: ``paper_rule``, ``workload``, ``simulation`` or ``roi_band``.
        managers: Whole managers recommended (None when the method finds no answer in range).
        managers_exact: The unrounded figure, for the arithmetic methods.
        answer: The answer in a sentence.
        assumptions: What the method takes for granted.
        differs: Why its answer differs from the others'.
        detail: Figures behind the answer.
    """

    method: str
    managers: int | None
    managers_exact: float | None
    answer: str
    assumptions: str
    differs: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StaffingPlan:
    """The four methods on the same inputs, and the simulated risk curve.

    Attributes:
        inputs: Target, past sales, past managers, growth, confidence, replications.
        methods: One :class:`MethodAnswer` per method, in the order of the paper, workload, simulation, return.
        curve: The simulated curve, one point per candidate head-count.
    """

    inputs: dict[str, Any]
    methods: list[MethodAnswer]
    curve: list[CurvePoint]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (NaN becomes None)."""

        def clean(value: Any) -> Any:
            if isinstance(value, float) and math.isnan(value):
                return None
            if isinstance(value, dict):
                return {k: clean(v) for k, v in value.items()}
            if isinstance(value, list):
                return [clean(v) for v in value]
            return value

        return clean(
            {
                "inputs": self.inputs,
                "methods": [asdict(m) for m in self.methods],
                "curve": [asdict(p) for p in self.curve],
            }
        )

    def table(self) -> str:
        """The methods side by side and the risk curve, as plain text."""
        lines = [
            f"Sales target {self.inputs['target']:,.0f} wan CNY over {self.inputs['horizon_days']} days; "
            f"past sales {self.inputs['past_sales']:,.0f} with {self.inputs['past_managers']} managers; "
            f"growth {self.inputs['growth']:.0%}.",
            "",
            f"{'method':<12} {'managers':>8} {'exact':>8}  answer",
        ]
        for m in self.methods:
            exact = "" if m.managers_exact is None else f"{m.managers_exact:.2f}"
            count = "-" if m.managers is None else str(m.managers)
            lines.append(f"{m.method:<12} {count:>8} {exact:>8}  {m.answer}")
        lines += ["", "Assumptions and why the answers differ:"]
        for m in self.methods:
            lines.append(f"- {m.method}: {m.assumptions} {m.differs}")
        lines += [
            "",
            f"{'managers':>8} {'P(target)':>10} {'95% CI':>15} {'intake':>9} {'util.':>6} {'on time':>8} "
            f"{'extra/mgr':>10} {'3y return':>10}",
        ]
        for p in self.curve:
            extra = "" if math.isnan(p.extra_intake) else f"{p.extra_intake:,.0f}"
            ret = "" if math.isnan(p.three_year_return) else f"{p.three_year_return:.0%}"
            lines.append(
                f"{p.managers:>8} {p.p_reach_target:>10.2f} {f'[{p.p_low:.2f}, {p.p_high:.2f}]':>15} "
                f"{p.order_intake_mean:>9,.0f} {p.manager_utilisation:>6.2f} {p.visit_compliance:>8.2f} "
                f"{extra:>10} {ret:>10}"
            )
        return "\n".join(lines)


def default_candidates(low_guess: int, high_guess: int, current: int) -> list[int]:
    """Head-counts to simulate: around the arithmetic answers and today's head-count."""
    low = max(1, min(low_guess, high_guess, current) - 3)
    high = max(low_guess, high_guess, current) + 4
    return list(range(low, high + 1))


def plan_staffing(
    target: float,
    past_sales: float,
    past_managers: int,
    growth: float,
    scenario: Scenario | None = None,
    *,
    confidence: float = 0.8,
    reps: int = 40,
    candidates: list[int] | None = None,
    seed: int | None = None,
    backend: str = "serial",
    **backend_options: Any,
) -> StaffingPlan:
    """Answer "how many customer managers for this target?" four ways on the same inputs.

    Args:
        target: Order intake target over the scenario's horizon (wan CNY).
        past_sales: Order intake of the last period (wan CNY).
        past_managers: Managers who made those sales (today's head-count).
        growth: Assessed growth of sales per manager (0.1 = 10%).
        scenario: The organisation to simulate (the default scenario when None).
        confidence: Probability of reaching the target the simulation method asks for.
        reps: Replications per candidate head-count.
        candidates: Head-counts to simulate (default: around the arithmetic answers).
        seed: Root seed of the replications.
        backend: ``serial``, ``processes`` or ``dask``.
        **backend_options: ``workers``, ``client`` or ``scheduler``.

    Raises:
        ScenarioError: for any bad input, naming it.
    """
    check_inputs(target, past_sales, past_managers, growth)
    if not 0 < confidence < 1:
        raise ScenarioError([Problem("confidence", confidence, "must be a probability between 0 and 1, e.g. 0.8")])
    base = Scenario() if scenario is None else scenario
    rule = paper_rule(target, past_sales, past_managers, growth)
    load = scenario_workload(base)
    counts = candidates or default_candidates(rule.managers, load.managers, past_managers)
    curve = risk_curve(base, counts, target, past_managers, reps=reps, seed=seed, backend=backend, **backend_options)
    simulated = smallest_reaching(curve, confidence)
    recommended, band = roi_band(curve)
    econ = base.economics
    break_even = econ.manager_cost_wan_cny_per_year / econ.gross_margin_rate
    per_person = rule.detail["sales_per_manager"]
    methods = [
        MethodAnswer(
            method="paper_rule",
            managers=rule.managers,
            managers_exact=rule.managers_exact,
            answer=f"{target:,.0f} / {per_person:,.1f} sales per manager = {rule.managers_exact:.2f}, "
            f"so {rule.managers}.",
            assumptions="Sales grow in proportion to head-count at the past sales per person, raised by the "
            "assessed growth ratio.",
            differs="It looks only at money: not at how many customers need visits, nor at luck; it gives no "
            "idea how likely the target is.",
            detail={"sales_per_manager": per_person},
        ),
        MethodAnswer(
            method="workload",
            managers=load.managers,
            managers_exact=load.managers_exact,
            answer=f"{load.detail['visits_total']:,.0f} visits a year / "
            f"{load.detail['visits_per_manager_per_year']:,.0f} per manager = {load.managers_exact:.2f}, "
            f"so {load.managers}.",
            assumptions="Every customer gets the visits the policy asks for, every manager makes the visits "
            "their hours and visits per week allow, all year.",
            differs="It sizes the team for the visit policy, not for the target: the same answer for any "
            "target; it ignores ramp-up, departures and whether visits turn into orders.",
            detail=load.detail,
        ),
        MethodAnswer(
            method="simulation",
            managers=simulated,
            managers_exact=None,
            answer=(
                f"the smallest head-count reaching the target with probability >= {confidence:.0%} is {simulated}."
                if simulated is not None
                else f"no candidate from {counts[0]} to {counts[-1]} reaches the target with probability "
                f">= {confidence:.0%}; try more candidates or a lower target."
            ),
            assumptions=f"The scenario's customers, visit policy and pipeline, {reps} replications per "
            "head-count on common random numbers; new managers ramp up, managers leave and are replaced "
            "after a delay, handed-over customers lose some satisfaction.",
            differs="It prices in risk: project values, wins and timing vary, so reaching a target with "
            "high confidence needs more managers than reaching it on average.",
            detail={"confidence": confidence},
        ),
        MethodAnswer(
            method="roi_band",
            managers=recommended,
            managers_exact=None,
            answer=(
                f"break-even sales per manager {break_even:,.0f} wan CNY; the last manager still returns "
                f">= 50% over three years up to {recommended}; return within 50-150% at "
                f"{', '.join(map(str, band)) or 'no candidate'}."
            ),
            assumptions=f"One more manager costs {econ.manager_cost_wan_cny_per_year:g} wan CNY a year; "
            f"margin {econ.gross_margin_rate:.0%} of extra order intake; extra sales recur "
            f"{econ.carry_over_year2:.0%} in year two and {econ.carry_over_year3:.0%} in year three.",
            differs="It asks what pays, not what reaches the target: the target may need more managers than "
            "pay for themselves, or fewer.",
            detail={"break_even_sales_per_manager": break_even, "band": band},
        ),
    ]
    inputs = {
        "target": target,
        "past_sales": past_sales,
        "past_managers": past_managers,
        "growth": growth,
        "confidence": confidence,
        "reps": reps,
        "candidates": counts,
        "horizon_days": base.horizon_days,
        "scenario": base.name,
    }
    return StaffingPlan(inputs, methods, curve)
