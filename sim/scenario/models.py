"""The scenario: every parameter of one simulated marketing organisation.

A :class:`Scenario` is a tree of small immutable records. Each numeric field
declares its unit and allowed range (see :func:`sim.scenario._base.bounded`);
rules that tie fields together are checked by ``model_validator`` hooks so that
a scenario that exists is always one the model can run. The defaults describe
a mid-size defense-electronics institute; **every number is an illustrative
training parameter, not data from any real enterprise.**

Money is in wan CNY (万元, ten thousand yuan), time in days unless a field
name says hours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

from pydantic import Field, model_validator

from sim.scenario.errors import rule
from sim.scenario.practices import Cultivation, Leads, Meeting, Training
from sim.scenario.record import Record, bounded
from sim.stages import INITIAL_STAGES

_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


class Duration(Record):
    """A random duration in days: fixed, exponential or lognormal."""

    distribution: Literal["fixed", "exponential", "lognormal"] = Field(
        "lognormal", description="Shape of the distribution; ``fixed`` makes the duration deterministic."
    )
    mean_days: float = bounded(30.0, gt=0, le=3650, unit="days", doc="Mean duration.")
    cv: float = bounded(
        0.5,
        ge=0,
        le=3,
        unit="ratio",
        doc="Coefficient of variation (standard deviation / mean): 0 for fixed, "
        "1 for exponential, any value for lognormal.",
    )

    @model_validator(mode="after")
    def _cv_matches_distribution(self) -> Duration:
        required = {"fixed": 0.0, "exponential": 1.0}.get(self.distribution)
        if required is not None and self.cv != required:
            raise rule("rule.cv", cv=self.cv, distribution=self.distribution, required=f"{required:g}")
        return self


class Interval(Record):
    """A return-visit window, in days after the last contact, and the day in it the visit is planned for.

    The next visit is due between ``min_days`` and ``max_days`` after the last
    contact; the paper asks for one every 7-14 days while a project is under way.
    The manager plans it for the target day, ``min_days + target_share x
    (max_days - min_days)`` after the last contact (the middle of the window by
    default: 10.5 days for 7-14), moved by up to the policy's ``spread_days`` onto
    the working day with the fewest visits already planned. A visit not made by
    the deadline is late; one not made within the grace period is missed.
    """

    min_days: float = bounded(7.0, ge=0, le=3650, unit="days", doc="Earliest day of the window.")
    max_days: float = bounded(14.0, gt=0, le=3650, unit="days", doc="Deadline of the window.")
    target_share: float = bounded(
        0.5,
        ge=0,
        le=1,
        unit="share",
        doc="Where in the window the visit is planned: 0 = the day it opens, 1 = its deadline, 0.5 = midway.",
    )

    @property
    def target_days(self) -> float:
        """Days after the last contact the visit is planned for (before it is moved to balance the load)."""
        return self.min_days + self.target_share * (self.max_days - self.min_days)

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.min_days > self.max_days:
            raise rule("rule.window", min_days=self.min_days, max_days=self.max_days)
        return self


class Segment(Record):
    """Customers of one service branch (军兵种) and one business scope."""

    branch: str = Field(pattern=_KEY_PATTERN, description="Service branch key, e.g. 'navy'.")
    scope: str = Field(pattern=_KEY_PATTERN, description="Business scope key, e.g. 'power_modules'.")
    customers: int = bounded(10, ge=0, le=100_000, unit="customers", doc="Archived customers at the start.")
    lead_rate_per_year: float = bounded(
        2.0, ge=0, le=10_000, unit="leads/year", doc="New leads (prospective customers) arriving per year."
    )


def _default_segments() -> tuple[Segment, ...]:
    # An institute making hybrid microcircuits, power modules and test systems
    # for the services after the 2024 reorganisation, plus prime contractors.
    rows = [
        ("army", "hybrid_microcircuits", 14, 1.5),
        ("army", "power_modules", 10, 1.0),
        ("army", "test_systems", 6, 0.5),
        ("navy", "hybrid_microcircuits", 10, 1.0),
        ("navy", "power_modules", 8, 1.0),
        ("navy", "test_systems", 4, 0.5),
        ("air_force", "hybrid_microcircuits", 14, 1.5),
        ("air_force", "power_modules", 10, 1.0),
        ("air_force", "test_systems", 4, 0.5),
        ("rocket_force", "hybrid_microcircuits", 8, 1.0),
        ("rocket_force", "power_modules", 6, 0.5),
        ("aerospace_force", "hybrid_microcircuits", 6, 1.0),
        ("aerospace_force", "power_modules", 4, 0.5),
        ("information_support_force", "hybrid_microcircuits", 4, 1.0),
        ("information_support_force", "test_systems", 4, 0.5),
        ("prime_contractor", "hybrid_microcircuits", 4, 1.5),
        ("prime_contractor", "power_modules", 4, 1.0),
    ]
    return tuple(Segment(branch=b, scope=s, customers=n, lead_rate_per_year=r) for b, s, n, r in rows)


class StageMix(Record):
    """Shares of the archived customers in each stage when the run starts; they sum to 1."""

    lead: float = bounded(0.05, ge=0, le=1, unit="share", doc="Share waiting for first contact.")
    needs_research: float = bounded(0.10, ge=0, le=1, unit="share", doc="Share in needs research.")
    bidding: float = bounded(0.10, ge=0, le=1, unit="share", doc="Share preparing a bid.")
    implementation: float = bounded(0.25, ge=0, le=1, unit="share", doc="Share with a project under way.")
    after_completion: float = bounded(0.40, ge=0, le=1, unit="share", doc="Share after completion.")
    dormant: float = bounded(0.10, ge=0, le=1, unit="share", doc="Share dormant.")

    @model_validator(mode="after")
    def _sums_to_one(self) -> StageMix:
        total = sum(getattr(self, stage) for stage in INITIAL_STAGES)
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise rule("rule.shares", total=f"{total:g}")
        return self

    def shares(self) -> tuple[float, ...]:
        """The shares in stage-code order."""
        return tuple(getattr(self, stage) for stage in INITIAL_STAGES)


class Customers(Record):
    """The customer archive at the start and the value of their projects."""

    segments: tuple[Segment, ...] = Field(
        default_factory=_default_segments,
        strict=False,
        min_length=1,
        description="Customers and lead arrivals per service branch and business scope.",
    )
    initial_stage_mix: StageMix = Field(default_factory=StageMix)
    initial_satisfaction_low: float = bounded(
        0.4, ge=0, le=1, unit="score 0-1", doc="Lowest satisfaction of an archived customer at the start."
    )
    initial_satisfaction_high: float = bounded(
        0.8, ge=0, le=1, unit="score 0-1", doc="Highest satisfaction of an archived customer at the start."
    )
    new_customer_satisfaction: float = bounded(
        0.5, ge=0, le=1, unit="score 0-1", doc="Satisfaction and loyalty of a new lead."
    )
    project_value_median_wan_cny: float = bounded(
        80.0, gt=0, le=1_000_000, unit="wan CNY", doc="Median value of one won project (lognormal)."
    )
    project_value_sigma: float = bounded(
        0.7, ge=0, le=3, unit="log-sd", doc="Spread of project values (standard deviation of the log)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Customers:
        keys = [(s.branch, s.scope) for s in self.segments]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            branch, scope = duplicates[0]
            raise rule("rule.duplicate_segment", branch=branch, scope=scope)
        if not any(s.customers > 0 or s.lead_rate_per_year > 0 for s in self.segments):
            raise rule("rule.nobody")
        if self.initial_satisfaction_low > self.initial_satisfaction_high:
            raise rule("rule.satisfaction", low=self.initial_satisfaction_low, high=self.initial_satisfaction_high)
        return self


class Managers(Record):
    """The customer managers (客户经理): how many and how much visiting time each has."""

    count: int = bounded(8, ge=1, le=1000, unit="managers", doc="Number of customer managers.")
    working_days_per_week: int = bounded(5, ge=1, le=7, unit="days/week", doc="Working days, Monday first.")
    day_hours: float = bounded(
        8.0, gt=0, le=16, unit="hours/day", doc="Longest a manager spends on visits and travel in one day."
    )
    visit_hours_per_week: float = bounded(
        20.0, gt=0, le=80, unit="hours/week", doc="Hours a manager can give to visits and travel in a week."
    )
    max_visits_per_week: int = bounded(
        6, ge=1, le=50, unit="visits/week", doc="Most visits one manager makes in a week."
    )
    visit_hours: float = bounded(2.0, gt=0, le=16, unit="hours", doc="Time on site for one visit.")
    travel_hours_mean: float = bounded(2.0, ge=0, le=16, unit="hours", doc="Mean round-trip travel time per visit.")
    travel_hours_cv: float = bounded(
        0.5, ge=0, le=2, unit="ratio", doc="Variation of travel time (lognormal cv; 0 makes it fixed)."
    )
    new_hires: int = bounded(
        0,
        ge=0,
        le=1000,
        unit="managers",
        doc="How many of the managers start the horizon new and still ramp up (for example after hiring).",
    )
    ramp_up_months: float = bounded(
        6.0, ge=0, le=24, unit="months", doc="Months a new manager takes to reach full visiting capacity."
    )
    ramp_up_start_share: float = bounded(
        0.3, ge=0, le=1, unit="share", doc="Share of full capacity a brand-new manager has on the first day."
    )
    attrition_rate_per_year: float = bounded(
        0.1, ge=0, le=2, unit="1/year", doc="Rate at which a manager leaves (each manager independently)."
    )
    replacement_delay_days: float = bounded(
        60.0, ge=0, le=365, unit="days", doc="Days a departed manager's post stays empty before a new hire starts."
    )
    handover_satisfaction_loss: float = bounded(
        0.1,
        ge=0,
        le=1,
        unit="share",
        doc="Share of satisfaction a customer loses when handed to a new manager.",
    )
    assignment: Literal["by_branch_and_scope", "balanced"] = Field(
        "by_branch_and_scope",
        description=(
            "How customers are given to managers: each manager covers whole segments (service branch x "
            "business scope), or customers are dealt out evenly."
        ),
    )

    @model_validator(mode="after")
    def _a_visit_fits(self) -> Managers:
        if self.new_hires > self.count:
            raise rule("rule.new_hires", new_hires=self.new_hires, count=self.count)
        one_visit = self.visit_hours + self.travel_hours_mean
        limit = min(self.day_hours, self.visit_hours_per_week)
        if one_visit > limit:
            raise rule("rule.visit_fits", hours=f"{one_visit:g}", limit=f"{limit:g}")
        return self


def _interval(lo: float, hi: float, share: float = 0.5) -> Interval:
    return Interval(min_days=lo, max_days=hi, target_share=share)


class VisitPolicy(Record):
    """Return-visit windows per stage (定期回访); ``null`` means the stage is not visited.

    The paper's defaults: projects under way every 1-2 weeks, customers after
    completion periodically, new customers contacted for needs research. Each
    visit is planned for a target day inside its window (see :class:`Interval`);
    planned visits are spread over the working days by load, and on each day a
    manager makes the visits planned for it (or earlier), earliest deadline first,
    as far as the day's and the week's hours allow.
    """

    lead: Interval = Field(
        default_factory=lambda: _interval(0, 14, share=0.0),
        description="First contact of a new lead (planned as soon as the lead is assigned).",
    )
    needs_research: Interval = Field(
        default_factory=lambda: _interval(14, 28), description="Needs-research visits to a prospect."
    )
    bidding: Interval | None = Field(
        default_factory=lambda: _interval(7, 14), description="Sales-support visits while a bid is prepared."
    )
    implementation: Interval | None = Field(
        default_factory=lambda: _interval(7, 14),
        description="Visits while a project is under way (the paper: every 1-2 weeks).",
    )
    after_completion: Interval | None = Field(
        default_factory=lambda: _interval(60, 120), description="Regular return visits after completion."
    )
    dormant: Interval | None = Field(
        default_factory=lambda: _interval(180, 365), description="Occasional visits to dormant customers."
    )
    spread_days: float = bounded(
        2.0,
        ge=0,
        le=30,
        unit="days",
        doc="A planned visit may move up to this many days either side of its target day, inside its window and "
        "onto a working day, to the day with the fewest visits already planned (0: always the target day).",
    )
    grace_days: float = bounded(
        14.0,
        ge=0,
        le=365,
        unit="days",
        doc="A visit not made this many days after its deadline counts as missed; the next window follows.",
    )

    def window(self, stage: str) -> Interval | None:
        """The visit window of a stage, or None when the stage is not visited."""
        return getattr(self, stage) if stage in INITIAL_STAGES else None


class Pipeline(Record):
    """How opportunities move: needs research, bids, projects, repeat business, dormancy."""

    lead_expiry_days: float = bounded(
        30.0, gt=0, le=365, unit="days", doc="A lead not contacted within this many days goes stale."
    )
    needs_research: Duration = Field(default_factory=lambda: Duration(mean_days=45, cv=0.5))
    needs_research_visits: int = bounded(
        2, ge=0, le=20, unit="visits", doc="Visits needed after first contact before a bid can be prepared."
    )
    research_stall_days: float = bounded(
        150.0,
        gt=0,
        le=730,
        unit="days",
        doc="Needs research abandoned when its visits are not made within this many days.",
    )
    qualify_probability: float = bounded(
        0.6, ge=0, le=1, unit="probability", doc="Chance that needs research leads to a bid."
    )
    bid_preparation: Duration = Field(default_factory=lambda: Duration(mean_days=30, cv=0.5))
    win_probability: float = bounded(
        0.4, ge=0, le=1, unit="probability", doc="Chance to win a bid for a customer of loyalty 0.5."
    )
    bid_support_visits: int = bounded(
        2,
        ge=0,
        le=20,
        unit="visits",
        doc="Sales-support visits during bid preparation that earn the full win probability.",
    )
    unsupported_win_penalty: float = bounded(
        0.5,
        ge=0,
        le=1,
        unit="share",
        doc="Share of the win probability lost when no support visit is made (less for some visits).",
    )
    implementation: Duration = Field(default_factory=lambda: Duration(mean_days=120, cv=0.5))
    repeat_rate_per_year: float = bounded(
        0.4,
        ge=0,
        le=20,
        unit="1/year",
        doc="Rate at which a customer after completion comes with a new need unprompted, at loyalty 0.5.",
    )
    new_need_per_visit: float = bounded(
        0.15,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance that a return visit after completion uncovers a new need (repeat business), at loyalty 0.5.",
    )
    dormancy_rate_per_year: float = bounded(
        0.3, ge=0, le=20, unit="1/year", doc="Rate of falling dormant after completion, at loyalty 0.5."
    )
    reactivation_rate_per_year: float = bounded(
        0.3, ge=0, le=20, unit="1/year", doc="Rate at which a dormant customer becomes a lead again, at loyalty 0.5."
    )
    loss_rate_per_year: float = bounded(
        0.15, ge=0, le=20, unit="1/year", doc="Rate at which a dormant customer is lost for good."
    )
    review_days: float = bounded(
        30.0, gt=0, le=365, unit="days", doc="How often repeat business, dormancy and loss are reconsidered."
    )


class AfterSales(Record):
    """The after-sales service department and the issues it resolves."""

    staff: int = bounded(2, ge=1, le=1000, unit="people", doc="Staff resolving issues in parallel.")
    resolution: Duration = Field(default_factory=lambda: Duration(distribution="lognormal", mean_days=3, cv=1.0))
    latent_issue_rate_per_year: float = bounded(
        1.5,
        ge=0,
        le=365,
        unit="issues/year",
        doc="Issues arising per customer in implementation or after completion, found at the next visit.",
    )
    reported_issue_rate_per_year: float = bounded(
        0.3,
        ge=0,
        le=365,
        unit="issues/year",
        doc="Issues per customer in implementation or after completion that the customer reports unprompted.",
    )


class Relationship(Record):
    """How satisfaction and loyalty move, and what loyalty changes."""

    visit_gain: float = bounded(
        0.08, ge=0, le=1, unit="share of gap", doc="Share of the gap to full satisfaction closed by a visit."
    )
    neglect_half_life_days: float = bounded(
        180.0, gt=0, le=3650, unit="days", doc="Without contact, satisfaction above the floor halves in this time."
    )
    neglect_floor: float = bounded(0.3, ge=0, le=1, unit="score 0-1", doc="Where neglect leaves satisfaction.")
    issue_found_loss: float = bounded(
        0.05, ge=0, le=1, unit="share", doc="Share of satisfaction lost when an issue comes to light."
    )
    issue_fixed_gain: float = bounded(
        0.10, ge=0, le=1, unit="share of gap", doc="Share of the gap to full satisfaction closed by a fix."
    )
    open_issue_loss_per_day: float = bounded(
        0.003, ge=0, le=0.1, unit="score/day", doc="Satisfaction lost per day per issue left open."
    )
    loyalty_time_constant_days: float = bounded(
        180.0, gt=0, le=3650, unit="days", doc="How slowly loyalty follows satisfaction."
    )
    win_loyalty_slope: float = bounded(
        0.4,
        ge=0,
        le=2,
        unit="probability/loyalty",
        doc="Win probability = win_probability + slope x (loyalty - 0.5), kept within 0..1.",
    )
    repeat_loyalty_slope: float = bounded(
        1.0,
        ge=0,
        le=4,
        unit="1/loyalty",
        doc="Repeat and reactivation rates are scaled by 1 + slope x (loyalty - 0.5).",
    )
    dormancy_loyalty_slope: float = bounded(
        1.0,
        ge=0,
        le=4,
        unit="1/loyalty",
        doc="The dormancy rate is scaled by 1 - slope x (loyalty - 0.5).",
    )


class Economics(Record):
    """Money figures for staffing decisions (illustrative training parameters)."""

    manager_cost_wan_cny_per_year: float = bounded(
        30.0,
        gt=0,
        le=10_000,
        unit="wan CNY/year",
        doc="Full yearly cost of one customer manager: pay, travel, overheads.",
    )
    gross_margin_rate: float = bounded(
        0.3, gt=0, le=1, unit="share", doc="Share of order value left after the cost of what is delivered."
    )
    carry_over_year2: float = bounded(
        0.5, ge=0, le=1, unit="share", doc="Share of a year's extra sales that recur in the second year."
    )
    carry_over_year3: float = bounded(
        0.25, ge=0, le=1, unit="share", doc="Share of a year's extra sales that recur in the third year."
    )


class Scenario(Record):
    """One simulated marketing organisation over a horizon, with its sales target.

    Build it from keyword arguments, from a dict (:meth:`Scenario.from_dict`) or
    from YAML (:func:`sim.scenario.load_scenario`); any mistake raises one
    :class:`sim.scenario.ScenarioError` naming the field, the value and what is
    allowed.
    """

    name: str = Field(
        "Mid-size defense-electronics institute (illustrative)", description="Short title shown in reports."
    )
    description: str = Field(
        "About 120 archived customers across service branches and business scopes, "
        "8 customer managers, one year. Every number is an illustrative training "
        "parameter, not data from a real enterprise.",
        description="What the scenario represents and where its numbers come from.",
    )
    horizon_days: int = bounded(365, ge=7, le=3650, unit="days", doc="Length of the simulated period.")
    seed: int = bounded(20261127, ge=0, le=2**63 - 1, unit="", doc="Root of every random stream of a run.")
    sales_target_wan_cny: float = bounded(
        2500.0, gt=0, le=1e9, unit="wan CNY", doc="Order intake target over the horizon."
    )
    customers: Customers = Field(default_factory=Customers)
    managers: Managers = Field(default_factory=Managers)
    visit_policy: VisitPolicy = Field(default_factory=VisitPolicy)
    pipeline: Pipeline = Field(default_factory=Pipeline)
    after_sales: AfterSales = Field(default_factory=AfterSales)
    relationship: Relationship = Field(default_factory=Relationship)
    economics: Economics = Field(default_factory=Economics)
    meeting: Meeting = Field(default_factory=Meeting)
    leads: Leads = Field(default_factory=Leads)
    cultivation: Cultivation = Field(default_factory=Cultivation)
    training: Training = Field(default_factory=Training)

    @model_validator(mode="after")
    def _cultivated_branches_exist(self) -> Scenario:
        known = {s.branch for s in self.customers.segments}
        unknown = [b for b in self.cultivation.branches if b not in known]
        if unknown:
            raise rule("rule.cultivated_branch", unknown=", ".join(unknown), known=", ".join(sorted(known)))
        return self

    @classmethod
    def from_dict(cls, data: object) -> Scenario:
        """Validate a plain mapping (as read from YAML) into a scenario.

        Raises:
            ScenarioError: naming every field that is wrong.
        """
        from sim.scenario.errors import validate

        return validate(cls, data)

    def with_values(self, changes: Mapping[str, object]) -> Scenario:
        """A copy with fields changed by dotted path, validated again.

        Example: ``scenario.with_values({"managers.count": 10})``.

        Raises:
            ScenarioError: when a path does not exist or a value is not allowed.
        """
        from sim.scenario.paths import set_path

        data = self.model_dump(mode="json")
        for path, value in changes.items():
            set_path(data, path, value)
        return Scenario.from_dict(data)
