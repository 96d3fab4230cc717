"""The self-contained HTML report (reviewer.report.html), parsed back with html.parser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from reviewer.model import Document, DocumentReport, Finding, Metadata, Severity, SourceText
from tests.factories import finding_at
from reviewer.report import html as html_report

TEXT = (
    "某市集贸市场管理办法\n"
    "第一条　对违反本办法的，处500元罚款，并没收其经营工具。\n"
    '第二条　<script>alert("x")</script> & 须经区商务局审批同意后方可开业。'
)


def finding(match: str, code: str, family: str, severity: Severity = Severity.ERROR, *, length: int | None = None) -> Finding:
    offset = TEXT.index(match)
    return finding_at(
        TEXT, offset, len(match) if length is None else length, code=code, family=family, severity=severity,
        title=f"<b>不得设定</b>{match}", message="规范性文件不得设定行政处罚 & 行政许可。", context=match,
    )


FINDINGS = (
    finding("处500元罚款", "PENALTY001", "PENALTY"),
    finding("500", "PENALTY002", "PENALTY", Severity.WARNING),  # nested in the first
    finding("罚款，并没收", "PENALTY003", "PENALTY"),  # overlaps the first
    finding('<script>alert("x")</script>', "PROCEDURE001", "PROCEDURE", Severity.INFO),
    finding("须经区商务局审批同意", "LICENSE001", "LICENSE", Severity.WARNING),
    finding("后方可开业", "CITATION001", "CITATION", Severity.INFO, length=0),  # something missing here
)


def make_report(findings=FINDINGS, path="草案.docx", title="某市集贸市场管理办法") -> DocumentReport:
    document = Document(SourceText(path, "docx", TEXT), (), Metadata(title=title, doc_number="某政办发〔2024〕3号"))
    return DocumentReport(document, tuple(findings))


class Page(HTMLParser):
    """What a test needs from the page: text inside <pre>, marks, ids, links, resources."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.pre_text: list[str] = []  # one string per <pre>
        self.marks: list[dict] = []  # {"classes", "ids", "text"}
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags_with_src: list[str] = []
        self.scripts: list[str] = []
        self._in_pre = self._in_script = False
        self._mark: dict | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "src" in attrs or tag == "link":
            self.tags_with_src.append(tag)
        if tag == "pre":
            self._in_pre = True
            self.pre_text.append("")
        elif tag == "mark":
            self._mark = {"classes": attrs["class"].split(), "ids": attrs["data-f"].split(), "text": ""}
            self.marks.append(self._mark)
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False
        elif tag == "mark":
            self._mark = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_pre:
            self.pre_text[-1] += data
        if self._mark is not None:
            self._mark["text"] += data
        if self._in_script:
            self.scripts[-1] += data

    def text_of(self, finding_id: str) -> str:
        return "".join(m["text"] for m in self.marks if finding_id in m["ids"])


@pytest.fixture
def page() -> Page:
    return Page(html_report.render([make_report()]))


def test_document_text_is_shown_whole_and_escaped(page):
    assert page.pre_text == [TEXT]
    assert len(page.scripts) == 1  # only the report's own script; the document's is text
    assert 'alert("x")' not in page.scripts[0]


def test_every_finding_is_highlighted_on_exactly_its_words(page):
    for k, f in enumerate(FINDINGS):
        fid = html_report.finding_id(0, k)
        assert page.text_of(fid) == f.match
        assert fid in page.ids  # the jump target
        assert f"#{fid}" in page.hrefs  # the side-list link
        assert f"{fid}-item" in page.ids


def test_highlights_carry_family_and_severity_and_mark_overlaps(page):
    by_text = {m["text"]: m for m in page.marks}
    assert by_text["500"]["ids"] == ["d0f0", "d0f1"]
    assert "multi" in by_text["500"]["classes"]
    # The piece covered by an error and a warning is drawn as the error.
    assert {"fam-PENALTY", "sev-error"} <= set(by_text["500"]["classes"])
    assert {"fam-LICENSE", "sev-warning"} <= set(by_text["须经区商务局审批同意"]["classes"])
    pins = [m for m in page.marks if "pin" in m["classes"]]
    assert [(p["ids"], p["text"]) for p in pins] == [(["d0f5"], "")]


def test_page_fetches_nothing(page):
    source = html_report.render([make_report()])
    assert page.tags_with_src == []
    assert all(href.startswith("#") for href in page.hrefs)
    assert "Content-Security-Policy" in source and "default-src 'none'" in source


def test_summary_and_finding_details(page):
    source = html_report.render([make_report()], author="某市司法局")
    assert "审查结论：<strong class=\"verdict\">不得印发</strong>" in source
    assert "某政办发〔2024〕3号" in source
    assert "&lt;b&gt;不得设定&lt;/b&gt;处500元罚款" in source  # titles are escaped too
    assert "《中华人民共和国行政处罚法》第十六条" in source
    assert "审查：某市司法局" in source


def test_several_documents_share_one_page_with_unique_ids(tmp_path):
    reports = [make_report(), make_report(FINDINGS[:2], path="乙.docx", title="乙办法")]
    out = tmp_path / "report.html"
    html_report.write(reports, str(out))
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.pre_text) == 2
    assert len(page.ids) == len(set(page.ids))
    assert "#d0" in page.hrefs and "#d1" in page.hrefs
    assert page.text_of("d1f1") == "500"


def test_clean_document_and_determinism():
    clean = make_report(())
    source = html_report.render([clean])
    assert "未发现问题" in source and Page(source).marks == []
    assert html_report.render([make_report()]) == html_report.render([make_report()])
