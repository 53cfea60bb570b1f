"""ipywidgets panels for the curriculum: they depend on the model, never the reverse.

Panels: :class:`ScenarioEditor` (controls from the scenario's declared fields and
ranges), :class:`ComparePanel` (two variants under common random numbers, with
intervals), :func:`visit_policy_comparator`, :class:`StaffingExplorer` (the four
methods and the risk curve), :class:`PipelineFlowPanel` (customers by stage over
time) and :class:`ArchiveBrowser` (one customer's relationship file).
"""

from sim.widgets.controls import ScenarioEditor, control_for, spec_index
from sim.widgets.curriculum import show_objectives
from sim.widgets.exercise import ExerciseWidget
from sim.widgets.panels import (
    ArchiveBrowser,
    CasePanel,
    ComparePanel,
    Panel,
    PipelineFlowPanel,
    StaffingExplorer,
    TrainingPlanPanel,
    compare_callback,
    visit_policy_comparator,
)

__all__ = [
    "ArchiveBrowser",
    "CasePanel",
    "ComparePanel",
    "ExerciseWidget",
    "Panel",
    "PipelineFlowPanel",
    "ScenarioEditor",
    "StaffingExplorer",
    "TrainingPlanPanel",
    "compare_callback",
    "control_for",
    "show_objectives",
    "spec_index",
    "visit_policy_comparator",
]
