"""Findings as a spreadsheet: one row per finding, every checked file in one workbook.

The workbook is written in openpyxl's write-only (streaming) mode, so a batch of thousands
of documents never holds more than one row of cells in memory. Sheet 1 (审查发现) has the
findings under a frozen, filtered header; sheet 2 (文件汇总) has one row per file with its
counts and the opinion-letter conclusion.

Every cell value is written as text: document text is untrusted, and a clause beginning with
"=" must not turn into a spreadsheet formula.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reviewer.errors import ReviewerError, UsageError
from reviewer.model import FAMILIES, DocumentReport, Finding, Severity
from reviewer.report.opinion import conclusion, document_title, quote

DEFAULT_AUTHOR = "合法性审查"
FINDINGS_SHEET = "审查发现"
SUMMARY_SHEET = "文件汇总"

# (header, column width in characters); a CJK character is about two width units.
FINDING_COLUMNS: tuple[tuple[str, int], ...] = (
    ("文件", 28),
    ("位置", 22),
    ("规则编号", 14),
    ("类别", 18),
    ("严重程度", 10),
    ("问题", 32),
    ("条款原文", 60),
    ("理由", 50),
    ("依据", 40),
    ("修改建议", 50),
    ("指纹", 20),
)
SUMMARY_COLUMNS: tuple[tuple[str, int], ...] = (
    ("文件", 28),
    ("标题", 40),
    ("发文字号", 24),
    ("文件层级", 16),
    ("问题总数", 10),
    ("错误", 8),
    ("警告", 8),
    ("提示", 8),
    ("审查结论", 18),
)
# Long texts wrap; short columns stay on one line so rows do not grow needlessly tall.
_WRAPPED = frozenset({"问题", "条款原文", "理由", "依据", "修改建议", "标题"})


def write(reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write all findings of ``reports`` to the workbook ``out``.

    ``author`` is recorded as the workbook's creator.
    """
    from openpyxl import Workbook

    if not out:
        raise UsageError("电子表格（-f xlsx）需要用 -o 指定输出文件")
    workbook = Workbook(write_only=True)
    workbook.properties.creator = author
    _write_sheet(workbook, FINDINGS_SHEET, FINDING_COLUMNS, (finding_row(r, f) for r in reports for f in r.findings))
    _write_sheet(workbook, SUMMARY_SHEET, SUMMARY_COLUMNS, (summary_row(r) for r in reports))
    try:
        workbook.save(out)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入电子表格（{exc.strerror or exc}）") from None


def finding_row(report: DocumentReport, finding: Finding) -> list[str]:
    """The cells of one finding, in ``FINDING_COLUMNS`` order."""
    before, match, after = quote(report, finding)
    return [
        report.path,
        finding.location.locator,
        finding.code,
        FAMILIES.get(finding.family, finding.family),
        finding.severity.label,
        finding.title,
        before + match + after,
        finding.message,
        "；".join(str(b) for b in finding.basis),
        finding.suggestion,
        finding.fingerprint,
    ]


def summary_row(report: DocumentReport) -> list[str | int]:
    """The cells of one file's summary, in ``SUMMARY_COLUMNS`` order."""
    meta = report.document.metadata
    counts = [sum(1 for f in report.findings if f.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    return [
        report.path,
        document_title(report),
        meta.doc_number or "",
        report.document.level,
        len(report.findings),
        *counts,
        conclusion(report.findings),
    ]


def _write_sheet(workbook, title: str, columns: tuple[tuple[str, int], ...], rows: Iterator[list]) -> None:
    """One streamed sheet: styled frozen header, column widths, rows, autofilter."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    # Column widths and panes must be set before the first row is streamed.
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, columns))
    # One Alignment object per kind, shared by all cells: rows are many, styles are few.
    wrapped, single = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    alignments = [wrapped if name in _WRAPPED else single for name, _ in columns]
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value, alignment) for value, alignment in zip(row, alignments)])
        count += 1
    # The filter range is written after the rows, so it can cover exactly the rows written.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def _header_cells(sheet, columns: tuple[tuple[str, int], ...]) -> list:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cells = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center")
        cells.append(cell)
    return cells


def _cell(sheet, value: str | int, alignment):
    """A cell holding ``value`` literally: strings never become formulas (reviewer.spreadsheet)."""
    from reviewer.spreadsheet import xlsx_cell

    return xlsx_cell(sheet, value, alignment)
