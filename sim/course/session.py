"""A record of who completed what: one CSV row per checked answer, gathered per session.

A trainer starts a session (or sets the environment variables ``CRM_SESSION_ID``,
``CRM_TRAINEE_ID`` and ``CRM_RESULTS_DIR`` before opening JupyterLab); every
checked answer is then appended to ``<results dir>/<session>/<trainee>.csv``.
``python -m sim results collect DIR`` merges a session into one CSV.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sim.scenario import problem

COLUMNS = ("session_id", "trainee_id", "module", "exercise", "answer", "correct", "timestamp")
_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass
class Session:
    """Where a trainee's answers are written.

    Attributes:
        session_id: The training session, e.g. ``2026-11-27-halfday``.
        trainee_id: The trainee (a code, not a name: results files travel).
        directory: Folder holding one sub-folder per session.
    """

    session_id: str
    trainee_id: str
    directory: Path

    def __post_init__(self) -> None:
        for name in ("session_id", "trainee_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _SAFE.match(value):
                raise problem(name, value, "course.unsafe_id")
        self.directory = Path(self.directory)

    @property
    def file(self) -> Path:
        """This trainee's results file."""
        return self.directory / self.session_id / f"{self.trainee_id}.csv"

    def record(self, module: str, exercise: str, answer: object, correct: bool) -> None:
        """Append one checked answer."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        new = not self.file.exists()
        with self.file.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            if new:
                writer.writerow(COLUMNS)
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            writer.writerow((self.session_id, self.trainee_id, module, exercise, answer, correct, stamp))


_current: Session | None = None


def start_session(session_id: str, trainee_id: str, directory: str | Path = "results") -> Session:
    """Record this notebook's checked answers under a session and trainee."""
    global _current
    _current = Session(session_id, trainee_id, Path(directory))
    return _current


def current_session() -> Session | None:
    """The session started in this kernel, else one from the environment, else None (nothing recorded)."""
    if _current is not None:
        return _current
    session, trainee = os.environ.get("CRM_SESSION_ID"), os.environ.get("CRM_TRAINEE_ID")
    if session and trainee:
        return Session(session, trainee, Path(os.environ.get("CRM_RESULTS_DIR", "results")))
    return None


def collect(directory: str | Path, session_id: str | None = None) -> list[dict[str, str]]:
    """Every recorded answer of a session (or of all sessions), sorted by time.

    Raises:
        ScenarioError: when a results file has other columns than expected.
    """
    root = Path(directory)
    pattern = f"{session_id}/*.csv" if session_id else "*/*.csv"
    rows: list[dict[str, str]] = []
    for file in sorted(root.glob(pattern)):
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise problem("directory", str(file), "course.results_columns", columns=", ".join(COLUMNS))
            rows.extend(reader)
    return sorted(rows, key=lambda r: (r["timestamp"], r["trainee_id"]))


def write_collected(rows: list[dict[str, str]], out: str | Path) -> None:
    """Write collected rows as one CSV."""
    with Path(out).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
