"""Closed-form results the simulation is checked against and the curriculum teaches.

The after-sales department is a queue: issues arrive, wait for one of ``c``
staff, are resolved. With Poisson arrivals and exponential resolution times it
is the M/M/c queue, whose mean wait is given by the Erlang C formula.
"""

from __future__ import annotations

import math

from sim.scenario.errors import problem


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving issue has to wait (Erlang C).

    Args:
        arrival_rate: Issues arriving per day (lambda).
        service_rate: Issues one staff member resolves per day (mu).
        servers: Staff working in parallel (c).

    Raises:
        ScenarioError: when the queue is unstable (lambda >= c mu) or an input is not positive.
    """
    if not arrival_rate > 0:
        raise problem("arrival_rate", arrival_rate, "error.positive")
    if not service_rate > 0:
        raise problem("service_rate", service_rate, "error.positive")
    if servers < 1:
        raise problem("servers", servers, "error.at_least", low=1)
    offered = arrival_rate / service_rate
    utilisation = offered / servers
    if utilisation >= 1:
        raise problem("arrival_rate", arrival_rate, "error.unstable_queue", utilisation=f"{utilisation:.3f}")
    top = offered**servers / math.factorial(servers) / (1 - utilisation)
    bottom = sum(offered**k / math.factorial(k) for k in range(servers)) + top
    return top / bottom


def mmc_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time an issue waits for a staff member in an M/M/c queue, in the rate's time unit."""
    waiting = erlang_c(arrival_rate, service_rate, servers)
    return waiting / (servers * service_rate - arrival_rate)
