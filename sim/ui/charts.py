"""The charts: pipeline flow over time, KPIs compared with intervals, the staffing risk curve.

Every chart has a title, axis labels with units and a legend, in the current
language (with a CJK font when the language is Chinese). Functions return
:class:`matplotlib.figure.Figure` objects built without pyplot's global state,
so panels can draw them side by side, many pages can draw at once, and tests can
render them off screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from sim.i18n import format_amount, get_language, t, unit_name
from sim.results.kpis import KPI_UNITS
from sim.stages import STAGES
from sim.ui.fonts import configure_fonts

configure_fonts()


def _kpi(kpi: str) -> str:
    return kpi.replace("_", " ") if get_language() == "en" else t(f"kpi.{kpi}")


if TYPE_CHECKING:  # pragma: no cover
    from sim.experiments import Comparison
    from sim.results import Results
    from sim.staffing import StaffingPlan

_STAGE_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#31a354", "#bdbdbd", "#636363")


def pipeline_flow(results: Results, title: str | None = None) -> Figure:
    """Customers in each stage, day by day (stacked areas)."""
    frame = results.daily_stages.groupby(["day", "stage"])["customers"].sum().unstack("stage")
    frame = frame[[s for s in STAGES if s in frame.columns]]
    figure = Figure(figsize=(8, 4), layout="constrained")
    axes = figure.subplots()
    labels = [t(f"stage.{s}") for s in frame.columns]
    axes.stackplot(frame.index, *(frame[s] for s in frame.columns), labels=labels, colors=_STAGE_COLOURS)
    axes.set_title(title or t("chart.pipeline_title"))
    axes.set_xlabel(t("chart.day_axis"))
    axes.set_ylabel(t("chart.customers_axis"))
    axes.set_xlim(frame.index.min(), frame.index.max())
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=t("chart.stage_legend"))
    return figure


def kpi_comparison(comparison: Comparison, kpis: Sequence[str], title: str | None = None) -> Figure:
    """Mean of each KPI per scenario, with 95% confidence intervals as error bars."""
    labels = comparison.labels
    figure = Figure(figsize=(3.2 * len(kpis), 3.6), layout="constrained")
    axes = figure.subplots(1, len(kpis), squeeze=False)[0]
    for ax, kpi in zip(axes, kpis, strict=True):
        means = [comparison.summary.loc[(label, kpi), "mean"] for label in labels]
        lows = [comparison.summary.loc[(label, kpi), "ci_low"] for label in labels]
        highs = [comparison.summary.loc[(label, kpi), "ci_high"] for label in labels]
        errors = [
            [m - lo for m, lo in zip(means, lows, strict=True)],
            [h - m for m, h in zip(means, highs, strict=True)],
        ]
        bars = ax.bar(
            range(len(labels)),
            means,
            yerr=errors,
            capsize=4,
            color=["#6baed6", "#fd8d3c", "#74c476", "#9e9ac8"][: len(labels)],
        )
        ax.set_xticks(range(len(labels)), labels, rotation=15)
        ax.set_title(_kpi(kpi))
        ax.set_ylabel(f"{_kpi(kpi)} ({unit_name(KPI_UNITS[kpi])})")
        ax.legend(bars, labels, fontsize="small", title=t("chart.ci_bars"))
    figure.suptitle(title or t("chart.compared_title", n=int(comparison.summary["n"].max())))
    return figure


def risk_curve(plan: StaffingPlan, title: str | None = None) -> Figure:
    """Probability of reaching the target against head-count, with the four methods' answers marked."""
    curve = plan.curve
    managers = [p.managers for p in curve]
    figure = Figure(figsize=(8, 4.2), layout="constrained")
    axes = figure.subplots()
    axes.fill_between(
        managers, [p.p_low for p in curve], [p.p_high for p in curve], alpha=0.25, label=t("chart.interval")
    )
    axes.plot(managers, [p.p_reach_target for p in curve], marker="o", label=t("chart.p_target"))
    confidence = plan.inputs["confidence"]
    axes.axhline(confidence, linestyle="--", color="grey", label=t("chart.required", confidence=f"{confidence:.0%}"))
    markers = {"paper_rule": "s", "workload": "^", "simulation": "*", "roi_band": "D"}
    for method in plan.methods:
        if method.managers is not None:
            axes.axvline(method.managers, linestyle=":", alpha=0.6)
            axes.plot(
                [method.managers],
                [1.02],
                marker=markers[method.method],
                linestyle="none",
                label=f"{t(f'method.{method.method}')}: {method.managers}",
                clip_on=False,
            )
    axes.set_ylim(0, 1.05)
    axes.set_xlabel(t("chart.headcount_axis"))
    axes.set_ylabel(t("chart.probability_axis"))
    axes.set_title(title or t("chart.risk_title", target=format_amount(plan.inputs["target"])))
    axes.legend(loc="lower right", fontsize="small")
    return figure
