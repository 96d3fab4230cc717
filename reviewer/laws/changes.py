"""`reviewer laws change`: staff record that a higher law was amended or repealed (立改废释).

A hand-recorded change is authoritative: later catalogue imports do not undo it (store.upsert).
The change is an event on the law, a log entry with who and why (written by the caller,
``reviewer.archive.lawbook.LawBook.change``), and — for a successor law the catalogue does not
know yet — a new catalogue row, so citations of the new law resolve.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reviewer.citations import Law
from reviewer.clock import now
from reviewer.errors import ArchiveError
from reviewer.laws.store import SOURCE_MANUAL, LoadCounts, _event, find_law, law_key, upsert
from reviewer.statuses import AMENDED as STATUS_AMENDED, REPEALED

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
    law_id = upsert(conn, Law(title=title), SOURCE_MANUAL, user, LoadCounts())
    return law_id, title


@dataclass(frozen=True)
class Recorded:
    """What ``record`` did, and the change-log entry the caller writes for it."""

    law_id: int
    title: str
    kind: str
    date: str
    status: str
    previous: str
    replaced_by: str | None
    log_detail: dict

    def to_dict(self) -> dict:
        return {"law_id": self.law_id, "title": self.title, "kind": self.kind, "date": self.date,
                "status": self.status, "previous": self.previous, "replaced_by": self.replaced_by}


def check(change: LawChange) -> None:
    """Refuse a change that names neither or both kinds, or a successor without a repeal."""
    if change.kind not in (AMENDED, REPEAL):
        raise ArchiveError("请用 --amended 或 --repealed 说明是修改还是废止")
    if change.replaced_by and change.kind != REPEAL:
        raise ArchiveError("--replaced-by 只能与 --repealed 一起使用")


def _known(conn: sqlite3.Connection, title: str) -> int | None:
    """The id of a catalogue law with this title or short name, or None."""
    try:
        return find_law(conn, title).id
    except ArchiveError:
        return None


def record(conn: sqlite3.Connection, change: LawChange, user: str) -> Recorded:
    """Record an amendment or a repeal (inside the caller's write transaction)."""
    check(change)
    law = find_law(conn, change.title)
    assert law.id is not None  # read from the archive
    if change.replaced_by and _known(conn, change.replaced_by) == law.id:
        raise ArchiveError(f"《{law.title}》不能被它自己取代；--replaced-by 应是另一部法律法规")
    current = conn.execute("SELECT status FROM laws WHERE id = ?", (law.id,)).fetchone()[0]
    if current == REPEALED:
        raise ArchiveError(f"《{law.title}》在目录中已是“已废止”，不能再记录{change.kind}")
    successor = _successor_id(conn, change.replaced_by, user) if change.replaced_by else None
    new_status = REPEALED if change.kind == REPEAL else STATUS_AMENDED
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
    return Recorded(law.id, law.title, change.kind, change.date, new_status, current,
                    successor[1] if successor else None, entry)
