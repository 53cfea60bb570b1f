"""Named random streams derived from one seed.

Every source of randomness in a run has its own numpy ``Generator``, derived
from the scenario seed and a stable name with ``SeedSequence``. Each customer
has its own streams, so two policies run on the same seed give every customer
the same durations, outcomes and travel times where their stories agree:
a common-random-numbers comparison. There is no global random state.

Draws are taken in blocks (a scalar draw from a numpy Generator costs about ten
times a draw from Python's ``random``) and handed out one by one as floats.
"""

from __future__ import annotations

import math
import zlib

import numpy as np

_BLOCK = 32
_TWO_PI = 2.0 * math.pi


def stream_key(name: str) -> int:
    """A stable 32-bit number for a stream name (Python's ``hash`` changes per process)."""
    return zlib.crc32(name.encode("utf-8"))


class Stream:
    """Uniform draws from one named Generator, handed out from a block.

    Args:
        seed: Root seed of the run.
        name: Stream name, e.g. ``"customer"``.
        index: Extra integers making the stream unique, e.g. a customer number.
    """

    __slots__ = ("_buffer", "_generator", "_next")

    def __init__(self, seed: int, name: str, *index: int) -> None:
        sequence = np.random.SeedSequence(seed, spawn_key=(stream_key(name), *index))
        self._generator = np.random.Generator(np.random.PCG64(sequence))
        self._buffer: list[float] = self._generator.random(_BLOCK).tolist()
        self._next = 0

    def uniform(self) -> float:
        """One draw from U[0, 1)."""
        i = self._next
        if i == _BLOCK:
            self._buffer = self._generator.random(_BLOCK).tolist()
            i = 0
        self._next = i + 1
        return self._buffer[i]

    # The draws below repeat the buffer logic of ``uniform`` instead of calling
    # it: they sit on the model's hot path, where a Python call costs more than
    # the arithmetic.

    def exponential(self, mean: float) -> float:
        """One draw from an exponential distribution with this mean."""
        i = self._next
        if i == _BLOCK:
            self._buffer = self._generator.random(_BLOCK).tolist()
            i = 0
        self._next = i + 1
        return -mean * math.log(1.0 - self._buffer[i])

    def normal(self) -> float:
        """One standard normal draw (Box-Muller from two uniforms, cosine branch only)."""
        i = self._next
        if i + 2 > _BLOCK:
            self._buffer = self._buffer[i:] + self._generator.random(i).tolist()  # keep the unused draw
            i = 0
        self._next = i + 2
        buffer = self._buffer
        return math.sqrt(-2.0 * math.log(1.0 - buffer[i])) * math.cos(_TWO_PI * buffer[i + 1])

    def lognormal(self, mean: float, cv: float) -> float:
        """A lognormal draw with the given mean and coefficient of variation."""
        if cv == 0.0:
            return mean
        sigma2 = math.log1p(cv * cv)
        return mean * math.exp(math.sqrt(sigma2) * self.normal() - 0.5 * sigma2)

    def duration(self, distribution: str, mean: float, cv: float) -> float:
        """A duration drawn as a scenario :class:`~sim.scenario.Duration` describes it."""
        if distribution == "fixed":
            return mean
        if distribution == "exponential":
            return self.exponential(mean)
        return self.lognormal(mean, cv)
