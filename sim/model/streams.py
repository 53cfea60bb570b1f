"""Named random streams derived from one seed.

Every source of randomness in a run has its own stream, derived from the
scenario seed and a stable name. Each customer has its own streams, so two
policies run on the same seed give every customer the same durations, outcomes
and travel times where their stories agree: a common-random-numbers comparison.
There is no global random state.

How: a stream *family* (a name such as ``"customer-life"``) gets a 64-bit key
from ``SeedSequence(seed, spawn_key=(name,))``. A stream of the family is a
numpy ``Generator`` on a Philox counter-based bit generator keyed by
(family key, stream index): Philox gives independent streams for distinct keys
by design, and a block of draws is a pure function of (key, block number). So a
stream costs no seeding of its own; its blocks are drawn on demand through one
shared Philox whose state is set per block (about 6 microseconds a block, where
building a ``SeedSequence`` and ``PCG64`` per customer costs about 25).

Draws are taken in blocks (a scalar draw from a numpy Generator costs about ten
times a draw from Python's ``random``) and handed out one by one as floats.
"""

from __future__ import annotations

import math
import threading
import zlib
from functools import lru_cache

from sim.model.params import EXPONENTIAL, FIXED, DurationParams
from sim.scenario.errors import problem

_BLOCK = 32
_TWO_PI = 2.0 * math.pi
# Bound once: the draws below run millions of times, and a module attribute costs a lookup per call.
_cos, _exp, _log, _sqrt = math.cos, math.exp, math.log, math.sqrt
# Bits of the stream index: (kind, group, number), e.g. (archived or lead, segment, k).
_INDEX_BITS = (8, 16, 40)


def stream_key(name: str) -> int:
    """A stable 32-bit number for a stream name (Python's ``hash`` changes per process)."""
    return zlib.crc32(name.encode("utf-8"))


@lru_cache(maxsize=256)
def family_key(seed: int, name: str) -> int:
    """The 64-bit key of a stream family under a seed."""
    import numpy as np

    return int(np.random.SeedSequence(seed, spawn_key=(stream_key(name),)).generate_state(1, np.uint64)[0])


def pack_index(index: tuple[int, ...]) -> int:
    """Pack up to three non-negative integers into the 64-bit second word of a Philox key.

    One integer gets all 64 bits, two get 24 and 40, three get 8, 16 and 40 (kind,
    group, number); the number of parts is part of the family's use, so
    layouts never mix within a family.

    Raises:
        ScenarioError: for more than three integers or one too large for its bits (a scenario
            with more than 65,536 segments, say).
    """
    layouts = {0: (), 1: (64,), 2: (24, 40), 3: _INDEX_BITS}
    if len(index) not in layouts:
        raise problem("stream_index", index, "error.stream_parts", most=len(_INDEX_BITS))
    packed = 0
    for value, bits in zip(index, layouts[len(index)], strict=True):
        if not 0 <= value < 2**bits:
            raise problem("stream_index", index, "error.stream_index_fit", part=value, bits=bits)
        packed = (packed << bits) | value
    return packed


class _Keyed:
    """One Philox bit generator, re-keyed for each block drawn (one per thread).

    The state it is re-keyed with is one dict whose arrays are rewritten in
    place: building new arrays for every block cost half of a block's time.
    numpy is imported when the first block is drawn, not with this module.
    """

    def __init__(self) -> None:
        import numpy as np

        self.bits = np.random.Philox(key=0)
        self.generator = np.random.Generator(self.bits)
        self.counter = np.zeros(4, dtype=np.uint64)
        self.key = np.zeros(2, dtype=np.uint64)
        self.state = {
            "bit_generator": "Philox",
            "state": {"counter": self.counter, "key": self.key},
            "buffer": np.zeros(4, dtype=np.uint64),
            "buffer_pos": 4,
            "has_uint32": 0,
            "uinteger": 0,
        }


_threads = threading.local()


def _block(key0: int, key1: int, block: int) -> list[float]:
    """Draws ``32 * block`` to ``32 * block + 31`` of the stream keyed (key0, key1): a pure function."""
    try:
        shared = _threads.keyed
    except AttributeError:
        shared = _threads.keyed = _Keyed()
    shared.counter[1] = block
    shared.key[0] = key0
    shared.key[1] = key1
    shared.bits.state = shared.state
    return shared.generator.random(_BLOCK).tolist()


class Stream:
    """Uniform draws from one named, keyed stream, handed out from a block.

    Args:
        seed: Root seed of the run.
        name: Stream family name, e.g. ``"customer-life"``.
        index: Up to three integers making the stream unique in its family, e.g. (0, segment, k).
    """

    __slots__ = ("_block_no", "_buffer", "_key0", "_key1", "_next")

    def __init__(self, seed: int, name: str, *index: int) -> None:
        self._key0 = family_key(seed, name)
        self._key1 = pack_index(index)
        self._block_no = 0
        self._buffer: list[float] = _block(self._key0, self._key1, 0)
        self._next = 0

    def _refill(self) -> None:
        self._block_no += 1
        self._buffer = _block(self._key0, self._key1, self._block_no)

    def uniform(self) -> float:
        """One draw from U[0, 1)."""
        i = self._next
        if i == _BLOCK:
            self._refill()
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
            self._refill()
            i = 0
        self._next = i + 1
        return -mean * _log(1.0 - self._buffer[i])

    def normal(self) -> float:
        """One standard normal draw (Box-Muller from two uniforms, cosine branch only)."""
        i = self._next
        if i + 2 > _BLOCK:
            rest = self._buffer[i:]  # keep the unused draw
            self._refill()
            self._buffer = rest + self._buffer
            i = 0
        self._next = i + 2
        buffer = self._buffer
        return _sqrt(-2.0 * _log(1.0 - buffer[i])) * _cos(_TWO_PI * buffer[i + 1])

    def lognormal(self, mean: float, cv: float) -> float:
        """A lognormal draw with the given mean and coefficient of variation."""
        if cv == 0.0:
            return mean
        sigma2 = math.log1p(cv * cv)
        return mean * math.exp(math.sqrt(sigma2) * self.normal() - 0.5 * sigma2)

    def duration(self, d: DurationParams) -> float:
        """A duration drawn as a compiled scenario :class:`~sim.scenario.Duration` describes it."""
        code = d.code
        if code == FIXED:
            return d.mean
        if code == EXPONENTIAL:
            return self.exponential(d.mean)
        return d.mean * _exp(d.sigma * self.normal() - d.half_sigma2)
