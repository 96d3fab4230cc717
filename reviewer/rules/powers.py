"""Powers a statute gives to one kind of body, and who a document says exercises them.

``rules/vocab/powers.yaml`` is a table: each row names a power by the words for it (``power``: 宅基地,
工伤认定, 营业执照 …), the verbs that exercise it (``acts``: 审批, 作出, 吊销 …), the bodies the
statute names as its holders (``holders``: 乡（镇）人民政府, 社会保险行政部门 …) and the article. The
table becomes one measure of the vocabulary (``statutory_power``), so the trigger automaton, the
clause analysis and the guards treat it like any other measure; a rule whose ``actor_role`` is
``holder`` then asks ``misheld``: which body exercises the power here, and is it one the statute
names? A body the statute does not name (a township deciding 低保, a 管委会 issuing 营业执照, a
village committee approving 宅基地) takes a power the document cannot give it (立法法 第九十一条;
行政许可法 第二十二条; 行政处罚法 第十七条).

The body is read from the words around the verb, the way a reader finds who acts: the body after
由、交由、经、报、向 right before the verb (宅基地由县自然资源局审批), or the clause's subject before the
power (镇政府负责低保审批). A body that only helps, receives or passes the file on (受理、初审、协助、
报…审批) acts for the holder; a generic name (有关部门, 主管部门, 登记机关) says nothing; a sentence
that delegates or authorises (委托、授权、下放) is another rule's question (ULTRA_VIRES035).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.errors import RuleError
from reviewer.regexes import compile_re
from reviewer.rules.lazy import LazyPattern

if TYPE_CHECKING:
    from reviewer.rules.guards import MatchContext
    from reviewer.rules.vocab import Measure

POWERS_FILE = "powers.yaml"
MEASURE_NAME = "statutory_power"
_GAP = 16  # characters the power and its verb may stand apart (宅基地申请经村民小组讨论后由乡镇审批)
_FIELDS = ("about", "power", "acts", "holders", "law", "article", "text", "triggers")


@dataclass(frozen=True)
class StatutoryPower:
    """One row of the table (see the module docstring)."""

    about: str
    power: LazyPattern
    acts: LazyPattern
    holders: LazyPattern
    law: str
    article: str
    text: str  # the statute's words on who holds the power
    unless: LazyPattern | None = field(default=None)

    def note_for(self, body: str) -> str:
        return f"（《{self.law}》{self.article}：{self.text}；本句由“{body}”行使{self.about}）"


def powers_path(rules_dir: Path) -> Path:
    return rules_dir / "vocab" / POWERS_FILE


def load_powers(path: Path, data: object) -> tuple[tuple[StatutoryPower, ...], tuple[str, ...]]:
    """Validate the table: (rows, every row's triggers); errors name the file, the row and the field."""
    where = f"{path.parent.name}/{path.name}"
    if not isinstance(data, dict) or not isinstance(data.get("powers"), list):
        raise RuleError(f"{where}: 应为含 powers 列表的映射")
    rows = []
    for i, raw in enumerate(data["powers"], 1):
        label = f"{where}: 第 {i} 条"
        if not isinstance(raw, dict):
            raise RuleError(f"{label}: 应为键值对")
        missing = [f for f in _FIELDS if not raw.get(f)]
        if missing:
            raise RuleError(f"{label} → {missing[0]}: 缺少字段")
        label = f"{where}: {raw['about']}"
        row = StatutoryPower(
            about=str(raw["about"]), power=_pattern(raw, "power", label), acts=_pattern(raw, "acts", label),
            holders=_pattern(raw, "holders", label), law=str(raw["law"]), article=str(raw["article"]),
            text=str(raw["text"]), unless=_pattern(raw, "unless", label) if raw.get("unless") else None)
        triggers = raw["triggers"]
        if not isinstance(triggers, list) or not all(isinstance(t, str) and t for t in triggers):
            raise RuleError(f"{label} → triggers: 应为非空的触发词列表")
        for t in triggers:  # the prefilter's words: each must stand in the power's pattern as written
            if t not in row.power.pattern:
                raise RuleError(f"{label} → triggers: “{t}”不在 power 中")
        _check_examples(raw, row, label)
        rows.append((row, tuple(triggers)))
    return tuple(r for r, _ in rows), tuple(dict.fromkeys(t for _, ts in rows for t in ts))


def _pattern(raw: dict[str, Any], name: str, label: str) -> LazyPattern:
    value = raw[name]
    if not isinstance(value, str) or "(?P<" in value or "\\b" in value:
        raise RuleError(f"{label} → {name}: 应为不含命名分组与 \\b 的正则表达式")
    try:
        re.compile(value)
    except re.error as exc:
        raise RuleError(f"{label} → {name}: 正则表达式无效：{exc}") from None
    return LazyPattern(value, f"{label} → {name}")


def _check_examples(raw: dict[str, Any], row: StatutoryPower, label: str) -> None:
    """``held`` and ``misheld``: the body each example names must (not) be a holder."""
    for key, want in (("held", True), ("misheld", False)):
        for body in raw.get(key) or []:
            if bool(row.holders.compile().search(str(body))) != want:
                raise RuleError(f"{label} → {key}: “{body}”{'应' if want else '不应'}匹配 holders")


def power_measure(path: Path, data: object) -> Measure:
    """The table as one kind of measure: a power and the verb exercising it, in either order."""
    from reviewer.rules.vocab import Measure

    rows, triggers = load_powers(path, data)
    parts = []
    for row in rows:
        power, acts = row.power.pattern, row.acts.pattern
        parts.append(f"(?:{power})[^。；]{{0,{_GAP}}}?(?:{acts})|(?:{acts})[^，。；]{{0,6}}?(?:{power})")
    pattern = "|".join(parts)
    where = f"{path.parent.name}/{path.name}"
    return Measure(name=MEASURE_NAME, title="法律指定由特定机关行使的职权", families=("ULTRA_VIRES",),
                   pattern=pattern, triggers=triggers, law="立法法 第九十一条；行政许可法 第二十二条；行政处罚法 第十七条",
                   compiled=LazyPattern(pattern, where), powers=rows)


# A body: words ending in the name of an organ, an office, an organisation or a firm.
_BODY_END_RE = compile_re(
    r"(?:人民政府|政府|办事处|街道办|街道|管委会|委员会|委|局|厅|办公室|办|中心|所|站|院|学校|医共体|医院|卫生院|"
    r"协会|商会|联合会|公司|集团|企业|单位|专班|指挥部|领导小组|工作组|党委|党工委|党支部|支部|村委会|居委会|会议|大会|"
    r"社区|村民小组|村|乡镇|镇|乡|大队|中队|队|部门|机关|机构|工会)$")
# Names that say no more than "the competent body": no body to compare.
_GENERIC_RE = compile_re(r"(?:有关|相关|主管|职能|行政|登记|发证|审批|原|法定|有权|上级|同级|各级|该|其)(?:部门|机关|机构|单位)$|^(?:部门|机关|机构|单位)$")
# Words between a body and the verb that make it no decider (镇政府负责受理、初审; 村委会协助调查).
_HELPER_RE = compile_re(r"受理|初审|预审|协助|配合|调查|核查|核实|入户|公示|推荐|提出|出具[^，。；]{0,4}意见|上报|报送|报请|转报|"
                        r"汇总|审核后报|收集|代办|帮办|给予指导|督促|不得|无权|严禁|禁止")
# Lead words that name the decider of the verb that follows (由乡镇审批; 经村委会批准; 报县政府批准).
_LEAD_RE = compile_re(r"(?:交由|交给|统一由|均由|一律由|改由|由|经|报|向)")
# Stripped from the end of a subject before it is read as a body (镇政府负责; 街道办统一).
_TAIL_RE = compile_re(r"(?:负责|统一|依法|具体|直接|可以|可|应当|应|须|要|将|对|予以|进行|组织|作出|办理|牵头|一律|自行|)+$")
# Words ending like a body that are none (农村, 城乡; 补办, 代办: verbs).
_NOT_BODY_RE = compile_re(r"(?:农村|乡村|城乡|城镇|村镇|[补代帮承督协举开兴包创主经申]办|[^\u4e00-\u9fff].)$|^.$")
# Words before a body that are not part of its name (申请人须提供派出所 → 派出所).
_CUT_RE = compile_re(r"须|应当|提供|提交|出示|、|的")
# Where a body's name ends and what it does begins (县人社局根据…; 区商务局调查核实后…).
_STOP_RE = compile_re(r"根据|按照|依据|依照|结合|参照|会同|联合|调查|核实|核查|审查|研究|评议|讨论|集体|受理|初审|审核|组织|负责|统一|具体|直接|依法|自行|"
                      r"在[^，。；]{0,10}?后|后(?=作出|予以|决定|批准|审批)")
_DELEGATED_RE = compile_re(r"委托|授权|下放|赋予|相对集中")
# After the verb: the decision goes on to another body (审核后报县民政局审批).
_PASSED_ON_RE = compile_re(r"^[^。；]{0,8}?(?:后|并)?(?:报|报送|报请|上报|提交)[^，。；]{0,14}?(?:审批|批准|决定|核准|认定)")
_BREAK = "，,；;：:。"


def misheld(ctx: MatchContext, measures: tuple[Measure, ...]) -> tuple[str, StatutoryPower] | None:
    """(body, row) when the match exercises a power of the table and the body exercising it is not
    one the statute names; None when the holder acts, no body is named, or the body only helps."""
    words = ctx.text[ctx.start:ctx.end]
    sentence = ctx.text[ctx.sentence_start:ctx.sentence_end]
    if _DELEGATED_RE.search(sentence):
        return None
    for measure in measures:
        for row in measure.powers:
            power = row.power.compile().search(words)
            if power is None or (row.unless is not None and row.unless.compile().search(sentence)):
                continue
            act = _last(row.acts.compile(), words)
            if act is None:
                continue
            after = ctx.text[ctx.start + act.end():ctx.sentence_end]
            if _PASSED_ON_RE.search(after):
                return None
            if after.startswith(("手续", "的手续")):
                return None  # 负责办理水土保持方案审批手续: the applicant's errand, not the decision
            if power.start() < act.start() and after.startswith("的"):
                return None  # 派出所出具的证明: the verb qualifies another noun, not the power
            body = _decider(ctx, words, power, act)
            if not body or _GENERIC_RE.search(body) or row.holders.compile().search(body) or power.group(0) in body:
                return None  # the holder, no body, or one named after the power (社区戒毒康复办公室)
            return body, row
    return None


def _last(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(words):
        pass
    return found


def _decider(ctx: MatchContext, words: str, power: re.Match[str], act: re.Match[str]) -> str:
    """The body that takes the verb: named between the power and the verb after a lead word (由…,
    经…, 报…), right before the verb (…乡镇审批), or as the subject before the match."""
    if power.start() < act.start():
        between = words[power.end():act.start()]
        lead = _last(_LEAD_RE, between)
        if lead is not None:
            return _body(between[lead.end():], acting=True)  # 由区商务局调查核实后作出: it decides
        if between and between[-1] not in _BREAK:
            if _after_break(between) == between:
                return ""  # 社区戒毒康复办公室决定: the power names the body, the body does not take the power
            body = _body(_after_break(between))
            if body:
                return body
    before = ctx.text[ctx.sentence_start:ctx.start]
    clause = _after_break(before)
    lead = _last(_LEAD_RE, clause)
    subject = clause[lead.end():] if lead is not None else clause
    return _body(subject)


def _after_break(text: str) -> str:
    cut = max(text.rfind(c) for c in _BREAK)
    return text[cut + 1:]


def _body(phrase: str, acting: bool = False) -> str:
    """The phrase as a body, or '' when it does not end in one. A subject that helps (协助、受理、初审)
    is no decider; a body named after 由 that first checks and then decides is (``acting``)."""
    if not acting and _HELPER_RE.search(phrase):
        return ""
    phrase = _STOP_RE.split(phrase, maxsplit=1)[0]  # 县人社局根据企业承受能力 → 县人社局
    phrase = _TAIL_RE.sub("", phrase)
    phrase = _CUT_RE.split(phrase)[-1][-14:]
    return phrase if _BODY_END_RE.search(phrase) and not _NOT_BODY_RE.search(phrase) else ""
