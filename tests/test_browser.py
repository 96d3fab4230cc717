"""The HTML report in a real browser: headless Chromium loads the page, runs its script and
dumps the rendered DOM, which must hold every highlighted span.

Skipped when Chromium is not installed (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reviewer.model import Document, DocumentReport, Finding, Metadata, Severity, SourceText
from tests.factories import finding_on
from reviewer.report import html as html_report


def chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")

TEXT = (
    "某市集贸市场管理办法\n"
    "第一条　对违反本办法的，处500元罚款，并没收其经营工具。\n"
    "第二条　<img src=x onerror=alert(1)> 开办市场须经区商务局审批同意。\n"
    "第三条　非本市户籍人员不得报名。"
)


def finding(match: str, code: str, family: str, severity: Severity = Severity.ERROR) -> Finding:
    return finding_on(TEXT, match, code=code, family=family, severity=severity)


FINDINGS = (
    finding("处500元罚款", "PENALTY001", "PENALTY"),
    finding("罚款，并没收其经营工具", "PENALTY002", "PENALTY"),  # overlaps the first
    finding("<img src=x onerror=alert(1)>", "PROCEDURE001", "PROCEDURE", Severity.INFO),
    finding("须经区商务局审批同意", "LICENSE001", "LICENSE", Severity.WARNING),
    finding("非本市户籍人员不得报名", "RIGHTS001", "RIGHTS"),
)


class RenderedDom(HTMLParser):
    """Marks (with the finding ids they carry), the <pre> text, images and the ready flag."""

    def __init__(self, dom: str):
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[list[str], list[str], str]] = []  # (classes, ids, text)
        self.pre: list[str] = []
        self.images = 0
        self.ready: str | None = None
        self._mark: list | None = None
        self._in_pre = False
        self.feed(dom)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.ready = attrs.get("data-ready")
        elif tag == "img":
            self.images += 1
        elif tag == "pre":
            self._in_pre = True
            self.pre.append("")
        elif tag == "mark":
            self._mark = [attrs["class"].split(), attrs["data-f"].split(), ""]

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(tuple(self._mark))
            self._mark = None
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._mark is not None:
            self._mark[2] += data
        if self._in_pre:
            self.pre[-1] += data


def dump_dom(page: Path, profile: Path) -> str:
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return result.stdout.decode("utf-8")


@pytest.mark.slow
def test_highlighted_spans_are_in_the_rendered_dom(tmp_path):
    report = DocumentReport(
        Document(SourceText("草案.docx", "docx", TEXT), (), Metadata(title="某市集贸市场管理办法")), FINDINGS
    )
    page = tmp_path / "report.html"
    html_report.write([report], str(page))
    dom = RenderedDom(dump_dom(page, tmp_path / "chromium-profile"))

    # The script ran to its end and counted every highlighted piece.
    assert dom.ready is not None and int(dom.ready) == len(dom.marks) > 0
    # The text is rendered whole; the tag in the document stayed text and made no element.
    assert dom.pre == [TEXT]
    assert dom.images == 0
    for k, f in enumerate(FINDINGS):
        fid = html_report.finding_id(0, k)
        pieces = [m for m in dom.marks if fid in m[1]]
        assert "".join(text for _, _, text in pieces) == f.match
        assert all(f"fam-{f.family}" in classes or "multi" in classes for classes, _, _ in pieces)
