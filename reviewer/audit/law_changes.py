"""`reviewer laws change`: staff record that a higher law was amended or repealed (立改废释).

A hand-recorded change is authoritative: later catalogue imports do not undo it (catalog.upsert).
The change is an event on the law, a log entry with who and why, and — for a successor law the
catalogue does not know yet — a new catalogue row, so citations of the new law resolve.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.audit.catalog import REPEALED, SOURCE_MANUAL, LawFacts, LoadCounts, _event, find_law, law_key, upsert
from reviewer.errors import ArchiveError

AMENDED = "修改"
REPEAL = "废止"


@dataclass(frozen=True)
class LawChange:
    """One change of higher law as staff state it."""

    title: str
    kind: str  # 修改 / 废止
    date: str
    replaced_by: str | None = None
    reason: str | None = None


def _successor_id(conn: sqlite3.Connection, title: str, user: str) -> tuple[int, str]:
    """The replacing law's id and title; a law the catalogue lacks is added (source 手工)."""
    row = conn.execute("SELECT id, title FROM laws WHERE key = ?", (law_key(title),)).fetchone()
    if row is None:
        row = conn.execute("SELECT l.id, l.title FROM law_names n JOIN laws l ON l.id = n.law_id WHERE n.key = ?",
                           (law_key(title),)).fetchone()
    if row is not None:
        return row[0], row[1]
    law_id = upsert(conn, LawFacts(title=title, status="有效"), SOURCE_MANUAL, user, LoadCounts())
    return law_id, title


def _known(conn: sqlite3.Connection, title: str) -> int | None:
    """The id of a catalogue law with this title or short name, or None."""
    try:
        return find_law(conn, title).id
    except ArchiveError:
        return None


def record(conn: sqlite3.Connection, change: LawChange, user: str) -> dict:
    """Record an amendment or a repeal in one transaction; returns what was recorded."""
    if change.kind not in (AMENDED, REPEAL):
        raise ArchiveError("请用 --amended 或 --repealed 说明是修改还是废止")
    if change.replaced_by and change.kind != REPEAL:
        raise ArchiveError("--replaced-by 只能与 --repealed 一起使用")
    law = find_law(conn, change.title)
    if change.replaced_by:
        successor_law = _known(conn, change.replaced_by)
        if successor_law is not None and successor_law == law.id:
            raise ArchiveError(f"《{law.title}》不能被它自己取代；--replaced-by 应是另一部法律法规")
    with write(conn):
        current = conn.execute("SELECT status FROM laws WHERE id = ?", (law.id,)).fetchone()[0]
        if current == REPEALED:
            raise ArchiveError(f"《{law.title}》在目录中已是“已废止”，不能再记录{change.kind}")
        successor = _successor_id(conn, change.replaced_by, user) if change.replaced_by else None
        new_status = REPEALED if change.kind == REPEAL else "已修改"
        detail = successor[1] if successor else ""
        _event(conn, law.id, change.kind, change.date, detail, SOURCE_MANUAL, user)
        _event(conn, law.id, "状态", None, f"{current} → {new_status}（{change.date}{change.kind}）", SOURCE_MANUAL, user)
        if change.kind == REPEAL:
            conn.execute("UPDATE laws SET status = ?, repealed_date = ?, replaced_by = ?, updated_at = ? WHERE id = ?",
                         (new_status, change.date, successor[1] if successor else None, now(), law.id))
        else:
            conn.execute("UPDATE laws SET status = ?, updated_at = ? WHERE id = ?", (new_status, now(), law.id))
        entry = {"上位法": law.title, "变更": change.kind, "日期": change.date, "原状态": current,
                 "新状态": new_status, "替代": successor[1] if successor else None}
        log.append(conn, user, "上位法变更", None, entry, change.reason)
    return {"law_id": law.id, "title": law.title, "kind": change.kind, "date": change.date,
            "status": new_status, "previous": current, "replaced_by": successor[1] if successor else None}
