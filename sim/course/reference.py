"""Reference results: every number the course materials quote, computed once from fixed seeds.

The README, the exercises, the debriefs, the session plans and the cases quote
results of the model ("the paper's rule gives 8", "weekly visits cost about 140
more visits a year"). They are all computed here, from fixed seeds, and kept in
``curriculum/reference.yaml``; ``python -m sim reference`` writes the file again.
Its ``quotes`` section lists, for each quoting file, the sentence with the
number in it as a template (``{staffing_default.paper_rule}``); a test renders
every template from the file and fails when a text no longer says what the
model gives, or when the file itself no longer matches a fresh computation.
"""

from __future__ import annotations

import itertools
import math
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sim import resources
from sim.experiments import Backend, compare, training_return
from sim.experiments.practices import TrainingDesign
from sim.results.kpis import KPI_UNITS
from sim.scenario import Scenario, load_scenario
from sim.staffing import plan_staffing

REPS = 20
_SECTIONS: dict[str, Callable[[Backend], dict[str, Any]]] = {}


def _section(name: str) -> Callable[[Callable[[Backend], dict[str, Any]]], Callable[[Backend], dict[str, Any]]]:
    def register(function: Callable[[Backend], dict[str, Any]]) -> Callable[[Backend], dict[str, Any]]:
        _SECTIONS[name] = function
        return function

    return register


def _round(value: float, digits: int) -> float | int | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value)) if digits == 0 else round(float(value), digits)


def _plain(node: Any) -> Any:
    """Numpy scalars and tuples as plain YAML numbers and lists."""
    if isinstance(node, dict):
        return {key: _plain(item) for key, item in node.items()}
    if isinstance(node, list | tuple):
        return [_plain(item) for item in node]
    return node.item() if hasattr(node, "item") else node


@dataclass(frozen=True)
class Experiment:
    """Variants of one scenario, replicated on common random numbers: what a text quotes about them.

    Its section holds, for every variant label, each KPI's ``mean``, ``low`` and ``high`` (95%
    interval over the replications) and ``share_reaching_target``; after the first variant (the baseline), the paired
    ``difference`` from the baseline with ``diff_low`` and ``diff_high``, and ``relative`` (the
    difference over the baseline's mean); with ``one_run``, also ``one_run``: the baseline's KPIs in
    the single run on the scenario's own seed (what a notebook that runs once shows).

    Attributes:
        name: The section's name, e.g. ``visit_policy``.
        doc: What it is, in a sentence.
        variants: Label to changes of the base scenario (dotted paths); the first is the baseline.
        kpis: The KPIs to keep.
        scenario: A scenario file under ``data/`` (e.g. ``cases/doubled_target.yaml``); the default when None.
        reps: Replications of every variant.
        one_run: Whether to keep the baseline's single run on its own seed too.
    """

    name: str
    doc: str
    variants: dict[str, dict[str, Any]]
    kpis: tuple[str, ...]
    scenario: str | None = None
    reps: int = REPS
    one_run: bool = False

    def base(self) -> Scenario:
        """The scenario the variants change."""
        return load_scenario(resources.path("data", self.scenario)) if self.scenario else Scenario()

    def compute(self, backend: Backend) -> dict[str, Any]:
        """Replicate the variants and keep the quoted figures, rounded by unit."""
        base = self.base()
        scenarios = {label: base.with_values(changes) for label, changes in self.variants.items()}
        result = compare(scenarios, reps=self.reps, backend=backend)
        baseline = result.labels[0]
        out: dict[str, Any] = {"reps": self.reps}
        for label in result.labels:
            out[label] = {}
            for kpi in self.kpis:
                digits = _digits(kpi)
                row = result.summary.loc[(label, kpi)]
                figures = {
                    "mean": _round(row["mean"], digits),
                    "low": _round(row["ci_low"], digits),
                    "high": _round(row["ci_high"], digits),
                }
                if label != baseline:
                    diff = result.differences.loc[(label, kpi)]
                    base_mean = result.summary.loc[(baseline, kpi), "mean"]
                    figures.update(
                        difference=_round(diff["difference"], digits),
                        diff_low=_round(diff["ci_low"], digits),
                        diff_high=_round(diff["ci_high"], digits),
                        relative=_round(diff["difference"] / base_mean, 3) if base_mean else None,
                    )
                out[label][kpi] = figures
            runs = result.runs[result.runs["scenario"] == label]
            out[label]["share_reaching_target"] = _round(float((runs["target_attainment"] >= 1).mean()), 2)
        if self.one_run:
            from sim.results import run

            kpis = run(scenarios[baseline]).kpis
            out["one_run"] = {kpi: _round(kpis[kpi], _digits(kpi)) for kpi in self.kpis}
        return out


def _digits(kpi: str) -> int:
    """Digits kept for a KPI: whole wan CNY, three for ratios and scores, one for the rest."""
    unit = KPI_UNITS.get(kpi, "")
    if unit == "wan CNY":
        return 0
    return 3 if unit in ("ratio", "score 0-1") else 1


_MAIN_KPIS = (
    "order_intake",
    "target_attainment",
    "visits_made",
    "visit_compliance",
    "manager_utilisation",
    "satisfaction_mean",
    "retention",
    "bids_won",
    "issues_opened",
    "issue_resolution_days_mean",
)

#: The experiments the materials quote, each a section of the reference file.
EXPERIMENTS: list[Experiment] = [
    Experiment(
        "default",
        "The default institute (120 customers, 8 managers), its own year and 20 replications; 4 managers instead.",
        {"paper": {}, "four_managers": {"managers.count": 4}},
        _MAIN_KPIS,
        one_run=True,
    ),
    Experiment(
        "meeting",
        "The CRM meeting every 14 days (the paper's), weekly, monthly and none.",
        {
            "biweekly": {},
            "weekly": {"meeting.cadence_days": 7},
            "monthly": {"meeting.cadence_days": 28},
            "none": {"meeting.cadence_days": 0},
        },
        ("lead_wait_days_mean", "leads_stale", "meeting_cost", "order_intake"),
    ),
    Experiment(
        "start_here",
        "Module 00's lab on the notebook's own seed: 4 customer managers against the default 8.",
        {"four_managers": {"managers.count": 4}, "eight_managers": {}},
        ("order_intake", "target_attainment", "visit_compliance", "satisfaction_mean", "manager_utilisation"),
        one_run=True,
    ),
    Experiment(
        "after_completion",
        "Module 01: the paper's return visits after completion (60-120 days) against rare ones and none.",
        {
            "paper": {},
            "rare": {"visit_policy.after_completion": {"min_days": 300, "max_days": 365}},
            "none": {"visit_policy.after_completion": None},
        },
        ("order_intake", "satisfaction_mean", "loyalty_mean", "retention", "manager_utilisation", "visits_made"),
    ),
    Experiment(
        "return_visits",
        "Module 04: projects under way visited every 7-14 days (the paper's), every 5-7, every 14-28 and every 14.",
        {
            "paper": {},
            "weekly": {"visit_policy.implementation": {"min_days": 5, "max_days": 7}},
            "two_to_four_weeks": {"visit_policy.implementation": {"min_days": 14, "max_days": 28}},
            "fortnightly": {"visit_policy.implementation": {"min_days": 14, "max_days": 14}},
        },
        (
            "order_intake",
            "visit_compliance",
            "visits_made",
            "visits_late",
            "visits_missed",
            "satisfaction_mean",
            "manager_utilisation",
            "issues_opened",
        ),
    ),
    Experiment(
        "procurement",
        "The procurement_requirements case: reading published requirements, not reading them, 4 or 5 managers, "
        "screening harder (top_scored).",
        {
            "reading": {},
            "not_reading": {f"customers.segments.{i}.lead_rate_per_year": 0.0 for i in range(2, 8)},
            "four_managers": {"managers.count": 4},
            "five_managers": {"managers.count": 5},
            "top_scored": {"cultivation.policy": "top_scored"},
        },
        (
            "order_intake",
            "target_attainment",
            "visit_compliance",
            "visits_late",
            "manager_utilisation",
            "leads_arrived",
            "leads_expired",
            "leads_stale",
            "lead_wait_days_mean",
            "bids_won",
        ),
        scenario="cases/procurement_requirements.yaml",
        one_run=True,
    ),
    Experiment(
        "reorganisation",
        "The service_reorganisation case: the paper's rule with 3 managers ramping up, no ramp-up, a pooled "
        "portfolio, a ninth manager, a 3-month ramp-up (joint handover visits).",
        {
            "paper_rule": {},
            "no_ramp_up": {"managers.new_hires": 0},
            "pooled": {"managers.assignment": "balanced"},
            "ninth_manager": {"managers.count": 9},
            "joint_handover": {"managers.ramp_up_months": 3.0},
        },
        ("visit_compliance", "visits_late", "visits_missed", "satisfaction_mean", "retention", "order_intake"),
        scenario="cases/service_reorganisation.yaml",
        one_run=True,
    ),
    Experiment(
        "backlog",
        "The after_sales_backlog case: two engineers, a third one, a quarter faster fixes, rarer visits after "
        "completion (60-120 days).",
        {
            "base": {},
            "add_engineer": {"after_sales.staff": 3},
            "fix_faster": {"after_sales.resolution.mean_days": 3.0},
            "visit_less": {"visit_policy.after_completion": {"min_days": 60, "max_days": 120}},
        },
        (
            "issues_opened",
            "issues_resolved",
            "issue_wait_days_mean",
            "issue_resolution_days_mean",
            "issue_resolution_days_p95",
            "satisfaction_mean",
            "order_intake",
        ),
        scenario="cases/after_sales_backlog.yaml",
        one_run=True,
    ),
    Experiment(
        "doubled_target",
        "The doubled_target case (target 5,000): 8, 12, 16 and 20 managers; 12 with visits after completion "
        "every 30-60 days; and with a win probability of 0.55 as well.",
        {
            "eight": {},
            "twelve": {"managers.count": 12},
            "sixteen": {"managers.count": 16},
            "twenty": {"managers.count": 20},
            "twelve_visits": {
                "managers.count": 12,
                "visit_policy.after_completion": {"min_days": 30, "max_days": 60},
            },
            "twelve_visits_win": {
                "managers.count": 12,
                "visit_policy.after_completion": {"min_days": 30, "max_days": 60},
                "pipeline.win_probability": 0.55,
            },
        },
        (
            "order_intake",
            "target_attainment",
            "visit_compliance",
            "manager_utilisation",
            "satisfaction_mean",
            "issue_resolution_days_mean",
        ),
        scenario="cases/doubled_target.yaml",
        one_run=True,
    ),
]


def _experiment_section(experiment: Experiment) -> Callable[[Backend], dict[str, Any]]:
    def compute(backend: Backend) -> dict[str, Any]:
        return experiment.compute(backend)

    compute.__doc__ = experiment.doc
    return compute


for _experiment in EXPERIMENTS:
    _section(_experiment.name)(_experiment_section(_experiment))


@_section("training")
def training(backend: Backend) -> dict[str, Any]:
    """The four-phase training plan of module 07 against no training."""
    scenario = Scenario().with_values({"training.phases": TrainingDesign().phases()})
    outcome = training_return(scenario, reps=REPS, backend=backend)
    return {
        "reps": REPS,
        "intake_gain": _round(outcome.intake_gain.mean, 0),
        "intake_gain_low": _round(outcome.intake_gain.low, 0),
        "intake_gain_high": _round(outcome.intake_gain.high, 0),
        "training_cost": _round(outcome.training_cost, 1),
        "roi": _round(outcome.roi.mean, 2),
    }


def _staffing(target: float, past_sales: float, managers: int, growth: float, backend: Backend) -> dict[str, Any]:
    # The request's default replications: what the staffing planner and `sim staffing` show with these inputs.
    plan = plan_staffing(target, past_sales, managers, growth, backend=backend)
    methods = {m.method: m for m in plan.methods}
    simulation = methods["simulation"].detail
    calibration = plan.inputs["calibration"]
    return {
        "paper_rule": methods["paper_rule"].managers,
        "paper_rule_exact": _round(methods["paper_rule"].managers_exact, 2),
        "workload": methods["workload"].managers,
        "workload_exact": _round(methods["workload"].managers_exact, 2),
        "simulation": methods["simulation"].managers,
        "simulation_undecided": simulation["undecided"],
        "simulation_plateau": _round(simulation["plateau"], 2),
        "simulation_reps": simulation["reps"],
        "roi_band": methods["roi_band"].managers,
        "baseline_intake": _round(calibration["baseline_intake"], 0),
        "baseline_low": _round(calibration["baseline_low"], 0),
        "baseline_high": _round(calibration["baseline_high"], 0),
        "flow": _round(calibration["flow"], 2),
        "intake_smallest_team": _round(plan.curve[0].order_intake_mean, 0),
        "intake_largest_team": _round(plan.curve[-1].order_intake_mean, 0),
        "p_by_team": {p.managers: _round(p.p_fit, 2) for p in plan.curve},
        "candidates": plan.inputs["candidates"],
    }


@_section("staffing_default")
def staffing_default(backend: Backend) -> dict[str, Any]:
    """The staffing planner's defaults: target 2,500, past sales 2,300 with 8 managers, growth 10%."""
    return _staffing(2500, 2300, 8, 0.1, backend)


@_section("staffing_half_day")
def staffing_half_day(backend: Backend) -> dict[str, Any]:
    """The half-day session's exercise: the same institute with a target of 3,500."""
    return _staffing(3500, 2300, 8, 0.1, backend)


@_section("staffing_department_head")
def staffing_department_head(backend: Backend) -> dict[str, Any]:
    """A department head's own numbers: target 12,000, past sales 10,000 with 30 managers, growth 5%."""
    return _staffing(12000, 10000, 30, 0.05, backend)


@_section("staffing_doubled_target")
def staffing_doubled_target(backend: Backend) -> dict[str, Any]:
    """The doubled_target case's staffing question: target 5,000 on the case scenario, 8 to 20 managers."""
    scenario = load_scenario(resources.path("data", "cases", "doubled_target.yaml"))
    plan = plan_staffing(5000, 2300, 8, 0.1, scenario=scenario, candidates=[8, 12, 16, 20], backend=backend)
    methods = {m.method: m for m in plan.methods}
    simulation = methods["simulation"].detail
    return {
        "paper_rule": methods["paper_rule"].managers,
        "paper_rule_exact": _round(methods["paper_rule"].managers_exact, 2),
        "workload": methods["workload"].managers,
        "workload_exact": _round(methods["workload"].managers_exact, 2),
        "simulation": methods["simulation"].managers,
        "simulation_plateau": _round(simulation["plateau"], 2),
        "simulation_reps": simulation["reps"],
        "roi_band": methods["roi_band"].managers,
        "p_by_team": {p.managers: _round(p.p_fit, 2) for p in plan.curve},
        "intake_by_team": {p.managers: _round(p.order_intake_mean, 0) for p in plan.curve},
        "utilisation_by_team": {p.managers: _round(p.manager_utilisation, 3) for p in plan.curve},
        "return_by_team": {p.managers: _round(p.three_year_return, 2) for p in plan.curve},
        "candidates": plan.inputs["candidates"],
    }


@_section("model")
def model(backend: Backend) -> dict[str, Any]:
    """A fingerprint of the model: one run of every scenario the materials use, hashed.

    Any change to the model's behaviour changes it, so a test can tell cheaply that the stored
    results (and the texts that quote them) must be built again.
    """
    import hashlib
    import json

    from sim.results import run

    files = [None, *sorted(f"cases/{p.name}" for p in resources.path("data", "cases").glob("*.yaml"))]
    runs = {}
    for file in files:
        scenario = Experiment("", "", {"": {}}, (), scenario=file).base()
        kpis = run(scenario.with_values({"horizon_days": 180})).kpis
        runs[file or "default"] = {k: float(f"{v:.6g}") for k, v in sorted(kpis.items()) if not math.isnan(v)}
    digest = hashlib.sha256(json.dumps(runs, sort_keys=True).encode("utf-8")).hexdigest()
    return {"fingerprint": digest[:16], "scenarios": len(files)}


def reference_file() -> Path:
    """Where the reference results are kept."""
    return resources.path("curriculum", "reference.yaml")


def load_reference() -> dict[str, Any]:
    """The stored reference results (sections and quotes)."""
    return yaml.safe_load(reference_file().read_text(encoding="utf-8"))


def build_reference(sections: list[str] | None = None, backend: Backend | str | None = "processes") -> dict[str, Any]:
    """Compute the reference results (every section, or the ones named) from their fixed seeds."""
    chosen = sections or list(_SECTIONS)
    backend = Backend.of(backend)
    return {name: _SECTIONS[name](backend) for name in chosen}


def section_names() -> list[str]:
    """The reference sections, in order."""
    return list(_SECTIONS)


def value(reference: dict[str, Any], key: str) -> Any:
    """A value by dotted key, e.g. ``staffing_default.paper_rule``."""
    node: Any = reference
    for part in key.split("."):
        node = node[int(part)] if part not in node and part.lstrip("-").isdigit() else node[part]
    return node


def render(template: str, reference: dict[str, Any]) -> str:
    """A quoting template with every ``{dotted.key}`` or ``{dotted.key:format}`` filled from the reference.

    ``{dotted.key!n:format}`` writes the figure negated: "cost about {x.difference!n:,} wan CNY" for a
    difference of -539.
    """
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        out.append(literal)
        if field is not None:
            figure = value(reference, field)
            out.append(format(-figure if conversion == "n" else figure, spec or ""))
    return "".join(out)


def write_reference(results: dict[str, Any], path: Path | None = None) -> Path:
    """Write the results into the reference file, keeping its header, its ``quotes`` and any section not rebuilt."""
    target = path or reference_file()
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    header = "".join(f"{line}\n" for line in itertools.takewhile(lambda line: line.startswith("#"), old.splitlines()))
    stored = (yaml.safe_load(old) or {}) if old else {}
    quotes = stored.pop("quotes", None) or {}
    merged = {name: results.get(name, stored.get(name)) for name in _SECTIONS if name in results or name in stored}
    body = yaml.safe_dump({**_plain(merged), "quotes": quotes}, sort_keys=False, allow_unicode=True, width=110)
    target.write_text(header + body, encoding="utf-8")
    return target
