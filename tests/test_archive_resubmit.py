"""退回补正, filing materials and version comparison in the library and the CLI, and the schema
step (version 6) that brings an older archive's reviews along."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive, FilingMeta, db as archive_db, schema
from reviewer.archive import settings as settings_store
from reviewer.archive.materials import Material, display_name
from reviewer.archive.records import Settings
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError

TEXT = """某区共享单车停放管理办法

第一条 为了规范共享单车停放，制定本办法。
第二条 运营企业应当在接到通知后两小时内清理违规停放的车辆。
第三条 本办法自2026年5月1日起施行。
"""
EVERYTHING = frozenset({"report", "explanation", "legality", "collective", "basis"})


@pytest.fixture()
def archive(tmp_path):
    with Archive.create(tmp_path / "a.db", Settings(office="某区司法局", code="某"), user="测试") as opened:
        yield opened


def _draft(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_returned_needs_a_reason_when_nothing_is_missing_and_comes_back_with_materials(archive, tmp_path):
    complete = archive.submit(_draft(tmp_path, "v1.txt", TEXT), FilingMeta(issuer="某区交通局", package=EVERYTHING)).id
    with pytest.raises(ArchiveError, match="须在审查意见中写明需要补正"):
        archive.review(complete, "退回补正")
    archive.review(complete, "退回补正", "合法性审核意见未加盖公章，请重新报送。")
    assert archive.show(complete)["filing_status"] == "退回补正"
    assert [r["id"] for r in archive.queue()["需补正"]] == [complete]
    with pytest.raises(ArchiveError, match="只有待审查的文件可以审查"):
        archive.review(complete, "通过")
    with pytest.raises(ArchiveError, match="请至少上传一份补正材料"):
        archive.resend(complete, ())
    outcome = archive.resend(complete, (Material("legality", "审核意见（盖章）.pdf", b"%PDF-1.4"),), "已盖章")
    assert outcome.data["filing_status"] == "待审查" and archive.show(complete)["filing_status"] == "待审查"
    # Only a filing sent back for materials may come back without a new text.
    archive.review(complete, "需纠正", "第二条期限过短。")
    with pytest.raises(ArchiveError, match="需纠正的文件请报送修改稿"):
        archive.resend(complete, (Material("report", "报告.pdf", b"%PDF"),))
    archive.resubmit(complete, _draft(tmp_path, "v2.txt", TEXT.replace("两小时", "二十四小时")), "延长期限",
                     materials=(Material("report", "备案报告（新）.pdf", b"%PDF-1.5"),))
    kinds = [(m["kind"], m["current"], m["version"]) for m in archive.materials(complete)]
    assert kinds == [("report", True, 2), ("legality", True, 1)]
    archive.review(complete, "通过", "已纠正。")
    with pytest.raises(ArchiveError, match="不能再补交材料"):
        archive.add_materials(complete, (Material("basis", "依据.pdf", b"%PDF"),))
    with pytest.raises(ArchiveError, match="不能再报送修改稿"):
        archive.resubmit(complete, _draft(tmp_path, "v3.txt", TEXT))


def test_materials_are_checked_before_anything_is_stored(archive, tmp_path):
    path = _draft(tmp_path, "v1.txt", TEXT)
    for bad, message in ((Material("report", "报告.exe", b"MZ"), "不支持“.exe”"),
                         (Material("report", "报告.pdf", b""), "空文件"),
                         (Material("minutes", "纪要.pdf", b"%PDF"), "未知的备案材料种类"),
                         (Material("report", "../..", b"%PDF"), "没有名称")):
        with pytest.raises(ArchiveError, match=message):
            archive.submit(path, FilingMeta(issuer="某区交通局"), materials=(bad,))
    assert archive.documents() == [] and archive.log(1) == []


def test_display_names_drop_folders_and_controls():
    assert display_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert display_name("C:\\Users\\科员\\起草说明.docx") == "起草说明.docx"
    assert display_name("报告\x00\x1b.pdf") == "报告.pdf"
    assert display_name("..pdf") == "pdf"
    long = display_name("很" * 300 + ".pdf")
    assert len(long) == 120 and long.endswith(".pdf")


def test_the_cli_decides_returned_prints_the_notice_and_the_diff(tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["archive", "--db", db, "--user", "测试", *args])

    assert run("init", "--office", "某区司法局", "--code", "某").exit_code == 0
    assert run("submit", _draft(tmp_path, "v1.txt", TEXT), "--issuer", "某区交通局").exit_code == 0
    out = run("diff", "1")
    assert out.exit_code == 2 and "只有一个版本" in out.output
    out = run("review", "1", "-d", "退回补正")
    assert out.exit_code == 0 and "退回补正" in out.output
    out = run("letter", "1", "补正通知", "-o", str(tmp_path / "补正通知.docx"))
    assert out.exit_code == 0 and "已出具补正通知" in out.output
    out = run("letter", "1", "不予备案通知", "-o", str(tmp_path / "x.docx"))
    assert out.exit_code == 2 and "不是不予备案" in out.output
    assert run("resubmit", "1", _draft(tmp_path, "v2.txt", TEXT.replace("应当在接到通知后两小时内",
                                                                          "可以在接到通知后24小时内"))).exit_code == 0
    out = run("review", "1", "-d", "需纠正", "--opinion", "再改")
    out = run("letter", "1", "补正通知", "-o", str(tmp_path / "y.docx"))
    assert out.exit_code == 2 and "不是退回补正" in out.output
    out = run("diff", "1")
    assert out.exit_code == 0, out.output
    assert "第 1 号文件：第 1 版 → 第 2 版。修改 1 处" in out.output
    assert "【修改】第二条" in out.output and "！情态词：“应当” → “可以”" in out.output
    assert "！期限：“两小时” → “24小时”" in out.output
    assert "  - 运营企业[-应当-]在接到通知后[-两-]小时内" in out.output
    assert "  + 运营企业{+可以+}在接到通知后{+24+}小时内" in out.output
    out = run("diff", "1", "--from", "1", "--to", "3")
    assert out.exit_code == 2 and "没有第 3 版" in out.output
    out = run("diff", "1", "--from", "2", "--to", "1", "-f", "json")
    assert out.exit_code == 0 and '"from": 2' in out.output and '"status": "修改"' in out.output
    out = run("review", "1", "-d", "批准")
    assert out.exit_code == 2 and "退回补正" in out.output  # the choices name the fourth decision


def test_version_6_keeps_every_review_of_an_older_archive(tmp_path):
    path = str(tmp_path / "old.db")
    conn = archive_db.connect(path)
    schema.migrate(conn, target=5)
    conn.execute("BEGIN IMMEDIATE")
    settings_store.save(conn, Settings(office="某区司法局", code="某"))
    conn.execute("INSERT INTO documents(id, title, level, received_date, filing_status, created_at, updated_at)"
                 " VALUES (1, '旧文件', '行政规范性文件', '2024-01-02', '需纠正', 'x', 'x')")
    conn.execute("INSERT INTO versions(id, document_id, version, sha256, title, text, check_status, submitted_at,"
                 " submitted_by) VALUES (1, 1, 1, 'ab', '旧文件', '第一条 旧。', '已检查', 'x', '旧')")
    conn.execute("INSERT INTO reviews(id, document_id, version_id, decision, opinion, reviewed_at, reviewed_by)"
                 " VALUES (7, 1, 1, '需纠正', '请改', '2024-01-05', '老王')")
    with pytest.raises(sqlite3.IntegrityError):  # version 5 does not know the fourth decision
        conn.execute("INSERT INTO reviews(document_id, version_id, decision, reviewed_at, reviewed_by)"
                     " VALUES (1, 1, '退回补正', 'x', 'x')")
    conn.execute("COMMIT")
    conn.close()
    with Archive.open(path, user="测试") as opened:
        assert schema.version_of(opened.conn) == schema.LATEST
        rows = [dict(r) for r in opened.conn.execute("SELECT * FROM reviews")]
        assert rows == [{"id": 7, "document_id": 1, "version_id": 1, "decision": "需纠正", "opinion": "请改",
                         "reviewed_at": "2024-01-05", "reviewed_by": "老王"}]
        for statement in ("DELETE FROM reviews", "UPDATE reviews SET opinion = '改写'"):
            with pytest.raises(sqlite3.DatabaseError, match="档案记录"):
                opened.conn.execute(statement)
        with pytest.raises(sqlite3.IntegrityError):
            opened.conn.execute("INSERT INTO reviews(document_id, version_id, decision, reviewed_at, reviewed_by)"
                                " VALUES (1, 1, '批准', 'x', 'x')")
        assert opened.show(1)["reviews"][0]["decision"] == "需纠正"


def test_the_cli_lists_adds_and_resends_materials(tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["archive", "--db", db, "--user", "测试", *args])

    report = tmp_path / "备案报告.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    minutes = tmp_path / "会议纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    assert run("init", "--office", "某区司法局", "--code", "某").exit_code == 0
    assert run("submit", _draft(tmp_path, "v1.txt", TEXT), "--issuer", "某区交通局").exit_code == 0
    out = run("materials", "1")
    assert out.exit_code == 0 and "未上传材料文件" in out.output
    out = run("materials", "1", "--add", f"备案报告={report}")
    assert out.exit_code == 0 and "保存 1 份备案材料" in out.output
    out = run("materials", "1", "--add", f"会议={minutes}")
    assert out.exit_code == 2 and "请写成 材料=文件" in out.output
    out = run("materials", "1", "--add", f"basis={tmp_path / '没有.pdf'}")
    assert out.exit_code == 2 and "文件不存在" in out.output
    assert run("review", "1", "-d", "退回补正").exit_code == 0
    out = run("resend", "1", "--material", f"collective={minutes}", "--note", "补交纪要")
    assert out.exit_code == 0 and "重新进入待审查" in out.output
    out = run("materials", "1", "-f", "json")
    assert out.exit_code == 0 and '"filename": "会议纪要.pdf"' in out.output and '"count": 2' in out.output
    out = run("resend", "1", "--material", f"collective={minutes}")
    assert out.exit_code == 2 and "只有退回补正的文件可以只补交材料" in out.output

