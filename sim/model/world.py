"""The SimPy world: the parts of the model wired together, and one run.

Customers move through their stages (:mod:`~sim.model.lifecycle`), customer
managers visit them (:mod:`~sim.model.managers`, from the pending visits of
:mod:`~sim.model.visit_plan`), after-sales resolves the issues that visits and
customers bring up (:mod:`~sim.model.after_sales`), and leads are found, shared
at the CRM meeting and assigned (:mod:`~sim.model.lead_desk`). Every part reads
its parameters from one compiled, frozen :class:`~sim.model.params.Params`, and
all randomness comes from :class:`~sim.model.streams.Stream` objects named per
customer and per source, so runs are reproducible and policy comparisons share
random numbers.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager

import simpy

from sim.model.after_sales import AfterSales
from sim.model.compile import compile_params
from sim.model.customer import RelationshipRules
from sim.model.lead_desk import LeadDesk
from sim.model.lifecycle import Lifecycle
from sim.model.managers import ManagerTeam
from sim.model.params import Params
from sim.model.portfolios import Portfolios
from sim.model.records import Records
from sim.model.visit_plan import VisitPlan
from sim.scenario import Scenario
from sim.stages import AFTER_COMPLETION, DORMANT, IMPLEMENTATION, LOST, STAGES


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


class World:
    """One run of one scenario. Build it, call :meth:`run`, read :attr:`records`.

    Args:
        scenario: The validated scenario.
        seed: Overrides ``scenario.seed`` (replications use this to avoid re-validating).
        env: The SimPy environment to run in (a new one by default; the speed benchmark passes
            one that counts events).
    """

    def __init__(self, scenario: Scenario, seed: int | None = None, env: simpy.Environment | None = None) -> None:
        self.scenario = scenario
        self.params: Params = compile_params(scenario, seed)
        self.seed = self.params.seed
        self.env = simpy.Environment() if env is None else env
        p = self.params
        population, managers = p.population, p.managers
        self.records = Records(
            branches=population.branches,
            scopes=population.scopes,
            segments=population.segment_codes,
            horizon_days=p.horizon_days,
            managers=managers.count,
            visit_hours_available=managers.visit_hours_available,
            blocked_manager_hours=managers.blocked_manager_hours,
            training_participant_hours=p.training.participant_hours,
            training_hourly_cost=p.training.hourly_cost,
            meeting_hours_each=p.leads.meeting_hours_each,
            meeting_hourly_cost=p.leads.meeting_hourly_cost,
        )
        self.rules = RelationshipRules(p.relationship)
        self.portfolios = Portfolios(p.seed, population.segment_codes, managers.coverage, managers.count)
        self.plan = VisitPlan(self.env, p.visits, managers.count)
        self.after_sales = AfterSales(self.env, p.after_sales, p.relationship, self.rules, self.records)
        self.lifecycle = Lifecycle(self.env, p, self.records, self.rules, self.plan, self.after_sales, self.portfolios)
        self.leads = LeadDesk(self.env, p, self.records, self.portfolios, self.lifecycle)
        self.managers = ManagerTeam(
            self.env,
            p,
            self.records,
            self.rules,
            self.plan,
            self.lifecycle,
            self.after_sales,
            self.portfolios,
            self.leads.need_found,
        )
        self._ran = False
        with collector_paused():
            self._file_archive()
        self.managers.start()
        self.leads.start()

    def _file_archive(self) -> None:
        """The customers on file when the run starts, each in a stage drawn from the initial mix."""
        population = self.params.population
        windows = self.params.visits.windows
        edges = population.stage_edges
        low, high = population.satisfaction_low, population.satisfaction_high
        records, enter = self.records, self.lifecycle.enter
        for segment, customers in enumerate(population.segment_customers):
            for k in range(customers):
                c = self.portfolios.file(segment, 0.0, (0, segment, k))
                u = c.life.uniform()
                stage = next((i for i, edge in enumerate(edges) if u < edge), len(edges) - 1)
                c.satisfaction = c.loyalty = low + (high - low) * c.life.uniform()
                # Archived customers with a project under way or completed have a history.
                c.has_history = stage in (IMPLEMENTATION, AFTER_COMPLETION) or c.life.uniform() < 0.5
                if stage != DORMANT:
                    records.initially_active.append(c.id)
                window = windows[stage]
                # The last contact was on a whole day somewhere in the window before the start.
                c.last_contact = -1.0 - math.floor(c.life.uniform() * window[1]) if window is not None else 0.0
                c.issue_clock = c.last_contact
                enter(c, stage, 0.0, elapsed_share=c.life.uniform(), anchor=c.last_contact)
        records.archived_at_start = len(self.portfolios.customers)

    def run(self) -> Records:
        """Run the scenario over its horizon and return what was recorded.

        Raises:
            RuntimeError: when the world has run already (build a new one).
        """
        if self._ran:
            raise RuntimeError("a World runs once; build a new one for another run")
        self._ran = True
        horizon = self.params.horizon_days
        with collector_paused():
            self.env.run(until=horizon)
        self._finish(horizon)
        return self.records

    def _finish(self, horizon: float) -> None:
        records = self.records
        bring_up_to_date = self.rules.bring_up_to_date
        rows = records.customers
        for c in self.portfolios.customers:
            if c.stage != LOST:
                bring_up_to_date(c, horizon)
                if c.visit_deadline is not None and c.visit_deadline < horizon:
                    records.overdue_at_end += 1
            rows.append(
                (c.id, c.segment, c.manager, c.created, STAGES[c.stage], c.satisfaction, c.loyalty, c.open_issues)
            )
        records.stage_counts_end = list(self.lifecycle.counts)


def simulate(scenario: Scenario, seed: int | None = None) -> Records:
    """Run one scenario once and return its records (no pandas involved).

    Args:
        scenario: The scenario to run.
        seed: Use this seed instead of ``scenario.seed``.
    """
    return World(scenario, seed).run()


__all__ = ["World", "collector_paused", "simulate"]
