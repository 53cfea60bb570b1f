"""The stages of a customer relationship, one name per concept everywhere.

The source paper manages a relationship over its whole life in three stages
(bidding, project implementation, after completion); a customer is first a
lead and goes through needs research before bidding, and may fall dormant or
be lost. Stage codes are small integers so the model can index arrays with them.
"""

from __future__ import annotations

LEAD = 0
NEEDS_RESEARCH = 1
BIDDING = 2
IMPLEMENTATION = 3
AFTER_COMPLETION = 4
DORMANT = 5
LOST = 6

#: Stage names in code order; ``STAGES[code]`` is the name of a stage code.
STAGES: tuple[str, ...] = (
    "lead",
    "needs_research",
    "bidding",
    "implementation",
    "after_completion",
    "dormant",
    "lost",
)

#: Stages a customer can be in when a run starts (nobody starts lost).
INITIAL_STAGES: tuple[str, ...] = STAGES[:LOST]

#: Stages whose delivered work can produce after-sales issues.
SERVICE_STAGES: frozenset[int] = frozenset({IMPLEMENTATION, AFTER_COMPLETION})
