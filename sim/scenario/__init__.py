"""Scenarios: typed, immutable, validated parameters of one simulated organisation."""

from sim.scenario.errors import Problem, ScenarioError
from sim.scenario.introspect import FieldSpec, field_specs
from sim.scenario.io import (
    DEFAULT_SCENARIO_FILE,
    default_scenario,
    load_scenario,
    parse_assignments,
    save_scenario,
    scenario_from_yaml,
    scenario_to_yaml,
)
from sim.scenario.models import (
    AfterSales,
    Customers,
    Duration,
    Economics,
    Interval,
    Managers,
    Pipeline,
    Relationship,
    Scenario,
    Segment,
    StageMix,
    VisitPolicy,
)
from sim.scenario.practices import (
    Cultivation,
    Leads,
    Meeting,
    Training,
    TrainingEffects,
    TrainingPhase,
)

__all__ = [
    "DEFAULT_SCENARIO_FILE",
    "AfterSales",
    "Cultivation",
    "Customers",
    "Duration",
    "Economics",
    "FieldSpec",
    "Interval",
    "Leads",
    "Managers",
    "Meeting",
    "Pipeline",
    "Problem",
    "Relationship",
    "Scenario",
    "ScenarioError",
    "Segment",
    "StageMix",
    "Training",
    "TrainingEffects",
    "TrainingPhase",
    "VisitPolicy",
    "default_scenario",
    "field_specs",
    "load_scenario",
    "parse_assignments",
    "save_scenario",
    "scenario_from_yaml",
    "scenario_to_yaml",
]
