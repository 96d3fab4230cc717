"""PDF reader: the text layer, page by page, extracted with pypdf.

pypdf was chosen over pdfminer.six because it is already a dependency and extracts Chinese
set in the standard CID fonts (e.g. STSong-Light, via their ToUnicode/UniGB maps) correctly,
full-width punctuation included; the tests check that on a PDF generated with reportlab.
Pages are joined with "\\n"; each line becomes one Block, ``ref=("page", p, n)`` with the
0-based page index p and the 0-based line n within that page.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator

from reviewer.errors import InputError
from reviewer.model import Block, SourceText
from reviewer.readers.common import (
    MAX_PDF_BYTES,
    display_path,
    iter_line_spans,
    normalise_newlines,
    read_bytes,
)

# Page limit: a normative document with annexes runs to dozens of pages, not thousands.
MAX_PDF_PAGES = 2_000

_NO_TEXT_MESSAGE = (
    "PDF 没有可提取的文字层（可能是扫描件或图片），无法审查；请先做 OCR 文字识别，或提供原始 Word 文件"
)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings about recoverable damage while we read; restore the level after.

    The user gets one clear line from us when a PDF is unusable, not pypdf's log chatter.
    """
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _page_texts(data: bytes, shown: str) -> list[str]:
    """Text of each page, newline-normalised, trailing newlines removed."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(shown, "PDF 设置了打开密码，请提供未加密的 PDF 或原始 Word 文件")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(shown, f"PDF 页数过多（{count} 页，上限 {MAX_PDF_PAGES} 页），请确认选对了文件")
        return [normalise_newlines(page.extract_text() or "").rstrip("\n") for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types (and needs extra packages for AES) on bad input
        raise InputError(
            shown, f"PDF 文件已损坏或无法解析（{type(exc).__name__}），请提供原始 Word 文件"
        ) from None


def read_pdf(path: str | os.PathLike) -> SourceText:
    """Read the text layer of a PDF; a PDF without one (a scan) is an InputError."""
    shown = display_path(path)
    data = read_bytes(path, MAX_PDF_BYTES)
    if b"%PDF-" not in data[:1024]:  # the header may follow up to 1 KB of junk
        raise InputError(shown, "文件不是有效的 PDF（缺少 PDF 文件头），请确认文件格式")
    with _quiet_pypdf():
        pages = _page_texts(data, shown)
    if not any(page.strip() for page in pages):
        raise InputError(shown, _NO_TEXT_MESSAGE)
    blocks: list[Block] = []
    offset = 0
    for p, page in enumerate(pages):
        blocks.extend(Block(offset + s, offset + e, ("page", p, n)) for n, (s, e) in enumerate(iter_line_spans(page)))
        offset += len(page) + 1
    return SourceText(shown, "pdf", "\n".join(pages), tuple(blocks), None)
