"""One clear error for bad input: the field, the value given and what is allowed.

pydantic reports problems as a list of machine records; trainees and managers
need a sentence that names the field path, the value given and what is allowed.
:func:`validate` turns every pydantic problem into a :class:`Problem` and raises
them together as one :class:`ScenarioError`; the rest of the toolkit raises the
same error for every other kind of bad input (a command-line flag, a grid file,
a staffing request).

A problem holds a message *key* of the catalog (``sim/locale/messages.yaml``) and
its parameters, not a sentence: the sentence is written when it is shown, in the
language of whoever reads it (a command line, or one trainee's page on a server
shared by a class).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from sim.i18n import Text, has, t
from sim.scenario.introspect import bounds, field_info_at, model_at

ModelT = TypeVar("ModelT", bound=BaseModel)

#: Longest value shown in a message: a runaway value (a huge list, a YAML bomb) must not make a huge line.
VALUE_CHARS = 80

_TYPE_ERRORS = {
    "int_type",
    "int_from_float",
    "int_parsing",
    "float_type",
    "float_parsing",
    "string_type",
    "bool_type",
    "bool_parsing",
    "model_type",
    "dict_type",
    "tuple_type",
    "list_type",
    "finite_number",
}


class _NoValue:
    """Marks a problem that has no single offending value (a missing field, a rule between fields)."""

    def __repr__(self) -> str:
        return "<no value>"


NO_VALUE: Any = _NoValue()


def shown(value: Any) -> str:
    """A value as a message shows it: its repr, cut to :data:`VALUE_CHARS` characters."""
    text = repr(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input.

    Attributes:
        path: Dotted field path, e.g. ``managers.count``, or a flag name; empty for the whole input.
        value: The offending value as given, or :data:`NO_VALUE`.
        key: The catalog key of the message, e.g. ``error.out_of_range``.
        params: The message's parameters.
    """

    path: str
    value: Any
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, language: str | None = None) -> str:
        """What is wrong and what is allowed, in the current (or given) language."""
        return t(self.key, language, **self.params)

    def render(self, language: str | None = None, label: str | None = None) -> str:
        """The whole problem as one line: where, the value given, what is wrong.

        Args:
            language: The language to write in (default: the current one).
            label: A name to show instead of the path (e.g. a control's label on a page).
        """
        where = label or self.path or t("error.root", language)
        if self.value is NO_VALUE:
            return f"{where}: {self.message(language)}"
        return f"{where} = {shown(self.value)}: {self.message(language)}"

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:
        return hash((self.path, self.key, shown(self.value)))


class ScenarioError(ValueError):
    """Raised for any invalid input; lists every problem found.

    Attributes:
        problems: The individual problems, each naming field, value and rule.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)

    def render(self, language: str | None = None) -> str:
        """Every problem, in the current (or given) language, on one line."""
        return "; ".join(p.render(language) for p in self.problems)

    def __str__(self) -> str:
        return self.render()

    @property
    def paths(self) -> list[str]:
        """Dotted paths of every field with a problem."""
        return [p.path for p in self.problems]


def problem(path: str, value: Any, key: str, **params: Any) -> ScenarioError:
    """One problem as a :class:`ScenarioError`, ready to raise.

    Example: ``raise problem("reps", 0, "error.at_least", low=1)``.
    """
    return ScenarioError([Problem(path, value, key, params)])


def rule(key: str, **params: Any) -> PydanticCustomError:
    """A broken rule between fields, raised inside a record's validator: the key travels to the :class:`Problem`."""
    if not has(key):
        raise KeyError(key)  # a key missing from the catalog: a programming mistake, caught by the tests
    return PydanticCustomError(key, key, params)


def validate(model: type[ModelT], data: object) -> ModelT:
    """Build ``model`` from ``data`` or raise one :class:`ScenarioError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError([_problem(model, e) for e in exc.errors()]) from None


@dataclass(frozen=True)
class Range:
    """A field's declared range, written in the reader's language when shown (``>= 1 and <= 1000 managers``).

    Attributes:
        low: Smallest allowed value, or None.
        high: Largest allowed value, or None.
        low_strict: Whether ``low`` itself is excluded.
        high_strict: Whether ``high`` itself is excluded.
        unit: The declared unit ("" when none).
    """

    low: float | None
    high: float | None
    low_strict: bool = False
    high_strict: bool = False
    unit: str = ""

    def render(self, language: str | None = None) -> str:
        """The range as text, e.g. ``>= 1 and <= 1000 managers`` or ``≥ 1 且 ≤ 1000 人``."""
        from sim.i18n import unit_name

        parts = []
        if self.low is not None:
            parts.append(f"{'>' if self.low_strict else '>='} {self.low:g}")
        if self.high is not None:
            parts.append(f"{'<' if self.high_strict else '<='} {self.high:g}")
        text = t("error.range_and", language).join(parts)
        return f"{text} {unit_name(self.unit, language)}" if self.unit else text

    def __str__(self) -> str:
        return self.render()


def allowed_range(model: type[BaseModel], loc: tuple[Any, ...]) -> Range | None:
    """The declared range of the field at ``loc``, or None when it declares none."""
    info = field_info_at(model, loc)
    if info is None:
        return None
    low, high, low_included, high_included = bounds(info)
    if low is None and high is None:
        return None
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return Range(low, high, not low_included, not high_included, str(extra.get("unit", "")))


def _problem(model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error.get("loc", ()))
    path = ".".join(str(part) for part in loc)
    kind = error.get("type", "")
    value = error.get("input", NO_VALUE)
    ctx = error.get("ctx") or {}
    if has(kind):
        return Problem(path, NO_VALUE, kind, dict(ctx))  # a rule between fields (see :func:`rule`)
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if parent is not None else ""
        return Problem(path, NO_VALUE, "error.unknown_field", {"allowed": allowed})
    if kind == "missing":
        return Problem(path, NO_VALUE, "error.missing")
    limits = allowed_range(model, loc)
    if kind in _TYPE_ERRORS:
        expected = Text(f"error.type_{kind.removesuffix('_parsing').removesuffix('_type').removesuffix('_from_float')}")
        got = type(value).__name__
        if limits is None:
            return Problem(path, value, "error.wrong_type", {"expected": expected, "got": got})
        return Problem(path, value, "error.wrong_type_in", {"expected": expected, "got": got, "range": limits})
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return Problem(path, value, "error.out_of_range", {"range": limits or ctx})
    if kind == "literal_error":
        return Problem(path, value, "error.not_a_choice", {"choices": ctx.get("expected", "")})
    if kind == "string_pattern_mismatch":
        return Problem(path, value, "error.key_pattern")
    if kind == "too_short":
        return Problem(path, NO_VALUE, "error.too_short", {"limit": ctx.get("min_length", "")})
    if kind == "too_long":
        return Problem(path, NO_VALUE, "error.too_long", {"limit": ctx.get("max_length", "")})
    return Problem(path, value, "error.invalid", {"kind": kind})
