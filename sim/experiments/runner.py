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

from sim.model.world import World, collector_paused
from sim.results.kpis import compute_kpis
from sim.scenario import Scenario

BACKENDS = ("serial", "processes", "dask")


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


def _dask_client(client: Any = None, scheduler: str | None = None) -> Any:
    if client is not None:
        return client
    from dask.distributed import Client

    if scheduler is None:
        raise ValueError("the dask backend needs a Client or a scheduler address (e.g. tcp://127.0.0.1:8786)")
    return Client(scheduler)


def execute(
    batches: Sequence[Batch],
    backend: str = "serial",
    workers: int | None = None,
    client: Any = None,
    scheduler: str | None = None,
) -> Iterator[tuple[Batch, list[dict[str, float]]]]:
    """Run batches on a backend, yielding each batch with its results as it finishes.

    Args:
        batches: What to run.
        backend: ``serial``, ``processes`` or ``dask``.
        workers: Worker processes for ``processes`` (default: one per core).
        client: An existing ``dask.distributed.Client`` for ``dask``.
        scheduler: Or the address of a Dask scheduler to connect to.

    Raises:
        ValueError: for an unknown backend or a dask backend without client or address.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend = {backend!r}: not one of {', '.join(BACKENDS)}")
    if backend == "serial":
        for batch in batches:
            yield batch, run_batch(batch.scenario, batch.seeds)
        return
    if backend == "processes":
        pool = process_pool(workers)
        pending: dict[Future, Batch] = {pool.submit(run_batch, b.scenario, b.seeds): b for b in batches}
        try:
            for future in as_completed(pending):
                yield pending[future], future.result()
        finally:
            for future in pending:
                future.cancel()
        return
    from dask.distributed import as_completed as dask_completed

    dask = _dask_client(client, scheduler)
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


def batch_size(runs: int, backend: str, workers: int | None) -> int:
    """Runs per task: a few tasks per worker so the load balances, without tiny tasks."""
    if backend == "serial":
        return max(1, runs)
    count = workers or os.cpu_count() or 1
    # Small jobs (a widget's 10 replications): one task per worker, no more round trips than needed.
    # Large sweeps: about four tasks per worker, so a slow task does not hold the others up.
    tasks = count if runs < 16 * count else 4 * count
    return max(1, min(50, math.ceil(runs / tasks)))
