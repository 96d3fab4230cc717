"""Signing in and out, the signed-in account of each request, and role checks.

The session (Flask's signed cookie, key kept in the archive's settings) holds only the account's
id; every request reloads the account, so a disabled account is signed out at its next click.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

from reviewer.web import access

bp = Blueprint("auth", __name__)

# A sign-in name is logged and counted as typed: anything longer is cut here, so a refused
# sign-in cannot write megabytes into the append-only log or the throttle's memory.
MAX_NAME = 100


def load_account() -> None:
    """A ``before_request`` hook: ``g.account`` is the signed-in, enabled account or None."""
    g.account = None
    account_id = session.get("account")
    if not isinstance(account_id, int):
        return
    archive = access.archive()
    account = archive.accounts.get(account_id)
    if account is None or account.disabled or session.get("epoch") != archive.accounts.epoch(account_id):
        session.clear()  # disabled, signed out elsewhere, or its password changed: a copied cookie ends too
        return
    g.account = account
    archive.user = account.name


def login_required(*roles: str):
    """Only for a signed-in account (in one of ``roles`` when given)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("account") is None:
                # Back to this page after signing in; a form's target cannot be reached by a link.
                target = request.full_path.rstrip("?") if request.method == "GET" else None
                return redirect(url_for("auth.login", next=target))
            if roles and g.account.role not in roles:
                abort(403, description="您的角色无权使用此功能。")
            return view(*args, **kwargs)

        return wrapped

    return decorate


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", name="", next=_safe_next(request.args.get("next")))
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    address = request.remote_addr or "?"
    typed = name if len(name) <= MAX_NAME else name[:MAX_NAME] + "…"
    keys = (f"name:{typed}@{address}", f"addr:{address}")
    wide = f"name:{typed}"
    throttle = current_app.extensions["reviewer_throttle"]
    accounts = current_app.extensions["reviewer_account_throttle"]
    archive = access.archive()
    # The address counts failures only, so colleagues behind one NAT address can sign in at the
    # same moment; the account from this address counts each attempt as it starts, so guesses
    # sent at once cannot all pass the check. An account is shut for everyone only after many
    # more failures from anywhere (ACCOUNT_FACTOR): five wrong guesses by a stranger must not lock
    # the 负责人 out of the office.
    wait = throttle.wait(keys[1]) or accounts.wait(wide) or throttle.take(keys[0])
    if wait > 0:
        archive.record("登录受限", {"name": typed, "address": address})
        minutes = int(wait // 60) + 1
        return render_template("login.html", name=typed, next=_safe_next(request.form.get("next")),
                               error=f"密码错误次数过多，请 {minutes} 分钟后再试。"), 429
    account = archive.accounts.verify(name, password) if name and password else None
    if account is None:
        throttle.fail(keys[1])
        accounts.fail(wide)
        archive.record("登录失败", {"name": typed, "address": address})
        return render_template("login.html", name=typed, next=_safe_next(request.form.get("next")),
                               error="登录名或密码不正确，或账号已停用。"), 401
    throttle.clear(keys[0])
    session.clear()  # a fresh session (and CSRF token) on every sign-in
    session["account"] = account.id
    session["epoch"] = archive.accounts.epoch(account.id)
    session.permanent = True  # PERMANENT_SESSION_LIFETIME: signed out after 8 hours
    archive.user = account.name
    archive.record("登录", {"address": address})
    flash(f"欢迎，{account.name}。")
    # The office's staff start on the home page (有效期 reminders, the queue); departments on their drafts.
    home = "drafts.index" if account.role == "报备单位" else "dashboard.home"
    return redirect(_safe_next(request.form.get("next")) or url_for(home))


@bp.route("/logout", methods=["POST"])
def logout():
    if g.get("account") is not None:
        archive = access.archive()
        archive.accounts.end_sessions(g.account.id)  # this session and every copy of its cookie
        archive.record("退出登录", {})
    session.clear()
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host, never a scheme such as javascript:."""
    if not target:
        return ""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return ""
    return target
