"""Closed-form results the simulation is checked against and the curriculum teaches.

The after-sales department is a queue: issues arrive, wait for one of ``c``
staff, are resolved. With Poisson arrivals and exponential resolution times it
is the M/M/c queue, whose mean wait is given by the Erlang C formula.
"""

from __future__ import annotations

import math


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving issue has to wait (Erlang C).

    Args:
        arrival_rate: Issues arriving per day (lambda).
        service_rate: Issues one staff member resolves per day (mu).
        servers: Staff working in parallel (c).

    Raises:
        ValueError: when the queue is unstable (lambda >= c mu) or an input is not positive.
    """
    if arrival_rate <= 0 or service_rate <= 0 or servers < 1:
        raise ValueError("arrival_rate and service_rate must be > 0 and servers >= 1")
    offered = arrival_rate / service_rate
    utilisation = offered / servers
    if utilisation >= 1:
        raise ValueError(f"unstable queue: utilisation {utilisation:.3f} >= 1 (add staff or cut arrivals)")
    top = offered**servers / math.factorial(servers) / (1 - utilisation)
    bottom = sum(offered**k / math.factorial(k) for k in range(servers)) + top
    return top / bottom


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time an issue waits for a staff member in an M/M/c queue, in the rate's time unit."""
    waiting = erlang_c(arrival_rate, service_rate, servers)
    return waiting / (servers * service_rate - arrival_rate)
