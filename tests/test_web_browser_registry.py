"""The 负责人's registry in a real headless Chromium against a real server: the 登记签发 list, the
sign-off, registration (the number shown), publication, a status change with its reason, and
the document page with the whole history; a department sees its document without the forms.
Screenshots go to tests/artifacts/web/30_… ."""

from __future__ import annotations

import re

from reviewer.archive import Archive, FilingMeta
from reviewer.archive.records import Settings
from tests.browser_helpers import BROWSER, CORPUS, new_page, shot, sign_in
from tests.web_helpers import make_archive, running

pytestmark = BROWSER

MARKET = "某市市场监督管理局"


def _two_versions_passed(db: str) -> int:
    """A filing corrected once: version 1 需纠正, version 2 通过 (done by the reviewer's account)."""
    with Archive.create(db, Settings(office="某市司法局", code="某", require_signoff=True), user="测试"):
        pass
    with Archive.open(db, user="市场局") as archive:
        document_id = archive.submit(str(CORPUS / "示例_违规_市场管理办法.txt"),
                                     FilingMeta(title="某市集贸市场管理办法", issuer=MARKET,
                                                doc_number="某市监规〔2026〕9号")).id
        archive.user = "审查员"
        archive.review(document_id, "需纠正", "第五条设定罚款，请删除。", accept=("1",))
        archive.user = "市场局"
        archive.resubmit(document_id, str(CORPUS / "示例_合法_管理办法.txt"), "已删除第五条")
        archive.user = "审查员"
        findings = archive.show(document_id)["findings"]
        errors = tuple((str(n), "修改稿已依法改写") for n, f in enumerate(findings, 1) if f["severity"] == "error")
        archive.review(document_id, "通过", "修改稿符合要求。", dismiss=errors)
    return document_id


def test_the_head_signs_off_registers_publishes_and_repeals(browser, tmp_path):  # noqa: F811
    db = make_archive(tmp_path)
    document_id = _two_versions_passed(db)
    errors: list[str] = []
    with running(db) as base:
        page = new_page(browser, errors)
        sign_in(page, base, "负责人")
        page.click("text=登记签发")
        page.wait_for_selector("#registry-1")
        assert "待签发（1 件）" in page.inner_text("#registry-1")
        shot(page, "30_registry_to_sign")
        page.click(f'#registry-1 tr[data-id="{document_id}"] a')
        page.wait_for_selector("#acts")
        assert page.inner_text("#signoff-state") == "待签发"
        assert page.inner_text("#reg-number") == "（未登记）"
        # The archive asks for the sign-off first: no registration button until then.
        assert page.locator("#do-register").count() == 0 and "须先签发" in page.inner_text("#form-register")
        shot(page, "31_document_before_signoff")

        page.fill("#form-signoff textarea[name=note]", "同意登记。")
        page.click("#do-signoff")
        page.wait_for_selector(".flash")
        assert "已签发" in page.inner_text(".flash")
        assert page.inner_text("#signoff-state").startswith("负责人 于")
        shot(page, "32_signed_off")

        page.click("#do-register")
        page.wait_for_selector(".flash")
        number = page.inner_text("#reg-number")
        assert re.fullmatch(r"某规〔\d{4}〕1号", number) and number in page.inner_text(".flash")
        shot(page, "33_registered")

        page.fill("#form-publish input[name=date]", "2026-11-30")
        page.fill("#form-publish input[name=channel]", "某市人民政府公报")
        page.click("#do-publish")
        page.wait_for_selector(".flash")
        assert page.inner_text("#doc-status") == "有效"
        shot(page, "34_published")

        # A status change without a reason is refused in place; with one it is recorded.
        page.select_option("#form-status select[name=status]", "已废止")
        page.fill("#form-status textarea[name=reason]", " ")
        page.click("#do-status")  # the browser's own check stops an empty field; a blank one reaches us
        page.wait_for_selector("#action-error")
        assert "变更理由" in page.inner_text("#action-error")
        page.fill("#form-status textarea[name=reason]", "上位法修订，本办法不再适用")
        page.fill("#form-status input[name=date]", "2026-12-01")
        page.click("#do-status")
        page.wait_for_selector(".flash")
        assert page.inner_text("#doc-status") == "已废止"
        assert "当前状态“已废止”不能再变更" in page.inner_text("#form-status")

        # The whole history on one page.
        assert page.locator("#versions tr").count() == 3  # header + 2 versions
        reviews = page.inner_text("#reviews")
        assert "第五条设定罚款，请删除。" in reviews and "修改稿符合要求。" in reviews and "需纠正" in reviews
        assert "同意登记。" in page.inner_text("#signoffs") and number in page.inner_text("#registration")
        assert "某市人民政府公报" in page.inner_text("#publications")
        history = page.inner_text("#status-history")
        assert "上位法修订，本办法不再适用" in history and "2026-12-01" in history
        log = page.inner_text("#log")
        for action in ("报备", "审查", "报送修改稿", "签发", "登记编号", "公布", "状态变更"):
            assert action in log, action
        assert "/corpus/" not in log and "示例_合法_管理办法.txt" in log  # file names, not server paths
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(_artifact("35_document_full_history")), full_page=True)

        page.click('a[href$="/versions/1"]')
        page.wait_for_selector("#version-text")
        assert "罚款" in page.inner_text("#version-text")
        shot(page, "36_version_1_text")

        # The department sees its document and history, and no form to act with.
        department = new_page(browser, errors)
        sign_in(department, base, "市场局")
        department.goto(f"{base}/documents/{document_id}")
        assert department.locator("#acts").count() == 0 and number in department.inner_text("#reg-number")
        assert department.locator("text=登记签发").count() == 0
        shot(department, "37_department_view")
    with Archive.open(db) as archive:
        record = archive.dossier(document_id)
        assert record["status"] == "已废止" and record["signoff"]["signed_by"] == "负责人"
        assert [p["channel"] for p in record["publications"]] == ["某市人民政府公报"]
    assert errors == []


def _artifact(name: str):
    from tests.browser_helpers import ARTIFACTS
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_the_document_log_names_decided_findings_by_place_and_rule(browser, tmp_path):  # noqa: F811
    """The log's review entries list the findings decided, by clause and rule title — one of them
    fixed by the corrected version and still named; the fingerprint is only the tooltip.
    Screenshot 38_document_log_findings."""
    db = make_archive(tmp_path)
    with Archive.open(db, user="市场局") as archive:
        document_id = archive.submit(str(CORPUS / "示例_违规_市场管理办法.txt"),
                                     FilingMeta(title="某市集贸市场管理办法", issuer=MARKET)).id
        archive.user = "审查员"
        archive.review(document_id, "需纠正", "请纠正第四条、第六条。", accept=("1", "4"),
                       dismiss=(("2", "该条件有法律依据"),))
        archive.user = "市场局"
        archive.resubmit(document_id, str(CORPUS / "示例_合法_管理办法.txt"), "已改写")
        found = archive.findings_by_fingerprint(document_id)
        review = next(e for e in archive.log(document_id) if e["action"] == "审查")
    accepted = found[review["detail"]["采纳"][0]]
    dismissed = found[review["detail"]["驳回"][0]]
    errors: list[str] = []
    with running(db) as base:
        page = new_page(browser, errors)
        sign_in(page, base, "审查员")
        page.goto(f"{base}/documents/{document_id}")
        page.wait_for_selector("#log")
        log = page.inner_text("#log")
        expected = f"{accepted['locator']}：{accepted['title']}（已采纳）"
        assert expected == "第四条第一款：以备案、登记、年检等名义变相设定许可（已采纳）"
        assert expected in log and f"{dismissed['locator']}：{dismissed['title']}（已驳回）" in log
        assert "结论：需纠正" in log and page.locator("#log ul.log-findings li").count() == 3
        assert accepted["fingerprint"] not in log and not re.search(r"\b[0-9a-f]{16}\b", log)
        item = page.locator("#log ul.log-findings li", has_text=expected).first
        assert f"指纹 {accepted['fingerprint']}" in item.get_attribute("title")
        page.locator("#log").scroll_into_view_if_needed()
        page.locator("#log").screenshot(path=str(_artifact("38_document_log_findings")))
    assert errors == []
