"""The stage machine of a customer relationship: what each stage arms, and what ends it.

The paper manages a relationship over its whole life: a lead gets first contact,
needs research decides whether a bid is prepared, the bid is won or lost, a won
project is implemented, and after completion come regular contact, new needs,
dormancy and loss. Customers are small state machines driven by timers (SimPy
timeouts with a callback) rather than one generator process each: a stage
change bumps the customer's ``token`` and stale timers simply do nothing, which
keeps the cost per event close to bare SimPy.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import simpy
from simpy.events import Timeout

from sim.model.after_sales import AfterSales
from sim.model.customer import Customer, RelationshipRules
from sim.model.params import Params
from sim.model.portfolios import Portfolios
from sim.model.records import Records
from sim.model.visit_plan import VisitPlan
from sim.stages import (
    AFTER_COMPLETION,
    BIDDING,
    DORMANT,
    IMPLEMENTATION,
    LEAD,
    LOST,
    NEEDS_RESEARCH,
    SERVICE_STAGES,
    STAGES,
)


class Lifecycle:
    """Moves customers between stages and arms what each stage needs.

    Args:
        env: The simulation environment.
        params: The run's parameters.
        records: Where stage changes, bids and missed visits are written.
        rules: Brings satisfaction and loyalty up to date.
        plan: The managers' pending visits (each stage asks for its next visit).
        after_sales: Arms the issues customers report in delivered work.
        portfolios: Lets go of lost customers.

    Attributes:
        counts: Customers per stage and branch, flattened stage-major, kept as stages change.
    """

    def __init__(
        self,
        env: simpy.Environment,
        params: Params,
        records: Records,
        rules: RelationshipRules,
        plan: VisitPlan,
        after_sales: AfterSales,
        portfolios: Portfolios,
    ) -> None:
        self.env = env
        self.pipeline = params.pipeline
        self.population = params.population
        self.training = params.training
        self.records = records
        self.rules = rules
        self.plan = plan
        self.after_sales = after_sales
        self.portfolios = portfolios
        self._branches = len(params.population.branches)
        self.counts = [0] * (len(STAGES) * self._branches)

    def enter(
        self,
        c: Customer,
        stage: int,
        now: float,
        elapsed_share: float = 0.0,
        anchor: float | None = None,
    ) -> None:
        """Move ``c`` into ``stage`` at ``now`` and arm what that stage needs.

        Args:
            c: The customer.
            stage: The stage code entered.
            now: The time of the change.
            elapsed_share: For archived customers at the start: the share of the
                current stage that has already passed.
            anchor: The day the next visit window counts from (default: today).
        """
        nb = self._branches
        old = c.stage
        counts = self.counts
        if old >= 0:
            counts[old * nb + c.branch] -= 1
        counts[stage * nb + c.branch] += 1
        records = self.records
        records.transitions.append((now, c.id, old, stage))
        if c.visit_deadline is not None and math.floor(now) > c.visit_deadline:
            # The visit due in the old stage never happened.
            records.missed.append((c.manager, c.id, c.visit_deadline, STAGES[old], "stage_changed"))
        c.stage = stage
        c.token += 1
        c.stage_since = now
        remaining = 1.0 - elapsed_share
        pipeline = self.pipeline
        if stage == LEAD:
            self._timer(c, pipeline.lead_expiry_days * remaining, self._lead_expired)
        elif stage == NEEDS_RESEARCH:
            c.research_visits = 0
            c.research_done = False
            length = c.life.duration(pipeline.research) * remaining
            if c.acquainted:
                length *= 1.0 - pipeline.acquaintance_research_speedup
            self._timer(c, length, self._research_done)
        elif stage == BIDDING:
            population = self.population
            c.opportunity_value = population.value_median * math.exp(population.value_sigma * c.life.normal())
            c.bid_opened = now
            c.bid_visits = 0
            if c.lead is not None:
                c.lead.reached_bid = True
            self._timer(c, c.life.duration(pipeline.bid) * remaining, self._bid_decided)
        elif stage == IMPLEMENTATION:
            c.has_history = True
            if old not in SERVICE_STAGES:
                c.issue_clock = now if anchor is None else anchor
            length = c.life.duration(pipeline.implementation) * remaining
            self._timer(c, length, self._implemented)
            self.after_sales.arm_report(c, length)
        elif stage == AFTER_COMPLETION:
            if old not in SERVICE_STAGES:
                c.issue_clock = now if anchor is None else anchor
            first_review = pipeline.review_days * (remaining if elapsed_share else 1.0)
            self._timer(c, first_review, self._review_completed)
            self.after_sales.arm_report(c, first_review)
        elif stage == DORMANT:
            self._timer(c, pipeline.review_days * (remaining if elapsed_share else 1.0), self._review_dormant)
        if stage == LOST:
            self.plan.cancel(c)
            self.portfolios.lose(c)
        elif stage == LEAD and not c.cultivated:
            self.plan.cancel(c)  # a prospect outside the cultivation policy gets no needs research
        else:
            self.plan.request(c, math.floor(now) if anchor is None else anchor)

    def _timer(self, c: Customer, delay: float, handler: Callable[[Customer], None]) -> None:
        token = c.token
        Timeout(self.env, delay).callbacks.append(lambda _event: handler(c) if c.token == token else None)

    # ------------------------------------------------------------ endings

    def fall_back(self, c: Customer) -> None:
        """Where an opportunity that ends without a win leaves the customer."""
        c.lead = None
        c.acquainted = False
        self.enter(c, AFTER_COMPLETION if c.has_history else DORMANT, self.env.now)

    def _lead_expired(self, c: Customer) -> None:
        self.records.leads_expired += 1
        self.enter(c, DORMANT if c.has_history else LOST, self.env.now)

    def _research_done(self, c: Customer) -> None:
        c.research_done = True
        if c.research_visits >= self.pipeline.research_visits_needed:
            self.finish_research(c)
        else:
            # Armed only now, so customers whose research goes well hold no timer.
            stall_at = c.stage_since + self.pipeline.research_stall_days
            self._timer(c, max(0.0, stall_at - self.env.now), self.fall_back)

    def finish_research(self, c: Customer) -> None:
        """Research is complete (time and visits): the customer qualifies for a bid or falls back."""
        pipeline = self.pipeline
        p_qualify = pipeline.qualify_probability
        if not math.isnan(c.potential):
            # A prospect's conditions, ability and willingness to buy decide how likely it qualifies.
            p_qualify = min(1.0, max(0.0, p_qualify + pipeline.potential_slope * (c.potential - 0.5)))
        if c.life.uniform() < p_qualify:
            self.enter(c, BIDDING, self.env.now)
        else:
            self.fall_back(c)

    def _bid_decided(self, c: Customer) -> None:
        now = self.env.now
        self.rules.bring_up_to_date(c, now)
        pipeline = self.pipeline
        p_win = min(1.0, max(0.0, pipeline.win_probability + pipeline.win_slope * (c.loyalty - 0.5)))
        if c.acquainted:
            p_win += pipeline.acquaintance_win_uplift
        skill = self.training.manager_skill
        if skill.trained:
            p_win += self.training.win_uplift * skill.level(now)
        p_win = min(1.0, p_win)
        needed = pipeline.bid_support_visits
        if needed > 0 and c.bid_visits < needed:
            p_win *= 1.0 - pipeline.unsupported_win_penalty * (1.0 - c.bid_visits / needed)
        won = c.life.uniform() < p_win
        self.records.bids.append((c.id, c.manager, c.segment, c.bid_opened, now, c.opportunity_value, won))
        lead = c.lead
        if lead is not None:
            lead.won = won
            lead.value_wan_cny = c.opportunity_value
            if won:
                # The project is attributed to whoever found or helped the lead, and rewarded.
                self.records.reward_cost += pipeline.reward_per_win
        if won:
            c.lead = None
            c.acquainted = False
            self.enter(c, IMPLEMENTATION, now)
        else:
            self.fall_back(c)

    def _implemented(self, c: Customer) -> None:
        self.enter(c, AFTER_COMPLETION, self.env.now)

    # ------------------------------------------------------------ reviews

    def _competing(self, c: Customer, rate_a: float, rate_b: float) -> int:
        """Which of two competing hazards fires within one review period: 0 none, 1 the first, 2 the second."""
        total = rate_a + rate_b
        u = c.life.uniform()
        if total <= 0.0:
            return 0
        p_any = 1.0 - math.exp(-total * self.pipeline.review_years)
        if u >= p_any:
            return 0
        return 1 if u < p_any * rate_a / total else 2

    def _review_completed(self, c: Customer) -> None:
        now = self.env.now
        self.rules.bring_up_to_date(c, now)
        pipeline = self.pipeline
        shift = c.loyalty - 0.5
        repeat = pipeline.repeat_rate * max(0.0, 1.0 + pipeline.repeat_slope * shift)
        dormancy = pipeline.dormancy_rate * max(0.0, 1.0 - pipeline.dormancy_slope * shift)
        outcome = self._competing(c, repeat, dormancy)
        if outcome == 1:
            self.enter(c, NEEDS_RESEARCH, now)
        elif outcome == 2:
            self.enter(c, DORMANT, now)
        else:
            self._timer(c, pipeline.review_days, self._review_completed)
            self.after_sales.arm_report(c, pipeline.review_days)

    def _review_dormant(self, c: Customer) -> None:
        now = self.env.now
        self.rules.bring_up_to_date(c, now)
        pipeline = self.pipeline
        back = pipeline.reactivation_rate * max(0.0, 1.0 + pipeline.repeat_slope * (c.loyalty - 0.5))
        outcome = self._competing(c, back, pipeline.loss_rate)
        if outcome == 1:
            self.enter(c, LEAD, now)
        elif outcome == 2:
            self.enter(c, LOST, now)
        else:
            self._timer(c, pipeline.review_days, self._review_dormant)
