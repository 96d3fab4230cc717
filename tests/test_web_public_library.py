"""The public catalogue's library side (reviewer/archive/public.py, search order, receipts) on a
real archive file: title matches before text matches, the title index filled when an archive
from before it is opened, receipt numbers by year, and the answer read back without staff names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer.archive import Archive, schema
from reviewer.archive.public import PUBLIC_USER
from tests.archive_helpers import make_collection, new_archive


def _imported(tmp_path: Path, texts: list[str]) -> Path:
    db = tmp_path / "a.db"
    sheet = make_collection(tmp_path / "docs", texts)
    with new_archive(db) as archive:
        archive.import_collection(str(sheet), str(tmp_path / "docs"))
    return db


TEXTS = ["关于城市供热管理的通知\n各单位要做好冬季保障。", "关于环境卫生的通知\n冬季供热期间注意防火。",
         "关于道路养护的通知\n做好道路养护。"]


def test_title_matches_come_before_newer_text_matches(tmp_path: Path):
    db = _imported(tmp_path, TEXTS)
    with Archive.open(db) as archive:
        hits, more = archive.public.search("供热")
        assert [h.id for h in hits] == [1, 2] and not more
        assert ("供热", True) in hits[0].title and ("供热", True) in hits[1].snippet
        page, more = archive.public.search("通知", limit=2)
        assert [h.id for h in page] == [3, 2] and more  # newest first within the tier
        assert [h.id for h in archive.public.search("通知", limit=2, offset=2)[0]] == [1]


def test_an_archive_from_before_the_title_index_is_indexed_on_opening(tmp_path: Path):
    db = _imported(tmp_path, TEXTS)
    conn = sqlite3.connect(db, isolation_level=None)
    # what version 7 had: no title index, no receipt columns, nothing of version 10
    conn.executescript("""
        DROP TABLE title_index; DROP INDEX documents_publish_date; DROP INDEX suggestions_receipt;
        ALTER TABLE suggestions DROP COLUMN receipt; ALTER TABLE suggestions DROP COLUMN contact;
        ALTER TABLE suggestions DROP COLUMN clause;
        DROP TABLE audit_verdicts; DROP INDEX audit_results_run_outcome; DROP INDEX documents_queue_received;
        DROP INDEX documents_queue_updated; DROP INDEX reviews_document; DROP INDEX status_history_document;
        DROP INDEX publications_document; PRAGMA user_version = 7;
    """)
    conn.close()
    with Archive.open(db) as archive:
        assert schema.version_of(archive.conn) == schema.LATEST
        assert [h.id for h in archive.public.search("供热")[0]] == [1, 2]
        assert archive.conn.execute("SELECT count(*) FROM title_index").fetchone()[0] == 3


def test_receipts_count_per_year_and_the_answer_has_no_staff_name(tmp_path: Path):
    db = _imported(tmp_path, TEXTS)
    with Archive.open(db, user="张科员") as archive:
        first = archive.suggest(1, "甲", "来信", "建议一", date="2025-12-30").data["receipt"]
        second = archive.suggest(1, "乙", "来信", "建议二", date="2026-01-02").data["receipt"]
        third = archive.public.suggest(2, "公民", {"submitter": "丙", "contact": "电话", "text": "建议三"},
                                       "2026-01-03").data["receipt"]
        assert first.startswith("2025-0001-") and second.startswith("2026-0001-") and third.startswith("2026-0002-")
        archive.reply_suggestion(archive.suggestions()[-1]["id"], "已答复丙", date="2026-01-05")
        found = archive.public.answer(third)
        assert found is not None
        answer, title = found
        assert answer.reply == "已答复丙" and title == "关于环境卫生的通知"
        assert "张科员" not in str(answer.to_dict())
        assert archive.public.answer(third[:-1] + ("A" if third[-1] != "A" else "B")) is None
        entry = [e for e in archive.log(2) if e["action"] == "收到审查建议"][0]
        assert entry["user"] == PUBLIC_USER
