"""What a run writes down: plain rows, as the paper's archive would record them.

The model appends tuples to lists (cheap, no pandas on the hot path); the
results layer turns them into KPIs and, only when asked, DataFrames. Column
names live here, next to the rows they describe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VISIT_COLUMNS = ("manager", "customer", "start_day", "hours", "stage", "deadline_day", "on_time", "issue_found")
MISSED_COLUMNS = ("manager", "customer", "deadline_day", "stage", "reason")
ISSUE_COLUMNS = (
    "issue",
    "customer",
    "manager",
    "source",
    "opened_day",
    "service_start_day",
    "resolved_day",
    "satisfaction_after",
)
BID_COLUMNS = ("customer", "manager", "segment", "opened_day", "decided_day", "value_wan_cny", "won")
TRANSITION_COLUMNS = ("day", "customer", "from_stage", "to_stage")
LEAD_COLUMNS = (
    "lead",
    "source",
    "segment",
    "customer",
    "found_day",
    "assigned_day",
    "manager",
    "acquaintance",
    "stale",
    "outside_coverage",
    "reached_bid",
    "won",
    "value_wan_cny",
    "potential",
    "cultivated",
)
CUSTOMER_COLUMNS = (
    "customer",
    "segment",
    "manager",
    "created_day",
    "stage",
    "satisfaction",
    "loyalty",
    "open_issues",
)


@dataclass
class Records:
    """Everything one run recorded.

    Attributes:
        branches: Service-branch keys, indexed by branch code.
        scopes: Business-scope keys, indexed by scope code.
        segments: ``(branch code, scope code)`` of each segment.
        horizon_days: Length of the run.
        managers: Number of customer managers.
        visit_hours_available: Visit hours the managers had over the horizon.
        visits: Rows of :data:`VISIT_COLUMNS`, one per visit made (stage as a code of :data:`sim.stages.STAGES`).
        missed: Rows of :data:`MISSED_COLUMNS`, one per scheduled visit not made.
        overdue_at_end: Visits past their deadline and not yet made when the run ended.
        issues: Rows of :data:`ISSUE_COLUMNS`; unresolved issues have None times.
        bids: Rows of :data:`BID_COLUMNS`, one per bid decided.
        transitions: Rows of :data:`TRANSITION_COLUMNS`; ``from_stage`` -1 marks a new customer.
        daily_stage_counts: For each day, customers per stage and branch, flattened stage-major.
        customers: Rows of :data:`CUSTOMER_COLUMNS` at the end of the run.
        initially_active: Ids of customers active (not dormant) at the start.
        departures: ``(manager post, day left, day the replacement starts)`` for each manager who left.
        leads: Rows of :data:`LEAD_COLUMNS` (first fields), one per lead found.
        prospect_scores: Conditions, ability and willingness to buy of each prospect, by customer id.
        meetings: CRM meetings held.
        reward_cost: Rewards paid for won projects that came from leads (wan CNY).
        blocked_manager_hours: Manager hours on working days taken by training and meetings.
        training_participant_hours: Participant-hours of training within the horizon.
        training_hourly_cost: Cost of one participant-hour of training (wan CNY).
        meeting_hours_each: Person-hours of one meeting (managers and leaders).
        meeting_hourly_cost: Cost of one attendee-hour (wan CNY).
        leads_arrived: New prospects filed (leads that became customers in the archive).
        leads_expired: Leads that went stale without first contact.
        events: SimPy events the run processed.
    """

    branches: tuple[str, ...]
    scopes: tuple[str, ...]
    segments: tuple[tuple[int, int], ...]
    horizon_days: int
    managers: int
    visit_hours_available: float
    visits: list[tuple[Any, ...]] = field(default_factory=list)
    missed: list[tuple[Any, ...]] = field(default_factory=list)
    overdue_at_end: int = 0
    issues: list[list[Any]] = field(default_factory=list)
    bids: list[tuple[Any, ...]] = field(default_factory=list)
    transitions: list[tuple[Any, ...]] = field(default_factory=list)
    daily_stage_counts: list[list[int]] = field(default_factory=list)
    customers: list[tuple[Any, ...]] = field(default_factory=list)
    initially_active: list[int] = field(default_factory=list)
    departures: list[tuple[Any, ...]] = field(default_factory=list)
    leads: list[list[Any]] = field(default_factory=list)
    prospect_scores: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    meetings: int = 0
    reward_cost: float = 0.0
    blocked_manager_hours: float = 0.0
    training_participant_hours: float = 0.0
    training_hourly_cost: float = 0.0
    meeting_hours_each: float = 0.0
    meeting_hourly_cost: float = 0.0
    leads_arrived: int = 0
    leads_expired: int = 0
    events: int = 0
