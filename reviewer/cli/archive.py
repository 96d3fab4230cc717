"""`reviewer archive …`: the filing registry and searchable archive. Click only; logic lives in reviewer.archive."""

from __future__ import annotations

import dataclasses
import functools
import json

import click

from reviewer.archive.db import ENV_DB, default_path
from reviewer.cli.params import DATE
from reviewer.archive.records import DECISIONS, PACKAGE_FLAGS, STATUSES, CURRENT_STATUSES, FilingMeta, Settings
from reviewer.cli.types import DAYS, ID, LIMIT, TEXT, VERSION, YEAR


def _emit(fmt: str, payload: dict, human: str) -> None:
    """One JSON object on stdout for scripts, or text for people."""
    if fmt == "json":
        click.echo(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str))
    else:
        click.echo(human)


def _warn(fmt: str, warnings) -> None:
    """Warnings on stderr for people; in JSON they are part of the object."""
    for warning in warnings if fmt != "json" else ():
        click.echo(f"提醒：{warning}", err=True)


def _outcome(fmt: str, outcome) -> None:
    for warning in outcome.warnings if fmt != "json" else ():
        click.echo(f"提醒：{warning}", err=True)
    _emit(fmt, outcome.to_dict(), outcome.message)


def command(group: click.Group, name: str | None = None, opens: bool = True):
    """A subcommand with `-f text|json`; it receives the open Archive (or the context) as first argument."""

    def decorate(fn):
        @group.command(name)
        @click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                      show_default=True, help="输出格式：text 供人阅读，json 供脚本使用。")
        # --db and --user also after the subcommand (reviewer audit run --db 清理.db), as people type them.
        @click.option("--db", "db_here", default=None, help="档案库文件（也可写在子命令之前）。")
        @click.option("--user", "user_here", default=None, help="记入变更日志的操作人（也可写在子命令之前）。")
        @click.pass_context
        @functools.wraps(fn)
        def wrapper(ctx: click.Context, fmt: str, db_here: str | None, user_here: str | None, **kwargs):
            obj = ctx.ensure_object(dict)
            obj.update({k: v for k, v in (("db", db_here), ("user", user_here)) if v is not None})
            if not opens:
                return fn(obj, fmt, **kwargs)
            import sqlite3

            from reviewer.archive import Archive
            from reviewer.archive.dberrors import advice
            from reviewer.errors import ArchiveError

            try:
                with Archive.open(obj["db"], user=obj["user"]) as archive:
                    return fn(archive, fmt, **kwargs)
            except sqlite3.Error as exc:
                # Here the archive's path is known: a locked archive can name who holds it.
                raise ArchiveError(advice(exc, obj["db"])) from None

        return wrapper

    return decorate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar=ENV_DB, default=None,
              help=f"档案库文件（默认 ./reviewer.db，或环境变量 {ENV_DB}）。")
@click.option("--user", type=TEXT, default=None, help="记入变更日志的操作人（默认为登录名）。")
@click.pass_context
def archive(ctx: click.Context, db_path: str | None, user: str | None) -> None:
    """规范性文件备案登记、统一编号、检索与目录管理（一个 SQLite 文件）。

    \b
    示例：
      reviewer archive init --office 某市司法局 --code 某
      reviewer archive submit 办法.docx --issuer 某市市场监管局 --report
      reviewer archive review 1 -d 通过 --opinion 符合要求
      reviewer archive register 1 -f json
      reviewer archive search 罚款 --status 有效
    """
    ctx.obj = {"db": db_path or default_path(), "user": user}


@command(archive, "init", opens=False)
@click.option("--office", type=TEXT, required=True, help="本机关（备案审查机关）名称。")
@click.option("--code", type=TEXT, required=True, help="编号代字，如“某”。")
@click.option("--template", type=TEXT, default=Settings.template, show_default=True,
              help="登记号模板，可用 {code} {year} {seq} {issuer}，如 {code}-{year}-{seq:04d}。")
@click.option("--by-issuer", is_flag=True, help="按制定机关分别编号（模板须含 {issuer}）。")
@click.option("--late-days", type=DAYS, default=Settings.late_days, show_default=True,
              help="公布后多少天内须报备，超过即为迟报。")
@click.option("--reply-days", type=DAYS, default=Settings.reply_days, show_default=True,
              help="审查建议的答复期限（天）。")
@click.option("--review-days", type=DAYS, default=Settings.review_days, show_default=True,
              help="收到报备后多少天内须审查完毕（审查期限）。")
@click.option("--require-signoff", is_flag=True, help="审查通过的文件须经负责人签发（reviewer archive signoff）后才能登记编号。")
@click.option("--expiry-notice-days", type=DAYS, default=Settings.expiry_notice_days, show_default=True,
              help="有效期届满前多少天开始提醒（首页与 archive expiring 列出）。")
def init(obj, fmt, office, code, template, by_issuer, late_days, reply_days, review_days, require_signoff,
         expiry_notice_days):
    """初始化档案库（或修改设置）。示例：reviewer archive init --office 某市司法局 --code 某"""
    from reviewer.archive import Archive

    settings = Settings(office, code, template, by_issuer, late_days, reply_days, review_days,
                        require_signoff=require_signoff, expiry_notice_days=expiry_notice_days)
    with Archive.create(obj["db"], settings, user=obj["user"]) as a:
        _emit(fmt, {"id": 0, "db": a.path, "settings": settings.to_dict()}, f"档案库已就绪：{a.path}")


def _meta_options(fn):
    for flag, (_, label) in reversed(PACKAGE_FLAGS.items()):
        fn = click.option(f"--{flag}", f"pkg_{flag}", is_flag=True, help=f"已附{label}。")(fn)
    for name, label in reversed((("title", "标题"), ("doc-number", "发文字号"), ("issuer", "制定机关"),
                                 ("issue-date", "印发日期"), ("publish-date", "公布日期"),
                                 ("effective-date", "施行日期"), ("expiry-date", "有效期至"),
                                 ("received-date", "收到报备日期（默认今天）"))):
        kind = DATE if name.endswith("date") else None
        fn = click.option(f"--{name}", default=None, type=kind, help=f"{label}；不填则从文件中识别。")(fn)
    return click.option("--level", default=None, help="文件层级（默认 行政规范性文件）。")(fn)


def set_option(fn):
    """`--set 名称=数值`: the review settings, the same option as `reviewer check --set`."""
    return click.option("--set", "overrides", multiple=True, metavar="名称=数值",
                        help="按本地规定调整审查设置（与 reviewer check --set 相同），如 --set max_validity_years=3。")(fn)


def _review(overrides: tuple[str, ...]):
    from reviewer.settings import DEFAULT_SETTINGS, with_overrides

    return with_overrides(DEFAULT_SETTINGS, overrides) if overrides else None


@command(archive, "submit")
@click.argument("path", type=click.Path(dir_okay=False))
@_meta_options
@set_option
def submit(a, fmt, path, overrides, **kw):
    """报备一份文件：自动审查并保存结果。示例：reviewer archive submit 办法.docx --issuer 某局 --report"""
    package = frozenset(k for k in PACKAGE_FLAGS if kw.pop(f"pkg_{k}"))
    meta = FilingMeta(package=package, **kw)
    _outcome(fmt, a.submit(path, meta, review=_review(overrides)))


@command(archive, "review")
@click.argument("document_id", type=ID)
@click.option("-d", "--decision", required=True, type=click.Choice(DECISIONS), help="审查结论。")
@click.option("--opinion", type=TEXT, default=None, help="审查意见。")
@click.option("--accept", type=TEXT, multiple=True, metavar="问题",
              help="采纳（认定成立）的问题：序号、范围或指纹，如 1-15、1,3,5、全部，可重复。")
@click.option("--dismiss", type=TEXT, multiple=True, metavar="问题=理由",
              help="驳回的问题及理由，如 2=已有上位法依据、4-6=属于内部管理，可重复。")
def review(a, fmt, document_id, decision, opinion, accept, dismiss):
    """记录审查结论及对每个问题的采纳或驳回。示例：reviewer archive review 1 -d 需纠正 --accept 1"""
    from reviewer.errors import UsageError

    pairs = []
    for item in dismiss:
        ref, sep, reason = item.partition("=")
        if not sep:
            raise UsageError(f"--dismiss {item}：请写成 问题=理由")
        pairs.append((ref, reason))
    _outcome(fmt, a.review(document_id, decision, opinion, tuple(accept), tuple(pairs)))


@command(archive, "resubmit")
@click.argument("document_id", type=ID)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--note", type=TEXT, default=None, help="修改说明。")
@set_option
def resubmit(a, fmt, document_id, path, note, overrides):
    """报送修改稿，旧版本保留。示例：reviewer archive resubmit 1 办法_修改稿.docx"""
    _outcome(fmt, a.resubmit(document_id, path, note, review=_review(overrides)))


@command(archive, "register")
@click.argument("document_id", type=ID)
@click.option("--date", type=DATE, default=None, help="登记日期（默认今天），决定编号年度。")
def register(a, fmt, document_id, date):
    """为审查通过的文件分配统一登记号。示例：reviewer archive register 1"""
    _outcome(fmt, a.register(document_id, date))


@command(archive, "publish")
@click.argument("document_id", type=ID)
@click.option("--date", type=DATE, required=True, help="公布日期，如 2025年3月20日 或 2025-03-20。")
@click.option("--channel", type=TEXT, required=True, help="公布渠道，如 政府公报、政府网站。")
def publish(a, fmt, document_id, date, channel):
    """记录公布，文件状态变为有效。示例：reviewer archive publish 1 --date 2024-03-01 --channel 政府公报"""
    _outcome(fmt, a.publish(document_id, date, channel))


@command(archive, "status")
@click.argument("document_id", type=ID)
@click.argument("status", type=click.Choice(["已修改", "已废止", "失效"]))
@click.option("--reason", type=TEXT, required=True, help="变更理由。")
@click.option("--by", "by", type=ID, default=None, help="修改或废止本文件的文件编号。")
@click.option("--date", type=DATE, default=None, help="生效日期（默认今天）。")
def status(a, fmt, document_id, status, reason, by, date):
    """变更文件效力状态。示例：reviewer archive status 1 已废止 --reason 上位法废止 --by 7"""
    _outcome(fmt, a.set_status(document_id, status, reason, by, date))


@command(archive, "show")
@click.argument("document_id", type=ID)
def show(a, fmt, document_id):
    """查看一份文件的全部信息：登记、日期、报备材料、版本、问题及处理、审查意见、效力变更。

    示例：reviewer archive show 1
    """
    info = a.show(document_id)
    _emit(fmt, info, "\n".join(show_lines(info)))


_SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def show_lines(info: dict) -> list[str]:
    """Everything `archive show -f json` holds, as lines a clerk reads."""
    dash = lambda value: value or "—"  # noqa: E731
    lines = [f"第 {info['id']} 号《{info['title']}》",
             f"  发文字号：{dash(info['doc_number'])}    登记号：{dash(info['number'])}",
             f"  制定机关：{dash(info['issuer'])}    层级：{info['level']}    来源：{info.get('source') or '—'}",
             f"  印发：{dash(info.get('issue_date'))}  公布：{dash(info.get('publish_date'))}  "
             f"施行：{dash(info.get('effective_date'))}  有效期至：{dash(info.get('expiry_date'))}  "
             f"报备：{dash(info.get('received_date'))}",
             f"  审查：{info['filing_status']}    状态：{info['status']}"]
    have = [label for column, label in PACKAGE_FLAGS.values() if info.get(column)]
    missing = [label for column, label in PACKAGE_FLAGS.values() if not info.get(column)]
    lines.append(f"  报备材料：{'、'.join(have) or '无'}" + (f"（缺：{'、'.join(missing)}）" if missing else ""))
    lines.append(f"  版本：{len(info['versions'])}")
    for v in info["versions"]:
        lines.append(f"    第 {v['version']} 版  {v['submitted_at']}  {v['submitted_by']}  {v.get('chars') or 0} 字"
                     f"  自动审查：{v.get('check_status') or '—'}  {v.get('path') or ''}"
                     f"{'  说明：' + v['note'] if v.get('note') else ''}")
    lines.append(f"  问题：{len(info['findings'])} 个")
    for n, f in enumerate(info["findings"], 1):
        decided = f"［{f['decision']}{'：' + f['reason'] if f['reason'] else ''}］" if f["decision"] else "［未处理］"
        lines.append(f"    {n}. {_SEVERITY_LABELS.get(f['severity'], f['severity'])} {f['locator'] or '—'} "
                     f"{f['code']} {f['title']}「{f['match']}」 指纹 {f['fingerprint']} {decided}")
    lines.append("  审查记录：" + ("" if info["reviews"] else "无"))
    for r in info["reviews"]:
        lines.append(f"    {r['reviewed_at']}  {r['reviewed_by']}  第 {r['version']} 版  {r['decision']}"
                     f"{'  意见：' + r['opinion'] if r['opinion'] else ''}")
    lines.append("  效力变更：" + ("" if info["status_history"] else "无"))
    for h in info["status_history"]:
        by = f"  依据第 {h['by_document_id']} 号文件" if h.get("by_document_id") else ""
        lines.append(f"    {h['date']}  {h['old_status'] or '—'} → {h['new_status']}  理由：{h['reason'] or '—'}{by}"
                     f"  （{h['recorded_by']} 记录于 {h['recorded_at']}）")
    return lines


LETTER_KINDS = ("审查意见书", "备案登记回执", "不予备案通知", "补正通知")


@command(archive, "letter")
@click.argument("document_id", type=ID)
@click.argument("kind", type=click.Choice(LETTER_KINDS), default="审查意见书", required=False)
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="输出的 .docx 文件。")
@click.option("--date", type=DATE, default=None, help="成文日期（默认今天），也决定文书编号的年度。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def letter(a, fmt, document_id, kind, out, date, force):
    """按公文格式出具审查意见书、备案登记回执、不予备案通知或补正通知（本机关字号自动编号）。

    \b
    示例：
      reviewer archive letter 1 审查意见书 -o 审查意见书.docx
      reviewer archive letter 1 备案登记回执 -o 回执.docx --date 2025年3月20日
      reviewer archive letter 2 补正通知 -o 补正通知.docx
    """
    _outcome(fmt, a.letter(document_id, kind, out, date, force))


@command(archive, "letter-template")
@click.argument("template")
def letter_template(a, fmt, template):
    """设置本机关文书字号的模板（须含 {year} 和 {seq}）。

    示例：reviewer archive letter-template {code}司审〔{year}〕{seq}号
    """
    _outcome(fmt, a.set_letter_template(template))


@command(archive, "text")
@click.argument("document_id", type=ID)
@click.option("--version", type=VERSION, default=None, help="版本号（默认当前版本）。")
def text(a, fmt, document_id, version):
    """输出某一版本的全文。示例：reviewer archive text 1 --version 1"""
    body = a.text(document_id, version)
    _emit(fmt, {"id": document_id, "version": version, "text": body}, body)


@command(archive, "list")
@click.option("--filing-status", type=click.Choice(["待审查", *DECISIONS]), default=None)
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.option("--issuer", type=TEXT, default=None)
@click.option("--limit", type=LIMIT, default=100, show_default=True)
def list_(a, fmt, filing_status, status, issuer, limit):
    """列出文件（最新在前）。示例：reviewer archive list --filing-status 待审查"""
    rows = a.documents(filing_status, status, issuer, limit)
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>6}  {r['filing_status']}  {r['status']}  {r['number'] or '—'}  {r['title']}" for r in rows)
        or "（无）")


@command(archive, "queue")
@click.option("--issuer", type=TEXT, default=None)
def queue(a, fmt, issuer):
    """审查队列：待审查（按审查期限剩余天数，逾期在前）、需纠正、需补正、已审查。示例：reviewer archive queue"""
    groups = a.queue(issuer)
    lines = []
    for stage, rows in groups.items():
        lines.append(f"【{stage}】{len(rows)} 件")
        for r in rows:
            left = ("" if "days_left" not in r else
                    f"  已逾期 {-r['days_left']} 天" if r["overdue"] else f"  剩余 {r['days_left']} 天")
            lines.append(f"{r['id']:>6}  {r['received_date']}{left}  {r['title']}")
    _emit(fmt, groups, "\n".join(lines))


@command(archive, "log")
@click.argument("document_id", type=ID, required=False)
@click.option("--limit", type=LIMIT, default=None, help="只显示最近若干条。")
def log_(a, fmt, document_id, limit):
    """查看变更日志（谁、何时、做了什么、为什么）。示例：reviewer archive log 1"""
    rows = a.log(document_id, limit)
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['at']}  {r['user']}  {r['action']}  {r['document_id'] or ''}  "
        f"{json.dumps(r['detail'], ensure_ascii=False)}{'  理由：' + r['reason'] if r['reason'] else ''}"
        for r in rows) or "（无）")


@command(archive, "search")
@click.argument("query")
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.option("--issuer", type=TEXT, default=None)
@click.option("--year", type=YEAR, default=None, help="公布（或印发）年度。")
@click.option("--level", default=None)
@click.option("--limit", type=LIMIT, default=20, show_default=True)
def search(a, fmt, query, status, issuer, year, level, limit):
    """全文检索标题、文号、制定机关和正文。示例：reviewer archive search 罚款 --status 有效"""
    hits = a.search(query, status=status, issuer=issuer, year=year, level=level, limit=limit)
    lines = []
    for h in hits:
        lines += [f"{h.id:>6}  《{h.title}》 {h.doc_number or ''} {h.number or ''} [{h.status}]", f"        {h.snippet}"]
    if not hits:
        near = a.similar(query, limit=3)
        lines.append("未找到。" + ("相近的标题：" + "；".join(f"{n['id']}《{n['title']}》" for n in near) if near else ""))
    _emit(fmt, {"query": query, "count": len(hits), "items": [h.to_dict() for h in hits]}, "\n".join(lines))


@command(archive, "similar")
@click.argument("title")
@click.option("--limit", type=LIMIT, default=5, show_default=True)
def similar(a, fmt, title, limit):
    """按标题模糊查找相近的文件。示例：reviewer archive similar 农贸市场管理办法"""
    rows = a.similar(title, limit)
    _emit(fmt, {"count": len(rows), "items": rows},
          "\n".join(f"{r['id']:>6}  {r['score']:>3}  {r['title']}" for r in rows) or "（无）")


@command(archive, "late")
def late(a, fmt):
    """列出迟报的文件。示例：reviewer archive late"""
    rows = a.late()
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>6}  公布 {r['publish_date']}  报备 {r['received_date']}  第 {r['days']} 天  {r['title']}"
        for r in rows) or "没有迟报的文件。")


@command(archive, "reconcile")
@click.argument("list_path", type=click.Path(dir_okay=False))
@click.option("--issuer", type=TEXT, default=None, help="表格没有“制定机关”列时，整张表所属的制定机关。")
def reconcile(a, fmt, list_path, issuer):
    """核对制定机关的发文目录（.xlsx/.csv），列出漏报的文件。示例：reviewer archive reconcile 发文目录.xlsx"""
    result = a.reconcile(list_path, issuer)
    _warn(fmt, result.get("warnings", ()))
    lines = [f"目录 {result['listed']} 件，已报备 {result['filed']} 件，漏报 {len(result['missing'])} 件"]
    lines += [f"  漏报：{m['issuer']} {m['doc_number'] or ''}《{m['title']}》" for m in result["missing"]]
    _emit(fmt, {"id": None, **result}, "\n".join(lines))


def _rate(value) -> str:
    return "—" if value is None else f"{value:.1%}"


@command(archive, "stats")
@click.option("--by", "granularity", type=click.Choice(["year", "quarter", "month"]), default="year",
              show_default=True, help="按年度、季度或月份分组。")
@click.option("--period", type=TEXT, default=None, help="只统计某一期间：2026、2026-Q3 或 2026-07。")
@click.option("--issuer", type=TEXT, default=None, help="只统计某一制定机关。")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="同时导出为 .xlsx（统计表、每月报备、问题类别、口径说明）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def stats(a, fmt, granularity, period, issuer, out, force):
    """按制定机关和期间统计报备率、及时率、规范率、纠错率、审查用时和审查结论（口径见 docs/dashboard.md）。

    \b
    示例：
      reviewer archive stats
      reviewer archive stats --by quarter --period 2026 --issuer 某市市场监督管理局
      reviewer archive stats --period 2026 -o 2026年备案审查统计.xlsx
    """
    result = a.indicators(granularity, period, issuer)
    if out:
        click.echo(a.figures_workbook(out, granularity, period, issuer, force).message, err=True)
    rows = [{**g.to_dict(), "year": g.period} if granularity == "year" else g.to_dict() for g in result.groups]
    lines = ["制定机关  期间  报备数  报备率  及时率  规范率  纠错率  平均审查用时  审查结论"]
    lines += [f"{r['issuer']}  {r['period_label']}  {r['filed']}  {_rate(r['filing_rate'])}  {_rate(r['on_time_rate'])}  "
              f"{_rate(r['standard_rate'])}  {_rate(r['correction_rate'])}  {_days(r['review_mean'])}  "
              + "，".join(f"{k}{v}" for k, v in sorted(r["outcomes"].items())) for r in rows]
    lines += [f"说明：{gap}" for gap in result.gaps]
    _emit(fmt, {"count": len(rows), "items": rows, "gaps": result.gaps}, "\n".join(lines))


def _days(value) -> str:
    return "—" if value is None else f"{value:g} 天"


@archive.group("suggestion")
def suggestion():
    """审查建议：登记、办理、答复、列出。"""


@command(suggestion, "add")
@click.argument("document_id", type=ID)
@click.option("--who", type=TEXT, required=True, help="建议人。")
@click.option("--kind", type=click.Choice(["公民", "法人或其他组织"]), default="公民", show_default=True)
@click.option("--channel", type=TEXT, required=True, help="来信、网站、电子邮件等。")
@click.option("--date", type=DATE, default=None, help="收到日期（默认今天）。")
@click.option("--text", "body", type=TEXT, required=True, help="建议内容。")
def suggestion_add(a, fmt, document_id, who, kind, channel, date, body):
    """登记一条审查建议。示例：reviewer archive suggestion add 3 --who 张三 --channel 来信 --text …"""
    _outcome(fmt, a.suggest(document_id, who, channel, body, date, kind))


@command(suggestion, "handle")
@click.argument("suggestion_id", type=ID)
@click.option("--note", type=TEXT, required=True, help="办理情况。")
def suggestion_handle(a, fmt, suggestion_id, note):
    """记录办理情况。示例：reviewer archive suggestion handle 1 --note 已函询制定机关"""
    _outcome(fmt, a.handle_suggestion(suggestion_id, note))


@command(suggestion, "reply")
@click.argument("suggestion_id", type=ID)
@click.option("--text", "body", type=TEXT, required=True, help="答复内容。")
@click.option("--date", type=DATE, default=None, help="答复日期（默认今天）。")
def suggestion_reply(a, fmt, suggestion_id, body, date):
    """记录答复并办结。示例：reviewer archive suggestion reply 1 --text 经审查…"""
    _outcome(fmt, a.reply_suggestion(suggestion_id, body, date))


@command(suggestion, "list")
@click.option("--all", "show_all", is_flag=True, help="包括已答复的建议。")
def suggestion_list(a, fmt, show_all):
    """列出未办结的审查建议（逾期的标出）。示例：reviewer archive suggestion list"""
    rows = a.suggestions(only_open=not show_all)
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>4}  文件 {r['document_id']}  {r['status']}  期限 {r['due_date']}{'  已逾期' if r['overdue'] else ''}"
        f"  {r['submitter']}：{r['text'][:40]}" for r in rows) or "没有未办结的审查建议。")


@command(archive, "export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--type", "kind", type=click.Choice(["xlsx", "csv", "json"]), default=None,
              help="导出格式（默认按扩展名）。")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="只导出这些状态，可重复。")
@click.option("--current", is_flag=True, help="只导出现行有效的文件（有效、已修改）。")
@click.option("--issuer", type=TEXT, default=None)
@click.option("--year", type=YEAR, default=None, help="公布年度。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def export(a, fmt, path, kind, statuses, current, issuer, year, force):
    """导出已公布文件目录（.xlsx/.csv/.json）。示例：reviewer archive export 目录.xlsx --current"""
    statuses = tuple(statuses) + (CURRENT_STATUSES if current else ())
    count = a.export(path, kind, statuses, issuer, year, force)
    _emit(fmt, {"id": None, "path": path, "rows": count}, f"已导出 {count} 条目录：{path}")


@command(archive, "import")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--check", is_flag=True, help="导入时对每份文件运行自动审查（较慢）。")
@set_option
def import_(a, fmt, sheet, folder, check, overrides):
    """导入已有文件：文件夹加一张元数据表（列：文件名、标题、发文字号、制定机关、公布日期、登记号、状态…）。

    中断后重新运行同一命令即可继续，已导入的文件会跳过。示例：reviewer archive import 目录.xlsx 文件夹/
    """
    from reviewer.cli.progress import progress_printer

    result = a.import_collection(sheet, folder, check, progress_printer("已处理", enabled=fmt != "json"),
                                 review=_review(overrides))
    a.optimize()
    _warn(fmt, result.get("warnings", ()))
    _emit(fmt, {"id": None, **result}, f"表格 {result['rows']} 行：导入 {result['imported']} 份，"
          f"跳过已导入的 {result['skipped']} 份")


@command(archive, "backup")
@click.argument("dest", type=click.Path(dir_okay=False))
def backup(a, fmt, dest):
    """用 SQLite 在线备份把档案库复制到一个新文件。示例：reviewer archive backup 备份_20240301.db"""
    size = a.backup(dest)
    _emit(fmt, {"id": None, "path": dest, "bytes": size}, f"已备份到 {dest}（{size} 字节）")


@command(archive, "integrity")
def integrity(a, fmt):
    """检查档案库文件是否完好（PRAGMA integrity_check）。示例：reviewer archive integrity"""
    result = a.integrity()
    _emit(fmt, {"id": None, "integrity": result}, "档案库完好。" if result == "ok" else f"档案库有问题：{result}")


@command(archive, "diff")
@click.argument("document_id", type=ID)
@click.option("--from", "old", type=VERSION, default=None, help="原版本号（默认为新版本的上一版）。")
@click.option("--to", "new", type=VERSION, default=None, help="新版本号（默认当前版本）。")
def diff(a, fmt, document_id, old, new):
    """逐条比较两个版本：修改、新增、删除的条文，[-删去-] 与 {+增加+} 标出改动，
    并提示涉及情态词（应当、可以、不得、须、禁止等）、金额和期限的改动。

    \b
    示例：reviewer archive diff 1
          reviewer archive diff 1 --from 1 --to 3
    """
    old, new, result = a.diff(document_id, old, new)
    payload = {"id": document_id, "from": old, "to": new, "unchanged": result.unchanged,
               "renumbered": result.renumbered, "changes": [dataclasses.asdict(c) | {"label": c.label}
                                                            for c in result.changes]}
    _emit(fmt, payload, "\n".join(diff_lines(document_id, old, new, result)))


def diff_lines(document_id: int, old: int, new: int, result) -> list[str]:
    """The plain-text form of a version comparison."""
    lines = [f"第 {document_id} 号文件：第 {old} 版 → 第 {new} 版。{result.summary()}"]
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    for change in result.changes:
        lines.append("")
        lines.append(f"【{change.status}】{change.label}")
        lines.extend(f"  ！{flag.describe()}" for flag in change.flags)
        for sign, side in (("-", change.old), ("+", change.new)):
            if side:
                text = "".join(marks[s.op].format(s.text) for s in side)
                lines.extend(f"  {sign} {line}" for line in text.split("\n"))
    if not result.changes:
        lines.append("两个版本的条文相同。")
    return lines


def _materials_given(items: tuple[str, ...]):
    """``材料=文件`` pairs (材料 by its name, 备案报告, or its key, report) read into Materials."""
    import os

    from reviewer.archive.materials import MAX_BYTES, Material
    from reviewer.errors import ArchiveError, UsageError

    kinds = {key: key for key in PACKAGE_FLAGS} | {label: key for key, (_, label) in PACKAGE_FLAGS.items()}
    out = []
    for item in items:
        kind, sep, path = item.partition("=")
        if not sep or kind.strip() not in kinds:
            raise UsageError(f"“{item}”：请写成 材料=文件，材料为 {'、'.join(v[1] for v in PACKAGE_FLAGS.values())} 之一")
        if not os.path.isfile(path):
            raise ArchiveError(f"{path}: 文件不存在")
        if os.path.getsize(path) > MAX_BYTES:
            raise ArchiveError(f"{path}: 超过 {MAX_BYTES // (1024 * 1024)} MB 的上限，请压缩或拆分后再报送")
        with open(path, "rb") as fh:
            out.append(Material(kinds[kind.strip()], os.path.basename(path), fh.read()))
    return tuple(out)


@command(archive, "materials")
@click.argument("document_id", type=ID)
@click.option("--add", "added", type=TEXT, multiple=True, metavar="材料=文件",
              help="补交材料（待审查、需纠正或退回补正时），如 起草说明=说明.docx，可重复。")
def materials(a, fmt, document_id, added):
    """列出一份报备文件的备案材料，或补交材料。

    \b
    示例：reviewer archive materials 1
          reviewer archive materials 1 --add 备案报告=报告.pdf --add 制定依据=依据.pdf
    """
    if added:
        _outcome(fmt, a.add_materials(document_id, _materials_given(added)))
        return
    rows = a.materials(document_id)
    _emit(fmt, {"id": document_id, "count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>6}  {r['label']}  {r['filename']}  {r['size']} 字节  {r['uploaded_at']}  {r['uploaded_by']}"
        f"{'' if r['current'] else '  （已被新文件替代）'}" for r in rows) or "（未上传材料文件）")


@command(archive, "resend")
@click.argument("document_id", type=ID)
@click.option("--material", "given", type=TEXT, multiple=True, required=True, metavar="材料=文件",
              help="补正的材料，如 集体讨论记录=纪要.pdf，可重复。")
@click.option("--note", type=TEXT, default=None, help="补正说明。")
def resend(a, fmt, document_id, given, note):
    """退回补正的文件补交材料后重新报送（正文有修改的请用 resubmit）。

    示例：reviewer archive resend 1 --material 集体讨论记录=纪要.pdf
    """
    _outcome(fmt, a.resend(document_id, _materials_given(given), note))


@command(archive, "signoff")
@click.argument("document_id", type=ID)
@click.option("--note", type=TEXT, default=None, help="签发意见。")
def signoff(a, fmt, document_id, note):
    """负责人签发审查通过的文件（设置了 --require-signoff 的档案库须先签发才能登记）。示例：reviewer archive signoff 1"""
    _outcome(fmt, a.signoff(document_id, note))


@command(archive, "registry")
@click.option("--issuer", type=TEXT, default=None, help="只看该制定机关的文件。")
def registry(a, fmt, issuer):
    """审查通过的文件：待签发、待登记（已签发）、待公布（已登记）。示例：reviewer archive registry"""
    groups = a.registry(issuer)
    lines = []
    for stage, rows in groups.items():
        lines.append(f"{stage}（{len(rows)} 件）")
        lines += [f"  {r['id']}\t{r['title']}\t{r['issuer'] or ''}\t{r['number'] or ''}" for r in rows]
    _emit(fmt, {"id": 0, **groups}, "\n".join(lines))


def _expiring_lines(result: dict) -> list[str]:
    lines = [f"有效期将在 {result['days']} 天内届满（截至 {result['today']}）：{len(result['expiring'])} 件"]
    lines += [f"{r['id']:>6}  有效期至 {r['expiry_date']}  剩余 {r['days_left']} 天  {r['issuer'] or ''}  《{r['title']}》"
              for r in result["expiring"]]
    lines.append(f"近 {result['days']} 天内已届满：{len(result['expired'])} 件")
    lines += [f"{r['id']:>6}  有效期至 {r['expiry_date']}  {'尚未标为失效' if r['pending'] else '已失效'}  "
              f"{r['issuer'] or ''}  《{r['title']}》" for r in result["expired"]]
    return lines


def _expired_lines(changed: list[dict]) -> list[str]:
    if not changed:
        return ["没有需要宣布失效的文件。"]
    return [f"已宣布失效 {len(changed)} 件："] + [
        f"{r['id']:>6}  有效期至 {r['expiry_date']}  {r['lapse_date']} 起失效  《{r['title']}》" for r in changed]


@command(archive, "expiring")
@click.option("--days", type=DAYS, default=None, help="提前多少天提醒（默认取设置 expiry_notice_days）。")
@click.option("--as-of", "as_of", type=DATE, default=None, help="按哪一天计算（默认今天）。")
@click.option("--issuer", type=TEXT, default=None, help="只列某一制定机关的文件。")
@click.option("--apply", "apply_", is_flag=True, help="同时把有效期已届满的文件标为失效（同 archive expire）。")
def expiring(a, fmt, days, as_of, issuer, apply_):
    """列出有效期即将届满和近期已届满的文件；--apply 同时宣布已届满的文件失效。

    \b
    示例：
      reviewer archive expiring
      reviewer archive expiring --days 60 --apply
    """
    changed = a.expire(as_of, f"reviewer archive expiring --apply（{a.user}）") if apply_ else None
    result = a.expiring(as_of, days, issuer)
    lines = (_expired_lines(changed) if changed is not None else []) + _expiring_lines(result)
    payload = {"id": None, **result, **({"expired_now": changed} if changed is not None else {})}
    _emit(fmt, payload, "\n".join(lines))


@command(archive, "expire")
@click.option("--as-of", "as_of", type=DATE, default=None, help="按哪一天计算（默认今天，不能晚于今天）。")
def expire(a, fmt, as_of):
    """把有效期已届满的文件标为失效（理由“有效期届满（日期）”，记入日志；重复运行不会重复变更）。

    示例：reviewer archive expire
    """
    changed = a.expire(as_of)
    _emit(fmt, {"id": None, "count": len(changed), "items": changed}, "\n".join(_expired_lines(changed)))


@command(archive, "annual-report")
@click.argument("year", type=YEAR)
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="输出的 .docx 文件。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def annual_report(a, fmt, year, out, force):
    """生成年度备案审查工作报告（草稿，公文格式）：各项数据已填入，【待填写】处由工作人员完成。

    示例：reviewer archive annual-report 2026 -o 2026年度备案审查工作报告.docx
    """
    _outcome(fmt, a.annual_report(out, year, force))
