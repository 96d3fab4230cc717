"""Restating a statute's penalty article (复述上位法): found by wording and the same sums."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.laws.restatement import StatuteIndex

ARTICLE = ("第三十条 违反本条例规定，未取得经营许可擅自从事废旧金属收购业务的，由主管部门责令停止违法行为，"
           "没收违法所得，并处1万元以上5万元以下的罚款；情节严重的，吊销营业执照。")


def _index(tmp_path: Path) -> StatuteIndex:
    (tmp_path / "示例条例.json").write_text(json.dumps({
        "title": "示例回收管理条例", "level": "行政法规", "version": "2020-01-01", "source": "test",
        "articles": [{"article": 30, "text": ARTICLE}]}, ensure_ascii=False), encoding="utf-8")
    return StatuteIndex.load(tmp_path)


def test_a_faithful_copy_is_a_restatement_and_names_its_article(tmp_path: Path):
    index = _index(tmp_path)
    copy = "二、对未取得经营许可擅自从事废旧金属收购业务的，由县主管部门责令停止违法行为，没收违法所得，并处一万元以上五万元以下罚款。"
    found = index.restated(copy)
    assert found is not None and found.number == 30 and found.citation == "《示例回收管理条例》第三十条"


def test_a_copy_that_raises_the_fine_or_a_new_rule_is_not(tmp_path: Path):
    index = _index(tmp_path)
    raised = "对未取得经营许可擅自从事废旧金属收购业务的，由县主管部门责令停止违法行为，没收违法所得，并处5万元以上10万元以下罚款。"
    assert index.restated(raised) is None
    assert index.restated("对占道经营的摊贩，由城管部门没收其经营工具，并处五百元罚款。") is None
    assert index.restated("处罚款。") is None  # too short to tell
    # Without a sum of money a clause is not looked up: the sums make a copy recognisable.
    assert index.restated("对未取得经营许可擅自从事废旧金属收购业务的，由县主管部门责令停止违法行为，没收违法所得。") is None


def test_the_shipped_statutes_load_and_each_names_its_source():
    index = StatuteIndex.load()
    folder = Path(__file__).resolve().parents[1] / "reviewer" / "data" / "statutes"
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["source"].startswith("LawRefBook/Laws:") and data["articles"], path.name
        assert all(a["text"].startswith("第") for a in data["articles"]), path.name
    assert len(index.articles) == sum(len(json.loads(p.read_text(encoding="utf-8"))["articles"])
                                      for p in folder.glob("*.json"))


def test_the_engine_reads_a_copied_statute_article_as_a_reference():
    from reviewer.evaluate import reported
    from reviewer.explain import explain
    from reviewer.pipeline import check_text

    # 烟花爆竹安全管理条例 第三十六条 (on file), copied by a county notice with the agency renamed.
    copy = ("四、对未经许可生产、经营烟花爆竹制品的，由安全生产监督管理部门责令停止非法生产、经营活动，"
            "处2万元以上10万元以下的罚款，并没收非法生产、经营的物品及违法所得。")
    assert not reported(check_text(copy).findings)
    notes = {s.note for s in explain(copy) if s.referral == "restated"}
    assert notes == {"复述《烟花爆竹安全管理条例》第三十六条"}
    raised = copy.replace("2万元以上10万元以下", "5万元以上20万元以下")
    assert {f.family for f in reported(check_text(raised).findings)} >= {"PENALTY"}
