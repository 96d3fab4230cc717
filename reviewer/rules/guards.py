"""Named context guards: each recognises a lawful look-alike and exempts the match.

A guard reads the sentence around a match (and, for a few, the document) and answers one
question. Rules list the guards that apply to them under ``unless``; the names are a closed set
(``reviewer.rules.schema.GUARDS``), so a pack cannot ask for a guard that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from reviewer.model import Document

# Marks that end a sub-sentence: the scope in which a negation or a subject applies.
_CLAUSE_BREAK_RE = re.compile(r"[，,；;：:。！？!?\n]")

# Polarity: prohibition, removal or refusal before the thing (不得收取、免收、取消审批、严禁乱罚款、
# 有权拒绝摊派、不采取扣留措施). Only the sub-sentence before the match counts, so that
# "不得拒绝检查，否则处罚款" keeps its penalty.
_NEGATION_RE = re.compile(
    r"不得|不准|不许|不应|不能|不宜|禁止|严禁|杜绝|防止|避免|不再|停止|取消|废止|撤销了|免收|免征|免予|免除|免费|减免|"
    r"无需|无须|不需|不必|不收|不另|一律不|不被|非经|乱|变相|随意|拒绝|抵制|"
    r"不(?:予|得)?(?:采取|实施|适用|设定|设立|收取|征收|要求|索要)"
)
# Deference to law in general, without naming it.
_GENERIC_BASIS_RE = re.compile(
    r"依法|依规|依纪|依照(?:有关|相关|国家|法律|法定|上位法)|依据(?:有关|相关|国家|法律)|"
    r"根据(?:有关|相关|国家|法律)|按照(?:有关|相关|国家|法律|法定)|由.{0,12}?依照|法律、(?:行政)?法规"
)
# A blanket order: every case decided in advance, whatever the law says about each.
_BLANKET_RE = re.compile(r"一律|一经发现|凡是?[^，。；]{0,20}?均")
# Subjects that are the issuing body's own staff, departments or subordinate bodies.
_OWN_STAFF_RE = re.compile(
    r"(?:各|全)(?:级|区|县|市|乡|镇|乡镇|街道|部门|单位|科室)|执法人员|工作人员|公职人员|机关|"
    r"党员|(?:领导)?干部|(?:交通)?警察|民警|交警|"
    r"(?:有关|相关|职能|主管|监管|执法|行业|行政|责任)部门|(?:区|县|市|乡|镇)(?:政府|直)|[本我](?:局|委|办|厅|机关)"
)
# Before a staff word inside its sub-sentence, these make it an agent or an object, not the subject.
_NOT_SUBJECT_RE = re.compile(r"由|对|向|将|把|根据|按照|依照|依据|经|和|与|及其")
# The rest of a conditional sub-sentence after a match: a few characters, then 的 and a comma.
_CONDITION_END_RE = re.compile(r"[^，,；;。]{0,6}?的[，,]")
_STAFF_VERB_RE = re.compile(r"要|应当|应|须|必须|不得|负责|加强|严格|依法|做好|认真|切实|积极|抓好|进一步")
_AMOUNT_RE = re.compile(r"[0-9０-９一二三四五六七八九十百千万两]+(?:元|倍|日|天|个月|年)")
# Verbs of governance: a sentence led by them talks about a topic instead of commanding.
_TOPIC_VERB_RE = re.compile(
    r"加强|推进|推动|深化|深入|规范|完善|健全|落实|开展|做好|建立|全面|清理|精简|减少|优化|改革|推行|"
    r"强化|提高|提升|探索|研究|制定|修订|梳理|公开|公布|编制|审查|监督|整治|贯彻|严格|坚持|统筹|"
    r"加快|创新|构建|促进|保障|指导|评估|考核|宣传|培训|简化|压减|下放|承接|衔接|动态调整"
)
_PLAN_TITLE_RE = re.compile(r"方案|要点|计划|规划|报告|总结|意见|纲要|安排")
_FACILITATIVE_RE = re.compile(r"可以|可|鼓励|支持|引导|倡导|提倡|自愿|欢迎|允许")


@dataclass(frozen=True)
class MatchContext:
    """A match and its surroundings, as the guards see it."""

    doc: Document
    sentence_start: int
    sentence_end: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def sentence(self) -> str:
        return self.text[self.sentence_start:self.sentence_end]

    @cached_property
    def before(self) -> str:
        """The sentence up to the match."""
        return self.text[self.sentence_start:self.start]

    @cached_property
    def window(self) -> str:
        """The sub-sentence before the match (from the last comma or colon)."""
        before = self.before
        last = None
        for last in _CLAUSE_BREAK_RE.finditer(before):
            pass
        return before[last.end():] if last else before


def negated(ctx: MatchContext) -> bool:
    """The clause prohibits or removes the thing rather than setting it."""
    return bool(_NEGATION_RE.search(ctx.window))


def cites_basis(ctx: MatchContext) -> bool:
    """The sentence names a higher norm as its basis (see ``BasisCheck.exempts`` for the policy).

    A law in force, or an unknown norm of a legal kind (a provincial 条例, a ministry 规定),
    exempts; a repealed law, a …法 the complete title list does not know (a wrong title), a
    plain document or a village covenant does not — the citation checks report those.
    """
    from reviewer.citations import LawCatalog, cites_basis as check

    return check(ctx.sentence, LawCatalog.extended()).exempts


def generic_basis(ctx: MatchContext) -> bool:
    """The sentence defers to law in general (依法、依照有关法律法规) before the match.

    Only deference that precedes the measure governs it: "依法扣留车辆" restates, while
    "处500元罚款，依法缴入国库" still sets the fine. A blanket order (一律依法查封) is no
    deference: it decides every case in advance, which no law does.
    """
    if _BLANKET_RE.search(ctx.window):
        return False
    return bool(_GENERIC_BASIS_RE.search(ctx.before))


def own_staff(ctx: MatchContext) -> bool:
    """The sub-sentence is an instruction to the issuing body's own staff or departments.

    The staff word must be the subject of the sub-sentence that leads to the match (各部门要…,
    执法人员实施…应当…), not an agent or object (由城管部门没收, 对工作人员, 根据区政府的要求)
    nor an attribute (干部职工的子女); and the sentence must set no amount.
    """
    if _AMOUNT_RE.search(ctx.sentence):
        return False
    window = ctx.window
    offset = ctx.start - len(window) - ctx.sentence_start
    for m in _OWN_STAFF_RE.finditer(window):
        if _is_subject(ctx, window, m) and _STAFF_VERB_RE.search(ctx.sentence, offset + m.end()):
            return True
    # A subject that opens the sentence governs its later sub-sentences too
    # (党员干部操办宴席，应当事先报告，宴席不得超过十桌).
    lead = _OWN_STAFF_RE.match(ctx.sentence.lstrip(), 0) or _OWN_STAFF_RE.match(ctx.sentence.lstrip(), 1)
    return bool(lead and _STAFF_VERB_RE.search(ctx.before))


def _is_subject(ctx: MatchContext, window: str, m: re.Match) -> bool:
    """The staff word heads the sub-sentence: no agent/object marker before it, no 的 after it."""
    if _NOT_SUBJECT_RE.search(window, 0, m.start()):
        return False
    return "的" not in window[m.end():m.end() + 6]


def conditional(ctx: MatchContext) -> bool:
    """The match sits in a condition (需要强制拆除的，… / 缴纳保证金的，…): it names a case that
    the clause then regulates, instead of imposing the measure itself."""
    after = ctx.text[ctx.end:ctx.sentence_end]
    m = _CONDITION_END_RE.match(after)
    return bool(m)


def topic(ctx: MatchContext) -> bool:
    """The sentence talks about the matter (加强收费管理、清理行政许可事项) rather than imposing it.

    In a work plan, report or opinion the whole sentence before the match counts; elsewhere
    only the sub-sentence right before it does.
    """
    if _AMOUNT_RE.search(ctx.sentence):
        return False
    title = ctx.doc.metadata.title or ""
    scope = ctx.before if _PLAN_TITLE_RE.search(title) else ctx.window
    return bool(_TOPIC_VERB_RE.search(scope))


def facilitative(ctx: MatchContext) -> bool:
    """可以/鼓励/支持-type wording that grants or encourages and binds no one."""
    return bool(_FACILITATIVE_RE.search(ctx.window))


GUARD_FUNCS: dict[str, Callable[[MatchContext], bool]] = {
    "negated": negated,
    "cites_basis": cites_basis,
    "generic_basis": generic_basis,
    "own_staff": own_staff,
    "topic": topic,
    "facilitative": facilitative,
    "conditional": conditional,
}
