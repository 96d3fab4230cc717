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


def test_the_bound_never_falls_below_rapidfuzz_partial_ratio():
    """The pre-filter may only skip articles rapidfuzz would score lower: checked on pieces of the
    shipped articles, altered at random, against other articles and their own, both ways round."""
    import random

    from rapidfuzz import fuzz

    from reviewer.laws.restatement import partial_ratio_bound

    texts = StatuteIndex.load()._plain_texts
    rng = random.Random(9)
    checked = 0
    for _ in range(1500):
        source, other = rng.choice(texts), rng.choice(texts)
        start = rng.randrange(len(source))
        piece = "".join(c if rng.random() > 0.25 else rng.choice(other) for c in source[start:start + rng.randint(1, 120)])
        for a, b in ((piece, other), (piece, source), (source, piece)):
            assert partial_ratio_bound(a, b) + 1e-9 >= fuzz.partial_ratio(a, b), (a, b)
            checked += 1
    assert checked == 4500
    assert partial_ratio_bound("", "罚款") == 0.0
    assert partial_ratio_bound("处五万元罚款", "处五万元罚款") == 100.0
    # Equal lengths: rapidfuzz scores both ways round and keeps the better, so the bound must too.
    letters = "罚款没收警告"
    for _ in range(20000):
        n = rng.randint(1, 8)
        a, b = ("".join(rng.choice(letters) for _ in range(n)) for _ in range(2))
        assert partial_ratio_bound(a, b) + 1e-9 >= fuzz.partial_ratio(a, b), (a, b)


def test_a_clause_far_from_every_article_does_not_import_rapidfuzz():
    """A penalty clause with a statute's sums but not its wording is settled by the bound alone
    (checked in a fresh interpreter: rapidfuzz costs a tenth of a check to import)."""
    import subprocess
    import sys

    code = ("import sys\nfrom reviewer.laws.restatement import StatuteIndex\n"
            "clause = '违反本办法第四条规定，未经备案擅自开业的，由区商务局责令停止经营，并处一万元以上三万元以下罚款。'\n"
            "assert StatuteIndex.load().restated(clause) is None\n"
            "print('rapidfuzz' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
