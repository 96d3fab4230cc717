"""The review screen's numbered marks in a real headless Chromium against a real server: a
corrected filing (version 2) is opened by the reviewer; clicking a mark highlights its finding,
clicking a finding highlights its words, the family filter hides both, and the decision controls
inside a finding still work. Screenshots 70-… go to tests/artifacts/web/."""

from __future__ import annotations

from pathlib import Path


from tests.browser_helpers import BROWSER, CORPUS, new_page, shot, sign_in
from tests.web_helpers import make_archive, running

pytestmark = BROWSER

SAMPLE = "示例_违规_市场管理办法.txt"




def _corrected_filing(db: str, tmp_path: Path) -> int:
    """A filing sent back 需纠正 and resubmitted with one sentence changed: the screen shows
    version 2, its comparison with version 1 and the marks of version 2's findings."""
    from reviewer.archive import Archive, FilingMeta

    text = (CORPUS / SAMPLE).read_text(encoding="utf-8")
    with Archive.open(db, user="测试") as archive:
        document_id = archive.submit(str(CORPUS / SAMPLE), FilingMeta(issuer="某市市场监督管理局")).id
        archive.review(document_id, "需纠正", "请修改。", accept=("1",))
        corrected = tmp_path / "修改稿.txt"
        corrected.write_text(text.replace("本办法自", "本办法经市政府同意，自", 1), encoding="utf-8")
        archive.resubmit(document_id, str(corrected), "已按意见修改")
        assert len(archive.show(document_id)["versions"]) == 2
    return document_id


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_marks_and_findings_lead_to_each_other_and_the_filters_hide_both(browser, tmp_path):
    db = make_archive(tmp_path)
    document_id = _corrected_filing(db, tmp_path)
    errors: list[str] = []
    with running(db) as base:
        page = new_page(browser, errors)
        # A script or style the CSP refused would leave the marks dead: such refusals are errors.
        page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
        sign_in(page, base, "审查员")
        page.goto(f"{base}/filings/{document_id}/review")
        page.wait_for_selector("#marked-text mark.hl")
        findings = page.locator("li.finding")
        count = findings.count()
        assert count >= 10 and page.locator("#version-diff").count() == 1
        assert page.locator("#shown").inner_text() == f"显示 {count} / {count} 处"
        for n in range(1, count + 1):  # every finding has its anchor and number in the text
            assert page.locator(f"#marked-text #m{n}").count() == 1
        assert page.locator("li.finding .unplaced").count() == 0
        # Nothing sticky covers the first finding before any scrolling.
        bulk, first = _box(page, "#bulk"), _box(page, "#f1")
        assert first["y"] >= bulk["y"] + bulk["height"] - 1
        shot(page, "70-review-marks")

        # A mark deep in the text → its finding is highlighted and scrolled into the list, below the bar.
        last = count - 1
        mark = page.locator(f'#marked-text mark.hl[data-f~="{last}"]').first
        mark.scroll_into_view_if_needed()
        mark.click()
        assert "current" in (page.get_attribute(f"#f{last}", "class") or "")
        assert page.locator("li.finding.current").count() == 1
        item, bulk, pane = _box(page, f"#f{last}"), _box(page, "#bulk"), _box(page, "aside.findings")
        assert item["y"] >= bulk["y"] + bulk["height"] - 1, "the sticky bar covers the chosen finding"
        assert item["y"] + item["height"] <= pane["y"] + pane["height"] + 1
        shot(page, "71-mark-clicked")
        # Back up the list: an earlier finding lands below the sticky bulk bar, not under it.
        page.locator('#marked-text mark.hl[data-f~="2"]').first.click()
        item, bulk = _box(page, "#f2"), _box(page, "#bulk")
        assert "current" in (page.get_attribute("#f2", "class") or "")
        assert item["y"] >= bulk["y"] + bulk["height"] - 1, "the sticky bar covers the chosen finding"
        page.locator(f'#marked-text mark.hl[data-f~="{last}"]').first.click()

        # A finding → its words are highlighted and brought into view in the text.
        page.locator("#f2 strong.title").click()
        marked = page.locator('#marked-text mark.hl.current')
        assert marked.count() >= 1
        assert all("2" in marked.nth(i).get_attribute("data-f").split() for i in range(marked.count()))
        text_box, words = _box(page, "#marked-text"), marked.first.bounding_box()
        assert text_box["y"] <= words["y"] <= text_box["y"] + text_box["height"]
        assert "current" not in (page.get_attribute(f"#f{last}", "class") or "")
        shot(page, "72-finding-clicked")

        # The controls inside a finding are the finding's own: ticking and choosing still work.
        page.check("#f1 input.pick")
        page.check('#f1 input[value="accept"]')
        assert page.is_checked("#f1 input.pick") and page.is_checked('#f1 input[value="accept"]')
        assert page.input_value("#opinion").startswith("经审查，该文件存在以下问题：")
        page.uncheck("#f1 input.pick")

        # The family filter hides that family's findings and their numbers, and dims their marks.
        family = page.get_attribute("#f1", "data-family")
        same = page.locator(f'li.finding[data-family="{family}"]').count()
        page.uncheck(f'#filters input[data-filter="family"][value="{family}"]')
        assert page.locator(f'li.finding[data-family="{family}"]:visible').count() == 0
        assert page.locator("li.finding:visible").count() == count - same
        assert page.locator("#shown").inner_text() == f"显示 {count - same} / {count} 处"
        hidden = [n for n in range(1, count + 1) if page.get_attribute(f"#f{n}", "data-family") == family]
        for n in hidden:
            assert not page.locator(f'#marked-text sup.no[data-f="{n}"]').is_visible()
            for i in range(page.locator(f'#marked-text mark.hl[data-f="{n}"]').count()):
                assert "dim" in page.locator(f'#marked-text mark.hl[data-f="{n}"]').nth(i).get_attribute("class")
        shown = next(n for n in range(1, count + 1) if n not in hidden)
        assert page.locator(f'#marked-text sup.no[data-f="{shown}"]').is_visible()
        # 全选 ticks only the findings the filter shows.
        page.check("#select-all")
        assert page.locator("input.pick:checked").count() == count - same
        page.uncheck("#select-all")
        # The severity filter too: with 错误 off, only 警告/提示 remain.
        page.uncheck('#filters input[data-filter="severity"][value="error"]')
        assert page.locator('li.finding.sev-error:visible').count() == 0
        shot(page, "73-filtered")
        page.check('#filters input[data-filter="severity"][value="error"]')
        page.check(f'#filters input[data-filter="family"][value="{family}"]')
        assert page.locator("li.finding:visible").count() == count

        # The decision still goes through, with the choices made beside the marks.
        page.check('input[name="decision"][value="需纠正"]')
        page.click("#submit-review")
        page.wait_for_selector(".flash")
        assert page.locator("p.error").count() == 0 and page.inner_text("#filing-status") == "需纠正"
        assert "采纳" in page.inner_text("#f1")
        assert page.locator("#marked-text mark.hl").count() >= 1  # the decided filing keeps its marks
    assert errors == []
