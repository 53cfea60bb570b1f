"""Staffing: how many customer managers for a sales target, four ways side by side."""

from sim.staffing.plan import MethodAnswer, StaffingPlan, plan, plan_staffing
from sim.staffing.request import StaffingRequest
from sim.staffing.rules import AccountClass, RuleResult, paper_rule, scenario_workload, workload_size
from sim.staffing.simulated import CurvePoint, risk_curve, roi_band, smallest_reaching

__all__ = [
    "AccountClass",
    "CurvePoint",
    "MethodAnswer",
    "RuleResult",
    "StaffingPlan",
    "StaffingRequest",
    "paper_rule",
    "plan",
    "plan_staffing",
    "risk_curve",
    "roi_band",
    "scenario_workload",
    "smallest_reaching",
    "workload_size",
]
