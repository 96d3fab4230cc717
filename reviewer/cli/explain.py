"""`reviewer explain`: show the engine's reasoning for one sentence or clause."""

from __future__ import annotations

import click

from reviewer.model import DEFAULT_LEVEL, LEVELS


@click.command("explain")
@click.argument("text")
@click.option("--level", default=DEFAULT_LEVEL, type=click.Choice(LEVELS), show_default=True, help="文件层级。")
@click.option("--select", default="", help="只看这些规则（编号前缀，逗号分隔）。")
def explain(text: str, level: str, select: str) -> None:
    """逐步说明一段文字为何被报告或未被报告。

    \b
    示例：
      reviewer explain "对拒不整改的，扣押其车辆。"
      reviewer explain "需要吊销驾驶证的，由公安机关决定。" --level 规章
    """
    from reviewer.errors import UsageError
    from reviewer.explain import explain as run, format_opinions, format_steps, second_opinion
    from reviewer.rules.loader import default_ruleset

    if not text.strip():
        raise UsageError("没有要说明的文字：请在命令后写出一句或一款原文")
    prefixes = tuple(s.strip() for s in select.split(",") if s.strip())
    if prefixes and not default_ruleset().filter(select=prefixes).rules:
        raise UsageError(f"--select {select}：没有以此开头的规则编号（可用 reviewer rules list 查看）")
    click.echo(format_steps(run(text, level=level, select=prefixes)))
    opinions = second_opinion(text, level=level, ruleset=default_ruleset().filter(select=prefixes))
    if opinions:
        click.echo(format_opinions(opinions))
    elif level != "行政规范性文件":
        click.echo(f"统计第二意见只用于行政规范性文件，不用于{level}。")
