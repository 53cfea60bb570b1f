"""Checks every run must pass, shared by example-based and property tests."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise

from sim import Results
from sim.stages import STAGES

_TOL = 1e-9


def check_conservation(results: Results) -> None:
    """Every customer is in exactly one stage on every day.

    The stage of each customer on each day is rebuilt from the transition log
    and compared with the daily counts the model kept; both must also sum to the
    number of customers that exist that day.
    """
    records = results.records
    nb = len(records.branches)
    branch_of = {row[0]: records.segments[row[1]][0] for row in records.customers}
    by_customer: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for time, customer, source, to in records.transitions:
        # Archived customers are filed before the run starts: count them from day 0.
        by_customer[customer].append((-1.0 if source == -1 and time == 0 else time, to))
    for day, counts in enumerate(records.daily_stage_counts):
        expected = Counter()
        for customer, moves in by_customer.items():
            # The snapshot of day d is taken before anything else happens on day d.
            seen = [to for time, to in moves if time < day]
            if seen:
                expected[(seen[-1], branch_of[customer])] += 1
        existing = sum(expected.values())
        assert sum(counts) == existing, f"day {day}: counts sum {sum(counts)} != {existing} customers"
        for stage in range(len(STAGES)):
            for branch in range(nb):
                assert counts[stage * nb + branch] == expected[(stage, branch)], (day, STAGES[stage], branch)


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
        opened, start, resolved = issue[4], issue[5], issue[6]
        if start is not None:
            assert start >= opened - _TOL
        if resolved is not None:
            assert start is not None and resolved >= start - _TOL


def check_all(results: Results) -> None:
    """Every invariant above."""
    check_conservation(results)
    check_manager_capacity(results)
    check_accounting(results)
