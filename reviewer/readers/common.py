"""Shared helpers for the format readers: size limits, raw byte loading, line blocks.

Each limit is a named constant so an operator can see (and a test can reference) what
"too large" means; none of them is mutable at run time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from reviewer.errors import InputError
from reviewer.model import Block
from reviewer.regexes import compile_re

MB = 1024 * 1024

# Largest plain-text input (.txt, .md, stdin). A normative document is a few hundred KB at most;
# anything far larger is a log, a dump or a mistake, and would only make matching slow.
MAX_TEXT_BYTES = 50 * MB
# Largest .docx file on disk (compressed); images make real ones bigger than their text suggests.
MAX_DOCX_BYTES = 50 * MB
# Largest .pdf file on disk; scanned annexes can be large, but we only read the text layer.
MAX_PDF_BYTES = 100 * MB

# What the user sees in place of a path when the text came from standard input.
STDIN_NAME = "标准输入"

_NEWLINES = compile_re(r"\r\n?")


def display_path(path: str | os.PathLike) -> str:
    """The path as the user typed it, for messages and reports.

    A name that is not UTF-8 arrives with lone surrogates, which no UTF-8 output (JSON, HTML,
    xlsx, the archive) can hold; they are shown as U+FFFD.
    """
    from reviewer.sanitize import clean_text

    return clean_text(os.fsdecode(path))


def file_size(path: str | os.PathLike) -> int:
    """Size of a regular file in bytes, turning OS errors into one-line Chinese messages."""
    shown = display_path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(shown, "文件不存在，请检查路径是否正确") from None
    except PermissionError:
        raise InputError(shown, "没有读取该文件的权限，请检查文件权限") from None
    except OSError as exc:
        raise InputError(shown, f"无法访问该文件（{exc.strerror or exc}）") from None
    if os.path.isdir(path):
        raise InputError(shown, "这是一个目录，不是文件；请指定文件，或把目录作为检查对象传入") from None
    return st.st_size


def check_size(path: str | os.PathLike, size: int, limit: int) -> None:
    """Refuse empty files and files larger than ``limit`` bytes."""
    shown = display_path(path)
    if size == 0:
        raise InputError(shown, "文件为空（0 字节），没有可审查的内容")
    if size > limit:
        raise InputError(
            shown,
            f"文件过大（{size / MB:.1f} MB，上限 {limit // MB} MB），"
            "请确认选对了文件，或拆分后再审查",
        )


def read_bytes(path: str | os.PathLike, limit: int) -> bytes:
    """Read a whole file after checking that it exists, is readable, non-empty and within ``limit``."""
    size = file_size(path)
    check_size(path, size, limit)
    shown = display_path(path)
    try:
        with open(path, "rb") as fh:
            # Read one byte past the limit: the file may have grown since stat().
            data = fh.read(limit + 1)
    except PermissionError:
        raise InputError(shown, "没有读取该文件的权限，请检查文件权限") from None
    except OSError as exc:
        raise InputError(shown, f"读取文件失败（{exc.strerror or exc}）") from None
    check_size(path, len(data), limit)
    return data


def normalise_newlines(text: str) -> str:
    """Turn \\r\\n and lone \\r into \\n; nothing else changes, so offsets stay predictable."""
    return _NEWLINES.sub("\n", text)


def require_content(shown: str, text: str) -> None:
    """Refuse a text with nothing but whitespace (full-width spaces included)."""
    if not text.strip():
        raise InputError(shown, "文件内容为空（只有空白字符），没有可审查的内容")


def iter_line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text``; ``end`` excludes the newline.

    A trailing newline does not start a further, empty line.
    """
    start = 0
    length = len(text)
    while start < length:
        nl = text.find("\n", start)
        if nl < 0:
            yield start, length
            return
        yield start, nl
        start = nl + 1


def line_blocks(text: str) -> tuple[Block, ...]:
    """One Block per line, ``ref=("line", n)`` with n 0-based."""
    return tuple(Block(s, e, ("line", n)) for n, (s, e) in enumerate(iter_line_spans(text)))
