"""Run batches of replications serially, on a persistent process pool, or on a Dask cluster.

A *batch* is one scenario and a list of seeds; its result is one KPI dict per
seed. Every backend runs the same function on the same inputs, so results are
identical on every backend and worker count. Batching keeps the cost of
shipping a scenario to a worker small next to the runs themselves.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from sim.experiments.backend import Backend
from sim.model.world import World, collector_paused
from sim.results.kpis import compute_kpis
from sim.scenario import Scenario


@dataclass(frozen=True)
class Batch:
    """Runs of one scenario, one per seed.

    Attributes:
        key: Caller's label for the batch (returned with its results).
        scenario: What to run.
        seeds: One run per seed.
    """

    key: Any
    scenario: Scenario
    seeds: tuple[int, ...]


def run_batch(scenario: Scenario, seeds: Sequence[int]) -> list[dict[str, float]]:
    """KPIs of one run of ``scenario`` per seed (no pandas; cheap to send back).

    The cyclic garbage collector stays paused for the whole batch and runs once
    at the end, when the runs' objects are already gone, instead of rescanning a
    live model after every run.
    """
    target = scenario.sales_target_wan_cny
    with collector_paused():
        return [compute_kpis(World(scenario, seed).run(), target) for seed in seeds]


_POOLS: dict[int, ProcessPoolExecutor] = {}


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A persistent pool of worker processes (one per core by default), reused across calls.

    Workers are started with ``spawn`` so they never inherit threads or locks of the
    parent (a Jupyter kernel, a Dask client) and behave the same on every platform.
    """
    count = workers or os.cpu_count() or 1
    pool = _POOLS.get(count)
    if pool is None:
        pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
        _POOLS[count] = pool
    return pool


@atexit.register
def shutdown_pools() -> None:
    """Stop every persistent pool (called at exit; safe to call any time)."""
    for pool in _POOLS.values():
        pool.shutdown(wait=False, cancel_futures=True)
    _POOLS.clear()


def _dask_client(backend: Backend) -> Any:
    if backend.client is not None:
        return backend.client
    from dask.distributed import Client

    return Client(backend.scheduler)


def execute(
    batches: Sequence[Batch], backend: Backend | str | None = None
) -> Iterator[tuple[Batch, list[dict[str, float]]]]:
    """Run batches on a backend, yielding each batch with its results as it finishes.

    Args:
        batches: What to run.
        backend: Where: a :class:`~sim.experiments.backend.Backend`, or its kind (default serial).

    Raises:
        ScenarioError: for an unknown backend or a dask backend without client or address.
    """
    backend = Backend.of(backend)
    if backend.kind == "serial":
        for batch in batches:
            yield batch, run_batch(batch.scenario, batch.seeds)
        return
    if backend.kind == "processes":
        pool = process_pool(backend.workers)
        pending: dict[Future, Batch] = {pool.submit(run_batch, b.scenario, b.seeds): b for b in batches}
        try:
            for future in as_completed(pending):
                yield pending[future], future.result()
        finally:
            for future in pending:
                future.cancel()
        return
    from dask.distributed import as_completed as dask_completed

    dask = _dask_client(backend)
    futures = {}
    for batch in batches:
        # pure=False: identical inputs are still separate runs we want back.
        futures[dask.submit(run_batch, batch.scenario, batch.seeds, pure=False)] = batch
    try:
        for future in dask_completed(futures):
            yield futures[future], future.result()
    finally:
        for future in futures:
            future.cancel()


def batch_size(runs: int, backend: Backend) -> int:
    """Runs per task: a few tasks per worker so the load balances, without tiny tasks."""
    if backend.kind == "serial":
        return max(1, runs)
    count = backend.workers or os.cpu_count() or 1
    # Small jobs (a widget's 10 replications): one task per worker, no more round trips than needed.
    # Large sweeps: about four tasks per worker, so a slow task does not hold the others up.
    tasks = count if runs < 16 * count else 4 * count
    return max(1, min(50, math.ceil(runs / tasks)))
