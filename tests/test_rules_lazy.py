"""Patterns compile on first use on the check path, but a bad one still names file, rule and field."""

from __future__ import annotations

import pytest

from reviewer.errors import RuleError
from reviewer.rules.loader import load_rules

PACK = """
family: FEE
rules:
  - code: FEE901
    name: broken-pattern
    title: 测试
    severity: error
    basis: [{law: 中华人民共和国价格法, article: 第四十七条}]
    message: 测试说明
    suggestion: 测试建议
    match:
      regex: '收取(费'
      triggers: [收取]
    examples:
      flag: ['[[收取(费]]']
      pass: [{text: 免收, why: 免收}]
"""


def test_full_validation_rejects_a_bad_regex_at_load(tmp_path):
    (tmp_path / "fee.yaml").write_text(PACK, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert "fee.yaml: FEE901 → match → regex: 正则表达式无效" in str(err.value)


def test_lazy_loading_reports_the_same_place_when_the_pattern_is_first_used(tmp_path):
    (tmp_path / "fee.yaml").write_text(PACK, encoding="utf-8")
    rules = load_rules(tmp_path, validate=False)  # loads: the pattern is not compiled yet
    rule = rules.get("FEE901")
    with pytest.raises(RuleError) as err:
        rule.pattern.search("收取费用")
    assert "fee.yaml: FEE901 → match → regex: 正则表达式无效" in str(err.value)


def test_shipped_packs_compile_fully():
    rules = load_rules()  # the default validates every pattern
    assert len(rules) > 0
