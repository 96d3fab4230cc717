"""The shared clause analysis: referral steps, imposition, addressee, and what rules see of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli.main import cli
from reviewer.errors import RuleError
from reviewer.explain import explain
from reviewer.model import SourceText
from reviewer.pipeline import build_document, check_text
from reviewer.rules.agents import agent
from reviewer.rules.analysis import addressee, analyse
from reviewer.rules.guards import MatchContext
from reviewer.rules.vocab import load_measures

from tests.rule_helpers import reported_by_rules as _reported_by_rules



def _families_by_rules(text: str, level: str = "行政规范性文件") -> set[str]:
    return {f.family for f in _reported_by_rules(text, level)}


def _codes_by_rules(text: str, level: str = "行政规范性文件") -> set[str]:
    return {f.code for f in _reported_by_rules(text, level)}



def _ctx(text: str, word: str) -> MatchContext:
    doc = build_document(SourceText(path="<t>", format="text", text=text))
    start = text.index(word)
    end_of_sentence = next((i + 1 for i in range(start, len(text)) if text[i] in "。；"), len(text))
    return MatchContext(doc, 0, end_of_sentence, start, start + len(word))


@pytest.mark.parametrize("text, word, step", [
    ("依照《关于收取管理费的通知》执行。", "收取管理费", "title"),
    ("本办法所称保证金，是指经营户交存的款项。", "保证金", "definition"),
    ("对吊销许可证等重大行政处罚决定，应当组织听证。", "吊销许可证", "category"),
    ("被扣留的车辆应当妥善保管。", "扣留", "passive"),
    ("查封、扣押的期限不得超过三十日。", "查封", "noun"),
    ("需要暂扣驾驶证的，由县公安交管部门决定。", "暂扣驾驶证", "procedure"),
    ("凡没有法律依据的证明材料一律取消。", "证明", "removed"),
    ("未经批准擅自建设的，按违法建设处理。", "批准", "offence"),
    ("重大执法决定包括：（一）吊销许可证件；（二）责令停产停业。", "责令停产停业", "category"),
    ("关于收取占道费的规定，一律停止执行。", "收取占道费", "removed"),
    ("对违规罚款的执法人员，依法给予处分。", "罚款", "offence"),  # the misconduct punished
    # Figures of a past period and a finding already put right: what was counted or found.
    ("2024年全县共收取污水处理费3100万元。", "收取污水处理费", "category"),
    ("2023年罚没收入1200万元，同比下降12%。", "罚没", "category"),
    ("督查发现，三个街道向摊贩摊派创卫经费，现已全部退还。", "摊派", "category"),
])
def test_referral_steps_name_why_a_measure_is_only_mentioned(text, word, step):
    assert analyse(_ctx(text, word)).referral == step


@pytest.mark.parametrize("text, word, measure, step", [
    ("用人单位应当按月为职工缴纳社会保险费。", "缴纳社会保险费", "fee_charge", "owed"),
    ("承租人应当按合同约定按季度缴纳租金。", "缴纳租金", "fee_charge", "owed"),
    ("报名时须缴纳考务费200元。", "缴纳考务费", "fee_charge", ""),  # a charge the document sets
    ("开工时已交纳履约担保金的，不再另外预留。", "交纳履约担保金", "fee_charge", "passive"),
])
def test_payments_set_by_law_or_already_made_set_no_charge(text, word, measure, step):
    from dataclasses import replace

    assert analyse(replace(_ctx(text, word), measure=measure)).referral == step


@pytest.mark.parametrize("text, word, kind", [
    ("对拒不整改的经营户，扣押其车辆。", "扣押", "consequence"),
    ("经营户须交纳保证金。", "保证金", "command"),
    ("取得街道同意后方可开业。", "同意", "precondition"),
    ("投标人注册地在本县的，得3分。", "注册地在本县", "requirement"),
    ("鼓励外地企业在本市设立研发中心。", "在本市设立", "encouragement"),
    ("婚宴一律不得超过十五桌。", "婚宴", "command"),
    # A failure that runs into the measure without a comma is its condition all the same.
    ("检测站每年评议一次，评议不达标的吊销其备案。", "吊销", "consequence"),
    ("逾期仍未补正材料的撤销登记。", "撤销登记", "consequence"),
    # …的[party] with no comma before the measure: the party the condition names
    ("年检未达标的门店予以注销备案。", "注销备案", "consequence"),
    # the work handed to a body: who acts, which only the rules about who acts count
    ("县文旅集团负责旅行社等级评定的审核。", "审核", "assignment"),
])
def test_imposition_names_the_cue(text, word, kind):
    result = analyse(_ctx(text, word))
    assert (result.referral, result.imposition) == ("", kind)


def test_explicit_cues_keep_errors_and_weak_ones_become_warnings():
    explicit = check_text("违反本通知的，没收其经营工具。", select=("PENALTY008",)).findings
    assert [f.severity.value for f in explicit] == ["error"]
    weak = check_text("市场开办方统一收缴摊贩的经营工具并集中存放在市场仓库内。", select=("PENALTY008",)).findings
    assert [f.severity.value for f in weak] == ["warning"]


def test_addressee_tells_own_staff_from_the_public():
    assert addressee(_ctx("各部门要严格审批程序。", "审批")) == "own_staff"
    assert addressee(_ctx("经营户须到街道审批。", "审批")) == "public"


def _bodies():
    from reviewer.rules.loader import default_ruleset

    return next(r for r in default_ruleset() if r.code == "ULTRA_VIRES027").actor


# Sentences written for this test: who carries the measure out.
@pytest.mark.parametrize("text, word, found", [
    ("对乱停放的电动车，由小区保安统一暂扣。", "暂扣", "保安"),
    ("协会可以通知会员单位暂停其经营资格。", "暂停", "协会"),
    ("对违规摆摊的，由社区收缴其经营工具。", "收缴", "社区"),
    ("村民委员会协助镇政府做好违建拆除工作。", "拆除", ""),  # a helper
    ("网格员发现后报告执法中队，由其暂扣。", "暂扣", ""),  # a messenger
    ("经村委会同意后，由县自然资源局拆除。", "拆除", ""),  # 经…: not the agent
    ("物业公司发现违规装修的，由城管局责令停工并予以拆除。", "拆除", ""),  # the condition's subject
])
def test_agent_is_the_body_that_carries_the_measure_out(text, word, found):
    assert agent(_ctx(text, word), _bodies()) == found


@pytest.mark.parametrize("text, word, found", [
    ("开办托管班的，须报社区网格站同意。", "同意", "社区网格站"),
    ("商户更换门头，应当经业委会审批。", "审批", "业委会"),
    ("建房申请经村委会审查后报镇政府审批。", "审批", ""),  # a first review passed on to an agency
    ("拆除方案应当征求村委会意见后报批。", "报批", ""),  # an opinion only
])
def test_approver_is_the_body_that_approves(text, word, found):
    assert agent(_ctx(text, word), _bodies(), "approver") == found


@pytest.mark.parametrize("text", [
    "无论是否在本县注册，中标后均须在本县设立售后服务网点。",  # the obligation after the equal words
    "除投标保证金外，投标人还应当缴纳诚信保证金五万元。",  # an exception list that adds, not forbids
])
def test_equal_words_and_exception_lists_do_not_hide_what_follows(text):
    from reviewer.evaluate import reported

    assert reported(check_text(text, path="<t>").findings)


def test_a_rule_about_who_acts_reports_only_bodies_without_power():
    assert "ULTRA_VIRES027" in {f.code for f in check_text("对在绿地内露营的，由公园协管员暂扣其帐篷。").findings}
    assert "ULTRA_VIRES027" not in {f.code for f in check_text("对在绿地内露营的，由园林局暂扣其帐篷。").findings}
    out = CliRunner().invoke(cli, ["explain", "对在绿地内露营的，由公园协管员暂扣其帐篷。", "--select", "ULTRA_VIRES027"])
    assert "实施者（agent）：协管员" in out.output


def test_findings_carry_the_analysis_in_json(tmp_path: Path):
    path = tmp_path / "d.txt"
    path.write_text("对违反本办法的摊贩，没收其经营工具。\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(path), "-f", "json"]).output
    import json

    finding = json.loads(out)["documents"][0]["findings"][0]
    assert {"measure", "imposition", "cue", "addressee"} <= finding.keys()
    assert finding["imposition"] == "consequence" and finding["addressee"] == "public"


def test_one_problem_per_family_where_rules_meet():
    findings = check_text("对违反本办法的，处500元罚款。").findings
    assert [f.family for f in findings].count("PENALTY") == 1


def test_explain_shows_every_step():
    steps = explain("需要暂扣驾驶证的，由公安机关决定。")
    assert steps and all(not s.reported for s in steps)
    assert {s.referral for s in steps} == {"procedure"}
    result = CliRunner().invoke(cli, ["explain", "对拒不整改的，扣押其车辆。"])
    assert result.exit_code == 0 and "设定方式" in result.output and "→ 报告" in result.output


@pytest.mark.parametrize("args, message", [
    (["explain", "   "], "没有要说明的文字"),
    (["explain", "扣押车辆。", "--select", "XYZ"], "没有以此开头的规则编号"),
])
def test_explain_refuses_blank_text_and_unknown_rule_prefixes_in_chinese(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("data, message", [
    ({"measures": [{"name": "Fine"}]}, "Fine → name"),
    ({"measures": [{"name": "fine", "families": ["NOPE"]}]}, "fine → families"),
    ({"measures": [{"name": "fine", "families": ["PENALTY"], "pattern": "罚(", "triggers": ["罚"]}]}, "fine → pattern"),
    ({"measures": [{"name": "fine", "families": ["PENALTY"], "pattern": "罚款", "triggers": ["罚"],
                    "names": ["没收"]}]}, "fine → names → 1"),
    ({"terms": {"body": "村委会"}, "measures": []}, "terms → body"),
    ({"terms": {"body": ["村委会", "村委会"]}, "measures": []}, "terms → body: 词语重复"),
    ({"measures": [{"name": "fine", "families": ["PENALTY"], "pattern": "{body}罚款", "triggers": ["罚"]}]},
     "fine → pattern: 未定义的词表 {body}"),
    ({"terms": {"body": ["村委会"]},
      "measures": [{"name": "fine", "families": ["PENALTY"], "pattern": "{body}罚款", "triggers": ["{bodies}"]}]},
     "fine → triggers: 未定义的词表 {bodies}"),    ({"terms": {"body": ["村委会"]},
      "measures": [{"name": "fine", "families": ["PENALTY"], "pattern": "{body}罚款", "triggers": ["由{body}"]}]},
     "须单独作为一个触发词"),
])
def test_measure_vocabulary_errors_name_file_measure_and_field(data, message):
    with pytest.raises(RuleError) as err:
        load_measures(Path("rules/vocab/measures.yaml"), data)
    assert message in str(err.value) and "vocab/measures.yaml" in str(err.value)


def test_terms_expand_into_patterns_and_triggers():
    data = {"terms": {"body": ["村委", "村委会", "物业(公司)"]},
            "measures": [{"name": "body_fine", "families": ["ULTRA_VIRES"], "pattern": "{body}(?:可以)?罚款",
                          "triggers": ["{body}", "罚款"], "names": ["村委会可以罚款", "物业(公司)罚款"]}]}
    measure = load_measures(Path("rules/vocab/measures.yaml"), data)["body_fine"]
    assert measure.triggers == ("村委", "村委会", "物业(公司)", "罚款")
    # longest first, so the whole name is the match; the brackets are literal, not a group
    assert measure.compiled.search("由村委会罚款").group(0) == "村委会罚款"
    assert measure.compiled.search("物业公司罚款") is None
    assert "{0,12}" in load_measures(Path("m.yaml"), {"measures": [
        {"name": "q", "families": ["FEE"], "pattern": "收[^，]{0,12}费", "triggers": ["收"]}]})["q"].pattern


def test_a_word_list_reference_in_a_rule_pack_fails_at_load(tmp_path: Path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules" / "vocab", rules / "vocab")
    (rules / "p.yaml").write_text(
        "family: PENALTY\nrules:\n  - code: PENALTY900\n    name: x-y\n    title: 标题\n    severity: error\n"
        "    basis: [{law: 中华人民共和国行政处罚法, article: 第十六条}]\n    message: 说明\n    suggestion: 建议\n"
        "    match: {regex: '{powerless_body}罚款', triggers: [罚款]}\n"
        "    examples: {flag: ['[[村委会罚款]]'], pass: [{text: 无, why: 无}]}\n", encoding="utf-8")
    from reviewer.rules.loader import load_rules

    with pytest.raises(RuleError) as err:
        load_rules(rules)
    assert "PENALTY900" in str(err.value) and "{powerless_body}" in str(err.value)


def test_rule_naming_an_unknown_measure_fails_at_load(tmp_path: Path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules" / "vocab", rules / "vocab")
    (rules / "p.yaml").write_text(
        "family: PENALTY\nrules:\n  - code: PENALTY900\n    name: x-y\n    title: 标题\n    severity: error\n"
        "    basis: [{law: 中华人民共和国行政处罚法, article: 第十六条}]\n    message: 说明\n    suggestion: 建议\n"
        "    match: {measure: [no_such_measure]}\n    examples: {flag: ['[[罚款]]'], pass: [{text: 无, why: 无}]}\n",
        encoding="utf-8")
    from reviewer.rules.loader import load_rules

    with pytest.raises(RuleError) as err:
        load_rules(rules)
    assert "PENALTY900 → match → measure" in str(err.value) and "no_such_measure" in str(err.value)


@pytest.mark.parametrize("match, said", [
    ("{measure: [seizure], actor: no_such_bodies}", "PENALTY900 → match → actor"),
    ("{regex: '扣押', triggers: [扣押], actor: powerless_actor}", "actor 只用于 measure 类规则"),
    ("{measure: [seizure], actor: powerless_actor, actor_role: judge}", "PENALTY900 → match → actor_role"),
    ("{measure: [seizure], actor_role: approver}", "actor_role 须与 actor 一起使用"),
])
def test_a_bad_actor_in_a_user_rules_folder_is_named_in_chinese(tmp_path: Path, match, said):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules" / "vocab", rules / "vocab")
    (rules / "p.yaml").write_text(
        "family: PENALTY\nrules:\n  - code: PENALTY900\n    name: x-y\n    title: 标题\n    severity: error\n"
        "    basis: [{law: 中华人民共和国行政处罚法, article: 第十六条}]\n    message: 说明\n    suggestion: 建议\n"
        f"    match: {match}\n    examples: {{flag: ['由村委会[[扣押]]其车辆'], pass: [{{text: 无, why: 无}}]}}\n",
        encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("由村委会扣押其车辆。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(draft), "--rules", str(rules)])
    assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output


def test_a_procedural_code_grounds_no_measure_but_the_law_that_sets_it_does():
    """设定 belongs to the law that provides the measure: 行政强制法 governs how coercion is done
    and authorises no demolition of its own (its catalogue entry records `measures: []`)."""
    procedural = check_text("依据《中华人民共和国行政强制法》，对逾期不拆除的违法建筑予以强制拆除。").findings
    assert any(f.family == "COERCION" for f in procedural)
    substantive = check_text("依照《中华人民共和国城乡规划法》第六十八条，对逾期不拆除的违法建筑予以强制拆除。").findings
    assert not any(f.family == "COERCION" for f in substantive)


def test_catalogue_measures_must_be_a_list_of_kinds():
    from reviewer.citations import entry_from_dict
    from reviewer.errors import ReviewerError

    base = {"title": "某法", "level": "法律", "status": "有效"}
    assert entry_from_dict(base, "t").measures is None
    assert entry_from_dict({**base, "measures": []}, "t").measures == ()
    with pytest.raises(ReviewerError) as err:
        entry_from_dict({**base, "measures": "罚款"}, "laws.yaml 第1项")
    assert "measures" in str(err.value)


def test_an_article_of_a_procedural_code_grounds_what_that_article_itself_sets():
    """行政处罚法 sets no penalty as a whole, but its 第二十八条 confiscates illegal gains and its
    第五十一条 is the on-the-spot procedure for small fines: citing those articles grounds just that."""
    reporting = {"PENALTY", "COERCION"}
    gains = check_text("违法所得依照《行政处罚法》第二十八条第二款没收，依法应当退赔的先行退赔。").findings
    assert not any(f.family in reporting for f in gains)
    spot = check_text("执法人员依照《行政处罚法》第五十一条，对违法事实确凿的个人当场作出一百元罚款的决定。").findings
    assert not any(f.family == "PENALTY" for f in spot)
    other = check_text("对擅自经营的，依照《行政处罚法》第二十八条处二千元罚款。").findings
    assert any(f.family == "PENALTY" for f in other)  # that article sets no fine


def test_catalogue_article_measures_must_map_articles_to_kinds():
    from reviewer.citations import entry_from_dict
    from reviewer.errors import ReviewerError

    base = {"title": "某法", "level": "法律", "status": "有效", "measures": []}
    law = entry_from_dict({**base, "article_measures": {"第二十八条": ["confiscation"]}}, "t")
    assert law.provided_by("第二十八条第二款") == ("confiscation",) and law.provided_by("第三条") == ()
    with pytest.raises(ReviewerError) as err:
        entry_from_dict({**base, "article_measures": {"总则": ["fine"]}}, "laws.yaml 第1项")
    assert "article_measures" in str(err.value)


def test_an_enabling_law_does_not_cover_the_rules_own_or_blanket_measures():
    text = ("某市燃气管理办法\n第一条 根据《中华人民共和国食品安全法》，结合本市实际，制定本办法。\n"
            "第二条 对未按期缴纳燃气费的用户，一律扣押其车辆。\n")
    codes = {f.code for f in check_text(text, level="规章").findings}
    assert "COERCION001" in codes


def test_a_hand_written_rule_is_exempted_only_for_the_measures_the_cited_law_provides():
    seized = check_text("一、依据《中华人民共和国行政强制法》，对拒不整改的经营户，一律扣押其车辆。").findings
    assert "COERCION001" in {f.code for f in seized}  # 行政强制法 provides 加处罚款, not seizure
    late = check_text("一、逾期不缴纳罚款的，依照《中华人民共和国行政强制法》第四十五条的规定加处罚款。").findings
    assert not any(f.family == "COERCION" for f in late)


def test_a_list_of_firms_named_in_book_marks_is_the_measure_not_a_title():
    # 《…名录》 names the list the clause gates on; 《…办法》 names another document.
    assert analyse(_ctx("凡列入《某区优质供应商名录》的企业方可承接。", "供应商名录")).referral == ""
    assert analyse(_ctx("依照《某区供应商名录管理办法》执行。", "供应商名录")).referral == "title"


def test_equal_treatment_is_not_a_difference_made():
    findings = check_text("外地企业在本县设立分支机构的，享受与本县企业同等待遇。").findings
    assert not [f for f in findings if f.family == "COMPETITION"]


def test_zuochu_imposes_rather_than_refers():
    findings = check_text("对拒不整改的经营户，一律作出罚款五千元的处理。").findings
    assert any(f.family == "PENALTY" for f in findings)


def test_explain_follows_the_engine_on_titles():
    steps = explain("关于对违规停放车辆一律予以扣押的通知\n一、加强停车管理。\n二、本通知自2025年1月1日起施行。\n",
                    select=("COERCION",))
    assert steps and {s.referral for s in steps} == {"skipped-clause"} and not any(s.reported for s in steps)


def test_caches_fail_quietly_without_a_home_folder(monkeypatch):
    import reviewer.cache as cache
    from reviewer import regexes

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("REVIEWER_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "cache_dir", no_home)
    assert cache.cached("x", [], lambda: 42) == 42
    programs = regexes._ProgramCache()
    assert programs.compile("罚款[0-9]+元", 0).search("罚款500元")
    programs._save()  # must not raise


def test_explain_says_when_a_rules_context_test_fails():
    from reviewer.explain import explain, format_steps

    # The directory rule needs a use of the list nearby (选择、优先…); a bare register has none.
    # (A recommended list or a list of service providers is its own use: it steers the choice.)
    steps = [s for s in explain("统计部门每年更新辖区企业名录。") if s.code == "COMPETITION012"]
    assert steps and steps[0].referral == "near" and not steps[0].reported
    assert "本规则要求的上下文（near）" in format_steps(steps)
    used = [s for s in explain("合格的企业录入企业名录，各单位优先从名录中选择。") if s.code == "COMPETITION012"]
    assert used and used[0].referral != "near"


@pytest.mark.parametrize("text, step", [
    # a measure named as a problem to find, or counted in a report
    ("开展专项治理，重点检查行业协会强制入会、强制收费等问题。", "category"),
    ("部分乡镇存在向村级摊派费用的问题，要限期纠正。", "category"),
    # the agency's own time limit on an application it has received
    ("民政部门应当在收到申请之日起二十个工作日内完成审核。", "procedure"),
    # who receives a benefit, described by what it already does
    ("对招用高校毕业生并按时缴纳社会保险费的小微企业，按每人八百元给予一次性补贴。", "attributive"),
])
def test_referral_steps_for_talk_about_measures(text, step):
    from reviewer.explain import explain

    steps = explain(text)
    assert steps and all(not s.reported for s in steps)
    assert step in {s.referral for s in steps}


def test_a_meeting_that_agrees_is_the_issuing_step_and_a_decision_made_is_no_noun():
    from reviewer.explain import explain

    agreed = [s for s in explain("会议同意，相关项目经县住建局审核后实施。") if s.match == "同意"]
    assert agreed and agreed[0].referral == "issuing"
    made = [s for s in explain("区拆违办可直接对违建业主作出罚款决定。") if s.code == "PENALTY008"]
    assert made and made[0].referral == "" and made[0].reported


def test_a_prohibition_holding_a_condition_sets_the_condition():
    from reviewer.explain import explain

    # 严禁…未经…进入: the entry needs the check; 不得收取未经批准的费用: a kind of charge, negated.
    assert any(s.reported for s in explain("严禁未经街道办事处审批在门前搭建遮阳棚。"))
    assert not any(s.reported for s in explain("学校不得向学生收取任何未经批准的费用。"))


def _family_steps(text: str, prefix: str):
    """explain()'s steps for the rules whose code starts with ``prefix`` (a family)."""
    from reviewer.explain import explain

    return [s for s in explain(text) if s.code.startswith(prefix)]


# One sentence, the family whose steps decide it, and whether the engine reports it.
@pytest.mark.parametrize("text, family, reported_", [
    # 缴纳保证金的企业方可参加: the attributive words, but they gate participation
    ("交存施工保证金的企业方可参加本乡道路项目。", "FEE", True),
    # a cap on a deposit requires none; a rate to pay does
    ("工程质量保证金预留比例不得高于结算总额的百分之三。", "FEE", False),
    ("承包人须按结算总额的百分之五缴纳工程质量保证金。", "FEE", True),
    # a charge removed after a comma; after a sanction the same words add one
    ("对没有法律依据的押金，一律取消。", "FEE", False),
    ("对擅离岗位的工作人员给予记过处分，取消当年评优资格。", "SANCTION", True),
    # a statutory deposit capped in one sentence and payable by guarantee in the next
    ("投标保证金不超过采购项目预算金额的2%。供应商可以银行保函提交。", "FEE", False),
    # 未缴纳…的村民暂缓发放: no comma between the condition and its party
    ("未参加新农合的村民暂缓发放种粮补贴。", "RIGHTS", True),
    # 报…认定，列入名录后方可: the first step is part of the gate
    ("新设网点须报县邮政管理部门认定，列入网点名录后方可营业。", "LICENSE", True),
])
def test_the_steps_decide_what_is_reported(text, family, reported_):
    steps = _family_steps(text, family)
    assert steps and any(s.reported for s in steps) is reported_


def test_command_words_inside_other_words_command_nothing():
    from reviewer.rules.analysis import _COMMAND_RE

    assert not _COMMAND_RE.search("供应商可以通过响应文件说明")
    assert not _COMMAND_RE.search("重要的是主要产业的要素保障")
    assert _COMMAND_RE.search("供应商应当提交") and _COMMAND_RE.search("各村要组织")


def test_bodies_without_public_power_exercising_it_are_reported():
    from reviewer.explain import explain

    steps = explain("县物业协会可以对会员企业实施日常检查，对违规企业责令停业整顿。")
    assert any(s.reported and s.code == "ULTRA_VIRES016" for s in steps)


# Lawful sentences a reviewer wrote against this session's new kinds (2026-12-02); each drew a
# warning before the precision fixes.
_LAWFUL_LOOKALIKES = (
    "本项目接受网上报名，也接受现场报名。",
    "其余款项待下一年度预算安排后拨付。",
    "区政府负责审定区级财政投资项目的概算价格。",
    "县统计局负责制定价格指数统计调查方案。",
    "供电公司负责对辖区内供电设施开展日常检查。",
    "某某有限公司违法经营的，由市场监管局依法对其作出罚款决定。",
    "物业服务企业违反规定的，住建部门可以依法责令其限期改正。",
    "企业招聘高校毕业生的，应当报县人社局备案，按规定享受社保补贴。",
    "单位职工出差应当填写出差审批单，报告行程安排。",
    "经住户同意，社区工作人员可以进入居民家中查看独居老人生活情况。",
    "行政机关不再对已注销的企业开展执法检查。",
    "村民会议对村集体重大事项具有决定权。",
    "上级行政机关有权对下级机关的违法决定予以撤销。",
    "外地供应商与本地供应商在投标、中标方面享有同等权利。",
    "单个合同金额达到400万元以上的政府采购项目应当实行公开招标。",
    "企业应当按照消防部门出具的整改意见后进行整改。",
    "对违法建筑内的物品，当事人应当自行清出并集中存放于指定地点。",
    "除国家规定的条件外，各地不得另设条件，申请人应当如实提交材料。",
    "水务公司因管网检修需要停水的，应当提前24小时通知用户。",
    "对符合条件的企业，经县政府批准后给予一次性奖励。",
    "工业用电价格按照国家和省核定的标准执行。",
)


# Lawful clauses of internal management, procedure and clean-ups that drew a finding before the
# analysis learnt their shape (written for the test; the shapes come from probe13's read half).
_LAWFUL_INTERNAL_AND_PROCEDURE = [
    "清理行政审批中介服务事项，凡没有法律法规依据的一律取消。",  # 政审 inside 行政审批
    "情节严重的，由发证机关依法吊销其经营许可证。",  # 依法: the law sets the revocation
    "携犬出户未束犬链的，依照《某市养犬管理条例》责令改正；拒不改正的，依照该地方性法规处以罚款。",
    "3.执法人员必须规范着装，一律统一使用执法记录仪。",  # staff after a list number
    "全体机关干部必须严格遵守规定，一律不得接受管理服务对象宴请。",
    "被考核单位发生重大安全事故的，年度考核不得确定为先进单位。",  # a unit's rank, no staff sanction
    "涉及突发事件的信息，一律由县新闻办统一审核发布。",  # a public office, no market designation
    "检查对象从辖区市场主体名录库中随机抽取，检查人员从执法人员名录库中随机选派。",
    "依据《中华人民共和国防洪法》第四十五条，县防汛抗旱指挥部决定对沿河低洼地带群众实施紧急转移。",
    "原文件中要求商户缴纳押金的条款予以删除。",
    "对保留的保证金，推行银行保函替代现金缴纳。",  # eases a deposit
    "审批机关在作出决定前，应当告知申请人享有要求听证的权利。",  # the agency's name
    "决定不予受理的，应当说明理由。",
    "按企业上一年度为职工缴纳养老保险费总额的50%发放补贴。",  # the payment is the subsidy's base
    # a law cited earlier in the same sentence group, before a "；"
    "经营烟草制品零售业务的，应当依照《中华人民共和国烟草专卖法》第十六条取得烟草专卖零售许可证；未经许可的，不得经营烟草制品零售业务。",
    "已收取的履约保证金，在项目验收合格后十日内予以返还。",
    "全面清理规范涉企保证金，除投标、履约、工程质量保证金外，其他保证金一律取消。",
]




@pytest.mark.parametrize("text, family", [
    ("（二）各乡镇要推进殡葬改革，家属私自土葬的，由村干部组织起坟火化。", "COERCION"),  # a body leads, acting on others
    ("考核不合格的工作人员，取消其当年评优资格。", "SANCTION"),  # staff, not a unit
    ("对未缴纳卫生费的商户，一律暂扣其营业执照。", "PENALTY"),  # no deference to law
    # a full stop ends a cited law's reach: the next sentence adds a local restriction
    ("依照《某省矿产资源管理条例》第二十一条，运输矿产品须办理准运证。"
     "从外省进入本县的运输车辆未提供本县出具的证件的，不得承运。", "COMPETITION"),
])
def test_the_same_shapes_still_report_what_they_impose(text, family):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert family in {f.family for f in reported(check_text(text, path="<unlawful>").findings)}


# Kinds said in words the vocabulary lacked (shapes from probe14's read half, sentences written
# for the test): each is now found under its family by the rules alone.
@pytest.mark.parametrize("text, family", [
    ("施工现场扬尘超标的，由街道责令该工地全面停工整改五日。", "PENALTY"),
    ("闯红灯的行人，除依法处理外，在区政务公众号公布其照片及姓名。", "PENALTY"),
    ("共享单车企业乱停放车辆超过规定比例的，核减其下季度投放配额20%。", "PENALTY"),
    ("举办大型促销活动的，主办方应当事先取得街道出具的活动准办证明。", "LICENSE"),
    ("社区居委会有权叫停未经报备的居民自发活动。", "ULTRA_VIRES"),
    ("村民会议通过的与本办法不符的条款一律无效。", "ULTRA_VIRES"),
    ("各物业企业上调物业服务收费的，须事先征得街道办同意。", "ULTRA_VIRES"),
    ("新增的出租汽车经营权全部配置给县公交公司，不面向社会公开配置。", "COMPETITION"),
    ("已申请行政复议的，不得再向信访部门反映同一事项。", "RIGHTS"),
    # who wields a measure, holding until the party complies, remedies cut (kinds from the read
    # halves of probes 15 and 16)
    ("小区物业对拖欠物业费的业主，可以暂停该房屋供水。", "COERCION"),
    ("小区物业对拖欠物业费的业主，可以暂停该房屋供水。", "ULTRA_VIRES"),  # a firm has no such power
    ("对酒后闹事人员，由村巡逻队将其留在村部，待家属签字后再行放行。", "COERCION"),
    ("村红白理事会发现超标办酒的，有权当场叫停。", "ULTRA_VIRES"),
    ("调解结论即为终局结论，当事人不得再申请仲裁。", "ULTRA_VIRES"),
    ("街道办事处可以责成村民委员会撤换村务监督委员会成员。", "ULTRA_VIRES"),
    ("本市快递从业人员的最低工资标准由市快递行业协会统一确定。", "ULTRA_VIRES"),
    ("拖欠村集体承包费的，不得被推荐为村民小组长候选人。", "RIGHTS"),
    ("对重复信访人员，由乡镇接回后送法治教育中心学习。", "COERCION"),
    ("违规土葬的遗体，由殡葬执法队起出后火化。", "COERCION"),
    ("省里的规定若与本细则不一致的，本镇一律适用本细则。", "ULTRA_VIRES"),
    ("各商业银行对环保信用评价为差的企业，一律暂停新增授信。", "ULTRA_VIRES"),
    ("授权县交通投资有限公司对客运站周边违停车辆实施处罚。", "ULTRA_VIRES"),
    ("对长期欠缴供暖费的住户，房产交易中心暂缓为其办理过户登记。", "RIGHTS"),
    ("游客在景区内使用的观光车票，不接受外购，统一由景区售票处出售。", "COMPETITION"),
    # kinds from the read halves of probes 18 and 19, sentences written here
    ("节日期间对重点人员，街道可以安排其在指定宾馆居住，由专人陪同。", "COERCION"),
    ("对拒不整改的群租房，社区可以先行收走门禁卡，整改合格后予以返还。", "COERCION"),
    ("对拖欠卫生费的农户，由村委会协调运营商暂停其宽带。", "COERCION"),
    ("农户欠缴水费的，由村里从其耕地地力保护补贴中抵扣。", "COERCION"),
    ("园区企业的年度利润分配方案，须报管委会审核同意后执行。", "ULTRA_VIRES"),
    ("当事人提起行政诉讼前，应当先向区信访局申请复查。", "ULTRA_VIRES"),
    ("辖区各银行新增存款的70%以上应当用于本区信贷投放。", "ULTRA_VIRES"),
    ("涉及本镇重点项目的执行案件，县人民法院采取查封措施前应当征求镇政府意见。", "ULTRA_VIRES"),
    ("城管中队可以根据工作需要对本细则规定的处理标准作出调整。", "ULTRA_VIRES"),
    ("市里规定的停车收费标准在本区不再执行。", "ULTRA_VIRES"),
    ("居委会主任由街道党工委直接任命，不再召开居民会议选举。", "ULTRA_VIRES"),
    ("违规停放的共享单车，由外卖平台企业开展执法检查。", "ULTRA_VIRES"),
    ("对违规销售化肥的门店，由镇农业服务中心予以罚款。", "ULTRA_VIRES"),
    ("参与越级上访的职工，所在单位一律取消其当年绩效奖励。", "RIGHTS"),
    ("学生使用校园网络的，须将个人社交账号和密码报班主任备案。", "RIGHTS"),
    ("全镇农家乐统一使用镇里推荐的燃气灶具，经营户不得使用其他品牌。", "COMPETITION"),
])
def test_kinds_in_new_words_are_found_by_the_rules(text, family):
    assert family in _families_by_rules(text)


_LAWFUL_LOOKALIKES_OF_THE_NEW_WORDS = [
    "评标时，投标人获得的各级奖项同等计分，不区分颁发地。",  # equal treatment stated
    "对劝返复学的学生，学校要安排专人做好学业辅导。",  # 控辍保学, no blockade
    "被征收房屋的价值，由被征收人协商选定的房地产价格评估机构评估确定。",  # the party's own choice
    "不得将职工参与捐赠的情况与评先评优挂钩。",  # a prohibition of the linkage
    "参加本区工程招标的企业，无论注册地在何处，均适用相同的评审办法。",  # equal treatment
    "区政府关于外来施工企业备案管理的通知同时废止。",  # abolished
    "本局行政规范性文件须经合法性审核和局长办公会集体讨论后印发。",  # the document's own procedure
    "村民委员会协助镇人民政府开展违法建设巡查，发现问题及时报告镇综合执法队。",  # helps, reports
    "城市供水价格由县发展改革局依照定价目录统一核定。",  # the pricing authority
    "罚没收入不得与执法人员的考核、奖金挂钩。",  # the prohibition itself
    "丧事用餐提倡不超过八桌，具体由家属自主决定。",  # a recommended cap
    "行业协会应当督促会员企业依法经营，不得组织会员之间约定销售价格。",  # the ban on price fixing
    "工程开工时已经交纳了履约担保金的，完工后不另外扣留质量保证金。",  # a payment already made
    "法律服务机构备选库面向社会公开征集，符合条件的机构均可申请入库。",  # an open list
    "村里修桥需要群众出资的，须经村民会议表决通过，人均额度不超过省里的上限。",  # self-government
    # charges the law sets or prices agreed outside the administration; permits the law sets
    "城镇垃圾处理费按照市价格主管部门核定的标准收取。",  # reviewer/data/fees.yaml, approved price
    "物业费由业主按照物业服务合同的约定交纳。",  # a contract between private parties
    "学会会员按照本会章程的规定缴纳会费。",  # a charter
    "委托检测的，检测费用由委托方支付。",  # the commissioning party pays its contractor
    "网络交易平台应当查验入驻商户的营业执照。",  # a statutory permit, checked
    "实行政府指导价的停车场，经营者不得超出规定幅度收费。",  # the price authority's price
    "当事人的开户银行和账号应当准确填写，以便退还多缴的费用。",  # a refund
    # the body's own unit, a decision naming its maker, a power disclaimed, a correction told
    "本单位公务接待实行审批制度，未经批准不得安排公务宴请。",
    "作出罚款决定的行政机关应当与收缴罚款的机构分离。",
    "议事协调机构不对外作出行政处罚决定，具体执法由职能部门依法实施。",
    "经督查发现，某街道要求商户统一购买指定品牌的灭火器，该街道已纠正。",
    "公务员在受处分期间不得晋升职务、职级和级别；受记过以上处分的，不得晋升工资档次（《中华人民共和国公务员法》第六十四条）。",
    "年度考核的结果作为调整工作人员岗位、工资以及续订聘用合同的依据。",
    "本地企业和外地企业参加本县招标投标活动，适用相同的资格条件。",
    "对外地车辆进入本市，除依法实施的交通管理措施外，不得设置其他限制。",
    "对受灾后生产经营困难的企业，依申请可以缓缴本局征收的行政事业性收费。",
    "当事人对处理决定不服的，可以向本局申请复核，也可以直接依法申请行政复议或者提起行政诉讼。",
    # clean-ups that remove a burden, whatever it was
    "凡在招标文件中要求投标人在本地设立分支机构的，一律予以删除。",
    "各部门自行设立的要求企业出具无违法记录证明的事项，自印发之日起停止执行。",
    "缺乏依据的各类押金项目，一律予以取消，已收取的按期清退。",
    # the scope is everyone; named only in the exceptions to a prohibition
    "企业研发费用奖励的申报标准，适用于所有在本市依法注册的企业。",
    "除法定的投标保证金和履约保证金外，采购人不得向供应商收取其他任何保证金。",
    # bodies that only assist, report or give an opinion; a statute's own periods
    "对违法搭建的，社区居委会应当及时劝阻并报告街道综合行政执法队，由执法队依法查处。",
    "宅基地申请经村民委员会审查后，报乡镇人民政府审批。",
    "申请人对处理决定不服的，可以在六十日内申请行政复议，也可以在六个月内提起行政诉讼。",
]


@pytest.mark.parametrize("text", [*_LAWFUL_LOOKALIKES, *_LAWFUL_INTERNAL_AND_PROCEDURE,
                                  *_LAWFUL_LOOKALIKES_OF_THE_NEW_WORDS])
def test_lawful_lookalikes_draw_nothing(text):
    assert not _reported_by_rules(text)


# A body deciding what belongs to others (shapes from probe12's read half, sentences written here).
@pytest.mark.parametrize("text, reported_", [
    ("领导小组办公室印发的工作提示，与县政府文件具有同等约束力，各相关企业应当遵照执行。", True),
    ("村集体资产的出租、出让和处置，由乡镇人民政府作最终决定。", True),
    ("镇人民政府可以根据工作需要临时调用辖区内村民的车辆、场地。", True),
    ("区属各类企业职工工资年增幅不得超过百分之八。", True),
    ("村集体资产的出租、出让和处置，由村民会议作最终决定。", False),  # the villagers' own body
    ("电子证照与纸质证照具有同等法律效力。", False),  # the law gives it
    ("企业职工工资增长幅度由企业依法自主确定，不得低于最低工资标准。", False),
])
def test_a_body_deciding_what_belongs_to_others_exceeds_its_powers(text, reported_):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert ("ULTRA_VIRES" in {f.family for f in reported(check_text(text).findings)}) is reported_


# Rights cut in words the vocabulary lacked (shapes from probe12's read half, sentences written here).
@pytest.mark.parametrize("text", [
    "家庭成员中有人被判处刑罚的，该户当年不参加集体分红。",
    "信访事项已经答复的，信访人不得再以电话、网络等任何形式反映同一问题。",
    "应聘人员须提交乙肝五项检查报告，结果为阳性的不予录用。",
    "未参加社区志愿服务登记的家庭，其适龄子女不列入学区派位名单。",
    "全体职工每人捐出一日工资支持慈善活动，由财务科在当月工资中统一代扣。",
    "养老金资格认证一律由本人到社保所现场办理，不得委托亲属代办。",
])
def test_rights_cut_in_new_words_are_found(text):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert "RIGHTS" in {f.family for f in reported(check_text(text).findings)}


def test_withholding_a_tax_by_law_is_no_fee():
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert not reported(check_text("单位应当代扣代缴职工个人所得税和社会保险费。").findings)


# A fresh reader's cases against this session's steps (sentences written for the review).
@pytest.mark.parametrize("text, family", [
    ("经营户违反市场管理的规定，取消摊位，没收保证金。", "PENALTY"),  # a rule broken is no rule abolished
    ("不遵守村规民约的规定，停止供水并罚款五百元。", "COERCION"),
    ("违规经营的，无论情节轻重均适用同一标准处罚款2000元。", "PENALTY"),  # equal treatment of offenders
    ("本地外地车辆一律适用同一标准，每车每次收取通行费20元。", "FEE"),  # equal, but still a charge
    ("无论是否本地企业均可报名，中标后须在本县注册子公司。", "COMPETITION"),
    ("已交房业主一律缴纳装修保证金5000元。", "FEE"),  # 交房 is no payment
])
def test_this_sessions_steps_do_not_excuse_what_a_sentence_sets(text, family):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert family in {f.family for f in reported(check_text(text).findings)}


_LAWFUL_LOOK_ALIKES_PASS = [
    "节假日期间，值班人员应当留在值班室坚守岗位。",
    "招标人应当在书面合同签订后五日内发还投标保证金。",
    "燃气泄漏时，用户应当立即关闭燃气总阀门并开窗通风。",
    "组织青少年到法治教育中心参观学习。",
    "宅基地申请由村委会签署意见后报乡镇人民政府审批。",
    "社区养老服务设施由县民政局审批。",
    "县整治办组织县自然资源局依法拆除违法建筑。",
    "社区民警依法对违法行为人予以处罚。",
    "事业单位理事会负责审定本单位的发展规划和年度预算。",
    "业主委员会依照管理规约统一确定停车位使用规则。",
    "人民法院依法强制执行时各相关部门应当予以配合。",
    "本局以前制定的规范性文件与本办法不一致的，按本办法执行。",
    "本意见对县政府各部门具有约束力。",
    "最低工资标准由省人民政府统一确定并向社会公布。",
    "申请人及其配偶、子女名下有商品住房的，不能申请公共租赁住房。",
    "经公告满一年无人认领的遗失物，收归国有。",
    # a law named as broken in a finding is no basis; one whose breach the clause goes on to punish is
    "违反《中华人民共和国城乡规划法》第四十条，无证建设的，由规划主管部门按工程造价的百分之五至百分之十处以罚款。",
    # a document reported as leaving a condition out, and a check that found nothing wrong
    "抽查发现，某镇保洁服务采购的评分标准未设置本地业绩加分，该做法符合规定。",
    "违法所得依照《行政处罚法》第二十八条第二款没收，依法应当退赔的先行退赔。",
    "国家对列入《实施强制性产品认证的产品目录》的产品实行强制性认证。",
    "加强对未经审批的强制拆除行为的监督。",
    "对拖欠税款的企业，税务局依照《中华人民共和国税收征收管理法》第四十条规定的程序扣缴其存款。",
    "职工可以书面委托银行从其个人账户中按月划扣住房公积金贷款本息。",
    "区财政局应当在十个工作日内将奖补资金划拨至企业基本账户。",
    "当事人自愿履行仲裁裁决的，无需申请人民法院执行。",
    "建设工程应当符合国家和行业强制性标准。",
    "中小学校不得以任何理由劝退学生。",
    "适用简易程序当场作出的行政处罚，不适用听证程序。",
    "当事人逾期未提出听证申请的，视为放弃听证权利。",
    "考生携带手机进入考场的，以作弊论处。",
    # barriers removed or refused, a place disclaimed as a condition (公平竞争审查条例 第九条)
    "本县工程使用外省企业生产的电线电缆，以法定检验机构出具的合格报告为准，不得要求再次检测。",
    "对市外企业生产、经检验合格的食品，本区不另行组织检验。",
    "取消外地施工企业进入本区的备案要求，凭资质证书即可承揽工程。",
    # Near RIGHTS019's threshold (0.92): one retrain of the second opinion flagged it, the next did not,
    # and no guard of that rule reads a refused barrier yet. If a retrain fails here, that is why.
    "人才补贴发放对象为在本市工作的人员，不以其户籍在本市为限。",
    # the bounds of a coercive measure, money already collected, the occasion of a measure
    "扣押的范围限于与案件有关的财物，当事人及其家属的生活必需品不在其内。",
    "征收的污水处理费全额缴入市级国库，专款专用。",
    "采取查封措施前，执法人员应当通知当事人到场。",
    # a purchaser's own ceiling, a deposit on the state's terms, a field's rules, a body that disclaims deciding
    "本标段最高投标限价为95万元，投标报价高于最高投标限价的，按无效投标处理。",
    "工资保证金的存储比例依照国家有关规定执行，项目竣工后返还。",
    "开办网吧的，依照互联网上网服务营业场所管理的有关规定办理许可。",
    "领导小组办公室只承担联络和汇总，不代替各成员单位行使行政处罚权。",
    "区财政局对采购文件的评分标准开展自查，未设置地域加分，自查结果经市场监管局复核无异议。",
    "农民建房涉及农用地转用的，依法报省人民政府批准。",
    "最低工资的具体标准，以省政府公布的为准。",
    "当事人可以自愿办理公证。",
    "低保申请由乡镇人民政府受理审核，报县民政局审批。",
    # look-alikes of the session's new vocabulary, from a fresh reader's review
    "律师、律师事务所应当加入所在地的地方律师协会。",  # 律师法 第四十五条
    "价格主管部门从行业协会会员单位中选取经营者代表参加价格听证会。",
    "严格控制各部门内设机构的数量和领导职数。",
    "补贴资金实行先到先得，资金额满即停止受理。",
    "用户自行委托具备资质的施工单位安装的，供水企业不得拒绝供水。",
    "危险化学品仓库应当加装锁具，实行双人收发、双人保管制度。",
    "业主可以在其产权车位上安装地锁。",
    "超发津贴补贴的单位，由人力资源社会保障部门冻结其下一年度绩效工资总量增长。",
    "县人民政府办公室可以对外发布通知，公布政府文件的解读。",
    "首先，摸清本县企业用工底数，建立台账。",
]


@pytest.mark.parametrize("text", _LAWFUL_LOOK_ALIKES_PASS)
def test_lawful_look_alikes_pass(text):
    assert not _reported_by_rules(text)


def test_the_second_opinion_stays_quiet_on_almost_all_lawful_look_alikes():
    """The rules must pass every lawful look-alike above; the statistical second opinion, a warning
    that moves with every retrain, may speak on a few (`make eval` measures it on the probes'
    unread halves). Its alarms here are listed, so that a retrain that raises them shows which
    sentences it took."""
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    texts = [*_LAWFUL_LOOKALIKES, *_LAWFUL_INTERNAL_AND_PROCEDURE, *_LAWFUL_LOOKALIKES_OF_THE_NEW_WORDS,
             *_LAWFUL_LOOK_ALIKES_PASS]
    alarmed = [t for t in texts if reported(check_text(t, path="<lawful>").findings)]
    assert len(texts) > 100
    assert len(alarmed) <= len(texts) // 30, alarmed


@pytest.mark.parametrize("text", [
    "外来人员进入机关办公区，须经门卫核实身份后方可放行。",  # no holding of the person (RIGHTS001 reads 外来人员 still)
    "对社区网格员违规罚款的，依法追究相关人员责任。",  # the body is the one punished, not the one acting
    "物业服务收费标准由县发改局统一核定。",  # the pricing authority (the model may still find it close)
])
def test_this_sessions_kinds_do_not_fire_on_lawful_text(text):
    from reviewer.pipeline import check_text
    from reviewer.rules.loader import default_ruleset

    rules = default_ruleset()
    codes = {f.code for f in check_text(text, path="<lawful>").findings}
    assert not codes & {r.code for r in rules if r.kind != "model"} - {"RIGHTS001", "COMPETITION008", "PENALTY008"}


# A fresh reader's sentences against this session's guards (its review, 2026-12-02): each shape the
# new exemptions must not reach, and the lawful ones they are for.
_STILL_REPORTED = [
    "街道可以对外地流动摊贩收取管理费，不得另设门槛。",
    "对外地生产的建材，住建部门开展专项抽检，不得设置歧视性条件。",
    "外地户籍学生入学另行收取借读费，各校不得设置其他门槛。",
    "外地企业投标的，加收投标保证金五万元，不得限制其参与。",
    "外地企业在本县投标，须额外提交本地纳税证明，评标适用相同的办法。",
    "外地车辆进入城区需办理临时通行证，其他事项执行同样的规定。",
    "整治指挥部对拒不实施整改的商户处以罚款。",
    "领导小组对拒不作出整改承诺的企业予以查封。",
    "对违规停车的，由物业公司锁车并收取200元解锁费；停车收费执行政府指导价（《中华人民共和国价格法》第十九条）。",
    "对占道经营的，由城管队暂扣其经营工具；对拒不改正的，处以罚款（《城市市容和环境卫生管理条例》第三十六条）。",
    "经核实确有违法建设的，由村委会强制拆除，已整改的不予处理。",
    "经审查发现申报材料不实的，予以纠正，并将该企业列入黑名单，此后三年不得申报任何项目。",
    "对拒不拆除违建的农户，停止发放其低保，并作为典型案例在全镇曝光。",
    "本局辖区内的经营户须经本局审批后方可营业。",
    "本院辖区内的律师事务所须每年向本院报送执业情况，未报送的，暂停其代理资格。",
    "对征收补偿决定不服的，须先经街道调处后方可申请行政复议。",
    "当事人提起行政复议前，应当先向本机关申请复核。",
    "所有小区装修须按照要求办理施工许可证后方可开工。",
    "咖啡馆、酒吧须持有公共场所卫生许可证方可营业。",
    "经营户须持有营业执照和街道出具的同意函，方可进场经营。",
    "进入农贸市场的摊贩，按市场调节价向镇政府缴纳摊位管理费。",
    "村委会按照协议每亩收取土地流转管理费三十元。",
    "排水户缴纳污水处理费和管网维护费，由街道统一收取。",
    "进入本村的外地货车须缴纳车辆通行费二十元。",
    "未缴清城市基础设施配套费，一律不予办理施工许可。",
    "年纳税超过五百万元的重点企业，依申请享受水电气价格优惠。",
    "施工企业须按合同额的5%缴存工资保证金，不得以保函替代。",
]
_NOW_PASSED = [
    "公务员在受处分期间不得晋升职务…不得晋升工资档次（《中华人民共和国公职人员政务处分法》第十九条）。",
    "经审查，某县教育局要求学校统一采购指定品牌校服，构成滥用行政权力排除限制竞争，已整改。",
    "某镇以案释法：该镇对违建农户强制拆除，法院判决确认该强制拆除行为违法。",
    "对初检不合格的电梯，检验机构应当先复查后再出具检验报告。",
    "执法人员在作出处罚决定前，应当先复核现场检查记录。",
    "申请人应当先向窗口提交申请材料，窗口应当先复核材料是否齐全。",
    "各部门不得要求当事人先经复核后方可申请行政复议或者提起行政诉讼。",
    "市场开办者应当查验入场销售者的食品经营许可证。",
    "网约车驾驶员须随车携带驾驶证和行驶证。",
    "供水企业按照供用水合同的约定向用户收取水费。",
    "用人单位安排残疾人就业未达到规定比例的，应当缴纳残疾人就业保障金。",
    "因核算错误多发的补贴，经本人同意后从下一年度补贴中扣除。",
    "本市原停车收费标准同时不再执行。",
    "本局将根据工作需要对本方案内容适时作出调整。",
    "档案不符合归档要求的，档案馆不予接收。",
    "县农业技术推广中心负责核发农机作业补贴。",
    "总包单位应当按合同额的2%存储工资保证金，可以银行保函替代。",
    "要求投标人交投标保证金的，保证金不得超过项目估算价的百分之二。",
    "作出罚款决定的行政机关应当与收缴罚款的机构分离。",
]


@pytest.mark.parametrize("text", _STILL_REPORTED)
def test_the_new_exemptions_leave_these_reported(text):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    assert reported(check_text(text, path="<unlawful>").findings)


@pytest.mark.parametrize("text", _NOW_PASSED)
def test_the_new_exemptions_pass_these(text):
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text
    from reviewer.rules.loader import default_ruleset

    # The exemptions are the rules'; the second opinion moves with every retrain and is tested apart.
    model_codes = {r.code for r in default_ruleset().rules if r.kind == "model"}
    assert not [f for f in reported(check_text(text, path="<lawful>").findings) if f.code not in model_codes]


# Kinds from HELD-OUT.md and the law's categories, sentences written for this test in the
# 2026-12-02 late session: found by the rules alone, under the family named.
@pytest.mark.parametrize("text, family", [
    ("从事汽车租赁经营，须同时向交通运输局、公安交管部门和商务局申请办理相关手续。", "LICENSE"),
    ("物业公司对拖欠服务费的住户，可以限制该户车辆出入车库。", "COERCION"),
    ("未按要求接种疫苗的学生，学校不得为其办理入学注册。", "RIGHTS"),
    ("每十户村民结成联保小组，一户违法种植，其余九户承担连带责任。", "RIGHTS"),
    ("网格员入户登记时，应当采集户内人员的宗教信仰、健康状况和收入情况。", "RIGHTS"),
    ("对查实的无证行医人员，在其所在社区张贴通告，公开其姓名和违法事实。", "PENALTY"),
    ("《中华人民共和国森林法》执行中碰到的具体问题，统一由县林业局负责解释。", "ULTRA_VIRES"),
    ("本规定由县市场监管局法规科制定并解释，辖区经营户遵照执行。", "ULTRA_VIRES"),
    ("省级文件与本意见规定不同的，在本县范围内按本意见执行。", "ULTRA_VIRES"),
    ("在试点期间，暂停执行《某省物业管理条例》有关业主大会筹备的规定。", "ULTRA_VIRES"),
    ("镇政府作出的调解意见书自送达之日起即发生法律效力。", "ULTRA_VIRES"),
    ("《中华人民共和国土地管理法》第六十二条所称“一户”，在本镇是指已婚并分家立户的家庭。", "ULTRA_VIRES"),
    ("《食品安全法》有关条款在本区执行中的理解，以区市场监管局法规科的意见为准。", "ULTRA_VIRES"),
    ("本项目仅接受注册资本一亿元以上的国有企业投标。", "COMPETITION"),
    ("投标人须具有本市住建部门颁发的诚信等级证书，否则投标无效。", "COMPETITION"),
    # 行政强制法 第九条's kinds in the words offices use
    ("辖区居民须在规定时间内完成核酸检测，拒不检测的，由社区工作人员上门带至采样点。", "COERCION"),
    ("对夜间在村内游荡的外来人员，巡防队可带回村委会询问。", "COERCION"),
    ("对违规停放的车辆，由城管队员加装车轮锁，当事人接受教育后予以解锁。", "COERCION"),
    ("零散坟头由各村统一平坟，限期完成。", "COERCION"),
    ("对欠缴税款的企业，税务分局通知其开户银行暂停该企业账户的对外转账。", "COERCION"),
    ("村集体对欠缴承包费的农户，直接从其年终分红中扣除。", "COERCION"),
    ("对拒不停业的娱乐场所，由派出所切断其电源并在门口设岗值守。", "COERCION"),
    # members' land and shares (妇女权益保障法 第五十五条), petitions, medical acts compelled
    ("外嫁女户籍仍在本村的，不得参与征地补偿款分配。", "RIGHTS"),
    ("离婚妇女户口迁出本村的，其承包地由村集体收回另行发包。", "RIGHTS"),
    ("入赘男子不属于本村集体经济组织成员，不分配宅基地。", "RIGHTS"),
    ("同一事项已经答复的，当事人不得再次反映，否则按无理缠访处理。", "RIGHTS"),
    ("未完成疫苗接种的人员，不得进入商场、超市、农贸市场等公共场所。", "RIGHTS"),
    ("申请临时救助的，除身份证明外，还应当提交所在村民小组全体成员签字的情况说明。", "RIGHTS"),
    ("申领生育津贴的，应当附社区出具的婚姻状况及生育情况说明。", "RIGHTS"),
    ("严禁将房屋出租给无固定职业的人员。", "RIGHTS"),
    ("倡导机关干部自愿捐款，每人不低于二百元。", "FEE"),  # a floor makes the gift a levy
    # 公平竞争审查条例 第八条至第十一条 in more words
    ("城区新建加油站与现有加油站的间距应当在二公里以上。", "COMPETITION"),
    ("本县医保定点零售药店数量实行总量控制，原则上每万人不超过两家。", "COMPETITION"),
    ("对外地企业的产品，执法部门每季度开展一次专项抽检；本地企业每年抽检一次。", "COMPETITION"),
    ("对本地零部件配套率超过百分之三十的整车企业，按配套采购额的百分之二给予奖励。", "COMPETITION"),
    ("入驻企业不得在本区以外设立同类生产线。", "COMPETITION"),
    # staff measures outside 政务处分法 第七条 and 公务员法 in the words offices use
    ("股室负责人工作目标连续两次考核垫底的，一律降职使用。", "SANCTION"),
    ("新提拔干部在试用期内被群众投诉两次以上的，延长试用期一年。", "SANCTION"),
    ("连续旷工五日以上的聘用人员，视为自动离职。", "SANCTION"),
    ("村干部在任期内发生重大安全事故的，自动免去其职务。", "SANCTION"),
    # permits disguised: a filing reviewed on its merits, a community's recommendation demanded
    ("县发改局受理项目备案，须先组织专家评估项目盈利能力，审核合格后方可备案。", "LICENSE"),
    ("个体工商户办理登记的，还须提交经营场所所在社区的推荐意见。", "LICENSE"),
    ("成交供应商须交纳合同价款百分之十二的履约保证金，竣工验收后无息返还。", "COMPETITION"),  # a refund is no clean-up
    # bodies beyond their powers: vertical departments directed, party bodies approving decisions,
    # inspections made to wait for a zone's consent, powers handed to a body that has none
    ("各驻县垂直管理部门的执法行动须报县指挥部批准，统一听从县指挥部调度。", "ULTRA_VIRES"),
    ("区行政执法部门作出的重大行政处罚决定，须报区委政法委审核同意后方可送达。", "ULTRA_VIRES"),
    ("税务、市场监管部门对园区企业开展检查前，须事先征得管委会同意。", "ULTRA_VIRES"),
    ("县城管局可将罚款权委托给各社区居委会行使。", "ULTRA_VIRES"),
])
def test_this_late_sessions_kinds_are_found(text, family):
    assert family in _families_by_rules(text)


# Their lawful neighbours: the body's own procedure and staff, clean-ups, restated procedure of
# 行政许可法, statutory steps, and documents that defer to higher law.
@pytest.mark.parametrize("text", [
    "各科室使用公务用车须提前一天报办公室审批，未经批准不得私自出车。",
    "执法机构拟作出重大执法决定的，先交本局法制科审核，审核未通过的不得签发决定书。",
    "本局工作人员因私出国（境）的，须报局党组审批，证照由政治处统一保管。",
    "申请人申请行政许可，应当如实提交有关材料。",
    "依法设立的四类工程保证金以外的其他保证金项目，全部予以取消。",
    "全面清理政府采购中以本地业绩、本地纳税作为加分条件的条款，发现一项纠正一项。",
    "市场主体终止经营的，应当依法向市场监督管理部门申请办理注销登记手续。",
    "退役军人应当在规定时间内到县退役军人事务局办理报到手续。",
    "护理人员收受红包的，所在医院依照事业单位工作人员处分规定给予处分。",
    "本意见与法律、法规、规章不一致的，以法律、法规、规章为准。",
    "本细则施行前本局印发的文件与本细则不一致的，以本细则为准。",
    "本通知印发后，原《某区夜市摊位管理暂行办法》同时停止执行。",
    "本办法自印发之日起施行，由市市场监督管理局负责解释。",
    "低保对象名单公示时，应当隐去身份证号码和家庭住址。",
    "采集、使用个人信息应当遵循合法、正当、必要原则，不得过度收集。",
    "本细则所称“新型农业经营主体”，是指依法登记的家庭农场和农民合作社。",
    "受处分的干部在处分期内不能提拔任用。",
    "违反工作纪律造成不良影响的，视情节轻重给予批评教育、责令检查、诫勉等处理；需要给予处分的，依法依规处理。",
    "依照《中华人民共和国公务员法》第二十六条，曾受刑事处罚的人员不得被招录为公务员。",
    "（三）对涉嫌非法集资的线索，由县处置非法集资工作领导小组办公室统一归集，移交有关部门依法查处。",
    "调离执法岗位的人员，所在单位应当收回其执法证件；对违规使用执法证件的，一律暂扣证件，并依规依纪处理。",
    "对突发疾病的游客，景区工作人员应当及时将其送往医院救治。",
    "发现走失老人的，社区网格员应当将其送到家中或者联系其家属。",
    "对违反治安管理的人员，民警可以依照《中华人民共和国治安管理处罚法》口头传唤，将其带回派出所问话。",
    "村集体经济组织的年终分红方案经村民会议讨论通过后执行。",
    "承包期内，发包方不得收回承包地，不得以退出土地承包经营权作为农户进城落户的条件。",
    "对农户自愿有偿退出的宅基地，经村民会议同意，由村集体经济组织收回后统筹利用。",
    "已享受其他同类补贴的，不再享受本项补贴。",
    "出嫁、离婚、丧偶妇女与本村其他成员平等享有土地补偿费分配权，任何组织不得剥夺。",
    "对未按规定接种疫苗的儿童，托幼机构、学校应当向疾病预防控制机构报告，并配合做好补种工作。",
    "申请人应当提交身份证明和户口簿原件。",
    "房屋出租人不得将房屋出租给无身份证件的人居住。",
    "垂直管理部门应当按照职责分工配合县政府做好安全生产工作。",
    "县城管局可以依法将部分执法事项委托给符合条件的街道综合执法机构实施。",
    "重大执法决定签发前，要由本机关法制机构把关，再提交局领导班子集体讨论。",
    # clean-ups in more shapes, and gifts left to free will
    "对各部门自行设立的各类保证金，由县财政局牵头于年底前清退完毕，退还企业。",
    "清理后只保留投标、履约、质量和农民工工资四项保证金，其他保证金一律自下月起不再收取。",
    "取消企业申办营业执照前须取得社区同意意见的做法。",
    "对超出规定比例收取的质量保证金，发包人应当在三十日内退还超出部分。",
    "倡导机关干部自愿向慈善总会捐款，捐款数额不限。",
    "加油站与居民住宅的安全间距应当在五十米以上，并符合《汽车加油加气加氢站技术标准》。",
    "全县出租汽车实行总量控制，总量由县人民政府根据城市规模和交通状况确定并向社会公布。",
    "依照《中华人民共和国公务员法》第三十四条，试用期满经考核不合格的新录用人员，取消其录用。",
    "因工作需要免去其现任职务的，按照干部管理权限和程序办理。",
    "工作人员因病长期不能履职的，由单位按规定安排其他人员代为履职。",
])
def test_this_late_sessions_neighbours_pass(text):
    from reviewer.evaluate import reported

    assert not reported(check_text(text, path="<lawful>").findings)


def test_carrying_out_a_measure_by_the_laws_procedure_sets_nothing():
    # 设定 versus 实施: a 规章 telling its officers how to carry out the law's own measures
    text = "第三十二条 市场监督管理部门实施查封、扣押，应当依照《中华人民共和国行政强制法》规定的程序进行，制作决定书和清单。"
    from reviewer.evaluate import reported

    assert not reported(check_text(text, path="<lawful>", level="规章").findings)


# A fresh reader's sentences against this session's exemptions: each exemption is bounded, so what
# these sentences set is still reported (违法情节 is no law's name; 依法依规处理 after a measure does not
# excuse it; a gate or a 执法证 beside a public party; clearing conduct, not rules; the document's own
# procedure; a quota after 自愿; a measure's length; 乱扔 is the offence).
@pytest.mark.parametrize("text, family", [
    ("根据其违法情节轻重，由镇政府处以二百元至五百元罚款。", "PENALTY"),
    ("按照联合执法方案，由城管队员暂扣占道经营者的经营工具。", "COERCION"),
    ("按照“四议两公开”工作法，对不交卫生费的农户取消其低保资格。", "RIGHTS"),
    ("根据联合执法工作方案，对拒不搬迁的养殖户由镇政府实施强制拆除。", "COERCION"),
    ("对无证经营户，扣押其经营工具，并依法依规处理。", "COERCION"),
    ("对拒不拆除的违章建筑，由镇政府组织强制拆除，并依法依规处理。", "COERCION"),
    ("对查实的违规户，取消其本年度全部惠农补贴，并依法依规处理。", "RIGHTS"),
    ("群众信访事项须经村党支部签字同意后，信访部门方可受理立案。", "LICENSE"),
    ("未经街道办审核同意，任何单位不得对外发布户外广告。", "LICENSE"),
    ("企业申请奖补资金，须经镇党委审核同意后方可拨付。", "LICENSE"),
    ("执法人员出示执法证件后，当事人拒不配合检查的，可以扣押其车辆。", "COERCION"),
    ("清理占道经营等行为，对拒不配合的经营户一律扣押其经营工具。", "COERCION"),
    ("全面清理违规搭建棚屋并对搭建者处以一千元罚款。", "PENALTY"),
    ("立即叫停违规采砂的行为，对涉事船只予以扣押。", "COERCION"),
    ("对拒不整改的经营户，镇综合执法办可以实施查封，应当按照本细则规定的程序进行。", "COERCION"),
    ("倡导全体党员自愿捐款，每名党员捐款一百元。", "FEE"),
    ("动员各企业自愿捐赠，各乡镇要确保完成捐赠任务。", "FEE"),
    ("执法人员发现无证经营的，应当责令其停业整顿三十日以上。", "PENALTY"),
    ("对乱倒建筑垃圾的车主处以三百元罚款。", "PENALTY"),
    ("本次采购仅面向国有控股企业。", "COMPETITION"),
])
def test_the_new_exemptions_stop_where_the_law_does(text, family):
    assert family in _families_by_rules(text)  # a rule's finding, not only the second opinion's


# And its lawful formulas the new rules must leave alone: 已经发生法律效力的, the closing 负责解释 after
# a cited basis, collection a law provides for, taxes withheld, clean-ups of a trade's spacing.
@pytest.mark.parametrize("text", [
    "对已经发生法律效力的行政处罚决定，当事人应当在规定期限内履行。",
    "行政复议决定书依照《中华人民共和国行政复议法》送达之后发生法律效力。",
    "经依法批准的国土空间规划具有法定效力，任何单位和个人不得擅自修改。",
    "依法签发的电子证照具有法律效力，可以作为办理政务服务事项的依据。",
    "本细则根据《某省农村公路条例》制定，由县交通运输局负责解释。",
    "窗口工作人员应当对申请人提出的有关法律、法规问题作出解释和说明。",
    "本细则按照《中华人民共和国预算法》和省有关规定制定，由县财政局负责解释。",
    "法律、法规对此另有规定的从其规定，本办法由县住房和城乡建设局负责解释。",
    "各部门在执行《政府信息公开条例》中遇到的问题，应当按程序报请有权机关作出解释。",
    "本办法在执行中遇到的具体问题，以县财政局的解释为准。",
    "遇国家政策调整本办法自动失效。",
    "公民依法享有的财产权利受法律保护，不受任何单位和个人违反法律、法规的限制和侵犯。",
    "经全国人大常委会授权，改革试点县在试点期内暂时调整实施《中华人民共和国土地管理法》的相关条款。",
    "派出所办理身份证申领时，应当采集申请人的指纹信息。",
    "对涉嫌饮酒后驾驶机动车的驾驶人，交警应当及时采集其血样送检。",
    "疾病预防控制机构开展流行病学调查时，可以收集传染病病人的行程轨迹信息。",
    "普通高考报名时，考生须到报名点现场采集人像和指纹信息。",
    "实行人脸识别门禁的小区，应当为不同意录入人脸信息的业主提供其他进出方式。",
    "各社区应当将网格员姓名、联系电话在小区公示栏公布，方便群众联系。",
    "部分物业公司强制采集业主人脸信息，侵害了业主的合法权益。",
    "疑似精神障碍患者发生危害他人安全的行为的，当地公安机关应当立即采取措施予以制止，并将其送往县精神卫生中心进行诊断。",
    "对现场发现的违反治安管理行为人，民警经出示工作证件，可以口头传唤，并将其带回派出所询问。",
    "对预算执行进度滞后的项目，财政部门可以暂停该项目账户的资金支付。",
    "承租人垫付的房屋维修费用，可以从应付租金中抵扣。",
    "承包方全家迁入城镇落户后自愿交回承包地的，承包地由发包方收回，并对其在承包地上的投入给予补偿。",
    "出租人不得将房屋出租给无合法有效身份证件的人员。",
    "设立有限责任公司的，应当向市场监督管理局申请办理设立登记手续。",
    "投标人应当提供当地税务部门出具的近半年依法缴纳税收的证明材料。",
    "本期培训班仅限市属国有企业财务负责人参加。",
    "村内道路的日常养护交由村民委员会负责。",
    "汛期，驻县各单位应当服从县防汛抗旱指挥部的统一调度指挥。",
    "驻县垂直管理部门应当服从上级主管部门的统一领导和管理。",
    "对评选出的见义勇为先进个人，在县融媒体中心公布其姓名和主要事迹。",
])
def test_the_new_rules_leave_lawful_formulas_alone(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "在本市范围内暂停执行《某省物业管理条例》第二十条。",
    "《中华人民共和国水法》在本市施行中遇到的具体问题，由市水务局政策法规处负责解释。",
])
def test_a_rule_is_bound_by_higher_law_too(text):
    # 立法法 binds a 规章 as it binds a normative document: it may neither suspend nor interpret a law
    from reviewer.evaluate import reported

    assert "ULTRA_VIRES" in {f.family for f in reported(check_text(text, path="<rule>", level="规章").findings)}


@pytest.mark.parametrize("text", [
    "本规定由国家市场监督管理总局负责解释。",
    "行政复议决定书一经送达，即发生法律效力。",
])
def test_a_rules_own_formulas_pass(text):
    from reviewer.evaluate import reported

    assert not reported(check_text(text, path="<lawful>", level="规章").findings)


def test_consent_of_the_person_concerned_is_no_approval():

    text = "医疗机构实施手术前，须取得患者或者其近亲属签字的同意书。"  # 民法典 第一千二百一十九条
    assert not _families_by_rules(text)  # the rules' exemption; the second opinion may still lean


@pytest.mark.parametrize("text", [
    "为保障学生安全，上下学时段限制大型货车驶入学校周边道路。",  # 驶入学校 is no 入学
    "机关大院实行门禁管理，限制外来车辆进出。",  # 外来 to a compound, not to a region
    "鼓励企业积极参与，捐赠金额不少于一万元的给予表彰。",  # a gift rewarded, not demanded
])
def test_pre_existing_false_alarms_a_reviewer_found_pass(text):
    from reviewer.evaluate import reported

    assert not reported(check_text(text, path="<lawful>").findings)


@pytest.mark.parametrize("text, family", [
    ("对拒不配合的家庭，限制其子女入学。", "RIGHTS"),
    ("外地车辆禁止进入本县城区。", "COMPETITION"),
    ("各单位职工捐款不少于五百元。", "FEE"),
    ("外地企业在本县设立分公司后，方可享受与本地企业同等的扶持政策。", "COMPETITION"),  # equal only once local
    ("未设置本地服务网点，不得参加投标。", "COMPETITION"),  # an absence that is a condition
    ("投标人须在本县设立分公司，可以投诉，确保没有地域限制。", "COMPETITION"),  # an instruction, no finding
    ("采购文件未设定业绩地域限制，投标人须具有本市项目业绩。", "COMPETITION"),
    ("对拖欠工程款的建设单位，由县清欠办通知开户银行冻结其基本账户。", "ULTRA_VIRES"),
    ("未依法取得执照摆摊的，由街道办事处没收其经营工具。", "ULTRA_VIRES"),  # 未依法 is no basis
    ("对拒不搬迁的被征收人，由区政府组织强制搬迁，不必经过人民法院。", "ULTRA_VIRES"),
    ("当事人签收询问笔录即视为放弃陈述和申辩的权利。", "RIGHTS"),
    ("外省生产的电线电缆进入本县工程的，须经县检测站重新检测后方可使用。", "COMPETITION"),
    ("辖区菜市场白菜最高限价每斤三元。", "COMPETITION"),  # a market price capped, not a purchaser's ceiling
    ("非本市商会会员的企业，不得参加本市政府采购活动。", "COMPETITION"),
    ("住户自行委托施工队铺设入户水管的，自来水公司拒绝供水。", "COMPETITION"),
    ("投标产品在本省累计销量不少于1000台的，方可参加投标。", "COMPETITION"),
    ("政府投资项目的灯具应当从《本县优质产品推广目录》中选用。", "COMPETITION"),
    ("街道根据辖区情况核定早餐店经营者的总数，额满不再受理。", "COMPETITION"),
    ("市创卫办作出的限期清理通知，沿街业主须遵照执行。", "ULTRA_VIRES"),
    ("对督查排名末位的职员，一律冻结薪级晋档一年。", "SANCTION"),
    # a power the law gives to a named body, handed elsewhere (ULTRA_VIRES035)
    ("护士执业注册由各医院护理部直接审批办理。", "ULTRA_VIRES"),
    ("对乡镇行政行为不服的复议申请，由司法所以自己名义作出复议决定。", "ULTRA_VIRES"),
    ("区防汛办对拒不撤离的养殖场作出停产决定。", "ULTRA_VIRES"),  # 作出停产决定 decides, no noun use
    ("未完成秸秆禁烧任务的镇街，每发现一个火点扣缴该镇街五万元。", "ULTRA_VIRES"),
    # each new exemption's counter-case: a disclaimer or a bound that lays the burden all the same
    ("投标企业不以在本县登记注册为限，本县企业的投标报价按下浮5%计算。", "COMPETITION"),
    ("不得要求重复检测，外地生产的食品进入本市超市的，一律送市检测中心抽检。", "COMPETITION"),
    ("外地企业须取得县住建局核发的入县登记证，凭登记证即可承揽工程。", "COMPETITION"),
    ("网格员不作为执法主体，发现违法搭建的，可以扣押其施工工具。", "COERCION"),
    ("指挥部不对外作出行政处罚，对违规商户处以二千元至五千元罚款。", "PENALTY"),
    ("对未按期整改的商户，依照县政府的有关规定没收其经营工具。", "PENALTY"),
    ("施工企业应当缴纳的履约保证金按照相关比例存入区住建局专户。", "FEE"),
    ("对占道经营的，查封限于其摊位和经营工具。", "COERCION"),
    ("对违停车辆收缴的押金二千元一律上缴国库。", "FEE"),
    ("社区网格员对流动摊贩实施扣押时，应当开具清单。", "COERCION"),
    ("财政投资的校舍工程，首选县内厂家的管材，审查认为该做法符合《政府采购法》。", "COMPETITION"),
    ("农贸市场经营户采购生猪实行最高限价，每公斤不得高于二十元。", "COMPETITION"),
    ("就补偿方案起诉的住户，搬迁奖励暂不兑现。", "RIGHTS"),
    ("对欠缴社保费的企业，由人社局冻结其工资账户。", "COERCION"),
    ("外地企业凭区住建局出具的入区备案证明即可承揽工程。", "COMPETITION"),  # a local body's paper
    ("村级道路建设涉及农用地转用的，由乡政府批准后动工。", "ULTRA_VIRES"),  # 涉及 heads the condition only
    ("县市场监管局将食品经营许可的审查和发证工作委托县行业协会办理。", "ULTRA_VIRES"),  # 行政许可法 第二十四条
    ("困难家庭的低保申请，由村委会评议后直接决定。", "ULTRA_VIRES"),  # 社会救助暂行办法 第十一条
    ("对拒不整改的餐饮店，由县商务局吊销其营业执照。", "ULTRA_VIRES"),  # only the registration authority
])
def test_their_unlawful_neighbours_are_still_reported(text, family):
    from reviewer.evaluate import reported

    assert family in {f.family for f in reported(check_text(text, path="<unlawful>").findings)}


# Lawful look-alikes of the kinds the unread probe halves still alarmed on (kind names only were
# read): deposits within the law's caps or being refunded, statutory premiums, agreed prices,
# benefits allocated after review, deference to 规定 in force.
@pytest.mark.parametrize("text", [
    "项目验收合格后，主管部门应当退还参与投标的全部企业的投标保证金。",
    "以银行保函、保证保险代替现金缴纳保证金的，采购人和招标人不得拒绝。",
    "履约保证金的数额按照采购文件的约定执行，最高不超过合同金额的百分之十。",
    "失业保险单位缴费费率执行国家阶段性降低费率的规定。",
    "家政服务的收费标准由服务机构与消费者自愿协商确定。",
    "申请公共租赁住房的家庭，经街道审核、区住房保障部门复核并公示无异议后，纳入轮候名单。",
    "被问责的干部，按照规定在影响期内不得提拔使用。",
])
def test_lawful_kinds_the_unread_halves_alarmed_on_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("质保期结束后一个月内，发包人向承包人退还工程价款8%的质量保证金。", "FEE"),  # the refund tells the rate demanded
    ("中标人须以现金缴纳合同金额15%的履约保证金。", "FEE"),
    ("家政服务的收费标准由区商务局统一制定。", "COMPETITION"),
    ("申请开办托育机构的，经街道审核同意后方可营业。", "LICENSE"),
])
def test_their_unlawful_neighbours_still_report(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "各村村民代表由镇党委、镇政府研究确定。",
    "村民会议作出的决定与镇政府要求不符的，由镇政府宣布无效。",
    "本村新一轮承包地调整方案由镇经管站定稿，无需召开村民会议表决。",
    "各村村务监督委员会主任由镇纪委选派，任期三年。",
    "镇政府有权撤换不称职的村民小组长。",
    "各村集体资产的处置，统一由镇党委政府拍板决定。",
])
def test_a_government_deciding_what_villagers_decide_is_reported(text):
    assert "ULTRA_VIRES" in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "村民委员会成员由村民直接选举产生，任何组织或者个人不得指定、委派或者撤换。",
    "村民会议的决定侵害村民合法权益的，由乡镇人民政府责令改正。",
    "村里年度分红方案由村民会议表决通过后，送乡镇人民政府备案。",
    "本届村委会主任、副主任和委员的候选人，由本村登记参选的村民联名推荐产生。",
    "业主委员会成员由业主大会选举产生，报街道办事处备案。",
    "村民委员会选举由村民选举委员会主持，乡镇人民政府派员指导。",
])
def test_guiding_and_recording_self_government_passes(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "对此类纠纷，人民法院不予立案。",
    "区行政复议机构对涉及重点项目的复议申请，应当维持原行政行为。",
    "区人大常委会应当在本月内审议通过该项目。",
    "仲裁委员会对涉及本区重点企业的案件应当优先审理。",
    "区监委应当对违规干部从严查处。",
])
def test_directing_courts_congresses_and_commissions_is_reported(text):
    assert "ULTRA_VIRES" in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "人民法院应当依法受理当事人的起诉。",
    "公安、检察、法院等部门要密切配合，形成工作合力。",
    "劳动人事争议仲裁委员会应当依法及时受理劳动争议仲裁申请。",
    "监察机关依法对违法的公职人员作出政务处分决定。",
    "人民法院裁定准予执行的，由区政府组织实施。",
    "到期仍不履行的，由本局向人民法院提出强制执行申请。",
])
def test_working_with_courts_and_commissions_passes(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("当事人对处罚决定有异议的，须先缴纳罚款后方可申请复议。", "ULTRA_VIRES"),
    ("投诉已经答复的，投诉人不得再就此事向市里反映。", "RIGHTS"),
    ("对重点人员的手机实行定位跟踪，并定期检查其通讯记录。", "RIGHTS"),
])
def test_remedies_petitions_and_communications_cut_are_reported(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "信访人可以就同一事项再次向区信访局反映情况。",
    "信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。",  # 信访工作条例 第三十五条
    "对处罚不服的，当事人有权在六十日内申请复议，或者在六个月内向法院起诉。",
    "学生家长应当妥善保管学生的手机，防止沉迷网络。",
])
def test_their_lawful_neighbours_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("县交通运输局委托停车运营有限公司对违停车辆作出罚款决定。", "ULTRA_VIRES"),
    ("镇政府授权物业公司负责小区内公共道路占用的审批和收费。", "ULTRA_VIRES"),
    ("乡镇卫生院所需的医用耗材，须从本县登记的配送企业采购。", "COMPETITION"),
    ("未经区房管部门办理租赁登记的，租赁协议一律无效。", "ULTRA_VIRES"),
    ("县人民法院审理涉及重点项目的案件，应当事先征求县发展改革局的意见。", "ULTRA_VIRES"),
    ("《某省物业管理条例》中与本细则不同的条款，在本县暂不执行。", "ULTRA_VIRES"),
    ("举办婚宴超过二十桌的，民政部门暂不予办理结婚登记。", "RIGHTS"),
])
def test_kinds_found_missing_on_a_new_probes_read_half_are_reported(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "对本县规模以上企业开展技术改造的，按设备投资额给予补助。",
    "采购人应当接受供应商以保证保险方式提交的履约保证金，不得另设条件。",
    "对现行文件中限定外地企业投标的条款，由起草部门年内予以废止或者修改。",
    "申请开具证明的，窗口应当一次性告知所需材料。",
    "检查时，当事人有权要求执法人员出示执法证件。",
])
def test_lawful_kinds_from_a_new_probes_read_half_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family, level", [
    ("第十二条 区城市管理部门可以委托物业服务企业对小区内违法搭建行为实施行政处罚。", "ULTRA_VIRES", "规章"),
    ("县林业局委托林场管理公司对林区内的违法行为作出罚款等处理决定。", "ULTRA_VIRES", "行政规范性文件"),
    ("违章停车的拍照取证和认定，由区政府购买服务的停车管理公司负责。", "ULTRA_VIRES", "行政规范性文件"),
    ("《某省道路运输条例》中与本办法不一致的规定，在本县不再执行。", "ULTRA_VIRES", "行政规范性文件"),
    ("县统计局应当对照县里下达的增长目标，对各乡镇上报的规模以上工业产值数据进行核减调整。", "ULTRA_VIRES", "行政规范性文件"),
    ("县人民银行支行、县税务局要按照本方案要求，对辖区企业开展联合检查。", "ULTRA_VIRES", "行政规范性文件"),
    ("申请廉租住房的家庭，有成员在外地购买车辆的，一律视为不符合条件。", "RIGHTS", "行政规范性文件"),
])
def test_delegation_statistics_and_vertical_agencies_are_reported(text, family, level):
    assert family in _families_by_rules(text, level)


@pytest.mark.parametrize("text", [
    "县统计局应当依法核查各乡镇上报的统计数据，发现差错的及时更正。",
    "各乡镇要按照统计报表制度如实报送统计数据，不得虚报、瞒报。",
    "区政府与市税务局驻区分局建立联席会议制度，共同做好税收服务工作。",
    "违法停车行为由公安机关交通管理部门依法认定和处理。",
    "申请廉租住房的家庭，家庭收入超过规定标准的，不予批准。",
    "县交通运输局委托检测公司对营运车辆的安全性能进行检测。",
    "本县原有文件与《某省道路运输条例》不一致的，停止执行。",
])
def test_their_lawful_neighbours_pass_too(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "供应商以银行、保险机构出具的保函缴纳履约保证金的，采购人应当予以接受。",
    "成交供应商须按采购文件约定交纳履约保证金，数额以不超过成交合同总价的百分之十为限。",
    "各类保证金应当允许以保函方式缴纳，不得强制要求以现金形式缴纳。",
])
def test_deposits_the_regulations_provide_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "承包人必须以现金方式交纳相当于合同价款10%的履约保证金，且不高于合同价款的10%。",  # cash only
    "投标人须缴纳投标保证金，金额为项目预算的5%，最高不超过预算金额的5%。",  # over the 2% cap
])
def test_deposits_beyond_the_regulations_still_report(text):
    assert "FEE" in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "女职工产假期满后，用人单位应当安排其回到原岗位。",
    "春节期间，各企业要合理安排职工休假，做好安全生产工作。",
    "机关工作人员年休假由单位统筹安排。",
    "法定节假日期间，政务服务大厅不对外办公。",
    "国庆假期期间高速公路小型客车免收通行费。",
    "女职工在孕期、产期、哺乳期的，用人单位不得降低其工资、予以辞退。",
])
def test_leave_and_holidays_named_lawfully_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "对某县政府文件中要求企业缴纳风险保证金的规定，向制定机关发出纠正意见函。",
    "经审查，该文件第五条关于对违规经营户处以罚款的规定缺乏上位法依据，建议制定机关修改。",
    "逾期缴纳罚款的，依法加处罚款，但加处罚款总额不得超过原罚款金额。",
    "对到期不缴纳罚款的当事人按日加处罚款，累计数额不得超过罚款本数。",
    "执法人员实施扣押时，应当当场出具扣押决定书和物品清单，由当事人签字确认。",
    "村民自愿捐资修建村道的，村委会应当公开捐资明细和使用情况。",
    "参训学员请假须经班主任批准，无故缺勤累计超过规定课时的，不予结业。",
])
def test_review_findings_the_laws_own_limits_and_procedure_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("垃圾处理费逾期未交的，由街道按日向住户加收百分之一的滞纳金。", "COERCION"),
    ("全村每户须自愿捐资不少于三百元，用于修建村道。", "FEE"),
    ("对违规经营户，由镇综合执法办处以五千元罚款，没有法律依据的除外。", "PENALTY"),
])
def test_their_unlawful_neighbours_are_reported_too(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "罚款过了期限仍未缴清的，按天加收罚款额百分之三的加处罚款，总额以罚款额为限。",
    "2024年，共纠正违法设定收费、罚款的规范性文件4件。",
    "在备案审查中，发现某镇文件规定对拒不拆除的农户实施强制拆除，已责令该镇撤销。",
    "地方教育附加按照实际缴纳增值税和消费税税额的2%征收。",
])
def test_the_laws_surcharge_review_counts_and_national_levies_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("罚款过了期限仍未缴清的，按天加收罚款额百分之五的加处罚款，总额以罚款额为限。", "COERCION"),  # not the law's rate
    ("逾期不缴纳卫生费的，由街道每日加收百分之一的滞纳金，滞纳金不得超过欠费本金。", "COERCION"),  # no law sets it
])
def test_surcharges_the_law_does_not_set_still_report(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    ("各村干部要教育村民不得在微信群议论对镇政府工作的批评意见。", "RIGHTS"),
    ("对在网上发帖反映问题的村民，由村干部上门做好工作，要求其删除帖子。", "RIGHTS"),
])
def test_silencing_criticism_is_reported(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "网络平台应当依法删除违法有害信息。",
    "工作人员不得擅自对外发布未经核实的工作信息。",
    "各单位不得在政府网站发布商业广告。",
])
def test_lawful_limits_on_what_is_published_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family, level", [
    ("各区法院、检察院办理此类案件时，应当参照执行本意见确定的认定标准。", "ULTRA_VIRES", "行政规范性文件"),
    ("本细则与市直部门文件不一致的，在本县范围内按照本细则执行。", "ULTRA_VIRES", "行政规范性文件"),
    ("春节期间安排职工值班的，以安排同等天数补休代替加班工资。", "RIGHTS", "行政规范性文件"),
    ("未按期报送隐患排查台账的企业，按照每逾期一日五十元计罚。", "PENALTY", "行政规范性文件"),
    ("业主拖欠物业费满一年的，物业公司可以停用其电梯并限制供水。", "COERCION", "行政规范性文件"),
    ("区城管执法局将噪声扰民案件的调查处理交由社区居委会负责。", "ULTRA_VIRES", "行政规范性文件"),
    ("幼儿家长须签署承诺书，承诺幼儿在园期间受伤的，不向幼儿园提出赔偿。", "RIGHTS", "行政规范性文件"),
    ("第八条 从事宠物殡葬服务的，应当取得市农业农村局核发的经营许可证，未取得的不得经营。", "LICENSE", "规章"),
])
def test_kinds_from_probe22s_read_half_are_reported(text, family, level):
    assert family in _families_by_rules(text, level)


@pytest.mark.parametrize("text", [
    "规范性文件未经合法性审核、集体讨论决定的，一律不得印发。",
    "城乡居民基本医疗保险实行统一的筹资政策和待遇标准。",
    "低保审核确认结果公示时，不得公开申请人的身份证号码和银行账号。",
    "参加活动的人员应当签署承诺书，承诺遵守活动纪律。",
])
def test_lawful_kinds_from_probe22s_read_half_pass(text):
    assert not _families_by_rules(text)


# A fresh reader's review of this session's exemptions (its own sentences): each must-fix found an
# exemption wider than the law's; these must stay reported ...
@pytest.mark.parametrize("text, family", [
    ("对占道经营的，城管部门按照规定处以500元罚款。", "PENALTY"),
    ("进场经营户按照规定每月缴纳市场管理费200元。", "FEE"),
    ("从事夜间施工的，须按照规定报街道办事处审批同意后方可施工。", "LICENSE"),
    ("对拒不配合检查的，依照规定查封其经营场所。", "COERCION"),
    ("全县农村客运车辆保险统一由县人保财险公司承保，车主可以自主选择投保险种。", "COMPETITION"),
    ("鼓励企业自主选择检测机构，涉及政府投资项目的，检测业务统一由县质检中心承担。", "COMPETITION"),
    ("共享单车每小时最高收费不得超过二元，具体价格由经营者自主确定。", "COMPETITION"),
    ("投标保证金按投标报价的5%收取，招标人应当接受投标人以保函方式提交。", "FEE"),
    ("履约保证金为中标合同金额的20%，中标人以银行保函提交的，采购人不得拒收。", "FEE"),
    ("经营者有权拒绝，但拒绝检查的，执法人员有权随时进入其场所。", "ULTRA_VIRES"),
    ("对同一事实和理由的复核申请，复核结论为最终结论。", "ULTRA_VIRES"),
    ("证明材料予以取消，改由申请人提供社区出具的居住证明。", "RIGHTS"),
    ("镇党委有权否决村民代表会议作出的决定。", "ULTRA_VIRES"),
    ("全区停车场每小时收费最高不得超过3元。", "COMPETITION"),
])
def test_reviewer_must_fix_sentences_stay_reported(text, family):
    assert family in _families_by_rules(text)


# ... and these, the lawful text its new shapes alarmed on, must pass.
@pytest.mark.parametrize("text", [
    "各执法科室在作出行政处罚决定前，应当听取当事人的陈述和申辩。",
    "执法一科依法作出行政处罚决定后，应当在七日内将决定书送达当事人。",
    "承办科室以本局名义作出行政处罚决定的，应当加盖本局印章。",
    "委托会计师事务所对各单位罚没收入和收费收入进行专项审计。",
    "区人大常委会审议区政府专项报告时，区政府分管负责人应当到会听取审议意见。",
    "区政府向区人大常委会报告工作时，应当听取人大代表的意见。",
    "人民法院作出判决后，行政机关应当及时听取当事人意见，改进执法工作。",
    "案件移送县人民检察院后，本局应当配合做好补充证据工作。",
    "工程完工且未拖欠农民工工资的，人社部门应当在十个工作日内退还施工总承包单位存储的工资保证金。",
    "用人单位应当按时足额缴纳职工基本养老保险费。",
    "招标人收取投标保证金的，应当接受投标人以银行保函方式提交，不得拒绝。",
    "纳税人对税务机关作出的纳税决定不服的，应当先缴纳税款及滞纳金后，方可依法申请行政复议。",
])
def test_reviewer_lawful_sentences_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "对占道经营的，城管部门依法处以500元罚款。",
    "对占道经营的，城管部门按照有关规定处以500元罚款。",
])
def test_deference_to_law_does_not_cover_a_sum_the_document_picked(text):
    assert "PENALTY" in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "违反规定的，依法处二千元以上二万元以下罚款。",
    "依法对违法行为人处五百元以下罚款。",
])
def test_deference_with_the_laws_range_passes(text):
    assert not _families_by_rules(text)


# Kinds the unread halves still missed (kind names only) and the law's categories, in sentences
# written for this test in the 2026-12-03 evening session: found by the rules alone, in the family named.
@pytest.mark.parametrize("text, family", [
    ("经县政府常务会议研究，《县城市管理办法》第十二条暂停执行。", "ULTRA_VIRES"),
    ("本纪要印发后，原招商合同中约定的税收返还条款按本纪要执行。", "ULTRA_VIRES"),
    ("对发生的一般生产安全事故，由乡镇人民政府负责组织调查并作出事故结论。", "ULTRA_VIRES"),
    ("本实施细则由县市场监管局综合科制定并负责解释，辖区经营者遵照执行。", "ULTRA_VIRES"),
    ("本县对盗窃数额在五千元以下的，不作为犯罪处理，由公安机关予以治安处罚。", "ULTRA_VIRES"),
    ("经县联席会议认定的失信主体，有关部门不得再作调整，该认定为最终认定。", "ULTRA_VIRES"),
    ("县人民法院对政府重点项目涉诉案件应当优先快立快审快执。", "ULTRA_VIRES"),
    ("溶洞景区的参观价格由县文旅招商专班审定后公布。", "ULTRA_VIRES"),
    ("全县餐饮单位的菜品价格，一律不得高于上年同期水平。", "ULTRA_VIRES"),
    ("对违法建设超过二年的，不再作为违法建设立案处理。", "ULTRA_VIRES"),
    ("镇政府对村民会议通过的土地补偿分配方案进行审核，审核不通过的方案无效。", "ULTRA_VIRES"),
    ("每个执法大队一年的罚没款须达到三十万元，与年底奖金挂钩。", "ULTRA_VIRES"),
    ("县市场监管局对食品企业的执法检查，须事先征得县招商局同意。", "ULTRA_VIRES"),
    ("对行政复议机关作出的撤销决定，原处理部门可以不予执行。", "ULTRA_VIRES"),
    ("对已经核发的养殖许可证，乡镇政府可以根据需要予以收回。", "ULTRA_VIRES"),
    ("辖区企业应当无偿向县大数据中心提供其经营数据和客户信息。", "ULTRA_VIRES"),
    ("治安巡防队员对形迹可疑人员可以带回队部询问。", "ULTRA_VIRES"),
    ("刑满释放人员五年内不得在本辖区租住房屋。", "RIGHTS"),
    ("有吸毒记录的人员不得在城区经营旅馆、网吧等场所，也不得受雇于上述场所。", "RIGHTS"),
    ("闲置超过一年的农村宅基地，由村集体无偿收回另行安排。", "RIGHTS"),
    ("对处罚决定有异议的，当事人应先缴清罚款，方可提出申辩。", "ULTRA_VIRES"),
    ("办理居住登记的，申请人须提供本人及家庭成员的银行流水、婚姻状况和宗教信仰情况。", "RIGHTS"),
    ("对违规停车的车主，在小区公告栏公示其姓名、房号和手机号码。", "RIGHTS"),
    ("乙肝病原携带者不得报考本县事业单位，体检中发现的按不合格处理。", "RIGHTS"),
])
def test_the_evening_kinds_are_found(text, family):
    from reviewer.evaluate import reported
    from reviewer.rules.loader import default_ruleset

    model_codes = {r.code for r in default_ruleset().rules if r.kind == "model"}
    found = {f.family for f in reported(check_text(text, path="<unlawful>").findings) if f.code not in model_codes}
    assert family in found


@pytest.mark.parametrize("text", [
    "本办法经2024年3月5日县人民政府常务会议审议通过，自印发之日起施行，原《县城市管理办法》同时停止执行。",
    "乡镇人民政府应当配合事故调查组开展调查工作。",
    "危害很小的，依法不追究刑事责任，交由公安机关作治安处理。",
    "执法人员进入住宅检查，应当经住户同意或者依法取得相应手续。",
    "违法行为超过两年没有被发现的，除法律另有规定外，不再处罚。",
    "各部门要对照清单，重点清理对外地经营者设置歧视性准入条件、限定经营购买使用特定经营者商品的做法。",
    "开展招标投标领域不合理限制清理，对以本地业绩、本地注册作为加分条件的，限期纠正。",
    "县自然资源局组织编制的乡镇国土空间规划，报县人民政府批准后实施。",
    "公务用车统一由机关事务管理局集中管理、统一调度。",
    "刑满释放人员在就业、就学、社会保障等方面依法享有与其他公民同等的权利，任何单位不得歧视。",
    "进城落户的农户自愿交回承包地的，可以获得合理补偿。",
    "对情节复杂或者重大违法行为给予行政处罚，应当经行政机关负责人集体讨论决定。",
    "被申请人应当履行行政复议决定；不履行的，复议机关应当责令其限期履行。",
    "控制性详细规划修改的，应当报原审批机关批准。",
    "公务用车维修实行统一标准、统一结算，费用由财政统一支付。",
    "各地要破除对外地企业设置的隐性门槛，不得要求其在本地设立分公司。",
    "全面清理规范涉企保证金，对已取消的保证金项目，各单位应在本月底前退还企业已缴纳的保证金。",
    "申请人可以自主选择线上或者线下方式办理，统一由政务服务中心受理。",
    "鼓励企业组团参加省外农产品展销会，参展费用由企业自行承担。",
])
def test_the_evening_look_alikes_pass(text):
    from reviewer.evaluate import reported
    from reviewer.rules.loader import default_ruleset

    model_codes = {r.code for r in default_ruleset().rules if r.kind == "model"}
    assert not [f for f in reported(check_text(text, path="<lawful>").findings) if f.code not in model_codes]


# What a told case, a disclaimer or an amendment passes must not pass what stands beside it.
_FAR_DESIGNATION = ("第二条 有商户反映某镇只能从县粮油集团购买面粉，经核查，镇政府未作此要求，举报不成立。"
                    + "第三条 本办法所称经营户，是指在本县市场内从事经营活动的单位和个人。" * 10
                    + "第四条 各村卫生室所需的常用药品，一律从县康宁医药有限公司采购。")


@pytest.mark.parametrize("text, family", [
    # one line of pasted text: the groundless complaint of 第二条 does not clear 第四条
    (_FAR_DESIGNATION, "COMPETITION"),
    # a compliance claim is no finding about a complaint
    ("本办法经公平竞争审查认为符合审查标准。入驻园区的企业一律从县智联信息科技有限公司采购能源管理设备。", "COMPETITION"),
    # a disclaimer followed by an obligation still binds
    ("补助对象不限制注册地，但须在本县缴纳企业所得税满三年。", "COMPETITION"),
    ("对不同规模企业的奖励与其纳税额挂钩。", "COMPETITION"),
    ("对重点企业按其纳税额的一定比例给予研发补助，补助与纳税额不挂钩的部分另行核定。", "COMPETITION"),
    # boilerplate closing a clause does not undo it
    ("对未办理登记的经营者，处一千元罚款，不得以任何名义变相收费。", "PENALTY"),
    # a deletion that carries new wording into another article
    ("删除《县招商引资优惠办法》第五条第二款，该款内容并入第六条：对新落户企业按其上缴县级财政的税收的一半给予奖励。",
     "COMPETITION"),
    # the wording an amendment puts in is read like any clause
    ("将第七条中的“骨灰盒由丧属自行购置”修改为“应当使用县殡仪馆提供的骨灰盒”。", "COMPETITION"),
])
def test_what_is_passed_does_not_pass_its_neighbours(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "群众来信称某小区的有线电视只能由县广电网络公司安装。经调查，该项业务由依法取得许可的单一主体经营，未发现限定交易行为，举报不成立。",
    "对年度研发投入超过500万元的企业给予研发补助，补助金额与企业纳税额不挂钩。",
    "将《县殡葬服务管理办法》第七条中的“应当使用县殡仪馆提供的骨灰盒”修改为“骨灰盒由丧属自行购置”。",
    # statutory procedure before a penalty or a seizure (行政处罚法 第六十三条, 行政强制法 第十八条)
    "当事人可能被责令停产停业的，执法机关应当在作出决定前告知其有权要求听证。",
    "对需要查封场所、设施的，在实施前应当向本机关负责人报告并经批准。",
    # the steps before a decision being prepared (行政处罚法 第六十三条), and the body's own legal review
    "拟责令停业整顿的，执法人员应当告知当事人陈述、申辩的权利。",
    "拟对当事人处以较大数额罚款的，应当经本机关法制审核。",
])
def test_told_cases_disclaimers_struck_words_and_procedure_pass(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, reported", [
    # Led by a verb of governance (考核, 评估) yet ordering what follows a failure: no topic talk.
    ("运输企业每年考核一次，考核不合格的取消其营运资格。", True),
    ("评估不达标的培训机构，移出本区培训机构名录。", True),
    # The same verb leading talk about the matter stays a topic.
    ("考核营运资格管理工作，加强对运输企业的监督。", False),
])
def test_a_failed_condition_is_not_topic_talk(text, reported):
    assert bool(_families_by_rules(text)) is reported


@pytest.mark.parametrize("text", [
    # An order, even with a year in front or a finding before it: still set by the sentence.
    "2025年起，每户共缴纳保洁费一百二十元。",
    "检查发现乱收费的，今后一律按每户五十元收取管护费。",
    "2025年起，对营收同比增长20%以上的规上企业，奖励其当年地方综合贡献的六成。",
])
def test_reports_and_findings_do_not_hide_an_order(text):
    assert _families_by_rules(text) & {"FEE", "COMPETITION"}


@pytest.mark.parametrize("text, family", [
    # 不将…作为 disclaims a condition; the same words inside a "…的，" condition still lead to a measure.
    ("对不将垃圾分类投放的住户，处200元罚款。", "PENALTY"),
    ("不把建筑垃圾运到指定消纳场的，没收其运输车辆。", "PENALTY"),
])
def test_a_negation_inside_a_condition_does_not_excuse_the_measure(text, family):
    assert family in _families_by_rules(text)


def test_not_making_a_local_office_a_condition_is_no_local_condition():
    assert "COMPETITION" not in _families_by_rules("本项目不将投标人在本县设有办公场所作为资格条件或者评分因素。")


def test_every_match_of_a_measure_holds_one_of_its_triggers():
    """vocab.find skips a kind none of whose triggers is in the sentence, which is exact only if
    the kind's pattern never matches without one: checked on every rule example and corpus text."""
    from reviewer.rules.loader import default_ruleset

    rules = default_ruleset()
    measures = {m.name: m for rule in rules for m in rule.measures}
    texts = [ex.text for rule in rules for ex in (*rule.flag_examples, *rule.pass_examples)]
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(corpus.glob("*.txt"))]
    bare = [(name, hit.group(0)) for name, m in measures.items() for text in texts
            for hit in m.compiled.finditer(text) if hit.group(0) and not any(t in hit.group(0) for t in m.triggers)]
    assert bare == []


@pytest.mark.parametrize("text, code", [
    ("县城投公司负责全县户外招牌设置的审核。", "ULTRA_VIRES028"),
    ("在景区内燃放孔明灯的，一律以放火论处。", "ULTRA_VIRES032"),
    ("私自收购野生药材的，视同非法经营，依法追究刑事责任。", "ULTRA_VIRES032"),
    ("对阻碍防汛调度的人员，市监察委员会要立即立案调查。", "ULTRA_VIRES024"),
    ("对扰乱招商秩序的，由县人民法院从重判处。", "ULTRA_VIRES024"),
    ("协议期内，甲方不再引进其他同类运营企业。", "COMPETITION020"),
    # civil relations and contract effects only a law decides (立法法 第十一条第（八）项)
    ("快递员连续工作满半年的，视为与站点建立劳动关系。", "ULTRA_VIRES038"),
    ("民间借款约定的利息超过年息百分之九的部分，不受保护。", "ULTRA_VIRES038"),
    # investigating and deciding by a body without the power (行政处罚法 第五十四条)
    ("违规使用农药的，由县农产品质量检测中心立案查处。", "ULTRA_VIRES027"),
])
def test_general_kinds_of_unlawful_clause_are_found(text, code):
    assert code in _codes_by_rules(text)


@pytest.mark.parametrize("text", [
    # a negation governing the phrase that leads to the charge
    "县文化馆开展送戏下乡演出，不向村民收取演出费用。",
    # forbidding different terms for different parties favours no one
    "报名参加本县事业单位招聘的，不得对应届和往届人员设置不同的笔试合格线。",
    # an office and a species, not outside firms
    "市外事办公室负责组织涉外礼宾培训。",
    "外来物种引进须经省林业主管部门依法审批，县林业局应当做好监测。",
    # a sign set up at a hazard area is no branch office
    "在防洪禁区内设置醒目的警示标牌。",
    # a utility collecting its own price
    "对欠缴采暖费的住户，供热企业应当先行书面催缴。",
    # a traffic ban whose terms the competent police set under the law
    "校园周边道路禁止货车通行的路段由市公安交警支队依法划定。",
    # exam points rank pupils, not operators
    "高考加分项目以省招生考试院公布的为准，市县不得另设。",
    # the prohibition heading one sub-clause governs the 或者/也 clause that continues it
    "各部门不得向施工企业摊派费用，或者借验收之机收取好处费。",
    # a statutory permit obtained as the rules provide (建筑法 第七条); the cost of a step taken of one's own will
    "施工单位应当在开工前按规定向住建部门申请领取施工许可证。",
    "养殖户可以自愿参加政策性养殖保险，保费由养殖户承担。",
    # 行政处罚法 第七十二条's own daily rate on an unpaid fine, with or without its cap repeated
    "到期不缴纳罚款的，执法机关可以每日按罚款数额的百分之三加处罚款。",
])
def test_lawful_look_alikes_draw_no_finding(text):
    assert _codes_by_rules(text) == set()


# A fresh reader's review of the 2026-12-04 (eleventh session) guards: unlawful sentences each new
# exemption must still leave to the rules (rule code expected), and lawful ones the new words must pass.
@pytest.mark.parametrize("text, code", [
    # a continuation with a measure, a modal or an agent of its own inherits no negation
    ("对逾期不缴纳的，处以罚款，或者暂扣其车辆。", "COERCION001"),
    ("对超载车辆，执法人员应当责令其停止行驶，或者暂扣其行驶证。", "COERCION001"),
    ("违规搭建的，由社区劝导停止施工，或者由城管部门强制拆除。", "COERCION002"),
    ("对年度考评排名最后的乡镇，取消其评优资格，也要扣减工作经费5万元。", "PENALTY005"),
    # 拒不向…, 不从事… and a 不 inside a condition negate nothing
    ("对不向村委会缴纳卫生费的住户停止供水。", "COERCION004"),
    ("对拒不向村集体缴纳垃圾处理费的农户暂停发放各项补贴。", "RIGHTS003"),
    # a charge or a fine whose amount a body fixes "依法" is still the document's own
    ("入场经营的摊户每月缴纳的市场管理费标准由县市场监管局依法确定。", "FEE003"),
    # local registration that suffices, or a bar on "other" conditions after it, is still a condition
    ("在本区注册并纳税的企业即可申报人才公寓。", "COMPETITION007"),
    ("在本县纳税的企业参加政府采购，各部门不得另设条件。", "COMPETITION007"),
    ("全县农村公路建设统一使用本县水泥厂生产的水泥，任何单位不得干预。", "COMPETITION008"),
    # a utility's price made a gate, or fixed by an office
    ("新建住宅用户应向供热企业一次性缴纳三年热费后方可办理入住。", "FEE001"),
    # a charge after a voluntary step, set at a sum by the document, is still a charge
    ("企业可以自愿参加培训，但培训费用每人五百元由企业统一缴纳。", "FEE003"),
    # a daily rate other than the law's is the document's own
    ("到期不缴纳罚款的，每日按罚款数额的百分之五加处罚款。", "COERCION002"),
    # facilities and an office of another kind of 外事 are still local conditions
    ("投标人须在本县拥有自有办公用房。", "COMPETITION007"),
    ("区外事业单位的检测报告不予采信。", "COMPETITION008"),
])
def test_the_new_exemptions_leave_violations_to_the_rules(text, code):
    assert code in _codes_by_rules(text)


def test_what_offenders_did_is_their_offence_not_a_measure_set():
    # a criminal gang is no body without power, and what it collected is named, not demanded
    assert not _codes_by_rules("黑恶犯罪集团强行收取的保护费，由公安机关依法予以追缴。")
    assert not _codes_by_rules("不法分子非法扣押的车辆，由公安机关依法返还。")
    # offenders as the object of a measure the document sets: still reported
    assert "COERCION001" in _codes_by_rules("对违法分子，由社区强行收缴其经营工具。")


@pytest.mark.parametrize("text", [
    "县国有资产运营集团负责所属企业对外担保的审批。",
    "甲方委托乙方在本县范围内开展农村公路日常养护服务。",
    "合同期内，中标单位不得另行引入其他分包单位。",
    "服务期内，乙方不得将项目转包或委托其他单位实施。",
    "会议研究了街道提交的方案，同意由社区牵头组织居民议事。",
    "县华联超市是全市唯一一家省级放心消费示范企业。",
    "村干部协助乡镇政府从事土地征收补偿费用管理等工作时，视同国家工作人员，贪污受贿的依法追究刑事责任。",
    "当事人向人民法院提起诉讼的，人民法院应当立案审查。",
    "集体土地上房屋征收，由县人民政府批准补偿安置方案后实施。",
])
def test_the_new_words_pass_lawful_look_alikes(text):
    assert _codes_by_rules(text) == set()


def test_a_later_sub_sentence_with_its_own_subject_commands_that_subject():
    """…，燃气公司不得另行索要…: the prohibition binds the utility, not the applicant; the papers
    named before it are neither commanded nor refused by it."""
    assert not _codes_by_rules("居民申请燃气开户时提供身份证明和房产证明，燃气公司不得另行索要其他材料。")
    # the party the condition named, or no subject at all: the refusal still follows the condition
    assert "RIGHTS016" in _codes_by_rules("持暂住证申请入学的，申请人不得有任何治安处罚记录。")
    assert "RIGHTS002" in _codes_by_rules("申请临时救助未提供村委会证明的，一律不予受理。")


@pytest.mark.parametrize("text", [
    "经审查，某县《助残出行补贴办法》第五条规定补贴统一由县残联发放，残疾人自愿申领，不设户籍限制，未增加群众负担。",
    "经审查，某区《茶产业发展规划》提出到2028年培育年产值十亿元以上企业两家，属于规划目标，未对经营者设定义务。",
])
def test_a_review_that_finds_the_clause_lawful_is_no_finding(text):
    """A review finding that concludes lawful (未增加负担; 未对经营者设定义务) tells the clause it
    cleared; it sets nothing."""
    assert _codes_by_rules(text) == set()


# A fresh reader's review of the session's change (twelfth session): each sentence is one the
# first version of a change got wrong; the reader's own wording.
@pytest.mark.parametrize("text, code", [
    ("无犯罪记录证明和婚育情况证明，应聘人员必须在报名时一并提交。", "RIGHTS016"),  # the party as subject keeps the command
    ("经营许可证由镇政府统一核发，商户必须持证经营。", "LICENSE007"),
    ("本区初中学生的校服由区教育装备站统一采购，家长不得自行购买。", "RIGHTS012"),
    ("未办理用水登记的，供水企业不予接水。", "LICENSE008"),  # a refusal by a named body is still the gate's
    ("未办理入市登记的，市场管理所不予安排摊位。", "LICENSE008"),
    ("参与政府采购的供应商应当在本区域内纳税。", "COMPETITION007"),  # 本区域 is a place; 栖息区域 is not
    ("申报企业须在长三角区域设立研发中心。", "COMPETITION007"),
    ("高新区《园区消防安全管理规定》第十一条规定，对逾期未整改的企业处以三千元罚款。", "PENALTY001"),  # a zone makes no 规章
    ("景区巡查队对游客的违法行为进行处罚。", "ULTRA_VIRES027"),
    ("家电补贴只对在县百货大楼购买的居民发放。", "COMPETITION018"),
])
def test_the_reviewers_violations_are_found(text, code):
    assert code in _codes_by_rules(text)


@pytest.mark.parametrize("text", [
    "奖补资金仅用于支持农民专业合作社开展农产品初加工。",  # a class of operators, no operator chosen
    "补贴资金只发放给实际种粮的农民和种粮合作社。",
    "以旧换新补贴只对在报名参与活动的家电门店购买的消费者发放。",
    "剧毒化学品仓库应当实行双人保管，并将仓库加锁。",  # an owner's own safety duty, no seizure
    "对配电箱加锁，防止无关人员操作。",
    "出嫁女的户籍留在本组的，享受与本组村民相同的分红待遇，村规民约不得另作规定。",
])
def test_the_reviewers_lawful_sentences_pass(text):
    assert _codes_by_rules(text) == set()


def test_a_procedure_clause_is_no_review_that_clears_it(tmp_path):
    """经审核，符合条件的 is the clause's own procedure, not an account of a review: a gate in it is
    still reported, even when the text goes on to say the paper is free."""
    draft = tmp_path / "夜市.txt"
    draft.write_text("第五条 申请夜市摊位的，向所在街道递交申请，经审核，符合条件的，由街道办事处发放准营证；"
                     "未取得准营证的，不得摆摊经营。准营证免费发放，未增加经营户负担。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(draft), "-f", "json"])
    assert result.exit_code == 1 and "LICENSE" in result.output


@pytest.mark.parametrize("text", [
    # what a revision took out (根据审查意见，删除了…的条件)
    "2025年3月，某县商务局根据审查意见，删除了快递企业须在本县设立分支机构方可享受补贴的条件，修订后的办法已公布。",
    # a check that found nothing against the standards
    "经抽查，某区2024年印发的冷链车辆运营补助办法，按车辆数对区内全部物流企业给予补助，未发现其中有指定经营者的问题。",
    # outside firms treated alike
    "外地公司在本市开设的分店同样可以申报“专精特新”认定，认定结果不与招投标挂钩。",
    # a local partner offered as one way among several
    "中标人应当提供两小时内到场的维修服务，可通过自建网点、委托或者与本地维修商合作等方式实现。",
])
def test_corrections_clean_checks_equal_treatment_and_options_are_no_competition_finding(text):
    assert not {c for c in _codes_by_rules(text) if c.startswith("COMPETITION")}


def test_registration_in_the_county_as_a_bidders_condition_is_found():
    assert "COMPETITION007" in _codes_by_rules("报名单位应为本市注册满三年的法人。")


@pytest.mark.parametrize("text", [
    "本县政府采购不设置供应商名录库门槛，采购人不得以企业未入库为由拒绝其投标。",
    "推荐县内三家企业参加农博会，推荐名单只用于会务安排，不作为政府采购的依据。",
])
def test_a_list_or_gate_said_to_bind_nobody_is_no_finding(text):
    assert not {c for c in _codes_by_rules(text) if c.startswith("COMPETITION")}


@pytest.mark.parametrize("text", [
    "扶贫济困捐助坚持自愿原则，不得以任何方式给农户下达募捐指标任务。",
    "助学捐赠按照自愿原则开展，不以任何方式摊派，不从教师工资中代扣。",
])
def test_a_gift_held_to_free_will_whose_quota_is_forbidden_is_no_levy(text):
    assert not {c for c in _codes_by_rules(text) if c.startswith("FEE")}


def test_a_quota_that_is_set_still_makes_the_gift_a_levy():
    assert any(c.startswith("FEE") for c in _codes_by_rules("开展助学捐款坚持自愿原则，各学校要确保完成捐款任务。"))


def test_a_measure_word_inside_a_regulations_unmarked_name_is_part_of_the_name():
    """依照危险化学品经营许可证管理办法…: 许可 is a word of the regulation's name, written without book marks."""
    assert not _codes_by_rules("经营单位应当依照危险化学品经营许可证管理办法向县应急管理局申请经营许可证。")


def test_an_award_open_to_every_firm_and_the_neighbours_consent_the_civil_code_asks_are_no_finding():
    assert not {c for c in _codes_by_rules("对被评为国家级绿色工厂的企业一次性奖励30万元，辖区各类企业平等申报。")
                if c.startswith("COMPETITION")}
    # 民法典 第二百七十九条: turning a home into business premises needs the affected owners' consent
    assert not _codes_by_rules("业主将住宅改为餐饮用房的，除遵守法律法规外，还应当经有利害关系的业主一致同意。")


# A second fresh reader's review (twelfth session), of the changes after the first one: the
# reader's own sentences, each one a version of those changes got wrong.
@pytest.mark.parametrize("text, family", [
    ("市外企业在本市注册子公司以后，同样可以享受本办法的全部补贴。", "COMPETITION"),  # conditional, not equal
    ("市外实验室的检验结论不作为工程验收的依据。", "COMPETITION"),  # refusing outside reports discriminates
    ("外地企业的获奖证书不作为加分条件。", "COMPETITION"),
    ("在本县不设立服务网点的企业不具备投标条件。", "COMPETITION"),
    ("企业连续两年经抽查未发现违反安全生产规定情形的，评为A级；经抽查不合格的，由县应急局查封其生产场所。", "COERCION"),
    ("通过竞争性谈判确定的企业独家承担全县中小学校服供应，学校不得另行采购。", "COMPETITION"),
    ("重点招商引资企业用水价格执行国家和省定价格政策，水费的50%由县财政返还。", "COMPETITION"),
    ("对拒不整改的商户，按照区政府责令停业整顿的有关规定处理。", "PENALTY"),
    ("招商任务完成不到一半的干部，给予记过处分，处分期间不得晋升职级。", "SANCTION"),
    ("住宅改为经营性用房的，须经有利害关系的业主一致同意，并经街道办事处审批同意。", "LICENSE"),
    ("本次修订删去原第八条，另行增加了外省企业必须在本市注册子公司才能参与投标的要求。", "COMPETITION"),
])
def test_the_second_readers_violations_are_found(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "报废机动车须交由依法取得资质的回收公司回收拆解。",  # 报废机动车回收管理办法
    "罚款须通过代收银行提供的缴款渠道缴纳，执法人员不得当场收缴。",  # 行政处罚法 第六十七条
    "申请人可在市生态环境局公布的具备资质的机构中自主选择。",
    "年度造林绿化任务指标全部下达给县国有林场组织实施。",
    "公共租赁住房租金实行统一标准，由县住建局会同县发改局确定后公布。",
    "参评社会组织须为本县登记的社会组织。",
])
def test_the_second_readers_lawful_sentences_pass(text):
    assert not {c for c in _codes_by_rules(text) if c.startswith("COMPETITION")}


# A fresh reader's review of the thirteenth session's exemptions (its own sentences): each new
# exemption had reached beyond the family and the words it was written for. These must stay
# reported by the rules ...
@pytest.mark.parametrize("text, family", [
    # two groups held to one standard does not make a fine, a permit, a fee or a sanction lawful
    ("本地车辆和外地车辆适用同一标准，违规停放的一律处以二百元罚款。", "PENALTY"),
    ("公办与民办幼儿园执行同一标准，每生每学期向教育局缴纳管理费一百元。", "FEE"),
    ("机关和事业单位工作人员适用同一标准，年度考核不合格的一律扣发全年绩效工资。", "SANCTION"),
    ("县属国有企业与集体企业适用同一标准给予补贴，民营企业不享受该项补贴。", "COMPETITION"),
    # a party's failure to take part, made a condition, is no negation
    ("对经两次通知仍不参与农房风貌改造的农户不予办理不动产登记。", "RIGHTS"),
    ("不参与集中供热的小区业主仍需按供热面积的百分之三十缴纳热源建设费。", "FEE"),
    ("对不参与统一清运的沿街商户处以二百元罚款。", "PENALTY"),
    ("对拒不参与集中整治的企业处以五千元罚款。", "PENALTY"),
    ("协管员不参与罚款决定但可以当场扣押摊贩的经营工具。", "COERCION"),
    # a law named for the power it gives does not empower a village committee or a guard
    ("依照土地管理法授予的权限，村委会对违法占地建房的村民处以每平方米五十元罚款。", "PENALTY"),
    ("依照治安管理处罚法赋予的职权，保安员可以对闹事人员进行扣留。", "ULTRA_VIRES"),
    # a cost of serving or acting on someone else is no personal expense of the staff
    ("工作人员上门办理户籍迁移的，上门服务费由个人承担。", "FEE"),
    ("执法人员现场扣押的物品，运输和保管费用由个人承担。", "FEE"),
    ("职工参加单位统一组织的岗前培训，培训费由个人承担。", "FEE"),
    # a firm required to set up a temporary point locally is still required to be present
    ("参加农产品展销的企业须在本县设立临时销售点满一年方可申请补贴。", "COMPETITION"),
    ("参与投标的通信企业须在本区设置宣传点和咨询台。", "COMPETITION"),
    # townships bearing one cost do not clear a cost shifted to farmers, or a levy they raise
    ("农房风貌改造的规划设计费由各乡镇承担，外墙涂料及施工费用由农户承担。", "FEE"),
    ("修建村道所需资金由各乡镇向辖区企业筹集后自行承担。", "FEE"),
    ("垃圾清运车辆购置费用由各乡镇承担，乡镇可向辖区经营户按户收取。", "FEE"),
    # (a second reader's: the public named after the place, a cost passed on with 从, equal terms
    # beside a privilege for one firm)
    ("小区雨污分流改造费用由街道内各业主按建筑面积承担。", "FEE"),
    ("农村饮水安全工程入户管网费用由乡内各农户自行承担。", "FEE"),
    ("公厕保洁费用由各街道承担，街道可按月从辖区商户收取。", "FEE"),
    ("区内企业和区外企业适用同一标准，合作方享有本项目的优先承建权。", "COMPETITION"),
])
def test_thirteenth_review_sentences_stay_reported(text, family):
    assert family in _families_by_rules(text)


# ... and the look-alikes the exemptions were written for still pass.
@pytest.mark.parametrize("text", [
    "协管员发现违法线索的，及时报告执法部门依法处理，协管员不参与扣押物品。",
    "机关干部报名参加在职学历教育的，学费由个人承担。",
    "今年全县改造危旧桥梁四十座，其中城关镇十座，其余由各乡镇按排查结果自行承担。",
    "葡萄节期间，镇里在集镇设置临时销售点，免费提供给果农摆摊。",
    "对获奖运动员的训练单位给予奖励，公办学校与民办机构适用同一标准。",
    # finality and remedies named without barring anyone's (a second reader's)
    "审查意见为最终决定前的必经程序。",
    "评审委员会审议通过的最美家庭名单即为最终决定。",
    "下级机关无权复议上级机关作出的决定。",
])
def test_thirteenth_session_look_alikes_pass(text):
    assert not _families_by_rules(text)


def test_minutes_assigning_their_own_work_are_no_ultra_vires_cue():
    """纪要…由…据此办理 hands a decision to a bureau to carry out on the public; minutes telling
    units to carry out their own work (由各责任单位据此执行) hand over nothing."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("会议纪要确定，由区政务服务中心按此执行窗口无差别受理改革。")[0] != "assignment"
    assert sentence_imposition("专题会议纪要同意，今年的民生实事项目由各责任单位据此执行。")[0] != "assignment"


# Fourteenth session: a need or demand denied (不要求提交, 无需) and a ban on the office's own charges
# after the measure (…一律不得另收费用) lift burdens; neither imposes the measure they stand beside.
@pytest.mark.parametrize("text", [
    "办理小餐饮登记，不要求申请人提交厨师资格证或者健康培训结业证书，登记机关当场核准。",
    "个人办理渔船登记不收取任何费用，已取消的渔船管理费等一律不得再收取。",
    "群众申请低保的，无需提交村委会出具的证明。",
])
def test_a_demand_denied_or_a_charge_banned_imposes_nothing(text):
    assert not _families_by_rules(text)


@pytest.mark.parametrize("text, family", [
    # the same words that command still do
    ("办理小餐饮登记，要求申请人提交厨师资格证，未提交的不予核准。", "LICENSE"),
    ("开办托育机构须经街道审核同意后方可招生，街道一律不得收取审核费。", "LICENSE"),
    ("开办托育机构，应当取得街道出具的同意意见，不得另行收取费用。", "LICENSE"),
])
def test_a_demand_made_is_still_reported(text, family):
    assert family in _families_by_rules(text)


def test_a_waived_step_still_rules_for_the_second_opinion():
    """无需报…批准 imposes nothing per match, but the sentence rules (a step the law sets waived):
    the second opinion may still speak on it."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("路名方案经县领导小组审议后生效，无需再报市政府批准。")[0] == "command"


# The powers table decides which approvals a document may restate: asked of the statute's holder,
# an approval the statute sets is no new permit; asked of another body, it still is.
@pytest.mark.parametrize("text", [
    "在坡地开办砖厂的，建设单位须将水土保持方案报县水务局审批。",
    "举办万人以上的灯会，承办单位应当事先向市公安局申请大型群众性活动安全许可。",
])
def test_a_statutory_approval_asked_of_its_holder_is_no_new_permit(text):
    assert "LICENSE" not in _families_by_rules(text)


@pytest.mark.parametrize("text", [
    "在坡地开办砖厂的，建设单位须将水土保持方案报镇人民政府审批。",
    "举办万人以上的灯会，承办单位应当事先向街道办事处申请大型群众性活动安全许可。",
    "开办农家乐的，应当报县文旅局审批。",
])
def test_an_approval_asked_of_another_body_or_not_in_the_table_is_reported(text):
    assert "LICENSE" in _families_by_rules(text)


# A fresh reader's review of the fourteenth session's changes (its own sentences, kept as tests).
# The statutory-approval guard exempts only the statute's own approval asked of every body the
# statute names, at its level, with nothing else between the power and the request.
@pytest.mark.parametrize("text", [
    "举办大型群众性活动的场所，日常开展健身培训的，应当报县公安局审批。",
    "在采砂作业区附近经营餐饮的，应当向县水利局申请许可。",
    "焰火晚会结束后，沿街商户恢复营业的，应当报县公安局批准。",
    "在坡地上开办采石场的，须将水土保持方案报县水务局和县林业局审批。",
    "举办大型群众性活动，承办单位须向县公安局和县文化和旅游局申请安全许可。",
    "建设经营性公墓，应当报县民政局审批。",
    "举办大型群众性活动，承办单位须向县公安局申领安全许可，还要拿到县文旅局盖章的同意意见。",
])
def test_fourteenth_review_approvals_stay_reported(text):
    assert "LICENSE" in _families_by_rules(text)


# A finding made by a body without the power is reported only where it decides a public-law matter
# for others; a firm's own business, a cooperative's or a body's own members are not.
@pytest.mark.parametrize("text", [
    "农业保险发生保险事故后，由承保的保险有限公司查勘核定损失，核定结果作为理赔的依据。",
    "县供水有限公司负责核定用户用水量，核定结果作为收取水费的依据。",
    "县天源食品有限公司对出厂产品质量进行判定，判定不合格的一律不得出厂。",
    "合作社理事会负责核定社员出资额，核定结果作为盈余分配的依据。",
    "村民小组对本组土地补偿费分配对象进行确认，确认结果作为分配的依据。",
    "医院理事会决定对违反诊疗规范的科室主任给予警告处分。",
])
def test_fourteenth_review_private_findings_are_no_ultra_vires(text):
    assert "ULTRA_VIRES040" not in _codes_by_rules(text) and "ULTRA_VIRES027" not in _codes_by_rules(text)


@pytest.mark.parametrize("text", [
    "县城投公司负责认定棚户区改造范围内的违法建筑，认定结果作为不予补偿的依据。",
    "县农业发展有限公司负责划定生猪禁养区范围，划定后区内养殖场一律关闭。",
    "县家政服务协会给家政企业评定星级，星级结论是政府购买家政服务的准入条件。",
])
def test_fourteenth_review_binding_findings_of_bodies_without_power_are_reported(text):
    assert "ULTRA_VIRES040" in _codes_by_rules(text)


# A cap on the firms let into a market, not a purchase, a franchise a law sets, nor a plan's target.
@pytest.mark.parametrize("text", [
    "县机关事务局通过公开招标确定2家企业承担机关食堂运营服务。",
    "县城管局通过公开招标确定2家企业承担城区环卫作业运营。",
    "城区污水处理厂通过公开招标选择一家企业负责运营。",
    "风景名胜区内的游船经营项目，由管理处以公开招标方式选定2家企业经营。",
    "力争年内引进3家新能源龙头企业入驻经济开发区。",
    "今年增加的巡游出租车经营指标，按服务质量招投标办法分给3家企业。",
    "县体育中心场馆通过公开招标引入1家专业运营公司负责运营管理。",
])
def test_fourteenth_review_purchases_and_franchises_are_no_market_cap(text):
    assert "COMPETITION036" not in _codes_by_rules(text)


@pytest.mark.parametrize("text", [
    "全县共享电单车经营权通过公开招标确定两家企业进入市场运营，其他企业不得投放。",
    "城区建筑垃圾运输通过公开遴选确定4家企业进入市场运营，未入选企业不得承接建筑垃圾运输业务。",
])
def test_fourteenth_review_market_caps_are_reported(text):
    assert "COMPETITION036" in _codes_by_rules(text)


def test_fourteenth_review_a_removed_paper_described_by_its_gate_is_removed():
    assert not _families_by_rules("以往须凭社区出具的居住证明才能办理的事项，一律不再要求提交该证明。")


@pytest.mark.parametrize("sentence, plan", [
    ("加快建设区域物流中心，完善县乡村三级物流配送体系。", True),
    ("优化营商环境，企业开办刻章由县公安局指定的两家刻章店承接。", False),
    ("推进殡葬改革，城区丧事服务由县殡仪馆承接。", False),
    ("完善城区停车收费，道路停车费由县停车服务公司按每小时5元收取。", False),
])
def test_fourteenth_review_plan_talk_is_every_sub_sentence_a_task(sentence, plan):
    from reviewer.rules.guards import plan_talk

    assert plan_talk(sentence) is plan


def test_a_rule_chosen_alone_reads_the_sentence_as_the_whole_set_does():
    """--select LICENSE007 must not lose the powers table the guard reads (RuleSet.reading_with)."""
    from reviewer.rules.loader import default_ruleset

    text = "在坡地开办砖厂的，建设单位须将水土保持方案报县水务局审批。"
    alone = default_ruleset().filter(select=["LICENSE007"])
    assert any(m.powers for m in alone.vocabulary())
    assert not check_text(text, ruleset=alone).findings


# A second fresh reader's review of the fixes (its own sentences): township stations and police
# stations hold no county department's power; a later clause asking for its own subject's approval
# is not the statute's; a ban on doing something 擅自 binds the public; consent that suffices (即可)
# is still a gate; a demand before a ban is not removed by it.
@pytest.mark.parametrize("text", [
    "生产建设项目须将水土保持方案报镇水务服务站审批。",
    "举办大型群众性活动，承办单位须向县公安局城关派出所申请安全许可。",
    "临时使用土地的，应当报县自然资源局驻镇自然资源所批准。",
    "举办大型群众性活动，活动宣传品和广告内容须报县公安局审批。",
    "在河道管理范围内采砂，采砂企业法定代表人变更须报县水利局审批。",
    "民宿客房数量报镇人民政府核准，不得擅自增加。",
    "农贸市场摊位租金标准报镇人民政府核准，不得擅自收取其他费用。",
    "商户开业不需要提交纸质材料，经社区同意即可营业。",
    "商户开业须经社区同意，一律不得要求商户提供其他证明。",
    "培训机构经街道审核同意后方能招生，一律不得收取审核费。",
])
def test_second_fourteenth_review_gates_stay_reported(text):
    assert "LICENSE" in _families_by_rules(text)


@pytest.mark.parametrize("sentence", [
    "加快推进县属国企独家运营全县充电桩网络。",
    "支持县城投公司承接全县农村公路养护工程。",
    "推广使用县农资集团生产的有机肥并给予每吨200元补贴。",
])
def test_second_fourteenth_review_a_named_firm_or_money_is_no_plan_talk(sentence):
    from reviewer.rules.guards import plan_talk

    assert not plan_talk(sentence)


@pytest.mark.parametrize("text", [
    "县城管局通过政府采购确定2家企业负责城区灭蚊药物投放服务。",
    "县商务局依照市场准入负面清单，通过公开招标确定2家企业承担县电子商务公共服务中心运营。",
    "城区公交候车亭广告位通过公开拍卖确定2家企业进入城区广告市场经营。",
])
def test_second_fourteenth_review_purchases_and_sales_are_no_market_cap(text):
    assert "COMPETITION036" not in _codes_by_rules(text)


@pytest.mark.parametrize("text", [
    "县房地产估价有限公司核定被征收房屋的价值，核定结果作为补偿依据。",
    "征迁指挥部初步核定房屋面积，经县房屋征收部门审核确认后作为补偿依据。",
    "县某造价咨询公司审定的结算价为最终结算价。",
])
def test_second_fourteenth_review_lawful_valuations_are_no_ultra_vires(text):
    assert "ULTRA_VIRES040" not in _codes_by_rules(text)


def test_explain_names_the_statute_an_exempted_approval_restates():
    """A reviewer who sees an approval left unreported is told which statute sets it and who holds it."""
    from reviewer.explain import explain, format_steps

    out = format_steps(explain("在坡地开办砖厂的，建设单位须将水土保持方案报县水务局审批。"))
    assert "statutory_approval：是（《中华人民共和国水土保持法》第二十五条" in out


# Fifteenth session: cues and guards written from the law's categories (the sentences are ours).
@pytest.mark.parametrize("sentence", [
    "县水务集团有限公司负责对违法取水行为进行查处，并收取罚没款。",
    "县自然资源局授权各村委会对村民建房申请作出审批决定。",
    "县燃气集团可以对违规用气的用户作出罚款决定。",
    "县城管局将违法建设的认定和拆除工作委托给县城投公司实施。",
])
def test_a_power_handed_to_a_body_is_a_cue_for_the_second_opinion(sentence):
    """Who may decide is what ULTRA_VIRES asks: a power handed on (授权, 委托, 负责查处, 可以…核发)
    lets the second opinion speak, as a command would for the other families."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(sentence)[0] in ("authorisation", "assignment")


@pytest.mark.parametrize("sentence", [
    "代理人提交的授权委托书须写明代理权限。",
    "当事人可以委托律师代理申请行政复议。",
    # an agency's own powers are the law's to say, not these words'
    "县城管局负责城市建成区内违法建设的查处和拆除工作。",
    "县税务局负责本县税款的征收管理。",
])
def test_a_power_of_attorney_or_an_agency_s_own_power_is_no_power_handed_on(sentence):
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(sentence)[0] not in ("authorisation", "assignment")


def test_a_refusal_that_describes_the_party_negates_nothing():
    assert "ULTRA_VIRES036" in _codes_by_rules("县征收办依据本通知对拒绝签约的被征收人作出征收决定。")


@pytest.mark.parametrize("sentence, bans", [
    ("街道不得对拒绝搬迁的住户停水停电。", True),
    ("物业公司不得对欠费业主采取停水停电措施。", True),
    ("任何单位不得向企业收取押金。", True),
    ("对拒不搬迁的住户，可以停水停电。", False),
    ("各部门不得为拒不签约的企业办理审批手续。", False),
    ("不得对欠费住户停水，欠费的由社区追缴。", False),
])
def test_a_sentence_that_only_forbids_a_measure(sentence, bans):
    from reviewer.rules.analysis import only_bans

    assert only_bans(sentence) is bans


def test_a_ban_is_no_condition_running_into_its_party():
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("街道不得对拒绝搬迁的住户停水停电。")[0] != "consequence"
    assert sentence_imposition("未缴纳卫生费的住户暂停供水。")[0] == "consequence"


def test_an_approval_a_plan_already_has_is_passive():
    text = "施工单位须依照经批准的设计文件组织施工。"
    assert analyse(_ctx(text, "批准")).referral == "passive"
    assert analyse(_ctx("未经批准的，不得施工。", "批准")).referral == ""


def test_a_heading_deposit_takes_its_kind_from_its_sentence():
    assert "FEE" not in _families_by_rules("保证金：成交供应商可用保险保函交付履约保证金，数额占合同价的8%。")
    assert "FEE" in _families_by_rules("保证金：成交供应商须以现金交付履约保证金，数额占合同价的8%。")


def test_a_review_that_finds_the_provision_lawful_clears_the_case():
    from reviewer.rules.analysis import cleared_by_inquiry

    text = "某区文件要求投标保证金不高于估算价的百分之二，允许保函代替。审查认为该规定符合上位法规定。"
    assert cleared_by_inquiry(text, 0, 24)
    unlawful = "某区文件要求投标保证金为估算价的百分之五。审查认为该规定与上位法不一致。"
    assert not cleared_by_inquiry(unlawful, 0, 16)


@pytest.mark.parametrize("text, reported", [
    ("县住建局划定城区禁止燃放烟花爆竹的区域和时段，并向社会公布。", True),   # 烟花爆竹安全管理条例 第二十八条: the government's
    ("镇政府划定本镇禁止燃放烟花爆竹的区域。", True),
    ("县人民政府确定城区禁止燃放烟花爆竹的区域和时段。", False),
    ("县公安局会同县应急管理局拟定烟花爆竹禁放区域，报县人民政府决定后公布。", False),
    ("县应急管理局负责对本县所有企业的安全生产许可证进行审批。", True),  # provincial, 安全生产许可证条例 第三条
    ("县市场监管局负责对本县食品经营许可证予以核发。", False),
])
def test_a_statutory_power_taken_by_another_body(text, reported):
    assert ("ULTRA_VIRES036" in _codes_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("县住建局划定城区禁止燃放烟花爆竹的区域和时段。", False),  # a zone of regulation, not a market
    ("镇政府划定畜禽禁养区域。", False),
    ("县商务局为各加油站划定销售区域，各站不得跨区域经营。", True),
])
def test_a_zone_of_regulation_is_no_market_division(text, reported):
    assert ("COMPETITION024" in _codes_by_rules(text)) is reported


@pytest.mark.parametrize("text, code, reported", [
    ("县人民法院审理因本方案引发的纠纷时，应当参照本方案执行。", "ULTRA_VIRES024", True),
    ("人民法院在审理行政案件时，依法参照规章。", "ULTRA_VIRES024", False),
    ("本县范围内不再执行省人民政府关于农村建房审批的有关规定。", "ULTRA_VIRES023", True),
    ("省人民政府关于农村建房审批的规定在本县范围内暂停执行。", "ULTRA_VIRES023", True),
    ("省人民政府关于渔船登记的规定已经废止，本县不再执行该规定。", "ULTRA_VIRES023", False),
])
def test_courts_directed_and_higher_rules_suspended(text, code, reported):
    assert (code in _codes_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("各部门不得为拒不签约的企业办理审批手续。", True),   # a service denied to a class defined by non-compliance
    ("各单位不得为欠缴物业费的业主办理房屋交易手续。", True),
    ("网吧不得为未满十八周岁的人员提供上网服务。", False),  # the law's own protective ban
    ("各部门要为企业提供优质服务。", False),
])
def test_a_ban_on_offices_serving_those_who_did_not_comply_cuts_their_rights(text, reported):
    assert ("RIGHTS" in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, family, reported", [
    # the buyer's own pick is no designation; 不得自行选定 is the restriction itself
    ("农户可以自行选定农机的品牌与销售网点。", "COMPETITION", False),
    ("各学校不得自行选定供应商，统一由县教育局指定的企业配送。", "COMPETITION", True),
    # a condition said to cost nothing
    ("经营户未签署文明经营承诺书的，不影响其评优资格。", "RIGHTS", False),
    ("经营户未签署文明经营承诺书的，取消其评优资格。", "RIGHTS", True),
    # only a law or an administrative regulation may make review come before suit (行政诉讼法 第四十四条)
    ("相对人不服处罚的，应先行申请复议，复议维持后方可起诉。", "ULTRA_VIRES", True),
    # a binding grading by a village or residents' committee that decides benefits
    ("社区居委会评定困难老人的失能等级，评定结论作为发放护理补贴的依据。", "ULTRA_VIRES", True),
])
def test_fifteenth_session_read_half_categories(text, family, reported):
    assert (family in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, code, reported", [
    # a class of governments as a statute names it is no one body taking a power
    ("地方政府为建设项目筹资而举借债务的，应当以发行债券形式进行。", "ULTRA_VIRES036", False),
    ("县人民政府可以向银行举借债务用于基础设施建设。", "ULTRA_VIRES036", True),
    # the government's own assets managed by its finance office
    ("园区国有资产的出借，由管委会财政局依照资产管理规定审核。", "COMPETITION011", False),
])
def test_statute_classes_and_own_assets(text, code, reported):
    assert (code in _codes_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("集市经营户的电子秤应当按期送县市场监督管理局指定的计量检定所检定。", False),  # 计量法 第二十条
    ("适龄儿童应当到县卫生健康局指定的接种单位打疫苗。", False),   # 疫苗管理法 第四十四条
    ("集市经营户的电子秤应当到县商务局所指定的计量检定机构校验。", True),
    ("集市经营户的电子秤一律到县衡器有限公司检定。", True),
    ("适龄儿童应当到镇政府指定的接种单位打疫苗。", True),
])
def test_a_designation_a_statute_makes_by_its_holder(text, reported):
    assert ("COMPETITION" in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("全县文化节的宣传品印制一律交由县文旅集团旗下印务公司承担。", True),   # 宣传品: a thing, not the task 宣传
    ("宣传贯彻条例精神，统一由县司法局组织培训。", False),
])
def test_a_governance_verb_used_as_a_noun_s_modifier_is_no_topic(text, reported):
    assert ("COMPETITION" in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    # a permit asked of the statute's holder restates the statute, by whatever words the rule matched
    ("开办歌舞厅，须先向县文广旅游局提交申请，领取娱乐经营许可证之后才能营业。", False),
    ("开办歌舞厅，须先向街道办事处提交申请，领取娱乐经营许可证之后才能营业。", True),
    ("开办歌舞厅，须先向县文广旅游局申领娱乐经营许可证，领证后方可申领消费券补贴。", True),
    ("在水库大坝附近进行爆破作业的，须向市公安局提交申请，经批准后方可实施。", False),
    ("在水库大坝附近进行爆破作业的，须向镇人民政府提交申请，经批准后方可实施。", True),
    ("砍伐城市树木，须经市城市管理局（绿化主管部门）批准。", False),
])
def test_a_permit_asked_of_the_statute_s_holder(text, reported):
    assert ("LICENSE" in _families_by_rules(text)) is reported


def test_the_second_opinion_defers_where_the_knowledge_base_found_a_restatement():
    """Where a knowledge guard cleared a rule's match as a statute restated, the model stays quiet in
    that family: its likeness to unlawful clauses does not outweigh the statute (checked with the
    model forced to score 0.999, so the test holds whatever a retrain does)."""
    from unittest import mock

    from reviewer.opinion import model as opinion_model

    text = "开办歌舞厅，须先向县文广旅游局提交申请，领取娱乐经营许可证之后才能营业。"
    real = opinion_model.builtin()
    forced = mock.patch.object(type(real), "score", lambda self, t, family_from=0.0: opinion_model.Opinion(
        probability=0.999, family="LICENSE", families=(("LICENSE", 1.0),)))
    with forced:
        found = {f.family for f in check_text(text).findings}
    assert "LICENSE" not in found


# A fresh reader's review of the fifteenth session's changes (its own sentences, kept as tests).
@pytest.mark.parametrize("text, family, reported", [
    ("计量器具一律送县商务局指定的那家计量检定机构检定。", "COMPETITION", True),
    ("电子计价秤须送县计量协会指定的计量检定机构检定。", "COMPETITION", True),
    ("集市经营户的电子秤应当按期送县市场监督管理局指定的计量检定所检定。", "COMPETITION", False),
    ("街道不得对拒绝搬迁的住户停水停电。", "ANY", False),
    ("不动产登记机构不得为未缴纳契税的当事人办理不动产登记。", "RIGHTS", False),
    ("审批部门不得为未完成环境影响评价审批的建设项目办理开工手续。", "RIGHTS", False),
    ("各部门不得为拒不签约的企业办理审批手续。", "RIGHTS", True),
    ("审查认为该规定符合《行政处罚法》的规定，对乱扔垃圾的行人处以200元罚款。", "PENALTY", True),
    ("县司法局审查认为这一条件符合有关要求，外地投标企业中标后应在本县开设分公司。", "COMPETITION", True),
    ("对未按期签约的住户停止供水的，不影响其依法获得补偿。", "ANY", True),
    ("城管部门对占道经营者处五百元罚款的，不影响市场监管部门依法另行处理。", "PENALTY", True),
    ("经营户未签署文明经营承诺书的，不影响其评优资格。", "RIGHTS", False),
    ("划分各饲料养殖服务商的销售区域，不得跨区销售。", "COMPETITION", True),
    ("划定各防控物资供应商的配送区域，不得跨区供货。", "COMPETITION", True),
    ("县住建局划定城区禁止燃放烟花爆竹的区域和时段。", "COMPETITION", False),
    ("房屋征收部门可以委托县房地产评估有限公司对被征收房屋进行评估。", "ULTRA_VIRES", False),
    ("县住建局委托县工程造价咨询公司对拆除工程费用进行审计。", "ULTRA_VIRES", False),
    ("物业服务企业负责协助查处小区内违法搭建行为。", "ULTRA_VIRES", False),
    ("企业负责本单位职工的工伤认定申请工作。", "ULTRA_VIRES", False),
    ("群众有权拒绝各类不合理的集资摊派。", "ANY", False),
    ("企业有权拒绝无依据的检查和罚款。", "ANY", False),
    ("婚宴应当按照经审批的菜单和桌数举办。", "LICENSE", True),
    ("商户应当按照经审核的样式制作店招。", "LICENSE", True),
    ("保证金：入园企业须交纳投资履约保证金，数额以协议投资额的10%为限，可用保函提交。", "FEE", True),
    ("各部门在人民法院审理涉及本部门的案件期间，应当执行本办法规定的应诉程序。", "ULTRA_VIRES", False),
    ("经省人民政府批准，本县在试点期间暂停执行省人民政府关于耕地占用税减免的有关规定。", "ULTRA_VIRES", False),
    ("本县范围内暂停执行省自然资源厅关于农村宅基地审批的有关规定。", "ULTRA_VIRES", True),
    ("国有资产出租评估统一由县诚信会计师事务所承担。", "COMPETITION", True),
    ("当事人不服当场处罚决定的，根据《行政复议法》须先行申请复议，复议后仍有异议方可起诉。", "ULTRA_VIRES", False),
    ("生猪应当在设区的市人民政府确定的定点屠宰厂屠宰。", "COMPETITION", False),
])
def test_fifteenth_review(text, family, reported):
    families = _families_by_rules(text)
    assert (bool(families) if family == "ANY" else family in families) is reported


def test_fifteenth_review_an_enforcement_holiday_is_no_protective_ban():
    """不得对…罚款 may exempt firms from the law (行政处罚法 第三十三条 lists the only cases): the second
    opinion keeps its say there; 不得对…停水停电 forbids what no office may do."""
    from reviewer.rules.analysis import only_bans

    assert not only_bans("各执法部门在重点项目建设期间一律不得对施工企业进行罚款。")
    assert not only_bans("人民法院不得对县重点项目企业采取查封冻结措施。")
    assert only_bans("街道不得对拒绝搬迁的住户停水停电。")


def test_fifteenth_review_an_application_or_help_is_no_power_handed_on():
    from reviewer.rules.analysis import sentence_imposition

    for sentence in ("企业负责本单位职工的工伤认定申请工作。", "物业服务企业负责协助查处小区内违法搭建行为。",
                     "房屋征收部门可以委托县房地产评估有限公司对被征收房屋进行评估。"):
        assert sentence_imposition(sentence)[0] not in ("authorisation", "assignment"), sentence


@pytest.mark.parametrize("text, family, reported", [
    ("所有在本县承建的市政项目均实行农民工工资专户管理，不论承建单位的注册地在哪里。", "COMPETITION", False),
    ("本委文件、材料的印制统一由委办公室文印室负责。", "COMPETITION", False),
    # 代履行: the party bears what was done in its stead (行政强制法 第五十一条)
    ("产生单位逾期不处置的，由县生态环境局代为处置，所需费用由产生单位承担。", "FEE", False),
    ("重点排污单位自行开展自动监测，所需费用由其自行负担。", "FEE", False),
    ("区属国有企业应当将年度利润的一定比例作为国有资本收益上缴区财政。", "FEE", False),
    ("拒不拆除的，由街道组织拆除，拆除费用由所在村民小组承担。", "FEE", True),
])
def test_fifteenth_session_probe45_read_categories(text, family, reported):
    assert (family in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("转包土地经营权的，须征得发包方书面同意。", False),   # a civil-law consent (农村土地承包法), no approval
    ("本市公务员因工作需要兼职的，须经任免机关批准。", False),   # the office's own staff (公务员法 第四十四条)
    ("本县居民外出打工的，应当报村委会批准。", True),
])
def test_civil_consents_and_the_office_s_own_staff_are_no_permit(text, reported):
    assert ("LICENSE" in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    ("开办民办培训学校，须向县教育体育局申领办学许可证。", False),  # the 民办教育促进法's own permit
    ("开办民办培训学校，须向社区居委会申领办学许可证。", True),
])
def test_a_permit_named_with_its_request_asked_of_the_holder(text, reported):
    assert ("LICENSE" in _families_by_rules(text)) is reported


# A second fresh reader's review of the fifteenth session (its own sentences, kept as tests): the
# knowledge guards check the level a statute names, refuse a permit with a further condition, and the
# lawful categories stay narrow.
@pytest.mark.parametrize("text, family, reported", [
    ("排污单位须向县环保局申领排污许可证后方可排放污染物。", "LICENSE", True),
    ("在县城规划区内搞拆除爆破，须先报县公安局批准，批下来才能动工。", "LICENSE", True),
    ("开办网吧，须向县文旅局申领网络文化经营许可证，且距中小学校须在1000米以上方可营业。", "LICENSE", True),
    ("从事药品零售的，须向县市场监督管理局申领药品经营许可证，并加入县医药行业协会后方可营业。", "LICENSE", True),
    ("开办歌厅的，须于开业前九十日向县文旅局申领娱乐经营许可证。", "LICENSE", True),
    ("企业是否在本县注册的，均不作为享受扶持政策的条件。", "COMPETITION", False),
    ("未在本县开设分支机构的，不影响其参与投标。", "COMPETITION", False),
    ("本县公务员的配偶子女从事经营活动须经县纪委监委批准。", "LICENSE", True),
    ("建设单位应当按照经批准的用途使用土地。", "LICENSE", False),
    ("经营者应当按照经核准的经营范围从事经营活动。", "LICENSE", False),
    ("县农业农村局依法划定限制养殖区域和允许养殖区域。", "COMPETITION", False),
    ("按照施工组织设计划定施工作业区域并设置围挡。", "COMPETITION", False),
    ("对县自然资源局确定土地使用权出让金数额的决定不服的，须先申请行政复议后方可起诉。", "ULTRA_VIRES", True),
    ("经省住房和城乡建设厅同意，本县暂停执行省人民政府《物业管理办法》第二十条。", "ULTRA_VIRES", True),
    ("不予为未按时整改的企业提供水电接入服务。", "RIGHTS", True),
    ("入驻园区的民营企业须按年度利润的5%上缴国有资本收益。", "FEE", True),
    ("全县各部门的印刷品统一交由局办公室确定的定点印刷企业承印。", "COMPETITION", True),
    ("开办歌舞厅，须先向县文广旅游局提交申请，领取娱乐经营许可证之后才能营业。", "LICENSE", False),
    ("兽药经营企业向县畜牧兽医局申领兽药经营许可证。", "LICENSE", False),
])
def test_second_fifteenth_review(text, family, reported):
    assert (family in _families_by_rules(text)) is reported


def test_second_fifteenth_review_a_firm_running_expropriation_is_a_cue():
    """征收补偿 carried out by a company (国有土地上房屋征收与补偿条例 第四、五条): the compensation is the power."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("县城投公司负责房屋征收补偿工作的组织实施。")[0] in ("authorisation", "assignment")


@pytest.mark.parametrize("text, reported", [
    # a statute that splits a permit by level: 批发 by a districted city, 零售 by the county
    ("申请从事烟花爆竹批发的企业，须向县应急管理局申领烟花爆竹批发经营许可证后方可经营。", True),
    ("申请从事烟花爆竹批发的企业，须向市应急管理局申领烟花爆竹批发经营许可证后方可经营。", False),
    ("从事烟花爆竹零售的经营者，须向县应急管理局申领烟花爆竹零售经营许可证后方可经营。", False),
    # 印刷业管理条例 第十条: 包装装潢 by a districted city's publishing office, never a county's
    ("从事包装印刷的企业，应当向市新闻出版局申请印刷经营许可证。", False),
    ("从事包装印刷的企业，应当向县委宣传部申请印刷经营许可证。", True),
])
def test_statutory_permits_split_by_level(text, reported):
    assert ("LICENSE" in _families_by_rules(text)) is reported


@pytest.mark.parametrize("text, reported", [
    # a row whose statute names a province for part of the power never restates a county's request;
    # the statute's county part has its own row
    ("经营兽用生物制品的企业，须向县畜牧兽医局申领兽用生物制品经营许可证。", True),
    ("兽药经营企业向县畜牧兽医局申领兽药经营许可证。", False),
])
def test_a_power_split_by_level_restates_only_its_own_level(text, reported):
    assert ("LICENSE" in _families_by_rules(text)) is reported



# "burden": a payment laid on someone (who pays, or at what rate), against a kind of payment named.
@pytest.mark.parametrize("text, word, kind", [
    ("修缮门楼的费用由沿街住户承担。", "费用由沿街住户承担", "burden"),
    ("各经营户每年向市场服务中心交纳卫生费。", "交纳卫生费", "burden"),
    ("入驻企业按每平方米八元缴纳物业管理保证金。", "保证金", "burden"),
    ("本轮清理后，全县涉企保证金只留下两类。", "保证金", "statement"),
])
def test_a_payment_laid_on_someone_is_a_burden(text, word, kind):
    from dataclasses import replace

    measure = "deposit" if word == "保证金" else "fee_charge"
    assert analyse(replace(_ctx(text, word), measure=measure)).imposition == kind


def test_fee003_counts_a_burden_and_not_a_bare_mention():
    assert "FEE003" in {f.code for f in _reported_by_rules("修缮门楼的费用由沿街住户承担。")}
    assert "FEE003" not in {f.code for f in _reported_by_rules("本轮清理后，全县涉企保证金只留下两类，其余一律取消。")}


# Sixteenth session, from probe46's read half (each in other words): the analysis, not the wording.
@pytest.mark.parametrize("text, codes_in, codes_out", [
    # a body leading a 对 topic takes the verb of a later clause with no subject of its own
    ("区文旅局对冒用老字号的商户，撤销其注册商标。", {"ULTRA_VIRES036"}, set()),
    ("区文旅局对冒用老字号的商户，依法提请商标局撤销其注册商标。", set(), {"ULTRA_VIRES036"}),
    # 必需 is an adjective, not a command; a place said to count for nothing restricts no one
    ("采购图书的资格条件只设法定条件和项目必需的配送能力，供应商注册地不作为资格条件，也不计入评分。",
     set(), {"COMPETITION007", "COMPETITION008"}),
    # a person asking for a proof to be issued binds the issuer, not the person
    ("退休职工申请开具工龄证明的，原单位应当据实开具，不得收费。", set(), {"RIGHTS016"}),
    # public competition on the public resource trading platform designates no one
    ("村集体鱼塘承包期满后，一律进入市公共资源交易网，以网上竞价方式另行确定承包人。", set(), {"COMPETITION001"}),
    # …的不计入 without a comma is a consequence all the same
    ("学生到其他研学基地参加实践的不计入学时。", {"COMPETITION011"}, set()),
])
def test_probe46_read_half_kinds(text, codes_in, codes_out):
    codes = {f.code for f in _reported_by_rules(text)}
    assert codes_in <= codes and not (codes_out & codes)


# A fresh reader's review of the sixteenth session's detection changes, kept as tests (reworded).
@pytest.mark.parametrize("text, absent", [
    ("超越经营范围订立的买卖合同，不因此认定该合同无效。", "ULTRA_VIRES038"),  # a denial of voidness
    ("租赁合同无效或者被撤销后，承租人应当返还房屋。", "ULTRA_VIRES038"),  # voidness as a premise
    ("劳动合同无效，劳动者已经提供劳动的，单位应当照付报酬。", "ULTRA_VIRES038"),
    ("以胁迫手段订立的劳动合同无效。", "ULTRA_VIRES038"),  # a ground the law itself names
    ("投票的选民不足半数的，本次选举结果无效，应当重新选举。", "ULTRA_VIRES038"),
    ("行政赔偿由县自然资源局依法确定赔偿数额，赔偿决定生效后由财政支付。", "ULTRA_VIRES038"),
    ("按照县人大常委会的决议，原收费办法同时停止执行。", "ULTRA_VIRES024"),  # a congress obeyed
    ("人民法院对已经执行完毕的案件，不再采取执行措施。", "ULTRA_VIRES024"),  # the courts' own procedure
    ("各乡镇的领导职数，由县委组织部会同县委编办核定。", "ULTRA_VIRES036"),
    ("县中医院可以根据业务需要自主设置内设机构，报县卫健委备案。", "ULTRA_VIRES036"),  # a public institution
    ("迷路的耕牛由村委会牵至村部圈养，通知失主认领。", "COERCION004"),  # lost property kept for its owner
    ("履约保证金3%。", "FEE003"),  # a table cell
    ("由各施工企业交纳的扬尘保证金，一律退还。", "FEE003"),  # a payment lifted
])
def test_sixteenth_review_lawful(text, absent):
    assert absent not in {f.code for f in _reported_by_rules(text)}


@pytest.mark.parametrize("text, family", [
    ("外地施工企业进场施工前存入诚信保证金。", "FEE"),  # a deposit demanded with another verb
    ("建筑垃圾清运保证金由县城管局统一收取。", "FEE"),
    ("进城务工人员缴交暂住服务费。", "FEE"),
    ("未交押金的摊主，一律取消摊位。", "FEE"),  # 取消 here takes the stall, not the charge
    ("县人民法院对旧村改造补偿纠纷一律不予立案，由街道先行调处。", "ULTRA_VIRES"),
])
def test_sixteenth_review_violations(text, family):
    assert family in {f.family for f in _reported_by_rules(text)}


# A fresh reader's review of the probe46 read-half changes, kept as tests (reworded).
@pytest.mark.parametrize("text, absent", [
    ("县卫健委会同县市场监管局对无证行医的诊所，依法吊销其营业执照。", "ULTRA_VIRES036"),  # bodies acting together
    ("县文旅局对违规经营的网吧，函告县市场监管局，依法吊销其营业执照。", "ULTRA_VIRES036"),  # the case passed on
    ("镇政府对冲击工地的人员，报告县公安局依法予以行政拘留。", "ULTRA_VIRES036"),
    ("区政府对虚报材料的企业，撤销其注册商标品牌培育奖励资格。", "ULTRA_VIRES036"),  # an award, not the mark
    ("县疾控中心以外的单位不得供应疫苗，接种单位应当从县疾控中心购进免疫规划疫苗。", "COMPETITION011"),
    ("获评市级示范基地的给予五万元奖励，其他基地不享受此项奖励。", "COMPETITION011"),  # a status earned
    ("县妇幼保健院可以根据业务需要自主设置内设机构，报县卫健委备案。", "ULTRA_VIRES036"),
])
def test_probe46_review_lawful(text, absent):
    assert absent not in {f.code for f in _reported_by_rules(text)}


@pytest.mark.parametrize("text, family", [
    ("竞标人所在地不作为评审因素，同等条件下本区企业优先中标。", "COMPETITION"),  # disclaimed, then preferred
    ("外地劳务企业交纳的用工保证金，项目完工后，一律退还。", "FEE"),  # a refund schedule, not a lifting
    ("养殖户必需到县兽药公司购买兽药。", "COMPETITION"),  # 必需 written for 必须
    ("申请开具计生证明的，必须提供所在单位出具的介绍信。", "RIGHTS"),  # the demand after the request
    ("县人社局可根据工作需要自行设立内设机构。", "ULTRA_VIRES"),
    ("县知识产权局对恶意注册的商标，撤销其注册商标。", "ULTRA_VIRES"),  # only the trademark office
])
def test_probe46_review_violations(text, family):
    assert family in {f.family for f in _reported_by_rules(text)}


# A ban on the office's own charging lays no payment on anyone (FEE003 counts a burden, not a ban).
@pytest.mark.parametrize("sentence, reported", [
    ("供水企业安装水表按物价部门核定的标准收费，不得另收开户费、接水费。", False),
    ("殡葬服务单位不得强行出售骨灰盒或者捆绑收费。", False),
    ("任何部门不得向施工企业收取上述四类以外的保证金。", False),
    ("施工企业须向住建局交纳安全保证金五万元。", True),
])
def test_a_ban_on_charging_is_no_burden(sentence, reported):
    assert ("FEE" in {f.family for f in _reported_by_rules(sentence)}) is reported


# 政府采购法实施条例 第二十条第（二）项: owning the equipment or premises (not leasing them) asked of bidders
# or of firms entering a list is a condition unrelated to the work; a firm describing its own assets is not.
@pytest.mark.parametrize("sentence, reported", [
    ("申请企业应当自有冷链仓储设施面积不低于2000平方米。", True),
    ("参与投标的供应商须具备自有厂房，不接受租赁。", True),
    ("申请入库的企业自有施工机械设备不少于20台（套）。", True),
    ("公司租赁厂房面积3000平方米，自有车辆20辆。", False),
    ("申请公租房的，申请人家庭租赁的住房面积不计入家庭人均住房面积。", False),  # a household's rented home
    ("投标人租赁的施工机械设备不予认可。", True),
])
def test_owned_assets_asked_of_bidders(sentence, reported):
    assert ("COMPETITION" in {f.family for f in _reported_by_rules(sentence)}) is reported


# 公平竞争审查条例 第八条至第十一条, in the eighteenth session's words (sentences written for this test).
@pytest.mark.parametrize("sentence, reported", [
    # a bidder's record limited to works done inside the province, however long the words between
    ("参选单位应具备最近三年内在本市行政区域内完成的单个合同额800万元以上的桥梁养护业绩。", True),
    ("参选单位应具备最近三年内完成的单个合同额800万元以上的桥梁养护业绩。", False),
    # bids taken only on paper
    ("响应文件只收取纸质文本，不接受邮寄。", True),
    ("投标文件接受纸质和电子两种形式递交。", False),
    # a firm's share of a tax handed back under another name (分成, 分享)
    ("该企业缴纳的增值税中县级留成部分，按百分之五十以科技研发补助形式拨付该企业。", True),
    ("归地方分享的企业所得税，其预算按财政体制执行。", False),
    # prices the office fixes or caps for traders
    ("城区家政服务佣金统一按合同金额的百分之八收取。", True),
    ("婚庆场地租金每场不得超过3000元，超出部分退还顾客。", True),
    ("驾校学费偏离行业指导标准不得超过百分之十五。", True),
    ("参保人员住院费用个人自付每年不得超过5000元。", False),  # a cap on what the insured pay, a benefit
    # support settled case by case for a chosen firm; not the villages' 一事一议 for public works
    ("对投资额超十亿元的项目，实行“一事一议”另行给予扶持。", True),
    ("村级公益事业建设实行一事一议财政奖补，资金直接拨付到村。", False),
    ("对新建的重点实验室和高校学科采取一事一议方式给予经费支持。", False),  # no market operator
    # the number of operators capped in a market open to all
    ("城区每条公交微循环线路只保留一家运营企业，其他企业不再进入。", True),
    ("同一镇区快递末端网点实行“一镇一家”。", True),
    # several kinds of firm on the same terms, and a suspected cartel reported on
    ("国有、民营、外地企业均可按同一条件申报技改补助。", False),
    ("发现经营者涉嫌划分销售区域的线索，及时移交省市场监督管理局。", False),
])
def test_competition_kinds_of_the_eighteenth_session(sentence, reported):
    assert ("COMPETITION" in {f.family for f in _reported_by_rules(sentence)}) is reported


# Deference to a field's regulations named by the field (按照…管理的行政法规): the statute's own permit.
def test_a_fields_regulations_named_by_the_field_are_a_basis():
    sentence = "开办网吧的，按照上网服务场所管理的行政法规向县文化和旅游局申请许可，乡镇不另设条件。"
    assert "LICENSE" not in {f.family for f in _reported_by_rules(sentence)}
    assert "LICENSE" in {f.family for f in _reported_by_rules("开办网吧的，须另报镇人民政府审批。")}


# A fresh reader's review of the session's widenings: each case written for this test.
@pytest.mark.parametrize("sentence, family, reported", [
    # a division of markets with a report line elsewhere in the sentence is still a division
    ("由县运输协会牵头，在各运输公司之间划分经营区域，互不跨区承运，群众可向县交通运输局举报。", "COMPETITION", True),
    # equal terms, then tiers by place in the same sentence
    ("各类企业均可按同一条件申报，获得国家级奖项的，区内企业奖励50万元，区外企业奖励30万元。", "COMPETITION", True),
    # rules of the county's own making are no law
    ("从事殡葬服务的，按照县政府制定的法律法规，须事先报县民政局审批。", "LICENSE", True),
    # standards, benefits and distances are no prices; rents of subsidised housing are set by the government
    ("施工单位不得擅自降低或者提高工程建设标准。", "COMPETITION", False),
    ("各地不得擅自降低或者提高城乡低保补助标准。", "COMPETITION", False),
    ("实际施工偏离设计标准的幅度不得超过5厘米。", "COMPETITION", False),
    ("保障性租赁住房租金每月不得超过800元。", "COMPETITION", False),
    ("经营者不得擅自上调或者下调政府定价的收费标准。", "COMPETITION", False),
    ("商品房中介服务费不得高于成交价的1%。", "COMPETITION", True),
    # a tax share passed between budgets involves no firm
    ("增值税地方分成部分由市财政按月拨付给各区财政。", "COMPETITION", False),
    ("所得税中归地方分享的收入按市、区4:6划分后拨付区财政。", "COMPETITION", False),
    # paper: the documents' printing cost, a choice of forms, invoices, job applications
    ("招标文件仅收取纸质文本印刷成本费200元。", "COMPETITION", False),
    ("响应文件仅接受纸质版或电子版一种形式递交。", "COMPETITION", False),
    ("采购人办理资金支付时仅受理纸质发票。", "COMPETITION", False),
    ("投标文件一律以纸质形式递交，不得以电子形式递交。", "COMPETITION", True),
    # cheaper inputs for chosen firms, written as a price
    ("对入选企业，工业燃气按每方2.3元结算。", "COMPETITION", True),
    ("对列入名单的重点企业，蒸汽按成本价供应。", "COMPETITION", True),
    # the villages' public works and research projects are no operators
    ("对村内道路等公益事业建设，按一事一议原则给予补助。", "COMPETITION", False),
    ("对国家级重大科技专项，实行一事一议给予支持。", "COMPETITION", False),
    # a filing of works done locally is no condition on bidders; a local record asked of them is
    ("企业在本县行政区域内完成的单项合同额500万元以上的工程业绩，应当在竣工后向县住建局报送。", "COMPETITION", False),
    ("投标人须具有省内同类项目业绩。", "COMPETITION", True),
    # a late bid refused is the statute's rule; a finality clause beside it is not
    ("逾期送达的投标文件不予受理，县公共资源交易中心对投标人资格的认定结果即为最终结果。", "ULTRA_VIRES", True),
    ("逾期送达的投标文件不予受理。", "ULTRA_VIRES", False),
])
def test_review_of_the_eighteenth_sessions_widenings(sentence, family, reported):
    assert (family in {f.family for f in _reported_by_rules(sentence)}) is reported


# A township congress's presidium, or a congress, told what to put on its agenda and pass
# (地方各级人民代表大会和地方各级人民政府组织法: the congress decides its own agenda).
@pytest.mark.parametrize("sentence, reported", [
    ("各街道人大工委和乡镇人大主席团须把本计划确定的项目提交会议表决通过。", True),
    ("县政府将本年度重点项目清单列入县人代会议程并予以审议通过。", True),
    ("乡人民政府把年度重点工作安排提交乡人代会讨论。", False),
])
def test_a_congress_told_what_to_pass(sentence, reported):
    assert ("ULTRA_VIRES" in {f.family for f in _reported_by_rules(sentence)}) is reported


# A second review of the session's change: each case written for this test.
@pytest.mark.parametrize("sentence, family, reported", [
    ("逾期送达的投标文件，招标人不予受理。", "ULTRA_VIRES", False),
    ("在投标截止时间后送达的响应文件，采购代理机构不予受理。", "ULTRA_VIRES", False),
    ("厂房建成运营以后，其增值税地方分享部分由县财政全额拨付给该项目业主。", "COMPETITION", True),
    ("企业缴纳的所得税地方分成部分，作为产业扶持资金拨付给投资方。", "COMPETITION", True),
    ("对带动村民就业的农业龙头企业，实行一事一议给予补助。", "COMPETITION", True),
    ("对承担国家重大专项配套任务的企业，实行一事一议给予奖励。", "COMPETITION", True),
    ("本次采购仅接受供应商现场递交的纸质响应文件。", "COMPETITION", True),
    ("本项目仅受理密封的纸质投标文件。", "COMPETITION", True),
    ("快递企业不得擅自降低或提高派送费标准。", "COMPETITION", True),
])
def test_second_review_of_the_eighteenth_session(sentence, family, reported):
    assert (family in {f.family for f in _reported_by_rules(sentence)}) is reported


# A third review of the session's change: each case written for this test.
@pytest.mark.parametrize("sentence, family, reported", [
    # equal terms in one sentence, tiers by place in the next or in the same one
    ("第二条 技改奖励。国有、民营企业均可按同一条件申报。获得国家级奖项的，县内企业奖励50万元，县外企业奖励30万元。", "COMPETITION", True),
    ("各类企业均可按同一条件申报，获得国家级奖项的，我县企业奖励50万元，其他企业奖励30万元。", "COMPETITION", True),
    ("国有、民营、外地流通企业均可按同一条件申报商贸中心改造补助。", "COMPETITION", False),
    # the villages' 一事一议 in one sentence does not clear a chosen project's in the next
    ("村级公益事业建设实行一事一议财政奖补。对投资总额逾十亿元的重点招商项目，实行“一事一议”另行给予扶持。", "COMPETITION", True),
    # a field's regulations, and then a condition the county adds
    ("从事餐饮服务的，按照食品安全管理的法律法规，还须取得县商务局核发的餐饮服务备案证方可营业。", "LICENSE", True),
    # a scoring range for a service plan is no local tie
    ("售后服务方案（0-5分），由评标委员会根据方案的完整性、可行性酌情打分。", "COMPETITION", False),
])
def test_third_review_of_the_eighteenth_session(sentence, family, reported):
    assert (family in {f.family for f in _reported_by_rules(sentence)}) is reported


def test_a_short_sale_period_does_not_hide_an_onsite_purchase():
    codes = {f.code for f in _reported_by_rules(
        "招标文件发售时间为2025年5月12日至5月14日，投标人须携带公章到县交易中心现场购买招标文件。")}
    assert {"COMPETITION037", "COMPETITION030"} <= codes


# A fourth review of the session's change: each case written for this test.
@pytest.mark.parametrize("sentence, family, reported", [
    # a local kind alone, or a preference, is no equality of terms
    ("本地建筑企业均可按相同条件优先参与本县财政投资工程。", "COMPETITION", True),
    ("本县注册企业均可按统一标准享受10%的价格扣除。", "COMPETITION", True),
    ("国有、民营、外地企业均可按同一条件申报，其他企业参照本办法执行。", "COMPETITION", False),
    # an operator named on the way is the beneficiary of 一事一议
    ("对参与村级公益事业建设的施工单位，一事一议给予补助。", "COMPETITION", True),
    ("对村级光伏电站投资运营主体，实行一事一议给予补助。", "COMPETITION", True),
    ("对企业新建的国家级重点实验室，实行一事一议给予支持。", "COMPETITION", True),
    # a field's regulations and this document's own rules, restated; and an approval added
    ("从事燃气经营的，应当按照燃气管理的法律法规和本办法的规定取得燃气经营许可证。", "LICENSE", False),
    ("按照食品安全管理的法律法规，并须经县商务局审核同意方可营业。", "LICENSE", True),
])
def test_fourth_review_of_the_eighteenth_session(sentence, family, reported):
    assert (family in {f.family for f in _reported_by_rules(sentence)}) is reported


def test_a_shortened_remedy_period_is_reported_once_per_family():
    # the period's own finding (ULTRA_VIRES026, RIGHTS027) covers the refusal after it: no second finding
    findings = _reported_by_rules("商户对处理决定有异议的，须于十日内向县政府申请复议，超过期限的不予受理。")
    codes = [f.code for f in findings]
    assert codes.count("ULTRA_VIRES026") == 1 and "ULTRA_VIRES011" not in codes


# 一事一议 as offices write it: the support after a long list, or the policy decided later.
@pytest.mark.parametrize("sentence, reported", [
    ("对固定资产投入达二十亿元的落地项目，按照“一事一议”原则，在用地、用能、基础设施配套等方面另行给予特殊支持。", True),
    ("对行业龙头企业落户的，实行一事一议，具体扶持政策由县人民政府研究确定。", True),
    ("此前通过“一事一议”途径拿到过专项资金的单位，本条不再叠加。", False),
])
def test_case_by_case_support_as_offices_write_it(sentence, reported):
    assert ("COMPETITION" in {f.family for f in _reported_by_rules(sentence)}) is reported


# Nineteenth session: words that only look like a command. 根据需要/工作需要/所需 name a need, not a
# duty; 统一 before reporting or coordinating verbs describes the administration's own routine;
# 原则上 before a schedule (原则上每两年修订一次) states how often the body itself does its work.
@pytest.mark.parametrize("text", [
    "监测平台可根据需要调取各渡口的实时画面。",
    "培训所需场地由县职业技术学校提供。",
    "各县区教育局负责初审，并统一汇总上报市教育局。",
    "本目录原则上每两年修订一次。",
])
def test_words_that_only_look_like_a_command(text):
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(text)[0] != "command"


@pytest.mark.parametrize("text", [
    "各单位需要在月底前报送统计报表。",
    "施工单位需经街道同意后方可进场。",
    "各乡镇敬老院的床上用品统一由县供销社采购。",
    "原则上不再新批小型砂石场。",
])
def test_the_same_words_still_command(text):
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(text)[0] in ("command", "precondition", "consequence")


def test_a_decision_recorded_as_made_is_an_assignment():
    """经…研究决定，…由十人调整为十二人: the document records the body's own decision, which the
    ultra-vires family asks about (may it decide that?)."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("经局务会议研究决定，县博物馆讲解员岗位由六个调整为九个。")[0] == "assignment"


def test_a_statutory_permit_put_on_display_is_no_new_gate():
    """将药品经营许可证…悬挂于营业场所: displaying a permit the law sets is a duty that law gives; the
    same display of a paper the document invents, made a gate, is still reported."""
    assert "LICENSE" not in _families_by_rules("药品零售企业应当将药品经营许可证和执业药师注册证悬挂于营业场所显著位置。")
    assert "LICENSE" in _families_by_rules("美容店须将营业执照和街道出具的同意书张贴于店内，未取得同意书的不得营业。")


# A fresh reader's review of the nineteenth session's change (a helper, hostile): its sentences.
@pytest.mark.parametrize("text, codes", [
    # wages: a payment period, a deposit's ratio; a shop's hours: no two clock times
    ("施工总承包单位应当按月足额支付农民工工资，工资支付周期不得超过一个月。", {"ULTRA_VIRES017"}),
    ("非全日制用工劳动报酬结算支付周期最长不得超过十五日。", {"ULTRA_VIRES017"}),
    ("工资保证金按工程施工合同额的一定比例存储，原则上不低于1%、不超过3%。", {"ULTRA_VIRES017"}),
    ("各门店每日营业结束关门前，应当检查燃气阀门和电源是否关闭。", {"ULTRA_VIRES017"}),
    ("个体工商户开业后停止营业的，应当向登记机关办理歇业备案。", {"ULTRA_VIRES017"}),
    # merging what is not a market's firms, or as the firms choose
    ("将全县27个便民服务窗口整合为5个综合窗口。", {"ULTRA_VIRES017", "COMPETITION038"}),
    ("各企业的年度工业统计报表，于3月31日前合并报送县统计局。", {"ULTRA_VIRES017", "COMPETITION038"}),
    ("支持砂石企业于2026年底前自主完成兼并重组。", {"ULTRA_VIRES017", "COMPETITION038"}),
    # transitions that keep or ease, and the offices' own preparation
    ("本办法施行前已取得的备案证明继续使用，不需要重新办理。", {"ULTRA_VIRES041"}),
    ("本办法施行前，各乡镇人民政府应当按照本办法要求完成存量摊点的摸底登记工作。", {"ULTRA_VIRES041"}),
    ("本办法施行前已经提出申请的，应当按照本办法规定的条件审查，但原规定对申请人更有利的除外。", {"ULTRA_VIRES041"}),
    # inspections spared under the commitment scheme, or sampled once
    ("申请人作出告知承诺的，审批部门可以免于现场检查，在作出许可决定后两个月内进行核查。", {"ULTRA_VIRES018", "COMPETITION032"}),
    ("已列入国家监督抽查计划的产品，本县免于重复抽查。", {"ULTRA_VIRES018", "COMPETITION032"}),
    # the body's own spending standards
    ("外聘教师课时费每学时不得超过500元，从培训经费中列支。", {"ULTRA_VIRES015", "COMPETITION016"}),
    ("本局举办的业务培训，培训费每人每天不得超过400元，由部门预算列支。", {"ULTRA_VIRES015", "COMPETITION016"}),
    # registration deemed as the statutes deem it
    ("登记事项记载于不动产登记簿后，视为完成不动产登记。", {"ULTRA_VIRES038"}),
    ("出卖人交付车辆后，视为完成所有权转移，未经登记不得对抗善意第三人。", {"ULTRA_VIRES038"}),
])
def test_nineteenth_review_look_alikes_pass(text, codes):
    assert not _codes_by_rules(text) & codes


@pytest.mark.parametrize("text, family", [
    # 工作需经…: 需 is the verb here
    ("外地施工队伍进入本镇工作需经镇政府审批。", "LICENSE"),
    # an unbracketed 办法 at a sentence's head is no law
    ("管理办法第十条所称的经营者，须经县商务局审核同意方可开展业务。", "LICENSE"),
    ("暂行办法第六条所列的经营活动，应当报县文化和旅游局批准。", "LICENSE"),
    ("管理办法第八条规定的摊点，每月向市场服务中心缴纳管理费200元。", "FEE"),
    # the new kinds, as offices write them
    ("城区家政服务人员月工资不低于4000元、不高于7000元，家政企业据此签订合同。", "ULTRA_VIRES"),
    ("本办法施行前已建成的农家乐，一律按照本办法重新申请审批。", "ULTRA_VIRES"),
    ("城区5家驾校须在明年6月底前完成兼并重组，未参与重组的不再办理年审。", "COMPETITION"),
])
def test_nineteenth_review_violations_found(text, family):
    assert family in _families_by_rules(text)


@pytest.mark.parametrize("text, family, reported", [
    # a city department's own 《…办法》 grounds nothing it quotes
    ("经审查，某市体育局《户外运动场地管理办法》第十条规定，开设攀岩馆须报市体育局批准。", "LICENSE", True),
    # a people's congress standing committee's regulation and a ministry's rule passed on still ground
    ("依照市人民代表大会常务委员会《某市养犬管理规定》第二十条，对违规遛犬的处以200元罚款。", "PENALTY", False),
    ("依照省能源局转发的国家能源局《电力安全生产监督管理办法》第十九条，电力企业应当取得安全生产许可证。", "LICENSE", False),
])
def test_whose_document_a_title_is_decides_whether_it_grounds(text, family, reported):
    assert (family in _families_by_rules(text)) is reported


# The second review of the nineteenth session's change (a helper, hostile): its sentences.
@pytest.mark.parametrize("text, code", [
    ("对收费不超过1000元的小额服务项目，可以简化采购程序。", "COMPETITION016"),  # a cap as a condition
    ("售价不超过3000元的节能家电，按售价的10%给予消费补贴。", "ULTRA_VIRES015"),
    ("经县人民政府同意，各施工企业的专项施工方案须报本局批准后方可实施。", "ULTRA_VIRES042"),  # firms submit
    ("各乡镇人民政府所在地的农贸市场开办者，须将市场改造方案报本局批准。", "ULTRA_VIRES042"),
    ("各镇政府拟订的本镇绿化工作安排，先由本局审核同意，再汇总报县人民政府批准后执行。", "ULTRA_VIRES042"),
    ("兽药厂配制兽药制剂，应当经省农业农村厅批准。", "ULTRA_VIRES036"),  # not a hospital's preparation
])
def test_second_nineteenth_review_look_alikes_pass(text, code):
    assert code not in _codes_by_rules(text)


@pytest.mark.parametrize("text, code", [
    ("支持龙头企业发挥带动作用，全县砂石企业于年底前整合为3家。", "COMPETITION038"),
    ("引导企业转型升级，全县铸造企业于2026年6月底前整合为2家。", "COMPETITION038"),
    ("校外培训机构课时费一律不得超过每课时80元。", "ULTRA_VIRES015"),
    ("各县（市、区）人民政府制定的城区停车场布局方案，须报本厅审批后实施。", "ULTRA_VIRES042"),
    ("本规定施行前取得的摊位经营权，应当按照本规定补缴摊位使用费。", "ULTRA_VIRES041"),
    ("买卖双方缴清相关税费后，视为已完成不动产转移登记。", "ULTRA_VIRES038"),
    ("村民凭村委会出具的证明，即视为办理了宅基地使用权登记。", "ULTRA_VIRES038"),
    ("纳入诚信白名单的企业一年内免于抽查，本局对其自查报告进行书面核查。", "ULTRA_VIRES018"),
    ("沿街商铺营业至晚上10时必须关门。", "ULTRA_VIRES017"),
])
def test_second_nineteenth_review_violations_found(text, code):
    assert code in _codes_by_rules(text)


def test_a_decision_on_the_bodys_own_affairs_is_no_cue():
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("全县农村宅基地审批面积标准由每户200平方米调整为每户120平方米。")[0] == "assignment"
    assert sentence_imposition("经局务会议研究决定，全县各村集体土地的年租金标准由每亩600元调整为每亩800元，本局据此审核备案。")[0] == "assignment"
    for own in ("经局务会议研究决定，本局各科室值班时长由八小时调整为十二小时。",
                "经县政府常务会研究决定，县级储备粮规模由5000吨调整为6000吨。"):
        assert sentence_imposition(own)[0] != "assignment", own


@pytest.mark.parametrize("text, reported", [
    # the household register as an identity paper handed in is no residence condition…
    ("申请困难残疾人生活补贴的，凭残疾人证及户口簿办理。", False),
    ("居民申请危房改造补助的，提交申请表、户口簿和房屋照片即可。", False),
    # …a local one demanded, or a local household registration, still is
    ("申请公租房的，须持有本市户口簿并在本市居住满五年。", True),
    ("非本县户口的学生不得在本县报名参加中考。", True),
])
def test_a_household_register_as_a_paper_is_no_residence_condition(text, reported):
    assert ("RIGHTS001" in _codes_by_rules(text) or "RIGHTS014" in _codes_by_rules(text)) is reported


def test_demanding_is_no_command():
    """索要 is a verb (to demand), not the modal 要: a service given when the public asks for it
    imposes nothing."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("各窗口只收取清单所列材料，群众主动索要回执的当场出具。")[0] == ""
    assert sentence_imposition("各窗口要当场出具回执。")[0] == "command"
