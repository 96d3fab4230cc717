"""Importing an existing collection: a folder of documents plus a spreadsheet of their metadata.

Documents are committed in small batches, each batch one BEGIN IMMEDIATE transaction holding
complete records (document, version, index entry, registration, status, log). A crash or kill
loses at most the open batch, never leaves half a record, and running the same import again
skips what is already in (matched by file path), so an interrupted import can simply be resumed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reviewer.archive import filings, log, numbering
from reviewer.archive.db import now, write
from reviewer.archive.intake import Checker, check_date, text_digest
from reviewer.archive.records import (
    DEFAULT_IMPORT_STATUS,
    FILING_PASSED,
    STATUS_UNPUBLISHED,
    STATUSES,
    FilingMeta,
    Settings,
)
from reviewer.archive.tables import pick, read_rows
from reviewer.errors import ArchiveError, ReviewerError
from reviewer.model import DEFAULT_LEVEL, LEVELS

BATCH_SIZE = 200


@dataclass(frozen=True)
class Row:
    """One validated spreadsheet row."""

    line: int
    path: str
    meta: FilingMeta
    status: str
    number: str | None


def _date(row: dict, where: str, *names: str) -> str | None:
    """A date column of the sheet; ``where`` (sheet and row) prefixes any error."""
    value = pick(row, *names)
    if not value:
        return None
    try:
        return check_date(value, names[0])
    except ArchiveError as exc:
        raise ArchiveError(f"{where}：{exc.message}") from None


def document_path(folder: str, name: str, where: str) -> Path:
    """The file ``name`` inside ``folder``, resolved; a name leading outside the folder is refused.

    The sheet is data from elsewhere: "../../secret.txt", an absolute path or a symbolic link out
    of the folder must not pull another file's text into the archive.
    """
    root = Path(folder).resolve()
    if "\x00" in name:
        raise ArchiveError(f"{where}：文件名“{name!r}”含有非法字符")
    try:
        path = (root / name).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop, a name too long
        raise ArchiveError(f"{where}：文件名“{name}”无法解析（符号链接循环或名称过长）") from None
    if not path.is_relative_to(root) or path == root:
        raise ArchiveError(f"{where}：文件名“{name}”指向导入文件夹 {folder} 以外的位置，已拒绝；"
                           "文件名应是相对于导入文件夹的路径")
    if not path.is_file():
        raise ArchiveError(f"{where}：找不到文件 {Path(folder, name)}")
    return path


def parse_rows(sheet: str, folder: str, notes: list[str] | None = None) -> list[Row]:
    """Validate every row before anything is written, so a bad sheet changes nothing."""
    out = []
    for line, row in enumerate(read_rows(sheet, notes), start=2):
        name = pick(row, "文件名", "文件", "路径")
        if not name:
            raise ArchiveError(f"{sheet} 第 {line} 行：缺少“文件名”")
        path = document_path(folder, name, f"{sheet} 第 {line} 行")
        level = pick(row, "层级", "文件层级") or DEFAULT_LEVEL
        status = pick(row, "状态", "效力状态") or DEFAULT_IMPORT_STATUS
        if level not in LEVELS or status not in STATUSES:
            raise ArchiveError(f"{sheet} 第 {line} 行：层级“{level}”或状态“{status}”无法识别")
        where = f"{sheet} 第 {line} 行"
        publish = _date(row, where, "公布日期", "发布日期")
        meta = FilingMeta(
            title=pick(row, "标题", "文件名称") or path.stem, doc_number=pick(row, "发文字号", "文号"),
            issuer=pick(row, "制定机关", "发文机关"), level=level, issue_date=_date(row, where, "印发日期", "成文日期"),
            publish_date=publish, effective_date=_date(row, where, "施行日期"),
            expiry_date=_date(row, where, "有效期至", "有效期"), received_date=_date(row, where, "报备日期") or publish)
        # The absolute path identifies a file however the folder was named on the command line,
        # so running the import again from elsewhere resumes instead of importing twice.
        out.append(Row(line, str(path), meta, status, pick(row, "登记号")))
    return out


def _text(path: str, checker: Checker | None) -> tuple[str, str, tuple]:
    if checker is not None:
        report = checker(path, DEFAULT_LEVEL)
        return report.document.text, report.document.source.format, tuple(report.findings)
    from reviewer.readers import read

    source = read(path)
    return source.text, source.format, ()


def _register(conn: sqlite3.Connection, settings: Settings, doc_id: int, row: Row, user: str) -> None:
    issuer = row.meta.issuer or ""
    scope = issuer if settings.by_issuer else ""
    parsed = numbering.parse(settings.template, row.number, settings.code, issuer) if row.number else None
    year, seq = parsed if parsed else (int((row.meta.publish_date or now())[:4]), None)
    try:
        conn.execute("INSERT INTO registrations(document_id, scope, year, seq, number, registered_at, registered_by)"
                     " VALUES (?,?,?,?,?,?,?)", (doc_id, scope, year, seq, row.number, now()[:10], user))
    except sqlite3.IntegrityError:
        raise ArchiveError(f"第 {row.line} 行：登记号 {row.number} 与档案库中已有的登记号重复") from None


def _store(conn: sqlite3.Connection, settings: Settings, row: Row, user: str, checker: Checker | None) -> int:
    text, fmt, found = _text(row.path, checker)
    meta = row.meta if row.meta.received_date else FilingMeta(**{**row.meta.__dict__, "received_date": now()[:10]})
    doc_id = filings.insert_document(conn, meta, "导入", FILING_PASSED, row.status)
    from reviewer.archive.intake import Intake

    intake = Intake(meta=meta, path=row.path, format=fmt, text=text, sha256=text_digest(text), findings=found)
    filings.insert_version(conn, doc_id, 1, intake, user, "导入")
    if row.number:
        _register(conn, settings, doc_id, row, user)
    if row.status != STATUS_UNPUBLISHED:
        conn.execute("INSERT INTO status_history(document_id, old_status, new_status, date, reason, recorded_at,"
                     " recorded_by) VALUES (?,?,?,?,?,?,?)",
                     (doc_id, None, row.status, meta.publish_date or now()[:10], "导入", now(), user))
    log.append(conn, user, "导入", doc_id, {"文件": row.path, "标题": meta.title, "登记号": row.number,
                                             "状态": row.status})
    return doc_id


def _batches(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def import_collection(conn: sqlite3.Connection, settings: Settings, sheet: str, folder: str, user: str,
                      check: bool = False, batch_size: int = BATCH_SIZE,
                      progress: Callable[[int, int], None] | None = None, checker: Checker | None = None) -> dict:
    """Import every row not yet imported; returns counts and the new document ids.

    With ``check``, every file is checked by ``checker`` (the archive's review context).
    """
    from reviewer.archive.intake import default_checker

    checker = (checker or default_checker) if check else None
    notes: list[str] = []
    rows = parse_rows(sheet, folder, notes)
    imported, skipped = [], 0
    for batch in _batches(rows, batch_size):
        with write(conn):
            for row in batch:
                if conn.execute("SELECT 1 FROM versions v JOIN documents d ON d.id = v.document_id"
                                " WHERE v.path = ? AND d.source = '导入'", (row.path,)).fetchone():
                    skipped += 1
                    continue
                try:
                    imported.append(_store(conn, settings, row, user, checker))
                except ReviewerError as exc:
                    raise ArchiveError(f"{sheet} 第 {row.line} 行：{exc.message}") from None
        if progress:
            progress(len(imported) + skipped, len(rows))
    return {"rows": len(rows), "imported": len(imported), "skipped": skipped, "ids": imported, "warnings": notes}
