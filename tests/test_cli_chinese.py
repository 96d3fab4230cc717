"""The CLI speaks Chinese throughout: every help page and a set of bad inputs, through the real
command group, must show none of click's English; dates in the forms offices write them;
ranges for --accept/--dismiss; archive show, similar and number search as promised."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reviewer.cli.main import cli
from reviewer.dates import DateError, parse_date

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MEASURE = CORPUS / "示例_违规_市场管理办法.docx"
CLICK_ENGLISH = re.compile(
    r"Usage|Options|Commands|Show this message|Show the version|default|required|is not one of|is not a valid"
    r"|Error:|Try '|Missing (?:argument|option|parameter)|No such (?:option|command)|Got unexpected|does not exist"
    r"|\[OPTIONS\]|COMMAND \[ARGS\]|\bINTEGER\b|\bTEXT\b|\bPATH\b|\bFILE\b|\bDOCUMENT_ID\b"
)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def every_command(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from every_command(command, click.Context(command, parent=ctx, info_name=name), (*path, name))


COMMANDS = [()] + list(every_command(cli, click.Context(cli, info_name="reviewer")))


def test_every_command_is_listed():
    assert ("check",) in COMMANDS and ("archive", "letter") in COMMANDS and ("archive", "suggestion", "add") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "reviewer")
def test_help_pages_have_no_english_from_click(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法："), result.output[:80]
    assert not CLICK_ENGLISH.search(result.output), CLICK_ENGLISH.search(result.output).group(0)


BAD_INPUTS = [
    ("archive", "review", "abc"),
    ("archive", "review", "1", "-d", "同意"),
    ("archive", "review", "1"),
    ("archive", "list", "--limit", "abc"),
    ("archive", "register", "1", "--date", "明天"),
    ("archive", "publish", "1", "--date", "2025-02-30", "--channel", "网站"),
    ("archive", "status", "1", "作废", "--reason", "x"),
    ("archive", "show"),
    ("archive", "show", "1", "2"),
    ("archive", "export", "x.xlsx", "--type", "pdf"),
    ("archive", "letter", "1", "通知书", "-o", "x.docx"),
    ("archive",),
    ("check",),
    ("check", "--level", "条例", "a.txt"),
    ("check", "--nope", "a.txt"),
    ("check", "-o"),
    ("check", "/nonexistent/草案.docx"),
    ("nosuch",),
]


@pytest.mark.parametrize("args", BAD_INPUTS, ids=" ".join)
def test_bad_inputs_get_chinese_messages_and_exit_2(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert re.search(r"[\u4e00-\u9fff]", result.output)
    assert not CLICK_ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("text", ["2025年3月20日", "2025/3/20", "2025.3.20", "2025-03-20", "二〇二五年三月二十日",
                                  "２０２５年３月２０日", "20250320"])
def test_dates_in_the_forms_offices_write_them(text):
    assert parse_date(text).isoformat() == "2025-03-20"


@pytest.mark.parametrize(("text", "why"), [("2025-02-30", "不是一个存在的日期"), ("明天", "无法识别"),
                                           ("2025/3.20", "无法识别"), ("", "无法识别")])
def test_bad_dates_say_what_is_wrong(text, why):
    with pytest.raises(DateError, match=why):
        parse_date(text)


# -- the archive, end to end ------------------------------------------------------------------


def run(db: Path, *args: str, code: int = 0):
    result = invoke("archive", "--db", str(db), *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def json_of(db: Path, *args: str) -> dict:
    return json.loads(run(db, *args, "-f", "json").stdout)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    db = tmp_path / "reviewer.db"
    run(db, "init", "--office", "清河区司法局", "--code", "清河")
    run(db, "submit", str(MEASURE), "--received-date", "2025年3月12日", "--report", "--legality")
    return db


def test_accept_a_range_and_dismiss_the_rest_in_one_command(archive):
    count = len(json_of(archive, "show", "1")["findings"])
    assert count >= 10
    refused = run(archive, "review", "1", "-d", "需纠正", "--accept", "1-5", "--dismiss", "5=有依据", code=2)
    assert "第 5 个问题不能同时采纳和驳回" in refused.stderr
    assert "超出范围" in run(archive, "review", "1", "-d", "需纠正", "--accept", f"1-{count + 1}", code=2).stderr
    done = json_of(archive, "review", "1", "-d", "需纠正", "--accept", "1-3,5", "--accept", "7",
                   "--dismiss", f"8-{count}=经核实有上位法依据", "--opinion", "第四条等须修改")
    assert (done["accepted"], done["dismissed"]) == (5, count - 7)
    decisions = [f["decision"] for f in json_of(archive, "show", "1")["findings"]]
    assert decisions[:8] == ["采纳", "采纳", "采纳", None, "采纳", None, "采纳", "驳回"]


def test_accept_all(archive):
    count = len(json_of(archive, "show", "1")["findings"])
    assert json_of(archive, "review", "1", "-d", "不予备案", "--accept", "全部")["accepted"] == count


def test_show_is_as_complete_as_its_json(archive):
    run(archive, "review", "1", "-d", "需纠正", "--accept", "1", "--dismiss", "2=有依据", "--opinion", "请修改第四条")
    text = run(archive, "show", "1").stdout
    data = json_of(archive, "show", "1")
    for expected in ("错误", "提示", "［采纳］", "［驳回：有依据］", "［未处理］", "意见：请修改第四条", "需纠正",
                     "报备材料：备案报告、合法性审核意见", "缺：起草说明", "第 1 版", "效力变更：无",
                     "报备：2025-03-12", "施行：2025-04-01"):
        assert expected in text, expected
    for finding in data["findings"]:
        assert finding["fingerprint"] in text
    assert data["reviews"][0]["opinion"] in text


def test_similar_finds_a_measure_inside_its_notice(archive):
    items = json_of(archive, "similar", "清河区农贸市场管理办法")["items"]
    assert items and items[0]["id"] == 1 and items[0]["score"] >= 95
    assert json_of(archive, "similar", "某县殡葬管理办法")["items"] == []


def test_search_by_part_of_a_registration_number(archive):
    run(archive, "review", "1", "-d", "需纠正", "--accept", "全部")
    run(archive, "resubmit", "1", str(CORPUS / "示例_合法_管理办法.docx"))
    run(archive, "review", "1", "-d", "通过", "--dismiss", "全部=已纠正")
    number = json_of(archive, "register", "1", "--date", "2025年4月1日")["number"]
    assert number == "清河规〔2025〕1号"
    for part in (number, "〔2025〕1号", "规〔2025〕"):
        hits = json_of(archive, "search", part)["items"]
        assert [h["id"] for h in hits][:1] == [1], part


def test_check_of_a_folder_skips_readme_and_hidden_files_unless_named(tmp_path):
    folder = tmp_path / "草案"
    folder.mkdir()
    shutil.copy(CORPUS / "示例_违规_通知.txt", folder / "通知.txt")
    (folder / "README.md").write_text("# 说明\n本目录存放草案。", encoding="utf-8")
    (folder / ".草稿.txt").write_text("对违反规定的，处500元罚款。", encoding="utf-8")
    (folder / "通知.审查.docx").write_bytes(b"not a draft")
    result = invoke("check", str(folder), "-f", "json")
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["通知.txt"]
    assert "已跳过 2 个不是草案的文件（README.md、通知.审查.docx）" in result.stderr
    named = invoke("check", str(folder / "README.md"), "-f", "json")
    assert named.exit_code in (0, 1) and len(json.loads(named.stdout)["documents"]) == 1


def test_db_and_user_work_after_the_subcommand_too(archive, tmp_path):
    shown = invoke("archive", "show", "1", "--db", str(archive), "-f", "json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == 1
    folder = tmp_path / "待清理"
    folder.mkdir()
    shutil.copy(CORPUS / "示例_违规_通知.txt", folder / "通知.txt")
    audited = invoke("audit", "run", "--folder", str(folder), "--db", str(tmp_path / "清理.db"),
                     "--user", "王清理", "--as-of", "2025年6月1日", "-f", "json")
    assert audited.exit_code == 0, audited.output
    log = invoke("archive", "log", "--db", str(tmp_path / "清理.db"), "-f", "json")
    assert "王清理" in {e["user"] for e in json.loads(log.stdout)["items"]}


# Messages click raises only at a programmer (a command declared wrongly), never at a user.
DEVELOPER_ONLY = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Unknown standard stream '{name}'",
    "Unknown color {colour!r}",
    "Choice({choices})",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Press any key to continue...",
    "Repeat for confirmation",
    "Error: The two entered values do not match.",
    "Error: invalid input",
}


def test_the_catalogue_covers_every_message_click_can_show_a_user():
    """A new click release that adds a message fails here instead of leaking English."""
    import ast

    from reviewer.cli.i18n import CATALOGUE

    root = Path(click.__file__).parent
    missing = set()
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils", "termui"):
        for node in ast.walk(ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        if arg.value not in CATALOGUE and arg.value not in DEVELOPER_ONLY:
                            missing.add(arg.value)
    assert not missing, sorted(missing)


def test_help_text_wraps_by_display_width_and_never_starts_a_line_with_closing_punctuation():
    from reviewer.cli.i18n import display_width, wrap

    lines = wrap("不运行编号以此开头的规则（可重复或用逗号分隔）。输出格式：text 供人阅读，json 供脚本使用。", 20)
    assert all(display_width(line) <= 22 for line in lines)
    assert not any(line[0] in "，。、；：）" for line in lines)
    assert "".join(lines).replace(" ", "") == "不运行编号以此开头的规则（可重复或用逗号分隔）。输出格式：text供人阅读，json供脚本使用。"
