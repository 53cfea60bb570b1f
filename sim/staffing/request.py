"""A staffing question as a validated record: the target, the organisation's headline numbers, the confidence.

The command line's flags (``--target``, ``--past-sales``, ...) and the staffing
planner's controls build the same :class:`StaffingRequest`, so both accept the
same values, show the same ranges and give the same error for a bad one.
Money is in wan CNY (万元).

The headline numbers describe the manager's own organisation: without a
scenario file, the simulated world is the default institute scaled to them (see
:mod:`sim.staffing.organisation`). The optional ones default to the default
institute's proportions: 15 customers per manager, its project values, cost
and margin.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from sim.scenario import Record, bounded, rule


class StaffingRequest(Record):
    """How many customer managers for a sales target, and how sure should the answer be."""

    target: float = bounded(
        2500.0, gt=0, le=1e9, unit="wan CNY", doc="Order intake target over the scenario's horizon."
    )
    past_sales: float = bounded(2300.0, gt=0, le=1e9, unit="wan CNY", doc="Order intake of the last period.")
    past_managers: int = bounded(
        8, ge=1, le=1000, unit="managers", doc="Customer managers who made last period's sales (today's head-count)."
    )
    growth: float = bounded(
        0.1,
        gt=-1,
        le=5,
        unit="ratio",
        doc="Assessed growth of sales per manager (0.1: each manager sells 10% more than last period).",
    )
    customers: int | None = bounded(
        None,
        ge=1,
        le=100_000,
        unit="customers",
        doc="Customers on file (default: 15 per manager, as the default institute).",
    )
    deal_size: float | None = bounded(
        None, gt=0, le=1_000_000, unit="wan CNY", doc="Average value of a won project (default: the scenario's)."
    )
    cost_per_manager: float | None = bounded(
        None,
        gt=0,
        le=10_000,
        unit="wan CNY/year",
        doc="Full yearly cost of one customer manager (default: the scenario's).",
    )
    margin: float | None = bounded(
        None,
        gt=0,
        le=1,
        unit="share",
        doc="Share of order value left after the cost of what is delivered (default: the scenario's).",
    )
    confidence: float = bounded(
        0.8, gt=0, lt=1, unit="probability", doc="Probability of reaching the target the simulation method asks for."
    )
    reps: int = bounded(
        20,
        ge=2,
        le=10_000,
        unit="replications",
        doc="Replications of every head-count simulated at first (the same default on the page and the command line).",
    )
    max_reps: int = bounded(
        80,
        ge=2,
        le=10_000,
        unit="replications",
        doc="Most replications of every head-count: they are doubled until the answer is clear or this is reached.",
    )
    candidates: tuple[int, ...] | None = Field(
        default=None,
        strict=False,
        min_length=1,
        description="Head-counts to simulate, ascending (default: around the arithmetic answers).",
    )

    @model_validator(mode="after")
    def _cap_above_start(self) -> StaffingRequest:
        if self.max_reps < self.reps:
            raise rule("rule.max_reps", reps=self.reps, max_reps=self.max_reps)
        return self

    @field_validator("candidates")
    @classmethod
    def _candidates_ascend(cls, counts: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if counts is not None and (any(not 1 <= n <= 1000 for n in counts) or list(counts) != sorted(set(counts))):
            raise rule("rule.candidates")
        return counts
