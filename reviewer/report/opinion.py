"""The review opinion letter (合法性审查意见书) as a formal Word document.

Layout follows the usual conventions for Chinese official documents (GB/T 9704): A4 with
37/35/28/26 mm margins, the title centred in 小标宋 二号, body text in 仿宋 三号 on a fixed
28-point line, first-level headings in 黑体, second-level in 楷体, page numbers "— 1 —" centred
in the footer. Fonts are set by name for East Asian text; a machine without them substitutes
its own, as Word and WPS do for any official document.

One letter per reviewed document; several documents go into one file, each starting on a
new page.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.errors import ReviewerError, UsageError
from reviewer.model import DocumentReport, Finding, Severity
from reviewer.report import docx_layout as layout

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

DEFAULT_AUTHOR = "合法性审查"

# The three conclusions a letter can reach.
CONCLUSION_CLEAN = "无问题"
CONCLUSION_AMEND = "建议修改后印发"
CONCLUSION_REFUSE = "不得印发"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TITLE_SIZE_PT = 22  # 二号
BODY_SIZE_PT = 16  # 三号
LINE_SPACING_PT = 28
# Longest clause quoted in full; longer ones are cut around the flagged words.
MAX_QUOTE_CHARS = 400

_CONCLUSION_TEXT = {
    CONCLUSION_CLEAN: "经审查，未发现该文件存在违反上位法规定的问题。审查结论：无问题，可按程序提请审议后印发。",
    CONCLUSION_AMEND: (
        "该文件存在上述需要研究修改的问题。审查结论：建议修改后印发。"
        "请起草单位按照上述意见修改完善，或说明理由及依据后，再按程序提请审议。"
    ),
    CONCLUSION_REFUSE: (
        "该文件存在违反上位法规定的内容。审查结论：不得印发。"
        "请起草单位按照上述意见修改，修改后重新报送合法性审查；未经修改不得提请审议、印发。"
    ),
}


def conclusion(findings: Sequence[Finding]) -> str:
    """The letter's conclusion: any error → 不得印发; any warning → 建议修改后印发; else 无问题.

    Notes (提示) alone never block a document: they are listed for the drafter to check,
    and the conclusion stays 无问题.
    """
    if any(f.severity is Severity.ERROR for f in findings):
        return CONCLUSION_REFUSE
    if any(f.severity is Severity.WARNING for f in findings):
        return CONCLUSION_AMEND
    return CONCLUSION_CLEAN


def write(reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write the opinion letter(s) for ``reports`` to the .docx file ``out``."""
    if not out:
        raise UsageError("审查意见书（-f opinion）需要用 -o 指定输出文件")
    document = build(reports, author=author)
    try:
        document.save(out)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入审查意见书（{exc.strerror or exc}）") from None


def build(
    reports: Sequence[DocumentReport], *, author: str = DEFAULT_AUTHOR, date: dt.date | None = None
) -> DocxDocument:
    """The opinion letter as a python-docx Document, one letter per report."""
    import docx

    document = docx.Document()
    _set_up_page(document)
    _set_up_styles(document)
    signed = date or dt.date.today()
    for index, report in enumerate(reports):
        if index:
            document.add_page_break()
        _letter(document, report, author, signed)
    return document


def document_title(report: DocumentReport) -> str:
    """The reviewed document's title, or its file name when the title is unknown."""
    title = report.document.metadata.title
    if title:
        return title.strip("《》")
    return os.path.splitext(os.path.basename(report.path))[0]


# -- letter content -----------------------------------------------------------------------


def _letter(document: DocxDocument, report: DocumentReport, author: str, signed: dt.date) -> None:
    """One complete letter: title, basic facts, problems, conclusion, signature."""
    meta = report.document.metadata
    title = document_title(report)
    _centered(document, f"关于《{title}》的合法性审查意见", TITLE_FONT, TITLE_SIZE_PT)
    _centered(document, f"（{meta.doc_number}）" if meta.doc_number else "（未标注发文字号）", BODY_FONT, BODY_SIZE_PT)
    _body(document, "")

    findings = report.findings
    _heading(document, "一、基本情况")
    _body(document, f"审查对象：《{title}》")
    _body(document, f"发文字号：{meta.doc_number or '未标注'}")
    if meta.issuer:
        _body(document, f"制定机关：{meta.issuer}")
    _body(document, f"文件层级：{report.document.level}")
    _body(document, _tally(findings))

    _heading(document, "二、存在的问题")
    if not findings:
        _body(document, "经逐条审查，未发现该文件违法设定行政许可、行政处罚、行政强制、收费或者减损权利、增加义务等问题。")
    for number, finding in enumerate(findings, 1):
        _problem(document, report, number, finding)

    _heading(document, "三、审查结论")
    _body(document, _CONCLUSION_TEXT[conclusion(findings)])
    _body(document, "")
    _signature(document, author)
    _signature(document, f"{signed.year}年{signed.month}月{signed.day}日")


def _tally(findings: Sequence[Finding]) -> str:
    """The sentence counting problems by severity."""
    if not findings:
        return "审查发现问题：无。"
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = "、".join(f"{s.label}{counts[s]}处" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s])
    return f"审查发现问题{len(findings)}处，其中{parts}。"


def _problem(document: DocxDocument, report: DocumentReport, number: int, finding: Finding) -> None:
    """One numbered problem: where, the clause quoted, why, the basis and the change required."""
    # "关于第十二条第二款" reads as a citation even when the locator is notice-style (一、（一）).
    where = f"关于{finding.location.locator}" if finding.location.locator else "关于文件整体"
    _subheading(document, f"（{chinese_number(number)}）{where}——{finding.title}")
    before, match, after = quote(report, finding)
    paragraph = _body(document, "原文：“")
    _run(paragraph, before)
    emphasised = _run(paragraph, match)
    emphasised.bold = True
    emphasised.underline = True
    _run(paragraph, after + "”")
    _body(document, f"问题：{finding.message}（{finding.severity.label}，{finding.code}）")
    if finding.basis:
        _body(document, "依据：" + "；".join(str(b) for b in finding.basis) + "。")
    if finding.suggestion:
        _body(document, f"修改意见：{finding.suggestion}")


def quote(report: DocumentReport, finding: Finding) -> tuple[str, str, str]:
    """The clause holding the finding, as (text before, flagged words, text after).

    The clause is the smallest one containing the finding's offset; without clauses, the
    finding's own context is quoted. Long clauses are cut around the flagged words.
    """
    text = report.document.text
    start, end = finding.location.offset, finding.location.offset + finding.location.length
    holders = [c for c in report.document.clauses if c.start <= start and end <= c.end and c.start < c.end]
    if holders and text[start:end] == finding.match:
        clause = min(holders, key=lambda c: c.end - c.start)
        before, after = text[clause.start : start], text[end : clause.end]
    else:
        context = finding.context or finding.match
        at = context.find(finding.match) if finding.match else -1
        if at < 0:
            return context, "", ""
        before, after = context[:at], context[at + len(finding.match) :]
    room = max(MAX_QUOTE_CHARS - len(finding.match), 0) // 2
    if len(before) > room:
        before = "……" + before[len(before) - room :]
    if len(after) > room:
        after = after[:room] + "……"
    return before.strip(), finding.match, after.rstrip()


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五 (1 ≤ n ≤ 9999), as in （十二）."""
    if not 1 <= n <= 9999:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out[1:] if out.startswith("一十") else out


# -- layout -------------------------------------------------------------------------------


def _set_up_page(document: DocxDocument) -> None:
    layout.set_up_page(document)


def _set_up_styles(document: DocxDocument) -> None:
    """Normal style: 仿宋 三号, fixed line spacing, no extra space between paragraphs."""
    layout.set_up_body_style(document, BODY_FONT, BODY_SIZE_PT, LINE_SPACING_PT)


def _run(paragraph: Paragraph, text: str, font: str = BODY_FONT, size_pt: int = BODY_SIZE_PT):
    """Append a run with explicit fonts (so the layout does not depend on the style)."""
    return layout.add_run(paragraph, text, font, size_pt)


def _centered(document: DocxDocument, text: str, font: str, size_pt: int) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if size_pt > BODY_SIZE_PT:
        from docx.shared import Pt

        # The title's larger type needs more than the body's fixed line height.
        paragraph.paragraph_format.line_spacing = Pt(size_pt * 1.5)
    _run(paragraph, text, font, size_pt)
    return paragraph


def _body(document: DocxDocument, text: str, font: str = BODY_FONT) -> Paragraph:
    """A body paragraph indented by two characters, as official documents are."""
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE_PT * 2)
    if text:
        _run(paragraph, text, font)
    return paragraph


def _heading(document: DocxDocument, text: str) -> Paragraph:
    return _body(document, text, HEADING_FONT)


def _subheading(document: DocxDocument, text: str) -> Paragraph:
    return _body(document, text, SUBHEADING_FONT)


def _signature(document: DocxDocument, text: str) -> Paragraph:
    """Right-aligned signature lines, four characters in from the right margin."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Pt(BODY_SIZE_PT * 4)
    _run(paragraph, text)
    return paragraph
