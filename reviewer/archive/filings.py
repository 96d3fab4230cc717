"""The filing lifecycle: submit → review (通过/需纠正/不予备案/退回补正) → resubmit or resend → …,
every version and every material kept.

All writes happen in one BEGIN IMMEDIATE transaction per command, with their log entries, so a
crash leaves either the whole change or none of it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from reviewer.archive import log, materials, search, selection
from reviewer.archive.db import now, write
from reviewer.archive.intake import Checker, Intake, take
from reviewer.archive.records import (
    DECISIONS,
    FILING_AWAITING,
    FILING_PASSED,
    FILING_PENDING,
    FILING_RETURNED,
    PACKAGE_FLAGS,
    FilingMeta,
    Outcome,
    Settings,
)
from reviewer.errors import ArchiveError

ACCEPT = "采纳"  # the finding stands: the document must be corrected
DISMISS = "驳回"  # the finding is a false alarm, with a reason


def get_row(conn: sqlite3.Connection, document_id: int) -> sqlite3.Row:
    """The document's row, or an ArchiveError naming the missing id."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise ArchiveError(f"档案库中没有编号为 {document_id} 的文件，请用 reviewer archive list 查看")
    return row


def insert_version(conn: sqlite3.Connection, document_id: int, number: int, intake: Intake, user: str,
                    note: str | None) -> int:
    meta = intake.meta
    vid = conn.execute(
        "INSERT INTO versions(document_id, version, path, format, sha256, title, doc_number, issuer, text,"
        " check_status, submitted_at, submitted_by, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (document_id, number, intake.path, intake.format, intake.sha256, meta.title, meta.doc_number,
         meta.issuer, intake.text, "已检查", now(), user, note),
    ).lastrowid
    assert vid is not None  # an INSERT always sets it
    search.index_version(conn, vid, meta.title, meta.doc_number, meta.issuer, intake.text)
    # The citation index: parsed once per version, resolved later (laws/citation_index.py).
    from reviewer.laws.citation_index import index_version as index_citations

    index_citations(conn, vid, document_id, intake.text)
    for f in intake.findings:
        conn.execute(
            "INSERT INTO findings(version_id, code, severity, title, locator, match, fingerprint, json)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (vid, f.code, f.severity.value, f.title, f.location.locator, f.match, f.fingerprint,
             json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True)),
        )
    conn.execute("UPDATE documents SET current_version_id = ?, updated_at = ? WHERE id = ?", (vid, now(), document_id))
    return vid


def insert_document(conn: sqlite3.Connection, meta: FilingMeta, source: str, filing_status: str,
                    status: str) -> int:
    """Insert the documents row (inside the caller's transaction) and return its id."""
    flags = {col: int(key in meta.package) for key, (col, _) in PACKAGE_FLAGS.items()}
    stamp = now()
    doc_id = conn.execute(
        "INSERT INTO documents(title, doc_number, issuer, level, issue_date, publish_date, effective_date,"
        " expiry_date, received_date, filing_status, status, source, created_at, updated_at,"
        f" {', '.join(flags)}) VALUES ({', '.join('?' * (14 + len(flags)))})",
        (meta.title, meta.doc_number, meta.issuer, meta.level, meta.issue_date, meta.publish_date,
         meta.effective_date, meta.expiry_date, meta.received_date, filing_status, status, source, stamp, stamp,
         *flags.values()),
    ).lastrowid
    assert doc_id is not None  # an INSERT always sets it
    return doc_id


def _warnings(conn: sqlite3.Connection, settings: Settings, intake: Intake, exclude: int | None) -> list[str]:
    out = [f"疑似重复：{d['reason']}，与已归档的第 {d['id']} 号文件《{d['title']}》相近（相似度 {d['score']}）"
           for d in search.near_duplicates(conn, intake.meta.title or "", intake.text, exclude=exclude)]
    meta = intake.meta
    if meta.publish_date and meta.received_date:
        from reviewer.archive.deadlines import days_between

        days = days_between(meta.publish_date, meta.received_date)
        if days > settings.late_days:
            out.append(f"迟报：公布后第 {days} 天才报备，超过 {settings.late_days} 天的期限")
    missing = [label for key, (_, label) in PACKAGE_FLAGS.items() if key not in meta.package]
    if missing:
        out.append("备案材料不齐：缺少" + "、".join(missing))
    return out + list(intake.notes)


def submit(conn: sqlite3.Connection, settings: Settings, path: str, given: FilingMeta, user: str,
           checker: Checker | None = None, supplied: tuple[materials.Material, ...] = ()) -> Outcome:
    """File a document: check it, store version 1, its findings and the materials sent with it,
    log it; status 待审查."""
    for item in supplied:
        materials.check(item)  # refused before anything is stored
    intake = take(path, replace(given, package=given.package | {m.kind for m in supplied}), checker)
    warnings = _warnings(conn, settings, intake, exclude=None)
    with write(conn):
        doc_id = insert_document(conn, intake.meta, "报备", FILING_PENDING, "未公布")
        vid = insert_version(conn, doc_id, 1, intake, user, None)
        log.append(conn, user, "报备", doc_id, {"版本": 1, "标题": intake.meta.title, "文件": intake.path,
                                                 "问题数": len(intake.findings)})
        materials.store(conn, doc_id, vid, supplied, user)
    return Outcome(doc_id, f"已登记报备：第 {doc_id} 号《{intake.meta.title}》，自动审查发现 {len(intake.findings)} 个问题",
                   {"version": 1, "version_id": vid, "title": intake.meta.title,
                    "filing_status": FILING_PENDING, "findings": len(intake.findings)}, tuple(warnings))


def resubmit(conn: sqlite3.Connection, settings: Settings, document_id: int, path: str, user: str,
             note: str | None = None, checker: Checker | None = None,
             supplied: tuple[materials.Material, ...] = ()) -> Outcome:
    """Store a corrected version (and any materials sent with it); the old one stays. Allowed while
    待审查, 需纠正 or 退回补正; the filing goes back to 待审查."""
    row = get_row(conn, document_id)
    if row["filing_status"] not in (FILING_PENDING, *FILING_AWAITING):
        raise ArchiveError(f"第 {document_id} 号文件的审查结论为“{row['filing_status']}”，不能再报送修改稿")
    for item in supplied:
        materials.check(item)
    given = FilingMeta(title=row["title"], doc_number=row["doc_number"], issuer=row["issuer"], level=row["level"],
                       issue_date=row["issue_date"], publish_date=row["publish_date"],
                       effective_date=row["effective_date"], expiry_date=row["expiry_date"],
                       received_date=row["received_date"])
    intake = take(path, given, checker)
    with write(conn):
        _unchanged(conn, row, "修改稿")
        number = conn.execute("SELECT MAX(version) + 1 FROM versions WHERE document_id = ?",
                              (document_id,)).fetchone()[0]
        vid = insert_version(conn, document_id, number, intake, user, note)
        conn.execute("UPDATE documents SET filing_status = ?, updated_at = ? WHERE id = ?",
                     (FILING_PENDING, now(), document_id))
        log.append(conn, user, "报送修改稿", document_id, {"版本": number, "文件": intake.path,
                                                          "问题数": len(intake.findings)}, note)
        materials.store(conn, document_id, vid, supplied, user)
    standing = [f for f in findings(conn, document_id) if f["decision"] == DISMISS]
    return Outcome(document_id, f"已保存第 {document_id} 号文件的第 {number} 版，自动审查发现 "
                   f"{len(intake.findings)} 个问题（其中 {len(standing)} 个此前已驳回）",
                   {"version": number, "version_id": vid, "filing_status": FILING_PENDING,
                    "findings": len(intake.findings), "dismissed": len(standing)})


def resend(conn: sqlite3.Connection, document_id: int, user: str, supplied: tuple[materials.Material, ...],
           note: str | None = None) -> Outcome:
    """A filing sent back for materials (退回补正) comes back with them, the text unchanged: the
    materials are stored and the filing is 待审查 again. A changed text goes through ``resubmit``."""
    row = get_row(conn, document_id)
    if row["filing_status"] != FILING_RETURNED:
        raise ArchiveError(f"第 {document_id} 号文件当前为“{row['filing_status']}”，只有退回补正的文件可以只补交材料；"
                           "需纠正的文件请报送修改稿")
    if not supplied:
        raise ArchiveError("请至少上传一份补正材料，或报送修改稿")
    for item in supplied:
        materials.check(item)
    with write(conn):
        _unchanged(conn, row, "补正材料")
        ids = materials.store(conn, document_id, row["current_version_id"], supplied, user)
        conn.execute("UPDATE documents SET filing_status = ?, updated_at = ? WHERE id = ?",
                     (FILING_PENDING, now(), document_id))
        log.append(conn, user, "补正后重新报送", document_id, {"材料": [materials.label(m.kind) for m in supplied]},
                   note)
    return Outcome(document_id, f"已补交第 {document_id} 号文件的 {len(ids)} 份材料，重新进入待审查",
                   {"materials": ids, "filing_status": FILING_PENDING})


def add_materials(conn: sqlite3.Connection, document_id: int, user: str,
                  supplied: tuple[materials.Material, ...]) -> Outcome:
    """Materials sent later for a filing still under review (待审查) or waiting for the department;
    a decided filing (通过、不予备案) keeps the materials it was decided on."""
    row = get_row(conn, document_id)
    if row["filing_status"] not in (FILING_PENDING, *FILING_AWAITING):
        raise ArchiveError(f"第 {document_id} 号文件的审查结论为“{row['filing_status']}”，不能再补交材料")
    if not supplied:
        raise ArchiveError("请至少选择一份备案材料")
    for item in supplied:
        materials.check(item)
    with write(conn):
        _unchanged(conn, row, "材料")
        ids = materials.store(conn, document_id, row["current_version_id"], supplied, user)
    return Outcome(document_id, f"已为第 {document_id} 号文件保存 {len(ids)} 份备案材料", {"materials": ids})


def findings(conn: sqlite3.Connection, document_id: int, version: int | None = None) -> list[dict]:
    """Findings of a version (default: current) with the decision in force for each fingerprint."""
    row = get_row(conn, document_id)
    if version is None:
        vid = row["current_version_id"]
    else:
        hit = conn.execute("SELECT id FROM versions WHERE document_id = ? AND version = ?",
                           (document_id, version)).fetchone()
        if hit is None:
            raise ArchiveError(f"第 {document_id} 号文件没有第 {version} 版")
        vid = hit["id"]
    rows = conn.execute(
        "SELECT f.id, f.code, f.severity, f.title, f.locator, f.match, f.fingerprint,"
        " (SELECT decision FROM finding_decisions d WHERE d.document_id = ? AND d.fingerprint = f.fingerprint"
        "  ORDER BY d.id DESC LIMIT 1) AS decision,"
        " (SELECT reason FROM finding_decisions d WHERE d.document_id = ? AND d.fingerprint = f.fingerprint"
        "  ORDER BY d.id DESC LIMIT 1) AS reason"
        " FROM findings f WHERE f.version_id = ? ORDER BY f.id",
        (document_id, document_id, vid),
    )
    return [dict(r) for r in rows]


def findings_by_fingerprint(conn: sqlite3.Connection, document_id: int) -> dict[str, dict]:
    """Every finding any version of a document had, by fingerprint (the newest version's record
    of it wins): what the log's fingerprints stand for, even for findings a later version fixed."""
    get_row(conn, document_id)
    rows = conn.execute(
        "SELECT f.fingerprint, f.code, f.severity, f.title, f.locator, f.match, v.version FROM findings f"
        " JOIN versions v ON v.id = f.version_id WHERE v.document_id = ? ORDER BY v.version, f.id",
        (document_id,))
    return {r["fingerprint"]: dict(r) for r in rows}


# A fingerprint prefix must be long enough that a mistyped position can never pass for one.
MIN_FINGERPRINT_PREFIX = 6


def _resolve(current: list[dict], ref: str) -> str:
    """A fingerprint from the finding's 1-based position (as `show` lists them), a full
    fingerprint, or a unique prefix of at least six characters."""
    ref = ref.strip()
    if ref.isdigit() and len(ref) < MIN_FINGERPRINT_PREFIX:
        if not 1 <= int(ref) <= len(current):
            raise ArchiveError(f"问题序号 {ref} 不存在：本文件共有 {len(current)} 个问题，序号从 1 开始")
        return current[int(ref) - 1]["fingerprint"]
    if len(ref) < MIN_FINGERPRINT_PREFIX:
        raise ArchiveError(f"问题“{ref}”无法识别：请用问题序号，或至少 {MIN_FINGERPRINT_PREFIX} 位指纹")
    hits = {f["fingerprint"] for f in current if f["fingerprint"].startswith(ref)}
    if len(hits) != 1:
        what = "不唯一" if hits else "不存在"
        raise ArchiveError(f"问题“{ref}”{what}；请用 reviewer archive show 查看问题序号或指纹")
    return hits.pop()


def _refuse_conflicts(current: list[dict], chosen: list[tuple[str, str, str | None]]) -> None:
    """One finding cannot be both accepted and dismissed in the same review."""
    decided: dict[str, str] = {}
    for fp, decision, _ in chosen:
        if decided.setdefault(fp, decision) != decision:
            position = next(n for n, f in enumerate(current, 1) if f["fingerprint"] == fp)
            raise ArchiveError(f"第 {position} 个问题不能同时采纳和驳回，请只选一种")


def review(conn: sqlite3.Connection, document_id: int, decision: str, opinion: str | None, user: str,
           accept: tuple[str, ...] = (), dismiss: tuple[tuple[str, str], ...] = ()) -> Outcome:
    """Record the reviewer's decision and per-finding accept/dismiss (dismissals need a reason)."""
    if decision not in DECISIONS:
        raise ArchiveError(f"审查结论只能是：{'、'.join(DECISIONS)}")
    row = get_row(conn, document_id)
    if row["filing_status"] != FILING_PENDING:
        raise ArchiveError(f"第 {document_id} 号文件当前为“{row['filing_status']}”，只有待审查的文件可以审查")
    current = findings(conn, document_id)
    chosen: list[tuple[str, str, str | None]] = [(_resolve(current, ref), ACCEPT, None) for ref in selection.expand(accept, len(current))]
    for refs, reason in dismiss:
        if not reason or not reason.strip():
            raise ArchiveError(f"驳回问题“{refs}”必须说明理由")
        chosen += [(_resolve(current, ref), DISMISS, reason.strip()) for ref in selection.expand([refs], len(current))]
    _refuse_conflicts(current, chosen)
    in_force = {f["fingerprint"]: f["decision"] for f in current}
    in_force.update({fp: d for fp, d, _ in chosen})
    if decision == FILING_PASSED and ACCEPT in in_force.values():
        raise ArchiveError("仍有已采纳（成立）的问题未纠正，不能审查通过；请改为“需纠正”或驳回相应问题")
    undecided = [n for n, f in enumerate(current, 1) if f["severity"] == "error" and not in_force[f["fingerprint"]]]
    if decision == FILING_PASSED and undecided:
        # 有错必纠: every error-level finding needs the reviewer's word before a document passes.
        raise ArchiveError(f"第 {'、'.join(map(str, undecided))} 个问题为“错误”级且尚未处理，请先采纳或说明理由驳回")
    if decision == FILING_RETURNED and not (opinion or "").strip() and not missing_materials(row):
        raise ArchiveError("退回补正须在审查意见中写明需要补正的材料或内容（备案材料已齐全）")
    stamp = now()
    with write(conn):
        _unchanged(conn, row, "审查结论")
        for fp, d, why in chosen:
            conn.execute(
                "INSERT INTO finding_decisions(document_id, version_id, fingerprint, decision, reason, decided_at,"
                " decided_by) VALUES (?,?,?,?,?,?,?)",
                (document_id, row["current_version_id"], fp, d, why, stamp, user))
        rid = conn.execute(
            "INSERT INTO reviews(document_id, version_id, decision, opinion, reviewed_at, reviewed_by)"
            " VALUES (?,?,?,?,?,?)", (document_id, row["current_version_id"], decision, opinion, stamp, user)
        ).lastrowid
        conn.execute("UPDATE documents SET filing_status = ?, updated_at = ? WHERE id = ?",
                     (decision, stamp, document_id))
        log.append(conn, user, "审查", document_id,
                   {"结论": decision, "采纳": [c[0] for c in chosen if c[1] == ACCEPT],
                    "驳回": [c[0] for c in chosen if c[1] == DISMISS]}, opinion)
    accepted = sum(1 for c in chosen if c[1] == ACCEPT)
    return Outcome(document_id, f"第 {document_id} 号文件审查结论：{decision}",
                   {"review_id": rid, "filing_status": decision, "accepted": accepted,
                    "dismissed": len(chosen) - accepted})


def missing_materials(row: sqlite3.Row | dict) -> list[str]:
    """The labels of the PACKAGE_FLAGS materials a document's row says were not supplied."""
    return [label for column, label in PACKAGE_FLAGS.values() if not row[column]]


def _unchanged(conn: sqlite3.Connection, before: sqlite3.Row, what: str) -> None:
    """Refuse, under the write lock, when another user decided or resubmitted since ``before`` was
    read (two reviewers deciding at once; a corrected version arriving while a review is saved)."""
    now_row = get_row(conn, before["id"])
    if (now_row["filing_status"], now_row["current_version_id"]) != (before["filing_status"],
                                                                     before["current_version_id"]):
        raise ArchiveError(f"第 {before['id']} 号文件刚被他人处理（当前为“{now_row['filing_status']}”），"
                           f"本次{what}没有保存；请刷新后重新查看")


def versions(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """Every version of a document, oldest first, without the text."""
    get_row(conn, document_id)
    return [dict(r) for r in conn.execute(
        "SELECT id, version, path, format, sha256, title, check_status, submitted_at, submitted_by, note,"
        " length(text) AS chars FROM versions WHERE document_id = ? ORDER BY version", (document_id,))]


def version_text(conn: sqlite3.Connection, document_id: int, version: int | None = None) -> str:
    """The full text of a version (default: current)."""
    row = get_row(conn, document_id)
    if version is None:
        hit = conn.execute("SELECT text FROM versions WHERE id = ?", (row["current_version_id"],)).fetchone()
    else:
        hit = conn.execute("SELECT text FROM versions WHERE document_id = ? AND version = ?",
                           (document_id, version)).fetchone()
    if hit is None:
        raise ArchiveError(f"第 {document_id} 号文件没有第 {version} 版")
    return hit["text"]
