"""The `reviewer` command group.

Subcommands are imported lazily so that `reviewer --help` and `reviewer check` do not pay for
the archive's or the spreadsheet writer's imports.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, TypeGuard

import click

from reviewer import __version__
from reviewer.errors import ReviewerError

if TYPE_CHECKING:
    import sqlite3

# name -> "module:attribute"; each module holds one click command or group.
LAZY_COMMANDS: dict[str, str] = {
    "archive": "reviewer.cli.archive:archive",
    "audit": "reviewer.cli.audit:audit",
    "laws": "reviewer.cli.laws:laws",
    "check": "reviewer.cli.check:check",
    "explain": "reviewer.cli.explain:explain",
    "rules": "reviewer.cli.rules:rules",
    "serve": "reviewer.cli.serve:serve",
    "users": "reviewer.cli.users:users",
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
        except BrokenPipeError:
            raise  # the reader went away (`reviewer … | head`): main() ends quietly, no file is at fault
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"错误：{where}无法读写文件（{exc.strerror or exc}）", err=True)
            ctx.exit(2)
        except Exception as exc:
            if not _is_database_error(exc):
                raise
            # The archive file itself is the problem (locked, read-only, damaged): say so in one line.
            click.echo(f"错误：{_database_message(exc)}", err=True)
            ctx.exit(2)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Like click's, but usage errors come out as one line in Chinese, and Ctrl-C as 已中断."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            # Without standalone mode click returns the exit code of ctx.exit() instead of exiting.
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中断。", err=True)
            sys.exit(130)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(_usage_message(exc), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{_usage_message(exc)}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_message(exc: click.ClickException) -> str:
    """A click usage error in Chinese, with where to find help."""
    ctx = getattr(exc, "ctx", None)
    hint = f"；运行 {ctx.command_path} --help 查看用法" if ctx is not None else ""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return exc.format_message()  # a group run without a subcommand: its help page says it all
    if isinstance(exc, click.NoSuchOption):
        return f"未知选项 {exc.option_name}{hint}"
    if isinstance(exc, click.MissingParameter):
        return f"缺少参数 {_param_name(exc.param)}{hint}"
    if isinstance(exc, click.BadParameter):
        name = _param_name(exc.param) if exc.param is not None else (exc.param_hint or "")
        return f"参数 {name} 的值无效（{exc.message}）{hint}"
    return f"用法有误（{exc.format_message()}）{hint}"


def _param_name(param: click.Parameter | None) -> str:
    """How the user typed it: -d/--decision for an option, 文件编号 for an argument."""
    from reviewer.cli.i18n import usage_words

    if param is None:
        return ""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return usage_words(param.human_readable_name)


def _is_database_error(exc: Exception) -> TypeGuard[sqlite3.Error]:
    """A sqlite3 error; sqlite3 is not imported for it (a command that opens no archive never
    loaded the module, so it cannot have raised one)."""
    module = sys.modules.get("sqlite3")
    return module is not None and isinstance(exc, module.Error)


def _database_message(exc: sqlite3.Error) -> str:
    from reviewer.archive.dberrors import advice

    return advice(exc)


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
    _prepare_streams()
    try:
        cli.main(prog_name="reviewer")
    except BrokenPipeError:
        # The reader went away (`reviewer … | head`): nothing more can be said on stdout.
        _silence_stdout()
        sys.exit(2)


def _prepare_streams() -> None:
    """A name that is not UTF-8 is printed with escapes instead of ending in a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


if __name__ == "__main__":
    main()
