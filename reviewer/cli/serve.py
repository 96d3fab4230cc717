"""`reviewer serve`: start the web workspace over an archive. Click only; the application is
built by ``reviewer.web.app.create_app`` (imported here, never from `reviewer check`)."""

from __future__ import annotations

import click

from reviewer.archive.db import ENV_DB, default_path


def _proxy_address(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The proxy's IP address, checked now: a mistyped one would silently trust nobody."""
    if value is None:
        return None
    import ipaddress

    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise click.BadParameter(f"“{value}”不是 IP 地址（如 127.0.0.1 或 ::1）") from None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址（局域网内访问用 0.0.0.0 或本机的局域网地址）。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口。")
@click.option("--db", "db_path", envvar=ENV_DB, default=None,
              help=f"档案库文件（默认 ./reviewer.db，或环境变量 {ENV_DB}）。")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="处理请求的工作线程数。")
@click.option("--trusted-proxy", default=None, metavar="地址", callback=_proxy_address,
              help="前置反向代理的地址：只信任来自该地址的 X-Forwarded-For / X-Forwarded-Proto。")
def serve(host: str, port: int, db_path: str | None, threads: int, trusted_proxy: str | None) -> None:
    """启动网页工作台（登录地址 /login；先用 reviewer users add 建立管理员账号）。

    \b
    示例：
      reviewer serve --db 备案.db
      reviewer serve --host 0.0.0.0 --port 8080
    """
    from reviewer.web.server import run

    run(db_path or default_path(), host, port, threads, trusted_proxy)
