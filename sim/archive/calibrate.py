"""Estimate scenario parameters from an archive, each with its sample size and interval.

What an archive tells: lead arrivals by service branch and business scope (new
customer files a year), stage durations (needs research, bid preparation,
implementation), the win probability, the visit intervals actually kept, issue
rates and resolution times, and repeat business. Every estimate comes with its
sample size and a 95% interval, and a warning where the data are too thin.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sim.archive.load import Archive
from sim.experiments.stats import mean_interval, proportion_interval
from sim.i18n import t, unit_name
from sim.results.tables import NOT_AVAILABLE, aligned, number
from sim.scenario import NO_VALUE, Scenario, problem

THIN = 20  # fewer observations than this: the estimate is flagged


@dataclass(frozen=True)
class Estimate:
    """One estimated parameter.

    Attributes:
        parameter: Scenario field path it sets, or a descriptive key when it only informs.
        value: The estimate.
        n: Observations it rests on.
        low: Lower end of the 95% interval.
        high: Upper end.
        unit: Unit of the value.
        note: Catalog key of how it was estimated ("" when there is nothing to say).
    """

    parameter: str
    value: float
    n: int
    low: float
    high: float
    unit: str
    note: str = ""

    @property
    def thin(self) -> bool:
        """Whether the data are too thin to trust the estimate."""
        return self.n < THIN

    def remark(self, language: str | None = None) -> str:
        """How it was estimated and, when the data are thin, a warning (in the current or given language)."""
        parts = [t(self.note, language)] if self.note else []
        if self.thin:
            parts.append(t("calibrate.thin_data", language, n=self.n))
        return "; ".join(parts)


def _days(a: date | None, b: date | None) -> float | None:
    return None if a is None or b is None else float((b - a).days)


def _rate(parameter: str, count: int, exposure: float, unit: str, note: str) -> Estimate:
    """Events per unit of exposure with an exact (chi-squared) Poisson 95% interval."""
    from scipy import stats

    low = stats.chi2.ppf(0.025, 2 * count) / 2 if count > 0 else 0.0
    high = stats.chi2.ppf(0.975, 2 * count + 2) / 2
    return Estimate(parameter, count / exposure, count, low / exposure, high / exposure, unit, note)


def _mean(parameter: str, values: list[float], unit: str, note: str = "") -> Estimate:
    ci = mean_interval(values)
    return Estimate(parameter, ci.mean, ci.n, ci.low, ci.high, unit, note)


def _duration(parameter: str, rows: list[dict[str, Any]], start: str, end: str, note: str = "") -> Estimate:
    """Mean days from column ``start`` to column ``end`` over the rows that have both."""
    days = [d for d in (_days(r[start], r[end]) for r in rows) if d is not None]
    return _mean(parameter, days, "days", note)


def calibrate(archive: Archive) -> list[Estimate]:
    """Every estimate the archive supports.

    Raises:
        ValueError: when the archive has no dated records to measure its length by.
    """
    tables = archive.tables
    dates = [v["date"] for v in tables.get("visits", [])] + [c["opened_on"] for c in tables.get("customers", [])]
    dates += [i["opened"] for i in tables.get("issues", [])]
    if not dates:
        raise problem("path", NO_VALUE, "calibrate.no_dates")
    first, last = min(dates), max(dates)
    years = max((last - first).days, 1) / 365.0
    customers = {c["customer_id"]: c for c in tables.get("customers", [])}
    estimates: list[Estimate] = []

    # Lead arrivals: customer files opened after the archive's first day, by branch and scope.
    new_files: dict[tuple[str, str], int] = defaultdict(int)
    for c in customers.values():
        if c["opened_on"] > first:
            new_files[(c["service_branch"], c["business_scope"])] += 1
    segments = sorted({(c["service_branch"], c["business_scope"]) for c in customers.values()})
    for branch, scope in segments:
        estimates.append(
            _rate(
                f"lead_rate_per_year[{branch}/{scope}]",
                new_files.get((branch, scope), 0),
                years,
                "leads/year",
                "calibrate.note_new_files",
            )
        )
    opportunities = tables.get("opportunities", [])
    estimates += [
        _duration(
            "pipeline.needs_research.mean_days",
            opportunities,
            "research_started",
            "bid_opened",
            "calibrate.note_research",
        ),
        _duration("pipeline.bid_preparation.mean_days", opportunities, "bid_opened", "bid_decided"),
        _duration(
            "pipeline.implementation.mean_days", opportunities, "implementation_started", "implementation_completed"
        ),
    ]
    decided = [o for o in opportunities if o["outcome"] in ("won", "lost") and o["bid_decided"] is not None]
    won = sum(1 for o in decided if o["outcome"] == "won")
    p = proportion_interval(won, len(decided))
    estimates.append(
        Estimate(
            "pipeline.win_probability",
            p.mean,
            p.n,
            p.low,
            p.high,
            "probability",
            "calibrate.note_win",
        )
    )
    # Visit intervals actually kept: days between a customer's consecutive visits of the same purpose
    # (a visit of another purpose in between means the relationship moved on: no interval).
    by_customer: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for v in tables.get("visits", []):
        by_customer[v["customer_id"]].append((v["date"], v["purpose"]))
    gaps: dict[str, list[float]] = defaultdict(list)
    for visits in by_customer.values():
        visits.sort()
        for (a, purpose_a), (b, purpose_b) in itertools.pairwise(visits):
            if purpose_a == purpose_b and b > a:
                gaps[purpose_a].append(float((b - a).days))
    for purpose in sorted(gaps):
        estimates.append(_mean(f"visit_interval_kept[{purpose}]", gaps[purpose], "days", "calibrate.note_visits"))
    issues = tables.get("issues", [])
    customer_years = max(len(customers), 1) * years
    repeat = [o for o in opportunities if o["source"] in ("customer", "visit")]
    estimates += [
        _rate(
            "issues_per_customer_year",
            len(issues),
            customer_years,
            "issues/year",
            "calibrate.note_issues",
        ),
        _duration(
            "after_sales.resolution.mean_days",
            issues,
            "opened",
            "resolved",
            "calibrate.note_resolution",
        ),
        _rate(
            "repeat_opportunities_per_customer_year",
            len(repeat),
            customer_years,
            "1/year",
            "calibrate.note_repeat",
        ),
    ]
    return estimates


def calibrated_scenario(estimates: list[Estimate], archive: Archive, base: Scenario | None = None) -> Scenario:
    """The base scenario with the archive's segments and the estimates that map onto scenario fields."""
    base = base or Scenario()
    customers = archive.tables.get("customers", [])
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for c in customers:
        counts[(c["service_branch"], c["business_scope"])] += 1
    rates = {e.parameter: e.value for e in estimates}
    segments = [
        {
            "branch": branch,
            "scope": scope,
            "customers": counts[(branch, scope)],
            "lead_rate_per_year": round(rates.get(f"lead_rate_per_year[{branch}/{scope}]", 0.0), 3),
        }
        for branch, scope in sorted(counts)
    ]
    changes: dict[str, Any] = {
        "customers.segments": segments,
        "name": "Calibrated from an archive",
        "description": "Parameters estimated from a CRM archive with sim calibrate.",
    }
    for e in estimates:
        if e.parameter.startswith(("pipeline.", "after_sales.")) and not math.isnan(e.value) and e.n > 0:
            changes[e.parameter] = round(e.value, 4)
    return base.with_values(changes)


def estimates_table(estimates: list[Estimate], language: str | None = None) -> str:
    """The estimates as aligned text: parameter, estimate, n, 95% interval, unit and remark."""
    header = [t(f"calibrate.{column}", language) for column in ("parameter", "estimate", "n", "interval", "unit_note")]
    rows = [
        [
            e.parameter,
            number(e.value),
            str(e.n),
            NOT_AVAILABLE if math.isnan(e.low) else f"[{number(e.low)}, {number(e.high)}]",
            "; ".join(part for part in (unit_name(e.unit, language), e.remark(language)) if part),
        ]
        for e in estimates
    ]
    return aligned(header, rows, right=[1, 2, 3])
