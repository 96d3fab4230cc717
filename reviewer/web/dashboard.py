"""The staff home page (有效期 reminders) and the office's dashboard (rates, charts, table, the
workbook and the annual report draft), plus the automatic 失效 run by the web server.

Who sees what: /home is for every signed-in account; a 报备单位 sees only its own unit's
documents there (they must evaluate and re-issue before expiry). /dashboard and its downloads are
the office's (审查人员, 负责人, 管理员): the figures compare departments with each other and feed the
office's own annual report, so a department gets 403 rather than a partial view of that comparison.

Expiry: the server moves documents past their 有效期 to 失效 when it starts and then at most once a
day, on the first request of a new day, before that request is handled (so no page, the public
catalogue included, shows a stale status). The date comes from ``app.config["REVIEWER_CLOCK"]``
when set (a function returning YYYY-MM-DD; tests fix it there), else the system clock. The
last day it ran is kept per application in ``app.extensions``; there is no global state.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
from dataclasses import dataclass, field

from flask import Blueprint, Flask, abort, current_app, g, render_template, request, send_file
from markupsafe import Markup

from reviewer import clock
from reviewer.archive import Archive, expiry
from reviewer.archive.accounts import ROLE_ADMIN, ROLE_FILER, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.figures import TABLE_COLUMNS, table_rows
from reviewer.archive.indicators import DEFINITIONS, GRANULARITY_NAMES, granularity_of, period_label
from reviewer.errors import ReviewerError
from reviewer.model import FAMILIES
from reviewer.report import svgchart
from reviewer.web import access, drafts
from reviewer.web.auth import login_required
from reviewer.web.downloads import attachment_name

bp = Blueprint("dashboard", __name__)

OFFICE_ROLES = (ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATE = "reviewer_expiry"


# -- the automatic 失效 ----------------------------------------------------------------------


@dataclass
class ExpiryRuns:
    """The day the server last ran the expiry (per application)."""

    day: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def app_today(app: Flask) -> str:
    """The date ``app`` works on: its configured clock, else the system's."""
    configured = app.config.get("REVIEWER_CLOCK")
    return configured() if configured else clock.today()


def today() -> str:
    """The date of the application handling this request."""
    return app_today(current_app)


def run_expiry(app: Flask, day: str, trigger: str) -> list[dict]:
    """Expire what is due on ``day``; a refusal (locked or read-only archive) is logged, not raised."""
    try:
        with Archive.open(app.config["REVIEWER_DB"], user=expiry.SYSTEM_USER) as archive:
            changed = archive.expire(day, trigger)
    except (ReviewerError, sqlite3.Error) as exc:
        app.logger.warning("有效期自动失效未能运行：%s", getattr(exc, "message", exc))
        return []
    if changed:
        app.logger.info("有效期届满，已宣布失效 %d 件：%s", len(changed), ", ".join(str(r["id"]) for r in changed))
    return changed


@dataclass
class FiguresCache:
    """The figures of the last few selections, each for the archive as its last log entry left it
    (every change is logged) on one day: reading them scans every filing, which takes seconds on a
    large archive, while the office looks at the same few selections many times a day."""

    entries: dict[tuple, object] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    size: int = 16

    def get(self, key: tuple, compute):
        with self.lock:
            if key in self.entries:
                return self.entries[key]
        value = compute()
        with self.lock:
            if len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))
            self.entries[key] = value
        return value


FIGURES = "reviewer_figures"


@bp.record_once
def _at_start(state) -> None:
    app = state.app
    app.extensions.setdefault(FIGURES, FiguresCache())
    runs = app.extensions.setdefault(STATE, ExpiryRuns())
    day = app_today(app)
    run_expiry(app, day, "网页服务启动")
    runs.day = day


@bp.before_app_request
def _once_a_day() -> None:
    runs: ExpiryRuns = current_app.extensions[STATE]
    day = today()
    if runs.day == day:
        return
    with runs.lock:
        if runs.day != day:
            run_expiry(current_app._get_current_object(), day, "网页服务（每日首次访问）")  # type: ignore[attr-defined]
            runs.day = day


# -- the home page ---------------------------------------------------------------------------


def _unit() -> str | None:
    return g.account.unit if g.account.role == ROLE_FILER else None


@bp.route("/home")
@login_required()
def home():
    archive = access.archive()
    day = today()
    result = archive.expiring(day, issuer=_unit())
    queue = archive.queue() if g.account.role in OFFICE_ROLES else None
    return render_template("home.html", result=result, queue=queue, office=g.account.role in OFFICE_ROLES)


# -- the dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    issuer: str
    by: str
    period: str


def _selection(form) -> Selection:
    by = form.get("by", "year")
    if by not in GRANULARITY_NAMES:
        abort(400, description="统计周期只能是年度、季度或月份。")
    period = form.get("period", "").strip()
    if period:
        try:
            granularity_of(period)  # checked before the workbook's file name is made from it
        except ValueError:
            abort(400, description=f"期间“{period[:20]}”无法识别，请写成 2026、2026-Q3 或 2026-07。")
    return Selection(form.get("issuer", "").strip(), by, period)


def _charts(result) -> list[Markup]:
    bodies = result.by_issuer()
    rates = [("报备率", "filing_rate"), ("及时率", "on_time_rate"), ("规范率", "standard_rate"),
             ("纠错率", "correction_rate")]
    one_year = len({m[:4] for m, _ in result.months}) == 1
    charts = [svgchart.columns("每月报备件数（按收到日期）",
                               [(f"{int(m[5:])}月" if one_year else m[2:], n) for m, n in result.months])]
    charts += [svgchart.hbars(f"{name}（按制定机关）", [(b.issuer, getattr(b, attr)) for b in bodies],
                              svgchart.percent, 1.0) for name, attr in rates]
    charts.append(svgchart.hbars("平均审查用时（天）", [(b.issuer, b.review_mean) for b in bodies], svgchart.days))
    charts.append(svgchart.hbars("问题类别（自动发现 / 采纳）",
                                 [(f"{FAMILIES.get(f, f)}（采纳 {a}）", float(n)) for f, n, a in result.families],
                                 lambda v: f"{v:g} 个"))
    # svgchart escapes every label and title itself; Markup only stops escaping them twice.
    return [Markup(chart) for chart in charts]


@bp.route("/dashboard")
@login_required(*OFFICE_ROLES)
def dashboard():
    archive = access.archive()
    chosen = _selection(request.args)
    key = (chosen.by, chosen.period, chosen.issuer, archive.stamp(), today())
    result = current_app.extensions[FIGURES].get(
        key, lambda: archive.indicators(chosen.by, chosen.period or None, chosen.issuer or None))
    years = sorted({p[:4] for p in result.periods if p[:4].isdigit()}, reverse=True)
    return render_template(
        "dashboard.html", result=result, chosen=chosen, charts=_charts(result), columns=TABLE_COLUMNS,
        rows=table_rows(result), definitions=DEFINITIONS, granularities=GRANULARITY_NAMES, years=years,
        periods=[(p, period_label(p)) for p in result.periods], label=period_label(chosen.period),
        report_year=years[0] if years else today()[:4])


def _download(write, filename: str, mime: str):
    """Write a file with ``write(path)`` in a private folder, send it, remove it afterwards."""
    folder = tempfile.mkdtemp(prefix="figures-", dir=current_app.extensions["reviewer_uploads"].folder)
    out = os.path.join(folder, "out" + os.path.splitext(filename)[1])
    try:
        write(out)
    except ReviewerError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        abort(422, description=drafts.without_path(exc.message, out))
    response = send_file(out, mimetype=mime, as_attachment=True, download_name=attachment_name(filename))
    response.call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    return response


@bp.route("/dashboard.xlsx")
@login_required(*OFFICE_ROLES)
def workbook():
    chosen = _selection(request.args)
    archive = access.archive()
    scope = "".join(part for part in (chosen.issuer, period_label(chosen.period) if chosen.period else "") if part)
    return _download(lambda out: archive.figures_workbook(out, chosen.by, chosen.period or None,
                                                          chosen.issuer or None, force=True),
                     f"备案审查统计{('_' + scope) if scope else ''}.xlsx", XLSX_MIME)


@bp.route("/dashboard/annual-report", methods=["POST"])
@login_required(*OFFICE_ROLES)
def annual_report():
    year = request.form.get("year", "")
    if not (year.isdigit() and len(year) == 4):
        abort(400, description="请选择年度（四位数字）。")
    archive = access.archive()
    return _download(lambda out: archive.annual_report(out, int(year), force=True),
                     f"{year}年度备案审查工作报告（草稿）.docx", drafts.DOCX_MIME)
