"""Shared builders for the audit and laws tests: a real archive of documents citing real laws."""

from __future__ import annotations

import csv
from pathlib import Path

from reviewer.archive import Archive
from tests.archive_helpers import new_archive

AS_OF = "2026-11-28"


def build_archive(tmp_path: Path, docs: list[dict], name: str = "a.db") -> Path:
    """Import ``docs`` (title, text, and optional number, issuer, publish, status) into a new archive."""
    folder = tmp_path / f"{name}_docs"
    folder.mkdir(parents=True, exist_ok=True)
    sheet = tmp_path / f"{name}.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["文件名", "标题", "发文字号", "制定机关", "公布日期", "登记号", "状态"])
        for i, doc in enumerate(docs, start=1):
            file = f"doc{i:05d}.txt"
            (folder / file).write_text(doc["title"] + "\n" + doc["text"], encoding="utf-8")
            out.writerow([file, doc["title"], doc.get("number", f"某政发〔2023〕{i}号"),
                          doc.get("issuer", f"某市第{i}局"), doc.get("publish", "2023-05-01"),
                          f"某规〔2023〕{i}号", doc.get("status", "有效")])
    db = tmp_path / name
    with new_archive(db) as archive:
        archive.import_collection(str(sheet), str(folder))
    return db


def reasons_by_doc(archive: Archive, run_id: int) -> dict[int, list[str]]:
    """document id → reason codes, for compact assertions."""
    from reviewer.audit import runs

    return {r["document_id"]: [x["code"] for x in r["reasons"]] for r in runs.results(archive.conn, run_id)}


def outcomes(archive: Archive, run_id: int) -> dict[int, str]:
    from reviewer.audit import runs

    return {r["document_id"]: r["outcome"] for r in runs.results(archive.conn, run_id)}
