"""Scenarios: defaults, YAML round trip, immutability and one clear error for bad input."""

from __future__ import annotations

import pydantic
import pytest
import yaml

from sim.scenario import (
    Scenario,
    ScenarioError,
    default_scenario_file,
    field_specs,
    load_scenario,
    parse_assignments,
    save_scenario,
    scenario_from_yaml,
    scenario_to_yaml,
)


def test_default_yaml_file_equals_built_in_default():
    assert load_scenario(default_scenario_file()) == Scenario()
    # The readable copy spells out every field, not just the ones that differ.
    written = yaml.safe_load(default_scenario_file().read_text(encoding="utf-8"))
    assert written == Scenario().model_dump(mode="json")


def test_default_describes_the_mid_size_institute():
    s = Scenario()
    total = sum(seg.customers for seg in s.customers.segments)
    assert 100 <= total <= 140
    assert s.managers.count == 8
    assert s.horizon_days == 365
    assert len({seg.branch for seg in s.customers.segments}) >= 5
    assert len({seg.scope for seg in s.customers.segments}) >= 2
    assert "illustrative" in s.description
    assert "ILLUSTRATIVE" in default_scenario_file().read_text(encoding="utf-8")


def test_paper_default_visits_projects_under_way_every_one_to_two_weeks():
    window = Scenario().visit_policy.implementation
    assert (window.min_days, window.max_days) == (7, 14)


def test_saved_and_loaded_scenario_is_equal(tmp_path):
    changed = Scenario().with_values({"managers.count": 11, "visit_policy.dormant": None, "seed": 7})
    path = tmp_path / "s.yaml"
    save_scenario(changed, path)
    assert load_scenario(path) == changed
    assert scenario_from_yaml(scenario_to_yaml(changed)) == changed


def test_scenario_is_immutable():
    s = Scenario()
    with pytest.raises(pydantic.ValidationError):
        s.managers.count = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"managers.count": 0}, "managers.count", ">= 1"),
        ({"managers.count": "ten"}, "managers.count", "whole number"),
        ({"horizon_days": 3.5}, "horizon_days", "whole number"),
        ({"pipeline.win_probability": 1.5}, "pipeline.win_probability", "<= 1"),
        ({"managers.assignment": "random"}, "managers.assignment", "by_branch_and_scope"),
        ({"customers.segments.0.branch": "Navy!"}, "customers.segments.0.branch", "lower-case"),
        ({"visit_policy.bidding.min_days": 30}, "visit_policy.bidding", "max_days"),
        ({"pipeline.needs_research.distribution": "fixed"}, "pipeline.needs_research", "cv"),
        ({"customers.initial_stage_mix.lead": 0.5}, "customers.initial_stage_mix", "sum"),
        ({"managers.visit_hours": 9}, "managers", "no visit could ever be made"),
    ],
)
def test_bad_values_name_field_value_and_rule(changes, path, words):
    with pytest.raises(ScenarioError) as caught:
        Scenario().with_values(changes)
    message = str(caught.value)
    assert path in caught.value.paths or any(p.startswith(path) for p in caught.value.paths)
    assert words in message


def test_unknown_key_lists_the_allowed_fields():
    data = Scenario().model_dump(mode="json")
    data["managers"]["cout"] = 3
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_dict(data)
    assert caught.value.paths == ["managers.cout"]
    assert "unknown field" in str(caught.value)
    assert "count" in str(caught.value)


def test_unknown_path_in_with_values_is_an_error_not_a_new_key():
    with pytest.raises(ScenarioError, match=r"managers\.cnt"):
        Scenario().with_values({"managers.cnt": 3})


def test_several_problems_come_in_one_error():
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_dict({"horizon_days": 0, "managers": {"count": -1}})
    assert set(caught.value.paths) == {"horizon_days", "managers.count"}


def test_duplicate_segment_is_rejected():
    seg = {"branch": "navy", "scope": "radar", "customers": 3, "lead_rate_per_year": 1.0}
    with pytest.raises(ScenarioError, match="listed twice"):
        Scenario().with_values({"customers.segments": [seg, seg]})


def test_yaml_syntax_error_and_non_mapping_are_scenario_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("managers: [1, 2\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="mapping"):
        scenario_from_yaml("- 1\n- 2\n")
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.yaml")


def test_assignments_are_read_as_yaml_values():
    assert parse_assignments(["a.b=10", "c=0.5", "d=null", "e=by_branch_and_scope"]) == {
        "a.b": 10,
        "c": 0.5,
        "d": None,
        "e": "by_branch_and_scope",
    }
    with pytest.raises(ScenarioError, match="path=value"):
        parse_assignments(["managers.count"])


def test_every_numeric_field_declares_a_unit_and_a_range():
    specs = [s for s in field_specs(Scenario, Scenario()) if s.kind in ("int", "float")]
    assert len(specs) > 40
    for spec in specs:
        assert spec.low is not None and spec.high is not None, spec.path
        assert spec.doc, spec.path
        lo_ok = spec.default >= spec.low if spec.low_inclusive else spec.default > spec.low
        assert lo_ok and spec.default <= spec.high, spec.path
