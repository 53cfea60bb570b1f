"""Results of a run: KPIs with units and tidy DataFrames built on demand."""

from sim.results.kpis import KPI_DEFS, KPI_UNITS, KpiDef, compute_kpis
from sim.results.results import Results, run

__all__ = ["KPI_DEFS", "KPI_UNITS", "KpiDef", "Results", "compute_kpis", "run"]
