"""Core speed benchmark: ``python benchmarks/bench_core.py [--json FILE]``.

The same measurement as ``python -m sim bench``: the model's events per second
against a bare SimPy loop in the same process, at 1x, 10x and 100x customers.
It is a benchmark, not a test: machines are noisy, so read the ratios.
"""

from __future__ import annotations

import sys

from sim.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
