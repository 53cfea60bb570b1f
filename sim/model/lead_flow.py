"""Leads: found, shared at the CRM meeting (or passed on ad hoc), assigned to a customer manager.

The paper's meeting (例会) collects project leads found since the last one,
uses personal networks ("acquaintances", 熟人) to get into projects faster, and
assigns leads by service branch (军兵种) and business scope to managers, who
follow them up; whoever helped win a project is rewarded.

Leads come from three sources:

* ``procurement``: published procurement requirements (each segment's lead rate),
* ``staff``: staff of other departments (more with rewards and with training),
* ``visit``: new needs of existing customers found at return visits.

Every random draw about a lead (stale or not, delay, acquaintance) is taken
from the stream of whoever found it, when it is found, so two meeting policies
compared on the same seed see the same leads with the same luck.

This mixin is part of :class:`sim.model.world.World`; it uses the world's
environment, customers and records.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from simpy.events import Timeout

from sim.model.streams import Stream
from sim.stages import AFTER_COMPLETION, LEAD, NEEDS_RESEARCH

if TYPE_CHECKING:  # pragma: no cover
    from sim.model.customer import Customer

# Lead row fields (a list per lead, filled in as the lead moves on).
L_ID, L_SOURCE, L_SEGMENT, L_CUSTOMER, L_FOUND, L_ASSIGNED, L_MANAGER = range(7)
L_ACQUAINTANCE, L_STALE, L_OUTSIDE, L_BID, L_WON, L_VALUE, L_POTENTIAL, L_CULTIVATED = range(7, 15)
_DRAWS = 15  # the draws kept with the row: stale, delay, acquaintance, holder

SOURCES = ("procurement", "staff", "visit")


def reward_multiplier(reward_per_win: float, max_uplift: float, half_saturation: float) -> float:
    """How much a reward per win multiplies staff lead sharing: 1 + max x r / (r + half), diminishing returns."""
    return 1.0 + max_uplift * reward_per_win / (reward_per_win + half_saturation)


class LeadFlow:
    """Lead discovery, the CRM meeting and assignment (mixed into World)."""

    # ------------------------------------------------------------ discovery

    def _lead_row(self, source: str, segment: int, customer: int, stream: Stream) -> list[Any]:
        meeting = self.scenario.meeting
        row: list[Any] = [
            len(self.records.leads),
            source,
            segment,
            customer,
            self.env.now,
            None,
            None,
            False,
            False,
            False,
            False,
            False,
            0.0,
            math.nan,
            True,
        ]
        # Draw everything about the lead now, from its finder's stream (see module notes).
        row.append(stream.uniform())  # stale?
        row.append(stream.exponential(meeting.adhoc_delay_days) if meeting.adhoc_delay_days > 0 else 0.0)
        row.append(stream.uniform())  # acquaintance?
        row.append(stream.uniform())  # who has the acquaintance
        self.records.leads.append(row)
        return row

    def _route(self, row: list[Any]) -> None:
        """Send a found lead to the next meeting, or pass it on ad hoc when there are no meetings."""
        meeting = self.scenario.meeting
        if meeting.cadence_days > 0:
            self._waiting_leads.append(row)
            return
        if row[_DRAWS] < meeting.adhoc_stale_probability:
            row[L_STALE] = True
            self._lead_dropped(row)
            return
        Timeout(self.env, row[_DRAWS + 1]).callbacks.append(lambda _e: self._assign(row, via_meeting=False))

    def _lead_dropped(self, row: list[Any]) -> None:
        if row[L_CUSTOMER] >= 0:
            self._customers[row[L_CUSTOMER]].need_pending = False

    def _prospect_arrivals(self, segment: int, rate_per_year: float) -> Any:
        """Published procurement requirements of one segment, as a Poisson stream of leads."""
        stream = Stream(self.seed, "lead-arrivals", segment)
        mean_gap = 365.0 / rate_per_year
        while True:
            yield Timeout(self.env, stream.exponential(mean_gap))
            self._route(self._lead_row("procurement", segment, -1, stream))

    def _staff_leads(self) -> Any:
        """Leads from staff of other departments; rewards and training make them share more.

        The rate changes over time with training, so arrivals are drawn at the
        highest possible rate and kept with probability rate(t) / highest (thinning).
        """
        leads, effects = self.scenario.leads, self.scenario.training.effects
        stream = Stream(self.seed, "staff-leads")
        factor = reward_multiplier(
            leads.reward_per_win_wan_cny, leads.reward_max_uplift, leads.reward_half_saturation_wan_cny
        )
        base = leads.staff_leads_per_year * factor
        top = base * (1.0 + effects.staff_sharing_uplift if self._staff_skill.trained else 1.0)
        weights = self._segment_weights
        total = sum(weights)
        while True:
            yield Timeout(self.env, stream.exponential(365.0 / top))
            rate = base * (1.0 + effects.staff_sharing_uplift * self._staff_skill.level(self.env.now))
            keep, pick = stream.uniform(), stream.uniform() * total
            if keep * top >= rate:
                continue
            segment = 0
            while segment < len(weights) - 1 and pick >= weights[segment]:
                pick -= weights[segment]
                segment += 1
            self._route(self._lead_row("staff", segment, -1, stream))

    def _need_found(self, c: Customer) -> None:
        """A return visit uncovered a new need of an existing customer: a lead like any other."""
        c.need_pending = True
        self._route(self._lead_row("visit", c.segment, c.id, c.visits))

    # -------------------------------------------------------------- meeting

    def _meetings(self) -> Any:
        """The CRM meeting every ``cadence_days``, on its weekday, from the first such day."""
        meeting = self.scenario.meeting
        env = self.env
        yield Timeout(env, meeting.weekday)  # day 0 is a Monday
        while True:
            waiting, self._waiting_leads = self._waiting_leads, []
            for row in waiting:
                self._assign(row, via_meeting=True)
            self.records.meetings += 1
            yield Timeout(env, meeting.cadence_days)

    # ----------------------------------------------------------- assignment

    def _candidates(self, segment: int, rule: str) -> list[int]:
        branch, scope = self.segment_codes[segment]
        if rule == "lowest_load":
            return list(range(self._n_managers))
        if rule == "by_branch":
            covering = [s for s, code in enumerate(self.segment_codes) if code[0] == branch]
        elif rule == "by_scope":
            covering = [s for s, code in enumerate(self.segment_codes) if code[1] == scope]
        else:  # by_branch_and_scope, and acquaintance leads without a manager acquaintance
            covering = [segment]
        return sorted({m for s in covering for m in self._coverage[s]})

    def choose_manager(self, segment: int, rule: str, acquaintance_manager: int | None) -> tuple[int, bool]:
        """The manager a lead of ``segment`` goes to under ``rule``.

        The acquaintance rule gives the lead to the manager who knows someone at
        the customer, if a manager does; otherwise, and under the other rules,
        the least loaded of the managers covering the lead's service branch,
        business scope or both. When no manager covers it (possible only with a
        coverage plan that leaves a gap), the lead goes to the least loaded
        manager of all and is counted as assigned outside coverage.

        Returns:
            (manager, whether the lead went outside coverage).
        """
        if rule == "acquaintance" and acquaintance_manager is not None:
            return acquaintance_manager, False
        candidates = self._candidates(segment, rule)
        outside = not candidates
        if outside:
            candidates = list(range(self._n_managers))
        return min(candidates, key=lambda m: (self._load[m], m)), outside

    def _assign(self, row: list[Any], via_meeting: bool) -> None:
        now = self.env.now
        meeting = self.scenario.meeting
        acquainted = via_meeting and row[_DRAWS + 2] < meeting.acquaintance_probability
        holder = None
        if acquainted:
            attendees = self._n_managers + meeting.leaders_attending
            index = min(attendees - 1, int(row[_DRAWS + 3] * attendees))
            holder = index if index < self._n_managers else None
        manager, outside = self.choose_manager(row[L_SEGMENT], meeting.assignment_rule, holder)
        customer = row[L_CUSTOMER]
        if customer >= 0:
            c = self._customers[customer]
            c.need_pending = False
            if c.stage != AFTER_COMPLETION:
                row[L_STALE] = True  # overtaken: the customer moved on while the lead waited
                return
            if manager != c.manager:
                self._hand_over(c, manager)
        else:
            c = self._new_prospect(row[L_SEGMENT], now, row[L_SOURCE], row[L_ID], manager)
            row[L_CUSTOMER] = c.id
            row[L_POTENTIAL] = c.potential
            row[L_CULTIVATED] = c.cultivated
        row[L_ASSIGNED] = now
        row[L_MANAGER] = manager
        row[L_ACQUAINTANCE] = acquainted
        row[L_OUTSIDE] = outside
        c.lead = row
        c.acquainted = acquainted
        self._enter(c, LEAD if customer < 0 else NEEDS_RESEARCH, now)

    def _hand_over(self, c: Customer, manager: int) -> None:
        """Move a customer's file to another manager (pending visits follow on the next request)."""
        self._load[c.manager] -= 1
        self._portfolio[c.manager].remove(c)
        c.manager = manager
        self._load[manager] += 1
        self._portfolio[manager].append(c)
