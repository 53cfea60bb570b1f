"""Two variants of a scenario side by side under common random numbers, and the visit-policy comparator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from sim.experiments import Comparison, PageRuns, compare
from sim.i18n import t, unit_name
from sim.results import KPI_UNITS
from sim.results.tables import interval, kpi_label
from sim.scenario import Scenario
from sim.ui.controls import ScenarioEditor, control_for, spec_index
from sim.ui.panel import DEFAULT_BACKEND, Panel, show_figure

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DEFAULT_KPIS = ("order_intake", "visit_compliance", "satisfaction_mean", "manager_utilisation")


def interval_frame(comparison: Comparison, kpis: Sequence[str]) -> pd.DataFrame:
    """Means with intervals per variant, and paired differences against the first, as a table for a page."""
    import pandas as pd

    rows = []
    for kpi in kpis:
        row: dict[str, Any] = {t("ui.kpi"): kpi_label(kpi), t("ui.unit"): unit_name(KPI_UNITS[kpi])}
        for label in comparison.labels:
            s = comparison.summary.loc[(label, kpi)]
            row[label] = interval(s["mean"], s["ci_low"], s["ci_high"])
        for label in comparison.labels[1:]:
            d = comparison.differences.loc[(label, kpi)]
            row[f"{label} - {comparison.labels[0]}"] = interval(d["difference"], d["ci_low"], d["ci_high"], signed=True)
        rows.append(row)
    return pd.DataFrame(rows).set_index(t("ui.kpi"))


def compare_callback(
    scenarios: dict[str, Scenario], reps: int, kpis: Sequence[str] = DEFAULT_KPIS, backend: str = DEFAULT_BACKEND
) -> tuple[Comparison, pd.DataFrame]:
    """What a compare panel's Run button does: paired replications and a table of means with intervals."""
    comparison = compare(scenarios, reps=reps, backend=backend)
    return comparison, interval_frame(comparison, kpis)


def reps_control(reps: int) -> w.Widget:
    """The replications slider of a page, bounded by :class:`~sim.experiments.PageRuns`."""
    control = control_for(spec_index(PageRuns())["reps"], t("ui.replications"))
    control.value = reps
    return control


class ComparePanel(Panel):
    """Two variants of a scenario side by side, compared under common random numbers.

    Args:
        paths: Fields each variant sets (the same controls on both sides).
        labels: Names of the two variants.
        base: Scenario both start from.
        kpis: KPIs to show.
        reps: Replications to start with (within :class:`~sim.experiments.PageRuns`).
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
        self.reps = reps_control(reps)
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
        from IPython.display import display

        from sim.ui.charts import kpi_comparison

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
