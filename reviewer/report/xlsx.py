"""Findings as a spreadsheet (问题清单): one row per finding, every checked file in one workbook.

The workbook is written in openpyxl's write-only (streaming) mode, so a batch of thousands
of documents never holds more than one row of cells in memory. Sheet 1 (审查发现) has the
findings under a frozen, filtered header, in the order a reviewer reads them: where, how
serious, what, the clause, why, the basis, the fix, and an empty 处理意见 column for the
reviewer's own note; the rule code and fingerprint come last and are left out of the print
area (they serve filters and scripts, not the reader of paper). Sheet 2 (文件汇总) has one row
per file with its counts and the opinion-letter conclusion. Both print landscape at one page
wide with the header on every page (reviewer.spreadsheet.PrintTable).

File names are shown relative to the folder the command ran in: a full local path says nothing
to the reader of a printed list and tells strangers how the reviewer's disk is organised.

Every cell value is written as text: document text is untrusted, and a clause beginning with
"=" must not turn into a spreadsheet formula.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from reviewer.errors import ReviewerError, UsageError
from reviewer.model import FAMILIES, DocumentReport, Finding, Severity
from reviewer.report.opinion import conclusion, document_title, quote
from reviewer.spreadsheet import Column, PrintTable

DEFAULT_AUTHOR = "合法性审查"
FINDINGS_SHEET = "审查发现"
SUMMARY_SHEET = "文件汇总"

# Widths in Excel character units (a CJK character is two): about 180 in all, so one landscape
# A4 page wide prints near 80 %.
FINDING_COLUMNS: tuple[Column, ...] = (
    Column("序号", 5, align="center"),
    Column("文件", 12, wrap=True),
    Column("位置", 9, wrap=True),
    Column("严重程度", 9, align="center"),
    Column("类别", 8, wrap=True),
    Column("问题", 18, wrap=True),
    Column("条款原文", 30, wrap=True),
    Column("理由", 30, wrap=True),
    Column("依据", 20, wrap=True),
    Column("修改建议", 24, wrap=True),
    Column("处理意见", 18, wrap=True),
    Column("规则编号", 14),
    Column("指纹", 20),
)
# The columns a printed list shows: all but the rule code and fingerprint at the end.
PRINTED_FINDING_COLUMNS = len(FINDING_COLUMNS) - 2
SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("序号", 5, align="center"),
    Column("文件", 24, wrap=True),
    Column("标题", 40, wrap=True),
    Column("发文字号", 22, wrap=True),
    Column("文件层级", 14),
    Column("问题总数", 6, wrap=True, align="center"),
    Column("错误", 6, align="center"),
    Column("警告", 6, align="center"),
    Column("提示", 6, align="center"),
    Column("审查结论", 18, wrap=True),
)


def write(reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write all findings of ``reports`` to the workbook ``out``.

    ``author`` is recorded as the workbook's creator.
    """
    from openpyxl import Workbook

    if not out:
        raise UsageError("电子表格（-f xlsx）需要用 -o 指定输出文件")
    workbook = Workbook(write_only=True)
    workbook.properties.creator = author
    rows = (finding_row(r, f) for r in reports for f in r.findings)
    findings = _write_sheet(workbook, FINDINGS_SHEET, FINDING_COLUMNS, rows)
    findings.sheet.print_area = f"A1:{_letter(PRINTED_FINDING_COLUMNS)}{findings.row}"
    _write_sheet(workbook, SUMMARY_SHEET, SUMMARY_COLUMNS, (summary_row(r) for r in reports))
    try:
        workbook.save(out)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入电子表格（{exc.strerror or exc}）") from None


def shown_name(path: str) -> str:
    """``path`` relative to the current folder; a file outside it by its name alone."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.path.basename(path)
    return os.path.basename(path) if relative.startswith(os.pardir) else relative


def finding_row(report: DocumentReport, finding: Finding) -> list[str]:
    """The cells of one finding after 序号, in ``FINDING_COLUMNS`` order (处理意见 empty)."""
    before, match, after = quote(report, finding)
    return [
        shown_name(report.path),
        finding.location.locator,
        finding.severity.label,
        FAMILIES.get(finding.family, finding.family),
        finding.title,
        before + match + after,
        finding.message,
        "；".join(str(b) for b in finding.basis),
        finding.suggestion,
        "",
        finding.code,
        finding.fingerprint,
    ]


def summary_row(report: DocumentReport) -> list[str | int]:
    """The cells of one file's summary after 序号, in ``SUMMARY_COLUMNS`` order."""
    meta = report.document.metadata
    counts = [sum(1 for f in report.findings if f.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    return [
        shown_name(report.path),
        document_title(report),
        meta.doc_number or "",
        report.document.level,
        len(report.findings),
        *counts,
        conclusion(report.findings),
    ]


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _write_sheet(workbook, title: str, columns: Sequence[Column], rows: Iterable[list]) -> PrintTable:
    """One streamed sheet laid out for print, rows numbered from 1."""
    table = PrintTable(workbook.create_sheet(title), columns)
    for number, row in enumerate(rows, 1):
        table.append([number, *row])
    table.finish()
    return table
