"""The filing registry and searchable archive: one plain SQLite file (see README, “档案库”)."""

from reviewer.archive.api import Archive
from reviewer.archive.records import FilingMeta, Outcome, Settings

__all__ = ["Archive", "FilingMeta", "Outcome", "Settings"]
