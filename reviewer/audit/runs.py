"""Audit runs as records: `audit_runs` (one per run) and `audit_results` (one per run and document).

Only the parent process writes, one short BEGIN IMMEDIATE per batch of results, so a killed run
leaves every result row complete or absent; UNIQUE(run_id, document_id) makes a duplicate
impossible and resuming skips what is there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.audit.records import OUTCOMES, AuditSettings, DocumentAudit
from reviewer.errors import ArchiveError

RUNNING = "进行中"
FINISHED = "已完成"
ABANDONED = "已放弃"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def unfinished(conn: sqlite3.Connection) -> sqlite3.Row | None:
    """The run that was interrupted, if any (there is at most one)."""
    return conn.execute("SELECT * FROM audit_runs WHERE status = ? ORDER BY id DESC LIMIT 1", (RUNNING,)).fetchone()


def start(conn: sqlite3.Connection, scope: dict, settings: AuditSettings, total: int, user: str) -> int:
    """Record a new run."""
    with write(conn):
        run_id = conn.execute(
            "INSERT INTO audit_runs(started_at, scope, settings, total, started_by) VALUES (?,?,?,?,?)",
            (now(), _dumps(scope), _dumps(settings.to_dict()), total, user)).lastrowid
        log.append(conn, user, "清理审计开始", None, {"审计": run_id, "范围": scope, "文件数": total,
                                                     "设置": settings.to_dict()})
    assert run_id is not None  # an INSERT always sets it
    return run_id


def abandon(conn: sqlite3.Connection, run_id: int, user: str) -> None:
    """Close an interrupted run without finishing it (its results stay)."""
    with write(conn):
        conn.execute("UPDATE audit_runs SET status = ?, finished_at = ? WHERE id = ?", (ABANDONED, now(), run_id))
        log.append(conn, user, "清理审计放弃", None, {"审计": run_id})


def done_ids(conn: sqlite3.Connection, run_id: int) -> set[int]:
    return {r[0] for r in conn.execute("SELECT document_id FROM audit_results WHERE run_id = ?", (run_id,))}


def save(conn: sqlite3.Connection, run_id: int, rows: Iterable[tuple[int, str, str]]) -> int:
    """Write a batch of (document id, outcome, reasons JSON) in one transaction."""
    stamp = now()
    rows = list(rows)
    with write(conn):
        conn.executemany("INSERT INTO audit_results(run_id, document_id, outcome, reasons, computed_at)"
                         " VALUES (?,?,?,?,?)", [(run_id, d, o, r, stamp) for d, o, r in rows])
    return len(rows)


def finish(conn: sqlite3.Connection, run_id: int, user: str) -> dict:
    """Mark the run finished and log its counts by outcome."""
    counts = outcome_counts(conn, run_id)
    with write(conn):
        conn.execute("UPDATE audit_runs SET status = ?, finished_at = ? WHERE id = ?", (FINISHED, now(), run_id))
        log.append(conn, user, "清理审计完成", None, {"审计": run_id, **counts})
    return counts


def outcome_counts(conn: sqlite3.Connection, run_id: int) -> dict[str, int]:
    found = dict(conn.execute("SELECT outcome, count(*) FROM audit_results WHERE run_id = ? GROUP BY outcome",
                              (run_id,)).fetchall())
    return {o: found.get(o, 0) for o in OUTCOMES}


def get(conn: sqlite3.Connection, run_id: int | None = None) -> sqlite3.Row:
    """A run by id, or the newest finished one."""
    if run_id is None:
        row = conn.execute("SELECT * FROM audit_runs WHERE status = ? ORDER BY id DESC LIMIT 1",
                           (FINISHED,)).fetchone()
        if row is None:
            raise ArchiveError("还没有完成的清理审计，请先运行 reviewer audit run")
        return row
    row = conn.execute("SELECT * FROM audit_runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise ArchiveError(f"没有第 {run_id} 次清理审计，请用 reviewer audit list 查看")
    return row


def previous(conn: sqlite3.Connection, run_id: int) -> sqlite3.Row | None:
    """The finished run before ``run_id`` (for the 与上次相比 sheet)."""
    return conn.execute("SELECT * FROM audit_runs WHERE status = ? AND id < ? ORDER BY id DESC LIMIT 1",
                        (FINISHED, run_id)).fetchone()


def results(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """Every result of a run with the document's catalogue fields, by registration number."""
    rows = conn.execute(
        "SELECT a.document_id, a.outcome, a.reasons, d.title, d.doc_number, d.issuer, d.publish_date, d.status,"
        " r.number FROM audit_results a JOIN documents d ON d.id = a.document_id"
        " LEFT JOIN registrations r ON r.document_id = d.id WHERE a.run_id = ?"
        " ORDER BY r.year, r.scope, r.seq, r.number, d.id", (run_id,))
    out = []
    for row in rows:
        item = dict(row)
        item["reasons"] = json.loads(item["reasons"])
        out.append(item)
    return out


def listing(conn: sqlite3.Connection) -> list[dict]:
    """Every run, newest first, with counts."""
    out = []
    for row in conn.execute("SELECT * FROM audit_runs ORDER BY id DESC"):
        item = dict(row)
        item["scope"], item["settings"] = json.loads(item["scope"]), json.loads(item["settings"])
        item["done"] = conn.execute("SELECT count(*) FROM audit_results WHERE run_id = ?", (row["id"],)).fetchone()[0]
        item["outcomes"] = outcome_counts(conn, row["id"])
        out.append(item)
    return out


def encode(result: DocumentAudit) -> tuple[int, str, str]:
    """The row a worker hands back: cheap to pickle, ready to insert."""
    return result.document_id, result.outcome, _dumps([r.to_dict() for r in result.reasons])
