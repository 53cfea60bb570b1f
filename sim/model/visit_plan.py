"""Each customer manager's planned return visits.

A customer in a visited stage has one pending visit, with a window of days
after its last contact from the stage's visit policy. The visit is planned for
a day, not made as soon as the window opens:

* the **target day** is ``min_days + target_share x (max_days - min_days)``
  after the last contact (the middle of the window by default), so a policy of
  7-14 days means a visit about every 10.5 days, not every 7;
* the visit is **spread by load**: of the working days within ``spread_days``
  of the target and inside the window, it goes to the day of the week on which
  the manager has planned the fewest visits so far (then the day nearest the
  target, then the earlier). Without this, a 5-day week would pull visits onto
  Mondays and keep them there. The load is counted per day of the week, not per
  date: dates further ahead always have fewer visits planned yet, and choosing
  by date would push every visit towards the end of its spread;
* when no working day qualifies (a window of weekend days, or one already past,
  as for a visit re-planned after it was missed), it goes to the first working
  day from the later of today and the window's opening.

The plan keeps, per manager, the visits not yet due (a heap by planned day) and
the visits due (a heap by deadline, filled by the manager's day loop, which
makes them earliest deadline first as far as the day's and week's hours allow).
A visit replaced or cancelled is not searched for: the customer's
``visit_token`` moves on and the stale entry is dropped when it reaches the top
of its heap. Windows count whole days: a visit is on time when made on or
before the deadline day, whatever the hour.
"""

from __future__ import annotations

import math
from heapq import heappush
from itertools import count
from typing import Any

import simpy

from sim.model.customer import Customer
from sim.model.params import VisitParams

_EPS = 1e-9


class VisitPlan:
    """Planned visits of every manager.

    Args:
        env: The simulation environment (for today's date).
        params: How visits are planned.
        managers: Number of manager posts.

    Attributes:
        future: Per manager, entries ``(planned day, deadline, sequence, customer, token)``.
        ready: Per manager, entries ``(deadline, sequence, customer, token)`` of visits due.
        planned: Per manager, visits planned on each day of the week (the load the spreading evens out).
        sequence: Tie-breaker of equal days: visits requested earlier come first.
    """

    def __init__(self, env: simpy.Environment, params: VisitParams, managers: int) -> None:
        self.env = env
        self.windows = params.windows
        self.spread = params.spread_days
        self.working_days = params.working_days
        self.future: list[list[Any]] = [[] for _ in range(managers)]
        self.ready: list[list[Any]] = [[] for _ in range(managers)]
        self.planned: list[list[int]] = [[0] * 7 for _ in range(managers)]
        self.sequence = count()

    def request(self, customer: Customer, anchor: float) -> None:
        """Plan the next visit of ``customer`` in its stage's window after day ``anchor``."""
        customer.visit_token += 1
        window = self.windows[customer.stage]
        if window is None:
            customer.visit_deadline = None
            return
        opens, closes, target = window
        deadline = anchor + closes
        customer.visit_deadline = deadline
        day = self.plan_day(customer.manager, anchor + opens, deadline, anchor + target)
        heappush(self.future[customer.manager], (day, deadline, next(self.sequence), customer, customer.visit_token))

    def plan_day(self, manager: int, opens: float, deadline: float, target: float) -> int:
        """The working day a visit is planned for (see the module notes), counted in the manager's load."""
        working = self.working_days
        first = max(math.ceil(opens - _EPS), math.floor(self.env.now + _EPS))
        low = max(first, math.ceil(target - self.spread - _EPS))
        high = min(math.floor(deadline + _EPS), math.floor(target + self.spread + _EPS))
        load = self.planned[manager]
        best, best_key = None, None
        for day in range(low, high + 1):
            if day % 7 < working:
                key = (load[day % 7], abs(day - target), day)
                if best_key is None or key < best_key:
                    best, best_key = day, key
        if best is None:
            best = max(first, min(math.ceil(target - _EPS), math.floor(deadline + _EPS)))
            while best % 7 >= working:
                best += 1
        load[best % 7] += 1
        return best

    @staticmethod
    def cancel(customer: Customer) -> None:
        """Drop the customer's pending visit, if any."""
        customer.visit_token += 1
        customer.visit_deadline = None
