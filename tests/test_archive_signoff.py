"""Sign-off (签发) before registration: the library, the setting, the table's history, the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive, FilingMeta
from reviewer.archive import schema
from reviewer.archive.records import Settings
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LAWFUL = str(CORPUS / "示例_合法_通知.txt")


def _archive(tmp_path, require: bool) -> str:
    db = str(tmp_path / "a.db")
    Archive.create(db, Settings(office="某市司法局", code="某", require_signoff=require), user="测试").close()
    return db


def _passed(archive: Archive, title: str = "通知") -> int:
    document_id = archive.submit(LAWFUL, FilingMeta(title=title, issuer="某局")).id
    archive.review(document_id, "通过", "符合要求")
    return document_id


def test_registration_waits_for_the_sign_off_when_required(tmp_path):
    with Archive.open(_archive(tmp_path, True), user="负责人") as archive:
        assert archive.settings.require_signoff
        pending = archive.submit(LAWFUL, FilingMeta(title="待审", issuer="某局")).id
        with pytest.raises(ArchiveError, match="审查通过后才能签发"):
            archive.signoff(pending)
        document_id = _passed(archive)
        assert [r["id"] for r in archive.registry()["待签发"]] == [document_id]
        with pytest.raises(ArchiveError, match="尚未经负责人签发"):
            archive.register(document_id)
        assert archive.conn.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
        outcome = archive.signoff(document_id, "同意")
        assert outcome.data["signed_by"] == "负责人"
        with pytest.raises(ArchiveError, match="已由 负责人"):
            archive.signoff(document_id)
        assert [r["id"] for r in archive.registry()["待登记"]] == [document_id]
        number = archive.register(document_id).data["number"]
        with pytest.raises(ArchiveError, match="已登记"):
            archive.signoff(document_id)
        assert [r["number"] for r in archive.registry()["待公布"]] == [number]
        record = archive.dossier(document_id)
        assert record["signoff"]["note"] == "同意" and len(record["signoffs"]) == 1
        assert record["registration"]["seq"] == 1 and record["registration"]["registered_by"] == "负责人"
        entry = [e for e in record["log"] if e["action"] == "签发"]
        assert len(entry) == 1 and entry[0]["user"] == "负责人" and entry[0]["reason"] == "同意"


def test_without_the_setting_registration_needs_no_sign_off(tmp_path):
    with Archive.open(_archive(tmp_path, False), user="测试") as archive:
        assert not archive.settings.require_signoff
        assert archive.register(_passed(archive)).data["seq"] == 1


def test_sign_offs_are_history(tmp_path):
    with Archive.open(_archive(tmp_path, True), user="负责人") as archive:
        archive.signoff(_passed(archive))
        for statement in ("UPDATE signoffs SET signed_by = 'x'", "DELETE FROM signoffs"):
            with pytest.raises(sqlite3.DatabaseError):
                archive.conn.execute(statement)


def test_an_archive_from_before_the_sign_off_opens_with_it_off(tmp_path):
    db = str(tmp_path / "old.db")
    conn = sqlite3.connect(db, isolation_level=None)
    schema.migrate(conn, target=5)
    conn.execute("INSERT INTO settings(key, value) VALUES ('office', '某市司法局'), ('code', '某')")
    conn.close()
    with Archive.open(db, user="测试") as archive:
        assert schema.version_of(archive.conn) == schema.LATEST
        assert not archive.settings.require_signoff
        assert archive.register(_passed(archive)).data["seq"] == 1


def test_the_cli_signs_off_and_lists_the_registry(tmp_path):
    db = str(tmp_path / "c.db")
    run = CliRunner().invoke
    assert run(cli, ["archive", "--db", db, "init", "--office", "某市司法局", "--code", "某",
                     "--require-signoff"]).exit_code == 0
    assert run(cli, ["archive", "--db", db, "submit", LAWFUL, "--issuer", "某局"]).exit_code == 0
    assert run(cli, ["archive", "--db", db, "review", "1", "-d", "通过"]).exit_code == 0
    refused = run(cli, ["archive", "--db", db, "register", "1"])
    assert refused.exit_code == 2 and "尚未经负责人签发" in refused.output and "Traceback" not in refused.output
    signed = run(cli, ["archive", "--db", db, "--user", "负责人", "signoff", "1", "--note", "同意"])
    assert signed.exit_code == 0 and "已签发" in signed.output
    listing = run(cli, ["archive", "--db", db, "registry", "-f", "json"])
    assert [r["id"] for r in json.loads(listing.output)["待登记"]] == [1]
    assert run(cli, ["archive", "--db", db, "register", "1"]).exit_code == 0
    again = run(cli, ["archive", "--db", db, "signoff", "1"])
    assert again.exit_code == 2 and "已登记" in again.output
    assert "待公布（1 件）" in run(cli, ["archive", "--db", db, "registry"]).output
