"""Item 1 (and 11's failed writes): no output ever replaces an input or the archive, or is left half-written."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.hostile.helpers import DRAFT, archive_with_filing, integrity_ok, refused, run


@pytest.mark.parametrize("fmt", ["text", "json", "html", "xlsx", "opinion"])
def test_check_never_writes_over_its_input(tmp_path, fmt):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    refused(run("check", str(draft), "-f", fmt, "-o", str(draft)))
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_check_never_writes_over_a_hard_link_to_its_input(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    os.link(draft, tmp_path / "link.txt")
    refused(run("check", str(draft), "-f", "json", "-o", str(tmp_path / "link.txt")))
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_check_never_writes_over_the_archive(tmp_path):
    db = archive_with_filing(tmp_path)
    draft = tmp_path / "d2.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    refused(run("check", str(draft), "-f", "json", "-o", str(db)))
    refused(run("check", str(draft), "-f", "json", "-o", f"{db}-wal", env={"REVIEWER_DB": str(db)}))
    assert integrity_ok(db)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_an_output_replaced_atomically_breaks_a_hard_link_instead_of_writing_through_it(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    old = tmp_path / "old.json"
    old.write_text("keep", encoding="utf-8")
    os.link(old, tmp_path / "out.json")
    result = run("check", str(draft), "-f", "json", "-o", str(tmp_path / "out.json"), "--force")
    assert result.exit_code == 1
    assert old.read_text(encoding="utf-8") == "keep"
    assert '"version": 1' in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_truncated_file_and_no_temporary_file(tmp_path, monkeypatch):
    from reviewer.outputs import atomic_output

    target = tmp_path / "report.json"
    target.write_text("previous report", encoding="utf-8")
    with pytest.raises(OSError):
        with atomic_output(target) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            fh.write("half")
            raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_failed_backup_leaves_nothing_that_blocks_the_retry(tmp_path, monkeypatch):
    from reviewer.archive import Archive

    db = archive_with_filing(tmp_path)
    dest = tmp_path / "backup.db"
    class FailingBackup:
        """The archive's connection, except that the copy fails half-way (disk full, I/O error)."""

        def __init__(self, conn):
            self.conn = conn

        def execute(self, *args):
            return self.conn.execute(*args)

        def backup(self, target):
            target.execute("CREATE TABLE half(x)")
            raise sqlite3.OperationalError("disk I/O error")

    with Archive.open(db) as archive:
        real = archive.conn
        archive.conn = FailingBackup(real)
        with pytest.raises(sqlite3.Error):
            archive.backup(str(dest))
        archive.conn = real
        assert not dest.exists()
        assert archive.backup(str(dest)) > 0
    assert integrity_ok(dest)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_archive_export_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    from reviewer.archive import Archive, exports

    db = archive_with_filing(tmp_path)
    target = tmp_path / "目录.csv"
    target.write_text("old catalogue", encoding="utf-8-sig")

    def broken(rows, path, fmt, **layout):
        Path(path).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exports, "write_catalogue", broken)
    with Archive.open(db) as archive, pytest.raises(OSError):
        archive.export(str(target), force=True)
    assert target.read_text(encoding="utf-8-sig") == "old catalogue"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_device_as_output_is_written_directly(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert run("check", str(draft), "-f", "json", "-o", os.devnull).exit_code == 1
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()
