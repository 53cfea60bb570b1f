"""One way to write an estimate with its interval, and one way to line up a table, in either language.

Replications, comparisons, calibration estimates and the staffing curve are all
tables of estimates with 95% intervals; they are written here, so a mean looks
the same on the command line, on a page and in a handout, and every header is a
catalog text in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sim.i18n import get_language, t, unit_name

NOT_AVAILABLE = "n/a"


def number(value: float, digits: int = 3, signed: bool = False) -> str:
    """A number with thousands separators and ``digits`` decimals ("n/a" for NaN)."""
    if value is None or math.isnan(value):
        return NOT_AVAILABLE
    return f"{value:{'+' if signed else ''},.{digits}f}"


def interval(mean: float, low: float, high: float, digits: int = 3, signed: bool = False) -> str:
    """An estimate with its interval: ``1,234.500 [1,200.000, 1,270.000]``.

    Without an interval (NaN ends: a single run, say) only the estimate is written.
    """
    if mean is None or math.isnan(mean):
        return NOT_AVAILABLE
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return number(mean, digits, signed)
    return f"{number(mean, digits, signed)} [{number(low, digits, signed)}, {number(high, digits, signed)}]"


def kpi_label(kpi: str, language: str | None = None) -> str:
    """A KPI's name in a table: its key in English (as in files and JSON), its name and key in Chinese."""
    language = language or get_language()
    return kpi if language == "en" else f"{t(f'kpi.{kpi}', language)} ({kpi})"


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def aligned(header: Sequence[str] | None, rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Rows as text columns, two spaces apart, under an optional header; ``right`` columns are right-aligned.

    Widths count Chinese characters as two columns, so a table lines up in a terminal in either language.
    """
    table = ([list(header)] if header is not None else []) + [list(r) for r in rows]
    if not table:
        return ""
    widths = [max(width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def kpi_interval_table(
    rows: Sequence[tuple[str, float, float, float, str]], language: str | None = None, digits: int = 3
) -> str:
    """KPI means with 95% intervals: one row ``(kpi, mean, low, high, unit)`` each."""
    language = language or get_language()
    header = [t("table.kpi", language), t("table.mean_ci", language), t("table.unit", language)]
    body = [
        [kpi_label(kpi, language), interval(mean, low, high, digits), unit_name(unit, language)]
        for kpi, mean, low, high, unit in rows
    ]
    return aligned(header, body, right=[1])
