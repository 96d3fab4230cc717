"""发文字号 (document numbers): the one definition of their brackets, digits and written form.

A number is an issuer code, the year in brackets and a serial: 清河政发〔2019〕3号. Drafters
write the brackets as 〔〕, ﹝﹞, [], ［］, 【】, () or （） and the digits full- or half-width;
all of them mean the same document, so every part of the program compares numbers only in the
canonical form (〔〕, ASCII digits, no blanks, no 第, no leading zeros in the serial).
The two finders that read numbers out of running text (``reviewer.metadata`` for a document's
own number, ``reviewer.citations`` for cited ones) build their patterns from the pieces here.
"""

from __future__ import annotations

import re
from reviewer.regexes import compile_re

OPEN = "〔﹝［[【（("
CLOSE = "〕﹞］]】）)"
DIGITS = "0-9０-９"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# The bracketed year and the serial, as regex source with named groups ``year`` and ``serial``.
# Only 19xx and 20xx: a bracketed four-digit number of another kind is not a year.
YEAR = rf"[{re.escape(OPEN)}]\s*(?P<year>(?:19|20|１９|２０)[{DIGITS}]{{2}})\s*[{re.escape(CLOSE)}]"
SERIAL = rf"\s*第?\s*(?P<serial>[{DIGITS}]{{1,6}})\s*号"
_WHOLE_RE = compile_re(rf"(?P<code>[^\s{re.escape(OPEN)}]*?)\s*{YEAR}{SERIAL}")


def ascii_digits(text: str) -> str:
    """Full-width digits written as ASCII."""
    return text.translate(_FULLWIDTH_DIGITS)


def canonical(code: str, year: str, serial: str) -> str:
    """The canonical number from its parts: 清河政发, ２０１９, 03 → 清河政发〔2019〕3号."""
    return f"{code}〔{ascii_digits(year)}〕{int(ascii_digits(serial))}号"


def normalize_doc_number(raw: str) -> str:
    """A whole 发文字号 as a user or a document wrote it, in canonical form.

    Text that is not a number comes back without blanks and with ASCII digits, so two spellings
    of the same unusual string still compare equal.
    """
    text = re.sub(r"\s+", "", raw or "")
    match = _WHOLE_RE.fullmatch(text)
    if match is None:
        return ascii_digits(text)
    return canonical(match["code"], match["year"], match["serial"])
