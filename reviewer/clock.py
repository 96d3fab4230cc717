"""The clock every record is stamped with: local time to the second, dates as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt


def now() -> str:
    """Local time, to the second, ISO format: what staff expect to read in the log."""
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def today() -> str:
    """Today's date as YYYY-MM-DD."""
    return dt.date.today().isoformat()
