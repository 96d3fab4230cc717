"""Running the workspace: waitress, the production WSGI server Flask's deployment guide names
(pure Python, Linux and Windows), in place of werkzeug's development server.

Why waitress: one process serving 20 concurrent public searches at 100,000 documents, werkzeug's
threaded server gave p95 308 ms at 119 requests/s; waitress with 4 threads gave p95 111 ms at
245 requests/s (bench/bench_public.py, same run). Its connections are read and written by one
event loop and only the application runs in the worker threads, so slow clients do not hold a
thread. The application keeps per-process state (uploads in progress, sign-in throttles, the
audit job), so the workspace runs as one process with several threads, never several processes.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from flask import Flask
from waitress.server import create_server

from reviewer.errors import UsageError
from reviewer.web.app import create_app

DEFAULT_THREADS = 4
_BIND_REASONS = {errno.EADDRINUSE: "端口已被占用", errno.EADDRNOTAVAIL: "该地址不属于本机",
                 errno.EACCES: "没有使用该端口的权限（1024 以下的端口需要管理员权限）"}
# Forwarded headers honoured from a trusted reverse proxy: the client's address (throttles and
# the log use it) and the scheme (secure cookies).
_PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto"}


def _server(app: Flask, host: str, port: int, threads: int, trusted_proxy: str | None = None) -> Any:
    options: dict[str, Any] = {"host": host, "port": port, "threads": threads, "ident": "reviewer"}
    if trusted_proxy:
        options.update(trusted_proxy=trusted_proxy, trusted_proxy_headers=_PROXY_HEADERS,
                       clear_untrusted_proxy_headers=True)
    return create_server(app, **options)


def _shown(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run(db_path: str, host: str, port: int, threads: int = DEFAULT_THREADS,
        trusted_proxy: str | None = None) -> None:
    app = create_app(db_path)
    try:
        server = _server(app, host, port, threads, trusted_proxy)
    except OSError as exc:
        reason = _BIND_REASONS.get(exc.errno or 0, "地址或端口不可用")
        raise UsageError(f"无法在 {host}:{port} 上启动网页工作台：{reason}。请换一个端口（--port）或地址（--host）。") from None
    bound = getattr(server, "effective_port", port)
    click.echo(f"网页工作台已启动：{_shown(host, bound)}/login （档案库 {db_path}；{threads} 个工作线程；"
               "按 Ctrl-C 停止）", err=True)
    try:
        server.run()  # returns on Ctrl-C, after waitress has stopped its worker threads
    except KeyboardInterrupt:
        pass
    finally:
        server.task_dispatcher.shutdown()
        server.close()
    click.echo("已停止。", err=True)


@contextmanager
def in_thread(app: Flask, host: str = "127.0.0.1", threads: int = DEFAULT_THREADS,
              trusted_proxy: str | None = None) -> Iterator[str]:
    """The same server on a free port, in a thread of this process, for tests and benchmarks:
    yields its base address and stops it afterwards. Stopping ends the event loop first, then
    waits for the worker threads, and only then closes the sockets and the loop's wake-up pipe,
    so no worker can wake a pipe whose descriptor number the process has already reused."""
    server = _server(app, host, 0, threads, trusted_proxy)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            server.asyncore.loop(timeout=0.2, map=server._map, use_poll=True, count=1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.effective_port}"
    finally:
        stop.set()
        server.pull_trigger()
        thread.join(5)
        server.task_dispatcher.shutdown()
        for dispatcher in list(server._map.values()):
            dispatcher.close()
