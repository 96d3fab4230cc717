"""Cleanup audits: the reasons and outcomes, parallel runs, the workbook round trip, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewer.archive import Archive
from reviewer.audit import runs
from reviewer.audit.decisions import apply
from reviewer.archive.lawbook import LawBook
from reviewer.laws.changes import LawChange
from reviewer.audit.records import AuditSettings
from reviewer.audit.runner import run
from reviewer.audit.workbook import export
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError
from tests.audit_helpers import AS_OF, build_archive, outcomes, reasons_by_doc
from tests.sheet_helpers import assert_print_ready, assert_rows_show_wrapped_text

LAWS = [
    ["中华人民共和国甲乙管理法", "法律", "全国人民代表大会常务委员会", "2015-04-24", "2015-04-24", "有效", "", ""],
    ["中华人民共和国丙丁保护法", "法律", "全国人民代表大会常务委员会", "2012-01-01", "2012-01-01", "有效", "", ""],
    ["中华人民共和国戊己促进法", "法律", "全国人民代表大会常务委员会", "2018-01-01", "2018-01-01", "有效", "", ""],
    ["庚辛登记条例", "行政法规", "国务院", "2005-01-01", "2005-01-01", "已废止",
     "被《庚辛主体登记条例》(2021-07-27)废止，自2022-03-01起", ""],
    ["庚辛主体登记条例", "行政法规", "国务院", "2021-07-27", "2022-03-01", "有效", "", ""],
]

SCENARIO = [
    {"title": "关于一号事项的通知", "text": "一、依照《中华人民共和国丙丁保护法》第五条的规定执行。"},
    {"title": "关于二号事项的通知", "text": "一、依照《甲乙管理法》第十六条的规定执行。"},
    {"title": "关于三号事项的通知", "text": "一、依照《戊己促进法》第三条的规定执行。"},
    {"title": "关于四号事项的通知", "text": "一、依照《丙丁保护法》第五条、《戊己促进法》第三条的规定执行。"},
    {"title": "关于五号事项的通知", "text": "一、依照《戊己促进法》第三条的规定执行。\n二、本通知有效期至2024年12月31日。"},
    {"title": "关于六号事项的通知", "text": "一、依照《庚辛登记条例》第八条的规定办理登记。"},
    {"title": "关于七号事项的通知", "text": "一、依照《甲乙管理法》第十六条的规定执行。", "publish": "2026-06-01"},
    {"title": "关于八号事项的通知", "text": "一、依照《戊己促进法》第三条的规定执行。\n二、本通知有效期至2027年3月31日。"},
]


def _laws_csv(tmp_path: Path) -> Path:
    path = tmp_path / "laws.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["title", "level", "office", "publish_date", "effective_date", "status", "version_note",
                      "source_path"])
        out.writerows(LAWS)
    return path


@pytest.fixture()
def scenario(tmp_path: Path) -> Path:
    """An archive of documents citing several laws; one law then repealed, another amended."""
    db = build_archive(tmp_path, SCENARIO)
    with Archive.open(db, user="测试") as archive:
        LawBook(archive.conn, "测试").import_catalogue(str(_laws_csv(tmp_path)))
        LawBook(archive.conn, "测试").change(LawChange("丙丁保护法", "废止", "2026-01-01", reason="公报"))
        LawBook(archive.conn, "测试").change(LawChange("甲乙管理法", "修改", "2026-03-01"))
    return db


LAW_ONLY = AuditSettings(as_of=AS_OF, recheck=False)


def test_audit_finds_exactly_the_affected_documents_with_the_right_reasons(scenario: Path):
    with Archive.open(scenario, user="测试") as archive:
        summary = run(archive, LAW_ONLY)
        assert (summary.total, summary.computed, summary.resumed) == (8, 8, False)
        reasons = reasons_by_doc(archive, summary.run_id)
        assert reasons == {1: ["LAW_REPEALED"], 2: ["LAW_AMENDED"], 3: [], 4: ["LAW_REPEALED"], 5: ["EXPIRED"],
                           6: ["LAW_REPEALED"], 7: [], 8: ["EXPIRING"]}
        assert outcomes(archive, summary.run_id) == {1: "废止", 2: "修改", 3: "继续有效", 4: "修改", 5: "宣布失效",
                                                     6: "修改", 7: "继续有效", 8: "继续有效"}
        by_id = {r["document_id"]: r["reasons"][0] for r in runs.results(archive.conn, summary.run_id) if r["reasons"]}
        assert "没有其他现行上位法依据" in by_id[1]["message"] and by_id[1]["detail"]["repealed"] == "2026-01-01"
        assert "第十六条" in by_id[2]["message"] and by_id[2]["detail"]["changed"] == ["2026-03-01"]
        assert "另有依据" in by_id[4]["message"] and "戊己促进法" in by_id[4]["message"]
        assert "2024-12-31" in by_id[5]["message"]
        assert "印发时已废止" in by_id[6]["message"] and "庚辛主体登记条例" in by_id[6]["message"]
        assert [e["action"] for e in archive.log()][-1] == "清理审计完成"


def test_two_processes_give_the_same_results_as_one(scenario: Path):
    with Archive.open(scenario, user="测试") as archive:
        one = run(archive, LAW_ONLY, workers=1)
        two = run(archive, LAW_ONLY, workers=2)
        assert two.run_id != one.run_id
        strip = lambda rid: [(r["document_id"], r["outcome"], r["reasons"]) for r in runs.results(archive.conn, rid)]  # noqa: E731
        assert strip(one.run_id) == strip(two.run_id)


def test_todays_rules_and_cited_documents(tmp_path: Path):
    db = build_archive(tmp_path, [
        {"title": "关于市场管理的通知", "text": "一、对违反本通知的，处二千元罚款。", "number": "某政发〔2020〕1号"},
        {"title": "关于落实市场管理的通知", "text": "一、请按照某政发〔2020〕1号文件执行。", "number": "某政发〔2021〕2号"},
        {"title": "关于审批事项的通知", "text": "一、依照《中华人民共和国行政许可法》第十二条的规定办理。"},
    ])
    with Archive.open(db, user="测试") as archive:
        archive.set_status(1, "已废止", "测试")
        summary = run(archive, AuditSettings(as_of=AS_OF))
        reasons = reasons_by_doc(archive, summary.run_id)
        assert 1 not in reasons  # repealed documents are not audited
        assert "DOC_REPEALED" in reasons[2] and outcomes(archive, summary.run_id)[2] == "修改"
        assert reasons[3] == [] and outcomes(archive, summary.run_id)[3] == "继续有效"
        archive.conn.execute("UPDATE documents SET status = '有效' WHERE id = 1")  # a fresh look at the fine
        summary = run(archive, AuditSettings(as_of=AS_OF))
        rule = [r for r in runs.results(archive.conn, summary.run_id) if r["document_id"] == 1][0]
        assert rule["outcome"] == "修改"
        assert any(x["code"] == "RULE" and x["detail"]["rule"].startswith("PENALTY") and x["detail"]["new"]
                   for x in rule["reasons"])


def test_provisional_and_duplicates_from_the_same_issuer(tmp_path: Path):
    body = ("一、各单位应当加强农贸市场的日常巡查，做好环境卫生和消防安全工作。\n二、市场举办者应当建立台账，"
            "如实记录入场经营者的名称、地址和联系方式。\n三、各街道应当每季度开展一次联合检查，发现问题及时处理。")
    db = build_archive(tmp_path, [
        {"title": "关于农贸市场管理的暂行办法", "text": "一、各单位应当做好统计工作。", "publish": "2020-01-01",
         "issuer": "甲局"},
        {"title": "甲局关于加强农贸市场管理的通知", "text": body, "publish": "2021-01-01", "issuer": "乙局"},
        {"title": "甲局关于加强农贸市场管理的通知", "text": body + "\n四、自印发之日起施行。",
         "publish": "2024-01-01", "issuer": "乙局"},
        {"title": "甲局关于加强农贸市场管理的通告", "text": "一、市场举办者应当于每月底前报送经营数据。",
         "publish": "2022-01-01", "issuer": "乙局"},
        {"title": "甲局关于2023年农贸市场管理的通知", "text": "一、市场举办者应当报送数据。", "publish": "2023-01-01",
         "issuer": "乙局"},
    ])
    with Archive.open(db, user="测试") as archive:
        summary = run(archive, LAW_ONLY)
        reasons = reasons_by_doc(archive, summary.run_id)
        result = outcomes(archive, summary.run_id)
        assert reasons[1] == ["PROVISIONAL_OVERDUE"] and result[1] == "宣布失效"
        assert "DUPLICATE" in reasons[2] and result[2] == "废止"  # the older of two near-identical texts
        assert "DUPLICATE" in reasons[3] and result[3] == "继续有效"
        assert "CONFLICT" in reasons[4]
        assert reasons[5] == []  # a yearly document is not a duplicate of the others


def _fill(path: Path, decisions: dict[int, str], notes: dict[int, str] | None = None,
          edit: tuple[int, str, str] | None = None) -> None:
    """Fill in 决定 (and 说明) for the given document ids; optionally overwrite one cell of a row."""
    book = load_workbook(path)
    for name in ("继续有效", "修改", "废止", "宣布失效"):
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            doc_id = row[0].value
            if doc_id in decisions:
                row[header.index("决定")].value = decisions[doc_id]
                if notes and doc_id in notes:
                    row[header.index("说明")].value = notes[doc_id]
            if edit and doc_id == edit[0]:
                row[header.index(edit[1])].value = edit[2]
    book.save(path)


def test_export_edit_apply_round_trip(scenario: Path, tmp_path: Path):
    with Archive.open(scenario, user="测试") as archive:
        summary = run(archive, LAW_ONLY)
        book_path = tmp_path / "清理结果.xlsx"
        info = export(archive.conn, str(book_path), summary.run_id)
        assert info["documents"] == 8
        book = load_workbook(book_path)
        assert book.sheetnames == ["汇总", "继续有效", "修改", "废止", "宣布失效", "与上次相比"]
        header = [c.value for c in book["废止"][1]]
        assert header == ["文件ID", "登记号", "发文字号", "标题", "制定机关", "公布日期", "建议结论", "理由", "决定", "说明"]
        assert [r[0].value for r in book["废止"].iter_rows(min_row=2)] == [1]
        assert book["宣布失效"]["B2"].value == "某规〔2023〕5号"
        for sheet in book.worksheets:
            assert_print_ready(sheet)
            assert_rows_show_wrapped_text(sheet, 2)
        for outcome in ("继续有效", "修改", "废止", "宣布失效"):
            (rule,) = book[outcome].data_validations.dataValidation
            assert rule.type == "list" and rule.formula1 == '"继续有效,修改,废止,宣布失效"' and rule.showErrorMessage
            assert "I2" in rule.sqref and f"I{book[outcome].max_row}" in rule.sqref and "H2" not in rule.sqref
        _fill(book_path, {1: "废止", 5: "宣布失效", 2: "修改", 3: "继续有效", 6: "废止"}, {6: "已由新条例替代，另行制定"})
        result = apply(archive.conn, str(book_path), "王五")
        assert result["applied"] == 5 and result["decisions"]["废止"] == 2
        statuses = {r["id"]: r["status"] for r in archive.documents(limit=100)}
        assert statuses == {1: "已废止", 2: "有效", 3: "有效", 4: "有效", 5: "失效", 6: "已废止", 7: "有效", 8: "有效"}
        assert archive.show(6)["status_history"][-1]["reason"].startswith("清理：废止。已由新条例替代")
        decided = archive.conn.execute("SELECT document_id, proposed, decision, decided_by FROM audit_decisions"
                                       " ORDER BY document_id").fetchall()
        assert [tuple(r) for r in decided] == [(1, "废止", "废止", "王五"), (2, "修改", "修改", "王五"),
                                               (3, "继续有效", "继续有效", "王五"), (5, "宣布失效", "宣布失效", "王五"),
                                               (6, "修改", "废止", "王五")]
        assert {e["action"] for e in archive.log() if e["user"] == "王五"} == {"状态变更", "清理决定"}
        current = load_workbook(result["lists"]["现行有效目录"]).active
        ended = load_workbook(result["lists"]["废止和失效目录"]).active
        # Laid out as published: title line with the office, the as-of line, header in row 3.
        assert current["A1"].value == "某市司法局 现行有效规范性文件目录"
        assert current["A2"].value.startswith("（截至") and current["A2"].value.endswith("共 5 件）")
        assert [c.value for c in current[3]] == ["序号", "登记号", "发文字号", "标题", "制定机关", "公布日期", "状态",
                                                  "清理结论"]
        listed = list(current.iter_rows(min_row=4, values_only=True))
        assert [r[0] for r in listed] == [1, 2, 3, 4, 5]
        assert sorted(r[3] for r in listed) == sorted(SCENARIO[i - 1]["title"] for i in (2, 3, 4, 7, 8))
        assert [(r[6], r[7]) for r in listed if r[3] == SCENARIO[1]["title"]] == [("有效", "拟修改")]
        assert current["F4"].is_date and current["F4"].number_format == "yyyy-mm-dd"
        assert ended["A1"].value == "某市司法局 废止和失效规范性文件目录"
        assert [c.value for c in ended[3]][6:] == ["清理决定", "决定日期", "理由"]
        gone = {r[3]: r for r in ended.iter_rows(min_row=4, values_only=True)}
        assert sorted((t, r[6]) for t, r in gone.items()) == sorted(
            [(SCENARIO[0]["title"], "废止"), (SCENARIO[4]["title"], "宣布失效"), (SCENARIO[5]["title"], "废止")])
        assert gone[SCENARIO[5]["title"]][8] == "已由新条例替代，另行制定"  # the staff's 说明, as written
        assert "没有其他现行上位法依据" in gone[SCENARIO[0]["title"]][8]  # else the audit's reason in words
        assert all(not r[8].startswith("1.") and "LAW_" not in r[8] for r in gone.values())
        for sheet in (current, ended):
            assert_print_ready(sheet, header_row=3)
            last = sheet.cell(3, sheet.max_column).column_letter  # title lines span the table
            assert {str(r) for r in sheet.merged_cells.ranges} == {f"A1:{last}1", f"A2:{last}2"}
        with pytest.raises(ArchiveError, match="已有现行有效目录.xlsx、废止和失效目录.xlsx，未作任何修改；如要用本次结果替换，请加 --force"):
            apply(archive.conn, str(book_path), "王五")
        again = apply(archive.conn, str(book_path), "王五", force=True)  # the same sheet twice changes nothing
        assert (again["applied"], again["unchanged"]) == (0, 5)


def test_a_sheet_with_bad_rows_applies_nothing_and_names_them(scenario: Path, tmp_path: Path):
    with Archive.open(scenario, user="测试") as archive:
        summary = run(archive, LAW_ONLY)
        book_path = tmp_path / "清理结果.xlsx"
        export(archive.conn, str(book_path), summary.run_id)
        _fill(book_path, {1: "废止", 5: "宣布失效", 2: "删除"}, edit=(3, "登记号", "某规〔2023〕99号"))
        with pytest.raises(ArchiveError) as err:
            apply(archive.conn, str(book_path), "王五")
        message = err.value.message
        assert "2 处错误，未作任何修改" in message
        assert "“修改”表第 2 行：决定“删除”无法识别" in message
        assert "“继续有效”表第 2 行：登记号“某规〔2023〕99号”与档案库中的“某规〔2023〕3号”不一致" in message
        assert {r["status"] for r in archive.documents(limit=100)} == {"有效"}
        assert archive.conn.execute("SELECT count(*) FROM audit_decisions").fetchone()[0] == 0


def test_unknown_document_in_the_sheet(scenario: Path, tmp_path: Path):
    with Archive.open(scenario, user="测试") as archive:
        export(archive.conn, str(tmp_path / "b.xlsx"), run(archive, LAW_ONLY).run_id)
        _fill(tmp_path / "b.xlsx", {}, edit=(1, "文件ID", 999))
        with pytest.raises(ArchiveError, match="“废止”表第 2 行：文件ID“999”不在本次审计中"):
            apply(archive.conn, str(tmp_path / "b.xlsx"), "王五")


def test_changes_against_the_previous_audit(scenario: Path, tmp_path: Path):
    with Archive.open(scenario, user="测试") as archive:
        run(archive, LAW_ONLY)
        LawBook(archive.conn, "测试").change(LawChange("戊己促进法", "修改", "2026-05-01"))
        second = run(archive, LAW_ONLY)
        info = export(archive.conn, str(tmp_path / "c.xlsx"), second.run_id)
        rows = list(load_workbook(tmp_path / "c.xlsx")["与上次相比"].iter_rows(min_row=2, values_only=True))
        changed = {r[0]: (r[3], r[4], r[5]) for r in rows}
        assert changed == {3: ("继续有效", "修改", "建议结论变化"), 4: ("修改", "修改", "理由变化"),
                           5: ("宣布失效", "宣布失效", "理由变化"), 8: ("继续有效", "修改", "建议结论变化")}
        assert info["previous_run"] == second.run_id - 1


def test_cli_run_export_apply(scenario: Path, tmp_path: Path):
    runner = CliRunner()
    base = ["audit", "--db", str(scenario), "--user", "赵六"]
    out = runner.invoke(cli, [*base, "run", "--as-of", AS_OF, "--no-recheck", "--workers", "2", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["total"] == 8 and data["outcomes"]["废止"] == 1
    book_path = tmp_path / "清理结果.xlsx"
    out = runner.invoke(cli, [*base, "export", "-o", str(book_path)])
    assert out.exit_code == 0 and "已导出" in out.output
    _fill(book_path, {1: "废止"})
    filled = book_path.read_bytes()
    out = runner.invoke(cli, [*base, "export", "-o", str(book_path)])  # would wipe the decisions filled in
    assert out.exit_code == 2 and "文件已存在" in out.output and "--force" in out.output
    assert book_path.read_bytes() == filled
    out = runner.invoke(cli, [*base, "apply", str(book_path), "--lists-dir", str(tmp_path / "lists"), "-f", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["applied"] == 1 and (tmp_path / "lists" / "现行有效目录.xlsx").exists()
    _fill(book_path, {1: "废止", 3: "继续有效"})
    before = (tmp_path / "lists" / "现行有效目录.xlsx").read_bytes()
    out = runner.invoke(cli, [*base, "apply", str(book_path), "--lists-dir", str(tmp_path / "lists")])
    assert out.exit_code == 2 and "已有现行有效目录.xlsx" in out.output and "--force" in out.output
    assert (tmp_path / "lists" / "现行有效目录.xlsx").read_bytes() == before  # untouched, and nothing applied
    out = runner.invoke(cli, [*base, "apply", str(book_path), "--lists-dir", str(tmp_path / "lists"), "--force",
                              "-f", "json"])
    assert out.exit_code == 0 and json.loads(out.output)["applied"] == 1
    out = runner.invoke(cli, [*base, "apply", str(tmp_path / "nope.xlsx")])
    assert out.exit_code == 2 and out.output.startswith("错误：")
    out = runner.invoke(cli, [*base, "list", "-f", "json"])
    assert json.loads(out.output)["items"][0]["status"] == "已完成"
    out = runner.invoke(cli, [*base, "show", "2"])
    assert "建议：修改" in out.output and "第十六条" in out.output


def test_folder_audit_without_an_archive(tmp_path: Path):
    folder = tmp_path / "文件"
    folder.mkdir()
    (folder / "a.txt").write_text("某县教育局关于校外培训的暂行办法\n某教发〔2020〕3号\n第一条 各校应当加强管理。\n"
                                  "本办法自2020年3月1日起施行。", encoding="utf-8")
    (folder / "b.txt").write_text("某县教育局关于课后服务的通知\n一、依照《中华人民共和国教育法》的规定执行。",
                                  encoding="utf-8")
    (folder / "c.pdf").write_bytes(b"not a pdf")
    db = tmp_path / "清理.db"
    runner = CliRunner()
    args = ["audit", "--db", str(db), "run", "--folder", str(folder), "--as-of", AS_OF, "-f", "json"]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["total"] == 2
    out = runner.invoke(cli, args)  # the folder again: nothing loaded twice
    assert json.loads(out.output)["total"] == 2
    with Archive.open(db) as archive:
        result = outcomes(archive, runs.get(archive.conn)["id"])
        titles = {d["id"]: d["title"] for d in archive.documents()}
        assert {titles[i]: o for i, o in result.items()}["某县教育局关于校外培训的暂行办法"] == "宣布失效"


def test_cli_run_waits_for_no_one_while_another_run_holds_the_lock(scenario: Path):
    """One audit per archive: a CLI run while the web's (or another CLI's) run holds the lock is
    refused in Chinese and changes nothing; once the lock is free the same command runs."""
    import fcntl
    import os

    from reviewer.audit.lock import lock_path, locked

    runner = CliRunner()
    args = ["audit", "--db", str(scenario), "--user", "赵六", "run", "--as-of", AS_OF, "--no-recheck"]
    holder = os.open(lock_path(str(scenario)), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert locked(str(scenario))
        out = runner.invoke(cli, args)
        assert out.exit_code == 2 and "另一次清理审计正在进行" in out.output
        with Archive.open(str(scenario)) as archive:
            assert archive.conn.execute("SELECT count(*) FROM audit_runs").fetchone()[0] == 0
    finally:
        os.close(holder)
    assert not locked(str(scenario))
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output


def test_a_finding_under_a_bare_section_mark_is_cited_as_that_part():
    from reviewer.audit.checks import _cited

    assert _cited("一、") == "第一部分"
    assert _cited("一、（二）") == "一、（二）"
    assert _cited("第十二条第二款") == "第十二条第二款"
    assert _cited("") == "全文"
