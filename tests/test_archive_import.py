"""Import of an existing collection, including a SIGKILL in the middle; migrations; backup."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.archive import Archive, schema
from tests.archive_helpers import make_collection, new_archive

TOTAL = 4000


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_import_leaves_a_sound_archive_that_resumes(tmp_path: Path):
    texts = [f"关于第{i}批行政执法事项的通知\n第一条 各单位应当依法行政。编号{i}。" for i in range(TOTAL)]
    sheet = make_collection(tmp_path / "docs", texts, {"登记号": [f"某规〔2023〕{i + 1}号" for i in range(TOTAL)]})
    db = tmp_path / "a.db"
    new_archive(db).close()
    cmd = [sys.executable, "-m", "reviewer.cli.main", "archive", "--db", str(db), "import", str(sheet),
           str(tmp_path / "docs"), "-f", "json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while _count(db) == 0 and proc.poll() is None:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < done < TOTAL, "the import should have been interrupted part-way"
    # Every document that exists is complete: version, current version, index entry, number, status, log.
    for table, sql in {
        "versions": "SELECT count(*) FROM versions",
        "current": "SELECT count(*) FROM documents WHERE current_version_id IS NOT NULL",
        "index": "SELECT count(*) FROM search_index_docsize",
        "numbers": "SELECT count(*) FROM registrations",
        "history": "SELECT count(*) FROM status_history",
        "log": "SELECT count(*) FROM log WHERE action = '导入'",
    }.items():
        assert conn.execute(sql).fetchone()[0] == done, table
    conn.close()

    with Archive.open(db) as archive:
        result = archive.import_collection(str(sheet), str(tmp_path / "docs"))
        assert result["skipped"] == done and result["imported"] == TOTAL - done
        assert archive.integrity() == "ok"
        assert archive.conn.execute("SELECT count(DISTINCT number) FROM registrations").fetchone()[0] == TOTAL


def test_older_archive_is_upgraded_without_losing_anything(tmp_path: Path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.migrate(conn, target=1)
    # What version 1 of the tool wrote: settings, one document with one version, a log entry.
    conn.executescript("""
        INSERT INTO settings VALUES ('office', '某市司法局'), ('code', '某');
        INSERT INTO documents(id, title, level, received_date, created_at, updated_at, current_version_id)
            VALUES (1, '关于规范罚款收缴的通知', '行政规范性文件', '2020-01-01', '2020-01-01', '2020-01-01', 1);
        INSERT INTO versions(id, document_id, version, sha256, title, text, check_status, submitted_at, submitted_by)
            VALUES (1, 1, 1, 'x', '关于规范罚款收缴的通知', '罚没收入一律上缴国库。', '已检查', '2020-01-01', '旧');
        INSERT INTO log(at, user, action, document_id, detail) VALUES ('2020-01-01', '旧', '报备', 1, '{}');
    """)
    conn.close()
    with Archive.open(db) as archive:
        assert schema.version_of(archive.conn) == schema.LATEST
        assert archive.show(1)["title"] == "关于规范罚款收缴的通知"
        assert [h.id for h in archive.search("上缴")] == [1]  # indexed by the migration
        assert archive.log()[0]["user"] == "旧"
        assert archive.suggestions() == []


def test_newer_archive_is_refused(tmp_path: Path):
    db = tmp_path / "new.db"
    new_archive(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={schema.LATEST + 1}")
    conn.close()
    try:
        Archive.open(db)
    except Exception as exc:
        assert "请升级" in str(exc)
    else:
        raise AssertionError("a newer archive must be refused")


def test_backup_is_a_complete_copy(tmp_path: Path):
    sheet = make_collection(tmp_path / "docs", ["关于甲的通知\n罚款", "关于乙的通知\n收费"])
    with new_archive(tmp_path / "a.db") as archive:
        archive.import_collection(str(sheet), str(tmp_path / "docs"))
        archive.backup(str(tmp_path / "copy.db"))
    with Archive.open(tmp_path / "copy.db") as copy:
        assert copy.integrity() == "ok"
        assert [h.title for h in copy.search("罚款")] == ["关于甲的通知"]
