"""Checks every run must pass, shared by example-based and property tests."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise

from sim import Results
from sim.results.daily import daily_stage_counts
from sim.stages import STAGES

_TOL = 1e-9


def check_conservation(results: Results) -> None:
    """Every customer is in exactly one stage at every moment, and none appears or vanishes unrecorded.

    The transition log must chain (each change starts from the stage the last one
    entered), end in the stage the customer table shows, and give at the end the
    same counts per stage and branch as the model kept while it ran. The daily
    counts rebuilt from the log must sum to the customers on file that day, and
    that number never falls.
    """
    records = results.records
    nb = len(records.branches)
    branch_of = {row[0]: records.segments[row[1]][0] for row in records.customers}
    stage_now: dict[int, int] = {}
    for _time, customer, source, to in records.transitions:
        assert source == stage_now.get(customer, -1), (
            f"customer {customer}: change from {source}, was in {stage_now.get(customer)}"
        )
        stage_now[customer] = to
    assert set(stage_now) == set(branch_of), "a customer without a stage, or a stage without a customer"
    for row in records.customers:
        assert STAGES[stage_now[row[0]]] == row[4], f"customer {row[0]}: log ends in {STAGES[stage_now[row[0]]]}"
    end = Counter((stage, branch_of[c]) for c, stage in stage_now.items())
    for stage in range(len(STAGES)):
        for branch in range(nb):
            assert records.stage_counts_end[stage * nb + branch] == end[(stage, branch)], (STAGES[stage], branch)
    daily = daily_stage_counts(records)
    assert daily.shape == (records.horizon_days, len(STAGES) * nb)
    assert (daily >= 0).all()
    archived = records.archived_at_start
    previous = 0
    for day, counts in enumerate(daily):
        on_file = sum(1 for row in records.customers if row[0] < archived or row[3] < day)
        assert on_file >= previous
        previous = on_file
        assert counts.sum() == on_file, f"day {day}: counts sum {counts.sum()} != {on_file} customers on file"


def check_manager_capacity(results: Results) -> None:
    """No manager is in two visits at once or over the day's or the week's hours and visits."""
    managers = results.scenario.managers
    per_manager: dict[int, list[tuple[float, float]]] = defaultdict(list)
    week_hours: Counter = Counter()
    week_visits: Counter = Counter()
    day_hours: Counter = Counter()
    for manager, _customer, start, hours, *_ in results.records.visits:
        per_manager[manager].append((start, hours))
        week_hours[(manager, int(start // 7))] += hours
        week_visits[(manager, int(start // 7))] += 1
        day_hours[(manager, int(start))] += hours
        assert int(start) % 7 < managers.working_days_per_week, "visit on a day off"
    for visits in per_manager.values():
        visits.sort()
        for (start, hours), (next_start, _) in pairwise(visits):
            assert start + hours / 24 <= next_start + _TOL, "two visits at once"
    assert all(h <= managers.visit_hours_per_week + _TOL for h in week_hours.values())
    assert all(n <= managers.max_visits_per_week for n in week_visits.values())
    assert all(h <= managers.day_hours + _TOL for h in day_hours.values())


def check_accounting(results: Results) -> None:
    """KPIs agree with the records they summarise."""
    k = results.kpis
    records = results.records
    assert k["visits_made"] == len(records.visits)
    assert k["bids_won"] + k["bids_lost"] == len(records.bids)
    assert abs(k["order_intake"] - sum(b[5] for b in records.bids if b[6])) < 1e-6
    assert 0.0 <= k["visit_compliance"] <= 1.0 or k["visit_compliance"] != k["visit_compliance"]
    assert len(records.customers) == len({row[0] for row in records.customers})
    for row in records.customers:
        assert 0.0 <= row[5] <= 1.0 and 0.0 <= row[6] <= 1.0, "satisfaction or loyalty out of 0..1"
    for issue in records.issues:
        opened, start, resolved = issue.opened_day, issue.service_start_day, issue.resolved_day
        if start is not None:
            assert start >= opened - _TOL
        if resolved is not None:
            assert start is not None and resolved >= start - _TOL


def check_all(results: Results) -> None:
    """Every invariant above."""
    check_conservation(results)
    check_manager_capacity(results)
    check_accounting(results)
