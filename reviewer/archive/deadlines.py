"""Deadlines and completeness: late filings (迟报), never-filed documents (漏报), the review queue.
The rates by body and period are computed in indicators.py (from the keys matched here)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata

from reviewer.archive import log, tables
from reviewer.archive.db import now, write
from reviewer.archive.intake import check_date
from reviewer.archive.records import (
    FILING_CORRECT,
    FILING_PASSED,
    FILING_PENDING,
    FILING_REJECTED,
    FILING_RETURNED,
    Settings,
)
from reviewer.errors import ArchiveError


# The queue's group of filings sent back with 退回补正.
QUEUE_RETURNED = "需补正"


def days_between(start: str, end: str) -> int:
    """Days from ``start`` to ``end`` (ISO dates)."""
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


def normalise_number(number: str | None) -> str:
    """A 发文字号 in one spelling: brackets 〔〕 whatever the source used, no spaces."""
    from reviewer.docnumbers import normalize_doc_number

    return normalize_doc_number(number or "")


def normalise_title(title: str | None) -> str:
    """A title without spaces, book-title marks and punctuation, for matching lists."""
    return re.sub(r"[\s《》“”\"'，,。.、]", "", unicodedata.normalize("NFKC", title or ""))


def late_filings(conn: sqlite3.Connection, settings: Settings) -> list[dict]:
    """Filings received more than ``late_days`` after publication, longest delay first."""
    out = []
    for row in conn.execute("SELECT id, title, doc_number, issuer, publish_date, received_date FROM documents"
                            " WHERE source = '报备' AND publish_date IS NOT NULL"):
        days = days_between(row["publish_date"], row["received_date"])
        if days > settings.late_days:
            out.append({**dict(row), "days": days, "limit": settings.late_days})
    return sorted(out, key=lambda r: -r["days"])


def review_queue(conn: sqlite3.Connection, settings: Settings, today: str, issuer: str | None = None,
                 decided: int = 100, limit: int | None = None, offset: int = 0) -> dict[str, list[dict]]:
    """Filings by stage: 待审查 with the days left under ``review_days`` (overdue first, then the
    nearest deadline), 需纠正 (waiting for the department's corrected version), 需补正 (sent back
    with 退回补正, waiting for the missing materials), and the newest ``decided`` ones already
    reviewed (通过 / 不予备案).

    ``limit`` pages the working lists (待审查 from ``offset``; 需纠正 and 需补正 their first ``limit``),
    so a page of a large archive reads only the rows it shows: every list is read in index order
    (documents_queue_received, documents_queue_updated) with LIMIT, never sorted in full.
    """
    columns = ("SELECT d.id, d.title, d.doc_number, d.issuer, d.received_date, d.filing_status, d.updated_at,"
               " (SELECT MAX(v.version) FROM versions v WHERE v.document_id = d.id) AS versions"
               " FROM documents d WHERE d.source = '报备' AND d.filing_status = ?")
    params: list = []
    if issuer:
        columns += " AND d.issuer = ?"
        params.append(issuer)
    window = " LIMIT ? OFFSET ?"
    paged = [-1 if limit is None else limit, offset]
    pending = []
    # The deadline is received_date + review_days for every filing: received order is deadline order.
    for row in conn.execute(columns + " ORDER BY d.received_date, d.id" + window, [FILING_PENDING, *params, *paged]):
        due = (dt.date.fromisoformat(row["received_date"]) + dt.timedelta(days=settings.review_days)).isoformat()
        left = days_between(today, due)
        pending.append({**dict(row), "due_date": due, "days_left": left, "overdue": left < 0})
    correcting = [dict(r) for r in conn.execute(columns + " ORDER BY d.updated_at, d.id LIMIT ?",
                                                [FILING_CORRECT, *params, paged[0]])]
    returned = [dict(r) for r in conn.execute(columns + " ORDER BY d.updated_at, d.id LIMIT ?",
                                              [FILING_RETURNED, *params, paged[0]])]
    # One index-ordered read per outcome, merged: the newest ``decided`` of both.
    done = sorted((dict(r) for status in (FILING_PASSED, FILING_REJECTED) for r in conn.execute(
        columns + " ORDER BY d.updated_at DESC, d.id DESC LIMIT ?", [status, *params, decided])),
        key=lambda r: (r["updated_at"], r["id"]), reverse=True)[:decided]
    return {FILING_PENDING: pending, FILING_CORRECT: correcting, QUEUE_RETURNED: returned, "已审查": done}


def queue_counts(conn: sqlite3.Connection, issuer: str | None = None) -> dict[str, int]:
    """How many filings wait in the working stages (待审查, 需纠正, 需补正): index range counts."""
    sql = "SELECT count(*) FROM documents WHERE source = '报备' AND filing_status = ?" + (" AND issuer = ?" if issuer else "")
    stages = {FILING_PENDING: FILING_PENDING, FILING_CORRECT: FILING_CORRECT, QUEUE_RETURNED: FILING_RETURNED}
    return {stage: conn.execute(sql, [status, *([issuer] if issuer else [])]).fetchone()[0]
            for stage, status in stages.items()}


def filed_keys(conn: sqlite3.Connection) -> tuple[set[str], set[str]]:
    numbers, titles = set(), set()
    for row in conn.execute("SELECT doc_number, title FROM documents"):
        if row["doc_number"]:
            numbers.add(normalise_number(row["doc_number"]))
        titles.add(normalise_title(row["title"]))
    return numbers, titles


def is_filed(item: dict, numbers: set[str], titles: set[str]) -> bool:
    if item["doc_number"]:
        return normalise_number(item["doc_number"]) in numbers
    return normalise_title(item["title"]) in titles


def reconcile(conn: sqlite3.Connection, path: str, issuer: str | None, user: str) -> dict:
    """Compare an issuing body's list of issued documents with the filings; keep the list for stats."""
    items: list[dict] = []
    notes: list[str] = []
    for n, row in enumerate(tables.read_rows(path, notes), start=2):
        body = tables.pick(row, "制定机关", "发文机关", "机关") or issuer
        title = tables.pick(row, "标题", "文件名称", "名称")
        number = tables.pick(row, "发文字号", "文号")
        if not body:
            raise ArchiveError(f"{path} 第 {n} 行：没有制定机关，请在表格中加“制定机关”列或使用 --issuer")
        if not title and not number:
            raise ArchiveError(f"{path} 第 {n} 行：标题和发文字号都为空")
        date = tables.pick(row, "公布日期", "发布日期", "印发日期")
        items.append({"issuer": body, "title": title or "", "doc_number": number,
                      "publish_date": check_date(date, f"第 {n} 行的公布日期") if date else None})
    numbers, titles = filed_keys(conn)
    missing = [i for i in items if not is_filed(i, numbers, titles)]
    with write(conn):
        for i in items:
            conn.execute("INSERT OR IGNORE INTO issued_lists(issuer, doc_number, title, publish_date, list_file,"
                         " loaded_at) VALUES (?,?,?,?,?,?)",
                         (i["issuer"], i["doc_number"] or "", i["title"], i["publish_date"], path, now()))
        log.append(conn, user, "核对发文目录", None, {"文件": path, "条目": len(items), "漏报": len(missing)})
    return {"listed": len(items), "filed": len(items) - len(missing), "missing": missing, "warnings": notes}
