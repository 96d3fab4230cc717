"""The one parser for dates people type: the forms offices write them in.

``2025年3月20日`` (also 二〇二五年三月二十日 and 号 for 日), ``2025/3/20``, ``2025.3.20``,
``2025-03-20`` and ``20250320``; full-width digits are accepted. Every date option of the CLI
and every date the archive takes from a user or a sheet goes through ``parse_date``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from reviewer.regexes import compile_re

EXAMPLES = "2025年3月20日、2025/3/20、2025.3.20 或 2025-03-20"

_SEPARATED = compile_re(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_CHINESE = compile_re(r"(\d{4}|[〇○Ｏ零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                      r"(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_COMPACT = compile_re(r"(\d{4})(\d{2})(\d{2})")
# The separated form inside running text (not part of a longer number: 2025-03-10, 2025.3.10).
_SEPARATED_IN_TEXT = compile_re(r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ\-－])(\d{4})([-/.－／．])(\d{1,2})\2(\d{1,2})(?![0-9０-９\-－])")
# A month and day with no year of their own (not the tail of 2025年3月14日).
_MONTH_DAY = compile_re(r"(?<![年0-9０-９〇零一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                        r"(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")


class DateError(ValueError):
    """A date that cannot be read; the message is Chinese and says which forms work."""


def parse_date(text: str, label: str = "日期") -> dt.date:
    """The date ``text`` names, or a DateError saying what was wrong."""
    raw = str(text)
    value = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    parts = _parts(value)
    if parts is None:
        raise DateError(f"{label}“{raw}”无法识别，请写成 {EXAMPLES}")
    try:
        return dt.date(*parts)
    except ValueError:
        raise DateError(f"{label}“{raw}”不是一个存在的日期") from None


def iso(text: str, label: str = "日期") -> str:
    """``parse_date`` as YYYY-MM-DD, the form the archive stores."""
    return parse_date(text, label).isoformat()


@dataclass(frozen=True)
class DateInText:
    """A date written in running text, where it stands, and whether its year was written."""

    start: int
    end: int
    day: dt.date
    year_written: bool = True


def dates_in(text: str, start: int = 0, end: int | None = None, year: int | None = None) -> list[DateInText]:
    """Every date written out in ``text[start:end]``, by position, in the forms ``parse_date`` reads
    (2025年3月10日, 二〇二五年三月十日 or 二○二五年…, 2025-03-10, 2025.3.10, 2025/3/10, full-width
    alike) except the bare 20250310, which running text uses for other numbers; dates that do not
    exist (2月30日) are left out. With ``year``, a month and day written without one
    (…至3月14日) is read in that year as well (``year_written`` False)."""
    stop = len(text) if end is None else end
    found = []
    for hit in _CHINESE.finditer(text, start, stop):
        day = _date_or_none(_number(hit.group(1)), hit.group(2), hit.group(3))
        if day is not None:
            found.append(DateInText(hit.start(), hit.end(), day))
    for hit in _SEPARATED_IN_TEXT.finditer(text, start, stop):
        day = _date_or_none(int(hit.group(1)), hit.group(3), hit.group(4))
        if day is not None:
            found.append(DateInText(hit.start(), hit.end(), day))
    if year is not None:
        for hit in _MONTH_DAY.finditer(text, start, stop):
            day = _date_or_none(year, hit.group(1), hit.group(2))
            if day is not None:
                found.append(DateInText(hit.start(), hit.end(), day, year_written=False))
    return sorted(found, key=lambda f: f.start)


def _date_or_none(year: int, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(year, _number(month), _number(day))
    except ValueError:
        return None


def _parts(value: str) -> tuple[int, int, int] | None:
    for pattern in (_SEPARATED, _COMPACT):
        hit = pattern.fullmatch(value)
        if hit:
            year, month, day = hit.group(1), hit.groups()[-2], hit.groups()[-1]
            return int(year), int(month), int(day)
    hit = _CHINESE.fullmatch(value)
    if hit:
        return _number(hit.group(1)), _number(hit.group(2)), _number(hit.group(3))
    return None


def _number(text: str) -> int:
    """Arabic or Chinese numerals (2025, 二〇二五, 十二), read by the project's numeral parser."""
    if text.isdigit():
        return int(text)
    from reviewer.numerals import cn_to_int

    return cn_to_int(text)
