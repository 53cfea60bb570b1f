"""Scenario records for the paper's practices.

The CRM meeting, lead sharing and rewards, cultivating potential customers,
and the relationship-marketing training plan.

Every default leaves the practice as an ordinary institute would run it (a
biweekly meeting, no rewards, every prospect cultivated, no training), and every
number is an illustrative training parameter.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from sim.scenario.errors import rule
from sim.scenario.record import Record, bounded

AssignmentRule = Literal["by_branch", "by_scope", "by_branch_and_scope", "lowest_load", "acquaintance"]
Audience = Literal["customer_managers", "department_heads", "staff"]
PhaseName = Literal["theory", "concepts", "successful_cases", "selling_skills"]


class Meeting(Record):
    """The CRM meeting (例会): where leads found since the last one are shared and assigned."""

    cadence_days: int = bounded(
        14,
        ge=0,
        le=91,
        unit="days",
        doc="Days between meetings (the paper: 14); 0 means no meeting: leads are passed on ad hoc.",
    )
    weekday: int = bounded(
        5, ge=0, le=6, unit="day of week, 0 = Monday", doc="Day of the meeting (the paper: Saturday morning)."
    )
    hours: float = bounded(3.0, gt=0, le=8, unit="hours", doc="Length of one meeting.")
    leaders_attending: int = bounded(
        4, ge=0, le=100, unit="people", doc="Leaders and department heads who attend besides the customer managers."
    )
    hourly_cost_wan_cny: float = bounded(
        0.03, ge=0, le=1, unit="wan CNY/hour", doc="Cost of one hour of one attendee's time."
    )
    assignment_rule: AssignmentRule = Field(
        "by_branch_and_scope",
        description=(
            "Who gets a shared lead: a manager covering its service branch, its business scope, both (the "
            "paper's rule), the least loaded manager, or whoever has an acquaintance at the customer."
        ),
    )
    acquaintance_probability: float = bounded(
        0.25,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance that someone at the meeting knows someone at the lead's customer (a 熟人).",
    )
    acquaintance_research_speedup: float = bounded(
        0.4, ge=0, le=1, unit="share", doc="Share of needs-research time saved by entering through an acquaintance."
    )
    acquaintance_win_uplift: float = bounded(
        0.1,
        ge=0,
        le=0.5,
        unit="probability",
        doc="Win probability added when a lead entered through an acquaintance.",
    )
    adhoc_delay_days: float = bounded(
        10.0, ge=0, le=180, unit="days", doc="Without meetings: mean days before a found lead reaches a manager."
    )
    adhoc_stale_probability: float = bounded(
        0.3, ge=0, le=1, unit="probability", doc="Without meetings: chance that a found lead is never passed on."
    )


class Leads(Record):
    """Where leads come from besides published procurement requirements (the segments' lead rates)."""

    staff_leads_per_year: float = bounded(
        6.0, ge=0, le=1000, unit="leads/year", doc="Leads staff of other departments pass on, without rewards."
    )
    reward_per_win_wan_cny: float = bounded(
        0.0, ge=0, le=1000, unit="wan CNY", doc="Reward per won project, to whoever found or helped its lead; 0 = none."
    )
    reward_max_uplift: float = bounded(
        1.0, ge=0, le=5, unit="ratio", doc="Most that rewards can raise staff lead sharing by (1.0 = doubles it)."
    )
    reward_half_saturation_wan_cny: float = bounded(
        5.0,
        gt=0,
        le=1000,
        unit="wan CNY",
        doc="Reward per win that gives half the largest uplift (diminishing returns).",
    )


class Cultivation(Record):
    """Which prospects (潜在客户) get needs-research visits.

    Each prospect has the paper's three criteria, each a score 0-1: the
    conditions, the ability and the willingness to buy; its potential is their
    geometric mean (a prospect lacking any one is a poor prospect).
    """

    policy: Literal["all", "top_scored", "by_branch"] = Field(
        "all",
        description="Research every prospect, only those of at least ``min_potential``, or only those of ``branches``.",
    )
    min_potential: float = bounded(
        0.5, ge=0, le=1, unit="score 0-1", doc="With policy top_scored: the lowest potential still researched."
    )
    branches: tuple[str, ...] = Field(
        default=(),
        strict=False,
        description="With policy by_branch: the service branches whose prospects are researched.",
    )
    potential_slope: float = bounded(
        0.8,
        ge=0,
        le=2,
        unit="probability/score",
        doc="Qualification probability = qualify_probability + slope x (potential - 0.5), kept within 0..1.",
    )

    @model_validator(mode="after")
    def _branches_fit_policy(self) -> Cultivation:
        if self.policy == "by_branch" and not self.branches:
            raise rule("rule.by_branch_needs")
        if self.policy != "by_branch" and self.branches:
            raise rule("rule.branches_unused", policy=self.policy)
        return self


class TrainingPhase(Record):
    """One phase of the relationship-marketing training plan (关系营销培训)."""

    phase: PhaseName = Field(
        description="Which of the paper's phases: theory, concepts, successful cases or selling skills."
    )
    start_day: int = bounded(0, ge=0, le=3650, unit="day", doc="First day of the phase (day 0 = start of the run).")
    days: int = bounded(1, ge=1, le=60, unit="days", doc="How many consecutive days the phase lasts.")
    hours_per_day: float = bounded(4.0, ge=0, le=8, unit="hours", doc="Training hours on each of those days.")
    audience: tuple[Audience, ...] = Field(
        default=("customer_managers",),
        strict=False,
        min_length=1,
        description="Who attends: customer_managers, department_heads, staff.",
    )

    @property
    def end_day(self) -> int:
        """The day after the last training day."""
        return self.start_day + self.days


class TrainingEffects(Record):
    """What full training changes; effects ramp in after each phase and fade without refreshers."""

    visit_gain_uplift: float = bounded(
        0.5, ge=0, le=3, unit="ratio", doc="Relative rise of the satisfaction a visit brings (0.5 = +50%)."
    )
    issue_finding_uplift: float = bounded(
        0.3, ge=0, le=3, unit="ratio", doc="Relative rise of the chance that a visit finds an existing issue."
    )
    new_need_uplift: float = bounded(
        0.3, ge=0, le=3, unit="ratio", doc="Relative rise of the chance that a visit uncovers a new need."
    )
    win_uplift: float = bounded(0.05, ge=0, le=0.5, unit="probability", doc="Win probability added by full training.")
    staff_sharing_uplift: float = bounded(
        0.5, ge=0, le=5, unit="ratio", doc="Relative rise of lead sharing by staff who were taught."
    )
    ramp_in_days: float = bounded(30.0, ge=0, le=365, unit="days", doc="Days for a phase's effect to build up fully.")
    fade_half_life_days: float = bounded(
        365.0, gt=0, le=3650, unit="days", doc="Without a refresher, a phase's effect halves in this time."
    )


class Training(Record):
    """The training plan: its phases, who attends, what it costs and what it changes."""

    phases: tuple[TrainingPhase, ...] = Field(default=(), strict=False, description="The plan; empty = no training.")
    department_heads: int = bounded(
        6, ge=0, le=500, unit="people", doc="Department heads and deputies who attend their phases."
    )
    staff_taught: int = bounded(
        40, ge=0, le=10_000, unit="people", doc="Staff the department heads teach afterwards (attend staff phases)."
    )
    cost_per_participant_hour_wan_cny: float = bounded(
        0.02, ge=0, le=1, unit="wan CNY/hour", doc="Cost of one participant-hour of training (trainer, room, time)."
    )
    effects: TrainingEffects = Field(default_factory=TrainingEffects)

    @model_validator(mode="after")
    def _no_overlap(self) -> Training:
        phases = self.phases
        for i, first in enumerate(phases):
            for second in phases[i + 1 :]:
                shared = set(first.audience) & set(second.audience)
                if shared and first.start_day < second.end_day and second.start_day < first.end_day:
                    raise rule(
                        "rule.phases_overlap",
                        first=first.phase,
                        first_days=f"{first.start_day}-{first.end_day - 1}",
                        second=second.phase,
                        second_days=f"{second.start_day}-{second.end_day - 1}",
                        audience=", ".join(sorted(shared)),
                    )
        return self
