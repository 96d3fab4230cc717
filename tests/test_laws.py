"""The law catalogue in the archive: seeding, CSV import, recorded changes, the citation index."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive
from reviewer.archive.lawbook import LawBook
from reviewer.laws import citation_index
from reviewer.laws import store as catalog
from reviewer.laws.changes import LawChange
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError
from tests.archive_helpers import new_archive
from tests.audit_helpers import build_archive

HEADER = ["title", "level", "office", "publish_date", "effective_date", "status", "version_note", "source_path"]


def _write_catalog(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(HEADER)
        out.writerows(rows)
    return path


SMALL = [
    # two versions of one law: the older is 已修改, the newer 有效
    ["中华人民共和国甲乙管理法", "法律", "全国人民代表大会常务委员会", "2015-04-24", "2015-04-24", "已修改",
     "仓库收有更新版本(2022-06-24)", "x/甲乙管理法(2015-04-24).md"],
    ["中华人民共和国甲乙管理法", "法律", "全国人民代表大会常务委员会", "2022-06-24", "", "有效", "", "x/甲乙管理法(2022-06-24).md"],
    # repealed, successor named in the note
    ["丙丁备案条例", "行政法规", "国务院", "2001-12-14", "2002-01-01", "已废止",
     "被《丙丁备案审查条例》(2024-08-30)废止，自2024-11-01起", "行政法规/丙丁备案条例(2001-12-14).md"],
    ["丙丁备案审查条例", "行政法规", "国务院", "2024-08-30", "2024-11-01", "有效", "", "行政法规/丙丁备案审查条例.md"],
]


def test_a_new_archive_holds_the_builtin_catalogue(tmp_path: Path):
    with new_archive(tmp_path / "a.db") as archive:
        conn = archive.conn
        assert conn.execute("SELECT count(*) FROM laws").fetchone()[0] >= 100
        law = catalog.find_law(conn, "行政处罚法")  # a short name
        assert law.title == "中华人民共和国行政处罚法" and "2021-01-22" in law.changes
        repealed = catalog.find_law(conn, "公司登记管理条例")
        assert repealed.status == "已废止" and repealed.replaced_by == "中华人民共和国市场主体登记管理条例"
        # Syncing the same laws.yaml again changes nothing.
        assert catalog.sync_builtin(conn, "测试") is None


def test_import_a_catalog_csv_groups_versions_and_reads_repeals(tmp_path: Path):
    path = _write_catalog(tmp_path / "catalog.csv", SMALL)
    with new_archive(tmp_path / "a.db") as archive:
        counts = LawBook(archive.conn, "测试").import_catalogue(str(path))
        assert (counts.rows, counts.added) == (3, 3)
        law = catalog.find_law(archive.conn, "甲乙管理法")
        assert law.status == "有效" and law.to_dict()["publish_date"] == "2022-06-24"
        assert law.changes == ("2015-04-24", "2022-06-24")
        assert law.changed_after("2020-01-01") == ("2022-06-24",)
        old = catalog.find_law(archive.conn, "丙丁备案条例")
        assert (old.status, old.to_dict()["repealed_date"], old.replaced_by) == ("已废止", "2024-11-01", "丙丁备案审查条例")
        again = LawBook(archive.conn, "测试").import_catalogue(str(path))
        assert (again.added, again.changed, again.unchanged) == (0, 0, 3)
        assert archive.conn.execute("SELECT count(*) FROM law_sources WHERE source = 'catalog.csv'").fetchone()[0] == 2
        assert [e["action"] for e in archive.log()].count("导入上位法目录") >= 2


def test_a_bad_row_imports_nothing_and_names_the_line(tmp_path: Path):
    rows = [*SMALL, ["戊己条例", "行政法规", "国务院", "2020-13-01", "", "有效", "", ""]]
    path = _write_catalog(tmp_path / "bad.csv", rows)
    with new_archive(tmp_path / "a.db") as archive:
        before = archive.conn.execute("SELECT count(*) FROM laws").fetchone()[0]
        with pytest.raises(ArchiveError, match="第 6 行"):
            LawBook(archive.conn, "测试").import_catalogue(str(path))
        assert archive.conn.execute("SELECT count(*) FROM laws").fetchone()[0] == before


def test_a_change_recorded_by_hand_survives_a_later_import(tmp_path: Path):
    path = _write_catalog(tmp_path / "catalog.csv", SMALL)
    with new_archive(tmp_path / "a.db") as archive:
        LawBook(archive.conn, "测试").import_catalogue(str(path))
        result = LawBook(archive.conn, "张三").change(LawChange("甲乙管理法", "废止", "2026-01-01", "甲乙促进法", "公报"))
        assert result.status == "已废止" and result.replaced_by == "甲乙促进法"
        assert catalog.find_law(archive.conn, "甲乙促进法").source == "手工"  # the successor was added
        counts = LawBook(archive.conn, "测试").import_catalogue(str(path))
        assert "中华人民共和国甲乙管理法" in counts.kept_manual
        assert catalog.find_law(archive.conn, "甲乙管理法").status == "已废止"
        entry = [e for e in archive.log() if e["action"] == "上位法变更"][-1]
        assert entry["user"] == "张三" and entry["reason"] == "公报" and entry["detail"]["新状态"] == "已废止"
        with pytest.raises(ArchiveError, match="已是“已废止”"):
            LawBook(archive.conn, "张三").change(LawChange("甲乙管理法", "修改", "2026-02-01"))


def test_unknown_and_misspelt_titles(tmp_path: Path):
    with new_archive(tmp_path / "a.db") as archive:
        with pytest.raises(ArchiveError, match="没有《不存在的管理法》"):
            catalog.find_law(archive.conn, "不存在的管理法")
        # one wrong character still finds the law (fuzzy, same kind of norm) ...
        assert catalog.find_law(archive.conn, "中华人民共和国行政处发法").title == "中华人民共和国行政处罚法"
        assert catalog.find_law(archive.conn, "市场主体登记官理条例").title == "中华人民共和国市场主体登记管理条例"
        # ... but a local variant of a known title is another norm and stays unknown
        with pytest.raises(ArchiveError):
            catalog.find_law(archive.conn, "某市行政处罚法")


def test_citation_index_answers_which_documents_rely_on_an_article(tmp_path: Path):
    db = build_archive(tmp_path, [
        {"title": "关于甲的通知", "text": "一、依照《中华人民共和国行政处罚法》第十六条规定执行。"},
        {"title": "关于乙的通知", "text": "一、依照《行政处罚法》第十六条、第十七条规定执行。"},
        {"title": "关于丙的通知", "text": "一、依照《行政处罚法》第三十条规定执行。"},
        {"title": "关于丁的通知", "text": "一、依照《行政处发法》第十六条规定执行。"},  # a typo, still resolved
        {"title": "关于戊的通知", "text": "一、依照《某某不存在保护条例》第十六条规定执行。"},
    ])
    with Archive.open(db) as archive:
        LawBook(archive.conn, "测试").refresh()
        law = catalog.find_law(archive.conn, "行政处罚法")
        art16 = citation_index.citing_documents(archive.conn, law.id, 16)
        assert [d.id for d in art16] == [1, 2, 4]
        assert art16[1].articles == ("第十六条",)  # the row for 第十七条 is another article
        assert [d.id for d in citation_index.citing_documents(archive.conn, law.id)] == [1, 2, 3, 4]
        unknown = archive.conn.execute("SELECT law_id, resolved_gen FROM citations WHERE document_id = 5").fetchone()
        assert unknown[0] is None and unknown[1] is not None  # resolved: stays unknown
    result = CliRunner().invoke(cli, ["laws", "--db", str(db), "cites", "行政处罚法", "--article", "第十六条",
                                      "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["count"] == 3 and data["law"] == "中华人民共和国行政处罚法"


def test_new_laws_make_old_citations_known(tmp_path: Path):
    db = build_archive(tmp_path, [{"title": "关于甲的通知", "text": "一、依照《丙丁备案审查条例》第三条执行。"}])
    with Archive.open(db) as archive:
        LawBook(archive.conn, "测试").refresh()
        assert archive.conn.execute("SELECT law_id FROM citations").fetchone()[0] is None
        LawBook(archive.conn, "测试").import_catalogue(str(_write_catalog(tmp_path / "c.csv", SMALL)))
        LawBook(archive.conn, "测试").refresh()
        law_id = archive.conn.execute("SELECT law_id FROM citations").fetchone()[0]
        assert law_id == catalog.find_law(archive.conn, "丙丁备案审查条例").id


def test_cli_import_change_list_show(tmp_path: Path):
    db = tmp_path / "a.db"
    new_archive(db).close()
    runner = CliRunner()
    path = _write_catalog(tmp_path / "catalog.csv", SMALL)
    out = runner.invoke(cli, ["laws", "--db", str(db), "import", str(path), "-f", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["added"] == 3
    out = runner.invoke(cli, ["laws", "--db", str(db), "--user", "李四", "change", "行政许可法", "--amended",
                              "2026-03-01", "-f", "json"])
    assert out.exit_code == 0 and json.loads(out.output)["status"] == "已修改"
    out = runner.invoke(cli, ["laws", "--db", str(db), "change", "行政许可法"])
    assert out.exit_code == 2 and "--amended" in out.output
    out = runner.invoke(cli, ["laws", "--db", str(db), "change", "没有这部法", "--repealed", "2026-01-01"])
    assert out.exit_code == 2 and "错误：" in out.output and "Traceback" not in out.output
    out = runner.invoke(cli, ["laws", "--db", str(db), "list", "--status", "已废止", "-f", "json"])
    titles = [r["title"] for r in json.loads(out.output)["items"]]
    assert "丙丁备案条例" in titles and "中华人民共和国公司登记管理条例" in titles
    out = runner.invoke(cli, ["laws", "--db", str(db), "show", "行政许可法"])
    assert "2026-03-01  修改" in out.output


@pytest.mark.slow
def test_import_the_shared_catalog(tmp_path: Path, shared_catalog: Path):
    with new_archive(tmp_path / "a.db") as archive:
        counts = LawBook(archive.conn, "测试").import_catalogue(str(shared_catalog))
        assert counts.rows > 3000
        conn = archive.conn
        assert conn.execute("SELECT count(*) FROM laws").fetchone()[0] >= 3300
        old = catalog.find_law(conn, "法规规章备案条例")
        assert (old.status, old.to_dict()["repealed_date"], old.replaced_by) == ("已废止", "2024-11-01", "法规规章备案审查条例")
        assert catalog.find_law(conn, "增值税暂行条例").status == "已废止"
        assert archive.integrity() == "ok"


def test_an_older_archive_gets_the_catalogue_and_the_citation_index(tmp_path: Path):
    from reviewer.archive import schema

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.migrate(conn, target=2)
    conn.executescript("""
        INSERT INTO settings VALUES ('office', '某市司法局'), ('code', '某');
        INSERT INTO documents(id, title, level, received_date, created_at, updated_at, current_version_id, status)
            VALUES (1, '关于罚款的通知', '行政规范性文件', '2020-01-01', '2020-01-01', '2020-01-01', 1, '有效');
        INSERT INTO versions(id, document_id, version, sha256, title, text, check_status, submitted_at, submitted_by)
            VALUES (1, 1, 1, 'x', '关于罚款的通知', '依照《行政处罚法》第十六条执行。', '已检查', '2020-01-01', '旧');
    """)
    conn.close()
    with Archive.open(db) as archive:
        assert schema.version_of(archive.conn) == schema.LATEST
        assert archive.conn.execute("SELECT count(*) FROM laws").fetchone()[0] >= 100
        LawBook(archive.conn, "测试").refresh()
        law = catalog.find_law(archive.conn, "行政处罚法")
        assert [d.id for d in citation_index.citing_documents(archive.conn, law.id, 16)] == [1]
