"""Two users acting on one filing at once: the second write is refused under the write lock, not
saved over the first (found while writing the web load test: two 负责人 working one queue)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.archive import Archive, FilingMeta
from reviewer.archive import filings
from reviewer.archive.records import Settings
from reviewer.errors import ArchiveError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LAWFUL = str(CORPUS / "示例_合法_通知.txt")


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive.create(path, Settings(office="某市司法局", code="某"), user="测试") as archive:
        archive.submit(LAWFUL, FilingMeta(title="通知", issuer="某局"))
    return path


def test_a_second_review_decided_meanwhile_is_refused(db, monkeypatch):
    """Between reading the filing and saving, another reviewer passes it: one review stays."""
    read = filings.findings

    def meanwhile(conn, document_id, version=None):
        monkeypatch.setattr(filings, "findings", read)
        with Archive.open(db, user="甲") as other:
            other.review(document_id, "通过", "甲的意见")
        return read(conn, document_id, version)

    monkeypatch.setattr(filings, "findings", meanwhile)
    with Archive.open(db, user="乙") as archive:
        with pytest.raises(ArchiveError, match="刚被他人处理（当前为“通过”），本次审查结论没有保存"):
            archive.review(1, "需纠正", "乙的意见")
        reviews = archive.show(1)["reviews"]
        assert [(r["reviewed_by"], r["decision"]) for r in reviews] == [("甲", "通过")]
        assert [e["user"] for e in archive.log(1) if e["action"] == "审查"] == ["甲"]


def test_a_corrected_version_cannot_reopen_a_filing_passed_meanwhile(db, monkeypatch):
    """A resubmission read while 待审查, saved after the filing passed and was registered: refused,
    the passed filing and its number stand."""
    take = filings.take

    def meanwhile(path, given, checker=None):
        monkeypatch.setattr(filings, "take", take)
        with Archive.open(db, user="甲") as other:
            other.review(1, "通过", "符合要求")
            other.register(1)
        return take(path, given, checker)

    monkeypatch.setattr(filings, "take", meanwhile)
    with Archive.open(db, user="乙") as archive:
        with pytest.raises(ArchiveError, match="本次修改稿没有保存"):
            archive.resubmit(1, LAWFUL)
        record = archive.show(1)
        assert record["filing_status"] == "通过" and record["number"] and len(record["versions"]) == 1
