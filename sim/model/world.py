"""The SimPy world: customers move through stages, managers visit, after-sales fixes.

Customers move through their stages, customer managers visit them, and
after-sales resolves the issues that visits and customers bring up.

Design notes (why, not what):

* Customers are small state machines driven by timers (SimPy timeouts with a
  callback) rather than one generator process each; a stage change bumps the
  customer's ``token`` and stale timers simply do nothing. This keeps the cost
  per event close to bare SimPy.
* Each manager is one SimPy process working day by day. Visits due are kept in
  two heaps: ``future`` (by the day the window opens) and ``ready`` (by
  deadline), and the manager always takes the earliest deadline first. Because
  one process does all of a manager's visits one after the other, a manager is
  never in two visits at once, and the process stops for the day or the week
  when the next visit would exceed the day's or the week's hours.
* After-sales is a ``simpy.Resource`` with one slot per service staff member.
* All randomness comes from :class:`~sim.model.streams.Stream` objects named
  per customer and per segment, so runs are reproducible and policy
  comparisons share random numbers.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from heapq import heappop, heappush
from itertools import count
from typing import Any

import simpy
from simpy.events import URGENT, Event, Timeout

from sim.model.assignment import plan_coverage
from sim.model.customer import Customer, RelationshipRules
from sim.model.lead_flow import L_BID, L_VALUE, L_WON, LeadFlow
from sim.model.records import Records
from sim.model.streams import Stream
from sim.model.training import manager_skill, manager_training_hours, participant_hours, staff_skill
from sim.scenario import Scenario
from sim.stages import (
    AFTER_COMPLETION,
    BIDDING,
    DORMANT,
    IMPLEMENTATION,
    INITIAL_STAGES,
    LEAD,
    LOST,
    NEEDS_RESEARCH,
    SERVICE_STAGES,
    STAGES,
)

_EPS = 1e-9
_DAYS_PER_MONTH = 365.0 / 12.0


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector.

    A run allocates many small long-lived objects and few reference cycles; the
    collector would rescan them all again and again, costing more than the
    model itself on large populations. The cycles left behind (finished SimPy
    processes) are collected after the run.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class World(LeadFlow):
    """One run of one scenario. Build it, call :meth:`run`, read :attr:`records`.

    Args:
        scenario: The validated scenario.
        seed: Overrides ``scenario.seed`` (replications use this to avoid re-validating).
    """

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.env = simpy.Environment()
        sc = scenario
        segments = sc.customers.segments
        self.branches = tuple(dict.fromkeys(s.branch for s in segments))
        self.scopes = tuple(dict.fromkeys(s.scope for s in segments))
        self.segment_codes = tuple((self.branches.index(s.branch), self.scopes.index(s.scope)) for s in segments)
        self._nb = len(self.branches)
        self._counts = [0] * (len(STAGES) * self._nb)
        self._customers: list[Customer] = []

        managers = sc.managers
        self._n_managers = managers.count
        weights = [s.customers + s.lead_rate_per_year * sc.horizon_days / 365.0 for s in segments]
        self._coverage = plan_coverage(weights, managers.count, managers.assignment)
        self._load = [0] * managers.count
        self._portfolio: list[list[Customer]] = [[] for _ in range(managers.count)]
        # The person in each post: when they started (new hires ramp up) and until when the post is empty.
        self._hired_at = [-math.inf] * managers.count
        for m in range(managers.count - managers.new_hires, managers.count):
            self._hired_at[m] = 0.0
        self._vacant_until = [-math.inf] * managers.count
        self._future: list[list[Any]] = [[] for _ in range(managers.count)]
        self._ready: list[list[Any]] = [[] for _ in range(managers.count)]
        self._seq = count()

        policy = sc.visit_policy
        self._windows: list[tuple[float, float] | None] = []
        for stage in STAGES:
            window = policy.window(stage)
            self._windows.append(None if window is None else (window.min_days, window.max_days))
        self._grace = policy.grace_days

        self._rules = RelationshipRules(
            sc.relationship.neglect_half_life_days,
            sc.relationship.neglect_floor,
            sc.relationship.open_issue_loss_per_day,
            sc.relationship.loyalty_time_constant_days,
        )
        pipeline, rel = sc.pipeline, sc.relationship
        self._review_days = pipeline.review_days
        self._review_years = pipeline.review_days / 365.0
        self._repeat_rate = pipeline.repeat_rate_per_year
        self._dormancy_rate = pipeline.dormancy_rate_per_year
        self._reactivation_rate = pipeline.reactivation_rate_per_year
        self._loss_rate = pipeline.loss_rate_per_year
        self._repeat_slope = rel.repeat_loyalty_slope
        self._dormancy_slope = rel.dormancy_loyalty_slope
        self._visit_gain = rel.visit_gain
        self._research_visits_needed = pipeline.needs_research_visits
        self._need_per_visit = pipeline.new_need_per_visit
        self._after_sales = simpy.Resource(self.env, capacity=sc.after_sales.staff)
        self._latent_per_day = sc.after_sales.latent_issue_rate_per_year / 365.0
        self._reported_mean_gap = (
            365.0 / sc.after_sales.reported_issue_rate_per_year
            if sc.after_sales.reported_issue_rate_per_year > 0
            else 0.0
        )
        hours = managers.visit_hours_per_week * sc.horizon_days / 7.0 * managers.count
        self.records = Records(
            branches=self.branches,
            scopes=self.scopes,
            segments=self.segment_codes,
            horizon_days=sc.horizon_days,
            managers=managers.count,
            visit_hours_available=hours,
        )
        self._ran = False
        self._waiting_leads: list[list[Any]] = []
        self._segment_weights = weights
        self._prospects_filed: dict[tuple[str, int], int] = {}
        training = sc.training
        self._manager_skill = manager_skill(training)
        self._staff_skill = staff_skill(training)
        self._effects = training.effects
        # Hours each manager cannot visit on a day: training, and meetings held on working days.
        self._blocked = manager_training_hours(training)
        meeting = sc.meeting
        if meeting.cadence_days > 0 and meeting.weekday < managers.working_days_per_week:
            for day in range(meeting.weekday, sc.horizon_days, meeting.cadence_days):
                self._blocked[day] = self._blocked.get(day, 0.0) + meeting.hours
        self.records.blocked_manager_hours = managers.count * sum(
            h for d, h in self._blocked.items() if d < sc.horizon_days and d % 7 < managers.working_days_per_week
        )
        self.records.visit_hours_available -= self.records.blocked_manager_hours
        self.records.training_participant_hours = participant_hours(training, managers.count, sc.horizon_days)
        self.records.training_hourly_cost = training.cost_per_participant_hour_wan_cny
        self.records.meeting_hours_each = meeting.hours * (managers.count + meeting.leaders_attending)
        self.records.meeting_hourly_cost = meeting.hourly_cost_wan_cny
        # Processes first, so the day-0 snapshot sees the archived customers set up below.
        self.env.process(self._record_days())
        with collector_paused():
            self._populate()
        for m in range(self._n_managers):
            self.env.process(self._manager(m))
            if managers.attrition_rate_per_year > 0:
                self.env.process(self._turnover(m))
        for segment, seg in enumerate(sc.customers.segments):
            if seg.lead_rate_per_year > 0:
                self.env.process(self._prospect_arrivals(segment, seg.lead_rate_per_year))
        if sc.leads.staff_leads_per_year > 0:
            self.env.process(self._staff_leads())
        if meeting.cadence_days > 0:
            self.env.process(self._meetings())

    # ------------------------------------------------------------------ setup

    def _new_customer(
        self, segment: int, created: float, stream_index: tuple[int, ...], manager: int | None = None
    ) -> Customer:
        branch, scope = self.segment_codes[segment]
        if manager is None:
            manager = min(self._coverage[segment], key=lambda m: (self._load[m], m))
        self._load[manager] += 1
        customer = Customer(
            customer_id=len(self._customers),
            segment=segment,
            branch=branch,
            scope=scope,
            manager=manager,
            life=Stream(self.seed, "customer-life", *stream_index),
            visits=Stream(self.seed, "customer-visits", *stream_index),
            created=created,
        )
        self._customers.append(customer)
        self._portfolio[manager].append(customer)
        return customer

    def _populate(self) -> None:
        sc = self.scenario
        shares = sc.customers.initial_stage_mix.shares()
        cumulative = [sum(shares[: i + 1]) for i in range(len(shares))]
        low, high = sc.customers.initial_satisfaction_low, sc.customers.initial_satisfaction_high
        for segment, seg in enumerate(sc.customers.segments):
            for k in range(seg.customers):
                c = self._new_customer(segment, 0.0, (0, segment, k))
                u = c.life.uniform()
                stage = next((i for i, edge in enumerate(cumulative) if u < edge), len(shares) - 1)
                c.satisfaction = c.loyalty = low + (high - low) * c.life.uniform()
                # Archived customers with a project under way or completed have a history.
                c.has_history = stage in (IMPLEMENTATION, AFTER_COMPLETION) or c.life.uniform() < 0.5
                if stage != DORMANT:
                    self.records.initially_active.append(c.id)
                window = self._windows[stage]
                # The last contact was on a whole day somewhere in the window before the start.
                c.last_contact = -1.0 - math.floor(c.life.uniform() * window[1]) if window is not None else 0.0
                c.issue_clock = c.last_contact
                self._enter(c, stage, 0.0, elapsed_share=c.life.uniform(), anchor=c.last_contact)

    # --------------------------------------------------------------- stages

    def _enter(
        self,
        c: Customer,
        stage: int,
        now: float,
        elapsed_share: float = 0.0,
        anchor: float | None = None,
    ) -> None:
        """Move ``c`` into ``stage`` at ``now`` and arm what that stage needs.

        ``elapsed_share`` > 0 is used for archived customers at the start: part
        of their current stage has already passed.
        """
        nb = self._nb
        old = c.stage
        if old >= 0:
            self._counts[old * nb + c.branch] -= 1
        self._counts[stage * nb + c.branch] += 1
        self.records.transitions.append((now, c.id, old, stage))
        if c.visit_deadline is not None and math.floor(now) > c.visit_deadline:
            # The visit due in the old stage never happened.
            self.records.missed.append((c.manager, c.id, c.visit_deadline, STAGES[old], "stage_changed"))
        c.stage = stage
        c.token += 1
        c.stage_since = now
        remaining = 1.0 - elapsed_share
        pipeline = self.scenario.pipeline
        if stage == LEAD:
            self._timer(c, pipeline.lead_expiry_days * remaining, self._lead_expired)
        elif stage == NEEDS_RESEARCH:
            c.research_visits = 0
            c.research_done = False
            d = pipeline.needs_research
            length = c.life.duration(d.distribution, d.mean_days, d.cv) * remaining
            if c.acquainted:
                length *= 1.0 - self.scenario.meeting.acquaintance_research_speedup
            self._timer(c, length, self._research_done)
        elif stage == BIDDING:
            value = self.scenario.customers
            c.opportunity_value = value.project_value_median_wan_cny * math.exp(
                value.project_value_sigma * c.life.normal()
            )
            c.bid_opened = now
            c.bid_visits = 0
            if c.lead is not None:
                c.lead[L_BID] = True
            d = pipeline.bid_preparation
            self._timer(c, c.life.duration(d.distribution, d.mean_days, d.cv) * remaining, self._bid_decided)
        elif stage == IMPLEMENTATION:
            c.has_history = True
            if old not in SERVICE_STAGES:
                c.issue_clock = now if anchor is None else anchor
            d = pipeline.implementation
            length = c.life.duration(d.distribution, d.mean_days, d.cv) * remaining
            self._timer(c, length, self._implemented)
            self._arm_report(c, length)
        elif stage == AFTER_COMPLETION:
            if old not in SERVICE_STAGES:
                c.issue_clock = now if anchor is None else anchor
            first_review = pipeline.review_days * (remaining if elapsed_share else 1.0)
            self._timer(c, first_review, self._review_completed)
            self._arm_report(c, first_review)
        elif stage == DORMANT:
            self._timer(c, pipeline.review_days * (remaining if elapsed_share else 1.0), self._review_dormant)
        if stage == LOST:
            c.visit_token += 1
            c.visit_deadline = None
            self._load[c.manager] -= 1
        elif stage == LEAD and not c.cultivated:
            c.visit_token += 1  # a prospect outside the cultivation policy gets no needs research
            c.visit_deadline = None
        else:
            self._request_visit(c, math.floor(now) if anchor is None else anchor)

    def _timer(self, c: Customer, delay: float, handler: Any) -> None:
        token = c.token
        Timeout(self.env, delay).callbacks.append(lambda _event: handler(c) if c.token == token else None)

    def _fall_back(self, c: Customer) -> None:
        """Where an opportunity that ends without a win leaves the customer."""
        c.lead = None
        c.acquainted = False
        self._enter(c, AFTER_COMPLETION if c.has_history else DORMANT, self.env.now)

    def _lead_expired(self, c: Customer) -> None:
        self.records.leads_expired += 1
        self._enter(c, DORMANT if c.has_history else LOST, self.env.now)

    def _research_done(self, c: Customer) -> None:
        c.research_done = True
        if c.research_visits >= self._research_visits_needed:
            self._finish_research(c)
        else:
            # Armed only now, so customers whose research goes well hold no timer.
            stall_at = c.stage_since + self.scenario.pipeline.research_stall_days
            self._timer(c, max(0.0, stall_at - self.env.now), self._research_stalled)

    def _research_stalled(self, c: Customer) -> None:
        self._fall_back(c)

    def _finish_research(self, c: Customer) -> None:
        p_qualify = self.scenario.pipeline.qualify_probability
        if not math.isnan(c.potential):
            # A prospect's conditions, ability and willingness to buy decide how likely it qualifies.
            slope = self.scenario.cultivation.potential_slope
            p_qualify = min(1.0, max(0.0, p_qualify + slope * (c.potential - 0.5)))
        if c.life.uniform() < p_qualify:
            self._enter(c, BIDDING, self.env.now)
        else:
            self._fall_back(c)

    def _bid_decided(self, c: Customer) -> None:
        now = self.env.now
        self._rules.bring_up_to_date(c, now)
        pipeline, rel = self.scenario.pipeline, self.scenario.relationship
        p_win = min(1.0, max(0.0, pipeline.win_probability + rel.win_loyalty_slope * (c.loyalty - 0.5)))
        if c.acquainted:
            p_win += self.scenario.meeting.acquaintance_win_uplift
        if self._manager_skill.trained:
            p_win += self._effects.win_uplift * self._manager_skill.level(now)
        p_win = min(1.0, p_win)
        needed = pipeline.bid_support_visits
        if needed > 0 and c.bid_visits < needed:
            p_win *= 1.0 - pipeline.unsupported_win_penalty * (1.0 - c.bid_visits / needed)
        won = c.life.uniform() < p_win
        self.records.bids.append((c.id, c.manager, c.segment, c.bid_opened, now, c.opportunity_value, won))
        if c.lead is not None:
            c.lead[L_WON] = won
            c.lead[L_VALUE] = c.opportunity_value
            if won:
                # The project is attributed to whoever found or helped the lead, and rewarded.
                self.records.reward_cost += self.scenario.leads.reward_per_win_wan_cny
        if won:
            c.lead = None
            c.acquainted = False
            self._enter(c, IMPLEMENTATION, now)
        else:
            self._fall_back(c)

    def _implemented(self, c: Customer) -> None:
        self._enter(c, AFTER_COMPLETION, self.env.now)

    def _competing(self, c: Customer, rate_a: float, rate_b: float) -> int:
        """Which of two competing hazards fires within one review period: 0 none, 1 the first, 2 the second."""
        total = rate_a + rate_b
        u = c.life.uniform()
        if total <= 0.0:
            return 0
        p_any = 1.0 - math.exp(-total * self._review_years)
        if u >= p_any:
            return 0
        return 1 if u < p_any * rate_a / total else 2

    def _review_completed(self, c: Customer) -> None:
        now = self.env.now
        self._rules.bring_up_to_date(c, now)
        shift = c.loyalty - 0.5
        repeat = self._repeat_rate * max(0.0, 1.0 + self._repeat_slope * shift)
        dormancy = self._dormancy_rate * max(0.0, 1.0 - self._dormancy_slope * shift)
        outcome = self._competing(c, repeat, dormancy)
        if outcome == 1:
            self._enter(c, NEEDS_RESEARCH, now)
        elif outcome == 2:
            self._enter(c, DORMANT, now)
        else:
            self._timer(c, self._review_days, self._review_completed)
            self._arm_report(c, self._review_days)

    def _review_dormant(self, c: Customer) -> None:
        now = self.env.now
        self._rules.bring_up_to_date(c, now)
        back = self._reactivation_rate * max(0.0, 1.0 + self._repeat_slope * (c.loyalty - 0.5))
        outcome = self._competing(c, back, self._loss_rate)
        if outcome == 1:
            self._enter(c, LEAD, now)
        elif outcome == 2:
            self._enter(c, LOST, now)
        else:
            self._timer(c, self._review_days, self._review_dormant)

    # --------------------------------------------------------------- visits

    def _request_visit(self, c: Customer, anchor: float) -> None:
        """Schedule the next visit of ``c`` in its stage's window after day ``anchor``.

        Windows count whole days: a visit is on time when made on or before the
        deadline day, whatever the hour.
        """
        c.visit_token += 1
        window = self._windows[c.stage]
        if window is None:
            c.visit_deadline = None
            return
        deadline = anchor + window[1]
        c.visit_deadline = deadline
        heappush(self._future[c.manager], (anchor + window[0], deadline, next(self._seq), c, c.visit_token))

    def _manager(self, m: int) -> Any:
        """One customer manager working day by day, earliest deadline first.

        This loop and :meth:`_visit` run for every visit, so they bind what they
        use to local names: in CPython a local is several times cheaper than an
        attribute lookup.
        """
        env = self.env
        managers = self.scenario.managers
        future, ready = self._future[m], self._ready[m]
        working_days = managers.working_days_per_week
        day_cap, week_cap = managers.day_hours + _EPS, managers.visit_hours_per_week + _EPS
        max_visits = managers.max_visits_per_week
        visit_hours, longest = managers.visit_hours, managers.day_hours
        travel_mean = managers.travel_hours_mean
        # Lognormal travel time with the scenario's mean and cv: mean * exp(sigma * z - sigma^2 / 2).
        travel_sigma = math.sqrt(math.log1p(managers.travel_hours_cv**2))
        travel_shift = 0.5 * travel_sigma * travel_sigma
        grace = self._grace
        visit = self._visit
        week = -1
        week_hours = 0.0
        week_visits = 0
        hired_at, vacant_until = self._hired_at, self._vacant_until
        blocked_hours = self._blocked
        ramp_days = managers.ramp_up_months * _DAYS_PER_MONTH
        ramp_start = managers.ramp_up_start_share
        while True:
            now = env.now
            day = int(now + _EPS)
            if day // 7 != week:
                week, week_hours, week_visits = day // 7, 0.0, 0
            # Capacity today: none while the post is empty, a growing share while a new hire ramps up.
            if now < vacant_until[m]:
                share = 0.0
            elif now - hired_at[m] < ramp_days:
                share = ramp_start + (1.0 - ramp_start) * (now - hired_at[m]) / ramp_days
            else:
                share = 1.0
            visits_allowed = max_visits * share
            hours_allowed = week_cap * share
            # Training and meetings on a working day take visiting time first.
            blocked = blocked_hours.get(day, 0.0)
            opening = now + _EPS
            while future and future[0][0] <= opening:
                _, deadline, seq, c, token = heappop(future)
                if token == c.visit_token:
                    heappush(ready, (deadline, seq, c, token))
            day_hours = blocked
            week_hours += blocked
            while ready:
                deadline, _, c, token = ready[0]
                if token != c.visit_token:
                    heappop(ready)
                    continue
                if day > deadline + grace:
                    heappop(ready)
                    self.records.missed.append((m, c.id, deadline, STAGES[c.stage], "grace_passed"))
                    self._request_visit(c, deadline)
                    continue
                if week_visits + 1 > visits_allowed + _EPS:
                    break
                travel = c.pending_travel
                if travel < 0.0:
                    if travel_sigma > 0.0:
                        travel = travel_mean * math.exp(travel_sigma * c.visits.normal() - travel_shift)
                    else:
                        travel = travel_mean
                    c.pending_travel = travel
                hours = visit_hours + travel
                if hours > longest:
                    hours = longest  # an overnight trip still counts as one day's work
                if day_hours + hours > day_cap or week_hours + hours > hours_allowed:
                    break
                heappop(ready)
                c.pending_travel = -1.0
                visit(c, m, now, day, hours, deadline)
                day_hours += hours
                week_hours += hours
                week_visits += 1
                yield Timeout(env, hours / 24.0)
                now = env.now
            following = day + 1
            while following % 7 >= working_days:
                following += 1
            yield Timeout(env, following - now)

    def _turnover(self, m: int) -> Any:
        """Managers leave at random; the post stays empty, then a new hire takes over the portfolio."""
        env = self.env
        managers = self.scenario.managers
        stream = Stream(self.seed, "manager-turnover", m)
        mean_tenure = 365.0 / managers.attrition_rate_per_year
        loss = managers.handover_satisfaction_loss
        while True:
            yield Timeout(env, stream.exponential(mean_tenure))
            left = env.now
            self._vacant_until[m] = left + managers.replacement_delay_days
            self.records.departures.append((m, left, left + managers.replacement_delay_days))
            yield Timeout(env, managers.replacement_delay_days)
            start = env.now
            self._hired_at[m] = start
            for c in self._portfolio[m]:
                if c.stage != LOST:
                    self._rules.bring_up_to_date(c, start)
                    c.satisfaction *= 1.0 - loss

    def _visit(self, c: Customer, manager: int, now: float, day: int, hours: float, deadline: float) -> None:
        """A visit made: satisfaction rises, issues may come to light, the next visit is scheduled."""
        self._rules.bring_up_to_date(c, now)
        skill = self._manager_skill.level(now) if self._manager_skill.trained else 0.0
        gain = self._visit_gain
        if skill:
            gain *= 1.0 + self._effects.visit_gain_uplift * skill
        c.satisfaction += gain * (1.0 - c.satisfaction)
        stage = c.stage
        found = False
        if stage in SERVICE_STAGES and self._latent_per_day > 0.0:
            p_found = 1.0 - math.exp(-self._latent_per_day * (now - c.issue_clock))
            if skill:
                p_found = min(1.0, p_found * (1.0 + self._effects.issue_finding_uplift * skill))
            c.issue_clock = now
            if c.visits.uniform() < p_found:
                found = True
                self._open_issue(c, now, "visit", c.visits)
        self.records.visits.append((manager, c.id, now, hours, stage, deadline, day <= deadline, found))
        c.last_contact = now
        if stage == AFTER_COMPLETION and self._need_per_visit > 0.0 and not c.need_pending:
            # Regular contact after delivery uncovers new needs (loyal customers have more); the
            # need is a lead, shared at the next CRM meeting and assigned there.
            p_need = self._need_per_visit * max(0.0, 1.0 + self._repeat_slope * (c.loyalty - 0.5))
            if skill:
                p_need *= 1.0 + self._effects.new_need_uplift * skill
            if c.visits.uniform() < p_need:
                self._need_found(c)
        if stage == LEAD:
            c.visit_deadline = None
            self._enter(c, NEEDS_RESEARCH, now)
            return
        if stage == BIDDING:
            c.bid_visits += 1
        elif stage == NEEDS_RESEARCH:
            c.research_visits += 1
            if c.research_done and c.research_visits >= self._research_visits_needed:
                c.visit_deadline = None
                self._finish_research(c)
                return
        # The next visit of the same stage (inlined _request_visit: this is the hot path).
        c.visit_token += 1
        window = self._windows[stage]
        if window is None:
            c.visit_deadline = None
            return
        c.visit_deadline = next_deadline = day + window[1]
        heappush(self._future[manager], (day + window[0], next_deadline, next(self._seq), c, c.visit_token))

    # ----------------------------------------------------------- after-sales

    def _arm_report(self, c: Customer, until: float) -> None:
        """Schedule the customer's next reported issue if it falls within ``until`` days.

        Reports form a Poisson process, which is memoryless: when the next
        report would come later than the customer's next timer, nothing is
        scheduled and a fresh gap is drawn at that timer. The result is the same
        process without far-future timers crowding SimPy's event queue.
        """
        if self._reported_mean_gap <= 0.0:
            return
        gap = c.life.exponential(self._reported_mean_gap)
        if gap < until:
            token = c.token
            Timeout(self.env, gap).callbacks.append(
                lambda _event: self._reported(c, until - gap) if c.token == token else None
            )

    def _reported(self, c: Customer, left: float) -> None:
        self._open_issue(c, self.env.now, "reported", c.life)
        self._arm_report(c, left)

    def _open_issue(self, c: Customer, now: float, source: str, stream: Stream) -> None:
        self._rules.bring_up_to_date(c, now)
        c.open_issues += 1
        c.satisfaction *= 1.0 - self.scenario.relationship.issue_found_loss
        d = self.scenario.after_sales.resolution
        work = stream.duration(d.distribution, d.mean_days, d.cv)
        row: list[Any] = [len(self.records.issues), c.id, c.manager, source, now, None, None, None]
        self.records.issues.append(row)
        self.env.process(self._resolve(c, row, work))

    def _resolve(self, c: Customer, row: list[Any], work: float) -> Any:
        request = self._after_sales.request()
        yield request
        row[5] = self.env.now
        yield self.env.timeout(work)
        self._after_sales.release(request)
        now = self.env.now
        self._rules.bring_up_to_date(c, now)
        c.open_issues -= 1
        c.satisfaction += self.scenario.relationship.issue_fixed_gain * (1.0 - c.satisfaction)
        row[6] = now
        row[7] = c.satisfaction

    # ------------------------------------------------------------ arrivals

    def _new_prospect(self, segment: int, now: float, source: str, lead_id: int, manager: int) -> Customer:
        """File a prospect found through a lead: its potential, and whether it is cultivated."""
        key = (source, segment)
        k = self._prospects_filed.get(key, 0)
        self._prospects_filed[key] = k + 1
        # Streams keyed by source, segment and arrival order: the same prospect under any meeting policy.
        c = self._new_customer(segment, now, (1 if source == "procurement" else 2, segment, k), manager)
        c.satisfaction = c.loyalty = self.scenario.customers.new_customer_satisfaction
        c.last_contact = c.issue_clock = now
        conditions, ability, willingness = c.life.uniform(), c.life.uniform(), c.life.uniform()
        c.potential = (conditions * ability * willingness) ** (1.0 / 3.0)
        self.records.prospect_scores[c.id] = (conditions, ability, willingness)
        cultivation = self.scenario.cultivation
        if cultivation.policy == "top_scored":
            c.cultivated = c.potential >= cultivation.min_potential
        elif cultivation.policy == "by_branch":
            c.cultivated = self.branches[c.branch] in cultivation.branches
        self.records.leads_arrived += 1
        return c

    def _record_days(self) -> Any:
        """Snapshot the stage counts at the start of every day, before anything else that day."""
        env = self.env
        daily = self.records.daily_stage_counts
        counts = self._counts
        while True:
            daily.append(counts.copy())
            tick = Event(env)
            tick._ok = True
            tick._value = None
            env.schedule(tick, URGENT, 1.0)  # URGENT sorts ahead of timers due at the same instant
            yield tick

    # ------------------------------------------------------------------ run

    def run(self) -> Records:
        """Run the scenario over its horizon and return what was recorded."""
        if self._ran:
            raise RuntimeError("a World runs once; build a new one for another run")
        self._ran = True
        horizon = self.scenario.horizon_days
        with collector_paused():
            self.env.run(until=horizon)
        self._finish(horizon)
        return self.records

    def _finish(self, horizon: float) -> None:
        records = self.records
        records.events = next(self.env._eid)  # SimPy numbers every event it schedules
        for c in self._customers:
            if c.stage != LOST:
                self._rules.bring_up_to_date(c, horizon)
                if c.visit_deadline is not None and c.visit_deadline < horizon:
                    records.overdue_at_end += 1
            records.customers.append(
                (c.id, c.segment, c.manager, c.created, STAGES[c.stage], c.satisfaction, c.loyalty, c.open_issues)
            )


def simulate(scenario: Scenario, seed: int | None = None) -> Records:
    """Run one scenario once and return its records (no pandas involved).

    Args:
        scenario: The scenario to run.
        seed: Use this seed instead of ``scenario.seed``.
    """
    return World(scenario, seed).run()


__all__ = ["INITIAL_STAGES", "World", "simulate"]
