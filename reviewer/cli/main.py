"""The `reviewer` command group.

Subcommands are imported lazily so that `reviewer --help` and `reviewer check` do not pay for
the archive's or the spreadsheet writer's imports.
"""

from __future__ import annotations

import importlib
import sys

import click

from reviewer import __version__
from reviewer.errors import ReviewerError

# name -> "module:attribute"; each module holds one click command or group.
LAZY_COMMANDS: dict[str, str] = {
    "archive": "reviewer.cli.archive:archive",
    "audit": "reviewer.cli.audit:audit",
    "laws": "reviewer.cli.laws:laws",
    "check": "reviewer.cli.check:check",
    "rules": "reviewer.cli.rules:rules",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module_name, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReviewerError as exc:
            click.echo(f"错误：{exc.message}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
def cli() -> None:
    """行政规范性文件合法性审查、备案登记与清理工具。

    \b
    示例：
      reviewer check 草案.docx
      reviewer rules list
    """


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="reviewer")
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
