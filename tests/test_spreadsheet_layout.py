"""The print layout shared by every workbook (reviewer.spreadsheet): widths, row heights, dates."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from reviewer.audit.decisions import public_reason
from reviewer.spreadsheet import (
    LINE_PT,
    Column,
    PrintTable,
    date_value,
    display_width,
    fitted_width,
    row_height,
    wrapped_lines,
)
from tests.sheet_helpers import assert_print_ready, assert_rows_show_wrapped_text


def test_wide_characters_count_double():
    assert display_width("abc 123") == 7
    assert display_width("规范性文件") == 10
    assert display_width("某规〔2023〕1号") == 2 + 2 + 2 + 4 + 2 + 1 + 2  # 〔〕 are wide too
    assert display_width("“引号”") == 6  # curly quotes are ambiguous width: one unit, as Excel's Latin font shows them


def test_wrapped_lines_follow_width_and_paragraphs():
    assert wrapped_lines("短", 10) == 1
    assert wrapped_lines("规" * 9, 10) == 2  # 18 units in a 10-wide column (9 usable)
    assert wrapped_lines("规" * 9, 20) == 1
    assert wrapped_lines("一\n二\n三", 30) == 3  # every line break is a line
    assert wrapped_lines("", 5) == 1


def test_row_height_is_set_only_for_rows_that_wrap():
    columns = [Column("编号", 6), Column("理由", 10, wrap=True)]
    assert row_height(["123456789012345", "短"], columns) is None  # long text in an unwrapped column: one line
    assert row_height(["1", "规" * 27], columns) == 6 * LINE_PT + 4  # 54 units over 9 usable: six lines
    assert row_height(["1", "规" * 10_000], columns) == 409  # Excel's limit


def test_fitted_width_fits_the_longest_value_within_bounds():
    assert fitted_width("状态", ["有效", "已修改"], 4, 20) == 8  # 已修改 is 6 units, plus 2
    assert fitted_width("序号", [1, 22, 333], 4, 20) == 6  # the header is wider than the numbers
    assert fitted_width("标题", ["很" * 50], 4, 40) == 40


def test_dates_become_date_cells_other_text_stays():
    assert date_value("2024-03-01") == dt.date(2024, 3, 1)
    assert date_value("2024-02-30") == "2024-02-30"  # not a date: kept as written, never lost
    assert date_value("长期") == "长期" and date_value("") == "" and date_value(None) is None


@pytest.mark.parametrize("write_only", [True, False])
def test_print_table_on_streamed_and_ordinary_sheets(tmp_path, write_only):
    book = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    columns = [Column("序号", 6, align="center"), Column("标题", 12, wrap=True),
               Column("日期", 12, number_format="yyyy-mm-dd")]
    table = PrintTable(book.create_sheet("表"), columns, ["某市司法局 目录", "（截至2026年1月1日）"])
    table.append([1, "关于加强农贸市场管理工作的通知", date_value("2024-03-01")])
    table.append([2, "=1+1", date_value("不详")])
    table.finish()
    book.save(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["表"]
    assert_print_ready(sheet, header_row=3)
    assert_rows_show_wrapped_text(sheet, 4)
    assert sheet.auto_filter.ref == "A3:C5"
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:C1", "A2:C2"}
    assert sheet["C4"].is_date and sheet["C4"].number_format == "yyyy-mm-dd"
    assert sheet["B5"].value == "=1+1" and sheet["B5"].data_type == "s"  # text, never a formula
    assert sheet["C5"].value == "不详" and sheet["C5"].number_format == "General"
    assert sheet.row_dimensions[4].height == 3 * LINE_PT + 4  # 30 units of title, 10.8 usable a line
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


RULE_REASON = {"code": "RULE", "proposes": "修改",
               "message": "第六条：排除、限制竞争（COMPETITION003，警告，登记后新发现）「指定由某公司统一承办」"}
LAW_REASON = {"code": "LAW_REPEALED", "proposes": "废止",
              "message": "所引《庚辛登记条例》已于2022-03-01废止且无替代，本件没有其他现行上位法依据"}


def test_public_reason_prefers_the_staffs_words_and_drops_machine_codes():
    proposed = {"reasons": [LAW_REASON, RULE_REASON]}
    automatic = "1. " + LAW_REASON["message"] + "\n2. " + RULE_REASON["message"]
    assert public_reason("废止", "已由新办法替代", proposed) == "已由新办法替代"
    assert public_reason("废止", automatic, proposed) == LAW_REASON["message"]  # the reasons for this decision
    # Staff repealed a document the audit only proposed to amend: its reasons, without codes.
    assert public_reason("废止", "1. " + RULE_REASON["message"], {"reasons": [RULE_REASON]}) == "第六条：排除、限制竞争"
    assert public_reason("宣布失效", None, {"reasons": []}) == "宣布失效"
