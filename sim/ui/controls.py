"""Controls built from a record's declared fields: ranges, units and help come from the model.

No range is written again here: a slider's minimum and maximum are the field's
declared bounds (:func:`sim.scenario.field_specs`), for a scenario or for any
other validated record (a staffing request, say). Fields whose range is too wide
for a slider get a bounded number box with the same bounds.

No widget or layout object is made when this module is imported: a server that
serves many pages from one process needs each page's widgets to be its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
from pydantic import BaseModel

from sim.scenario import FieldSpec, Scenario, field_specs, problem

_SLIDER_SPAN = 1000  # wider declared ranges get a number box instead of a slider
_STYLE = {"description_width": "16em"}
_WIDTH = "34em"


def spec_index(record: BaseModel) -> dict[str, FieldSpec]:
    """Every scalar field of a scenario (or another validated record) by dotted path."""
    return {spec.path: spec for spec in field_specs(type(record), record)}


_UNIT_SUFFIXES = ("_wan_cny_per_year", "_wan_cny", "_per_year", "_days", "_hours")


def _label(spec: FieldSpec, label: str | None) -> str:
    name = spec.path.split(".")[-1]
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix) and spec.unit:
            name = name[: -len(suffix)]  # the unit is shown in brackets instead
            break
    from sim.i18n import has, t

    text = label or (t(f"field.{spec.path}") if has(f"field.{spec.path}") else name.replace("_", " "))
    unit = t(f"unit.{spec.unit}") if spec.unit and has(f"unit.{spec.unit}") else spec.unit
    return f"{text} ({unit})" if unit and unit not in text else text


def _step(spec: FieldSpec) -> float:
    span = (spec.high or 1.0) - (spec.low or 0.0)
    if span <= 1:
        return 0.01
    if span <= 20:
        return 0.1 if spec.kind == "float" else 1
    return 1.0


def control_for(spec: FieldSpec, label: str | None = None) -> w.Widget:
    """A widget for one field, bounded by its declared range, not updating while dragged."""
    description = _label(spec, label)
    common: dict[str, Any] = {
        "description": description,
        "style": dict(_STYLE),
        "layout": w.Layout(width=_WIDTH),
        "tooltip": spec.doc,
    }
    if spec.kind == "choice":
        return w.Dropdown(options=list(spec.choices), value=spec.default, **common)
    if spec.kind == "bool":
        return w.Checkbox(value=bool(spec.default), **common)
    if spec.kind not in ("int", "float"):
        return w.Text(value=str(spec.default), continuous_update=False, **common)
    low = spec.low if spec.low is not None else -1e12
    high = spec.high if spec.high is not None else 1e12
    if not spec.low_inclusive:
        # An exclusive bound (e.g. "> 0") cannot be chosen: start one step above it.
        low = low + (1 if spec.kind == "int" else _step(spec))
    if not spec.high_inclusive:
        high = high - (1 if spec.kind == "int" else _step(spec))
    if spec.kind == "int":
        cls = w.IntSlider if high - low <= _SLIDER_SPAN else w.BoundedIntText
        return cls(value=int(spec.default), min=int(low), max=int(high), continuous_update=False, **common)
    cls = w.FloatSlider if high - low <= _SLIDER_SPAN else w.BoundedFloatText
    return cls(
        value=float(spec.default), min=float(low), max=float(high), step=_step(spec), continuous_update=False, **common
    )


class ScenarioEditor:
    """Controls for chosen scenario fields; :meth:`scenario` validates what they say.

    Args:
        paths: Dotted paths of the fields to show, e.g. ``["managers.count"]``.
        base: The scenario the controls start from and change (the default when None).
        labels: Optional plain-language labels by path (units are added from the declaration).
        title: Heading shown above the controls.
    """

    def __init__(
        self,
        paths: Sequence[str],
        base: Scenario | None = None,
        labels: dict[str, str] | None = None,
        title: str = "",
    ) -> None:
        self.base = base or Scenario()
        specs = spec_index(self.base)
        missing = [p for p in paths if p not in specs]
        if missing:
            raise problem("paths", missing, "error.no_such_field")
        self.paths = list(paths)
        self.controls = {p: control_for(specs[p], (labels or {}).get(p)) for p in self.paths}
        header = [w.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        self.widget = w.VBox(header + list(self.controls.values()))

    def values(self) -> dict[str, Any]:
        """The controls' current values by path."""
        return {path: control.value for path, control in self.controls.items()}

    def scenario(self) -> Scenario:
        """The base scenario with the controls' values, validated.

        Raises:
            ScenarioError: when the combination is not allowed (e.g. a window that closes before it opens).
        """
        return self.base.with_values(self.values())

    def observe(self, handler: Any) -> None:
        """Call ``handler(change)`` whenever a control's value changes (after a drag ends)."""
        for control in self.controls.values():
            control.observe(handler, names="value")
