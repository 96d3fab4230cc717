"""Every spreadsheet the tool writes or reads goes through here.

Writing: one cell writer (``xlsx_cell``/``append_xlsx_row``) and one CSV writer (``write_csv``).
Values come from documents, staff and imported sheets, all untrusted: a title beginning with
``=HYPERLINK(`` must reach the reader as text, never as a live formula, and a control character
that the xlsx format cannot store must not make an export fail.

Reading: one bounded reader (``read_workbook``, ``read_csv``). A sheet's declared size is not
trusted: openpyxl's read-only rows are padded to the sheet's declared dimension, so a 5 KB file
with one cell at XFD1048576 becomes billions of cells. Here only real cells are kept, a cell
beyond the limits is refused with its row, and merged ranges and formulas without a saved
result (which read as blank) are reported by row instead of importing silently as empty.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.sanitize import clean_text

MB = 1024 * 1024
# Real catalogues are tens of thousands of rows and a dozen columns; far beyond is an error.
MAX_ROWS = 500_000
MAX_COLUMNS = 256
# A spreadsheet is a zip: refuse bombs before anything is inflated.
MAX_SHEET_FILE_BYTES = 100 * MB
MAX_UNCOMPRESSED_BYTES = 200 * MB
MAX_MEMBER_RATIO = 200
_RATIO_FLOOR_BYTES = 10 * MB

# Characters that make Excel, LibreOffice or WPS evaluate a CSV field as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ReviewerError):
    """A spreadsheet cannot be read: damaged, too large, or not a spreadsheet."""


# --------------------------------------------------------------------------- writing


def xlsx_cell(sheet, value, alignment=None, font=None):
    """A write-only cell holding ``value`` literally: a string is stored as text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
    if alignment is not None:
        cell.alignment = alignment
    if font is not None:
        cell.font = font
    return cell


def append_xlsx_row(sheet, values: Sequence, alignment=None, font=None) -> None:
    """Append one row of literal values to a sheet (write-only or ordinary)."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    if isinstance(sheet, WriteOnlyWorksheet):
        sheet.append([xlsx_cell(sheet, v, alignment, font) for v in values])
        return
    sheet.append([clean_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        if alignment is not None:
            cell.alignment = alignment
        if font is not None:
            cell.font = font


def csv_value(value) -> str:
    """A CSV field that spreadsheet programs show as text: formula-like strings get a leading '."""
    if value is None:
        return ""
    text = clean_text(str(value))
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(path: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write a CSV that Excel on Chinese Windows opens correctly (UTF-8 with BOM)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([csv_value(h) for h in headers])
        out.writerows([csv_value(v) for v in row] for row in rows)


# --------------------------------------------------------------------------- reading


@dataclass
class Sheet:
    """One sheet as read: ``rows[i]`` is spreadsheet row i+1 (values as openpyxl types them)."""

    name: str
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # merged ranges, formulas without results, by row


def _column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 1 <= column <= 18278 else str(column)


def _check_zip(path: Path) -> None:
    """Refuse a file that is not a zip, or a zip that would inflate beyond the limits."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    if size > MAX_SHEET_FILE_BYTES:
        raise SpreadsheetError(f"{path}: 表格文件过大（{size / MB:.0f} MB，上限 {MAX_SHEET_FILE_BYTES // MB} MB）")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError(f"{path}: 不是有效的 Excel 文件（.xlsx 应为 zip 格式），请用 Excel/WPS 重新另存为 .xlsx") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES or any(
            i.file_size > _RATIO_FLOOR_BYTES and i.file_size > MAX_MEMBER_RATIO * max(i.compress_size, 1)
            for i in infos):
        raise SpreadsheetError(f"{path}: 表格解压后过大或压缩比异常，疑似异常文件，已拒绝读取")


def _parser_class():
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):
        """openpyxl's sheet parser, also telling which formula cells have no saved result."""

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["uncached"] = True  # a formula without <v>: what Excel would show is unknown
            return cell

    return _Parser


def _read_sheet(ws, path: Path, max_rows: int, max_columns: int) -> Sheet:
    """The real cells of one read-only worksheet, never padded to its declared dimension."""
    book = ws.parent
    sheet = Sheet(ws.title)
    parser_class = _parser_class()
    uncached: dict[int, list[str]] = {}
    with ws._get_source() as src:
        parser = parser_class(src, ws._shared_strings, data_only=True, epoch=book.epoch,
                              date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for row_number, cells in parser.parse():
            for cell in cells:
                if cell.get("uncached"):
                    uncached.setdefault(cell["row"], []).append(_column_letter(cell["column"]))
                if cell["value"] is None:
                    continue
                row, column = cell["row"], cell["column"]
                if row > max_rows or column > max_columns:
                    raise SpreadsheetError(
                        f"{path}: “{ws.title}”表第 {row} 行第 {column} 列有内容，超出上限"
                        f"（{max_rows} 行 × {max_columns} 列）；请删除多余的行列后再导入")
                rows = sheet.rows
                if len(rows) < row:
                    rows.extend([] for _ in range(row - len(rows)))
                values = rows[row - 1]
                if len(values) < column:
                    values.extend([None] * (column - len(values)))
                values[column - 1] = cell["value"]
        merged = [m.ref for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    notes: list[tuple[int, str]] = []
    for ref in merged:
        first = int(re.sub(r"[^0-9].*$", "", re.sub(r"^[A-Za-z]+", "", ref)) or 0)
        notes.append((first, f"“{ws.title}”表第 {first} 行：合并单元格 {ref} 只有左上角一格有值，其余读作空白"))
    for row, columns in uncached.items():
        notes.append((row, f"“{ws.title}”表第 {row} 行 {'、'.join(columns)} 列：公式没有保存计算结果，读作空白；"
                                 "请在 Excel/WPS 中打开并保存后再导入"))
    sheet.notes = [text for _, text in sorted(notes)]
    return sheet


def read_workbook(path: str | Path, names: Sequence[str] | None = None, *, max_rows: int = MAX_ROWS,
                  max_columns: int = MAX_COLUMNS) -> list[Sheet]:
    """The sheets ``names`` (default: the first) of an .xlsx file, bounded; see the module doc."""
    from openpyxl import load_workbook

    p = Path(path)
    _check_zip(p)
    try:
        book = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise SpreadsheetError(f"{path}: 无法读取 Excel 文件（{type(exc).__name__}），请用 Excel/WPS 重新另存为 .xlsx") from None
    try:
        if not book.worksheets:
            raise SpreadsheetError(f"{path}: 表格中没有工作表")
        chosen = [book.worksheets[0]] if names is None else [book[n] for n in names if n in book.sheetnames]
        try:
            return [_read_sheet(ws, p, max_rows, max_columns) for ws in chosen if hasattr(ws, "_get_source")]
        except SpreadsheetError:
            raise
        except Exception as exc:  # malformed sheet XML inside an otherwise valid package
            raise SpreadsheetError(f"{path}: 表格内容结构异常（{type(exc).__name__}），请用 Excel/WPS 重新另存为 .xlsx") from None
    finally:
        book.close()


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of an .xlsx file (after the same container checks)."""
    from openpyxl import load_workbook

    p = Path(path)
    _check_zip(p)
    try:
        book = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:
        raise SpreadsheetError(f"{path}: 无法读取 Excel 文件（{type(exc).__name__}），请用 Excel/WPS 重新另存为 .xlsx") from None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_csv(path: str | Path, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> list[list[str]]:
    """Rows of a CSV (UTF-8 with or without BOM, or GB18030), bounded like a workbook."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_SHEET_FILE_BYTES:
            raise SpreadsheetError(f"{path}: 表格文件过大（{size / MB:.0f} MB，上限 {MAX_SHEET_FILE_BYTES // MB} MB）")
        data = p.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(f"{path}: 无法识别 CSV 文件的编码，请另存为 UTF-8")
    rows: list[list[str]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text.replace("\x00", ""))), start=1):
            if number > max_rows or len(row) > max_columns:
                raise SpreadsheetError(f"{path}: 第 {number} 行超出上限（{max_rows} 行 × {max_columns} 列）")
            rows.append([c.strip() for c in row])
    except csv.Error as exc:
        raise SpreadsheetError(f"{path}: CSV 格式有误（{exc}）") from None
    return rows
