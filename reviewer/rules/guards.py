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

# Prohibition or removal before the thing: 不得收取、免收、取消审批、严禁乱罚款.
_NEGATION_RE = re.compile(
    r"不得|不准|不许|不应|不能|不宜|禁止|严禁|杜绝|防止|避免|不再|停止|取消|废止|撤销了|免收|免征|免予|免除|免费|减免|"
    r"无需|无须|不需|不必|不收|不另|一律不|乱|变相|随意"
)
# Deference to law in general, without naming it.
_GENERIC_BASIS_RE = re.compile(
    r"依法|依规|依纪|依照(?:有关|相关|国家|法律|法定|上位法)|依据(?:有关|相关|国家|法律)|"
    r"根据(?:有关|相关|国家|法律)|按照(?:有关|相关|国家|法律|法定)|由.{0,12}?依照|法律、(?:行政)?法规"
)
# Subjects that are the issuing body's own staff, departments or subordinate bodies.
_OWN_STAFF_RE = re.compile(
    r"(?:各|全)(?:级|区|县|市|乡|镇|乡镇|街道|部门|单位|科室)|执法人员|工作人员|公职人员|机关|"
    r"(?:有关|相关|职能|主管|监管|执法|行业|行政|责任)部门|(?:区|县|市|乡|镇)(?:政府|直)|[本我](?:局|委|办|厅|机关)"
)
_STAFF_VERB_RE = re.compile(r"要|应当|应|须|必须|负责|加强|严格|依法|做好|认真|切实|积极|抓好|进一步")
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
    """The sentence names a higher law in force as its basis (a repealed or unknown law does not count)."""
    from reviewer.citations import LawCatalog, cites_basis as check

    return check(ctx.sentence, LawCatalog.builtin()).status == "valid"


def generic_basis(ctx: MatchContext) -> bool:
    """The sentence defers to law in general (依法、依照有关法律法规) instead of setting anything itself."""
    return bool(_GENERIC_BASIS_RE.search(ctx.sentence))


def own_staff(ctx: MatchContext) -> bool:
    """The sentence instructs the issuing body's own staff or departments, and sets no amount."""
    m = _OWN_STAFF_RE.search(ctx.before)
    if not m or _AMOUNT_RE.search(ctx.sentence):
        return False
    return bool(_STAFF_VERB_RE.search(ctx.sentence, m.end()))


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
}
