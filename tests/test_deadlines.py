"""Statutory time limits (reviewer/rules/deadlines.py, reviewer/data/deadlines.yaml): sentences
written for this test from the statutes' own periods."""

from __future__ import annotations

import pytest

from reviewer.errors import RuleError
from reviewer.pipeline import check_text
from reviewer.rules.deadlines import parse_table, periods_changed, statutory_deadlines


def _hits(sentence: str) -> list[str]:
    return [h.stated for h in periods_changed(sentence, 0, len(sentence))]


def test_the_shipped_table_loads_and_names_its_laws():
    table = statutory_deadlines()
    assert {d.law for d in table} >= {"中华人民共和国政府信息公开条例", "中华人民共和国行政强制法"}
    assert all(d.days > 0 and d.text for d in table)


@pytest.mark.parametrize("sentence, stated", [
    ("对政府信息公开申请，行政机关应当自收到之日起四十五个工作日内予以答复。", "四十五个工作日"),
    ("信息公开申请的答复期限为20个工作日，确需延长的，可以再延长30个工作日。", "30个工作日"),
    ("扣押的电动车，扣押期限为六十日。", "六十日"),
    ("行政复议机关应当在受理后九十日内作出行政复议决定。", "九十日"),
    ("个体户不服罚款决定的，须于收到决定书后十日内提出复议申请。", "十日"),
    ("商户申请听证的，须在接到告知书后三日内书面提出。", "三日"),
    ("复议机关应当在受理后四个月内作出行政复议决定。", "四个月"),  # months are counted in days
    ("对本局决定不服的，可以在三个月内直接向人民法院提起行政诉讼。", "三个月"),
    ("不服复议决定的，应当在收到复议决定书之日起七日内起诉。", "七日"),
    ("许可申请人要求听证的，应当在被告知之日起三日内提出听证申请。", "三日"),
    ("供应商应当在中标结果公告之日起三个工作日内提出质疑。", "三个工作日"),
    ("园区企业与新员工签订三年期劳动合同的，试用期可以延长至十个月。", "十个月"),  # 劳动合同法 第十九条
    # an extension in the sub-sentence right after the step's own
    ("物流企业同骑手约定试用期的，经双方协商可以延长至八个月。", "八个月"),
    # A procedure's minimum, whoever takes the step; the step may lead in the sub-sentence before.
    ("全县政府投资的施工项目，自招标文件开始发出至投标文件截止提交，最短为十五日。", "十五日"),
    ("资格预审文件的发售期定为两日。", "两日"),
    ("评标结束后，中标候选人公示一日。", "一日"),
    ("保障房的外墙面防渗漏保修三年。", "三年"),  # years are counted in days
    ("经营者的违法行为在四年内被发现的，仍予追究。", "四年"),
])
def test_a_period_past_the_statute_is_found(sentence, stated):
    assert _hits(sentence) == [stated]


@pytest.mark.parametrize("sentence", [
    "行政机关不能当场答复政府信息公开申请的，应当自收到申请之日起20个工作日内予以答复。",
    "扣押物品的期限最长三十日，案情复杂的，报负责人批准后最多再延长三十日。",
    "市场监管部门承诺在受理行政许可申请后五日内作出决定。",  # a shorter service promise
    "行政复议机关收到申请后，应当在五日内进行审查，决定是否受理。",  # the agency's own step
    "依照《中华人民共和国海关法》扣留货物的期限为六十日。",  # a special law's period
    "法律、法规另有规定的，行政许可决定的期限依照其规定。",
    "2024年3月15日前提出政府信息公开申请的，按原规定答复。",  # a date, not a period
    "摊主不服的，六十日内可以申请复议，六个月内可以提起行政诉讼。",
    "申请人不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。",
    "劳动者对仲裁裁决不服的，可以自收到裁决书之日起十五日内提起诉讼。",  # 劳动争议调解仲裁法's
    "3月5日前提起诉讼的案件，按原流程办理。",  # a date
    # the agency's decision named beside the party's six months: the months are the party's
    "处理决定书应当写明：不服的，六十日内可申请行政复议，六个月内可向法院起诉。",
    # a probation within the law's longest; another step's period beside it; other laws' probation
    "企业与职工订立五年期劳动合同，约定试用期五个月。",
    "员工试用期满考核合格的，单位应当在十个月内为其办理职称评审推荐。",
    "试用期满后，连续工作满一年的职工，可以申请调整岗位。",
    "事业单位新聘用工作人员的试用期一般不超过十二个月。",
    # Minimums met, another procedure's period, and years that are dates or grades.
    "依法必须招标的项目，招标文件自发出之日起至投标截止之日止不少于二十一日。",
    "以竞争性磋商方式采购的，磋商文件发出之日起至提交首次响应文件截止之日止不得少于十日。",
    "外墙面防渗漏工程的保修期为八年。",
    "2023年保修工作总结和二〇二四年的计划一并报送。",
    "违法行为涉及公民生命健康安全且有危害后果的，在五年内被发现的，依法予以处罚。",
])
def test_lawful_periods_pass(sentence):
    assert _hits(sentence) == []


def test_the_rule_reports_with_the_statute_in_its_message():
    [finding] = [f for f in check_text("扣押的车辆，扣押期限为九十日。").findings if f.code == "ULTRA_VIRES026"]
    assert "第二十五条" in finding.message and "九十日" in finding.message
    # the basis is the statute whose period was changed, not every law the table knows
    assert [(b.law, b.article) for b in finding.basis] == [
        ("中华人民共和国立法法", "第九十一条、第九十三条"), ("中华人民共和国行政强制法", "第二十五条")]


def test_a_cut_public_period_is_also_a_rights_finding_and_a_longer_agency_limit_is_not():
    # Either change rewrites statutory procedure (ULTRA_VIRES026); a shorter period for the public
    # also cuts a remedy (RIGHTS027).
    codes = {f.code for f in check_text(
        "当事人对本局决定不服的，可以自收到决定书之日起三十日内申请行政复议，逾期不予受理。").findings}
    assert {"RIGHTS027", "ULTRA_VIRES026"} <= codes
    codes = {f.code for f in check_text("行政复议机关应当在受理后九十日内作出行政复议决定。").findings}
    assert "ULTRA_VIRES026" in codes and "RIGHTS027" not in codes


@pytest.mark.parametrize("raw, said", [
    ([{"step": "复议", "about": "x", "near": "内", "kind": "maximum", "unit": "日", "days": 5,
       "law": "l", "article": "a", "text": "t"}], "kind"),
    ([{"step": "复议(", "about": "x", "near": "内", "kind": "floor", "unit": "日", "days": 5,
       "law": "l", "article": "a", "text": "t"}], "step"),
    ([{"step": "复议", "about": "x", "near": "内", "kind": "ceiling", "unit": "日", "days": 5,
       "law": "l", "article": "a", "text": "t"}], "extension"),
    ([{"step": "复议", "about": "x", "near": "内", "kind": "floor", "unit": "周", "days": 5,
       "law": "l", "article": "a", "text": "t"}], "unit"),
    ([{"step": "复议", "about": "x", "near": "内", "kind": "floor", "unit": "日", "days": 5,
       "law": "l", "article": "a", "text": "t", "scope": "paragraph"}], "scope"),
    ([{"step": "投标", "about": "x", "near": "内", "kind": "minimum", "unit": "日", "days": 5,
       "law": "l", "article": "a", "text": "t", "market": "yes"}], "market"),
])
def test_a_bad_row_is_named_by_file_row_and_field(raw, said):
    with pytest.raises(RuleError) as err:
        parse_table(raw, "deadlines.yaml")
    assert "deadlines.yaml 第 1 条" in str(err.value) and said in str(err.value)


# A period written as two dates: the tool counts the days between them, both ends in (the most
# generous count), against the statute's minimum (招标投标法 第二十四条; 财政部令第87号 第十八条;
# 财库〔2014〕214号 第十条; 财政部令第74号 第二十九条、第四十五条).
@pytest.mark.parametrize("sentence, count", [
    ("污水管网改造工程招标文件自2025年4月1日起发出，提交投标文件的截止时间为2025年4月11日上午9时。", "第一日不计入，共10日"),
    ("厂房建设项目公开招标，招标文件于二〇二五年五月六日开始发售，投标文件递交截止时间为二〇二五年五月十六日。", "第一日不计入，共10日"),
    # a range in the sub-sentence after the step (政府采购: five working days; 3 May 2025 was a Saturday)
    ("采购人提供招标文件的时间：2025年5月6日至5月8日，供应商在县公共资源交易中心领取。", "首尾两日都计入，共3个工作日"),
    # across the new year, the closing date written without its year
    ("政府采购项目招标文件获取期限为2025年12月30日至1月2日。", "首尾两日都计入，共4个工作日"),
    ("竞争性磋商文件自2025年8月4日起发出，首次响应文件提交截止时间为2025年8月8日。", "第一日不计入，共4日"),
    # a same-day window, 截至, a deadline written as 前, a time of day before 起
    ("招标文件于2025年3月1日上午9时00分起发出，投标文件递交截止时间为2025年3月1日下午5时。", "第一日不计入，共0日"),
    ("招标文件于2025年3月1日起发出，投标文件递交截至2025年3月9日。", "共8日"),
    # a third review's cases: an interim date before the deadline, 投标截止, a long gap before 送达,
    # a project number that looks like a date, a download range
    ("招标文件自2025年3月3日起发出，投标人须于2025年3月6日前提交投标文件递交意向确认函，投标文件递交截止时间为2025年3月18日。", "共15日"),
    ("招标文件自2025年5月12日起发出，投标截止时间为2025年5月22日上午9时30分。", "共10日"),
    ("招标文件自2025年5月12日起发出，投标文件应在2025年5月22日上午9时30分前送达县交易中心。", "共10日"),
    ("项目（编号ZB2025-01-05）招标文件自2025年3月1日起发出，投标文件递交截止时间为2025年3月10日。", "共9日"),
    ("招标文件下载时间：2025年5月12日至5月14日，逾期不再提供。", "首尾两日都计入，共3日"),
    # a fourth review's cases: boilerplate bans, papers due later than the bids, a time of day with a colon
    ("招标文件于2025年3月3日发出，投标文件递交截止时间为2025年3月10日，投标人不得在截止时间后修改投标文件。", "共7日"),
    ("招标文件于2025年3月3日发出，请于2025年3月12日前递交投标文件，递交投标文件时须同时提交2025年3月31日前有效的营业执照副本。", "共9日"),
    ("招标文件于2025年3月3日发出，电子投标文件递交截止时间为2025年3月10日9时30分，纸质投标文件可于2025年3月24日前补充报送。", "共7日"),
    ("招标文件获取时间：2025年3月3日9:00至2025年3月6日17:00。", "首尾两日都计入，共4日"),
    ("招标文件于2025年3月3日发出，投标截止日期为2025年3月10日。", "共7日"),
    # a ban elsewhere in the sentence does not clear the period
    ("依法必须招标的校舍维修工程，自招标文件开始发出之日起至提交投标文件截止之日止为十日，禁止转包和违法分包。", "十日"),
    ("招标文件发出时间为2025年3月1日，投标人应于2025年3月9日前递交投标文件。", "共8日"),
    # 民法典 第二百零一条: the day the documents go out is not counted (19 days, not 20)
    ("招标文件自2025年4月1日起发出，提交投标文件的截止时间为2025年4月20日。", "共19日"),
    ("询价通知书于2025年6月2日发出，报价截止时间为2025年6月4日。", "共2个工作日"),
    # other written forms, a label before a colon, 之前
    ("招标文件自2025-04-01起发出，投标文件递交截止时间为2025-04-08。", "共7日"),
    ("招标文件于2025年3月10日起发出，投标文件递交截止时间：2025年3月20日9时30分。", "共10日"),
    ("招标文件自2025年4月1日起发出，投标人应在2025年4月10日之前将投标文件送达指定地点。", "共9日"),
    ("竞争性磋商项目，磋商文件自2025年6月3日起发出，供应商应于2025年6月9日前提交响应文件。", "共6日"),
    ("询价文件于2025年6月6日发出，响应文件提交截止时间为2025年6月9日。", "共1个工作日"),
])
def test_a_tender_window_written_as_two_dates_is_counted(sentence, count):
    assert any(count in stated for stated in _hits(sentence))


@pytest.mark.parametrize("sentence", [
    "招标文件自2025年4月1日起发出，提交投标文件的截止时间为2025年4月28日上午9时。",  # 28 days
    "投标文件应于2025年4月11日前提交，本公告发布日期为2025年3月1日。",  # no date opens the window
    "提交投标文件截止时间为2025年4月11日，开标时间为2025年4月11日。",
    # the documents' availability (a range) is no 等标期: the bids close weeks later
    "招标文件获取时间为2025年3月10日至2025年3月14日，投标截止时间为2025年4月2日。",
    "政府采购项目招标文件获取时间为2025年3月10日至3月14日。",  # five working days
    "询价通知书于2025年6月2日发出，报价截止时间为2025年6月5日。",  # three working days after the day it went out
    "招标文件自2025年4月1日起发出，提交投标文件的截止时间为2025年4月21日。",  # twenty days after
    # the other end taken from another step: the sale, questions, deposits, a clarification, publicity
    "招标文件发售时间为2025年3月3日起至2025年3月7日止，提交投标文件截止时间为2025年3月28日上午9时。",
    "招标文件自2025年3月3日起发售，2025年3月7日停止发售，投标文件递交截止时间为2025年3月28日。",
    "招标文件自2025年3月3日起发出，投标人提出疑问的截止时间为2025年3月10日，投标文件递交截止时间为2025年3月28日。",
    "招标文件自2025年3月3日起发出，投标保证金缴纳截止时间为2025年3月12日，投标文件递交截止时间为2025年3月28日。",
    "招标人对招标文件的澄清于2025年3月10日发出，提交投标文件的截止时间顺延至2025年3月28日。",
    "招标文件于2025年3月1日至2025年3月5日发售，投标文件递交截止时间为2025年3月22日。",
    "投标文件递交截止时间为2025年3月10日，中标候选人公示自2025年3月12日起至2025年3月14日止。",
    "比选文件自2025年3月1日起发出，提交投标文件截止时间为2025年3月9日。",
    "严禁将招标文件自2025年3月1日起发出、投标文件截止时间定为2025年3月9日等压缩等标期的做法。",
    "招标文件自2025年2月30日起发出，投标文件递交截止时间为2025年3月2日。",  # no such day: nothing read
    # a second review's cases: other deadlines, another step's range, a construction period
    "招标文件获取截止时间为2025年3月14日，投标文件递交截止时间为2025年3月31日上午9时30分。",
    "本项目于2025年3月3日发布招标公告，投标人须于2025年3月7日前在网上获取招标文件，投标文件递交截止时间为2025年3月24日。",
    "招标文件于2025年3月3日起发出，投标人应于2025年3月10日前下载投标文件格式，投标截止时间为2025年3月28日9时。",
    "屋面防水工程于2025年3月1日至3月20日施工完毕，保修期为五年。",
    "获取招标文件后，投标人应于2025年3月20日至3月21日参加现场踏勘。",
    "获取招标文件的供应商须进行登记，登记时间为2025年3月10日至3月11日。",
    # Chinese numerals: a day of the month (五月二十八日) holds no period of 十八日; ○ for 〇
    "招标文件于二〇二五年五月六日开始发售，投标人应于二〇二五年五月二十八日上午九时前递交投标文件。",
    "招标文件于二○二五年五月六日开始发售，投标文件递交截止时间为二○二五年五月三十一日。",
    # the clarification's fifteen days (招标投标法 第二十三条) beside the bid window's twenty
    "投标文件截止前留足二十日以上；招标人作出澄清的，至迟在截止前十五日以书面形式告知每一位获取了文件的投标人。",
    # a fourth review's cases: a change notice for the sale period
    "招标文件获取时间为2025年3月3日至3月5日，现延期至2025年3月12日。",
])
def test_a_lawful_or_unopened_tender_window_passes(sentence):
    assert _hits(sentence) == []


def test_a_window_of_centuries_is_counted_at_once():
    hits = _hits("询价通知书于0001年1月1日发出，报价截止时间为0001年1月2日。")
    assert any("共1个工作日" in h for h in hits)
    assert _hits("询价通知书于0001年1月1日发出，报价截止时间为9999年12月31日。") == []


def test_a_short_tender_window_is_a_competition_finding_with_both_laws():
    text = "乡村道路硬化工程招标文件自2025年7月7日起发出，提交投标文件截止时间为2025年7月14日。"
    found = {f.code: f for f in check_text(text).findings}
    assert "COMPETITION037" in found
    laws = {b.law for b in found["COMPETITION037"].basis}
    assert {"公平竞争审查条例", "中华人民共和国招标投标法"} <= laws
    assert "7日" in found["COMPETITION037"].message


def test_market_and_the_two_ends_are_checked_on_load():
    row = {"step": "复议", "about": "x", "near": "内", "kind": "floor", "unit": "日", "days": 5,
           "law": "l", "article": "a", "text": "t", "market": True}
    with pytest.raises(RuleError, match="market 只能用于"):
        parse_table([row], "deadlines.yaml")
    row = dict(row, kind="minimum", market=False, opens="招标文件")
    with pytest.raises(RuleError, match="opens 和 closes"):
        parse_table([row], "deadlines.yaml")
    with pytest.raises(RuleError, match="只能用于整句"):
        parse_table([dict(row, closes="投标文件", scope="clause")], "deadlines.yaml")
    with pytest.raises(RuleError, match="不能为空"):
        parse_table([dict(row, opens=" ", closes="投标文件")], "deadlines.yaml")
    with pytest.raises(RuleError, match="range 只能用于"):
        parse_table([{k: v for k, v in row.items() if k != "opens"} | {"range": True}], "deadlines.yaml")


# A fifth review, on whole notices: a clarification's lead time is no bid window, the template's
# 请于…至…获取 is the sale period, and the note writes dates as a lawyer does.
def test_a_clarifications_lead_time_is_no_window():
    assert _hits("磋商文件的澄清或者修改将在提交首次响应文件截止时间至少5日前，以书面形式通知所有供应商。") == []
    assert _hits("招标人澄清招标文件内容的，应于投标截止时间至少15日以前书面告知已领取文件的全部投标人。") == []


def test_the_templates_sale_period_is_read_and_written_out():
    hits = _hits("有意投标的单位请于2025年6月4日至2025年6月6日登录县公共资源交易网下载电子招标文件。")
    assert any("2025年6月4日至2025年6月6日（首尾两日都计入，共3日）" in h for h in hits)
