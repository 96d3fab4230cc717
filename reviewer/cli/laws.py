"""`reviewer laws …`: the law catalogue in the archive and the citation index. Click only: each
command parses its arguments, calls one method of ``Archive.laws`` (reviewer.archive.lawbook) and
prints; opening the archive brings its law base up to date, so reading writes nothing."""

from __future__ import annotations

import click

from reviewer.archive.db import ENV_DB, default_path
from reviewer.cli.archive import _emit, command
from reviewer.cli.params import DATE
from reviewer.cli.types import LIMIT, TEXT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar=ENV_DB, default=None,
              help=f"档案库文件（默认 ./reviewer.db，或环境变量 {ENV_DB}）。")
@click.option("--user", type=TEXT, default=None, help="记入变更日志的操作人（默认为登录名）。")
@click.pass_context
def laws(ctx: click.Context, db_path: str | None, user: str | None) -> None:
    """上位法目录：导入、记录立改废、查询哪些文件引用了某部法律的某一条。

    \b
    示例：
      reviewer laws import catalog.csv
      reviewer laws change 行政处罚法 --amended 2021-01-22
      reviewer laws change 公司登记管理条例 --repealed 2022-03-01 --replaced-by 市场主体登记管理条例
      reviewer laws cites 行政处罚法 --article 16
    """
    ctx.obj = {"db": db_path or default_path(), "user": user}


@command(laws, "import")
@click.argument("path", type=click.Path(dir_okay=False))
def import_(a, fmt, path):
    """导入上位法目录（catalog.csv 格式，或含 标题、状态 等中文列的 .csv）。示例：reviewer laws import catalog.csv"""
    counts = a.laws.import_catalogue(path)
    d = counts.to_dict()
    _emit(fmt, {"id": None, "path": path, **d},
          f"已导入 {path}：{d['rows']} 部法律法规，新增 {d['added']}，更新 {d['changed']}，无变化 {d['unchanged']}"
          + (f"；{len(d['kept_manual'])} 部保留手工记录的状态" if d["kept_manual"] else ""))


@command(laws, "change")
@click.argument("title")
@click.option("--amended", default=None, type=DATE, help="修改（修正、修订）日期，如 2025年3月20日。")
@click.option("--repealed", default=None, type=DATE, help="废止日期，如 2025年3月20日。")
@click.option("--replaced-by", default=None, metavar="标题", help="取代它的法律法规（与 --repealed 一起用）。")
@click.option("--reason", type=TEXT, default=None, help="说明（如 公报、决定文号）。")
def change(a, fmt, title, amended, repealed, replaced_by, reason):
    """记录上位法的修改或废止。示例：reviewer laws change 行政处罚法 --amended 2021-01-22"""
    from reviewer.archive.intake import check_date
    from reviewer.errors import UsageError
    from reviewer.laws.changes import AMENDED, REPEAL, LawChange

    if bool(amended) == bool(repealed):
        raise UsageError("请且只请给出 --amended 或 --repealed 之一")
    kind, date = (AMENDED, amended) if amended else (REPEAL, repealed)
    result = a.laws.change(LawChange(title, kind, check_date(date), replaced_by, reason)).to_dict()
    tail = f"，由《{result['replaced_by']}》取代" if result["replaced_by"] else ""
    _emit(fmt, {"id": result["law_id"], **result},
          f"已记录：《{result['title']}》于 {result['date']} {result['kind']}（{result['previous']} → {result['status']}）{tail}")


@command(laws, "list")
@click.option("--status", default=None, help="只列出该状态（有效/已修改/已废止/尚未生效/未知）。")
@click.option("--level", default=None, help="只列出该层级（法律、行政法规 …）。")
@click.option("--search", "query", default=None, help="标题或简称包含的文字。")
@click.option("--limit", type=LIMIT, default=100, show_default=True)
def list_(a, fmt, status, level, query, limit):
    """列出目录中的法律法规。示例：reviewer laws list --status 已废止"""
    rows = a.laws.listing(status, level, query, limit)
    _emit(fmt, {"count": len(rows), "items": rows}, "\n".join(
        f"{r['id']:>5}  {r['status']}  {r['level'] or '—'}  {r['title']}"
        + (f"（{r['repealed_date'] or ''}废止" + (f"，由《{r['replaced_by']}》取代" if r['replaced_by'] else "") + "）"
           if r["status"] == "已废止" else "") for r in rows) or "（无）")


@command(laws, "show")
@click.argument("title")
def show(a, fmt, title):
    """查看一部法律法规的状态与沿革。示例：reviewer laws show 行政处罚法"""
    law, history = a.laws.show(title)
    d = law.to_dict()
    lines = [f"《{law.title}》  {law.level or '—'}  {law.issuer or '—'}  状态：{law.status}",
             f"  简称：{'、'.join(law.short) or '—'}  公布：{d['publish_date'] or '—'}  施行：{d['effective_date'] or '—'}"]
    lines += [f"  {e['date'] or '（日期不详）'}  {e['kind']}  {e['detail'] or ''}  来源：{e['source']}" for e in history]
    _emit(fmt, {**d, "events": history}, "\n".join(lines))


@command(laws, "cites")
@click.argument("title")
@click.option("--article", default=None, help="条号：16 或 第十六条。")
@click.option("--all", "all_statuses", is_flag=True, help="包括已废止、失效的文件。")
def cites(a, fmt, title, article, all_statuses):
    """哪些文件引用了某部法律（某一条）。示例：reviewer laws cites 行政处罚法 --article 16"""
    found = a.laws.cites(title, article, all_statuses)
    law, number, docs = found.law, found.article_no, found.documents
    what = f"《{law.title}》" + (f"第{number}条" if number else "")
    _emit(fmt, {"law": law.title, "law_id": law.id, "article_no": number, "count": len(docs),
                "items": [d.to_dict() for d in docs]},
          "\n".join([f"引用{what}的文件 {len(docs)} 份："] + [
              f"{d.id:>6}  {d.number or '—'}  {d.doc_number or '—'}  《{d.title}》  {d.status}  {'、'.join(d.articles)}"
              for d in docs]))
