"""Filing materials (备案材料): the files a department sends with a filing, kept in the archive.

The five kinds are the keys of ``PACKAGE_FLAGS`` (备案报告、起草说明、合法性审核意见、集体讨论记录、
制定依据). The bytes live in the ``materials`` table of the archive file itself, so a backup
holds them, a download reads a row by its id and never a path, and the name the department's
computer gave the file is kept only as a label (cleaned, without any folder part).

Rows are only ever added: a newer upload of the same kind supersedes the older one for display,
and both stay. Storing a material also marks its flag on the document as supplied.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
from dataclasses import dataclass

from reviewer.archive import log
from reviewer.archive.db import now
from reviewer.archive.records import PACKAGE_FLAGS
from reviewer.errors import ArchiveError
from reviewer.sanitize import clean_text

# What offices send as materials: scans, Word and WPS files, OFD, spreadsheets, plain text.
SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".ofd", ".txt", ".xlsx", ".xls", ".jpg", ".jpeg", ".png")
MAX_BYTES = 20 * 1024 * 1024
MAX_NAME = 120
LOG_ACTION = "上传备案材料"


@dataclass(frozen=True)
class Material:
    """One uploaded material before it is stored: its kind, the sender's file name and the bytes."""

    kind: str
    filename: str
    data: bytes


def label(kind: str) -> str:
    return PACKAGE_FLAGS[kind][1]


def display_name(filename: str) -> str:
    """The sender's name reduced to a label: no folders (either slash), no control characters,
    NFC, at most ``MAX_NAME`` characters with the suffix kept."""
    name = clean_text(unicodedata.normalize("NFC", filename or "")).replace("\\", "/").split("/")[-1].strip()
    name = name.lstrip(".")  # no hidden files, no "..": a label starts with a character
    stem, suffix = os.path.splitext(name)
    if len(name) > MAX_NAME:
        name = stem[: MAX_NAME - len(suffix)] + suffix
    return name


def check(material: Material, limit: int = MAX_BYTES) -> tuple[str, str]:
    """The cleaned name and suffix of an acceptable material, or an ArchiveError saying why not."""
    if material.kind not in PACKAGE_FLAGS:
        raise ArchiveError(f"未知的备案材料种类“{material.kind}”；可选：{'、'.join(v[1] for v in PACKAGE_FLAGS.values())}")
    what = label(material.kind)
    name = display_name(material.filename)
    suffix = os.path.splitext(name)[1].lower()
    if not name or not os.path.splitext(name)[0]:
        raise ArchiveError(f"{what}：文件没有名称，请重新选择文件")
    if suffix not in SUFFIXES:
        raise ArchiveError(f"{what}“{name}”：不支持“{suffix or '无扩展名'}”文件；"
                           f"请上传 {'、'.join(SUFFIXES)} 格式的文件")
    if not material.data:
        raise ArchiveError(f"{what}“{name}”是空文件，请重新选择")
    if len(material.data) > limit:
        raise ArchiveError(f"{what}“{name}”超过 {limit // (1024 * 1024)} MB 的上限，请压缩或拆分后再上传")
    return name, suffix


def store(conn: sqlite3.Connection, document_id: int, version_id: int | None, items: tuple[Material, ...],
          user: str) -> list[int]:
    """Insert the materials (inside the caller's transaction), mark their flags and log each."""
    ids = []
    for item in items:
        name, suffix = check(item)
        digest = hashlib.sha256(item.data).hexdigest()
        mid = conn.execute(
            "INSERT INTO materials(document_id, version_id, kind, filename, suffix, size, sha256, content,"
            " uploaded_at, uploaded_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (document_id, version_id, item.kind, name, suffix, len(item.data), digest, item.data, now(), user),
        ).lastrowid
        assert mid is not None  # an INSERT always sets it
        column = PACKAGE_FLAGS[item.kind][0]
        conn.execute(f"UPDATE documents SET {column} = 1, updated_at = ? WHERE id = ?", (now(), document_id))
        log.append(conn, user, LOG_ACTION, document_id, {"材料": label(item.kind), "文件": name,
                                                          "大小": len(item.data), "sha256": digest, "编号": mid})
        ids.append(mid)
    return ids


def listing(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """Every material of a document without its bytes, in PACKAGE_FLAGS order then newest first;
    ``current`` is true for the newest of each kind."""
    rows = [dict(r) for r in conn.execute(
        "SELECT id, document_id, version_id, kind, filename, suffix, size, sha256, uploaded_at, uploaded_by,"
        " (SELECT version FROM versions v WHERE v.id = m.version_id) AS version"
        " FROM materials m WHERE document_id = ? ORDER BY id DESC", (document_id,))]
    order = list(PACKAGE_FLAGS)
    rows.sort(key=lambda r: order.index(r["kind"]))  # stable: newest first within a kind
    seen: set[str] = set()
    for row in rows:
        row["label"] = label(row["kind"])
        row["current"] = row["kind"] not in seen
        seen.add(row["kind"])
    return rows


def content(conn: sqlite3.Connection, document_id: int, material_id: int) -> tuple[dict, bytes]:
    """One material of one document (its row and bytes); an ArchiveError when there is no such pair."""
    row = conn.execute(
        "SELECT id, kind, filename, suffix, size, sha256, content FROM materials WHERE id = ? AND document_id = ?",
        (material_id, document_id)).fetchone()
    if row is None:
        raise ArchiveError(f"第 {document_id} 号文件没有编号为 {material_id} 的备案材料")
    info = {k: row[k] for k in ("id", "kind", "filename", "suffix", "size", "sha256")}
    info["label"] = label(row["kind"])
    return info, bytes(row["content"])
