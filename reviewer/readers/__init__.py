"""Document readers: turn an input file (or stdin) into a ``SourceText``.

One module per format (txt, md, docx, pdf); this module picks the reader by suffix, expands
directory arguments, and turns every way a file can be unusable into an ``InputError`` with a
one-line Chinese message that says what to do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator

from reviewer.regexes import compile_re
from reviewer.errors import InputError
from reviewer.model import SourceText
from reviewer.readers.common import MAX_TEXT_BYTES, STDIN_NAME, check_size

__all__ = ["SUPPORTED_SUFFIXES", "LEGACY_SUFFIXES", "iter_input_files", "read"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".docx", ".txt", ".md", ".pdf"})
# Old binary word-processor formats: recognised so that the message can say how to convert them.
LEGACY_SUFFIXES: frozenset[str] = frozenset({".doc", ".wps"})

_SUPPORTED_LIST = "、".join(sorted(SUPPORTED_SUFFIXES, key=[".docx", ".txt", ".md", ".pdf"].index))


def _reader_for(suffix: str) -> Callable[[str | os.PathLike], SourceText]:
    """The reader function for a supported suffix (imported lazily, heavy imports stay lazy too)."""
    if suffix == ".docx":
        from reviewer.readers.docx import read_docx

        return read_docx
    if suffix == ".pdf":
        from reviewer.readers.pdf import read_pdf

        return read_pdf
    if suffix == ".md":
        from reviewer.readers.md import read_md

        return read_md
    from reviewer.readers.txt import read_txt

    return read_txt


def _unsupported(path: str, suffix: str) -> InputError:
    """The error for a suffix no reader handles, naming what to do."""
    if suffix in LEGACY_SUFFIXES:
        from reviewer.readers.docx import convert_command

        kind = "WPS" if suffix == ".wps" else "Word"
        return InputError(
            path,
            f"{suffix} 是旧版二进制 {kind} 格式，无法直接读取；请用 Word/WPS 另存为 .docx，"
            f"或执行：{convert_command(path)}",
        )
    if not suffix:
        return InputError(path, f"文件没有扩展名，无法判断格式；支持的格式：{_SUPPORTED_LIST}")
    return InputError(path, f"不支持 {suffix} 格式；支持的格式：{_SUPPORTED_LIST}")


def read(path: str | os.PathLike, *, stdin: bytes | None = None) -> SourceText:
    """Read one document and return its text with paragraph blocks.

    ``path == "-"`` reads standard input (the bytes in ``stdin`` if given, else
    ``sys.stdin.buffer``) as text, with the same encoding detection as .txt.
    Raises InputError with a Chinese message for anything that cannot be reviewed.
    """
    name = os.fspath(path)
    if name == "-":
        return _read_stdin(stdin)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if os.path.isdir(name):
            raise InputError(name, "这是一个目录，不是文件；请指定文件，或把目录作为检查对象传入")
        if not os.path.lexists(name):
            raise InputError(name, "文件不存在，请检查路径是否正确")
        if suffix in LEGACY_SUFFIXES and _is_zip(name):
            # A .docx saved under an old name: Word opens it, so should we.
            return _reader_for(".docx")(name)
        raise _unsupported(name, suffix)
    return _reader_for(suffix)(name)


def _is_zip(path: str) -> bool:
    """True when the file starts like a zip (an OOXML document), False when unreadable."""
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _read_stdin(stdin: bytes | None) -> SourceText:
    """Read text from standard input (or the given bytes)."""
    from reviewer.readers.txt import source_from_bytes

    if stdin is None:
        # One byte past the limit tells "too large" apart from "exactly at the limit".
        stdin = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    check_size(STDIN_NAME, len(stdin), MAX_TEXT_BYTES)
    return source_from_bytes(stdin, "-", "stdin", STDIN_NAME)


# Files a folder of drafts often holds besides the drafts: project notes, and the annotated
# copies `check -f docx` writes (草案.审查.docx). Named explicitly, they are still checked.
_NOT_DRAFTS = compile_re(r"(?i)^(?:readme|changelog|changes|license|licence|contributing|authors|notice)(?:\.[^.]*)?$"
                         r"|\.审查\.[^.]+$")


def _is_skipped(name: str) -> bool:
    """Hidden files/dirs and Office lock files (~$报告.docx) are never documents to review."""
    return name.startswith(".") or name.startswith("~$")


def is_not_a_draft(name: str) -> bool:
    """README.md, LICENSE, CHANGELOG.txt and our own 草案.审查.docx outputs, met inside a folder."""
    return bool(_NOT_DRAFTS.search(name))


def _walk_directory(root: str) -> list[str]:
    """Every supported file below ``root``, in sorted, deterministic order."""
    found: list[str] = []
    legacy = 0
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not _is_skipped(d))
        for filename in sorted(filenames):
            if _is_skipped(filename) or is_not_a_draft(filename):
                continue
            suffix = os.path.splitext(filename)[1].lower()
            if suffix in SUPPORTED_SUFFIXES:
                found.append(os.path.join(dirpath, filename))
            elif suffix in LEGACY_SUFFIXES:
                legacy += 1
    if errors:
        # Skipping an unreadable folder silently would leave documents unreviewed.
        error = errors[0]
        where = error.filename or root
        if isinstance(error, PermissionError):
            raise InputError(where, "没有读取该目录的权限，请检查目录权限")
        raise InputError(where, f"无法读取该目录（{error.strerror or error}）")
    if not found:
        hint = f"；另有 {legacy} 个旧版 .doc/.wps 文件，请先另存为 .docx" if legacy else ""
        raise InputError(root, f"目录中没有可审查的文件（支持的格式：{_SUPPORTED_LIST}）{hint}")
    return found


def skipped_non_drafts(paths: Iterable[str]) -> list[str]:
    """Files inside the given directories that ``iter_input_files`` leaves out as not drafts
    (README.md, LICENSE, 草案.审查.docx), so the caller can say so instead of skipping silently."""
    skipped: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if name == "-" or not os.path.isdir(name):
            continue
        for dirpath, dirnames, filenames in os.walk(name):
            dirnames[:] = sorted(d for d in dirnames if not _is_skipped(d))
            skipped += [os.path.join(dirpath, f) for f in sorted(filenames)
                        if not _is_skipped(f) and is_not_a_draft(f)]
    return skipped


def iter_input_files(paths: Iterable[str]) -> Iterator[str]:
    """Expand the command-line paths into the files to read.

    Directories expand to every supported file below them (sorted; hidden files and
    directories and Office lock files skipped). Files given explicitly are kept as-is, even
    with an unsupported suffix, so that ``read`` reports them. All paths are checked before
    the first one is yielded: a missing path raises InputError before any work is done.
    """
    expanded: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            expanded.append(name)
        elif os.path.isdir(name):
            expanded.extend(_walk_directory(name))
        elif os.path.lexists(name):
            expanded.append(name)
        else:
            raise InputError(name, "文件或目录不存在，请检查路径是否正确")
    return iter(expanded)
