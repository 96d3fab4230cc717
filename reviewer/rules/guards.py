"""Named context guards: each recognises a lawful look-alike and exempts the match.

A guard reads the sentence around a match (and, for a few, the document) and answers one
question. Rules list the guards that apply to them under ``unless``; the names are a closed set
(``reviewer.rules.schema.GUARDS``), so a pack cannot ask for a guard that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from reviewer.model import Document
from reviewer.numerals import amounts, percentages
from reviewer.regexes import compile_re

if TYPE_CHECKING:
    from reviewer.citations import BasisCheck
    from reviewer.laws.base import LawBase

# Marks that end a sub-sentence: the scope in which a negation or a subject applies.
_CLAUSE_BREAK_RE = compile_re(r"[，,；;：:。！？!?\n]")

# Polarity: prohibition, removal or refusal before the thing (不得收取、免收、取消审批、严禁乱罚款、
# 有权拒绝摊派、不采取扣留措施). Only the sub-sentence before the match counts, so that
# "不得拒绝检查，否则处罚款" keeps its penalty.
_NEGATION_RE = compile_re(
    r"不得|不准|不许|不应|不能|不宜|禁止|严禁|杜绝|防止|避免|不再|停止|取消|废止|撤销了|免收|免征|免予|免除|免费|减免|"
    r"无需|无须|不需|不必|不收|不另|不设|不以任何(?:形式|方式|名义|理由)|不包含|不涉及|不含有|一律不|不被|非经|不将|不把|乱(?=收费|罚款|摊派|集资|收|罚|摊)|变相|随意|拒绝|抵制|不要求|不享有|不授予|不对外|不作为[^，。；]{0,8}主体|不予(?=[^，。；]{0,4}(?:查封|扣押|扣留|处罚|罚款|没收|吊销|收取|征收))|"
    r"不(?:予|得)?(?:采取|实施|适用|设定|设立|收取|征收|要求|索要)"
)
# A helper said to stay out of the measure named right after (协管员不参与扣押): only right against the
# match, so neither a party's failure to take part made a condition (对不参与统一清运的商户处以罚款;
# 拒不参与) nor a measure the helper does take after a 但 (不参与罚款决定但可以扣押) is read as negated.
_NOT_TAKING_PART_RE = compile_re(r"(?<![拒仍对])不(?:参与|介入|插手)$")
# 不 governing the phrase that runs on to the match (不向村民收取; 不代替下级机关行使), with no condition
# closing in between (对不向村委会缴纳卫生费的住户停止供水: the 不 is the condition's) and not 拒不 or 不从事.
_NEGATED_PHRASE_RE = compile_re(r"(?<!拒)不(?:向|对|替|代替|代行|替代|从(?!事|业))[^的，,；;：:]*$")
# A tie or a capacity disclaimed around the words matched (不与其子女的纳税情况挂钩; 不以指挥部名义对外
# 作出决定): the match ends inside the disclaiming words.
_DISCLAIMED_AROUND_RE = compile_re(
    r"不(?:与|和)[^，。；]{0,24}?(?:挂钩|关联|绑定)|(?:不|不得|不能|不准|严禁|禁止)以[^，。；]{0,12}?名义[^，。；]{0,6}?(?:作出|实施|行使|开展|履行)[^，。；]{0,10}|"
    # a list or a ranking said to bind nobody (…公布的名录仅供参考; …名单只用于会务安排，不作为采购或补贴的依据)
    r"(?:名录|名单|目录|推荐|排名|评价结果|评定结果|等级)[^，。；]{0,12}?(?:仅供参考|仅作参考|只作参考|仅供参阅)|"
    r"(?:名录|名单|目录|推荐|排名|评价结果|评定结果|等级)[^。；]{0,20}?不作为[^，。；]{0,20}?(?:依据|条件|门槛|前提)|"
    # a gate said not to exist (不设供应商入库门槛; 不设置注册地限制), not a condition (不设立网点的企业…)
    r"不(?:再)?设(?:置|立)?[^，。；的]{0,12}?(?:门槛|限制|条件|前置)")
# What any citation needs: a title in 《》, or a law named after a basis verb (依照行政处罚法第三十条).
_MAY_CITE_RE = compile_re(r"《|(?:依照|依据|根据|按照|按)[^，。；]{0,40}?(?:法|条例|规定|办法|细则|决定|解释)|(?:法|条例)第[〇零一二三四五六七八九十百千0-9０-９]+条")
# The lead sentence of a list of prohibited acts.
_PROHIBITED_LIST_RE = compile_re(r"(?:不得|禁止|严禁|不准)[^。；]{0,20}?下列")
# Equal treatment anywhere in the sentence: local and outside firms are put on one footing
# (外地企业…与本地企业同等待遇), so the place named is not a difference made.
_EQUAL_TREATMENT_RE = compile_re(r"一视同仁|(?<!后，)(?<!的，)(?<!后,)(?<!的,)同样(?:可以|可|能够|享有|适用)|(?:各类|所有)[^，。；]{0,8}?(?:平等|均可|公平)(?:申报|参与|参加|竞争)|(?<!方可)(?<!才能)(?<!后)享受与[^，。；]{0,10}?同等|同等对待|平等对待|同等待遇|同等适用|同等享受|平等适用|平等享受|同等计分|不区分[^，。；]{0,8}?(?:地|所有制|规模|来源|户籍|品牌)|不得将[^，。；]{0,20}?(?:与|同)[^，。；]{0,14}?挂钩|与[^，。；]{0,12}(?:一样|相同)(?![^，。；]{0,2}的)")
# What a clause disclaims about its own measure: a tie to tax (补贴与纳税额不挂钩) for a tax-tied match, a
# place or ownership (不限制注册地) for a local one, the party's own choice (可以自主决定是否). Only when no
# obligation follows it (不限制注册地，但须在本县纳税 still binds; see _OBLIGATION_AFTER_RE).
_TAX_DISCLAIMED_RE = compile_re(r"(?:不得|不)与[^，。；]{0,16}?(?:纳税|税收|税额|税款)[^，。；]{0,6}?挂钩|(?:纳税|税收|税额|纳税额|税款)[^，。；]{0,4}(?:不挂钩|无关)")
_PLACE_DISCLAIMED_RE = compile_re(
    r"不(?:限制|限定|要求)[^，。；]{0,10}?(?:注册地|所在地|所有制|户籍|来源地|产地|注册登记)|(?:可以|可)?自主(?:决定|选择)是否")
# The place named only to say it counts for nothing (供应商的注册地不作为资格条件，评审时也不计分), where
# nothing else in the sentence prefers, deducts or binds (…，本县企业优先 still favours).
_PLACE_NOT_COUNTED_RE = compile_re(
    r"(?:注册地|所在地|所有制|户籍|来源地|产地|注册登记)[^。；]{0,16}?(?:不作为|不得作为|不列为|不计入)[^，。；]*")
# A barrier to outside firms or goods refused or removed (不对外地商品设置专门检验; 不得要求重复检测;
# 取消外地企业进入本市的登记要求; 不以在本市登记注册为限; 凭出厂检验报告即可上架): 公平竞争审查条例 第九条
# forbids these barriers, so a clause refusing them complies. Read narrowly (``_barrier_refused``): no
# burden may be laid anywhere else in the sentence.
_BARRIER_REFUSED_RE = compile_re(
    r"不以[^，。；]{0,16}?(?:注册|登记|所在地|户籍|纳税|住所)[^，。；]{0,6}?为(?:限|条件|前提)|"
    r"不(?:对|向)(?:外地|外来|[县市区省]外|非本地)[^，。；]{0,20}?(?:设置|设定|实行|另设|附加|提出)|"
    r"(?:不得|不再|无需|无须|不)(?:要求|对[^，。；]{0,10}?)?(?:重复|另行|再次|专门|另设|另外)[^，。；]{0,4}?(?:检验|检测|认证|备案|登记|审查|检查)|"
    r"取消[^，。；]{0,12}?(?:外地|外来|[县市区省]外|非本地)[^，。；]{0,24}?(?:登记|备案|要求|限制|审批|检查)|"
    # only the papers the law itself asks for, not a local body's certificate
    r"凭[^。；]{0,20}?(?:营业执照|资质证书|检验报告|检测报告|合格证|合格证明|购销票据|发票)[^。；]{0,10}?即可[^，。；]{0,10}?(?:上架|销售|使用|进入|开业|运输|承揽|投标|参加|经营|办理)")
# What binds after a disclaimer (不限制注册地，但须在本县纳税), and — with the other ways a sentence lays a
# burden — anywhere in a sentence that refuses a barrier (_barrier_refused).
_OBLIGATION = r"须|应当|必须|方可|但|限于|仅限"
# …and the words of a preference beside a place disclaimed (_PLACE_NOT_COUNTED_RE)
# What favours a party: the words a place rule is about (also read by duty_on_local_parties).
_FAVOUR = r"优先|给予|扣除|加分|倾斜|只能|奖励|奖补|补助|补贴"
_PREFERENCE_WORD_RE = compile_re(_OBLIGATION + "|" + _FAVOUR)
_BURDEN_RE = compile_re(_OBLIGATION + r"|应|一律|不予|不得|禁止|倍|提高|加收|上浮|下浮|按[^，。；]{0,8}?计算|抽检|(?<!重)复检|送检")
_LOCAL_MEASURES = frozenset({"local_presence", "local_preference", "place_tier", "origin_scrutiny"})
_LOCAL_WORD_RE = compile_re(r"本地|当地|本县|本市|本区|本省|[县市区省](?:内|外)|外地|注册|分公司|分支机构")
# This place and others, as a document names them.
_HERE = r"(?:本地|当地|本县|本市|本区|本省|[县市区省]内)"
_ELSEWHERE = r"(?:外地|外来|[县市区省]外)"
# Equal conditions stated for places or kinds of firm (无论注册地在何处，均适用同一办法; 不分所有制和来源地，
# 均可申请): read from the match's own clause on, with the contrast named, and not where a 但 takes
# it back (…均可报名，但须在本县注册).
_EQUAL_CONDITIONS_RE = compile_re(
    r"(?:无论|不论|不分)[^。；]{0,24}?(?:均|都|一律)(?:适用|享受|可)|(?:均|都|一律)适用(?:同一|相同|统一的)|"
    # both sides named before the equal wording (本地企业和外地企业…适用相同的条件), in either order
    rf"(?:{_HERE}[^，。；]{{0,8}}(?:和|与|及|、)[^，。；]{{0,8}}{_ELSEWHERE}|{_ELSEWHERE}[^，。；]{{0,8}}(?:和|与|及|、)"
    rf"[^，。；]{{0,8}}{_HERE})[^。；]{{0,30}}?(?:适用|执行|享受|采用)(?:相同|同一|同样)")
_PLACE_CONTRAST_RE = compile_re(r"本地|外地|注册地|来源地|所在地|所有制|户籍|内外资|[省市县区]内|[省市县区]外|国有|民营|规模大小")
_TAKEN_BACK_RE = compile_re(r"但|须在|应当在|必须在")
# A negation between an actor and a verb of power, both inside the match (…不对外作出行政处罚决定).
# (拒不实施整改 is the party's refusal, a condition, not a disclaimer.)
_NEGATED_INSIDE_RE = compile_re(
    r"(?<!拒)(?<!拒绝)(?:不|不得|不能|无权|不再)(?:对外|直接|自行|单独)?(?:作出|实施|行使|设定)|"
    # a helper said not to take part (协管员不参与扣押; 网格员不介入查处)
    # (不得参与 is left out: 非国有企业不得参与…经营 is the restriction itself)
    r"(?<!拒)不(?:参与|介入|插手)|"
    # a coordinating body that disclaims deciding for others (…，不代替各职能部门作出行政决定; 不作为执法主体)
    r"(?:不代替|不替代|不取代|不代行)[^，。；]{0,16}?(?:作出|行使|履行|实施)|不作为[^，。；]{0,10}?(?:执法主体|行政主体|执法机关)")
# A prohibition after the match on restricting what the match names (对外地车辆进入本市，…不得设置额外
# 限制): the thing named is what the restriction would fall on, and restricting it is forbidden.
_FORBIDS_RESTRICTING_RE = compile_re(
    r"(?:不得|禁止|严禁|不准)(?:再|另行|额外)?(?:设置|设定|附加|增设|实行|采取|作出)?[^，。；]{0,6}?"
    r"(?:限制|障碍|门槛|歧视|差别待遇|区别对待|排斥)|"
    # 不得对新老用户执行不同的标准: different terms for different parties forbidden
    r"(?:不得|禁止|严禁|不准)[^，。；]{0,12}?(?:设置|设定|规定|实行|适用|执行)(?:不同|差别|差异|区别)|"
    # the paper that suffices, and a bar on stopping goods at the border (凭出厂检验报告即可上架;
    # 任何部门不得在县界设卡拦截外运的农产品): 公平竞争审查条例 第九条
    r"凭[^，。；]{1,24}?即可(?:办理|上架|开业|运输|销售|经营|进入|营业|参加|投标|承接|施工|申报)|"
    r"(?:任何|各)(?:单位|部门|机关)[^，。；]{0,8}?不得(?:设置|设卡|拦截|另设|增设)[^，。；]{0,6}?"
    r"(?:出县|出市|出省|出境|外地|外县|外市|外省|县外|市外|省外|运出|拦截|关卡)")
# An imposition, a charge or a preference before that prohibition: the clause sets its own restriction
# first (须在本县注册分公司，不得设置其他限制; 优先采购本县产品，不得歧视其他产品; 加收保证金五万元，不得限制其参与).
_COMMAND_BEFORE_RE = compile_re(r"须|需|应|要|可以|可|一律|方可|才能|优先|限定|指定|仅限|只能|另行|额外|加收|收取|予以|"
                                r"抽检|检查|登记|备案|缴纳|统一|由|的企业|即可")
# A condition inside a prohibition (严禁…未经…进入): the thing is required, not removed.
# 未经批准的费用 names a kind of charge (a noun), not a condition.
_WITHOUT_RE = compile_re(r"(?:未经|未取得|未办理)(?![^，。；]{0,10}?的)")
# A negation right before the match.
_NEGATION_TAIL_RE = compile_re(r"(?:不|免|勿|毋|无|无须|无需)(?:直接|再|另行|自行|单独|擅自)?$")  # 指挥部不直接下达处罚决定
# Deference to law in general, without naming it.
_GENERIC_BASIS_RE = compile_re(
    r"依法|依规|依纪|依照(?:有关|相关|国家|法律|法定|上位法)|依据(?:有关|相关|国家|法律)|"
    r"根据(?:有关|相关|国家|法律)|按照(?:有关|相关|国家|法律|法定)|由.{0,12}?依照|法律、(?:行政)?法规|"
    # a law named earlier in the clause, referred back to (依照该地方性法规处以罚款)
    r"(?:依照|依据|根据|按照)(?:该|上述|前述)(?:地方性法规|行政法规|法律|法规|条例)|"
    # the rules of a field, named by the field (依照旅馆业管理的有关规定)
    r"(?:依照|依据|根据|按照)(?!本)(?:(?!政府|区委|县委|市委|党委|局|办|指挥部|领导小组|会议|纪要|规约|民约|上级|我)[^，。；《]){1,16}?(?:管理|业|法|条例|办法)的(?:有关|相关)规定|"
    # a law or regulation named without book marks (按照事业单位工作人员处分规定, 依照劳动合同法)
    # (not 违法情节, 执法方案, 司法局, 工作法: only the endings laws have)
    r"(?:依照|依据|根据|按照)(?!本)[^，。；《]{0,16}?(?:(?:管理|保护|促进|安全|处罚|许可|强制|监督|组织|登记|合同|劳动|保险|"
    r"征收管理|公务员|防治|诉讼|复议|监察|政务处分|人事管理|治安管理处罚)法|条例|处分规定)(?![^，。；]{0,2}精神)|"
    # the regulations of a field, named by the field (按照营业性演出管理的行政法规向省文化和旅游厅申请许可)
    # (named by the field, 营业性演出管理的, not by an issuer: 县政府制定的法律法规 is no law)
    r"(?:依照|依据|根据|按照)(?:(?!本|县|区|镇|乡|街道|村|政府|局|办|委|制定|印发|出台|发布|我|里)[^，。；《]){1,16}?"
    r"(?:管理|服务|经营|安全|保护|监督|活动|市场|行业)的(?:法律|行政法规|地方性法规|法律法规|法律、(?:行政)?法规)"
    r"(?![^。；]*?(?:还须|还需|还应|另须|另需|另行|并须|同时须|须经|需经|报经|经[^，。；]{0,12}?(?:同意|审核|批准)))|"  # …，还须经县局同意: an addition
    # national policy named by its issuer (执行国务院有关通知规定): the State Council and its
    # ministries may grant what a local body may not
    r"(?:按照|依照|依据|根据|执行)(?:国务院|财政部|国家税务总局|税务总局|中央|国家(?:发展改革委|发展和改革委员会))"
    r"[^，。；]{0,30}?(?:规定|公告|通知|办法|政策|文件)"
)
# "Besides what the law provides, also …" (除依法办理许可外，还须…; 除依法予以处罚外，另按…): the law
# covers the part inside 除…外, and the measure after it is the document's own addition.
# (除法律另有规定外 is the opposite: the law's exceptions prevail, so it is left out.)
_BEYOND_BASIS_RE = compile_re(
    r"除(?:(?!另有)[^。；]){0,60}?(?:依法|依照|规定|法》|许可|处罚|条件|手续)(?:(?!另有)[^。；]){0,20}?(?:外|以外|之外)[，,]"
)
# Deference to named kinds of law later in the sentence governs the measures before it too.
_GENERIC_AFTER_RE = compile_re(r"(?:根据|依照|依据|按照)(?:有关|相关|国家)?法律(?:、|和|及)?(?:行政)?法规|以法律(?:、|和|及)?(?:行政)?法规[^，。；]{0,20}?为(?:依据|准)")
# The measure as the subject of a sentence that defers its amount or manner to national or statutory rules
# (not 有关/相关规定, which name nothing).
_DEFERS_RIGHT_AFTER_RE = compile_re(
    r"[^，。；]{0,6}?(?:按照|依照|依据|根据)(?:国家|法定|法律法规)[^，。；]{0,6}?(?:规定|标准|比例|程序)|"
    # …的路段由市交警支队依法划定: the terms of a restriction left to a body acting under the law (not a
    # charge's or a fine's amount: 管理费标准由县局依法确定 still has the document ask for the money)
    r"(?P<body>[^，。；]{0,12}?由[^，。；]{1,20}?依法(?:确定|决定|划定|作出|实施|办理))")
_MONEY_MEASURES = frozenset({"fee_charge", "deposit", "levy", "fine", "late_charge", "confiscation"})
_MONEY_WORD_RE = compile_re(r"费|金|款|罚|没收")


def _asks_money(ctx: MatchContext) -> bool:
    """The match is a charge, a deposit, a levy or a fine (by its kind, or for a rule's own pattern by its words)."""
    return ctx.measure in _MONEY_MEASURES or bool(_MONEY_WORD_RE.search(ctx.text, ctx.start, ctx.end))
# Before 依法: the words turn it into a description of the offence (未依法取得、违反依法…).
_UNLAWFUL_BEFORE_RE = compile_re(r"未|不|非|违反|没有")
# A condition closing between the deference and the match: 对依法应当…的，…
_CONDITION_CLOSE_RE = compile_re(r"的[，,]")
# A blanket order: every case decided in advance, whatever the law says about each.
_BLANKET_RE = compile_re(r"一律|一经发现|凡是?[^，。；]{0,20}?均")
# Subjects that are the issuing body's own staff, departments or subordinate bodies.
# 各乡镇/各部门 are the body's own subordinates; 全县/全区 alone is a scope (全县经营户), so it
# counts only when a body follows (全县各部门、全区机关).
_OWN_STAFF_RE = compile_re(
    r"各(?:级|区|县|市|乡(?!村)|镇|乡镇|街道|部门|单位|科室|站所)|"
    r"各[\u4e00-\u9fff]{1,6}?(?<!经营)(?<!用人)(?<!生产)(?<!施工)(?<!建设)(?<!培训)(?<!民办)(?<!物业)"
    r"(?<!中介)(?<!医疗)(?<!餐饮)(?<!运输)(?:机关|部门|单位|机构)|"
    r"全(?:区|县|市|乡|镇)(?:各)?(?:部门|单位|机关|干部|人民政府|政府|站所)|执法人员|工作人员|公职人员|机关|"
    r"党员|(?:领导)?干部|公务员|(?:交通)?警察|民警|交警|全体(?:机关|党员|干部|工作人员|公职人员|执法人员|职工)|"
    r"[局委厅办部](?:属|直属)(?:各)?(?:事业)?(?:单位|企业|机构|高校|学校|院校|医院)|"
    r"(?:有关|相关|职能|主管|监管|执法|行业|行政|责任)部门|(?:区|县|市|乡|镇)(?:政府|直)|[本我](?:局|委|办(?!法)|厅|机关|单位|院|部门|系统)"
)
# After a staff subject: a measure aimed at outsiders, which the staff only carry out.
# Who or what outside the administration a measure reaches: people, firms and their property.
_PUBLIC_PARTY = (
    r"(?:群众|村民|居民|市民|经营户|商户|业主|企业|当事人|车辆|建筑|个人|经营者|摊贩|农户|游客|广告|违章|房屋|"
    r"场所|门店|店铺|行为人|举办人|家庭|养殖户|住户|租户|承租人|车主|房东|用户|学生|家长|户主)"
)
# The public a body rules over, named after its own name (本局辖区内的经营户, 本院受理的当事人).
_OUTSIDERS_RE = compile_re(r"辖区|管辖|所属区域|范围内的|" + _PUBLIC_PARTY)
_ACTS_ON_PUBLIC_RE = compile_re(
    r"(?:对|向|将|把|要求|督促|动员|组织|引导|推荐|责令|强制|通知|劝导|为|给)[^，,；;。]{0,24}?" + _PUBLIC_PARTY)
# Before a staff word inside its sub-sentence, these make it an agent or an object, not the subject.
_NOT_SUBJECT_RE = compile_re(r"由|对|向|将|把|根据|按照|依照|依据|经|和|与|及其")
# The rest of a conditional sub-sentence after a match: a few characters, then 的 and a comma.
# (A list item "（一）只能从唯一供应商处采购的；" is a condition too.)
# The match may be the first of a 、-list (收取投标保证金、履约保证金、工程质量保证金的，…).
_CONDITION_END_RE = compile_re(r"(?:、[^，,；;。、]{1,12})*[^，,；;。、]{0,12}?的(?:[，,；;]|$)")
_ON_PUBLIC_CONDITION_RE = compile_re(r"对[^，,；;。]{0,24}?" + _PUBLIC_PARTY + r"[^，,；;。]{0,3}[，,]")
# A time clause closed before the match (依法拆除前，/ 依法查封后，): 依法 inside it is about that act.
_TIME_CLAUSE_CLOSE_RE = compile_re(r"[^，,；;。]{0,16}?(?:前|后|时|期间|以前|之前|之后|以后)[，,]")
# A list item's number at the head of a sentence (（二）、二、、2.、第五条　).
_ENUMERATOR_RE = compile_re(r"^(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、]|第[一二三四五六七八九十百零]+条)\s*")
_PERSONAL_STAFF_RE = compile_re(r"(?:本(?:县|市|区|镇|乡)|全(?:县|市|区))?(?:全体)?(?:机关)?(?:党员|(?:领导)?干部|公务员|工作人员|公职人员|执法人员|职工|民警|交警|警察)")
# An approval that gates an act only the body itself performs (作出决定, 签发, 印发, 拨付): its own
# procedure (行政处罚法 第五十八条's 法制审核), whoever the sentence names.
_OFFICIAL_ACT_GATE_RE = compile_re(
    r"(?:方可|才能|方能|不得|不予|后)[^，。；]{0,12}?(?:作出[^，。；]{0,8}?决定|签发|印发|发文|对外发布|"
    r"提交[^，。；]{0,12}?(?:审议|讨论|会议)|拨付|报销|列支|立案|结案|上会|出车)")
_OFFICIAL_CREDENTIAL_RE = compile_re(r"执法证|检查证")
_CREDENTIAL_TAKEN_RE = compile_re(r"证件|证")
# Anyone outside the body named in the sentence: then a gate or a credential there may bind them.
_PUBLIC_NAMED_RE = compile_re(r"任何单位|单位和个人|社会组织|个体工商户|申请人|群众|公民|法人|当事人|" + _PUBLIC_PARTY)
_SELF_BORNE_RE = compile_re(r"由(?:个人|本人|其本人)[^，。；]{0,4}(?:承担|负担|支付|自理)|自理|自费")
# A cost or a task borne by subordinate governments or departments, ending at the match's own 承担
# (其余由各乡镇自行承担): a charge on the public in the same 款 (…施工费用由农户承担) is its own match.
_PUBLIC_BEARER_RE = compile_re(
    r"由各(?:乡镇|街道|乡|镇|县直部门|区直部门|市直部门|部门)(?:人民政府|政府|办事处)?"
    # (not 由各乡镇向企业筹集后自行承担, nor the public named after the place: 由街道辖区居民…负担)
    r"(?:(?!居民|业主|农户|用户|住户|房东|商户|经营|企业|村民|群众|个人|单位|辖区|内各)[^，。；由向从筹收摊]){0,12}?"
    r"(?:自行)?(?:承担|负担)$")
# …unless they pass it on (…由各乡镇承担，乡镇可向辖区经营户按户收取).
_PASSED_ON_RE = compile_re(r"(?:向|从)[^，。；]{0,16}?(?:收取|筹集|筹措|摊派|分摊|征收|收缴)")
# The body's own staff (not any employee, 职工) taking up study or an exam of their own accord.
_OWN_STUDY_LEAD_RE = compile_re(
    r"(?:本机关|本单位|机关)?(?:党员干部|领导干部|干部|公务员|工作人员)[^，。；]{0,10}?(?:利用业余时间)?"
    r"(?:自愿|自行)?(?:报名|参加|报考)[^，。；]{0,12}?(?:学历教育|进修|学习|考试|深造)")
# …but a cost of serving or acting on someone else is no personal expense (上门服务费由个人承担;
# 查扣财物的存放费用由个人承担), nor is training the employer organises.
_ACTS_FOR_OTHERS_RE = compile_re(r"上门|为群众|为申请人|勘验|扣押|查封|暂扣|拆除|统一组织|单位组织|岗前")
_STAFF_VERB_RE = compile_re(r"要|应当|应|须|必须|不得|负责|加强|严格|依法|做好|认真|切实|积极|抓好|进一步")
_NUMERAL = "[0-9０-９一二三四五六七八九十百千万两]"  # Arabic, full-width or Chinese digits
# The lookbehind starts a number only at its first digit, so a long run of numerals is scanned
# once, not once per position (linear time on 40,000 numerals). A duration counts as an amount only
# when it is a measure's length (停职三个月), not a time limit (提前一天报批, 活动前45日报批, 请假三天以上的, 五日内办结).
_AMOUNT_RE = compile_re(
    rf"(?<!{_NUMERAL}){_NUMERAL}++(?:元|倍)|"
    rf"(?<!前)(?<!{_NUMERAL}){_NUMERAL}++(?:日|天|个月|年)"
    r"(?!内|以内|之内|前|之前|(?:以上|以下)的)")
# The range a law gives a sum (二千元以上二万元以下, 五百元以下): a single sum without it is the document's.
_SUM_RANGE_RE = compile_re(rf"以上[^，。；]{{0,14}}?以下|{_NUMERAL}(?:元|万元)?以下|{_NUMERAL}(?:元|万元)?(?:至|到|-|—|～){_NUMERAL}|倍以上")
# Verbs of governance: a sentence led by them talks about a topic instead of commanding.
_TOPIC_VERB_RE = compile_re(
    r"(?:加强|推进|推动|深化|深入|规范|完善|健全|落实|开展|组织开展|做好|建立|全面|清理|精简|减少|优化|改革|推行|"
    r"强化|提高|提升|探索|研究|制定|修订|梳理|公开|公布|编制|审查|监督|整治|贯彻|严格|坚持|统筹|"
    r"加快|创新|构建|促进|保障|指导|评估|考核|宣传|培训|简化|压减|下放|承接|衔接|动态调整"
    # …not the same word used as a noun's modifier (宣传物料的制作, 培训费用, 考核结果): a thing, no task
    r")(?!物料|品|册|资料|材料|费|经费|栏|片|单|机构|结果|报告|电话|对象|用品|设备|用具|服务)"
)
_PLAN_TITLE_RE = compile_re(r"方案|要点|计划|规划|报告|总结|意见|纲要|安排")
# A failure named as the condition that runs straight into the measure, without a comma (考核不合格的
# 取消其从业资格; 逾期未整改的吊销…): the sub-sentence orders what follows a failure, whatever verb
# of governance (考核, 检查) it begins with. The shared analysis reads it as a consequence.
FAILED_CONDITION_BEFORE_RE = compile_re(
    r"(?:不合格|不达标|未达标|未达到[^，。；]{0,10}?|未通过[^，。；]{0,8}?|未完成[^，。；]{0,10}?|不到位|"
    r"排名末位|末位|未整改|拒不[^，。；]{1,10}?|逾期[^，。；]{0,10}?|不符合[^，。；]{0,12}?|违反[^，。；]{0,16}?|"
    r"未(?:按(?:时|期|规定|要求)|如实|及时)?(?:报告|登记|备案|申报|参加|缴纳|缴清|履行|落实|完成|整改|配合|提交|报送|签订|清理|拆除)"
    r"[^，。；的]{0,8}?|不(?:履行|配合|参加|服从|执行)[^，。；的]{0,8}?)的$"
)
# What may come before the leading verb: list numbers, a department as subject, adverbs.
_TOPIC_LEAD_RE = compile_re(
    r"[\s　]*(?:(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、])[\s　]*)*"
    # a department as subject, never a modal that happens to precede one (应从县某办公布的…)
    r"(?:(?:(?!应|须|要|必须|一律|报)[\u4e00-\u9fff]){1,14}?(?:局|委|办|部门|政府|中心|单位|街道|乡镇)(?:要|应当|应|负责|牵头)?)?"
    r"(?:要|应当|进一步|全面|切实|认真|大力|积极|继续|着力|持续|不断|务必|坚决|依法|严格)*"
)
# Orders on whoever is addressed: once one precedes the match, the sentence commands.
_COMMAND_RE = compile_re(r"须|必须|应当|一律|方可|不得|严禁|禁止|责令")
# An order that makes a topic operative; prohibitions are left out (建立收费公示制度，严禁乱收费
# still talks about fees, it sets none).
_ORDER_AFTER_RE = compile_re(r"^(?:(?!不得|严禁|禁止|不准|不允许)[^，,；;：:])*?"
                             r"(?:必须|须|一律|方可|只能|仅限|限定|优先(?:采购|选用|使用|购买|安排|考虑|支持|推荐))")
_STATUTORY_DEPOSIT_RE = compile_re(r"(投标|履约|质量|工资)保证金")
# 质量: 建设工程质量保证金管理办法 第七条 (3% of the settled works price).
# 工资: the wage deposit of 保障农民工工资支付条例 第三十二条, at most 3% of the contract and payable
# by bank guarantee (工程建设领域农民工工资保证金规定 第七条、第十一条).
_DEPOSIT_CAPS = {"投标": 2.0, "履约": 10.0, "质量": 3.0, "工资": 3.0}
# A condition that ends before the cap (要求投标人提交投标保证金的，投标保证金不得超过…): the payment
# word there names the case the cap governs; it requires nothing.
_CONDITION_HEAD_RE = compile_re(r"[^，。；]*的[，,]")
_DEPOSIT_CAP_RE = compile_re(
    r"保证金[^，。；]{0,6}(?:不得|不应|不)(?:超过|高于)|"
    # a cap in its own sub-sentence, measured against the contract (…，最高不超过合同金额的10%)
    r"(?:最高|最多)?(?:不得|不应|不)(?:超过|高于)[^，。；]{0,12}?(?:合同|中标|成交|采购|项目|工程|预算|估算|结算)[^，。；]{0,6}?"
    r"(?:金额|价款|总价|总额|价|预算|造价|工程款)")
# 已缴纳 names a payment already made (开工时已交存了履约担保的，不再另外预留…): it requires none.
_DEPOSIT_PAID_RE = compile_re(r"(?<!已)(?<!已经)(?:缴纳|交纳|提交|缴存|收取|提供|交付|预缴|向[^，。；]{0,12}(?:缴|交))")
_DEPOSIT_LABEL_RE = compile_re(r"保证金[：:]")
_PROCUREMENT_PARTY_RE = compile_re(r"中标|投标|招标|采购|成交|供应商|承包人|施工单位")
_OTHER_DEPOSIT_RE = compile_re(r"(?:投资|入园|信誉|诚信|廉政|文明施工|安全)(?:履约)?保证金")
_GUARANTEE_RE = compile_re(r"保函|保证保险|保险|担保|非现金|支票|汇票|本票")
_CASH_ONLY_RE = compile_re(r"(?:只|仅|必须|须|一律)(?:以|用|缴纳|交纳)?现金|不(?:接受|得以|得采用|予接受)[^，。；]{0,6}保函")
_VOLUNTARY_PRINCIPLE_RE = compile_re(
    r"(?:坚持|遵循|尊重|按照)[^，。；]{0,6}自愿(?:原则|参加|参与)?|自愿原则|"
    # a sentence that opens by inviting people to give of their own will (倡导干部自愿捐款，数额不限)
    r"^[^，。；]{0,12}?(?:倡导|鼓励|提倡|欢迎|动员)[^，。；]{0,12}?(?<![不非])自愿(?![^。]{0,40}(?:不得少于|不低于|最低|至少|按[^，。；]{0,6}标准))")
# 可 on its own, not inside 认可 (仅认可本省业绩 still restricts). (许可 and 方可 still read as 可: a known flaw.)
_MINIMUM_SET_RE = compile_re(
    rf"(?:不得少于|不少于|不低于|至少|最低)[^，。；]{{0,6}}?{_NUMERAL}+(?:元|%|％)|"
    rf"每(?:名|人|户|位|个|家)[^，。；]{{0,10}}?{_NUMERAL}+元|{_NUMERAL}+元的标准|"
    r"任务|确保完成|纳入考核|未[^，。；]{0,12}的[，,]?[^，。；]{0,10}?(?:不予|不得|取消|暂停)")
_BANNED_IN_SUBCLAUSE_RE = compile_re(r"不得|不以|严禁|禁止|不准|不再")
# The cost of a step borne by whoever takes it: 由…自行承担/自理 after an encouragement (鼓励企业参展，参展费用
# 由企业自行承担), or any 由…承担 after a step the party takes of its own will (企业可以自愿投保，保费由企业承担).
_BORNE_RE = compile_re(r"[^，。；]{0,8}?(?:费用|开支|保费)?[^，。；]{0,4}?由[^，。；]{0,10}?"
                       r"(?:(?P<own>自行承担|自理|自付|自行负担)|承担|负担|支付)")
_VOLUNTARY_LEAD_RE = compile_re(r"^[^，。；]{0,12}?(?:可以|可)?(?<![不非])自愿(?:参加|参与|投保|购买|选择|加入|申请|办理)")
_ENCOURAGED_LEAD_RE = compile_re(r"(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、)?\s*(?:鼓励|支持|引导|倡导|提倡|欢迎)")
_FACILITATIVE_RE = compile_re(r"可以|(?<!认)可|鼓励|支持|引导|倡导|提倡|自愿|自主|欢迎|允许|推广|推行[^，。；]{0,10}替代")


@dataclass(frozen=True)
class MatchContext:
    """A match and its surroundings, as the guards see it."""

    doc: Document
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    laws: LawBase | None = None  # the review's law base (ReviewContext.laws); None: the built-in data
    # Facts about a sentence that several matches in it ask (an amount in it …), computed once
    # per document run; shared by every MatchContext of the run, never compared.
    memo: dict | None = field(default=None, compare=False)
    measure: str = ""  # the kind of measure matched (measure rules), for what a cited law covers
    # Every kind of measure the rule set knows: a hand-written rule's match is looked up here when a
    # cited law records what it provides.
    vocabulary: tuple = field(default=(), compare=False)
    # The statistical opinion's context: its "match" is the whole sentence part (empty, at its end).
    whole_sentence: bool = False

    def sentence_fact(self, name: str, pattern: re.Pattern) -> bool:
        """Whether ``pattern`` occurs in the sentence, asked once per sentence."""
        if self.memo is None:
            return bool(pattern.search(self.text, self.sentence_start, self.sentence_end))
        key = (name, self.sentence_start, self.sentence_end)
        if key not in self.memo:
            self.memo[key] = bool(pattern.search(self.text, self.sentence_start, self.sentence_end))
        return self.memo[key]

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
    def list_lead(self) -> str:
        """The sentence opening the numbered list the match is an item of (else empty)."""
        return _list_lead(self)

    @cached_property
    def window(self) -> str:
        """The sub-sentence before the match (from the last comma or colon)."""
        before = self.before
        last = None
        for last in _CLAUSE_BREAK_RE.finditer(before):
            pass
        return before[last.end():] if last else before


# The party's failure that a condition names (未签订承诺书的): only then may its consequence be denied.
_FAILED_BEFORE_RE = compile_re(r"(?:未|没有|尚未|是否)[^，。；]{0,3}$|不$")
# A condition whose consequence is denied (…的，不影响…; …的，不作为…的条件).
_NO_CONSEQUENCE_AFTER_RE = compile_re(r"[^，。；]{0,8}?的[，,](?:均|也|都|一律)?(?:不影响|不妨碍|不作为|不因此|不得因此|不会影响|不与[^，。；]{0,12}?挂钩)")
_RELATIVES_AFTER_RE = compile_re(r"(?:的)?(?:配偶|子女|近亲属|亲属|家属|父母|亲友|家庭成员)")
# A relative clause closed by 的 and its noun (拒绝签约的被征收人) before the match.
_RELATIVE_END_RE = compile_re(r"[^，。；]{0,16}?的[\u4e00-\u9fff]{0,4}?(?:人|户|企业|商户|单位|当事人|经营者|群众|家庭|学生|职工|人员|业主)")


def negated(ctx: MatchContext) -> bool:
    """The clause prohibits or removes the thing rather than setting it.

    Either a negation anywhere before the match in its sub-sentence, or one right against it
    (不收取报名费: the match starts at 收取, the 不 just before it).
    """
    window = ctx.window
    negation = _NEGATION_RE.search(window)
    if negation and _condition_inside(ctx, ctx.start - len(window) + negation.end()):
        negation = None  # 严禁外地生猪未经…检疫进入: the prohibition is what the condition sets
    if negation and negation.group(0) in ("拒绝", "抵制") and _RELATIVE_END_RE.match(window, negation.end()):
        negation = None  # 对拒绝签约的被征收人作出征收决定: the refusal describes the party, it refuses nothing
    if negation or _NEGATION_TAIL_RE.search(window) or _NEGATED_PHRASE_RE.search(window):
        return True
    if _continues_a_negation(ctx.before, window):
        return True  # 不得向企业摊派，或者变相设立收费项目: the 不得 reaches the 或者 clause
    if _NEGATED_INSIDE_RE.search(ctx.text, ctx.start, ctx.end):
        return True  # 领导小组及其办公室不对外作出行政许可: the power is disclaimed inside the words matched
    if _NOT_TAKING_PART_RE.search(window):
        return True  # 协管员不参与扣押物品: the helper is said to stay out of the measure named next
    if _FAILED_BEFORE_RE.search(ctx.text, max(ctx.sentence_start, ctx.start - 12), ctx.start) \
            and _NO_CONSEQUENCE_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end):
        return True  # 未作承诺的，不影响其申报补助: the condition is said to cost nothing
    if any(m.start() < ctx.end <= m.end()
           for m in _DISCLAIMED_AROUND_RE.finditer(ctx.text, ctx.sentence_start, ctx.sentence_end)):
        return True
    if _absent_here(ctx):
        return True  # 招标文件未设置本地注册限制: told as absent (not 未设置网点的供应商, a condition)
    if _EQUAL_TREATMENT_RE.search(ctx.sentence) or _disclaimed(ctx):
        return True
    # 补助标准适用于所有在本区依法经营的企业 / 无论是否在本县注册，均适用同一条件: the scope is everyone,
    # unless an obligation or a 但 follows (无论是否在本县注册，中标后均须在本县设立网点).
    scope = _EQUAL_SCOPE_RE.search(ctx.sentence)
    if scope and not _OBLIGATION_AFTER_RE.search(ctx.sentence, scope.end()):
        return True
    rest = _clause_onward(ctx)
    if _EQUAL_CONDITIONS_RE.search(rest) and _PLACE_CONTRAST_RE.search(rest) and not _TAKEN_BACK_RE.search(rest):
        return True
    # Named in the exceptions to a prohibition (除依法设立的投标保证金…外，不得要求缴纳其他保证金).
    if _excepted(ctx):
        return True
    # An item of a list of prohibited acts (不得有下列行为：…（三）向市场主体收取不合理费用).
    return bool(_PROHIBITED_LIST_RE.search(ctx.list_lead))


# A sub-clause that only continues the one before it (或者…, 以及…) with no modal or agent of its own:
# a prohibition heading that one still governs it. Not 也 (也不得 negates itself; 也要 commands) and
# not 或者由城管部门拆除 or 也可以处以罚款, which set a measure of their own.
_CONTINUATION_RE = compile_re(r"(?:或者|或是|或|以及)(?![^，。；]*?(?:要|应|可以|可|须|必须|由))")
_PROHIBITION_HEAD_RE = compile_re(r"^[^，。；]{0,12}?(?:不得|严禁|禁止|不准|不许)")


def _continues_a_negation(before: str, window: str) -> bool:
    if not _CONTINUATION_RE.match(window):
        return False
    earlier = before[:len(before) - len(window)].rstrip("，,")
    breaks = list(_CLAUSE_BREAK_RE.finditer(earlier))
    previous = earlier[breaks[-1].end():] if breaks else earlier
    return bool(_PROHIBITION_HEAD_RE.search(previous))


_EQUAL_SCOPE_RE = compile_re(
    r"(?:不论|无论|不分|不管)[^，。；]{0,10}?(?:注册地|所有制|来源地|户籍|是否在本|来自何地|来自哪里|来自何处|何种所有制)|适用于所有[^，。；]{0,8}?(?:依法)?(?:经营|设立|注册)的")
_OBLIGATION_AFTER_RE = compile_re(_OBLIGATION)
_EXCEPTION_CLOSE_RE = compile_re(r"外[，,][^。；]{0,24}?(?:不得|禁止|严禁|一律不|不再|不予)")


def _disclaimed(ctx: MatchContext) -> bool:
    """The sentence disclaims the very thing the match is about — a tie to tax, a place, a barrier to
    outside firms or goods (_barrier_refused) — and binds no one to it all the same."""
    matched = ctx.text[ctx.start:ctx.end]
    if "税" in matched or ctx.measure == "tax_tied_reward":
        # only the disclaiming words themselves: 按纳税额给予…，与纳税额不挂钩 still ties the reward to tax
        return any(m.start() <= ctx.start - ctx.sentence_start < m.end() or
                   ctx.start - ctx.sentence_start <= m.start() < ctx.end - ctx.sentence_start
                   for m in _TAX_DISCLAIMED_RE.finditer(ctx.sentence))
    if ctx.measure in _LOCAL_MEASURES or _LOCAL_WORD_RE.search(matched):
        found = _PLACE_DISCLAIMED_RE.search(ctx.sentence)
        if found is not None and not _OBLIGATION_AFTER_RE.search(ctx.sentence, found.end()):
            return True
        not_counted = _PLACE_NOT_COUNTED_RE.search(ctx.sentence)
        if not_counted is not None and not _PREFERENCE_WORD_RE.search(
                ctx.sentence[:not_counted.start()] + ctx.sentence[not_counted.end():]):
            return True
        return _barrier_refused(ctx)
    return False


def _barrier_refused(ctx: MatchContext) -> bool:
    """The sentence refuses or removes a barrier (_BARRIER_REFUSED_RE), and what is left of it once
    the refusing words are taken out lays no burden (_BURDEN_RE) on anyone: 不得要求重复检测，外地食品
    一律送检 still binds."""
    spans = [m.span() for m in _BARRIER_REFUSED_RE.finditer(ctx.text, ctx.sentence_start, ctx.sentence_end)]
    if not spans:
        return False
    rest, at = [], ctx.sentence_start
    for a, b in spans:
        rest.append(ctx.text[at:a])
        at = b
    rest.append(ctx.text[at:ctx.sentence_end])
    return not _BURDEN_RE.search("".join(rest))


def _excepted(ctx: MatchContext) -> bool:
    """The match stands in a 除…外 list whose sentence then prohibits everything else."""
    opening = ctx.before.rfind("除")
    if opening == -1 or "外" in ctx.before[opening:]:
        return False
    return bool(_EXCEPTION_CLOSE_RE.search(ctx.text, ctx.end, ctx.sentence_end))


def restriction_forbidden(ctx: MatchContext) -> bool:
    """The sentence names outside firms or goods only to forbid restricting them (对外地车辆进入本市，
    除…外，不得设置额外限制): a place rule's match is what the restriction would fall on. Not where the
    sentence first imposes, charges or prefers something itself. Only the place rules use it: in
    other rules a closing 不得设置其他门槛 is boilerplate after the measure."""
    after = ctx.text[ctx.end:ctx.sentence_end]
    forbids = _FORBIDS_RESTRICTING_RE.search(after)
    if forbids is None:
        return False
    return not _COMMAND_BEFORE_RE.search(ctx.text, ctx.sentence_start, ctx.end + forbids.start())


# The issuer's own area (本县, 我市, 县内), not the outsiders' (外地, 本省以外) nor the goods' origin (产地为本省).
_LOCAL_HEAD_RE = compile_re(r"(?:(?:本|我)(?:省|市|县|区|镇|乡)|[省市县区]内|辖区内)(?!(?:范围|区域|行政区域)?(?:以外|之外))")
# The match opens its clause: at the sentence's head or after a break, 凡, 所有, 各, 在.
_SUBJECT_OPENING_RE = compile_re(r"(?:^|[，,；;：:])(?:凡|凡是|所有|全体|各|在)?$")
_LOCAL_DUTY_RE = compile_re(r"不得|应|须|一律|严禁|禁止")
_LOCAL_CONDITION_RE = compile_re(r"的[，,]")
# What a place rule is about: a benefit, a preference, an excuse, a choice among firms, who may take part.
_LOCAL_FAVOUR_RE = compile_re(_FAVOUR + r"|扶持|优惠|照顾|享受|免[收交缴征予]|减[收免半]|"
                              r"可以|(?<!许)可(?!能|行)|只能|仅限|限于|限定|指定|采购|选用|使用|购买|外地|外来|外省|外市|外县|"
                              r"[省市县区]外|本地产|本地生产|投标|中标|竞标|(?:参与|参加|进入)(?=[^，。；]{0,4}?(?:投标|竞标|采购|招标|比选|遴选|市场))|"
                              r"准入|跨|片区|划定")


def duty_on_local_parties(ctx: MatchContext) -> bool:
    """The place words name the parties a duty falls on (本区用人单位招用劳动者应当依法订立劳动合同):
    the subject of the sentence is every such party in the issuer's area, bound as the law binds
    them, and nothing is given to them or kept from outsiders. Only a subject at the head of its
    clause (凡本县…), not a condition (本县企业参与投标的，) and not where the sentence also gives,
    prefers or excuses (本县企业可以免交…): those are what the place rules are for."""
    head = ctx.text[max(ctx.sentence_start, ctx.start - 8):ctx.start]
    if not _LOCAL_HEAD_RE.match(ctx.text, ctx.start) or not _SUBJECT_OPENING_RE.search(head):
        return False
    rest = ctx.text[ctx.end:ctx.sentence_end]
    duty = _LOCAL_DUTY_RE.search(rest)
    if duty is None or _LOCAL_CONDITION_RE.search(rest, 0, duty.start()):
        return False
    return not _LOCAL_FAVOUR_RE.search(ctx.text, ctx.sentence_start, ctx.sentence_end)


# Several kinds of firm named together, one of them from elsewhere, and offered the same terms
# (国有、民营、外地企业均可按同一条件申报): the place word is one of the kinds, treated alike. A local
# kind alone (本地建筑企业均可按相同条件优先承接) or a preference in the same breath (优先, 价格扣除,
# 加分) is no equality; a tier by place elsewhere in the sentence (…区内企业奖励50万元，区外企业奖励
# 30万元) is the discrimination the place rules report.
_EQUAL_TERMS_RE = compile_re(r"(?:均|都)可(?:按|依|以)(?:同一|相同的?|统一的?)(?:条件|标准)|一视同仁|同等条件(?:申报|参与|享受)")
_KINDS_LISTED_RE = compile_re(r"(?:[\u4e00-\u9fff]{1,6}[、和与及]){1,6}[\u4e00-\u9fff]{0,8}?(?:企业|经营者|经营主体|市场主体|供应商)")
_OUTSIDE_KIND_RE = compile_re(r"外地|外省|外市|外县|[区县市省]外|外资|境外")
_PREFERENCE_NEAR_RE = compile_re(r"优先|价格扣除|加分|倾斜|奖励[^，；]{0,6}(?:[0-9０-９]|万元)")
_PLACE_TIER_RE = compile_re(r"[区县市省镇州]内|[区县市省镇州]外|本地|外地|[本我][县市区省镇]")


def equal_terms(ctx: MatchContext) -> bool:
    """The match's own sub-sentence lists several kinds of firm, one from elsewhere, and offers
    them the same terms with no preference; no other part of the sentence sets a tier by place."""
    lo, hi = _sub_clause_bounds(ctx, "，,；;")
    part = ctx.text[lo:hi]
    if not _EQUAL_TERMS_RE.search(part) or _PREFERENCE_NEAR_RE.search(part):
        return False
    listed = _KINDS_LISTED_RE.search(part)
    if listed is None or not _OUTSIDE_KIND_RE.search(listed.group(0)):
        return False
    return not (_PLACE_TIER_RE.search(ctx.text, ctx.sentence_start, lo) or _PLACE_TIER_RE.search(ctx.text, hi, ctx.sentence_end))


# Support settled case by case (一事一议) for what is no market operator: the villages' public works
# (村级公益事业一事一议), universities, research programmes. Any operator named on the way (the works'
# 施工单位, an 投资运营主体, a firm's own laboratory, a 产业化 project) is the beneficiary instead.
_NON_MARKET_BENEFICIARY_RE = compile_re(r"大学|高校|学科|科研院所|公立医院|学校|科技专项|重大专项|实验室|公益事业|村内|村级")
_OPERATOR_NAMED_RE = compile_re(r"企业|公司|经营者|单位|主体|机构|产业化|运营|集团|商户")


def non_market_case(ctx: MatchContext) -> bool:
    """A 一事一议 match whose beneficiary, named in the same sentence before it, is no market
    operator (对村内道路等公益事业建设，按一事一议原则给予补助)."""
    at = ctx.text.find("一事一议", ctx.start, ctx.end)
    if at < 0:
        return False
    lead = ctx.text[max(ctx.sentence_start, at - 40):at]
    return bool(_NON_MARKET_BENEFICIARY_RE.search(lead)) and not _OPERATOR_NAMED_RE.search(lead)


def _clause_onward(ctx: MatchContext) -> str:
    """The sentence from the start of the match's own sub-clause: an equal condition stated there or
    after it (无论注册地在何处，均适用…) covers the match; one in an earlier clause does not
    (本地外地车辆一律适用同一标准，每车收取通行费)."""
    left = max(ctx.text.rfind(mark, ctx.sentence_start, ctx.start) for mark in "，,；")
    return ctx.text[max(left + 1, ctx.sentence_start):ctx.sentence_end]


# A report that a document leaves the thing out (招标文件未设置本地注册或业绩地域限制, 公告没有附加其他
#条件): a document, an announcement or a policy is the subject, and the words are the object.
_ABSENT_BEFORE_RE = compile_re(
    r"(?:文件|公告|评分办法|评审办法|评分标准|政策|方案|协议|合同|办法|通知|条款)[^，。；]{0,10}?"
    r"(?:未|没有|并未|均未)(?:设置|附加|设定|规定|提出|限定|指定|要求)[^，。；的]{0,6}$")
_SUBSENTENCE_END_RE = compile_re(r"[，,；;。：:]")
# What would make the absence a condition after all (未设置网点，不得投标; …的，方可…).
_CONSEQUENCE_AFTER_RE = compile_re(r"不得|不予|方可|才能|取消|暂停|一律|须|应当")


def _absent_here(ctx: MatchContext) -> bool:
    """The match is the object of a document's 未设置/没有附加…, the phrase is no class of parties
    (no 的 joins it to a noun: 未设置本地服务网点的供应商), and no consequence follows in the sentence."""
    if not _ABSENT_BEFORE_RE.search(ctx.text, max(ctx.sentence_start, ctx.start - 28), ctx.start):
        return False
    stop = _SUBSENTENCE_END_RE.search(ctx.text, ctx.end, ctx.sentence_end)
    end = stop.start() if stop else ctx.sentence_end
    return "的" not in ctx.text[ctx.end:end] and not _CONSEQUENCE_AFTER_RE.search(ctx.text, end, ctx.sentence_end)


def _condition_inside(ctx: MatchContext, start: int) -> bool:
    """A 未经/未取得 condition between ``start`` and the match (read to the sentence end, so that
    未经批准的费用, a kind of charge, is told apart from 未经检疫进入, a condition)."""
    return any(m.start() < ctx.start for m in _WITHOUT_RE.finditer(ctx.text, start, ctx.sentence_end))


def cites_basis(ctx: MatchContext) -> bool:
    """The sentence names a higher norm as its basis (see ``BasisCheck.exempts`` for the policy).

    A law in force, or an unknown norm of a legal kind (a provincial 条例, a ministry 规定),
    exempts; a repealed law, a …法 the complete title list does not know (a wrong title), a
    plain document or a village covenant does not — the citation checks report those.
    """
    # The lead of a list carries its basis to the items: 有权依照《食品安全法》第一百一十条采取下列措施：（四）查封…
    texts = [t for t in (_outside_beyond(ctx), ctx.list_lead, _earlier_in_clause(ctx)) if t and _MAY_CITE_RE.search(t)]
    enabling = _enabling_text(ctx)
    if enabling:
        texts.append(enabling)
    trailing = _trailing_citation(ctx)
    later = _later_in_sentence(ctx)
    later = later if _MAY_CITE_RE.search(later) else ""
    if not texts and not trailing and not later:
        return False  # no title and no 依照…法: nothing to resolve, so the catalogue stays unloaded
    from reviewer.citations import cites_basis as check
    from reviewer.laws.base import LawBase

    catalog = (ctx.laws or LawBase.builtin()).catalog
    if any(_grounds(check(text, catalog), ctx) for text in texts):
        return True
    # A bracketed citation closing the 款 reaches an earlier sentence only for a measure the law base
    # records the cited law as setting: it often belongs to its own sentence alone (…处以罚款（《…条例》
    # 第三十六条）。 does not ground the 暂扣 before it).
    if trailing and _grounds(check(trailing, catalog), ctx, recorded_only=True):
        return True
    # A law cited in a later part grounds the opinion's part only where the law base records it as
    # setting the kinds of measure the sentence names (not 《民法典》 cited for the next duty).
    return bool(later) and _grounds(check(later, catalog), ctx, recorded_only=True)


def _last_beyond(before: str) -> int | None:
    """Where the last 除…外， span before the match ends, if there is one."""
    end = None
    for m in _BEYOND_BASIS_RE.finditer(before):
        end = m.end()
    return end


def _earlier_in_clause(ctx: MatchContext) -> str:
    """The parts of the match's sentence before it, joined by "；" (依照《邮政法》第五十一条取得快递
    业务经营许可；未经许可的，不得经营): a basis cited there grounds what the sentence goes on to say,
    as far as that law provides the measure (``_grounds``). A full stop ends its reach: the next
    sentence of the 款 may add what the law does not (…之规定：…。从外省进入的车辆不得承运)."""
    from reviewer.structure import locate_index

    i = locate_index(ctx.doc.clauses, ctx.start)
    if i is None:
        return ""
    clause_start = ctx.doc.clauses[i].start
    if clause_start >= ctx.sentence_start:
        return ""
    earlier = ctx.text[max(clause_start, ctx.sentence_start - _EARLIER_LIMIT):ctx.sentence_start]
    return earlier[earlier.rfind("。") + 1:]


def _later_in_sentence(ctx: MatchContext) -> str:
    """For the second opinion, which scores a sentence part by part (…给予记过处分；处分的程序和期间依照
    《政务处分法》第三十二条执行。), the parts after it up to the full stop: the basis a drafter names once
    for the whole sentence (grounding only what the law base records the law as setting). A rule's match
    reads only its own part's basis, since the next part may add what the law does not."""
    if not ctx.whole_sentence:
        return ""
    rest = ctx.text[ctx.sentence_end:ctx.sentence_end + _EARLIER_LIMIT]
    stop = _FULL_STOP_RE.search(rest)
    rest = rest[:stop.start()] if stop else rest
    # A review's finding names the law the clause breaks (…，与《价格法》第二十条不符; …该条由部门行使了
    # 政府的职权，属于越权): that law is the yardstick, not the clause's basis.
    if _FINDING_WORDS_RE.search(rest) or _REVIEW_LEAD_RE.match(ctx.text[_sentence_head(ctx):ctx.sentence_end].lstrip()):
        return ""
    return rest


def _sentence_head(ctx: MatchContext) -> int:
    """Where the full sentence holding the part begins (after the last full stop before it)."""
    lo = max(0, ctx.sentence_start - _EARLIER_LIMIT)
    stop = ctx.text.rfind("。", lo, ctx.sentence_start)
    return stop + 1 if stop >= 0 else lo


def _trailing_citation(ctx: MatchContext) -> str:
    """The law cited in brackets at the end of the match's 款 (…不得晋升工资档次（《政务处分法》第十九条）。):
    drafters put the basis of the whole 款 there, so it covers every sentence of it."""
    from reviewer.structure import locate_index

    i = locate_index(ctx.doc.clauses, ctx.start)
    if i is None:
        return ""
    clause = ctx.doc.clauses[i]
    m = _TRAILING_CITATION_RE.search(ctx.text, max(clause.start, clause.end - 120), clause.end)
    return m.group(0) if m else ""


# A bracketed citation closing a 款: （《…》第十九条） or （依据《…》第九条）, before the final mark.
_TRAILING_CITATION_RE = compile_re(r"[（(](?:依据|根据|参见|见)?《[^》（）]{2,40}》[^（）《]{0,30}[）)][。；;]?\s*$")
# How far back in the 款 a cited basis is looked for (a 款 is rarely longer).
_EARLIER_LIMIT = 400
_FULL_STOP_RE = compile_re(r"[。！？\n]")
_FINDING_WORDS_RE = compile_re(r"不符|抵触|违反|违背|有悖|超越|越权|无权|不当|缺乏[^，。；]{0,6}依据|没有[^，。；]{0,6}依据|无[^，。；]{0,4}依据")
_REVIEW_LEAD_RE = compile_re(r"(?:经审查|经查|审查发现|督查发现|核查发现|备案审查中|经核查|审查中发现)")


def _outside_beyond(ctx: MatchContext) -> str:
    """The sentence without the 除…外， span before the match: a law cited inside it grounds the
    part the law provides, not the document's addition after it."""
    beyond = _last_beyond(ctx.before)
    if beyond is None:
        return ctx.sentence
    return ctx.sentence[beyond:]


def _grounds(basis: BasisCheck, ctx: MatchContext, recorded_only: bool = False) -> bool:
    """A basis exempts only the measures its laws provide, as far as the catalogue records them:
    a law whose ``measures`` are unknown exempts any (unless ``recorded_only``); one that records them
    exempts the matched kinds only (依据《行政强制法》强制拆除: that code provides 加处罚款, not
    demolition — the 城乡规划法 does). A hand-written rule's match is classified by the vocabulary."""
    if not basis.exempts:
        return False
    provided = [r.entry.provided_by(c.article) for c, r in zip(basis.citations, basis.resolutions)
                if r.entry is not None]
    if recorded_only:
        provided = [kinds for kinds in provided if kinds is not None]
        if not provided:
            return False
    elif not provided or any(kinds is None for kinds in provided):
        return True
    if ctx.measure and any(ctx.measure in (p or ()) for p in provided):
        return True
    # The words may name several kinds (予以没收: confiscation, and taking away by force); scanning
    # every vocabulary is asked only when the matched kind itself is not provided.
    kinds = _kinds_of(ctx)
    return any(kinds & set(p or ()) for p in provided)


def _kinds_of(ctx: MatchContext) -> set[str]:
    """The kinds of measure the matched words name (for a hand-written rule's match), or the whole
    sentence names (for the second opinion, whose match is the sentence)."""
    words = ctx.sentence if ctx.whole_sentence else ctx.text[ctx.start:ctx.end]
    return {m.name for m in ctx.vocabulary if m.compiled.search(words)}


def _enabling_text(ctx: MatchContext) -> str:
    """For a 规章 or higher, the article that names the law it implements (制定依据, usually
    第一条: 根据《中华人民共和国食品安全法》…制定本办法). Such a text specifies how that law's
    measures are carried out (设定 vs 实施, 行政处罚法 第十三条); a 规范性文件 gets no such pass,
    since it may not even restate a measure without citing it where it applies."""
    if ctx.doc.level == "行政规范性文件":
        return ""
    if OWN_OFFENCE_RE.search(ctx.sentence) or _BLANKET_RE.search(ctx.sentence):
        return ""  # 违反本办法…的 / 一律…: the rule's own measure, not its law's carried out
    key = ("enabling", 0, 0)
    if ctx.memo is not None and key in ctx.memo:
        return ctx.memo[key]
    text = enabling_article(ctx.doc)
    if ctx.memo is not None:
        ctx.memo[key] = text
    return text


def enabling_article(doc: Document) -> str:
    """The article naming the law the document implements (its 制定依据: 根据《…》…制定本办法),
    found among the first clauses; '' when there is none."""
    return next((doc.text[c.start:c.end] for c in doc.clauses[:8]
                 if ENABLING_RE.search(doc.text, c.start, c.end)), "")


ENABLING_RE = compile_re(r"(?:根据|依据|依照)[^。]{0,200}?(?:制定本|制定此|特制定|结合本)")
# An offence the document defines itself: its measure is the document's own, whatever it implements.
OWN_OFFENCE_RE = compile_re(r"违反本(?:办法|规定|细则|规章|规则|条例|决定|实施细则|实施办法)")


def _list_lead(ctx: MatchContext) -> str:
    """For a match in a numbered item, the sentence that opens the list (…采取下列措施：), whose
    basis governs every item; empty when the match is not in an item."""
    from reviewer.structure import locate_index

    clauses = ctx.doc.clauses
    i = locate_index(clauses, ctx.start)
    if i is None or clauses[i].kind not in ("item", "subitem"):
        return ""
    while i > 0 and clauses[i - 1].kind in ("item", "subitem"):
        i -= 1  # back over the earlier items of the same list
    if i == 0:
        return ""
    lead = clauses[i - 1]
    text = ctx.text[lead.start:lead.end]
    return text if text.rstrip().endswith(("：", ":")) else ""


def generic_basis(ctx: MatchContext) -> bool:
    """The sentence defers to law in general (依法、依照有关法律法规) before the match.

    Only deference that precedes the measure governs it: "依法扣留车辆" restates, while
    "处500元罚款，依法缴入国库" still sets the fine. A blanket order (一律依法查封) is no
    deference: it decides every case in advance, which no law does.
    """
    if _BLANKET_RE.search(ctx.window):
        return False
    if len(amounts(ctx.sentence)) == 1 and not _SUM_RANGE_RE.search(ctx.sentence):
        return False  # 依法处以500元罚款: the law sets a range or a rule, the document picked the sum
    lead = ctx.list_lead
    if lead and _GENERIC_BASIS_RE.search(lead) and not _BLANKET_RE.search(lead):
        return True
    if _GENERIC_AFTER_RE.search(ctx.text, ctx.end, ctx.sentence_end):
        return True  # 责令停止经营，并根据有关法律法规予以处罚: the whole sentence defers to the law
    deferred = _DEFERS_RIGHT_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end)
    if deferred and (deferred.group("body") is None or not _asks_money(ctx)):
        return True  # 农民工工资保证金按照国家规定比例存储: the measure's subject, governed by national rules
    before = ctx.before
    beyond = _last_beyond(before)
    if beyond is not None:
        before = " " * beyond + before[beyond:]  # the law inside 除…外 does not cover what follows
    for m in _GENERIC_BASIS_RE.finditer(before):
        if _UNLAWFUL_BEFORE_RE.search(before, max(0, m.start() - 2), m.start()):
            continue  # 未依法取得许可: the offence, not the basis of the measure
        if _CONDITION_CLOSE_RE.search(before, m.end()):
            continue  # inside a "…的，" condition that the measure then follows
        if _TIME_CLAUSE_CLOSE_RE.match(before, m.end()):
            continue  # 违法建筑依法拆除前，…由当事人预缴: the law governs the demolition, not the charge
        return True
    return False


# Designating a trader (公平竞争审查条例 第八条第（三）项) for the government's own units is still
# procurement, which 政府采购法 第二十六条 leaves to competition: own_staff does not excuse it when a firm
# is named. (COMPETITION034, whose words are always a named firm, does not list own_staff at all.)
_MARKET_FIRM_RE = compile_re(r"公司|集团|有限|厂|商家|供应商")


def own_staff(ctx: MatchContext) -> bool:
    """The sub-sentence is an instruction to the issuing body's own staff or departments.

    The staff word must be the subject of the sub-sentence that leads to the match (各部门要…,
    执法人员实施…应当…), not an agent or object (由城管部门没收, 对工作人员, 根据区政府的要求)
    nor an attribute (干部职工的子女); and the sentence must set no amount.
    """
    if ctx.sentence_fact("amount", _AMOUNT_RE):
        return False
    if _PUBLIC_BEARER_RE.search(ctx.window + ctx.text[ctx.start:ctx.end]) and \
            not _PASSED_ON_RE.search(ctx.text, ctx.end, ctx.sentence_end):
        return True  # 其余由各乡镇结合排查清单自行承担: subordinate governments bear the work or its cost
    if ctx.measure == "designation" and _MARKET_FIRM_RE.search(ctx.text, ctx.start, min(ctx.sentence_end, ctx.end + 24)):
        return False  # a firm picked for the body's own units is still a trader chosen without competition
    if not ctx.sentence_fact("public_named", _PUBLIC_NAMED_RE):
        if _OFFICIAL_ACT_GATE_RE.search(ctx.text, ctx.start, ctx.sentence_end):
            return True  # 未经法制审核的，不得作出决定: the step gates the body's own act
        if _CREDENTIAL_TAKEN_RE.search(ctx.text, ctx.start, min(ctx.end + 4, ctx.sentence_end)) and \
                _OFFICIAL_CREDENTIAL_RE.search(ctx.before[-30:]):
            return True  # 对违规使用执法证件的，一律暂扣证件: an official's credential, managed by its issuer
    # 对拒不搬迁的养殖户，镇政府可以采取…: the public party named in the condition is the one the
    # staff act on, as when it follows them (对…予以…) in one sub-sentence.
    if _ON_PUBLIC_CONDITION_RE.search(ctx.before):
        return False
    window = ctx.window
    offset = ctx.start - len(window) - ctx.sentence_start
    acted = window + ctx.text[ctx.start:ctx.end]  # 乡镇政府应当[推荐农户使用…]: the match may name the public
    for m in _OWN_STAFF_RE.finditer(window):
        if _ACTS_ON_PUBLIC_RE.search(acted, m.end()):
            return False  # 各乡镇要对违章建筑予以强制拆除: staff as agents of a measure on the public
        if _is_subject(ctx, window, m) and _STAFF_VERB_RE.search(ctx.sentence, offset + m.end()):
            return True
    # A subject that opens the sentence governs its later sub-sentences too
    # (党员干部操办宴席，应当事先报告，宴席不得超过十桌).
    sentence = ctx.sentence.lstrip()
    lead = _OWN_STAFF_RE.match(sentence, 0) or _OWN_STAFF_RE.match(sentence, 1)
    # After a list number only people lead (4.执法人员必须…): a body there (（七）各乡镇要…) acts on others.
    lead = lead or _PERSONAL_STAFF_RE.match(_ENUMERATOR_RE.sub("", sentence, count=1))
    if not lead or _OUTSIDERS_RE.search(ctx.before):
        return False  # 本局辖区内的经营户须经本局审批: the body names the public it rules over
    if _RELATIVES_AFTER_RE.match(sentence, lead.end()):
        return False  # 公务员的配偶子女: private people, whatever their relative's post
    # The verb may be in the match itself (本单位…，未经批准不得安排…: the match is 未经批准不得).
    return bool(_STAFF_VERB_RE.search(ctx.before) or _STAFF_VERB_RE.search(ctx.text, ctx.start, ctx.end)
                # 机关干部参加在职学历教育的，学费由个人承担: the staff member pays for their own study
                or (bool(_OWN_STUDY_LEAD_RE.match(sentence)) and bool(_SELF_BORNE_RE.search(ctx.text, ctx.start, ctx.end))
                    and not _ACTS_FOR_OTHERS_RE.search(ctx.sentence)))


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

    The sub-sentence holding the match must be led by a verb of governance (全面清理…审批事项).
    In a work plan, report or opinion it is enough that the sentence is led by one
    (加强执法监督，规范罚没收入管理), unless a command (须、应当、一律、方可、不得) comes before the
    match: then the sentence has moved from the topic to an order. A sentence led by a condition
    or a purpose (对整治中拒不整改的…，为规范秩序，…) is not topic talk.
    """
    if ctx.sentence_fact("amount", _AMOUNT_RE):
        return False
    if FAILED_CONDITION_BEFORE_RE.search(ctx.before):
        return False  # 考核不合格的取消其资格: an order on failing, not the topic 考核
    if _leads_with_topic_verb(ctx.window) and "所需" not in ctx.window:  # 监督抽检所需的费用: a noun
        # 建立…推荐目录，政府投资项目优先选用目录内产品: the topic is followed by an order about it.
        return not _ORDER_AFTER_RE.search(_later_clauses(ctx))
    if not _PLAN_TITLE_RE.search(ctx.doc.metadata.title or ""):
        return False
    first = _CLAUSE_BREAK_RE.split(ctx.sentence, maxsplit=1)[0]
    return _leads_with_topic_verb(first) and not _COMMAND_RE.search(ctx.text, ctx.sentence_start, ctx.end)


def _later_clauses(ctx: MatchContext) -> str:
    """The sub-sentences of the sentence after the one holding the match."""
    rest = ctx.text[ctx.end:ctx.sentence_end]
    first_break = _CLAUSE_BREAK_RE.search(rest)
    return rest[first_break.end():] if first_break else ""


def plan_talk(sentence: str) -> bool:
    """Every sub-sentence is a plan's task, led by a verb of governance (优化…布局，打造…集群; 开展“…”
    建设行动，全方位打造…场景): what a plan sets out to do, binding no one without a cue (the second
    opinion's gate for families stated bare). One sub-sentence that says who does what, or pays what
    (优化营商环境，企业开办刻章由…指定的两家刻章店承接), and the sentence is no plan talk."""
    body = _QUOTED_RE.sub("", sentence).strip(" \u3000。\n")
    if _NAMED_PARTY_OR_MONEY_RE.search(body):
        return False  # 支持县城投公司承接…; 推广使用…有机肥并给予每吨200元补贴: a firm or money named
    parts = [p.strip() for p in _SUB_SENTENCE_RE.split(_ENUMERATOR_RE.sub("", body, count=1))]
    parts = [p for p in parts if p]
    return bool(parts) and all(_PLAN_VERB_RE.match(p) for p in parts)


_NAMED_PARTY_OR_MONEY_RE = compile_re(rf"公司|企业|集团|国企|厂|店|品牌|{_NUMERAL}+(?:元|万元)|补贴|奖励|补助|奖补|独家|指定")
_QUOTED_RE = compile_re(r"“[^”]{0,40}”|「[^」]{0,40}」")
_SUB_SENTENCE_RE = compile_re(r"[，,；;]")
# The verbs of governance the topic guard knows, and those a plan's task opens with besides.
_PLAN_VERB_RE = compile_re(
    r"(?:全方位|全面|大力|积极|进一步|持续|着力|深入|不断|切实)*"
    rf"(?:{_TOPIC_VERB_RE.pattern}|打造|培育|发展|建设|实施|支持|鼓励|引导|推广|创建|谋划|布局|壮大|拓展|做大|做强|做优|丰富|夯实|巩固)")


def _leads_with_topic_verb(text: str) -> bool:
    """Whether a (sub-)sentence begins with a verb of governance, after list numbers, an optional
    department as subject and adverbs (（三）区财政局要进一步规范…)."""
    lead = _TOPIC_LEAD_RE.match(text)  # always matches: every part of the pattern is optional
    rest = text[lead.end():] if lead else text
    return bool(_TOPIC_VERB_RE.match(rest))


def facilitative(ctx: MatchContext) -> bool:
    """可以/鼓励/支持-type wording that grants or encourages and binds no one; or the sentence
    holds the thing to a principle of free will (接受捐赠坚持自愿原则)."""
    if any(not _BANNED_IN_SUBCLAUSE_RE.search(ctx.sentence, max(0, ctx.sentence.rfind("，", 0, m.start()) + 1), m.start())
           for m in _MINIMUM_SET_RE.finditer(ctx.sentence)):
        return False  # 倡导自愿捐款，每人不低于二百元: a floor makes the gift a levy (不得…下达捐赠任务 forbids one)
    if _FACILITATIVE_RE.search(ctx.window) or _VOLUNTARY_PRINCIPLE_RE.search(ctx.sentence):
        return True
    # 鼓励企业参加展会，参展费用由企业自行承担: the cost of a step the sentence only encourages
    borne = _BORNE_RE.match(ctx.text, ctx.start, ctx.sentence_end)
    if borne is None:
        return False
    lead = ctx.sentence.lstrip()
    return bool(_VOLUNTARY_LEAD_RE.match(lead) or (borne.group("own") and _ENCOURAGED_LEAD_RE.match(lead)))


def _paragraph(ctx: MatchContext, radius: int = 200) -> str:
    """The line the match stands on (its 款 or 项), at most ``radius`` characters either side."""
    text = ctx.text
    lo = text.rfind("\n", max(0, ctx.start - radius), ctx.start) + 1 or max(0, ctx.start - radius)
    hi = text.find("\n", ctx.end, ctx.end + radius)
    return text[lo:hi if hi != -1 else min(len(text), ctx.end + radius)]


def statutory_deposit(ctx: MatchContext) -> bool:
    """A bid or performance deposit within the caps the procurement and bidding regulations set
    (投标保证金 ≤ 2%, 履约保证金 ≤ 10% of the contract, 政府采购法实施条例 第三十三条、第四十八条;
    招标投标法实施条例 第二十六条、第五十八条), payable by guarantee as well as cash: the
    regulations provide it. Cash only (or no guarantee offered), or a share over the cap, is
    still reported."""
    # The guarantee may be offered in the next sentence of the same clause (…不超过预算金额的2%。
    # 供应商可以保函提交。), so the clause is read, not the sentence alone.
    clause = _paragraph(ctx)
    capped = _DEPOSIT_CAP_RE.match(ctx.text, ctx.start, ctx.sentence_end)
    sentence = ctx.sentence
    head = _CONDITION_HEAD_RE.match(sentence)
    if head and _DEPOSIT_CAP_RE.search(sentence, head.end()):
        sentence = sentence[head.end():]
    paid = _DEPOSIT_PAID_RE.search(sentence)
    if capped and not paid:
        return True  # 保证金预留比例不得高于3%: the sentence caps a deposit set elsewhere, requiring none
    near = ctx.text[max(ctx.sentence_start, ctx.start - 6):min(ctx.sentence_end, ctx.end + 4)]
    # A cap on a bare 保证金 (需要收取投标保证金的，保证金不得超过…) is the kind the clause names.
    kind = _STATUTORY_DEPOSIT_RE.search(near) or (_STATUTORY_DEPOSIT_RE.search(clause) if capped else None)
    if kind is None and _DEPOSIT_LABEL_RE.match(ctx.text, ctx.start, ctx.sentence_end):
        # 保证金：中标人可以保函提交履约保证金…: a heading names the deposit its sentence then sets
        kinds = {m.group(1) for m in _STATUTORY_DEPOSIT_RE.finditer(sentence)}
        procurement = _PROCUREMENT_PARTY_RE.search(sentence) and not _OTHER_DEPOSIT_RE.search(sentence)
        kind = _STATUTORY_DEPOSIT_RE.search(sentence) if len(kinds) == 1 and procurement else None
    if kind and _DEPOSIT_CAP_RE.search(sentence) and not _CASH_ONLY_RE.search(clause):
        # 投标保证金不超过预算金额的2%: the sentence limits the deposit; where it also asks for one,
        # the regulation that caps it provides it, payable by guarantee unless the clause says cash only.
        return all(v <= _DEPOSIT_CAPS[kind.group(1)] for v in percentages(ctx.sentence))
    if not kind or _CASH_ONLY_RE.search(clause) or not _GUARANTEE_RE.search(clause):
        return False  # no guarantee offered: a transfer to the buyer's account is cash only
    cap = _DEPOSIT_CAPS[kind.group(1)]
    return all(v <= cap for v in percentages(clause))


# Where a charge's amount comes from when the law lets it be charged: a price the price authorities
# set or approved (价格法 第十八、十九条: 政府定价、政府指导价; 市场调节价 is the operator's own), a
# contract between the parties (物业服务合同, a commissioned test), a society's charter (会费, 社会团体
# 登记管理条例). A contract or charter does not cover money paid to a government office: there the
# "agreement" is the office's own charge (按入园协议向管委会缴纳管理费).
_PRICE_SET_RE = compile_re(
    r"政府定价|政府指导价|(?:价格主管|物价|价格)部门[^，。；]{0,12}?(?:核定|批准|批复|制定|公布)|"
    r"发展(?:和)?改革(?:委员会|委|局)[^，。；]{0,12}?(?:核定|批准|批复|制定|公布)|(?:核定|批准|批复)的(?:收费)?标准"
)
_AGREED_RE = compile_re(r"(?:合同|协议)(?:的)?约定|(?:服务|委托|用户)(?:合同|协议)|(?:依照|按照|根据)(?:合同|协议)|章程(?:的)?规定|按照?[^，。；]{0,6}章程")
_OFFICES = r"(?:政府|街道|办事处|管委会|[局委办厅]|中心|站|所|村委会|居委会|村民委员会|居民委员会)"
_GOVERNMENT_PAYEE_RE = compile_re(
    rf"向[^，。；]{{0,10}}?{_OFFICES}[^，。；]{{0,8}}?(?:缴|交|支付)|"
    # the office as the one that collects (由街道统一收取, 村委会按照协议每亩收取)
    rf"由[^，。；]{{0,8}}?{_OFFICES}[^，。；]{{0,6}}?收取|{_OFFICES}[^，。；]{{0,12}}?(?:收取|征收|计收)"
)


# A utility's or a property manager's own charge for what it supplies (热费, 水费, 物业费), with that
# supplier named as the payee: a price under 价格法 between supplier and user, no administrative fee.
_UTILITY_CHARGE_RE = compile_re(r"水费|电费|热费|供暖费|采暖费|燃气费|气费|物业费|物业服务费")
_UTILITY_PAYEE_RE = compile_re(r"(?:供热|供暖|供水|供电|燃气|供气|物业服务|物业)(?:单位|企业|公司)")
# An office fixing the utility's price itself (县住建局确定…按每平方米28元收取): prices of heat and water
# are set by the price authority (价格法 第十八条、第十九条), which the price guard above recognises.
_OFFICE_SETS_PRICE_RE = compile_re(r"(?:局|委|办|政府|办事处|管委会)[^，。；]{0,10}?(?:确定|规定|决定|要求|核定)[^，。；]{0,16}?(?:按|收取|标准)")


def priced_charge(ctx: MatchContext) -> bool:
    """The charge's amount rests on a government price or an approved standard, or on a contract or
    charter between a payer and a payee outside the administration, or it is a utility's own price
    collected by that utility: the law lets it be charged."""
    if _GOVERNMENT_PAYEE_RE.search(ctx.sentence):
        return False  # money to an office is its own charge, whatever price or agreement it cites
    if _UTILITY_CHARGE_RE.search(ctx.text, ctx.start, ctx.end) and _UTILITY_PAYEE_RE.search(ctx.sentence) \
            and not _PAYMENT_GATE_RE.search(ctx.sentence) and not _OFFICE_SETS_PRICE_RE.search(ctx.sentence):
        return True
    texts = [ctx.sentence] + ([ctx.list_lead] if ctx.list_lead else [])
    return any(_PRICE_SET_RE.search(t) or _AGREED_RE.search(t) for t in texts)


# Payment made the condition of another matter (缴清…后方可办理, 未缴纳…的不予办理): a charge the law sets
# may still not be tied to something the law does not tie it to; nor may non-payment be given a
# consequence of the document's own (逾期未缴纳垃圾处理费的，停止供水).
_PAYMENT_GATE_RE = compile_re(r"方可|才能|才可|才予|后(?:再)?(?:予以)?办理|不予(?:办理|受理|审批|发放|通过)|暂停办理|作为[^，。；]{0,8}前置|"
                              r"未按(?:期|时|规定)|逾期(?:未|不)|拒不|拒绝")
# The marks that bound the part of a sentence a charge is named in: a comma, or a conjunction that lists
# another charge beside it (缴纳污水处理费和管网维护费: the second is not on the list).
_CHARGE_PART_MARKS = "，,；;。：:和及、并"
# A charge listed with another by a conjunction (…费和管网维护费, 管理费、污水处理费).
_LISTED_CHARGE_RE = compile_re(r"(?<=费)(?:和|及|、|以及)([\u4e00-\u9fff]{1,8}?费)|([\u4e00-\u9fff]{1,8}?费)(?=和|及|、|以及)")


def catalogued_charge(ctx: MatchContext) -> bool:
    """The charge the match names is one a law or a national catalogue sets (reviewer/data/fees.yaml:
    污水处理费, 不动产登记费, 残疾人就业保障金 …): telling people to pay it sets no charge. Read in the
    match's own sub-clause, so a catalogued charge named beside a charge of the document's own making
    (缴纳污水处理费，另收取管网维护费) does not cover it."""
    from reviewer.laws.catalogues import named_in

    if _PAYMENT_GATE_RE.search(ctx.sentence):
        return False  # 缴清污水处理费后方可办理: a lawful charge made the price of something else
    part = _sub_clause(ctx, _CHARGE_PART_MARKS)
    if named_in("fees", part) is None:
        return False
    # Another charge listed beside it (缴纳污水处理费和管网维护费) must be on the list as well.
    if any(named_in("fees", m.group(1) or m.group(2)) is None for m in _LISTED_CHARGE_RE.finditer(ctx.sentence)):
        return False
    # Being on the list says the charge exists, not that this document may set its amount.
    return not (amounts(part) or percentages(part)) or priced_charge(ctx)


def statutory_permit(ctx: MatchContext) -> bool:
    """The permit or licence the match names is one a law or an administrative regulation sets
    (reviewer/data/permits.yaml: 食品经营许可证, 排污许可证, 建设工程规划许可证 …): requiring it, or
    checking it, restates the law. The match must be the permit's own name, held, shown or checked
    (not demanded to be obtained, which a basis must ground), so a statutory permit
    named beside a paper of the document's own (持营业执照和街道出具的同意函) does not cover that paper."""
    from reviewer.laws.catalogues import longest_name, named_spans

    # The matched words must be the permit's own name (营许可证 inside 食品经营许可证): an approval or a
    # paper demanded on the way to a statutory permit (办理施工许可证时另须提供…同意意见) is the
    # document's own condition on it, which the permit's law does not set.
    reach = longest_name("permits")
    lo = max(ctx.sentence_start, ctx.start - reach)
    spans = named_spans("permits", ctx.text[lo:min(ctx.sentence_end, ctx.end + reach)])
    if not any(lo + a < ctx.end and ctx.start < lo + b for a, b in spans):
        return False
    # Obtaining it "as the rules provide" (按规定申请领取施工许可证) defers to the permit's own law: the
    # document names no case the law does not (a widened reach would say which works need it).
    if _OBTAINED_AS_PROVIDED_RE.search(ctx.text, max(ctx.sentence_start, ctx.start - 24), ctx.end):
        return True
    # Only checking, carrying or showing it (查验入网商户的食品经营许可证, 随车携带驾驶证): duties the
    # permits' laws set. Requiring one to be obtained is left to the basis guards (依法取得…), since a
    # document may widen a permit's reach (all renovations need a 施工许可证) without a word changed.
    if not (_PERMIT_CHECK_RE.search(ctx.window + ctx.text[ctx.start:ctx.end])
            or _PERMIT_SHOWN_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end)
            or _PERMIT_TERMS_AFTER_RE.match(ctx.text, ctx.end, ctx.sentence_end)
            or _PERMIT_HOLDER_RE.search(ctx.text, ctx.start - len(ctx.window), ctx.sentence_end)):
        return False
    # What the permit is made the key to: the trade it licenses (方可营业), or some other matter the
    # law does not tie it to (方可开具发票, 方可申请补贴), which the document adds on its own.
    gate = _PERMIT_GATE_RE.search(ctx.sentence)
    return gate is None or bool(_LICENSED_ACTIVITY_RE.match(gate.group(1)))


_OBTAINED_AS_PROVIDED_RE = compile_re(r"(?:按规定|按照规定|依照规定|依规)[^，。；]{0,16}?(?:申请|领取|取得|办理|申领)")
# Checking, carrying or showing a permit, before its name in the sub-clause.
_PERMIT_CHECK_RE = compile_re(r"查验|核验|审查|查看|核对|检查|持有|携带|随车|公示|悬挂|亮证|张贴|出示|具有|具备")
# …or after it, where the sentence puts the permit first (将营业执照、收费标准悬挂于经营场所醒目位置).
_PERMIT_SHOWN_AFTER_RE = compile_re(r"[^。；]{0,30}?(?:悬挂|张贴|摆放|公示|亮证)(?:于|在|上)")
# Who may do the work (交由取得…许可证的单位处置): the holders the law itself admits.
_PERMIT_HOLDER_RE = compile_re(r"取得[^，。；]{0,24}?(?:许可证|资质证书)的[^，。；]{0,6}?(?:单位|企业|机构|经营者)")
# Following the terms written in a permit (按照排污许可证的规定排放): the permit's own conditions.
# …or the agency's own handling of it (办理林木采伐许可证和监督检查过程中，不得收取费用).
_PERMIT_TERMS_AFTER_RE = compile_re(r"的?(?:规定|要求|载明|许可事项|许可范围)|[^，。；]{0,12}?(?:过程中|工作中|期间)")
# A gate in the sentence and what follows it (…后方可开业), and the activities a permit licenses.
_PERMIT_GATE_RE = compile_re(r"(?:方可|才能|才可|才允许|后再)([^，。；]{0,10})")
_LICENSED_ACTIVITY_RE = compile_re(
    r"(?:继续|正式|依法)?(?:营业|开业|经营|从事|生产|销售|施工|开工|排放|排污|驾驶|上路|行驶|执业|办学|招生|演出|"
    r"运输|营运|采伐|捕捞|取水|开采|使用|投入使用|开展)")


def _sub_clause(ctx: MatchContext, marks: str = "，,；;。：:") -> str:
    """The match's own sub-clause: from the mark before it to the one after it."""
    lo, hi = _sub_clause_bounds(ctx, marks)
    return ctx.text[lo:hi]


def _sub_clause_bounds(ctx: MatchContext, marks: str = "，,；;。：:") -> tuple[int, int]:
    """[start, end) of the match's own sub-clause."""
    text = ctx.text
    left = max(text.rfind(mark, ctx.sentence_start, ctx.start) for mark in marks)
    right = min((i for i in (text.find(mark, ctx.end, ctx.sentence_end) for mark in marks) if i != -1),
                default=ctx.sentence_end)
    return max(left + 1, ctx.sentence_start), right


# The members' own meeting (村民会议, 业主大会 …), which the law lets decide their levies, contracts
# and rules (村民委员会组织法 第二十四条; 民法典 第二百七十八条).
_SELF_GOVERNING_RE = compile_re(r"村民会议|村民代表会议|居民会议|业主大会|成员大会|成员代表大会")


def self_governed(ctx: MatchContext) -> bool:
    """The sentence (or its list's lead) puts the matter to the members' own meeting: a levy or an
    approval the members decide is self-government, not a measure the document sets. Rules that
    report a government overriding such a meeting (ULTRA_VIRES010) do not use this guard."""
    return bool(_SELF_GOVERNING_RE.search(ctx.sentence) or (ctx.list_lead and _SELF_GOVERNING_RE.search(ctx.list_lead)))


def statutory_approval(ctx: MatchContext) -> bool:
    """The approval the match asks for is one a statute gives to the body the request goes to
    (rules/vocab/powers.yaml: 水土保持方案 报水行政主管部门审批, 大型群众性活动 由公安机关核准安全许可):
    the sentence restates the law. The same approval asked of a body the statute does not name
    (须经街道办事处审批), or one the table does not hold, stays the rule's to report. The sequel of such a
    request in the next part of the sentence (…；未经批准的，不得动工) restates it too."""
    from reviewer.rules.powers import approved_by_holder, permit_from_holder, sequel_approved_by_holder

    measures = tuple(m for m in ctx.vocabulary if m.powers)
    if not measures:
        return False
    return any(found(ctx, measures) is not None
               for found in (approved_by_holder, permit_from_holder, sequel_approved_by_holder))


def statutory_designation(ctx: MatchContext) -> bool:
    """The designation the match names is one a statute makes, named as the statute names it
    (rules/vocab/powers.yaml: 计量行政部门指定的计量检定机构, 卫生健康主管部门指定的接种单位, 设区的市
    确定的定点屠宰厂): the sentence restates the law. Another body designating, or a firm picked by
    name, stays the rule's to report."""
    from reviewer.rules.powers import designated_by_holder

    measures = tuple(m for m in ctx.vocabulary if m.powers)
    return bool(measures) and designated_by_holder(ctx, measures) is not None


GUARD_FUNCS: dict[str, Callable[[MatchContext], bool]] = {
    "negated": negated,
    "cites_basis": cites_basis,
    "generic_basis": generic_basis,
    "own_staff": own_staff,
    "topic": topic,
    "facilitative": facilitative,
    "conditional": conditional,
    "statutory_deposit": statutory_deposit,
    "statutory_designation": statutory_designation,
    "self_governed": self_governed,
    "priced_charge": priced_charge,
    "catalogued_charge": catalogued_charge,
    "statutory_permit": statutory_permit,
    "statutory_approval": statutory_approval,
    "restriction_forbidden": restriction_forbidden,
    "duty_on_local_parties": duty_on_local_parties,
    "equal_terms": equal_terms,
    "non_market_case": non_market_case,
}
