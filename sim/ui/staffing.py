"""The staffing explorer: how many customer managers for a sales target, four ways, with the risk curve.

Its controls are the fields of :class:`~sim.staffing.StaffingRequest`, with the
ranges declared there (the command line's ``staffing`` flags read the same record).
"""

from __future__ import annotations

import ipywidgets as w

from sim.i18n import t
from sim.results.tables import number
from sim.scenario import Scenario, validate
from sim.staffing import StaffingPlan, StaffingRequest, plan
from sim.ui.compare import reps_control
from sim.ui.controls import control_for, spec_index
from sim.ui.panel import DEFAULT_BACKEND, Panel, show_figure

_INPUTS = ("target", "past_sales", "past_managers", "growth", "confidence")


class StaffingExplorer(Panel):
    """How many customer managers for a sales target: the four methods and the risk curve.

    Args:
        base: The organisation simulated (the default scenario when None).
        reps: Replications per head-count to start with.
        backend: Where replications run.
    """

    def __init__(self, base: Scenario | None = None, reps: int = 20, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(t("ui.size_team"))
        self.base = base or Scenario()
        self.backend = backend
        start = StaffingRequest(
            target=self.base.sales_target_wan_cny, past_managers=self.base.managers.count, reps=max(2, reps)
        )
        specs = spec_index(start)
        self.inputs = {name: control_for(specs[name], t(f"ui.{name}")) for name in _INPUTS}
        self.target, self.past_sales, self.past_managers, self.growth, self.confidence = self.inputs.values()
        self.reps = reps_control(reps)
        self.plan: StaffingPlan | None = None
        self.widget = w.VBox([w.VBox([*self.inputs.values(), self.reps]), self.button, self.status, self.output])

    def request(self) -> StaffingRequest:
        """The entered values as a validated request.

        Raises:
            ScenarioError: naming every value that is not allowed.
        """
        return validate(
            StaffingRequest, {**{name: control.value for name, control in self.inputs.items()}, "reps": self.reps.value}
        )

    def compute(self) -> StaffingPlan:
        """The four methods on the entered inputs."""
        return plan(self.request(), self.base, backend=self.backend)

    def show(self, result: StaffingPlan) -> None:
        """The methods side by side, the curve as a table and as a chart."""
        import pandas as pd
        from IPython.display import display

        from sim.ui.charts import risk_curve

        self.plan = result
        methods = pd.DataFrame(
            [
                {
                    t("ui.method"): t(f"method.{m.method}"),
                    t("ui.managers"): "-" if m.managers is None else str(m.managers),
                    t("ui.exact"): "" if m.managers_exact is None else number(m.managers_exact, 2),
                    t("ui.answer"): m.answer,
                    t("ui.why_differs"): m.differs,
                }
                for m in result.methods
            ]
        ).set_index(t("ui.method"))
        display(methods)
        show_figure(risk_curve(result))
