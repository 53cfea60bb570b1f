"""Load a CRM archive from CSV files or one Excel workbook, row by row, reporting every bad row.

Every table is checked row by row: a bad row is reported with its file or sheet,
its row number as a spreadsheet shows it (the header is row 1), the column and
the reason; the good rows are imported; rows read always equal rows imported
plus rows rejected. Nothing is coerced: dates are accepted in ISO form
(2024-03-05) and the common Chinese form (2024年3月5日), anything else is an
error for that row, and so is a reference to a row that does not exist.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sim.archive.schema import TABLES, Column, branch_lists, branches
from sim.i18n import Text, format_date, t
from sim.scenario import ScenarioError, problem

_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date:
    """A date in ISO form (2024-03-05) or the Chinese form (2024年3月5日).

    Raises:
        ScenarioError: for anything else, including impossible dates.
    """
    text = text.strip()
    match = _CHINESE_DATE.match(text)
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
    except ValueError:
        raise problem("date", text, "archive.not_real_date", text=text) from None
    raise problem("date", text, "archive.not_a_date", text=text)


@dataclass(frozen=True)
class RowError:
    """One problem in an archive file.

    Attributes:
        source: File name or sheet name.
        row: Row number as a spreadsheet shows it (header = 1); 0 for a problem with the whole file.
        column: The column, or "" for the whole row or file.
        key: Catalog key of the reason.
        params: Its parameters.
    """

    source: str
    row: int
    column: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """What is wrong, in the current language."""
        return t(self.key, **self.params)

    def render(self, language: str | None = None) -> str:
        """Where and what, in the current (or given) language."""
        where = self.source if self.row == 0 else t("archive.where_row", language, source=self.source, row=self.row)
        column = t("archive.where_column", language, column=self.column) if self.column else ""
        return f"{where}{column}: {t(self.key, language, **self.params)}"

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:
        return hash((self.source, self.row, self.column, self.key))


@dataclass
class TableReport:
    """How one table was imported.

    Attributes:
        table: Table name.
        source: File or sheet it came from.
        read: Data rows read (blank rows are not counted).
        imported: Rows imported.
        rejected: Rows rejected (read = imported + rejected).
        errors: Every problem found.
        warnings: Things worth knowing that reject nothing (e.g. extra columns not imported), as messages.
    """

    table: str
    source: str
    read: int = 0
    imported: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)

    def line(self, language: str | None = None) -> str:
        """The counts as one line."""
        return t(
            "archive.counts",
            language,
            source=self.source,
            read=self.read,
            imported=self.imported,
            rejected=self.rejected,
        )


@dataclass
class Archive:
    """A loaded archive: the imported rows of every table and how each table went.

    Attributes:
        tables: Imported rows by table, each a dict of typed values (dates as ``datetime.date``).
        reports: One report per table.
        branch_list: The service-branch list version the archive uses.
    """

    tables: dict[str, list[dict[str, Any]]]
    reports: dict[str, TableReport]
    branch_list: str

    @property
    def errors(self) -> list[RowError]:
        """Every problem of every table."""
        return [e for r in self.reports.values() for e in r.errors]

    @property
    def clean(self) -> bool:
        """Whether every row was imported."""
        return all(r.rejected == 0 and not any(e.row == 0 for e in r.errors) for r in self.reports.values())

    def frames(self) -> dict[str, Any]:
        """The tables as pandas DataFrames (columns in schema order)."""
        import pandas as pd

        return {t: pd.DataFrame(rows, columns=[c.name for c in TABLES[t]]) for t, rows in self.tables.items()}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(path: Path) -> tuple[list[list[str]] | None, str | None]:
    """The rows of a CSV file, or None and the catalog key of why it cannot be read."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "archive.not_utf8"
    return list(csv.reader(io.StringIO(text))), None


def _read_sheet(workbook: Any, name: str) -> list[list[str]] | None:
    if name not in workbook.sheetnames:
        return None
    return [[_cell(v) for v in row] for row in workbook[name].iter_rows(values_only=True)]


def _check_value(column: Column, text: str, branch_keys: tuple[str, ...], version: str) -> Any:
    """The typed value of a cell, or a :class:`ScenarioError` with the reason."""
    if text == "":
        if column.required:
            raise problem(column.name, text, "archive.required")
        return None
    kind = column.kind
    if kind in ("id", "text", "ref"):
        return text
    if kind == "date":
        return parse_date(text)
    if kind in ("number", "integer"):
        try:
            value: float = int(text) if kind == "integer" else float(text)
        except ValueError:
            word = Text("error.type_int" if kind == "integer" else "error.type_float")
            raise problem(column.name, text, "archive.not_number", text=text, word=word) from None
        if (column.low is not None and value < column.low) or (column.high is not None and value > column.high):
            high = "" if column.high is None else f"{column.high:g}"
            raise problem(column.name, text, "archive.outside", text=text, low=f"{column.low:g}", high=high)
        return value
    allowed = branch_keys if column.choices == ("branch",) else column.choices
    if text not in allowed:
        if column.choices == ("branch",):
            other = [v for v in branch_lists()["versions"] if v != version and text in branches(v)]
            if other:
                raise problem(column.name, text, "archive.old_branch", text=text, other=other[0], version=version)
        raise problem(column.name, text, "archive.not_allowed", text=text, allowed=", ".join(allowed))
    return text == "yes" if kind == "bool" else text


def _order_checks(table: str, row: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Rules between columns of one row: (column, reason key, parameters) for each broken one."""
    pairs = {
        "opportunities": [
            ("research_started", "bid_opened"),
            ("bid_opened", "bid_decided"),
            ("bid_decided", "implementation_started"),
            ("implementation_started", "implementation_completed"),
        ],
        "issues": [("opened", "resolved")],
    }.get(table, [])
    problems = []
    for first, second in pairs:
        if row.get(first) is not None and row.get(second) is not None and row[second] < row[first]:
            params = {"later": _DateText(row[second]), "first": first, "earlier": _DateText(row[first])}
            problems.append((second, "archive.before", params))
    return problems


class _DateText:
    """A date in a message, written the way the reader's language writes dates."""

    __slots__ = ("day",)

    def __init__(self, day: date) -> None:
        self.day = day

    def render(self, language: str | None = None) -> str:
        return format_date(self.day, language)


def _import_table(table: str, rows: list[list[str]] | None, source: str, reason: Text, archive: Archive) -> None:
    report = TableReport(table, source)
    archive.reports[table] = report
    archive.tables[table] = []
    if rows is None:
        report.errors.append(RowError(source, 0, "", reason.key, reason.params))
        return
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]
    report.read = len(body)
    if not rows or not any(c.strip() for c in rows[0]):
        report.errors.append(RowError(source, 0, "", "archive.empty"))
        report.rejected = report.read
        return
    header = [h.strip() for h in rows[0]]
    columns = TABLES[table]
    missing = [c.name for c in columns if c.name not in header]
    if missing:
        report.errors.append(RowError(source, 1, "", "archive.missing_columns", {"columns": ", ".join(missing)}))
        report.rejected = report.read
        return
    extra = [h for h in header if h and h not in {c.name for c in columns}]
    if extra:
        report.warnings.append(Text("archive.extra_columns", source=source, columns=", ".join(extra)))
    position = {name: header.index(name) for name in header if name}
    version = archive.branch_list
    branch_keys = branches(version)
    id_column = columns[0].name
    # The ids each referenced table holds, gathered once (not once per row).
    known = {
        column.ref: {r[TABLES[column.ref][0].name] for r in archive.tables.get(column.ref, [])}
        for column in columns
        if column.kind == "ref"
    }
    seen: dict[str, int] = {}
    for number, raw in body:
        values: dict[str, Any] = {}
        problems: list[tuple[str, str, dict[str, Any]]] = []
        for column in columns:
            index = position[column.name]
            text = raw[index].strip() if index < len(raw) else ""
            try:
                values[column.name] = _check_value(column, text, branch_keys, version)
            except ScenarioError as error:
                found = error.problems[0]
                problems.append((column.name, found.key, dict(found.params)))
                continue
            if (
                column.kind == "ref"
                and values[column.name] is not None
                and values[column.name] not in known[column.ref]
            ):
                problems.append(
                    (column.name, "archive.broken_ref", {"table": column.ref, "value": values[column.name]})
                )
        key = values.get(id_column)
        if key is not None and key in seen:
            problems.append((id_column, "archive.duplicate", {"key": key, "row": seen[key]}))
        if not problems:
            problems = _order_checks(table, values)
        if problems:
            report.rejected += 1
            report.errors.extend(RowError(source, number, col, why, params) for col, why, params in problems)
            continue
        seen[key] = number
        archive.tables[table].append(values)
        report.imported += 1


def load(path: str | Path, branch_list: str = "2024") -> Archive:
    """Load an archive from a folder of CSV files (``customers.csv``, ...) or one ``.xlsx`` workbook.

    Args:
        path: The folder or the workbook.
        branch_list: Version of the service-branch list the archive uses (``"2016"`` or ``"2024"``).

    Raises:
        ScenarioError: when ``path`` does not exist or the branch-list version is unknown.
    """
    source = Path(path)
    branches(branch_list)  # unknown version: fail before reading anything
    if not source.exists():
        raise problem("path", str(source), "archive.no_such_path")
    archive = Archive({}, {}, branch_list)
    if source.is_dir():
        for table in TABLES:  # customers first: other tables refer to it
            file = source / f"{table}.csv"
            if not file.exists():
                _import_table(table, None, file.name, Text("archive.file_missing"), archive)
                continue
            rows, unreadable = _read_csv(file)
            _import_table(table, rows, file.name, Text(unreadable or "archive.empty"), archive)
        return archive
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        for table in TABLES:
            reason = Text("archive.not_a_workbook", kind=type(error).__name__)
            _import_table(table, None, source.name, reason, archive)
        return archive
    for table in TABLES:
        rows = _read_sheet(workbook, table)
        _import_table(table, rows, f"{source.name}[{table}]", Text("archive.sheet_missing", table=table), archive)
    workbook.close()
    return archive
