"""Running the workspace: a threaded WSGI server from werkzeug on the given address."""

from __future__ import annotations

import click
from werkzeug.serving import make_server

from reviewer.web.app import create_app


def run(db_path: str, host: str, port: int) -> None:
    app = create_app(db_path)
    server = make_server(host, port, app, threaded=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"网页工作台已启动：http://{shown}:{server.server_port}/login （档案库 {db_path}；按 Ctrl-C 停止）",
               err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("已停止。", err=True)
    finally:
        server.server_close()
