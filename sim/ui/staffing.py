"""The staffing explorer: how many customer managers for a sales target, four ways, about one's own organisation.

Its controls are the fields of :class:`~sim.staffing.StaffingRequest`, with the
ranges declared there (the command line's ``staffing`` flags read the same
record). The organisation's numbers (customers, deal size, cost, margin) start
at the base scenario's; the simulated world is the base scaled to them and
calibrated to the past sales. After a run, a printable one-page summary can be
downloaded.
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import replace

import ipywidgets as w

from sim.i18n import t
from sim.results.tables import number
from sim.scenario import Scenario, problem, validate
from sim.staffing import StaffingPlan, StaffingRequest, plan
from sim.staffing.plan import MAX_CANDIDATES
from sim.ui.compare import reps_control
from sim.ui.controls import control_for, spec_index
from sim.ui.panel import DEFAULT_BACKEND, Panel, show_figure

_INPUTS = ("target", "past_sales", "past_managers", "growth", "customers", "deal_size", "cost_per_manager", "margin")
_SETTINGS = ("confidence",)
_LABEL_WIDTH = "22em"
_CONTROL_WIDTH = "42em"


class StaffingExplorer(Panel):
    """How many customer managers for a sales target: the four methods and the risk curve.

    Args:
        base: The world scaled to the organisation's numbers (the default institute when None).
        reps: Replications per head-count to start with (the request's default when None).
        backend: Where replications run.
    """

    def __init__(self, base: Scenario | None = None, reps: int | None = None, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(t("ui.size_team"))
        self.base = base or Scenario()
        self.backend = backend
        sigma = self.base.customers.project_value_sigma
        start = {
            "target": self.base.sales_target_wan_cny,
            "past_managers": self.base.managers.count,
            "customers": sum(s.customers for s in self.base.customers.segments),
            "deal_size": round(self.base.customers.project_value_median_wan_cny * math.exp(0.5 * sigma * sigma), 1),
            "cost_per_manager": self.base.economics.manager_cost_wan_cny_per_year,
            "margin": self.base.economics.gross_margin_rate,
        }
        specs = spec_index(StaffingRequest())
        # The request's declared replications unless told otherwise: the page answers as `sim staffing` does.
        reps = reps or specs["reps"].default
        cap = specs["max_reps"].default if reps == specs["reps"].default else 4 * reps
        self.inputs = {}
        for name in (*_INPUTS, *_SETTINGS):
            spec = specs[name] if name not in start else replace(specs[name], default=start[name])
            self.inputs[name] = control_for(spec, t(f"ui.{name}"))
        self.target, self.past_sales, self.past_managers, self.growth = (self.inputs[n] for n in _INPUTS[:4])
        self.confidence = self.inputs["confidence"]
        team = specs["past_managers"]
        self.own_range = w.Checkbox(
            value=False, description=t("ui.own_range"), tooltip=t("ui.own_range_help"), indent=False
        )
        self.smallest = control_for(replace(team, default=max(1, start["past_managers"] // 2)), t("ui.smallest_team"))
        self.largest = control_for(replace(team, default=2 * start["past_managers"]), t("ui.largest_team"))
        self.reps = reps_control(reps)
        self.max_reps = control_for(replace(specs["max_reps"], default=cap), t("ui.max_reps"))
        self.own_range.observe(self._toggle_range, names="value")
        self._toggle_range()
        for control in (*self.inputs.values(), self.smallest, self.largest, self.reps, self.max_reps):
            control.style.description_width = _LABEL_WIDTH  # the organisation's labels are long: show them whole
            control.layout.width = _CONTROL_WIDTH
        self.summary = w.HTML()
        self.plan: StaffingPlan | None = None
        organisation = w.VBox([w.HTML(f"<b>{html.escape(t('ui.your_organisation'))}</b>"), *self.inputs.values()])
        precision = w.VBox(
            [
                w.HTML(f"<b>{html.escape(t('ui.precision'))}</b>"),
                self.own_range,
                self.smallest,
                self.largest,
                self.reps,
                self.max_reps,
            ]
        )
        self.widget = w.VBox([organisation, precision, self.button, self.status, self.summary, self.output])

    def _toggle_range(self, _change: object = None) -> None:
        """The smallest and largest team can be set only when the user chooses the range."""
        self.smallest.disabled = self.largest.disabled = not self.own_range.value

    def candidates(self) -> list[int] | None:
        """The team sizes to simulate: the range asked for in at most 12 steps, or None (around the answers).

        Raises:
            ScenarioError: for a range whose largest team is smaller than its smallest.
        """
        if not self.own_range.value:
            return None
        low, high = int(self.smallest.value), int(self.largest.value)
        if high < low:
            raise problem("candidates", [low, high], "rule.candidates")
        step = max(1, math.ceil((high - low) / (MAX_CANDIDATES - 1)))
        counts = list(range(low, high + 1, step))
        return counts if counts[-1] == high else [*counts, high]

    def request(self) -> StaffingRequest:
        """The entered values as a validated request.

        Raises:
            ScenarioError: naming every value that is not allowed.
        """
        values = {name: control.value for name, control in self.inputs.items()}
        values.update(reps=self.reps.value, max_reps=self.max_reps.value, candidates=self.candidates())
        return validate(StaffingRequest, values)

    def compute(self) -> StaffingPlan:
        """The four methods on the entered inputs, about the organisation they describe."""
        self.summary.value = ""
        return plan(self.request(), None, backend=self.backend)

    def show(self, result: StaffingPlan) -> None:
        """The methods side by side, the curve as a chart, and a link to the printable summary."""
        import pandas as pd
        from IPython.display import display

        from sim.ui.charts import risk_curve
        from sim.ui.report import staffing_summary_html

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
        # The answers are sentences: shown whole and wrapped, not cut at pandas' 50 characters.
        display(methods.style.set_properties(**{"text-align": "left", "white-space": "normal", "max-width": "28em"}))
        show_figure(risk_curve(result))
        page = base64.b64encode(staffing_summary_html(result).encode("utf-8")).decode("ascii")
        self.summary.value = (
            f'<a download="staffing-summary.html" href="data:text/html;charset=utf-8;base64,{page}" '
            'style="color:#1565c0;text-decoration:underline;font-weight:bold">'
            f"&#x2B07; {html.escape(t('ui.download_summary'))}</a>"
        )
