"""Running the workspace: a threaded WSGI server from werkzeug on the given address."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask
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


@contextmanager
def in_thread(app: Flask, host: str = "127.0.0.1") -> Iterator[str]:
    """The same server on a free port, in a thread of this process, for tests and benchmarks:
    yields its base address and stops it afterwards."""
    server = make_server(host, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
