"""Findings spreadsheet (reviewer.report.xlsx), reopened with openpyxl."""

from __future__ import annotations

import openpyxl
import pytest

from reviewer.model import (
    Basis,
    Clause,
    Document,
    DocumentReport,
    Finding,
    Metadata,
    Severity,
    SourceText,
)
from tests.factories import finding_on
from tests.sheet_helpers import assert_print_ready, assert_rows_show_wrapped_text
from reviewer.report import xlsx
from reviewer.spreadsheet import LINE_PT

TEXT_A = "某市集贸市场管理办法\n第一条　对违反本办法的，处500元罚款。\n第二条　开办市场须经区商务局审批同意。"
TEXT_B = "关于农贸市场收费的通知\n一、摊位应当缴纳管理费每年200元。"
HEADER = ["序号", "文件", "位置", "严重程度", "类别", "问题", "条款原文", "理由", "依据", "修改建议", "处理意见", "规则编号",
          "指纹"]


def finding(text: str, match: str, code: str, family: str, severity: Severity, locator: str) -> Finding:
    return finding_on(
        text, match, code=code, family=family, severity=severity, locator=locator,
        message=f"规范性文件不得设定{match}。", suggestion="删除该内容。", fingerprint=f"{code}-fp",
        basis=(Basis("中华人民共和国行政处罚法", "第十六条"), Basis("中华人民共和国行政许可法", "第十七条")),
    )


def lines_as_clauses(text: str, locators: list[str]) -> tuple[Clause, ...]:
    clauses, start = [], 0
    for locator, line in zip(locators, text.split("\n")):
        clauses.append(Clause(locator, start, start + len(line)))
        start += len(line) + 1
    return tuple(clauses)


def report(path: str, text: str, findings, locators, title=None, number=None) -> DocumentReport:
    document = Document(
        SourceText(path, "docx", text), lines_as_clauses(text, locators), Metadata(title=title, doc_number=number)
    )
    return DocumentReport(document, tuple(findings))


@pytest.fixture
def reports() -> list[DocumentReport]:
    a = report(
        "办法.docx",
        TEXT_A,
        [
            finding(TEXT_A, "处500元罚款", "PENALTY001", "PENALTY", Severity.ERROR, "第一条"),
            finding(TEXT_A, "须经区商务局审批同意", "LICENSE001", "LICENSE", Severity.WARNING, "第二条"),
        ],
        ["", "第一条", "第二条"],
        title="某市集贸市场管理办法",
        number="某政办发〔2024〕3号",
    )
    b = report(
        "通知.txt",
        TEXT_B,
        [finding(TEXT_B, "应当缴纳管理费每年200元", "FEE001", "FEE", Severity.ERROR, "一、")],
        ["", "一、"],
    )
    return [a, b]


def test_one_row_per_finding_for_all_files(tmp_path, reports):
    out = tmp_path / "findings.xlsx"
    xlsx.write(reports, str(out))
    sheet = openpyxl.load_workbook(out)[xlsx.FINDINGS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))

    assert list(rows[0]) == HEADER
    assert len(rows) == 1 + 3
    assert list(rows[1]) == [
        1,
        "办法.docx",
        "第一条",
        "错误",
        "行政处罚",
        "不得设定处500元罚款",
        "第一条　对违反本办法的，处500元罚款。",
        "规范性文件不得设定处500元罚款。",
        "《中华人民共和国行政处罚法》第十六条；《中华人民共和国行政许可法》第十七条",
        "删除该内容。",
        None,  # 处理意见: left for the reviewer
        "PENALTY001",
        "PENALTY001-fp",
    ]
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert [r[1] for r in rows[1:]] == ["办法.docx", "办法.docx", "通知.txt"]
    assert [r[3] for r in rows[1:]] == ["错误", "警告", "错误"]
    assert rows[3][6] == "一、摊位应当缴纳管理费每年200元。"


def test_header_is_frozen_filtered_bold_and_columns_are_sized(tmp_path, reports):
    out = tmp_path / "findings.xlsx"
    xlsx.write(reports, str(out))
    sheet = openpyxl.load_workbook(out)[xlsx.FINDINGS_SHEET]

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M4"
    assert all(cell.font.bold for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLM"}
    assert widths["G"] == 30 and widths["L"] == 14
    assert sheet["G2"].alignment.wrap_text and not sheet["L2"].alignment.wrap_text
    # Printed: the rule code and fingerprint (L, M) serve filters, not the paper.
    assert sheet.print_area == "'审查发现'!$A$1:$K$4"


def test_summary_sheet_has_one_row_per_file(tmp_path, reports):
    out = tmp_path / "findings.xlsx"
    xlsx.write(reports, str(out))
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [xlsx.FINDINGS_SHEET, xlsx.SUMMARY_SHEET]
    rows = list(workbook[xlsx.SUMMARY_SHEET].iter_rows(values_only=True))
    assert rows[1] == (1, "办法.docx", "某市集贸市场管理办法", "某政办发〔2024〕3号", "行政规范性文件", 2, 1, 1, 0,
                       "不得印发")
    assert rows[2][:3] == (2, "通知.txt", "通知")
    assert rows[2][3] is None  # no 发文字号 known: an empty cell


def test_document_text_never_becomes_a_formula(tmp_path):
    text = '=HYPERLINK("http://example.com","点击")须经审批\x07同意'
    hostile = finding(text, '=HYPERLINK("http://example.com","点击")', "LICENSE001", "LICENSE", Severity.ERROR, "")
    out = tmp_path / "findings.xlsx"
    xlsx.write([report("恶意.docx", text, [hostile], [""])], str(out))
    row = openpyxl.load_workbook(out)[xlsx.FINDINGS_SHEET][2]
    clause = row[6]
    assert clause.data_type == "s"
    assert clause.value == '=HYPERLINK("http://example.com","点击")须经审批同意'  # control character dropped
    assert all(cell.data_type != "f" for cell in row)


def test_no_findings_gives_a_header_only_sheet(tmp_path):
    out = tmp_path / "findings.xlsx"
    xlsx.write([report("干净.docx", TEXT_A, [], ["", "第一条", "第二条"])], str(out))
    sheet = openpyxl.load_workbook(out)[xlsx.FINDINGS_SHEET]
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:M1"


@pytest.mark.slow
def test_large_batch_streams_every_row(tmp_path):
    """Thousands of findings over hundreds of files: written in streaming mode, none lost."""
    reports = []
    for n in range(300):
        flagged = [
            finding(TEXT_A, "处500元罚款", "PENALTY001", "PENALTY", Severity.ERROR, "第一条"),
            finding(TEXT_A, "须经区商务局审批同意", "LICENSE001", "LICENSE", Severity.WARNING, "第二条"),
        ] * 5
        reports.append(report(f"批量/{n:03d}.docx", TEXT_A, flagged, ["", "第一条", "第二条"]))
    out = tmp_path / "batch.xlsx"
    xlsx.write(reports, str(out))
    workbook = openpyxl.load_workbook(out, read_only=True)
    findings = workbook[xlsx.FINDINGS_SHEET]
    assert sum(1 for _ in findings.iter_rows(min_row=2)) == 3000
    assert sum(1 for _ in workbook[xlsx.SUMMARY_SHEET].iter_rows(min_row=2)) == 300


def test_every_sheet_is_set_for_print_and_rows_show_their_wrapped_text(tmp_path, reports):
    out = tmp_path / "findings.xlsx"
    xlsx.write(reports, str(out))
    workbook = openpyxl.load_workbook(out)
    for sheet in workbook.worksheets:
        assert_print_ready(sheet)
        assert_rows_show_wrapped_text(sheet, 2)
    sheet = workbook[xlsx.FINDINGS_SHEET]
    # The basis (two long law names in a 20-wide column) needs several lines: the row is that tall.
    assert sheet.row_dimensions[2].height >= 3 * LINE_PT
    assert sheet.cell(1, 11).value == "处理意见" and sheet.cell(2, 11).alignment.wrap_text


def test_file_names_are_relative_to_where_the_command_ran(tmp_path, monkeypatch):
    inside = tmp_path / "送审" / "办法.docx"
    elsewhere = tmp_path.parent / "别处" / "通知.txt"
    monkeypatch.chdir(tmp_path)
    reports = [report(str(inside), TEXT_A, [finding(TEXT_A, "处500元罚款", "PENALTY001", "PENALTY", Severity.ERROR,
                                                     "第一条")], ["", "第一条", "第二条"]),
               report(str(elsewhere), TEXT_B, [finding(TEXT_B, "应当缴纳管理费每年200元", "FEE001", "FEE",
                                                        Severity.ERROR, "一、")], ["", "一、"])]
    xlsx.write(reports, "out.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert [r[1] for r in workbook[xlsx.FINDINGS_SHEET].iter_rows(min_row=2, values_only=True)] == [
        "送审/办法.docx", "通知.txt"]  # a file outside the folder: its name, not its full path
    assert [r[1] for r in workbook[xlsx.SUMMARY_SHEET].iter_rows(min_row=2, values_only=True)] == [
        "送审/办法.docx", "通知.txt"]
