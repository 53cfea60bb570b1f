"""Building blocks of every validated record: scenarios, and the requests read by flags and sliders.

Every scenario record is a frozen, strictly typed pydantic model that rejects
unknown keys. Numeric fields are declared with :func:`bounded`, which records a
unit and an allowed range next to the default, so that error messages, the
documentation and (later) widgets all read the same declaration instead of
repeating numbers.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base class of every scenario record: immutable, strict, closed to unknown keys."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        validate_default=True,
        # Field descriptions are given in Field(description=...) or bounded(doc=...): reading attribute
        # docstrings from the source costs a tenth of a second at every import.
    )


def bounded(
    default: Any,
    *,
    unit: str,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    doc: str,
) -> Any:
    """Declare a numeric field with its default, unit and allowed range.

    Args:
        default: The value used when the field is not given.
        unit: The unit of the value, for example ``"days"`` or ``"wan CNY"``.
        ge: Smallest allowed value (inclusive).
        le: Largest allowed value (inclusive).
        gt: Exclusive lower bound, for quantities that must be positive.
        lt: Exclusive upper bound (a probability that must stay below 1, say).
        doc: One sentence saying what the field means and why it matters.

    Returns:
        A pydantic ``Field`` carrying the bounds and the unit.
    """
    return Field(
        default,
        ge=ge,
        le=le,
        gt=gt,
        lt=lt,
        description=doc,
        json_schema_extra={"unit": unit},
    )
