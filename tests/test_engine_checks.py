"""The engine's document checks (match kind ``check``), settings, and whole-document behaviour."""

from __future__ import annotations

from pathlib import Path

from reviewer.pipeline import check_text
from reviewer.settings import ReviewSettings


def codes(text: str, **kw) -> list[str]:
    return [f.code for f in check_text(text, **kw).findings]


def only(code: str, text: str, **kw):
    return [f for f in check_text(text, select=[code], **kw).findings]


def test_repealed_law_is_reported_with_successor_and_does_not_exempt():
    text = "违反本规定的，依照《中华人民共和国食品卫生法》第四十条处五千元罚款。"
    found = check_text(text).findings
    cite = [f for f in found if f.code == "CITATION001"]
    assert cite and "中华人民共和国食品安全法" in cite[0].message
    assert cite[0].match.startswith("《中华人民共和国食品卫生法》")
    assert "PENALTY001" in [f.code for f in found]  # the repealed basis exempts nothing


def test_wrong_law_title_is_reported_with_a_suggestion():
    found = only("CITATION002", "依照《中华人民共和国大气污染法》第九十九条处罚。")
    assert len(found) == 1
    assert "中华人民共和国大气污染防治法" in found[0].message


def test_real_titles_are_not_reported():
    text = "依照《中华人民共和国烟草专卖法》第三十二条、《某省物业管理条例》第十条处理。"
    assert not only("CITATION", text)


VALIDITY = "某县集贸市场管理{kind}办法\n第一条 为规范管理，制定本办法。\n第二条 本办法自2024年3月1日起施行，有效期{years}年。"


def test_validity_limits_follow_settings():
    long_doc = VALIDITY.format(kind="", years="八")
    assert len(only("PROCEDURE002", long_doc)) == 1
    assert not only("PROCEDURE002", VALIDITY.format(kind="", years="五"))
    assert not only("PROCEDURE002", long_doc, settings=ReviewSettings(max_validity_years=10))


def test_provisional_documents_have_a_shorter_limit():
    assert only("PROCEDURE002", VALIDITY.format(kind="暂行", years="三"))
    assert not only("PROCEDURE002", VALIDITY.format(kind="暂行", years="两"))


EFFECT = "某区停车管理办法\n第一条 为规范停车，制定本办法。\n第二条 本办法自{eff}起施行。\n某区人民政府\n2024年3月1日"


def test_days_to_effect():
    soon = EFFECT.format(eff="2024年3月10日")
    found = only("PROCEDURE003", soon)
    assert len(found) == 1 and "9日" in found[0].message
    assert not only("PROCEDURE003", EFFECT.format(eff="2024年4月15日"))
    assert not only("PROCEDURE003", soon, settings=ReviewSettings(min_days_to_effect=5))
    back = only("PROCEDURE003", EFFECT.format(eff="2024年1月1日"))
    assert back and "溯及既往" in back[0].message


def test_fine_outside_the_cited_range():
    heavy = "机动车违反禁停标志停放的，依照《中华人民共和国道路交通安全法》第九十条处五百元罚款。"
    found = only("PENALTY004", heavy)
    assert [f.match for f in found] == ["五百元"]
    assert "重于" in found[0].message
    light = "非机动车驾驶人闯红灯的，依照《中华人民共和国道路交通安全法》第八十九条处二元罚款。"
    assert "轻于" in only("PENALTY004", light)[0].message
    ok = "依照《中华人民共和国道路交通安全法》第九十条，处警告或者二十元以上二百元以下罚款。"
    assert not only("PENALTY004", ok)


def test_findings_are_sorted_and_deduplicated():
    text = "对违反本办法的，处500元罚款。\n对拒不整改的，查封其经营场所。"
    found = check_text(text).findings
    offsets = [f.location.offset for f in found]
    assert offsets == sorted(offsets)
    assert len({(f.code, f.location.offset) for f in found}) == len(found)


def test_rules_respect_document_level():
    text = "对违反本办法的，处500元罚款。"
    assert "PENALTY001" in codes(text)
    assert "PENALTY001" not in codes(text, level="规章")


def test_title_of_a_multi_clause_document_is_not_checked():
    text = "关于取消收取管理费的通知\n一、各单位要做好衔接工作。"
    assert not check_text(text).findings


def test_seed_stays_clean(seed_dir: Path):
    for path in seed_dir.glob("*.txt"):
        found = check_text(path.read_text(encoding="utf-8"), path=str(path)).findings
        assert not [f for f in found if f.severity.rank >= 1], [(f.code, f.match) for f in found]
