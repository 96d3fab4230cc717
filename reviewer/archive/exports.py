"""Exporting the published catalogue (目录) as .xlsx, .csv or .json, and online backups."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reviewer.archive.records import STATUSES, STATUS_UNPUBLISHED
from reviewer.errors import ArchiveError
from reviewer.spreadsheet import append_xlsx_row, write_csv

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


def write_catalogue(rows: list[dict], path: str, fmt: str) -> None:
    """Write the catalogue rows to ``path`` in ``fmt``."""
    headers = [label for _, label in COLUMNS]
    if fmt == "json":
        Path(path).write_text(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    elif fmt == "csv":
        # Fields starting like a formula are quoted as text there (reviewer.spreadsheet).
        write_csv(path, headers, ([row[k] or "" for k, _ in COLUMNS] for row in rows))
    else:
        from openpyxl import Workbook

        # write_only streams rows: 1.6x faster and 10x less memory at 100k rows (perf-baseline §4).
        book = Workbook(write_only=True)
        sheet = book.create_sheet("规范性文件目录")
        append_xlsx_row(sheet, headers)
        for row in rows:
            append_xlsx_row(sheet, [row[k] or "" for k, _ in COLUMNS])
        book.save(path)


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
