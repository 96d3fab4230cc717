"""The public catalogue in a real headless Chromium (Debian's package) driven by Playwright against
a real server: a citizen searches 罚款 and a two-character title word, opens a document, sees its
history, downloads it and sends a 审查建议; staff see it in their register with its deadline and
reply; the citizen reads the reply by receipt number. Nothing unpublished shows. Screenshots go to
tests/artifacts/web/ (50-…)."""

from __future__ import annotations

import re

import pytest

from reviewer.archive import Archive
from tests.browser_helpers import BROWSER, ARTIFACTS, sign_in
from tests.test_web_public import SECRET_WORDS, STAFF, Sample, build_sample
from tests.web_helpers import running

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture()
def sample(tmp_path) -> Sample:
    return build_sample(tmp_path)


def new_page(browser, errors: list[str], viewport: dict = DESKTOP):  # noqa: F811
    page = browser.new_page(viewport=viewport, accept_downloads=True)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # every asset loads (a 404 page itself is checked where it is expected; browsers ask for /favicon.ico)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type
            != "document" and not r.url.endswith("/favicon.ico") else None)
    page.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    return page


def shot(page, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def public_text(page) -> str:
    return page.inner_text("body")


def test_citizen_searches_reads_downloads_suggests_and_reads_the_reply(browser, sample, tmp_path):  # noqa: F811
    import docx

    errors: list[str] = []
    with running(sample.db) as base:
        page = new_page(browser, errors, PHONE)
        page.goto(base + "/public/")
        assert "规范性文件检索" in public_text(page)
        shot(page, "50-public-home-phone")

        page.fill("input[name=q]", "罚款")
        page.click("form.search button[type=submit]")
        assert page.locator("ol.results li").count() == 1
        assert page.locator("ol.results mark").first.inner_text() == "罚款"
        shot(page, "51-public-search-fakuan-phone")

        page.set_viewport_size(DESKTOP)
        page.fill("input[name=q]", "培训")
        page.click("form.search button[type=submit]")
        titles = page.locator("ol.results a.title")
        assert titles.count() == 2
        assert all(titles.nth(k).locator("mark").first.inner_text() == "培训" for k in range(2))
        page.select_option("select[name=status]", "已废止")
        page.click("form.search button[type=submit]")
        assert page.locator("ol.results a.title").count() == 1
        shot(page, "52-public-search-title-word")

        page.click("ol.results a.title")
        assert page.url.endswith(f"/public/documents/{sample.old}")
        history = page.inner_text("#history")
        assert "公布（某市人民政府网站）" in history and "已废止" in history
        assert "被废止：某市校外培训机构管理办法" in history
        assert "第二条 校外培训机构应当公示收费标准和退费办法。" in page.inner_text(".doctext")
        shot(page, "53-public-document-history")
        with page.expect_download() as info:
            page.click("text=Word 文档")
        saved = tmp_path / "doc.docx"
        info.value.save_as(str(saved))
        assert info.value.suggested_filename == "某市校外培训机构管理暂行办法.docx"
        assert docx.Document(str(saved)).paragraphs[0].text == "某市校外培训机构管理暂行办法"

        page.emulate_media(media="print")
        assert not page.locator("section.suggest").is_visible() and page.locator(".doctext").is_visible()
        shot(page, "54-public-document-print")
        page.emulate_media(media="screen")

        page.click("#history a")  # to the document that replaced it, where the suggestion is made
        assert page.url.endswith(f"/public/documents/{sample.new}")
        page.fill("input[name=submitter]", "王市民")
        page.fill("input[name=contact]", "wang@example.com")
        page.fill("input[name=clause]", "第二条")
        page.fill("textarea[name=text]", "<img src=x onerror=alert('x')><script>alert('y')</script>第二条要求公示培训内容，"
                                         "建议明确公示方式。")
        shot(page, "55-public-suggestion-form")
        page.click("section.suggest button[type=submit]")
        receipt = page.inner_text(".receipt-number")
        assert re.fullmatch(r"\d{4}-0001-[2-9A-HJ-NP-Z]{6}", receipt)
        shot(page, "56-public-suggestion-receipt")

        staff = new_page(browser, errors)
        sign_in(staff, base, "审查员")
        staff.click("header nav >> text=审查建议")
        row = staff.locator("table.suggestions tr[data-id]")
        assert row.count() == 1
        with Archive.open(sample.db) as archive:
            item = archive.suggestions()[0]
        text = row.inner_text()
        assert receipt in text and item["due_date"] in text and f"剩余 {item['days_left']} 天" in text
        shot(staff, "57-staff-suggestion-register")
        row.locator("a").first.click()
        assert "<script>alert('y')</script>" in staff.inner_text(".quote")  # shown as text, never run
        assert "wang@example.com" in public_text(staff)
        staff.fill("textarea[name=text]", "经审查，第二条的公示要求有法律依据，已建议制定机关在实施中明确公示方式。")
        staff.click("button[value=reply]")
        assert "已答复" in staff.inner_text("dd.state")
        shot(staff, "58-staff-suggestion-replied")

        page.click("header.site >> text=审查建议查询")
        page.fill("input[name=receipt]", receipt)
        page.click("form.lookup button[type=submit]")
        assert page.inner_text("dd.state") == "已答复"
        assert "已建议制定机关在实施中明确公示方式" in page.inner_text(".reply")
        assert "审查员" not in public_text(page) and STAFF not in public_text(page)
        shot(page, "59-public-suggestion-reply")

        page.goto(base + "/public/catalogue/current")
        assert "某市农贸市场管理办法" in public_text(page) and "暂行办法" not in public_text(page)
        shot(page, "60-public-catalogue-current")
        page.set_viewport_size(PHONE)
        shot(page, "61-public-catalogue-current-phone")
        page.goto(base + f"/public/documents/{sample.market}")
        shot(page, "62-public-document-phone", full=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert errors == []


def test_nothing_unpublished_shows_in_the_browser(browser, sample):  # noqa: F811
    errors: list[str] = []
    with running(sample.db) as base:
        page = new_page(browser, errors)
        for word in ("青鸾草案", "建筑垃圾", "停车场"):
            page.goto(base + "/public/")
            page.fill("input[name=q]", word)
            page.click("form.search button[type=submit]")
            assert page.locator("ol.results li").count() == 0
            assert "没有找到符合条件的已公布文件" in public_text(page)
        shot(page, "63-public-search-draft-word")
        for document_id in (sample.draft, sample.correct):
            response = page.goto(base + f"/public/documents/{document_id}")
            assert response is not None and response.status == 404
            assert "找不到该文件" in public_text(page)
        shot(page, "64-public-not-found")
        page.goto(base + "/public/catalogue/ended")
        assert "某市校外培训机构管理暂行办法" in public_text(page)
        shot(page, "65-public-catalogue-ended")
        for path in ("/public/", "/public/catalogue/current", "/public/catalogue/ended", "/public/search"):
            page.goto(base + path)
            text = public_text(page)
            assert not any(word in text for word in (*SECRET_WORDS, STAFF, "审查员", *sample.findings)), path
    assert errors == []
