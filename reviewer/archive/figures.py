"""The dashboard's figures as a workbook: the table per body and period (with a 合计 row per
period), filings per month, findings per family, and how each figure is counted with what is
missing. Written through reviewer.spreadsheet (PrintTable: printable, literal text cells)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reviewer.archive.indicators import DEFINITIONS, Group, Indicators, period_label
from reviewer.model import FAMILIES
from reviewer.spreadsheet import Column, PrintTable

PERCENT = "0.0%"
NO_DATA = "—"
OUTCOMES = ("待审查", "需纠正", "通过", "不予备案")

TABLE_COLUMNS = (
    Column("制定机关", 24, wrap=True), Column("期间", 14, align="center"), Column("报备件数", 9),
    Column("发文目录件数", 10), Column("报备率", 9, number_format=PERCENT), Column("有公布日期", 9),
    Column("按期报备", 9), Column("及时率", 9, number_format=PERCENT), Column("材料齐全", 9),
    Column("规范率", 9, number_format=PERCENT), Column("已审查", 8), Column("曾需纠正", 9),
    Column("纠错率", 9, number_format=PERCENT), Column("平均审查用时（天）", 11), Column("审查用时中位数（天）", 11),
    Column("最长审查用时（天）", 11), *(Column(name, 8) for name in OUTCOMES),
)


def _or_dash(value):
    return NO_DATA if value is None else value


def table_row(g: Group) -> list:
    """One row of the table (also what the web page's table shows)."""
    d = g.to_dict()
    return [g.issuer, period_label(g.period), d["filed"], d["listed"], _or_dash(d["filing_rate"]), d["dated"],
            d["on_time"], _or_dash(d["on_time_rate"]), d["complete"], _or_dash(d["standard_rate"]), d["decided"],
            d["corrected"], _or_dash(d["correction_rate"]), _or_dash(d["review_mean"]),
            _or_dash(d["review_median"]), _or_dash(d["review_max"]), *(g.outcomes.get(o, 0) for o in OUTCOMES)]


def table_rows(result: Indicators) -> list[list]:
    """Period by period: each body's row, then the period's 合计 row (when more than one body is shown)."""
    several = len({g.issuer for g in result.groups}) > 1
    totals = {t.period: t for t in result.totals}
    rows = []
    for i, g in enumerate(result.groups):
        rows.append(table_row(g))
        last_of_period = i + 1 == len(result.groups) or result.groups[i + 1].period != g.period
        if several and last_of_period:
            rows.append(table_row(totals[g.period]))
    return rows


def _sheet(workbook, name: str, columns: Sequence[Column], titles: Sequence[str], rows: Sequence[Sequence]) -> None:
    sheet = workbook.create_sheet(name)
    table = PrintTable(sheet, columns, titles)
    for row in rows:
        table.append(row)
    table.finish()


def write(result: Indicators, path: str, office: str, today: dt.date) -> None:
    """Write the workbook to ``path`` (the caller picks a temporary name and renames)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    scope = f"{result.issuer or '全部制定机关'}　{period_label(result.period or '')}"
    titles = (f"{office} 规范性文件备案审查统计", f"{scope}　统计日期：{today.isoformat()}")
    _sheet(workbook, "统计表", TABLE_COLUMNS, titles, table_rows(result))
    _sheet(workbook, "每月报备", (Column("月份", 12, align="center"), Column("报备件数", 10)),
           titles[:1], [[m, n] for m, n in result.months])
    _sheet(workbook, "问题类别", (Column("问题类别", 22), Column("代码", 14), Column("发现", 8), Column("采纳", 8)),
           titles[:1], [[FAMILIES.get(f, f), f, found, accepted] for f, found, accepted in result.families])
    notes = [[name, text] for name, text in DEFINITIONS] + [["缺少的数据", gap] for gap in result.gaps]
    _sheet(workbook, "口径说明", (Column("项目", 14), Column("说明", 90, wrap=True)), titles[:1], notes)
    workbook.save(path)
