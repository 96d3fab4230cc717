"""`reviewer users …`: the web workspace's local accounts (the first administrator is made here).
Click only: each command calls one method of ``Archive.accounts`` (reviewer.archive.accounts)."""

from __future__ import annotations

import click

from reviewer.archive.accounts import ROLES
from reviewer.archive.db import ENV_DB, default_path
from reviewer.cli.archive import _emit, command
from reviewer.cli.types import TEXT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar=ENV_DB, default=None,
              help=f"档案库文件（默认 ./reviewer.db，或环境变量 {ENV_DB}）。")
@click.option("--user", type=TEXT, default=None, help="记入变更日志的操作人（默认为登录名）。")
@click.pass_context
def users(ctx: click.Context, db_path: str | None, user: str | None) -> None:
    """网页工作台的本地账号：新增、改密码、停用。

    \b
    示例：
      reviewer users add 管理员 --role 管理员
      reviewer users add 市场局报备 --role 报备单位 --unit 某市市场监督管理局
      reviewer users passwd 市场局报备
      reviewer users disable 市场局报备
    """
    ctx.obj = {"db": db_path or default_path(), "user": user}


def _password_option(fn):
    return click.option(
        "--password", prompt="密码", hide_input=True, confirmation_prompt="再输入一次密码",
        help="密码（至少 8 个字符；不给出时交互输入，不回显）。",
    )(fn)


@command(users, "add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="角色。")
@click.option("--unit", type=TEXT, default=None, help="所属单位（报备单位必填）。")
@_password_option
def add(a, fmt, name, role, unit, password):
    """新增账号。示例：reviewer users add 管理员 --role 管理员"""
    account = a.accounts.add(name, role, password, unit)
    _emit(fmt, account.to_dict(), f"已新增账号 {account.name}（{account.role}"
          + (f"，{account.unit}" if account.unit else "") + "）")


@command(users, "passwd")
@click.argument("name")
@_password_option
def passwd(a, fmt, name, password):
    """修改账号的密码。示例：reviewer users passwd 管理员"""
    account = a.accounts.set_password(name, password)
    _emit(fmt, account.to_dict(), f"已修改账号 {account.name} 的密码")


@command(users, "disable")
@click.argument("name")
def disable(a, fmt, name):
    """停用账号（账号不删除，变更日志仍记其名）。示例：reviewer users disable 市场局报备"""
    account = a.accounts.disable(name)
    _emit(fmt, account.to_dict(), f"已停用账号 {account.name}")


@command(users, "list")
def list_(a, fmt):
    """列出账号。"""
    accounts = a.accounts.list()
    lines = [f"{x.name}\t{x.role}\t{x.unit or ''}\t{'已停用' if x.disabled else '启用'}" for x in accounts]
    _emit(fmt, {"users": [x.to_dict() for x in accounts]}, "\n".join(lines) or "（还没有账号）")
