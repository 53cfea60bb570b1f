"""The command line: good input prints KPIs, bad input exits 2 with one line and no traceback."""

from __future__ import annotations

import json
import subprocess

import pytest

from sim.cli import main
from tests.conftest import run_cli as run_sim

REQUIRED_KPIS = {
    "order_intake",
    "target",
    "target_attainment",
    "bids_won",
    "bids_lost",
    "win_rate",
    "visit_compliance",
    "visits_missed",
    "issue_resolution_days_mean",
    "issue_resolution_days_p95",
    "satisfaction_mean",
    "retention",
    "manager_utilisation",
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return run_sim(*args, timeout=120)


def test_help_explains_every_command():
    out = run_cli("--help")
    assert out.returncode == 0
    for command in ("run", "scenario", "bench"):
        assert command in out.stdout
    run_help = run_cli("run", "--help").stdout
    for option in ("--seed", "--days", "--set", "--format", "--out"):
        assert option in run_help


def test_run_prints_a_kpi_table_with_units(capsys):
    assert main(["run", "--days", "60"]) == 0
    out = capsys.readouterr().out
    assert "order_intake" in out and "wan CNY" in out
    assert "60 days" in out


def test_run_json_names_every_required_kpi_with_units(capsys):
    assert main(["run", "--format", "json", "--seed", "5", "--set", "managers.count=6"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["kpis"]) >= REQUIRED_KPIS
    assert set(data["units"]) >= REQUIRED_KPIS
    assert data["seed"] == 5
    assert data["units"]["order_intake"] == "wan CNY"


def test_same_seed_same_json_output(capsys):
    main(["run", "--format", "json", "--seed", "9", "--days", "90"])
    first = capsys.readouterr().out
    main(["run", "--format", "json", "--seed", "9", "--days", "90"])
    assert capsys.readouterr().out == first


def test_run_reads_a_scenario_file_and_writes_csv(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_text("horizon_days: 90\nmanagers:\n  count: 5\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    assert main(["run", str(scenario), "--out", str(out_dir)]) == 0
    names = {p.name for p in out_dir.iterdir()}
    assert {"visits.csv", "issues.csv", "opportunities.csv", "daily_stages.csv", "kpis.csv"} <= names
    header = (out_dir / "visits.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("manager,customer,start_day,hours")


def test_scenario_show_and_fields(capsys):
    assert main(["scenario", "show", "--set", "managers.count=9"]) == 0
    assert "count: 9" in capsys.readouterr().out
    assert main(["scenario", "fields"]) == 0
    fields = capsys.readouterr().out
    assert "managers.count\t8\t1..1000\tmanagers" in fields


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["run", "--set", "managers.count=0"], "managers.count = 0"),
        (["run", "--set", "managers.cnt=3"], "managers.cnt"),
        (["run", "--set", "managers.count"], "path=value"),
        (["run", "--days", "2"], "horizon_days = 2"),
        (["run", "missing.yaml"], "cannot read missing.yaml"),
        (["run", "--seed", "abc"], "--seed = 'abc': expected a whole number"),
        (["run", "--format", "xml"], "--format = 'xml': not one of the choices"),
        (["frobnicate"], "'frobnicate': not one of the choices"),
        (["bench", "--factors", "x"], "factors = 'x'"),
        (["run", "--reps", "1000000000"], "reps = 1000000000"),
        (["run", "--backend", "dask"], "scheduler address"),
        (["run", "--workers", "0", "--backend", "processes"], "workers = 0"),
        (["staffing", "--target", "1"], "required: --past-sales"),
        (["run", "--bogus"], "unknown options: --bogus"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(args, words):
    out = run_cli(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert words in lines[0]
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_invalid_yaml_file_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("managers:\n  count: -3\n  visits: 4\n", encoding="utf-8")
    out = run_cli("run", str(bad))
    assert out.returncode == 2
    assert "managers.count = -3" in out.stderr and "managers.visits" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_bench_runs_and_reports_ratios(tmp_path):
    report = tmp_path / "bench.json"
    out = run_cli("bench", "--factors", "1", "--repeats", "1", "--json", str(report))
    assert out.returncode == 0, out.stderr
    assert "ratio" in out.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["results"][0]["events"] > 1000
    assert data["results"][0]["ratio_to_bare"] > 0


def test_compare_prints_paired_differences_with_intervals():
    out = run_cli(
        "compare",
        "--days",
        "120",
        "--vary",
        "meeting.cadence_days=14,7",
        "--reps",
        "3",
        "--kpis",
        "lead_wait_days_mean",
    )
    assert out.returncode == 0, out.stderr
    assert "difference" in out.stdout and "meeting.cadence_days=7" in out.stdout
    bad = run_cli("compare", "--vary", "meeting.cadence_days=14", "--reps", "3")
    assert bad.returncode == 2 and "at least two values" in bad.stderr
    unknown = run_cli("compare", "--vary", "meeting.cadence=14,7")
    assert unknown.returncode == 2 and "meeting.cadence" in unknown.stderr


def test_app_refuses_the_network_without_a_token():
    out = run_cli("app", "--host", "0.0.0.0", "--no-token")
    assert out.returncode == 2
    assert "needs a token" in out.stderr and len(out.stderr.strip().splitlines()) == 1
