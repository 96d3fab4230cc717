"""`reviewer check`: the drafter's pre-check."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from reviewer.cli.params import DATE
from reviewer.cli.types import TEXT
from reviewer.model import DEFAULT_LEVEL, LEVELS, Severity

FAIL_ON = ("error", "warning", "info", "never")


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select/--ignore accept repeated options and comma-separated lists."""
    return tuple(code.strip() for v in values for code in v.split(",") if code.strip())


def _use_colour(fmt: str, out: str | None) -> bool:
    if fmt != "text" or out or os.environ.get("NO_COLOR") or sys.stdout is None:
        return False
    return sys.stdout.isatty()


def _archive_laws(db_path: str | None):
    """The law base of the archive named by --db (None without one: the built-in data)."""
    if not db_path:
        return None
    from reviewer.archive import Archive

    with Archive.open(db_path) as archive:
        return archive.law_base()


def _say_skipped(paths) -> None:
    """Name the files a folder held that are not drafts (README …), on stderr."""
    from reviewer.readers import skipped_non_drafts

    skipped = skipped_non_drafts(paths)
    if skipped:
        shown = "、".join(os.path.basename(p) for p in skipped[:3]) + ("等" if len(skipped) > 3 else "")
        click.echo(f"已跳过 {len(skipped)} 个不是草案的文件（{shown}）；需要审查时请直接指定文件名", err=True)


def _letter_options(reports, office: str, number: str, date: str | None, db_path: str | None) -> dict:
    """Office, date and letter numbers of the 审查意见书: given on the command line, or taken
    from the archive's office settings and letter counter when --db names one."""
    import datetime as dt

    day = dt.date.fromisoformat(date) if date else dt.date.today()
    if not db_path:
        return {"office": office, "number": number, "date": day}
    from reviewer.archive import Archive
    from reviewer.report.opinion import document_title

    with Archive.open(db_path) as archive:
        numbers = [number or archive.draft_letter_number(document_title(r), r.document.text, day.year)
                   for r in reports]
        return {"office": office or archive.settings.office, "numbers": numbers, "date": day}


def _fails(reports, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for r in reports for f in r.findings)


def _protected(files: list[str]) -> list[str]:
    """Files an output must never replace: every input. (Any SQLite file, the archive included,
    and its -wal/-shm are refused by the output guard itself, without importing the archive.)"""
    return [f for f in files if f != "-"]


def _read_stdin() -> bytes:
    """Standard input, read no further than the size limit (one byte past it to tell 'too large')."""
    from reviewer.errors import InputError
    from reviewer.readers.common import MAX_TEXT_BYTES, STDIN_NAME

    if sys.stdin is None:
        raise InputError(STDIN_NAME, "标准输入已关闭，没有可审查的内容；请指定文件，或把文本通过管道传入")
    try:
        return sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise InputError(STDIN_NAME, f"无法读取标准输入（{exc}）") from None


def _print_notes(reports) -> None:
    """What the reader wants the user to know about a file (unaccepted tracked changes …), on stderr."""
    for report in reports:
        for note in getattr(report.document.source, "notes", ()):
            click.echo(f"提示：{report.path}：{note}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json", "docx", "opinion", "xlsx", "html"]),
              help="输出格式：text 文本、json、docx 批注副本、opinion 审查意见书、xlsx 表格、html 网页。")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True),
              help="输出文件（docx、opinion、xlsx、html 必填；text、json 默认输出到标准输出）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它（默认拒绝，以免覆盖正在阅读的批注件等）。")
@click.option("--level", default=DEFAULT_LEVEL, show_default=True, type=click.Choice(LEVELS),
              help="文件层级：不同层级可设定的事项不同（如规章可设定警告和一定数额罚款）。")
@click.option("--fail-on", default="warning", show_default=True, type=click.Choice(FAIL_ON),
              help="有该级别及以上问题时退出码为 1。")
@click.option("--select", multiple=True, help="只运行编号以此开头的规则，如 PENALTY 或 FEE001（可重复或用逗号分隔）。")
@click.option("--ignore", multiple=True, help="不运行编号以此开头的规则（可重复或用逗号分隔）。")
@click.option("--author", type=TEXT, default="合法性审查", show_default=True, help="Word 批注的作者名。")
@click.option("--office", default="", help="审查意见书的发文机关（版头和落款），如 云岭县司法局。")
@click.option("--letter-number", default="", help="审查意见书本身的发文字号，如 云司审〔2025〕3号；不填则留空待填。")
@click.option("--date", "letter_date", type=DATE, default=None, help="审查意见书的成文日期（默认今天）。")
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False, exists=True),
              help="对照该档案库审查：库中记录的法律修改、废止优先于内置数据；审查意见书取库中的本机关名称和"
                   "文书字号（自动编号，同一草案重出时沿用原号）。")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
              help="使用该目录下的规则包，而非内置规则。")
@click.option("--set", "overrides", multiple=True, metavar="名称=数值",
              help="按本地规定调整审查设置，如 --set max_validity_years=3 --set min_days_to_effect=30 "
                   "（可选：max_validity_years、max_provisional_validity_years、min_days_to_effect、max_rule_fine）。")
def check(paths, fmt, out, force, level, fail_on, select, ignore, author, office, letter_number, letter_date,
          db_path, rules_dir, overrides):
    """审查草案中无权设定的条款（许可、处罚、强制、处分、收费、减损权利、越权、排除竞争）。

    文件 可以是 .docx、.txt、.md、.pdf 文件、目录（审查其中所有支持的文件），或 - 表示标准输入。

    \b
    示例：
      reviewer check 草案.docx
      reviewer check 草案.docx -f docx -o 草案.审查.docx
      reviewer check 文件夹/ -f json | jq '.summary'
      reviewer check 规章草案.docx --level 规章

    退出码：0 无 --fail-on 级别以上的问题；1 有问题；2 用法或输入错误。
    """
    with _collector_paused():
        _check(paths, fmt, out, force, level, fail_on, select, ignore, author, office, letter_number, letter_date,
               db_path, rules_dir, overrides)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for one command. Checking a .txt allocates tens of
    thousands of objects and leaves almost no cycles (356 cyclic objects after 204 documents,
    measured), so the collector's passes cost ~15 ms of a 200 ms run and free nothing. A .docx leaves
    more (~5 MB a file), so a folder is collected between files. The collector is resumed afterwards
    for callers that go on (the tests, which invoke the command in their own process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(paths: tuple[str, ...], fmt: str, out: str | None, force: bool, level: str, fail_on: str,
           select: tuple[str, ...], ignore: tuple[str, ...], author: str, office: str, letter_number: str,
           letter_date: str | None, db_path: str | None, rules_dir: str | None, overrides: tuple[str, ...]) -> None:
    from reviewer.cli.rulesets import check_codes, load_ruleset
    from reviewer.context import ReviewContext
    from reviewer.errors import ReviewerError, UsageError
    from reviewer.pipeline import check_path
    from reviewer.readers import iter_input_files
    from reviewer.report import write_report
    from reviewer.settings import DEFAULT_SETTINGS, with_overrides

    settings = with_overrides(DEFAULT_SETTINGS, overrides)
    ruleset = load_ruleset(rules_dir)
    select, ignore = _split_codes(select), _split_codes(ignore)
    check_codes(ruleset, select, "--select")
    check_codes(ruleset, ignore, "--ignore")
    ctx = ReviewContext.build(rules=ruleset, settings=settings, laws=_archive_laws(db_path)).selecting(
        tuple(select), tuple(ignore))
    files = list(iter_input_files(paths))
    _say_skipped(paths)
    protected = _protected(files)
    if out and not (fmt == "docx" and (os.path.isdir(out) or len(files) > 1)):
        from reviewer.outputs import check_output_path, refuse_existing

        check_output_path(out, protected)  # before the work, not after it (a folder of copies is checked per file)
        refuse_existing(out, force)
    reports, input_errors = [], 0
    stdin_bytes = _read_stdin() if "-" in files else None
    for i, path in enumerate(files, 1):
        if len(files) > 1:
            click.echo(f"[{i}/{len(files)}] {path}", err=True)
            if i > 1:
                gc.collect()  # reading a .docx leaves cycles (~5 MB a file): a folder must not hold them all
        try:
            reports.append(check_path(path, level=level, stdin=stdin_bytes if path == "-" else None, ctx=ctx))
        except ReviewerError as exc:
            if len(files) == 1:
                raise
            click.echo(f"错误：{exc.message}", err=True)
            input_errors += 1

    colour = _use_colour(fmt, out)
    options = {"colour": colour} if fmt == "text" else {"author": author} if fmt in ("docx", "opinion") else {}
    if fmt == "opinion":
        options.update(_letter_options(reports, office, letter_number, letter_date, db_path))
    _print_notes(reports)
    text = write_report(reports, fmt, out, protected, **options)
    if text is not None:
        if sys.stdout is None:
            raise UsageError("标准输出已关闭，无法输出结果；请用 -o 指定输出文件")
        click.echo(text, nl=False, color=colour)
    elif out:
        click.echo(f"已写入 {out}", err=True)
    if input_errors:
        sys.exit(2)
    sys.exit(1 if _fails(reports, fail_on) else 0)
