"""The review opinion letter (合法性审查意见书) in 公文格式, from a check or an archive record.

The frame (版头, 发文字号, 主送机关, 落款, page numbers, the 22 × 28 grid) is
``reviewer.report.gongwen``; this module decides what the letter says: the reviewed document
named by its own title (the 办法 itself when the document is a 印发通知), the problems merged
per clause in plain language (rule codes only in the annex table), and the conclusion or, from
the archive, the staff's own opinion.

One letter per reviewed document; several documents go into one file, each on a new page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.errors import ReviewerError, UsageError
from reviewer.model import DocumentReport, Finding, Severity
from reviewer.report import gongwen

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

DEFAULT_AUTHOR = "合法性审查"

# The three conclusions a letter can reach.
CONCLUSION_CLEAN = "无问题"
CONCLUSION_AMEND = "建议修改后印发"
CONCLUSION_REFUSE = "不得印发"

# Longest clause quoted in full; longer ones are cut around the flagged words.
MAX_QUOTE_CHARS = 400

# A department's own pre-check (reviewer/web/drafts.py) gets the same findings under a label that
# says what it is: a reference for the drafter, not the office's opinion.
PRECHECK_LABEL = "预审参考（非正式审查意见）"


def precheck_notice(office: str) -> str:
    """The sentence that tells a department where its formal opinion comes from."""
    us = self_reference(office)
    return (f"本件是报备单位自行预审时由{office}合法性审查系统生成的参考意见，不是{us}的正式审查意见，"
            f"不作为备案审查结论。该文件的正式审查意见，由{us}在你单位报送备案后经备案审查出具。")


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


# The same conclusions, said to a department about its own pre-check: advice, not an instruction.
_PRECHECK_TEXT = {
    CONCLUSION_CLEAN: "系统未发现该文件存在违反上位法规定的问题。预审结论：无问题，可按程序报送备案。",
    CONCLUSION_AMEND: (
        "该文件存在上述需要研究修改的问题。预审结论：建议修改后印发。"
        "建议你单位按照上述意见修改完善，或准备好理由及依据，再按程序报送备案。"
    ),
    CONCLUSION_REFUSE: (
        "该文件存在可能违反上位法规定的内容。预审结论：不得印发。"
        "建议你单位按照上述意见修改后，再按程序报送备案。"
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


def write(
    reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR, office: str = "",
    number: str = "", date: dt.date | None = None, numbers: Sequence[str] = (), precheck: bool = False,
) -> None:
    """Write the opinion letter(s) for ``reports`` to the .docx file ``out``.

    ``office`` signs the letter (版头 and 落款); ``author`` is taken when it names an office
    rather than the generic default. ``number`` is the letter's own 发文字号, or ``numbers``
    one per report. ``precheck``: a department's pre-check reference, unnumbered and labelled
    as not being the office's opinion (see ``letter``).
    """
    if not out:
        raise UsageError("审查意见书（-f opinion）需要用 -o 指定输出文件")
    signer = office or (author if author != DEFAULT_AUTHOR else "")
    if not signer:
        raise UsageError("审查意见书需要用 --office 指定本机关名称（如 --office 云岭县司法局），"
                         "或用 --db 指定档案库以使用其中的机关名称和文书编号")
    save(build(reports, office=signer, number=number, date=date, numbers=numbers, precheck=precheck), out)


def save(document: DocxDocument, out: str) -> None:
    """Save a built letter, with a one-line Chinese message when the file cannot be written."""
    try:
        document.save(out)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入审查意见书（{exc.strerror or exc}）") from None


def build(
    reports: Sequence[DocumentReport], *, office: str, number: str = "", date: dt.date | None = None,
    numbers: Sequence[str] = (), precheck: bool = False,
) -> DocxDocument:
    """The opinion letter(s) as a python-docx Document, one letter per report, each from a new page."""
    signed = date or dt.date.today()
    given = list(numbers) or [number] * len(reports)
    return gongwen.build([letter(r, office=office, number=n, date=signed, precheck=precheck)
                          for r, n in zip(reports, given)])


def document_title(report: DocumentReport) -> str:
    """The reviewed document's title, or its file name when the title is unknown."""
    title = report.document.metadata.title
    if title:
        return title.strip("《》")
    return os.path.splitext(os.path.basename(report.path))[0]


def reviewed_title(title: str) -> str:
    """How a letter names the reviewed document inside 《》.

    A 印发通知 is named by the measure it issues (关于印发《清河区农贸市场管理办法》的通知 →
    清河区农贸市场管理办法); any other title keeps its words, with inner 《》 turned to 〈〉.
    """
    from reviewer.titles import promulgated_name

    return promulgated_name(title) or gongwen.inner_title(title.strip("《》"))


def letter(
    report: DocumentReport, *, office: str, number: str, date: dt.date,
    findings: Sequence[Finding] | None = None, staff_opinion: str | None = None, decision: str | None = None,
    precheck: bool = False,
) -> gongwen.Letter:
    """One 审查意见书. From an archive record, ``findings`` are those the staff accepted and
    ``staff_opinion``/``decision`` their own words; from a check, all findings and the
    automatic conclusion. ``precheck`` (a department checking its own draft before filing):
    no 发文字号, the subtitle PRECHECK_LABEL, 预审 wording and a closing note that the formal
    opinion comes from the filing review."""
    if precheck:
        return _precheck(report, office=office, date=date)
    meta = report.document.metadata
    chosen = tuple(report.findings if findings is None else findings)
    name = reviewed_title(document_title(report))
    addressee = meta.issuer or "起草单位"
    cited = f"《{name}》" + (f"（{meta.doc_number}）" if meta.doc_number else "")
    body: list[gongwen.Block] = [gongwen.Block(
        f"你单位报送的{cited}收悉。{self_reference(office)}依照国办发〔2018〕115号文件等规定"
        "对该文件进行了合法性审查，现提出审查意见如下："
    )]
    body += _problems(report, chosen, "一、存在的问题", "经逐条审查")
    body.append(gongwen.Block("二、审查意见", "heading"))
    if staff_opinion or decision:
        body.append(gongwen.Block(_staff_conclusion(staff_opinion, decision, self_reference(office))))
    else:
        body.append(gongwen.Block(_CONCLUSION_TEXT[conclusion(chosen)]))
    return gongwen.Letter(
        office=office, number=number, title=f"关于《{name}》的合法性审查意见书",
        addressee=addressee, body=tuple(body), date=date,
    )


def _precheck(report: DocumentReport, *, office: str, date: dt.date) -> gongwen.Letter:
    """A department's pre-check copy: the automatic findings, said as a reference for its drafter."""
    name = reviewed_title(document_title(report))
    meta = report.document.metadata
    cited = f"《{name}》" + (f"（{meta.doc_number}）" if meta.doc_number else "")
    body: list[gongwen.Block] = [gongwen.Block(
        f"你单位在报送备案前，使用{office}合法性审查系统对{cited}进行了自行预审。"
        "现将系统发现的问题列出如下，供你单位修改时参考："
    )]
    body += _problems(report, report.findings, "一、预审发现的问题", "系统逐条检查")
    body.append(gongwen.Block("二、预审意见", "heading"))
    body.append(gongwen.Block(_PRECHECK_TEXT[conclusion(report.findings)]))
    body.append(gongwen.Block("三、说明", "heading"))
    body.append(gongwen.Block(precheck_notice(office)))
    return gongwen.Letter(
        office=office, number="", title=f"关于《{name}》的合法性审查意见", addressee=meta.issuer or "起草单位",
        body=tuple(body), date=date, subtitle=PRECHECK_LABEL, numbered=False,
        letterhead=False, signer=f"{office}合法性审查系统（自动生成）",
    )


def _problems(report: DocumentReport, findings: Sequence[Finding], heading: str, how: str) -> list[gongwen.Block]:
    """The letter's first part: its heading, then one block per clause with findings (or a line
    saying none was found, introduced by ``how`` the text was read)."""
    groups = by_clause(report, findings)
    blocks = [gongwen.Block(heading, "heading")]
    if not groups:
        blocks.append(gongwen.Block(f"{how}，未发现该文件违法设定行政许可、行政处罚、行政强制、收费或者减损权利、增加义务等问题。"))
    blocks += [problem_block(report, index, group) for index, group in enumerate(groups, 1)]
    return blocks


def _staff_conclusion(opinion_text: str | None, decision: str | None, us: str = "本机关") -> str:
    """The reviewer's own opinion, closed with a sentence that states the decision."""
    words = (opinion_text or "").strip()
    if words and not words.endswith(("。", "！", "；")):
        words += "。"
    closing = {
        "通过": "审查结论：准予备案。",
        "需纠正": f"审查结论：请你单位对上述问题自行纠正，并将纠正情况书面报送{us}。",
        "不予备案": "审查结论：不予备案。",
    }.get(decision or "", "")
    return (words + closing) or "审查结论：见上。"


_SELF = (("司法厅", "我厅"), ("司法局", "我局"), ("厅", "我厅"), ("局", "我局"), ("委员会", "我委"),
         ("委", "我委"), ("办公室", "我办"), ("办", "我办"))


def self_reference(office: str) -> str:
    """How the office names itself in the body: 某县司法局 → 我局, 某市人民政府办公室 → 我办."""
    for suffix, pronoun in _SELF:
        if office.endswith(suffix):
            return pronoun
    return "本机关"


def by_clause(report: DocumentReport, findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings grouped by the clause they sit in, in reading order; most severe first inside."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: f.location.offset):
        groups.setdefault(f.location.locator, []).append(f)
    return [sorted(g, key=lambda f: (-f.severity.rank, f.location.offset)) for g in groups.values()]


def problem_block(report: DocumentReport, index: int, group: Sequence[Finding]) -> gongwen.Block:
    """One clause: where, the flagged words quoted once each, why, the basis and the change."""
    where = citation(group[0].location.locator)
    lead = f"（{chinese_number(index)}）关于{where}。"
    words = _unique(f.match for f in group if f.match)
    # Words already inside another quoted phrase are not quoted twice.
    words = [w for w in words if not any(w != other and w in other for other in words)]
    quoted = "".join(f"“{w}”" for w in words)
    said = f"该处规定{quoted}。" if quoted else ""
    reasons = "".join(sentence(m) for m in _unique(f.message for f in group))
    bases = merge_bases(group)
    fixes = "；".join(_unique(_first_clause(f.suggestion) for f in group if f.suggestion))
    text = said + reasons + (f"依据：{bases}。" if bases else "") + (f"修改意见：{fixes}。" if fixes else "")
    return gongwen.Block(text, lead=lead, emphasis=words[0] if words else "")


def citation(locator: str) -> str:
    """A locator as a letter cites it: 第五条第二款 stays; 二、（一）3. → 第二部分第（一）项第3点."""
    if not locator:
        return "文件整体"
    if locator.startswith("第"):
        return locator
    parts = re.findall(r"[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．]|（\d+）", locator)
    if "".join(parts) != locator:
        return locator
    names = []
    for part in parts:
        if part.endswith("、"):
            names.append(f"第{part[:-1]}部分")
        elif part.startswith("（") and not part[1].isdigit():
            names.append(f"第{part}项")
        elif part[0].isdigit():
            names.append(f"第{part[:-1]}点")
        else:
            names.append(f"第{part}目")
    return "".join(names)


def merge_bases(findings: Sequence[Finding]) -> str:
    """Legal bases of several findings, one entry per law with its articles merged."""
    laws: dict[str, list[str]] = {}
    for f in findings:
        for basis in f.basis:
            articles = laws.setdefault(basis.law, [])
            for article in re.split(r"、", basis.article) if basis.article else ():
                if article and article not in articles:
                    articles.append(article)
    return "；".join(f"《{short_law_name(law)}》{'、'.join(articles)}" for law, articles in laws.items())


def short_law_name(law: str) -> str:
    """中华人民共和国行政处罚法 → 行政处罚法, the short name review letters cite national laws by."""
    return law.removeprefix("中华人民共和国") or law


def _unique(items) -> list[str]:
    out: list[str] = []
    for item in items:
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return out


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？")) else text.rstrip("；，") + "。"


def _first_clause(suggestion: str) -> str:
    """The first instruction of a suggestion (删除该审批要求), which is what the letter asks for."""
    return re.split(r"[；。]", suggestion.strip(), maxsplit=1)[0].strip()

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
