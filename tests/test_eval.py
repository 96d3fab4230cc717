"""reviewer.evaluate: scoring a labelled clause set against the keyword baseline, and the document run."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer import evaluate


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


ROWS = [
    {"id": "a", "text": "对违反本办法的，处500元罚款。", "labels": ["PENALTY"]},
    {"id": "b", "text": "申请人还须缴纳管理费每年200元。", "labels": ["FEE"]},
    {"id": "c", "text": "坚持依法行政，不得收取任何费用。", "labels": []},
    {"id": "d", "text": "全面推进政务公开。", "labels": []},
]


def test_score_on_a_tiny_set(tmp_path: Path):
    items = evaluate.load_items(_write_jsonl(tmp_path / "dev.jsonl", ROWS))
    scores = evaluate.score(items)
    assert scores.families["PENALTY"].n == 1 and scores.families["PENALTY"].ours == 1
    assert scores.families["FEE"].ours == 1
    assert scores.families["PENALTY"].by_rule == 1  # a rule's own finding, not the model's warning
    assert scores.lawful == 2
    assert scores.false_alarms_ours == 0
    assert scores.false_alarms_baseline == 1  # 收取 and 不得 trip the keyword baseline
    table = evaluate.format_scores(scores)
    assert "PENALTY" in table and "overall" in table and "false alarms" in table and "by a rule" in table


def test_by_a_rule_leaves_out_the_second_opinion(tmp_path: Path):
    # a township levy said without any fee word: only the statistical model names it
    rows = [{"id": "m", "text": "各农户按承包地面积每亩出二十元，用于机耕道维修，年底前交到村会计处。", "labels": ["FEE"]}]
    scores = evaluate.score(evaluate.load_items(_write_jsonl(tmp_path / "m.jsonl", rows)))
    assert scores.families["FEE"].ours == 1 and scores.families["FEE"].by_rule == 0


def test_baseline_is_plain_keyword_search():
    assert evaluate.baseline_families("依法收取费用") == {"FEE"}
    assert evaluate.baseline_families("推进政务公开") == set()


def test_header_is_stripped_and_level_read():
    body, header = evaluate.strip_header("# source: x\n# type: 部门规章（政府规章）；说明\n正文\n")
    assert body == "正文\n"
    assert evaluate.header_level(header) == "规章"
    assert evaluate.header_level("# type: 县级人民政府行政规范性文件\n") == "行政规范性文件"
    assert evaluate.header_level("# 来源: x\n# 层级: 地方性法规\n") == "地方性法规"
    assert evaluate.header_level("# 层级: 行政法规\n") == "行政法规"


def test_halves_and_kinds_are_reported_apart(tmp_path: Path):
    shared = tmp_path / "shared"
    (shared / "eval").mkdir(parents=True)
    rows = [dict(r, half=h) for r in ROWS for h in ("read", "unread")]
    _write_jsonl(shared / "eval" / "dev.jsonl", [dict(r, id=f"{r['id']}{r['half']}") for r in rows])
    _write_jsonl(shared / "eval" / "competition.jsonl", [
        {"id": "x", "text": "限定使用本地企业的产品。", "labels": ["COMPETITION"], "kind": "clause", "half": "read"},
        {"id": "y", "text": "某局要求使用本地产品。", "labels": ["COMPETITION"], "kind": "description", "half": "unread"},
    ])
    titles = [t for t, _ in evaluate.clause_sets(shared)]
    assert titles == ["dev [read]", "dev [unread]", "competition/clause [read]", "competition/description [unread]"]


def test_main_runs_on_a_synthetic_shared_folder(tmp_path: Path, capsys):
    shared = tmp_path / "shared"
    (shared / "eval" / "docs").mkdir(parents=True)
    (shared / "seed").mkdir()
    _write_jsonl(shared / "eval" / "dev.jsonl", ROWS)
    (shared / "seed" / "s.txt").write_text("关于推进依法行政的工作方案\n一、加强收费管理。\n", encoding="utf-8")
    (shared / "eval" / "docs" / "01_x.txt").write_text("# type: 规章\n某办法\n第一条 处警告。\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "README.md").write_text("# 说明\n处500元罚款\n", encoding="utf-8")
    (corpus / "a.txt").write_text("对违反本办法的，处500元罚款。\n", encoding="utf-8")
    assert evaluate.main(["--shared", str(shared), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "recall ours" in out and "seed (work plan)" in out and "eval/docs" in out
    assert "a.txt" in out and "README" not in out
    assert evaluate.main(["--shared", str(shared), "--corpus", str(corpus), "-v"]) == 0
    out = capsys.readouterr().out
    assert "s.txt" in out and "01_x.txt [规章]" in out


def test_main_without_the_shared_set_is_a_usage_error(tmp_path: Path, capsys):
    assert evaluate.main(["--shared", str(tmp_path)]) == 2


def test_probe_sets_are_read_with_their_level_and_halves(tmp_path: Path):
    rows = [
        {"id": "a", "text": "对未按期整改的商户，处以五百元罚款。", "labels": ["PENALTY"], "half": "read"},
        {"id": "b", "text": "违反本办法第十条规定的，处一万元以下罚款。", "labels": [], "half": "unread",
         "level": "规章"},
    ]
    (tmp_path / "probe9.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                           encoding="utf-8")
    sets = dict(evaluate.probe_sets(tmp_path))
    assert set(sets) == {"probe9 (own probe) [read]", "probe9 (own probe) [unread]"}
    (lawful,) = sets["probe9 (own probe) [unread]"]
    assert lawful.level == "规章"
    # At its own level a 规章 may set a fine up to the State Council's limit: no false alarm.
    assert evaluate.score([lawful]).false_alarms_ours == 0
    assert evaluate.score(sets["probe9 (own probe) [read]"]).overall.ours == 1


def test_the_shipped_probe_sets_load():
    sets = evaluate.probe_sets(Path(__file__).resolve().parents[1] / "eval" / "probes")
    names = {title for title, _ in sets}
    assert "probe6 (own probe) [unread]" in names and "probe4 (own probe)" in names
    assert sum(len(items) for _, items in sets) >= 1300
