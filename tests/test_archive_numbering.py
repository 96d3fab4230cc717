"""Uniform numbering: templates, scopes, and 4 real processes registering at the same moment."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from reviewer.archive import Archive
from reviewer.errors import ArchiveError
from tests.archive_helpers import make_collection, new_archive

WORKERS, EACH = 4, 50


def _register_many(db: str, ids: list[int], start: mp.Event, results: mp.Queue) -> None:
    with Archive.open(db, user="worker") as archive:
        start.wait()
        numbers = [archive.register(i, "2024-03-01").data["number"] for i in ids]
    results.put(numbers)


def _passed_documents(tmp_path: Path, count: int, **settings) -> Path:
    db = tmp_path / "a.db"
    sheet = make_collection(tmp_path / "docs", [f"关于第{i}项工作的通知\n正文{i}" for i in range(count)])
    with new_archive(db, **settings) as archive:
        archive.import_collection(str(sheet), str(tmp_path / "docs"))
    return db


@pytest.mark.slow
def test_four_processes_get_200_distinct_consecutive_numbers(tmp_path: Path):
    db = _passed_documents(tmp_path, WORKERS * EACH)
    ctx = mp.get_context("fork")
    start, results = ctx.Event(), ctx.Queue()
    # Interleave ids so that every worker competes over the whole range.
    procs = [ctx.Process(target=_register_many, args=(str(db), list(range(w + 1, WORKERS * EACH + 1, WORKERS)),
                                                       start, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    start.set()
    numbers = [n for _ in procs for n in results.get(timeout=120)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert len(numbers) == len(set(numbers)) == WORKERS * EACH
    conn = sqlite3.connect(db)
    seqs = [r[0] for r in conn.execute("SELECT seq FROM registrations ORDER BY seq")]
    assert seqs == list(range(1, WORKERS * EACH + 1))
    assert conn.execute("SELECT count(*) FROM log WHERE action = '登记编号'").fetchone()[0] == WORKERS * EACH
    assert sorted(numbers) == sorted(f"某规〔2024〕{s}号" for s in seqs)


def test_templates_sequences_per_year_and_issuer(tmp_path: Path):
    db = _passed_documents(tmp_path, 3, template="{code}-{year}-{seq:04d}")
    with Archive.open(db) as archive:
        assert archive.register(1, "2023-12-31").data["number"] == "某-2023-0001"
        assert archive.register(2, "2024-01-02").data["number"] == "某-2024-0001"
        assert archive.register(3, "2024-01-03").data["number"] == "某-2024-0002"
        with pytest.raises(ArchiveError, match="已登记"):
            archive.register(3)


@pytest.mark.parametrize("template,by_issuer,message", [
    ("{code}规{seq}号", False, "必须包含"),
    ("{code}〔{year}〕{seq}号", True, "{issuer}"),
    ("{code.__class__}{year}{seq}", False, "无法识别"),
    ("{code}{year}{seq:zz}", False, "格式有误"),
])
def test_bad_templates_are_refused(tmp_path: Path, template: str, by_issuer: bool, message: str):
    with pytest.raises(ArchiveError, match=message):
        new_archive(tmp_path / "x.db", template=template, by_issuer=by_issuer)


def test_imported_numbers_continue_the_sequence(tmp_path: Path):
    db = tmp_path / "a.db"
    texts = ["关于甲的通知\n甲", "关于乙的通知\n乙"]
    sheet = make_collection(tmp_path / "docs", texts, {"登记号": ["某规〔2024〕7号", ""]})
    with new_archive(db) as archive:
        archive.import_collection(str(sheet), str(tmp_path / "docs"))
        assert archive.register(2, "2024-05-01").data["number"] == "某规〔2024〕8号"
