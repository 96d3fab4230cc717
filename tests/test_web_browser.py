"""The web workspace in a real headless Chromium (Debian's package) driven by Playwright against
a real server on 127.0.0.1: sign-in, throttling, a department's draft checked, filtered and
downloaded, and markup in a draft shown as text. Screenshots go to tests/artifacts/web/."""

from __future__ import annotations


import pytest

from tests.browser_helpers import BROWSER, CORPUS, new_page, shot, sign_in
from tests.web_helpers import PASSWORD, make_archive, running

pytestmark = BROWSER


@pytest.fixture()
def server(tmp_path):
    with running(make_archive(tmp_path), login_limit=3) as base:
        yield base


def test_sign_in_wrong_then_right_then_throttled(browser, server):
    errors: list[str] = []
    page = new_page(browser, errors)
    sign_in(page, server, "市场局", "wrong-password")
    assert "登录名或密码不正确" in page.inner_text(".error")
    shot(page, "01-login-wrong")
    sign_in(page, server, "市场局")
    assert page.url == server + "/"
    assert "市场局（报备单位，某市市场监督管理局）" in page.inner_text("header")
    shot(page, "02-upload")

    other = new_page(browser, errors)
    for _ in range(3):
        sign_in(other, server, "审查员", "wrong-password")
    sign_in(other, server, "审查员")  # the right password, too late
    assert "密码错误次数过多" in other.inner_text(".error")
    assert other.url.startswith(server + "/login")
    shot(other, "03-login-throttled")
    assert errors == []


def test_department_checks_filters_and_downloads_the_commented_copy(browser, server, tmp_path):
    import docx

    errors: list[str] = []
    page = new_page(browser, errors)
    sign_in(page, server, "市场局")
    page.set_input_files("input[name=draft]", str(CORPUS / "示例_违规_通知.txt"))
    page.click("#start-check")
    page.wait_for_selector("li.finding")
    items = page.locator("li.finding")
    total = items.count()
    assert total >= 5
    assert "不得印发" in page.inner_text(".verdict")
    first = items.nth(0)
    for word in ("理由：", "依据：", "建议："):
        assert word in first.inner_text()
    shot(page, "04-report")

    # Clicking a mark selects its finding; clicking a finding selects its words.
    page.locator("mark.hl").first.click()
    assert page.locator("li.finding.current").count() == 1
    number = page.locator("li.finding").nth(2).get_attribute("data-f")
    page.locator("li.finding").nth(2).click()
    current = page.locator("mark.hl.current")
    assert current.count() >= 1 and number in current.first.get_attribute("data-f").split()

    # Filter: only errors, then additionally drop one family.
    for value in ("warning", "info"):
        page.uncheck(f'input[data-filter="severity"][value="{value}"]')
    visible = page.locator("li.finding:visible")
    errors_only = visible.count()
    assert 0 < errors_only < total
    assert all(visible.nth(k).get_attribute("data-severity") == "error" for k in range(errors_only))
    family = visible.nth(0).get_attribute("data-family")
    page.uncheck(f'input[data-filter="family"][value="{family}"]')
    visible = page.locator("li.finding:visible")
    assert all(visible.nth(k).get_attribute("data-family") != family for k in range(visible.count()))
    assert f"/ {total} 处" in page.inner_text("#shown")
    shot(page, "05-report-filtered")

    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename == "示例_违规_通知.审查.docx"
    saved = tmp_path / "copy.docx"
    download.save_as(str(saved))
    document = docx.Document(str(saved))
    comments = list(document.comments)
    assert len(comments) == total
    assert any("罚款" in c.text or "处罚" in c.text for c in comments)
    assert errors == []


def test_markup_in_a_draft_is_shown_as_text(browser, server, tmp_path):
    draft = tmp_path / "<img src=x onerror=alert('name')>.txt"  # the page's title when none is found
    draft.write_text("关于<script>alert('title')</script>管理的通知\n"
                     "一、对违反本通知的，处500元罚款。<img src=x onerror=alert('img')>\n"
                     "二、详见 <a href=\"javascript:alert('link')\">链接</a> 。\n", encoding="utf-8")
    errors: list[str] = []
    page = new_page(browser, errors)
    sign_in(page, server, "市场局")
    page.set_input_files("input[name=draft]", str(draft))
    page.click("#start-check")
    page.wait_for_selector("article.text")
    text = page.inner_text("article.text")
    assert "<script>alert('title')</script>" in text
    assert "<img src=x onerror=alert('img')>" in text
    assert "javascript:alert('link')" in text
    assert page.locator("article.text script, article.text img, article.text a[href^=javascript]").count() == 0
    assert page.inner_text("h1") == "<img src=x onerror=alert('name')>"
    assert page.locator("img").count() == 0
    shot(page, "06-markup-as-text")
    assert errors == []


def test_department_files_and_reviewer_decides_and_downloads_the_letter(browser, tmp_path):
    import docx

    from reviewer.archive import Archive

    db = make_archive(tmp_path)
    with Archive.open(db, user="测试") as archive:
        archive.accounts.add("教育局", "报备单位", PASSWORD, "某市教育局")
    errors: list[str] = []
    with running(db) as base:
        # A department checks the violating sample and files it from the report page.
        page = new_page(browser, errors)
        sign_in(page, base, "市场局")
        page.set_input_files("input[name=draft]", str(CORPUS / "示例_违规_市场管理办法.docx"))
        page.click("#start-check")
        page.wait_for_selector("li.finding")
        page.click("#file-link")
        assert page.input_value("#issuer") == "某市市场监督管理局"
        page.fill("#doc_number", "某市监规〔2026〕7号")
        page.fill("#publish_date", "2026-11-20")
        page.check("input[name=pkg_report]")
        page.check("input[name=pkg_legality]")
        shot(page, "07-filing-form")
        page.click("#submit-filing")
        page.wait_for_selector("#receipt")
        receipt = page.url
        assert "报备回执" in page.inner_text("h1") and "某市监规〔2026〕7号" in page.inner_text("#receipt")
        document_id = int(page.inner_text("#receipt-id").strip("第 号"))
        shot(page, "08-receipt")

        # Another unit's account cannot open it by URL.
        other = new_page(browser, errors)
        sign_in(other, base, "教育局")
        response = other.goto(receipt)
        assert response.status == 404 and "不属于您的单位" in other.inner_text("main")
        assert other.goto(f"{base}/filings/{document_id}/review").status == 403

        # The reviewer opens the queue and the filing.
        reviewer = new_page(browser, errors)
        sign_in(reviewer, base, "审查员")
        reviewer.goto(base + "/queue")
        assert "剩余 30 天" in reviewer.inner_text(f'tr[data-id="{document_id}"]')
        shot(reviewer, "09-queue")
        reviewer.click(f'tr[data-id="{document_id}"] a')
        reviewer.wait_for_selector("#review-form")
        count = reviewer.locator("li.finding").count()
        assert count >= 3
        # Accept the first two in bulk, dismiss the third with a reason one at a time.
        reviewer.check("#f1 input.pick")
        reviewer.check("#f2 input.pick")
        reviewer.click("#bulk-accept")
        reviewer.check('#f3 input[value="dismiss"]')
        reviewer.fill('input[name="reason_3"]', "该项措施有上位法明确授权")
        drafted = reviewer.input_value("#opinion")
        assert drafted.startswith("经审查，该文件存在以下问题：") and "\n2. " in drafted and "\n3. " not in drafted
        reviewer.fill("#opinion", drafted + "\n（审查员补充）请于三十日内报送修改稿。")
        reviewer.check('input[name="decision"][value="需纠正"]')
        shot(reviewer, "10-review")
        reviewer.click("#submit-review")
        reviewer.wait_for_selector("#download-letter")
        assert reviewer.inner_text("#filing-status") == "需纠正"
        assert "驳回：该项措施有上位法明确授权" in reviewer.inner_text("#f3")
        shot(reviewer, "11-reviewed")
        with reviewer.expect_download() as info:
            reviewer.click("#download-letter")
        saved = tmp_path / "letter.docx"
        info.value.save_as(str(saved))
        assert info.value.suggested_filename.endswith(".审查意见书.docx")
        words = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
        assert "某市司法局" in words
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["filing_status"] == "需纠正" and "（审查员补充）" in record["reviews"][0]["opinion"]
        assert [f["decision"] for f in record["findings"][:3]] == ["采纳", "采纳", "驳回"]
    assert errors == []
