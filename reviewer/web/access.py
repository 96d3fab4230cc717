"""The archive for this request: opened on first use as the signed-in user, closed at its end."""

from __future__ import annotations

from flask import current_app, g

from reviewer.archive import Archive

ANONYMOUS = "（未登录）"


def archive() -> Archive:
    if "archive" not in g:
        account = g.get("account")
        g.archive = Archive.open(current_app.config["REVIEWER_DB"], user=account.name if account else ANONYMOUS)
    return g.archive


def close(_exc: BaseException | None = None) -> None:
    opened = g.pop("archive", None)
    if opened is not None:
        opened.close()
