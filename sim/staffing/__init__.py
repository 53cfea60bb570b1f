"""Staffing: how many customer managers for a sales target, four ways side by side."""

from sim.staffing.plan import MethodAnswer, StaffingPlan, plan_staffing
from sim.staffing.rules import AccountClass, RuleResult, paper_rule, scenario_workload, workload_size
from sim.staffing.simulated import CurvePoint, risk_curve, roi_band, smallest_reaching

__all__ = [
    "AccountClass",
    "CurvePoint",
    "MethodAnswer",
    "RuleResult",
    "StaffingPlan",
    "paper_rule",
    "plan_staffing",
    "risk_curve",
    "roi_band",
    "scenario_workload",
    "smallest_reaching",
    "workload_size",
]
