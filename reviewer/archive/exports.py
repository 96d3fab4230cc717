"""Exporting the published catalogue (目录) as .xlsx, .csv or .json, and online backups.

The .xlsx is laid out as an office publishes a catalogue: a title line naming the office and
the list, a line with the as-of date and the count, then 序号 and the columns under a frozen,
filtered header, dates as real date cells, set to print landscape at one page wide with the
header on every page. ``write_catalogue_book`` is shared with the lists ``audit apply`` writes.
CSV and JSON stay plain tables (one header line, ISO dates): they are read by programs.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from reviewer.archive.records import STATUSES, STATUS_UNPUBLISHED
from reviewer.errors import ArchiveError
from reviewer.spreadsheet import DATE_FORMAT, Column, date_value, fitted_width, write_csv

# (key in JSON, column header in spreadsheets)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "登记号"),
    ("doc_number", "发文字号"),
    ("title", "标题"),
    ("issuer", "制定机关"),
    ("publish_date", "公布日期"),
    ("effective_date", "施行日期"),
    ("expiry_date", "有效期"),
    ("status", "状态"),
)
FORMATS = ("xlsx", "csv", "json")
# Widths are upper bounds: each column shrinks to its longest value (see fit_columns).
SHEET_COLUMNS: dict[str, Column] = {
    "序号": Column("序号", 6, align="center"),
    "登记号": Column("登记号", 20),
    "发文字号": Column("发文字号", 22, wrap=True),
    "标题": Column("标题", 44, wrap=True),
    "制定机关": Column("制定机关", 20, wrap=True),
    "公布日期": Column("公布日期", 12, number_format=DATE_FORMAT, align="center"),
    "施行日期": Column("施行日期", 12, number_format=DATE_FORMAT, align="center"),
    "有效期": Column("有效期至", 12, number_format=DATE_FORMAT, align="center"),
    "状态": Column("状态", 8, align="center"),
}


def catalogue(conn: sqlite3.Connection, statuses: tuple[str, ...] = (), issuer: str | None = None,
              year: int | None = None) -> list[dict]:
    """Published documents (filterable by status, issuer, publication year), by registration number."""
    for s in statuses:
        if s not in STATUSES:
            raise ArchiveError(f"未知状态“{s}”；可选：{'、'.join(STATUSES)}")
    sql = ("SELECT r.number, d.doc_number, d.title, d.issuer, d.publish_date, d.effective_date, d.expiry_date,"
           " d.status, d.id FROM documents d LEFT JOIN registrations r ON r.document_id = d.id"
           " WHERE d.status != ?")
    params: list = [STATUS_UNPUBLISHED]
    if statuses:
        sql += f" AND d.status IN ({', '.join('?' * len(statuses))})"
        params += statuses
    if issuer:
        sql += " AND d.issuer = ?"
        params.append(issuer)
    if year:
        sql += " AND substr(d.publish_date, 1, 4) = ?"
        params.append(str(year))
    sql += " ORDER BY r.year, r.scope, r.seq, r.number, d.id"
    return [{key: row[key] for key, _ in COLUMNS} for row in conn.execute(sql, params)]


def format_for(path: str, fmt: str | None) -> str:
    """The export format: given explicitly or taken from the file's extension."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ArchiveError("无法判断导出格式，请使用 .xlsx、.csv 或 .json 文件名，或用 --type 指定")
    return fmt


def chinese_date(day: dt.date) -> str:
    """2026年3月1日, as a date is written in a heading."""
    return f"{day.year}年{day.month}月{day.day}日"


def catalogue_titles(office: str, name: str, as_of: dt.date, count: int) -> list[str]:
    """The title line (office and list) and the as-of line above a published catalogue."""
    return [f"{office} {name}".strip(), f"（截至{chinese_date(as_of)}，共 {count} 件）"]


def fit_columns(columns: Sequence[Column], rows: Sequence[Sequence]) -> list[Column]:
    """Each column as wide as its longest value needs, never wider than its set width."""
    from dataclasses import replace

    return [replace(c, width=fitted_width(c.header, (r[i] for r in rows), 4, c.width)) for i, c in enumerate(columns)]


def write_catalogue_book(path: str, sheet_name: str, titles: Sequence[str], columns: Sequence[Column],
                         rows: Sequence[Sequence]) -> None:
    """A catalogue workbook: ``titles`` above a numbered, print-ready table (序号 is added here)."""
    from openpyxl import Workbook

    from reviewer.spreadsheet import PrintTable

    numbered = [[n, *(date_value(v) if c.number_format == DATE_FORMAT else v for v, c in zip(row, columns[1:]))]
                for n, row in enumerate(rows, 1)]
    # write_only streams rows: 1.6x faster and 10x less memory at 100k rows (perf-baseline §4).
    book = Workbook(write_only=True)
    table = PrintTable(book.create_sheet(sheet_name), fit_columns(columns, numbered), titles)
    for row in numbered:
        table.append(row)
    table.finish()
    book.save(path)


def catalogue_name(statuses: Sequence[str], issuer: str | None, year: int | None) -> str:
    """What the list is called in its title line."""
    from reviewer.statuses import IN_FORCE

    name = "现行有效规范性文件目录" if statuses and set(statuses) <= set(IN_FORCE) else "规范性文件目录"
    return f"{year}年度{name}" if year else name


def write_catalogue(rows: list[dict], path: str, fmt: str, *, office: str = "", title: str = "规范性文件目录",
                    as_of: dt.date | None = None) -> None:
    """Write the catalogue rows to ``path`` in ``fmt``; the .xlsx has ``office`` and ``title`` on top."""
    headers = [label for _, label in COLUMNS]
    if fmt == "json":
        Path(path).write_text(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    elif fmt == "csv":
        # Fields starting like a formula are quoted as text there (reviewer.spreadsheet).
        write_csv(path, headers, ([row[k] or "" for k, _ in COLUMNS] for row in rows))
    else:
        columns = [SHEET_COLUMNS["序号"], *(SHEET_COLUMNS[label] for _, label in COLUMNS)]
        titles = catalogue_titles(office, title, as_of or dt.date.today(), len(rows))
        write_catalogue_book(path, "规范性文件目录", titles, columns,
                             [[row[k] or "" for k, _ in COLUMNS] for row in rows])


def backup(conn: sqlite3.Connection, dest: str) -> int:
    """Copy the archive with SQLite's online backup (consistent while others write); returns bytes.

    The copy is made under a temporary name and renamed when complete: a failed backup leaves no
    empty or partial file behind to block the retry.
    """
    from reviewer.outputs import atomic_output

    target = Path(dest)
    if target.exists():
        raise ArchiveError(f"{dest}: 文件已存在，请换一个备份文件名")
    with atomic_output(target, protected=[conn.execute("PRAGMA database_list").fetchone()[2]]) as tmp:
        out = sqlite3.connect(tmp)
        try:
            conn.backup(out)
        finally:
            out.close()
    return target.stat().st_size
