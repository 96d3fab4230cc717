"""Auditing a folder of documents for an office without an archive.

The folder is loaded into an archive file (created if needed) with the metadata each document
states about itself (title, 发文字号, issuer, dates), status 有效, so the run, the workbook and the
decisions work exactly as for a real archive — and an interrupted load or run resumes: files
already loaded (by path) are skipped. Unreadable files are reported, not fatal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reviewer.archive import filings, log
from reviewer.archive.db import now, write
from reviewer.archive.intake import Intake, text_digest
from reviewer.archive.records import FILING_PASSED, STATUS_VALID, FilingMeta
from reviewer.errors import ArchiveError, ReviewerError

SOURCE = "清理导入"
SUFFIXES = (".txt", ".docx", ".md", ".pdf")
BATCH = 200


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ArchiveError(f"{folder}: 文件夹不存在")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _intake(path: Path) -> Intake:
    from reviewer.pipeline import load_document

    doc = load_document(str(path))
    m = doc.metadata
    meta = FilingMeta(title=m.title or path.stem, doc_number=m.doc_number, issuer=m.issuer, level=doc.level,
                      issue_date=_iso(m.issue_date), publish_date=_iso(m.publish_date),
                      effective_date=_iso(m.effective_date), expiry_date=_iso(m.expiry_date),
                      received_date=now()[:10])
    return Intake(meta=meta, path=str(path), format=doc.source.format, text=doc.text, sha256=text_digest(doc.text),
                  findings=())


def _store(conn: sqlite3.Connection, intake: Intake, user: str) -> int:
    doc_id = filings.insert_document(conn, intake.meta, SOURCE, FILING_PASSED, STATUS_VALID)
    filings.insert_version(conn, doc_id, 1, intake, user, SOURCE)
    conn.execute("INSERT INTO status_history(document_id, old_status, new_status, date, reason, recorded_at,"
                 " recorded_by) VALUES (?,?,?,?,?,?,?)",
                 (doc_id, None, STATUS_VALID, intake.meta.publish_date or now()[:10], SOURCE, now(), user))
    log.append(conn, user, SOURCE, doc_id, {"文件": intake.path, "标题": intake.meta.title})
    return doc_id


def _batches(items: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_folder(conn: sqlite3.Connection, folder: str, user: str) -> dict:
    """Load every readable document of ``folder`` not loaded before; returns counts and problems."""
    files = _files(Path(folder).resolve())
    loaded = {r[0] for r in conn.execute("SELECT v.path FROM versions v JOIN documents d ON d.id = v.document_id"
                                         " WHERE d.source = ?", (SOURCE,))}
    todo = [p for p in files if str(p) not in loaded]
    added, problems = 0, []
    for batch in _batches(todo, BATCH):
        intakes = []
        for path in batch:
            try:
                intakes.append(_intake(path))
            except ReviewerError as exc:
                problems.append(exc.message)
        with write(conn):
            for intake in intakes:
                _store(conn, intake, user)
                added += 1
    return {"files": len(files), "added": added, "skipped": len(files) - len(todo), "problems": problems}
