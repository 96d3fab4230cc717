"""Work a schema upgrade asked for, done with today's code when the archive is opened.

Migrations (schema.py) only change the schema and leave a ``pending`` mark in ``settings``; this
module indexes the versions stored before the search index (version 2) or the citation index
(version 3) existed, in one write transaction, and marks the work done. Opening an archive with
nothing pending reads one row and writes nothing.
"""

from __future__ import annotations

import sqlite3

from reviewer.archive import db
from reviewer.archive.schema import CITATION_BACKFILL, SEARCH_BACKFILL, TITLE_BACKFILL


def _pending(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT key FROM settings WHERE key IN (?, ?, ?) AND value = 'pending'",
                                       (SEARCH_BACKFILL, CITATION_BACKFILL, TITLE_BACKFILL))}


def run(conn: sqlite3.Connection) -> None:
    """Do whatever an upgrade left pending (asked again under the write lock: another process may
    have done it meanwhile)."""
    if not _pending(conn):
        return
    with db.write(conn):
        pending = _pending(conn)
        if SEARCH_BACKFILL in pending:
            from reviewer.archive.search import index_version

            for row in conn.execute("SELECT id, title, doc_number, issuer, text FROM versions ORDER BY id").fetchall():
                index_version(conn, row[0], row[1], row[2], row[3], row[4])
        if TITLE_BACKFILL in pending and SEARCH_BACKFILL not in pending:  # index_version does both
            from reviewer.archive.search import index_titles

            for row in conn.execute("SELECT id, title, doc_number, issuer FROM versions ORDER BY id").fetchall():
                index_titles(conn, row[0], row[1], row[2], row[3])
        if CITATION_BACKFILL in pending:
            from reviewer.laws.citation_index import index_version as index_citations

            for row in conn.execute("SELECT id, document_id, text FROM versions ORDER BY id").fetchall():
                index_citations(conn, row[0], row[1], row[2])
        conn.executemany("UPDATE settings SET value = 'done' WHERE key = ?", [(key,) for key in pending])
