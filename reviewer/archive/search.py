"""Full-text search, fuzzy title lookup and near-duplicate detection.

Design (measured in bench/bench_archive.py, explained in README "检索设计"): one contentless FTS5
table, unicode61 over overlapping character bigrams (textindex.py), rowid = versions.id. Every
substring query of ≥ 2 characters is an exact FTS5 phrase of bigrams and a 1-character query is a
prefix query, so 2-character terms (罚款) and strings across word boundaries (治政) are found.
The text itself lives once, in `versions`; snippets are cut from it in Python, so they show the
original text. User input only ever reaches FTS5 as quoted string tokens and as bound parameters.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from reviewer.archive import textindex
from reviewer.archive.records import FILING_PASSED, STATUS_UNPUBLISHED

# Column weights for bm25: a hit in the title or a number outranks one in the body.
WEIGHTS = (10.0, 8.0, 3.0, 1.0)
SNIPPET_RADIUS = 30
# Scores (0–100, rapidfuzz) from which a filing is reported as a probable duplicate.
DUPLICATE_TITLE_SCORE = 90
DUPLICATE_TEXT_SCORE = 90
# Characters of text compared for near-duplicates: enough to tell two documents apart, and it
# keeps the comparison within milliseconds for long texts.
DUPLICATE_TEXT_CHARS = 5000


@dataclass(frozen=True)
class Hit:
    """One search result."""

    id: int
    title: str
    doc_number: str | None
    number: str | None
    issuer: str | None
    status: str
    filing_status: str
    year: str | None
    score: float
    snippet: str

    def to_dict(self) -> dict:
        return asdict(self)


def index_version(conn: sqlite3.Connection, version_id: int, title: str | None, numbers: str | None,
                  issuer: str | None, text: str) -> None:
    """Add one version to the index (inside the caller's transaction). Versions never change."""
    conn.execute(
        "INSERT INTO search_index(rowid, title, numbers, issuer, body) VALUES (?, ?, ?, ?, ?)",
        (version_id, textindex.index_text(title), textindex.index_text(numbers),
         textindex.index_text(issuer), textindex.index_text(text)),
    )
    index_titles(conn, version_id, title, numbers, issuer)


def index_titles(conn: sqlite3.Connection, version_id: int, title: str | None, numbers: str | None,
                 issuer: str | None) -> None:
    """Add one version's title, number and issuer to the small title index (see ``_recent``)."""
    conn.execute("INSERT INTO title_index(rowid, title, numbers, issuer) VALUES (?, ?, ?, ?)",
                 (version_id, textindex.index_text(title), textindex.index_text(numbers), textindex.index_text(issuer)))


def highlight(text: str, query: str, radius: int | None = SNIPPET_RADIUS) -> list[tuple[str, bool]]:
    """A window of the original text around the first match (the whole text when ``radius`` is
    None) as pieces, each marked True when it is a query term: a page escapes each piece and
    wraps the terms in its own markup, so no markup ever comes from the text."""
    terms = sorted({t for t in textindex.runs(query)}, key=len, reverse=True)
    lowered = text.lower()
    # lower() keeps lengths for CJK and ASCII, so positions in `lowered` are positions in `text`.
    if len(lowered) != len(text):
        lowered = text
    first = min((p for p in (lowered.find(t) for t in terms) if p >= 0), default=-1)
    if first < 0:
        head = text if radius is None else text[: 2 * radius]
        return [(head.replace("\n", " "), False)] if head else []
    start = 0 if radius is None else max(0, first - radius)
    end = len(text) if radius is None else min(len(text), first + radius + max(len(t) for t in terms))
    window, low = text[start:end], lowered[start:end]
    spans: list[tuple[int, int]] = []
    for term in terms:
        pos = low.find(term)
        while pos >= 0:
            if not any(s < pos + len(term) and pos < e for s, e in spans):
                spans.append((pos, pos + len(term)))
            pos = low.find(term, pos + 1)
    out: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = 0
    for s, e in sorted(spans):
        out += [(window[at:s].replace("\n", " "), False), (window[s:e], True)]
        at = e
    out.append((window[at:].replace("\n", " "), False))
    if end < len(text):
        out.append(("…", False))
    return [piece for piece in out if piece[0]]


def snippet(text: str, query: str, mark: tuple[str, str] = ("【", "】"), radius: int = SNIPPET_RADIUS) -> str:
    """A window of the original text around the first match, every query term in it marked."""
    return "".join(f"{mark[0]}{piece}{mark[1]}" if hit else piece for piece, hit in highlight(text, query, radius))


YEAR_SQL = "substr(COALESCE(d.publish_date, d.issue_date, d.received_date), 1, 4)"


# What the public may see (reviewer/archive/public.py): published, and a filing that passed.
PUBLISHED = f"d.status != '{STATUS_UNPUBLISHED}' AND d.filing_status = '{FILING_PASSED}'"


def where_clause(status: str | None, issuer: str | None, year: int | None, level: str | None,
             published: bool = False, kind: str | None = None) -> tuple[str, list]:
    sql, params = (f" AND {PUBLISHED}" if published else ""), []
    for column, value in (("d.status", status), ("d.issuer", issuer), ("d.level", level)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if year:
        sql += f" AND {YEAR_SQL} = ?"
        params.append(str(year))
    if kind:
        # 文种: the title ends with it, or the measure a notice issues does (《…办法》的通知).
        sql += " AND (d.title LIKE '%' || ? OR d.title LIKE '%' || ? || '》%')"
        params += [kind, kind]
    return sql, params


def search(conn: sqlite3.Connection, query: str, *, status: str | None = None, issuer: str | None = None,
           year: int | None = None, level: str | None = None, limit: int = 20,
           mark: tuple[str, str] = ("【", "】"), published: bool = False, kind: str | None = None) -> list[Hit]:
    """Documents whose current version matches ``query``, best first, with highlighted snippets
    (only published ones with ``published``; ``kind``: a 文种 such as 办法)."""
    rows = matching_rows(conn, query, status=status, issuer=issuer, year=year, level=level, limit=limit,
                         published=published, kind=kind)
    return [_hit(conn, row, query, mark) for row in rows]


def matching_rows(conn: sqlite3.Connection, query: str, *, status: str | None = None, issuer: str | None = None,
                  year: int | None = None, level: str | None = None, limit: int = 20, published: bool = False,
                  kind: str | None = None, order: str = "rank") -> list[sqlite3.Row]:
    """The rows behind ``search`` (document columns, number, year, score, current_version_id):
    ``order`` "rank" by bm25 over every match, "recent" as ``_recent`` (the public catalogue)."""
    expression = textindex.match_expression(query)
    if expression is None:
        return []
    where, params = where_clause(status, issuer, year, level, published, kind)
    columns = ("d.id, d.title, d.doc_number, d.issuer, d.status, d.filing_status, "
               f"{YEAR_SQL} AS year, r.number, d.current_version_id")
    # Registration numbers are assigned after a version is indexed, so they are looked up by
    # their UNIQUE index: an exact number comes first. Only queries with a digit can be one.
    # A part of a number (规〔2024〕, 〔2024〕3号) finds every number containing it, exact first.
    by_number = []
    if any(ch.isdigit() for ch in query):
        wanted = query.strip()
        pattern = "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # Exact first, then the rest in number order: both walk the UNIQUE index and stop early.
        base = f"SELECT {columns}, -1e9 AS score FROM registrations r JOIN documents d ON d.id = r.document_id"
        by_number = conn.execute(f"{base} WHERE r.number = ? {where}", [wanted, *params]).fetchall()
        by_number += conn.execute(
            f"{base} WHERE r.number LIKE ? ESCAPE '\\' AND r.number <> ? {where} ORDER BY r.number LIMIT ?",
            [pattern, wanted, *params, limit]).fetchall()
    if order == "recent":
        ranked = _recent(conn, columns, expression, where, params, limit)
    else:
        ranked = conn.execute(
            f"SELECT {columns}, bm25(search_index, {', '.join(map(str, WEIGHTS))}) AS score"
            " FROM search_index JOIN documents d ON d.current_version_id = search_index.rowid"
            " LEFT JOIN registrations r ON r.document_id = d.id"
            f" WHERE search_index MATCH ? {where} ORDER BY score LIMIT ?", [expression, *params, limit]).fetchall()
    rows, seen = [], set()
    for row in [*by_number, *ranked]:
        if row["id"] not in seen:
            seen.add(row["id"])
            rows.append(row)
    return rows[:limit]


def _recent(conn: sqlite3.Connection, columns: str, expression: str, where: str, params: list,
            limit: int) -> list[sqlite3.Row]:
    """Matches in the title, number or issuer first (the small title index), then the others,
    each tier newest filing first. Both walk their index in rowid order and stop at ``limit``,
    so a word in most documents (罚款) costs no more than a rare one; bm25 would score every match."""
    def sql(table: str) -> str:
        return (f"SELECT {columns}, ? AS score FROM {table}"
                f" JOIN documents d ON d.current_version_id = {table}.rowid"
                " LEFT JOIN registrations r ON r.document_id = d.id"
                f" WHERE {table} MATCH ? {where} ORDER BY {table}.rowid DESC LIMIT ?")

    first = conn.execute(sql("title_index"), [0, expression, *params, limit]).fetchall()
    if len(first) >= limit:
        return first
    seen = {row["id"] for row in first}
    rest = conn.execute(sql("search_index"), [1, expression, *params, limit + len(first)]).fetchall()
    return first + [row for row in rest if row["id"] not in seen][: limit - len(first)]


def _hit(conn: sqlite3.Connection, row: sqlite3.Row, query: str, mark: tuple[str, str]) -> Hit:
    text = conn.execute("SELECT text FROM versions WHERE id = ?", (row["current_version_id"],)).fetchone()[0]
    source = text if any(t in text.lower() for t in textindex.runs(query)) else row["title"]
    return Hit(id=row["id"], title=row["title"], doc_number=row["doc_number"], number=row["number"],
               issuer=row["issuer"], status=row["status"], filing_status=row["filing_status"], year=row["year"],
               score=round(row["score"], 4), snippet=snippet(source, query, mark))


def similar_titles(conn: sqlite3.Connection, title: str, limit: int = 5, cutoff: int = 60,
                   exclude: int | None = None) -> list[dict]:
    """Archived documents whose titles are near ``title`` (rapidfuzz ratio, 0–100), best first."""
    from rapidfuzz import fuzz

    from reviewer.titles import promulgated_name

    # A 印发通知 is also known by the measure it issues: compare the query (itself reduced to
    # its measure when it is a notice) with both the title and that name, keeping the better.
    query = promulgated_name(title) or title
    titles = {r[0]: r[1] for r in conn.execute("SELECT id, title FROM documents") if r[0] != exclude}
    best: dict[int, float] = {}
    for key, value in titles.items():
        names = (value, promulgated_name(value) or value)
        best[key] = max(fuzz.ratio(query, name) for name in names)
    ranked = sorted((k for k, score in best.items() if score >= cutoff), key=lambda k: (-best[k], k))[:limit]
    return [{"id": key, "title": titles[key], "score": round(best[key])} for key in ranked]


def _sample_runs(text: str, count: int = 3, length: int = 12) -> list[str]:
    """A few long runs from different parts of the text, to find candidate duplicates by phrase."""
    long_runs = [r[:length] for r in textindex.runs(text) if len(r) >= length]
    if not long_runs:
        return []
    step = max(1, len(long_runs) // count)
    return long_runs[::step][:count]


def near_duplicates(conn: sqlite3.Connection, title: str, text: str, exclude: int | None = None) -> list[dict]:
    """Archived documents that look like the same document: a near-identical title or text."""
    from rapidfuzz import fuzz

    from reviewer.archive.intake import text_digest

    out: dict[int, dict] = {}
    for hit in similar_titles(conn, title, limit=3, cutoff=DUPLICATE_TITLE_SCORE, exclude=exclude):
        out[hit["id"]] = {**hit, "reason": "标题相近"}
    for (doc_id, doc_title) in conn.execute(
            "SELECT d.id, d.title FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ?",
            (text_digest(text),)):
        if doc_id != exclude:
            out[doc_id] = {"id": doc_id, "title": doc_title, "score": 100, "reason": "全文相同"}
    candidates: set[int] = set()
    for run in _sample_runs(text):
        expression = textindex.match_expression(run)
        candidates.update(r[0] for r in conn.execute(
            "SELECT d.id FROM search_index JOIN documents d ON d.current_version_id = search_index.rowid"
            " WHERE search_index MATCH ? LIMIT 20", (expression,)))
    head = text[:DUPLICATE_TEXT_CHARS]
    for doc_id in candidates - set(out) - {exclude}:
        row = conn.execute("SELECT d.title, v.text FROM documents d JOIN versions v ON v.id = d.current_version_id"
                           " WHERE d.id = ?", (doc_id,)).fetchone()
        score = fuzz.ratio(head, row["text"][:DUPLICATE_TEXT_CHARS])
        if score >= DUPLICATE_TEXT_SCORE:
            out[doc_id] = {"id": doc_id, "title": row["title"], "score": round(score), "reason": "全文相近"}
    return sorted(out.values(), key=lambda d: -d["score"])
