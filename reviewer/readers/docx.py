"""Word (.docx) reader.

The text is the body's paragraphs in reading order, joined by "\\n", with one Block per
paragraph: ``ref=("para", k)``. ``iter_paragraphs`` defines that order and is shared with
the Word-comments writer, which reopens the same file and finds paragraph k again; so the
walk below is purely structural (XML order) and never depends on content.

Before anything is parsed, the zip container is inspected: Word files are zips, and a hostile
or broken zip must be refused cheaply rather than inflated into memory.

Reading needs only the body part (word/document.xml, which the container check requires) and
one walk over its XML, so the reader parses that part with lxml directly. python-docx, which
the Word-comments writer uses to edit a copy, costs 55–85 ms to import here: more than the whole
rest of a 12,000-character check's reading and as much as its rules, on every drafter's run.
Both walk the same elements with the same functions (``paragraph_elements``, ``run_text``), and
a test compares the two on varied documents, so paragraph k is the same paragraph for both.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reviewer.errors import InputError
from reviewer.model import Block, SourceText
from reviewer.readers.common import (
    MAX_DOCX_BYTES,
    MB,
    check_size,
    display_path,
    file_size,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

# Zip-bomb guards, checked on the zip directory before anything is decompressed.
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * MB  # all members together
MAX_DOCX_MEMBERS = 10_000
MAX_MEMBER_RATIO = 100  # uncompressed : compressed ...
MAX_RATIO_MEMBER_BYTES = 10 * MB  # ... only suspicious for members larger than this

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK"
# Name of the stream an encrypted OOXML file keeps inside its OLE2 container (UTF-16LE).
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
# Wrappers that hold block content without changing its order: content controls and custom XML.
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"


# Word's final view ("accept all changes"): inserted and moved-in runs are text, deleted and
# moved-out runs are not. Inline wrappers whose runs Word shows are looked through.
_R, _INS, _DEL = _W + "r", _W + "ins", _W + "del"
_MOVE_TO, _MOVE_FROM = _W + "moveTo", _W + "moveFrom"
_INLINE_WRAPPERS = frozenset({_W + "hyperlink", _INS, _MOVE_TO, _W + "smartTag",
                              _CUSTOM_XML, _SDT, _SDT_CONTENT})


def final_runs(p_element) -> list:
    """The ``w:r`` elements of a paragraph that Word shows once all tracked changes are accepted."""
    runs: list = []
    stack = [iter(p_element.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _R:
            runs.append(child)
        elif child.tag in _INLINE_WRAPPERS:
            stack.append(iter(child.iterchildren()))
    return runs


# What each child of a w:r contributes to its text, as python-docx's ``CT_R.text`` reads it:
# w:t its characters, a tab a TAB, a line break or carriage return a newline (a page or column
# break nothing), a non-breaking hyphen a hyphen. Deleted text (w:delText) is not text.
_T, _BR = _W + "t", _W + "br"
_FIXED_PIECES = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_BR_TYPE = _W + "type"


def piece_text(element) -> str:
    """The characters one child of a ``w:r`` adds to the run's text."""
    tag = element.tag
    if tag == _T:
        return element.text or ""
    if tag == _BR:
        return "\n" if element.get(_BR_TYPE, "textWrapping") == "textWrapping" else ""
    return _FIXED_PIECES.get(tag, "")


def run_text(r) -> str:
    """The text of one ``w:r`` element."""
    return "".join(piece_text(child) for child in r.iterchildren())


def element_text(p_element) -> str:
    """A ``w:p`` element's text in Word's final view (python-docx's ``Paragraph.text`` drops w:ins)."""
    return "".join(run_text(r) for r in final_runs(p_element))


def paragraph_text(paragraph: Paragraph) -> str:
    """``element_text`` of a python-docx Paragraph."""
    return element_text(paragraph._p)


def tracked_changes_note(body) -> str | None:
    """A note for the user when the body element still holds unaccepted insertions or deletions."""
    inserted = sum(1 for _ in body.iter(_INS, _MOVE_TO))
    deleted = sum(1 for _ in body.iter(_DEL, _MOVE_FROM))
    if not inserted and not deleted:
        return None
    return (f"文档含有未接受的修订（插入 {inserted} 处、删除 {deleted} 处），已按接受全部修订后的文本审查；"
            "定稿前请在 Word 中接受或拒绝修订")


def _wrapped_children(element) -> Iterator:
    """Children of ``element``, looking through content controls and custom-XML wrappers."""
    for child in element.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped_children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _wrapped_children(child)
        else:
            yield child


def paragraph_elements(container) -> Iterator:
    """The ``w:p`` elements of a body or a table cell in reading order, descending into tables.

    Body paragraphs and paragraphs inside tables (row by row, cell by cell, nested tables in
    place) interleave as they appear in the XML. Cells are the row's ``w:tc`` elements, not
    python-docx's grid view (``row.cells``), which repeats a cell once per grid column it spans;
    each ``w:tc`` is visited exactly once.
    """
    for child in _wrapped_children(container):
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            for row in _wrapped_children(child):
                if row.tag != _TR:
                    continue
                for tc in _wrapped_children(row):
                    if tc.tag == _TC:
                        yield from paragraph_elements(tc)


def iter_paragraphs(document: DocxDocument) -> Iterator[Paragraph]:
    """The python-docx Paragraphs of the document body in the reader's order (``paragraph_elements``).

    Headers, footers, footnotes and comments are not part of the body.
    """
    from docx.text.paragraph import Paragraph

    body = document._body
    return (Paragraph(p, body) for p in paragraph_elements(body._element))


def _check_container(path: str | os.PathLike, shown: str) -> None:
    """Refuse files that are not a sane Word zip, before python-docx inflates anything."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            rest = fh.read(64 * 1024) if head == _OLE2_MAGIC else b""
    except OSError as exc:
        raise InputError(shown, f"读取文件失败（{exc.strerror or exc}）") from None
    if head == _OLE2_MAGIC:
        if _ENCRYPTED_MARK in rest:
            raise InputError(shown, "文档设置了打开密码（已加密），请在 Word/WPS 中取消密码后另存为 .docx 再审查")
        raise InputError(
            shown,
            "文件实际是旧版二进制 Word/WPS 格式（只是扩展名为 .docx），请用 Word/WPS 另存为 .docx，"
            f"或执行：{convert_command(path)}",
        )
    if not head.startswith(_ZIP_MAGIC):
        raise InputError(shown, "文件已损坏或不是 Word 文档（.docx 应为 zip 格式），请用 Word/WPS 重新另存为 .docx")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(shown, "文件已损坏（zip 结构无法读取），请用 Word/WPS 重新另存为 .docx") from None
    _check_members(infos, shown)


def _check_members(infos: list[zipfile.ZipInfo], shown: str) -> None:
    """Apply the zip-bomb limits and require a Word body part."""
    if len(infos) > MAX_DOCX_MEMBERS:
        raise InputError(shown, f"文件内部条目过多（{len(infos)} 个，上限 {MAX_DOCX_MEMBERS}），疑似异常文件，已拒绝读取")
    total = sum(info.file_size for info in infos)
    if total > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise InputError(
            shown,
            f"文件解压后过大（{total / MB:.0f} MB，上限 {MAX_DOCX_UNCOMPRESSED_BYTES // MB} MB），"
            "疑似异常文件（压缩炸弹），已拒绝读取",
        )
    for info in infos:
        if info.file_size > MAX_RATIO_MEMBER_BYTES and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise InputError(shown, f"文件内部条目 {info.filename} 压缩比异常，疑似压缩炸弹，已拒绝读取")
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise InputError(shown, "这是 Excel 表格而不是 Word 文档，请提交 .docx 文件")
        if "ppt/presentation.xml" in names:
            raise InputError(shown, "这是 PowerPoint 演示文稿而不是 Word 文档，请提交 .docx 文件")
        raise InputError(shown, "文件已损坏或不是 Word 文档（缺少正文 word/document.xml），请用 Word/WPS 重新另存为 .docx")


def convert_command(path: str | os.PathLike) -> str:
    """The LibreOffice command that converts an old .doc/.wps file to .docx next to it."""
    name = os.fspath(path)
    folder = os.path.dirname(name)
    outdir = f" --outdir {_shell_word(folder)}" if folder else ""
    return f"soffice --headless --convert-to docx{outdir} {_shell_word(name)}"


def _shell_word(word: str) -> str:
    """Quote a path for a shell command only when it needs it (Chinese names do not)."""
    if any(ch.isspace() or ch in "'\"$`\\!*?;&|<>()[]{}#~" for ch in word):
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'
    return word


def _checked(path: str | os.PathLike) -> str:
    """The path as shown to the user, once the size and container checks have passed."""
    shown = display_path(path)
    check_size(path, file_size(path), MAX_DOCX_BYTES)
    _check_container(path, shown)
    return shown


def _unparsable(shown: str, exc: Exception) -> InputError:
    return InputError(shown, f"文件已损坏，无法解析 Word 内容（{type(exc).__name__}），请用 Word/WPS 重新另存为 .docx")


def open_document(path: str | os.PathLike) -> DocxDocument:
    """Open a .docx with python-docx (for editing) after the container checks; any failure is an InputError."""
    shown = _checked(path)
    import docx

    try:
        return docx.Document(os.fspath(path))
    except InputError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many types on broken input
        raise _unparsable(shown, exc) from None


def _body(path: str | os.PathLike, shown: str):
    """The ``w:body`` element of the document part, parsed as python-docx parses it (no entity
    expansion, ignorable blanks dropped)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("word/document.xml")
        root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    except Exception as exc:  # zipfile and lxml raise many types on broken input
        raise _unparsable(shown, exc) from None
    body = root.find(_W + "body")
    if root.tag != _W + "document" or body is None:
        raise InputError(shown, "文件已损坏，Word 正文结构不完整（缺少 w:body），请用 Word/WPS 重新另存为 .docx")
    return body


def read_docx(path: str | os.PathLike) -> SourceText:
    """Read the body text of a .docx: one Block per paragraph, ``ref=("para", k)``."""
    shown = _checked(path)
    body = _body(path, shown)
    texts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    try:
        for k, p in enumerate(paragraph_elements(body)):
            text = element_text(p)
            texts.append(text)
            blocks.append(Block(offset, offset + len(text), ("para", k)))
            offset += len(text) + 1
        note = tracked_changes_note(body)
    except Exception as exc:  # malformed XML inside an otherwise valid package
        raise InputError(shown, f"文件内容结构异常，无法读取段落（{type(exc).__name__}），请用 Word/WPS 重新另存为 .docx") from None
    text = "\n".join(texts)
    if not text.strip():
        raise InputError(shown, "文档正文为空（没有文字内容），没有可审查的内容；如为扫描件，请提供原始 Word 文件")
    origin = os.fspath(path) if os.fspath(path) != shown else None
    return SourceText(shown, "docx", text, tuple(blocks), None, (note,) if note else (), origin)
