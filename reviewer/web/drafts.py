"""The drafter's pages: upload a draft, read its check report, download the commented Word copy
or the opinion letter. Checks go through ``check_path`` under the archive's review context, the
downloads through ``write_report`` (the same calls as `reviewer check`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

from flask import Blueprint, abort, current_app, g, render_template, request, send_file

from reviewer.archive.accounts import ROLE_FILER
from reviewer.errors import ModelError, ReviewerError
from reviewer.model import FAMILIES, DocumentReport, Severity
from reviewer.pipeline import check_path
from reviewer.report import write_report
from reviewer.report.opinion import conclusion, document_title
from reviewer.web import access, marks, worddraft
from reviewer.web.auth import login_required
from reviewer.web.downloads import attachment_name
from reviewer.web.store import SUFFIXES, Upload, UploadStore

bp = Blueprint("drafts", __name__)

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
DOWNLOADS = {"docx": "批注稿", "opinion": "审查意见书"}
# What a 报备单位 downloads instead of the opinion letter: its own pre-check, labelled as such.
PRECHECK_DOWNLOADS = {**DOWNLOADS, "opinion": "预审参考意见"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _store() -> UploadStore:
    return current_app.extensions["reviewer_uploads"]


@bp.route("/")
@login_required()
def index():
    return render_template("upload.html", suffixes=SUFFIXES)


@bp.route("/check", methods=["POST"])
@login_required()
def upload():
    sent = request.files.get("draft")
    name = os.path.basename((sent.filename or "").replace("\\", "/")) if sent else ""
    suffix = os.path.splitext(name)[1].lower()
    if not sent or not name:
        return _refuse("请选择要审查的草案文件。")
    if suffix not in SUFFIXES:
        return _refuse(f"不支持“{suffix or '无扩展名'}”文件；请上传 .docx、.txt 或 .pdf（.doc/.wps 请先在 Word 或 WPS 中另存为 .docx）。")
    data = sent.read()
    if not data:
        return _refuse("上传的文件是空的。")
    store = _store()
    token, path = store.save(data, suffix)
    archive = access.archive()
    try:
        report = _named(check_path(path, ctx=archive.review_context()), name)
    except ModelError:
        store.discard_files(token)
        raise  # the installation's fault: the application answers 503 (app._refused)
    except ReviewerError as exc:
        store.discard_files(token)
        return _refuse(f"无法审查“{name}”：{without_path(exc.message, path)}")
    store.add(Upload(token, g.account.id, name, path, report))
    archive.record("网页审查草案", {"file": name, "findings": len(report.findings),
                                   "conclusion": conclusion(report.findings)})
    return render_page(store.get(token, g.account.id))


@bp.route("/check/<token>")
@login_required()
def show(token: str):
    return render_page(owned_upload(token))


@bp.route("/check/<token>/<kind>", methods=["POST"])
@login_required()
def download(token: str, kind: str):
    upload = owned_upload(token)
    if kind not in DOWNLOADS:
        abort(404)
    archive = access.archive()
    stem = os.path.splitext(upload.filename)[0] or "草案"
    folder = _store().scratch(upload.token)
    out = os.path.join(folder, "out.docx")
    author = archive.settings.office or "合法性审查"
    try:
        if kind == "docx":
            report = upload.report
            if report.document.source.format != "docx":
                plain = os.path.join(folder, "draft.docx")
                worddraft.write(report.document.text, plain)
                report = _named(check_path(plain, ctx=archive.review_context()), upload.filename)
            write_report([report], "docx", out, protected=[upload.path], author=author)
            download_name = f"{stem}.审查.docx"
        else:
            day = dt.date.today()
            report = upload.report
            # Only the office's own staff take a number from the office's letter sequence; a
            # department's pre-check copy carries none and says it is not the office's opinion.
            precheck = g.account.role == ROLE_FILER
            number = "" if precheck else \
                archive.draft_letter_number(document_title(report), report.document.text, day.year)
            write_report([report], "opinion", out, protected=[upload.path], author=author,
                         office=archive.settings.office, numbers=[number], date=day, precheck=precheck)
            download_name = f"{stem}.{_downloads()[kind]}.docx"
    except ReviewerError as exc:
        abort(422, description=without_path(exc.message, folder))
    archive.record("网页下载" + _downloads()[kind], {"file": upload.filename})
    response = send_file(out, mimetype=DOCX_MIME, as_attachment=True, download_name=attachment_name(download_name))
    response.call_on_close(lambda: _remove(folder))
    return response


def _downloads() -> dict[str, str]:
    """The downloads the signed-in account is offered, by their names for it."""
    return PRECHECK_DOWNLOADS if g.account.role == ROLE_FILER else DOWNLOADS


def render_page(upload: Upload | None):
    if upload is None:
        abort(404, description="找不到这次审查（可能已过期或不属于您），请重新上传草案。")
    report = upload.report
    present = {f.family for f in report.findings}
    families = [(code, FAMILIES.get(code, code)) for code in [*FAMILIES, *sorted(present - set(FAMILIES))]
                if code in present]
    counts = {s.value: sum(1 for f in report.findings if f.severity is s) for s in SEVERITIES}
    return render_template(
        "report.html", upload=upload, report=report, title=document_title(report),
        verdict=conclusion(report.findings), pieces=marks.pieces(report), families=families,
        family_names=FAMILIES, severities=SEVERITIES, counts=counts, downloads=_downloads(),
        word_copy=report.document.source.format == "docx",
    )


def _named(report: DocumentReport, name: str) -> DocumentReport:
    """The report under the name the user gave (titles, letters); the writers reopen the saved
    copy through ``origin``, as they do for any file whose name had to be cleaned for display."""
    source = report.document.source
    source = replace(source, path=name, origin=source.origin or source.path)
    return replace(report, document=replace(report.document, source=source))


def owned_upload(token: str) -> Upload:
    upload = _store().get(token, g.account.id)
    if upload is None:
        abort(404, description="找不到这次审查（可能已过期或不属于您），请重新上传草案。")
    return upload


def _refuse(message: str):
    return render_template("upload.html", suffixes=SUFFIXES, error=message), 400


def without_path(message: str, path: str) -> str:
    """Messages name the file by its path; the server's temporary path means nothing to the user."""
    return message.replace(path + ": ", "").replace(path, "上传的文件")


def _remove(folder: str) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
