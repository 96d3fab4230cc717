"""`reviewer rules`: list, show and test the rule packs."""

from __future__ import annotations

import json
import sys

import click

from reviewer.model import FAMILIES


def _load(rules_dir: str | None):
    from reviewer.cli.rulesets import load_ruleset

    return load_ruleset(rules_dir)


_rules_option = click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
                             help="使用该目录下的规则包，而非内置规则。")


@click.group()
def rules() -> None:
    """查看和测试审查规则。

    \b
    示例：
      reviewer rules list --family PENALTY
      reviewer rules show PENALTY001
      reviewer rules test
    """


@rules.command("list")
@click.option("--family", help="只列出该规则族，如 PENALTY。")
@click.option("-f", "--format", "fmt", default="text", type=click.Choice(["text", "json"]), show_default=True)
@_rules_option
def list_rules(family, fmt, rules_dir):
    """列出规则：编号、级别、规则族和标题。"""
    selected = [r for r in _load(rules_dir) if not family or r.family == family.upper()]
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
                 "title": r.title, "levels": list(r.levels)} for r in selected]
        click.echo(json.dumps({"rules": rows}, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for r in selected:
        click.echo(f"{r.code:<16} {r.severity.label}  {FAMILIES[r.family]:<8}  {r.title}")
    click.echo(f"共 {len(selected)} 条规则。")


@rules.command("show")
@click.argument("code")
@_rules_option
def show_rule(code, rules_dir):
    """显示一条规则的全部内容：依据、说明、建议、匹配方式和示例。"""
    from reviewer.errors import UsageError

    rule = _load(rules_dir).get(code)
    if rule is None:
        raise UsageError(f"没有编号为 {code} 的规则；用 reviewer rules list 查看全部规则")
    click.echo(f"{rule.code}  {rule.title}  ({rule.name})")
    click.echo(f"规则族：{FAMILIES[rule.family]}（{rule.family}）  级别：{rule.severity.label}  "
               f"适用层级：{'、'.join(rule.levels)}  来源：{rule.source}")
    click.echo("依据：" + "；".join(str(b) for b in rule.basis))
    click.echo(f"说明：{rule.message}")
    click.echo(f"建议：{rule.suggestion}")
    pattern = rule.pattern.pattern if rule.pattern is not None else ""
    click.echo(f"匹配（{rule.kind}）：{pattern}")
    if rule.guards:
        click.echo("语境豁免：" + "、".join(rule.guards))
    click.echo("须报告的示例：")
    for ex in rule.flag_examples:
        shown = ex.text if ex.span is None else ex.text[:ex.span[0]] + "【" + ex.text[ex.span[0]:ex.span[1]] + "】" + ex.text[ex.span[1]:]
        click.echo(f"  ✗ {shown}")
    click.echo("合法的近似表述：")
    for ex in rule.pass_examples:
        click.echo(f"  ✓ {ex.text}  —— {ex.why}")


@rules.command("docs")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="写入该文件（默认输出到标准输出）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@_rules_option
def docs_rules(out, force, rules_dir):
    """生成规则一览（Markdown），项目中的 docs/rules.md 即由此生成。

    \b
    示例：
      reviewer rules docs -o docs/rules.md --force
    """
    from pathlib import Path

    from reviewer.rules.docs import render_markdown

    text = render_markdown(_load(rules_dir))
    if out:
        from reviewer.outputs import atomic_output, refuse_existing

        refuse_existing(out, force)

        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as tmp:
            Path(tmp).write_text(text, encoding="utf-8")
        click.echo(f"已写入 {out}", err=True)
    else:
        click.echo(text, nl=False)


@rules.command("test")
@click.option("--select", help="只测试编号以此开头的规则。")
@_rules_option
def test_rules(select, rules_dir):
    """运行每条规则自带的示例：须报告的要报告，合法表述不得报告。"""
    from reviewer.examples import check_all_examples

    ruleset = _load(rules_dir)
    if select:
        ruleset = ruleset.filter(select=[select])
    failures = check_all_examples(ruleset)
    total = sum(len(r.flag_examples) + len(r.pass_examples) for r in ruleset)
    for failure in failures:
        click.echo(failure.describe(), err=True)
    click.echo(f"{len(ruleset)} 条规则，{total} 个示例：{total - len(failures)} 个通过，{len(failures)} 个失败。")
    sys.exit(1 if failures else 0)
