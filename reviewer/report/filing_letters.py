"""The filing office's two other letters, in 公文格式: 备案登记回执 and 不予备案通知.

Both name the filed document by its own title (the 办法 itself for a 印发通知), are addressed
to the issuing body and signed by the office; the layout is ``reviewer.report.gongwen``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reviewer.model import DocumentReport, Finding
from reviewer.numerals import int_to_cn
from reviewer.report import gongwen, opinion


def _cited(report: DocumentReport) -> str:
    meta = report.document.metadata
    name = opinion.reviewed_title(opinion.document_title(report))
    return f"《{name}》" + (f"（{meta.doc_number}）" if meta.doc_number else "")


def _received(received: dt.date | None) -> str:
    return f"于{gongwen.chinese_date(received)}" if received else ""


def receipt(
    report: DocumentReport, *, office: str, number: str, date: dt.date, registration: str,
    received: dt.date | None = None,
) -> gongwen.Letter:
    """备案登记回执: the document was received, reviewed and registered under ``registration``."""
    name = opinion.reviewed_title(opinion.document_title(report))
    body = (
        gongwen.Block(f"你单位报送的{_cited(report)}{_received(received)}收悉。经审查，准予备案登记，"
                      f"统一登记号为{registration}。"),
        gongwen.Block("请按规定向社会公布该文件，并在公布后及时报送公布情况。"),
        gongwen.Block("特此告知。"),
    )
    return gongwen.Letter(office=office, number=number, title=f"关于《{name}》的备案登记回执",
                          addressee=report.document.metadata.issuer or "制定机关", body=body, date=date)


def refusal(
    report: DocumentReport, *, office: str, number: str, date: dt.date, findings: Sequence[Finding] = (),
    staff_opinion: str | None = None, received: dt.date | None = None,
) -> gongwen.Letter:
    """不予备案通知: why the document is refused (the staff's opinion and the findings they
    accepted, merged per clause) and what the issuer must do."""
    name = opinion.reviewed_title(opinion.document_title(report))
    body: list[gongwen.Block] = [gongwen.Block(
        f"你单位报送的{_cited(report)}{_received(received)}收悉。经审查，该文件存在以下问题，决定不予备案：")]
    if staff_opinion:
        body.append(gongwen.Block(opinion.sentence(staff_opinion)))
    for index, group in enumerate(opinion.by_clause(report, findings), 1):
        body.append(opinion.problem_block(report, index, group))
    body.append(gongwen.Block("请你单位自收到本通知之日起对该文件予以纠正或者废止，并将处理结果书面报送我机关。"))
    body.append(gongwen.Block("特此通知。"))
    return gongwen.Letter(office=office, number=number, title=f"关于《{name}》不予备案的通知",
                          addressee=report.document.metadata.issuer or "制定机关", body=tuple(body), date=date)


def completion(
    report: DocumentReport, *, office: str, number: str, date: dt.date, missing: Sequence[str] = (),
    staff_opinion: str | None = None, received: dt.date | None = None,
) -> gongwen.Letter:
    """补正通知 (退回补正): the filing is sent back before review because its materials are
    incomplete or defective; names each missing material and what the staff asked for, and asks
    the issuer to file again once complete."""
    name = opinion.reviewed_title(opinion.document_title(report))
    body: list[gongwen.Block] = [gongwen.Block(
        f"你单位报送的{_cited(report)}{_received(received)}收悉。经审查，该文件的备案材料不齐全或者不符合要求，"
        "现退回你单位补正：")]
    points = [f"缺少{label}。" for label in missing]
    if staff_opinion:
        points.append(opinion.sentence(staff_opinion))
    for index, point in enumerate(points, 1):
        body.append(gongwen.Block(f"{int_to_cn(index)}、{point}"))
    body.append(gongwen.Block("请你单位补正后重新报送备案，我机关收到齐全的备案材料后依法进行审查。"))
    body.append(gongwen.Block("特此通知。"))
    return gongwen.Letter(office=office, number=number, title=f"关于补正《{name}》备案材料的通知",
                          addressee=report.document.metadata.issuer or "制定机关", body=tuple(body), date=date)

