"""The rule registry: shipped packs load, every rule proves itself, and pack mistakes name file, rule and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reviewer.errors import RuleError
from reviewer.model import FAMILIES
from reviewer.rules.checks import CHECKS
from reviewer.examples import check_all_examples
from reviewer.rules.loader import default_rules_dir, load_rules
from reviewer.rules.schema import GUARDS, MATCH_KINDS, parse_pack

RULES_DIR = default_rules_dir()


def _rule(**over) -> dict:
    """A minimal valid rule mapping, with fields overridden."""
    rule = {
        "code": "FEE901",
        "name": "demo-fee",
        "title": "示例",
        "severity": "error",
        "basis": [{"law": "中华人民共和国行政许可法", "article": "第五十八条"}],
        "message": "示例说明。",
        "suggestion": "示例建议。",
        "match": {"regex": "收取[^。]{0,4}?费", "triggers": ["收取"]},
        "examples": {"flag": ["[[收取管理费]]。"], "pass": [{"text": "免收管理费。", "why": "免收。"}]},
    }
    rule.update(over)
    return rule


def _write(tmp_path: Path, name: str, family: str, rules: list[dict]) -> Path:
    (tmp_path / name).write_text(yaml.safe_dump({"family": family, "rules": rules}, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_shipped_rules_load():
    rules = load_rules(RULES_DIR)
    assert len(rules) >= 30
    assert {r.family for r in rules} <= set(FAMILIES)


def test_every_rule_has_flag_and_pass_examples():
    for rule in load_rules(RULES_DIR):
        assert rule.flag_examples, rule.code
        assert rule.pass_examples, rule.code
        assert all(ex.why for ex in rule.pass_examples), rule.code


def test_all_examples_pass():
    failures = check_all_examples(load_rules(RULES_DIR))
    assert not failures, "\n".join(f.describe() for f in failures)


def test_codes_and_messages_are_unique():
    rules = list(load_rules(RULES_DIR))
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    messages = [r.message for r in rules]
    assert len(messages) == len(set(messages))


def test_names_describe_violations_and_are_unique():
    names = [r.name for r in load_rules(RULES_DIR)]
    assert len(names) == len(set(names))


def test_retired_codes_are_not_reused():
    # The file must exist (the README promises it), hold a list of well-formed codes, and
    # share none with the loaded packs.
    retired_file = RULES_DIR / "retired.yaml"
    assert retired_file.is_file(), "rules/retired.yaml is missing"
    retired = (yaml.safe_load(retired_file.read_text(encoding="utf-8")) or {}).get("retired")
    assert isinstance(retired, list)
    assert all(re.fullmatch(r"[A-Z_]+\d{3}", code) for code in retired), retired
    assert not set(retired) & {r.code for r in load_rules(RULES_DIR)}


def test_guards_and_kinds_used_exist():
    for rule in load_rules(RULES_DIR):
        assert rule.kind in MATCH_KINDS
        assert set(rule.guards) <= set(GUARDS), rule.code
        if rule.kind == "check":
            assert rule.check in CHECKS, rule.code


def test_regexes_never_use_word_boundaries():
    for rule in load_rules(RULES_DIR):
        if rule.pattern is not None:
            assert "\\b" not in rule.pattern.pattern, rule.code


def test_missing_flag_examples_fail_with_location():
    raw = _rule(examples={"pass": [{"text": "免收。", "why": "免收"}]})
    with pytest.raises(RuleError, match=r"rules/fee.yaml: FEE901 → examples → flag"):
        parse_pack({"family": "FEE", "rules": [raw]}, source="rules/fee.yaml")


def test_missing_pass_examples_fail_with_location():
    raw = _rule(examples={"flag": ["[[收取管理费]]。"]})
    with pytest.raises(RuleError, match=r"rules/fee.yaml: FEE901 → examples → pass"):
        parse_pack({"family": "FEE", "rules": [raw]}, source="rules/fee.yaml")


def test_pass_example_without_reason_fails():
    raw = _rule(examples={"flag": ["[[收取管理费]]。"], "pass": ["免收管理费。"]})
    with pytest.raises(RuleError, match=r"FEE901 → examples → pass → 1 → why"):
        parse_pack({"family": "FEE", "rules": [raw]}, source="rules/fee.yaml")


def test_marked_span_without_trigger_fails():
    raw = _rule(examples={"flag": ["收取[[管理费]]。"], "pass": [{"text": "免收。", "why": "免收"}]})
    with pytest.raises(RuleError, match=r"FEE901 → examples → flag → 1"):
        parse_pack({"family": "FEE", "rules": [raw]}, source="rules/fee.yaml")


def test_unknown_guard_check_and_kind_fail():
    with pytest.raises(RuleError, match=r"FEE901 → unless"):
        parse_pack({"family": "FEE", "rules": [_rule(unless=["psychic"])]}, source="rules/fee.yaml")
    with pytest.raises(RuleError, match=r"FEE901 → match → check"):
        parse_pack({"family": "FEE", "rules": [_rule(match={"check": "no-such-check"})]}, source="rules/fee.yaml")
    with pytest.raises(RuleError, match=r"FEE901 → match"):
        parse_pack({"family": "FEE", "rules": [_rule(match={"keywords": ["费"]})]}, source="rules/fee.yaml")


def test_bad_regex_and_word_boundary_fail():
    with pytest.raises(RuleError, match=r"FEE901 → match → regex: 正则表达式无效"):
        parse_pack({"family": "FEE", "rules": [_rule(match={"regex": "收取(", "triggers": ["收取"]})]}, source="f")
    with pytest.raises(RuleError, match=r"\\b"):
        parse_pack({"family": "FEE", "rules": [_rule(match={"regex": "\\b收取", "triggers": ["收取"]})]}, source="f")


def test_code_must_match_family():
    with pytest.raises(RuleError, match=r"FEE901 → code"):
        parse_pack({"family": "PENALTY", "rules": [_rule()]}, source="rules/penalty.yaml")


def test_duplicate_codes_across_packs_fail(tmp_path: Path):
    _write(tmp_path, "a.yaml", "FEE", [_rule()])
    _write(tmp_path, "b.yaml", "FEE", [_rule(name="other-fee", message="另一说明。")])
    with pytest.raises(RuleError, match=r"FEE901 → code: 编号重复"):
        load_rules(tmp_path)


def test_shared_messages_fail(tmp_path: Path):
    _write(tmp_path, "a.yaml", "FEE", [_rule(), _rule(code="FEE902", name="other-fee")])
    with pytest.raises(RuleError, match=r"FEE902 → message"):
        load_rules(tmp_path)


def test_retired_code_fails(tmp_path: Path):
    _write(tmp_path, "a.yaml", "FEE", [_rule()])
    (tmp_path / "retired.yaml").write_text("retired: [FEE901]\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"FEE901 → code: 该编号已停用"):
        load_rules(tmp_path)


def test_check_rule_examples_may_be_unmarked():
    raw = _rule(
        code="PROCEDURE901",
        match={"check": "validity-too-long"},
        examples={"flag": ["示例管理办法\n第一条 本办法自2024年1月1日起施行，有效期九年。"],
                  "pass": [{"text": "示例管理办法\n第一条 本办法有效期三年。", "why": "未超过上限"}]},
    )
    (rule,) = parse_pack({"family": "PROCEDURE", "rules": [raw]}, source="rules/procedure.yaml")
    assert rule.kind == "check" and rule.check == "validity-too-long"
    assert rule.flag_examples[0].span is None


def _measure_rule(actor) -> dict:
    return _rule(code="ULTRA_VIRES901", match={"measure": ["fine"], "imposed": "any", "actor": actor},
                 examples={"flag": ["由茶叶合作社对社外茶农[[罚款]]二百元。"], "pass": [{"text": "由县市场监管局依法罚款。", "why": "有权机关。"}]})


def test_an_actor_may_name_several_kinds_of_body_and_reads_them_as_one():
    from reviewer.rules.schema import parse_pack
    from reviewer.rules.vocab import load_measures, measures_path

    path = measures_path(default_rules_dir())
    measures = load_measures(path, yaml.safe_load(path.read_text(encoding="utf-8")))
    (rule,) = parse_pack({"family": "ULTRA_VIRES", "rules": [_measure_rule(["powerless_actor", "member_body"])]},
                         source="rules/ultra_vires.yaml", measures=measures)
    bodies = rule.actor.compiled.compile()
    assert bodies.search("茶叶合作社") and bodies.search("村民委员会") and not bodies.search("县市场监管局")
    with pytest.raises(RuleError, match=r"ULTRA_VIRES901 → match → actor: 应为 rules/vocab/measures.yaml 中的一个名称或名称列表"):
        parse_pack({"family": "ULTRA_VIRES", "rules": [_measure_rule(["powerless_actor", "no_such_body"])]},
                   source="rules/ultra_vires.yaml", measures=measures)
