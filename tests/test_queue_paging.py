"""The review queue a page at a time (a large archive must not list every pending filing on one
page): Archive.queue with limit/offset keeps the deadline order across pages, queue_counts gives
the totals, and the web queue pages with them."""

from __future__ import annotations

import re

import pytest

from reviewer.archive import Archive, FilingMeta
from reviewer.web import filings
from tests.test_web import CORPUS, Client
from tests.web_helpers import make_archive, running

RECEIVED = ("2026-11-20", "2020-01-02", "2026-11-25", "2025-06-30", "2026-11-20")


@pytest.fixture()
def db(tmp_path):
    path = make_archive(tmp_path)
    with Archive.open(path, user="测试") as archive:
        for n, day in enumerate(RECEIVED, 1):
            archive.submit(str(CORPUS / "示例_合法_通知.txt"),
                           FilingMeta(title=f"第{n}件通知", issuer="某市教育局", received_date=day))
        corrected = archive.submit(str(CORPUS / "示例_合法_通知.txt"), FilingMeta(title="要纠正的", issuer="某市教育局"))
        archive.review(corrected.id, "需纠正", "请修改。")
    return path


def test_pages_keep_the_deadline_order_and_counts_give_the_totals(db):
    with Archive.open(db) as archive:
        whole = [r["id"] for r in archive.queue()["待审查"]]
        assert whole == [2, 4, 1, 5, 3]  # oldest received (most overdue) first, ties by number
        paged = [r["id"] for offset in (0, 2, 4) for r in archive.queue(limit=2, offset=offset)["待审查"]]
        assert paged == whole
        assert archive.queue(limit=2, offset=2)["待审查"][0]["days_left"] <= \
            archive.queue(limit=2, offset=4)["待审查"][0]["days_left"]
        assert archive.queue_counts() == {"待审查": 5, "需纠正": 1, "需补正": 0}
        assert archive.queue_counts("某市教育局") == {"待审查": 5, "需纠正": 1, "需补正": 0}
        assert archive.queue_counts("别的单位") == {"待审查": 0, "需纠正": 0, "需补正": 0}
        assert len(archive.queue(limit=0)["需纠正"]) == 0 and len(archive.queue()["需纠正"]) == 1


def test_the_web_queue_pages(db, monkeypatch):
    monkeypatch.setattr(filings, "QUEUE_PAGE", 2)
    with running(db) as base:
        client = Client(base)
        client.login("审查员")
        page = client.get("/queue")[2].decode()
        assert "待审查（5 件）" in page and "第 1/3 页" in page and 'rel="next"' in page
        assert re.findall(r'data-id="(\d+)"', page)[:2] == ["2", "4"]
        page = client.get("/queue?page=3")[2].decode()
        assert "第 3/3 页" in page and re.findall(r'data-id="(\d+)"', page)[0] == "3" and 'rel="prev"' in page
        # Out of range or nonsense: the nearest page, never an error.
        assert "第 3/3 页" in client.get("/queue?page=99")[2].decode()
        assert "第 1/3 页" in client.get("/queue?page=abc")[2].decode()
