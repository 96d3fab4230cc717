"""Filing with materials, 需纠正, a corrected version and its comparison, in a real headless
Chromium (Debian's package) driven by Playwright against a real server on 127.0.0.1.
Screenshots go to tests/artifacts/web/20_… ."""

from __future__ import annotations



from tests.browser_helpers import BROWSER, ARTIFACTS, new_page, sign_in
from tests.test_web_resubmit import CORRECTED, DRAFT, PDF
from tests.web_helpers import make_archive, running

pytestmark = BROWSER


def shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_department_files_with_materials_resubmits_after_correction_and_reviewer_passes(browser, tmp_path):  # noqa: F811
    from reviewer.archive import Archive

    draft = tmp_path / "摊位管理办法.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    corrected = tmp_path / "摊位管理办法（修改稿）.txt"
    corrected.write_text(CORRECTED, encoding="utf-8")
    report = tmp_path / "备案报告.pdf"
    report.write_bytes(PDF)
    legality = tmp_path / "合法性审核意见.pdf"
    legality.write_bytes(PDF + b"legality")
    explanation = tmp_path / "起草说明.pdf"
    explanation.write_bytes(PDF + b"explanation")
    db = make_archive(tmp_path)
    errors: list[str] = []
    with running(db) as base:
        # The department checks its draft and files it with two of the five materials.
        page = new_page(browser, errors)
        sign_in(page, base, "市场局")
        page.set_input_files("input[name=draft]", str(draft))
        page.click("#start-check")
        page.wait_for_selector("li.finding")
        page.click("#file-link")
        page.fill("#doc_number", "某市监规〔2026〕9号")
        assert page.locator("#checklist tr").count() == 5
        page.set_input_files("#mat_report", str(report))
        page.set_input_files("#mat_legality", str(legality))
        page.check("input[name=pkg_collective]")  # supplied on paper
        shot(page, "20_filing-form-materials")
        page.click("#submit-filing")
        page.wait_for_selector("#receipt")
        document_id = int(page.inner_text("#receipt-id").strip("第 号"))
        receipt = page.url
        listed = page.inner_text("#material-list")
        assert "备案报告.pdf" in listed and "合法性审核意见.pdf" in listed
        assert "起草说明：缺" in page.inner_text("#receipt") and "集体讨论记录：有" in page.inner_text("#receipt")
        with page.expect_download() as info:
            page.click("#material-list a >> nth=0")
        assert info.value.suggested_filename == "备案报告.pdf"
        assert open(info.value.path(), "rb").read() == PDF
        shot(page, "21_receipt-materials", full=True)

        # The reviewer accepts the fine as a problem and decides 需纠正.
        reviewer = new_page(browser, errors)
        sign_in(reviewer, base, "审查员")
        reviewer.goto(base + "/queue")
        reviewer.click(f'tr[data-id="{document_id}"] a')
        reviewer.wait_for_selector("#review-form")
        assert "起草说明缺" in reviewer.inner_text("#review-materials").replace(" ", "")
        assert reviewer.locator("#version-diff").count() == 0
        assert reviewer.locator('input[name="decision"][value="退回补正"]').count() == 1
        reviewer.check('#f1 input[value="accept"]')
        reviewer.check('input[name="decision"][value="需纠正"]')
        reviewer.click("#submit-review")
        reviewer.wait_for_selector("#download-letter")
        assert reviewer.inner_text("#filing-status") == "需纠正"
        shot(reviewer, "22_review-correct")

        # The department reads the decision on its filing page and sends a corrected version.
        page.goto(base + "/filings")
        page.click(f'#filings a[href$="/filings/{document_id}/receipt"]')
        page.wait_for_selector("#resend-form")
        assert "审查结论：需纠正" in page.inner_text("#latest-review")
        page.set_input_files("#version-file", str(corrected))
        page.set_input_files("#resend_explanation", str(explanation))
        page.fill("#resend-note", "已删除第三条罚款规定")
        shot(page, "23_resend-form", full=True)
        page.click("#submit-resend")
        page.wait_for_selector(".flash")
        assert page.url == receipt
        assert "已保存第" in page.inner_text(".flash") and page.inner_text("#receipt-status") == "待审查"
        assert page.locator("#resend-form").count() == 0
        assert "起草说明.pdf" in page.inner_text("#material-list")
        shot(page, "24_resent", full=True)

        # The reviewer sees what changed since version 1 and passes it.
        reviewer.goto(base + "/queue")
        assert "待审查" in reviewer.inner_text("#stage-1 h2")
        assert reviewer.locator(f'#stage-1 tr[data-id="{document_id}"]').count() == 1
        reviewer.click(f'tr[data-id="{document_id}"] a')
        reviewer.wait_for_selector("#version-diff")
        section = reviewer.locator("#version-diff")
        assert "与上一版本比较（第 1 版 → 第 2 版）" in section.inner_text()
        assert section.locator("del").count() >= 2 and section.locator("ins").count() >= 2
        badges = [section.locator(".badge.flag").nth(k).inner_text() for k in range(section.locator(".badge.flag").count())]
        assert {"情态词", "金额", "期限"} <= set(badges)
        assert "“应当” → “可以”" in section.inner_text()
        section.scroll_into_view_if_needed()
        shot(reviewer, "25_review-diff")
        reviewer.check('input[name="decision"][value="通过"]')
        reviewer.fill("#opinion", "已按审查意见纠正，准予备案。")
        reviewer.click("#submit-review")
        reviewer.wait_for_selector("#download-letter")
        assert reviewer.inner_text("#filing-status") == "通过"
        shot(reviewer, "26_passed")
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["filing_status"] == "通过" and len(record["versions"]) == 2
        assert [r["decision"] for r in record["reviews"]] == ["需纠正", "通过"]
        assert {m["filename"] for m in archive.materials(document_id)} == {"备案报告.pdf", "合法性审核意见.pdf", "起草说明.pdf"}
    assert errors == []
