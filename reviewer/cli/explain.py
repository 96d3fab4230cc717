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
    from reviewer.explain import explain as run, format_steps

    click.echo(format_steps(run(text, level=level, select=tuple(s for s in select.split(",") if s))))
