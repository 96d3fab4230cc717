"""Search (exactness, 1–2 character terms, hostile input), fuzzy lookup, exports, suggestions, stats."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewer.archive import Archive
from reviewer.cli.main import cli
from tests.archive_helpers import make_collection, new_archive
from tests.sheet_helpers import assert_print_ready

TEXTS = [
    "关于加快法治政府建设的实施意见\n推进依法行政，建设法治政府。",
    "关于规范市场管理的办法\n对违反本办法的，处500元罚款。",
    "关于做好政务公开工作的通知\n各单位应当做好政务公开。\"引号\" AND NEAR(x) * 不应被解析。",
]


@pytest.fixture
def archive(tmp_path: Path):
    sheet = make_collection(tmp_path / "docs", TEXTS, {"登记号": ["某规〔2023〕1号", "某规〔2023〕2号", ""],
                                                       "状态": ["有效", "已废止", "未公布"]})
    with new_archive(tmp_path / "a.db") as a:
        a.import_collection(str(sheet), str(tmp_path / "docs"))
        yield a


def ids(hits) -> list[int]:
    return sorted(h.id for h in hits)


def test_two_and_one_character_terms_and_cross_word_strings(archive: Archive):
    assert ids(archive.search("罚款")) == [2]
    assert ids(archive.search("治政")) == [1]  # crosses the word boundary of 法治|政府
    assert ids(archive.search("执")) == []
    assert ids(archive.search("罚")) == [2]
    assert ids(archive.search("政")) == [1, 2, 3]  # every issuer is 某市人民政府
    assert ids(archive.search("法治政府建设")) == [1]
    assert ids(archive.search("政府建设的实")) == [1]
    assert archive.search("法治政府公开") == []


def test_snippet_shows_original_text_with_the_match_marked(archive: Archive):
    (hit,) = archive.search("罚款")
    assert "处500元【罚款】" in hit.snippet


@pytest.mark.parametrize("query", ['"', '""', "AND", "OR NOT", "*", "NEAR(", "NEAR(罚款, 2)", "罚款*",
                                   "罚款'; DROP TABLE documents; --", "title:罚款", "^罚款", "(罚款", "-", "   "])
def test_hostile_input_never_breaks_the_query(archive: Archive, query: str):
    archive.search(query)
    assert archive.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_syntax_characters_are_searched_as_text(archive: Archive):
    assert ids(archive.search('"引号"')) == [3]
    assert ids(archive.search("NEAR(x)")) == [3]
    assert ids(archive.search("罚款'; DROP TABLE")) == []


def test_filters_numbers_and_fuzzy_titles(archive: Archive):
    assert ids(archive.search("关于", status="有效")) == [1]
    assert ids(archive.search("关于", year=2023)) == [1, 2, 3]
    assert ids(archive.search("关于", year=2019)) == []
    assert ids(archive.search("某规〔2023〕2号")) == [2]
    assert ids(archive.search("某政发〔2023〕3号")) == [3]
    assert archive.similar("关于规范市场管理办法")[0]["id"] == 2


def test_search_agrees_with_a_substring_scan(tmp_path: Path):
    rng = random.Random(7)
    alphabet = "法治政府行罚款收费许可审批"
    texts = ["标题\n" + "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60))) for _ in range(150)]
    sheet = make_collection(tmp_path / "docs", texts)
    with new_archive(tmp_path / "r.db") as archive:
        archive.import_collection(str(sheet), str(tmp_path / "docs"))
        for _ in range(60):
            source = rng.choice(texts).split("\n")[1]
            start = rng.randrange(len(source))
            query = source[start:start + rng.randint(1, 5)]
            # Title, 发文字号, issuer and body are all searched.
            fields = [(t, f"某政发〔2023〕{i + 1}号", "某市人民政府") for i, t in enumerate(texts)]
            truth = sorted(i + 1 for i, f in enumerate(fields) if any(query in x for x in f))
            assert ids(archive.search(query, limit=1000)) == truth, query


def test_near_duplicate_warning_on_submit(archive: Archive, tmp_path: Path):
    copy = tmp_path / "copy.txt"
    copy.write_text(TEXTS[1], encoding="utf-8")
    outcome = archive.submit(str(copy))
    assert any("疑似重复" in w and "第 2 号" in w for w in outcome.warnings)


def test_exports_match_the_archive(archive: Archive, tmp_path: Path):
    runner = CliRunner()
    base = ["archive", "--db", archive.path]
    for name in ("cat.xlsx", "cat.csv", "cat.json"):
        result = runner.invoke(cli, [*base, "export", str(tmp_path / name), "-f", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["rows"] == 2  # the unpublished document is not in the catalogue
    sheet = load_workbook(tmp_path / "cat.xlsx").active
    # As an office publishes it: title line, as-of line, then 序号 and the columns; dates are date cells.
    assert sheet["A1"].value == "某市司法局 规范性文件目录" and sheet["A2"].value.endswith("共 2 件）")
    assert_print_ready(sheet, header_row=3)
    rows = [[c or "" for c in row] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ["序号", "登记号", "发文字号", "标题", "制定机关", "公布日期", "施行日期", "有效期至", "状态"]
    expected = [[r["number"], r["doc_number"], r["title"], r["issuer"], r["publish_date"], "", "", r["status"]]
                for r in (archive.show(1), archive.show(2))]
    assert [[n, *e[:4], dt.date.fromisoformat(e[4]), *e[5:]] for n, e in enumerate(expected, 1)] == [
        [r[0], *r[1:5], r[5].date(), *r[6:]] for r in rows[1:]]
    assert sheet["F4"].number_format == "yyyy-mm-dd"
    with open(tmp_path / "cat.csv", encoding="utf-8-sig") as fh:
        assert list(csv.reader(fh))[1:] == expected
    assert [r["title"] for r in json.loads((tmp_path / "cat.json").read_text("utf-8"))] == [e[2] for e in expected]
    result = runner.invoke(cli, [*base, "export", str(tmp_path / "now.csv"), "--current", "-f", "json"])
    assert json.loads(result.stdout)["rows"] == 1
    runner.invoke(cli, [*base, "export", str(tmp_path / "now.xlsx"), "--current"])
    assert load_workbook(tmp_path / "now.xlsx").active["A1"].value == "某市司法局 现行有效规范性文件目录"
    result = runner.invoke(cli, [*base, "export", str(tmp_path / "now.xlsx")])  # exists: refused, kept
    assert result.exit_code == 2 and "文件已存在；如要覆盖请加 --force" in result.output
    assert load_workbook(tmp_path / "now.xlsx").active["A1"].value == "某市司法局 现行有效规范性文件目录"
    assert runner.invoke(cli, [*base, "export", str(tmp_path / "now.xlsx"), "--force"]).exit_code == 0
    assert load_workbook(tmp_path / "now.xlsx").active["A1"].value == "某市司法局 规范性文件目录"
    issuer = archive.show(1)["issuer"]  # one issuer's list is headed by that issuer
    runner.invoke(cli, [*base, "export", str(tmp_path / "one.xlsx"), "--issuer", issuer, "--year", "2024"])
    assert load_workbook(tmp_path / "one.xlsx").active["A1"].value == f"{issuer} 2024年度规范性文件目录"


def test_dismissed_finding_stays_dismissed_on_resubmission(tmp_path: Path):
    draft = "关于农贸市场管理的办法\n第一条 为加强管理，制定本办法。\n第二条 对违反本办法的，处500元罚款。\n"
    (tmp_path / "v1.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(draft.replace("加强管理", "加强农贸市场管理"), encoding="utf-8")
    with new_archive(tmp_path / "a.db") as archive:
        doc = archive.submit(str(tmp_path / "v1.txt")).id
        finding = next(f for f in archive.show(doc)["findings"] if f["code"].startswith("PENALTY"))
        archive.review(doc, "需纠正", "补充制定依据", dismiss=((finding["fingerprint"], "上位法已设定该罚款"),))
        archive.resubmit(doc, str(tmp_path / "v2.txt"))
        again = next(f for f in archive.show(doc)["findings"] if f["code"] == finding["code"])
        assert again["fingerprint"] == finding["fingerprint"]
        assert (again["decision"], again["reason"]) == ("驳回", "上位法已设定该罚款")
        assert archive.review(doc, "通过", "已补充").data["filing_status"] == "通过"


def test_suggestions_reconcile_and_stats(archive: Archive, tmp_path: Path):
    sid = archive.suggest(2, "张三", "来信", "第二条设定罚款，建议审查", date="2024-01-01").id
    archive.handle_suggestion(sid, "已函询制定机关")
    assert archive.suggestions()[0]["overdue"]
    archive.reply_suggestion(sid, "经审查，该文件已废止", date="2024-02-01")
    assert archive.suggestions() == []
    issued = tmp_path / "issued.csv"
    issued.write_text("发文字号,标题,公布日期\n某政发[2023]1号,关于加快法治政府建设的实施意见,2023-05-01\n"
                      "某政发〔2023〕9号,关于未报备文件的通知,2023-06-01\n", encoding="utf-8")
    result = archive.reconcile(str(issued), issuer="某市人民政府")
    assert [m["doc_number"] for m in result["missing"]] == ["某政发〔2023〕9号"]
    (tmp_path / "late.txt").write_text("关于迟报文件的通知\n内容。", encoding="utf-8")
    archive.submit(str(tmp_path / "late.txt"), meta=__import__("reviewer.archive", fromlist=["FilingMeta"])
                   .FilingMeta(issuer="某市人民政府", publish_date="2023-05-01", received_date="2023-07-01"))
    assert [r["title"] for r in archive.late()] == ["关于迟报文件的通知"]
    row = next(r for r in archive.stats() if r["issuer"] == "某市人民政府" and r["year"] == "2023")
    assert row["filing_rate"] == 0.5 and row["on_time_rate"] == 0.0 and row["outcomes"] == {"待审查": 1}
