"""Gathering what the audit needs about one document from the archive (read-only queries)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reviewer.audit.checks import CitedDocument, CitedLaw, Pair, Subject

# Characters of text compared for near-duplicates (as the archive's filing check does).
TEXT_CHARS = 5000


def _fingerprints(conn: sqlite3.Connection, version_id: int) -> frozenset[str]:
    return frozenset(r[0] for r in conn.execute("SELECT fingerprint FROM findings WHERE version_id = ?", (version_id,)))


def _dismissed(conn: sqlite3.Connection, doc_id: int) -> frozenset[str]:
    """Fingerprints whose newest decision is 驳回 (the reviewer found them unfounded)."""
    rows = conn.execute("SELECT fingerprint, decision FROM finding_decisions WHERE document_id = ? ORDER BY id",
                        (doc_id,))
    latest = dict(rows.fetchall())
    return frozenset(fp for fp, decision in latest.items() if decision == "驳回")


def _laws(conn: sqlite3.Connection, version_id: int) -> tuple[CitedLaw, ...]:
    return tuple(CitedLaw(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT law_id, title, article FROM citations WHERE version_id = ? AND kind = 'law' AND law_id IS NOT NULL"
        " ORDER BY span_start", (version_id,)))


def _documents(conn: sqlite3.Connection, version_id: int) -> tuple[CitedDocument, ...]:
    rows = conn.execute(
        "SELECT DISTINCT d.id, d.title, d.doc_number, d.status, COALESCE(NULLIF(c.number, ''), c.title)"
        " FROM citations c JOIN documents d ON d.id = c.cited_document_id"
        " WHERE c.version_id = ? AND c.kind = 'document' ORDER BY d.id", (version_id,))
    return tuple(CitedDocument(*r) for r in rows)


def _pairs(conn: sqlite3.Connection, text: str, candidates: list[tuple[int, float]]) -> tuple[Pair, ...]:
    from rapidfuzz import fuzz

    out = []
    head = text[:TEXT_CHARS]
    for other_id, title_score in candidates:
        row = conn.execute(
            "SELECT d.title, COALESCE(d.issue_date, d.publish_date, d.effective_date, ''), v.text FROM documents d"
            " JOIN versions v ON v.id = d.current_version_id WHERE d.id = ?", (other_id,)).fetchone()
        if row is not None:
            out.append(Pair(other_id, row[0], row[1], title_score, fuzz.ratio(head, row[2][:TEXT_CHARS])))
    return tuple(out)


def load(conn: sqlite3.Connection, doc_id: int, candidates: Sequence[tuple[int, float]] = ()) -> Subject | None:
    """The Subject for one document, or None when it has no stored text."""
    row = conn.execute(
        "SELECT d.id, d.title, d.level, d.issue_date, d.publish_date, d.effective_date, d.expiry_date,"
        " d.current_version_id, v.text FROM documents d JOIN versions v ON v.id = d.current_version_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    version_id, text = row[7], row[8]
    return Subject(
        id=row[0], title=row[1], level=row[2], text=text, issue_date=row[3], publish_date=row[4],
        effective_date=row[5], expiry_date=row[6], fingerprints=_fingerprints(conn, version_id),
        dismissed=_dismissed(conn, doc_id), laws=_laws(conn, version_id), documents=_documents(conn, version_id),
        pairs=_pairs(conn, text, list(candidates)))
