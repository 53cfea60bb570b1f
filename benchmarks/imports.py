"""What a lab page costs before anything runs: the time and memory of importing what it needs.

    python -m sim bench --import

A lab page (a notebook in JupyterLab, a page of the app server) imports the
library, its UI room and the course's widgets. Each repeat runs the imports in a
fresh Python process and reads the wall time of the imports and the process's
peak resident memory (interpreter included); the median of the repeats is reported.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Callable

#: What one lab page needs: the library, its widgets and charts' room, and the course's widgets.
LAB_MODULES = ("sim", "sim.ui", "sim.course.widgets")

_PROBE = """
import json, resource, sys, time
start = time.perf_counter()
for name in {modules!r}:
    __import__(name)
seconds = time.perf_counter() - start
heavy = sorted(m for m in ("pandas", "matplotlib", "scipy", "dask", "nbformat") if m in sys.modules)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb, "heavy": heavy}}))
"""


def lab_import(repeats: int = 5, progress: Callable[[str], None] | None = None) -> dict[str, object]:
    """Median import time (s) and peak memory (MB) of a lab page's modules, each in a fresh process."""
    say = progress or (lambda _line: None)
    probes = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE.format(modules=LAB_MODULES)], capture_output=True, text=True, check=True
        )
        probes.append(json.loads(out.stdout))
    seconds = statistics.median(p["seconds"] for p in probes)
    peak = statistics.median(p["peak_mb"] for p in probes)
    heavy = probes[-1]["heavy"]
    say(f"imported: {', '.join(LAB_MODULES)} (heavy libraries loaded: {', '.join(heavy) or 'none'})")
    say(f"lab import: {seconds:.2f} s, {peak:.0f} MB")
    return {"modules": list(LAB_MODULES), "seconds": seconds, "peak_mb": peak, "heavy": heavy, "repeats": repeats}
