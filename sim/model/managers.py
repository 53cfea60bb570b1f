"""Customer managers (客户经理): their working days, the visits they make, and turnover.

Each manager is one SimPy process working day by day. Visits due come from the
:class:`~sim.model.visit_plan.VisitPlan`; the manager always takes the earliest
deadline first, and stops for the day or the week when the next visit would
exceed the day's or the week's hours or the week's visits. Because one process
makes all of a manager's visits one after the other, a manager is never in two
visits at once. Training and meetings on a working day take visiting time
first; a new hire ramps up; a post stays empty for a while after its holder
leaves, and the customers handed to the newcomer lose some satisfaction.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from heapq import heappop, heappush
from math import exp
from typing import Any

import simpy
from simpy.events import Timeout

from sim.model.after_sales import AfterSales
from sim.model.customer import Customer, RelationshipRules
from sim.model.lifecycle import Lifecycle
from sim.model.params import Params
from sim.model.portfolios import Portfolios
from sim.model.records import Records
from sim.model.streams import Stream
from sim.model.visit_plan import VisitPlan
from sim.stages import AFTER_COMPLETION, BIDDING, LEAD, LOST, NEEDS_RESEARCH, SERVICE_STAGES, STAGES

_EPS = 1e-9


class ManagerTeam:
    """The customer managers of a run: one day loop per post, and turnover.

    Args:
        env: The simulation environment.
        params: The run's parameters.
        records: Where visits, missed visits and departures are written.
        rules: Brings satisfaction and loyalty up to date.
        plan: The pending visits.
        lifecycle: Moves customers on when a visit completes a stage's work.
        after_sales: Takes on the issues visits find.
        portfolios: Each post's customers (handed over when a post is refilled).
        need_found: Called when a visit uncovers a new need (a lead for the CRM meeting).
    """

    def __init__(
        self,
        env: simpy.Environment,
        params: Params,
        records: Records,
        rules: RelationshipRules,
        plan: VisitPlan,
        lifecycle: Lifecycle,
        after_sales: AfterSales,
        portfolios: Portfolios,
        need_found: Callable[[Customer], None],
    ) -> None:
        self.env = env
        self.seed = params.seed
        self.params = params.managers
        self.pipeline = params.pipeline
        self.training = params.training
        self.latent_per_day = params.after_sales.latent_per_day
        self.visit_gain = params.relationship.visit_gain
        self.grace = params.visits.grace_days
        self.records = records
        self.rules = rules
        self.plan = plan
        self.lifecycle = lifecycle
        self.after_sales = after_sales
        self.portfolios = portfolios
        self.need_found = need_found
        self._visit = self._visit_function()
        count = self.params.count
        # The person in each post: when they started (new hires ramp up) and until when the post is empty.
        self.hired_at = [-math.inf] * count
        for m in range(count - self.params.new_hires, count):
            self.hired_at[m] = 0.0
        self.vacant_until = [-math.inf] * count

    def start(self) -> None:
        """Start every manager's working days and, with attrition, their turnover."""
        for m in range(self.params.count):
            self.env.process(self._first_day(self._working_days(m)))
            if self.params.attrition_rate > 0:
                self.env.process(self._turnover(m))

    @staticmethod
    def _first_day(start_day: Callable[[object], None]) -> Generator[simpy.Event, Any, None]:
        """Start a manager's first working day in the slot where SimPy starts a process."""
        start_day(None)
        yield from ()

    def _working_days(self, m: int) -> Callable[[object], None]:
        """One customer manager working day by day, earliest deadline first: returns the start of a day.

        A manager is a small state machine driven by timers, as customers are:
        the start of a working day takes the visits that fall due, then visits
        one after another (a timer for each visit's hours) until the visits due
        are done or the day's or week's capacity is used up, then sets a timer
        for the next working day. It runs for every visit, so its state lives in
        closure variables, which CPython reads almost as cheaply as locals and
        much more cheaply than attributes; a generator process would cost a
        SimPy process step on top of every visit.
        """
        env = self.env
        p = self.params
        future, ready = self.plan.future[m], self.plan.ready[m]
        day_cap, week_cap = p.day_cap, p.week_cap
        max_visits = p.max_visits
        visit_hours, longest = p.visit_hours, p.longest
        travel_mean, travel_sigma, travel_shift = p.travel_mean, p.travel_sigma, p.travel_shift
        grace = self.grace
        visit = self._visit
        request = self.plan.request
        missed = self.records.missed
        hired_at, vacant_until = self.hired_at, self.vacant_until
        blocked_hours = dict(p.blocked_hours)  # a plain dict: faster to read than the frozen mapping
        ramp_days, ramp_start = p.ramp_days, p.ramp_start
        # Days from each day of the week to the next working day.
        to_next = [1 + next(k for k in range(7) if (dow + 1 + k) % 7 < p.working_days) for dow in range(7)]
        week, week_hours, week_visits = -1, 0.0, 0
        day, day_hours, visits_allowed, hours_allowed = 0, 0.0, 0.0, 0.0

        def start_day(_event: object) -> None:
            nonlocal week, week_hours, week_visits, day, day_hours, visits_allowed, hours_allowed
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
            opening = now + _EPS
            while future and future[0][0] <= opening:
                entry = heappop(future)
                c = entry[3]
                if entry[4] == c.visit_token:
                    heappush(ready, (entry[1], entry[2], c, entry[4]))
            # Training and meetings on a working day take visiting time first.
            day_hours = blocked_hours.get(day, 0.0)
            week_hours += day_hours
            work(now)

        def work(now: float) -> None:
            nonlocal week_hours, week_visits, day_hours
            while ready:
                deadline, _, c, token = ready[0]
                if token != c.visit_token:
                    heappop(ready)
                    continue
                if day > deadline + grace:
                    heappop(ready)
                    missed.append((m, c.id, deadline, STAGES[c.stage], "grace_passed"))
                    request(c, deadline)
                    continue
                if week_visits + 1 > visits_allowed + _EPS:
                    break
                travel = c.pending_travel
                if travel < 0.0:
                    if travel_sigma > 0.0:
                        travel = travel_mean * exp(travel_sigma * c.visits.normal() - travel_shift)
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
                Timeout(env, hours / 24.0).callbacks.append(visit_done)
                return
            Timeout(env, day + to_next[day % 7] - now).callbacks.append(start_day)

        def visit_done(_event: object) -> None:
            work(env.now)

        return start_day

    def _visit_function(self) -> Callable[[Customer, int, float, int, float, float], None]:
        """What a visit does, as one function with every parameter it reads bound once (the hot path)."""
        bring_up_to_date = self.rules.bring_up_to_date
        training = self.training
        trained = training.manager_skill.trained
        skill_level = training.manager_skill.level
        gain_uplift, finding_uplift, need_uplift = (
            training.visit_gain_uplift,
            training.issue_finding_uplift,
            training.new_need_uplift,
        )
        visit_gain = self.visit_gain
        latent = self.latent_per_day
        open_issue = self.after_sales.open_issue
        visits = self.records.visits
        need_per_visit = self.pipeline.need_per_visit
        repeat_slope = self.pipeline.repeat_slope
        research_needed = self.pipeline.research_visits_needed
        need_found = self.need_found
        lifecycle = self.lifecycle
        request = self.plan.request

        def visit(c: Customer, manager: int, now: float, day: int, hours: float, deadline: float) -> None:
            """A visit made: satisfaction rises, issues may come to light, the next visit is scheduled."""
            bring_up_to_date(c, now)
            skill = skill_level(now) if trained else 0.0
            gain = visit_gain
            if skill:
                gain *= 1.0 + gain_uplift * skill
            c.satisfaction += gain * (1.0 - c.satisfaction)
            stage = c.stage
            found = False
            if latent > 0.0 and stage in SERVICE_STAGES:
                p_found = 1.0 - exp(-latent * (now - c.issue_clock))
                if skill:
                    p_found = min(1.0, p_found * (1.0 + finding_uplift * skill))
                c.issue_clock = now
                if c.visits.uniform() < p_found:
                    found = True
                    open_issue(c, now, "visit", c.visits)
            visits.append((manager, c.id, now, hours, stage, deadline, day <= deadline, found))
            c.last_contact = now
            if stage == AFTER_COMPLETION and need_per_visit > 0.0 and not c.need_pending:
                # Regular contact after delivery uncovers new needs (loyal customers have more); the
                # need is a lead, shared at the next CRM meeting and assigned there.
                p_need = need_per_visit * max(0.0, 1.0 + repeat_slope * (c.loyalty - 0.5))
                if skill:
                    p_need *= 1.0 + need_uplift * skill
                if c.visits.uniform() < p_need:
                    need_found(c)
            if stage == LEAD:
                c.visit_deadline = None
                lifecycle.enter(c, NEEDS_RESEARCH, now)
                return
            if stage == BIDDING:
                c.bid_visits += 1
            elif stage == NEEDS_RESEARCH:
                c.research_visits += 1
                if c.research_done and c.research_visits >= research_needed:
                    c.visit_deadline = None
                    lifecycle.finish_research(c)
                    return
            request(c, day)  # the next visit of the same stage

        return visit

    def _turnover(self, m: int) -> Generator[simpy.Event, Any, None]:
        """Managers leave at random; the post stays empty, then a new hire takes over the portfolio."""
        env = self.env
        p = self.params
        stream = Stream(self.seed, "manager-turnover", m)
        mean_tenure = 365.0 / p.attrition_rate
        keep = 1.0 - p.handover_loss
        files = self.portfolios.files
        while True:
            yield Timeout(env, stream.exponential(mean_tenure))
            left = env.now
            self.vacant_until[m] = left + p.replacement_delay
            self.records.departures.append((m, left, left + p.replacement_delay))
            yield Timeout(env, p.replacement_delay)
            start = env.now
            self.hired_at[m] = start
            for c in files[m]:
                if c.stage != LOST:
                    self.rules.bring_up_to_date(c, start)
                    c.satisfaction *= keep
