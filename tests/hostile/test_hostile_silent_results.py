"""Item 11: options and records that used to give a silently wrong result are refused in Chinese."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reviewer.archive import Archive, FilingMeta, Settings
from tests.hostile.helpers import DRAFT, LAWFUL, archive_with_filing, published, refused, run


@pytest.fixture()
def draft(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_code_is_refused(draft, option):
    line = refused(run("check", str(draft), option, "PENALY"))
    assert "PENALY" in line and "不存在" in line


def test_known_prefixes_and_codes_still_work(draft):
    result = run("check", str(draft), "--select", "penalty,FEE001", "-f", "json")
    assert result.exit_code == 1
    assert {f["family"] for f in json.loads(result.stdout)["documents"][0]["findings"]} == {"PENALTY"}


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "1e30"])
def test_non_finite_or_absurd_settings_are_refused(draft, value):
    refused(run("check", str(draft), "--set", f"max_validity_years={value}"))


def test_an_empty_rules_folder_does_not_fall_back_to_the_built_ins(draft, tmp_path):
    (tmp_path / "empty").mkdir()
    line = refused(run("check", str(draft), "--rules", str(tmp_path / "empty")))
    assert "没有规则" in line


def test_a_template_where_seq_touches_issuer_is_refused(tmp_path):
    line = refused(run("archive", "--db", str(tmp_path / "a.db"), "init", "--office", "x", "--code", "某",
                       "--template", "{code}{year}-{seq}{issuer}", "--by-issuer"))
    assert "紧挨着" in line


def test_a_colliding_number_from_an_old_template_gets_a_chinese_message(tmp_path):
    db = tmp_path / "a.db"
    with Archive.create(db, Settings(office="x", code="某", template="{code}{year}-{seq}号-{issuer}", by_issuer=True)):
        pass
    conn = sqlite3.connect(db)  # an archive configured before the check existed
    conn.execute("UPDATE settings SET value = '{code}{year}-{seq}{issuer}' WHERE key = 'template'")
    conn.commit()
    conn.close()
    draft = tmp_path / "lawful.txt"
    draft.write_text(LAWFUL, encoding="utf-8")
    with Archive.open(db) as archive:
        ids = []
        for issuer in ["1局"] + ["局"] * 11:
            doc = archive.submit(str(draft), FilingMeta(issuer=issuer, title=f"{issuer}{len(ids)}")).id
            archive.review(doc, "通过")
            ids.append(doc)
        for doc in ids[:-1]:
            archive.register(doc, "2026-03-01")
    line = refused(run("archive", "--db", str(db), "register", str(ids[-1]), "--date", "2026-03-01"))
    assert "已被第 1 号文件使用" in line and "UNIQUE" not in line


@pytest.mark.parametrize("command", [["register", "1", "--date"], ["publish", "1", "--channel", "网站", "--date"]])
@pytest.mark.parametrize("date", ["1900-01-01", "9999-12-31"])
def test_registration_and_publication_dates_out_of_range(tmp_path, command, date):
    db = tmp_path / "reviewer.db"
    lawful = tmp_path / "lawful.txt"
    lawful.write_text(LAWFUL, encoding="utf-8")
    with Archive.create(db, Settings(office="x", code="某")) as archive:
        doc = archive.submit(str(lawful)).id
        archive.review(doc, "通过")
        if command[0] == "publish":
            archive.register(doc, "2026-03-01")
    line = refused(run("archive", "--db", str(db), *command, date))
    assert "超出合理范围" in line


def test_accept_and_dismiss_of_one_finding_in_one_command(tmp_path):
    db = archive_with_filing(tmp_path)
    line = refused(run("archive", "--db", str(db), "review", "1", "-d", "需纠正", "--accept", "2", "--dismiss", "2=有依据"))
    assert "不能同时采纳和驳回" in line
    assert sqlite3.connect(db).execute("SELECT count(*) FROM finding_decisions").fetchone()[0] == 0


def test_a_reply_dated_before_its_suggestion(tmp_path):
    db = published(tmp_path)
    base = ["archive", "--db", str(db), "suggestion"]
    assert run(*base, "add", "1", "--who", "张三", "--channel", "来信", "--date", "2026-04-01", "--text", "收费无依据").exit_code == 0
    line = refused(run(*base, "reply", "1", "--text", "经审查…", "--date", "2026-03-01"))
    assert "早于" in line


def test_a_law_replaced_by_itself(tmp_path):
    db = archive_with_filing(tmp_path)
    line = refused(run("laws", "--db", str(db), "change", "行政处罚法", "--repealed", "2026-01-01",
                       "--replaced-by", "中华人民共和国行政处罚法"))
    assert "自己" in line
