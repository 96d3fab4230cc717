"""CSRF protection: one random token per session, required on every POST.

The token lives in the signed session cookie and in a hidden field of every form
(``{{ csrf_field() }}``); a POST whose field does not match is refused before any handler runs.
"""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session
from markupsafe import Markup, escape

FIELD = "csrf_token"


def token() -> str:
    """This session's token, made on first use."""
    value = session.get(FIELD)
    if not isinstance(value, str):
        value = secrets.token_urlsafe(32)
        session[FIELD] = value
    return value


def field() -> Markup:
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token())}">')


def protect() -> None:
    """A ``before_request`` hook: refuse unsafe methods without the session's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = session.get(FIELD)
    sent = request.form.get(FIELD, "")
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        abort(400, description="表单已失效或来源不明（缺少有效的防伪令牌），请刷新页面后重新提交。")
