"""Confidence intervals for means, paired differences and proportions (scipy.stats).

scipy is imported when an interval is first computed, not with this module: a
lab page that has not run anything yet should not pay for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Interval:
    """A mean (or proportion) with its confidence interval.

    Attributes:
        mean: Point estimate.
        std: Sample standard deviation (NaN for proportions and single values).
        n: Number of observations used (NaN values are left out and not counted).
        low: Lower end of the interval.
        high: Upper end of the interval.
        level: Confidence level, e.g. 0.95.
    """

    mean: float
    std: float
    n: int
    low: float
    high: float
    level: float

    @property
    def half_width(self) -> float:
        """Half the width of the interval."""
        return (self.high - self.low) / 2


def mean_interval(values: Sequence[float], level: float = 0.95) -> Interval:
    """Mean with a Student-t confidence interval; NaN values are dropped first."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    data = data[~np.isnan(data)]
    n = int(data.size)
    if n == 0:
        return Interval(math.nan, math.nan, 0, math.nan, math.nan, level)
    mean = float(data.mean())
    if n == 1:
        return Interval(mean, math.nan, 1, math.nan, math.nan, level)
    std = float(data.std(ddof=1))
    if std == 0.0:
        return Interval(mean, 0.0, n, mean, mean, level)
    from scipy import stats

    low, high = stats.t.interval(level, n - 1, loc=mean, scale=std / math.sqrt(n))
    return Interval(mean, std, n, float(low), float(high), level)


def proportion_interval(successes: int, trials: int, level: float = 0.95) -> Interval:
    """A proportion with its Wilson score interval (sound near 0 and 1, unlike mean +/- 2 se)."""
    if trials == 0:
        return Interval(math.nan, math.nan, 0, math.nan, math.nan, level)
    from scipy import stats

    ci = stats.binomtest(successes, trials).proportion_ci(confidence_level=level, method="wilson")
    return Interval(successes / trials, math.nan, trials, float(ci.low), float(ci.high), level)
