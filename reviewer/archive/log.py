"""The append-only change log: who did what to which document, when and why.

Triggers in the schema make UPDATE and DELETE on `log` fail, so history cannot be rewritten
through this tool or any other SQLite client that keeps the triggers.
"""

from __future__ import annotations

import json
import sqlite3

from reviewer.archive.db import now


def append(
    conn: sqlite3.Connection,
    user: str,
    action: str,
    document_id: int | None,
    detail: dict,
    reason: str | None = None,
) -> int:
    """Add one log entry inside the caller's transaction and return its id."""
    cur = conn.execute(
        "INSERT INTO log(at, user, action, document_id, detail, reason) VALUES (?, ?, ?, ?, ?, ?)",
        (now(), user, action, document_id, json.dumps(detail, ensure_ascii=False, sort_keys=True), reason),
    )
    assert cur.lastrowid is not None  # an INSERT always sets it
    return cur.lastrowid


def entries(conn: sqlite3.Connection, document_id: int | None = None, limit: int | None = None) -> list[dict]:
    """Log entries in order, optionally for one document, optionally the last ``limit`` only."""
    sql = "SELECT id, at, user, action, document_id, detail, reason FROM log"
    params: list = []
    if document_id is not None:
        sql += " WHERE document_id = ?"
        params.append(document_id)
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    rows = [dict(r) for r in conn.execute(sql, params)]
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows[::-1]
