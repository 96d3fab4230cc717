"""Cleanup audits (定期清理) in the browser: start a run, watch its progress, decide its proposals
one document at a time with the reasons in view, and apply the decided run.

Only the office's roles see these pages (报备单位 gets 403). 审查人员 and 负责人 start runs and
decide proposals; only 负责人 applies a run (statuses change, the published lists follow);
管理员 may look. A run is the library's run (``Audits.run``) in a child process the server owns
(reviewer/web/auditjob.py): the page polls /audits/status every second (static/audits.js), and a
run stopped with the server is resumed from the page.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request, send_file, \
    url_for

from reviewer.archive.accounts import ROLE_ADMIN, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.intake import check_date
from reviewer.audit.api import Audits
from reviewer.audit.decisions import CURRENT_LIST, ENDED_LIST
from reviewer.audit.records import OUTCOMES, AuditSettings
from reviewer.audit.runs import FINISHED, RUNNING
from reviewer.audit.verdicts import APPLIED, STATES
from reviewer.errors import ReviewerError
from reviewer.web import access
from reviewer.web.auditjob import AuditJobs
from reviewer.web.auth import login_required
from reviewer.web.labels import reason_view

bp = Blueprint("audits", __name__)

OFFICE_ROLES = (ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)
DECIDE_ROLES = (ROLE_REVIEWER, ROLE_HEAD)  # start runs and decide proposals
APPLY_ROLES = (ROLE_HEAD,)
PAGE_SIZE = 50
MAX_WORKERS = max(1, os.cpu_count() or 1)
LISTS = {"current": CURRENT_LIST, "ended": ENDED_LIST}
EXTENSION = "reviewer_audit_jobs"


@bp.record_once
def _setup(state) -> None:
    app = state.app
    folder = app.extensions["reviewer_uploads"].folder
    app.extensions[EXTENSION] = AuditJobs(app.config["REVIEWER_DB"], folder)


def jobs() -> AuditJobs:
    return current_app.extensions[EXTENSION]


def audits() -> Audits:
    return Audits(access.archive())


def status() -> dict:
    """The state the progress panel shows: running, interrupted (resumable), failed or idle."""
    job = jobs().state()
    progress = audits().progress()
    out: dict = {"state": "idle", "run_id": None, "done": 0, "total": 0, "percent": 0, "message": job.error}
    if progress:
        percent = int(100 * progress["done"] / progress["total"]) if progress["total"] else 100
        out.update(run_id=progress["id"], done=progress["done"], total=progress["total"], percent=percent,
                   started_by=progress["started_by"])
    if job.running:
        out["state"] = "running"
    elif progress:
        out["state"] = "interrupted"
    elif job.error:
        out["state"] = "failed"
    return out


# -- runs ----------------------------------------------------------------------------------------


@bp.route("/audits")
@login_required(*OFFICE_ROLES)
def index():
    return _index_page({})


def _index_page(form: dict, error: str | None = None):
    defaults = {"as_of": dt.date.today().isoformat(), "expiring_months": str(AuditSettings.expiring_months),
                "recheck": "1", "workers": str(min(2, MAX_WORKERS))}
    values = {**defaults, **form} if form else defaults
    return render_template("audits.html", runs=audits().listing(), status=status(), values=values, error=error,
                           outcomes=OUTCOMES, can_start=g.account.role in DECIDE_ROLES, max_workers=MAX_WORKERS,
                           finished=FINISHED), (400 if error else 200)


@bp.route("/audits/status")
@login_required(*OFFICE_ROLES)
def progress():
    return jsonify(status())


def _settings(form: dict) -> AuditSettings:
    """The run's settings from the form; a bad value is a Chinese message (ReviewerError)."""
    from reviewer.errors import UsageError

    as_of = check_date(form["as_of"], "审计基准日") if form.get("as_of") else dt.date.today().isoformat()
    try:
        months = int(form.get("expiring_months") or AuditSettings.expiring_months)
    except ValueError:
        raise UsageError("届满提醒月数应为整数") from None
    if not 0 <= months <= 120:
        raise UsageError("届满提醒月数应在 0 到 120 之间")
    return AuditSettings(as_of=as_of, expiring_months=months, recheck=bool(form.get("recheck")))


def _workers(text: str) -> int:
    from reviewer.errors import UsageError

    if not text.isdigit() or not 1 <= int(text) <= MAX_WORKERS:
        raise UsageError(f"并行进程数应为 1 到 {MAX_WORKERS} 之间的整数")
    return int(text)


@bp.route("/audits/start", methods=["POST"])
@login_required(*DECIDE_ROLES)
def start():
    form = {k: request.form.get(k, "").strip() for k in ("as_of", "expiring_months", "recheck", "workers", "mode")}
    mode = form["mode"] or "new"
    if mode not in ("new", "resume", "restart"):
        abort(400)
    current = status()
    if current["state"] == "running":
        flash("已有清理审计正在进行，请等它完成。")
        return redirect(url_for("audits.index"))
    if mode in ("resume", "restart") and current["state"] != "interrupted":
        flash("没有未完成的清理审计。")
        return redirect(url_for("audits.index"))
    if mode == "new" and current["state"] == "interrupted":
        return _index_page(form, f"第 {current['run_id']} 次清理审计尚未完成：请选择“继续”或“放弃并重新开始”。")
    try:
        settings = _settings(form) if mode != "resume" else AuditSettings()  # a resumed run keeps its own
        workers = _workers(form["workers"] or "1")
    except ReviewerError as exc:
        return _index_page(form, exc.message)
    if not jobs().start(g.account.name, settings.to_dict(), workers, restart=mode == "restart"):
        flash("已有清理审计正在进行，请等它完成。")
        return redirect(url_for("audits.index"))
    jobs().wait_started()
    flash({"resume": "清理审计已继续。", "restart": "已放弃未完成的审计，新的清理审计已开始。"}.get(
        mode, "清理审计已开始。"))
    return redirect(url_for("audits.index"))


# -- one run's proposals ---------------------------------------------------------------------------


def _filters() -> tuple[str | None, str | None, int]:
    outcome = request.values.get("outcome") or None
    state = request.values.get("state") or None
    if outcome is not None and outcome not in OUTCOMES or state is not None and state not in STATES:
        abort(400, description="筛选条件无效。")
    page_text = request.values.get("page", "1")
    number = int(page_text) if page_text.isdigit() and 0 < int(page_text) < 10**6 else 1
    return outcome, state, number


def _run_or_404(run_id: int) -> dict:
    try:
        return audits().run_record(run_id)
    except ReviewerError:
        abort(404, description=f"没有第 {run_id} 次清理审计。")


@bp.route("/audits/<int:run_id>")
@login_required(*OFFICE_ROLES)
def run(run_id: int):
    return _run_page(run_id)


def _run_page(run_id: int, error: str | None = None, failed: dict | None = None):
    record = _run_or_404(run_id)
    outcome, state, number = _filters()
    proposals = audits().proposals(run_id, outcome, state, (number - 1) * PAGE_SIZE, PAGE_SIZE)
    pages = max(1, -(-proposals.total // PAGE_SIZE))
    finished = record["status"] == FINISHED
    # A refused decision is shown beside its form when that form is on the page, else at the top.
    failed = failed or {}
    inline_error = any(p["document_id"] == failed.get("document_id") and p["state"] != APPLIED
                       for p in proposals.items)
    return render_template(
        "audit_run.html", run=record, counts=audits().verdict_counts(run_id), proposals=proposals.items,
        total=proposals.total, page=number, pages=pages, outcome=outcome, state=state, outcomes=OUTCOMES,
        states=STATES, error=error, failed=failed, inline_error=inline_error, finished=finished, running=RUNNING,
        can_decide=finished and g.account.role in DECIDE_ROLES, can_apply=finished and g.account.role in APPLY_ROLES,
        lists=LISTS, reason_view=reason_view), (400 if error else 200)


def _back(run_id: int, anchor: str | None = None):
    outcome, state, number = _filters()
    return redirect(url_for("audits.run", run_id=run_id, outcome=outcome, state=state,
                            page=number if number > 1 else None, _anchor=anchor))


@bp.route("/audits/<int:run_id>/documents/<int:document_id>", methods=["POST"])
@login_required(*DECIDE_ROLES)
def decide(run_id: int, document_id: int):
    _run_or_404(run_id)
    decision = request.form.get("decision", "")
    note = request.form.get("note", "")
    try:
        audits().decide(run_id, document_id, decision, note)
    except ReviewerError as exc:
        return _run_page(run_id, exc.message, {"document_id": document_id, "decision": decision, "note": note})
    return _back(run_id, f"d{document_id}")


@bp.route("/audits/<int:run_id>/accept", methods=["POST"])
@login_required(*DECIDE_ROLES)
def accept_all(run_id: int):
    _run_or_404(run_id)
    outcome = request.form.get("kind", "")
    try:
        count = audits().accept_all(run_id, outcome)
    except ReviewerError as exc:
        return _run_page(run_id, exc.message)
    flash(f"已采纳 {count} 份文件“{outcome}”的建议。" if count else f"没有尚未审定的“{outcome}”建议。")
    return _back(run_id)


@bp.route("/audits/<int:run_id>/apply", methods=["POST"])
@login_required(*APPLY_ROLES)
def apply(run_id: int):
    _run_or_404(run_id)
    try:
        result = audits().apply_decided(run_id)
    except ReviewerError as exc:
        return _run_page(run_id, exc.message)
    counts = "，".join(f"{k} {v}" for k, v in result["decisions"].items() if v)
    flash(f"已应用第 {run_id} 次审计的 {result['applied']} 项决定（{counts}），文件状态已更新并记入日志。")
    return _back(run_id)


@bp.route("/audits/<int:run_id>/lists/<kind>")
@login_required(*OFFICE_ROLES)
def lists(run_id: int, kind: str):
    if kind not in LISTS:
        abort(404)
    _run_or_404(run_id)
    folder = tempfile.mkdtemp(prefix="lists-", dir=current_app.extensions["reviewer_uploads"].folder)
    try:
        written = audits().publish_lists(run_id, folder)
    except ReviewerError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        abort(422, description=exc.message)
    path = os.path.join(folder, LISTS[kind])
    assert path in written.values()
    response = send_file(path, as_attachment=True, download_name=f"第{run_id}次清理{LISTS[kind]}",
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    return response
