"""Item 10: every table the README calls 只追加 refuses UPDATE, also from the sqlite3 shell, and after an upgrade."""

from __future__ import annotations

import sqlite3

import pytest

from reviewer.archive import Archive, schema
from tests.hostile.helpers import published

UPDATES = {
    "reviews": "UPDATE reviews SET decision = '不予备案'",
    "status_history": "UPDATE status_history SET new_status = '已废止'",
    "publications": "UPDATE publications SET channel = '别处'",
    "finding_decisions": "UPDATE finding_decisions SET decision = '驳回'",
    "law_sources": "UPDATE law_sources SET rows = rows + 1",
}


def _with_a_decision(tmp_path):
    db = published(tmp_path)
    draft = tmp_path / "fine.txt"
    draft.write_text("某办法\n第二条 对违反本办法的，处500元罚款。\n", encoding="utf-8")
    with Archive.open(db) as archive:
        doc = archive.submit(str(draft)).id
        archive.review(doc, "需纠正", accept=("1",))
    return db


@pytest.mark.parametrize("table", sorted(UPDATES))
def test_append_only_tables_refuse_update(tmp_path, table):
    db = _with_a_decision(tmp_path)
    conn = sqlite3.connect(db)
    assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        conn.execute(UPDATES[table])


def test_an_older_archive_gets_the_triggers_when_opened(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.migrate(conn, target=3)
    conn.execute("INSERT INTO settings(key, value) VALUES ('office', '某市司法局'), ('code', '某')")
    conn.close()
    with Archive.open(db) as archive:
        names = {r[0] for r in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"{t}_no_update" for t in UPDATES} <= names
