"""The clause analysis every sentence rule shares.

A rule's pattern says *which measure* a sentence names (a fine, a seizure, a local-registration
condition). Whether the sentence *imposes* that measure is the same question for every rule, so
it is answered here, once, in named steps that ``reviewer explain`` prints:

1. **referral** — the sentence only refers to the measure: inside a document title 《…》, a
   definition (本办法所称…), a kind of decision (吊销许可证等重大行政处罚决定), a passive or noun
   use (被扣留的车辆, 查封的期限), or procedure for a measure the law sets (需要暂扣驾驶证的，由…
   决定; 解除查封). Such a match is never a finding.
2. **imposition** — how the sentence imposes it: a consequence (…的，处罚款; 否则…; 一经查实…),
   a command (须、应当、一律), a precondition (…后方可; 凭…办理), a requirement or condition of
   eligibility (条件、资格、得3分), a grant (给予奖励、优先). Rules of kind ``measure`` name the
   impositions they count; an empty cue means the sentence states no obligation at all.
3. **addressee**, **basis** — the rule's ``unless`` guards (own_staff, cites_basis, generic_basis,
   topic, negated …) decide these, as before, plus the enabling law of a 规章 (its 第一条) for the
   measures that law sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.numerals import amounts, percentages
from reviewer.rules.guards import FAILED_CONDITION_BEFORE_RE, MatchContext
from reviewer.rules.powers import APPROVAL_OFFICE_END, POWERLESS_BODY
from reviewer.regexes import compile_re

if TYPE_CHECKING:
    from reviewer.laws.restatement import Article

# A definition names what a term covers (本办法所称…是指…); it imposes nothing.
# A document's own terms (本办法所称, 前款所称); not a place's (本市所称无证经营，另外包括…), which
# gives a law's term a local meaning (ULTRA_VIRES022).
DEFINITION_RE = compile_re(r"(?:本(?!(?:县|市|区|镇|乡|街道)(?:范围内)?所称)|前款|前述|上述)[^，。；]{0,12}?所称")
# Defining who may benefit or apply (本办法所称扶持对象，是指在县内注册满三年的企业) sets eligibility.
_ELIGIBILITY_TERM_RE = compile_re(r"所称[^，。；]{0,8}?(?:对象|主体|申报单位|申请人|申请单位|企业范围|扶持范围)")
# A clause after the definition that goes on to impose on what was defined (…所称家庭成员，包括配偶、
# 子女，其对违法行为承担连带责任): the match in it is no part of the definition.
_AFTER_DEFINITION_RE = compile_re(r"[，,；;](?:其|并|均|且|上述人员|以上人员)|[，,；;][^，。；]{0,12}?(?:应当|须|必须|一律)")
# A measure named as a kind of decision or activity (对吊销许可证、责令停产停业等重大行政处罚决定，应当
# 组织听证; 对查封扣押财产等现场执法活动全程记录) is what the clause regulates, not what it imposes.
# "采取查封、扣押等措施" still imposes: 措施 and 手段 are not in the list.
CATEGORY_RE = compile_re(
    r"[^，。；]{0,80}?等[^，。；]{0,30}?(?:决定|活动|案件|事项|行为|信息|文书|执法办案场所|执法环节|行政处罚|处罚|程序|环节|流程|"
    r"问题|现象|乱象|内容|条款|做法|方面(?=[^，。；]{0,4}(?:享有|平等|一视同仁))|领域(?=[^，。；]{0,4}(?:享有|平等|一视同仁)))(?![^，。；]{0,2}措施)"
)
# The measure named as a problem to find or a count in a report (转嫁费用的问题; 设定罚款的2件).
_PROBLEM_RE = compile_re(r"[^，。；]{0,16}?的(?:问题|现象|乱象|不良风气|做法)|的?[0-9０-９一二三四五六七八九十]+(?:件|项|起)(?:[，,、。；]|$)")
# Figures of a past period (2023年全县共征收行政事业性收费1.2亿元，同比下降8%): the measure is what was
# counted in a report, not one the sentence sets.
_STATISTIC_LEAD_RE = compile_re(
    r"[\s（(一二三四五六七八九十0-9０-９、.．)）]*"
    # a past period, not a start date (2025年起, 自2024年1月1日起)
    r"(?:[0-9０-９]{4}年(?![0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日起)(?!起|开始|度起)|今年以来|去年|上年|近[一二三四五两0-9]+年|截至|截止)"
    r"[^。；]{0,40}?(?:(?:共|累计|合计)(?:计)?(?:征收|收取|收缴|查处|办理|作出|罚没|处罚|立案|发放|审批|受理|完成|实施|清理|取消)"
    r"[^。；]{0,30}?[0-9０-９.一二三四五六七八九十百千万亿]+(?:万|亿)?(?:元|件|起|家|户|项|人次)|"
    r"(?:同比|环比)(?:增长|下降|减少|上升|增加)[0-9０-９.]+[%％])")
# The agency's own time limit on an application it has received (收到申请之日起30个工作日内完成审核).
_APPLICATION_LIMIT_RE = compile_re(
    r"(?:收到|受理)[^，。；]{0,12}(?:申请|材料|报告)[^，。；]{0,8}(?:之日起|后)[^，。；]{0,16}?(?:日|个工作日|小时)内[^，。；]{0,8}$")
# 证明事项, 审批事项, 收费项目: the measure named as a class of matters that the sentence manages.
_MATTER_RE = compile_re(r"(?:事项|项目清单|目录清单|清单|清理|制度改革)")
# Passive or undoing use right before the measure: 被扣留的车辆, 已被查封, 解除查封, 延长扣押期限.
_PASSIVE_BEFORE_RE = compile_re(r"(?:被|已被|遭|解除|延长|撤销|解封|返还|退还|归还)$")
# An approval named as what a thing already has (按照经批准的方案施工, 依照经审定的规划): the step
# is set elsewhere and done; the clause follows its result. (未经批准的，… is a condition, not this.)
_FOLLOWS_APPROVED_BEFORE_RE = compile_re(r"(?:按|按照|依照|依据|根据|执行|落实|符合|遵守|对照)经$")
_FOLLOWS_APPROVED_AFTER_RE = compile_re(r"(?:后)?的[\u4e00-\u9fff]{0,6}?(?:方案|规划|设计|图纸|施工图|计划|预算|报告书|报告表|设计文件|用途|经营范围|经营期限|期限|范围)")
# The measure named as an official's misconduct (违规罚款、违法收费、乱摊派): what the clause punishes.
_MISCONDUCT_BEFORE_RE = compile_re(r"(?:违规|违法|非法|乱)$")
# A condition that opens on misconduct (对擅自指定中介机构或者要求企业到特定机构办理的，…): every
# measure inside it names what the misconduct did.
_OFFENCE_LEAD_RE = compile_re(r"对(?:擅自|违规|违法|私自|强行|变相)[^，。；]{0,30}$")
# A payment already made, named in a condition (开工时已交存了履约担保的，…不再另外预留).
_PAYING_VERB = r"(?:缴纳|交纳|缴存|交存|预缴|预交|预留|缴)"  # not a bare 交: 已交房, 已交付
_ALREADY_RE = compile_re(r"(?:已|已经)$")
_PAYING_START_RE = compile_re(_PAYING_VERB)
_ALREADY_PAID_BEFORE_RE = compile_re(r"(?:已|已经)" + _PAYING_VERB + r"[^，。；]{0,6}$")
# …and the payment is what a "…的，" condition names (开工前已交存履约担保的，…).
_CONDITION_AFTER_RE = compile_re(r"[^，。；]{0,12}?的[，,]")
# Paying or collecting a fine refers to one already imposed: the procedure of 行政处罚法 第六十七条起.
_FINE_WORD_RE = compile_re(r"罚款|罚金|罚没款")
_PAYING_BEFORE_RE = compile_re(r"(?:缴纳|交纳|缴清|缴付|收缴|催缴|催收|代收|上缴)$")
_PAID_AFTER_RE = compile_re(r"[^，。；]{0,16}?(?:缴纳|交纳|缴入|上缴|解缴|缴清|缴付)")
# Receiving a measure, or a matter concerning it, in the sub-sentence before (当事人受到责令停产停业、
# 限制从业…的; 涉及吊销许可证的违法行为).
_RECEIVED_RE = compile_re(r"受到|被处以|被处|被给予|被采取|被依法|被(?:限制|吊销|责令|暂扣|没收|查封|扣押|撤销)|涉及")
# A noun use right after it: 查封的期限, 扣押物品的清单, 罚款决定书, 扣留机动车的时间.
_NOUN_AFTER_RE = compile_re(
    r"^(?:、[^，。；、]{1,6})*(?:(?:[^，。；、]{0,4}的)?(?:期限|期间|期满|届满|时间|决定|通知书|告知书|凭证|清单|收据|票据|程序|文书|(?:保管)?费用|(?:数额|金额)(?=的|[，。；、）)]|$))|"
    # what a decision or a result holds (强制执行的理由和依据; 审核结果在网站公开)
    r"的(?:理由|依据|方式|内容)(?=和|、|及|[，。；]|$)|结果(?![^。；]{0,20}?(?:方可|才能|后|不得|不予))|"
    r"的(?:物品|财物|车辆|场所|设施|财产|证件|工具|货物|机动车|驾驶证|款项|所得)|所得|款项|权(?!利)|职权)"
)
# A purchaser's ceiling for its own purchase (招标投标法实施条例 第二十七条: 招标人可以设定最高投标限价;
# 本项目最高限价为180万元), which no price rule is about; a market price cap (生猪实行最高限价) is not one.
_PURCHASE_CEILING_RE = compile_re(r"(?:本项目|本标段|标段|招标人|采购人)[^。；，]{0,8}?最高(?:投标)?限价|最高投标限价|招标控制价")
_CLAUSE_BREAK_RE = compile_re(r"[，,]")
# The bounds of a coercive measure, which the law sets (查封、扣押限于涉案的场所、设施或者财物).
_COERCIVE_LIST_RE = compile_re(r"(?:查封|扣押|扣留|暂扣|冻结)(?:[、和或]?(?:查封|扣押|扣留|暂扣|冻结))*")
# Only the law's own bound counts (涉案的、与违法行为有关的): 查封限于其摊位 limits nothing.
_LIMITED_AFTER_RE = compile_re(
    r"^(?:的范围|的对象)?(?:应当|只能)?(?:限于|仅限于)[^，。；]{0,6}?(?:涉案|与(?:违法行为|案件)(?:直接)?(?:有关|相关)|违法行为有关|案件有关)")
# Money already collected, and where it goes (收取的…收费全额上缴国库; 罚没的款项缴入专户).
_FUNDS_AFTER_RE = compile_re(r"^[^，。；]{0,6}?(?:全额|全部|按规定|依法|一律)?(?:上缴|缴入|纳入|解缴)(?:同级|区级|县级|市级)?(?:国库|财政|预算|专户)")
_COLLECTED_BEFORE_RE = compile_re(r"(?:收取|征收|收缴|罚没|缴纳|取得)的")
# The measure as the occasion of what follows (实施行政强制执行时，…; 采取查封措施前，…).
_OCCASION_BEFORE_RE = compile_re(r"(?:实施|采取|执行|进行)(?:行政)?$")
_OCCASION_AFTER_RE = compile_re(r"^(?:措施|决定)?(?:时|前|的过程中|过程中|期间)[，,]")
# An approval word naming the agency, its staff or its channel (审批机关应当告知, 许可窗口): no approval is set.
_APPROVAL_WORD_RE = compile_re(r"(?:行政)?(?:审批|许可|审核|核准|批准|备案|登记|认定)")
_AGENCY_AFTER_RE = compile_re(r"^(?:机关|部门(?!同意|批准|审核)|窗口|人员|权限|中介|流程|环节|时限|系统|平台|"
                              + APPROVAL_OFFICE_END + ")")
# 作出罚款决定 makes the decision: 决定 after the measure is then no noun use.
_DECIDED_RE = compile_re(r"(?:作出|下达)[^，。；]{0,16}?(?:罚款|罚没|处罚|没收|查封|扣押|停业|停产|停工|整顿|关停|关闭|取缔|拆除|吊销|暂停)$")
# 行政许可 as the name of the whole category, not a permit this clause sets: what an agency does with
# permits in general (实施行政许可, 作出行政许可决定, 行政许可事项), or applying for one as the head
# of a condition (申请行政许可，应当如实提交材料).
_GENERIC_PERMIT_BEFORE_RE = compile_re(r"(?:实施|作出|受理|审查|撤销|变更|延续|涉及|设定)行政$")
_GENERIC_PERMIT_AFTER_RE = compile_re(
    r"(?:事项|决定|机关|直接涉及|听证|程序|实施|的(?:实施|申请|条件|期限|程序|事项|决定))")
_APPLYING_BEFORE_RE = compile_re(r"(?:申请|办理|取得)行政$")
_CONDITION_HEAD_AFTER_RE = compile_re(r"(?:[，,]|的[，,]|时)")
# The same inside a hand-written match (扣留期间发生的…): the measure word is followed by a noun.
_NOUN_INSIDE_RE = compile_re(r"(?:查封|扣押|扣留|暂扣|没收|冻结)(?:期间|期限|期满|的期限|决定书|的物品|的财物|的车辆)")
# The sentence names kinds of measure (处罚的种类包括…; 重大执法决定包括：; 政务处分的种类为).
_KINDS_RE = compile_re(r"种类(?:包括|为|有|是)|(?:决定|处罚|措施|处分|情形)(?:包括|是指|为)[：:]|(?<!来源)(?<!资金来源)包括[：:]|决定的(?:案件|事项)")
_INLINE_LIST_LEAD_RE = compile_re(r"(?:种类|决定|处罚|措施|处分|情形)?包括[：:][^。]*$")
# The measure is being removed (证明材料一律取消; 收费项目予以清理); ``referral`` first asks whether the
# measure is imposed right where it stands (``_imposed_here``).
_REMOVED_AFTER_RE = compile_re(
    r"^[^，。；]{0,10}?(?:一律|予以|全部|坚决|逐步)?(?:取消|废止|删除|清理|免除|免收|停止执行)|"
    r"^[^。；]{0,16}?[，,][^，。；]{0,4}?(?:一律)?(?:不再|无需|无须|不得)(?:要求|索要|收取|提交|提供|办理)"
)
# A charge or paper removed after a comma (没有依据的保证金，一律取消): only for what clean-ups remove,
# since after a sanction the same words add one (给予记过处分，取消当年评优资格).
_REMOVED_AFTER_COMMA_RE = compile_re(
    r"[，,](?:一律|全部|坚决|逐步)?(?:予以)?(?:取消|废止|删除|清退|免除|免收|停止执行)|"
    # 对已收取的违规保证金，各部门要在年底前全部清退: given back, whoever is told to (refund verbs only,
    # which no clause uses as a sanction, unlike 取消)
    r"[，,][^，。；的]{1,16}?清退|[，,][^，。；的]{1,12}?(?:一律|全部|坚决|逐步|及时)(?:予以)?(?:退还|返还)|"
    # 对超出规定比例收取的质量保证金，…退还超出部分: what was taken beyond the cap goes back
    r"[，,][^，。；的]{1,16}?(?:退还|返还)(?:多收|超出|超收|违规收取)")
# A deposit eased, not set (推行银行保函替代现金缴纳保证金): the policy lightens a burden the law allows.
# The measure demanded right before it (须经社区同意，一律不得要求…其他证明): what follows bans other
# burdens, not this one.
_DEMANDED_BEFORE_RE = compile_re(r"(?:须|必须|应当|应|需)(?:先|事先)?(?:经|报经|报|取得|向)[^，。；]{0,16}$")
# A gate that only describes the matters it names (须凭…证明才能办理的事项): no gate on anyone.
_DESCRIBING_GATE_RE = compile_re(r"[^，。；]{0,8}?的")


def _imposed_here(ctx: MatchContext) -> bool:
    """The match is demanded right before it, or is the gate of what follows (须经街道审核同意后方可招生):
    a ban after it (，一律不得收取审核费) then bans some other burden, and does not remove this one."""
    if _DEMANDED_BEFORE_RE.search(ctx.text, max(ctx.sentence_start, ctx.start - 20), ctx.start):
        return True
    after = ctx.text[ctx.end:ctx.sentence_end]  # the gate pattern is anchored with ^, as imposition reads it
    gate = _PRECONDITION_AFTER_RE.match(after)
    return gate is not None and not _DESCRIBING_GATE_RE.match(after, gate.end())
_EASED_RE = compile_re(r"(?:推行|推广|鼓励|允许|支持|全面实行)[^，。；]{0,12}?(?:保函|保证保险|担保)[^，。；]{0,6}?(?:替代|代替)")
_CLEANABLE_RE = compile_re(r"费|保证金|押金|证明|基金")
# The charges a clean-up keeps (除投标、履约保证金外，其他保证金一律取消): named as exceptions, not set.
_KEPT_BY_CLEANUP_RE = compile_re(r"(?:除[^，。；]{0,60}?外|[^，。；]{0,60}?以外的|保留[^。；]{0,60}?[，,])[，,]?(?:其他|其余|其它)[^，。；]{0,24}?[，,]?(?:一律|全部|均)?(?:予以)?(?:取消|废止|清退|停止|不再)")
# A clean-up verb governing the charge (清理规范涉企保证金; 全面清理各类收费项目).
_CLEANUP_BEFORE_RE = compile_re(r"(?:清理|清退|取消|废止|减免|免除|降低|压减|整治)(?:规范|整顿)?[^，。；、]{0,8}$")
# How the document itself was approved or decided, at the head of a sentence (经县政府同意，…;
# 经区政府常务会议研究决定，…): the approval is the issuer's, not a condition set on anyone.
_ISSUING_RE = compile_re(
    r"[\s　]*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、])?[\s　]*"
    r"(?:(?:(?:现)?经[^，。；]{1,24}?(?:同意|批准|审议通过|研究(?:决定|同意)?|决定)|会议(?:研究)?同意)[，,]|"
    r"会议(?:研究|讨论)?(?:原则)?(?:同意|议定|决定))"
)
# The measure describes who receives a benefit (按规定缴纳社会保险费的企业，给予一次性补贴): an
# attributive clause before a party, in a sentence that grants money and sets no condition.
_ATTRIBUTIVE_AFTER_RE = compile_re(
    r"^[^，。；]{0,6}?的[\u4e00-\u9fff]{0,4}?(?:企业|单位|用人单位|个人|人员|职工|经营者|商户|农户|家庭|主体|机构|项目|学生)")
_BENEFIT_RE = compile_re(r"(?:给予|发放|享受|兑现|安排)[^，。；]{0,16}?(?:奖励|补贴|补助|奖补|贴息|优惠|减免|资助)")
_CONDITION_WORD_RE = compile_re(r"方可|才能|才可|不得|不予|必须|须|一律|否则")
# Payments a law or a contract sets, not the document: social insurance and the housing fund
# (社会保险法, 住房公积金管理条例), taxes, fees for services under contract (物业费 — 民法典 第九百四十四条;
# water, power, gas, rent), and the cost of substitute performance (行政强制法 第五十一条). Naming one
# sets no charge; only for the charge kinds, since 社保缴纳证明 as a condition is a rights measure.
_CHARGE_KINDS = frozenset({"fee_charge", "levy"})
_OWED_BY_LAW_RE = compile_re(
    r"社会保险费|社保费|(?:养老|医疗|失业|工伤|生育)保险费|住房公积金|税款|税费|个人所得税|增值税|物业(?:服务)?费|"
    r"(?:水|电|燃气|天然气|暖气|供暖|供热)费|租金|代履行(?:的)?费用|"
    # national levies a State Council or Ministry of Finance act sets (教育费附加, 地方教育附加 2%)
    r"教育费附加|地方教育附加|城市维护建设税|残疾人就业保障金|文化事业建设费|水利建设基金")
# Paying or collecting words, for a hand-written charge pattern (收取水费, 缴纳税款).
_COLLECTING_RE = compile_re(r"缴|交纳|交存|收取|征收|计收|代收")
# What is paid, right after the paying word (缴纳职工基本养老保险费).
_OWED_OBJECT_AFTER_RE = compile_re(r"[^，。；]{0,8}?(?:社会保险费|社保费|(?:养老|医疗|失业|工伤|生育)保险费|住房公积金|税款|税费)")
# The insurance a contribution belongs to, just before it (基本医疗保险个人缴费标准): the same premium.
_INSURANCE_BEFORE_RE = compile_re(r"(?:养老|医疗|失业|工伤|生育|社会|居民医|职工医)保险(?:的)?(?:个人|单位|参保人)?$")
# The payment as the base a benefit is computed from (按上年度实际缴纳失业保险费的60%返还).
_BASE_OF_BENEFIT_RE = compile_re(r"^[^，。；]{0,6}?的[0-9０-９.．]+[%％][^，。；]{0,8}?(?:返还|补贴|奖励|补助|给予)")
# Only a payment the recipient already makes describes it; a selector (贡献超过五百万元的企业) is
# the very measure of the competition rules.
_PAYMENT_RE = compile_re(r"缴|交纳|交存|参保")
# An agency's own plan approved by its government (运力规模由交通运输局提出，报市人民政府批准后公布):
# the approval is internal procedure, not a condition set on the public.
_INTERNAL_APPROVAL_RE = compile_re(
    r"(?:编制|提出|拟定|拟订|制定|制订|起草)[^。；]{0,40}?报[^，。；]{0,12}?(?:人民政府|政府|常务会议|管委会|党委)"
    r"[^，。；]{0,4}?(?:批准|审定|审议|同意)|"
    # plans and budgets a government draws are approved by the government above (城乡规划法 第十九条,
    # 第四十八条), as is a change to them
    r"(?:编制|修改|调整)[^，。；]{0,12}?(?:规划|预算|区划)[^。；]{0,20}?(?:经|报)[^，。；]{0,12}?(?:人民政府|政府|人大|常务委员会)"
    r"[^，。；]{0,4}?(?:批准|审定|审议|同意)(?:后)?|"
    r"(?:总体规划|详细规划|专项规划|国土空间规划|城乡规划|村庄规划|预算)[^，。；]{0,6}?(?:修改|调整|变更)的?[，,]?[^。；]{0,12}?"
    r"(?:经|报)[^，。；]{0,12}?(?:审批机关|人民政府|政府|人大|常务委员会)[^，。；]{0,4}?(?:批准|审批|审定|同意)(?:后)?|"
    # the filing of normative documents with the legal office (规范性文件…报司法局备案)
    r"规范性文件[^。；]{0,30}?报[^，。；]{0,12}?(?:备案|审核)|"
    # and their own making: legality review and collective discussion (国办发〔2018〕37号)
    r"规范性文件[^。；]{0,20}?(?:须|应当|应)?经[^，。；]{0,20}?(?:合法性审核|集体讨论|审议)")
# Existing deposits to be returned (对已到期的投标保证金、履约保证金，相关单位应当在三十日内予以退还).
_EXISTING_BEFORE_RE = compile_re(r"对[^，。；]{0,10}(?:已|到期|已经)[^，。；]{0,8}的(?:[^，。；]{0,8}、)*[^，。；、]{0,6}$")
# Money already taken and now given back, not kept (已收取的…不再退还, 统一上缴 is no refund).
_REFUNDED_LATER_RE = compile_re(r"^(?:(?!不再|不予|不得|不|无需|无须)[^。；]){0,30}?(?:退还|返还|清退)")
# Enforcement by a court on the agency's application is the court's, under 行政强制法 第五十三条.
_COURT_RE = compile_re(r"(?:申请|由)(?:人民)?法院[^，。；]{0,4}强制执行|向(?:人民)?法院(?:提出|提交|递交)?[^，。；]{0,2}强制执行(?:的)?申请")
# The measure is being undone (保证金予以退还; 查封的场所应当解除).
_UNDOABLE_RE = compile_re(r"保证金|押金|抵押金|查封|扣押|扣留|冻结|暂扣")
# The object may be long (退还中标和未中标供应商的投标保证金), but no paying word may stand in it,
# nor a rate or sum: 退还合同总额5%的履约保证金 tells what was demanded.
# Money given back: the one list the undoing words below and ``only_refunds`` share.
_GIVE_BACK = "退还|返还|退回|归还|发还"
_UNDO_BEFORE_RE = compile_re(rf"(?:{_GIVE_BACK}|解除)(?:(?!收取|收缴|缴纳|交纳|缴存|预缴|[0-9０-９%％]|百分之)[^，。；]){{0,20}}$")
_UNDO_AFTER_RE = compile_re(rf"^[^，。；]{{0,20}}?(?:予以|应当|应|及时|无息)?(?:{_GIVE_BACK}|解除|解冻|撤销)")
# The approval names an offence against a requirement set elsewhere (未经批准擅自建设的; 未经批准，
# 正在建设的房屋), not a requirement the sentence sets. "未经批准，不得建设" sets one and is not matched.
_OFFENCE_RE = compile_re(r"未经[^，。；]{0,12}?(?:批准|许可|同意|审批|核准|登记)(?:[^，。；]{0,3}?擅自|[，,]?(?:正在|已经|已)"
                         r"[^，。；]{0,6}?(?:建|施工|开工|经营|生产|占用|开采|营业))")
# Offenders as the subject of a relative clause the match sits in (不法分子非法收取的费用; 传销组织
# 强行扣留的证件): the measure is their offence, named as the thing a lawful step then deals with.
_OFFENDER_BEFORE_RE = compile_re(r"(?:犯罪|黑恶|不法分子|违法分子|犯罪分子|团伙|传销组织|诈骗分子)[^，。；的]{0,8}$")
_RELATIVE_CLAUSE_RE = compile_re(r"[^，。；]*?的")  # read from the match's start: 的 in it or just after
# Procedure for a measure the clause takes as given: the measure sits in a "…的，" condition
# followed by who decides, records or reports it (需要吊销驾驶证的，由…决定).
_PROCEDURE_AFTER_RE = compile_re(
    r"^[^，。；]{0,24}?的(?:处罚|决定|措施)?[，,]\s*(?:应当|应)?(?:由|报|经|在(?![^，。；]{0,10}?(?:给予|予以倾斜|倾斜|优先|加分))|按照|依照|制作|出具|告知|填写|送达|通知|适用|因|提前|(?:可以)?当场|"
    r"交|移送|登记|记录|开具|将|说明|答复)"
)
# Carrying out a measure the way a law prescribes (实施查封、扣押，应当依照…规定的程序进行).
_BY_PROCEDURE_AFTER_RE = compile_re(
    r"^[^，。；]{0,12}?[，,]\s*(?:应当|应|须|必须)?(?:严格)?(?:依照|按照|遵守|遵循)(?!本)[^，。；]{0,40}?"
    r"(?:《[^》]{1,40}(?:法|条例)》|法律|法定)[^，。；]{0,16}?程序")
_CARRIED_OUT_BEFORE_RE = compile_re(r"(?:实施|采取|作出|执行|办理)(?:[\u4e00-\u9fff]{1,6}、){0,3}$")
# The steps the law attaches to carrying a measure out (行政强制法 第十八条、第二十四条; 行政处罚法
# 第五十五条): a record, a written decision handed over, notice, two officers. How, not whether.
_PROCEDURE_STEPS_AFTER_RE = compile_re(
    r"^[^，。；]{0,4}?[，,]?(?:应当|应|须|必须)(?:当场|及时|依法)?(?:制作|出具|交付|送达|告知|通知|出示|听取|报经|记录|拍照|录像|"
    r"由两名以上|有两名以上|经行政机关负责人批准|经负责人批准)")
# 加处罚款 capped at the fine itself, at the law's rate (3% a day) or none named: 行政处罚法 第七十二条
# and 行政强制法 第四十五条 set it, so the surcharge (and the fine it is computed from) is the law's.
_CAPPED_SURCHARGE_RE = compile_re(
    r"加处(?:的)?罚款[^。；]{0,12}?(?:不得超(?:出|过)(?:原|应缴(?:的)?)?(?:罚款|本金|金钱给付义务)(?:的)?(?:数额|金额|本数|本身)?|"
    r"以(?:原|应缴(?:的)?)?(?:罚款|本金|金钱给付义务)(?:的)?(?:数额|金额|本数|额)?为限)(?![^，。；]{0,3}(?:倍|[0-9０-９%％]))")
_SURCHARGE_BASE_AFTER_RE = compile_re(r"^(?:的)?(?:数额|金额|本数|本金|额)")
# The daily rate on an unpaid fine, reckoned on the fine itself (每日按罚款数额的百分之三)
_DAILY_FINE_RATE_RE = compile_re(r"每日按(?:照)?(?:原)?罚款(?:的)?(?:数额|金额)的?(?:百分之三|3[%％])")
# Guarantees to be accepted, cash not to be insisted on, with no sum or rate in the sentence: the
# sentence rules how a deposit set elsewhere is paid (保函…的，采购人不得拒绝; 不得强制以现金缴纳).
_GUARANTEE_ACCEPTED_RE = compile_re(
    r"(?:保函|保证保险|非现金)[^。；]{0,30}?(?:不得[^，。；]{0,8}?(?:拒绝|拒收)|(?:应当|应)(?:予以)?(?:接受|认可))|"
    r"(?:应当|应)(?:予以)?接受[^，。；]{0,16}?(?:保函|保证保险)|"
    r"允许[^，。；]{0,6}?(?:以|用)?(?:银行)?保函|不得(?:强制)?(?:要求)?[^，。；]{0,6}?以现金(?:形式|方式)")
# A complaint repeated on the same facts and reasons is not taken up again (信访工作条例 第三十五条).
_REPEATED_COMPLAINT_RE = compile_re(r"同一事实(?:和|、|与)?理由[^。；]{0,24}?(?:不再|不予)(?:受理|答复)")
# A clean-up followed by a new demand in its place (证明材料予以取消，改由…提供): no clean-up.
_REPLACED_AFTER_RE = compile_re(r"改由|改为|改收|仍须|仍需|仍应|另行|今后[^。；]{0,12}?(?:须|应当|要)")
# A filing review's finding: the provision it found and what it asked of the drafter (…的规定缺乏上位法
# 依据，建议制定机关修改; 对…的规定，发出纠正意见函). The measure is what was found, not set.
_REVIEW_OUTCOME_RE = compile_re(
    r"纠正意见|审查意见|缺乏(?:上位法)?(?:依据|法律依据)|没有(?:上位法|法律、?法规)?依据|于法无据|"
    r"建议(?:制定机关|起草部门|发文机关)?(?:予以)?(?:修改|废止|纠正|删除)|督促(?:制定机关|起草部门|发文机关)?(?:予以)?(?:纠正|修改|废止)|"
    # (责令改正 alone is an enforcement order; here a body or its document is told to withdraw it)
    r"责令(?:该|制定机关|发文机关)[^，。；]{0,4}?(?:撤销|纠正|修改|废止)|要求其[^，。；]{0,6}?(?:撤销|纠正|修改|废止)|"
    # what was done about it since (审计发现…摊派赞助，目前已全部责令退还): a finding already put right
    r"已(?:全部|经|于[^，。；]{0,8}?)?(?:责令)?(?:退还|清退|纠正|整改到位|整改|撤销|废止|收回|停止执行)")
_DESCRIBED_PROVISION_AFTER_RE = compile_re(r"^[^。；]{0,30}?的(?:规定|条款|内容|做法|问题|文件)")
# A review that reports what it found (审查中发现…，已责令撤销): every measure it names is a finding.
_REVIEW_LEAD_RE = compile_re(r"(?:审查|备案审查|清理|核查|督查|审计|检查|巡查|排查|巡视|督察)(?:中|时|过程中)?[，,]?(?:发现|认为)|经(?:审查|审核)[，,]")
# A measure named as what was set unlawfully (纠正违法设定收费、罚款的文件): the object of the offence.
# Only where a review or clean-up verb governs it: 擅自设定 alone may be the clause's own words.
_UNLAWFUL_SETTING_BEFORE_RE = compile_re(
    r"(?:纠正|清理|撤销|废止|审查出|发现)[^，。；]{0,8}?(?:违法|违规|擅自|越权|无依据|没有依据)(?:设定|设立|增设|设置|规定)[^，。；]{0,16}$")

# How a sentence imposes a measure, strongest first. The cue must come before the match in its
# sentence (or, for a precondition, right after it).
# The parties a condition names before its consequence (…的企业，…; 未缴纳…的村民暂缓…).
_PARTIES = ("单位|企业|人员|个人|经营户|商户|商家|门店|车辆|农户|住户|村民|居民|摊贩|当事人|经营者|经营主体|市场主体|"
            "机构|组织|场所|项目|合作社|驾驶人|养殖户|种植户|乡镇|部门|干部|职工|学生|家庭|出租车|车主|船主|业主|摊点")
# A breach named before the measure (违反本规定，…; 违规的，…) is its condition; in a whole sentence
# (the second opinion's cue) it counts only with the clause it opens: 违规停车集中整治 names an offence.
def _consequence_pattern(breach: str) -> str:
    return (
        r"(?:的|者)[，,]|(?:对|凡)?[^，。；]{0,30}?的[\u4e00-\u9fff]{0,4}?(?:" + _PARTIES + r"|行为)[，,]|"
        # 未缴纳新农合的村民暂缓发放; 评估未达标的园区取消其称号: the condition runs into its party without a comma
        # (not a ban: 不得对拒绝搬迁的住户… forbids something to be done to the party)
        r"(?:未|不(?!得|准|许|能|应|再)|拒不|逾期)[^，。；]{0,20}?的[\u4e00-\u9fff]{0,4}?(?:" + _PARTIES + r")|"
        r"否则|违者|" + breach + r"|一经(?:查实|发现|查处|核实)|逾期|拒不|不按|未按|擅自|"
        r"如有|如发现|凡[^，。；]{0,40}?的|"
        # 一户违法种植，其余九户承担连带责任: one member's act, the others' burden (联保)
        r"(?:一户|一人|一家|一处|一名)[^，。；]{0,16}?[，,](?:其余|其他|同组|全组|全村|全户)|"
        # a tariff per incident (每发现一个火点扣缴五万元; 每超标一次罚): each occurrence draws the measure
        r"每(?:发现|出现|发生|查实|查处|超标|超过|迟报|漏报|延误|少于)[^，。；]{0,12}?[，,]?(?:扣|罚|处|收|缴|计|减)"
    )


_CONSEQUENCE_RE = compile_re(_consequence_pattern("违反|违规"))
_SENTENCE_CONSEQUENCE_RE = compile_re(_consequence_pattern(r"(?:违反|违规)[^，。；]{0,24}?[，,]"))
# 应 and 要 inside other words command nothing (供应商, 响应, 应用; 重要, 主要, 要素, 交通要道, 只要, 必要, 纲要;
# 人均); 要地方… is a command. Nor does a need or a demand denied (无须, 无需, 不需要, 不要求提交…): it
# lifts the burden it names.
_COMMAND_RE = compile_re(
    r"必须|(?<![无毋])须(?!知)|(?<![无不所])(?!(?:(?<=根据)|(?<=按照)|(?<=工作)|(?<=实际)|(?<=视))需要)需(?!求)(?!(?<=必需)[品的])|应当|(?<![供响适反对相回答效])应(?!商|用|急|收|付)|(?<![需重主纪摘首只必纲概提不索])要(?!素|点|件|害|闻|道|塞|职|地(?!方))|"
    r"一律|(?<![人平])均(?!衡|等|匀|值|价)|务必|统一(?!推荐|上报|报送|汇总|部署|规划)|实行|只能|仅限|限定|严格|(?<!不)要求|责令|督促|落实|原则上(?!每年|每季度|每月|每半年|每两年|每三年|每\d)")
_PRECONDITION_AFTER_RE = compile_re(
    r"^[^，。；]{0,24}?(?:后|之后)?[，,]?(?:方可|方能|才能|才可|始得|再行|方予|才予|后办理|后予以)|"
    # …备案，凭备案回执申请登记: the paper the measure yields is what the next step asks for
    r"^[^，。；]{0,24}?[，,]凭[^，。；]{0,12}?(?:办理|申请|领取|进入|开展|上岗|营业)|"
    # …报联合认定，列入名录后方可开展: a step before another that gates the activity
    r"^[^，。；]{0,8}[，,][^，。；]{0,20}?后方可|"
    # …申请纳入目录，未纳入目录的不得发布: the refusal for those without it makes it a gate
    r"^[^。；]{0,30}?[，,]未(?:纳入|列入|取得|办理|经|通过)[^，。；]{0,14}的[，,]?[^，。；]{0,4}?(?:不得|不予|一律不)|"
    # 年检不合格的，暂停招生: failing it stops the activity, so passing it is the gate
    r"^[^，。；]{0,6}?不合格的[，,]?[^，。；]{0,4}?(?:暂停|停止|不得|不予|取消|注销|责令|停业|关闭)"
)
_PRECONDITION_BEFORE_RE = compile_re(
    r"(?:凭|持有?|取得|办妥|办理|提供|提交|出具)[^，。；]{0,20}$|未(?:经|取得|办理|进行|完成|通过|参加)?[^，。；]{0,20}$"
)
# A ban on acting without it (严禁未经审批搭建…; 不得未经同意擅自…): the approval is required.
_BANNED_WITHOUT_RE = compile_re(r"(?:严禁|禁止|不得|不准)[^，。；]{0,12}?未(?:经|取得|办理)[^，。；]{0,20}$")
# What a missing precondition leads to, right after its condition (未备案的，不予办理变更登记); a
# sub-sentence with a subject of its own (…，燃气公司不得另行索要) says what that subject may not do,
# unless the subject is the party the condition named (…的，申请人不得有…).
_REFUSAL_AFTER_RE = compile_re(r"^[^，。；]{0,6}[，,]?(?:[^，。；]{0,8}?(?:不予|不再|暂停|停止)|"
                               r"(?:申请人|当事人|本人|其)?(?:一律|一概|均|则|将|也|亦|都|暂)?(?:不得|不能))")
_REQUIREMENT_RE = compile_re(
    r"条件|资格|要求|具备|具有|申报|申请|投标人|供应商|竞买人|承包人|中标|入围|入选|准入|"
    r"得[0-9０-９.．一二三四五六七八九十]+分|加[0-9０-９.．]+分|不得分|评分|适用于|对象"
)
_GRANT_RE = compile_re(r"奖励|奖补|补助|补贴|扶持|优先|倾斜|享受|兑现|支持|免予|减半")
# A command after the measure in its sentence (婚宴一律不得超过十五桌; …的，须另行办理).
# (依法必须招标的项目 names what a law requires: a category, not the document's command)
# An approval that is enough to go ahead (经社区同意即可营业; 由社区核实同意即可办理): it is still needed.
_SUFFICES_AFTER_RE = compile_re(r"[^，。；]{0,4}?(?:后)?即可")
_APPROVAL_WORD_RE = compile_re(r"审核|审批|批准|同意|核准|许可|审定|认可|签批")
_COMMAND_AFTER_RE = compile_re(r"(?<!依法)必须|(?<!依法必)(?<!依法)须|应当|一律|不得|严禁|禁止|均不|不准|只能|不超过|不得超过|不超出")
# A ban on the office itself after the measure (办理规划许可不收取费用，一律不得收取…; 凭…即可办理，不得
# 增加其他材料): it forbids a burden beside the measure, and commands nothing of the public about it.
# Not a ban on doing something 擅自 (不得擅自增加、设置、收取): that one binds the public.
# The head of a ban, as the office's own words open it (一律不得, 严禁, 禁止…).
_BAN_HEAD = r"(?:一律|均|都|也|亦|严格)?(?:不得|不准|严禁|禁止|不许|均不)"
_BAN_ADVERBS = r"(?:再|另行|另|额外|强制|强行|变相|以任何(?:理由|名义|形式))?"
_BURDEN_BANNED_RE = compile_re(
    _BAN_HEAD + _BAN_ADVERBS +
    r"(?:向[^，。；]{0,12}?)?(?:收取|收费|加收|增加|要求|设置|设定|附加|指定|搭车|摊派|搭售|捆绑|"
    r"收(?=[^，。；]{0,6}?(?:费|金|款))|出售(?=[^，。；]{0,12}?收费))|"
    # a command to remove (其余一律取消; 全部予以清退): the burden is lifted, not laid
    r"(?:一律|均|全部|统一)(?:予以)?(?:取消|免收|免除|免征|废止|清退|退还|停止收取|不再收取)"
    r"(?=[，,。；;]|$|[^，。；]{0,6}?(?:费|金|款|押金|收费))")

# "assignment": the work is handed to a body (…负责…的审核), the allocation of duties every
# 职责分工 makes. It takes the place of "statement" (the weakest cue), so the rules that counted a
# statement count it too, and ULTRA_VIRES028, which asks who approves, counts it alone of the weak cues.
_ASSIGNED_BEFORE_RE = compile_re(r"(负责)(?!人|同志)[^，。；]{0,24}$")  # 负责人 is the person in charge; 承担 bears a cost or a liability
# "burden": a charge, a deposit or a levy whose sentence names who pays or at what rate (费用由车主承担;
# 由当事人先行预缴; 商户向管委会缴纳; 按每户五十元筹集): the money is laid on someone, where a bare
# mention (只保留四类保证金; 参保缴费不与水费挂钩) names a kind of payment and lays it on no one. It takes
# the place of "statement" for the money measures, so a rule may count the one and not the other.
_PAYMENT_KINDS = frozenset({"fee_charge", "deposit", "levy"})
_PAYMENT_LAID_RE = compile_re(
    r"由[^，。；]{0,20}?(?:承担|负担|支付|缴纳|交纳|预缴|垫付|预交|自理|分担|上缴|上交|缴存|交存|出资|筹集)|"
    r"(?:向|对)[^，。；]{0,16}?(?:收取|征收|计收|收缴|筹集|摊派)|(?:自行|自费|自负)(?:承担|负担|缴纳|购买|安装)|"
    r"(?:企业|公司|商户|业主|农户|村民|居民|学生|家长|车主|经营户|经营者|单位|群众|职工|申请人|当事人|投标人|供应商|"
    r"中标人|承包人|施工单位|建设单位|各村|村集体|每户|每人)[^，。；]{0,14}?(?:缴纳|交纳|上缴|上交|交存|缴存|预交|预缴|承担|负担|认缴|认捐|捐|筹集)|"
    # a paying or collecting verb with the payment (存入保证金, 缴交培训费, 由城管局收取, 收押金): the
    # payment is demanded, whoever pays; only a kind of payment named with no such verb lays nothing
    r"(?:收取|收缴|征收|计收|缴交|交付|上交|存入|预存|缴纳|交纳|(?<![回接验吸])收)[^，。；]{0,10}?(?:费|金|款)|"
    r"(?:费|金|款)[^，。；]{0,10}?由[^，。；]{1,16}?(?:收取|收缴|统一收取|代收)|"
    r"每(?:户|人|车|辆|处|平方米|亩|年|月|季|家|生|座|吨|次|间|张|件|个|位|名)|"
    r"[0-9０-９一二三四五六七八九十百千万两]+(?:\.[0-9]+)?(?:元|万元|[%％]|‰|倍)|千分之|百分之")
# A ban right before a payment's words (各部门不得[向商户收取]…; 不再[每户收取]).
# (不得强行搭售或者[捆绑收费]: the ban reaches each act it lists)
_BANNED_BEFORE_RE = compile_re(_BAN_HEAD + _BAN_ADVERBS + r"(?:[^，。；]{1,8}?(?:或者|或|、|以及|及)[^，。；]{0,4})?$|不再$")
# A payment named and then lifted in the next clause (…保证金，一律退还; …押金，一律停止收取).
_LIFTED_AFTER_RE = compile_re(r"[^，,。；]{0,12}?[，,](?:一律|均|全部|统一)(?:予以)?(?:停止收取|不再收取|退还|清退|取消|免收|免除)(?=[，,。；;]|$)")
# "statement": a bare declarative (统一由某公司供应; 按每户五十元筹资) — how normative text often
# commands, but also how it describes; rules count it only for measures specific enough.
# Invitation rather than obligation, unless the sentence still excludes others (鼓励优先采购本地产品).
_ENCOURAGE_RE = compile_re(r"鼓励|支持|引导|欢迎|倡导|提倡|吸引|争取")
# Money given is a grant, whatever verb of support introduces it (支持…给予一次性奖励).
# An invitation governing a cap right after it (提倡不超过, 倡导控制在).
_ENCOURAGE_BEFORE_RE = compile_re(r"(?:提倡|倡导|鼓励|建议)$")
_MONEY_RE = compile_re(r"奖励|补贴|补助|奖补|返还|贴息|[0-9０-９一二三四五六七八九十百千]+万?元")
_EXCLUSIVE_RE = compile_re(r"优先|只能|仅限|限定|必须|须|不得|一律|公务|机关|事业单位|国有企业")
_MIN_STATEMENT = 6
# A match this long that grants a power in its own words is a clause (物业对拖欠物业费的业主，可以暂停
# 该房屋供水), not a name; without such a word it may be a table cell (意外伤害保险费由施工单位支付).
_MIN_CLAUSE = 12
_INNER_POWER_RE = compile_re(r"可以|有权|负责|直接|一律|统一|须|应当|委托|授权|交由")
_CUE_INSIDE_RE = compile_re(
    r"(?P<precondition>方可|方能|才能|才可|始得|未经|未取得)|(?P<consequence>的[，,]|的(?=不(?:予|计入|享受|纳入|认可))|否则|逾期|拒不)|"
    r"(?P<command>^(?:必须|须|需|应当|应|要|一律|均)|不得|一律|严禁)"
)
_CUE_KIND = {"precondition": "precondition", "consequence": "consequence", "command": "command"}
IMPOSITIONS = ("consequence", "command", "precondition", "requirement", "grant", "statement", "encouragement",
               "authorisation", "assignment", "burden")
# What a measure rule counts when it lists nothing: everything but an invitation that binds no one.
DEFAULT_IMPOSITIONS = tuple(i for i in IMPOSITIONS if i != "encouragement")


# The named steps every sentence match passes, in order (shown by `reviewer explain`).
STEPS: tuple[tuple[str, str], ...] = (
    ("skipped-clause", "标题、落款中的文字不设定任何事项（全文只有一句时除外）"),
    ("near", "规则要求的上下文（near）须出现在同一款/项中，排斥的上下文（not_near）不得出现"),
    ("referral", "仅为提及：书名号内、定义、作为种类列举、被动或名词用法、描述受益对象（缴纳社保费的企业给予补贴）、实施程序、已取消、“未经批准擅自”所述违法行为、作为违法行为被追究的措施（违规罚款、违法收费）、句首“经某机关同意，”所述本文件的制定程序、逐字复述法律或行政法规的罚则条文（金额相同）、法律或合同设定的缴费（社会保险费、住房公积金、税款、物业费、水电气费、租金、代履行费用）、已经缴纳的款项、退还的款项、废止某项规定或做法、以案释法或法院判决中讲述的案情、审查中发现并已纠正的别的文件"),
    ("imposition", "设定方式：后果、命令、前置条件、资格要求、给予、交办、负担（写明由谁缴纳或按何标准）、陈述；规则只计其列出的方式"),
    ("unless", "规则列出的语境豁免：否定、引用上位法依据、依法、本机关内部、议题表述、倡导、条件"),
    ("one-per-family", "同一规则族在重叠文字或同一句中只报告一次，具体规则优先于措施词规则"),
    ("certainty", "措施词规则在没有明确设定用语（后果、命令、前置条件）时降为警告"),
)


@dataclass(frozen=True)
class Analysis:
    """What the shared analysis concluded about one match."""

    referral: str  # '' when the sentence uses the measure; else the step that found a mere reference
    imposition: str  # one of IMPOSITIONS, or '' when no cue was found
    cue: str  # the words that impose it

    @property
    def imposes(self) -> bool:
        return not self.referral and bool(self.imposition)

    @property
    def explicit(self) -> bool:
        """An imposition a reader cannot take otherwise: a consequence, a command or a
        precondition. Findings from weaker cues are reported as warnings (a reviewer dismisses a
        warning in a second; an error should be certain)."""
        return self.imposition in _EXPLICIT


_EXPLICIT = frozenset({"consequence", "command", "precondition"})


def addressee(ctx: MatchContext) -> str:
    """Who the sentence addresses, judged from the subject nearest the measure: the issuing
    body's own staff and departments, subordinate governments, or the public."""
    from reviewer.rules.guards import own_staff

    if own_staff(ctx):
        return "own_staff"
    if _SUBORDINATE_RE.search(ctx.window):
        return "subordinate"
    return "public"


# The summary procedure right before a fine (当场作出罚款决定, 当场收缴罚款); a sum in the sentence
# (numerals.amounts) means the document names the fine itself (当场作出罚款二十元的决定).
_SUMMARY_BEFORE_RE = compile_re(r"当场(?:作出|收缴|给予|予以)[^，。；]{0,4}$")
# A decision being prepared (拟吊销许可证的，应当告知当事人有权要求听证): the steps before a measure set
# elsewhere (行政处罚法 第四十四条、第五十七条、第六十三条; 行政许可法 第四十七条), not the measure set.
_PLANNED_BEFORE_RE = compile_re(r"拟(?:对[^，。；]{0,12}?)?(?:作出|给予|予以|实施|采取|决定)?[^，。；]{0,4}$")
_PLANNED_STEPS_RE = compile_re(r"告知|听证|陈述|申辩|集体讨论|法制审核|审核|报[^，。；]{0,8}?批准|负责人")
# A decision named as what identifies a body (作出罚款决定的行政机关), not a decision being made.
_DECIDER_RE = compile_re(r"决定(?:书)?的(?:行政)?(?:机关|机构|部门|单位|执法机构|执法人员)")
# A case told as an example (以案释法, 典型案例) or a court's judgment on one: the sentence reports
# what was done and how it was judged; it sets nothing.
_CASE_RE = compile_re(
    r"(?:人民法院|法院|复议机关)[^，。；]{0,6}(?:判决|裁定|决定)[^，。；]{0,4}(?:确认|撤销|认定)[^，。；]{0,12}(?:违法|无效|不当)|"
    # A review's finding about another body's document or act (经调查，某县教育局要求…构成限定交易，该局已
    # 整改; 备案审查中发现，某部门文件要求…，已建议修改; 上述文件规定…缺乏法律依据，予以纠正): a third party
    # named before the finding, so an operative clause (…不实的，予以纠正，并将该企业列入黑名单) is not one.
    r"(?:某(?:县|区|市|镇|乡|街道|部门|单位|局|委)|该(?:局|县|区|市|镇|乡|街道|部门|单位|委))[^。]{0,80}?"
    r"(?:构成(?:限定交易|滥用行政权力|排除、?限制竞争)|缺乏[^，。；]{0,4}依据|予以纠正|已(?:主动)?(?:整改|纠正|撤销|废止|修改)|"
    r"建议[^，。；]{0,10}(?:修改|纠正|废止|撤销))|"
    r"(?:上述|前述)(?:文件|规定|条款|做法)[^。]{0,60}?(?:缺乏[^，。；]{0,4}依据|予以纠正|属于[^，。；]{0,12}(?:违法|不当|滥用))"
)
# A case told as an example, labelled at the head of its sentence (以案释法：…, 案例二：…).
_CASE_LABEL_RE = compile_re(r"[\s（(一二三四五六七八九十0-9０-９)）、.．]*(?:以案释法|以案说法|典型案例|案例[一二三四五六七八九十0-9]*|案情)[：:]")
_SUBORDINATE_RE = compile_re(r"(?:各|该|所在)(?:乡镇|街道|县|区|市)(?:人民政府|政府|办事处)?|乡镇人民政府|街道办事处")


def _generic_permit(text: str, start: int, end: int, sentence_start: int) -> bool:
    """The match is 许可 of 行政许可 used as the category's name (see _GENERIC_PERMIT_BEFORE_RE)."""
    if not text.startswith("许可", start) or end - start > 4:
        return False
    lead = text[max(sentence_start, start - 4):start]
    if not lead.endswith("行政"):
        return False
    if _APPLYING_BEFORE_RE.search(lead):  # 申请办理行政许可事项 demands one; only a condition's head names the class
        return bool(_CONDITION_HEAD_AFTER_RE.match(text, end))
    return bool(_GENERIC_PERMIT_BEFORE_RE.search(lead) or _GENERIC_PERMIT_AFTER_RE.match(text, end))


# A regulation named without book marks after 按照/依照 (按照事业单位工作人员处分规定给予处分): the
# measure word is part of its name.
_UNMARKED_TITLE_BEFORE_RE = compile_re(r"(?:按照|依照|依据|根据|参照)[^，。；《》]{0,16}$")
_UNMARKED_TITLE_AFTER_RE = compile_re(r"[^，。；《》、的]{0,6}?(?:暂行)?(?:规定|条例|办法)")


def _inside_unmarked_title(ctx: MatchContext) -> bool:
    text = ctx.text
    return bool(_UNMARKED_TITLE_AFTER_RE.match(text, ctx.end)
                and _UNMARKED_TITLE_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 16), ctx.start))


# What a revision or a correction took out of a document (按审查意见删除了…须在本地开设分店方可
# 申报的条件; 删除了“须从本地定点厂家采购”的规定): the deleted words name a measure no longer set.
_STRUCK_OUT_RE = compile_re(r"(?:删除|删去|废止|撤销|取消)(?:了|(?:此前|原先?|以往|过去)(?:关于)?)[^。；，,]{2,60}?的(?:条件|规定|要求|条款|内容|限制|门槛|做法)")


def referral(ctx: MatchContext) -> str:
    """The named step that finds the match only *refers* to its measure, or ''."""
    text = ctx.text
    issuing = _ISSUING_RE.match(text, ctx.sentence_start)
    if issuing and issuing.end() >= ctx.end:
        return "issuing"
    if _inside_title(text, ctx.start, ctx.end, ctx.sentence_start, ctx.sentence_end) or _inside_unmarked_title(ctx):
        return "title"
    if _CASE_LABEL_RE.match(text, ctx.sentence_start) or _CASE_RE.search(text, ctx.sentence_start, ctx.sentence_end):
        return "case"  # 以案释法：某镇…拆除…，法院判决确认违法: a case told, not a rule set
    if cleared_by_inquiry(text, ctx.sentence_start, ctx.sentence_end, ctx.memo):
        return "case"  # 有企业反映…只能由…供电。经核查，…未发现指定行为: a complaint told and found groundless
    if _inside_replaced_quote(ctx):
        return "removed"  # 将第十条中的“应当从推荐库中确定”修改为“…”: the words quoted are the ones struck out
    if any(m.start() < ctx.start and ctx.end <= m.end()
           for m in _STRUCK_OUT_RE.finditer(text, ctx.sentence_start, ctx.sentence_end)):
        return "removed"  # 删除了…须在本市设立分公司…的条件: what a revision took out
    defined = DEFINITION_RE.search(text, ctx.sentence_start, ctx.sentence_end)
    if defined and not _ELIGIBILITY_TERM_RE.search(text, ctx.sentence_start, ctx.sentence_end) \
            and not _AFTER_DEFINITION_RE.search(text, defined.end(), ctx.start):
        return "definition"
    if CATEGORY_RE.match(text, ctx.end, ctx.sentence_end) or _MATTER_RE.match(text, ctx.end, ctx.sentence_end):
        return "category"
    if _PROBLEM_RE.match(text, ctx.end, ctx.sentence_end):
        return "category"
    if _STATISTIC_LEAD_RE.match(text, ctx.sentence_start, ctx.sentence_end):
        return "category"  # a figure of a past year: the measure counted in a report
    if _APPLICATION_LIMIT_RE.search(text, ctx.sentence_start, ctx.start):
        return "procedure"
    if _KINDS_RE.search(ctx.sentence) or (ctx.list_lead and _KINDS_RE.search(ctx.list_lead)):
        return "category"
    lead = text[max(0, ctx.sentence_start - 80):ctx.sentence_start]
    if _INLINE_LIST_LEAD_RE.search(lead):
        return "category"  # an item of an inline list of kinds: 决定包括：（一）…；（二）…
    if _NOUN_INSIDE_RE.search(text, ctx.start, ctx.end):
        return "noun"
    if _generic_permit(text, ctx.start, ctx.end, ctx.sentence_start):
        return "category"
    if (_REMOVED_AFTER_RE.match(text[ctx.end:ctx.sentence_end]) and not _imposed_here(ctx)) or (
            _CLEANABLE_RE.search(text, ctx.start, ctx.end) and _REMOVED_AFTER_COMMA_RE.match(text, ctx.end, ctx.sentence_end)):
        return "removed"
    if _PASSIVE_BEFORE_RE.search(text[max(ctx.sentence_start, ctx.start - 4):ctx.start]):
        return "passive"
    if _FOLLOWS_APPROVED_BEFORE_RE.search(text[max(ctx.sentence_start, ctx.start - 5):ctx.start]) \
            and _FOLLOWS_APPROVED_AFTER_RE.match(text, ctx.end, ctx.sentence_end):
        return "passive"
    if _PAYMENT_RE.search(text, ctx.start, ctx.end) and _UNDO_BEFORE_RE.search(ctx.window):
        return "refund"  # 退还多缴的款项: money given back, not demanded (the undoing words of deposits)
    if _MISCONDUCT_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 2), ctx.start) or (
            _OFFENCE_LEAD_RE.search(text, max(ctx.sentence_start, ctx.start - 30), ctx.start)
            and _CONDITION_AFTER_RE.match(text, ctx.end, ctx.sentence_end)):
        return "offence"  # 对违规罚款的，追究责任: the measure is the misconduct being punished
    lead = text[max(ctx.sentence_start, ctx.start - 12):ctx.start]
    if ((_ALREADY_RE.search(lead) and _PAYING_START_RE.match(text, ctx.start, ctx.end)) or _ALREADY_PAID_BEFORE_RE.search(lead)) \
            and _CONDITION_AFTER_RE.match(text, ctx.end, ctx.sentence_end):
        return "passive"
    if _FINE_WORD_RE.fullmatch(text, ctx.start, ctx.end) and (
            _PAYING_BEFORE_RE.search(text[max(ctx.sentence_start, ctx.start - 4):ctx.start])
            or _PAID_AFTER_RE.match(text, ctx.end, ctx.sentence_end)):
        return "procedure"  # paying or collecting a fine already imposed (到期不缴纳罚款的)
    if _RECEIVED_RE.search(ctx.window) and not _CLAUSE_BREAK_RE.search(text, ctx.start, ctx.end):
        return "passive"  # (a match that runs on past the condition into what is done is no mention)
    if _covers(_OFFENCE_RE, ctx):
        return "offence"
    if _OFFENDER_BEFORE_RE.search(ctx.window) and _RELATIVE_CLAUSE_RE.match(text, ctx.start, min(ctx.sentence_end, ctx.end + 6)):
        return "offence"  # 黑恶犯罪集团强行收取的保护费，由公安机关追缴: what offenders did, named as a thing
    after = text[ctx.end:ctx.sentence_end]
    if _SUMMARY_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 8), ctx.start) and not amounts(ctx.sentence):
        return "procedure"
    planned = _CONDITION_AFTER_RE.match(text, ctx.end, ctx.sentence_end)
    if planned and _PLANNED_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 24), ctx.start) and \
            _PLANNED_STEPS_RE.search(text, planned.end(), ctx.sentence_end):
        return "procedure"  # 拟吊销许可证的，应当告知听证权利: what comes before a decision  # 当场作出罚款决定: the summary procedure (行政处罚法 第五十一条) for fines set elsewhere
    if _NOUN_AFTER_RE.match(after) and (
            not _DECIDED_RE.search(text, max(ctx.sentence_start, ctx.start - 4), ctx.end) or _DECIDER_RE.match(after)):
        return "noun"  # 作出罚款决定的行政机关: the body that decides, named by the decision
    ceiling = _PURCHASE_CEILING_RE.search(text, max(ctx.sentence_start, ctx.start - 12), min(ctx.sentence_end, ctx.end + 4))
    if ceiling and ceiling.start() < ctx.end and ctx.start < ceiling.end():
        return "procedure"  # 本项目最高投标限价为…万元: the purchaser's ceiling for its own purchase, not a market price
    coercive = _COERCIVE_LIST_RE.match(text, ctx.start, ctx.sentence_end)
    if coercive and _LIMITED_AFTER_RE.match(text[coercive.end():ctx.sentence_end]):
        return "procedure"  # 查封、扣押限于涉案的场所: the bounds the law sets (行政强制法 第二十三条)
    if _FUNDS_AFTER_RE.match(after) and _COLLECTED_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 6), ctx.end) \
            and not amounts(ctx.sentence) and not percentages(ctx.sentence):
        return "procedure"  # 收取的行政事业性收费全额上缴国库: where money already collected goes
    if _OCCASION_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 6), ctx.start) and _OCCASION_AFTER_RE.match(after) \
            and "对" not in text[ctx.sentence_start:ctx.start]:
        return "procedure"  # 实施行政强制执行时，…可以与当事人达成执行协议: the occasion, not the measure set
    if _PROCEDURE_AFTER_RE.match(after) or _COURT_RE.search(text, max(ctx.sentence_start, ctx.start - 12), min(ctx.sentence_end, ctx.end + 4)):
        return "procedure"
    if (_BY_PROCEDURE_AFTER_RE.match(after) or _PROCEDURE_STEPS_AFTER_RE.match(after)) and _CARRIED_OUT_BEFORE_RE.search(
            text, max(ctx.sentence_start, ctx.start - 24), ctx.start):
        return "procedure"  # 实施查封、扣押，应当依照《行政强制法》规定的程序进行: how, not whether
    # Sentence-wide facts below are asked only when the match itself could be one of them, and once
    # per sentence (sentence_fact): referral runs for every match of every rule.
    matched = text[ctx.start:ctx.end]
    if ("加处" in text[max(ctx.sentence_start, ctx.start - 3):min(ctx.sentence_end, ctx.end + 12)] or (
            _FINE_WORD_RE.fullmatch(text, ctx.start, ctx.end) and _SURCHARGE_BASE_AFTER_RE.match(after))) and \
            (ctx.sentence_fact("capped_surcharge", _CAPPED_SURCHARGE_RE) or ctx.sentence_fact("daily_fine_rate", _DAILY_FINE_RATE_RE)) \
            and all(v == 3.0 for v in percentages(ctx.sentence)):
        # 每日按罚款数额的3%加处罚款(，加处罚款的数额不得超出罚款的数额): 行政处罚法 第七十二条's own rate;
        # the cap holds by that law whether or not the sentence repeats it
        return "procedure"
    if "保证金" in matched and ctx.sentence_fact("guarantee_accepted", _GUARANTEE_ACCEPTED_RE) and not amounts(
            ctx.sentence) and not percentages(ctx.sentence):
        return "procedure"  # how a deposit set elsewhere is paid
    if ("受理" in matched or "答复" in matched) and ctx.sentence_fact("repeated_complaint", _REPEATED_COMPLAINT_RE):
        return "procedure"
    if ctx.sentence_fact("review_outcome", _REVIEW_OUTCOME_RE) and (_DESCRIBED_PROVISION_AFTER_RE.match(after)
                                                     or _REVIEW_LEAD_RE.search(ctx.sentence)):
        return "category"  # a review finding names the provision it corrected
    if _UNLAWFUL_SETTING_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 24), ctx.start):
        return "offence"  # 纠正违法设定收费、罚款的文件: the measure is what was set unlawfully
    if ctx.before.endswith(("已", "已经")) and _REFUNDED_LATER_RE.match(after):
        return "refund"  # 已收取的进场检测费于月底前全部退还: money taken before, now given back
    if _UNDOABLE_RE.search(text, ctx.start, ctx.end) and (
            _UNDO_AFTER_RE.match(after) or _UNDO_BEFORE_RE.search(ctx.window)
            or (_EXISTING_BEFORE_RE.search(ctx.before) and _REFUNDED_LATER_RE.match(after))):
        return "procedure"
    if _CLEANABLE_RE.search(text, ctx.start, ctx.end) and (
            _CLEANUP_BEFORE_RE.search(ctx.window) or _covers(_KEPT_BY_CLEANUP_RE, ctx)):
        return "removed"  # 清理规范涉企保证金; 除…保证金外，其他保证金一律取消
    if _covers(_INTERNAL_APPROVAL_RE, ctx):
        return "procedure"
    if _APPROVAL_WORD_RE.fullmatch(text, ctx.start, ctx.end) and _AGENCY_AFTER_RE.match(after):
        return "noun"
    if _UNDOABLE_RE.search(text, ctx.start, ctx.end) and _EASED_RE.search(ctx.sentence):
        return "removed"
    if ctx.measure in _CHARGE_KINDS and (_OWED_BY_LAW_RE.search(text, ctx.start, ctx.end)
                                         or _OWED_OBJECT_AFTER_RE.match(text, ctx.end, ctx.sentence_end)
                                         or _INSURANCE_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 10), ctx.start)):
        return "owed"
    if _PAYMENT_RE.search(text, ctx.start, ctx.end) and _BASE_OF_BENEFIT_RE.match(after):
        return "attributive"
    if (_PAYMENT_RE.search(text, ctx.start, ctx.end) and _ATTRIBUTIVE_AFTER_RE.match(after)
            and _BENEFIT_RE.search(ctx.sentence)
            and not _CONDITION_WORD_RE.search(ctx.sentence)):
        return "attributive"
    if not ctx.measure and _COLLECTING_RE.search(text, ctx.start, ctx.end) and _OWED_BY_LAW_RE.search(text, ctx.start, ctx.end):
        return "owed"  # a hand-written charge pattern whose words pay a tax or levy the law sets
    if abolishes(ctx.sentence) or _cleared_by_lead(ctx):
        return "removed"
    if _CHOICE_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 12), ctx.start):
        return "choice"  # 可以自主决定是否在本市设立分支机构: the party decides
    if ctx.measure == "designation" and _OWN_CHOICE_BEFORE_RE.search(text, max(ctx.sentence_start, ctx.start - 6), ctx.start) \
            and _CHOOSING_RE.match(text, ctx.start, ctx.end):
        return "choice"  # 购机户可以自行选定经销商: the buyer picks (不得自行选定 is the restriction itself)
    if ctx.measure in ("designation", "price_control") and _INTERNAL_ASSET_RE.match(ctx.text, ctx.sentence_start, ctx.start) \
            and not _SUPPLIER_RE.search(ctx.sentence):
        return "internal"  # 公务用车统一由机关事务管理局管理: the government's own property
    if restated_article(ctx) is not None:
        return "restated"
    return ""


# A check or complaint told in a paragraph (经核查, 抽查认为, 被举报) that ends in a finding of no breach:
# the measures it names are what was alleged, not what anyone sets.
_INQUIRY_RE = compile_re(r"经查[，,]|经(?:核查|抽查)|经审查[，,](?=[^。；]{0,24}?(?:《|某|文件|规定))|审查认为|经调查|被抽查|抽查(?:发现|认为|结论|的|中)|督查(?:发现|核实|复核|中)|复核(?:发现|认为)|经核实|核实(?:后|发现)|评估发现|被举报|举报|反映|被质疑|投诉")
_NO_BREACH_RE = compile_re(
    r"举报(?:事项)?(?:不成立|不属实)|未发现[^。；]{0,16}?(?:限定交易|指定|排除|限制竞争|违法|违规|违反)[^。；]{0,10}?(?:的)?(?:行为|问题|情形|内容|条款)(?!的)|"
    r"不违反[^。；]{0,8}?审查标准|不(?:构成|属于)[^。；]{0,16}?(?:违法|违规|限定交易|行政垄断|滥用|排除|限制竞争|价格协同)|"
    r"(?:结论为|认定为)(?:合规|合法)|属于普惠性|不存在[^。；]{0,10}?(?:违法|违规)|"
    # a check that found nothing wrong (抽查…，未发现问题; 该做法符合规定; 不存在差别待遇)
    r"未发现(?:问题|违规|异常)|(?:该做法|上述做法|该文件|该条款)(?:总体)?符合(?:相关|有关)?规定|"
    r"[，,](?:均|基本)?符合(?:相关|有关)?规定(?=[。；]|$)|(?:抽查|审查|核查)结论为合规|"
    r"(?<!确保)(?<!做到)(?<!保证)(?<!防止)(?:不存在|未发现)[^。；]{0,10}?(?:差别待遇|歧视|排斥|限制竞争|地域限制|壁垒)|"
    # a review that found the clause lawful (…，未增加群众负担; 未对经营者设定义务; 未减损…权益)
    r"未(?:增加|加重)[^。；]{0,8}?(?:负担|义务)|未(?:对[^。；]{0,12}?)?(?:设定|增设)[^。；]{0,6}?义务|未减损")
# A review's finding that the provision it describes is lawful (审查认为该规定符合《…》…规定。): only after
# the matter, and closing its sentence — a draft's own claim of lawfulness before a clause clears nothing.
_LAWFUL_FINDING_RE = compile_re(
    r"(?:审查|审核|核查|复核)(?:后)?认为[，,]?(?:该|上述|此项?|这一)(?:做法|规定|条款|文件|内容|措施|条件)(?:总体|均)?符合(?:相关|有关|上位法)?"
    r"(?:《[^》]{1,40}》)?(?:第[^。；，]{1,20}?条)?(?:等|的)?(?:相关|有关)?(?:规定|要求)(?=[。；]|$)")
# How far a told case reaches around a match: a few sentences, not a whole one-line document.
_CASE_REACH = 240
# The words a 修改决定 strikes out: a quotation followed by 修改为 (…中的“…”修改为“…”).
_REPLACED_QUOTE_AFTER_RE = compile_re(r"”\s*(?:修改为|改为|修订为|替换为)")


def cleared_by_inquiry(text: str, start: int, end: int, memo: dict | None = None) -> bool:
    """The paragraph around [start, end) — at most _CASE_REACH characters either side — tells a
    check or complaint and finds no breach (see _NO_BREACH_RE); ``memo`` keeps the answer."""
    if memo is None:
        memo = {}
    # Most documents tell no case at all: asked once per text, that spares every match the search.
    anywhere = ("no_breach_in_text", len(text))
    if anywhere not in memo:
        memo[anywhere] = _NO_BREACH_RE.search(text) is not None or _LAWFUL_FINDING_RE.search(text) is not None
    if not memo[anywhere]:
        return False
    stop = text.find("\n", end, end + _CASE_REACH)
    first = max(text.rfind("\n", max(0, start - _CASE_REACH), start) + 1, start - _CASE_REACH, 0)
    last = min(len(text), end + _CASE_REACH) if stop < 0 else stop
    key = ("cleared_by_inquiry", first, last)
    if key not in memo:
        memo[key] = bool(_NO_BREACH_RE.search(text, first, last) and _INQUIRY_RE.search(text, first, last))
    return memo[key] or bool(_LAWFUL_FINDING_RE.search(text, end, last))


def _inside_replaced_quote(ctx: MatchContext) -> bool:
    """The match lies inside a quotation that an amendment replaces (“…”修改为)."""
    text = ctx.text
    opened = text.rfind("“", ctx.sentence_start, ctx.start)
    if opened < 0 or text.find("”", opened, ctx.start) >= 0:
        return False
    closed = text.find("”", ctx.end, ctx.sentence_end)
    return closed >= 0 and bool(_REPLACED_QUOTE_AFTER_RE.match(text, closed))


def _covers(pattern: re.Pattern, ctx: MatchContext) -> bool:
    """Whether a match of ``pattern`` in the sentence spans the whole measure."""
    return any(m.start() <= ctx.start and ctx.end <= m.end()
               for m in pattern.finditer(ctx.text, ctx.sentence_start, ctx.sentence_end))


def restated_article(ctx: MatchContext) -> Article | None:
    """The statute article the sentence copies (复述上位法), asked once per sentence; None if none."""
    if ctx.laws is None:
        return None
    key = ("restated", ctx.sentence_start, ctx.sentence_end)
    if ctx.memo is not None and key in ctx.memo:
        return ctx.memo[key]
    found = ctx.laws.statutes.restated(ctx.sentence)
    if ctx.memo is not None:
        ctx.memo[key] = found
    return found


# A later sub-sentence whose subject is a body (…即可办理，燃气公司不得另行索要) commands that body,
# not the measure named before it; one that carries on without a subject (…证明，须由村委会出具), after
# a time (…的部分，离婚时一律不予返还) or with the party as its subject (…证明，应聘人员必须一并提交)
# still speaks of it.
_NEW_SUBJECT_RE = compile_re(r"[，,](?!(?:并|且|还|也|均|都|一律|必须|须|应当|不得|严禁|禁止|不准|只能|不超过|由|经|自|在|于|按|凭|向|以|每)"
                             r")[^，。；]{0,10}?(?:公司|企业|单位|部门|机关|机构|窗口|局|委|办|中心|政府|办事处|街道|社区|村委会|居委会|"
                             r"银行|医院|学校|平台|所|站|队|村规民约|章程|规定|办法|协议|合同|方案|文件)(?:均|也|都|一律)?(?:不得|严禁|禁止|不准|应当|必须|须|只能)")


def _command_reach(after: str) -> int:
    """How far into the rest of the sentence a command still speaks of the match."""
    new = _NEW_SUBJECT_RE.search(after)
    return new.start() if new else len(after)


def imposition(ctx: MatchContext) -> tuple[str, str]:
    """(kind, cue): how the sentence imposes the matched measure; ('', '') when it does not."""
    before = ctx.before
    after = ctx.text[ctx.end:ctx.sentence_end]
    matched = ctx.text[ctx.start:ctx.end]
    # A hand-written pattern may hold its own cue (须经…审核同意后方可; 未登记的不得经营).
    inside = _CUE_INSIDE_RE.search(matched)
    if inside:
        return _CUE_KIND[inside.lastgroup or ""], inside.group(0)
    m = _PRECONDITION_AFTER_RE.match(after)
    if m:
        return "precondition", m.group(0).lstrip("，,")[-4:]
    m = _PRECONDITION_BEFORE_RE.search(before)
    if m and ("方可" in ctx.sentence or _REFUSAL_AFTER_RE.match(after) or _BANNED_WITHOUT_RE.search(before)):
        return "precondition", m.group(0)[:6]
    m = _SUFFICES_AFTER_RE.match(after)
    if m and _APPROVAL_WORD_RE.search(matched):
        return "precondition", m.group(0)[-2:]  # 经社区同意即可营业: the consent suffices, and is needed
    for kind, pattern in (("consequence", _CONSEQUENCE_RE), ("command", _COMMAND_RE)):
        found = _last(pattern, before)
        if found:
            return kind, found
    failed = FAILED_CONDITION_BEFORE_RE.search(before)
    if failed:  # 考核不合格的取消其资格: the condition runs into the measure without a comma
        return "consequence", failed.group(0)[-6:]
    invited = None
    # Where a later subject takes the command over is asked only when a command follows at all.
    reach = _command_reach(after) if _COMMAND_AFTER_RE.search(after) else 0
    for m in _COMMAND_AFTER_RE.finditer(after, 0, reach):
        if _BURDEN_BANNED_RE.match(after, m.start()):
            continue
        invited = invited or _ENCOURAGE_BEFORE_RE.search(after, 0, m.start())
        if not _ENCOURAGE_BEFORE_RE.search(after, 0, m.start()):
            return "command", m.group(0)  # 提倡不超过十桌，一律不得超过十五桌: the second one commands
    if invited:  # 宴席规模提倡不超过20桌: the cap is recommended, not commanded
        return "encouragement", invited.group(0)
    m = _ENCOURAGE_RE.search(before)
    if m and not _EXCLUSIVE_RE.search(ctx.sentence) and not _MONEY_RE.search(ctx.sentence):
        return "encouragement", m.group(0)  # 鼓励…在本市设立研发中心: invites, binds no one
    around = before + "\x00" + after  # the match's own words are its cue only as a last resort
    if len(matched) >= _MIN_CLAUSE:  # a clause-long match commands in its own words (…由财务科统一代扣)
        m = _COMMAND_RE.search(matched) or _COMMAND_AFTER_RE.search(matched)
        if m and not _REQUIREMENT_RE.search(around):
            return "command", m.group(0)
    for text in (around, matched):
        for kind, pattern in (("requirement", _REQUIREMENT_RE), ("grant", _GRANT_RE)):
            hit = pattern.search(text)
            if hit:
                return kind, hit.group(0)
    assigned = _ASSIGNED_BEFORE_RE.search(before)
    if assigned:  # 县文旅集团负责藏品定级的审核: the document hands the work to the body named
        return "assignment", assigned.group(1)
    if len(ctx.sentence.strip()) - (ctx.end - ctx.start) < _MIN_STATEMENT and not (
            ctx.end - ctx.start >= _MIN_CLAUSE and _INNER_POWER_RE.search(matched)):
        return "", ""  # a bare name (a table cell, a heading) states nothing
    if ctx.measure in _PAYMENT_KINDS:
        if _LIFTED_AFTER_RE.match(after):
            return "", ""  # 由施工单位交纳的渣土保证金，一律退还: the payment named is being lifted
        for burden in _PAYMENT_LAID_RE.finditer(ctx.text, ctx.sentence_start, ctx.sentence_end):
            # 各部门不得向商户收取押金: the words that would lay a payment are what the ban forbids
            if not _BANNED_BEFORE_RE.search(ctx.text, max(ctx.sentence_start, burden.start() - 10), burden.start()):
                return "burden", burden.group(0)
    return "statement", ""


# A power the sentence gives someone (县指挥部有权直接组织拆除; 网格员可以当场处理): for the second opinion
# on a whole sentence only, where a body claiming a power is what ULTRA_VIRES is about. Per match, the
# analysis leaves these to the rules' own words (a statement).
_PUBLIC_POWER = (r"查处|处罚|罚款|执法|(?<!被)征收(?!人|范围)|拆除(?!工程|费用|物|后)|核发|颁发|吊销|查封|扣押|审批|批准|"
                 r"许可(?!证)|认定(?!申请)|作出[^，。；]{0,8}?决定")
_AUTHORISATION_RE = compile_re(
    r"有权|可以直接|可直接|可以当场|可当场|可以先行|可先行|"
    # a decision handed to a body of the kinds that hold no such power by themselves (由镇中心学校
    # 认定; 交由园区管委会出具批复意见) — not to an agency (由县民政局审批) nor to a party (由被征收人…)
    r"(?:由|交由|改由)(?!被|本人|当事人|申请人|企业|经营者|个人|其)[^，。；]{0,16}?"
    r"(?:中心|学校|站|所|管委会|村委会|居委会|村民委员会|社区|街道|办事处|公司|集团|协会|商会|小组|指挥部|专班|"
    r"办公室|工作组|队|科|股)(?:负责|统一|直接|自行|组织[^，。；]{0,8}?后)?"
    r"(?:作出|出具|认定|核发|颁发|审批|批准|审定|核定|裁决|裁定|决定|确定|撤销|取消|收回)|"
    # a power the body may use at will (可拒绝其入园; 可以收回)
    r"(?<![不无])可(?:以)?(?:拒绝|收回|取消|暂停|停止|限制|禁止|责令|扣|没收|撤销|认定|不予)|"
    # …or a public power given to, or used by, a body that cannot hold one (a company, a village or
    # residents' committee, an association, a task force): 县水务集团负责对违法取水进行查处; 授权各村委会
    # 对建房申请作出审批决定; 将认定和拆除工作委托给县城投公司实施. An agency's or a township's own
    # powers are the law's to say (乡镇人民政府可以责令停止建设, 城乡规划法 第六十五条), not these words'.
    rf"{POWERLESS_BODY}(?:负责|可以|可|有权)(?!协助|配合|协同|参与|代为)[^，。；]{{0,12}}?(?:{_PUBLIC_POWER})(?!申请)|"
    rf"(?:授权|委托|交由)(?:给)?[^，。；]{{0,10}}?{POWERLESS_BODY}[^，。；]{{0,12}}?(?:{_PUBLIC_POWER})|"
    rf"将[^，。；]{{1,20}}?(?:{_PUBLIC_POWER})[^，。；]{{0,8}}?(?:委托|交由|授权)(?:给)?[^，。；]{{0,10}}?{POWERLESS_BODY}")
# A decision the sentence hands to a body (…的退让距离由所在街道办事处核定; 县文旅集团负责藏品定级的
# 审定): whether that body may decide it is what ULTRA_VIRES asks, so the second opinion counts the
# hand-over there (other families ask for a command, a gate or a consequence). Not a county's or a
# city's government, agencies deciding together (由县财政局会同县商务局确定), nor the meetings a law
# itself names (由业主大会决定, 民法典 第二百七十八条).
_DECISION_ASSIGNED_RE = compile_re(
    r"(?:由|交由|改由)(?!被|本人|当事人|申请人|其|(?:[省市县区]|自治[州县])(?:级)?人民政府|业主大会|村民会议|村民代表会议|职工代表大会|股东会|董事会)"
    r"(?![^，。；]{0,12}?(?:局|委员会|厅)(?:会同|商|联合))[^，。；]{1,24}?(?:核定|确定|划定|认定|审定|评定|验收|决定|批准|审批|核准|出具|裁定|裁决|"
    r"实施|处置|处理)|"
    r"负责(?!人)[^，。；]{0,12}?(?:核定|确定|划定|认定|审定|评定|验收|审批|批准|核准|裁决|处理)(?!申请)|"
    # what one body concludes made binding on another (验收意见即为出版依据; 予以采信并据以确权;
    # 以乡政府最终核定的为准)
    r"(?:即为|作为|据以|予以采信)[^，。；]{0,12}?(?:依据|确权|登记|发证|处理)|以[^，。；]{2,20}?(?:审定|核定|确定|认定|批准)的[^，。；]{0,8}?为准|"
    # a meeting's decision (会议同意，…由自然资源分局按此办理), a power given (可以以管委会名义…立案调查),
    # a decision taken (予以记分, 予以全额返还)
    r"会议(?:研究)?(?:同意|决定|确定|议定)[，,][^。；]{0,40}?(?:由|交由)[^，。；]{1,16}?(?:按此|据此)?(?:办理|执行|实施)|"
    # …and the minutes' own words (纪要议定，同意将容积率调整为…，由自然资源局据此办理)
    r"纪要[^，。；]{0,12}?(?:议定|同意|确定)[，,：:][^。；]{0,60}?(?:由|交由)[^，。；]{1,16}?(?:按此|据此)办理|"
    r"(?<![不无])可以(?:以[^，。；]{1,10}?名义|直接|自行)|予以(?:记分|认定|确认|核定|返还|减免|追认)|"
    r"以[^，。；]{1,12}?名义(?:开展|实施|作出|进行)[^，。；]{0,4}?(?:执法|检查|处罚|查处)")
# Words that impose anywhere in a sentence, for a match that is the whole sentence (the
# statistical second opinion): a prohibition, a gate or a sanction on failing it, or a step waived
# (无需报县人民政府批准: the sentence still rules, though it imposes nothing per match).
_PROHIBITION_RE = compile_re(r"不得|禁止|严禁|不准|不许|(?<!确实)(?<!确)(?<!如)不能(?!按期|及时|如期)|不予|不再|无需|无须|不需要?|暂停|停止|取消|一律|方可|才能|才可|未经|未取得|凭")


# A law's or regulation's provisions named as what stops applying (not the document's own earlier rules).
_LAW_SET_ASIDE_RE = compile_re(r"《[^》]{1,40}(?:(?<!办)法|条例)》(?:中|的)?[^，。；]{0,16}?(?:规定|条款)[，,]?[^，。；]{0,16}?"
                               r"(?:不再执行|停止执行|不再适用|暂不执行|暂不适用)")
# A sentence that removes a practice or charge (…的做法一律停止; 停止执行…的规定; 清理…收费): it
# imposes nothing, though 停止、取消 impose when aimed at a party (取消其评优资格).
_ABOLISHED_RE = compile_re(
    r"(?:的做法|的规定|的条款|的收费|的文件|等做法|的通知|的意见|的办法|的事项|的要求|项目|证明等|证明材料|"
    r"(?:的|其他)保证金)[，,]?[^，。；]{0,20}?"
    r"(?:一律|予以|全部|立即|坚决|同时)?(?:停止执行|不再执行|停止|取消|废止|清理|清退|纠正|撤销|删除)"
    r"(?:(?:或者|或|和|、)(?:修改|废止|取消|撤销|删除|清理))?(?=[，,。；]|$)|"
    # 凡…的，一律予以删除: the condition names the practice the sentence removes
    r"^凡[^。；]{0,60}?的[，,](?:一律|全部|均)?(?:予以)?(?:删除|取消|废止|清理|停止执行|纠正)(?=[，,。；]|$)|"
    # 取消…的做法: the verb first, the practice it removes at the end
    r"^(?:全面|一律|坚决|立即)?(?:取消|废止|停止执行|纠正|清理)[^。；，,]{2,60}?的(?:做法|规定|要求|条款|收费)(?=[。；]|$)|"
    # an amending decision's item (一、删除《…办法》第八条关于…的规定，该条以后各条序号相应调整)
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）])?\s*(?:删除|删去)《[^》]{2,40}》[^。；，,：:]{0,60}?"
    r"(?:的规定|的内容|的条款|[款项条])(?=[。；]|$|[，,](?:该条|其后|以后|后续)[^。；：:]{0,16}?(?:顺延|调整|递补)[^。；：:]{0,4}(?:[。；]|$))")
# …的规定 as the rule broken (违反…的规定，取消摊位), not the rule abolished.
_BROKEN_RULE_RE = compile_re(r"违反|违背|不遵守|不执行|拒不|未按|不按|未遵守")
_CLEANUP_START_RE = compile_re(r"^[^，。；]{0,12}?(?:停止执行|一律取消|全面清理|清理规范|坚决纠正|予以废止)")


_SUB_BREAK_RE = compile_re(r"[，,；;：:]")
# The rule-like noun the cleared phrase ends in (…作为加分条件的条款): conduct (清理占道经营行为) is no rule.
_CLEARED_NOUN_AFTER_RE = compile_re(r"[^，。；,;]{0,30}?的(?:条款|规定|做法|要求|收费|文件|政策措施|内容)")


def _cleared_by_lead(ctx: MatchContext) -> bool:
    """The sentence opens with a clean-up (全面清理…的条款，发现一项纠正一项) and the measure sits in
    the rule or charge that first sub-sentence names: what it names is being cleared away. The
    clean-up may also open the measure's own sub-sentence (各部门要对照清单，重点清理…的做法), or the
    practice may be the condition a correction follows (对以本地业绩作为加分条件的，限期纠正)."""
    lead = ctx.text[ctx.sentence_start:ctx.start]
    if (not _SUB_BREAK_RE.search(lead) and bool(_CLEANUP_START_RE.search(lead.lstrip()))
            and bool(_CLEARED_NOUN_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end))):
        return True
    clause_lead = _SUB_BREAK_RE.split(lead)[-1]
    if (_CLEANUP_VERB_LEAD_RE.search(clause_lead)
            and (_CLEARED_NOUN_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end)
                 or _CLEARED_BARRIER_RE.match(ctx.text, ctx.start, ctx.sentence_end))):
        return True
    return bool(_CONDITION_LEAD_RE.match(clause_lead) and not _OFFENCE_WORD_RE.search(clause_lead)
                and _CORRECTED_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end))


# The party's own choice whether to do it: 可以自主决定是否…, 自行选择是否….
_CHOICE_BEFORE_RE = compile_re(r"(?:自主|自行|自愿)(?:决定|选择)是否[^，。；]{0,8}$")
_OWN_CHOICE_BEFORE_RE = compile_re(r"(?<!不得)(?<!不能)(?<!不准)(?<!禁止)(?<!严禁)(?<!无权)(?:自行|自主|自愿|依法自主)$")
_CHOOSING_RE = compile_re(r"选定|选择|选用|确定|委托|聘请|购买|采购")
# The government's own property and papers as the subject: managing them regulates nobody outside.
_INTERNAL_ASSET_RE = compile_re(
    r"[^，。；]{0,6}?(?:公务用车|公务车辆|公车|办公用房|机关(?:资产|食堂|物业|办公)|行政事业(?:单位)?(?:性)?国有资产|"
    r"国有资产(?=的?(?:出租|出借|处置|调剂|配置|使用))|"
    r"公文|印章|机关档案)")
# ...unless a supplier is named: a government buying only from one firm still restricts competition.
_SUPPLIER_RE = compile_re(r"公司|企业|厂|商店|超市|供应商|酒店|宾馆|饭店|银行|商场|门店|来源于|事务所|拍卖行|评估机构|中介机构")
# What a clean-up clears, named from the match on (破除对外地企业设置的隐性门槛): a barrier, not a rule.
_CLEARED_BARRIER_RE = compile_re(r"[^，。；,;]{0,30}?的(?:隐性)?(?:门槛|壁垒|障碍|不合理条件|不合理限制|优惠待遇|歧视性条件|做法)")
# A clean-up verb opening the measure's sub-sentence: 重点清理对外地经营者设置…的做法.
_CLEANUP_VERB_LEAD_RE = compile_re(
    r"^[^，。；]{0,10}?(?:清理|废止|纠正|取消|破除|清除|消除|整改|排查|打破|杜绝)(?:规范|整顿)?[^，。；]{0,20}$")
# 对…的，(限期)纠正: the practice in the condition is what a correction follows.
_CONDITION_LEAD_RE = compile_re(r"^(?:对|凡|发现|经审查)")
# The correction is the agency's own (纠正、废止), not an order to a party (责令改正 follows an offence).
_CORRECTED_AFTER_RE = compile_re(
    r"(?:(?!未|擅自|拒不|违反)[^，。；]){0,30}?的[，,](?:要|应当|须|由[^，。；]{1,12}?)?(?:一律|立即|及时|限期|坚决)?(?:予以)?"
    r"(?:纠正|整改|清理|废止|取消|撤销|删除|修改)(?=[，,。；]|$)")
_OFFENCE_WORD_RE = compile_re(r"未|擅自|拒不|违反|不按")


def abolishes(sentence: str) -> bool:
    """Whether the sentence abolishes a named rule or practice (…的规定，一律停止执行; 关于…的通知予以
    废止): whatever measure it names is what is being removed. A law's own provisions set aside
    (《…条例》中与本办法不一致的规定，不再执行) are no clean-up: the document overrides the law."""
    if _LAW_SET_ASIDE_RE.search(sentence):
        return False
    return any(not _BROKEN_RULE_RE.search(sentence, max(0, m.start() - 20), m.start())
               and not _REPLACED_AFTER_RE.search(sentence, m.end())
               for m in _ABOLISHED_RE.finditer(sentence))


def removes(sentence: str) -> bool:
    """Whether the sentence removes a practice or a charge rather than setting one."""
    sentence = sentence.strip()
    return abolishes(sentence) or bool(_CLEANUP_START_RE.search(sentence))


# Money given back (…的，保证金予以退还; 押金于合同终止后无息返还): the sentence sets no payment, so
# it says nothing the sentence demanding the deposit did not; that one is judged on its own.
_GIVEN_BACK_RE = compile_re(rf"(?:保证金|押金|质保金|预付款|费用|款项)[^，。；]{{0,12}}?(?:{_GIVE_BACK})")
_PAID_OR_KEPT_RE = compile_re(
    r"缴|交纳|交存|交付|上交|收取|收缴|预存|存入|留存|押付|提供|扣|筹|承担|支付|不予(?:退还|返还)|不退|没收|抵扣|冲抵|"
    # …or a measure the refund comes with (收回其营运牌照，押金予以退还: the licence taken is the point)
    r"收回|吊销|取消|暂停|停止|终止|注销|清退|责令|罚|不予|不得")


# A ban on taking a measure (不得对…停水停电; 严禁向企业收取…; 禁止指定…): the words that set a
# measure, forbidden. The object must be the measure itself, not a service withheld (不得为其办理…
# denies something, which is a sanction) nor a duty (不得拒绝…检测).
_MEASURE_BANNED_RE = compile_re(
    _BAN_HEAD + r"(?:再|另行|擅自|随意|违规|违法|以任何(?:理由|名义|形式|方式))?"
    r"(?:(?:对|向)[^，。；]{0,16}?)?(?:采取|实施|使用|进行|予以)?"
    # (measures no office may use to press a party: a ban on fines or seizures is an enforcement holiday,
    # 行政处罚法 第三十三条, 人民法院组织法 第四条, and is left to the second opinion)
    r"(?:停水|停电|断水|断电|停气|停暖|停止供水|停止供电|收费|收取|加收|摊派|集资|指定|限定)")
# A second sub-sentence beside the ban: it may impose something else, so only_bans reads one alone.
_SUB_SENTENCE_BREAK_RE = compile_re(r"[，,；]")


def only_bans(sentence: str) -> bool:
    """Whether the sentence does nothing but forbid a measure (see _MEASURE_BANNED_RE): one
    sub-sentence, whose every imposition cue lies inside the ban."""
    sentence = sentence.strip().rstrip("。；;")
    ban = _MEASURE_BANNED_RE.search(sentence)
    if ban is None or _SUB_SENTENCE_BREAK_RE.search(sentence):
        return False
    rest = sentence[:ban.start()] + sentence[ban.end():]
    return sentence_imposition(rest) == ("", "")


def only_refunds(sentence: str) -> bool:
    """Whether all the sentence does is give a sum back (see _GIVEN_BACK_RE): no payment demanded,
    nothing kept, no measure beside it."""
    return bool(_GIVEN_BACK_RE.search(sentence)) and not _PAID_OR_KEPT_RE.search(sentence)


def sentence_imposition(sentence: str) -> tuple[str, str]:
    """(kind, cue) of the strongest explicit imposition anywhere in ``sentence``; ('', '') if none.
    Kinds as ``imposition`` names them: consequence, command or precondition."""
    for kind, pattern in (("consequence", _SENTENCE_CONSEQUENCE_RE), ("command", _COMMAND_RE)):
        m = pattern.search(sentence)
        if m:
            return kind, m.group(0)
    m = _PROHIBITION_RE.search(sentence)
    if m:
        return ("precondition" if m.group(0) in ("方可", "才能", "才可", "未经", "未取得", "凭") else "command"), m.group(0)
    m = _AUTHORISATION_RE.search(sentence)
    if m:
        return "authorisation", m.group(0)
    m = _DECISION_ASSIGNED_RE.search(sentence)
    if m:
        return "assignment", m.group(0)
    m = _DECISION_RECORDED_RE.search(sentence)
    if m and not _OWN_AFFAIRS_RE.search(sentence, 0, m.end()):
        return "assignment", m.group(0)
    return "", ""


# A decision the document records or makes in its own words (经局务会议研究决定，…由十名调整为十二名;
# 标准由每户200平方米调整为120平方米): whether the body may decide it is the
# ultra-vires question. Not where what is adjusted is the body's own (本局各科室值班时长, 本局培训经费, 县级储备粮
# 规模) — named before the decision's end.
_DECISION_RECORDED_RE = compile_re(
    r"(?:研究|会议|纪要[^，。；]{0,12}?)(?:决定|同意|确定|议定)[，,：:][^。；]{0,60}?"
    r"(?:调整为|改为|变更为|核定为|确定为|增加为|减少为|划为|划定为|转为|列为)|"
    r"由[^，。；]{1,16}?(?:调整|改|变更|核减|核增)为")
_OWN_AFFAIRS_RE = compile_re(r"本局|本单位|本机关|本部门|本委|本办(?!法)|本级|科室|经费|预算|储备|值班")


def analyse(ctx: MatchContext) -> Analysis:
    """The shared analysis of one match: referral first, then how it is imposed."""
    ref = referral(ctx)
    kind, cue = imposition(ctx) if not ref else ("", "")
    return Analysis(referral=ref, imposition=kind, cue=cue)


def _last(pattern: re.Pattern, text: str) -> str:
    found = ""
    for found_m in pattern.finditer(text):
        found = found_m.group(0)
    return found


# How the name of a list of firms, or of a permit form, ends when it is written in 《》 like a
# document's title (《某区优质供应商名录》, 《安葬许可单》): the thing named is the measure itself.
_LIST_NAMES = ("名录", "名单", "库", "许可单", "回执", "意见书", "推荐目录")
# A catalogue or list is the measure only when it is one of chosen firms or products
# (《推荐使用产品目录》), not a national one (《实施强制性产品认证的产品目录》, 《行政许可事项清单》).
_CHOSEN_LIST_RE = compile_re(r"(?:推荐|入围|备选|优选|合作|供应商|品牌|推广|优质产品)[^》]{0,10}(?:目录|清单)$")


def _inside_title(text: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """Whether a match lies inside 《…》: the name of another document (原《关于收取管理费的通知》
    同时废止) commands nothing; citations are the CITATION checks' business."""
    opened = text.rfind("《", sent_start, start)
    closed = text.find("》", end, sent_end)
    if not (opened > text.rfind("》", sent_start, start) and closed != -1):
        return False
    # A list or catalogue named in 《》 is the measure itself (凡列入《某区优质供应商名录》的企业…),
    # not another document's title.
    title = text[opened + 1:closed]
    return not (title.endswith(_LIST_NAMES) or _CHOSEN_LIST_RE.search(title))
