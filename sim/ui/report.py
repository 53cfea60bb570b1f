"""The staffing answer as one printable page: inputs, the four answers, the risk curve, the assumptions.

A self-contained HTML file (the chart is embedded as a PNG) in the current or
given language, laid out for one A4 page: a department head prints it or keeps
it with the planning papers. Every number in it is an illustrative training
parameter unless the manager typed it.
"""

from __future__ import annotations

import base64
import html
import io
import math
from datetime import date

from sim.i18n import format_amount, get_language, t, unit_name, using
from sim.results.tables import interval, number
from sim.staffing import StaffingPlan

_STYLE = """
@page { size: A4; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       font-size: 8.5pt; line-height: 1.25; color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 13pt; margin: 0 0 1mm 0; }
h2 { font-size: 10pt; margin: 2.5mm 0 1mm 0; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 0.5mm 1.2mm; text-align: left; vertical-align: top; }
th { white-space: nowrap; }
td.n { text-align: right; white-space: nowrap; }
img { display: block; width: 100%; max-height: 58mm; object-fit: contain; }
p.note { font-size: 7.5pt; color: #444; margin: 0 0 1mm 0; }
ul { margin: 0; padding-left: 4mm; font-size: 8pt; }
"""


def _chart_png(plan: StaffingPlan, language: str) -> str:
    from sim.ui.charts import risk_curve

    with using(language):
        figure = risk_curve(plan)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _two_per_row(cells: list[str]) -> str:
    """Label-value pairs two to a table row, so the inputs take half the height on the page."""
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    return "".join(f"<tr>{''.join(pair)}{'<td></td><td></td>' if len(pair) == 1 else ''}</tr>" for pair in rows)


def staffing_summary_html(plan: StaffingPlan, language: str | None = None, today: date | None = None) -> str:
    """The staffing plan as one printable HTML page."""
    language = language or get_language()
    i = plan.inputs
    e = html.escape

    def row(label: str, value: str) -> str:
        return f"<th>{e(label)}</th><td>{e(value)}</td>"

    inputs = [
        row(t("report.target", language), format_amount(i["target"], language)),
        row(t("report.past_sales", language), format_amount(i["past_sales"], language)),
        row(t("report.past_managers", language), f"{i['past_managers']} {unit_name('managers', language)}"),
        row(t("report.growth", language), f"{i['growth']:.0%}"),
        row(t("report.customers", language), f"{i['customers']:,} {unit_name('customers', language)}"),
        row(t("report.deal_size", language), format_amount(i["deal_size"], language)),
        row(t("report.cost", language), format_amount(i["cost_per_manager"], language)),
        row(t("report.margin", language), f"{i['margin']:.0%}"),
        row(t("report.confidence", language), f"{i['confidence']:.0%}"),
        row(t("report.horizon", language), f"{i['horizon_days']} {unit_name('days', language)}"),
    ]
    calibration = i.get("calibration")
    world = (
        t("report.world_scaled", language, customers=i["customers"], managers=i["past_managers"])
        if calibration
        else i["scenario"]
    )
    long_rows = [(t("report.world", language), world)]
    if calibration:
        baseline = interval(
            calibration["baseline_intake"], calibration["baseline_low"], calibration["baseline_high"], 0
        )
        long_rows.append((t("report.calibrated", language), t("report.calibrated_value", language, intake=baseline)))
    inputs_html = _two_per_row(inputs) + "".join(
        f"<tr><th>{e(label)}</th><td colspan='3'>{e(value)}</td></tr>" for label, value in long_rows
    )
    answers = "".join(
        f"<tr><th>{e(t(f'method.{m.method}', language))}</th>"
        f"<td class='n'>{'-' if m.managers is None else m.managers}</td><td>{e(m.answer)}</td></tr>"
        for m in plan.methods
    )
    curve = "".join(
        "<tr>"
        f"<td class='n'>{p.managers}</td>"
        f"<td class='n'>{e(interval(p.p_fit, p.fit_low, p.fit_high, 2))}</td>"
        f"<td class='n'>{e(number(p.order_intake_mean, 0))}</td>"
        f"<td class='n'>{e(number(p.manager_utilisation, 2))}</td>"
        f"<td class='n'>{e(number(p.extra_intake, 0))}</td>"
        f"<td class='n'>{'' if math.isnan(p.three_year_return) else f'{p.three_year_return:.0%}'}</td>"
        "</tr>"
        for p in plan.curve
    )
    curve_head = "".join(
        f"<th>{e(t(f'curve.{c}', language))}</th>"
        for c in ("managers", "p_target", "intake", "utilisation", "extra", "return")
    )
    assumptions = "".join(
        f"<li><b>{e(t(f'method.{m.method}', language))}</b>: {e(m.assumptions)} {e(m.differs)}</li>"
        for m in plan.methods
    )
    day = (today or date.today()).isoformat()
    return f"""<!DOCTYPE html>
<html lang="{language}"><head><meta charset="utf-8">
<title>{e(t("report.title", language))}</title><style>{_STYLE}</style></head>
<body>
<h1>{e(t("report.title", language))}</h1>
<p class="note">{e(t("report.illustrative", language))} {e(day)}</p>
<h2>{e(t("report.inputs", language))}</h2>
<table>{inputs_html}</table>
<h2>{e(t("report.answers", language))}</h2>
<table><tr><th>{e(t("ui.method", language))}</th><th>{e(t("ui.managers", language))}</th>
<th>{e(t("ui.answer", language))}</th></tr>{answers}</table>
<h2>{e(t("report.curve", language))}</h2>
<img alt="{e(t("report.curve", language))}" src="data:image/png;base64,{_chart_png(plan, language)}">
<table><tr>{curve_head}</tr>{curve}</table>
<h2>{e(t("report.assumptions", language))}</h2>
<ul>{assumptions}</ul>
</body></html>
"""
