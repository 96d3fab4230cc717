"""Reading a spreadsheet (.xlsx) or .csv into rows of strings keyed by header, and writing one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer.errors import ArchiveError


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: str, notes: list[str] | None = None) -> list[dict[str, str]]:
    """Rows of the first sheet (or the CSV) as dicts keyed by the header row; blank rows skipped.

    Reading is bounded (see reviewer.spreadsheet); merged ranges and formulas without a saved
    result are appended to ``notes`` by row when a list is given.
    """
    from reviewer.spreadsheet import SpreadsheetError, read_csv, read_workbook

    p = Path(path)
    if not p.is_file():
        raise ArchiveError(f"{path}: 文件不存在")
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            raw = read_csv(p)
        elif suffix in (".xlsx", ".xlsm"):
            sheet = read_workbook(p)[0]
            raw = [[_cell(v) for v in row] for row in sheet.rows]
            if notes is not None:
                notes.extend(sheet.notes)
        else:
            raise ArchiveError(f"{path}: 只支持 .xlsx 或 .csv 表格")
    except SpreadsheetError as exc:
        raise ArchiveError(exc.message) from None
    if not raw:
        raise ArchiveError(f"{path}: 表格为空")
    header = [h.strip() for h in raw[0]]
    rows = []
    for values in raw[1:]:
        if any(values):
            rows.append({h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h})
    return rows


def pick(row: dict[str, str], *names: str) -> str | None:
    """The first non-empty value among alternative column names (e.g. 公布日期 / 发布日期)."""
    for name in names:
        value = row.get(name)
        if value:
            return value.strip()
    return None
