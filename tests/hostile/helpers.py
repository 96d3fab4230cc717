"""Shared tools for the hostile tests: the real CLI in-process and as a subprocess, and one archive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reviewer.cli.main import cli
from tests.archive_helpers import new_archive

LAWFUL = "清河区农贸市场卫生管理办法\n第一条 为改善市场环境，制定本办法。\n第二条 市场管理方应当每日清扫公共区域。\n"
DRAFT = "清河区农贸市场管理办法\n第一条 为规范市场秩序，制定本办法。\n第二条 对违反本办法的，处500元罚款。\n"


def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
    """The real CLI in-process; the result has exit_code, stdout, stderr."""
    return CliRunner().invoke(cli, list(args), input=input, env=env)


def run_process(args: list, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """The real CLI as a subprocess (for argv bytes, closed streams, resource limits)."""
    cmd = [sys.executable, "-m", "reviewer.cli.main", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120, **kw)


def refused(result) -> str:
    """Assert exit code 2 with one Chinese line on stderr and no traceback; return the line."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("错误："), result.stderr
    return lines[-1]


def archive_with_filing(tmp_path: Path, **settings) -> Path:
    """An archive with one submitted draft (document 1)."""
    db = tmp_path / "reviewer.db"
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    with new_archive(db, **settings) as archive:
        archive.submit(str(draft))
    return db


def published(tmp_path: Path, title: str = "清河区农贸市场管理办法", **settings) -> Path:
    """An archive holding one reviewed, registered and published document with ``title``."""
    from reviewer.archive import FilingMeta

    db = tmp_path / "reviewer.db"
    draft = tmp_path / "lawful.txt"
    draft.write_text(LAWFUL, encoding="utf-8")
    with new_archive(db, **settings) as archive:
        doc = archive.submit(str(draft), FilingMeta(title=title, issuer="清河区市场监管局")).id
        archive.review(doc, "通过", "符合要求")
        archive.register(doc, "2026-03-01")
        archive.publish(doc, "2026-03-05", "政府网站")
    return db


def integrity_ok(db: Path) -> bool:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


ENV = {**os.environ}
