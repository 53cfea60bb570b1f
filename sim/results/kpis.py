"""Key performance indicators of one run, each with its unit and meaning.

Computed from the plain records with the standard library and numpy only, so
a run and its KPIs never import pandas (replications and sweeps stay fast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.model.records import Records


@dataclass(frozen=True)
class KpiDef:
    """What a KPI measures.

    Attributes:
        name: Stable key used in JSON, tables and DataFrames.
        unit: Unit of the value.
        description: One sentence on what it measures.
    """

    name: str
    unit: str
    description: str


#: Every KPI, in the order reports show them.
KPI_DEFS: tuple[KpiDef, ...] = (
    KpiDef("order_intake", "wan CNY", "Value of all bids won during the horizon."),
    KpiDef("target", "wan CNY", "The sales target for the horizon."),
    KpiDef("target_attainment", "ratio", "Order intake divided by the target."),
    KpiDef("bids_won", "bids", "Bids won."),
    KpiDef("bids_lost", "bids", "Bids lost."),
    KpiDef("win_rate", "ratio", "Bids won divided by bids decided."),
    KpiDef("visits_made", "visits", "Return visits made."),
    KpiDef("visit_compliance", "ratio", "Share of scheduled visits made on time (by the window's deadline)."),
    KpiDef("visits_late", "visits", "Visits made after their deadline."),
    KpiDef(
        "visits_missed",
        "visits",
        "Scheduled visits never made (past the grace period, or overtaken by a stage change).",
    ),
    KpiDef("visits_overdue_at_end", "visits", "Visits past their deadline and not yet made when the run ended."),
    KpiDef("issues_opened", "issues", "Issues found at visits or reported by customers."),
    KpiDef("issues_resolved", "issues", "Issues resolved by after-sales."),
    KpiDef("issue_wait_days_mean", "days", "Mean wait of resolved issues for an after-sales staff member."),
    KpiDef("issue_resolution_days_mean", "days", "Mean days from an issue being opened to its resolution."),
    KpiDef("issue_resolution_days_p95", "days", "95th percentile of days from opening to resolution."),
    KpiDef("satisfaction_mean", "score 0-1", "Mean satisfaction at the end over customers not lost."),
    KpiDef("loyalty_mean", "score 0-1", "Mean loyalty at the end over customers not lost."),
    KpiDef(
        "retention",
        "ratio",
        "Share of customers active at the start that are neither dormant nor lost at the end.",
    ),
    KpiDef("leads_arrived", "leads", "New leads that arrived."),
    KpiDef("leads_expired", "leads", "Leads that went stale without first contact."),
    KpiDef("manager_utilisation", "ratio", "Hours spent on visits and travel divided by the visit hours available."),
    KpiDef(
        "manager_departures", "managers", "Managers who left during the horizon (each post is refilled after a delay)."
    ),
    KpiDef("customers_end", "customers", "Customers in the archive at the end, lost ones included."),
)

KPI_UNITS: dict[str, str] = {k.name: k.unit for k in KPI_DEFS}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def compute_kpis(records: Records, target: float) -> dict[str, float]:
    """All KPIs of one run, keyed by :data:`KPI_DEFS` names.

    Ratios with an empty denominator (no bids decided, say) are NaN, not zero,
    so that an average over replications does not mistake "nothing happened"
    for "everything failed".
    """
    won = [bid for bid in records.bids if bid[6]]
    intake = float(sum(bid[5] for bid in won))
    decided = len(records.bids)
    on_time = sum(1 for visit in records.visits if visit[6])
    made = len(records.visits)
    missed = len(records.missed)
    scheduled = made + missed + records.overdue_at_end
    resolved = [row for row in records.issues if row[6] is not None]
    durations = np.array([row[6] - row[4] for row in resolved], dtype=float)
    waits = np.array([row[5] - row[4] for row in resolved], dtype=float)
    alive = [row for row in records.customers if row[4] != "lost"]
    final_stage = {row[0]: row[4] for row in records.customers}
    retained = sum(1 for cid in records.initially_active if final_stage[cid] not in ("dormant", "lost"))
    hours = float(sum(visit[3] for visit in records.visits))
    return {
        "order_intake": intake,
        "target": float(target),
        "target_attainment": _ratio(intake, target),
        "bids_won": float(len(won)),
        "bids_lost": float(decided - len(won)),
        "win_rate": _ratio(len(won), decided),
        "visits_made": float(made),
        "visit_compliance": _ratio(on_time, scheduled),
        "visits_late": float(made - on_time),
        "visits_missed": float(missed),
        "visits_overdue_at_end": float(records.overdue_at_end),
        "issues_opened": float(len(records.issues)),
        "issues_resolved": float(len(resolved)),
        "issue_wait_days_mean": float(waits.mean()) if waits.size else math.nan,
        "issue_resolution_days_mean": float(durations.mean()) if durations.size else math.nan,
        "issue_resolution_days_p95": float(np.percentile(durations, 95)) if durations.size else math.nan,
        "satisfaction_mean": float(np.mean([row[5] for row in alive])) if alive else math.nan,
        "loyalty_mean": float(np.mean([row[6] for row in alive])) if alive else math.nan,
        "retention": _ratio(retained, len(records.initially_active)),
        "leads_arrived": float(records.leads_arrived),
        "leads_expired": float(records.leads_expired),
        "manager_utilisation": _ratio(hours, records.visit_hours_available),
        "manager_departures": float(len(records.departures)),
        "customers_end": float(len(records.customers)),
    }
