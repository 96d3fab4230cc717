"""The workbooks printed for real: LibreOffice Calc renders them to PDF, poppler reads the pages back.

The properties a spreadsheet program obeys when printing (landscape, fit to one page wide, header
rows repeated) are checked on the saved files elsewhere; here they are shown to work: every page
is landscape, the rightmost printed column is on every page (one page wide), the header is
repeated, and the page counts stay small. Page 1 of each is kept as a PNG under tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewer.archive import Archive
from reviewer.archive.lawbook import LawBook
from reviewer.audit.decisions import apply
from reviewer.audit.records import AuditSettings
from reviewer.audit.runner import run
from reviewer.audit.workbook import export
from reviewer.cli.main import cli
from reviewer.laws.changes import LawChange
from tests.audit_helpers import AS_OF, build_archive
from tests.pdf_helpers import have_calc, page_sizes, page_texts, png, to_pdf
from tests.test_audit import SCENARIO, _fill, _laws_csv

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not have_calc(), reason="需要 LibreOffice Calc（libreoffice-calc）与 poppler-utils")]

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "corpus/示例_违规_市场管理办法.txt"
NINTH = {"title": "关于九号事项的通知", "text": "一、依照《中华人民共和国丙丁保护法》第五条、第六条的规定执行。\n"
         "二、各单位应当按照《戊己促进法》第三条的要求，结合本地实际制定实施细则，细化工作流程，明确责任分工，"
         "做好宣传解释工作，确保各项措施落实到位。"}


def _render(xlsx: Path, workdir: Path, name: str) -> list[str]:
    """The PDF's page texts; every page must be landscape; page 1 kept as a PNG."""
    pdf = to_pdf(xlsx, workdir)
    sizes = page_sizes(pdf)
    assert sizes and all(width > height for width, height in sizes), sizes
    png(pdf, 1, name)
    return page_texts(pdf)


def test_check_report_of_the_sample_prints_one_page_wide_in_landscape(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # file names are shown relative to where the command ran
    out = tmp_path / "问题清单.xlsx"
    result = CliRunner().invoke(cli, ["check", SAMPLE, "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 1, result.output  # 1: findings reported
    findings = sum(1 for _ in load_workbook(out)["审查发现"].iter_rows(min_row=2))
    assert findings >= 10
    pages = _render(out, tmp_path, "xlsx_check_report_p1")
    *finding_pages, summary_page = pages
    # One page wide: the rightmost printed column on every page; the header repeated on every page.
    assert all("处理意见" in page and "条款原文" in page for page in finding_pages)
    assert "审查结论" in summary_page and "不得印发" in summary_page
    assert not any("指纹" in page for page in pages)  # outside the print area: not for paper
    assert len(pages) <= 6, len(pages)  # 11 columns over 9 portrait pages before


def _nine_documents(tmp_path: Path) -> Path:
    db = build_archive(tmp_path, [*SCENARIO, NINTH])
    with Archive.open(db, user="测试") as archive:
        LawBook(archive.conn, "测试").import_catalogue(str(_laws_csv(tmp_path)))
        LawBook(archive.conn, "测试").change(LawChange("丙丁保护法", "废止", "2026-01-01", reason="公报"))
        LawBook(archive.conn, "测试").change(LawChange("甲乙管理法", "修改", "2026-03-01"))
    return db


def test_nine_document_cleanup_workbook_and_lists_print_on_few_landscape_pages(tmp_path):
    db = _nine_documents(tmp_path)
    book = tmp_path / "清理结果.xlsx"
    with Archive.open(db, user="测试") as archive:
        summary = run(archive, AuditSettings(as_of=AS_OF, recheck=False))
        assert export(archive.conn, str(book), summary.run_id)["documents"] == 9
        pages = _render(book, tmp_path / "book", "xlsx_cleanup_workbook_p1")
        # Six sheets, each starting its own page; 26 pages before.
        assert len(pages) <= 8, len(pages)
        decision_pages = [p for p in pages if "建议结论" in p]
        assert decision_pages and all("决定" in p and "说明" in p for p in decision_pages)  # one page wide
        _fill(book, {1: "废止", 5: "宣布失效", 9: "修改"}, {1: "所依据的上位法已废止，且无替代规定"})
        lists = apply(archive.conn, str(book), "王五", str(tmp_path / "lists"))["lists"]
    current = _render(Path(lists["现行有效目录"]), tmp_path / "current", "xlsx_current_list_p1")
    ended = _render(Path(lists["废止和失效目录"]), tmp_path / "ended", "xlsx_ended_list_p1")
    assert len(current) == 1 and "某市司法局 现行有效规范性文件目录" in current[0] and "拟修改" in current[0]
    assert len(ended) == 1 and "所依据的上位法已废止，且无替代规定" in ended[0]
    assert "2023-05-01" in current[0]  # a date cell printed in its date format
