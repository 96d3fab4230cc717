"""The home page and the dashboard in a real headless Chromium (Debian's package) driven by
Playwright against a real server: reminders on a fixed clock, the automatic 失效 the day after,
filters, charts, the workbook and the annual report downloaded and read back, a department
refused. Screenshots 60–66 go to tests/artifacts/web/."""

from __future__ import annotations

from pathlib import Path


from reviewer.archive import Archive
from reviewer.web.app import create_app
from tests.dashboard_helpers import MARKET, populate
from tests.browser_helpers import BROWSER, new_page, shot, sign_in
from tests.web_helpers import make_archive, serving

pytestmark = BROWSER




def test_home_reminds_then_expires_and_the_dashboard_downloads(browser, tmp_path: Path):
    import docx
    from openpyxl import load_workbook

    db = make_archive(tmp_path)
    app = create_app(db)
    with Archive.open(db, user="测试") as archive:
        ids = populate(archive, tmp_path)
    clock = {"today": "2025-06-16"}
    app.config["REVIEWER_CLOCK"] = lambda: clock["today"]
    errors: list[str] = []
    with serving(app) as base:
        page = new_page(browser, errors)
        sign_in(page, base, "审查员")
        assert page.url == base + "/home"
        row = page.locator(f'#expiring tr[data-id="{ids["market"]}"]')
        assert "剩余 14 天" in row.inner_text()
        shot(page, "60_home_expiring")

        clock["today"] = "2025-07-01"  # the day after 有效期至 2025-06-30
        page.reload()
        assert "失效" in page.locator(f'#expired tr[data-id="{ids["market"]}"]').inner_text()
        assert page.locator(f'#expiring tr[data-id="{ids["market"]}"]').count() == 0
        shot(page, "61_home_expired")

        page.click("nav >> text=统计")
        page.wait_for_selector("#charts svg")
        assert page.locator("#charts svg").count() == 7
        assert "只计已载入发文目录" in page.inner_text("#gaps")
        shot(page, "62_dashboard")
        page.select_option("select[name=period]", "2025")
        page.select_option("select[name=by]", "quarter")
        page.click("#filters button[type=submit]")
        page.wait_for_selector("#figures")
        assert "2025年第1季度" in page.inner_text("#figures")
        page.locator("#figures").scroll_into_view_if_needed()
        shot(page, "63_dashboard_table")
        page.select_option("select[name=issuer]", MARKET)
        page.click("#filters button[type=submit]")
        page.wait_for_selector("#figures")
        assert "某市教育局" not in page.inner_text("#figures")
        shot(page, "64_dashboard_one_body")

        with page.expect_download() as info:
            page.click("#xlsx")
        sheet = tmp_path / "统计.xlsx"
        info.value.save_as(sheet)
        rows = [[c.value for c in r] for r in load_workbook(sheet)["统计表"].iter_rows()]
        assert any(r[0] == MARKET and r[1] == "2025年第1季度" for r in rows)
        with page.expect_download() as info:
            page.click("#annual button[type=submit]")
        report = tmp_path / "报告.docx"
        info.value.save_as(report)
        text = "".join(p.text for p in docx.Document(str(report)).paragraphs).replace("\n", "")
        assert "2025年度规范性文件备案审查工作情况的报告（草稿）" in text and "报备率50.0%" in text
        page.locator("#definitions").scroll_into_view_if_needed()
        shot(page, "65_dashboard_definitions")

        department = new_page(browser, errors)
        sign_in(department, base, "市场局")
        response = department.goto(base + "/dashboard")
        assert response.status == 403 and "无权" in department.inner_text("main")
        shot(department, "66_dashboard_refused")
    assert errors == []
