"""docs/rules.md is generated from the packs; this fails when a rule changes and the docs do not."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reviewer.cli.main import cli
from reviewer.rules.docs import render_markdown
from reviewer.rules.loader import load_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_reference_is_up_to_date():
    expected = render_markdown(load_rules())
    assert DOCS.read_text(encoding="utf-8") == expected, "规则已变化，请运行 reviewer rules docs -o docs/rules.md --force"


def test_reference_lists_every_rule_with_its_basis_and_examples():
    text = DOCS.read_text(encoding="utf-8")
    for rule in load_rules():
        section = text.split(f"### {rule.code} ", 1)[1].split("\n### ", 1)[0]
        assert rule.title in section and rule.message in section
        assert all(b.law in section for b in rule.basis)
        assert "应报告：" in section and "不应报告：" in section


def test_docs_command_writes_the_file(tmp_path):
    out = tmp_path / "rules.md"
    result = CliRunner().invoke(cli, ["rules", "docs", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")
