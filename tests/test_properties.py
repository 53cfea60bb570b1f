"""Property tests: any invalid value is named in one ScenarioError; any valid scenario runs and keeps the invariants."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sim
from sim import Scenario, ScenarioError
from sim.scenario import field_specs
from tests.invariants import check_all

NUMERIC = [s for s in field_specs(Scenario, Scenario()) if s.kind in ("int", "float")]
CHOICES = [s for s in field_specs(Scenario, Scenario()) if s.kind == "choice"]


@st.composite
def invalid_change(draw):
    spec = draw(st.sampled_from(NUMERIC + CHOICES))
    if spec.kind == "choice":
        value = draw(st.text(min_size=1, max_size=8).filter(lambda v: v not in spec.choices))
        return spec.path, value
    kind = draw(st.sampled_from(["below", "above", "type"]))
    if kind == "type":
        value = draw(st.one_of(st.text(max_size=5), st.lists(st.integers(), max_size=2), st.booleans()))
        if spec.kind == "float":
            assume(not isinstance(value, bool))  # bools are rejected too, but keep the case simple
        return spec.path, value
    if kind == "below":
        low = spec.low
        offset = draw(st.floats(min_value=0.0 if not spec.low_inclusive else 1e-6, max_value=1e6))
        value = low - offset if not spec.low_inclusive else low - max(offset, 1e-6)
    else:
        value = spec.high + draw(st.floats(min_value=1e-6, max_value=1e6))
    if spec.kind == "int":
        value = math.floor(value) if kind == "below" else math.ceil(value)
        if kind == "below" and value >= spec.low:
            value = int(spec.low) - 1
    return spec.path, value


@settings(max_examples=300, deadline=None)
@given(invalid_change())
def test_any_invalid_value_gives_one_error_naming_the_field(change):
    path, value = change
    try:
        Scenario().with_values({path: value})
    except ScenarioError as error:
        assert any(p == path or path.startswith(p + ".") or p.startswith(path) for p in error.paths), (
            path,
            error.paths,
        )
        assert str(error)
    else:
        raise AssertionError(f"{path} = {value!r} was accepted")


# Fields a valid random scenario may vary (others stay at their defaults); horizons short to stay fast.
VARIED = [
    s
    for s in NUMERIC
    if s.path.split(".")[0] in {"managers", "visit_policy", "pipeline", "after_sales", "relationship"}
]


@st.composite
def valid_scenario(draw):
    changes = {"horizon_days": draw(st.integers(min_value=7, max_value=120)), "seed": draw(st.integers(0, 2**32))}
    for spec in draw(st.lists(st.sampled_from(VARIED), max_size=8, unique_by=lambda s: s.path)):
        low = spec.low if spec.low_inclusive else spec.low + (1 if spec.kind == "int" else 1e-3)
        high = spec.high
        if spec.path == "managers.count":
            high = 30
        if spec.path == "after_sales.staff":
            high = 50
        if spec.kind == "int":
            value = draw(st.integers(min_value=math.ceil(low), max_value=int(high)))
        else:
            value = draw(st.floats(min_value=low, max_value=high, allow_nan=False))
        changes[spec.path] = value
    try:
        return Scenario().with_values(changes)
    except ScenarioError:
        assume(False)  # a rule tying fields together (e.g. min_days <= max_days) was broken


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(valid_scenario())
def test_any_valid_scenario_runs_and_keeps_the_invariants(scenario):
    check_all(sim.run(scenario))
