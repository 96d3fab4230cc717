"""The public catalogue (公开查询): what a citizen may read about the archive, and nothing more.

A document is public when the archive records it as published (status other than 未公布, see
publication.py) and its filing passed review. Everything here reads only those documents and
only public columns: never drafts, findings, review opinions, contacts or the staff's names
(the status history is given without who recorded it; a change's reason is given only for the
publication itself, whose reason is the channel). Suggestions from the public enter the staff's
register through ``suggestions.add`` under the pseudo-user ``PUBLIC_USER``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from reviewer.archive import exports, search, suggestions
from reviewer.archive import settings as settings_store
from reviewer.archive.records import (
    CURRENT_STATUSES,
    STATUS_AMENDED,
    STATUS_EXPIRED,
    STATUS_REPEALED,
    STATUS_VALID,
    Outcome,
    Settings,
)
from reviewer.errors import ArchiveError
from reviewer.statuses import ENDED

PUBLIC_USER = "公众（网上）"
CHANNEL = "网上"
PUBLIC_STATUSES = (STATUS_VALID, STATUS_AMENDED, STATUS_REPEALED, STATUS_EXPIRED)
# 文种: what the public filters by as "类型" (the title's last word, or the measure a notice issues).
KINDS = ("办法", "规定", "细则", "意见", "通知", "决定", "方案")
# The two lists every office publishes.
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "current": ("现行有效规范性文件目录", CURRENT_STATUSES),
    "ended": ("废止和失效规范性文件目录", ENDED),
}
# Field limits for a suggestion sent from the web (characters).
LIMITS = {"submitter": 50, "contact": 100, "clause": 100, "text": 5000}
LABELS = {"submitter": "建议人", "contact": "联系方式", "clause": "涉及条款", "text": "建议内容"}
_PUBLIC = search.PUBLISHED
_COLUMNS = ("d.id, d.title, d.doc_number, d.issuer, d.level, d.issue_date, d.publish_date, d.effective_date,"
            " d.expiry_date, d.status, r.number")


@dataclass(frozen=True)
class Change:
    """One line of a document's public status history."""

    date: str
    status: str
    note: str | None  # the publication channel; other reasons stay internal
    by_id: int | None  # the published document that amended or replaced it
    by_title: str | None


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    doc_number: str | None
    number: str | None
    issuer: str | None
    level: str
    issue_date: str | None
    publish_date: str | None
    effective_date: str | None
    expiry_date: str | None
    status: str
    text: str
    history: tuple[Change, ...]
    replaces: tuple[tuple[int, str], ...]  # published documents this one amended or replaced


@dataclass(frozen=True)
class Hit:
    """A search result: the pieces of title and snippet are (text, is a query term)."""

    id: int
    title: tuple[tuple[str, bool], ...]
    doc_number: str | None
    number: str | None
    issuer: str | None
    status: str
    year: str | None
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Choices:
    issuers: tuple[str, ...]
    years: tuple[str, ...]


# archive file → (its last log id, its filter choices): a cache the caller owns (see Catalogue.choices)
ChoicesCache = dict[str, tuple[int, Choices]]


def _entry(row: sqlite3.Row) -> dict:
    return {key: row[key] for key in row.keys()}


class Catalogue:
    """Read-only public view of one open archive (and the one write the public may make)."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings):
        self.conn = conn
        self.settings = settings

    def document(self, document_id: int) -> Document | None:
        """A published document with its text and public history; None for anything else."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS}, v.text FROM documents d LEFT JOIN registrations r ON r.document_id = d.id"
            f" JOIN versions v ON v.id = d.current_version_id WHERE d.id = ? AND {_PUBLIC}", (document_id,)).fetchone()
        if row is None:
            return None
        replaces = tuple((r["id"], r["title"]) for r in self.conn.execute(
            "SELECT DISTINCT d.id, d.title FROM status_history h JOIN documents d ON d.id = h.document_id"
            f" WHERE h.by_document_id = ? AND {_PUBLIC} ORDER BY d.id", (document_id,)))
        return Document(id=row["id"], title=row["title"], doc_number=row["doc_number"], number=row["number"],
                        issuer=row["issuer"], level=row["level"], issue_date=row["issue_date"],
                        publish_date=row["publish_date"], effective_date=row["effective_date"],
                        expiry_date=row["expiry_date"], status=row["status"], text=row["text"],
                        history=self._history(document_id), replaces=replaces)

    def _history(self, document_id: int) -> tuple[Change, ...]:
        out = []
        for h in self.conn.execute(
                "SELECT h.new_status, h.date, h.reason, h.by_document_id, h.old_status FROM status_history h"
                " WHERE h.document_id = ? ORDER BY h.id", (document_id,)):
            by = self.conn.execute(f"SELECT d.id, d.title FROM documents d WHERE d.id = ? AND {_PUBLIC}",
                                   (h["by_document_id"],)).fetchone() if h["by_document_id"] else None
            reason = h["reason"] or ""
            published = h["new_status"] == STATUS_VALID and h["old_status"] in (None, "未公布")
            note = reason.removeprefix("公布：") if published and reason.startswith("公布：") else None
            out.append(Change(date=h["date"], status=h["new_status"], note=note, by_id=by["id"] if by else None,
                              by_title=by["title"] if by else None))
        return tuple(out)

    def search(self, query: str, *, issuer: str | None = None, year: int | None = None,
               status: str | None = None, kind: str | None = None, limit: int = 20,
               offset: int = 0) -> tuple[list[Hit], bool]:
        """Published documents matching ``query`` (titles, numbers, issuers, full text): an exact
        registration number first, then matches in the title, number or issuer, then in the text,
        newest first; the matched words marked; and whether more follow."""
        rows = search.matching_rows(self.conn, query, status=status, issuer=issuer, year=year, kind=kind,
                                    limit=offset + limit + 1, published=True, order="recent")
        page = rows[offset:offset + limit]
        texts = self._texts([row["current_version_id"] for row in page])
        hits = []
        for row in page:
            text = texts[row["current_version_id"]]
            hits.append(Hit(id=row["id"], title=tuple(search.highlight(row["title"], query, None)),
                            doc_number=row["doc_number"], number=row["number"], issuer=row["issuer"],
                            status=row["status"], year=row["year"],
                            snippet=tuple(search.highlight(text, query))))
        return hits, len(rows) > offset + limit

    def _texts(self, version_ids: list[int]) -> dict[int, str]:
        """The texts of these versions, in one query (a page of hits is up to 20 of them)."""
        if not version_ids:
            return {}
        marks = ", ".join("?" * len(version_ids))
        return dict(self.conn.execute(f"SELECT id, text FROM versions WHERE id IN ({marks})", version_ids).fetchall())

    def browse(self, *, issuer: str | None = None, year: int | None = None, status: str | None = None,
               kind: str | None = None, statuses: tuple[str, ...] = (), limit: int = 50,
               offset: int = 0) -> tuple[list[dict], bool]:
        """Published documents without a query (newest publication first: the publish_date index,
        no sort of the whole archive), filtered; and whether more follow."""
        where, params = search.where_clause(status, issuer, year, None, True, kind)
        if statuses:
            where += f" AND d.status IN ({', '.join('?' * len(statuses))})"
            params += list(statuses)
        year_sql = search.YEAR_SQL
        rows = self.conn.execute(
            f"SELECT {_COLUMNS}, {year_sql} AS year FROM documents d LEFT JOIN registrations r ON r.document_id = d.id"
            f" WHERE 1 {where} ORDER BY d.publish_date DESC, d.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset]).fetchall()
        return [_entry(r) for r in rows[:limit]], len(rows) > limit

    def stamp(self, ignore_user: str | None = None) -> int:
        """The archive's last log entry: it changes with every change (all are logged). Entries
        by ``ignore_user`` are passed over: the web's signed-out visitor, whose only entries are
        refused sign-ins, must not be able to make the server rewrite the published lists."""
        if ignore_user is None:
            return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM log").fetchone()[0]
        row = self.conn.execute("SELECT id FROM log WHERE user != ? ORDER BY id DESC LIMIT 1", (ignore_user,)).fetchone()
        return row[0] if row else 0

    def choices(self, cache: ChoicesCache | None = None) -> Choices:
        """The issuers and years of published documents, for the filters. Reading them scans the
        archive, so with a ``cache`` (the web application keeps one) they are kept per archive file
        until its log grows (every change is logged)."""
        path = self.conn.execute("PRAGMA database_list").fetchone()[2]
        stamp = self.stamp()
        cached = cache.get(path) if cache is not None else None
        if cached is not None and cached[0] == stamp:
            return cached[1]
        issuers = tuple(r[0] for r in self.conn.execute(
            f"SELECT DISTINCT d.issuer FROM documents d WHERE {_PUBLIC} AND d.issuer IS NOT NULL ORDER BY d.issuer"))
        years = tuple(r[0] for r in self.conn.execute(
            f"SELECT DISTINCT {search.YEAR_SQL} AS y FROM documents d WHERE {_PUBLIC} AND y IS NOT NULL ORDER BY y DESC"))
        found = Choices(issuers, years)
        if cache is not None:
            cache[path] = (stamp, found)
        return found

    def export(self, which: str, path: str, fmt: str, as_of: dt.date) -> int:
        """Write one of ``LISTS`` as .xlsx or .csv (the office's catalogue layout); returns the rows."""
        name, statuses = LISTS[which]
        rows = [{key: r[key] for key, _ in exports.COLUMNS} for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM documents d LEFT JOIN registrations r ON r.document_id = d.id WHERE {_PUBLIC}"
            f" AND d.status IN ({', '.join('?' * len(statuses))}) ORDER BY r.year, r.scope, r.seq, r.number, d.id",
            statuses)]
        exports.write_catalogue(rows, path, fmt, office=self.settings.office, title=name, as_of=as_of)
        return len(rows)

    def suggest(self, document_id: int, kind: str, fields: dict[str, str], date: str) -> Outcome:
        """A suggestion from the web on a published document: checked, then in the staff's register."""
        if self.document(document_id) is None:
            raise ArchiveError("找不到该文件")
        values = {name: (fields.get(name) or "").strip() for name in LIMITS}
        for name, limit in LIMITS.items():
            if len(values[name]) > limit:
                raise ArchiveError(f"{LABELS[name]}不能超过 {limit} 字（现为 {len(values[name])} 字）")
        missing = [LABELS[n] for n in ("submitter", "contact", "text") if not values[n]]
        if missing:
            raise ArchiveError(f"请填写{'、'.join(missing)}")
        return suggestions.add(self.conn, self.settings, document_id, values["submitter"], kind, CHANNEL, date,
                               values["text"], PUBLIC_USER, contact=values["contact"], clause=values["clause"] or None)

    def answer(self, receipt: str) -> tuple[suggestions.Answer, str | None] | None:
        """The suggestion behind a receipt number and its document's title (None unless published)."""
        found = suggestions.answer(self.conn, receipt)
        if found is None:
            return None
        row = self.conn.execute(f"SELECT d.title FROM documents d WHERE d.id = ? AND {_PUBLIC}",
                                (found.document_id,)).fetchone()
        return found, row["title"] if row else None


class Readers:
    """Read-only connections for the public pages, opened once and reused (one thread at a time
    each): opening an archive per request costs more than a search. Writes (a suggestion) go
    through ``Archive.open`` as always; a reader sees every commit at its next statement (WAL)."""

    def __init__(self, path: str, keep: int = 32):
        self.uri = Path(path).resolve().as_uri() + "?mode=ro"
        self.keep = keep
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def acquire(self) -> Catalogue:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = sqlite3.connect(self.uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
            conn.row_factory = sqlite3.Row
        return Catalogue(conn, settings_store.load(conn))

    def release(self, catalogue: Catalogue) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(catalogue.conn)
                return
        catalogue.conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
