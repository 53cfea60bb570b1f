"""Each customer manager's pending return visits.

A customer in a visited stage has one pending visit: a window of days after its
last contact, from the stage's visit policy. The plan keeps, per manager, the
visits whose window has not opened yet (a heap by opening day) and the visits
that are due (a heap by deadline, filled by the manager's day loop). A visit
replaced or cancelled is not searched for: the customer's ``visit_token`` moves
on and the stale entry is dropped when it reaches the top of its heap.

Windows count whole days: a visit is on time when made on or before the
deadline day, whatever the hour.
"""

from __future__ import annotations

from heapq import heappush
from itertools import count
from typing import Any

from sim.model.customer import Customer


class VisitPlan:
    """Pending visits of every manager.

    Args:
        windows: Visit window ``(min_days, max_days)`` by stage code, None where a stage is not visited.
        managers: Number of manager posts.

    Attributes:
        future: Per manager, entries ``(opening day, deadline, sequence, customer, token)``.
        ready: Per manager, entries ``(deadline, sequence, customer, token)`` of visits due.
        sequence: Tie-breaker of equal days: visits requested earlier come first.
    """

    def __init__(self, windows: tuple[tuple[float, float] | None, ...], managers: int) -> None:
        self.windows = windows
        self.future: list[list[Any]] = [[] for _ in range(managers)]
        self.ready: list[list[Any]] = [[] for _ in range(managers)]
        self.sequence = count()

    def request(self, customer: Customer, anchor: float) -> None:
        """Schedule the next visit of ``customer`` in its stage's window after day ``anchor``."""
        customer.visit_token += 1
        window = self.windows[customer.stage]
        if window is None:
            customer.visit_deadline = None
            return
        deadline = anchor + window[1]
        customer.visit_deadline = deadline
        entry = (anchor + window[0], deadline, next(self.sequence), customer, customer.visit_token)
        heappush(self.future[customer.manager], entry)

    @staticmethod
    def cancel(customer: Customer) -> None:
        """Drop the customer's pending visit, if any."""
        customer.visit_token += 1
        customer.visit_deadline = None
