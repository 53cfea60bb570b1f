"""Charts for the curriculum: every chart has a title, axis labels with units and a legend.

Functions return :class:`matplotlib.figure.Figure` objects built without
pyplot's global state, so panels can draw them side by side and tests can
render them off screen. Only this room and :mod:`sim.widgets` import matplotlib.
"""

from sim.plots.charts import kpi_comparison, pipeline_flow, risk_curve

__all__ = ["kpi_comparison", "pipeline_flow", "risk_curve"]
