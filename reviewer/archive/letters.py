"""Letters the office issues from an archive record: 审查意见书, 备案登记回执, 不予备案通知,
补正通知.

Each letter gets the office's own 发文字号 from a template and a counter kept in the archive's
``settings`` table (``letter_template``; ``letter_seq:<year>`` the last number used), allocated
in the same transaction as the log entry that records the letter. Printing the same letter
again (same document, same kind, same review) reuses its number, so a reprint never burns one.

The letter carries what the staff decided, not the raw check: their opinion and the findings
they accepted (采纳).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from reviewer.archive import filings, log, numbering
from reviewer.archive.db import write
from reviewer.archive.records import FILING_REJECTED, FILING_RETURNED, Settings
from reviewer.errors import ArchiveError

OPINION = "审查意见书"
RECEIPT = "备案登记回执"
REFUSAL = "不予备案通知"
COMPLETION = "补正通知"
KINDS = (OPINION, RECEIPT, REFUSAL, COMPLETION)
LOG_ACTION = "出具文书"
DEFAULT_TEMPLATE = "{code}审〔{year}〕{seq}号"


@dataclass(frozen=True)
class Record:
    """What a letter needs from the archive about one document."""

    document_id: int
    title: str
    doc_number: str | None
    issuer: str | None
    level: str
    received: dt.date | None
    text: str
    review_id: int | None
    decision: str | None
    opinion: str | None
    registration: str | None
    accepted: tuple[dict, ...]  # findings (Finding.to_dict) the staff accepted
    missing: tuple[str, ...] = ()  # labels of the filing materials not supplied


def template(conn: sqlite3.Connection, settings: Settings) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'letter_template'").fetchone()
    return row[0] if row else DEFAULT_TEMPLATE


def set_template(conn: sqlite3.Connection, value: str, user: str) -> None:
    """Store the letter-number template (checked like the registration template)."""
    numbering.validate_template(value, by_issuer=False)
    with write(conn):
        conn.execute("INSERT INTO settings(key, value) VALUES ('letter_template', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (value,))
        log.append(conn, user, "设置文书字号", None, {"letter_template": value})


def record(conn: sqlite3.Connection, document_id: int) -> Record:
    row = filings.get_row(conn, document_id)
    review = conn.execute("SELECT id, decision, opinion FROM reviews WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                          (document_id,)).fetchone()
    reg = conn.execute("SELECT number FROM registrations WHERE document_id = ?", (document_id,)).fetchone()
    accepted = []
    for f in filings.findings(conn, document_id):
        if f["decision"] == filings.ACCEPT:
            stored = conn.execute("SELECT json FROM findings WHERE id = ?", (f["id"],)).fetchone()
            accepted.append(json.loads(stored[0]))
    received = dt.date.fromisoformat(row["received_date"]) if row["received_date"] else None
    return Record(document_id, row["title"], row["doc_number"], row["issuer"], row["level"], received,
                  filings.version_text(conn, document_id), review["id"] if review else None,
                  review["decision"] if review else None, review["opinion"] if review else None,
                  reg["number"] if reg else None, tuple(accepted), tuple(filings.missing_materials(row)))


def check_kind(rec: Record, kind: str) -> None:
    """Refuse a letter the record does not support yet, saying what must happen first."""
    if kind not in KINDS:
        raise ArchiveError(f"未知的文书种类“{kind}”；可选：{'、'.join(KINDS)}")
    if rec.review_id is None:
        raise ArchiveError(f"第 {rec.document_id} 号文件尚未审查，请先运行 reviewer archive review")
    if kind == RECEIPT and not rec.registration:
        raise ArchiveError(f"第 {rec.document_id} 号文件尚未登记，请先运行 reviewer archive register 再出具回执")
    if kind == REFUSAL and rec.decision != FILING_REJECTED:
        raise ArchiveError(f"第 {rec.document_id} 号文件的审查结论是“{rec.decision}”，不是不予备案，"
                           "不能出具不予备案通知")
    if kind == COMPLETION and rec.decision != FILING_RETURNED:
        raise ArchiveError(f"第 {rec.document_id} 号文件的审查结论是“{rec.decision}”，不是退回补正，"
                           "不能出具补正通知")


def allocate(conn: sqlite3.Connection, settings: Settings, rec: Record, kind: str, year: int, user: str) -> str:
    """The 发文字号 of a letter about an archived record (one per document, kind and review)."""
    return _number(conn, settings, rec.document_id, {"kind": kind, "review_id": rec.review_id}, year, user)


def allocate_for_draft(conn: sqlite3.Connection, settings: Settings, title: str, text: str, year: int,
                       user: str) -> str:
    """The 发文字号 of a 审查意见书 on a draft checked outside the archive (one per draft text)."""
    from reviewer.archive.intake import text_digest

    key = {"kind": OPINION, "sha256": text_digest(text)}
    return _number(conn, settings, None, key, year, user, {"title": title})


def _number(conn: sqlite3.Connection, settings: Settings, document_id: int | None, key: dict, year: int,
            user: str, extra: dict | None = None) -> str:
    """The number already given to the letter ``key`` names, or the next one of the year.

    Looked up and allocated inside one write transaction, so two clerks printing at once never
    get the same number.
    """
    with write(conn):
        rows = conn.execute("SELECT detail FROM log WHERE action = ? AND document_id IS ? ORDER BY id",
                            (LOG_ACTION, document_id)).fetchall()
        for (detail,) in rows:
            known = json.loads(detail)
            if all(known.get(k) == v for k, v in key.items()):
                return known["number"]
        counter = f"letter_seq:{year}"
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (counter,)).fetchone()
        seq = int(row[0]) + 1 if row else 1
        conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (counter, str(seq)))
        number = numbering.render(template(conn, settings), settings.code, year, seq)
        log.append(conn, user, LOG_ACTION, document_id, {**key, **(extra or {}), "number": number,
                                                          "year": year, "seq": seq})
    return number


def build(conn: sqlite3.Connection, settings: Settings, document_id: int, kind: str, date: dt.date, user: str):
    """The python-docx Document of one letter, and its 发文字号."""
    from reviewer.model import Document, DocumentReport, Metadata, SourceText
    from reviewer.report import filing_letters, gongwen, opinion

    rec = record(conn, document_id)
    check_kind(rec, kind)
    number = allocate(conn, settings, rec, kind, date.year, user)
    meta = Metadata(title=rec.title, doc_number=rec.doc_number, issuer=rec.issuer)
    report = DocumentReport(Document(SourceText(f"{document_id}", "archive", rec.text), (), meta, rec.level), ())
    findings = tuple(finding_from_dict(d) for d in rec.accepted)
    office = settings.office
    if kind == OPINION:
        letter = opinion.letter(report, findings=findings, staff_opinion=rec.opinion, decision=rec.decision,
                                office=office, number=number, date=date)
    elif kind == RECEIPT:
        letter = filing_letters.receipt(report, registration=rec.registration or "", received=rec.received,
                                        office=office, number=number, date=date)
    elif kind == COMPLETION:
        letter = filing_letters.completion(report, missing=rec.missing, staff_opinion=rec.opinion,
                                           received=rec.received, office=office, number=number, date=date)
    else:
        letter = filing_letters.refusal(report, findings=findings, staff_opinion=rec.opinion, received=rec.received,
                                        office=office, number=number, date=date)
    return gongwen.build([letter]), number


def finding_from_dict(data: dict):
    """A Finding back from its stored JSON (the archive keeps Finding.to_dict())."""
    from reviewer.model import Basis, Finding, Location, Severity

    loc = data.get("location") or {}
    return Finding(
        code=data.get("code", ""), name=data.get("name", ""), family=data.get("family", ""),
        severity=Severity(data.get("severity", "warning")), title=data.get("title", ""),
        message=data.get("message", ""), match=data.get("match", ""), context=data.get("context", ""),
        location=Location(loc.get("locator", ""), loc.get("line", 0), loc.get("column", 0),
                          loc.get("offset", 0), loc.get("length", 0)),
        basis=tuple(Basis(b.get("law", ""), b.get("article", "")) for b in data.get("basis", ())),
        suggestion=data.get("suggestion", ""), fingerprint=data.get("fingerprint", ""),
    )
