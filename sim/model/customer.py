"""One customer's file as the model keeps it while it runs.

A plain slotted object: the model reads and writes its fields millions of
times, so it holds no logic beyond the lazy update of satisfaction and loyalty.
Satisfaction and loyalty change continuously (neglect, open issues, loyalty
following satisfaction), but they are only brought up to date when something
happens to the customer; between events the closed-form solution is exact.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.model.streams import Stream

_exp = math.exp  # bound once: on the hot path

if TYPE_CHECKING:  # pragma: no cover
    from sim.model.params import RelationshipParams
    from sim.model.records import Lead


class Customer:
    """State of one customer during a run."""

    __slots__ = (
        "acquainted",
        "bid_opened",
        "bid_visits",
        "branch",
        "created",
        "cultivated",
        "has_history",
        "id",
        "issue_clock",
        "last_contact",
        "lead",
        "life",
        "loyalty",
        "manager",
        "need_pending",
        "open_issues",
        "opportunity_value",
        "pending_travel",
        "potential",
        "research_done",
        "research_visits",
        "satisfaction",
        "scope",
        "segment",
        "stage",
        "stage_since",
        "token",
        "updated",
        "visit_deadline",
        "visit_token",
        "visits",
    )

    def __init__(
        self,
        customer_id: int,
        segment: int,
        branch: int,
        scope: int,
        manager: int,
        life: Stream,
        visits: Stream,
        created: float,
    ) -> None:
        self.id = customer_id
        self.segment = segment
        self.branch = branch
        self.scope = scope
        self.manager = manager
        self.life = life  # stage durations, outcomes and customer-reported issues
        self.visits = visits  # what visits find, travel times, fix times
        self.created = created
        self.stage = -1
        self.stage_since = created
        self.token = 0  # bumped on every stage change; stale timers compare it
        self.visit_token = 0  # bumped whenever the pending visit is replaced or cancelled
        self.visit_deadline: float | None = None
        self.pending_travel = -1.0
        self.satisfaction = 0.5
        self.loyalty = 0.5
        self.updated = created
        self.open_issues = 0
        self.last_contact = created
        self.issue_clock = created
        self.has_history = False
        self.research_visits = 0
        self.research_done = False
        self.opportunity_value = 0.0
        self.bid_opened = 0.0
        self.bid_visits = 0
        self.lead: Lead | None = None  # the lead of the current opportunity, if it came from one
        self.need_pending = False  # a new need found at a visit waits to be shared and assigned
        self.acquainted = False  # the current opportunity entered through an acquaintance
        self.potential = math.nan  # a prospect's potential (conditions, ability, willingness); NaN for archived
        self.cultivated = True  # whether needs research is spent on this prospect


class RelationshipRules:
    """The relationship dynamics of a run, applied lazily to one customer at a time.

    Args:
        params: The compiled relationship parameters.
    """

    __slots__ = ("_decay", "_floor", "_issue_loss", "_tau")

    def __init__(self, params: RelationshipParams) -> None:
        self._decay = params.neglect_decay
        self._floor = params.neglect_floor
        self._issue_loss = params.open_issue_loss_per_day
        self._tau = params.loyalty_tau

    def bring_up_to_date(self, customer: Customer, now: float) -> None:
        """Apply neglect, open issues and loyalty drift since the customer's last update."""
        elapsed = now - customer.updated
        if elapsed <= 0.0:
            return
        satisfaction = customer.satisfaction
        floor = self._floor
        if satisfaction > floor:
            satisfaction = floor + (satisfaction - floor) * _exp(-self._decay * elapsed)
        if customer.open_issues:
            satisfaction -= customer.open_issues * self._issue_loss * elapsed
            if satisfaction < 0.0:
                satisfaction = 0.0
        customer.loyalty += (satisfaction - customer.loyalty) * (1.0 - _exp(-elapsed / self._tau))
        customer.satisfaction = satisfaction
        customer.updated = now
