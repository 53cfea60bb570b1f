"""After-sales service (售后服务): issues found or reported, queued for staff, resolved.

The department is a ``simpy.Resource`` with one slot per staff member, so an
issue waits when every staff member is busy: with Poisson arrivals and
exponential resolution times it is the M/M/c queue of :mod:`sim.theory`.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import simpy
from simpy.events import Timeout

from sim.model.customer import Customer, RelationshipRules
from sim.model.params import AfterSalesParams, RelationshipParams
from sim.model.records import Issue, Records
from sim.model.streams import Stream


class AfterSales:
    """Opens issues, queues them for after-sales staff and records their resolution.

    Args:
        env: The simulation environment.
        params: After-sales parameters.
        relationship: How issues move satisfaction.
        rules: Brings a customer's satisfaction up to date.
        records: Where issues are written.
    """

    def __init__(
        self,
        env: simpy.Environment,
        params: AfterSalesParams,
        relationship: RelationshipParams,
        rules: RelationshipRules,
        records: Records,
    ) -> None:
        self.env = env
        self.params = params
        self.staff = simpy.Resource(env, capacity=params.staff)
        self.rules = rules
        self.records = records
        self._keep_on_issue = 1.0 - relationship.issue_found_loss
        self._fix_gain = relationship.issue_fixed_gain

    def arm_report(self, customer: Customer, until: float) -> None:
        """Schedule the customer's next reported issue if it falls within ``until`` days.

        Reports form a Poisson process, which is memoryless: when the next
        report would come later than the customer's next timer, nothing is
        scheduled and a fresh gap is drawn at that timer. The result is the same
        process without far-future timers crowding SimPy's event queue.
        """
        mean_gap = self.params.reported_mean_gap
        if mean_gap <= 0.0:
            return
        gap = customer.life.exponential(mean_gap)
        if gap < until:
            token = customer.token
            Timeout(self.env, gap).callbacks.append(
                lambda _event: self._reported(customer, until - gap) if customer.token == token else None
            )

    def _reported(self, customer: Customer, left: float) -> None:
        self.open_issue(customer, self.env.now, "reported", customer.life)
        self.arm_report(customer, left)

    def open_issue(self, customer: Customer, now: float, source: str, stream: Stream) -> None:
        """An issue comes to light (at a visit or reported): satisfaction drops, after-sales takes it on."""
        self.rules.bring_up_to_date(customer, now)
        customer.open_issues += 1
        customer.satisfaction *= self._keep_on_issue
        work = stream.duration(self.params.resolution)
        issue = Issue(len(self.records.issues), customer.id, customer.manager, source, now)
        self.records.issues.append(issue)
        self.env.process(self._resolve(customer, issue, work))

    def _resolve(self, customer: Customer, issue: Issue, work: float) -> Generator[simpy.Event, Any, None]:
        request = self.staff.request()
        yield request
        issue.service_start_day = self.env.now
        yield self.env.timeout(work)
        self.staff.release(request)
        now = self.env.now
        self.rules.bring_up_to_date(customer, now)
        customer.open_issues -= 1
        customer.satisfaction += self._fix_gain * (1.0 - customer.satisfaction)
        issue.resolved_day = now
        issue.satisfaction_after = customer.satisfaction
