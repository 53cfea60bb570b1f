"""Seeds of replications, derived from one root seed.

Replication ``i`` gets the same seed whatever the scenario, so comparing two
scenarios replication by replication uses common random numbers.
"""

from __future__ import annotations

from sim.model.streams import stream_key

_REPLICATION = stream_key("replication")


def replication_seeds(root: int, count: int, start: int = 0) -> list[int]:
    """Seeds of replications ``start .. start + count - 1`` under ``root`` (each below 2**63)."""
    import numpy as np

    seeds = []
    for i in range(start, start + count):
        word = np.random.SeedSequence(root, spawn_key=(_REPLICATION, i)).generate_state(1, np.uint64)[0]
        seeds.append(int(word >> np.uint64(1)))
    return seeds
