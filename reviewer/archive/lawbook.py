"""`LawBook`: the library API over an archive's law base and citation index (`reviewer laws …`).

The archive owns the transactions and the change log; ``reviewer.laws`` owns what a law is and
how citations resolve. The CLI and a web handler call these methods and print what they return.

Example::

    with Archive.open("reviewer.db") as archive:
        archive.laws.change(LawChange("道路交通安全法", "废止", "2024-01-01"))
        law, events = archive.laws.show("道路交通安全法")
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reviewer.archive import db, log
from reviewer.citations import Law
from reviewer.laws import citation_index, store
from reviewer.laws.changes import LawChange, Recorded
from reviewer.laws.citation_index import CitingDocument
from reviewer.laws.store import LoadCounts
from reviewer.statuses import IN_FORCE


@dataclass(frozen=True)
class Citing:
    """The answer to "which documents cite this law (this article)?"."""

    law: Law
    article_no: int | None
    documents: list[CitingDocument]


def prepare(conn: sqlite3.Connection, user: str) -> None:
    """Bring the law base up to date on opening: load the built-in data when it changed since the
    archive last loaded it. Writes only when needed."""
    if not store.builtin_changed(conn):
        return
    with db.write(conn):
        _sync(conn, user)  # sync_builtin asks again under the write lock


def _sync(conn: sqlite3.Connection, user: str) -> None:
    """Load the built-in catalogue when it changed (caller's transaction), and log the load."""
    counts = store.sync_builtin(conn, user)
    if counts is not None:
        log.append(conn, user, "导入上位法目录", None, {"来源": store.SOURCE_BUILTIN, **counts.to_dict()})


def parse_article(article: str | None) -> int | None:
    """An article as a user types it (16, １６ or 第十六条) → 16; None when none was given."""
    from reviewer.citations import article_number
    from reviewer.errors import UsageError

    if not article or not article.strip():
        return None
    text = article.strip()
    number = article_number(text if text.startswith("第") else f"第{text}条")
    if number is None or not 1 <= number <= MAX_ARTICLE:
        raise UsageError(f"无法识别条号“{article}”，请写成 16 或 第十六条")
    return number


# No law has this many articles; a larger number is a typo (and would overflow SQLite's integers).
MAX_ARTICLE = 10_000


class LawBook:
    """An archive's law base, acting for the archive's user."""

    def __init__(self, conn: sqlite3.Connection, user: str):
        self.conn = conn
        self.user = user

    def refresh(self) -> None:
        """Sync the built-in data and resolve citations not yet resolved (one transaction, and
        none at all when both are up to date: reading never writes needlessly)."""
        if not store.builtin_changed(self.conn) and not citation_index.has_pending(self.conn):
            return
        with db.write(self.conn):
            _sync(self.conn, self.user)
            citation_index.resolve_pending(self.conn)

    def import_catalogue(self, path: str) -> LoadCounts:
        """Load a catalogue file (all rows or none), then resolve citations against it."""
        from reviewer.laws.catalog_csv import load, parse

        facts, digest = parse(path)
        with db.write(self.conn):
            _sync(self.conn, self.user)
            counts = load(self.conn, facts, Path(path).name, digest, self.user)
            log.append(self.conn, self.user, "导入上位法目录", None, {"来源": Path(path).name, **counts.to_dict()})
            citation_index.resolve_pending(self.conn)
        return counts

    def change(self, change: LawChange) -> Recorded:
        """Record an amendment or repeal by hand, with a log entry naming the user and reason."""
        from reviewer.laws.changes import record

        with db.write(self.conn):
            result = record(self.conn, change, self.user)
            log.append(self.conn, self.user, "上位法变更", None, result.log_detail, change.reason)
        return result

    def listing(self, status: str | None = None, level: str | None = None, query: str | None = None,
                limit: int = 100) -> list[dict]:
        """Laws by title, optionally filtered."""
        return store.listing(self.conn, status, level, query, limit)

    def find(self, title: str) -> Law:
        """The law a user names (full title, short name or a near miss), or a Chinese error."""
        return store.find_law(self.conn, title)

    def show(self, title: str) -> tuple[Law, list[dict]]:
        """A law and its events, oldest first."""
        law = self.find(title)
        assert law.id is not None
        return law, store.events(self.conn, law.id)

    def cites(self, title: str, article: str | None = None, all_statuses: bool = False) -> Citing:
        """Documents whose current version cites the law (the article), in force unless ``all_statuses``."""
        number = parse_article(article)
        self.refresh()
        law = self.find(title)
        assert law.id is not None
        docs = citation_index.citing_documents(self.conn, law.id, number, () if all_statuses else IN_FORCE)
        return Citing(law, number, docs)
