"""Customers per stage and service branch on every day, rebuilt from the recorded stage changes.

The model records every stage change with its time; how many customers were in
each stage on each day follows from that log alone, so the model keeps no daily
snapshot while it runs. The count of day ``d`` is taken at the start of the day:
it holds every change made before day ``d``. Customers on file when the run
starts are counted from day 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.model.records import C_ID, C_SEGMENT, T_CUSTOMER, T_DAY, T_FROM, T_TO, Records
from sim.stages import STAGES

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


def daily_stage_counts(records: Records) -> np.ndarray:
    """Customers per day, stage and branch: an array of shape (days, stages x branches), stage-major.

    Args:
        records: A finished run's records.
    """
    import numpy as np

    branches = len(records.branches)
    width = len(STAGES) * branches
    days = records.horizon_days
    branch_of = np.zeros(len(records.customers), dtype=np.int64)
    for row in records.customers:
        branch_of[row[C_ID]] = records.segments[row[C_SEGMENT]][0]
    changes = np.zeros((days + 1, width), dtype=np.int64)
    archived = records.archived_at_start
    for row in records.transitions:
        customer, old, new = row[T_CUSTOMER], row[T_FROM], row[T_TO]
        # A change counts from the first day that starts after it; the archive's opening counts from day 0.
        day = 0 if old < 0 and customer < archived else math.floor(row[T_DAY]) + 1
        if day > days:
            continue
        branch = branch_of[customer]
        if old >= 0:
            changes[day, old * branches + branch] -= 1
        changes[day, new * branches + branch] += 1
    return np.cumsum(changes[:days], axis=0)
