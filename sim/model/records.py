"""What a run writes down: plain rows, as the paper's archive would record them.

The model appends tuples to lists for what is written once (visits, bids, stage
changes: cheap, no pandas on the hot path) and keeps small slotted objects for
what is filled in as it happens (a lead until it is won or lost, an issue until
it is resolved). The results layer turns them into KPIs and, only when asked,
DataFrames. Column names and the index of every column live here, next to the
rows they describe, so that nothing reads a row by a bare number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

VISIT_COLUMNS = ("manager", "customer", "start_day", "hours", "stage", "deadline_day", "on_time", "issue_found")
V_MANAGER, V_CUSTOMER, V_START, V_HOURS, V_STAGE, V_DEADLINE, V_ON_TIME, V_ISSUE_FOUND = range(8)

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
B_CUSTOMER, B_MANAGER, B_SEGMENT, B_OPENED, B_DECIDED, B_VALUE, B_WON = range(7)

TRANSITION_COLUMNS = ("day", "customer", "from_stage", "to_stage")
T_DAY, T_CUSTOMER, T_FROM, T_TO = range(4)

#: Where leads come from: published procurement requirements, staff of other departments, return visits.
LEAD_SOURCES = ("procurement", "staff", "visit")

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
C_ID, C_SEGMENT, C_MANAGER, C_CREATED, C_STAGE, C_SATISFACTION, C_LOYALTY, C_OPEN_ISSUES = range(8)


class _Row:
    """A record filled in while the run goes on, compared and shown as its row."""

    __slots__ = ()
    COLUMNS: tuple[str, ...] = ()

    def row(self) -> tuple[Any, ...]:
        """The record as a row of :attr:`COLUMNS`."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.row() == other.row()

    __hash__ = None  # type: ignore[assignment]  # mutable while the run goes on

    def __repr__(self) -> str:
        return f"{type(self).__name__}{dict(zip(self.COLUMNS, self.row(), strict=True))}"


class Lead(_Row):
    """One lead (项目信息), from the day it is found until its bid is decided.

    The random draws about the lead (stale or not, ad-hoc delay, acquaintance and
    who has it) are taken when it is found, from its finder's stream, and kept
    here, so two meeting policies compared on one seed see the same luck.
    """

    COLUMNS = LEAD_COLUMNS
    __slots__ = (
        "acquaintance",
        "acquaintance_draw",
        "assigned_day",
        "cultivated",
        "customer",
        "delay_days",
        "found_day",
        "holder_draw",
        "id",
        "manager",
        "outside_coverage",
        "potential",
        "reached_bid",
        "segment",
        "source",
        "stale",
        "stale_draw",
        "value_wan_cny",
        "won",
    )

    def __init__(self, lead_id: int, source: str, segment: int, customer: int, found_day: float) -> None:
        self.id = lead_id
        self.source = source  # procurement, staff or visit
        self.segment = segment
        self.customer = customer  # -1 until a prospect is filed for it (visit leads: the existing customer)
        self.found_day = found_day
        self.assigned_day: float | None = None
        self.manager: int | None = None
        self.acquaintance = False
        self.stale = False
        self.outside_coverage = False
        self.reached_bid = False
        self.won = False
        self.value_wan_cny = 0.0
        self.potential = math.nan
        self.cultivated = True
        self.stale_draw = 0.0
        self.delay_days = 0.0
        self.acquaintance_draw = 0.0
        self.holder_draw = 0.0

    def row(self) -> tuple[Any, ...]:
        """The record as a row of :attr:`COLUMNS`."""
        return (
            self.id,
            self.source,
            self.segment,
            self.customer,
            self.found_day,
            self.assigned_day,
            self.manager,
            self.acquaintance,
            self.stale,
            self.outside_coverage,
            self.reached_bid,
            self.won,
            self.value_wan_cny,
            self.potential,
            self.cultivated,
        )


class Issue(_Row):
    """One problem found at a visit or reported by the customer, until after-sales resolves it."""

    COLUMNS = ISSUE_COLUMNS
    __slots__ = (
        "customer",
        "id",
        "manager",
        "opened_day",
        "resolved_day",
        "satisfaction_after",
        "service_start_day",
        "source",
    )

    def __init__(self, issue_id: int, customer: int, manager: int, source: str, opened_day: float) -> None:
        self.id = issue_id
        self.customer = customer
        self.manager = manager
        self.source = source  # visit or reported
        self.opened_day = opened_day
        self.service_start_day: float | None = None
        self.resolved_day: float | None = None
        self.satisfaction_after: float | None = None

    def row(self) -> tuple[Any, ...]:
        """The record as a row of :attr:`COLUMNS`."""
        return (
            self.id,
            self.customer,
            self.manager,
            self.source,
            self.opened_day,
            self.service_start_day,
            self.resolved_day,
            self.satisfaction_after,
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
        visit_hours_available: Visit hours the managers had over the horizon, less training and meetings.
        archived_at_start: Customers on file when the run started (customer ids below this number).
        visits: Rows of :data:`VISIT_COLUMNS`, one per visit made (stage as a code of :data:`sim.stages.STAGES`).
        missed: Rows of :data:`MISSED_COLUMNS`, one per scheduled visit not made.
        overdue_at_end: Visits past their deadline and not yet made when the run ended.
        issues: One :class:`Issue` per issue; unresolved issues have None times.
        bids: Rows of :data:`BID_COLUMNS`, one per bid decided.
        transitions: Rows of :data:`TRANSITION_COLUMNS`; ``from_stage`` -1 marks a new customer.
        customers: Rows of :data:`CUSTOMER_COLUMNS` at the end of the run.
        stage_counts_end: Customers per stage and branch at the end, as the model counted them while
            it ran (flattened stage-major); a check on the transition log.
        initially_active: Ids of customers active (not dormant) at the start.
        departures: ``(manager post, day left, day the replacement starts)`` for each manager who left.
        leads: One :class:`Lead` per lead found.
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
    """

    branches: tuple[str, ...]
    scopes: tuple[str, ...]
    segments: tuple[tuple[int, int], ...]
    horizon_days: int
    managers: int
    visit_hours_available: float
    archived_at_start: int = 0
    visits: list[tuple[Any, ...]] = field(default_factory=list)
    missed: list[tuple[Any, ...]] = field(default_factory=list)
    overdue_at_end: int = 0
    issues: list[Issue] = field(default_factory=list)
    bids: list[tuple[Any, ...]] = field(default_factory=list)
    transitions: list[tuple[Any, ...]] = field(default_factory=list)
    customers: list[tuple[Any, ...]] = field(default_factory=list)
    stage_counts_end: list[int] = field(default_factory=list)
    initially_active: list[int] = field(default_factory=list)
    departures: list[tuple[Any, ...]] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
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
