"""The HTML report on paper and behind its filters, in a real Chromium.

Printing (``--print-to-pdf``) must carry every finding: its number, title, reason and the
flagged words; the legend filters by family and severity; the Content-Security-Policy runs
only the page's own script, named by its hash. Skipped without Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from reviewer.pipeline import check_path
from reviewer.report import html as html_report
from tests.test_browser import chromium

pytestmark = pytest.mark.slow  # seconds each: real processes, documents rendered

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLES = [CORPUS / "示例_违规_市场管理办法.docx", CORPUS / "示例_违规_通知.docx"]
ARTIFACTS = Path(__file__).parent / "artifacts"


def flat(text: str) -> str:
    """Compare text as printed: NFKC (PDF fonts map some characters to radicals), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_for(tmp_path: Path, samples=SAMPLES) -> tuple[Path, list]:
    reports = [check_path(str(s)) for s in samples]
    page = tmp_path / "report.html"
    html_report.write(reports, str(page))
    return page, reports


def test_csp_names_the_script_and_style_by_hash_not_unsafe_inline(tmp_path):
    page, _ = page_for(tmp_path, SAMPLES[:1])
    source = page.read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', source).group(1)
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", source, re.S)
    styles = re.findall(r"<style>(.*?)</style>", source, re.S)
    assert len(scripts) == len(styles) == 1
    for kind, body in (("script-src", scripts[0]), ("style-src", styles[0])):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp


def test_marks_carry_the_numbers_of_their_findings(tmp_path):
    page, reports = page_for(tmp_path, SAMPLES[:1])
    source = page.read_text(encoding="utf-8")
    numbers_in_list = re.findall(r'<span class="no">(\[\d+\])</span>', source)
    assert numbers_in_list == [f"[{n}]" for n in range(1, len(reports[0].findings) + 1)]
    on_marks = "".join(re.findall(r'data-n="([^"]+)"', source))
    assert sorted(re.findall(r"\[\d+\]", on_marks), key=lambda s: int(s[1:-1])) == numbers_in_list


def test_legend_offers_a_filter_per_family_present_and_per_severity(tmp_path):
    page, reports = page_for(tmp_path, SAMPLES[:1])
    source = page.read_text(encoding="utf-8")
    families = set(re.findall(r'data-filter="family" value="([A-Z_]+)"', source))
    assert families == {f.family for f in reports[0].findings}
    assert re.findall(r'data-filter="severity" value="(\w+)"', source) == ["error", "warning", "info"]


chromium_only = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


@chromium_only
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_printing_keeps_every_finding(tmp_path):
    page, reports = page_for(tmp_path)
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-component-update",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=180, check=True,
    )
    # pdftotext maps Chromium's CJK glyphs back to characters reliably (pypdf loses some).
    printed = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    findings = [f for r in reports for f in r.findings]
    assert len(findings) >= 29
    for f in findings:
        for text in (f.title, f.message, f.match):
            assert flat(text) in printed, (f.code, text)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile", str(pdf),
                    str(ARTIFACTS / "html_print_p2")], capture_output=True, timeout=60)


@chromium_only
def test_legend_filters_hide_findings_and_dim_their_marks(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path, reports = page_for(tmp_path, SAMPLES[:1])
    findings = reports[0].findings
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(page_path.as_uri())
            visible = lambda: page.locator("li.finding:not(.filtered)").count()  # noqa: E731
            assert visible() == len(findings)
            page.locator('input[data-filter="family"][value="PENALTY"]').uncheck()
            assert visible() == sum(1 for f in findings if f.family != "PENALTY")
            dimmed = page.locator("mark.hl.filtered").count()
            assert dimmed > 0
            page.locator('input[data-filter="severity"][value="error"]').uncheck()
            assert visible() == sum(1 for f in findings if f.family != "PENALTY" and f.severity.value != "error")
            page.locator('input[data-filter="family"][value="PENALTY"]').check()
            page.locator('input[data-filter="severity"][value="error"]').check()
            assert visible() == len(findings) and page.locator("mark.hl.filtered").count() == 0
            assert not errors, errors  # a CSP violation would show here
        finally:
            browser.close()
