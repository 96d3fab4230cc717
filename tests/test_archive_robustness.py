"""Careless input never destroys data and always gets one line in Chinese with exit code 2."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli.main import _database_message, cli
from tests.archive_helpers import make_collection, new_archive

DRAFT = "清河区农贸市场管理办法\n第一条 经营户应缴纳管理费每年200元。\n第二条 对违反本办法的，处500元罚款。\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _one_chinese_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _archive_with_a_filing(tmp_path: Path) -> Path:
    db = tmp_path / "reviewer.db"
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    with new_archive(db) as archive:
        archive.submit(str(draft))
    return db


def test_export_never_overwrites_the_archive(runner, tmp_path):
    db = _archive_with_a_filing(tmp_path)
    before = db.read_bytes()
    result = runner.invoke(cli, ["archive", "--db", str(db), "export", str(db), "--type", "json"])
    assert "档案库" in _one_chinese_line(result)
    assert db.read_bytes() == before
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    result = runner.invoke(cli, ["archive", "--db", str(db), "export", str(other), "--type", "csv"])
    assert "数据库文件" in _one_chinese_line(result)


def test_export_into_a_missing_folder_is_refused_cleanly(runner, tmp_path):
    db = _archive_with_a_filing(tmp_path)
    result = runner.invoke(cli, ["archive", "--db", str(db), "export", str(tmp_path / "no" / "where.csv")])
    assert "不存在" in _one_chinese_line(result)


def test_another_programs_database_is_left_untouched(runner, tmp_path):
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE documents(id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    assert "不是 reviewer 档案库" in _one_chinese_line(runner.invoke(cli, ["archive", "--db", str(foreign), "list"]))
    assert "其他程序的数据库" in _one_chinese_line(
        runner.invoke(cli, ["archive", "--db", str(foreign), "init", "--office", "某司法局", "--code", "某"]))
    assert foreign.read_bytes() == before
    assert not Path(f"{foreign}-wal").exists()


def test_a_damaged_archive_is_reported_not_crashed(runner, tmp_path):
    db = tmp_path / "bad.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    assert "损坏" in _one_chinese_line(runner.invoke(cli, ["archive", "--db", str(db), "list"]))


@pytest.mark.parametrize("ref, expected", [("0", "不存在"), ("99", "不存在"), ("ab", "无法识别")])
def test_review_refuses_finding_references_it_cannot_place(runner, tmp_path, ref, expected):
    db = _archive_with_a_filing(tmp_path)
    result = runner.invoke(cli, ["archive", "--db", str(db), "review", "1", "-d", "需纠正", "--accept", ref])
    assert expected in _one_chinese_line(result)
    conn = sqlite3.connect(db)
    recorded = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reviews", "finding_decisions")]
    conn.close()
    assert recorded == [0, 0]  # nothing recorded on the wrong finding


def test_importing_twice_through_another_path_resumes(runner, tmp_path, monkeypatch):
    db = tmp_path / "reviewer.db"
    new_archive(db).close()
    sheet = make_collection(tmp_path / "docs", ["第一份文件\n正文。", "第二份文件\n正文。"])
    assert runner.invoke(cli, ["archive", "--db", str(db), "import", str(sheet), str(tmp_path / "docs")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "docs")
    assert runner.invoke(cli, ["archive", "--db", str(db), "import", str(sheet), "."]).exit_code == 0
    count = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert count == 2


def test_usage_errors_are_one_line_in_chinese(runner, tmp_path):
    assert "未知选项 --bogus" in _one_chinese_line(runner.invoke(cli, ["check", "--bogus", "x.txt"]))
    assert "缺少参数" in _one_chinese_line(runner.invoke(cli, ["archive", "init"]))
    line = _one_chinese_line(runner.invoke(cli, ["archive", "--db", str(tmp_path / "x.db"), "review", "1", "-d", "通过吧"]))
    assert "参数" in line and "--help" in line


@pytest.mark.parametrize("text, expected", [
    ("database is locked", "占用"),
    ("attempt to write a readonly database", "只读"),
    ("database disk image is malformed", "损坏"),
])
def test_database_failures_are_named_for_people(text, expected):
    assert expected in _database_message(sqlite3.OperationalError(text))


def test_blank_issuer_and_impossible_dates(runner, tmp_path):
    db = tmp_path / "reviewer.db"
    new_archive(db).close()
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = runner.invoke(cli, ["archive", "--db", str(db), "submit", str(draft),
                                 "--issue-date", "2025-03-10", "--publish-date", "2025-03-01"])
    assert "早于印发日期" in _one_chinese_line(result)
    result = runner.invoke(cli, ["archive", "--db", str(db), "submit", str(draft), "--issuer", "   "])
    assert result.exit_code == 0
    issuer = sqlite3.connect(db).execute("SELECT issuer FROM documents").fetchone()[0]
    assert issuer is None or issuer.strip()
