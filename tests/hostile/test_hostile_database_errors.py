"""Item 6: a locked, read-only, full or damaged archive each gets its own advice; read-only still reads."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

from reviewer.archive.dberrors import advice
from tests.hostile.helpers import archive_with_filing, integrity_ok

REVIEWER = [sys.executable, "-m", "reviewer.cli.main"]


def _as_unprivileged() -> list[str]:
    """A prefix that runs the CLI without root's right to write read-only files."""
    if os.getuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture()
def read_only_archive():
    folder = Path(tempfile.mkdtemp(prefix="reviewer-ro-"))
    db = archive_with_filing(folder)
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    shutil.rmtree(folder)


def _run(prefix: list[str], *args: str, **kw):
    import subprocess

    return subprocess.run([*prefix, *REVIEWER, *args], capture_output=True, text=True, timeout=120, **kw)


def test_a_read_only_archive_can_be_listed_and_searched_but_writes_say_why(read_only_archive):
    prefix = _as_unprivileged()
    db = str(read_only_archive)
    listed = _run(prefix, "archive", "--db", db, "list")
    assert listed.returncode == 0, listed.stderr
    assert "待审查" in listed.stdout
    assert _run(prefix, "archive", "--db", db, "search", "罚款").returncode == 0
    write = _run(prefix, "archive", "--db", db, "review", "1", "-d", "需纠正", "--accept", "1", "--accept", "2")
    assert write.returncode == 2
    assert "只读" in write.stderr and "查看、检索不受影响" in write.stderr
    assert "损坏" not in write.stderr and "Traceback" not in write.stderr


def test_a_read_only_archive_from_an_older_version_says_it_needs_an_upgrade():
    from reviewer.archive import schema

    folder = Path(tempfile.mkdtemp(prefix="reviewer-ro-"))
    try:
        db = folder / "old.db"
        conn = sqlite3.connect(db, isolation_level=None)
        schema.migrate(conn, target=3)
        conn.execute("INSERT INTO settings(key, value) VALUES ('office', '某市司法局'), ('code', '某')")
        conn.close()
        db.chmod(0o444)
        folder.chmod(0o555)
        result = _run(_as_unprivileged(), "archive", "--db", str(db), "list")
        assert result.returncode == 2
        assert "需要升级" in result.stderr and "只读" in result.stderr and "Traceback" not in result.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.slow
def test_a_write_refused_by_the_system_is_not_called_damage(tmp_path):
    db = archive_with_filing(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("某办法\n" + "第一条 为规范管理，制定本办法。\n" * 40000, encoding="utf-8")
    limit = db.stat().st_size + 100_000

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = _run([], "archive", "--db", str(db), "submit", str(big), preexec_fn=small_files)
    assert result.returncode == 2, result.stderr
    assert "磁盘已满" in result.stderr and "备份恢复" not in result.stderr
    assert integrity_ok(db)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_locked_archive_says_retry_not_restore(tmp_path):
    db = archive_with_filing(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
        message = advice(caught.value)
        assert "稍后重试" in message and "备份" not in message
    finally:
        holder.execute("ROLLBACK")


def test_a_damaged_archive_says_restore(tmp_path):
    from tests.hostile.helpers import run

    db = archive_with_filing(tmp_path)
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    db.write_bytes(bytes(data))
    for wal in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        wal.unlink(missing_ok=True)
    result = run("archive", "--db", str(db), "list")
    assert result.exit_code == 2
    assert "损坏" in result.stderr and "备份" in result.stderr and "Traceback" not in result.output


def test_a_locked_archive_names_the_process_that_holds_it(tmp_path):
    import subprocess

    db = archive_with_filing(tmp_path)
    hold = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
        other.close()
        message = advice(caught.value, db)
        assert f"进程 {holder.pid}" in message and "稍后重试" in message
    finally:
        holder.kill()
        holder.wait()
