"""Click in Chinese: usage, section headings, defaults, required, and every parsing error.

Click marks each of its messages for translation with ``gettext`` (``_()``/``ngettext()``
imported into each of its modules). The standard way to translate them, a compiled catalogue
under the process's locale, depends on LANG/LANGUAGE of whoever runs the tool; an office PC set
to English would get English help. So ``install()`` binds those names in click's modules to
the catalogue below instead, which is exact for the click version we run (strings it does not
know pass through unchanged, and a test runs every command's help and a set of bad inputs to
catch what a new click adds).

Names click builds without gettext — ``[OPTIONS]``, ``COMMAND [ARGS]...``, type metavars
(INTEGER, TEXT, PATH) and our own argument names — are translated by ``ChineseHelpFormatter``,
the help formatter of every context.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import click
import click.formatting

# click msgid → Chinese. Placeholders keep click's names; ``!r`` quoting becomes “…”.
CATALOGUE: dict[str, str] = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "Do you want to continue?": "是否继续？",
    "Repeat for confirmation": "再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致，请重新输入。",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Aborted!": "已中断。",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "unknown error": "未知错误",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name} 不需要取值。",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组值。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    # types
    "{value!r} is not {choice}.": "“{value}”不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选值之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 超出范围 {range}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是有效的是/否值，可用：{states}",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID。",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合以下任一格式：{formats}。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，给了 {len_value} 个。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，这里需要目录。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是目录，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
}

# Words in usage lines and option metavars that click writes without gettext.
USAGE_WORDS: dict[str, str] = {
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "INTEGER RANGE": "整数",
    "INTEGER": "整数",
    "FLOAT RANGE": "数字",
    "FLOAT": "数字",
    "TEXT": "文本",
    "PATH": "路径",
    "FILENAME": "文件",
    "FILE": "文件",
    "DIRECTORY": "目录",
    "BOOLEAN": "是/否",
    # our own arguments, named by their parameter (DOCUMENT_ID) unless a metavar says otherwise
    "DOCUMENT_ID": "文件编号",
    "SUGGESTION_ID": "建议编号",
    "PATHS": "文件",
    "LIST_PATH": "发文目录",
    "SHEET": "表格",
    "FOLDER": "文件夹",
    "DEST": "目标文件",
    "QUERY": "检索词",
    "TITLE": "标题",
    "STATUS": "状态",
    "KIND": "种类",
    "TEMPLATE": "模板",
    "CODE": "规则编号",
    "RUN_ID": "清理编号",
    "LAW": "法律",
}
_WORD = re.compile(r"\[OPTIONS\]|COMMAND \[ARGS\]\.\.\.|\b[A-Z][A-Z_]*(?: RANGE)?\b")


def translate(message: str) -> str:
    """click's message in Chinese, or the message itself when the catalogue lacks it."""
    return CATALOGUE.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def usage_words(text: str) -> str:
    """Usage and metavar words in Chinese: [OPTIONS] → [选项], INTEGER → 整数, DOCUMENT_ID → 文件编号."""
    return _WORD.sub(lambda m: USAGE_WORDS.get(m.group(0), m.group(0)), text)


class ChineseHelpFormatter(click.HelpFormatter):
    """Help pages with Chinese usage words and option metavars."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, usage_words(args), prefix)

    def write_heading(self, heading: str) -> None:
        # Chinese headings end with a full-width colon, not click's ASCII one.
        self.write(f"{'':>{self.current_indent}}{translate(heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns aligned by display width (a Chinese character takes two columns),
        the second wrapped to the terminal, as click does for Latin text."""
        rows = [(usage_words(first), second) for first, second in rows]
        if not rows:
            return
        first_width = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        text_width = max(self.width - first_width - self.current_indent, 20)
        for first, second in rows:
            pad = first_width - display_width(first)
            lines = wrap(second, text_width) or [""]
            if pad < col_spacing:  # a long first column: its text starts on the next line
                self.write(f"{'':>{self.current_indent}}{first}\n")
                lines_indent = " " * (self.current_indent + first_width)
                for line in lines:
                    self.write(f"{lines_indent}{line}\n")
                continue
            self.write(f"{'':>{self.current_indent}}{first}{' ' * pad}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{' ' * (self.current_indent + first_width)}{line}\n")


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_NO_LINE_START = frozenset("，。、；：！？）》」』】〉”’…")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; Chinese breaks anywhere, Latin words stay whole."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in re.findall(r"[A-Za-z0-9_.,:;/'\"()\[\]{}<>=+-]+|\s+|.", paragraph):
            size = display_width(token)
            # Chinese line-breaking: closing punctuation never starts a line, it hangs instead.
            if used + size > width and line.strip() and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line, used = "", 0
                if token.isspace():
                    continue
            line += token
            used += size
        lines.append(line.rstrip())
    return lines


def _modules() -> list:
    import click.core
    import click.decorators
    import click.exceptions
    import click.parser
    import click.termui
    import click.types
    import click.utils

    return [click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
            click.types, click.utils]


def install() -> None:
    """Bind click's gettext names to the catalogue and make Chinese help the default (idempotent)."""
    names: dict[str, Callable] = {"_": translate, "ngettext": translate_plural}
    for module in _modules():
        for name, function in names.items():
            if hasattr(module, name):
                setattr(module, name, function)
    click.Context.formatter_class = ChineseHelpFormatter
