"""审查建议: review proposals from citizens and organisations against an archived document."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.archive.filings import get_row
from reviewer.archive.records import Outcome, Settings
from reviewer.errors import ArchiveError

OPEN = "待处理"
HANDLING = "处理中"
REPLIED = "已答复"
KINDS = ("公民", "法人或其他组织")
# The check code of a receipt number: no 0/O, 1/I to misread. 32 symbols, 6 of them: 2^30 codes,
# so a receipt cannot be guessed from its year and sequence (the lookup is also rate-limited).
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6


@dataclass(frozen=True)
class Answer:
    """What the submitter may read back with a receipt number: never the staff's names."""

    receipt: str
    document_id: int
    received_date: str
    due_date: str
    status: str
    clause: str | None
    text: str
    reply: str | None
    reply_date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def normalise_receipt(value: str) -> str:
    """A receipt number as typed (full-width characters, spaces, lower case) in its stored form."""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def _new_receipt(conn: sqlite3.Connection, date: str) -> str:
    """``2026-0007-K7QX9M``: the year received, the year's sequence and a random check code."""
    year = date[:4]
    seq = conn.execute("SELECT COUNT(*) FROM suggestions WHERE receipt LIKE ?", (f"{year}-%",)).fetchone()[0] + 1
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{year}-{seq:04d}-{code}"


def _get(conn: sqlite3.Connection, suggestion_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,)).fetchone()
    if row is None:
        raise ArchiveError(f"没有编号为 {suggestion_id} 的审查建议")
    return row


def add(conn: sqlite3.Connection, settings: Settings, document_id: int, submitter: str, kind: str,
        channel: str, date: str, text: str, user: str, contact: str | None = None,
        clause: str | None = None) -> Outcome:
    """Record a suggestion; its reply is due ``reply_days`` after receipt. Every suggestion gets a
    receipt number, by which its submitter can read the reply (``answer``)."""
    if kind not in KINDS:
        raise ArchiveError(f"建议人类型只能是：{'、'.join(KINDS)}")
    if not text.strip() or not submitter.strip():
        raise ArchiveError("请填写建议人和建议内容")
    due = (dt.date.fromisoformat(date) + dt.timedelta(days=settings.reply_days)).isoformat()
    with write(conn):
        get_row(conn, document_id)
        receipt = _new_receipt(conn, date)
        sid = conn.execute(
            "INSERT INTO suggestions(document_id, submitter, submitter_kind, channel, received_date, text, due_date,"
            " status, created_at, receipt, contact, clause) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (document_id, submitter, kind, channel, date, text, due, OPEN, now(), receipt, contact or None,
             clause or None)).lastrowid
        conn.execute("INSERT INTO suggestion_events(suggestion_id, status, note, at, user) VALUES (?,?,?,?,?)",
                     (sid, OPEN, "收到建议", now(), user))
        log.append(conn, user, "收到审查建议", document_id, {"建议编号": sid, "回执号": receipt, "建议人": submitter,
                                                             "渠道": channel, "答复期限": due})
    assert sid is not None  # an INSERT always sets it
    return Outcome(sid, f"已登记第 {sid} 号审查建议（回执号 {receipt}），答复期限 {due}",
                   {"document_id": document_id, "due_date": due, "receipt": receipt})


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
    """Suggestions (open ones only if asked), oldest deadline first, with the document's title,
    the days left before the deadline (negative: overdue) and an overdue flag."""
    sql = ("SELECT s.*, d.title FROM suggestions s JOIN documents d ON d.id = s.document_id"
           + (" WHERE s.status != ?" if only_open else "") + " ORDER BY s.due_date, s.id")
    rows = conn.execute(sql, (REPLIED,) if only_open else ()).fetchall()
    day = dt.date.fromisoformat(today)
    return [{**dict(r), "days_left": (dt.date.fromisoformat(r["due_date"]) - day).days,
             "overdue": r["status"] != REPLIED and r["due_date"] < today} for r in rows]


def get(conn: sqlite3.Connection, suggestion_id: int) -> dict:
    """One suggestion with its document's title and its handling steps, oldest first."""
    row = _get(conn, suggestion_id)
    title = conn.execute("SELECT title FROM documents WHERE id = ?", (row["document_id"],)).fetchone()[0]
    events = [dict(e) for e in conn.execute(
        "SELECT status, note, at, user FROM suggestion_events WHERE suggestion_id = ? ORDER BY id", (suggestion_id,))]
    return {**dict(row), "title": title, "events": events}


def answer(conn: sqlite3.Connection, receipt: str) -> Answer | None:
    """The suggestion with this exact receipt number, as its submitter may see it; None if none."""
    wanted = normalise_receipt(receipt)
    if not wanted:
        return None
    row = conn.execute("SELECT * FROM suggestions WHERE receipt = ?", (wanted,)).fetchone()
    if row is None:
        return None
    return Answer(receipt=row["receipt"], document_id=row["document_id"], received_date=row["received_date"],
                  due_date=row["due_date"], status=row["status"], clause=row["clause"], text=row["text"],
                  reply=row["reply"], reply_date=row["reply_date"])
