"""The Flask application: configuration, hooks (account, CSRF), error pages in Chinese."""

from __future__ import annotations

import datetime as dt
import os

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from reviewer.archive import Archive
from reviewer.errors import ModelError, ReviewerError
from reviewer.web import access, audits, auth, csrf, dashboard, documents, drafts, filings
from reviewer.web.store import UploadStore
from reviewer.web.throttle import Throttle

MAX_UPLOAD = 20 * 1024 * 1024
# Failures from anywhere that shut an account for everyone, as a multiple of the per-address limit.
ACCOUNT_FACTOR = 10

# Werkzeug's own descriptions are English: each status gets a Chinese message.
MESSAGES = {
    400: "请求无效。",
    403: "您无权访问此页面。",
    404: "页面不存在。",
    405: "不支持这种访问方式。",
    413: "上传的文件太大（上限 {limit}），请压缩图片或拆分后再上传。",
    422: "无法生成文件。",
    429: "尝试次数过多，请稍后再试。",
    500: "服务器内部错误，请联系管理员。",
}

# What a user sees when the second opinion's weights are missing or damaged: a server fault.
_MODEL_MISSING = "审查服务暂时不可用：统计模型文件缺失或已损坏。请联系系统管理员重新安装本软件。"


def create_app(db_path: str, *, max_upload: int = MAX_UPLOAD, login_limit: int = 5,
               login_window: float = 900.0, upload_dir: str | None = None) -> Flask:
    """The web workspace over the archive at ``db_path`` (which must exist)."""
    with Archive.open(db_path, user="reviewer serve") as archive:
        secret = archive.accounts.secret()
    app = Flask(__name__)
    app.url_map.converters["int"] = RecordId  # before any route is added
    app.config.update(
        REVIEWER_DB=os.fspath(db_path),
        SECRET_KEY=secret,
        MAX_CONTENT_LENGTH=max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="reviewer_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
    )
    app.extensions["reviewer_throttle"] = Throttle(login_limit, login_window)
    app.extensions["reviewer_account_throttle"] = Throttle(login_limit * ACCOUNT_FACTOR, login_window)
    app.extensions["reviewer_uploads"] = UploadStore(upload_dir)
    app.jinja_env.globals["csrf_field"] = csrf.field
    app.before_request(csrf.protect)
    app.before_request(auth.load_account)
    app.teardown_appcontext(access.close)
    app.after_request(_headers)
    app.register_blueprint(auth.bp)
    app.register_blueprint(drafts.bp)
    app.register_blueprint(filings.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(dashboard.bp)
    # issue 12: the public catalogue (/public/, no sign-in) and the staff's suggestion register
    from reviewer.web import public, suggestions
    app.register_blueprint(public.bp)
    app.register_blueprint(suggestions.bp)
    app.register_blueprint(audits.bp)

    @app.errorhandler(HTTPException)
    def _error(exc: HTTPException):
        code = exc.code or 500
        message = MESSAGES.get(code, "请求无法完成。").format(limit=_size(max_upload))
        # Our own aborts carry a Chinese description; werkzeug's defaults are English.
        if exc.description and exc.description != type(exc).description:
            message = exc.description
        return render_template("error.html", code=code, message=message), code

    @app.errorhandler(ReviewerError)
    def _refused(exc: ReviewerError):
        # The library's own refusals (a locked archive, a bad setting) are already in Chinese.
        if isinstance(exc, ModelError):  # the installation's fault, not the request's
            app.logger.error("%s", exc.message)
            return render_template("error.html", code=503, message=_MODEL_MISSING), 503
        return render_template("error.html", code=400, message=exc.message), 400

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        app.logger.exception("未处理的错误")
        return render_template("error.html", code=500, message=MESSAGES[500]), 500

    return app


class RecordId(IntegerConverter):
    """An id in a URL (``<int:…>``): beyond SQLite's INTEGER range no record can have it, and
    looking it up raised OverflowError (a 500). At most 18 digits (below 2**63) match; a longer
    number matches no route, so it is a 404 (under /public/, the public site's own 404)."""

    regex = r"\d{1,18}"


def _headers(response):
    """Only this site's own files, no framing, no sniffing."""
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit / 1024:g} KB"
