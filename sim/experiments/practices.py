"""What a practice is worth: the paper's practices switched on and off under common random numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sim.experiments.replicate import Comparison, compare
from sim.experiments.stats import Interval, mean_interval
from sim.scenario import Scenario


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


def training_return(scenario: Scenario, reps: int = 30, seed: int | None = None, **backend: Any) -> TrainingReturn:
    """Return on the scenario's training plan, under common random numbers.

    Args:
        scenario: A scenario whose ``training.phases`` hold the plan.
        reps: Replications of each variant.
        seed: Root seed.
        **backend: ``backend``, ``workers``, ``client``, ``scheduler`` as for :func:`compare`.
    """
    without = scenario.with_values({"training.phases": []})
    result = compare({"without": without, "with": scenario}, reps=reps, seed=seed, **backend)
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
