"""The document page and the registry: everything the archive holds about one filed document
(versions, review decisions, sign-off, registration number, publication, status changes, log),
and the 负责人's acts on it — sign-off (签发), registration (统一登记编号), publication, status
change with a reason — each one call of the Archive API, as the CLI makes it.

Visibility follows ``filings.visible``: a 报备单位 sees its own unit's documents only (404 for
any other) and never an action form; the office's roles see every document; only the 负责人 acts.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from reviewer.archive.accounts import ROLE_ADMIN, ROLE_FILER, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.publication import TRANSITIONS
from reviewer.archive.records import FILING_PASSED, STATUS_UNPUBLISHED
from reviewer.archive.signoff import STAGES
from reviewer.errors import ArchiveError, ReviewerError
from reviewer.web import access
from reviewer.web.auth import login_required
from reviewer.web.filings import visible
from reviewer.web.labels import DECIDED, Label, finding_label

bp = Blueprint("documents", __name__)

OFFICE_ROLES = (ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)
HEAD_ONLY = "只有负责人可以签发、登记、记录公布或变更状态。"
# Log entries a department never sees on its own document's page: a citizen's 审查建议 (their
# name and receipt number, which reads the suggestion and its reply on the public site) and how
# the office handles it, and the reviewers' cleanup verdicts before any decision is applied.
OFFICE_ONLY_ACTIONS = frozenset({"收到审查建议", "办理审查建议", "答复审查建议", "清理审定"})


def _actions(record: dict, require_signoff: bool) -> dict[str, bool]:
    """Which of the 负责人's forms apply to the document in its present state."""
    if g.account.role != ROLE_HEAD:
        return {}
    passed = record["filing_status"] == FILING_PASSED
    registered = record["number"] is not None
    signed = record["signoff"] is not None
    return {
        "signoff": passed and not registered and not signed,
        "register": passed and not registered and (signed or not require_signoff),
        "publish": registered and record["status"] == STATUS_UNPUBLISHED,
        "status": record["status"] in TRANSITIONS,
    }


def _page(document_id: int, error: str | None = None, form: dict | None = None, code: int = 200):
    visible(document_id)  # 404 for another unit's document, before anything is read
    archive = access.archive()
    record = archive.dossier(document_id)
    require_signoff = archive.settings.require_signoff
    entries = [entry for entry in record["log"]
               if g.account.role != ROLE_FILER or entry["action"] not in OFFICE_ONLY_ACTIONS]
    found = archive.findings_by_fingerprint(document_id) if any(_decided(e["detail"]) for e in entries) else {}
    return render_template(
        "document.html", record=record, actions=_actions(record, require_signoff), error=error, form=form or {},
        log=[{**entry, "detail": _detail(entry["detail"]), "findings": _decided_findings(entry["detail"], found)}
             for entry in entries],
        change_statuses=TRANSITIONS.get(record["status"], ()), today=dt.date.today().isoformat(),
        require_signoff=require_signoff), code


def _detail(detail: dict) -> str:
    """A log entry's detail as one line a clerk reads: 键：值；键：值."""
    parts = []
    for key, value in detail.items():
        if key in DECIDED:  # fingerprints: named one per line by _decided_findings
            continue
        if value is None or value == [] or value == "":
            continue
        shown = "、".join(map(str, value)) if isinstance(value, list) else (
            json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value))
        if key == "文件":  # the path on the server (a web upload's is temporary): its name says enough
            shown = os.path.basename(shown.replace("\\", "/"))
        parts.append(f"{key}：{shown}")
    return "；".join(parts)


def _decided(detail: dict) -> list[tuple[str, str]]:
    """The (fingerprint, 采纳 or 驳回) pairs a review's log entry records, in its order."""
    return [(fp, key) for key in DECIDED if isinstance(detail.get(key), list)
            for fp in detail[key] if isinstance(fp, str)]


def _decided_findings(detail: dict, found: dict[str, dict]) -> list[Label]:
    """The findings a review accepted or dismissed, each by its place and rule title
    (第五条：设置户籍、地域等歧视性条件（已驳回）); the fingerprint only in the tooltip."""
    return [finding_label(fp, found.get(fp), decision) for fp, decision in _decided(detail)]


@bp.route("/documents/<int:document_id>")
@login_required()
def page(document_id: int):
    return _page(document_id)


@bp.route("/documents/<int:document_id>/versions/<int:version>")
@login_required()
def version(document_id: int, version: int):
    record = visible(document_id)
    try:
        text = access.archive().text(document_id, version)
    except ArchiveError:
        abort(404, description=f"第 {document_id} 号文件没有第 {version} 版。")
    shown = next(v for v in record["versions"] if v["version"] == version)
    return render_template("document_version.html", record=record, version=shown, text=text)


def _act(document_id: int, form: dict, call) -> object:
    """Run one of the 负责人's acts: flash its message and go back to the page, or show the refusal."""
    visible(document_id)
    if g.account.role != ROLE_HEAD:
        abort(403, description=HEAD_ONLY)
    try:
        outcome = call(access.archive())
    except ReviewerError as exc:
        return _page(document_id, exc.message, form, 400)
    flash(outcome.message)
    return redirect(url_for("documents.page", document_id=document_id))


@bp.route("/documents/<int:document_id>/signoff", methods=["POST"])
@login_required(*OFFICE_ROLES)
def signoff(document_id: int):
    note = request.form.get("note", "").strip()
    return _act(document_id, {"note": note}, lambda a: a.signoff(document_id, note or None))


@bp.route("/documents/<int:document_id>/register", methods=["POST"])
@login_required(*OFFICE_ROLES)
def register(document_id: int):
    return _act(document_id, {}, lambda a: a.register(document_id))


@bp.route("/documents/<int:document_id>/publish", methods=["POST"])
@login_required(*OFFICE_ROLES)
def publish(document_id: int):
    form = {"publish_date": request.form.get("date", "").strip(), "channel": request.form.get("channel", "").strip()}
    if not form["publish_date"]:
        return _refuse(document_id, "请填写公布日期。", form)
    if not form["channel"]:
        return _refuse(document_id, "请填写公布渠道，例如 政府公报、政府网站。", form)
    return _act(document_id, form, lambda a: a.publish(document_id, form["publish_date"], form["channel"]))


@bp.route("/documents/<int:document_id>/status", methods=["POST"])
@login_required(*OFFICE_ROLES)
def status(document_id: int):
    form = {key: request.form.get(key, "").strip() for key in ("status", "reason", "by", "date")}
    if not form["reason"]:
        return _refuse(document_id, "请填写变更理由。", form)
    by: int | None = None
    if form["by"]:
        if not form["by"].isdigit() or len(form["by"]) > 18:  # longer: no document has that id
            return _refuse(document_id, "“依据文件”请填写修改或废止本文件的文件编号（数字）。", form)
        by = int(form["by"])
    return _act(document_id, form,
                lambda a: a.set_status(document_id, form["status"], form["reason"], by, form["date"] or None))


def _refuse(document_id: int, message: str, form: dict):
    """A form left incomplete: the same role check as the act itself, then the page with the message."""
    visible(document_id)
    if g.account.role != ROLE_HEAD:
        abort(403, description=HEAD_ONLY)
    return _page(document_id, message, form, 400)


@bp.route("/registry")
@login_required(*OFFICE_ROLES)
def registry():
    return render_template("registry.html", groups=access.archive().registry(), stages=STAGES,
                           require_signoff=access.archive().settings.require_signoff)
