"""`reviewer audit …`: cleanup audits (清理) over the archive. Click only: each command parses its
arguments, calls one method of ``reviewer.audit.api`` and prints."""

from __future__ import annotations

import click

from reviewer.archive.db import ENV_DB, default_path
from reviewer.audit.records import AuditSettings
from reviewer.cli.archive import _emit, command, set_option
from reviewer.cli.params import DATE
from reviewer.cli.types import ID, MONTHS, TEXT, WORKERS, YEARS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar=ENV_DB, default=None,
              help=f"档案库文件（默认 ./reviewer.db，或环境变量 {ENV_DB}）。")
@click.option("--user", type=TEXT, default=None, help="记入变更日志的操作人（默认为登录名）。")
@click.pass_context
def audit(ctx: click.Context, db_path: str | None, user: str | None) -> None:
    """定期清理：审计全部现行有效文件，导出清理结果表，应用决定并发布目录。

    \b
    示例：
      reviewer audit run --workers 2
      reviewer audit export -o 清理结果.xlsx
      reviewer audit apply 清理结果.xlsx
      reviewer audit run --folder 文件夹/ --db 清理.db     # 没有档案库时
    """
    ctx.obj = {"db": db_path or default_path(), "user": user}


def _progress(fmt: str):
    from reviewer.cli.progress import progress_printer

    return progress_printer("审计", enabled=fmt != "json")


@command(audit, "run", opens=False)
@click.option("--workers", "-j", type=WORKERS, default=1, show_default=True, help="并行进程数。")
@click.option("--as-of", default=None, type=DATE, help="审计基准日，如 2025年3月20日（默认今天）。")
@click.option("--expiring-months", type=MONTHS, default=AuditSettings.expiring_months, show_default=True,
              help="有效期在多少个月内届满的也列出。")
@click.option("--provisional-years", type=YEARS, default=None,
              help="暂行、试行文件未规定有效期时的最长期限（年），即 --set max_provisional_validity_years=…（默认 2）。")
@click.option("--no-recheck", is_flag=True, help="不重新运行审查规则（只查上位法、有效期和重复）。")
@click.option("--folder", default=None, type=click.Path(file_okay=False),
              help="审计一个文件夹中的文件（没有档案库时；载入 --db 指定的工作库）。")
@click.option("--restart", is_flag=True, help="放弃未完成的审计，重新开始。")
@set_option
def run(obj, fmt, workers, as_of, expiring_months, provisional_years, no_recheck, folder, restart, overrides):
    """审计全部现行有效文件，提出 继续有效/修改/废止/宣布失效 的建议；中断后重新运行即可继续。

    示例：reviewer audit run --workers 2
    """
    from dataclasses import asdict

    from reviewer.archive import Archive
    from reviewer.archive.intake import check_date
    from reviewer.audit.api import Audits, open_for_folder
    from reviewer.audit.lock import exclusive
    from reviewer.settings import DEFAULT_SETTINGS, with_overrides

    if provisional_years is not None:
        overrides = (f"max_provisional_validity_years={provisional_years}", *overrides)
    review = with_overrides(DEFAULT_SETTINGS, overrides)
    changed = {k: v for k, v in asdict(review).items() if v != getattr(DEFAULT_SETTINGS, k)}
    settings = AuditSettings(expiring_months=expiring_months, recheck=not no_recheck, review=changed,
                             **({"as_of": check_date(as_of)} if as_of else {}))
    if folder:
        archive, loaded = open_for_folder(obj["db"], folder, obj["user"])
        if fmt != "json":
            click.echo(f"文件夹 {folder}：{loaded['files']} 份，新载入 {loaded['added']} 份", err=True)
            for problem in loaded["problems"]:
                click.echo(f"提醒：{problem}", err=True)
    else:
        archive = Archive.open(obj["db"], user=obj["user"])
    # One run at a time per archive, whether started here or from the web workspace.
    with archive, exclusive(archive.path):
        summary = Audits(archive).run(settings, workers, _progress(fmt), restart, folder)
    s = summary.to_dict()
    counts = "，".join(f"{k} {v}" for k, v in s["outcomes"].items())
    _emit(fmt, {"id": s["run_id"], **s},
          f"第 {s['run_id']} 次清理审计{'（续）' if s['resumed'] else ''}完成：{s['total']} 份文件，本次计算 "
          f"{s['computed']} 份，此前已完成 {s['skipped']} 份。建议：{counts}")


@command(audit, "export")
@click.option("-o", "--output", "path", required=True, type=click.Path(dir_okay=False), help="输出 .xlsx 文件。")
@click.option("--run", "run_id", type=ID, default=None, help="审计批次（默认最近完成的一次）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它（其中已填写的决定会丢失）。")
def export(a, fmt, path, run_id, force):
    """导出清理结果表：汇总、按建议结论分表（含空白“决定”列）、与上次相比。示例：reviewer audit export -o 清理结果.xlsx"""
    from reviewer.audit.api import Audits

    result = Audits(a).export(path, run_id, force)
    counts = "，".join(f"{k} {v}" for k, v in result["outcomes"].items())
    _emit(fmt, {"id": result["run_id"], **result},
          f"已导出第 {result['run_id']} 次审计的 {result['documents']} 份文件到 {path}（{counts}；与上次相比变化 "
          f"{result['changes']} 项）")


@command(audit, "apply")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--lists-dir", default=None, type=click.Path(file_okay=False),
              help="现行有效目录、废止和失效目录的输出文件夹（默认与清理结果表相同）。")
@click.option("--force", is_flag=True, help="文件夹中已有这两份目录时用本次结果替换（默认拒绝，且不应用任何决定）。")
def apply(a, fmt, path, lists_dir, force):
    """校验并应用清理结果表中的“决定”（全部成功或全部不改），然后导出现行有效目录、废止和失效目录。

    文件夹中已有同名目录时不会覆盖：整个命令停止、不作任何修改；加 --force 才替换，或用 --lists-dir 换一个文件夹。

    示例：reviewer audit apply 清理结果.xlsx
    """
    from reviewer.audit.api import Audits

    result = Audits(a).apply(path, lists_dir, force)
    counts = "，".join(f"{k} {v}" for k, v in result["decisions"].items())
    _emit(fmt, {"id": result["run_id"], **result},
          f"已应用第 {result['run_id']} 次审计的 {result['applied']} 项决定（{counts}）；"
          f"目录：{'、'.join(result['lists'].values())}")


@command(audit, "list")
def list_(a, fmt):
    """列出历次清理审计。示例：reviewer audit list"""
    from reviewer.audit.api import Audits

    rows = Audits(a).listing()
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>4}  {r['status']}  {r['started_at']}  {r['done']}/{r['total']}  "
        + "，".join(f"{k} {v}" for k, v in r["outcomes"].items()) for r in rows) or "（还没有清理审计）")


@command(audit, "show")
@click.argument("document_id", type=ID)
@click.option("--run", "run_id", type=ID, default=None, help="审计批次（默认最近完成的一次）。")
def show(a, fmt, document_id, run_id):
    """查看一份文件在某次审计中的建议与理由。示例：reviewer audit show 12"""
    from reviewer.audit.api import Audits
    from reviewer.audit.workbook import reasons_text

    run_id, item = Audits(a).result(document_id, run_id)
    _emit(fmt, {"run_id": run_id, **item},
          f"第 {document_id} 号《{item['title']}》建议：{item['outcome']}\n{reasons_text(item['reasons'])}")
