"""Context guards: each recognises one kind of lawful look-alike, and only that kind."""

from __future__ import annotations

import re

import pytest

from reviewer.model import SourceText
from reviewer.pipeline import build_document
from reviewer.rules.guards import GUARD_FUNCS, MatchContext
from reviewer.rules.matchers import SentenceSplitter
from reviewer.rules.schema import GUARDS

from tests.rule_helpers import reported_by_rules


def ctx(text: str, target: str) -> MatchContext:
    """The context of the first occurrence of ``target`` in ``text``."""
    doc = build_document(SourceText("t", "text", text))
    start = text.index(target)
    s, e = SentenceSplitter(text).bounds(start)
    return MatchContext(doc, s, e, start, start + len(target))


def guard(name: str, text: str, target: str) -> bool:
    return GUARD_FUNCS[name](ctx(text, target))


def test_guard_names_match_the_schema():
    assert set(GUARD_FUNCS) == set(GUARDS)


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("行政机关不得收取任何费用。", "收取任何费用", True),
        ("办理居住证免收工本费。", "工本费", True),
        ("市场主体有权拒绝任何形式的摊派。", "摊派", True),
        ("对轻微违法的，不采取扣留车辆等措施。", "扣留车辆", True),
        ("经营户应当缴纳管理费。", "缴纳管理费", False),
        # The negation belongs to another sub-sentence: the fine still stands.
        ("不得拒绝检查，否则处500元罚款。", "处500元罚款", False),
        # A helper said not to take part in the measure.
        ("网格员只负责发现和报告，不参与扣押物品。", "扣押", True),
        ("网格员发现后可以扣押物品，不参与罚款。", "扣押", False),
        ("民营企业不得参与本县客运班线的经营。", "不得参与本县客运班线的经营", False),
    ],
)
def test_negated_reads_polarity_in_the_sub_sentence(text, target, expected):
    assert guard("negated", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("执法人员可以依法扣押涉案物品。", "扣押", True),
        ("对违法行为依照有关法律法规予以罚款。", "罚款", True),
        ("处500元罚款，依法缴入国库。", "罚款", False),
        ("对违章搭建的棚户，一律依法查封。", "查封", False),
    ],
)
def test_generic_basis_counts_only_before_the_match_and_not_for_blanket_orders(text, target, expected):
    assert guard("generic_basis", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("执法人员要规范暂扣物品的登记保管。", "暂扣物品", True),
        ("各部门要严格按照清单实施审批。", "审批", True),
        ("党员干部操办婚宴，应当事先报告，宴席不得超过十桌。", "宴席不得超过", True),
        # 由 makes the department the agent of a measure on the public.
        ("占道经营的，由城管部门没收经营工具。", "没收经营工具", False),
        # The department is an attribute (…的要求), not the subject.
        ("根据区政府查处违建的要求，对违建终止服务。", "终止服务", False),
        # An amount means the sentence sets something on someone.
        ("工作人员应当收取押金200元。", "收取押金", False),
        # Staff bearing their own cost: the person who leads the sentence pays.
        ("机关干部报名参加在职学历教育的，学费由个人承担。", "学费由个人承担", True),
        ("经营户报名参加技能培训的，培训费由个人承担。", "培训费由个人承担", False),
        ("工作人员上门办理户籍迁移的，上门服务费由个人承担。", "上门服务费由个人承担", False),
    ],
)
def test_own_staff_needs_the_staff_as_subject(text, target, expected):
    assert guard("own_staff", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("需要强制拆除的，应当先行公告。", "强制拆除", True),
        ("逾期未拆除的，由街道强制拆除。", "强制拆除", False),
    ],
)
def test_conditional_recognises_a_case_description(text, target, expected):
    assert guard("conditional", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("修建村道需群众出资的，出资方案由村民会议表决，每人每年不超过二十元。", "出资", True),
        ("各村按每人二十元筹集修路资金，年底前上交镇财政所。", "筹集", False),
    ],
)
def test_self_governed_reads_the_members_own_meeting(text, target, expected):
    assert guard("self_governed", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("依照《中华人民共和国道路交通安全法》第九十条处二百元罚款。", "罚款", True),
        # A provincial regulation the catalogue does not list still names a legal basis.
        ("依照《某省大气污染防治条例》第三十条处五千元罚款。", "罚款", True),
        # A repealed law grounds nothing.
        ("依照《中华人民共和国食品卫生法》第四十条处罚款。", "罚款", False),
        # A …法 that no national law is called: a wrong title grounds nothing.
        ("依照《中华人民共和国大气环境法》第九十九条处罚款。", "罚款", False),
        # A village covenant or a plain notice is not law.
        ("根据《村规民约》之规定，缴纳罚款500元。", "罚款", False),
        ("根据县政办发〔2019〕3号文件，处罚款。", "罚款", False),
    ],
)
def test_cites_basis_policy(text, target, expected):
    assert guard("cites_basis", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("加强收费管理，公布收费目录清单。", "收费目录", True),
        ("新建住宅按每平方米10元收取配套费。", "收取配套费", False),
    ],
)
def test_topic_tells_talk_from_command(text, target, expected):
    assert guard("topic", text, target) is expected


def test_facilitative_wording():
    assert guard("facilitative", "企业可以自愿加入行业协会。", "加入")
    assert not guard("facilitative", "企业必须加入行业协会。", "加入")


def test_guard_patterns_never_use_word_boundaries():
    import reviewer.rules.guards as g

    for value in vars(g).values():
        if isinstance(value, re.Pattern):
            assert "\\b" not in value.pattern


# --- guards that must not exempt a measure merely because the right words are nearby ---------

PLAN = "清河区关于开展城乡环境综合整治的实施方案\n"


@pytest.mark.parametrize(
    "text, target, expected",
    [
        # A work plan that talks about fees sets nothing ...
        (PLAN + "（二）加强收费管理，规范涉企收费行为。", "涉企收费", True),
        (PLAN + "（二）区财政局要进一步规范行政事业性收费。", "行政事业性收费", True),
        # ... but once a command precedes the measure, the sentence orders it.
        (PLAN + "加强出租房屋管理，出租人须到社区登记，未登记的不得出租。", "未登记的不得出租", False),
        # A condition or a purpose is not topic talk.
        (PLAN + "（三）对整治期间拒不整改的经营户，由镇人民政府没收其经营工具。", "没收其经营工具", False),
        (PLAN + "为规范市场秩序，经营户须经市场服务中心审核同意后方可进场经营。", "须经市场服务中心审核同意后方可", False),
    ],
)
def test_topic_is_topic_talk_only(text, target, expected):
    assert guard("topic", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("各部门要规范暂扣、没收物品的登记保管。", "没收物品", True),
        # Staff as agents of a measure on the public: the clause sets the measure.
        ("各乡镇要对辖区内拒不拆除的违章建筑予以强制拆除。", "强制拆除", False),
        ("县直各部门要对违规操办宴席的群众予以通报批评。", "予以通报批评", False),
    ],
)
def test_own_staff_excludes_measures_on_outsiders(text, target, expected):
    assert guard("own_staff", text, target) is expected


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("对违法行为依法予以没收。", "予以没收", True),
        # 依法 describing the offence, or inside the condition, is not deference.
        ("对未依法取得许可擅自经营的，扣押其经营工具。", "扣押其经营工具", False),
        ("对依法应当办理登记而未办理的，处二百元罚款。", "处二百元罚款", False),
    ],
)
def test_generic_basis_needs_deference_that_governs_the_measure(text, target, expected):
    assert guard("generic_basis", text, target) is expected


def test_a_county_document_is_no_basis_but_a_provincial_rule_is():
    county = "根据《青山县城乡环境卫生管理办法》，对乱倒垃圾的，处二百元罚款。"
    province = "根据《某省城乡环境卫生管理办法》第十二条，对乱倒垃圾的，处二百元罚款。"
    assert guard("cites_basis", county, "处二百元罚款") is False
    assert guard("cites_basis", province, "处二百元罚款") is True


def test_words_inside_a_cited_title_are_not_measures():
    from reviewer.pipeline import check_text

    text = "本通知自发布之日起施行，原《关于收取农贸市场摊位管理费的通知》同时废止。"
    assert not [f for f in check_text(text).findings if f.family == "FEE"]


def test_a_body_line_after_a_short_title_is_checked():
    from reviewer.pipeline import check_text

    text = "清河区城区养犬管理\n养犬人未为犬只佩戴犬牌的，处二百元罚款。"
    assert [f.code for f in check_text(text).findings if f.family == "PENALTY"] == ["PENALTY001"]


def test_a_negation_right_before_the_match_counts():
    assert guard("negated", "考试报名不收取考务费。", "收取考务费") is True
    assert guard("negated", "报名须收取考务费。", "收取考务费") is False


def test_a_county_wide_scope_is_not_the_bodys_own_staff():
    assert guard("own_staff", "全县个体工商户须加入县个体劳动者协会。", "须加入") is False
    assert guard("own_staff", "全县各部门要严格执行收费公示制度，不得收取费用。", "收取费用") is True


def test_definitions_set_nothing():
    from reviewer.pipeline import check_text

    text = "本办法所称行政事业性收费，是指行政机关依法收取的费用。"
    assert not check_text(text).findings


def test_near_looks_at_the_whole_clause():
    from reviewer.pipeline import check_text

    text = "第五条 乡镇主要负责人年度考核定为不称职；连续两年未完成任务的，予以降级。"
    assert "SANCTION001" in {f.code for f in check_text(text).findings}


def test_measures_named_as_kinds_of_decision_are_not_imposed():
    from reviewer.pipeline import check_text

    named = "对较大数额罚款、没收较大数额违法所得、吊销许可证件、责令停产停业等行政处罚决定，应当进行法制审核。"
    imposed = "对拒不整改的，采取查封、扣押等措施。"
    assert not [f for f in check_text(named).findings if f.family in ("PENALTY", "COERCION")]
    assert [f for f in check_text(imposed).findings if f.family == "COERCION"]


def test_the_lead_of_a_list_governs_its_items():
    from reviewer.pipeline import check_text

    basis = ("第十条 县级以上市场监督管理部门有权依照《中华人民共和国食品安全法》第一百一十条的规定采取下列措施：\n"
             "（一）进入生产经营场所实施现场检查；\n（二）查封违法从事生产经营活动的场所。\n")
    prohibited = "第五条 行政机关不得有下列行为：\n（一）向市场主体收取不合理费用；\n（二）强制市场主体参加评比。\n"
    no_basis = "第十条 对违反本办法的经营者，可以采取下列措施：\n（一）查封其经营场所；\n（二）扣押其经营工具。\n"
    assert not [f for f in check_text(basis).findings if f.family == "COERCION"]
    assert not [f for f in check_text(prohibited).findings if f.family in ("FEE", "RIGHTS")]
    assert len([f for f in check_text(no_basis).findings if f.family == "COERCION"]) == 2


# duty_on_local_parties: the area's parties as the subject a duty binds (劳动合同法 binds every employer
# in the county) are no favour; a condition, a benefit or a bar on taking part still is.
@pytest.mark.parametrize("sentence, reported", [
    ("本区用人单位招用劳动者，应当依法订立书面劳动合同。", False),
    ("凡本县注册的企业均须按规定报送统计数据。", False),
    ("本县企业参与投标的，应当提交本地纳税证明。", True),
    ("本县企业应当优先采购本县生产的建材。", True),
    ("本县无注册建造师的企业不得参与投标。", True),
])
def test_local_parties_bound_by_a_duty_are_not_favoured(sentence, reported):
    assert ("COMPETITION" in {f.family for f in reported_by_rules(sentence)}) is reported


@pytest.mark.parametrize("sentence, reported", [
    ("本省以外的农资企业在本县销售种子，一律须接受县农业农村局专项检查。", True),  # outsiders, not the area's own
    ("本县以外的劳务公司承揽工程，须另行备案。", True),
    ("本县建筑施工企业须依法取得安全生产许可证。", False),  # 许可 is no 可以
    ("本市企业须按规定参加工伤保险。", False),  # 参加 insurance is no taking part in a tender
])
def test_local_parties_read_by_the_first_review(sentence, reported):
    assert ("COMPETITION" in {f.family for f in reported_by_rules(sentence)}) is reported
