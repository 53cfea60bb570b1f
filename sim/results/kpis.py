"""Key performance indicators of one run, each with its unit and meaning.

Computed from the plain records with the standard library and numpy only, so
a run and its KPIs never import pandas (replications and sweeps stay fast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.model.records import (
    B_VALUE,
    B_WON,
    C_ID,
    C_LOYALTY,
    C_SATISFACTION,
    C_STAGE,
    LEAD_SOURCES,
    V_HOURS,
    V_ON_TIME,
    Records,
)


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
    KpiDef("pipeline_end", "customers", "Customers in needs research, bidding or implementation at the end."),
    # The CRM meeting, lead sharing and rewards.
    KpiDef("leads_procurement", "leads", "Leads found in published procurement requirements."),
    KpiDef("leads_staff", "leads", "Leads passed on by staff of other departments."),
    KpiDef("leads_visit", "leads", "New needs of existing customers found at return visits."),
    KpiDef("leads_stale", "leads", "Leads never passed on, or overtaken before they were assigned."),
    KpiDef("leads_acquaintance", "leads", "Leads that entered through an acquaintance found at the meeting."),
    KpiDef("leads_outside_coverage", "leads", "Leads no manager covered, given to the least loaded manager."),
    KpiDef("lead_wait_days_mean", "days", "Mean days from finding a lead to assigning it to a manager."),
    KpiDef("lead_to_bid_rate", "ratio", "Share of assigned leads that reached a bid."),
    KpiDef("lead_win_rate", "ratio", "Share of assigned leads whose bid was won."),
    *(
        KpiDef(f"lead_{measure}_rate_{source}", "ratio", f"Share of assigned {source} leads that {what}.")
        for source in LEAD_SOURCES
        for measure, what in (("to_bid", "reached a bid"), ("win", "were won"))
    ),
    KpiDef("orders_from_leads", "wan CNY", "Order intake from won projects that came from shared leads."),
    KpiDef("reward_cost", "wan CNY", "Rewards paid: reward per win x wins attributed to a lead's finder or helper."),
    KpiDef("meetings_held", "meetings", "CRM meetings held."),
    KpiDef("meeting_hours", "person-hours", "Time of managers and leaders spent in CRM meetings."),
    KpiDef("meeting_cost", "wan CNY", "Meeting hours x the hourly cost of an attendee."),
    # Potential customers.
    KpiDef("prospects_cultivated", "prospects", "New prospects given needs research under the cultivation policy."),
    KpiDef("prospects_not_cultivated", "prospects", "New prospects left without needs research by the policy."),
    # Training.
    KpiDef("training_hours", "person-hours", "Participant-hours of training within the horizon."),
    KpiDef("training_cost", "wan CNY", "Training hours x the cost of a participant-hour."),
    KpiDef("visit_hours_available", "hours", "Managers' visit hours over the horizon, less training and meetings."),
)

KPI_UNITS: dict[str, str] = {k.name: k.unit for k in KPI_DEFS}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def _lead_kpis(records: Records) -> dict[str, float]:
    import numpy as np

    leads = records.leads
    assigned = [lead for lead in leads if lead.assigned_day is not None]
    result: dict[str, float] = {
        f"leads_{source}": float(sum(1 for lead in leads if lead.source == source)) for source in LEAD_SOURCES
    }
    result["leads_stale"] = float(sum(1 for lead in leads if lead.stale))
    result["leads_acquaintance"] = float(sum(1 for lead in assigned if lead.acquaintance))
    result["leads_outside_coverage"] = float(sum(1 for lead in assigned if lead.outside_coverage))
    waits = [lead.assigned_day - lead.found_day for lead in assigned]
    result["lead_wait_days_mean"] = float(np.mean(waits)) if waits else math.nan
    result["lead_to_bid_rate"] = _ratio(sum(1 for lead in assigned if lead.reached_bid), len(assigned))
    result["lead_win_rate"] = _ratio(sum(1 for lead in assigned if lead.won), len(assigned))
    for source in LEAD_SOURCES:
        mine = [lead for lead in assigned if lead.source == source]
        result[f"lead_to_bid_rate_{source}"] = _ratio(sum(1 for lead in mine if lead.reached_bid), len(mine))
        result[f"lead_win_rate_{source}"] = _ratio(sum(1 for lead in mine if lead.won), len(mine))
    result["orders_from_leads"] = float(sum(lead.value_wan_cny for lead in assigned if lead.won))
    prospects = [lead for lead in assigned if lead.source != "visit"]
    result["prospects_cultivated"] = float(sum(1 for lead in prospects if lead.cultivated))
    result["prospects_not_cultivated"] = float(sum(1 for lead in prospects if not lead.cultivated))
    return result


def compute_kpis(records: Records, target: float) -> dict[str, float]:
    """All KPIs of one run, keyed by :data:`KPI_DEFS` names.

    Ratios with an empty denominator (no bids decided, say) are NaN, not zero,
    so that an average over replications does not mistake "nothing happened"
    for "everything failed".
    """
    import numpy as np  # here, not at the top: importing the results should not load numpy before a run

    won = [bid for bid in records.bids if bid[B_WON]]
    intake = float(sum(bid[B_VALUE] for bid in won))
    decided = len(records.bids)
    on_time = sum(1 for visit in records.visits if visit[V_ON_TIME])
    made = len(records.visits)
    missed = len(records.missed)
    scheduled = made + missed + records.overdue_at_end
    resolved = [issue for issue in records.issues if issue.resolved_day is not None]
    durations = np.array([issue.resolved_day - issue.opened_day for issue in resolved], dtype=float)
    waits = np.array([issue.service_start_day - issue.opened_day for issue in resolved], dtype=float)
    alive = [row for row in records.customers if row[C_STAGE] != "lost"]
    final_stage = {row[C_ID]: row[C_STAGE] for row in records.customers}
    retained = sum(1 for cid in records.initially_active if final_stage[cid] not in ("dormant", "lost"))
    hours = float(sum(visit[V_HOURS] for visit in records.visits))
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
        "satisfaction_mean": float(np.mean([row[C_SATISFACTION] for row in alive])) if alive else math.nan,
        "loyalty_mean": float(np.mean([row[C_LOYALTY] for row in alive])) if alive else math.nan,
        "retention": _ratio(retained, len(records.initially_active)),
        "leads_arrived": float(records.leads_arrived),
        "leads_expired": float(records.leads_expired),
        "manager_utilisation": _ratio(hours, records.visit_hours_available),
        "manager_departures": float(len(records.departures)),
        "customers_end": float(len(records.customers)),
        "pipeline_end": float(
            sum(1 for row in records.customers if row[C_STAGE] in ("needs_research", "bidding", "implementation"))
        ),
        **_lead_kpis(records),
        "reward_cost": records.reward_cost,
        "meetings_held": float(records.meetings),
        "meeting_hours": records.meetings * records.meeting_hours_each,
        "meeting_cost": records.meetings * records.meeting_hours_each * records.meeting_hourly_cost,
        "training_hours": records.training_participant_hours,
        "training_cost": records.training_participant_hours * records.training_hourly_cost,
        "visit_hours_available": records.visit_hours_available,
    }
