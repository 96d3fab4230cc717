"""The one place dates are read: the forms offices write them in.

``parse_date`` reads a date people type — ``2025年3月20日`` (also 二〇二五年三月二十日 and 号 for 日),
``2025/3/20``, ``2025.3.20``, ``2025-03-20`` and ``20250320``; full-width digits are accepted. Every
date option of the CLI and every date the archive takes from a user or a sheet goes through it.
``TEXT_DATE_RE`` and ``dates_in`` find the dates written inside a document's running text (its
metadata, its closing provisions, the periods a clause sets): the same forms but the bare 20250310,
with the spaces and the missing 日 that typesetting leaves.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from reviewer.regexes import compile_re

EXAMPLES = "2025年3月20日、2025/3/20、2025.3.20 或 2025-03-20"

_SEPARATED = compile_re(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_CHINESE = compile_re(r"(\d{4}|[〇○Ｏ零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                      r"(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_COMPACT = compile_re(r"(\d{4})(\d{2})(\d{2})")
_D = "0-9０-９"
_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
TEXT_DATE_RE = compile_re(
    rf"(?P<y>[{_D}]{{4}})\s*年\s*(?P<m>[{_D}]{{1,2}})\s*月\s*(?P<d>[{_D}]{{1,2}})(?![{_D}])\s*日?"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[{_CN_SMALL}]{{1,3}})\s*月\s*(?P<cd>[{_CN_SMALL}]{{1,3}})\s*日"
    # not a piece of a longer number or code (ZB2025-01-05, v1.2025.3.1)
    rf"|(?<![{_D}.．A-Za-zＡ-Ｚａ-ｚ\-－])(?P<iy>[{_D}]{{4}})(?P<sep>[-./－／．])(?P<im>[{_D}]{{1,2}})(?P=sep)(?P<id>[{_D}]{{1,2}})(?![{_D}\-－])"
)
"""A date in running text: 2017年3月1日 (spaces and a missing 日 allowed), 二〇一七年三月一日, 2017-03-01, 2017.3.1."""
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


def date_of(match: re.Match[str]) -> dt.date | None:
    """The day a ``TEXT_DATE_RE`` match names; None when the numbers are not a real day (2月30日)."""
    g = match.groupdict()
    if g["y"]:
        parts = (g["y"], g["m"], g["d"])
    elif g["cy"]:
        parts = (g["cy"], g["cm"], g["cd"])
    else:
        parts = (g["iy"], g["im"], g["id"])
    try:
        return dt.date(*(_number(p) for p in parts))
    except ValueError:
        return None


def dates_in(text: str, start: int = 0, end: int | None = None, year: int | None = None) -> list[DateInText]:
    """Every date written in ``text[start:end]`` (``TEXT_DATE_RE``), by position; dates that do not
    exist (2月30日) are left out. With ``year``, a month and day written without one (…至3月14日)
    is read in that year as well (``year_written`` False)."""
    stop = len(text) if end is None else end
    found = []
    for hit in TEXT_DATE_RE.finditer(text, start, stop):
        day = date_of(hit)
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
