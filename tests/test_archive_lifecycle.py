"""The filing lifecycle through the real CLI on a real archive file, plus a real subprocess."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli.main import cli

DRAFT = """某市市场监督管理局关于加强农贸市场管理的办法
第一条 为加强农贸市场管理，制定本办法。
第二条 对违反本办法的经营者，处500元罚款。
第三条 本办法自2024年3月1日起施行。
"""
CORRECTED = DRAFT.replace("处500元罚款", "依照《中华人民共和国行政处罚法》有关规定处理")


def run(db: Path, *args: str, ok: bool = True) -> dict:
    """Run `reviewer archive --db DB ARGS -f json` and return its JSON object."""
    result = CliRunner().invoke(cli, ["archive", "--db", str(db), "--user", "李审查", *args, "-f", "json"])
    if ok:
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return {"error": result.stderr}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    db = tmp_path / "reviewer.db"
    run(db, "init", "--office", "某市司法局", "--code", "某")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "fixed.txt").write_text(CORRECTED, encoding="utf-8")
    return db


def test_whole_lifecycle_is_logged_step_by_step(archive: Path, tmp_path: Path):
    filed = run(archive, "submit", str(tmp_path / "draft.txt"), "--issuer", "某市市场监督管理局",
                "--doc-number", "某市监规〔2024〕3号", "--publish-date", "2024-01-02", "--received-date", "2024-01-20",
                "--report", "--explanation", "--legality", "--collective", "--basis")
    doc = filed["id"]
    assert filed["findings"] >= 1 and filed["filing_status"] == "待审查"
    # Not passed yet: registration is refused with a one-line Chinese message.
    assert "审查通过后才能登记" in run(archive, "register", str(doc), ok=False)["error"]
    shown = run(archive, "show", str(doc))
    fine = next(i for i, f in enumerate(shown["findings"], 1) if f["code"].startswith("PENALTY"))
    # An accepted finding blocks 通过.
    assert "不能审查通过" in run(archive, "review", str(doc), "-d", "通过", "--accept", str(fine), ok=False)["error"]
    run(archive, "review", str(doc), "-d", "需纠正", "--opinion", "第二条自行设定罚款", "--accept", str(fine))
    again = run(archive, "resubmit", str(doc), str(tmp_path / "fixed.txt"), "--note", "删去罚款")
    assert again["version"] == 2
    run(archive, "review", str(doc), "-d", "通过", "--opinion", "已纠正")
    reg = run(archive, "register", str(doc), "--date", "2024-02-01")
    assert reg["number"] == "某规〔2024〕1号" and reg["id"] == doc
    pub = run(archive, "publish", str(doc), "--date", "2024-02-05", "--channel", "政府公报")
    assert pub["status"] == "有效"
    run(archive, "status", str(doc), "已修改", "--reason", "第三条修改", "--date", "2024-06-01")

    info = run(archive, "show", str(doc))
    assert info["doc_number"] == "某市监规〔2024〕3号" and info["number"] == "某规〔2024〕1号"
    assert [v["version"] for v in info["versions"]] == [1, 2]
    assert [h["new_status"] for h in info["status_history"]] == ["有效", "已修改"]
    # Both versions stay retrievable.
    assert "处500元罚款" in run(archive, "text", str(doc), "--version", "1")["text"]
    assert "处500元罚款" not in run(archive, "text", str(doc))["text"]

    log = run(archive, "log", str(doc))["items"]
    assert [e["action"] for e in log] == ["报备", "审查", "报送修改稿", "审查", "登记编号", "公布", "状态变更"]
    assert {e["user"] for e in log} == {"李审查"}
    assert log[-1]["reason"] == "第三条修改"


def test_log_and_records_cannot_be_rewritten_by_other_tools(archive: Path, tmp_path: Path):
    run(archive, "submit", str(tmp_path / "draft.txt"))
    conn = sqlite3.connect(archive)
    for sql in ("UPDATE log SET user = 'x'", "DELETE FROM log", "DELETE FROM documents", "DELETE FROM versions"):
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(sql)
    conn.close()


def test_illegal_transitions_are_refused(archive: Path, tmp_path: Path):
    doc = run(archive, "submit", str(tmp_path / "fixed.txt"))["id"]
    assert "尚未登记" in run(archive, "publish", str(doc), "--date", "2024-01-01", "--channel", "公报",
                               ok=False)["error"]
    assert "不能改为" in run(archive, "status", str(doc), "已废止", "--reason", "x", ok=False)["error"]
    assert "没有编号为 99" in run(archive, "show", "99", ok=False)["error"]
    run(archive, "review", str(doc), "-d", "不予备案", "--opinion", "不属于规范性文件")
    assert "不能再报送" in run(archive, "resubmit", str(doc), str(tmp_path / "fixed.txt"), ok=False)["error"]


def test_missing_archive_is_a_clear_error(tmp_path: Path):
    assert "档案库不存在" in run(tmp_path / "none.db", "list", ok=False)["error"]


@pytest.mark.slow
def test_real_subprocess_prints_one_json_object(archive: Path, tmp_path: Path):
    exe = Path(sys.executable).with_name("reviewer")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reviewer.cli.main"]
    out = subprocess.run([*cmd, "archive", "--db", str(archive), "submit", str(tmp_path / "draft.txt"),
                          "-f", "json"], capture_output=True, text=True, check=True)
    payload = json.loads(out.stdout)
    assert payload["id"] == 1 and payload["findings"] >= 1
    plain = subprocess.run([*cmd, "archive", "--db", str(archive), "show", "7"], capture_output=True, text=True)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr and plain.stderr.startswith("错误：")
