"""What a practice is worth: the paper's practices switched on and off under common random numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from sim.experiments.backend import Backend
from sim.experiments.replicate import Comparison, compare
from sim.experiments.stats import Interval, mean_interval
from sim.scenario import Record, Scenario, bounded, problem

PHASES = ("theory", "concepts", "successful_cases", "selling_skills")


class TrainingDesign(Record):
    """A training plan sketched in a few choices: which of the paper's phases, how long, for whom.

    :meth:`phases` turns it into the scenario's ``training.phases``: one day per
    phase chosen, ``spacing_days`` apart from day 14, for the customer managers
    and, when they attend, the department heads and the staff they teach.
    """

    chosen: tuple[Literal["theory", "concepts", "successful_cases", "selling_skills"], ...] = Field(
        default=PHASES, strict=False, description="The phases of the paper's plan to run."
    )
    hours_per_day: float = bounded(4.0, ge=1, le=8, unit="hours", doc="Training hours on each phase's day.")
    spacing_days: int = bounded(28, ge=7, le=90, unit="days", doc="Days between the starts of two phases.")
    heads_attend: bool = Field(True, description="Whether department heads attend and then teach their own staff.")

    def phases(self) -> list[dict[str, Any]]:
        """The plan as ``training.phases`` entries.

        Raises:
            ScenarioError: when no phase is chosen.
        """
        if not self.chosen:
            raise problem("chosen", [], "error.choose_phase")
        audience = ["customer_managers"] + (["department_heads", "staff"] if self.heads_attend else [])
        ordered = [phase for phase in PHASES if phase in self.chosen]
        return [
            {
                "phase": phase,
                "start_day": 14 + i * self.spacing_days,
                "days": 1,
                "hours_per_day": self.hours_per_day,
                "audience": audience,
            }
            for i, phase in enumerate(ordered)
        ]


@dataclass
class TrainingReturn:
    """The training plan against the same scenario without it.

    Attributes:
        comparison: The paired replications ("without" is the baseline, "with" the plan).
        intake_gain: Extra order intake with training (wan CNY), with its 95% interval.
        satisfaction_gain: Extra end-of-horizon satisfaction, with its interval.
        training_cost: Cost of the plan within the horizon (wan CNY).
        roi: (gross margin x extra intake - training cost) / training cost, per replication pair,
            with its interval; NaN when the plan costs nothing.
    """

    comparison: Comparison
    intake_gain: Interval
    satisfaction_gain: Interval
    training_cost: float
    roi: Interval


def training_return(
    scenario: Scenario, reps: int = 30, seed: int | None = None, backend: Backend | str | None = None
) -> TrainingReturn:
    """Return on the scenario's training plan, under common random numbers.

    Args:
        scenario: A scenario whose ``training.phases`` hold the plan.
        reps: Replications of each variant.
        seed: Root seed.
        backend: Where the runs go, as for :func:`compare`.
    """
    without = scenario.with_values({"training.phases": []})
    result = compare({"without": without, "with": scenario}, reps=reps, seed=seed, backend=backend)
    runs = result.runs
    base = runs[runs["scenario"] == "without"].set_index("rep")
    trained = runs[runs["scenario"] == "with"].set_index("rep")
    intake = trained["order_intake"] - base["order_intake"]
    cost = float(trained["training_cost"].iloc[0])
    margin = scenario.economics.gross_margin_rate
    roi = (margin * intake - cost) / cost if cost > 0 else intake * float("nan")
    return TrainingReturn(
        comparison=result,
        intake_gain=mean_interval(intake.to_numpy(dtype=float)),
        satisfaction_gain=mean_interval((trained["satisfaction_mean"] - base["satisfaction_mean"]).to_numpy(float)),
        training_cost=cost,
        roi=mean_interval(roi.to_numpy(dtype=float)),
    )
