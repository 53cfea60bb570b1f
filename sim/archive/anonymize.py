"""Anonymise an archive: stable keyed pseudonyms, one secret date shift, relationships intact.

Names, contact details and every id are replaced by pseudonyms made with a keyed
hash (HMAC-SHA256) of the original: the same original always gets the same
pseudonym under the same key, so every relationship between tables survives, and
without the key nobody can recompute them. Free-text fields are searched for
every original name or contact string, which is replaced by its pseudonym. The
key is never written into the output.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from sim.archive.load import Archive
from sim.archive.schema import TABLES
from sim.scenario import problem

KEY_BYTES = 32


def new_key_file(path: str | Path) -> bytes:
    """Write a new random key (hex) to ``path`` and return it; keep the file apart from the data."""
    key = secrets.token_bytes(KEY_BYTES)
    Path(path).write_text(key.hex() + "\n", encoding="utf-8")
    return key


def read_key_file(path: str | Path) -> bytes:
    """Read a key written by :func:`new_key_file`.

    Raises:
        ScenarioError: when the file cannot be read or does not hold a key of the right length.
    """
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise problem("key_file", str(path), "archive.key_unreadable") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise problem("key_file", str(path), "archive.key_not_hex") from None
    if len(key) < 16:
        raise problem("key_file", str(path), "archive.key_short", length=len(key))
    return key


def pseudonym(key: bytes, kind: str, value: str, length: int = 10) -> str:
    """A stable pseudonym of ``value`` under ``key`` (the kind keeps e.g. a name and an id apart)."""
    digest = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[:1].upper()}{digest[:length]}"


def date_shift(key: bytes, max_days: int = 365) -> timedelta:
    """The archive's one secret date offset, derived from the key (between -max_days and +max_days)."""
    digest = hmac.new(key, b"date-shift", hashlib.sha256).digest()
    return timedelta(days=int.from_bytes(digest[:4], "big") % (2 * max_days + 1) - max_days)


def _kind(table: str, column: str) -> str:
    """What a personal column holds, so that one person gets one pseudonym wherever they appear."""
    if column in ("phone", "email"):
        return column
    if table == "customers" and column == "name":
        return "unit"
    return "person"


def anonymize(archive: Archive, key: bytes, shift_dates: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The archive's tables with pseudonyms for ids, names and contacts, and dates shifted.

    Args:
        archive: A loaded archive.
        key: The secret key.
        shift_dates: Move every date by the same secret offset.
    """
    shift = date_shift(key) if shift_dates else timedelta(0)
    originals: dict[str, str] = {}
    ids = {table: columns[0].name for table, columns in TABLES.items()}
    for table, rows in archive.tables.items():
        for row in rows:
            for column in TABLES[table]:
                value = row.get(column.name)
                if value is None or not isinstance(value, str):
                    continue
                if column.personal:
                    originals[value] = pseudonym(key, _kind(table, column.name), value)
                elif column.kind == "id" or column.kind == "ref":
                    ref_table = column.ref or table
                    originals.setdefault(value, pseudonym(key, ids[ref_table], value))
    # Longest first, so that "Zhang San" is replaced before a shorter string inside it.
    ordered = sorted(originals, key=len, reverse=True)
    out: dict[str, list[dict[str, Any]]] = {}
    for table, rows in archive.tables.items():
        new_rows = []
        for row in rows:
            new: dict[str, Any] = {}
            for column in TABLES[table]:
                value = row.get(column.name)
                if value is None:
                    new[column.name] = None
                elif column.kind == "date":
                    new[column.name] = value + shift
                elif isinstance(value, str) and value in originals:
                    new[column.name] = originals[value]
                elif column.kind == "text" and isinstance(value, str):
                    for original in ordered:
                        if original in value:
                            value = value.replace(original, originals[original])
                    new[column.name] = value
                else:
                    new[column.name] = value
            new_rows.append(new)
        out[table] = new_rows
    return out
