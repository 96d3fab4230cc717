"""Word comments on a copy of the drafter's .docx (reviewer.report.docx_comments).

Every test writes a real .docx with python-docx, reads it with the real reader, writes the
commented copy and reopens it: comments must sit exactly on the flagged words, and the text
and formatting of the document must not change.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from reviewer.errors import UsageError
from reviewer.model import Basis, Document, DocumentReport, Finding, Location, Severity, SourceText
from reviewer.readers.docx import iter_paragraphs, read_docx
from reviewer.report import docx_comments

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- building documents and findings ------------------------------------------------------


def _add_hyperlink(paragraph, text: str) -> None:
    """A w:hyperlink holding one run, as Word writes it (python-docx has no API for this)."""
    link = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): "basis"})
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def make_draft(path) -> str:
    """A realistic draft: header, footer, title, mixed formatting, table, numbered list,
    a hyperlink, and a comment the drafter already left."""
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "某市人民政府办公室文件"
    section.footer.paragraphs[0].text = "内部征求意见稿"
    d.add_paragraph("某市集贸市场管理办法", style="Title")
    d.add_paragraph("某政办发〔2024〕3号")
    p = d.add_paragraph("第一条　对违反本办法的，由市场监督管理部门")
    bold = p.add_run("处500元")
    bold.bold = True
    italic = p.add_run("罚款，并没收其经营工具。")
    italic.italic = True
    d.add_paragraph("第二条　有下列情形之一的，须经区商务局审批同意后方可开业：")
    d.add_paragraph("新设农贸市场的；", style="List Number")
    d.add_paragraph("变更经营场所的，应当缴纳管理费每年200元。", style="List Number")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "收费项目"
    table.cell(0, 1).text = "标准"
    table.cell(1, 0).text = "摊位保证金"
    table.cell(1, 1).text = "收取保证金5万元"
    linked = d.add_paragraph("第三条　本办法依据")
    _add_hyperlink(linked, "《某省市场管理条例》")
    linked.add_run("制定，非本市户籍人员不得报名。")
    d.add_comment(p.runs[0], "第一条表述请再斟酌", author="起草人", initials="QC")
    d.save(path)
    return str(path)


def make_finding(
    text: str,
    match: str,
    *,
    nth: int = 0,
    code: str = "PENALTY001",
    family: str = "PENALTY",
    severity: Severity = Severity.ERROR,
    locator: str = "第一条",
) -> Finding:
    """A finding on the nth occurrence of ``match`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(match, offset + 1)
    return make_finding_at(text, offset, len(match), code=code, family=family, severity=severity, locator=locator)


def make_finding_at(
    text: str,
    offset: int,
    length: int,
    *,
    code: str = "PENALTY001",
    family: str = "PENALTY",
    severity: Severity = Severity.ERROR,
    locator: str = "第一条",
) -> Finding:
    match = text[offset : offset + length]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Finding(
        code=code,
        name="fine-set-by-document",
        family=family,
        severity=severity,
        title=f"规范性文件不得设定：{match or '缺少内容'}",
        message="行政规范性文件不得设定行政处罚。",
        match=match,
        context=match,
        location=Location(locator, line, column, offset, length),
        basis=(Basis("中华人民共和国行政处罚法", "第十六条"),),
        suggestion="删除该内容，或改为引用法律、法规的具体规定。",
        fingerprint=f"{code}:{offset}",
    )


def report_for(source: SourceText, findings) -> DocumentReport:
    return DocumentReport(Document(source, ()), tuple(findings))


# -- reading the commented copy back ------------------------------------------------------


def anchored_texts(path) -> dict[int, str]:
    """Comment id → the text between its range start and end, paragraphs joined by "\\n"."""
    body = docx.Document(path).element.body
    open_ranges: dict[int, list[str]] = {}
    done: dict[int, str] = {}
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == W + "commentRangeStart":
            open_ranges[int(element.get(W + "id"))] = []
        elif event == "start" and tag == W + "commentRangeEnd":
            cid = int(element.get(W + "id"))
            done[cid] = "".join(open_ranges.pop(cid))
        elif event == "start" and tag == W + "t":
            for parts in open_ranges.values():
                parts.append(element.text or "")
        elif event == "end" and tag == W + "p":
            for parts in open_ranges.values():
                parts.append("\n")
    assert not open_ranges, "every comment range must be closed"
    return done


def comments_by_id(path) -> dict[int, docx.comments.Comment]:
    return {c.comment_id: c for c in docx.Document(path).comments}


def formatting(path) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """Per paragraph: its pPr, and each character with the run properties it is shown in."""
    out = []
    for paragraph in iter_paragraphs(docx.Document(path)):
        p = paragraph._p
        chars = []
        for r in p.xpath("./w:r | ./w:hyperlink/w:r"):
            rpr = r.find(W + "rPr")
            props = etree.tostring(rpr) if rpr is not None else b""
            chars.extend((ch, props) for ch in r.text)
        ppr = p.find(W + "pPr")
        out.append((etree.tostring(ppr) if ppr is not None else b"", chars))
    return out


def assert_comment_on_match(path, finding: Finding, author: str = "合法性审查") -> None:
    """Exactly one comment of ``author`` names this finding, and it covers the matched text."""
    anchored = anchored_texts(path)
    mine = [
        c
        for c in comments_by_id(path).values()
        if c.author == author and c.text.startswith(f"【{finding.severity.label}】{finding.title}（{finding.code}）")
    ]
    hits = [c for c in mine if anchored.get(c.comment_id) == finding.match]
    assert hits, f"no comment anchored on {finding.match!r}: {[anchored.get(c.comment_id) for c in mine]}"


# -- tests --------------------------------------------------------------------------------


@pytest.fixture
def draft(tmp_path) -> tuple[str, SourceText]:
    path = make_draft(tmp_path / "草案.docx")
    return path, read_docx(path)


def flagged(source: SourceText) -> list[Finding]:
    """Findings over every tricky place: inside a run, across runs of different formatting,
    overlapping and nested, in a numbered item, in a table cell, inside a hyperlink, and
    starting in a hyperlink and ending in the run after it."""
    text = source.text
    return [
        make_finding(text, "处500元罚款"),  # bold run + italic run
        make_finding(text, "500", code="PENALTY002"),  # nested in the previous one
        make_finding(text, "罚款，并没收其经营工具", code="PENALTY003"),  # overlaps the first
        make_finding(text, "审批同意", code="LICENSE001", family="LICENSE", locator="第二条"),
        make_finding(text, "应当缴纳管理费每年200元", code="FEE001", family="FEE", locator="第二条第（二）项"),
        make_finding(text, "收取保证金5万元", code="FEE002", family="FEE", locator="附表"),
        make_finding(text, "市场管理条例", code="CITATION001", family="CITATION", locator="第三条"),
        make_finding(text, "条例》制定", code="CITATION002", family="CITATION", locator="第三条"),
        make_finding(text, "非本市户籍人员不得报名", code="RIGHTS001", family="RIGHTS", locator="第三条"),
    ]


def test_each_finding_gets_a_comment_on_exactly_its_words(draft, tmp_path):
    path, source = draft
    findings = flagged(source)
    out = str(tmp_path / "草案.审查.docx")
    docx_comments.write([report_for(source, findings)], out)

    for finding in findings:
        assert_comment_on_match(out, finding)
    # The drafter's own comment is still there, still on its words.
    comments = comments_by_id(out)
    assert len(comments) == len(findings) + 1
    (theirs,) = [c for c in comments.values() if c.author == "起草人"]
    assert theirs.text == "第一条表述请再斟酌"
    assert anchored_texts(out)[theirs.comment_id] == "第一条　对违反本办法的，由市场监督管理部门"


def test_text_formatting_and_parts_are_unchanged(draft, tmp_path):
    path, source = draft
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, flagged(source))], out)

    assert read_docx(out).text == source.text
    # Same paragraphs, same paragraph properties, every character in the same run properties.
    assert formatting(out) == formatting(path)
    before, after = docx.Document(path), docx.Document(out)
    assert after.sections[0].header.paragraphs[0].text == "某市人民政府办公室文件"
    assert after.sections[0].footer.paragraphs[0].text == "内部征求意见稿"
    assert len(after.tables) == 1 and after.tables[0].cell(1, 1).text == "收取保证金5万元"
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    numbered = [p for p in after.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["新设农贸市场的；", "变更经营场所的，应当缴纳管理费每年200元。"]
    assert after.part.numbering_part is not None


def test_comment_text_has_title_reason_basis_suggestion_and_author(draft, tmp_path):
    path, source = draft
    finding = make_finding(source.text, "处500元罚款")
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, [finding])], out, author="市司法局法制科")

    (comment,) = [c for c in comments_by_id(out).values() if c.author == "市司法局法制科"]
    lines = comment.text.split("\n")
    assert lines[0] == "【错误】规范性文件不得设定：处500元罚款（PENALTY001）"
    assert "位置：第一条" in lines
    assert "理由：行政规范性文件不得设定行政处罚。" in lines
    assert "依据：《中华人民共和国行政处罚法》第十六条" in lines
    assert "建议：删除该内容，或改为引用法律、法规的具体规定。" in lines
    assert comment.initials == "市司"


def test_finding_across_two_paragraphs_spans_both(draft, tmp_path):
    path, source = draft
    finding = make_finding(source.text, "后方可开业：\n新设农贸市场")
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, [finding])], out)
    assert_comment_on_match(out, finding)


def test_finding_without_length_is_anchored_on_its_paragraph(draft, tmp_path):
    path, source = draft
    offset = source.text.index("审批同意")
    finding = make_finding_at(source.text, offset, 0, code="PROCEDURE001", family="PROCEDURE")
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, [finding])], out)

    (comment,) = [c for c in comments_by_id(out).values() if c.author == "合法性审查"]
    assert anchored_texts(out)[comment.comment_id] == "第二条　有下列情形之一的，须经区商务局审批同意后方可开业："


def test_text_not_held_in_runs_falls_back_to_the_whole_paragraph(tmp_path):
    """A simple field's result is not run text: a reader that counts it cannot be matched
    to runs, so the comment goes on the paragraph instead of on the wrong words."""
    d = docx.Document()
    d.add_paragraph("第一条　总则")
    p = d.add_paragraph("依据")
    field = OxmlElement("w:fldSimple", attrs={qn("w:instr"): "DOCPROPERTY basis"})
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "某某文件"
    run.append(t)
    field.append(run)
    p._p.append(field)
    p.add_run("执行")
    path = str(tmp_path / "field.docx")
    d.save(path)
    text = "第一条　总则\n依据某某文件执行"  # as a field-aware reader would see it
    source = SourceText(path, "docx", text, read_docx(path).blocks[:1] + (_block(7, 15, 1),))
    finding = make_finding(text, "某某文件")
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, [finding])], out)

    (comment,) = list(docx.Document(out).comments)
    assert anchored_texts(out)[comment.comment_id] == "依据某某文件执行"
    assert read_docx(out).text == read_docx(path).text


def _block(start: int, end: int, k: int):
    from reviewer.model import Block

    return Block(start, end, ("para", k))


def test_several_documents_go_into_a_directory(tmp_path):
    first = make_draft(tmp_path / "甲.docx")
    second = make_draft(tmp_path / "乙.docx")
    reports = []
    for path in (first, second):
        source = read_docx(path)
        reports.append(report_for(source, [make_finding(source.text, "没收其经营工具")]))
    out = tmp_path / "批注"
    docx_comments.write(reports, str(out))

    assert sorted(os.listdir(out)) == ["乙.审查.docx", "甲.审查.docx"]
    for name in os.listdir(out):
        assert "没收其经营工具" in anchored_texts(out / name).values()


def test_refuses_non_docx_input_and_overwriting_the_source(draft, tmp_path):
    path, source = draft
    text_source = SourceText(str(tmp_path / "a.txt"), "txt", "处500元罚款")
    with pytest.raises(UsageError, match="只能为 .docx"):
        docx_comments.write([report_for(text_source, [])], str(tmp_path / "a.docx"))
    with pytest.raises(UsageError, match="原文件相同"):
        docx_comments.write([report_for(source, [])], path)


def test_no_findings_gives_an_unchanged_copy(draft, tmp_path):
    path, source = draft
    out = str(tmp_path / "out.docx")
    docx_comments.write([report_for(source, [])], out)
    assert read_docx(out).text == source.text
    assert [c.author for c in docx.Document(out).comments] == ["起草人"]


# -- LibreOffice ----------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(path: str, workdir) -> str:
    """Convert with a private LibreOffice profile, so parallel runs do not share one."""
    profile = workdir / "lo-profile"
    outdir = workdir / "pdf"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), path],
        check=True, capture_output=True, timeout=240,
    )
    return str(outdir / (os.path.splitext(os.path.basename(path))[0] + ".pdf"))


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_commented_copy_opens_in_libreoffice(draft, tmp_path):
    from pypdf import PdfReader

    path, source = draft
    out = str(tmp_path / "commented.docx")
    docx_comments.write([report_for(source, flagged(source))], out)
    pdf = convert_to_pdf(out, tmp_path)
    assert os.path.getsize(pdf) > 0
    assert len(PdfReader(pdf).pages) >= 1
