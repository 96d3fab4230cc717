"""Click parameter types that bound what the user types before it reaches the archive.

SQLite stores integers in 64 bits: an id of 2**63 would raise OverflowError deep inside a query,
and a --reply-days of 10**9 overflows date arithmetic. Every integer option and argument gets a
range here, refused with a Chinese message (exit code 2). Free text is cleaned of control
characters at this door (reviewer.sanitize).
"""

from __future__ import annotations

import math

import click

from reviewer.sanitize import clean_text

SQLITE_MAX_INT = 2**63 - 1


class BoundedInt(click.ParamType):
    """An integer between ``low`` and ``high`` inclusive."""

    name = "integer"

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, bool):
            self.fail(f"“{value}”不是整数", param, ctx)
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"“{value}”不是整数", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{number} 超出范围（应在 {self.low} 到 {self.high} 之间）", param, ctx)
        return number


class BoundedFloat(click.ParamType):
    """A finite number between ``low`` and ``high``: nan compares false with every limit."""

    name = "number"

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def convert(self, value, param, ctx) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"“{value}”不是数字", param, ctx)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            self.fail(f"{value} 超出范围（应在 {self.low:g} 到 {self.high:g} 之间）", param, ctx)
        return number


class CleanText(click.ParamType):
    """Text with control characters removed (they break exports, Word comments and terminals)."""

    name = "text"

    def convert(self, value, param, ctx) -> str:
        return clean_text(value if isinstance(value, str) else str(value))


ID = BoundedInt(1, SQLITE_MAX_INT)  # a record id (document, suggestion, audit run)
VERSION = BoundedInt(1, 1_000_000)
LIMIT = BoundedInt(1, 1_000_000)
DAYS = BoundedInt(0, 3650)  # ten years: far beyond any filing or reply deadline
MONTHS = BoundedInt(0, 1200)
YEAR = BoundedInt(1949, 2199)
YEARS = BoundedFloat(0, 100)
WORKERS = BoundedInt(1, 64)
TEXT = CleanText()
