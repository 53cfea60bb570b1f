"""One customer's relationship file from a run, as the archive would keep it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from sim.i18n import t
from sim.results import Results

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

PARTS = ("customer", "stages", "visits", "issues", "bids", "leads")


class ArchiveBrowser:
    """One customer's relationship file from a run: stages, visits, issues, bids, leads.

    Args:
        results: A finished run.
    """

    def __init__(self, results: Results) -> None:
        self.results = results
        options = [
            (f"{row.customer}: {row.branch} / {row.scope} ({t(f'stage.{row.stage}')})", int(row.customer))
            for row in results.customers.itertuples()
        ]
        self.choice = w.Dropdown(options=options, description=t("ui.customer"), layout=w.Layout(width="40em"))
        self.output = w.Output()
        self.choice.observe(lambda _change: self.refresh(), names="value")
        self.widget = w.VBox([self.choice, self.output])
        self.refresh()

    def file_of(self, customer: int) -> dict[str, pd.DataFrame]:
        """The parts of one customer's file, as the archive would keep them."""
        r = self.results
        frames = {
            "customer": r.customers,
            "stages": r.transitions,
            "visits": r.visits,
            "issues": r.issues,
            "bids": r.opportunities,
            "leads": r.leads,
        }
        return {part: frame[frame["customer"] == customer].reset_index(drop=True) for part, frame in frames.items()}

    def refresh(self) -> None:
        """Show the chosen customer's file."""
        from IPython.display import display

        self.output.clear_output(wait=True)
        with self.output:
            for part, frame in self.file_of(int(self.choice.value)).items():
                display(w.HTML(f"<h4>{html.escape(t('archive_part.' + part))}</h4>"))
                display(frame if len(frame) else w.HTML(f"<i>{t('ui.none')}</i>"))
