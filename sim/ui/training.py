"""The training-plan lab: sketch a plan from the paper's four phases and see its return against no training."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from sim.experiments import PHASES, TrainingDesign, TrainingReturn, training_return
from sim.i18n import t, unit_name
from sim.results.tables import interval, number
from sim.scenario import Scenario, validate
from sim.ui.compare import reps_control
from sim.ui.controls import control_for, spec_index
from sim.ui.panel import DEFAULT_BACKEND, Panel, show_figure


class TrainingPlanPanel(Panel):
    """Design a four-phase training plan and see its return against no training (common random numbers).

    Its controls are the fields of :class:`~sim.experiments.TrainingDesign`, with the ranges declared there.

    Args:
        base: The organisation simulated (the default scenario when None).
        reps: Replications of each variant to start with.
        backend: Where replications run.
    """

    def __init__(self, base: Scenario | None = None, reps: int = 10, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(t("ui.run_training"))
        self.base = base or Scenario()
        self.backend = backend
        specs = spec_index(TrainingDesign())
        self.phases = {p: w.Checkbox(value=True, description=t(f"phase.{p}")) for p in PHASES}
        self.hours = control_for(specs["hours_per_day"], t("ui.hours_per_day"))
        self.spacing = control_for(specs["spacing_days"], t("ui.phase_spacing"))
        self.heads = w.Checkbox(value=True, description=t("ui.heads_attend"))
        self.reps = reps_control(reps)
        self.outcome: TrainingReturn | None = None
        controls = w.VBox([w.HBox(list(self.phases.values())), self.hours, self.spacing, self.heads, self.reps])
        self.widget = w.VBox([controls, self.button, self.status, self.output])

    def design(self) -> TrainingDesign:
        """The plan the controls describe, validated."""
        return validate(
            TrainingDesign,
            {
                "chosen": [p for p in PHASES if self.phases[p].value],
                "hours_per_day": self.hours.value,
                "spacing_days": self.spacing.value,
                "heads_attend": self.heads.value,
            },
        )

    def plan(self) -> list[dict[str, Any]]:
        """The phases chosen, one day each, ``spacing`` days apart from day 14."""
        return self.design().phases()

    def compute(self) -> TrainingReturn:
        """Training return under common random numbers."""
        return training_return(
            self.base.with_values({"training.phases": self.plan()}), reps=self.reps.value, backend=self.backend
        )

    def show(self, result: TrainingReturn) -> None:
        """Gains with intervals and the return on the training cost."""
        import pandas as pd
        from IPython.display import display

        from sim.ui.charts import kpi_comparison

        self.outcome = result
        display(
            pd.DataFrame(
                {
                    t("ui.value_ci"): [
                        interval(result.intake_gain.mean, result.intake_gain.low, result.intake_gain.high, 1),
                        interval(
                            result.satisfaction_gain.mean, result.satisfaction_gain.low, result.satisfaction_gain.high
                        ),
                        number(result.training_cost, 1),
                        interval(result.roi.mean, result.roi.low, result.roi.high, 2),
                    ],
                    t("ui.unit"): [
                        unit_name("wan CNY"),
                        unit_name("score 0-1"),
                        unit_name("wan CNY"),
                        unit_name("ratio"),
                    ],
                },
                index=[
                    t("ui.extra_intake"),
                    t("ui.extra_satisfaction"),
                    t("ui.training_cost"),
                    t("ui.training_return"),
                ],
            )
        )
        show_figure(kpi_comparison(result.comparison, ["order_intake", "satisfaction_mean", "visits_made"]))
