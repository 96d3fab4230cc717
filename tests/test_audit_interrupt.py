"""Interrupting `reviewer audit run` (SIGINT, SIGKILL) in a real process, then resuming it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.archive import Archive
from reviewer.audit.records import AuditSettings
from reviewer.audit.runner import run
from tests.audit_helpers import AS_OF, build_archive

TOTAL = 2500
LAWS = ["《中华人民共和国行政处罚法》第十六条", "《中华人民共和国行政许可法》第十二条", "《公司登记管理条例》第三条",
        "《中华人民共和国价格法》第十条"]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One archive of TOTAL documents, copied for each test."""
    tmp = tmp_path_factory.mktemp("interrupt")
    docs = [{"title": f"关于第{i}批行政执法事项的通知",
             "text": f"一、依照{LAWS[i % 4]}的规定执行。\n二、各单位应当依法行政，编号{i}。\n"
                     f"三、本通知有效期至{2024 + i % 5}年12月31日。",
             "issuer": f"某市第{i % 50}局"} for i in range(TOTAL)]
    return build_archive(tmp, docs)


def _results(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM audit_results").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _interrupt(db: Path, how: signal.Signals) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "reviewer.cli.main", "audit", "--db", str(db), "run", "--workers", "2",
           "--as-of", AS_OF]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            cwd=Path(__file__).resolve().parents[1])
    while _results(db) == 0 and proc.poll() is None:
        time.sleep(0.005)
    if how == signal.SIGKILL:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers: the group this test started
    else:
        os.kill(proc.pid, how)  # Ctrl-C reaches the parent; workers ignore SIGINT by design
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _check_resume(db: Path) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = conn.execute("SELECT count(*) FROM audit_results").fetchone()[0]
    assert 0 < done < TOTAL, "the run should have been interrupted part-way"
    assert conn.execute("SELECT status FROM audit_runs").fetchall() == [("进行中",)]
    conn.close()
    with Archive.open(db, user="测试") as archive:
        summary = run(archive, AuditSettings(as_of=AS_OF), workers=2)
        assert summary.resumed and summary.skipped == done and summary.computed == TOTAL - done
        conn = archive.conn
        assert tuple(conn.execute("SELECT count(*), count(DISTINCT document_id) FROM audit_results").fetchone()) == (
            TOTAL, TOTAL)
        assert conn.execute("SELECT count(*) FROM audit_runs").fetchone()[0] == 1
        assert conn.execute("SELECT status FROM audit_runs").fetchone()[0] == "已完成"


@pytest.mark.slow
def test_sigkill_then_resume(template: Path, tmp_path: Path):
    db = tmp_path / "a.db"
    shutil.copy(template, db)
    result = _interrupt(db, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    _check_resume(db)


@pytest.mark.slow
def test_sigint_then_resume(template: Path, tmp_path: Path):
    db = tmp_path / "a.db"
    shutil.copy(template, db)
    result = _interrupt(db, signal.SIGINT)
    assert result.returncode == 130, result.stderr.decode()
    assert "审计已中断" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    _check_resume(db)
