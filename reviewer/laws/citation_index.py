"""The citation index: every stored version's citations, resolved against the law catalogue and
the archive, so that "which documents rely on 行政处罚法第十六条?" is one indexed query.

Two steps, because they have different costs and triggers:

* ``index_version`` parses a text when a version is stored (``filings.insert_version`` calls it,
  inside the same transaction): cheap, and versions never change, so it runs once per version;
* ``resolve_pending`` resolves cited titles to laws (exact, short name or a near-miss title via
  ``reviewer.citations.LawCatalog``; an unknown law stays unknown) and 发文字号 to archived
  documents. It re-resolves rows whenever the catalogue or the archive gained a title or a
  document (store.generation), resolving each distinct title once.

Both run inside the caller's transaction (the archive's facade opens it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reviewer.citations import article_number
from reviewer.laws import store as catalog


def index_version(conn: sqlite3.Connection, version_id: int, document_id: int, text: str) -> int:
    """Store the citations of one version (inside the caller's transaction); returns how many."""
    from reviewer.citations import find_citations

    rows = [(version_id, document_id, c.kind, c.title, c.article, article_number(c.article), c.number,
             c.start, c.end) for c in find_citations(text)]
    conn.executemany(
        "INSERT INTO citations(version_id, document_id, kind, title, article, article_no, number, span_start,"
        " span_end) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    return len(rows)


def _resolve_laws(conn: sqlite3.Connection, gen: int) -> int:
    titles = [r[0] for r in conn.execute(
        "SELECT DISTINCT title FROM citations WHERE kind = 'law' AND (resolved_gen IS NULL OR resolved_gen < ?)",
        (gen,))]
    if not titles:
        return 0
    resolver, ids = catalog.lookup_catalog(conn)
    for title in titles:
        found = resolver.resolve(title)
        law_id = ids[found.entry.title] if found.entry is not None else None
        conn.execute("UPDATE citations SET law_id = ?, score = ?, exact = ?, resolved_gen = ?"
                     " WHERE kind = 'law' AND title = ? AND (resolved_gen IS NULL OR resolved_gen < ?)",
                     (law_id, found.score if law_id else None, int(found.exact), gen, title, gen))
    return len(titles)


def _resolve_documents(conn: sqlite3.Connection, gen: int) -> int:
    pending = conn.execute(
        "SELECT DISTINCT number, title FROM citations WHERE kind = 'document'"
        " AND (resolved_gen IS NULL OR resolved_gen < ?)", (gen,)).fetchall()
    for number, title in pending:
        hit = None
        if number:
            hit = conn.execute("SELECT id FROM documents WHERE doc_number = ? ORDER BY id LIMIT 1", (number,)).fetchone()
        if hit is None and title and title != number:
            hit = conn.execute("SELECT id FROM documents WHERE title = ? ORDER BY id LIMIT 1", (title,)).fetchone()
        conn.execute("UPDATE citations SET cited_document_id = ?, resolved_gen = ? WHERE kind = 'document'"
                     " AND number = ? AND title = ? AND (resolved_gen IS NULL OR resolved_gen < ?)",
                     (hit[0] if hit else None, gen, number, title, gen))
    return len(pending)


def has_pending(conn: sqlite3.Connection) -> bool:
    """Whether any citation waits to be resolved against the current catalogue (a read only)."""
    gen = catalog.generation(conn)
    return conn.execute("SELECT 1 FROM citations WHERE resolved_gen IS NULL OR resolved_gen < ? LIMIT 1",
                        (gen,)).fetchone() is not None


def resolve_pending(conn: sqlite3.Connection) -> int:
    """Resolve every citation not yet resolved against the current catalogue (caller's transaction);
    returns how many titles and numbers were looked up."""
    gen = catalog.generation(conn)
    return _resolve_laws(conn, gen) + _resolve_documents(conn, gen)


@dataclass(frozen=True)
class CitingDocument:
    """A document whose current version cites a law (the answer to `reviewer laws cites`)."""

    id: int
    title: str
    doc_number: str | None
    number: str | None
    issuer: str | None
    status: str
    articles: tuple[str, ...]

    def to_dict(self) -> dict:
        return {**self.__dict__, "articles": list(self.articles)}


def citing_documents(conn: sqlite3.Connection, law_id: int, article_no: int | None = None,
                     statuses: tuple[str, ...] = ()) -> list[CitingDocument]:
    """Documents whose current version cites the law (optionally a given 条), by document id."""
    sql = ("SELECT d.id, d.title, d.doc_number, r.number, d.issuer, d.status,"
           " group_concat(c.article, '、') AS articles FROM citations c"
           " JOIN documents d ON d.id = c.document_id AND d.current_version_id = c.version_id"
           " LEFT JOIN registrations r ON r.document_id = d.id WHERE c.law_id = ?")
    params: list = [law_id]
    if article_no is not None:
        sql += " AND c.article_no = ?"
        params.append(article_no)
    if statuses:
        sql += f" AND d.status IN ({', '.join('?' * len(statuses))})"
        params += statuses
    sql += " GROUP BY d.id ORDER BY d.id"
    return [CitingDocument(r["id"], r["title"], r["doc_number"], r["number"], r["issuer"], r["status"],
                           tuple(dict.fromkeys(a for a in (r["articles"] or "").split("、") if a)))
            for r in conn.execute(sql, params)]
