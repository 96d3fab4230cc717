"""Words in place of the identifiers the archive keeps, so a page never shows a bare hash or code:
a finding's fingerprint becomes its location and rule title, a rule code its Chinese title (from
the rule set the checks run with, loaded once per process), a cleanup reason's code its kind.
The identifiers stay available as a tooltip (``tip``) for whoever needs to quote them."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import Severity

# A review's log entry lists fingerprints under these keys (reviewer/archive/filings.py: review).
DECIDED = {"采纳": "已采纳", "驳回": "已驳回"}

# The stable codes of cleanup-audit reasons (reviewer/audit/records.py: Reason) in words.
REASON_KINDS = {
    "RULE": "审查规则",
    "LAW_REPEALED": "上位法已废止",
    "LAW_AMENDED": "上位法已修改",
    "DOC_REPEALED": "所引文件已失效",
    "EXPIRED": "有效期届满",
    "EXPIRING": "有效期将届满",
    "PROVISIONAL_OVERDUE": "暂行试行超期",
    "DUPLICATE": "内容重复",
    "CONFLICT": "可能冲突",
}


@dataclass(frozen=True)
class Label:
    """What a page shows (``text``) and what it keeps in the title attribute (``tip``)."""

    text: str
    tip: str = ""


@dataclass(frozen=True)
class ReasonView:
    """A cleanup reason as the proposals page shows it: for a rule, ``lead`` (where) then the
    rule's ``title`` with its ``rule`` code set small, then ``rest``; otherwise the message."""

    kind: str
    code: str
    message: str
    lead: str = ""
    title: str = ""
    rule: str = ""
    rest: str = ""


def rule_title(code: str) -> str:
    """The rule's Chinese title in the shipped rule set (the one ``Archive.review_context``
    checks with, cached per process); empty for a code the rule set no longer has."""
    from reviewer.rules.loader import default_ruleset

    rule = default_ruleset().get(code) if code else None
    return rule.title if rule is not None else ""


def finding_label(fingerprint: str, finding: dict | None, decision: str = "") -> Label:
    """A finding named by where it is and what rule it broke, e.g. 第五条：设置户籍、地域等歧视性
    条件（已驳回）; ``finding`` is its archive record (None when the archive has none)."""
    done = f"（{DECIDED[decision]}）" if decision in DECIDED else ""
    if finding is None:
        return Label(f"一处问题（记录中未找到）{done}", f"指纹 {fingerprint}")
    where = finding.get("locator") or "全文"
    code = finding.get("code") or ""
    title = finding.get("title") or rule_title(code) or "自动审查发现的问题"
    severity = _severity(finding.get("severity"))
    tip = "，".join(part for part in (code, severity, f"第 {finding['version']} 版" if finding.get("version") else "",
                                      f"原文「{finding['match']}」" if finding.get("match") else "",
                                      f"指纹 {fingerprint}") if part)
    return Label(f"{where}：{title}{done}", tip)


def _severity(value: str | None) -> str:
    try:
        return Severity(value).label if value else ""
    except ValueError:
        return ""


def reason_view(reason: dict) -> ReasonView:
    """How the proposals page shows one reason of a cleanup audit."""
    code = reason.get("code") or ""
    message = reason.get("message") or ""
    kind = REASON_KINDS.get(code, "其他")
    detail = reason.get("detail") or {}
    rule = detail.get("rule") if code == "RULE" else None
    if not rule:
        return ReasonView(kind, code, message)
    # checks.check_findings writes 「where：title（CODE，severity，new or not）「words」」.
    marker = f"（{rule}，"
    head, found, tail = message.partition(marker)
    where = detail.get("locator") or ""
    if not found:  # a message in another shape: the title, then the message as it was written
        return ReasonView(kind, code, message, title=rule_title(rule) or rule, rule=rule, rest="：" + message)
    lead = f"{where}：" if where and head.startswith(f"{where}：") else ""
    title = rule_title(rule) or head[len(lead):] or rule
    return ReasonView(kind, code, message, lead=lead, title=title, rule=rule, rest="（" + tail)
