"""The review opinion letter (reviewer.report.opinion), written and reopened with python-docx."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from reviewer.model import (
    Basis,
    Clause,
    Document,
    DocumentReport,
    Finding,
    Metadata,
    Severity,
    SourceText,
)
from tests.factories import finding_on
from reviewer.report import opinion

TEXT = (
    "某市集贸市场管理办法\n"
    "第一条　为规范集贸市场秩序，制定本办法。\n"
    "第二条　对违反本办法的，处500元罚款。\n"
    "第三条　开办市场的，须经区商务局审批同意。"
)


def clause_of(text: str, start_marker: str, locator: str, article: int) -> Clause:
    start = text.index(start_marker)
    end = text.find("\n", start)
    return Clause(locator, start, end if end >= 0 else len(text), "article", article)


CLAUSES = (
    Clause("", 0, TEXT.index("\n"), "title"),
    clause_of(TEXT, "第一条", "第一条", 1),
    clause_of(TEXT, "第二条", "第二条", 2),
    clause_of(TEXT, "第三条", "第三条", 3),
)


def finding(match: str, severity: Severity, code: str, locator: str, text: str = TEXT) -> Finding:
    return finding_on(
        text, match, code=code, severity=severity, locator=locator,
        message=f"规范性文件不得自行设定{match}。", suggestion="删除该条款。",
        basis=(Basis("中华人民共和国行政处罚法", "第十六条"), Basis("规章制定程序条例", "第三条")),
    )


def report(findings=(), *, title="某市集贸市场管理办法", number="某政办发〔2024〕3号", text=TEXT, clauses=CLAUSES):
    source = SourceText("/tmp/草案.docx", "docx", text)
    meta = Metadata(title=title, doc_number=number, issuer="某市人民政府办公室")
    return DocumentReport(Document(source, clauses, meta), tuple(findings))


PENALTY = finding("处500元罚款", Severity.ERROR, "PENALTY001", "第二条")
LICENSE = finding("须经区商务局审批同意", Severity.WARNING, "LICENSE001", "第三条")
NOTE = finding("制定本办法", Severity.INFO, "CITATION001", "第一条")


def write_and_open(tmp_path, reports, **kwargs) -> docx.document.Document:
    out = str(tmp_path / "审查意见书.docx")
    opinion.write(reports, out, **{"office": "某市司法局", **kwargs})
    return docx.Document(out)


def texts(document) -> list[str]:
    return [p.text.replace("\n", "") for p in document.paragraphs]


def test_letter_merges_findings_per_clause_in_plain_language(tmp_path):
    second_fine = finding("对违反本办法的", Severity.WARNING, "PENALTY009", "第二条")
    lines = texts(write_and_open(tmp_path, [report([PENALTY, second_fine, LICENSE])], number="某司审〔2024〕9号"))
    assert lines[0] == "某市司法局文件" and "某司审〔2024〕9号" in lines
    assert "某市人民政府办公室：" in lines
    assert "关于《某市集贸市场管理办法》的合法性审查意见书" in lines
    clause_two = [t for t in lines if t.startswith("（一）关于第二条。")]
    assert len(clause_two) == 1
    text = clause_two[0]
    assert "“处500元罚款”“对违反本办法的”" in text
    assert "依据：《行政处罚法》第十六条；《规章制定程序条例》第三条。" in text
    assert text.count("修改意见：删除该条款") == 1
    assert not any("PENALTY" in t or "LICENSE" in t for t in lines)
    assert any(t.startswith("（二）关于第三条。") for t in lines)
    assert any("审查结论：不得印发" in t for t in lines)


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], opinion.CONCLUSION_CLEAN),
        ([NOTE], opinion.CONCLUSION_CLEAN),
        ([NOTE, LICENSE], opinion.CONCLUSION_AMEND),
        ([LICENSE, PENALTY], opinion.CONCLUSION_REFUSE),
    ],
)
def test_conclusion_follows_the_most_severe_finding(tmp_path, findings, expected):
    assert opinion.conclusion(findings) == expected
    lines = texts(write_and_open(tmp_path, [report(findings)]))
    assert any(f"审查结论：{expected}" in t for t in lines)


def test_clean_document_says_so(tmp_path):
    lines = texts(write_and_open(tmp_path, [report([], number=None)]))
    assert any(t.startswith("你单位报送的《某市集贸市场管理办法》收悉") for t in lines)
    assert any("未发现该文件违法设定" in t for t in lines)
    assert not any(t.startswith("（一）") for t in lines)


def test_official_page_margins(tmp_path):
    section = write_and_open(tmp_path, [report([PENALTY])]).sections[0]
    # Word stores twips, so compare in whole millimetres.
    size = [round(length.mm) for length in (section.page_width, section.page_height)]
    margins = [round(length.mm) for length in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert size == [210, 297]
    assert margins == [37, 35, 28, 26]
    instructions = [e.text.strip() for e in section.footer.paragraphs[0]._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]


def test_signature_date_is_written_in_chinese():
    letter = opinion.build([report([])], office="某市司法局", date=dt.date(2024, 3, 5))
    assert "2024年3月5日" in texts(letter)


def test_several_documents_each_get_a_letter_on_a_new_page(tmp_path):
    other = report([LICENSE], title="某区农贸市场收费通知", number="某区政发〔2024〕8号")
    letter = write_and_open(tmp_path, [report([PENALTY]), other])
    lines = texts(letter)
    titles = [t for t in lines if t.startswith("关于《")]
    assert titles == ["关于《某市集贸市场管理办法》的合法性审查意见书",
                      "关于《某区农贸市场收费通知》的合法性审查意见书"]
    breaks = letter.element.body.findall(".//" + qn("w:br"))
    assert [b.get(qn("w:type")) for b in breaks if b.get(qn("w:type"))] == ["page"]


def test_unknown_title_falls_back_to_file_name(tmp_path):
    lines = texts(write_and_open(tmp_path, [report([PENALTY], title=None)]))
    assert "关于《草案》的合法性审查意见书" in lines


def test_long_clause_is_cut_around_the_flagged_words():
    long_text = "第一条　" + "甲" * 1000 + "处500元罚款" + "乙" * 1000
    clause = Clause("第一条", 0, len(long_text), "article", 1)
    flagged = finding("处500元罚款", Severity.ERROR, "PENALTY001", "第一条", text=long_text)
    before, match, after = opinion.quote(report([flagged], text=long_text, clauses=(clause,)), flagged)
    assert match == "处500元罚款"
    assert before.startswith("……") and after.endswith("……")
    assert len(before) + len(match) + len(after) <= opinion.MAX_QUOTE_CHARS + 4


def test_quote_without_clauses_uses_the_finding_context():
    flagged = finding("处500元罚款", Severity.ERROR, "PENALTY001", "第二条")
    assert opinion.quote(report([flagged], clauses=()), flagged) == ("", "处500元罚款", "")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"), (110, "一百一十"), (1001, "一千零一")],
)
def test_chinese_numbers(n, expected):
    assert opinion.chinese_number(n) == expected


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_letter_opens_in_libreoffice_with_numbered_pages(tmp_path):
    from pypdf import PdfReader

    many = [finding("处500元罚款", Severity.ERROR, f"PENALTY{n:03d}", "第二条") for n in range(12)]
    out = str(tmp_path / "审查意见书.docx")
    opinion.write([report(many)], out, office="某市司法局")
    profile, outdir = tmp_path / "lo-profile", tmp_path / "pdf"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), out],
        check=True, capture_output=True, timeout=240,
    )
    pdf = outdir / "审查意见书.pdf"
    assert os.path.getsize(pdf) > 0
    pages = PdfReader(pdf).pages
    assert len(pages) >= 2
    # The PAGE field is live: each page shows its own number.
    assert "— 1 —" in pages[0].extract_text()
    assert f"— {len(pages)} —" in pages[-1].extract_text()
