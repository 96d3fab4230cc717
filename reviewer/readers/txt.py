"""Plain-text reader: .txt files and standard input.

Encodings met in practice: UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's
"Unicode"), and GB18030/GBK (what older Chinese office software saves by default).
Detection is deterministic: BOM first, then strict UTF-8, then strict GB18030 accepted only
when the result reads like Chinese text. Anything else is reported, never guessed at.
"""

from __future__ import annotations

import codecs
import os

from reviewer.errors import InputError
from reviewer.model import SourceText
from reviewer.regexes import compile_re
from reviewer.readers.common import (
    MAX_TEXT_BYTES,
    display_path,
    line_blocks,
    normalise_newlines,
    read_bytes,
    require_content,
)

# Share of characters that must be CJK, Chinese punctuation or ordinary ASCII text for a
# GB18030 decoding to be believed. Wrong decodings of other byte streams produce rare
# ideographs mixed with private-use, Latin-1 and box-drawing characters, and fall well below.
MIN_CHINESE_TEXT_SHARE = 0.95
# Control characters (besides tab, newline, CR, form feed) tolerated before calling a text binary.
MAX_CONTROL_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (BOM, codec used to decode, encoding name reported)
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Magic numbers of binary formats people rename or mistake for text, to say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"%PDF-", "PDF 文件（请把扩展名改为 .pdf）"),
    (b"PK\x03\x04", "压缩包或 Office 文档（如 .docx/.xlsx，请使用正确的扩展名）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 二进制文件（如 .doc/.wps/.xls）"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "可执行程序"),
)

_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# Unicode's control characters (category Cc: C0, DEL and C1) other than the layout ones above.
_CONTROL_RE = compile_re("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _not_text(shown: str, data: bytes) -> InputError:
    """The error for bytes that are not a text document, naming the format when recognisable."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return InputError(shown, f"不是文本文档，内容看起来是{what}")
    return InputError(
        shown,
        "不是文本文档（二进制内容或无法识别的编码）；请另存为 UTF-8 编码的 .txt，或使用 .docx",
    )


def _looks_binary(text: str) -> bool:
    """True when decoded text contains NULs or more than a sprinkle of control characters."""
    if "\x00" in text:
        return True
    controls = len(_CONTROL_RE.findall(text))  # one C pass; a per-character loop was a tenth of reading
    return controls > len(text) * MAX_CONTROL_SHARE


def _is_chinese_text_char(ch: str) -> bool:
    """Characters expected in a Chinese document: CJK, CJK/full-width punctuation, plain ASCII."""
    code = ord(ch)
    if code < 0x80:
        return ch.isprintable() or ch in _TEXT_CONTROLS
    return (
        0x3400 <= code <= 0x4DBF  # CJK extension A (e.g. 㐀, outside GBK but in GB18030)
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and beyond
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation: 、。〔〕「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: ，：；（）
        or 0x2000 <= code <= 0x206F  # general punctuation: “”‘’…—
        or 0x2460 <= code <= 0x24FF  # enclosed numbers: ①②
        or 0x2160 <= code <= 0x217F  # Roman numerals: Ⅰ Ⅱ
        or 0x3200 <= code <= 0x32FF  # enclosed CJK: ㈠
        or 0x2190 <= code <= 0x21FF  # arrows: →
        or 0x25A0 <= code <= 0x26FF  # shapes and symbols used as bullets: ■●★
        or code in (0x00B7, 0x00D7, 0x00F7, 0x00A7, 0x00B0, 0x2103, 0x2116)  # ·×÷§°℃№
    )


def looks_chinese(text: str) -> bool:
    """True when ``text`` reads like Chinese prose rather than a wrong decoding."""
    if not text:
        return False
    good = sum(1 for ch in text if _is_chinese_text_char(ch))
    has_cjk = any("\u3400" <= ch <= "\u9fff" or ch >= "\U00020000" for ch in text)
    return has_cjk and good >= len(text) * MIN_CHINESE_TEXT_SHARE


def decode_text(data: bytes, shown: str) -> tuple[str, str]:
    """Decode document bytes; return (text with \\n newlines, encoding name).

    Raises InputError when the bytes are not a text document in a supported encoding.
    """
    text: str | None = None
    encoding = ""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), name
            except UnicodeDecodeError:
                raise InputError(
                    shown, f"文件开头标明为 {name} 编码，但内容无法按该编码解码，文件可能已损坏"
                ) from None
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if text is None:
        try:
            candidate = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _not_text(shown, data) from None
        if not looks_chinese(candidate):
            raise _not_text(shown, data)
        text, encoding = candidate, "gb18030"
    if _looks_binary(text):
        raise _not_text(shown, data)
    return normalise_newlines(text), encoding


def source_from_bytes(data: bytes, path: str, fmt: str, shown: str) -> SourceText:
    """Build a SourceText from raw text bytes: decode, normalise newlines, one Block per line."""
    if not data.strip():
        raise InputError(shown, "文件内容为空（只有空白字符），没有可审查的内容")
    text, encoding = decode_text(data, shown)
    require_content(shown, text)
    return SourceText(path, fmt, text, line_blocks(text), encoding)


def read_txt(path: str | os.PathLike, fmt: str = "txt") -> SourceText:
    """Read a plain-text file in any supported encoding."""
    shown = display_path(path)
    data = read_bytes(path, MAX_TEXT_BYTES)
    return source_from_bytes(data, shown, fmt, shown)
