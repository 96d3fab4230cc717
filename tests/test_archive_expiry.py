"""有效期: the reminder N days before, the automatic 失效 the day after (logged, with its reason,
idempotent), on fixed dates passed to the library; then the real CLI on dates around today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive, FilingMeta, expiry
from reviewer.cli.main import cli
from tests.archive_helpers import new_archive
from tests.dashboard_helpers import EDUCATION, populate


@pytest.fixture()
def filed(tmp_path: Path):
    with new_archive(tmp_path / "a.db", expiry_notice_days=30) as archive:
        ids = populate(archive, tmp_path)
        yield archive, ids


def _ids(rows: list[dict]) -> list[int]:
    return [r["id"] for r in rows]


def test_reminder_starts_n_days_before_and_lasts_through_the_last_day(filed):
    archive, ids = filed
    # 有效期至 2025-06-30, notice 30 days: not yet on 05-30, listed from 05-31 through 06-30.
    assert ids["market"] not in _ids(archive.expiring("2025-05-30")["expiring"])
    first = archive.expiring("2025-05-31")
    assert first["days"] == 30 and first["today"] == "2025-05-31"
    row = next(r for r in first["expiring"] if r["id"] == ids["market"])
    assert row["days_left"] == 30 and row["expiry_date"] == "2025-06-30"
    last = archive.expiring("2025-06-30")["expiring"]
    assert [(r["id"], r["days_left"]) for r in last] == [(ids["market"], 0)]
    # The window is a setting; an explicit --days wins; the filter by issuing body keeps others out.
    assert _ids(archive.expiring("2025-05-01", days=60)["expiring"]) == [ids["market"]]
    assert archive.expiring("2025-09-01", issuer=EDUCATION)["expiring"][0]["id"] == ids["education"]
    assert archive.expiring("2025-06-30", issuer=EDUCATION)["expiring"] == []
    # On its last day a document is still in force: nothing to expire yet.
    assert archive.expire("2025-06-30") == []
    assert archive.show(ids["market"])["status"] == "有效"


def test_the_day_after_expiry_the_status_becomes_expired_logged_with_the_reason(filed):
    archive, ids = filed
    changed = archive.expire("2025-07-01", trigger="测试")
    assert [(r["id"], r["lapse_date"]) for r in changed] == [(ids["market"], "2025-07-01")]
    info = archive.show(ids["market"])
    assert info["status"] == "失效"
    last = info["status_history"][-1]
    assert (last["old_status"], last["new_status"], last["date"]) == ("有效", "失效", "2025-07-01")
    assert last["reason"] == "有效期届满（2025-06-30）" and last["recorded_by"] == expiry.SYSTEM_USER
    entry = archive.log(ids["market"])[-1]
    assert (entry["user"], entry["action"], entry["reason"]) == (expiry.SYSTEM_USER, "状态变更", "有效期届满（2025-06-30）")
    assert entry["detail"]["触发"] == "测试" and entry["detail"]["新状态"] == "失效"
    # The other document (有效期至 2025-09-30) is untouched.
    assert archive.show(ids["education"])["status"] == "有效"
    # Shown as ended: the expired list, the status filter and the published catalogue read the archive.
    ended = archive.expiring("2025-07-01")["expired"]
    assert [(r["id"], r["pending"]) for r in ended] == [(ids["market"], False)]
    assert _ids(archive.documents(status="失效")) == [ids["market"]]
    from reviewer.archive import exports

    current = exports.catalogue(archive.conn, ("有效", "已修改"), None, None)
    assert [r["title"] for r in current] == ["某市教育局关于做好假期值班工作的通知"]


def test_expiring_again_changes_nothing_and_logs_nothing(filed):
    archive, ids = filed
    archive.expire("2025-10-05")
    entries = len(archive.log())
    history = len(archive.show(ids["market"])["status_history"])
    assert archive.expire("2025-10-05") == [] and archive.expire("2025-10-06") == []
    assert len(archive.log()) == entries
    assert len(archive.show(ids["market"])["status_history"]) == history
    assert {archive.show(i)["status"] for i in (ids["market"], ids["education"])} == {"失效"}


def test_a_document_not_in_force_or_without_a_date_is_left_alone(filed, tmp_path: Path):
    archive, ids = filed
    archive.set_status(ids["education"], "已废止", "被新文件取代", date="2025-08-01")
    archive.expire("2025-10-05")
    assert archive.show(ids["education"])["status"] == "已废止"
    # The pending filing (no 有效期, not published) is not touched either.
    assert archive.show(ids["pending"])["status"] == "未公布"


def test_a_future_date_is_refused(filed):
    archive, _ = filed
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(Exception, match="不能按今天之后的日期"):
        archive.expire(later)
    # Listing ahead is only a preview and is allowed.
    assert archive.expiring(later)["today"] == later


def test_expiry_notice_days_is_a_setting_kept_in_the_archive(tmp_path: Path):
    db = tmp_path / "s.db"
    out = CliRunner().invoke(cli, ["archive", "--db", str(db), "init", "--office", "某市司法局", "--code", "某",
                                   "--expiry-notice-days", "45", "-f", "json"])
    assert out.exit_code == 0, out.output
    with Archive.open(db) as archive:
        assert archive.settings.expiry_notice_days == 45
        assert archive.expiring("2025-01-01")["days"] == 45
    bad = CliRunner().invoke(cli, ["archive", "--db", str(db), "init", "--office", "某市司法局", "--code", "某",
                                   "--expiry-notice-days", "0"])
    assert bad.exit_code == 2 and "至少 1 天" in bad.output and "Traceback" not in bad.output


# -- the real CLI, on dates around today -------------------------------------------------------


def run(db: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["archive", "--db", str(db), "--user", "李审查", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _published(archive: Archive, folder: Path, name: str, expiry_date: str) -> int:
    path = folder / f"{name}.txt"
    path.write_text(f"某市教育局关于{name}的通知\n一、各学校要做好相关工作。\n二、本通知自印发之日起施行。\n",
                    encoding="utf-8")
    doc = archive.submit(str(path), FilingMeta(issuer=EDUCATION, publish_date="2024-01-02",
                                               expiry_date=expiry_date)).id
    archive.review(doc, "通过", "符合要求")
    archive.register(doc)
    archive.publish(doc, "2024-01-02", "政府网站")
    return doc


def test_cli_lists_then_applies_and_the_log_names_the_system_user(tmp_path: Path):
    db = tmp_path / "c.db"
    today = dt.date.today()
    with new_archive(db, expiry_notice_days=30) as archive:
        ended = _published(archive, tmp_path, "期满文件", (today - dt.timedelta(days=1)).isoformat())
        soon = _published(archive, tmp_path, "将届满文件", (today + dt.timedelta(days=10)).isoformat())
        later = _published(archive, tmp_path, "远期文件", (today + dt.timedelta(days=90)).isoformat())
    listed = run(db, "expiring")
    assert [(r["id"], r["days_left"]) for r in listed["expiring"]] == [(soon, 10)]
    assert [(r["id"], r["pending"]) for r in listed["expired"]] == [(ended, True)]
    applied = run(db, "expiring", "--apply")
    assert [r["id"] for r in applied["expired_now"]] == [ended]
    assert [(r["id"], r["pending"]) for r in applied["expired"]] == [(ended, False)]
    assert run(db, "expire")["count"] == 0  # idempotent
    shown = run(db, "show", str(ended))
    assert shown["status"] == "失效" and shown["status_history"][-1]["reason"].startswith("有效期届满（")
    entry = run(db, "log", str(ended))["items"][-1]
    assert entry["user"] == expiry.SYSTEM_USER and entry["detail"]["触发"] == "reviewer archive expiring --apply（李审查）"
    assert run(db, "show", str(later))["status"] == "有效"
    text = CliRunner().invoke(cli, ["archive", "--db", str(db), "expiring"])
    assert text.exit_code == 0 and "剩余 10 天" in text.output and "已失效" in text.output
    refused = CliRunner().invoke(cli, ["archive", "--db", str(db), "expire", "--as-of",
                                       (today + dt.timedelta(days=5)).isoformat()])
    assert refused.exit_code == 2 and "今天之后" in refused.output and "Traceback" not in refused.output


def test_two_runs_at_once_change_each_document_once(filed):
    import threading

    archive, ids = filed
    results: list[list[dict]] = []
    start = threading.Barrier(4)

    def run_once() -> None:
        with Archive.open(archive.path, user="并发") as other:
            start.wait()
            results.append(other.expire("2025-10-05", trigger="并发"))

    threads = [threading.Thread(target=run_once) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r["id"] for batch in results for r in batch) == sorted([ids["market"], ids["education"]])
    for doc in (ids["market"], ids["education"]):
        history = archive.show(doc)["status_history"]
        assert [h["new_status"] for h in history].count("失效") == 1
