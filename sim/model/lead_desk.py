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
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import simpy
from simpy.events import Timeout

from sim.model.customer import Customer
from sim.model.lifecycle import Lifecycle
from sim.model.params import Params
from sim.model.portfolios import Portfolios
from sim.model.records import Lead, Records
from sim.model.streams import Stream
from sim.stages import AFTER_COMPLETION, LEAD, NEEDS_RESEARCH


class LeadDesk:
    """Finds leads, holds them for the CRM meeting, and assigns them to managers.

    Args:
        env: The simulation environment.
        params: The run's parameters.
        records: Where leads and meetings are written.
        portfolios: Files new prospects and hands customers over.
        lifecycle: Starts the opportunity of an assigned lead.
    """

    def __init__(
        self,
        env: simpy.Environment,
        params: Params,
        records: Records,
        portfolios: Portfolios,
        lifecycle: Lifecycle,
    ) -> None:
        self.env = env
        self.seed = params.seed
        self.params = params.leads
        self.population = params.population
        self.staff_skill = params.training.staff_skill
        self.records = records
        self.portfolios = portfolios
        self.lifecycle = lifecycle
        self._waiting: list[Lead] = []
        self._prospects_filed: dict[tuple[str, int], int] = {}

    def start(self) -> None:
        """Start lead arrivals, staff leads and the meeting, as the parameters ask."""
        env = self.env
        for segment, rate in enumerate(self.population.segment_lead_rates):
            if rate > 0:
                env.process(self._procurement_leads(segment, rate))
        if self.params.staff_leads_base > 0:
            env.process(self._staff_leads())
        if self.params.cadence_days > 0:
            env.process(self._meetings())

    # ------------------------------------------------------------ discovery

    def _found(self, source: str, segment: int, customer: int, stream: Stream) -> Lead:
        lead = Lead(len(self.records.leads), source, segment, customer, self.env.now)
        # Draw everything about the lead now, from its finder's stream (see module notes).
        delay = self.params.adhoc_delay_days
        lead.stale_draw = stream.uniform()
        lead.delay_days = stream.exponential(delay) if delay > 0 else 0.0
        lead.acquaintance_draw = stream.uniform()
        lead.holder_draw = stream.uniform()
        self.records.leads.append(lead)
        return lead

    def _route(self, lead: Lead) -> None:
        """Send a found lead to the next meeting, or pass it on ad hoc when there are no meetings."""
        params = self.params
        if params.cadence_days > 0:
            self._waiting.append(lead)
            return
        if lead.stale_draw < params.adhoc_stale_probability:
            lead.stale = True
            if lead.customer >= 0:
                self.portfolios.customers[lead.customer].need_pending = False
            return
        Timeout(self.env, lead.delay_days).callbacks.append(lambda _event: self._assign(lead, via_meeting=False))

    def _procurement_leads(self, segment: int, rate_per_year: float) -> Generator[simpy.Event, Any, None]:
        """Published procurement requirements of one segment, as a Poisson stream of leads."""
        stream = Stream(self.seed, "lead-arrivals", segment)
        mean_gap = 365.0 / rate_per_year
        while True:
            yield Timeout(self.env, stream.exponential(mean_gap))
            self._route(self._found("procurement", segment, -1, stream))

    def _staff_leads(self) -> Generator[simpy.Event, Any, None]:
        """Leads from staff of other departments; rewards and training make them share more.

        The rate changes over time with training, so arrivals are drawn at the
        highest possible rate and kept with probability rate(t) / highest (thinning).
        """
        stream = Stream(self.seed, "staff-leads")
        base, uplift, skill = self.params.staff_leads_base, self.params.staff_sharing_uplift, self.staff_skill
        top = base * (1.0 + uplift if skill.trained else 1.0)
        weights = self.population.segment_weights
        total = sum(weights)
        while True:
            yield Timeout(self.env, stream.exponential(365.0 / top))
            rate = base * (1.0 + uplift * skill.level(self.env.now))
            keep, pick = stream.uniform(), stream.uniform() * total
            if keep * top >= rate:
                continue
            segment = 0
            while segment < len(weights) - 1 and pick >= weights[segment]:
                pick -= weights[segment]
                segment += 1
            self._route(self._found("staff", segment, -1, stream))

    def need_found(self, c: Customer) -> None:
        """A return visit uncovered a new need of an existing customer: a lead like any other."""
        c.need_pending = True
        self._route(self._found("visit", c.segment, c.id, c.visits))

    # -------------------------------------------------------------- meeting

    def _meetings(self) -> Generator[simpy.Event, Any, None]:
        """The CRM meeting every ``cadence_days``, on its weekday, from the first such day."""
        env = self.env
        yield Timeout(env, self.params.weekday)  # day 0 is a Monday
        while True:
            waiting, self._waiting = self._waiting, []
            for lead in waiting:
                self._assign(lead, via_meeting=True)
            self.records.meetings += 1
            yield Timeout(env, self.params.cadence_days)

    # ----------------------------------------------------------- assignment

    def _candidates(self, segment: int, rule: str) -> list[int]:
        codes = self.population.segment_codes
        coverage = self.portfolios.coverage
        branch, scope = codes[segment]
        if rule == "lowest_load":
            return list(range(self.portfolios.managers))
        if rule == "by_branch":
            covering = [s for s, code in enumerate(codes) if code[0] == branch]
        elif rule == "by_scope":
            covering = [s for s, code in enumerate(codes) if code[1] == scope]
        else:  # by_branch_and_scope, and acquaintance leads without a manager acquaintance
            covering = [segment]
        return sorted({m for s in covering for m in coverage[s]})

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
            candidates = list(range(self.portfolios.managers))
        return self.portfolios.least_loaded(candidates), outside

    def _assign(self, lead: Lead, via_meeting: bool) -> None:
        now = self.env.now
        params = self.params
        acquainted = via_meeting and lead.acquaintance_draw < params.acquaintance_probability
        holder = None
        if acquainted:
            managers = self.portfolios.managers
            attendees = managers + params.leaders_attending
            index = min(attendees - 1, int(lead.holder_draw * attendees))
            holder = index if index < managers else None
        manager, outside = self.choose_manager(lead.segment, params.assignment_rule, holder)
        existing = lead.customer >= 0
        if existing:
            c = self.portfolios.customers[lead.customer]
            c.need_pending = False
            if c.stage != AFTER_COMPLETION:
                lead.stale = True  # overtaken: the customer moved on while the lead waited
                return
            if manager != c.manager:
                self.portfolios.hand_over(c, manager)
        else:
            c = self._new_prospect(lead.segment, now, lead.source, manager)
            lead.customer = c.id
            lead.potential = c.potential
            lead.cultivated = c.cultivated
        lead.assigned_day = now
        lead.manager = manager
        lead.acquaintance = acquainted
        lead.outside_coverage = outside
        c.lead = lead
        c.acquainted = acquainted
        self.lifecycle.enter(c, NEEDS_RESEARCH if existing else LEAD, now)

    def _new_prospect(self, segment: int, now: float, source: str, manager: int) -> Customer:
        """File a prospect found through a lead: its potential, and whether it is cultivated."""
        key = (source, segment)
        k = self._prospects_filed.get(key, 0)
        self._prospects_filed[key] = k + 1
        # Streams keyed by source, segment and arrival order: the same prospect under any meeting policy.
        c = self.portfolios.file(segment, now, (1 if source == "procurement" else 2, segment, k), manager)
        c.satisfaction = c.loyalty = self.population.new_customer_satisfaction
        c.last_contact = c.issue_clock = now
        conditions, ability, willingness = c.life.uniform(), c.life.uniform(), c.life.uniform()
        c.potential = (conditions * ability * willingness) ** (1.0 / 3.0)
        self.records.prospect_scores[c.id] = (conditions, ability, willingness)
        policy = self.params.cultivation
        if policy == "top_scored":
            c.cultivated = c.potential >= self.params.min_potential
        elif policy == "by_branch":
            c.cultivated = self.population.branches[c.branch] in self.params.cultivated_branches
        self.records.leads_arrived += 1
        return c
