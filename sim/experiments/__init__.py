"""Experiments: replications, comparisons and sweeps with confidence intervals.

Comparisons use common random numbers; sweeps resume after an interruption and
run on one core, a persistent process pool or a Dask cluster (one :class:`Backend` value).
"""

from sim.experiments.backend import BACKENDS, Backend
from sim.experiments.grid import GridFile, load_grid
from sim.experiments.practices import PHASES, TrainingDesign, TrainingReturn, training_return
from sim.experiments.replicate import (
    Comparison,
    PageRuns,
    Replications,
    check_reps,
    compare,
    replicate,
    summarise,
)
from sim.experiments.runner import process_pool, run_batch, shutdown_pools
from sim.experiments.seeds import replication_seeds
from sim.experiments.stats import Interval, mean_interval, proportion_interval
from sim.experiments.sweeps import grid_points, sweep

__all__ = [
    "BACKENDS",
    "PHASES",
    "Backend",
    "Comparison",
    "GridFile",
    "Interval",
    "PageRuns",
    "Replications",
    "TrainingDesign",
    "TrainingReturn",
    "check_reps",
    "compare",
    "grid_points",
    "load_grid",
    "mean_interval",
    "process_pool",
    "proportion_interval",
    "replicate",
    "replication_seeds",
    "run_batch",
    "shutdown_pools",
    "summarise",
    "sweep",
    "training_return",
]
