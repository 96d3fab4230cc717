"""Reading a spreadsheet (.xlsx) or .csv into rows of strings keyed by header, and writing one."""

from __future__ import annotations

import csv
import datetime as dt
import io
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


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ArchiveError(f"{path}: 无法识别 CSV 文件的编码，请另存为 UTF-8")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ArchiveError(f"{path}: 无法读取 Excel 文件（{exc}）") from None
    try:
        return [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_rows(path: str) -> list[dict[str, str]]:
    """Rows of the first sheet (or the CSV) as dicts keyed by the header row; blank rows skipped."""
    p = Path(path)
    if not p.is_file():
        raise ArchiveError(f"{path}: 文件不存在")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        raw = _read_csv(p)
    elif suffix in (".xlsx", ".xlsm"):
        raw = _read_xlsx(p)
    else:
        raise ArchiveError(f"{path}: 只支持 .xlsx 或 .csv 表格")
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
