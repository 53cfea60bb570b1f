"""The four staffing methods side by side, each with its answer, assumptions and why it differs."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from sim.experiments.backend import Backend
from sim.i18n import format_amount, t
from sim.results.tables import aligned, interval, number
from sim.scenario import Scenario, validate
from sim.staffing.organisation import organisation_scenario
from sim.staffing.request import StaffingRequest
from sim.staffing.rules import paper_rule, scenario_workload
from sim.staffing.simulated import CurvePoint, SimulatedAnswer, roi_band, simulated_answer


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

    def table(self, language: str | None = None) -> str:
        """The methods side by side and the risk curve, as plain text (in the current or given language)."""
        i = self.inputs
        lines = [
            t(
                "staffing.table_inputs",
                language,
                target=format_amount(i["target"], language),
                days=i["horizon_days"],
                past_sales=format_amount(i["past_sales"], language),
                past_managers=i["past_managers"],
                growth=f"{i['growth']:.0%}",
            ),
            "",
            aligned(
                [
                    t("ui.method", language),
                    t("ui.managers", language),
                    t("ui.exact", language),
                    t("ui.answer", language),
                ],
                [
                    [
                        t(f"method.{m.method}", language),
                        "-" if m.managers is None else str(m.managers),
                        "" if m.managers_exact is None else number(m.managers_exact, 2),
                        m.answer,
                    ]
                    for m in self.methods
                ],
                right=[1, 2],
            ),
            "",
            t("staffing.table_why", language),
        ]
        lines += [f"- {t(f'method.{m.method}', language)}: {m.assumptions} {m.differs}" for m in self.methods]
        header = [t(f"curve.{column}", language) for column in _CURVE_COLUMNS]
        rows = [
            [
                str(p.managers),
                interval(p.p_reach_target, p.p_low, p.p_high, 2),
                number(p.order_intake_mean, 0),
                number(p.manager_utilisation, 2),
                number(p.visit_compliance, 2),
                number(p.extra_intake, 0),
                "" if math.isnan(p.three_year_return) else f"{p.three_year_return:.0%}",
            ]
            for p in self.curve
        ]
        return "\n".join([*lines, "", t("staffing.table_curve", language), aligned(header, rows, right=range(7))])


_CURVE_COLUMNS = ("managers", "p_target", "intake", "utilisation", "on_time", "extra", "return")


def _simulation_text(answer: SimulatedAnswer, curve: list[CurvePoint], confidence: float) -> str:
    """The simulation method's answer in a sentence: a team, a range that cannot be split, or none."""
    counts = [p.managers for p in curve]
    shared = {"confidence": f"{confidence:.0%}", "reps": answer.reps, "low": counts[0], "high": counts[-1]}
    if answer.managers is not None and answer.clear:
        return t("staffing.simulation_answer", managers=answer.managers, **shared)
    if answer.managers is not None:
        return t("staffing.simulation_range", managers=answer.managers, first=answer.undecided[0], **shared)
    if answer.undecided:
        sizes = ", ".join(map(str, answer.undecided))
        return t("staffing.simulation_undecided", sizes=sizes, **shared)
    return t(
        "staffing.simulation_none",
        plateau=f"{answer.plateau:.0%}",
        intake_low=format_amount(curve[0].order_intake_mean),
        intake_high=format_amount(curve[-1].order_intake_mean),
        **shared,
    )


MAX_CANDIDATES = 12


def default_candidates(low_guess: int, high_guess: int, current: int) -> list[int]:
    """Head-counts to simulate, around the arithmetic answers and today's head-count.

    From a quarter below the smallest of them to a quarter above the largest (at
    least 3 either side), in at most 12 even steps.
    """
    smallest, largest = min(low_guess, high_guess, current), max(low_guess, high_guess, current)
    low = max(1, min(smallest - 3, math.floor(smallest * 0.75)))
    high = max(largest + 3, math.ceil(largest * 1.25))
    step = max(1, math.ceil((high - low) / (MAX_CANDIDATES - 1)))
    counts = list(range(low, high + 1, step))
    return counts if counts[-1] == high else [*counts, high]


def plan_staffing(
    target: float,
    past_sales: float,
    past_managers: int,
    growth: float,
    scenario: Scenario | None = None,
    *,
    confidence: float = 0.8,
    reps: int = 20,
    candidates: list[int] | None = None,
    seed: int | None = None,
    backend: Backend | str | None = None,
    **organisation: Any,
) -> StaffingPlan:
    """Answer "how many customer managers for this target?" four ways on the same inputs.

    Args:
        target: Order intake target over the scenario's horizon (wan CNY).
        past_sales: Order intake of the last period (wan CNY).
        past_managers: Managers who made those sales (today's head-count).
        growth: Assessed growth of sales per manager (0.1 = 10%).
        scenario: The organisation to simulate (when None: the default institute scaled to the numbers given).
        confidence: Probability of reaching the target the simulation method asks for.
        reps: Replications per candidate head-count at first (at most four times as many in the end,
            unless ``max_reps`` says otherwise).
        candidates: Head-counts to simulate (default: around the arithmetic answers).
        seed: Root seed of the replications.
        backend: Where the runs go (a :class:`~sim.experiments.Backend` or its kind; serial by default).
        **organisation: More fields of :class:`~sim.staffing.StaffingRequest`: ``customers``,
            ``deal_size``, ``cost_per_manager``, ``margin``, ``max_reps``.

    Raises:
        ScenarioError: for any bad input, naming it.
    """
    organisation.setdefault("max_reps", 4 * reps if isinstance(reps, int) else reps)
    request = validate(
        StaffingRequest,
        {
            "target": target,
            "past_sales": past_sales,
            "past_managers": past_managers,
            "growth": growth,
            "confidence": confidence,
            "reps": reps,
            "candidates": candidates,
            **organisation,
        },
    )
    return plan(request, scenario, seed=seed, backend=backend)


def plan(
    request: StaffingRequest,
    scenario: Scenario | None = None,
    *,
    seed: int | None = None,
    backend: Backend | str | None = None,
) -> StaffingPlan:
    """The four staffing methods on one validated request, about the organisation it describes.

    Args:
        request: The target, the organisation's headline numbers and the confidence asked for.
        scenario: The organisation as a scenario (one written by ``sim calibrate ARCHIVE``, say); when
            None, the default institute scaled to the request's numbers and calibrated to its past
            sales (:func:`sim.staffing.organisation.organisation_scenario`).
        seed: Root seed of the replications.
        backend: Where the runs go.
    """
    target, past_sales, past_managers, growth = (
        request.target,
        request.past_sales,
        request.past_managers,
        request.growth,
    )
    confidence, reps = request.confidence, request.reps
    calibration = None
    if scenario is None:
        base, calibration = organisation_scenario(request, seed=seed, backend=backend)
    else:
        base = scenario
    rule = paper_rule(target, past_sales, past_managers, growth)
    load = scenario_workload(base)
    counts = list(request.candidates or default_candidates(rule.managers, load.managers, past_managers))
    simulated, curve = simulated_answer(
        base, counts, target, past_managers, confidence, reps, request.max_reps, seed=seed, backend=backend
    )
    recommended, band = roi_band(curve)
    econ = base.economics
    break_even = econ.manager_cost_wan_cny_per_year / econ.gross_margin_rate
    per_person = rule.detail["sales_per_manager"]
    methods = [
        MethodAnswer(
            method="paper_rule",
            managers=rule.managers,
            managers_exact=rule.managers_exact,
            answer=t(
                "staffing.paper_answer",
                target=f"{target:,.0f}",
                per_person=f"{per_person:,.1f}",
                exact=f"{rule.managers_exact:.2f}",
                managers=rule.managers,
            ),
            assumptions=t("staffing.paper_assumes"),
            differs=t("staffing.paper_differs"),
            detail={"sales_per_manager": per_person},
        ),
        MethodAnswer(
            method="workload",
            managers=load.managers,
            managers_exact=load.managers_exact,
            answer=t(
                "staffing.workload_answer",
                visits=f"{load.detail['visits_total']:,.0f}",
                per_manager=f"{load.detail['visits_per_manager_per_year']:,.0f}",
                exact=f"{load.managers_exact:.2f}",
                managers=load.managers,
            ),
            assumptions=t("staffing.workload_assumes"),
            differs=t("staffing.workload_differs"),
            detail=load.detail,
        ),
        MethodAnswer(
            method="simulation",
            managers=simulated.managers,
            managers_exact=None,
            answer=_simulation_text(simulated, curve, confidence),
            assumptions=t("staffing.simulation_assumes", reps=simulated.reps),
            differs=t("staffing.simulation_differs"),
            detail={
                "confidence": confidence,
                "reps": simulated.reps,
                "undecided": list(simulated.undecided),
                "capped": simulated.capped,
                "plateau": simulated.plateau,
            },
        ),
        MethodAnswer(
            method="roi_band",
            managers=recommended,
            managers_exact=None,
            answer=t(
                "staffing.roi_answer",
                break_even=format_amount(break_even),
                managers=recommended,
                band=", ".join(map(str, band)) or t("staffing.no_candidate"),
            ),
            assumptions=t(
                "staffing.roi_assumes",
                cost=format_amount(econ.manager_cost_wan_cny_per_year),
                margin=f"{econ.gross_margin_rate:.0%}",
                year2=f"{econ.carry_over_year2:.0%}",
                year3=f"{econ.carry_over_year3:.0%}",
            ),
            differs=t("staffing.roi_differs"),
            detail={"break_even_sales_per_manager": break_even, "band": band},
        ),
    ]
    inputs = {
        **request.model_dump(),
        "candidates": counts,
        "horizon_days": base.horizon_days,
        "scenario": base.name,
        "customers": sum(s.customers for s in base.customers.segments),
        "cost_per_manager": econ.manager_cost_wan_cny_per_year,
        "margin": econ.gross_margin_rate,
        "deal_size": base.customers.project_value_median_wan_cny
        * math.exp(0.5 * base.customers.project_value_sigma**2),
        "calibration": None,
    }
    if calibration is not None:
        inputs["calibration"] = {
            "flow": calibration.flow,
            "baseline_intake": calibration.intake.mean,
            "baseline_low": calibration.intake.low,
            "baseline_high": calibration.intake.high,
            "reps": calibration.reps,
            "matched": calibration.matched,
        }
    return StaffingPlan(inputs, methods, curve)
