"""Tests for reviewer.citations: finding citations, the law catalogue and basis checks."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml

from reviewer.citations import (
    STATUSES,
    Citation,
    LawCatalog,
    LawEntry,
    cites_basis,
    find_citations,
    normalize_doc_number,
    normalize_title,
)
from reviewer.errors import ReviewerError



@pytest.fixture(scope="module")
def catalog() -> LawCatalog:
    return LawCatalog.builtin()


def _spans_ok(text: str, cites: list[Citation]) -> None:
    for c in cites:
        assert text[c.start : c.end] == c.raw


# --------------------------------------------------------------------------- find_citations


def test_title_with_article_paragraph_and_item():
    text = "违反本办法规定的，由市场监管部门依照《中华人民共和国食品安全法》第一百二十四条第一款第（三）项的规定处罚。"
    cites = find_citations(text)
    assert [(c.kind, c.title, c.article) for c in cites] == [
        ("law", "中华人民共和国食品安全法", "第一百二十四条第一款第（三）项")
    ]
    assert cites[0].raw == "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项"
    _spans_ok(text, cites)


def test_article_list_gives_one_citation_per_article():
    text = "依据《中华人民共和国行政许可法》第十二条、第十七条和《行政处罚法》（2021年修订）第十六条，制定本办法。"
    cites = find_citations(text)
    assert [(c.title, c.article) for c in cites] == [
        ("中华人民共和国行政许可法", "第十二条"),
        ("中华人民共和国行政许可法", "第十七条"),
        ("行政处罚法", "第十六条"),
    ]
    assert cites[1].raw == "第十七条"  # later list items do not repeat the title's span
    assert cites[0].end <= cites[1].start
    _spans_ok(text, cites)


def test_paragraph_list_inherits_article():
    text = "按照《最高人民法院关于适用《中华人民共和国行政诉讼法》的解释》第一百四十八条第二款、第三款审查。"
    cites = find_citations(text)
    assert [c.article for c in cites] == ["第一百四十八条第二款", "第一百四十八条第三款"]
    assert cites[0].title == "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释"
    assert cites[0].kind == "law"


def test_title_without_article():
    cites = find_citations("认真贯彻《优化营商环境条例》，持续改善营商环境。")
    assert [(c.kind, c.title, c.article) for c in cites] == [("law", "优化营商环境条例", "")]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("（龙政办发〔2017〕12号）", "龙政办发〔2017〕12号"),
        ("（龙政办发[2017]12号）", "龙政办发〔2017〕12号"),
        ("（龙政办发(2017)12号）", "龙政办发〔2017〕12号"),
        ("（龙政办发［2017］12号）", "龙政办发〔2017〕12号"),
        ("（财税（2016）36号）", "财税〔2016〕36号"),
    ],
)
def test_doc_number_brackets_are_normalised(raw: str, expected: str):
    text = f"现将有关事项通知如下{raw}，请遵照执行。"
    cites = find_citations(text)
    assert [(c.kind, c.title, c.number) for c in cites] == [("document", expected, expected)]
    _spans_ok(text, cites)


def test_doc_number_in_running_text_drops_leading_words():
    text = "市政府印发的龙政办发[2017]12号文件和龙政发(2016)3号同时废止，根据国办发〔2018〕37号执行，区政府制定了区政发〔2020〕4号。"
    assert [c.number for c in find_citations(text)] == [
        "龙政办发〔2017〕12号",
        "龙政发〔2016〕3号",
        "国办发〔2018〕37号",
        "区政发〔2020〕4号",
    ]


def test_document_title_with_number_is_one_document_citation():
    text = "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）精神，结合实际。"
    cites = find_citations(text)
    assert len(cites) == 1
    assert cites[0].kind == "document"
    assert cites[0].title.endswith("的通知")
    assert cites[0].number == "国办发〔2018〕37号"


def test_bare_law_after_basis_verb():
    text = "对违法行为，依照行政处罚法第三十条和治安管理处罚法第二十三条第二款的规定处理。"
    cites = find_citations(text)
    assert [(c.kind, c.title, c.article) for c in cites] == [
        ("law", "行政处罚法", "第三十条"),
        ("law", "治安管理处罚法", "第二十三条第二款"),
    ]
    _spans_ok(text, cites)


def test_bare_form_ignores_self_references_and_everyday_words():
    text = "依照本办法第十条，依照有关法律法规的规定，按照科学方法计算，根据会议精神依照民法典第二百四十三条处理。"
    cites = find_citations(text)
    assert [(c.title, c.article) for c in cites] == [("民法典", "第二百四十三条")]


def test_bare_law_followed_by_what_it_is_invoked_for():
    # 依照道路运输条例取得…: the title ends where the verb of its use begins
    cites = find_citations("从事道路旅客运输经营的，应当依照道路运输条例取得经营许可证。")
    assert [c.title for c in cites] == ["道路运输条例"]
    assert [c.title for c in find_citations("依照治安管理处罚法处罚。")] == ["治安管理处罚法"]
    # a kind of document with no title is no citation
    assert find_citations("按照办法执行。") == []


def test_article_range_gives_both_ends():
    cites = find_citations("依照《某省物业管理条例》第三十条至第三十二条执行。")
    assert [c.article for c in cites] == ["第三十条", "第三十二条"]


def test_normalize_doc_number_direct():
    assert normalize_doc_number("国发 [ 2019 ] 第 5 号") == "国发〔2019〕5号"


# --------------------------------------------------------------------------- catalogue


def test_normalize_title():
    assert normalize_title("《中华人民共和国 行政许可法》") == "行政许可法"
    assert normalize_title("宪法修正案(1988年)") == "宪法修正案（1988年）"


@pytest.mark.parametrize(
    "cited",
    ["中华人民共和国行政许可法", "行政许可法", "《中华人民共和国行政许可法》", "行政许可法 ", "《行政许可法》（2019年修正）"],
)
def test_resolve_exact_forms(catalog: LawCatalog, cited: str):
    res = catalog.resolve(cited)
    assert res.entry is not None and res.entry.title == "中华人民共和国行政许可法"
    assert res.exact and res.score == 100.0


def test_resolve_short_names(catalog: LawCatalog):
    assert catalog.resolve("地方组织法").entry.title.endswith("地方各级人民政府组织法")
    assert catalog.resolve("招投标法").entry.title == "中华人民共和国招标投标法"
    assert catalog.resolve("民法典").entry.title == "中华人民共和国民法典"
    assert catalog.get("政务处分法").title == "中华人民共和国公职人员政务处分法"


def test_resolve_one_character_off(catalog: LawCatalog):
    res = catalog.resolve("中华人民共和国行政许诃法")
    assert res.entry is not None and res.entry.title == "中华人民共和国行政许可法"
    assert not res.exact and 0 < res.score < 100
    res = catalog.resolve("国有土地上房屋征收和补偿条例")
    assert res.entry is not None and res.entry.title == "国有土地上房屋征收与补偿条例"


def test_short_titles_need_exact_match(catalog: LawCatalog):
    # 审计法 and 统计法 differ by one character: both are laws, neither may swallow the other.
    assert catalog.resolve("审计法").entry.title == "中华人民共和国审计法"
    assert catalog.resolve("统计法").entry.title == "中华人民共和国统计法"
    assert catalog.resolve("设计法").entry is None


def test_different_kind_of_norm_does_not_match(catalog: LawCatalog):
    assert catalog.resolve("中华人民共和国行政处罚条例").entry is None
    assert catalog.resolve("行政许可办法").entry is None
    assert catalog.resolve("政府信息公开法").entry is None


def test_local_norm_with_prefix_stays_unknown(catalog: LawCatalog):
    assert catalog.resolve("上海市物业管理条例").entry is None
    assert catalog.resolve("某省城市市容和环境卫生管理条例").entry is None


def test_invented_law_stays_unknown(catalog: LawCatalog):
    res = catalog.resolve("中华人民共和国城市美化促进法")
    assert res.entry is None and res.score == 0.0 and not res.exact


def test_from_entries_and_fuzzy_on_small_catalogue():
    cat = LawCatalog.from_entries(
        [LawEntry(title="示例行政管理条例", short=("管理条例",), level="行政法规", status="有效")]
    )
    assert cat.get("管理条例").title == "示例行政管理条例"
    assert cat.resolve("示例行政监理条例").entry is not None
    assert cat.resolve("示例行政管理法").entry is None


def test_a_local_title_is_no_misspelling_of_a_national_one_unless_the_catalogue_has_its_place():
    national = LawCatalog.from_entries(
        [LawEntry(title="农贸市场管理条例", short=(), level="行政法规", status="有效")])
    assert national.resolve("清河区农贸市场管理办法").entry is None
    local = LawCatalog.from_entries(
        [LawEntry(title="清河区农贸市场管理办法", short=(), level="行政规范性文件", status="有效")])
    assert local.resolve("清河区农贸市场管里办法").entry is not None  # the place is known: fuzzy as before


def test_from_yaml_reports_entry_and_field():
    with pytest.raises(ReviewerError, match="status"):
        LawCatalog.from_yaml("- {title: 某法, level: 法律, status: 失效}\n", "x.yaml")
    with pytest.raises(ReviewerError, match=r"x.yaml → 1 → level"):
        LawCatalog.from_yaml("- {title: 某法, status: 有效}\n", "x.yaml")
    with pytest.raises(ReviewerError, match="published"):
        LawCatalog.from_yaml("- {title: 某法, level: 法律, status: 有效, published: 去年}\n", "x.yaml")


# --------------------------------------------------------------------------- the YAML itself


def test_builtin_catalogue_loads_once_and_is_complete(catalog: LawCatalog):
    assert LawCatalog.builtin() is catalog
    assert 60 <= len(catalog) <= 120
    for entry in catalog:
        assert entry.title and entry.level and entry.status in STATUSES
        assert isinstance(entry.published, dt.date), entry.title
        if entry.status == "已废止":
            assert not entry.in_force
        if entry.repealed or entry.replaced_by:
            assert entry.status == "已废止", entry.title


def test_titles_and_short_names_are_unique(catalog: LawCatalog):
    titles = [e.title for e in catalog]
    assert len(titles) == len(set(titles))
    names = [n for e in catalog for n in {normalize_title(x) for x in (e.title, *e.short)}]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes


def test_yaml_is_sorted_by_title():
    text = (Path(__file__).parent.parent / "reviewer" / "data" / "laws.yaml").read_text(encoding="utf-8")
    titles = [item["title"] for item in yaml.safe_load(text)]
    assert titles == sorted(titles)


def test_replaced_by_names_an_entry(catalog: LawCatalog):
    for entry in catalog:
        if entry.replaced_by:
            successor = catalog.get(entry.replaced_by)
            assert successor is not None, entry.title
            assert successor.in_force, entry.title


def test_catalogue_covers_the_laws_reviewers_cite(catalog: LawCatalog):
    for name in ["行政许可法", "行政处罚法", "行政强制法", "立法法", "公平竞争审查条例", "食品卫生法", "城市房屋拆迁管理条例"]:
        assert catalog.get(name) is not None, name


def test_entries_agree_with_shared_catalog(catalog: LawCatalog, shared_catalog: Path):
    newest: dict[str, dict] = {}
    with shared_catalog.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = row["title"]
            if key not in newest or row["publish_date"] > newest[key]["publish_date"]:
                newest[key] = row
    for entry in catalog:
        row = newest.get(entry.title)
        if entry.verified:
            assert row is not None, f"{entry.title} not in catalog.csv"
            assert entry.status == row["status"], entry.title
            assert entry.level == row["level"], entry.title
            assert entry.published.isoformat() == row["publish_date"], entry.title
            assert (entry.effective.isoformat() if entry.effective else "") == row["effective_date"], entry.title
        elif row is not None:
            # Newer than the snapshot: at least in force or repealed on both sides alike.
            assert entry.in_force == (row["status"] in ("有效", "已修改")), entry.title


# --------------------------------------------------------------------------- cites_basis


@pytest.mark.parametrize(
    "sentence, status",
    [
        ("对违反规定的，由市场监管部门依照《中华人民共和国食品安全法》第一百二十四条的规定处罚。", "valid"),
        ("《中华人民共和国行政处罚法》第十六条规定，其他规范性文件不得设定行政处罚。", "valid"),
        ("依照行政处罚法第三十条的规定处理。", "valid"),
        ("由卫生部门依照《中华人民共和国食品卫生法》第四十条处罚。", "repealed"),
        ("依照《城市房屋拆迁管理条例》的规定实施拆迁。", "repealed"),
        ("依照《某市市容管理条例》第十条处罚。", "unknown"),
        ("根据龙政办发〔2017〕12号文件执行。", "unknown"),
        ("对违法行为依法予以处理。", "generic"),
        ("按照国家有关规定执行。", "generic"),
        ("依照有关法律法规的规定追究责任。", "generic"),
        ("对违反本办法的，处500元罚款。", "none"),
        ("依照本办法第十条的规定处罚。", "none"),
        ("按照本办法规定处理。", "none"),
        ("认真学习《中华人民共和国行政许可法》，推进依法行政。", "none"),
    ],
)
def test_cites_basis_statuses(catalog: LawCatalog, sentence: str, status: str):
    check = cites_basis(sentence, catalog)
    assert check.status == status
    assert len(check.citations) == len(check.resolutions)
    assert check.grounded == (status == "valid")


def test_cites_basis_returns_resolutions(catalog: LawCatalog):
    check = cites_basis("依照《行政处罚法》第十六条和《中华人民共和国食品卫生法》第四十条处理。", catalog)
    assert check.status == "repealed"  # the repealed citation must surface
    titles = [r.entry.title for r in check.resolutions]
    assert titles == ["中华人民共和国行政处罚法", "中华人民共和国食品卫生法"]


@pytest.mark.parametrize("sentence, exempts", [
    # the county's own measures, named after their issuer as review findings name them
    ("经审查，临河县《农家乐管理办法》第九条规定，开业前须经镇政府同意。", False),
    ("根据县人民政府办公室《关于规范庙会活动的办法》第三条，举办庙会须经县文旅局同意。", False),
    ("依照城关镇《集贸市场管理办法》第五条，摊位须经镇市场办审核。", False),
    # a norm of a legal kind without a local issuer before it may be a rule the catalogue lacks
    ("依照《某省古树名木保护办法》第九条，迁移古树须经林业主管部门同意。", True),
    ("依照某自治区《草原管理条例》第九条，禁牧区内不得放牧。", True),
])
def test_a_norm_named_after_a_county_or_township_is_no_basis(catalog: LawCatalog, sentence: str, exempts: bool):
    assert cites_basis(sentence, catalog).exempts is exempts


def test_bare_laws_listed_with_huozhe_are_each_a_title():
    # 或者 joins two titles as 和 does; read as one title, 反不正当竞争法或者广告法 was reported as a wrong name
    cites = find_citations("商家作虚假宣传的，依照消费者权益保护法、反不正当竞争法或者广告法予以处罚。")
    assert [c.title for c in cites] == ["消费者权益保护法", "反不正当竞争法", "广告法"]


def test_methods_of_valuation_are_no_laws():
    assert find_citations("被征收房屋的价值，按照市场比较法或者收益法评估确定。") == []
    assert find_citations("林木资产价值按照重置成本法或收益现值法评估。") == []


def test_a_reviewed_local_document_named_in_a_finding_is_no_basis():
    # a review's finding names the county's own document (某县某局2023年印发的《…细则》) it found unlawful:
    # that title grounds nothing, so the charge it quotes is still the charge a rule reports
    from tests.rule_helpers import reported_by_rules

    finding = ("经审查，某县民政局2022年印发的《殡葬服务管理细则》第九条规定，办理骨灰寄存的家属每年缴纳寄存管理费"
               "三百元。该收费没有依据，应予纠正。")
    assert "FEE" in {f.family for f in reported_by_rules(finding)}
    assert "FEE" not in {f.family for f in reported_by_rules("依照《某省殡葬管理实施细则》第九条的规定，骨灰寄存费按照省定标准收取。")}
