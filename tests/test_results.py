"""Results: tidy DataFrames built lazily, KPIs with units, JSON without NaN."""

from __future__ import annotations

import json
import math

import pytest

import sim
from sim import KPI_UNITS, Scenario
from sim.stages import STAGES


def test_every_kpi_has_a_unit(default_results):
    assert set(default_results.kpis) == set(KPI_UNITS)
    assert all(KPI_UNITS.values()), "a KPI without a unit"


def test_daily_stages_is_tidy_and_sums_to_the_customers(default_results):
    frame = default_results.daily_stages
    assert list(frame.columns) == ["day", "stage", "branch", "customers"]
    assert frame["day"].nunique() == default_results.scenario.horizon_days
    assert set(frame["stage"]) == set(STAGES)
    per_day = frame.groupby("day")["customers"].sum()
    assert per_day.iloc[0] == sum(s.customers for s in default_results.scenario.customers.segments)
    assert per_day.is_monotonic_increasing  # customers are never deleted, lost ones stay on file


def test_frames_agree_with_kpis(default_results):
    r = default_results
    assert len(r.visits) == r.kpis["visits_made"]
    assert len(r.missed_visits) == r.kpis["visits_missed"]
    assert len(r.issues) == r.kpis["issues_opened"]
    assert r.issues["resolution_days"].mean() == pytest.approx(r.kpis["issue_resolution_days_mean"])
    assert set(r.opportunities.columns) >= {"branch", "scope", "value_wan_cny", "won"}
    assert len(r.customers) == r.kpis["customers_end"]
    assert r.visits["on_time"].mean() >= r.kpis["visit_compliance"]


def test_nan_kpis_become_null_in_json():
    nobody_bids = Scenario().with_values({"horizon_days": 7})
    data = json.loads(sim.run(nobody_bids).to_json())
    for name, value in data["kpis"].items():
        assert value is None or math.isfinite(value), name


def test_target_attainment_is_intake_over_target(default_results):
    k = default_results.kpis
    assert k["target_attainment"] == k["order_intake"] / k["target"]
