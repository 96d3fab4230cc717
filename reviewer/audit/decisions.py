"""Applying staff decisions from the cleanup workbook, and publishing the resulting lists.

All decisions of a sheet are applied in one transaction or not at all. Each decision is an
``audit_decisions`` row and a log entry (who, when, the proposal, the decision, why); 废止 makes a
document 已废止 and 宣布失效 makes it 失效, through the archive's status history. 继续有效 and 修改
leave the status as it is: a document to be amended stays in force until its issuer amends it,
so 修改 is recorded (and listed as 拟修改 in the 现行有效目录) rather than shown as 已修改.

The two lists are laid out as an office publishes them (reviewer.archive.exports): the office's
name and the list in a title line, the as-of date, 序号, real dates. The 废止和失效目录 gives each
document's reason in words a reader of the published list understands: the staff's 说明 when
they wrote one, else the audit's reasons for that decision without rule codes and severities.
An existing list in the folder is never replaced unless ``force`` is given: a published list
is a record, and the folder of a previous cleanup is likely to hold the previous year's lists.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from reviewer.archive import log
from reviewer.archive.db import now, today, write
from reviewer.archive.publication import change_status
from reviewer.audit import runs, workbook
from reviewer.audit.records import AMEND, EXPIRE, KEEP, REPEAL
from reviewer.audit.workbook import DecisionRow
from reviewer.errors import ArchiveError
from reviewer.statuses import IN_FORCE

NEW_STATUS = {REPEAL: "已废止", EXPIRE: "失效"}
CURRENT_LIST = "现行有效目录.xlsx"
ENDED_LIST = "废止和失效目录.xlsx"


def _latest_decisions(conn: sqlite3.Connection, run_id: int) -> dict[int, str]:
    return dict(conn.execute("SELECT document_id, decision FROM audit_decisions WHERE run_id = ? ORDER BY id",
                             (run_id,)).fetchall())


def _status_errors(conn: sqlite3.Connection, run_id: int, rows: list[DecisionRow]) -> tuple[list[str], list[DecisionRow]]:
    """Decisions the documents' current statuses do not allow, and the rows still to apply."""
    before = _latest_decisions(conn, run_id)
    errors, todo = [], []
    for row in rows:
        status = conn.execute("SELECT status FROM documents WHERE id = ?", (row.document_id,)).fetchone()[0]
        if before.get(row.document_id) == row.decision:
            continue  # the same sheet applied again: nothing new
        if status not in IN_FORCE:
            errors.append(f"“{row.sheet}”表第 {row.line} 行：第 {row.document_id} 号文件当前状态为“{status}”，"
                          f"不能再决定“{row.decision}”")
            continue
        todo.append(row)
    return errors, todo


def apply_one(conn: sqlite3.Connection, run_id: int, row: DecisionRow, proposed: dict, source: str,
               user: str) -> None:
    reason = row.note or workbook.reasons_text(proposed["reasons"])
    conn.execute("INSERT INTO audit_decisions(run_id, document_id, proposed, decision, reason, source, decided_at,"
                 " decided_by) VALUES (?,?,?,?,?,?,?,?)",
                 (run_id, row.document_id, proposed["outcome"], row.decision, reason, source, now(), user))
    detail = {"审计": run_id, "建议": proposed["outcome"], "决定": row.decision, "来源": source}
    if row.decision in NEW_STATUS:
        change_status(conn, row.document_id, NEW_STATUS[row.decision], today(), f"清理：{row.decision}。{reason}",
                      None, user, detail)
    else:
        log.append(conn, user, "清理决定", row.document_id, detail, reason)


def apply(conn: sqlite3.Connection, path: str, user: str, lists_dir: str | None = None, force: bool = False) -> dict:
    """Validate the workbook, apply every decision in one transaction, then write the published lists.

    Existing lists in the folder stop everything (nothing is applied) unless ``force``.
    """
    run_id, rows, errors = workbook.read_decisions(conn, path)
    status_errors, todo = _status_errors(conn, run_id, rows)
    errors += status_errors
    if errors:
        raise ArchiveError(f"{Path(path).name} 有 {len(errors)} 处错误，未作任何修改：" + "；".join(errors))
    folder = Path(lists_dir or Path(path).resolve().parent)
    _check_lists_folder(folder, conn, force)  # before committing: decisions and lists go together
    proposed = {r["document_id"]: r for r in runs.results(conn, run_id)}
    with write(conn):
        # Read again under the write lock: another apply (the web's, or this command run twice at
        # once) may have applied some of these decisions since the check above.
        status_errors, todo = _status_errors(conn, run_id, rows)
        if status_errors:
            raise ArchiveError(f"{Path(path).name} 有 {len(status_errors)} 处错误，未作任何修改："
                               + "；".join(status_errors))
        for row in todo:
            apply_one(conn, run_id, row, proposed[row.document_id], Path(path).name, user)
    counts = {o: sum(1 for r in todo if r.decision == o) for o in (KEEP, AMEND, REPEAL, EXPIRE)}
    lists = publish_lists(conn, run_id, str(folder))
    return {"run_id": run_id, "applied": len(todo), "unchanged": len(rows) - len(todo), "decisions": counts,
            "lists": lists}


def _check_lists_folder(folder: Path, conn: sqlite3.Connection, force: bool) -> None:
    """The published lists can be written there, over no existing list unless ``force`` (else nothing is applied)."""
    from reviewer.outputs import check_output_path

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"{folder}: 无法创建目录（{exc.strerror}），未作任何修改") from None
    archive = conn.execute("PRAGMA database_list").fetchone()[2]
    for name in (CURRENT_LIST, ENDED_LIST):
        check_output_path(folder / name, protected=[archive] if archive else [])
    existing = [name for name in (CURRENT_LIST, ENDED_LIST) if (folder / name).exists()]
    if existing and not force:
        raise ArchiveError(f"{folder} 中已有{'、'.join(existing)}，未作任何修改；如要用本次结果替换，请加 --force，"
                           "或用 --lists-dir 指定另一个文件夹")


# "第三条：设定行政处罚（PENALTY001，错误，登记后新发现）「处500元罚款」": the parts for staff only.
_MACHINE_PARTS = re.compile(r"（[A-Z][A-Z_]*\d*，[^）]*）|「[^」]*」")


def public_reason(decision: str, recorded: str | None, proposed: dict | None) -> str:
    """The reason printed in the 废止和失效目录: the staff's 说明, else the audit's reasons in words."""
    reasons = (proposed or {}).get("reasons") or []
    automatic = workbook.reasons_text(reasons)
    if recorded and recorded != automatic:
        return recorded  # staff wrote a 说明
    chosen = [r for r in reasons if r["proposes"] == decision] or reasons
    texts = dict.fromkeys(_MACHINE_PARTS.sub("", r["message"]).strip() for r in chosen)
    return "；".join(t for t in texts if t) or decision


def _catalogue_rows(conn: sqlite3.Connection, run_id: int) -> tuple[list[list], list[list]]:
    decided = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
        "SELECT document_id, decision, reason, decided_at FROM audit_decisions WHERE run_id = ? ORDER BY id",
        (run_id,))}
    proposed = {r["document_id"]: r for r in runs.results(conn, run_id)}
    current, ended = [], []
    for row in conn.execute(
            "SELECT d.id, r.number, d.doc_number, d.title, d.issuer, d.publish_date, d.status FROM documents d"
            " LEFT JOIN registrations r ON r.document_id = d.id WHERE d.status != '未公布'"
            " ORDER BY r.year, r.scope, r.seq, r.number, d.id"):
        decision, reason, decided_at = decided.get(row["id"], (None, None, None))
        base = [row["number"] or "", row["doc_number"] or "", row["title"], row["issuer"] or "", row["publish_date"] or ""]
        if row["status"] in IN_FORCE:
            current.append([*base, row["status"], "拟修改" if decision == AMEND else ""])
        elif decision in NEW_STATUS:
            ended.append([*base, decision, (decided_at or "")[:10],
                          public_reason(decision, reason, proposed.get(row["id"]))])
    return current, ended


def publish_lists(conn: sqlite3.Connection, run_id: int, folder: str) -> dict[str, str]:
    """现行有效目录 (every document in force) and 废止和失效目录 (this cleanup's repeals and expiries)."""
    from reviewer.archive import settings as settings_store
    from reviewer.archive.exports import SHEET_COLUMNS, catalogue_titles, write_catalogue_book
    from reviewer.outputs import atomic_output
    from reviewer.spreadsheet import DATE_FORMAT, Column

    current, ended = _catalogue_rows(conn, run_id)
    office = settings_store.load(conn).office
    as_of = dt.date.fromisoformat(today())
    head = [SHEET_COLUMNS[k] for k in ("序号", "登记号", "发文字号", "标题", "制定机关", "公布日期")]
    archive = conn.execute("PRAGMA database_list").fetchone()[2]
    out = {}
    Path(folder).mkdir(parents=True, exist_ok=True)
    for name, sheet, columns, rows in (
            (CURRENT_LIST, "现行有效目录", [*head, SHEET_COLUMNS["状态"], Column("清理结论", 10, align="center")],
             current),
            (ENDED_LIST, "废止和失效目录", [*head, Column("清理决定", 10, align="center"),
                                            Column("决定日期", 12, number_format=DATE_FORMAT, align="center"),
                                            Column("理由", 40, wrap=True)], ended)):
        target = str(Path(folder) / name)
        titles = catalogue_titles(office, sheet.replace("目录", "规范性文件目录"), as_of, len(rows))
        with atomic_output(target, protected=[archive] if archive else []) as tmp:
            write_catalogue_book(tmp, sheet, titles, columns, rows)
        out[sheet] = target
    return out


def decisions_of(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """Every decision recorded for a run, oldest first."""
    return [dict(r) for r in conn.execute("SELECT * FROM audit_decisions WHERE run_id = ? ORDER BY id", (run_id,))]
