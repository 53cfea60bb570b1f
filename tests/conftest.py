"""Shared helpers: small scenarios built for one purpose each."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from sim import Scenario


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m sim ARGS`` in a fresh process and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True, timeout=timeout)


def steady_base(customers: int = 20, **changes: Any) -> Scenario:
    """A closed population that stays after completion: no leads, no repeat business, no dormancy.

    Used where theory gives an exact answer (workload arithmetic, queueing).
    """
    base = Scenario().with_values(
        {
            "customers.segments": [
                {"branch": "navy", "scope": "power_modules", "customers": customers, "lead_rate_per_year": 0.0}
            ],
            "customers.initial_stage_mix": {
                "lead": 0.0,
                "needs_research": 0.0,
                "bidding": 0.0,
                "implementation": 0.0,
                "after_completion": 1.0,
                "dormant": 0.0,
            },
            "pipeline.repeat_rate_per_year": 0.0,
            "pipeline.new_need_per_visit": 0.0,
            "pipeline.dormancy_rate_per_year": 0.0,
            "managers.attrition_rate_per_year": 0.0,
            "leads.staff_leads_per_year": 0.0,
        }
    )
    return base.with_values(changes) if changes else base


@pytest.fixture(scope="session")
def default_results():
    """One run of the default scenario, shared by read-only tests."""
    import sim

    return sim.run()
