"""The CRM archive schema (客户关系管理档案): tables, columns, types, units and allowed values.

One declaration serves the loader (row-level validation), the exporter, the
anonymiser and the documentation in ``data/README.md`` (which a test keeps equal
to :func:`schema_markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from sim import resources
from sim.scenario import problem

STAGES = ("needs_research", "bidding", "implementation", "after_completion", "closed")
OUTCOMES = ("won", "lost", "open", "abandoned")
SOURCES = ("procurement", "staff", "visit", "customer", "archive")
PURPOSES = ("first_contact", "needs_research", "bid_support", "project_follow_up", "return_visit", "dormant_check")


@dataclass(frozen=True)
class Column:
    """One column of an archive table.

    Attributes:
        name: Column header, exactly.
        kind: ``id``, ``text``, ``date``, ``number``, ``integer``, ``choice``, ``bool`` or ``ref`` (a reference).
        meaning: What it records.
        unit: Unit, or "".
        required: Whether every row needs a value.
        choices: Allowed values of a ``choice`` column (``branch`` for the service-branch list).
        low: Smallest allowed number.
        high: Largest allowed number.
        ref: For ``ref`` columns, the table referred to (its first column).
        personal: Whether it names or reaches a person (replaced when anonymising).
    """

    name: str
    kind: str
    meaning: str
    unit: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    ref: str = ""
    personal: bool = False


def _score(name: str, what: str) -> Column:
    return Column(
        name,
        "number",
        f"Potential: the {what} to buy (the paper's criterion).",
        "score 0-1",
        required=False,
        low=0,
        high=1,
    )


TABLES: dict[str, tuple[Column, ...]] = {
    "customers": (
        Column("customer_id", "id", "Unique key of the customer's file."),
        Column("name", "text", "The customer unit's name.", personal=True),
        Column(
            "service_branch", "choice", "Service branch (军兵种) from the archive's branch list.", choices=("branch",)
        ),
        Column("business_scope", "text", "Business scope the customer buys in, e.g. power_modules."),
        Column("tier", "choice", "Customer tier: A (key), B, C.", choices=("A", "B", "C")),
        Column("responsible_manager", "text", "The customer manager (客户经理) who owns the file.", personal=True),
        _score("potential_conditions", "conditions"),
        _score("potential_ability", "ability"),
        _score("potential_willingness", "willingness"),
        Column("opened_on", "date", "When the file was opened."),
    ),
    "contacts": (
        Column("contact_id", "id", "Unique key of the contact person."),
        Column("customer_id", "ref", "The customer the contact works for.", ref="customers"),
        Column("name", "text", "The contact's name.", personal=True),
        Column("title", "text", "The contact's role.", required=False),
        Column("phone", "text", "Phone number.", required=False, personal=True),
        Column("email", "text", "E-mail address.", required=False, personal=True),
    ),
    "opportunities": (
        Column("opportunity_id", "id", "Unique key of the project or opportunity."),
        Column("customer_id", "ref", "The customer.", ref="customers"),
        Column("source", "choice", "Where the lead came from.", choices=SOURCES),
        Column(
            "stage",
            "choice",
            "Stage reached: bidding (投标), implementation (实施), after completion (竣工后).",
            choices=STAGES,
        ),
        Column("research_started", "date", "Needs research (需求调研) began.", required=False),
        Column("bid_opened", "date", "Bid preparation began.", required=False),
        Column("bid_decided", "date", "The bid was won or lost.", required=False),
        Column("outcome", "choice", "Outcome of the bid.", choices=OUTCOMES),
        Column("value_wan_cny", "number", "Value of the project.", "wan CNY", required=False, low=0),
        Column("implementation_started", "date", "Project implementation began.", required=False),
        Column("implementation_completed", "date", "The project was delivered.", required=False),
    ),
    "visits": (
        Column("visit_id", "id", "Unique key of the visit."),
        Column("customer_id", "ref", "The customer visited.", ref="customers"),
        Column("date", "date", "Day of the visit."),
        Column("manager", "text", "Customer manager who visited.", personal=True),
        Column("purpose", "choice", "Why the visit was made.", choices=PURPOSES),
        Column("findings", "text", "What the visit found (free text).", required=False),
        Column("issue_found", "bool", "Whether a problem was found (yes/no).", choices=("yes", "no")),
    ),
    "issues": (
        Column("issue_id", "id", "Unique key of the problem."),
        Column("customer_id", "ref", "The customer.", ref="customers"),
        Column("opened", "date", "When the problem was recorded."),
        Column("routed_to", "choice", "Department responsible for resolving it.", choices=("after_sales", "marketing")),
        Column("resolved", "date", "When it was resolved (empty while open).", required=False),
        Column("corrective_action", "text", "Action taken (free text).", required=False),
        Column("result", "text", "Result of the action (free text).", required=False),
        Column(
            "satisfaction",
            "integer",
            "Customer's satisfaction after the fix.",
            "score 1-5",
            required=False,
            low=1,
            high=5,
        ),
    ),
}


@lru_cache(maxsize=1)
def branch_lists() -> dict[str, Any]:
    """The versioned service-branch lists and the mapping between them."""
    file = resources.path("data", "branches", "service_branches.yaml")
    return yaml.safe_load(file.read_text(encoding="utf-8"))


def branches(version: str) -> tuple[str, ...]:
    """Service-branch keys of one list version (e.g. ``"2016"`` or ``"2024"``).

    Raises:
        ScenarioError: for an unknown version, naming the known ones.
    """
    versions = branch_lists()["versions"]
    if version not in versions:
        raise problem("branch_list", version, "archive.unknown_branch_list", known=", ".join(versions))
    return tuple(versions[version]["branches"])


def map_branch(branch: str, old: str = "2016", new: str = "2024") -> list[str]:
    """Successors of a branch of the ``old`` list in the ``new`` list (several: decide customer by customer)."""
    return list(branch_lists()["mapping"][f"{old}->{new}"].get(branch, []))


def schema_markdown() -> str:
    """The schema as Markdown tables (the body of data/README.md's schema section)."""
    parts = []
    for table, columns in TABLES.items():
        parts.append(f"### `{table}` ({table}.csv, or sheet `{table}`)\n")
        parts.append("| Column | Type | Unit | Required | Allowed values | Meaning |")
        parts.append("| --- | --- | --- | --- | --- | --- |")
        for c in columns:
            if c.choices == ("branch",):
                allowed = "a key of the archive's service-branch list"
            elif c.choices:
                allowed = ", ".join(c.choices)
            elif c.low is not None or c.high is not None:
                allowed = f"{'' if c.low is None else f'{c.low:g}'}..{'' if c.high is None else f'{c.high:g}'}"
            elif c.kind == "ref":
                allowed = f"a {c.ref} id"
            elif c.kind == "date":
                allowed = "YYYY-MM-DD or YYYY年M月D日"
            elif c.kind == "id":
                allowed = "unique in the table"
            else:
                allowed = "any"
            personal = " (personal: replaced when anonymised)" if c.personal else ""
            parts.append(
                f"| `{c.name}` | {c.kind} | {c.unit} | {'yes' if c.required else 'no'} | {allowed} | "
                f"{c.meaning}{personal} |"
            )
        parts.append("")
    return "\n".join(parts)
