"""One run of a scenario on a page: customers per stage over the year, and the key results."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from sim.i18n import t, unit_name
from sim.results import KPI_UNITS, Results, run
from sim.results.tables import kpi_label
from sim.scenario import Scenario
from sim.ui.controls import ScenarioEditor
from sim.ui.panel import Panel, show_figure

KEY_RESULTS = (
    "order_intake",
    "target_attainment",
    "bids_won",
    "visit_compliance",
    "satisfaction_mean",
    "pipeline_end",
    "manager_utilisation",
)


class PipelineFlowPanel(Panel):
    """One run of a scenario: customers per stage over time and the KPI table.

    Args:
        paths: Scenario fields the trainee may change.
        base: The scenario they change (the default when None).
        field_labels: Plain-language control labels by path.
    """

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
        import pandas as pd
        from IPython.display import display

        from sim.ui.charts import pipeline_flow

        self.results = result
        show_figure(pipeline_flow(result))
        display(
            pd.DataFrame(
                {
                    t("ui.value"): [result.kpis[k] for k in KEY_RESULTS],
                    t("ui.unit"): [unit_name(KPI_UNITS[k]) for k in KEY_RESULTS],
                },
                index=[kpi_label(k) for k in KEY_RESULTS],
            ).round(3)
        )
