"""Click parameter types shared by the commands: dates in the forms offices write them."""

from __future__ import annotations

import click


class DateParam(click.ParamType):
    """A date option: 2025年3月20日, 2025/3/20, 2025.3.20 or 2025-03-20 → "2025-03-20"."""

    name = "日期"

    def get_metavar(self, param, ctx=None) -> str:  # click ≥ 8.2 passes ctx
        return "日期"

    def convert(self, value, param, ctx):
        from reviewer.dates import DateError, iso

        if value is None or value == "":
            return None
        try:
            return iso(value)
        except DateError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()
