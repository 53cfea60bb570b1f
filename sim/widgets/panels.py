"""Reusable panels for the notebooks and apps.

Each panel is an object with a ``widget`` to display. Simulation-backed
controls never re-run while a slider is dragged (``continuous_update=False``)
and only run when the Run button is pressed; a run shows that it is running;
bad input or a failed run shows one message in the panel, never a traceback.
The work a compare button does is a plain function (:func:`compare_callback`) so it can be
tested and timed without a browser.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import Image, display
from matplotlib.figure import Figure

from sim.experiments import Comparison, compare
from sim.i18n import get_language, t, unit_name
from sim.plots import kpi_comparison, pipeline_flow, risk_curve
from sim.results import KPI_UNITS, Results, run
from sim.scenario import Scenario, ScenarioError
from sim.staffing import StaffingPlan, plan_staffing
from sim.widgets.controls import ScenarioEditor, control_for, spec_index

DEFAULT_KPIS = ("order_intake", "visit_compliance", "satisfaction_mean", "manager_utilisation")
#: Where panels run replications: the persistent process pool in JupyterLab; the app server sets
#: CRM_SIM_BACKEND=serial so that many concurrent pages do not each start a pool of processes.
DEFAULT_BACKEND = os.environ.get("CRM_SIM_BACKEND", "processes")


def show_figure(figure: Figure) -> None:
    """Display a chart as a PNG image (works the same in JupyterLab, Voila and exported HTML)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    display(Image(data=buffer.getvalue(), format="png"))


def _kpi_label(kpi: str) -> str:
    """A KPI's name for tables: the key in English (as in files), the translated name otherwise."""
    return kpi if get_language() == "en" else f"{t('kpi.' + kpi)} ({kpi})"


def _message(kind: str, text: str) -> str:
    colour = {"error": "#b00020", "info": "#1f4e79", "ok": "#2e7d32"}[kind]
    return f'<div style="color:{colour};padding:4px 0">{html.escape(text)}</div>'


class Panel:
    """Common parts: a Run button, a status line and an output area; errors become messages."""

    def __init__(self, run_label: str = "Run") -> None:
        self.button = w.Button(description=run_label, button_style="primary", icon="play")
        self.status = w.HTML()
        self.output = w.Output()
        # Stable hooks for browser tests and for styling.
        self.status.add_class("crm-panel-status")
        self.output.add_class("crm-panel-output")
        self.button.on_click(lambda _button: self.run())

    def compute(self) -> Any:
        """Do the panel's work; subclasses override."""
        raise NotImplementedError

    def show(self, result: Any) -> None:
        """Display the panel's result; subclasses override."""
        raise NotImplementedError

    def run(self) -> bool:
        """Run once: show progress, then the result or one clear message. Returns whether it worked."""
        self.button.disabled = True
        self.status.value = _message("info", t("ui.running"))
        try:
            result = self.compute()
        except ScenarioError as error:
            self.status.value = _message("error", t("ui.check_settings", error=error))
            return False
        except (ValueError, RuntimeError, OSError) as error:
            self.status.value = _message("error", t("ui.run_failed", error=error))
            return False
        finally:
            self.button.disabled = False
        self.output.clear_output(wait=True)
        with self.output:
            self.show(result)
        self.status.value = _message("ok", t("ui.done"))
        return True


def _interval_table(comparison: Comparison, kpis: Sequence[str]) -> pd.DataFrame:
    rows = []
    for kpi in kpis:
        row: dict[str, Any] = {"KPI": kpi, t("ui.unit"): unit_name(KPI_UNITS[kpi])}
        for label in comparison.labels:
            s = comparison.summary.loc[(label, kpi)]
            row[label] = f"{s['mean']:,.3f} [{s['ci_low']:,.3f}, {s['ci_high']:,.3f}]"
        for label in comparison.labels[1:]:
            d = comparison.differences.loc[(label, kpi)]
            row[f"{label} - {comparison.labels[0]}"] = (
                f"{d['difference']:+,.3f} [{d['ci_low']:+,.3f}, {d['ci_high']:+,.3f}]"
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["KPI"] = [_kpi_label(k) for k in frame["KPI"]]
    return frame.set_index("KPI")


def compare_callback(
    scenarios: dict[str, Scenario], reps: int, kpis: Sequence[str] = DEFAULT_KPIS, backend: str = DEFAULT_BACKEND
) -> tuple[Comparison, pd.DataFrame]:
    """What a compare panel's Run button does: paired replications and a table of means with intervals."""
    comparison = compare(scenarios, reps=reps, backend=backend)
    return comparison, _interval_table(comparison, kpis)


class ComparePanel(Panel):
    """Two variants of a scenario side by side, compared under common random numbers.

    Args:
        paths: Fields each variant sets (the same controls on both sides).
        labels: Names of the two variants.
        base: Scenario both start from.
        kpis: KPIs to show.
        reps: Replications to start with (a slider, from 2 to 100).
        setup: Optional changes applied to the second variant's controls at the start.
        field_labels: Plain-language control labels by path.
        backend: Where replications run (``processes`` uses the persistent pool).
    """

    def __init__(
        self,
        paths: Sequence[str],
        labels: tuple[str, str] = ("A", "B"),
        base: Scenario | None = None,
        kpis: Sequence[str] = DEFAULT_KPIS,
        reps: int = 10,
        setup: dict[str, Any] | None = None,
        field_labels: dict[str, str] | None = None,
        backend: str = DEFAULT_BACKEND,
    ) -> None:
        super().__init__(t("ui.run_compare"))
        self.labels = labels
        self.kpis = list(kpis)
        self.backend = backend
        self.left = ScenarioEditor(paths, base, field_labels, title=labels[0])
        self.right = ScenarioEditor(paths, base, field_labels, title=labels[1])
        for path, value in (setup or {}).items():
            self.right.controls[path].value = value
        self.reps = w.IntSlider(value=reps, min=2, max=100, description=t("ui.replications"), continuous_update=False)
        self.result: Comparison | None = None
        self.widget = w.VBox(
            [w.HBox([self.left.widget, self.right.widget]), w.HBox([self.reps, self.button]), self.status, self.output]
        )

    def compute(self) -> tuple[Comparison, pd.DataFrame]:
        """Validate both variants and compare them."""
        scenarios = {self.labels[0]: self.left.scenario(), self.labels[1]: self.right.scenario()}
        return compare_callback(scenarios, self.reps.value, self.kpis, self.backend)

    def show(self, result: tuple[Comparison, pd.DataFrame]) -> None:
        """A table of means and paired differences with intervals, and a chart."""
        self.result, table = result
        display(table)
        show_figure(kpi_comparison(self.result, self.kpis[:4]))


def visit_policy_comparator(base: Scenario | None = None, reps: int = 10) -> ComparePanel:
    """The paper's visit windows against another policy (e.g. weekly visits while a project is under way)."""
    paths = [
        "visit_policy.implementation.min_days",
        "visit_policy.implementation.max_days",
        "visit_policy.after_completion.min_days",
        "visit_policy.after_completion.max_days",
        "managers.count",
    ]
    labels = {path: t(f"field.{path}") for path in paths}
    setup = {"visit_policy.implementation.min_days": 5.0, "visit_policy.implementation.max_days": 7.0}
    return ComparePanel(
        paths,
        (t("ui.paper_policy"), t("ui.alternative")),
        base,
        kpis=("visit_compliance", "satisfaction_mean", "order_intake", "manager_utilisation", "issues_opened"),
        reps=reps,
        setup=setup,
        field_labels=labels,
    )


class PipelineFlowPanel(Panel):
    """One run of a scenario: customers per stage over time and the KPI table."""

    def __init__(self, paths: Sequence[str], base: Scenario | None = None, field_labels: dict[str, str] | None = None):
        super().__init__(t("ui.run_year"))
        self.editor = ScenarioEditor(paths, base, field_labels)
        self.results: Results | None = None
        self.widget = w.VBox([self.editor.widget, self.button, self.status, self.output])

    def compute(self) -> Results:
        """Validate and run once."""
        return run(self.editor.scenario())

    def show(self, result: Results) -> None:
        """The pipeline chart and the key results."""
        self.results = result
        show_figure(pipeline_flow(result))
        keys = [
            "order_intake",
            "target_attainment",
            "bids_won",
            "visit_compliance",
            "satisfaction_mean",
            "pipeline_end",
            "manager_utilisation",
        ]
        display(
            pd.DataFrame(
                {t("ui.value"): [result.kpis[k] for k in keys], t("ui.unit"): [unit_name(KPI_UNITS[k]) for k in keys]},
                index=[_kpi_label(k) for k in keys],
            ).round(3)
        )


class StaffingExplorer(Panel):
    """How many customer managers for a sales target: the four methods and the risk curve."""

    def __init__(self, base: Scenario | None = None, reps: int = 20, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(t("ui.size_team"))
        self.base = base or Scenario()
        self.backend = backend
        target = control_for(spec_index(self.base)["sales_target_wan_cny"], t("ui.sales_target"))
        self.target = target
        self.past_sales = w.BoundedFloatText(
            value=2300.0, min=1.0, max=1e9, description=t("ui.past_sales"), style={"description_width": "16em"}
        )
        self.past_managers = w.BoundedIntText(
            value=self.base.managers.count,
            min=1,
            max=1000,
            description=t("ui.past_managers"),
            style={"description_width": "16em"},
        )
        self.growth = w.FloatSlider(
            value=0.1,
            min=-0.5,
            max=1.0,
            step=0.05,
            description=t("ui.growth"),
            style={"description_width": "16em"},
            continuous_update=False,
        )
        self.confidence = w.FloatSlider(
            value=0.8,
            min=0.5,
            max=0.95,
            step=0.05,
            description=t("ui.confidence"),
            style={"description_width": "16em"},
            continuous_update=False,
        )
        self.reps = w.IntSlider(value=reps, min=4, max=100, description=t("ui.replications"), continuous_update=False)
        self.plan: StaffingPlan | None = None
        inputs = w.VBox([self.target, self.past_sales, self.past_managers, self.growth, self.confidence, self.reps])
        self.widget = w.VBox([inputs, self.button, self.status, self.output])

    def compute(self) -> StaffingPlan:
        """The four methods on the entered inputs."""
        return plan_staffing(
            float(self.target.value),
            float(self.past_sales.value),
            int(self.past_managers.value),
            float(self.growth.value),
            self.base,
            confidence=float(self.confidence.value),
            reps=int(self.reps.value),
            backend=self.backend,
        )

    def show(self, plan: StaffingPlan) -> None:
        """The methods side by side, the curve as a table and as a chart."""
        self.plan = plan
        methods = pd.DataFrame(
            [
                {
                    t("ui.method"): m.method,
                    t("ui.managers"): "-" if m.managers is None else str(m.managers),
                    t("ui.exact"): "" if m.managers_exact is None else f"{m.managers_exact:.2f}",
                    t("ui.answer"): m.answer,
                    t("ui.why_differs"): m.differs,
                }
                for m in plan.methods
            ]
        ).set_index(t("ui.method"))
        display(methods)
        show_figure(risk_curve(plan))


class ArchiveBrowser:
    """One customer's relationship file from a run: stages, visits, issues, bids, leads."""

    def __init__(self, results: Results) -> None:
        self.results = results
        customers = results.customers
        options = [
            (f"{row.customer}: {row.branch} / {row.scope} ({row.stage})", int(row.customer))
            for row in customers.itertuples()
        ]
        self.choice = w.Dropdown(options=options, description=t("ui.customer"), layout=w.Layout(width="40em"))
        self.output = w.Output()
        self.choice.observe(lambda _change: self.refresh(), names="value")
        self.widget = w.VBox([self.choice, self.output])
        self.refresh()

    def file_of(self, customer: int) -> dict[str, pd.DataFrame]:
        """The parts of one customer's file, as the archive would keep them."""
        r = self.results

        def mine(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["customer"] == customer].reset_index(drop=True)

        return {
            "customer": mine(r.customers),
            "stages": mine(r.transitions),
            "visits": mine(r.visits),
            "issues": mine(r.issues),
            "bids": mine(r.opportunities),
            "leads": mine(r.leads),
        }

    def refresh(self) -> None:
        """Show the chosen customer's file."""
        self.output.clear_output(wait=True)
        with self.output:
            for part, frame in self.file_of(int(self.choice.value)).items():
                display(w.HTML(f"<h4>{html.escape(t('archive_part.' + part))}</h4>"))
                display(frame if len(frame) else w.HTML(f"<i>{t('ui.none')}</i>"))


PHASES = ("theory", "concepts", "successful_cases", "selling_skills")


class TrainingPlanPanel(Panel):
    """Design a four-phase training plan and see its return against no training (common random numbers)."""

    def __init__(self, base: Scenario | None = None, reps: int = 10, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(t("ui.run_training"))
        self.base = base or Scenario()
        self.backend = backend
        self.phases = {p: w.Checkbox(value=True, description=t(f"phase.{p}")) for p in PHASES}
        self.hours = w.FloatSlider(
            value=4.0, min=1.0, max=8.0, step=0.5, description=t("ui.hours_per_day"), continuous_update=False
        )
        self.spacing = w.IntSlider(value=28, min=7, max=90, description=t("ui.phase_spacing"), continuous_update=False)
        self.heads = w.Checkbox(value=True, description=t("ui.heads_attend"))
        self.reps = w.IntSlider(value=reps, min=2, max=60, description=t("ui.replications"), continuous_update=False)
        self.outcome = None
        controls = w.VBox([w.HBox(list(self.phases.values())), self.hours, self.spacing, self.heads, self.reps])
        self.widget = w.VBox([controls, self.button, self.status, self.output])

    def plan(self) -> list[dict[str, Any]]:
        """The phases chosen, one day each, ``spacing`` days apart from day 14."""
        chosen = [p for p in PHASES if self.phases[p].value]
        audience = ["customer_managers"] + (["department_heads", "staff"] if self.heads.value else [])
        return [
            {
                "phase": p,
                "start_day": 14 + i * self.spacing.value,
                "days": 1,
                "hours_per_day": self.hours.value,
                "audience": audience,
            }
            for i, p in enumerate(chosen)
        ]

    def compute(self) -> Any:
        """Training return under common random numbers."""
        from sim.experiments import training_return

        phases = self.plan()
        if not phases:
            raise ValueError(t("ui.choose_phase"))
        return training_return(
            self.base.with_values({"training.phases": phases}), reps=self.reps.value, backend=self.backend
        )

    def show(self, outcome: Any) -> None:
        """Gains with intervals and the return on the training cost."""
        self.outcome = outcome

        def text(ci: Any, digits: int = 1) -> str:
            return f"{ci.mean:,.{digits}f} [{ci.low:,.{digits}f}, {ci.high:,.{digits}f}]"

        display(
            pd.DataFrame(
                {
                    t("ui.value_ci"): [
                        text(outcome.intake_gain),
                        text(outcome.satisfaction_gain, 3),
                        f"{outcome.training_cost:,.1f}",
                        text(outcome.roi, 2),
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
        show_figure(kpi_comparison(outcome.comparison, ["order_intake", "satisfaction_mean", "visits_made"]))


class CasePanel:
    """Pick a case study: read its narrative, then run its scenario and browse the pipeline."""

    def __init__(self) -> None:
        from sim.curriculum import case_keys

        self.choice = w.Dropdown(options=case_keys(), description=t("ui.case"))
        self.narrative = w.Output()
        self.flow: PipelineFlowPanel | None = None
        self.lab = w.VBox()
        self.choice.observe(lambda _change: self.refresh(), names="value")
        self.widget = w.VBox([self.choice, self.narrative, self.lab])
        self.refresh()

    def refresh(self) -> None:
        """Show the chosen case and a lab on its scenario."""
        from IPython.display import Markdown

        from sim.curriculum import load_case

        case = load_case(self.choice.value)
        self.narrative.clear_output(wait=True)
        with self.narrative:
            display(Markdown(case.narrative))
        self.flow = PipelineFlowPanel(
            ["managers.count", "after_sales.staff", "visit_policy.implementation.max_days", "sales_target_wan_cny"],
            base=case.scenario,
        )
        self.lab.children = [self.flow.widget]
