"""审查建议 in the staff workspace: the register (open suggestions with their deadline and days
left, then the answered ones) and one suggestion's page, where a note of handling is recorded
(``Archive.handle_suggestion``) and the reply given (``Archive.reply_suggestion``) — the reply the
submitter then reads back on the public site with the receipt number."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from reviewer.archive.accounts import ROLE_ADMIN, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.suggestions import REPLIED
from reviewer.errors import ArchiveError, ReviewerError
from reviewer.web import access
from reviewer.web.auth import login_required

bp = Blueprint("suggestions", __name__)

OFFICE_ROLES = (ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)
# Who may answer: the roles that decide reviews.
ANSWER_ROLES = (ROLE_REVIEWER, ROLE_HEAD)
RECENT_REPLIED = 50


@bp.route("/suggestions")
@login_required(*OFFICE_ROLES)
def register():
    archive = access.archive()
    rows = archive.suggestions(only_open=False)
    open_rows = [r for r in rows if r["status"] != REPLIED]
    replied = sorted((r for r in rows if r["status"] == REPLIED), key=lambda r: (r["reply_date"], r["id"]),
                     reverse=True)[:RECENT_REPLIED]
    return render_template("suggestions.html", open_rows=open_rows, replied=replied,
                           reply_days=archive.settings.reply_days)


def _suggestion(suggestion_id: int) -> dict:
    try:
        return access.archive().suggestion(suggestion_id)
    except ArchiveError:
        abort(404, description="找不到该审查建议。")


@bp.route("/suggestions/<int:suggestion_id>", methods=["GET", "POST"])
@login_required(*OFFICE_ROLES)
def detail(suggestion_id: int):
    item = _suggestion(suggestion_id)
    if request.method == "GET":
        return _page(item)
    if g.account.role not in ANSWER_ROLES:
        abort(403, description="只有审查人员或负责人可以办理和答复审查建议。")
    action = request.form.get("action", "")
    text = request.form.get("text", "").strip()
    archive = access.archive()
    try:
        if action == "reply":
            outcome = archive.reply_suggestion(suggestion_id, text)
        elif action == "handle":
            if not text:
                return _page(item, "请填写办理情况。", text, action)
            outcome = archive.handle_suggestion(suggestion_id, text)
        else:
            abort(400, description="未知的操作。")
    except ReviewerError as exc:
        return _page(item, exc.message, text, action)
    flash(outcome.message)
    return redirect(url_for("suggestions.detail", suggestion_id=suggestion_id))


def _page(item: dict, error: str | None = None, text: str = "", action: str = ""):
    can_answer = item["status"] != REPLIED and g.account.role in ANSWER_ROLES
    return render_template("suggestion.html", item=item, error=error, text=text, action=action,
                           can_answer=can_answer), (400 if error else 200)
