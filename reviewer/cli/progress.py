"""Progress on stderr: an updating line on a terminal, a few plain lines in a log."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click


def progress_printer(label: str, enabled: bool = True) -> Callable[[int, int], None]:
    """A ``(done, total)`` callback that reports progress on stderr without flooding it.

    On a terminal the line updates in place about 200 times per run; when stderr is a file or a
    pipe (CI logs, cron mail) it prints one line per tenth, so the log stays readable.
    """
    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if not enabled or total <= 0:
            return
        finished = done >= total
        if tty:
            if finished or done % max(1, total // 200) == 0:
                click.echo(f"\r{label} {done}/{total}", err=True, nl=finished)
        elif finished or (done and done % max(1, total // 10) == 0):
            click.echo(f"{label} {done}/{total}", err=True)

    return show
