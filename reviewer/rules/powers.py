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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.errors import RuleError
from reviewer.regexes import compile_re
from reviewer.rules.lazy import LazyPattern
from reviewer.rules.matchers import SENTENCE_ENDS

if TYPE_CHECKING:
    from reviewer.rules.guards import MatchContext
    from reviewer.rules.vocab import Measure

POWERS_FILE = "powers.yaml"
MEASURE_NAME = "statutory_power"
# After a verb: the rest of a body's name (行政审批局, 审批服务中心), so the verb is no verb.
_NOT_A_NAME = "(?![局处科办所站室]|服务|中心|机关|部门|机构)"
# What follows 审批 or 许可 when the two are the first half of an office's name (行政审批服务局, 审批中心):
# read by the request's body (_APPROVER_LEAD_RE) and by the analysis, where no approval is then set.
APPROVAL_OFFICE_END = r"(?:服务|管理)?(?:局|中心|大厅)|科|股"
_GAP = 24  # characters the power and its verb may stand apart (宅基地申请经村民小组讨论后由乡镇审批)
_FIELDS = ("about", "power", "acts", "holders", "law", "article", "text", "triggers")
_OPTIONAL = ("unless", "held", "misheld", "county", "above_county")
_INLINE_FLAG_RE = re.compile(r"\(\?[aiLmsux]+[):]")


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
    # Literal words each standing in ``power`` (checked at load): a row whose triggers are absent
    # from a sentence cannot match there, and its patterns need not be compiled.
    triggers: tuple[str, ...] = ()
    # Whether a county's body (a county, a district, a township) holds the power: True where the
    # statute gives it to county-level offices, False where only a districted city, a province or
    # the State Council may exercise it, None (the default) where the statute splits it or says
    # nothing, in which case the level is read from ``text`` (see ``_level_ok``).
    county: bool | None = None
    # Words that put a request above the county where ``county`` is true (剧毒|易制爆|储存设施 for the
    # hazardous-chemicals licence): in the part of the sentence that names them, a county's office
    # does not hold the power, while a districted city's still does.
    above_county: LazyPattern | None = None

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
    seen: set[str] = set()
    for i, raw in enumerate(data["powers"], 1):
        label = f"{where}: 第 {i} 条"
        if not isinstance(raw, dict):
            raise RuleError(f"{label}: 应为键值对")
        missing = [f for f in _FIELDS if not raw.get(f)]
        if missing:
            raise RuleError(f"{label} → {missing[0]}: 缺少字段")
        unknown = sorted(set(raw) - set(_FIELDS) - set(_OPTIONAL))
        if unknown:
            raise RuleError(f"{label} → {unknown[0]}: 未知字段（可用：{'、'.join(_FIELDS + _OPTIONAL)}）")
        label = f"{where}: {raw['about']}"
        if raw["about"] in seen:
            raise RuleError(f"{label} → about: 与前面的条目重复")
        seen.add(str(raw["about"]))
        if "county" in raw and not isinstance(raw["county"], bool):
            raise RuleError(f"{label} → county: 应为 true（县级机关依法行使）或 false（只由设区的市以上机关行使）")
        if raw.get("above_county") and raw.get("county") is not True:
            raise RuleError(f"{label} → above_county: 只在 county 为 true 时使用（写明县级以上部分的用语）")
        for key in ("triggers", "held", "misheld"):
            if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) and v for v in raw[key])):
                example = "[宅基地, 农村村民住宅用地]" if key == "triggers" else "[县民政局, 区民政局]"
                raise RuleError(f"{label} → {key}: 应为文字列表，如 {example}")
        row = StatutoryPower(
            about=str(raw["about"]), power=_pattern(raw, "power", label), acts=_pattern(raw, "acts", label),
            holders=_pattern(raw, "holders", label), law=str(raw["law"]), article=str(raw["article"]),
            text=str(raw["text"]), unless=_pattern(raw, "unless", label) if raw.get("unless") else None,
            triggers=tuple(raw["triggers"]), county=raw.get("county"),
            above_county=_pattern(raw, "above_county", label) if raw.get("above_county") else None)
        triggers = raw["triggers"]  # a non-empty list of words: checked above
        for t in triggers:  # the prefilter's words: literals, each standing in the power's pattern as written
            if re.escape(t) != t or t not in row.power.pattern:
                raise RuleError(f"{label} → triggers: “{t}”应为 power 中原样出现的文字")
        for name, pattern in (("power", row.power), ("acts", row.acts), ("holders", row.holders)):
            if pattern.compile().search(""):
                raise RuleError(f"{label} → {name}: 不能匹配空文字（否则{'任何机关都算法定机关' if name == 'holders' else '处处匹配'}）")
        _check_examples(raw, row, label)
        rows.append((row, tuple(triggers)))
    return tuple(r for r, _ in rows), tuple(dict.fromkeys(t for _, ts in rows for t in ts))


def _pattern(raw: dict[str, Any], name: str, label: str) -> LazyPattern:
    value = raw[name]
    if not isinstance(value, str) or "(?P<" in value or "\\b" in value or _INLINE_FLAG_RE.search(value):
        raise RuleError(f"{label} → {name}: 应为不含命名分组、\\b 与内联标志（如 (?i)）的正则表达式")
    try:
        re.compile(value)
    except re.error as exc:
        raise RuleError(f"{label} → {name}: 正则表达式无效：{exc}") from None
    return LazyPattern(value, f"{label} → {name}")


def _check_examples(raw: dict[str, Any], row: StatutoryPower, label: str) -> None:
    """``held`` and ``misheld``: the body each example names must (not) be a holder."""
    for key, want in (("held", True), ("misheld", False)):
        for body in raw.get(key) or []:
            if bool(row.holders.compile().search(str(body))) != want and not (key == "misheld" and _below_level(row, str(body))):
                raise RuleError(f"{label} → {key}: “{body}”{'应' if want else '不应'}匹配 holders")
            if key == "held" and _below_level(row, str(body)):
                raise RuleError(f"{label} → held: “{body}”是县级机关，而 county 为 false（只由设区的市以上机关行使）")


def power_measure(path: Path, data: object) -> Measure:
    """The table as one kind of measure: a power and the verb exercising it, in either order."""
    from reviewer.rules.vocab import Measure

    rows, triggers = load_powers(path, data)
    parts = []
    for row in rows:
        power, acts = row.power.pattern, row.acts.pattern
        acts = f"(?:{acts}){_NOT_A_NAME}"  # 审批 of 行政审批局 is a name, not a verb
        parts.append(f"(?:{power})[^。；]{{0,{_GAP}}}?{acts}|{acts}[^，。；]{{0,6}}?(?:{power})")
    pattern = "|".join(parts)
    where = f"{path.parent.name}/{path.name}"
    return Measure(name=MEASURE_NAME, title="法律指定由特定机关行使的职权", families=("ULTRA_VIRES",),
                   pattern=pattern, triggers=triggers, law="立法法 第九十一条；行政许可法 第二十二条；行政处罚法 第十七条",
                   compiled=LazyPattern(pattern, where), powers=rows)


# A body: words ending in the name of an organ, an office, an organisation, a firm or an office holder.
_BODY_END_RE = compile_re(
    r"(?:人民政府|政府|办事处|街道办|街道|管委会|委员会|委|局|厅|办公室|办|中心|所|站|院|学校|医共体|医院|卫生院|"
    r"协会|商会|联合会|总会|公司|集团|企业|单位|专班|指挥部|领导小组|工作组|党委|党工委|党支部|支部|村委会|居委会|会议|大会|"
    r"社区|村民小组|村|乡镇|镇|乡|大队|中队|队|部门|(?:宣传|统战|组织|武装)部|机关|机构|工会|组织|合作社|理事会|镇长|乡长|县长|书记|主任|处|科|股)$")
# Names that say no more than "the competent body": no body to compare.
_GENERIC_RE = compile_re(r"(?:有关|相关|职能|登记|发证|审批|原|法定|有权|上级|同级|各级|该|其)(?:部门|机关|机构|单位)$|^(?:部门|机关|机构|单位)$|"
                         # 主管部门 alone is generic; 出版行政主管部门 names its department
                         r"^[省市县区州]?(?:级|级以上)?(?:地方)?(?:各级)?(?:人民政府)?(?:主管|行政|行政主管|业务主管)(?:部门|机关|机构|单位)$|"
                         # a class of governments, as a statute names it (地方政府…举借债务): no one body
                         r"^(?:地方|地方各级|各级|县级以上(?:地方)?(?:各级)?)(?:人民)?政府$")
# Words in a subject that make it no decider (镇政府负责受理、初审; 村委会协助调查; 不得由…).
_HELPER_RE = compile_re(r"受理|初审|预审|协助|配合|调查|核查|核实|入户|公示|推荐|提出|出具[^，。；]{0,4}意见|上报|报送|报请|转报|"
                        r"汇总|审核后报|收集|代办|帮办|给予指导|督促")
# A prohibition or a removal in the verb's clause: the sentence forbids the body the power (不得由村委会审批).
_NEGATION_RE = compile_re(r"不得|不能|不准|不应|不再|无权|严禁|禁止|不予|杜绝")
# Lead words that name the decider of the verb that follows (由乡镇审批; 经村委会批准; 报县政府批准) —
# not the 经 of 经营、经济、已经 nor the 报 of 申报、报告.
_LEAD_RE = compile_re(r"交由|交给|统一由|均由|一律由|改由|由|(?<![已曾神])经(?![营济开费过常验历理办审研集批核调])|"
                      r"(?<![申汇上呈举公情预通电日])报(?![告名送批请表刊道酬价纸])")
# 向X: X receives (核发…向经营单位); only for a remedy applied for (向…申请行政复议) is X the decider.
_RECIPIENT_RE = compile_re(r"向[^，。；]{0,16}$")
# Stripped from the end of a subject before it is read as a body (镇政府负责; 街道办统一).
_TAIL_RE = compile_re(r"(?:负责|统一|统筹|依法|具体|直接|可以|可|应当|应|须|要|将|对|予以|进行|(?<!经济)(?<!集体)组织|作出|出具|办理|牵头|一律|自行|共同|)+$")
# Words ending like a body that are none (农村, 城乡; 补办, 代办: verbs).
_NOT_BODY_RE = compile_re(r"(?:农村|乡村|城乡|城镇|村镇|[补代帮承督协举开兴包创主经申]办|[^\u4e00-\u9fff].)$|^.$")
# Words before a body that are not part of its name (申请人须提供派出所 → 派出所).
_CUT_RE = compile_re(r"须|应当|提供|提交|出示|的|按照|根据|依据|依照|按|^所在")
# Between the bodies of a list (村委会、镇政府审批): each is read.
_LIST_RE = compile_re(r"(、|和|及|与|或者|或|会同)")
# Right before the power: it is named as a basis (根据省地方标准; 按照已批准的控制性详细规划).
_AS_BASIS_RE = compile_re(r"(?:根据|按照|依据|依照|参照|对照|符合)[^，。；]{0,6}$")
# What the subject goes by, not what it does (区政府依据各社区上报的意见确定: the communities report).
_BASIS_PHRASE_RE = compile_re(r"(?:根据|按照|依据|依照|结合|参照)[^，。；]{0,16}?(?:情况|意见|结果|要求|规定|需要|名单)")
# Where a body's name ends and what it does begins (县人社局根据…; 区商务局调查核实后…).
_STOP_RE = compile_re(r"根据|按照|依据|依照|结合|参照|联合|调查|核实|核查|审查|研究|评议|讨论|集体(?:研究|讨论|决定)|受理|初审|审核|组织(?=.)(?!部)|负责|统一|具体|直接|依法|自行|共同|"
                      r"决定(?=对|将|在|由|实|予|采)|(?<!^所)在[^，。；]{0,10}?后|经[^，。；]{0,6}?后|后(?=作出|予以|决定|批准|审批|颁发|核发)")
_DELEGATED_RE = compile_re(r"委托|授权|赋予|相对集中")
# After the verb: the decision goes on to another body (审核后报县民政局审批; 审定后提请县人大常委会批准).
_PASSED_ON_RE = compile_re(r"^[^，。；]{0,8}?(?:后|并)?(?:报|报送|报请|上报|提交|提请)[^，。；]{0,16}?(?:审批|批准|决定|核准|认定|审查)")
# Between a power and the lead or the verb: only the power's own forms (低保申请、宅基地审批、低保对象的);
# anything else makes it another noun (低保标准、低保资金、宅基地复垦项目、医疗机构设置规划).
_POWER_TAIL_RE = compile_re(r"(?:的)?(?:申请|对象|审批|审核|认定|确认|资格|工作|事项|手续|材料|事宜|具体|家庭|人员|办理|书|证|证书|使用|动用|支取|提取|分配|变更)*(?:的)?[，,]?"
                            r"(?:可以|可|应当|应|须|一律|统一|均|全部|则)?(?:进行|予以|依法)?")
# Between a verb and the power it governs: nothing, or a determiner (吊销其营业执照; 选聘新的物业公司).
_GOVERNED_RE = compile_re(r"(?:其|该|本(?:县|市|区|镇|乡|街道|辖区)?|全(?:县|市|区|镇)|辖区|(?:县|市|区|镇|乡|村|园区|景区)内|(?:省|市|县|区|镇|乡)级?|相关|新的|新|一家|[0-9一二三四五六七八九十两]+家|"
                          r"(?:本县|本市|本区|全县|全市)?(?:中心城区|城区|市区|县城|建成区)(?:内|范围内)?)?")
# After the verb in its clause: another object (吊销其从业资格证; 决定减免相关费用; 办理安全生产许可).
_OTHER_OBJECT_RE = compile_re(r"^(?![并和及后、])(?:其|该|相关|有关)?[^，。；并和及、]{0,10}?(?:证|照|书|资格|费用|费|许可|手续|方案|资金|补助|补贴|规程|规范|细则|办法|制度)(?:[，,。；]|$)")
_BREAK = "，,；;：:。"


def misheld(ctx: MatchContext, measures: tuple[Measure, ...]) -> tuple[str, StatutoryPower] | None:
    """(body, row) when the match exercises a power of the table and the body exercising it is not
    one the statute names; None when the holder acts, no body is named, or the body only helps. Every
    row whose power and verb stand in the match is asked (婚姻登记和收养登记由镇人民政府办理: the
    township may register marriages, not adoptions)."""
    words = ctx.text[ctx.start:ctx.end]
    if _DELEGATED_RE.search(ctx.text, ctx.sentence_start, ctx.sentence_end):
        return None
    for measure in measures:
        for row in measure.powers:
            if not any(t in words for t in row.triggers):
                continue  # the power is not in the match: its patterns are never compiled
            found = _misheld_by_row(ctx, words, row)
            if found:
                return found, row
    return None


def _misheld_by_row(ctx: MatchContext, words: str, row: StatutoryPower) -> str:
    """The body in the match that exercises ``row``'s power without being its holder, or ''."""
    power = row.power.compile().search(words)
    act = _last_verb(row.acts.compile(), words) if power else None
    if power is None or act is None:
        return ""
    if row.unless is not None:  # read in the match and the head of its clause
        if row.unless.compile().search(ctx.text, ctx.sentence_start + len(_before_clause(ctx)), ctx.end):
            return ""
    clause_end = _clause_end(ctx.text, ctx.start + act.end(), ctx.sentence_end)
    after = ctx.text[ctx.start + act.end():clause_end]
    if _PASSED_ON_RE.search(ctx.text[ctx.start + act.end():ctx.sentence_end]) or after.startswith(("手续", "的手续")):
        return ""  # passed on to another body; the applicant's errand (办理…审批手续)
    if _AS_BASIS_RE.search(ctx.text, max(ctx.sentence_start, ctx.start + power.start() - 8), ctx.start + power.start()):
        return ""  # 根据省地方标准制定本县规程: the power is what the act goes by, not what it exercises
    if power.start() < act.start():
        if after.startswith("的") and not after.startswith(("的，", "的,")):
            return ""  # 派出所出具的证明: the verb qualifies another noun
        if _OTHER_OBJECT_RE.search(after) or _NEGATION_RE.search(_after_break(words[:act.start()])):
            return ""  # the verb governs another object; the verb's clause forbids it
        bodies = _deciders_after_power(ctx, words, power, act)
    else:
        if not _GOVERNED_RE.fullmatch(words[act.end():power.start()]):
            return ""  # 选聘后派驻物业公司: the power is not what the verb governs
        if ctx.text.startswith("的", ctx.start + power.end()):
            return ""  # 对吊销营业执照的企业: the power qualifies another noun
        bodies = _deciders_before_verb(ctx, words, act)
    for body in bodies:
        if body and not _GENERIC_RE.search(body) and (not row.holders.compile().search(body) or _below_level(row, body)):
            return body
    return ""


def _below_level(row: StatutoryPower, body: str) -> bool:
    """A holder of the right kind at a level the statute does not give the power to (县应急管理局核发烟花
    爆竹批发经营许可证: only a districted city's office may, 烟花爆竹安全管理条例 第十七条)."""
    return row.county is False and _county_body(body)


def _before_clause(ctx: MatchContext) -> str:
    """The sentence before the clause that holds the match's start."""
    before = ctx.text[ctx.sentence_start:ctx.start]
    return before[:len(before) - len(_after_break(before))]


def _last_verb(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for m in pattern.finditer(words):
        if not _NAME_RE.match(words, m.end()):
            found = m
    return found


_NAME_RE = compile_re(_NOT_A_NAME.replace("(?!", "(?:", 1))


def _clause_end(text: str, start: int, end: int) -> int:
    for i in range(start, end):
        if text[i] in _BREAK:
            return i
    return end


def _last(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(words):
        pass
    return found


def _deciders_after_power(ctx: MatchContext, words: str, power: re.Match[str], act: re.Match[str]) -> list[str]:
    """Power first: the bodies of the verb's own clause — after a lead word (低保申请，由村委会审批),
    its subject (低保申请由镇政府受理，县民政局审批: 县民政局), or the body named after the verb
    (宅基地审批由村委会负责); the subject before the match when the power is the clause's topic."""
    between = words[power.end():act.start()]
    clause = _after_break(between)
    lead = _last(_LEAD_RE, clause)
    head = _HEAD_RE.match(between)
    if (lead or clause != between) and head and not _POWER_TAIL_RE.fullmatch(head.group(0)) \
            and not (clause != between and _CONDITION_HEAD_RE.fullmatch(head.group(0))):
        return []  # 低保标准由市政府确定; 宅基地复垦项目由…批准: another noun
    if lead is not None:
        return _bodies(clause[lead.end():], acting=True)
    if clause != between:
        return _bodies(clause, acting=True)  # 低保申请由镇政府受理，县民政局审批
    if between and _POWER_TAIL_RE.fullmatch(between) is None:
        return []  # 社区戒毒康复办公室决定: the power names the body, the body does not take the power
    named_after = _NAMED_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end)
    if named_after:
        return _bodies(named_after.group(1), acting=True)  # 宅基地审批由村委会负责
    return _subject(ctx)


# A condition on the power's holder or post, closed by 的 and a break (村委会主任空缺的，由…指派):
# the power is still the topic of what follows — unless the condition is an objection to it
# (对工伤认定不服的，由县政府作出复议决定: the review body decides the appeal, not the power).
_CONDITION_HEAD_RE = compile_re(r"(?![^，,；;。]*?(?:不服|异议|争议|申请复议|复核))[^，,；;。]{1,8}?的")
# The words right after the power, up to the first lead word or break: the power's own forms only.
_HEAD_RE = compile_re(r"[^由经报交，,]*")
_NAMED_AFTER_RE = compile_re(r"(?:工作)?(?:由|交由)([^，。；]{1,16}?)(?:统一|具体)?(?:负责|承担|办理|组织实施|实施)")


def _deciders_before_verb(ctx: MatchContext, words: str, act: re.Match[str]) -> list[str]:
    """Verb first (吊销其营业执照; 按照省人民政府确定的集中采购目录): the subject of the verb."""
    return _subject(ctx, upto=ctx.start + act.start(), remedy=act.group(0) == "申请")


def _subject(ctx: MatchContext, upto: int | None = None, remedy: bool = False) -> list[str]:
    """The bodies of the clause before ``upto`` (the match's start by default)."""
    before = ctx.text[ctx.sentence_start:ctx.start if upto is None else upto]
    clause = _after_break(before)
    if not remedy:
        recipient = _RECIPIENT_RE.search(clause)
        clause = clause[:recipient.start()] if recipient else clause  # 县局向经营单位核发: 县局
    authorised = _AUTHORISED_RE.search(clause)
    if authorised:
        return _bodies(authorised.group(1), acting=True)  # 县财政局根据县政府决定动用: 县政府 decides
    lead = _last(_LEAD_RE, clause)
    if lead is not None:
        return _bodies(clause[lead.end():], acting=True)
    if remedy and "向" in clause:
        return _bodies(clause[clause.rindex("向") + 1:], acting=True)
    found = _bodies(clause)
    if not found and len(clause) < len(before):
        # The clause has no subject of its own and follows right after a 对 topic led by one body
        # (县市场监管局对冒用地名的企业，撤销其注册商标): that body takes the verb. Not after a clause that
        # passes the case on (…，通报县市场监管局，依法吊销…), nor for bodies acting together (会同、、).
        topic = _TOPIC_SUBJECT_RE.match(before)
        if topic is not None and topic.end() == len(before) - len(clause) and not _JOINT_RE.search(topic.group(1)):
            return _bodies(topic.group(1))
    return found


# A sentence led by a body and the party it acts on (县市场监管局对…的企业，…).
_TOPIC_SUBJECT_RE = compile_re(r"([^，。；]{2,16}?)对[^，。；]{2,40}?[，,]")
_JOINT_RE = compile_re(_LIST_RE.pattern + r"|联合|组织|牵头")  # the joiners of a list, and bodies acting together


# The subject acts on another body's decision (根据县政府决定; 按照省人民政府确定的): that body decides.
_AUTHORISED_RE = compile_re(r"(?:根据|按照|依据|依照|经)([^，。；]{1,14}?)(?:的)?(?:决定|批准|同意|确定|审定|规定)")


def _after_break(text: str) -> str:
    cut = max(text.rfind(c) for c in _BREAK)
    return text[cut + 1:]


def _bodies(phrase: str, acting: bool = False) -> list[str]:
    """The bodies a phrase names (one, or each of a list), '' dropped. A subject that helps (协助、受理、
    初审) or is forbidden (不得) is no decider; a body named after 由 that first checks and then
    decides is (``acting``)."""
    if _NEGATION_RE.search(phrase) or (not acting and _HELPER_RE.search(_BASIS_PHRASE_RE.sub("", phrase))):
        return []
    phrase = _STOP_RE.split(phrase, maxsplit=1)[0]  # 县人社局根据企业承受能力 → 县人社局
    phrase = _TAIL_RE.sub("", phrase)
    phrase = _CUT_RE.split(phrase)[-1]
    return [body for body in _list_bodies(phrase) if body]


def _list_bodies(phrase: str) -> list[str]:
    """The bodies of a list, in order (村委会、镇政府 is two; 人力资源和社会保障局 and 文化和旅游局 are
    one); '' for words that name no body. A part that is no body joins the next only across 和 and
    where the pair reads as one department's name: not a party (沿线村民和县交通运输局 is the villagers
    and a bureau) and not before a new level (…和县林业局)."""
    found: list[str] = []
    parts = _LIST_RE.split(phrase)  # with the joining words
    current = parts[0]
    for i in range(1, len(parts) + 1, 2):
        body = _body(current)
        if body:
            found.append(body)
            current = ""
        if i >= len(parts):
            break
        joiner, following = parts[i], parts[i + 1]
        if current and not (joiner == "和" and _NAME_GOES_ON_RE.match(following) and not _PARTY_END_RE.search(current)):
            found.append("")  # words that name no body, kept so a caller can tell the list is not all bodies
            current = ""
        current += (joiner if current else "") + following
    if current:
        found.append(_body(current))
    return found


# After 和, words that go on with one department's name (旅游局, 社会保障局), not a new body (县林业局, 镇政府).
_NAME_GOES_ON_RE = compile_re(r"(?![县市区省镇乡村]|街道|社区)[\u4e00-\u9fff]")
# Before 和, a party, never the first half of a department's name (村民, 业主, 施工单位).
_PARTY_END_RE = compile_re(r"(?:民|户|人|业主|单位|企业|公司|者|方)$")


def _body(phrase: str) -> str:
    phrase = _TAIL_RE.sub("", phrase)[-14:]
    return phrase if _BODY_END_RE.search(phrase) and not _NOT_BODY_RE.search(phrase) else ""


def approved_by_holder(ctx: MatchContext, measures: tuple[Measure, ...]) -> StatutoryPower | None:
    """The row of the table whose approval the match asks for from the body the statute names
    (水土保持方案报县水务局审批; 事先向县公安局申领大型群众性活动安全许可): the power named in the
    sentence before the matched words, the matched words one of its acts, and the body the request
    goes to (after 向、报、经、由 in the match's clause) one of its holders. A document that asks for a
    statute's approval from the statute's holder restates the law; None otherwise (no body named, a
    body the statute does not name, a power the sentence does not name)."""
    bodies = _approvers(ctx)
    if not bodies or _DELEGATED_RE.search(ctx.text, ctx.sentence_start, ctx.sentence_end):
        return None
    words = ctx.text[max(ctx.sentence_start, ctx.start - 2):min(ctx.sentence_end, ctx.end + 2)]
    lo = max(ctx.sentence_start, ctx.start - _REACH)
    window = ctx.text[lo:ctx.end]
    # The statutes' own order also puts the power after its approval (经…主管部门批准，可以从事…活动, as
    # 电影产业促进法 第二十四条 words it): the clause the approval opens, read up to the next ；.
    after = _permitted_after(ctx)
    for measure in measures:
        for row in measure.powers:
            if not any(t in window or t in after for t in row.triggers):
                continue  # the power is not named here: its patterns are never compiled
            if not row.acts.compile().search(words):
                continue
            power = row.power.compile()
            if not (_asks_for(ctx, power, lo) or power.search(after)):
                continue
            if _held_by(row, bodies, ctx):  # 报县水利局和县林业局审批: every body asked must hold it
                return row
    return None


def _permitted_after(ctx: MatchContext) -> str:
    """What an approval is said to permit, when the sentence names it after the approval (经…批准，
    可以采用协议方式选聘; 经批准后方可从事): the words after 可以/方可/才能 up to the next ； or the
    sentence's end; '' when no permission follows the approval."""
    # (a pattern may take the permission in: 经县局批准后，方可)
    m = _PERMITTED_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end) or _PERMISSION_END_RE.search(ctx.text, ctx.start, ctx.end)
    if m is None:
        return ""
    return ctx.text[m.end():_part_bounds(ctx)[1]]


def _part_bounds(ctx: MatchContext) -> tuple[int, int]:
    """The part of the match's sentence between the ；s around it (a sentence may give each level or
    each case its part: 经营剧毒化学品的，向市…申请；其他的向县…申请)."""
    text, lo, hi = ctx.text, ctx.sentence_start, ctx.sentence_end
    start = max([lo] + [text.rfind(mark, lo, ctx.start) + 1 for mark in "；;"])
    ends = [i for i in (text.find(mark, ctx.end, hi) for mark in "；;") if i != -1]
    return start, min(ends, default=hi)


def sequel_approved_by_holder(ctx: MatchContext, measures: tuple[Measure, ...]) -> StatutoryPower | None:
    """The row of the approval the sentence before asked of its holder, when the match is this
    sentence's opening words naming that approval missing (…报县水务局审批；[未经批准的，不得]动工):
    the statutes' own sequel to the approval they set. Only the opening words: a second approval
    later in the sentence (…，且须另经镇人民政府批准) is the document's own."""
    opening = _MISSING_APPROVAL_RE.match(ctx.text, ctx.sentence_start, ctx.sentence_end)
    if opening is None or ctx.start >= opening.end() or _APPROVAL_ACT_RE.search(ctx.text, opening.end(), ctx.end):
        return None
    if ctx.sentence_start < 1 or ctx.text[ctx.sentence_start - 1] not in "；;":
        return None  # the two parts of one sentence, joined by a ；
    lo = max(ctx.text.rfind(mark, 0, ctx.sentence_start - 1) for mark in SENTENCE_ENDS) + 1
    acts = list(_APPROVAL_ACT_RE.finditer(ctx.text, lo, ctx.sentence_start - 1))
    if not acts:
        return None
    earlier = replace(ctx, sentence_start=lo, sentence_end=ctx.sentence_start, start=acts[-1].start(), end=acts[-1].end())
    return approved_by_holder(earlier, measures)


# An approval followed by the permission it gives: 批准[后]，[方]可以… — nothing else between, so a
# second condition or another party's act (批准后，由县局核发…) is not read as the power permitted.
# (同意 first: a match on 审批 in 报…审批同意后，方可…)
_PERMITTED_AFTER_RE = compile_re(r"(?:同意)?(?:后|之后)?[，,]?(?:方可|才可以|才能|才可|可以|可)")
_PERMISSION_END_RE = compile_re(r"(?:批准|同意|审批|核准|许可)(?:后|之后)?[，,]?(?:方可|才可以|才能|才可|可以|可)$")


def designated_by_holder(ctx: MatchContext, measures: tuple[Measure, ...]) -> StatutoryPower | None:
    """The row of the table whose designation the sentence restates: a body or an institution a
    statute has designated (县市场监督管理局指定的计量检定所, 卫生健康主管部门指定的接种单位, 定点屠宰厂),
    named by the designation the statute sets — by one of the row's holders, or by no body at all (the
    law's own designation). None where another body designates, where the designated party is a firm
    picked by name (指定县某某公司), or where the sentence names no such power."""
    sentence = ctx.text[ctx.sentence_start:ctx.sentence_end]
    if _NAMED_FIRM_RE.search(ctx.text, ctx.start, min(ctx.sentence_end, ctx.end + 16)):
        return None
    for measure in measures:
        for row in measure.powers:
            if not any(t in sentence for t in row.triggers):
                continue
            for power in row.power.compile().finditer(ctx.text, ctx.sentence_start, ctx.sentence_end):
                if power.end() < ctx.start - _DESIGNATION_REACH or power.start() > ctx.end + _DESIGNATION_REACH:
                    continue  # the power is named in another part of the sentence
                designator = _DESIGNATOR_BEFORE_RE.search(ctx.text, max(ctx.sentence_start, power.start() - 24), power.start())
                if designator is None:
                    if _DESIGNATION_WORD_RE.search(ctx.text, max(ctx.sentence_start, power.start() - 4), power.start()):
                        return row  # 经指定的接种单位; 指定的计量检定机构: the law's designation, no body named
                    continue
                bodies = _designators(designator.group(1))
                if bodies and all(b and row.holders.compile().search(b) and not _OUTPOST_RE.search(b)
                                  and not _NO_AUTHORITY_RE.search(b) for b in bodies):
                    return row
    return None


def _designators(phrase: str) -> list[str]:
    """The bodies that designate, from the words before 指定: after the last word that leads to a body
    (送县质监局指定的 → 县质监局), each of a list."""
    phrase = _after_break(phrase)
    lead = _last(_DESIGNATOR_LEAD_RE, phrase)
    if lead is not None:
        phrase = phrase[lead.end():]
    return _list_bodies(phrase)


_DESIGNATOR_LEAD_RE = compile_re(r"向|由|经|到|从|在|请|凭|送|交|报")
# Bodies that hold no public power of their own (a firm, a market operator, a village or residents'
# committee, an association, a task force): never a statute's designating authority, and the
# receivers of a power handed on that the analysis reads as ULTRA_VIRES cues.
POWERLESS_BODY = (r"(?:公司|集团|企业|经营者|开办方|主办方|运营方|运营单位|经营单位|村委会|居委会|村民委员会|居民委员会|村民小组|"
                  r"协会|商会|学会|联合会|物业|合作社|指挥部|领导小组|专班|工作组|平台)")
_NO_AUTHORITY_RE = compile_re(POWERLESS_BODY)
# How far from the matched words the designated power may stand (…指定的检定所定期检定).
_DESIGNATION_REACH = 12
_DESIGNATION_WORD_RE = compile_re(r"(?:指定|确定|认定|授权|设置)的?$")
# The body that designates, right before the designated power: 县市场监管局指定的, 由县卫健局确定的.
_DESIGNATOR_BEFORE_RE = compile_re(r"(?:由|经)?([^，。；]{2,18}?)(?:依法)?(?:指定|确定|认定|授权|设置)的?$")
# A firm picked by name is a trader chosen, whatever the statute lets a department designate.
_NAMED_FIRM_RE = compile_re(r"公司|集团|有限|商行|(?<!屠宰)厂(?!（场）)")


def permit_from_holder(ctx: MatchContext, measures: tuple[Measure, ...]) -> StatutoryPower | None:
    """The row whose permit the match names, when the sentence asks for it of the row's holders
    (开办歌舞厅，须先向县文广旅游局提交申请，领取娱乐经营许可证之后才能营业; 兽药店向县农业
    农村局申领兽药经营许可证): the permit's own statute, restated. Every body the sentence asks must
    hold it; a gate the permit opens must be the activity it licenses (方可开业), not another matter
    (方可申请补贴); None otherwise."""
    words = ctx.text[ctx.start:ctx.end]
    sentence = ctx.text[ctx.sentence_start:ctx.sentence_end]
    rows = [row for measure in measures for row in measure.powers if any(t in sentence for t in row.triggers)]
    if not rows or _DELEGATED_RE.search(sentence):
        return None  # most matches name no permit of the table: nothing below runs for them
    gate = _GATE_RE.search(sentence)
    if gate and not _LICENSED_RE.match(gate.group(1)):
        return None
    if _EXTRA_CONDITION_RE.search(ctx.text, ctx.end, ctx.sentence_end) or _DAYS_RE.search(sentence):
        return None  # …申领许可证，且距中小学校须在1000米以上方可营业: a condition the statute does not set
    bodies = [_body(m.group(1)) for m in _APPROVER_LEAD_RE.finditer(sentence)]
    if not bodies or not all(bodies) or any(_GENERIC_RE.search(b) or _OUTPOST_RE.search(b) for b in bodies):
        return None
    for row in rows:
        if any(p.start() < ctx.end and ctx.start < p.end() and (words in p.group(0) or p.group(0) in words)
               for p in row.power.compile().finditer(ctx.text, ctx.sentence_start, ctx.sentence_end)) \
                and _held_by(row, bodies, ctx):
            return row
    return None


def _held_by(row: StatutoryPower, bodies: list[str], ctx: MatchContext) -> bool:
    """Whether every body asked holds the row's power, at a level the statute's words allow, in the
    part of the sentence the request stands in (up to a ；) that the row does not except: what makes
    a request a restatement of the statute. A sentence that gives each level its part (经营剧毒化学品
    的，向市应急管理局申请；其他的向县应急管理局申请) is read part by part."""
    lo, hi = _part_bounds(ctx)
    higher = row.above_county is not None and bool(row.above_county.compile().search(ctx.text, lo, hi))
    if not (all(row.holders.compile().search(b) for b in bodies) and _level_ok(row, bodies, higher)):
        return False
    return row.unless is None or not row.unless.compile().search(ctx.text, lo, hi)


def _level_ok(row: StatutoryPower, bodies: list[str], higher: bool = False) -> bool:
    """Whether the bodies asked are of a level the statute's words allow: where it names a
    province, the State Council or a districted city for any part of the power, a county's office (a
    county, a district, a township) is not it: the table's holders name a kind of department, never its
    level, so a statute that splits a power by level needs one row per level (烟花爆竹 零售 and 批发,
    兽药 and 兽用生物制品) before a county's request can restate it."""
    if row.county is not None:
        return (row.county and not higher) or not any(_county_body(b) for b in bodies)
    if not _ABOVE_COUNTY_RE.search(row.text):
        return True
    return not any(_county_body(b) for b in bodies)


def _county_body(body: str) -> bool:
    """Whether a body's name makes it a county's, a district's or a township's (县民政局, 某某区住建局,
    镇政府), not a province's (自治区民政厅), a prefecture's (地区) or a city's (市文旅局) — a city
    whose name holds 乡, 镇 or 区 (新乡市, 镇江市, 设区的市) is read as the city it is."""
    return bool(_COUNTY_BODY_RE.match(_CITY_NAME_RE.sub("", body)))


_ABOVE_COUNTY_RE = compile_re(r"省|自治区|直辖市|国务院|设区的市|市级")
# A city's name with a county word inside it: 新乡市, 萍乡市委, 镇江市, 设区市, 设区的市 (not 临河区市场监管局
# or 某区市政局, where 市 begins the department's name).
_CITY_NAME_RE = compile_re(r"(?:设区的?|[\u4e00-\u9fff][乡镇区]|[镇乡][\u4e00-\u9fff])市(?!场|政(?!府))")
_COUNTY_BODY_RE = compile_re(r"(?!县级市)(?![省市])(?:(?!自治区|地区)[\u4e00-\u9fff]){0,6}?(?:县|旗|(?<![自地])区|镇|乡|街道)")


# A further demand after the permit: another condition, a number, a quota, a refusal left open.
_EXTRA_CONDITION_RE = compile_re(r"且|并|另|还(?:须|应|需|要)|须|应当|必须|加入|参加|总量|控制|距|米|不予|可根据|[0-9０-９一二三四五六七八九十百]+(?:日|天|个)")
_DAYS_RE = compile_re(r"[0-9０-９一二三四五六七八九十百]+(?:个工作日|日|天)")
# What a permit is made the key to, and the activities a permit licenses (方可开业、营业、经营…).
_GATE_RE = compile_re(r"(?:方可|方能|才能|才可|后方可)([^，。；]{0,8})")
_LICENSED_RE = compile_re(r"(?:依法|正式)?(?:开业|营业|经营|从事|开展|生产|销售|施工|开工|运营|举办|实施|使用|设立|开办|放映|印刷|采伐|取水|排放|运输|作业|办学|招生|执业)")


def _asks_for(ctx: MatchContext, power: re.Pattern[str], lo: int) -> bool:
    """Whether the approval asked for is the power's own: its words last before the approval, with no
    other activity, condition or noun between (大型群众性活动的场所，日常开展健身培训的，应当报…审批 asks
    for the training, not the event; 在采砂作业区附近经营餐饮的 for the restaurant)."""
    last = None
    for last in power.finditer(ctx.text, lo, ctx.start):
        pass
    if last is None:
        return False
    between = ctx.text[last.end():ctx.start]
    if between.startswith("的") and not between.startswith(("的，", "的,")) and not _sent_again(last.group(0), between):
        return False  # the power names another noun (…活动的场所)
    if _OTHER_ACTIVITY_RE.search(between) or _TIME_CLAUSE_RE.search(between):
        return False
    # a second condition after the one the power stands in (…的，…的，应当报…)
    first = next((i for i, c in enumerate(between) if c in "，,"), len(between))
    if _CONDITION_END_RE.search(between, first + 1):
        return False
    # A later clause asks for the approval of its own subject (…，活动宣传品和广告内容须报县公安局审批):
    # only the party carrying out the power, or the request itself, may open it.
    opened = max(between.rfind("，"), between.rfind(","))
    if opened == -1:
        return True
    # (the clause may open with the matched words themselves: …提交申请，[经批准后方可])
    opening = between[opened + 1:] + ctx.text[ctx.start:ctx.end]
    if _REQUEST_OPENS_RE.match(opening):
        return True
    sent = _PAPER_SENT_RE.match(opening)  # 将方案报…: only the power's own paper
    return sent is not None and _names_the_power(last.group(0), sent.group(1))


def _sent_again(power: str, between: str) -> bool:
    """Whether the request's own clause sends the power's paper by its last words (须编水土保持方案的
    工程，…将[方案]报…审批): the noun after the power's 的 only says whose paper it is."""
    sent = _PAPER_SENT_RE.match(_after_break(between))
    return sent is not None and _names_the_power(power, sent.group(1))


def _names_the_power(power: str, paper: str) -> bool:
    """Whether the paper sent (将[该]报告书) is the power's own, named by its last words."""
    paper = paper.removeprefix("该").removeprefix("其").removeprefix("上述")
    return len(paper) >= 2 and power.endswith(paper)


# How far before the matched approval the power may be named (大型群众性活动…，由主办方…申请安全许可).
_REACH = 60
# The body a request goes to, last in the match's clause: 向X申请, 报X审批, 经X批准, 由X核发.
# The lead words of ``_LEAD_RE`` (which knows 经营 and 报告 are none), and 向 and 报请/报经, after which
# the body named is the one asked.
_APPROVER_LEAD_RE = compile_re(rf"(?:向|报请|报经|征得|{_LEAD_RE.pattern})(?!申请)([^，。；向报经由]{{2,18}}?)"
                               # (审批 ends the name only where it is no office's: 报区行政审批局审批)
                               rf"(?=依法|申请|申领|提出|提交|办理|申报|审查|审核|审定|审批(?!{APPROVAL_OFFICE_END})|批准|核准|"
                               r"核发|颁发|许可|同意|$)")


# What stands between a power and the approval when the approval is for something else.
_OTHER_ACTIVITY_RE = compile_re(r"经营|营业|开展|从事|开办|开设|设立|销售|恢复|附近|周边|场所|期间")
_TIME_CLAUSE_RE = compile_re(r"[后时前][，,]")
_REQUEST_SUBJECT = (r"(?:承办者|承办单位|主办单位|举办者|建设单位|生产建设单位|施工单位|用地单位|项目单位|申请人|当事人|经营者|"
                    r"单位和个人|其)?")
# The modals of a request, and a time before it (于…之日前, 在动工前), not a place or a thing
# (在活动现场悬挂的横幅须报…: the banner is asked for, not the event).
_REQUEST_MODALS = (r"(?:并|应当|应|须|需|必须|依法|事先|提前|先|未|"
                   r"(?:于|在)[^，。；报向经由将]{1,16}?(?:前|之前|以前|后|之后|以后|内|以内)(?:[^，。；报向经由将]{0,4}?[日天周月])?)*")
_REQUEST_LEADS = r"(?:报|向|经|由|申请|办理|取得|征得)"
_REQUEST_OPENS_RE = compile_re(_REQUEST_SUBJECT + _REQUEST_MODALS + _REQUEST_LEADS)
# The same request sending a paper first (将[报告书]报…): the paper must be the power's own.
_PAPER_SENT_RE = compile_re(_REQUEST_SUBJECT + _REQUEST_MODALS + r"将([^，。；]{1,12}?)" + _REQUEST_LEADS)
_CONDITION_END_RE = compile_re(r"的[，,]")


def _approvers(ctx: MatchContext) -> list[str]:
    """The bodies a request goes to (each of a list: 县水利局和县林业局), or [] when one of them is
    no body or a generic one (有关部门)."""
    # A rule's own pattern may hold the request (须向市公安局提交申请，经批准): read up to its last act.
    acts = list(_ACT_WORD_RE.finditer(ctx.text, ctx.start, ctx.end))
    upto = acts[-1].start() if acts and acts[-1].start() > ctx.start else ctx.start
    before = _NOTE_RE.sub("", ctx.text[ctx.sentence_start:upto])  # 市城市管理局（绿化主管部门）
    clause = _after_break(before)
    found = None
    for found in _APPROVER_LEAD_RE.finditer(clause):
        pass
    if found is None and _BARE_APPROVAL_RE.search(clause):
        # 向市公安局提交申请，经批准后方可实施: the approval names no body; the request before it did
        for found in _APPROVER_LEAD_RE.finditer(before[:len(before) - len(clause)]):
            pass
    if found is None:
        return []
    bodies = _list_bodies(found.group(1))
    if not bodies or not all(bodies) or any(_GENERIC_RE.search(b) or _OUTPOST_RE.search(b) for b in bodies):
        return []
    return bodies


_APPROVAL_ACTS = r"审批|批准|核准|许可|同意"
_APPROVAL_ACT_RE = compile_re(_APPROVAL_ACTS)
_ACT_WORD_RE = compile_re(_APPROVAL_ACTS + r"|申请|申报|审核|备案")
# The opening of a sentence that names the approval missing (未经审批的, 未取得许可前).
_MISSING_APPROVAL_RE = compile_re(rf"\s*(?:未经|未取得|没有取得|未依法取得|未获)(?:{_APPROVAL_ACTS})")
# A note in brackets after a body's name, and an approval that names no body (经批准后, 批准后).
_NOTE_RE = compile_re(r"[（(][^（）()]{1,20}[)）]")
_BARE_APPROVAL_RE = compile_re(r"(?:^|经|须经|应当经|并经)$")
# A township station or a department's outpost (镇水利服务站, 城关派出所, 驻镇自然资源所): the table's
# holders name the kind of department, and these share its words without holding its power.
_OUTPOST_RE = compile_re(r"[站所]$|驻[镇乡村区]|派出|分局[^，。；]{0,6}[站所]")
