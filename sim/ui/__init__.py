"""The user interface room: ipywidgets panels and matplotlib charts; the only room that imports them.

Panels depend on the model, never the reverse. Controls take their ranges from
the declared fields of the scenario and of the other validated records
(:mod:`sim.ui.controls`). Charts live in :mod:`sim.ui.charts`, imported when a
panel first draws one, so that a page is ready before matplotlib is loaded.

Panels: :class:`ScenarioEditor` (controls from declared fields), :class:`ComparePanel`
(two variants under common random numbers, with intervals), :func:`visit_policy_comparator`,
:class:`StaffingExplorer` (the four methods and the risk curve), :class:`PipelineFlowPanel`
(customers by stage over time), :class:`TrainingPlanPanel` and :class:`ArchiveBrowser`
(one customer's relationship file).
"""

from sim.ui.archive_browser import ArchiveBrowser
from sim.ui.compare import ComparePanel, compare_callback, interval_frame, visit_policy_comparator
from sim.ui.controls import ScenarioEditor, control_for, spec_index
from sim.ui.panel import Panel, message, show_figure
from sim.ui.pipeline import PipelineFlowPanel
from sim.ui.staffing import StaffingExplorer
from sim.ui.training import TrainingPlanPanel

__all__ = [
    "ArchiveBrowser",
    "ComparePanel",
    "Panel",
    "PipelineFlowPanel",
    "ScenarioEditor",
    "StaffingExplorer",
    "TrainingPlanPanel",
    "compare_callback",
    "control_for",
    "interval_frame",
    "message",
    "show_figure",
    "spec_index",
    "visit_policy_comparator",
]
