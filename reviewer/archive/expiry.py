"""有效期: documents whose validity period ends soon (a reminder), and the automatic change to 失效.

A document with 有效期至 D is in force through D; on D + 1 it has lapsed. ``expire`` moves every
document still in force (有效 / 已修改) whose 有效期至 is before ``today`` to 失效, with the date it
lapsed (D + 1) and the reason "有效期届满（D）", in one transaction, through the same status change
as `archive status` (status history and log). It is logged under ``SYSTEM_USER``: nobody decided
it, the document's own date did; what triggered the run (a command and its user, the web server)
is in the log entry's detail. Running it again changes nothing (idempotent).

``today`` is always passed in by the caller: the library never reads the clock here, so a test
fixes the date by passing one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewer.archive import publication
from reviewer.archive.db import write
from reviewer.archive.records import CURRENT_STATUSES, STATUS_EXPIRED

SYSTEM_USER = "系统（有效期自动失效）"
# Only well-formed ISO dates take part (an imported sheet's odd value is never compared as text).
_ISO = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_COLUMNS = "id, title, doc_number, issuer, status, expiry_date"


def reason(expiry_date: str) -> str:
    """The reason recorded with the automatic change."""
    return f"有效期届满（{expiry_date}）"


def lapse_date(expiry_date: str) -> str:
    """The first day a document valid through ``expiry_date`` is no longer in force."""
    return (dt.date.fromisoformat(expiry_date) + dt.timedelta(days=1)).isoformat()


def _in_force(issuer: str | None) -> tuple[str, list]:
    marks = ", ".join("?" for _ in CURRENT_STATUSES)
    sql = f"SELECT {_COLUMNS} FROM documents WHERE status IN ({marks}) AND expiry_date GLOB '{_ISO}'"
    params: list = list(CURRENT_STATUSES)
    if issuer:
        sql += " AND issuer = ?"
        params.append(issuer)
    return sql, params


def due(conn: sqlite3.Connection, today: str, issuer: str | None = None) -> list[dict]:
    """Documents still in force whose 有效期 ended before ``today`` (what ``expire`` would change)."""
    sql, params = _in_force(issuer)
    rows = conn.execute(sql + " AND expiry_date < ? ORDER BY expiry_date, id", [*params, today])
    return [{**dict(r), "lapse_date": lapse_date(r["expiry_date"])} for r in rows]


def expiring(conn: sqlite3.Connection, today: str, days: int, issuer: str | None = None) -> dict[str, list[dict]]:
    """``expiring``: in force, 有效期 ending within ``days`` from ``today`` (today counted, nearest first),
    with the days left; ``expired``: 有效期 ended within the last ``days`` days, whatever was done
    since (失效 already, or still in force when nobody has run ``expire`` yet), newest first."""
    until = (dt.date.fromisoformat(today) + dt.timedelta(days=days)).isoformat()
    since = (dt.date.fromisoformat(today) - dt.timedelta(days=days)).isoformat()
    sql, params = _in_force(issuer)
    soon = []
    for row in conn.execute(sql + " AND expiry_date BETWEEN ? AND ? ORDER BY expiry_date, id", [*params, today, until]):
        left = (dt.date.fromisoformat(row["expiry_date"]) - dt.date.fromisoformat(today)).days
        soon.append({**dict(row), "days_left": left})
    marks = ", ".join("?" for _ in (*CURRENT_STATUSES, STATUS_EXPIRED))
    sql = (f"SELECT {_COLUMNS} FROM documents WHERE status IN ({marks}) AND expiry_date GLOB '{_ISO}'"
           " AND expiry_date >= ? AND expiry_date < ?")
    params = [*CURRENT_STATUSES, STATUS_EXPIRED, since, today]
    if issuer:
        sql += " AND issuer = ?"
        params.append(issuer)
    ended = [{**dict(r), "lapse_date": lapse_date(r["expiry_date"]), "pending": r["status"] != STATUS_EXPIRED}
             for r in conn.execute(sql + " ORDER BY expiry_date DESC, id DESC", params)]
    return {"expiring": soon, "expired": ended}


def expire(conn: sqlite3.Connection, today: str, trigger: str, user: str = SYSTEM_USER) -> list[dict]:
    """Move every document whose 有效期 ended before ``today`` to 失效; return what changed.

    One write transaction: the candidates are read again after the write lock is taken, so two
    servers or a server and a command running at once change each document once. When nothing is
    due no transaction is opened (a read-only archive is fine then).
    """
    if not due(conn, today):
        return []
    with write(conn):
        changed = due(conn, today)
        for row in changed:
            publication.change_status(conn, row["id"], STATUS_EXPIRED, row["lapse_date"], reason(row["expiry_date"]),
                                      None, user, {"有效期至": row["expiry_date"], "触发": trigger})
    return changed
