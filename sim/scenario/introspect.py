"""Read the declared fields, units and ranges of scenario records.

Error messages, documentation, property tests and widgets all need the same
facts about a field: its type, default, unit and allowed range. They are read
here from the pydantic declarations so that no number is written twice.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _record_type(annotation: Any) -> type[BaseModel] | None:
    """The record class inside an annotation such as ``Interval | None`` or ``tuple[Segment, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is dict:
        return None  # a mapping of values (a sweep's grid), not of records
    for arg in typing.get_args(annotation):
        found = _record_type(arg)
        if found is not None:
            return found
    return None


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The record class reached by following ``loc`` (field names and list indexes)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or part not in current.model_fields:
            # List indexes and pydantic's union tags ("Interval") stay on the same record.
            continue
        current = _record_type(current.model_fields[part].annotation)
    return current


def field_info_at(model: type[BaseModel], loc: tuple[Any, ...]) -> FieldInfo | None:
    """The declaration of the field at ``loc``, or None when ``loc`` names no field."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    last = names[-1]
    parent = model_at(model, tuple(loc[:last]))
    if parent is None or loc[last] not in parent.model_fields:
        return None
    return parent.model_fields[loc[last]]


@dataclass(frozen=True)
class FieldSpec:
    """What a scenario field is and what values it allows.

    Attributes:
        path: Dotted path from the scenario root, e.g. ``managers.count``.
        kind: ``int``, ``float``, ``str``, ``choice`` or ``bool``.
        default: The declared default.
        low: Smallest allowed value, or None.
        high: Largest allowed value, or None.
        low_inclusive: Whether ``low`` itself is allowed.
        unit: Unit of the value ("" when none).
        high_inclusive: Whether ``high`` itself is allowed.
        doc: What the field means.
        choices: Allowed values of a ``choice`` field.
    """

    path: str
    kind: str
    default: Any
    low: float | None
    high: float | None
    low_inclusive: bool
    unit: str
    doc: str
    choices: tuple[Any, ...] = ()
    high_inclusive: bool = True


def bounds(info: FieldInfo) -> tuple[float | None, float | None, bool, bool]:
    """A field's declared (low, high, low included, high included); None where a side is open."""
    low = high = None
    low_inclusive = high_inclusive = True
    for constraint in info.metadata:
        if getattr(constraint, "ge", None) is not None:
            low = constraint.ge
        if getattr(constraint, "gt", None) is not None:
            low, low_inclusive = constraint.gt, False
        if getattr(constraint, "le", None) is not None:
            high = constraint.le
        if getattr(constraint, "lt", None) is not None:
            high, high_inclusive = constraint.lt, False
    return low, high, low_inclusive, high_inclusive


def _kind(annotation: Any) -> tuple[str, tuple[Any, ...]]:
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", typing.get_args(annotation)
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is float:
        return "float", ()
    return "str", ()


def field_specs(model: type[BaseModel], instance: BaseModel | None = None, prefix: str = "") -> Iterator[FieldSpec]:
    """Every scalar field below ``model``, depth first, with its declared range.

    Lists of records (the segments) are walked per item when ``instance`` is
    given, giving paths such as ``customers.segments.3.customers``; optional
    records are walked when present in ``instance`` or when they have a default.
    """
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        value = getattr(instance, name) if instance is not None else info.get_default(call_default_factory=True)
        record = _record_type(info.annotation)
        if record is not None:
            if isinstance(value, tuple):
                for index, item in enumerate(value):
                    yield from field_specs(record, item, f"{path}.{index}.")
            elif value is not None:
                yield from field_specs(record, value, f"{path}.")
            continue
        annotation = info.annotation
        if isinstance(annotation, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        kind, choices = _kind(annotation)
        low, high, inclusive, high_inclusive = bounds(info)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        yield FieldSpec(
            path=path,
            kind=kind,
            default=value,
            low=low,
            high=high,
            low_inclusive=inclusive,
            unit=str(extra.get("unit", "")),
            doc=info.description or "",
            choices=choices,
            high_inclusive=high_inclusive,
        )
