"""Every spreadsheet the tool writes or reads goes through here.

Writing: one cell writer (``xlsx_cell``/``append_xlsx_row``) and one CSV writer (``write_csv``).
Values come from documents, staff and imported sheets, all untrusted: a title beginning with
``=HYPERLINK(`` must reach the reader as text, never as a live formula, and a control character
that the xlsx format cannot store must not make an export fail.

Layout: ``PrintTable`` lays every table out for print (A4 landscape, one page wide, header on
every page, frozen and filtered header, row heights computed from the text) and writes its rows
through the cell writer above.

Reading: one bounded reader (``read_workbook``, ``read_csv``). A sheet's declared size is not
trusted: openpyxl's read-only rows are padded to the sheet's declared dimension, so a 5 KB file
with one cell at XFD1048576 becomes billions of cells. Here only real cells are kept, a cell
beyond the limits is refused with its row, and merged ranges and formulas without a saved
result (which read as blank) are reported by row instead of importing silently as empty.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import weakref
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class CellStyle:
    """How one cell looks; openpyxl style objects, shared by many cells (styles are few, rows many)."""

    alignment: object = None
    font: object = None
    fill: object = None
    number_format: str | None = None


def _apply_style(cell, style: CellStyle) -> None:
    if style.alignment is not None:
        cell.alignment = style.alignment
    if style.font is not None:
        cell.font = style.font
    if style.fill is not None:
        cell.fill = style.fill
    if style.number_format is not None and not isinstance(cell.value, str):
        cell.number_format = style.number_format  # a date that could not be parsed stays text


_PLAIN = CellStyle()
# workbook → {(id(style), is text): (style, openpyxl's style ids)}. Setting a style on a cell
# looks it up in the workbook's style tables, which costs more than writing the cell; a table
# has few styles and many rows, so the ids are found once and copied (2.5x faster at 100k rows).
_STYLE_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _style_cell(cell, style: CellStyle) -> None:
    from copy import copy

    if style is _PLAIN:
        return
    known = _STYLE_IDS.setdefault(cell.parent.parent, {})
    key = (id(style), isinstance(cell.value, str))
    entry = known.get(key)
    if entry is not None and entry[0] is style:  # the same object: its id was not reused
        cell._style = copy(entry[1])
        return
    _apply_style(cell, style)
    known[key] = (style, copy(cell._style))


def xlsx_cell(sheet, value, alignment=None, font=None, style: CellStyle | None = None):
    """A write-only cell holding ``value`` literally: a string is stored as text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
    if style is None:
        style = _PLAIN if alignment is None and font is None else CellStyle(alignment, font)
    _style_cell(cell, style)
    return cell


def append_xlsx_row(sheet, values: Sequence, alignment=None, font=None,
                    styles: Sequence[CellStyle] | None = None) -> None:
    """Append one row of literal values to a sheet (write-only or ordinary).

    ``styles`` (one per value) overrides ``alignment``/``font``, which apply to every cell.
    """
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    shared = _PLAIN if alignment is None and font is None else CellStyle(alignment, font)
    per_cell = list(styles) if styles is not None else []
    per_cell += [shared] * (len(values) - len(per_cell))
    if isinstance(sheet, WriteOnlyWorksheet):
        sheet.append([xlsx_cell(sheet, v, style=st) for v, st in zip(values, per_cell)])
        return
    sheet.append([clean_text(v) if isinstance(v, str) else v for v in values])
    for cell, st in zip(sheet[sheet._current_row], per_cell):
        if isinstance(cell.value, str):
            cell.data_type = "s"
        _style_cell(cell, st)


# --------------------------------------------------------------------------- print layout
#
# Excel grows a row to show wrapped text when it opens a file; LibreOffice and WPS do not, so a
# wrapped cell shows one line and hides the rest. Every table therefore carries row heights
# computed here from the text: a column's width is in Excel's character units (the width of "0"),
# a CJK character takes about two of them, and a line of the default 11 pt font with a CJK
# fallback font needs about 16 pt. Slightly tall rows cost paper; short rows hide the text.

LINE_PT = 16.0
ROW_PADDING_PT = 4.0
MAX_ROW_PT = 409.0  # Excel's largest row height
DATE_FORMAT = "yyyy-mm-dd"
# Some of a column's width goes to the cell's padding and to breaks that fall before the edge.
_USABLE_WIDTH = 0.9


@dataclass(frozen=True)
class Column:
    """One column of a printed table: header, width in Excel character units, wrapped or not."""

    header: str
    width: float
    wrap: bool = False
    number_format: str | None = None
    align: str | None = None  # "center", "left"; None: the program's default (numbers right)


@functools.cache
def _wide_characters() -> re.Pattern[str]:
    """A character class of Unicode's wide (W) and fullwidth (F) characters: CJK, kana, hangul,
    CJK punctuation, fullwidth forms, emoji. Built once (about 50 ms) from unicodedata, because
    counting with one regular expression is ~10x faster than asking character by character,
    which matters over a 100,000-row catalogue. Nothing below U+1100 is wide."""
    import unicodedata

    ranges: list[tuple[int, int]] = []
    for code in range(0x1100, 0x40000):
        char = chr(code)
        if unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char) != "Cn":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def display_width(text: str) -> int:
    """Width of ``text`` in character units: CJK and other wide characters count double."""
    if text.isascii():
        return len(text)
    return len(text) + len(_wide_characters().findall(text))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` units wide (at least one)."""
    usable = max(width * _USABLE_WIDTH, 2.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def row_height(values: Sequence, columns: Sequence[Column]) -> float | None:
    """The height (pt) that shows every wrapped cell of a row; None when one line suffices."""
    lines = max((wrapped_lines(str(v), c.width) for v, c in zip(values, columns)
                 if c.wrap and v not in (None, "")), default=1)
    if lines <= 1:
        return None
    return min(lines * LINE_PT + ROW_PADDING_PT, MAX_ROW_PT)


def fitted_width(header: str, values: Iterable, low: float, high: float) -> float:
    """A column width that shows the longest value (or header) on one line, within [low, high]."""
    longest = max((display_width(str(v)) for v in values if v not in (None, "")), default=0)
    return float(min(max(longest + 2, display_width(header) + 2, low), high))


def date_value(text):
    """A YYYY-MM-DD text as a real date (a date cell sorts and filters as one); anything else as is."""
    import datetime as dt

    if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return text
    return text


def _page_setup(sheet, header_row: int) -> None:
    """A4 landscape, one page wide and as many pages high as needed, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # 0: any number of pages down
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.gridLines = True  # ruled like a printed table, without styling every cell
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches; the footer needs room between its edge and the body
    margins.left = margins.right = 0.4
    margins.top, margins.header = 0.6, 0.3
    margins.bottom, margins.footer = 0.75, 0.3
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


class PrintTable:
    """A sheet laid out as a printed table: optional title lines, a header, rows, a filter.

    Works on write-only (streamed) and ordinary sheets alike; the sheet must be new. Widths,
    panes and page setup go in before the first row, as streaming requires; each row's height is
    set just before it is written, and in a streamed sheet dropped again once written.
    """

    def __init__(self, sheet, columns: Sequence[Column], titles: Sequence[str] = ()) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.sheet, self.columns, self.row = sheet, list(columns), 0
        self.last_letter = get_column_letter(len(self.columns))
        for index, column in enumerate(self.columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        self.header_row = len(titles) + 1
        sheet.freeze_panes = f"A{self.header_row + 1}"
        _page_setup(sheet, self.header_row)
        self.styles = [CellStyle(Alignment(wrap_text=c.wrap, vertical="top",
                                           horizontal=c.align),
                       number_format=c.number_format) for c in self.columns]
        for level, text in enumerate(titles):
            self._title(text, Font(bold=level == 0, size=16 if level == 0 else 11))
        header = CellStyle(Alignment(wrap_text=True, vertical="center", horizontal="center"), Font(bold=True),
                           PatternFill("solid", fgColor="DDEBF7"))
        self._append([c.header for c in self.columns], [header] * len(self.columns),
                      row_height([c.header for c in self.columns], [replace(c, wrap=True) for c in self.columns]))

    def _title(self, text: str, font) -> None:
        """A line across the whole table, centred (merged, so it centres in every program)."""
        from openpyxl.styles import Alignment

        style = CellStyle(Alignment(horizontal="center", vertical="center"), font)
        self._append([text] + [None] * (len(self.columns) - 1), [style] * len(self.columns),
                     30.0 if font.bold else None)
        span = f"A{self.row}:{self.last_letter}{self.row}"
        if hasattr(self.sheet, "merge_cells"):
            self.sheet.merge_cells(span)
        else:  # a streamed sheet has no merge_cells(), but writes its merged ranges at the end
            self.sheet.merged_cells.add(span)

    def _append(self, values: Sequence, styles: Sequence[CellStyle], height: float | None) -> None:
        from openpyxl.worksheet._write_only import WriteOnlyWorksheet

        self.row += 1
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        append_xlsx_row(self.sheet, values, styles=styles)
        if isinstance(self.sheet, WriteOnlyWorksheet) and self.row in self.sheet.row_dimensions:
            del self.sheet.row_dimensions[self.row]  # written already: keep memory flat over long sheets

    def append(self, values: Sequence) -> None:
        """One data row, its height fitted to its wrapped cells."""
        self._append(values, self.styles, row_height(values, self.columns))

    def finish(self) -> None:
        """The filter over the header and every row written (known only at the end of a stream)."""
        self.sheet.auto_filter.ref = f"A{self.header_row}:{self.last_letter}{max(self.row, self.header_row)}"


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
