"""Which customer manager covers which segment (service branch x business scope).

The paper assigns customers and leads to managers by service branch and
business scope. With fewer managers than segments, whole segments are dealt to
managers largest first, always to the least loaded manager (the LPT rule);
with more managers than segments, each segment gets managers in proportion to
its size, at least one each. ``balanced`` lets every manager cover everything.
"""

from __future__ import annotations

import heapq
import math


def plan_coverage(weights: list[float], managers: int, rule: str) -> list[list[int]]:
    """Managers covering each segment.

    Args:
        weights: Expected workload of each segment (for example its customers plus leads).
        managers: Number of managers.
        rule: ``by_branch_and_scope`` or ``balanced``.

    Returns:
        For each segment, the indexes of the managers who cover it (never empty).
    """
    if rule == "balanced":
        return [list(range(managers)) for _ in weights]
    order = sorted(range(len(weights)), key=lambda i: (-weights[i], i))
    if managers <= len(weights):
        loads = [(0.0, m) for m in range(managers)]
        coverage: list[list[int]] = [[] for _ in weights]
        for seg in order:
            load, manager = heapq.heappop(loads)
            coverage[seg] = [manager]
            heapq.heappush(loads, (load + weights[seg], manager))
        return coverage
    # More managers than segments: every segment gets one, the rest go where the work is.
    seats = [1] * len(weights)
    spare = managers - len(weights)
    total = sum(weights)
    if total > 0 and spare > 0:
        quotas = [spare * w / total for w in weights]
        floors = [math.floor(q) for q in quotas]
        left = spare - sum(floors)
        by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - floors[i]), i))
        for i in by_remainder[:left]:
            floors[i] += 1
        seats = [s + f for s, f in zip(seats, floors, strict=True)]
    elif spare > 0:
        for k in range(spare):
            seats[order[k % len(order)]] += 1
    coverage = []
    first = 0
    for count in seats:
        coverage.append(list(range(first, first + count)))
        first += count
    return coverage
