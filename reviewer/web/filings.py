"""Filings in the browser: a department files a checked draft (``Archive.submit``, as
`reviewer archive submit` does) and gets a 回执; every filing page is visible to its own unit only.

A 报备单位 account acts for its unit: the issuer it files under is its unit, and it sees only the
filings whose issuer (制定机关, as the archive records it) is that unit. Another unit's filing is
answered 404, whether reached by a link or a typed address, so its existence is not disclosed.

The filing materials (备案材料) go into the archive with the filing (``Archive.submit``) and are
downloaded by their id within a filing this account may see — never by a name or a path. A
filing the office sent back (需纠正 or 退回补正) comes back from its filing page: a corrected
version (``Archive.resubmit``) and/or the missing materials (``Archive.resend``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for

from reviewer.archive import FilingMeta
from reviewer.archive.accounts import ROLE_ADMIN, ROLE_FILER, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.filings import ACCEPT, DISMISS
from reviewer.archive.materials import SUFFIXES as MATERIAL_SUFFIXES
from reviewer.archive.materials import Material
from reviewer.archive.records import (
    DECISIONS,
    FILING_AWAITING,
    FILING_PENDING,
    FILING_REJECTED,
    FILING_RETURNED,
    PACKAGE_FLAGS,
)
from reviewer.errors import ArchiveError, ReviewerError
from reviewer.model import FAMILIES, Severity
from reviewer.web import access, drafts, locating, marks
from reviewer.web.auth import login_required
from reviewer.web.store import FILING
from reviewer.web.downloads import attachment_name

bp = Blueprint("filings", __name__)

NOT_FOUND = "找不到该报备文件，或该文件不属于您的单位。"
# What a department types is kept for good (the archive deletes nothing) and shown on the office's
# lists and the public catalogue: a title is one line, and no field may run to megabytes.
LIMITS = {"title": ("文件标题", 200), "doc_number": ("发文字号", 100), "note": ("说明", 2000)}
DATE_FIELDS = (("issue_date", "印发日期"), ("publish_date", "公布日期"), ("effective_date", "施行日期"),
               ("expiry_date", "有效期至"))


def is_filer() -> bool:
    return g.account.role == ROLE_FILER


def unit_filter() -> str | None:
    """The issuer a signed-in account is limited to: its unit for a 报备单位, else none."""
    return g.account.unit if is_filer() else None


def visible(document_id: int) -> dict:
    """The archive's record of a filing this account may see; 404 otherwise (never 'exists')."""
    try:
        record = access.archive().show(document_id)
    except ArchiveError:
        abort(404, description=NOT_FOUND)
    if is_filer() and record["issuer"] != g.account.unit:
        abort(404, description=NOT_FOUND)
    return record


@bp.route("/check/<token>/file", methods=["GET", "POST"])
@login_required(ROLE_FILER)
def file(token: str):
    upload = drafts.owned_upload(token)
    defaults = {"title": drafts.document_title(upload.report), "doc_number": "", "issuer": g.account.unit,
                **{name: "" for name, _ in DATE_FIELDS}}
    if request.method == "GET":
        return _form(upload, defaults, set())
    given = {name: request.form.get(name, "").strip() for name in defaults}
    given["issuer"] = g.account.unit  # a department files for its own unit, whatever the form says
    given["title"] = " ".join(given["title"].split())  # a line break typed or posted into it
    package = {key for key in PACKAGE_FLAGS if request.form.get(f"pkg_{key}")}
    if not given["title"]:
        return _form(upload, given, package, "请填写文件标题。")
    too_long = _too_long(given)
    if too_long:
        return _form(upload, _cut(given), package, too_long)
    meta = FilingMeta(title=given["title"], doc_number=given["doc_number"] or None, issuer=given["issuer"],
                      **{name: given[name] or None for name, _ in DATE_FIELDS}, package=frozenset(package))
    store = current_app.extensions["reviewer_uploads"]
    earlier = store.claim(upload.token)
    if earlier is not None:  # the same draft sent again (a double click, a resent form)
        if earlier == FILING:
            return _form(upload, given, package, "该草案正在提交报备，请勿重复提交；稍后可在“我的报备”中查看。")
        flash(f"该草案已报备（第 {earlier} 号），没有重复报备。")
        return redirect(url_for("filings.receipt", document_id=earlier))
    archive = access.archive()
    outcome = None
    try:
        outcome = archive.submit(upload.path, meta, materials=sent_materials())
    except ReviewerError as exc:
        return _form(upload, given, package, drafts.without_path(exc.message, upload.path))
    finally:
        store.filed(upload.token, outcome.id if outcome is not None else None)
    return redirect(url_for("filings.receipt", document_id=outcome.id))


def _too_long(fields: dict) -> str | None:
    """The refusal for the first field beyond its limit, or None."""
    for name, (label, limit) in LIMITS.items():
        if len(fields.get(name, "")) > limit:
            return f"{label}不能超过 {limit} 字（现为 {len(fields[name])} 字）。"
    return None


def _cut(fields: dict) -> dict:
    """The fields cut to their limits, to be shown again in the form."""
    return {name: value[:LIMITS[name][1]] if name in LIMITS else value for name, value in fields.items()}


def _form(upload, values: dict, package: set[str], error: str | None = None):
    return render_template("file.html", upload=upload, values=values, package=package, flags=PACKAGE_FLAGS,
                           dates=DATE_FIELDS, error=error, accept=",".join(MATERIAL_SUFFIXES)), (400 if error else 200)


def sent_materials() -> tuple[Material, ...]:
    """The materials chosen in the form's ``mat_<kind>`` file fields (empty fields skipped)."""
    out = []
    for key in PACKAGE_FLAGS:
        sent = request.files.get(f"mat_{key}")
        if sent is not None and sent.filename:
            out.append(Material(key, sent.filename, sent.read()))
    return tuple(out)


@bp.route("/filings/<int:document_id>/receipt")
@login_required()
def receipt(document_id: int):
    return _filing_page(visible(document_id))


def _filing_page(record: dict, error: str | None = None, note: str = ""):
    """The filing's page for its unit and the office: 回执, materials, the latest decision and,
    while the office waits for the department, the form to send it back corrected."""
    archive = access.archive()
    latest = record["reviews"][-1] if record["reviews"] else None
    can_resend = is_filer() and record["filing_status"] in FILING_AWAITING
    page = render_template("receipt.html", record=record, flags=PACKAGE_FLAGS, today=dt.date.today(),
                           materials=archive.materials(record["id"]), latest=latest, can_resend=can_resend,
                           returned=record["filing_status"] == FILING_RETURNED, error=error, note=note,
                           accept=",".join(MATERIAL_SUFFIXES), draft_accept=",".join(drafts.SUFFIXES))
    return page, (400 if error else 200)


@bp.route("/filings/<int:document_id>/materials/<int:material_id>")
@login_required()
def material(document_id: int, material_id: int):
    """One stored material, as an attachment named as the department named it."""
    visible(document_id)
    archive = access.archive()
    try:
        info, data = archive.material(document_id, material_id)
    except ArchiveError:
        abort(404, description="找不到该备案材料。")
    archive.record("网页下载备案材料", {"材料": info["label"], "文件": info["filename"], "编号": material_id},
                   document_id)
    return send_file(io.BytesIO(data), mimetype="application/octet-stream", as_attachment=True,
                     download_name=attachment_name(info["filename"]))


@bp.route("/filings/<int:document_id>/resubmit", methods=["POST"])
@login_required(ROLE_FILER)
def resubmit(document_id: int):
    """The department sends back a filing the office returned: a corrected version (required
    after 需纠正) and/or the materials asked for (enough after 退回补正)."""
    record = visible(document_id)
    note = request.form.get("note", "").strip()
    if record["filing_status"] not in FILING_AWAITING:
        return _filing_page(record, f"该文件当前为“{record['filing_status']}”，只有需纠正或退回补正的文件可以重新报送。", note)
    too_long = _too_long({"note": note})
    if too_long:
        return _filing_page(record, too_long, _cut({"note": note})["note"])
    archive = access.archive()
    try:
        supplied = sent_materials()
        sent = request.files.get("version")
        if sent is not None and sent.filename:
            outcome = _new_version(archive, document_id, sent, note, supplied)
        else:
            outcome = archive.resend(document_id, supplied, note or None)
    except ReviewerError as exc:
        return _filing_page(record, exc.message, note)
    flash(outcome.message)
    return redirect(url_for("filings.receipt", document_id=document_id))


def _new_version(archive, document_id: int, sent, note: str, supplied: tuple[Material, ...]):
    """Save the uploaded corrected text where drafts are kept, store it as the next version, and
    remove the temporary copy whatever happens."""
    name = os.path.basename((sent.filename or "").replace("\\", "/"))
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in drafts.SUFFIXES:
        raise ReviewerError(f"修改稿不支持“{suffix or '无扩展名'}”文件；请上传 .docx、.txt 或 .pdf。")
    data = sent.read()
    if not data:
        raise ReviewerError("上传的修改稿是空文件。")
    store = current_app.extensions["reviewer_uploads"]
    token, path = store.save(data, suffix)
    try:
        return archive.resubmit(document_id, path, note or None, materials=supplied)
    except ReviewerError as exc:
        raise ReviewerError(drafts.without_path(exc.message, path)) from None
    finally:
        store.discard_files(token)


@bp.route("/filings")
@login_required()
def mine():
    rows = access.archive().documents(issuer=unit_filter(), limit=500)
    return render_template("filings.html", rows=rows)


STAGES = {"待审查": "待审查", "需纠正": "需纠正（待报送修改稿）", "需补正": "需补正（已退回补正，待补交材料）",
          "已审查": "已审查"}
OFFICE_ROLES = (ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)


QUEUE_PAGE = 100  # 待审查 rows per page (and the first 需纠正 rows): a large archive pages, never lists all


@bp.route("/queue")
@login_required(*OFFICE_ROLES)
def queue():
    archive = access.archive()
    counts = archive.queue_counts()
    pages = max(1, -(-counts[FILING_PENDING] // QUEUE_PAGE))
    asked = request.args.get("page", "1")
    page = min(int(asked), pages) if asked.isdigit() and int(asked) > 0 else 1
    return render_template("queue.html", groups=archive.queue(limit=QUEUE_PAGE, offset=(page - 1) * QUEUE_PAGE),
                           counts=counts, page=page, pages=pages, stages=STAGES,
                           review_days=archive.settings.review_days)


# -- the review screen ----------------------------------------------------------------------

REVIEWER_ROLES = (ROLE_REVIEWER, ROLE_HEAD)
CHOICES = {"accept": ACCEPT, "dismiss": DISMISS}


@bp.route("/filings/<int:document_id>/review", methods=["GET", "POST"])
@login_required(*OFFICE_ROLES)
def review(document_id: int):
    record = visible(document_id)
    archive = access.archive()
    findings = record["findings"]
    if request.method == "GET":
        choices = {n: ("accept" if f["decision"] == ACCEPT else "dismiss" if f["decision"] == DISMISS else "")
                   for n, f in enumerate(findings, 1)}
        reasons = {n: f["reason"] or "" for n, f in enumerate(findings, 1)}
        return _review_page(record, archive, choices, reasons, opinion(findings, choices), "")
    if g.account.role not in REVIEWER_ROLES:
        abort(403, description="只有审查人员或负责人可以作出审查结论。")
    choices = {n: request.form.get(f"choice_{n}", "") for n in range(1, len(findings) + 1)}
    reasons = {n: request.form.get(f"reason_{n}", "").strip() for n in range(1, len(findings) + 1)}
    decision = request.form.get("decision", "")
    text = request.form.get("opinion", "").strip() or opinion(findings, choices)
    accept = tuple(str(n) for n, c in choices.items() if c == "accept")
    dismiss = tuple((str(n), reasons[n]) for n, c in choices.items() if c == "dismiss")
    try:
        outcome = archive.review(document_id, decision, text or None, accept=accept, dismiss=dismiss)
    except ReviewerError as exc:
        return _review_page(record, archive, choices, reasons, text, decision, exc.message), 400
    flash(outcome.message)
    return redirect(url_for("filings.review", document_id=document_id))


def opinion(findings: list[dict], choices: dict[int, str]) -> str:
    """The opinion drafted from the accepted findings: one numbered paragraph each."""
    accepted = [f for n, f in enumerate(findings, 1) if choices.get(n) == "accept"]
    if not accepted:
        return ""
    lines = ["经审查，该文件存在以下问题："]
    for n, f in enumerate(accepted, 1):
        where = f"（{f['locator']}）" if f["locator"] else ""
        quoted = f"“{f['match']}”" if f["match"] else ""
        lines.append(f"{n}. {f['title']}{where}{quoted}。")
    lines.append("请依法予以纠正，并将纠正情况报我局。")
    return "\n".join(lines)


def _review_page(record: dict, archive, choices, reasons, text: str, decision: str, error: str | None = None):
    """The review screen: the version text with a numbered mark at each finding's words (as the
    drafter's check report shows them), the findings and the decision forms beside it."""
    comparison = archive.diff(record["id"]) if len(record["versions"]) > 1 else None
    findings = record["findings"]
    body = archive.text(record["id"])
    placed = locating.place_all(body, findings, archive.finding_details(record["id"]))
    present = {p.family for p in placed}
    families = [(code, FAMILIES.get(code, code or OTHER_FAMILY)) for code in [*FAMILIES, *sorted(present - set(FAMILIES))]
                if code in present]
    return render_template(
        "review.html", record=record, findings=findings, placed=placed,
        pieces=marks.cut(body, [p.span for p in placed if p.span is not None]), families=families,
        family_names=FAMILIES, severities=drafts.SEVERITIES,
        choices=choices, reasons=reasons, opinion=text, decision=decision, decisions=DECISIONS, error=error,
        can_decide=record["filing_status"] == FILING_PENDING and g.account.role in REVIEWER_ROLES,
        severity_names={s.value: s.label for s in Severity}, letter=letter_kind(record),
        materials=archive.materials(record["id"]), flags=PACKAGE_FLAGS, comparison=comparison)


OTHER_FAMILY = "其他"  # a finding whose recorded check output names no family


LETTER = "审查意见书"
# The letter a decision produces; 通过 and 需纠正 get the 审查意见书.
LETTERS = {FILING_REJECTED: "不予备案通知", FILING_RETURNED: "补正通知"}


def letter_kind(record: dict) -> str:
    latest = record["reviews"][-1]["decision"] if record["reviews"] else None
    return LETTERS.get(latest or "", LETTER)


@bp.route("/filings/<int:document_id>/letter", methods=["POST"])
@login_required(*OFFICE_ROLES)
def letter(document_id: int):
    record = visible(document_id)
    folder = tempfile.mkdtemp(prefix="letter-", dir=current_app.extensions["reviewer_uploads"].folder)
    out = os.path.join(folder, "letter.docx")
    kind = letter_kind(record)
    try:
        access.archive().letter(document_id, kind, out)
    except ReviewerError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        abort(422, description=drafts.without_path(exc.message, out))
    response = send_file(out, mimetype=drafts.DOCX_MIME, as_attachment=True,
                         download_name=attachment_name(f"{record['title'][:60]}.{kind}.docx"))
    response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    return response
