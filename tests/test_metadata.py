"""Metadata: title, 发文字号, issuer, dates, 施行 rules, 有效期, 暂行/试行."""

import datetime as dt
from pathlib import Path

import pytest

from reviewer.metadata import DATE_RE, DOC_NUMBER_RE, extract_metadata, normalize_doc_number, parse_date
from reviewer.structure import parse_clauses

D = dt.date


def meta(text):
    return extract_metadata(text, parse_clauses(text))


NOTICE = """\
龙城区人民政府办公室文件
龙政办发〔2017〕12号
龙城区人民政府办公室
关于印发龙城区农贸市场管理暂行办法的通知

各乡镇人民政府，区直各单位：
　　根据《某省人民政府办公厅关于加强市场管理的通知》（某政办发〔2016〕5号）精神，经区政府同意，现将《龙城区农贸市场管理暂行办法》印发给你们，请认真贯彻执行。

龙城区人民政府办公室
2017年3月1日

龙城区农贸市场管理暂行办法
第一条 为规范农贸市场管理，制定本办法。
第二条 本办法自印发之日起施行，有效期2年。
"""


def test_notice_metadata():
    m = meta(NOTICE)
    assert m.title == "龙城区人民政府办公室关于印发龙城区农贸市场管理暂行办法的通知"
    assert m.doc_number == "龙政办发〔2017〕12号"
    assert m.issuer == "龙城区人民政府办公室"
    assert m.issue_date == D(2017, 3, 1)
    assert m.effective_date == D(2017, 3, 1)
    assert m.validity_years == 2
    assert m.expiry_date == D(2019, 2, 28)
    assert m.provisional is True


MEASURE = """\
# 某市城市绿化管理办法（试行）

第一条 为了加强城市绿化管理，制定本办法。
第二条 本办法自2018年1月1日起施行，有效期至2020年12月31日。

二〇一七年十二月五日
"""


def test_measure_metadata():
    m = meta(MEASURE)
    assert m.title == "某市城市绿化管理办法（试行）"
    assert m.doc_number is None
    assert m.issuer is None  # no issuer in signature or title
    assert m.issue_date == D(2017, 12, 5)
    assert m.effective_date == D(2018, 1, 1)
    assert m.expiry_date == D(2020, 12, 31)
    assert m.validity_years is None
    assert m.provisional is True


def test_title_split_over_two_lines_and_issuer_from_title():
    text = "某县人民政府关于\n禁止露天焚烧秸秆的通告\n\n一、全县禁止露天焚烧秸秆。\n二、本通告自发布之日起施行。\n"
    m = meta(text)
    assert m.title == "某县人民政府关于禁止露天焚烧秸秆的通告"
    assert m.issuer == "某县人民政府"
    assert m.provisional is False
    assert m.effective_date is None  # neither publish nor issue date is known


@pytest.mark.parametrize("bracket", ["〔2017〕", "[2017]", "(2017)", "（2017）", "【2017】", "［2017］"])
def test_doc_number_brackets(bracket):
    text = f"某市人民政府关于加强管理的通知\n某政发{bracket}12号\n各区人民政府：\n一、加强管理。\n"
    assert meta(text).doc_number == "某政发〔2017〕12号"
    assert normalize_doc_number(f"某政发{bracket}第１２号") == "某政发〔2017〕12号"


def test_doc_number_regex_does_not_swallow_words():
    match = DOC_NUMBER_RE.search("根据龙政办发〔2017〕12号文件")
    assert match.group("prefix") == "龙政办发"
    assert match.group("year") == "2017" and match.group("serial") == "12"


def test_cited_doc_number_is_not_the_documents_own():
    text = "某区城市管理办法\n根据《某市办法》（某政发〔2016〕5号），制定本办法。\n第一条 甲。\n"
    assert meta(text).doc_number is None


@pytest.mark.parametrize(
    "text, day",
    [("2017年3月1日", D(2017, 3, 1)), ("二〇一七年三月一日", D(2017, 3, 1)), ("二零一七年十二月三十一日", D(2017, 12, 31)),
     ("2017-03-01", D(2017, 3, 1)), ("2017.3.1", D(2017, 3, 1)), ("２０１７年３月１日", D(2017, 3, 1)),
     ("于 2017 年 3 月 1 日", D(2017, 3, 1))],
)
def test_parse_date(text, day):
    assert parse_date(text) == day
    assert DATE_RE.search(text)


@pytest.mark.parametrize("text", ["2017年2月30日", "没有日期", "2017年3月", "12017-03-01"])
def test_parse_date_none(text):
    assert parse_date(text) is None


BODY = "某市人民政府关于加强管理的通知\n一、加强管理。\n二、{rule}\n某市人民政府\n2020年2月29日\n"


@pytest.mark.parametrize(
    "rule, effective, expiry, years",
    [
        ("本通知自印发之日起施行。", D(2020, 2, 29), None, None),
        ("本通知自发布之日起施行，有效期为五年。", D(2020, 2, 29), D(2025, 2, 28), 5),
        ("本通知自公布之日起30日后施行。", D(2020, 3, 30), None, None),
        ("本通知自2020年4月1日起实施，有效期三年。", D(2020, 4, 1), D(2023, 3, 31), 3),
        ("本通知自2020年4月1日起施行，有效期5年，有效期至2024年12月31日。", D(2020, 4, 1), D(2024, 12, 31), 5),
    ],
)
def test_effective_and_validity_rules(rule, effective, expiry, years):
    m = meta(BODY.format(rule=rule))
    assert m.issue_date == D(2020, 2, 29)
    assert m.effective_date == effective
    assert m.expiry_date == expiry
    assert m.validity_years == years


def test_publish_date_preferred_for_publication_rules():
    text = (
        "某市停车管理办法\n发布日期：2020年3月10日\n"
        "第一条 甲。\n第二条 本办法自发布之日起施行。\n某市交通运输局\n2020年3月1日\n"
    )
    m = meta(text)
    assert m.publish_date == D(2020, 3, 10)
    assert m.issue_date == D(2020, 3, 1)
    assert m.effective_date == D(2020, 3, 10)
    assert m.issuer == "某市交通运输局"


def test_database_labels():
    text = (
        "某市人民政府关于禁止燃放烟花爆竹的通告\n•【制定机关】某市人民政府\n•【公布日期】2020.06.03\n"
        "•【字号】某政通[2020]3号\n•【施行日期】2020.07.01\n正文\n一、禁止燃放。\n"
    )
    m = meta(text)
    assert m.issuer == "某市人民政府"
    assert m.publish_date == D(2020, 6, 3)
    assert m.doc_number == "某政通〔2020〕3号"
    assert m.effective_date == D(2020, 7, 1)


def test_joint_and_wrapped_issuers():
    text = (
        "关于规范收费的通知\n一、规范收费。\n二、本通知自印发之日起施行。\n"
        "某县打击治理电信网络新型\n违法犯罪工作联席会议办公室\n某县财政局\n2021年11月5日\n"
    )
    m = meta(text)
    assert m.issuer == "某县打击治理电信网络新型违法犯罪工作联席会议办公室、某县财政局"
    assert m.issue_date == D(2021, 11, 5)
    assert m.effective_date == D(2021, 11, 5)


def test_rule_order_number():
    text = "# 某某管理暂行办法\n\n2019年11月30日 国家某某总局令第20号公布\n\n第一条 甲。\n第二条 本办法自2020年1月1日起施行。\n"
    m = meta(text)
    assert m.title == "某某管理暂行办法"
    assert m.doc_number == "国家某某总局令第20号"
    assert m.issuer == "国家某某总局"
    assert m.publish_date == D(2019, 11, 30)
    assert m.effective_date == D(2020, 1, 1)
    assert m.provisional is True


def test_empty_document():
    m = meta("")
    assert m.title is None and m.doc_number is None and m.issue_date is None and not m.provisional


def test_seed_metadata(seed_dir: Path):
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = meta(text)
        assert m.title and "法治政府" in m.title
        assert m.issuer and m.issuer.endswith("办公室")
        assert m.issue_date is not None
