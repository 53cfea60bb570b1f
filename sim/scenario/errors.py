"""One clear error for bad scenario input.

pydantic reports problems as a list of machine records; trainees and managers
need a sentence that names the field path, the value given and what is allowed.
:func:`validate` turns every pydantic problem into such a sentence and raises
them together as one :class:`ScenarioError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sim.i18n import t
from sim.scenario.introspect import field_info_at, model_at

ModelT = TypeVar("ModelT", bound=BaseModel)

_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "tuple_type": "a list",
    "list_type": "a list",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario.

    Attributes:
        path: Dotted field path, e.g. ``managers.count``; empty for the whole scenario.
        value: The offending value as given.
        message: What is wrong and what is allowed.
    """

    path: str
    value: Any
    message: str

    def __str__(self) -> str:
        where = self.path or "scenario"
        if self.value is _NO_VALUE:
            return f"{where}: {self.message}"
        return f"{where} = {self.value!r}: {self.message}"


_NO_VALUE = object()


class ScenarioError(ValueError):
    """Raised for any invalid scenario input; lists every problem found.

    Attributes:
        problems: The individual problems, each naming field, value and rule.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @property
    def paths(self) -> list[str]:
        """Dotted paths of every field with a problem."""
        return [p.path for p in self.problems]


def validate(model: type[ModelT], data: object) -> ModelT:
    """Build ``model`` from ``data`` or raise one :class:`ScenarioError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError([_problem(model, e) for e in exc.errors()]) from None


def _allowed_range(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    info = field_info_at(model, loc)
    if info is None:
        return ""
    lo = hi = None
    lo_strict = False
    for rule in info.metadata:
        if getattr(rule, "ge", None) is not None:
            lo = rule.ge
        if getattr(rule, "gt", None) is not None:
            lo, lo_strict = rule.gt, True
        if getattr(rule, "le", None) is not None:
            hi = rule.le
    unit = (info.json_schema_extra or {}).get("unit", "") if isinstance(info.json_schema_extra, dict) else ""
    if lo is None and hi is None:
        return ""
    parts = []
    if lo is not None:
        parts.append(f"{'>' if lo_strict else '>='} {lo:g}")
    if hi is not None:
        parts.append(f"<= {hi:g}")
    text = " and ".join(parts)
    return t("error.allowed", range=f"{text}{(' ' + unit) if unit else ''}")


def _problem(model: type[BaseModel], error: dict[str, Any]) -> Problem:
    loc = tuple(error.get("loc", ()))
    path = ".".join(str(part) for part in loc)
    kind = error.get("type", "")
    value = error.get("input", _NO_VALUE)
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if parent is not None else ""
        return Problem(path, _NO_VALUE, t("error.unknown_field", allowed=allowed))
    if kind == "missing":
        return Problem(path, _NO_VALUE, t("error.missing"))
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return Problem(path, _NO_VALUE, message)
    if kind in _TYPE_WORDS:
        allowed = _allowed_range(model, loc)
        detail = t("error.wrong_type", expected=t(f"error.type_{kind}"), got=type(value).__name__)
        return Problem(path, value, f"{detail}{'; ' + allowed if allowed else ''}")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        allowed = _allowed_range(model, loc) or error.get("msg", "")
        return Problem(path, value, t("error.out_of_range", allowed=allowed))
    if kind == "literal_error":
        return Problem(path, value, t("error.not_a_choice", choices=ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        return Problem(path, value, "use lower-case letters, digits and underscores, starting with a letter")
    if kind in {"too_short", "too_long"}:
        return Problem(path, _NO_VALUE, str(error.get("msg", "")).lower())
    return Problem(path, value, str(error.get("msg", "invalid value")))
