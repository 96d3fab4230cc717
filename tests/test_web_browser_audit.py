"""Cleanup audits in a real headless Chromium against a real server: a reviewer starts a run and
watches its progress (polled by static/audits.js), reads the proposals with their reasons,
filters them, accepts some, changes one with a note; 负责人 applies the run. Screenshots
40_… go to tests/artifacts/web/."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.archive import Archive
from reviewer.archive.lawbook import LawBook
from reviewer.laws.changes import LawChange
from tests.audit_helpers import AS_OF, build_archive
from tests.test_audit import SCENARIO, _laws_csv
from tests.browser_helpers import BROWSER, new_page, shot, sign_in
from tests.web_helpers import PASSWORD, running

pytestmark = BROWSER

FILLER = 240  # enough documents, rechecked by today's rules, for the progress to be seen


@pytest.fixture()
def db(tmp_path: Path) -> str:
    """The audit scenario (one law repealed, one amended, one document expired) and some filler."""
    filler = [{"title": f"关于第{i}批行政执法事项的通知",
               "text": f"一、各单位应当依法行政，严格执行法律法规规定的权限和程序，编号{i}。\n"
                       "二、建立健全投诉举报制度，畅通群众监督渠道。", "issuer": f"某市第{i % 30}局"}
              for i in range(FILLER)]
    path = build_archive(tmp_path, SCENARIO + filler)
    with Archive.open(path, user="测试") as archive:
        LawBook(archive.conn, "测试").import_catalogue(str(_laws_csv(tmp_path)))
        LawBook(archive.conn, "测试").change(LawChange("丙丁保护法", "废止", "2026-01-01", reason="公报"))
        LawBook(archive.conn, "测试").change(LawChange("甲乙管理法", "修改", "2026-03-01"))
        archive.accounts.add("审查员", "审查人员", PASSWORD)
        archive.accounts.add("负责人", "负责人", PASSWORD)
    return str(path)


def test_reviewer_runs_an_audit_decides_and_the_head_applies(browser, db):  # noqa: F811
    errors: list[str] = []
    with running(db) as base:
        page = new_page(browser, errors)
        sign_in(page, base, "审查员")
        page.click("text=清理审计")
        page.wait_for_selector("#start-form")
        page.fill("input[name=as_of]", AS_OF)
        assert page.is_checked("input[name=recheck]")
        shot(page, "40_audit_start")

        page.click("#start-audit")
        page.wait_for_selector("#audit-status[data-state=running]")
        # The script updates the count from /audits/status until the run ends, then reloads.
        page.wait_for_function("() => { const c = document.getElementById('audit-count');"
                               " return c === null || /已完成 \\d+\\/\\d+/.test(c.textContent); }")
        shot(page, "41_audit_progress")
        page.wait_for_selector('tr[data-run="1"] >> text=已完成', timeout=180_000)
        assert "还没有清理审计" not in page.inner_text("main")
        shot(page, "42_audit_runs")

        page.click('tr[data-run="1"] a')
        page.wait_for_selector("ol.proposals")
        counts = page.inner_text("nav.counts")
        assert "废止 1" in counts and "宣布失效 1" in counts and "未审定 248" in counts
        page.click("#count-2")  # only the proposals to repeal
        page.wait_for_selector("#d1")
        assert page.locator("li.proposal").count() == 1
        assert "丙丁保护法" in page.inner_text("#d1 .laws") and "建议废止" in page.inner_text("#d1")
        shot(page, "43_audit_proposals")
        page.click("#d1 button.accept")
        page.wait_for_selector("#d1 p.decided")
        assert "已审定：废止" in page.inner_text("#d1 p.decided")

        # Changing a proposal needs a note: refused without one, saved with one.
        page.click("#count-1")
        page.wait_for_selector("#d2")
        page.select_option('#d2 select[name=decision]', "继续有效")
        page.click("#d2 button.change")
        page.wait_for_selector("#d2 .error")
        assert "请写明说明" in page.inner_text("#d2 .error")
        shot(page, "44_audit_note_required")
        page.select_option('#d2 select[name=decision]', "继续有效")
        page.fill("#d2 input[name=note]", "所引条款本次修改未涉及，经核对无需修改")
        page.click("#d2 button.change")
        page.wait_for_selector("#d2 p.decided")
        assert "改变建议" in page.inner_text("#d2 p.decided")
        page.click("#count-3")
        page.wait_for_selector("#d5")
        page.click("#d5 button.accept")
        page.wait_for_selector("#d5 p.decided")
        shot(page, "45_audit_decided")

        head = new_page(browser, errors)
        sign_in(head, base, "负责人")
        head.goto(f"{base}/audits/1")
        assert head.inner_text("#apply") == "应用已审定的 3 项决定"
        head.click("#apply")
        head.wait_for_selector("text=已应用第 1 次审计的 3 项决定")
        assert head.locator("#list-ended").count() == 1
        with head.expect_download() as info:
            head.click("#list-ended")
        assert info.value.suggested_filename == "第1次清理废止和失效目录.xlsx"
        shot(head, "46_audit_applied")
    with Archive.open(db) as archive:
        statuses = dict(archive.conn.execute("SELECT id, status FROM documents WHERE id IN (1, 2, 5)").fetchall())
    assert statuses == {1: "已废止", 2: "有效", 5: "失效"}
    assert errors == []
