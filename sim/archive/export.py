"""Simulation results as a CRM archive, in the same schema a real archive is loaded from.

A trainee can then browse a simulated archive exactly like a real one, and the
calibration can be tested on archives generated from known scenarios. Names,
contacts and free texts are synthetic and obviously fictional.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sim.archive.schema import TABLES
from sim.model.records import B_CUSTOMER, B_DECIDED, B_VALUE, B_WON, Lead
from sim.results import Results, run
from sim.scenario import Scenario, problem
from sim.stages import STAGES

PURPOSE_BY_STAGE = {
    "lead": "first_contact",
    "needs_research": "needs_research",
    "bidding": "bid_support",
    "implementation": "project_follow_up",
    "after_completion": "return_visit",
    "dormant": "dormant_check",
}


def export_results(results: Results, start: date = date(2025, 1, 1)) -> dict[str, list[dict[str, Any]]]:
    """The archive tables of one run; day 0 of the run is ``start``.

    Args:
        results: A finished run.
        start: Calendar date of the run's day 0 (decides the service-branch list in force).
    """
    records = results.records

    def day(value: float) -> date:
        return start + timedelta(days=int(value))

    def cid(number: int) -> str:
        return f"C{number:05d}"

    won_by_customer: dict[int, int] = {}
    for bid in records.bids:
        if bid[B_WON]:
            won_by_customer[bid[B_CUSTOMER]] = won_by_customer.get(bid[B_CUSTOMER], 0) + 1
    customers, contacts = [], []
    for number, segment, manager, created, *_ in records.customers:
        branch, scope = records.segments[segment]
        wins = won_by_customer.get(number, 0)
        scores = records.prospect_scores.get(number, (None, None, None))
        customers.append(
            {
                "customer_id": cid(number),
                "name": f"Fictional customer unit {number:05d}",
                "service_branch": records.branches[branch],
                "business_scope": records.scopes[scope],
                "tier": "A" if wins >= 2 else "B" if wins == 1 else "C",
                "responsible_manager": f"Manager {manager + 1:02d}",
                "potential_conditions": None if scores[0] is None else round(scores[0], 3),
                "potential_ability": None if scores[1] is None else round(scores[1], 3),
                "potential_willingness": None if scores[2] is None else round(scores[2], 3),
                "opened_on": day(created),
            }
        )
        contacts.append(
            {
                "contact_id": f"P{number:05d}",
                "customer_id": cid(number),
                "name": f"Contact person {number:05d}",
                "title": "chief engineer",
                "phone": f"+86 555 0{number:05d}",
                "email": f"contact{number:05d}@example.invalid",
            }
        )
    opportunities = _opportunities(results, day, cid)
    visits = [
        {
            "visit_id": f"V{i:06d}",
            "customer_id": cid(customer),
            "date": day(start_day),
            "manager": f"Manager {manager + 1:02d}",
            "purpose": PURPOSE_BY_STAGE[STAGES[stage]],
            "findings": "problem found in delivered work" if found else "no problem reported",
            "issue_found": found,
        }
        for i, (manager, customer, start_day, _hours, stage, _deadline, _on_time, found) in enumerate(records.visits)
    ]
    issues = [
        {
            "issue_id": f"I{number:06d}",
            "customer_id": cid(customer),
            "opened": day(opened),
            "routed_to": "after_sales",
            "resolved": None if resolved is None else day(resolved),
            "corrective_action": "repair or adjustment by after-sales" if resolved is not None else None,
            "result": "resolved" if resolved is not None else None,
            "satisfaction": None if satisfaction is None else max(1, min(5, round(1 + 4 * satisfaction))),
        }
        for number, customer, _m, source, opened, _start, resolved, satisfaction in (i.row() for i in records.issues)
    ]
    return {
        "customers": customers,
        "contacts": contacts,
        "opportunities": opportunities,
        "visits": visits,
        "issues": issues,
    }


def _opportunities(results: Results, day: Any, cid: Any) -> list[dict[str, Any]]:
    """One row per opportunity, rebuilt from each customer's stage changes, bids and leads."""
    records = results.records
    leads_by_customer: dict[int, list[Lead]] = {}
    for lead in records.leads:
        if lead.assigned_day is not None and lead.customer >= 0:
            leads_by_customer.setdefault(lead.customer, []).append(lead)
    rows: list[dict[str, Any]] = []
    current: dict[int, dict[str, Any]] = {}

    def close(customer: int, stage: str, outcome: str) -> None:
        row = current.pop(customer, None)
        if row is not None:
            row["stage"] = stage
            row["outcome"] = outcome
            rows.append(row)

    bids = {(b[B_CUSTOMER], round(b[B_DECIDED], 9)): b for b in records.bids}
    for time, customer, old, new in records.transitions:
        old_name = STAGES[old] if old >= 0 else None
        new_name = STAGES[new]
        if new_name in ("needs_research", "bidding") and customer not in current:
            source = "archive" if time == 0 else "customer"
            for lead in leads_by_customer.get(customer, []):
                if abs(lead.assigned_day - time) < 1e-9 or (lead.source != "visit" and lead.assigned_day <= time):
                    source = lead.source
            current[customer] = {
                "opportunity_id": f"O{len(rows) + len(current):06d}",
                "customer_id": cid(customer),
                "source": source,
                "stage": new_name,
                "research_started": day(time) if new_name == "needs_research" and time > 0 else None,
                "bid_opened": None,
                "bid_decided": None,
                "outcome": "open",
                "value_wan_cny": None,
                "implementation_started": None,
                "implementation_completed": None,
            }
        row = current.get(customer)
        if new_name == "bidding" and row is not None:
            row["bid_opened"] = day(time) if time > 0 else None
        if old_name == "bidding" and row is not None:
            bid = bids.get((customer, round(time, 9)))
            if bid is not None:
                row["bid_decided"] = day(time)
                row["value_wan_cny"] = round(bid[B_VALUE], 2)
                if not bid[B_WON]:
                    close(customer, "closed", "lost")
                    continue
                row["outcome"] = "won"
        if new_name == "implementation" and row is None and time == 0:
            current[customer] = row = {
                "opportunity_id": f"O{len(rows) + len(current):06d}",
                "customer_id": cid(customer),
                "source": "archive",
                "stage": "implementation",
                "research_started": None,
                "bid_opened": None,
                "bid_decided": None,
                "outcome": "won",
                "value_wan_cny": None,
                "implementation_started": None,
                "implementation_completed": None,
            }
        if new_name == "implementation" and row is not None:
            row["stage"] = "implementation"
            row["implementation_started"] = day(time) if time > 0 else None
        if old_name == "implementation" and new_name == "after_completion" and row is not None:
            row["implementation_completed"] = day(time)
            close(customer, "after_completion", "won")
        elif old_name == "needs_research" and new_name != "bidding" and row is not None:
            close(customer, "closed", "abandoned")
    for customer in list(current):
        row = current[customer]
        close(customer, row["stage"], row["outcome"])
    rows.sort(key=lambda r: r["opportunity_id"])
    return rows


def simulated_archive(
    scenario: Scenario, years: int = 1, start: date = date(2025, 1, 1), seed: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A synthetic archive: ``years`` of the scenario simulated and written in the archive's schema.

    Args:
        scenario: The organisation to simulate.
        years: Simulated years, 1 to 10.
        start: Calendar date of day 0.
        seed: Overrides the scenario's seed.

    Raises:
        ScenarioError: for a number of years outside 1 to 10.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise problem("years", years, "error.between", low=1, high=10)
    changes: dict[str, object] = {"horizon_days": 365 * years}
    if seed is not None:
        changes["seed"] = seed
    return export_results(run(scenario.with_values(changes)), start)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_archive(tables: dict[str, list[dict[str, Any]]], out: str | Path) -> Path:
    """Write archive tables as CSV files into a folder, or as one ``.xlsx`` workbook (by the name's suffix)."""
    target = Path(out)
    if target.suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for table, columns in TABLES.items():
            sheet = workbook.create_sheet(table)
            sheet.append([c.name for c in columns])
            for row in tables.get(table, []):
                sheet.append([_text(row.get(c.name)) for c in columns])
        target.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(target)
        return target
    target.mkdir(parents=True, exist_ok=True)
    for table, columns in TABLES.items():
        with (target / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.name for c in columns])
            for row in tables.get(table, []):
                writer.writerow([_text(row.get(c.name)) for c in columns])
    return target
