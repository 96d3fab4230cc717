"""The office's figures (archive/indicators.py) on a known archive: each rate from its definition,
the periods, what is missing said in words, and `archive stats` reading the same computation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.archive import indicators
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError
from tests.archive_helpers import new_archive
from tests.dashboard_helpers import EDUCATION, MARKET, populate


@pytest.fixture()
def filed(tmp_path: Path):
    with new_archive(tmp_path / "a.db", late_days=30) as archive:
        ids = populate(archive, tmp_path)
        yield archive, ids


def _group(result, issuer: str, period: str) -> dict:
    return next(g.to_dict() for g in result.groups if g.issuer == issuer and g.period == period)


def test_each_rate_per_body_and_year(filed):
    archive, _ = filed
    result = archive.indicators("year", "2025")
    market = _group(result, MARKET, "2025")
    # 报备率: the list names two documents, one of them filed.
    assert (market["listed"], market["filing_rate"]) == (2, 0.5)
    # 及时率: received 9 and 4 days after publication, limit 30.
    assert (market["dated"], market["on_time"], market["on_time_rate"]) == (2, 2, 1.0)
    # 规范率: one of two filings came with every 备案材料.
    assert (market["complete"], market["standard_rate"]) == (1, 0.5)
    # 纠错率: one decided filing, found wanting once (需纠正, then corrected); the pending one is left out.
    assert (market["decided"], market["corrected"], market["correction_rate"], market["undecided"]) == (1, 1, 1.0, 1)
    assert market["outcomes"] == {"通过": 1, "待审查": 1}
    education = _group(result, EDUCATION, "2025")
    assert education["filing_rate"] is None and education["listed"] == 0  # no list: unknown, not 100 %
    assert (education["on_time_rate"], education["standard_rate"], education["correction_rate"]) == (0.0, 0.0, 0.0)
    # Review time: receipt to first decision, in days.
    received = dt.date(2025, 3, 10)
    assert market["reviewed"] == 1 and market["review_max"] == (dt.date.today() - received).days
    overall = result.overall.to_dict()
    assert (overall["filed"], overall["on_time"], overall["dated"]) == (3, 2, 3)
    assert result.totals[0].issuer == "合计" and result.totals[0].filed == 3


def test_periods_months_and_families(filed):
    archive, _ = filed
    quarters = archive.indicators("quarter", "2025")
    assert [(g.issuer, g.period) for g in quarters.groups] == [
        (MARKET, "2025-Q1"), (MARKET, "2025-Q2"), (EDUCATION, "2025-Q2")]
    assert indicators.period_label("2025-Q2") == "2025年第2季度" and indicators.period_label("2025-07") == "2025年7月"
    assert [(m, n) for m, n in quarters.months if n] == [("2025-03", 1), ("2025-05", 1), ("2025-06", 1)]
    assert len(quarters.months) == 12
    only_q1 = archive.indicators("month", "2025-Q1", MARKET)
    assert [(g.period, g.filed) for g in only_q1.groups] == [("2025-02", 0), ("2025-03", 1)]
    assert [m for m, _ in only_q1.months] == ["2025-01", "2025-02", "2025-03"]
    families = {f: (found, accepted) for f, found, accepted in quarters.families}
    assert families["PENALTY"][1] == 1 and families["PENALTY"][0] >= 1
    assert quarters.issuers == sorted([MARKET, EDUCATION])
    assert quarters.periods[0] == "2025-Q2"


def test_what_is_missing_is_said(filed):
    archive, _ = filed
    everything = archive.indicators()
    assert any("只计已载入发文目录的 1 个制定机关" in gap for gap in everything.gaps)
    assert any("纠错率和审查用时未计 1 件" in gap for gap in everything.gaps)
    education = archive.indicators(issuer=EDUCATION)
    assert any(gap.startswith("报备率无法计算：某市教育局没有载入发文目录") for gap in education.gaps)
    with pytest.raises(ArchiveError, match="无法识别"):
        archive.indicators("year", "2025年")
    with pytest.raises(ArchiveError, match="统计周期"):
        archive.indicators("week")


def test_stats_command_reads_the_same_figures(filed, tmp_path: Path):
    archive, _ = filed
    expected = _group(archive.indicators("year"), MARKET, "2025")
    out = CliRunner().invoke(cli, ["archive", "--db", archive.path, "stats", "-f", "json"])
    assert out.exit_code == 0, out.output
    row = next(r for r in json.loads(out.stdout)["items"] if r["issuer"] == MARKET)
    assert row["year"] == "2025" and row["filing_rate"] == expected["filing_rate"] == 0.5
    assert row["standard_rate"] == 0.5 and row["correction_rate"] == 1.0
    text = CliRunner().invoke(cli, ["archive", "--db", archive.path, "stats", "--by", "quarter", "--period", "2025"])
    assert text.exit_code == 0 and "2025年第1季度" in text.output and "说明：" in text.output
    bad = CliRunner().invoke(cli, ["archive", "--db", archive.path, "stats", "--period", "去年"])
    assert bad.exit_code == 2 and "无法识别" in bad.output and "Traceback" not in bad.output


def test_workbook_reads_back_with_the_figures(filed, tmp_path: Path):
    from openpyxl import load_workbook

    archive, _ = filed
    out = tmp_path / "统计.xlsx"
    result = CliRunner().invoke(cli, ["archive", "--db", archive.path, "stats", "--period", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["统计表", "每月报备", "问题类别", "口径说明"]
    rows = [[c.value for c in row] for row in book["统计表"].iter_rows()]
    header = rows.index(next(r for r in rows if r[0] == "制定机关"))
    names = rows[header]
    market = next(r for r in rows[header + 1:] if r[0] == MARKET)
    assert market[names.index("报备率")] == 0.5 and market[names.index("规范率")] == 0.5
    assert market[names.index("纠错率")] == 1.0 and market[names.index("期间")] == "2025年"
    education = next(r for r in rows[header + 1:] if r[0] == EDUCATION)
    assert education[names.index("报备率")] == "—"
    assert any(r[0] == "合计" and r[names.index("报备件数")] == 3 for r in rows)
    months = {r[0].value: r[1].value for r in book["每月报备"].iter_rows(min_row=3)}
    assert months["2025-03"] == 1 and months["2025-01"] == 0
    notes = [r[0].value for r in book["口径说明"].iter_rows(min_row=3)]
    assert "报备率" in notes and "缺少的数据" in notes
    # An existing file is not overwritten without --force.
    again = CliRunner().invoke(cli, ["archive", "--db", archive.path, "stats", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


def test_annual_report_draft_reads_back_with_the_figures(filed, tmp_path: Path):
    import docx

    archive, _ = filed
    out = tmp_path / "年度报告.docx"
    result = CliRunner().invoke(cli, ["archive", "--db", archive.path, "annual-report", "2025", "-o", str(out),
                                      "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["year"] == 2025
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于2025年度规范性文件备案审查工作情况的报告（草稿）" in text.replace("\n", "")
    assert "共收到2个制定机关报备的规范性文件3件" in text
    assert "报备率50.0%" in text and "及时率66.7%（2/3件）" in text and "纠错率50.0%（1/2件）" in text
    assert "行政处罚方面1个" in text and "【待填写】" in text and "五、存在的问题和不足" in text
    assert f"{MARKET}：报备2件" in text and "未载入发文目录" in text
    assert any(e["action"] == "出具年度报告草稿" for e in archive.log())


def test_svg_charts_are_well_formed_and_escape_labels():
    import xml.etree.ElementTree as ET

    from reviewer.report import svgchart

    bars = svgchart.hbars("报备率", [("<某局>&\"x\"", 0.5), ("某市教育局", None), ("零", 0.0)], svgchart.percent, 1.0)
    root = ET.fromstring(bars)
    assert root.tag.endswith("svg")
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "50.0%" in texts and "无数据" in texts and any("<某局>" in t for t in texts)
    cols = svgchart.columns("每月报备件数", [("2025-01", 0), ("2025-02", 7), ("2025-03", 23)])
    rects = list(ET.fromstring(cols).iter("{http://www.w3.org/2000/svg}rect"))
    assert len(rects) == 3 and float(rects[2].get("height")) > float(rects[1].get("height")) > 0
    assert ET.fromstring(svgchart.columns("空", [])) is not None and ET.fromstring(svgchart.hbars("空", [], str))
