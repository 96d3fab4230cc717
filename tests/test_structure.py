"""Clauses and lawyer's locators for legal-style, notice-style and mixed documents."""

from pathlib import Path

import pytest

from reviewer.structure import line_col, line_starts, locate, parse_clauses

MEASURE = """\
# 某市城市绿化管理办法

## 第一章 总则

第一条　为了加强城市绿化管理，根据有关法律法规，制定本办法。
第二条 本办法适用于本市行政区域。
本办法所称绿化，是指树木花草的种植和养护。
第二章　管理
第一节 规划
第3条 市绿化主管部门负责下列工作：
（一）编制绿化规划；
(二)组织实施绿化工程；
（三）开展监督检查。
第四条
下列事项由区绿化部门办理：
第二节 养护
第十二条 养护单位应当履行下列职责：
（一）日常养护；
（二）病虫害防治。
养护单位有下列情形之一的，应当整改：
（一）未按期修剪；
（二）有下列损坏行为：
1．擅自砍伐；
2、擅自移植；
（1）移植胸径超过十厘米的树木。
（三）其他情形。
依照本办法第十二条规定作出的决定，应当公开。
第十三条 申请人应当提交下列材料：
一、申请书；
二、身份证明。
第十四条 申请材料清单：
1.申请表；
2.图纸。
"""


def locators(text):
    """(locator, kind, first characters of the clause) for each clause."""
    return [(c.locator, c.kind, text[c.start:c.end][:8]) for c in parse_clauses(text)]


def by_start(text):
    """Locator of the clause starting with each line's text (whitespace trimmed)."""
    return {text[c.start:c.end]: c for c in parse_clauses(text)}


def check_coverage(text, clauses):
    """Every non-blank line is inside exactly one clause; clauses are ordered and disjoint."""
    previous_end = 0
    for clause in clauses:
        assert previous_end <= clause.start < clause.end <= len(text)
        assert text[clause.start:clause.end] == text[clause.start:clause.end].strip()
        previous_end = clause.end
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            first = pos + line.find(line.strip()[0])
            hit = locate(clauses, first)
            assert hit is not None, line
            assert hit.start <= first and pos + len(line.rstrip()) <= hit.end
        pos += len(line) + 1


def test_measure_locators():
    clauses = parse_clauses(MEASURE)
    check_coverage(MEASURE, clauses)
    got = {MEASURE[c.start:c.end]: (c.locator, c.kind, c.article) for c in clauses}
    assert got["# 某市城市绿化管理办法"] == ("", "title", None)
    assert got["## 第一章 总则"] == ("第一章", "heading", None)
    assert got["第一条　为了加强城市绿化管理，根据有关法律法规，制定本办法。"] == ("第一条", "article", 1)
    assert got["第二条 本办法适用于本市行政区域。"] == ("第二条第一款", "article", 2)
    assert got["本办法所称绿化，是指树木花草的种植和养护。"] == ("第二条第二款", "paragraph", 2)
    assert got["第二章　管理"] == ("第二章", "heading", None)
    assert got["第一节 规划"] == ("第二章第一节", "heading", None)
    # Digits are normalised and a single-paragraph article omits 第一款.
    assert got["第3条 市绿化主管部门负责下列工作："] == ("第三条", "article", 3)
    assert got["（一）编制绿化规划；"] == ("第三条第（一）项", "item", 3)
    assert got["(二)组织实施绿化工程；"] == ("第三条第（二）项", "item", 3)
    assert got["第二节 养护"] == ("第二章第二节", "heading", None)
    assert got["（一）日常养护；"] == ("第十二条第一款第（一）项", "item", 12)
    assert got["养护单位有下列情形之一的，应当整改："] == ("第十二条第二款", "paragraph", 12)
    assert got["（一）未按期修剪；"] == ("第十二条第二款第（一）项", "item", 12)
    assert got["1．擅自砍伐；"] == ("第十二条第二款第（二）项第1目", "subitem", 12)
    assert got["2、擅自移植；"] == ("第十二条第二款第（二）项第2目", "subitem", 12)
    assert got["（1）移植胸径超过十厘米的树木。"][0] == "第十二条第二款第（二）项第2目（1）"
    assert got["（三）其他情形。"] == ("第十二条第二款第（三）项", "item", 12)
    # A 第X条 mentioned mid-sentence is a new 款, not an article.
    assert got["依照本办法第十二条规定作出的决定，应当公开。"] == ("第十二条第三款", "paragraph", 12)
    assert got["一、申请书；"] == ("第十三条第（一）项", "item", 13)
    assert got["二、身份证明。"] == ("第十三条第（二）项", "item", 13)
    assert got["1.申请表；"] == ("第十四条第1目", "subitem", 14)


def test_bare_article_line_joins_its_text():
    clauses = parse_clauses(MEASURE)
    start = MEASURE.index("第四条")
    clause = locate(clauses, start)
    assert clause.locator == "第四条" and clause.kind == "article"
    assert MEASURE[clause.start:clause.end] == "第四条\n下列事项由区绿化部门办理："


NOTICE = """\
某县人民政府办公室关于做好秸秆禁烧工作的通知
某政办发〔2021〕8号

各乡镇人民政府，县直各单位：
　　为做好秸秆禁烧工作，现将有关事项通知如下：
　　一、总体要求
　　各乡镇要高度重视。
　　二、主要任务
　　（一）加强宣传
　　1.开展入户宣传。
　　（1）发放明白纸；
　　（2）张贴标语。
　　2.利用广播宣传。
　　（二）强化巡查
　　各村要安排专人巡查。
　　三、保障措施
　　4、落实经费。

某县人民政府办公室
2021年9月1日
"""


def test_notice_locators():
    clauses = parse_clauses(NOTICE)
    check_coverage(NOTICE, clauses)
    got = {NOTICE[c.start:c.end]: (c.locator, c.kind) for c in clauses}
    assert got["某县人民政府办公室关于做好秸秆禁烧工作的通知"] == ("", "title")
    assert got["某政办发〔2021〕8号"] == ("", "preamble")
    assert got["各乡镇人民政府，县直各单位："] == ("", "preamble")
    assert got["为做好秸秆禁烧工作，现将有关事项通知如下："] == ("", "preamble")
    assert got["一、总体要求"] == ("一、", "point")
    assert got["各乡镇要高度重视。"] == ("一、", "text")
    assert got["（一）加强宣传"] == ("二、（一）", "point")
    assert got["1.开展入户宣传。"] == ("二、（一）1.", "point")
    assert got["（2）张贴标语。"] == ("二、（一）1.（2）", "point")
    assert got["2.利用广播宣传。"] == ("二、（一）2.", "point")
    assert got["（二）强化巡查"] == ("二、（二）", "point")
    assert got["各村要安排专人巡查。"] == ("二、（二）", "text")
    # A 1. directly under a point (no （一） level) keeps a usable locator.
    assert got["4、落实经费。"] == ("三、4.", "point")
    assert got["某县人民政府办公室"] == ("", "signature")
    assert got["2021年9月1日"] == ("", "signature")


def test_clause_starts_skip_full_width_indent():
    clauses = parse_clauses(NOTICE)
    point = next(c for c in clauses if c.locator == "一、")
    assert NOTICE[point.start] == "一"
    assert NOTICE[point.start - 2:point.start] == "　　"


def test_mixed_notice_with_annexed_measure():
    text = (
        "某市人民政府关于印发某市停车管理办法的通知\n"
        "各区人民政府：\n"
        "现将《某市停车管理办法》印发给你们，请认真贯彻执行。\n"
        "某市人民政府\n"
        "2020年5月6日\n"
        "附件：\n"
        "某市停车管理办法\n"
        "第一条 为规范停车管理，制定本办法。\n"
        "第二条 停车场经营者应当遵守下列规定：\n"
        "一、明码标价；\n"
        "二、规范收费。\n"
        "第三条 本办法自2020年6月1日起施行。\n"
    )
    clauses = parse_clauses(text)
    check_coverage(text, clauses)
    got = {text[c.start:c.end]: (c.locator, c.kind) for c in clauses}
    assert got["某市人民政府"] == ("", "signature")
    assert got["附件："][1] == "heading"
    assert got["某市停车管理办法"] == ("", "title")
    assert got["二、规范收费。"] == ("第二条第（二）项", "item")
    assert got["第三条 本办法自2020年6月1日起施行。"] == ("第三条", "article")


def test_points_then_articles_mixed():
    text = "一、总则\n第一条 甲。\n（一）乙；\n第二条 丙。\n"
    got = locators(text)
    assert got == [
        ("一、", "point", "一、总则"),
        ("第一条", "article", "第一条 甲。"),
        ("第一条第（一）项", "item", "（一）乙；"),
        ("第二条", "article", "第二条 丙。"),
    ]


def test_mid_sentence_article_reference_is_not_an_article():
    text = "第五条 违反本办法第三条规定的，依法处理。\n第三条规定的事项另行公布。\n"
    got = locators(text)
    assert [loc for loc, _, _ in got] == ["第五条第一款", "第五条第二款"]


def test_web_scrape_spaces_and_crlf():
    text = "\xa0\xa0\xa0 第一条\u3000甲。 \r\n\r\n\xa0\r\n   第二条 乙。\r\n"
    clauses = parse_clauses(text)
    assert [c.locator for c in clauses] == ["第一条", "第二条"]
    assert [text[c.start:c.end] for c in clauses] == ["第一条\u3000甲。", "第二条 乙。"]


def test_article_suffix_and_large_numbers():
    text = "第一百零五条 甲。\n第一百零五条之一 乙。\n"
    clauses = parse_clauses(text)
    assert [(c.locator, c.article) for c in clauses] == [("第一百零五条", 105), ("第一百零五条之一", 105)]


def test_empty_and_blank_text():
    assert parse_clauses("") == ()
    assert parse_clauses("\n \u3000\n") == ()


def test_line_starts_and_line_col():
    text = "第一条 甲\n　第二条 乙\n\n末行"
    starts = line_starts(text)
    assert starts == [0, 6, 13, 14]
    assert line_col(starts, 0) == (1, 1)
    assert line_col(starts, text.index("甲")) == (1, 5)
    assert line_col(starts, text.index("第二条")) == (2, 2)
    assert line_col(starts, text.index("末")) == (4, 1)


def test_locate_between_and_inside_clauses():
    text = "第一条 甲。\n\n第二条 乙。"
    clauses = parse_clauses(text)
    assert locate(clauses, text.index("甲")).locator == "第一条"
    assert locate(clauses, text.index("乙")).locator == "第二条"
    assert locate(clauses, text.index("\n\n") + 1) is None
    assert locate(clauses, len(text)) is None
    assert locate((), 0) is None


@pytest.mark.slow
def test_large_document():
    article = "第{}条 申请人应当提交下列材料，并对材料的真实性负责，行政机关应当依法审查。\n（一）申请书；\n（二）身份证明。\n"
    from reviewer.numerals import int_to_cn

    text = "".join(article.format(int_to_cn(i % 300 + 1)) for i in range(12000))
    assert len(text) > 1_000_000 // 2
    clauses = parse_clauses(text)
    assert len(clauses) == 36000
    assert clauses[-1].end == len(text) - 1
    assert clauses[-2].locator == f"第{int_to_cn(11999 % 300 + 1)}条第（一）项"


def test_seed_work_plan(seed_dir: Path):
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        clauses = parse_clauses(text)
        check_coverage(text, clauses)
        points = [c for c in clauses if c.kind == "point"]
        assert len(points) >= 10
        assert any(c.locator.count("、") == 1 and c.locator.endswith("、") for c in points)
        for clause in clauses:
            assert text[clause.start:clause.end].strip()
