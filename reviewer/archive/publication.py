"""Publication and validity status (有效/已修改/已废止/失效), with the full status history."""

from __future__ import annotations

import sqlite3

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.archive.filings import get_row
from reviewer.archive.records import (
    STATUS_AMENDED,
    STATUS_EXPIRED,
    STATUS_REPEALED,
    STATUS_UNPUBLISHED,
    STATUS_VALID,
    Outcome,
)
from reviewer.errors import ArchiveError

# Which status may follow which; an amended document can later be repealed or expire.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    STATUS_VALID: (STATUS_AMENDED, STATUS_REPEALED, STATUS_EXPIRED),
    STATUS_AMENDED: (STATUS_AMENDED, STATUS_REPEALED, STATUS_EXPIRED),
}
CHANGE_STATUSES = (STATUS_AMENDED, STATUS_REPEALED, STATUS_EXPIRED)


def _history(conn: sqlite3.Connection, document_id: int, old: str | None, new: str, date: str,
             reason: str | None, by: int | None, user: str) -> None:
    conn.execute(
        "INSERT INTO status_history(document_id, old_status, new_status, date, reason, by_document_id,"
        " recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?)", (document_id, old, new, date, reason, by, now(), user))


def publish(conn: sqlite3.Connection, document_id: int, date: str, channel: str, user: str) -> Outcome:
    """Record publication; the document becomes 有效. It must be registered first (统一登记、统一编号)."""
    if not channel.strip():
        raise ArchiveError("请用 --channel 说明公布渠道，例如 政府公报、政府网站")
    with write(conn):
        row = get_row(conn, document_id)
        reg = conn.execute("SELECT number FROM registrations WHERE document_id = ?", (document_id,)).fetchone()
        if reg is None:
            raise ArchiveError(f"第 {document_id} 号文件尚未登记编号，请先审查通过并运行 reviewer archive register")
        if row["status"] != STATUS_UNPUBLISHED:
            raise ArchiveError(f"第 {document_id} 号文件已公布，当前状态为“{row['status']}”")
        conn.execute("INSERT INTO publications(document_id, date, channel, recorded_at, recorded_by)"
                     " VALUES (?,?,?,?,?)", (document_id, date, channel, now(), user))
        conn.execute("UPDATE documents SET status = ?, publish_date = COALESCE(publish_date, ?), updated_at = ?"
                     " WHERE id = ?", (STATUS_VALID, date, now(), document_id))
        _history(conn, document_id, row["status"], STATUS_VALID, date, f"公布：{channel}", None, user)
        log.append(conn, user, "公布", document_id, {"日期": date, "渠道": channel, "状态": STATUS_VALID})
    return Outcome(document_id, f"第 {document_id} 号文件已公布（{channel}，{date}），状态：有效",
                   {"status": STATUS_VALID, "number": reg["number"]})


def set_status(conn: sqlite3.Connection, document_id: int, status: str, date: str, reason: str | None,
               by: int | None, user: str) -> Outcome:
    """Change a published document's status (已修改/已废止/失效); the old status stays in the history."""
    if status not in CHANGE_STATUSES:
        raise ArchiveError(f"状态只能改为：{'、'.join(CHANGE_STATUSES)}")
    if not reason or not reason.strip():
        raise ArchiveError("请用 --reason 说明变更理由")
    with write(conn):
        previous = change_status(conn, document_id, status, date, reason, by, user)
    return Outcome(document_id, f"第 {document_id} 号文件状态：{previous} → {status}",
                   {"status": status, "previous": previous})


def change_status(conn: sqlite3.Connection, document_id: int, status: str, date: str, reason: str | None,
                  by: int | None, user: str, detail: dict | None = None) -> str:
    """Change the status inside the caller's transaction (history + log); returns the old status.

    Used by set_status and by cleanup decisions, which apply many changes in one transaction.
    """
    row = get_row(conn, document_id)
    if by is not None:
        get_row(conn, by)
        if by == document_id:
            raise ArchiveError("--by 应指向修改或废止本文件的另一份文件")
    allowed = TRANSITIONS.get(row["status"], ())
    if status not in allowed:
        raise ArchiveError(f"第 {document_id} 号文件当前状态为“{row['status']}”，不能改为“{status}”")
    conn.execute("UPDATE documents SET status = ?, updated_at = ? WHERE id = ?", (status, now(), document_id))
    _history(conn, document_id, row["status"], status, date, reason, by, user)
    log.append(conn, user, "状态变更", document_id,
               {"原状态": row["status"], "新状态": status, "日期": date, "依据文件": by, **(detail or {})}, reason)
    return row["status"]


def history(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """The status history of a document, oldest first."""
    get_row(conn, document_id)
    return [dict(r) for r in conn.execute(
        "SELECT old_status, new_status, date, reason, by_document_id, recorded_at, recorded_by"
        " FROM status_history WHERE document_id = ? ORDER BY id", (document_id,))]


def publications(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """Publication records of a document, oldest first."""
    return [dict(r) for r in conn.execute(
        "SELECT date, channel, recorded_at, recorded_by FROM publications WHERE document_id = ? ORDER BY id",
        (document_id,))]
