"""What every workbook the tool writes must satisfy to print: checked on the saved file."""

from __future__ import annotations

from reviewer.spreadsheet import LINE_PT, wrapped_lines


def assert_print_ready(sheet, header_row: int = 1) -> None:
    """Landscape, one page wide, header repeated, frozen under the header, filter from the header."""
    assert sheet.page_setup.orientation == "landscape", sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, sheet.title
    assert sheet.print_title_rows == f"${header_row}:${header_row}", sheet.title
    assert sheet.freeze_panes == f"A{header_row + 1}", sheet.title
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith(f"A{header_row}:"), sheet.title


def assert_rows_show_wrapped_text(sheet, first_row: int) -> None:
    """Every row with a wrapped multi-line cell has a height that shows all of its lines."""
    from openpyxl.utils import get_column_letter

    for row in sheet.iter_rows(min_row=first_row):
        needed = 1
        for cell in row:
            if cell.value and cell.alignment.wrap_text:
                width = sheet.column_dimensions[get_column_letter(cell.column)].width
                needed = max(needed, wrapped_lines(str(cell.value), width))
        if needed > 1:
            height = sheet.row_dimensions[row[0].row].height
            assert height is not None and height >= needed * LINE_PT, (sheet.title, row[0].row, needed, height)
