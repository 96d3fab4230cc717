"""The 负责人's sign-off (签发) of a passed filing, and the registry's work lists.

A sign-off belongs to one passing review (``reviews`` row with 通过): the document's filing
status cannot leave 通过 once reached, so the passing review is its last one. When the archive's
``require_signoff`` setting is on, ``numbering.register`` refuses a document without it. Sign-offs
are append-only (schema version 7: no UPDATE, no DELETE) and logged under the acting user.
"""

from __future__ import annotations

import sqlite3

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.archive.filings import get_row
from reviewer.archive.records import FILING_PASSED, STATUS_UNPUBLISHED, Outcome
from reviewer.errors import ArchiveError

MAX_NOTE = 2000

# The registry's stages, in the order the 负责人 works them.
TO_SIGN = "待签发"
TO_REGISTER = "待登记"
TO_PUBLISH = "待公布"
STAGES = (TO_SIGN, TO_REGISTER, TO_PUBLISH)


def passing_review(conn: sqlite3.Connection, document_id: int) -> sqlite3.Row | None:
    """The document's last review when it is 通过 (the decision a sign-off signs), else None."""
    row = conn.execute("SELECT r.id, r.decision, r.reviewed_at, r.reviewed_by, v.version FROM reviews r"
                       " JOIN versions v ON v.id = r.version_id WHERE r.document_id = ?"
                       " ORDER BY r.id DESC LIMIT 1", (document_id,)).fetchone()
    return row if row is not None and row["decision"] == FILING_PASSED else None


def current(conn: sqlite3.Connection, document_id: int) -> dict | None:
    """The sign-off of the document's passing review, or None."""
    review = passing_review(conn, document_id)
    if review is None:
        return None
    row = conn.execute("SELECT id, review_id, note, signed_at, signed_by FROM signoffs WHERE review_id = ?",
                       (review["id"],)).fetchone()
    return dict(row) if row is not None else None


def listing(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """Every sign-off of a document, oldest first."""
    return [dict(r) for r in conn.execute(
        "SELECT s.id, s.review_id, s.note, s.signed_at, s.signed_by, v.version FROM signoffs s"
        " JOIN reviews r ON r.id = s.review_id JOIN versions v ON v.id = r.version_id"
        " WHERE s.document_id = ? ORDER BY s.id", (document_id,))]


def sign(conn: sqlite3.Connection, document_id: int, note: str | None, user: str) -> Outcome:
    """Sign off a passed, unregistered filing; refused when already signed. One transaction."""
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise ArchiveError(f"签发意见过长（{len(note)} 字，上限 {MAX_NOTE} 字）")
    with write(conn):
        row = get_row(conn, document_id)
        review = passing_review(conn, document_id)
        if row["filing_status"] != FILING_PASSED or review is None:
            raise ArchiveError(f"第 {document_id} 号文件审查结论为“{row['filing_status']}”，审查通过后才能签发")
        registered = conn.execute("SELECT number FROM registrations WHERE document_id = ?",
                                  (document_id,)).fetchone()
        if registered is not None:
            raise ArchiveError(f"第 {document_id} 号文件已登记（{registered['number']}），无需再签发")
        done = conn.execute("SELECT signed_by, signed_at FROM signoffs WHERE review_id = ?",
                            (review["id"],)).fetchone()
        if done is not None:
            raise ArchiveError(f"第 {document_id} 号文件已由 {done['signed_by']} 于 {done['signed_at'][:10]} 签发")
        stamp = now()
        sid = conn.execute("INSERT INTO signoffs(document_id, review_id, note, signed_at, signed_by)"
                           " VALUES (?,?,?,?,?)", (document_id, review["id"], note, stamp, user)).lastrowid
        conn.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (stamp, document_id))
        log.append(conn, user, "签发", document_id,
                   {"所签审查结论": f"第 {review['version']} 版 通过", "审查人": review["reviewed_by"]}, note)
    return Outcome(document_id, f"第 {document_id} 号文件已签发，可以登记编号",
                   {"signoff_id": sid, "signed_by": user, "signed_at": stamp})


def require(conn: sqlite3.Connection, document_id: int) -> None:
    """Refuse registration of a document not signed off (inside the caller's transaction)."""
    if current(conn, document_id) is None:
        raise ArchiveError(f"第 {document_id} 号文件尚未经负责人签发，不能登记编号；"
                           f"请先签发（reviewer archive signoff {document_id}）")


def work(conn: sqlite3.Connection, issuer: str | None = None, limit: int = 500) -> dict[str, list[dict]]:
    """The registry's work lists, oldest first: 待签发 (passed, not signed, not registered),
    待登记 (signed, not registered), 待公布 (registered, not published)."""
    base = ("SELECT d.id, d.title, d.doc_number, d.issuer, d.received_date, d.updated_at, d.status,"
            " (SELECT r.reviewed_at FROM reviews r WHERE r.document_id = d.id ORDER BY r.id DESC LIMIT 1)"
            "   AS reviewed_at,"
            " (SELECT r.reviewed_by FROM reviews r WHERE r.document_id = d.id ORDER BY r.id DESC LIMIT 1)"
            "   AS reviewed_by,"
            " s.signed_at, s.signed_by, g.number, g.registered_at"
            " FROM documents d"
            " LEFT JOIN signoffs s ON s.review_id ="
            "   (SELECT r.id FROM reviews r WHERE r.document_id = d.id ORDER BY r.id DESC LIMIT 1)"
            " LEFT JOIN registrations g ON g.document_id = d.id"
            " WHERE d.filing_status = ?")
    params: list = [FILING_PASSED]
    if issuer:
        base += " AND d.issuer = ?"
        params.append(issuer)
    wheres = {
        TO_SIGN: " AND s.id IS NULL AND g.id IS NULL",
        TO_REGISTER: " AND s.id IS NOT NULL AND g.id IS NULL",
        TO_PUBLISH: f" AND g.id IS NOT NULL AND d.status = '{STATUS_UNPUBLISHED}'",
    }
    return {stage: [dict(r) for r in conn.execute(base + where + " ORDER BY d.id LIMIT ?", [*params, limit])]
            for stage, where in wheres.items()}

