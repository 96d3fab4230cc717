"""Who carries a measure out: the agent (or the approver) a rule's ``match.actor`` asks about.

A seizure, a fine or a power cut is a coercive or penal measure wherever a document imposes it
(COERCION004, PENALTY008); when the body that carries it out is one with no such power — a
村委会, a 物业, an association, a 协管员, a temporary office — it is also a power the document hands
to the wrong hands (ULTRA_VIRES027, 行政处罚法 第十七条至第二十条, 行政强制法 第十七条). The same for
an approval given by such a body (ULTRA_VIRES028). A rule names the kinds of body (a vocabulary in
rules/vocab/measures.yaml) and the role; ``agent`` finds that body in the match's sentence or says
there is none, and ``reviewer explain`` prints what it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.regexes import compile_re
from reviewer.rules.guards import MatchContext
from reviewer.rules.powers import misheld

if TYPE_CHECKING:
    from reviewer.rules.schema import Rule
    from reviewer.rules.vocab import Measure

# Between the agent and the measure: words that make the body a helper, a messenger or a
# petitioner rather than the one who acts (社区协助…拆除, 协管员发现后报告…扣押, 物业不得停水).
_NOT_ACTING_RE = compile_re(
    r"协助|配合|报告|报请|提请|报送|上报|移交|移送|建议|告知|劝阻|劝导|提出|申请|请求|不得|无权|依法|禁止|严禁|"
    r"同意|审核|征求|监督|督促|发现后|函告|转告|转交|转送")
# Right before the body: it is the object or a partner (对村委会…, 经社区同意, 向物业缴纳, 报指挥部).
_OBJECT_BEFORE_RE = compile_re(r"(?:对|向|将|把|经|被|给|与|和|及|、|报|会同)$")
# An approver is named as the object of 经、报、由、向 (须经社区审核同意, 报指挥部审批); it is no
# approver when it only gives an opinion, recommends or passes the file on (征求居委会意见, 村委会
# 初审后报镇政府审批: the statutory chain of a 宅基地 application).
_NOT_APPROVING_RE = compile_re(
    r"协助|配合|报告|上报|移交|移送|建议|告知|意见|征求|初审|推荐|出具|公示|讨论|不得|无权|依法")
_PARTNER_BEFORE_RE = compile_re(r"(?:对|与|和|及|、|会同|将|把|给)$")
_PASSED_ON_RE = compile_re(r"[^，。；]{0,12}?(?:后|并)?报[^，。；]{0,14}?(?:审批|批准|审核|备案|核准)")
# An agency named between the body and the measure is the one that acts or approves (村委会审查后
# 报乡镇人民政府审批; 网格员发现后由城管执法中队暂扣).
_AGENCY_BETWEEN_RE = compile_re(r"人民政府|政府|(?<!结)局|办事处|街道|乡镇|部门|机关|执法(?:队|中队|大队)|派出所|公安")
# A clause of its own hands the measure to another body (专班函告其派出单位，由派出单位给予处分): that
# body is the agent, and it is none of the rule's bodies (those would be found nearer the measure).
_HANDED_ON_RE = compile_re(r"[，,；;](?:再|则|并|后)?(?:交由|改由|由)")
_AGENT_REACH = 40  # characters back from the measure in which the agent is looked for
ROLES = ("agent", "approver", "holder")  # holder: see reviewer/rules/powers.py


@dataclass(frozen=True)
class Actor:
    """The answer to a rule's question about who acts: ``body`` is '' when no body the rule asks
    about acts (the rule then makes no finding); ``note`` what the finding's message adds."""

    body: str
    note: str = ""


def who_acts(ctx: MatchContext, rule: Rule) -> Actor | None:
    """The engine's and ``reviewer explain``'s one reading of a rule's ``actor`` / ``actor_role``:
    None when the rule asks nothing about who acts."""
    if rule.actor_role == "holder":  # the statute's holder, from the powers table
        held = misheld(ctx, rule.measures)
        return Actor(held[0], held[1].note_for(held[0])) if held else Actor("")
    if rule.actor is not None:
        return Actor(agent(ctx, rule.actor, rule.actor_role))
    return None


def agent(ctx: MatchContext, bodies: Measure, role: str = "agent") -> str:
    """The words of ``bodies`` (a vocabulary of kinds of body) that carry out the match's measure:
    the nearest such body before the measure in its sentence, or one named after it as the body that
    carries it out (…暂停其补贴，由村委会具体落实). As the ``agent`` it is not the object (对、向、经…),
    not a helper (协助、配合、报告…), not the subject of a condition that a new subject then answers
    (村委会发现…的，由城管局扣押). As the ``approver`` of an approval it may be the object of 经、报、由
    (须报社区网格站同意), but not a body that only gives an opinion or whose approval is passed on to
    an agency (村委会审查后报镇政府审批). '' when no such body acts."""
    lo = max(ctx.sentence_start, ctx.start - _AGENT_REACH)
    last = None
    for last in bodies.compiled.finditer(ctx.text, lo, ctx.start):
        pass
    if last is None:
        return _named_after(ctx, bodies) if role == "agent" else ""
    # 物业对拒不配合…的住户暂停供水: the object and its description are not what the body does.
    between = _OBJECT_PHRASE_RE.sub("对", ctx.text[last.end():ctx.start])
    before = max(ctx.sentence_start, last.start() - 4)
    if (between.startswith("的") or _AGENCY_BETWEEN_RE.search(between) or _new_subject_after_condition(between)
            or _HANDED_ON_RE.search(between)):
        return ""
    if role == "approver":
        if _NOT_APPROVING_RE.search(between) or _PARTNER_BEFORE_RE.search(ctx.text, before, last.start()):
            return ""
        if _PASSED_ON_RE.match(ctx.text, ctx.end, ctx.sentence_end):
            return ""
        return last.group(0)
    if _NOT_ACTING_RE.search(_without_own_condition(between)) or _OBJECT_BEFORE_RE.search(ctx.text, before, last.start()):
        return _named_after(ctx, bodies)
    return last.group(0)


def _without_own_condition(between: str) -> str:
    """``between`` without the last "…的，" condition when the same subject then acts: its words
    describe the party (经两次劝导仍不改正的，可以暂扣), not what the body does instead of the measure."""
    cut = max(between.rfind("的，"), between.rfind("的,"))
    if cut == -1 or not _SAME_SUBJECT_RE.match(between, cut + 2):
        return between
    opened = max(between.rfind("，", 0, cut), between.rfind(",", 0, cut)) + 1
    return between[:opened] + between[cut + 2:]


# 对在街道两侧乱摆摊点的商户 / 对未依法办理登记的出租房屋: the object the measure reaches.
_OBJECT_PHRASE_RE = compile_re(r"对[^，。；]{0,30}?的")
# After a "…的，" condition, the condition's own subject acts again unless a new one is named
# (网格员巡查发现违规燃放的，可以当场收缴 / 村委会发现…的，由城管局扣押).
_SAME_SUBJECT_RE = compile_re(r"(?:可以|可|应当|应|须|一律|立即|当场|即|并|予以|直接|有权)")
# The body named after the measure as the one that carries it out (罚款五十元，由村民小组长收取).
_CARRIED_OUT_AFTER_RE = compile_re(r"[，,]?由")
_CARRY_OUT_RE = compile_re(r"[长员]?(?:负责|具体|统一)?(?:落实|执行|实施|收取|收缴|办理|组织实施)")


def _new_subject_after_condition(between: str) -> bool:
    cut = max(between.rfind("的，"), between.rfind("的,"))
    return cut != -1 and not _SAME_SUBJECT_RE.match(between, cut + 2)


def _named_after(ctx: MatchContext, bodies: Measure) -> str:
    """A body named after the measure with 由 as the one carrying it out."""
    for m in bodies.compiled.finditer(ctx.text, ctx.end, min(ctx.sentence_end, ctx.end + _AGENT_REACH)):
        lead = ctx.text[max(ctx.end, m.start() - 2):m.start()]
        if lead.endswith("由") and _CARRY_OUT_RE.match(ctx.text, m.end()):
            return m.group(0)
    return ""
