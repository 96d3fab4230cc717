"""审查建议: review proposals from citizens and organisations against an archived document."""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.archive.filings import get_row
from reviewer.archive.records import Outcome, Settings
from reviewer.errors import ArchiveError

OPEN = "待处理"
HANDLING = "处理中"
REPLIED = "已答复"
KINDS = ("公民", "法人或其他组织")


def _get(conn: sqlite3.Connection, suggestion_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,)).fetchone()
    if row is None:
        raise ArchiveError(f"没有编号为 {suggestion_id} 的审查建议")
    return row


def add(conn: sqlite3.Connection, settings: Settings, document_id: int, submitter: str, kind: str,
        channel: str, date: str, text: str, user: str) -> Outcome:
    """Record a suggestion; its reply is due ``reply_days`` after receipt."""
    if kind not in KINDS:
        raise ArchiveError(f"建议人类型只能是：{'、'.join(KINDS)}")
    if not text.strip() or not submitter.strip():
        raise ArchiveError("请填写建议人和建议内容")
    due = (dt.date.fromisoformat(date) + dt.timedelta(days=settings.reply_days)).isoformat()
    with write(conn):
        get_row(conn, document_id)
        sid = conn.execute(
            "INSERT INTO suggestions(document_id, submitter, submitter_kind, channel, received_date, text, due_date,"
            " status, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (document_id, submitter, kind, channel, date, text, due, OPEN, now())).lastrowid
        conn.execute("INSERT INTO suggestion_events(suggestion_id, status, note, at, user) VALUES (?,?,?,?,?)",
                     (sid, OPEN, "收到建议", now(), user))
        log.append(conn, user, "收到审查建议", document_id, {"建议编号": sid, "建议人": submitter, "渠道": channel,
                                                             "答复期限": due})
    assert sid is not None  # an INSERT always sets it
    return Outcome(sid, f"已登记第 {sid} 号审查建议，答复期限 {due}", {"document_id": document_id, "due_date": due})


def handle(conn: sqlite3.Connection, suggestion_id: int, note: str, user: str) -> Outcome:
    """Record a handling step (e.g. 已转交起草单位说明); the suggestion becomes 处理中."""
    with write(conn):
        row = _get(conn, suggestion_id)
        if row["status"] == REPLIED:
            raise ArchiveError(f"第 {suggestion_id} 号审查建议已答复")
        conn.execute("UPDATE suggestions SET status = ? WHERE id = ?", (HANDLING, suggestion_id))
        conn.execute("INSERT INTO suggestion_events(suggestion_id, status, note, at, user) VALUES (?,?,?,?,?)",
                     (suggestion_id, HANDLING, note, now(), user))
        log.append(conn, user, "办理审查建议", row["document_id"], {"建议编号": suggestion_id}, note)
    return Outcome(suggestion_id, f"第 {suggestion_id} 号审查建议：处理中", {"status": HANDLING})


def reply(conn: sqlite3.Connection, suggestion_id: int, text: str, date: str, user: str) -> Outcome:
    """Record the reply to the submitter; the suggestion is closed."""
    if not text.strip():
        raise ArchiveError("请填写答复内容")
    with write(conn):
        row = _get(conn, suggestion_id)
        if row["status"] == REPLIED:
            raise ArchiveError(f"第 {suggestion_id} 号审查建议已答复")
        if date < row["received_date"]:
            raise ArchiveError(f"答复日期 {date} 早于收到该建议的日期 {row['received_date']}，请核对")
        conn.execute("UPDATE suggestions SET status = ?, reply = ?, reply_date = ? WHERE id = ?",
                     (REPLIED, text, date, suggestion_id))
        conn.execute("INSERT INTO suggestion_events(suggestion_id, status, note, at, user) VALUES (?,?,?,?,?)",
                     (suggestion_id, REPLIED, text, now(), user))
        log.append(conn, user, "答复审查建议", row["document_id"], {"建议编号": suggestion_id, "答复日期": date})
    late = date > row["due_date"]
    return Outcome(suggestion_id, f"第 {suggestion_id} 号审查建议已答复" + ("（已超过答复期限）" if late else ""),
                   {"status": REPLIED, "late": late})


def listing(conn: sqlite3.Connection, only_open: bool, today: str) -> list[dict]:
    """Suggestions (open ones only if asked), oldest deadline first, with an overdue flag."""
    sql = "SELECT * FROM suggestions" + (" WHERE status != ?" if only_open else "") + " ORDER BY due_date, id"
    rows = conn.execute(sql, (REPLIED,) if only_open else ()).fetchall()
    return [{**dict(r), "overdue": r["status"] != REPLIED and r["due_date"] < today} for r in rows]
