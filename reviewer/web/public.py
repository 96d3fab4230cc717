"""The public catalogue under /public/ (no sign-in): search, document pages, the two published
lists, and 审查建议 with a receipt number by which the reply is read back.

Everything it shows comes from ``Archive.public`` (reviewer/archive/public.py), which reads only
published documents and public columns. Its pages have their own base template and style sheet
(served under /public/ too), so an office can expose /public/ alone. Suggestions are limited per
client address (in memory, like the sign-in throttle) and in size; every field is shown escaped.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import BinaryIO

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from reviewer.archive import db
from reviewer.archive.public import KINDS, LIMITS, LISTS, PUBLIC_STATUSES, PUBLIC_USER, Catalogue, Readers
from reviewer.archive.suggestions import KINDS as SUBMITTER_KINDS
from reviewer.errors import ReviewerError
from reviewer.web import access
from reviewer.web.downloads import attachment_name
from reviewer.web.throttle import Throttle

bp = Blueprint("public", __name__, url_prefix="/public")

STATIC = Path(__file__).resolve().parent / "static"
PAGE = 20
LIST_PAGE = 100
MAX_PAGES = 50
MAX_QUERY = 100
# A suggestion form is a few KB; anything much larger is refused before it is parsed.
MAX_BODY = 64 * 1024
SUGGEST_LIMIT, SUGGEST_WINDOW = 5, 3600.0  # suggestions per address per hour
LOOKUP_LIMIT, LOOKUP_WINDOW = 10, 900.0  # unknown receipt numbers per address per 15 minutes
NOT_FOUND = "找不到该文件。"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.record_once
def _install(state) -> None:
    app: Flask = state.app
    app.extensions["reviewer_public_suggest"] = Throttle(SUGGEST_LIMIT, SUGGEST_WINDOW)
    app.extensions["reviewer_public_lookup"] = Throttle(LOOKUP_LIMIT, LOOKUP_WINDOW)
    # First of all hooks: the CSRF check parses the form, so the size is checked before it.
    app.before_request_funcs.setdefault(None, []).insert(0, _limit_body)
    app.extensions["reviewer_public_readers"] = Readers(app.config["REVIEWER_DB"])
    app.extensions["reviewer_public_lists"] = ListFiles()
    app.extensions["reviewer_public_choices"] = {}  # see Catalogue.choices


def _limit_body() -> None:
    if request.path.startswith("/public/") and request.method == "POST":
        request.max_content_length = MAX_BODY
        if (request.content_length or 0) > MAX_BODY:
            abort(413, description=f"提交的内容太长（上限 {MAX_BODY // 1024} KB），请精简后再提交。")


@bp.errorhandler(HTTPException)
def _error(exc: HTTPException):
    code = exc.code or 500
    message = exc.description if exc.description != type(exc).description else {
        404: "页面不存在。", 405: "不支持这种访问方式。", 400: "请求无效。", 413: "提交的内容太长。"}.get(code, "请求无法完成。")
    return render_template("public/error.html", code=code, message=message), code


@bp.errorhandler(ReviewerError)
def _refused(exc: ReviewerError):
    return render_template("public/error.html", code=400, message=exc.message), 400


def _catalogue() -> Catalogue:
    """The public catalogue for this request's reads, on a pooled read-only connection."""
    if "public_catalogue" not in g:
        g.public_catalogue = current_app.extensions["reviewer_public_readers"].acquire()
    return g.public_catalogue


@bp.teardown_request
def _release(_exc: BaseException | None = None) -> None:
    catalogue = g.pop("public_catalogue", None)
    if catalogue is not None:
        current_app.extensions["reviewer_public_readers"].release(catalogue)


@bp.app_template_filter("marked")
def marked(pieces) -> Markup:
    """Highlight pieces as HTML: every piece escaped, the query's words in <mark>."""
    return Markup("".join(f"<mark>{escape(text)}</mark>" if hit else str(escape(text)) for text, hit in pieces))


def _address() -> str:
    return request.remote_addr or "?"


def _int(name: str, low: int, high: int) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def _filters() -> dict:
    """The filters of a search or list, each kept only when it is one of the known values."""
    status = request.args.get("status", "")
    kind = request.args.get("kind", "")
    return {"issuer": request.args.get("issuer", "").strip()[:100] or None,
            "year": _int("year", 1949, 2999),
            "status": status if status in PUBLIC_STATUSES else None,
            "kind": kind if kind in KINDS else None}


@bp.route("/public.css")
def stylesheet():
    return send_from_directory(STATIC, "public.css", mimetype="text/css", max_age=3600)


@bp.route("/")
def home():
    catalogue = _catalogue()
    recent, _ = catalogue.browse(limit=10)
    return render_template("public/home.html", recent=recent, lists=LISTS, **_choices(catalogue),
                           filters=_filters(), q="")


def _choices(catalogue) -> dict:
    choices = catalogue.choices(current_app.extensions["reviewer_public_choices"])
    return {"issuers": choices.issuers, "years": choices.years, "statuses": PUBLIC_STATUSES, "kinds": KINDS}


@bp.route("/search")
def search_page() -> ResponseReturnValue:
    catalogue = _catalogue()
    q = request.args.get("q", "").strip()[:MAX_QUERY]
    filters = _filters()
    page = _int("page", 1, MAX_PAGES) or 1
    offset = (page - 1) * PAGE
    if q:
        hits, more = catalogue.search(q, limit=PAGE, offset=offset, **filters)
        rows: list = []
    else:
        rows, more = catalogue.browse(limit=PAGE, offset=offset, **filters)
        hits = []
    args = {k: v for k, v in {"q": q, **filters}.items() if v}
    return render_template("public/search.html", q=q, filters=filters, hits=hits, rows=rows, page=page,
                           more=more and page < MAX_PAGES, args=args, offset=offset, **_choices(catalogue))


def _document(document_id: int):
    found = _catalogue().document(document_id)
    if found is None:
        abort(404, description=NOT_FOUND)
    return found


@bp.route("/documents/<int:document_id>")
def document(document_id: int):
    return _document_page(_document(document_id), {}, None)


def _document_page(doc, values: dict, error: str | None, code: int = 200):
    return render_template("public/document.html", doc=doc, values=values, error=error, limits=LIMITS,
                           submitter_kinds=SUBMITTER_KINDS), code


@bp.route("/documents/<int:document_id>/download.<fmt>")
def download(document_id: int, fmt: str):
    doc = _document(document_id)
    if fmt not in ("txt", "docx"):
        abort(404, description=NOT_FOUND)
    folder = tempfile.mkdtemp(prefix="public-")
    out = os.path.join(folder, f"document.{fmt}")
    lines = _heading(doc)
    if fmt == "txt":
        Path(out).write_text("\n".join([*lines, "", doc.text]) + "\n", encoding="utf-8")
    else:
        _write_docx(doc.title, lines[1:], doc.text, out)
    response = send_file(out, mimetype="text/plain; charset=utf-8" if fmt == "txt" else DOCX_MIME,
                         as_attachment=True, download_name=attachment_name(f"{doc.title[:60]}.{fmt}"))
    response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    return response


def _heading(doc) -> list[str]:
    """The title and the public facts above a downloaded text."""
    facts = [("登记号", doc.number), ("发文字号", doc.doc_number), ("制定机关", doc.issuer),
             ("公布日期", doc.publish_date), ("施行日期", doc.effective_date), ("有效期至", doc.expiry_date),
             ("状态", doc.status)]
    return [doc.title, *(f"{label}：{value}" for label, value in facts if value)]


def _write_docx(title: str, facts: list[str], text: str, out: str) -> None:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for line in facts:
        document.add_paragraph(line)
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(out)


@bp.route("/documents/<int:document_id>/suggest", methods=["POST"])
def suggest(document_id: int) -> ResponseReturnValue:
    doc = _document(document_id)
    values = {name: request.form.get(name, "") for name in LIMITS}
    values["kind"] = request.form.get("kind", SUBMITTER_KINDS[0])
    throttle: Throttle = current_app.extensions["reviewer_public_suggest"]
    key = f"addr:{_address()}"
    wait = throttle.take(key)  # counts submissions (checked and counted at once), not refusals
    if wait > 0:
        minutes = int(wait // 60) + 1
        return _document_page(doc, values, f"提交过于频繁，请 {minutes} 分钟后再试。", 429)
    archive = access.archive()
    archive.user = PUBLIC_USER
    try:
        outcome = archive.public.suggest(document_id, values["kind"], values, db.today())
    except ReviewerError as exc:
        throttle.give_back(key)
        return _document_page(doc, values, exc.message, 400)
    session["public_receipt"] = outcome.data["receipt"]
    return redirect(url_for("public.receipt"))


@bp.route("/suggestions/receipt")
def receipt():
    number = session.get("public_receipt")
    if not isinstance(number, str):
        return redirect(url_for("public.lookup"))
    found = _catalogue().answer(number)
    if found is None:
        return redirect(url_for("public.lookup"))
    answer, title = found
    return render_template("public/receipt.html", answer=answer, title=title)


@bp.route("/suggestions/lookup", methods=["GET", "POST"])
def lookup() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("public/lookup.html", receipt="", answer=None, title=None, error=None)
    number = request.form.get("receipt", "").strip()[:40]
    throttle: Throttle = current_app.extensions["reviewer_public_lookup"]
    key = f"addr:{_address()}"
    if throttle.take(key) > 0:  # checked and counted at once; a receipt found is given back
        return render_template("public/lookup.html", receipt=number, answer=None, title=None,
                               error="查询失败次数过多，请稍后再试。"), 429
    found = _catalogue().answer(number) if number else None
    if found is None:
        return render_template("public/lookup.html", receipt=number, answer=None, title=None,
                               error="没有找到该回执号，请核对后再试（回执号形如 2026-0001-ABC234）。"), 404
    throttle.give_back(key)
    answer, title = found
    return render_template("public/lookup.html", receipt=number, answer=answer, title=title, error=None)


@bp.route("/catalogue/<which>")
def catalogue_list(which: str):
    if which not in LISTS:
        abort(404)
    name, statuses = LISTS[which]
    catalogue = _catalogue()
    filters = _filters()
    filters["status"] = filters["status"] if filters["status"] in statuses else None
    page = _int("page", 1, 100000) or 1
    rows, more = catalogue.browse(statuses=statuses, limit=LIST_PAGE, offset=(page - 1) * LIST_PAGE, **filters)
    args = {k: v for k, v in filters.items() if v}
    return render_template("public/catalogue.html", which=which, name=name, rows=rows, more=more, page=page,
                           filters=filters, args=args, offset=(page - 1) * LIST_PAGE, list_statuses=statuses,
                           **_choices(catalogue))


@bp.route("/catalogue/<which>.<fmt>")
def catalogue_download(which: str, fmt: str):
    if which not in LISTS or fmt not in ("xlsx", "csv"):
        abort(404)
    opened = current_app.extensions["reviewer_public_lists"].get(_catalogue(), which, fmt, db.today())
    return send_file(opened, mimetype=XLSX_MIME if fmt == "xlsx" else "text/csv; charset=utf-8",
                     as_attachment=True, download_name=f"{LISTS[which][0]}.{fmt}")


class ListFiles:
    """The downloadable lists, written once per list, format, day and archive state and then
    served from this server's temporary folder: a list of 100,000 documents takes seconds to
    write, and anyone may ask for it. Files of an older state are removed when a new one is made;
    a list is opened before its lock is let go, so a download under way is never cut short by that."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="reviewer-public-lists-")
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, catalogue: Catalogue, which: str, fmt: str, today: str) -> BinaryIO:
        # Refused sign-ins (logged as the signed-out visitor) leave the lists as they are.
        name = f"{which}-{today}-{catalogue.stamp(ignore_user=access.ANONYMOUS)}.{fmt}"
        path = os.path.join(self.folder, name)
        with self._guard:
            lock = self._locks.setdefault((which, fmt), threading.Lock())
        with lock:  # one writer per list; the others wait for its file
            if not os.path.exists(path):
                partial = os.path.join(self.folder, f".{name}.part.{fmt}")
                catalogue.export(which, partial, fmt, dt.date.fromisoformat(today))
                os.replace(partial, path)
                for old in Path(self.folder).glob(f"{which}-*.{fmt}"):
                    if old.name != name:
                        old.unlink(missing_ok=True)
            return open(path, "rb")  # send_file closes it


@bp.route("/<path:rest>")
def unknown(rest: str):
    abort(404)
