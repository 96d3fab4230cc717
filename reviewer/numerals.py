"""Chinese numerals ↔ integers: 第十二条, 二〇一七年, 五万元, 一百零五.

Documents mix Chinese numerals, Arabic digits and full-width digits freely, so every
number that reaches a locator or a date goes through here to get one canonical form.
"""

from __future__ import annotations

import re
from reviewer.regexes import compile_re

_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_CN_DIGITS = "零一二三四五六七八九"
_YEAR_DIGITS = "〇一二三四五六七八九"

# Full-width digits → ASCII, so "１２" parses like "12".
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

_ARABIC_RE = compile_re(r"[0-9]+")
_AMOUNT_RE = compile_re(
    r"(?:人民币)?\s*"
    r"(?:(?P<arabic>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<unit>[千万亿])?"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+))"
    r"\s*元(?![化旦素宵])"
)
_UNIT_VALUES = {"千": 1000.0, "万": 10_000.0, "亿": 100_000_000.0}


def cn_to_int(s: str) -> int:
    """Parse a Chinese, Arabic or full-width numeral into an int.

    Handles unit forms (十二, 一百零五, 一万二千, 三亿), digit-by-digit years
    (二〇一七 → 2017) and digits mixed with big units (3万 → 30000).
    Raises ValueError when the string is not a numeral.
    """
    text = s.strip().translate(FULLWIDTH_DIGITS)
    if not text:
        raise ValueError(f"empty numeral: {s!r}")
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) > 1 and all(ch in _DIGITS for ch in text):
        # No units at all: read digit by digit, as in years (二〇一七).
        return int("".join(str(_DIGITS[ch]) for ch in text))
    return _parse_with_units(text, s)


def numeral_or_none(s: str) -> int | None:
    """``cn_to_int(s)``, or None when ``s`` is not a numeral (a marker, a period, a date part that
    only may be one)."""
    try:
        return cn_to_int(s)
    except ValueError:
        return None


def _parse_with_units(text: str, original: str) -> int:
    """Parse a numeral written with 十/百/千/万/亿 units."""
    total = 0  # everything above the current 万/亿 group
    section = 0  # value of the current group below 万
    number: int | None = None  # last digit (or Arabic run) not yet multiplied
    last_small = 10_000  # units inside a group must decrease: 千 > 百 > 十
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii() and ch.isdigit():
            run = _ARABIC_RE.match(text, i)
            assert run is not None
            if number:
                raise ValueError(f"not a numeral: {original!r}")
            number = int(run.group())
            i = run.end()
            continue
        if ch in _DIGITS:
            if number:  # two non-zero digits in a row without a unit
                raise ValueError(f"not a numeral: {original!r}")
            number = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                raise ValueError(f"not a numeral: {original!r}")
            # A bare 十 (十, 十一, 一百十) means 一十; a bare 百 or 千 leading the numeral (百日) means 一百, 一千.
            section += (1 if number is None and (unit == 10 or i == 0) else (number or 0)) * unit
            if number == 0:
                raise ValueError(f"not a numeral: {original!r}")
            last_small, number = unit, None
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            group = section + (number or 0)
            if unit == 100_000_000:
                total = (total + group) * unit
            else:
                if group == 0 and total == 0:
                    raise ValueError(f"not a numeral: {original!r}")
                total += group * unit
            section, number, last_small = 0, None, 10_000
        else:
            raise ValueError(f"not a numeral: {original!r}")
        i += 1
    return total + section + (number or 0)


def _group_to_cn(n: int) -> str:
    """Write 0 < n < 10000 in Chinese, with 零 for inner gaps (1005 → 一千零五)."""
    out: list[str] = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CN_DIGITS[digit] + name)
    return "".join(out)


def int_to_cn(n: int) -> str:
    """Write a non-negative int in Chinese numerals: 12 → 十二, 105 → 一百零五, 50000 → 五万."""
    if n < 0:
        raise ValueError(f"negative numbers are not supported: {n}")
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    names = ["", "万", "亿", "万亿"]
    if len(groups) > len(names):
        raise ValueError("number too large")
    out: list[str] = []
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        group = groups[idx]
        if group == 0:
            need_zero = bool(out)
            continue
        # A gap before this group (a zero group, or a group below 1000) is read as 零.
        if out and (need_zero or group < 1000):
            out.append("零")
        out.append(_group_to_cn(group) + names[idx])
        need_zero = False
    text = "".join(out)
    # 10–19 at the head of the number drop the 一: 十二, 十万, but 一百一十.
    if text.startswith("一十"):
        text = text[1:]
    return text


def year_to_cn(year: int) -> str:
    """Write a year digit by digit, as documents do: 2017 → 二〇一七."""
    if year < 0:
        raise ValueError(f"negative year: {year}")
    return "".join(_YEAR_DIGITS[int(d)] for d in str(year))


def parse_amount(s: str) -> float | None:
    """Return the first sum of money in ``s`` in yuan (5万元 → 50000.0), or None.

    Understands Arabic numbers with separators and decimals, 千/万/亿 multipliers,
    Chinese numerals (两千元, 一万二千元) and a leading 人民币.
    """
    for match in _AMOUNT_RE.finditer(s):
        value = _amount_value(match)
        if value is not None:
            return value
    return None


def amounts(s: str) -> list[float]:
    """Every sum of money in ``s`` in yuan, in order (处2万元以上10万元以下罚款 → [20000.0, 100000.0])."""
    values = (_amount_value(m) for m in _AMOUNT_RE.finditer(s))
    return [v for v in values if v is not None]


def _amount_value(match: re.Match[str]) -> float | None:
    """Value in yuan of one _AMOUNT_RE match, or None when the numeral is malformed."""
    if match.group("arabic"):
        raw = match.group("arabic").translate(FULLWIDTH_DIGITS).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            return None
        return value * _UNIT_VALUES.get(match.group("unit") or "", 1.0)
    try:
        return float(cn_to_int(match.group("cn")))
    except ValueError:
        return None


# A rate: 5%, ５％, 3‰, 百分之五, 百分之二点五, 千分之三 (‰ and 千分之 read as tenths of a percent).
_CN_RATE_DIGITS = "零〇一二两三四五六七八九十百千"
PERCENT_RE = compile_re(rf"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％‰]|[百千]分之[{_CN_RATE_DIGITS}点]+")


def percent_value(raw: str) -> float | None:
    """The value in percent of one ``PERCENT_RE`` match (百分之二点五 → 2.5, 3‰ → 0.3), or None."""
    raw = raw.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%")).strip()
    try:
        if raw.endswith(("%", "‰")):
            value = float(raw[:-1].strip())
            return value / 10 if raw.endswith("‰") else value
        whole, _, decimals = raw[3:].partition("点")
        value = cn_to_int(whole) + (float("0." + "".join(str(cn_to_int(d)) for d in decimals)) if decimals else 0.0)
    except ValueError:
        return None
    return value / 10 if raw.startswith("千") else value


def percentages(s: str) -> list[float]:
    """Every rate in ``s`` in percent, in order; malformed numerals are left out."""
    values = (percent_value(m.group()) for m in PERCENT_RE.finditer(s))
    return [v for v in values if v is not None]

