"""What every panel shares: a Run button, a status line, an output area, and messages instead of tracebacks.

Simulation-backed controls never re-run while a slider is dragged
(``continuous_update=False``) and run only when the Run button is pressed; a run
shows that it is running; bad input or a failed run shows one message in the
panel, never a traceback. Charts are shown as PNG images, which look the same in
JupyterLab, Voila and exported HTML.

pandas and matplotlib are imported when a panel first shows a result, not when
it is built, so that a page is ready quickly.
"""

from __future__ import annotations

import html
import io
import os
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from sim.i18n import t
from sim.scenario import ScenarioError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

#: Where panels run replications: the persistent process pool in JupyterLab; the app server sets
#: CRM_SIM_BACKEND=serial so that many concurrent pages do not each start a pool of processes.
DEFAULT_BACKEND = os.environ.get("CRM_SIM_BACKEND", "processes")
_COLOURS = {"error": "#b00020", "info": "#1f4e79", "ok": "#2e7d32", "wrong": "#b00020", "hint": "#6a4c00"}


def message(kind: str, text: str) -> str:
    """One line of coloured HTML: ``error``, ``info``, ``ok``, ``wrong`` or ``hint``."""
    return f'<div style="color:{_COLOURS[kind]};padding:4px 0">{html.escape(text)}</div>'


def show_figure(figure: Figure) -> None:
    """Display a chart as a PNG image (works the same in JupyterLab, Voila and exported HTML)."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    display(Image(data=buffer.getvalue(), format="png"))


class Panel:
    """Common parts: a Run button, a status line and an output area; errors become messages.

    Args:
        run_label: The button's label.
    """

    def __init__(self, run_label: str | None = None) -> None:
        self.button = w.Button(description=run_label or t("ui.run"), button_style="primary", icon="play")
        self.status = w.HTML()
        self.output = w.Output()
        # Stable hooks for browser tests and for styling.
        self.status.add_class("crm-panel-status")
        self.output.add_class("crm-panel-output")
        self.button.on_click(lambda _button: self.run())

    def compute(self) -> Any:
        """Do the panel's work; subclasses override."""
        raise NotImplementedError

    def show(self, result: Any) -> None:
        """Display the panel's result; subclasses override."""
        raise NotImplementedError

    def run(self) -> bool:
        """Run once: show progress, then the result or one clear message. Returns whether it worked."""
        self.button.disabled = True
        self.status.value = message("info", t("ui.running"))
        try:
            result = self.compute()
        except ScenarioError as error:
            self.status.value = message("error", t("ui.check_settings", error=error))
            return False
        except (ValueError, RuntimeError, OSError) as error:
            self.status.value = message("error", t("ui.run_failed", error=error))
            return False
        finally:
            self.button.disabled = False
        self.output.clear_output(wait=True)
        with self.output:
            self.show(result)
        self.status.value = message("ok", t("ui.done"))
        return True
