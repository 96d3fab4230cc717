"""One review context: the archive's law base and the review settings reach `check`, filing and
the audit alike; 发文字号 in any bracket form name the same document (issue 10's reproductions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli.main import cli
from reviewer.context import ReviewContext
from reviewer.docnumbers import normalize_doc_number
from reviewer.laws.base import LawBase
from reviewer.pipeline import check_text
from tests.archive_helpers import new_archive
from tests.audit_helpers import AS_OF, build_archive, reasons_by_doc

# Dated 2023, citing 道路交通安全法 as the basis of its fine: lawful while that law is in force.
TRAFFIC = ("某县道路交通管理办法\n第一条 机动车驾驶人违反道路通行规定的，依照《道路交通安全法》第九十条处二百元罚款。\n"
           "第二条 本办法自2023年3月1日起施行。\n某县人民政府\n2023年2月1日")
# A validity of 4 years: within the common limit of 5, over a local limit of 3.
FOUR_YEARS = ("某县农贸市场管理办法\n第一条 为规范农贸市场管理，制定本办法。\n"
              "第二条 本办法自2024年3月1日起施行，有效期4年。\n某县人民政府\n2024年1月1日")


def _cli(*args: str, code: int = 0) -> dict:
    result = CliRunner().invoke(cli, [*args, "-f", "json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def _codes(report) -> set[str]:
    return {f.code for f in report.findings}


def _repeal_traffic_law(db: Path) -> None:
    _cli("laws", "--db", str(db), "change", "道路交通安全法", "--repealed", "2024-01-01", "--reason", "测试")


def test_the_builtin_law_base_exempts_a_fine_resting_on_a_law_in_force():
    assert _codes(check_text(TRAFFIC)) == {"PROCEDURE003"}


def test_a_repealed_law_in_the_archive_stops_exempting_in_check(tmp_path: Path):
    db = tmp_path / "a.db"
    new_archive(db).close()
    _repeal_traffic_law(db)
    doc = tmp_path / "办法.txt"
    doc.write_text(TRAFFIC, encoding="utf-8")
    found = _cli("check", str(doc), "--db", str(db), code=1)
    codes = {f["code"] for d in found["documents"] for f in d["findings"]}
    assert {"CITATION003", "PENALTY001"} <= codes
    # Without --db the same file is checked against the built-in data only.
    plain = CliRunner().invoke(cli, ["check", str(doc), "-f", "json"])
    assert "CITATION003" not in plain.stdout and "PENALTY001" not in plain.stdout


def test_a_repealed_law_in_the_archive_stops_exempting_in_archive_submit(tmp_path: Path):
    db = tmp_path / "a.db"
    new_archive(db).close()
    _repeal_traffic_law(db)
    doc = tmp_path / "办法.txt"
    doc.write_text(TRAFFIC, encoding="utf-8")
    _cli("archive", "--db", str(db), "submit", str(doc), "--issuer", "某县人民政府")
    shown = _cli("archive", "--db", str(db), "show", "1")
    assert {"CITATION003", "PENALTY001"} <= {f["code"] for f in shown["findings"]}


def test_a_repealed_law_in_the_archive_stops_exempting_in_audit_run(tmp_path: Path):
    db = build_archive(tmp_path, [{"title": "某县道路交通管理办法", "text": TRAFFIC.split("\n", 1)[1],
                                   "publish": "2023-02-01"}])
    _repeal_traffic_law(db)
    run = _cli("audit", "--db", str(db), "run", "--as-of", AS_OF)
    from reviewer.archive import Archive

    with Archive.open(db) as archive:
        results = [r for r in _results(archive, run["run_id"])]
    rules = {x["detail"].get("rule") for x in results[0]["reasons"] if x["code"] == "RULE"}
    assert {"CITATION003", "PENALTY001"} <= rules
    assert "LAW_REPEALED" in {x["code"] for x in results[0]["reasons"]}


def _results(archive, run_id: int) -> list[dict]:
    from reviewer.audit import runs

    return runs.results(archive.conn, run_id)


def test_a_context_on_an_archive_sees_its_changes_and_one_without_does_not(tmp_path: Path):
    from reviewer.laws.changes import LawChange

    with new_archive(tmp_path / "a.db") as archive:
        archive.laws.change(LawChange("道路交通安全法", "废止", "2024-01-01"))
        on_archive = ReviewContext.build(db=archive.conn)
    assert on_archive.laws.resolve("道路交通安全法").entry.is_repealed
    assert _codes(check_text(TRAFFIC, ctx=on_archive)) >= {"CITATION003", "PENALTY001"}
    assert not ReviewContext.build().laws.resolve("道路交通安全法").entry.is_repealed
    # A test (or a web handler) can hand in any law base it likes.
    assert LawBase.only([]).resolve("道路交通安全法").entry is None


def test_set_reaches_check_filing_and_audits(tmp_path: Path):
    doc = tmp_path / "办法.txt"
    doc.write_text(FOUR_YEARS, encoding="utf-8")
    assert "PROCEDURE002" not in CliRunner().invoke(cli, ["check", str(doc), "-f", "json"]).stdout
    strict = CliRunner().invoke(cli, ["check", str(doc), "-f", "json", "--set", "max_validity_years=3"])
    assert "PROCEDURE002" in strict.stdout

    db = tmp_path / "a.db"
    new_archive(db).close()
    _cli("archive", "--db", str(db), "submit", str(doc), "--set", "max_validity_years=3")
    _cli("archive", "--db", str(db), "submit", str(doc), "--title", "同一文件（默认设置）")
    first = {f["code"] for f in _cli("archive", "--db", str(db), "show", "1")["findings"]}
    second = {f["code"] for f in _cli("archive", "--db", str(db), "show", "2")["findings"]}
    assert "PROCEDURE002" in first and "PROCEDURE002" not in second

    audited = build_archive(tmp_path, [{"title": "某县农贸市场管理办法", "text": FOUR_YEARS.split("\n", 1)[1],
                                        "publish": "2024-01-01"}], name="b.db")
    plain = _cli("audit", "--db", str(audited), "run", "--as-of", AS_OF)
    strict_run = _cli("audit", "--db", str(audited), "run", "--as-of", AS_OF, "--restart",
                      "--set", "max_validity_years=3")
    from reviewer.archive import Archive

    with Archive.open(audited) as archive:
        def rules(run_id: int) -> set[str]:
            return {x["detail"].get("rule") for r in _results(archive, run_id) for x in r["reasons"]
                    if x["code"] == "RULE"}

        assert "PROCEDURE002" not in rules(plain["run_id"])
        assert "PROCEDURE002" in rules(strict_run["run_id"])


def test_set_is_refused_in_chinese_with_exit_2(tmp_path: Path):
    result = CliRunner().invoke(cli, ["audit", "--db", str(tmp_path / "x.db"), "run", "--set", "max_validity_years=abc"])
    assert result.exit_code == 2 and "不是数字" in result.output


@pytest.mark.parametrize("written", [
    "清河政发﹝2019﹞3号", "清河政发〔2019〕3号", "清河政发[2019]3号", "清河政发【2019】3号", "清河政发（2019）3号",
    "清河政发(2019)3号", "清河政发［2019］3号", "清河政发〔２０１９〕３号", "清河政发 〔2019〕 第03号",
])
def test_every_bracket_form_is_one_document_number(written: str):
    from reviewer.citations import find_citations
    from reviewer.metadata import normalize_doc_number as metadata_form

    assert normalize_doc_number(written) == "清河政发〔2019〕3号"
    assert metadata_form(written) == "清河政发〔2019〕3号"
    numbers = [c.number for c in find_citations(f"根据{written}文件的规定执行。")]
    assert numbers == ["清河政发〔2019〕3号"]


@pytest.mark.parametrize("bracket", ["﹝2019﹞", "〔2019〕"])
def test_a_repealed_document_cited_in_either_bracket_form_asks_for_an_amendment(tmp_path: Path, bracket: str):
    db = build_archive(tmp_path, [
        {"title": "清河区市场管理办法", "text": "第一条 为规范市场秩序，制定本办法。", "number": "清河政发〔2019〕3号",
         "status": "已废止"},
        {"title": "清河区市场管理办法实施细则", "number": "清河政发〔2020〕8号",
         "text": f"第一条 根据清河政发{bracket}3号文件，制定本细则。"},
    ])
    run = _cli("audit", "--db", str(db), "run", "--as-of", AS_OF, "--no-recheck")
    from reviewer.archive import Archive

    with Archive.open(db) as archive:
        assert "DOC_REPEALED" in reasons_by_doc(archive, run["run_id"])[2]


def test_article_references_have_one_parser():
    from reviewer.archive.lawbook import parse_article
    from reviewer.citations import article_number

    assert article_number("第十六条第二款") == 16 == article_number("第１６条")
    assert parse_article("16") == parse_article("第十六条") == parse_article("十六") == 16
    assert parse_article(None) is None


def test_check_against_a_missing_archive_is_a_usage_error(tmp_path: Path):
    doc = tmp_path / "办法.txt"
    doc.write_text(TRAFFIC, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(doc), "--db", str(tmp_path / "无.db")])
    assert result.exit_code == 2 and "不存在" in result.output and "无.db" in result.output


def test_reading_the_law_base_writes_nothing_once_it_is_up_to_date(tmp_path: Path):
    from reviewer.archive import Archive

    new_archive(tmp_path / "a.db").close()
    with Archive.open(tmp_path / "a.db") as archive:
        before = archive.conn.total_changes
        archive.laws.cites("行政处罚法", "16")
        archive.laws.show("行政处罚法")
        archive.laws.listing(status="已废止")
        assert archive.conn.total_changes == before


def test_the_archive_wins_but_an_unknown_status_keeps_the_builtin_one():
    import datetime as dt

    from reviewer.citations import Law

    base = LawBase.with_laws([
        Law(title="中华人民共和国道路交通安全法", status="已废止", repealed=dt.date(2024, 1, 1), short=("交通法",)),
        Law(title="中华人民共和国行政处罚法", status="未知"),
    ])
    traffic = base.resolve("道交法").entry  # the built-in short name survives the overlay
    assert traffic is not None and traffic.is_repealed and "交通法" in traffic.short
    penalty = base.resolve("行政处罚法").entry
    assert penalty is not None and penalty.in_force


def test_runs_stored_before_the_settings_were_shared_keep_their_provisional_limit():
    from reviewer.audit.records import AuditSettings

    old = AuditSettings.from_dict({"as_of": "2026-01-01", "provisional_years": 3, "recheck": False})
    assert old.provisional_years == 3 and old.review_settings.max_provisional_validity_years == 3
    assert AuditSettings.from_dict(old.to_dict()) == old
