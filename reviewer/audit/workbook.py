"""The cleanup workbook (清理结果.xlsx): export a run for staff, read their decisions back.

Export: a 汇总 sheet (run, settings, counts, how to fill in), one sheet per proposed outcome with
文件ID、登记号、发文字号、标题、制定机关、公布日期、建议结论、理由 and blank 决定 / 说明 columns, and
a 与上次相比 sheet of what changed since the previous finished run.

Apply (``read_decisions`` + decisions.apply): every row is validated first — unknown documents,
decisions that are not one of the four outcomes, edited key columns (文件ID、登记号、发文字号),
a document listed twice, a decision its current status does not allow — and any error stops
the whole sheet, naming the sheet and row.

Every sheet prints landscape at one page wide with its header on every page, rows as tall as
their wrapped reasons (reviewer.spreadsheet.PrintTable); 决定 has a drop-down of the four
outcomes, so a typing slip is caught while filling in rather than at apply. The header stays in
row 1: the reader below finds the columns there.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reviewer.audit import runs
from reviewer.audit.records import OUTCOMES
from reviewer.errors import ArchiveError
from reviewer.spreadsheet import (
    DATE_FORMAT,
    Column,
    PrintTable,
    Sheet,
    SpreadsheetError,
    date_value,
    read_workbook,
    sheet_names,
)

SUMMARY = "汇总"
CHANGES = "与上次相比"
RUN_LABEL = "审计批次"
DECISION = "决定"
# About 180 character units in all: one landscape A4 page wide prints near 80 %.
COLUMNS: tuple[Column, ...] = (
    Column("文件ID", 7, align="center"),
    Column("登记号", 16, wrap=True),
    Column("发文字号", 16, wrap=True),
    Column("标题", 30, wrap=True),
    Column("制定机关", 12, wrap=True),
    Column("公布日期", 11, number_format=DATE_FORMAT, align="center"),
    Column("建议结论", 9, wrap=True, align="center"),
    Column("理由", 48, wrap=True),
    Column(DECISION, 10, align="center"),
    Column("说明", 24, wrap=True),
)
HEADERS = tuple(c.header for c in COLUMNS)
KEYS = ("文件ID", "登记号", "发文字号")
CHANGE_COLUMNS: tuple[Column, ...] = (
    Column("文件ID", 7, align="center"), Column("登记号", 16, wrap=True), Column("标题", 36, wrap=True),
    Column("上次建议", 9, wrap=True, align="center"), Column("本次建议", 9, wrap=True, align="center"),
    Column("变化", 14, wrap=True), Column("新增理由", 60, wrap=True),
)
SUMMARY_COLUMNS: tuple[Column, ...] = (Column("项目", 18, wrap=True), Column("内容", 100, wrap=True, align="left"))
NO_REASON = "未发现问题"


def reasons_text(reasons: list[dict]) -> str:
    """Numbered reasons, one per line, as staff read them in the sheet."""
    if not reasons:
        return NO_REASON
    return "\n".join(f"{n}. {r['message']}" for n, r in enumerate(reasons, 1))


def _ordered(reasons: list[dict], outcome: str) -> list[dict]:
    """The reasons that decide the outcome first, notices after."""
    return sorted(reasons, key=lambda r: r["proposes"] != outcome)


def _row(item: dict) -> list:
    return [item["document_id"], item["number"] or "", item["doc_number"] or "", item["title"], item["issuer"] or "",
            date_value(item["publish_date"] or ""), item["outcome"], reasons_text(_ordered(item["reasons"], item["outcome"])),
            "", ""]


def _changes(conn: sqlite3.Connection, run_id: int, current: list[dict]) -> tuple[int | None, list[list]]:
    """Rows of the 与上次相比 sheet: outcome changed, new reasons, new or dropped documents."""
    before = runs.previous(conn, run_id)
    if before is None:
        return None, []
    old = {r["document_id"]: r for r in runs.results(conn, before["id"])}
    out = []
    for item in current:
        prev = old.pop(item["document_id"], None)
        messages = [r["message"] for r in item["reasons"]]
        if prev is None:
            out.append([item["document_id"], item["number"] or "", item["title"], "", item["outcome"], "新纳入审计",
                        reasons_text(item["reasons"])])
            continue
        new_reasons = [m for m in messages if m not in {r["message"] for r in prev["reasons"]}]
        if prev["outcome"] != item["outcome"] or new_reasons:
            change = "建议结论变化" if prev["outcome"] != item["outcome"] else "理由变化"
            out.append([item["document_id"], item["number"] or "", item["title"], prev["outcome"], item["outcome"],
                        change, "\n".join(new_reasons)])
    for prev in old.values():
        out.append([prev["document_id"], prev["number"] or "", prev["title"], prev["outcome"], "",
                    f"不再审计（现状态：{prev['status']}）", ""])
    return before["id"], out


def _sheet(book, title: str, columns: tuple[Column, ...], rows: list[list]):
    """One print-ready sheet (header in row 1); returns the sheet."""
    sheet = book.create_sheet(title)
    table = PrintTable(sheet, columns)
    for values in rows:
        table.append(values)
    table.finish()
    return sheet


def _decision_drop_down(sheet) -> None:
    """决定 offers the four outcomes; anything else is refused while typing (apply checks again)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = "、".join(OUTCOMES)
    rule = DataValidation(type="list", formula1='"' + ",".join(OUTCOMES) + '"', allow_blank=True,
                          showErrorMessage=True, errorTitle="决定无效", error=f"请从下拉列表中选择：{choices}",
                          showInputMessage=True, promptTitle="决定", prompt=f"可选：{choices}；不填表示暂不决定")
    letter = get_column_letter(HEADERS.index(DECISION) + 1)
    rule.add(f"{letter}2:{letter}{max(sheet.max_row, 2)}")
    sheet.add_data_validation(rule)


def export(conn: sqlite3.Connection, path: str, run_id: int | None = None, force: bool = False) -> dict:
    """Write the workbook for a run (default: the newest finished one); returns counts.

    An existing file is replaced only with ``force``: it may be last week's export with the
    decisions staff have been filling in.
    """
    from openpyxl import Workbook

    from reviewer.outputs import atomic_output, check_output_path

    if Path(path).suffix.lower() != ".xlsx":
        raise ArchiveError(f"{path}: 清理结果表是 Excel 文件，请使用 .xlsx 扩展名")
    archive = conn.execute("PRAGMA database_list").fetchone()[2]
    check_output_path(path, protected=[archive] if archive else [])
    if Path(path).is_file() and not force:
        raise ArchiveError(f"{path}: 文件已存在（其中可能已填写了决定）；如要覆盖请加 --force，或换一个文件名")
    run = runs.get(conn, run_id)
    items = runs.results(conn, run["id"])
    counts = runs.outcome_counts(conn, run["id"])
    before, changes = _changes(conn, run["id"], items)
    settings = json.loads(run["settings"])
    book = Workbook()
    book.remove(book.active)  # every sheet is made by _sheet, laid out alike
    _sheet(book, SUMMARY, SUMMARY_COLUMNS, [[label, value] for label, value in [
        (RUN_LABEL, run["id"]), ("审计基准日", settings.get("as_of")), ("开始时间", run["started_at"]),
        ("完成时间", run["finished_at"] or "（未完成）"), ("审计人", run["started_by"]), ("文件总数", len(items)),
        *((f"建议{o}", counts[o]) for o in OUTCOMES),
        ("上次审计", before or "（无）"), ("与上次相比有变化", len(changes)),
        ("填写说明", "在各结论表的“决定”列从下拉列表选择：" + "、".join(OUTCOMES) + "；“说明”列写明理由（可空，空则记为"
                 "建议理由；写了的理由印在废止和失效目录中）。不要修改 文件ID、登记号、发文字号 三列。"
                 "填好后运行 reviewer audit apply 本文件。"),
    ]])
    for outcome in OUTCOMES:
        _decision_drop_down(_sheet(book, outcome, COLUMNS, [_row(i) for i in items if i["outcome"] == outcome]))
    _sheet(book, CHANGES, CHANGE_COLUMNS,
           changes or [["", "", "（没有上次审计，无可比较）" if before is None else "（没有变化）", "", "", "", ""]])
    with atomic_output(path, protected=[archive] if archive else []) as tmp:
        book.save(tmp)
    return {"run_id": run["id"], "path": path, "documents": len(items), "outcomes": counts,
            "previous_run": before, "changes": len(changes)}


# --------------------------------------------------------------------------- reading back


@dataclass(frozen=True)
class DecisionRow:
    """One filled-in 决定, with where it came from."""

    sheet: str
    line: int
    document_id: int
    decision: str
    note: str | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_id(text: str) -> bool:
    """ASCII digits that fit an SQLite integer ("²".isdigit() is true, int("²") fails)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def _run_id(sheet: Sheet | None, path: str) -> int:
    if sheet is None:
        raise ArchiveError(f"{path}: 缺少“{SUMMARY}”表，请使用 reviewer audit export 导出的清理结果表")
    for row in sheet.rows:
        if len(row) > 1 and _text(row[0]) == RUN_LABEL and _is_id(_text(row[1])):
            return int(_text(row[1]))
    raise ArchiveError(f"{path}: “{SUMMARY}”表中找不到{RUN_LABEL}，请使用 reviewer audit export 导出的清理结果表")


def _sheet_rows(sheet: Sheet, path: str) -> list[tuple[int, dict[str, str]]]:
    rows, name = sheet.rows, sheet.name
    if not rows:
        return []
    header = [_text(h) for h in rows[0]]
    missing = [h for h in (*KEYS, DECISION) if h not in header]
    if missing:
        raise ArchiveError(f"{path}: “{name}”表缺少“{'、'.join(missing)}”列（表头不得修改）")
    out = []
    for line, values in enumerate(rows[1:], start=2):
        cells = {h: _text(values[i]) if i < len(values) else "" for i, h in enumerate(header) if h}
        if any(cells.values()):
            out.append((line, cells))
    return out


def read_decisions(conn: sqlite3.Connection, path: str) -> tuple[int, list[DecisionRow], list[str]]:
    """The run id, the filled-in decisions and every error found (empty when the sheet is clean).

    Merged cells and formulas without a saved result are errors here: a decision must be read
    exactly as staff see it, or not at all.
    """
    if not Path(path).is_file():
        raise ArchiveError(f"{path}: 文件不存在")
    try:
        names = sheet_names(path)
        wanted = [n for n in (SUMMARY, *OUTCOMES) if n in names]
        sheets = {s.name: s for s in read_workbook(path, wanted)}
    except SpreadsheetError as exc:
        raise ArchiveError(exc.message) from None
    run_id = _run_id(sheets.get(SUMMARY), path)
    runs.get(conn, run_id)
    known = {r["document_id"]: r for r in runs.results(conn, run_id)}
    decisions: list[DecisionRow] = []
    errors: list[str] = []
    seen: dict[int, str] = {}
    for name in [n for n in OUTCOMES if n in sheets]:
        errors.extend(sheets[name].notes)
        for line, cells in _sheet_rows(sheets[name], path):
            where = f"“{name}”表第 {line} 行"
            row, error = _check_row(cells, known, where)
            if error:
                errors.append(f"{where}：{error}")
                continue
            if row is None:
                continue
            if row.document_id in seen:
                errors.append(f"{where}：文件ID {row.document_id} 已在{seen[row.document_id]}出现")
                continue
            seen[row.document_id] = where
            decisions.append(DecisionRow(name, line, row.document_id, row.decision, row.note))
    return run_id, decisions, errors


@dataclass(frozen=True)
class _Cells:
    document_id: int
    decision: str
    note: str | None


def _check_row(cells: dict[str, str], known: dict[int, dict], where: str) -> tuple[_Cells | None, str | None]:
    """Validate one row: (decision or None when 决定 is blank, error or None)."""
    raw_id = cells.get("文件ID", "")
    if not _is_id(raw_id) or int(raw_id) not in known:
        return None, f"文件ID“{raw_id}”不在本次审计中（键列不得修改）"
    item = known[int(raw_id)]
    for column, value in (("登记号", item["number"]), ("发文字号", item["doc_number"])):
        if cells.get(column, "") != (value or ""):
            return None, f"{column}“{cells.get(column, '')}”与档案库中的“{value or ''}”不一致（键列不得修改）"
    decision = cells.get("决定", "")
    if not decision:
        return None, None
    if decision not in OUTCOMES:
        return None, f"决定“{decision}”无法识别，可选：{'、'.join(OUTCOMES)}"
    return _Cells(int(raw_id), decision, cells.get("说明") or None), None
