"""The CRM archive (客户关系管理档案) as data.

Schema, import with row-level checks, export of simulated archives,
anonymisation, and calibration of scenarios from an archive.
"""

from sim.archive.anonymize import anonymize, date_shift, new_key_file, pseudonym, read_key_file
from sim.archive.calibrate import Estimate, calibrate, calibrated_scenario, estimates_table
from sim.archive.export import export_results, simulated_archive, write_archive
from sim.archive.load import Archive, RowError, TableReport, load, parse_date
from sim.archive.schema import TABLES, Column, branches, map_branch, schema_markdown

__all__ = [
    "TABLES",
    "Archive",
    "Column",
    "Estimate",
    "RowError",
    "TableReport",
    "anonymize",
    "branches",
    "calibrate",
    "calibrated_scenario",
    "date_shift",
    "estimates_table",
    "export_results",
    "load",
    "map_branch",
    "new_key_file",
    "parse_date",
    "pseudonym",
    "read_key_file",
    "schema_markdown",
    "simulated_archive",
    "write_archive",
]
