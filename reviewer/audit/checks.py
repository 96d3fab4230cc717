"""The per-document audit: every reason a document needs attention, each arguing for an outcome.

Pure functions over what the runner gathered about one document (``Subject``) and the shared
context (the law catalogue, the settings): no database access here, so the checks are easy to
test and cheap to run in worker processes. Outcome rules are documented in outcome.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from reviewer.audit.outcome import propose
from reviewer.audit.records import AMEND, EXPIRE, KEEP, REPEAL, AuditSettings, DocumentAudit, Reason
from reviewer.citations import Law
from reviewer.statuses import ENDED as EXPIRED_STATUSES

if TYPE_CHECKING:
    from reviewer.context import ReviewContext


@dataclass(frozen=True)
class CitedLaw:
    """A resolved law citation of the document's current version."""

    law_id: int
    title: str  # as written
    article: str


@dataclass(frozen=True)
class CitedDocument:
    """An archived document the subject cites (by 发文字号 or title)."""

    id: int
    title: str
    doc_number: str | None
    status: str
    cited_as: str


@dataclass(frozen=True)
class Pair:
    """Another in-force document of the same issuer with a near-identical title."""

    other_id: int
    other_title: str
    other_date: str
    title_score: float
    text_score: float


@dataclass(frozen=True)
class Subject:
    """What the audit knows about one document."""

    id: int
    title: str
    level: str
    text: str
    issue_date: str | None = None
    publish_date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    fingerprints: frozenset[str] = frozenset()  # findings stored when it was filed
    dismissed: frozenset[str] = frozenset()  # findings a reviewer dismissed, with a reason
    laws: tuple[CitedLaw, ...] = ()
    documents: tuple[CitedDocument, ...] = ()
    pairs: tuple[Pair, ...] = field(default=())

    @property
    def issued(self) -> str | None:
        """The date the document was made: 印发, else 公布, else 施行."""
        return self.issue_date or self.publish_date or self.effective_date

    @property
    def start(self) -> str | None:
        """The date its validity runs from: 施行, else 公布, else 印发."""
        return self.effective_date or self.publish_date or self.issue_date


# --------------------------------------------------------------------------- today's rules


def _cited(locator: str) -> str:
    """The locator as a sentence can name it: a bare section mark 一、 reads 第一部分 (一、：… reads
    as a typo)."""
    if not locator:
        return "全文"
    if locator.endswith("、") and "、" not in locator[:-1] and "（" not in locator:
        return f"第{locator[:-1]}部分"
    return locator


def check_findings(subject: Subject, findings) -> list[Reason]:
    """Findings of today's rules that no reviewer dismissed; error level argues for 修改."""
    out = []
    for f in findings:
        if f.fingerprint in subject.dismissed:
            continue
        new = f.fingerprint not in subject.fingerprints
        where = _cited(f.location.locator)
        label = "登记后新发现" if new else "登记时已有"
        out.append(Reason("RULE", AMEND if f.severity.value == "error" else KEEP,
                          f"{where}：{f.title}（{f.code}，{f.severity.label}，{label}）「{f.match}」",
                          {"rule": f.code, "severity": f.severity.value, "locator": where, "new": new,
                           "fingerprint": f.fingerprint}))
    return out


# --------------------------------------------------------------------------- higher law


def _articles(cites: list[CitedLaw]) -> str:
    arts = list(dict.fromkeys(c.article for c in cites if c.article))
    return "、".join(arts)


def _repealed_reason(law: Law, cites: list[CitedLaw], subject: Subject, laws: dict[int, Law],
                     cited_ids: set[int]) -> Reason:
    """A cited law is repealed: 修改 when a successor or another basis exists, else 废止."""
    arts = _articles(cites)
    what = f"《{law.title}》{arts}"
    repealed = law.repealed.isoformat() if law.repealed else None
    when = repealed or "日期不详"
    timing = ("印发时已废止" if repealed and subject.issued and repealed <= subject.issued
              else "印发后废止")
    successor = next((other for other in laws.values() if law.replaced_by and other.title == law.replaced_by), None)
    others = [laws[i].title for i in cited_ids if i != law.id and i in laws and not laws[i].is_repealed]
    detail = {"law_id": law.id, "law": law.title, "articles": arts, "repealed": repealed,
              "replaced_by": law.replaced_by}
    if successor and successor.id in cited_ids:
        return Reason("LAW_REPEALED", AMEND, f"所引{what}已于{when}废止（{timing}），本件已同时引用替代的"
                      f"《{successor.title}》，应删除对旧法的引用", detail)
    if law.replaced_by:
        return Reason("LAW_REPEALED", AMEND, f"所引{what}已于{when}废止（{timing}），由《{law.replaced_by}》"
                      "取代；依据条款应按新法修改", detail)
    if others:
        return Reason("LAW_REPEALED", AMEND, f"所引{what}已于{when}废止（{timing}）且无替代；本件另有依据"
                      f"《{'》《'.join(sorted(others))}》，应删除或改写依赖旧法的条款", detail)
    return Reason("LAW_REPEALED", REPEAL, f"所引{what}已于{when}废止（{timing}）且无替代，本件没有其他现行"
                  "上位法依据，已失去制定依据，建议废止", detail)


def check_laws(subject: Subject, laws: dict[int, Law]) -> list[Reason]:
    """Cited laws repealed, or amended after the document was issued."""
    by_law: dict[int, list[CitedLaw]] = {}
    for cite in subject.laws:
        by_law.setdefault(cite.law_id, []).append(cite)
    cited_ids = set(by_law)
    out = []
    for law_id in sorted(by_law):
        law = laws.get(law_id)
        if law is None:
            continue
        cites = by_law[law_id]
        if law.is_repealed:
            out.append(_repealed_reason(law, cites, subject, laws, cited_ids))
            continue
        if not subject.issued:
            continue
        later = law.changed_after(subject.issued)
        if later:
            arts = _articles(cites)
            out.append(Reason("LAW_AMENDED", AMEND,
                              f"所引《{law.title}》{arts}在本件印发（{subject.issued}）后修改（{'、'.join(later)}），"
                              "应核对所引条款是否仍然一致", {"law_id": law.id, "law": law.title, "articles": arts,
                                                         "changed": list(later), "issued": subject.issued}))
    return out


def check_documents(subject: Subject) -> list[Reason]:
    """Cited archived documents that were repealed or expired."""
    out = []
    for doc in subject.documents:
        if doc.status in EXPIRED_STATUSES and doc.id != subject.id:
            out.append(Reason("DOC_REPEALED", AMEND,
                              f"所引文件《{doc.title}》（{doc.doc_number or doc.cited_as}，第 {doc.id} 号）已{doc.status.removeprefix('已')}"
                              "，应修改相关内容", {"document_id": doc.id, "status": doc.status, "cited_as": doc.cited_as}))
    return out


# --------------------------------------------------------------------------- validity


def _add_months(day: dt.date, months: int) -> dt.date:
    from reviewer.metadata import _add_months as add

    return add(day, months)


def check_validity(subject: Subject, metadata, settings: AuditSettings) -> list[Reason]:
    """Validity ended or ending soon; 暂行/试行 past their limit."""
    as_of = dt.date.fromisoformat(settings.as_of)
    expiry = subject.expiry_date or (metadata.expiry_date.isoformat() if metadata.expiry_date else None)
    if expiry:
        end = dt.date.fromisoformat(expiry)
        if end < as_of:
            return [Reason("EXPIRED", EXPIRE, f"有效期已于{expiry}届满，建议宣布失效；仍需执行的应重新制定",
                           {"expiry": expiry})]
        if end <= _add_months(as_of, settings.expiring_months):
            return [Reason("EXPIRING", KEEP, f"有效期将于{expiry}届满（{settings.expiring_months}个月内），"
                           "请在届满前评估是否重新制定", {"expiry": expiry})]
        return []
    provisional = "暂行" in subject.title or "试行" in subject.title
    if provisional and subject.start:
        limit = _add_months(dt.date.fromisoformat(subject.start), round(settings.provisional_years * 12))
        if limit < as_of:
            return [Reason("PROVISIONAL_OVERDUE", EXPIRE,
                           f"暂行/试行文件自{subject.start}起已超过{settings.provisional_years:g}年，未规定有效期，"
                           "建议宣布失效；需要继续执行的应正式制定", {"start": subject.start, "limit": limit.isoformat()})]
    return []


# --------------------------------------------------------------------------- same issuer


def _older(subject: Subject, pair: Pair) -> bool:
    mine, theirs = subject.issued or "", pair.other_date or ""
    return (mine, subject.id) < (theirs, pair.other_id)


def check_pairs(subject: Subject, settings: AuditSettings) -> list[Reason]:
    """Near-duplicate or possibly conflicting documents of the same issuer (pairs from the runner)."""
    out = []
    for pair in subject.pairs:
        other = f"第 {pair.other_id} 号《{pair.other_title}》"
        scores = f"标题相似度 {pair.title_score:.0f}，正文相似度 {pair.text_score:.0f}"
        detail = {"other_id": pair.other_id, "title_score": round(pair.title_score),
                  "text_score": round(pair.text_score)}
        older = _older(subject, pair)
        if pair.text_score >= settings.duplicate_text_score:
            if older:
                out.append(Reason("DUPLICATE", REPEAL, f"与同一机关较新的{other}内容基本相同（{scores}），"
                                  "建议废止本件，由较新的文件继续执行", detail))
            else:
                out.append(Reason("DUPLICATE", KEEP, f"与同一机关较早的{other}内容基本相同（{scores}），"
                                  "建议废止较早的文件", detail))
        elif older:
            out.append(Reason("CONFLICT", AMEND, f"与同一机关较新的{other}标题相近而内容不同（{scores}），"
                              "可能就同一事项重复规定或相互冲突，应修改或合并", detail))
        else:
            out.append(Reason("CONFLICT", KEEP, f"与同一机关较早的{other}标题相近而内容不同（{scores}），"
                              "请核对两者是否冲突", detail))
    return out


# --------------------------------------------------------------------------- one document


def audit(subject: Subject, laws: dict[int, Law], settings: AuditSettings,
          review: ReviewContext | None = None) -> DocumentAudit:
    """Every reason for one document and the outcome they propose.

    ``review`` is the recheck's context (rules, the run's review settings, the archive's law
    base); None builds one with the run's settings and the built-in law base.
    """
    from reviewer.context import ReviewContext
    from reviewer.model import SourceText
    from reviewer.pipeline import build_document, check_document

    doc = build_document(SourceText(path=f"<第{subject.id}号>", format="text", text=subject.text),
                         level=subject.level)
    reasons: list[Reason] = []
    reasons += check_validity(subject, doc.metadata, settings)
    reasons += check_laws(subject, laws)
    reasons += check_documents(subject)
    reasons += check_pairs(subject, settings)
    if settings.recheck:
        review = review or ReviewContext.build(settings=settings.review_settings)
        reasons += check_findings(subject, check_document(doc, review).findings)
    return DocumentAudit(subject.id, propose(reasons), tuple(reasons))
