"""Deciding a run's proposals one by one (the web workspace), then applying them.

The workbook path (workbook.py → decisions.apply) has staff fill in a spreadsheet and apply it
in one go. In the browser a reviewer decides each proposal where it is shown — accept it, or
choose another outcome with a note saying why — and 负责人 applies the decided run later. The
decisions in between live in ``audit_verdicts`` (append-only: a changed mind is a new row, the
newest per document counts, each one logged). Applying goes through ``decisions.apply_one``,
the same step the workbook path takes: 废止 and 宣布失效 change the status through the
archive's status history, every decision is recorded in ``audit_decisions`` and logged.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.audit import runs
from reviewer.audit.records import OUTCOMES
from reviewer.errors import ArchiveError
from reviewer.statuses import IN_FORCE

SOURCE = "网页审定"  # audit_decisions.source of what was applied from the browser
UNDECIDED = "未审定"
DECIDED = "已审定"
APPLIED = "已应用"
STATES = (UNDECIDED, DECIDED, APPLIED)
NOTE_LIMIT = 2000


@dataclass(frozen=True)
class Page:
    """One page of a run's proposals and how many match the filter."""

    items: list[dict]
    total: int
    offset: int
    limit: int


def finished_run(conn: sqlite3.Connection, run_id: int) -> sqlite3.Row:
    """The run, which must be finished: an unfinished run's proposals are not all there yet."""
    run = runs.get(conn, run_id)
    if run["status"] != runs.FINISHED:
        raise ArchiveError(f"第 {run_id} 次清理审计{run['status']}，完成后才能审定或应用")
    return run


def _result(conn: sqlite3.Connection, run_id: int, document_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT outcome, reasons FROM audit_results WHERE run_id = ? AND document_id = ?",
                       (run_id, document_id)).fetchone()
    if row is None:
        raise ArchiveError(f"第 {run_id} 次审计中没有第 {document_id} 号文件")
    return row


def decide(conn: sqlite3.Connection, run_id: int, document_id: int, decision: str, note: str | None,
           user: str) -> dict:
    """Record a reviewer's decision on one proposal; another outcome than proposed needs a note."""
    finished_run(conn, run_id)
    proposed = _result(conn, run_id, document_id)["outcome"]
    status = conn.execute("SELECT status FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
    if status not in IN_FORCE:
        raise ArchiveError(f"第 {document_id} 号文件当前状态为“{status}”，已不在现行有效文件之列，不能再审定")
    note = (note or "").strip() or None
    if decision not in OUTCOMES:
        raise ArchiveError(f"决定“{decision}”无法识别，可选：{'、'.join(OUTCOMES)}")
    if decision != proposed and not note:
        raise ArchiveError(f"第 {document_id} 号文件：建议为“{proposed}”，改为“{decision}”时请写明说明")
    if note and len(note) > NOTE_LIMIT:
        raise ArchiveError(f"说明不能超过 {NOTE_LIMIT} 个字符")
    with write(conn):
        conn.execute("INSERT INTO audit_verdicts(run_id, document_id, decision, note, decided_at, decided_by)"
                     " VALUES (?,?,?,?,?,?)", (run_id, document_id, decision, note, now(), user))
        log.append(conn, user, "清理审定", document_id, {"审计": run_id, "建议": proposed, "决定": decision}, note)
    return {"run_id": run_id, "document_id": document_id, "proposed": proposed, "decision": decision, "note": note}


def accept_all(conn: sqlite3.Connection, run_id: int, outcome: str, user: str) -> int:
    """Accept every undecided proposal of one outcome (e.g. all 继续有效); returns how many."""
    finished_run(conn, run_id)
    if outcome not in OUTCOMES:
        raise ArchiveError(f"建议“{outcome}”无法识别，可选：{'、'.join(OUTCOMES)}")
    stamp = now()
    with write(conn):
        count = conn.execute(
            "INSERT INTO audit_verdicts(run_id, document_id, decision, note, decided_at, decided_by)"
            " SELECT a.run_id, a.document_id, a.outcome, NULL, ?, ? FROM audit_results a"
            " WHERE a.run_id = ? AND a.outcome = ? AND NOT EXISTS (SELECT 1 FROM audit_verdicts v"
            " WHERE v.run_id = a.run_id AND v.document_id = a.document_id) ORDER BY a.document_id",
            (stamp, user, run_id, outcome)).rowcount
        if count:
            log.append(conn, user, "清理审定", None, {"审计": run_id, "批量采纳": outcome, "文件数": count})
    return count


# Each result with its newest verdict (v) and newest applied decision (ap), both found through the
# (run_id, document_id) indexes one result at a time: never a join of whole tables.
_FROM = (" FROM audit_results a"
         " LEFT JOIN audit_verdicts v ON v.id = (SELECT max(x.id) FROM audit_verdicts x"
         " WHERE x.run_id = a.run_id AND x.document_id = a.document_id)"
         " LEFT JOIN audit_decisions ap ON ap.id = (SELECT max(y.id) FROM audit_decisions y"
         " WHERE y.run_id = a.run_id AND y.document_id = a.document_id)")


def _state_sql(state: str | None) -> str:
    if state is None:
        return ""
    if state not in STATES:
        raise ArchiveError(f"状态“{state}”无法识别，可选：{'、'.join(STATES)}")
    if state == UNDECIDED:
        return " AND v.id IS NULL"
    return " AND v.id IS NOT NULL AND " + ("" if state == APPLIED else "NOT ") + \
        "(ap.id IS NOT NULL AND ap.decision = v.decision)"


def page(conn: sqlite3.Connection, run_id: int, outcome: str | None = None, state: str | None = None,
         offset: int = 0, limit: int = 50) -> Page:
    """Proposals of a run (optionally one outcome, one state), by document id, with reasons and verdicts."""
    runs.get(conn, run_id)
    if outcome is not None and outcome not in OUTCOMES:
        raise ArchiveError(f"建议“{outcome}”无法识别，可选：{'、'.join(OUTCOMES)}")
    base = _FROM + " WHERE a.run_id = ?" + (" AND a.outcome = ?" if outcome else "") + _state_sql(state)
    params: list = [run_id, *([outcome] if outcome else [])]
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    rows = conn.execute(
        "SELECT a.document_id, a.outcome, a.reasons, d.title, d.doc_number, d.issuer, d.publish_date, d.status,"
        " (SELECT number FROM registrations r WHERE r.document_id = a.document_id) AS number,"
        " v.decision, v.note, v.decided_by, v.decided_at, ap.decision AS applied"
        + base.replace(" WHERE a.run_id", " JOIN documents d ON d.id = a.document_id WHERE a.run_id", 1)
        + " ORDER BY a.document_id LIMIT ? OFFSET ?", [*params, limit, offset])
    items = []
    for row in rows:
        item = dict(row)
        item["reasons"] = json.loads(item["reasons"])
        item["laws"] = laws_of(item["reasons"])
        item["state"] = UNDECIDED if item["decision"] is None else (
            APPLIED if item["applied"] == item["decision"] else DECIDED)
        items.append(item)
    return Page(items, total, offset, limit)


def laws_of(reasons: list[dict]) -> list[str]:
    """The higher laws a document's reasons name (repealed or amended), in order, once each."""
    titles = [r["detail"].get("law") for r in reasons if isinstance(r.get("detail"), dict)]
    return list(dict.fromkeys(t for t in titles if t))


def counts(conn: sqlite3.Connection, run_id: int) -> dict:
    """Proposals by outcome, and by state (undecided, decided not applied, applied)."""
    proposed = runs.outcome_counts(conn, run_id)
    states = dict.fromkeys(STATES, 0)
    changed = 0
    for decision, applied, outcome, n in conn.execute(
            "SELECT v.decision, ap.decision, a.outcome, count(*)" + _FROM + " WHERE a.run_id = ?"
            " GROUP BY v.decision, ap.decision, a.outcome", (run_id,)):
        state = UNDECIDED if decision is None else APPLIED if applied == decision else DECIDED
        states[state] += n
        changed += n if decision is not None and decision != outcome else 0
    # Decisions applied to the documents by any path (this page or a workbook): the lists follow them.
    applied = conn.execute("SELECT count(DISTINCT document_id) FROM audit_decisions WHERE run_id = ?",
                           (run_id,)).fetchone()[0]
    return {"proposed": proposed, "states": states, "changed": changed, "total": sum(proposed.values()),
            "applied": applied}


def apply(conn: sqlite3.Connection, run_id: int, user: str) -> dict:
    """Apply every decided proposal not yet applied, all or none; returns counts by decision."""
    from reviewer.audit.decisions import apply_one
    from reviewer.audit.workbook import DecisionRow

    finished_run(conn, run_id)
    with write(conn):  # what is left to apply is read under the lock: a second click finds nothing
        todo = [dict(r) for r in conn.execute(
            "SELECT a.document_id, a.outcome, a.reasons, v.decision, v.note, d.status, d.title" + _FROM
            + " JOIN documents d ON d.id = a.document_id WHERE a.run_id = ? AND v.id IS NOT NULL"
            " AND (ap.id IS NULL OR ap.decision != v.decision) ORDER BY a.document_id", (run_id,))]
        if not todo:
            raise ArchiveError(f"第 {run_id} 次清理审计没有待应用的审定结果，请先审定建议")
        errors = [f"第 {r['document_id']} 号《{r['title']}》当前状态为“{r['status']}”，不能再决定“{r['decision']}”"
                  for r in todo if r["status"] not in IN_FORCE]
        if errors:
            raise ArchiveError(f"有 {len(errors)} 项审定无法应用，未作任何修改：" + "；".join(errors[:20])
                               + ("……" if len(errors) > 20 else ""))
        for r in todo:
            row = DecisionRow(SOURCE, 0, r["document_id"], r["decision"], r["note"])
            proposed = {"outcome": r["outcome"], "reasons": json.loads(r["reasons"])}
            apply_one(conn, run_id, row, proposed, SOURCE, user)
    decided = {o: sum(1 for r in todo if r["decision"] == o) for o in OUTCOMES}
    return {"run_id": run_id, "applied": len(todo), "decisions": decided}
