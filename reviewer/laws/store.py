"""The law catalogue inside the archive: the `laws`, `law_names`, `law_events` and `law_sources` tables.

One row per law (its normalised title is the key); the versions and changes of a law are events
(公布 for each version, 修改, 废止, 状态), so the audit can ask "did this law change after a given
date?" with one indexed query. Sources, in the order they usually arrive:

* the built-in ``reviewer/data/laws.yaml`` (seeded when the archive is created or upgraded and
  re-synced whenever the file changes);
* ``reviewer laws import FILE.csv`` — the ``catalog.csv`` format (one row per version of a law;
  see /work/shared/data/laws/README.md) or a sheet with Chinese headers;
* ``reviewer laws change TITLE --amended/--repealed DATE`` — staff recording a change by hand.

A status set by hand is never overridden by a later import: staff act on the gazette, a catalogue
file may be older. Nothing is deleted; every change is an event (and, written by the caller, a
log entry). Every law read or written here is a ``reviewer.citations.Law``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reviewer.citations import Law, LawCatalog
from reviewer.clock import now
from reviewer.errors import ArchiveError
from reviewer.statuses import REPEALED, UNKNOWN

SOURCE_BUILTIN = "内置"
SOURCE_MANUAL = "手工"

# "被《法规规章备案审查条例》(2024-08-30)废止，自2024-11-01起" in catalog.csv's version_note.
_REPEAL_NOTE_RE = re.compile(r"被《(?P<by>[^》]+)》(?:\((?P<by_date>[\d-]+)\))?废止(?:，自(?P<date>\d{4}-\d{2}-\d{2})起)?")


def law_key(title: str) -> str:
    """The normalised title used as the catalogue key (no 中华人民共和国, 《》 or blanks)."""
    from reviewer.citations import normalize_title

    return normalize_title(title)


@dataclass
class LoadCounts:
    """What a catalogue load did."""

    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    kept_manual: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "added": self.added, "changed": self.changed, "unchanged": self.unchanged,
                "kept_manual": self.kept_manual}


# --------------------------------------------------------------------------- writing


def _event(conn: sqlite3.Connection, law_id: int, kind: str, date: str | None, detail: str, source: str,
           user: str) -> bool:
    """Record one event unless the same one is already there; True when it was new."""
    if date is None and conn.execute(
            # UNIQUE treats NULLs as distinct, so an undated event is de-duplicated here.
            "SELECT 1 FROM law_events WHERE law_id = ? AND kind = ? AND date IS NULL AND detail = ?",
            (law_id, kind, detail)).fetchone():
        return False
    cur = conn.execute(
        "INSERT OR IGNORE INTO law_events(law_id, kind, date, detail, source, recorded_at, recorded_by)"
        " VALUES (?,?,?,?,?,?,?)", (law_id, kind, date, detail, source, now(), user))
    return cur.rowcount > 0


def _add_names(conn: sqlite3.Connection, law_id: int, names: Iterable[str]) -> None:
    for name in names:
        key = law_key(name)
        if key:
            # A short name already taken by another law stays with it (the first full title wins).
            conn.execute("INSERT OR IGNORE INTO law_names(law_id, name, key) VALUES (?,?,?)", (law_id, name, key))


def _has_manual_status(conn: sqlite3.Connection, law_id: int) -> bool:
    return conn.execute("SELECT 1 FROM law_events WHERE law_id = ? AND source = ? AND kind IN ('修改', '废止')",
                        (law_id, SOURCE_MANUAL)).fetchone() is not None


def _columns(law: Law) -> dict[str, Any]:
    """The ``laws`` columns an import may fill or change, from a Law."""
    return {"level": law.level or None, "office": law.issuer or None, "publish_date": _iso(law.published),
            "effective_date": _iso(law.effective), "status": law.status, "repealed_date": _iso(law.repealed),
            "replaced_by": law.replaced_by}


def _insert_law(conn: sqlite3.Connection, facts: Law, source: str) -> int:
    stamp = now()
    cols = _columns(facts)
    law_id = conn.execute(
        "INSERT INTO laws(title, key, level, office, publish_date, effective_date, status, repealed_date,"
        " replaced_by, source, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (facts.title, law_key(facts.title), cols["level"], cols["office"], cols["publish_date"],
         cols["effective_date"], facts.status, cols["repealed_date"], facts.replaced_by, source, facts.note or None,
         stamp, stamp)).lastrowid
    assert law_id is not None  # an INSERT always sets it
    return law_id

_STATUS_COLUMNS = ("status", "repealed_date", "replaced_by")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _newer_or_equal(old: str | None, new: str | None) -> bool:
    return not old or (new is not None and new >= old)


def upsert(conn: sqlite3.Connection, facts: Law, source: str, user: str, counts: LoadCounts) -> int:
    """Add a law or merge what ``source`` says about it (inside the caller's transaction).

    A source may fill blanks and move a law forward (a newer version, a repeal); it never moves
    a law back to an older version and never overrides a change staff recorded by hand. Every
    status change is a 状态 event naming the source, so nothing is overwritten silently.
    """
    counts.rows += 1
    row = conn.execute("SELECT * FROM laws WHERE key = ?", (law_key(facts.title),)).fetchone()
    if row is None:
        law_id = _insert_law(conn, facts, source)
        counts.added += 1
        changed = True
    else:
        law_id = row["id"]
        manual = _has_manual_status(conn, law_id)
        newer = _newer_or_equal(row["publish_date"], _iso(facts.published))
        updates: dict[str, object] = {}
        for column, value in _columns(facts).items():
            if value is None or value == row[column] or (column == "status" and value == UNKNOWN):
                continue
            if column in _STATUS_COLUMNS and manual:
                counts.kept_manual.append(row["title"])
                continue
            if row[column] is None or newer:
                updates[column] = value
        if "status" in updates:
            _event(conn, law_id, "状态", None, f"{row['status']} → {updates['status']}（{source}）", source, user)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in updates)
            conn.execute(f"UPDATE laws SET {sets}, updated_at = ? WHERE id = ?", (*updates.values(), now(), law_id))
        changed = bool(updates)
    _add_names(conn, law_id, facts.short)
    for day in sorted({*facts.versions, *((facts.published,) if facts.published else ())}):
        changed |= _event(conn, law_id, "公布", day.isoformat(), "", source, user)
    for day in facts.amended:
        changed |= _event(conn, law_id, "修改", day.isoformat(), "", source, user)
    if facts.status == REPEALED:
        changed |= _event(conn, law_id, "废止", _iso(facts.repealed), facts.replaced_by or "", source, user)
    if row is not None:
        if changed:
            counts.changed += 1
        else:
            counts.unchanged += 1
    return law_id


def record_source(conn: sqlite3.Connection, source: str, digest: str, counts: LoadCounts, user: str) -> None:
    """Note one catalogue load for provenance (the caller logs it; see reviewer.archive.lawbook)."""
    conn.execute("INSERT INTO law_sources(source, sha256, rows, added, changed, loaded_at, loaded_by)"
                 " VALUES (?,?,?,?,?,?,?)", (source, digest, counts.rows, counts.added, counts.changed, now(), user))


# --------------------------------------------------------------------------- the built-in catalogue


def builtin_digest() -> tuple[str, str]:
    """The built-in catalogue's text and SHA-256 (cheap: the YAML is parsed only when it changed)."""
    from importlib import resources

    text = resources.files("reviewer").joinpath("data/laws.yaml").read_text(encoding="utf-8")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def builtin_facts() -> tuple[str, list[Law]]:
    """The built-in catalogue (reviewer/data/laws.yaml) as laws, with the file's SHA-256."""
    from reviewer.citations import LawCatalog

    text, digest = builtin_digest()
    return digest, list(LawCatalog.from_yaml(text, "reviewer/data/laws.yaml").entries())


def sync_builtin(conn: sqlite3.Connection, user: str) -> LoadCounts | None:
    """Load laws.yaml into the archive when it changed since the last load (caller's transaction).

    Returns the counts (the caller logs them), or None when the archive already holds this
    version of the file.
    """
    if not builtin_changed(conn):
        return None
    digest, facts = builtin_facts()
    counts = LoadCounts()
    for item in facts:
        upsert(conn, item, SOURCE_BUILTIN, user, counts)
    record_source(conn, SOURCE_BUILTIN, digest, counts, user)
    return counts


def builtin_changed(conn: sqlite3.Connection) -> bool:
    """Whether laws.yaml differs from the version last loaded into this archive."""
    _, digest = builtin_digest()
    last = conn.execute("SELECT sha256 FROM law_sources WHERE source = ? ORDER BY id DESC LIMIT 1",
                        (SOURCE_BUILTIN,)).fetchone()
    return last is None or last[0] != digest


# --------------------------------------------------------------------------- reading


def laws(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> dict[int, Law]:
    """Every law (or the given ones) by id, with short names and the dates it changed."""
    names: dict[int, list[str]] = {}
    for law_id, name in conn.execute("SELECT law_id, name FROM law_names ORDER BY id"):
        names.setdefault(law_id, []).append(name)
    events: dict[tuple[int, str], set[str]] = {}
    for law_id, kind, date in conn.execute("SELECT law_id, kind, date FROM law_events WHERE kind IN ('公布', '修改')"
                                           " AND date IS NOT NULL"):
        events.setdefault((law_id, kind), set()).add(date)
    wanted = set(ids) if ids is not None else None
    out: dict[int, Law] = {}
    for row in conn.execute("SELECT id, title, level, office, publish_date, effective_date, status, repealed_date,"
                            " replaced_by, source, note FROM laws"):
        if wanted is not None and row["id"] not in wanted:
            continue
        out[row["id"]] = _law(row, names.get(row["id"], ()), events)
    return out


def _law(row: sqlite3.Row, short: Iterable[str], events: dict[tuple[int, str], set[str]]) -> Law:
    law_id = row["id"]
    return Law(title=row["title"], short=tuple(short), level=row["level"] or "", issuer=row["office"] or "",
               published=_date(row["publish_date"]), effective=_date(row["effective_date"]), status=row["status"],
               amended=tuple(sorted(dt.date.fromisoformat(d) for d in events.get((law_id, "修改"), ()))),
               versions=tuple(sorted(dt.date.fromisoformat(d) for d in events.get((law_id, "公布"), ()))),
               repealed=_date(row["repealed_date"]), replaced_by=row["replaced_by"], note=row["note"] or "",
               id=law_id, source=row["source"])


def generation(conn: sqlite3.Connection) -> int:
    """A number that grows whenever a title, a short name or a document is added.

    Citations resolved against an older generation are resolved again (a new law makes an old
    unknown citation known; a new document makes a 发文字号 citation resolvable). Ids only grow
    and rows are never deleted, so the sum strictly increases with every addition.
    """
    return conn.execute("SELECT (SELECT COALESCE(max(id), 0) FROM laws) + (SELECT COALESCE(max(id), 0) FROM law_names)"
                        " + (SELECT COALESCE(max(id), 0) FROM documents)").fetchone()[0]


def lookup_catalog(conn: sqlite3.Connection) -> tuple[LawCatalog, dict[str, int]]:
    """A ``reviewer.citations.LawCatalog`` over the archive's laws, and title → law id.

    The archive's statuses are what the audit uses; the LawCatalog is only the resolver (exact,
    short names, one-or-two-character typos of the same kind of norm, never a prefix variant).
    """
    entries, ids = [], {}
    for law_id, law in laws(conn).items():
        entries.append(law)
        ids[law.title] = law_id
    return LawCatalog.from_entries(entries), ids


def find_law(conn: sqlite3.Connection, title: str) -> Law:
    """The law a user names (full title, short name or a near miss), or an ArchiveError with a suggestion."""
    catalog, ids = lookup_catalog(conn)
    found = catalog.resolve(title)
    if found.entry is None:
        near = catalog.nearest(title)
        hint = f"，是否指《{near}》？" if near else "，请先用 reviewer laws import 导入目录或检查标题"
        raise ArchiveError(f"上位法目录中没有《{title}》{hint}")
    law_id = ids[found.entry.title]
    return laws(conn, [law_id])[law_id]


def listing(conn: sqlite3.Connection, status: str | None = None, level: str | None = None,
            query: str | None = None, limit: int = 100) -> list[dict]:
    """Laws for `reviewer laws list`, by title."""
    sql = "SELECT id, title, level, office, publish_date, status, repealed_date, replaced_by, source FROM laws WHERE 1"
    params: list = []
    for column, value in (("status", status), ("level", level)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if query:
        sql += " AND (instr(title, ?) > 0 OR id IN (SELECT law_id FROM law_names WHERE instr(name, ?) > 0))"
        params += [query, query]
    sql += " ORDER BY title LIMIT ?"
    return [dict(r) for r in conn.execute(sql, [*params, limit])]


def events(conn: sqlite3.Connection, law_id: int) -> list[dict]:
    """A law's events, oldest first."""
    return [dict(r) for r in conn.execute(
        "SELECT kind, date, detail, source, recorded_at, recorded_by FROM law_events WHERE law_id = ?"
        " ORDER BY COALESCE(date, ''), id", (law_id,))]
