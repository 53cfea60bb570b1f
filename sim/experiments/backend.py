"""Where replications run: one core, a persistent pool of processes, or a Dask cluster.

A :class:`Backend` is a validated record like a scenario: the command line's
``--backend``, ``--workers`` and ``--scheduler`` flags and a page's settings
build the same record, with the same declared ranges and the same error for a
bad value. Results are identical on every backend (see :mod:`sim.experiments.runner`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from sim.scenario import Record, bounded, rule, validate

BACKENDS = ("serial", "processes", "dask")


class Backend(Record):
    """Where a batch of replications runs.

    Build it from keyword arguments or with :meth:`of`; a dask backend needs a
    ``client`` (a ``dask.distributed.Client``) or a ``scheduler`` address.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    kind: Literal["serial", "processes", "dask"] = Field(
        "serial",
        description=(
            "``serial`` (this process), ``processes`` (a persistent pool, one worker per core by default) or ``dask``."
        ),
    )
    workers: int | None = bounded(
        None, ge=1, le=1024, unit="processes", doc="Worker processes (default: one per core)."
    )
    scheduler: str | None = Field(
        default=None, min_length=1, description="Address of a Dask scheduler, e.g. tcp://127.0.0.1:8786."
    )
    client: Any = Field(default=None, exclude=True, description="An open dask.distributed.Client.")

    @model_validator(mode="after")
    def _dask_has_somewhere_to_run(self) -> Backend:
        if self.kind == "dask" and self.client is None and self.scheduler is None:
            raise rule("rule.dask_needs_scheduler")
        return self

    @classmethod
    def of(cls, value: Backend | str | None = None, **options: Any) -> Backend:
        """A backend from a record, a kind (``"processes"``) with options, or None (serial).

        Raises:
            ScenarioError: for an unknown kind or a bad option, naming it.
        """
        if isinstance(value, Backend):
            if not options:
                return value
            options = {"kind": value.kind, "workers": value.workers, "scheduler": value.scheduler, **options}
            options.setdefault("client", value.client)
            return validate(cls, options)
        return validate(cls, {"kind": "serial" if value is None else value, **options})


__all__ = ["BACKENDS", "Backend"]
