"""Experiments: replications, comparisons and sweeps with confidence intervals.

Comparisons use common random numbers; sweeps resume after an interruption and
run on one core, a persistent process pool or a Dask cluster.
"""

from sim.experiments.practices import TrainingReturn, training_return
from sim.experiments.replicate import Comparison, Replications, compare, replicate, summarise
from sim.experiments.runner import BACKENDS, process_pool, run_batch, shutdown_pools
from sim.experiments.seeds import replication_seeds
from sim.experiments.stats import Interval, mean_interval, proportion_interval
from sim.experiments.sweeps import grid_points, sweep

__all__ = [
    "BACKENDS",
    "Comparison",
    "Interval",
    "Replications",
    "TrainingReturn",
    "compare",
    "grid_points",
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
