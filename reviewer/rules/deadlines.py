"""Statutory time limits a document lengthens (for an agency) or cuts (for the public).

The table is ``reviewer/data/deadlines.yaml``: each entry names a step by a regex (``step``), the
words that make a sentence about its time limit (``near``), the statute's period in days or
working days, and for an agency's limit the longest extension the statute allows. A sentence that
names the step and states, in the same unit, a longer limit (or extension) than the statute's, or a
shorter period for the public, is reported. The comparison is in numbers (numerals.cn_to_int), so
二十个工作日, 20个工作日 and 二十日 are read alike; months count as thirty days (六个月 → 180日),
so a sentence giving 九十日 where the statute gives 六个月 is compared in days; years count as 365
days (保修期为一年 against 五年).

Three kinds of row: an agency's ``ceiling`` (a document may shorten it, not lengthen it), the
public's ``floor`` for a step of its own (申请复议, 要求听证: not to be cut), and a procedure's
``minimum`` that protects everyone alike (等标期不得少于二十日, 屋面防水保修五年): a period the
document sets for the step may not be shorter, whoever takes the step.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.errors import RuleError
from reviewer.regexes import compile_re
from reviewer.yamlio import load_yaml

TABLE = Path(__file__).resolve().parents[1] / "data" / "deadlines.yaml"
_KINDS = ("ceiling", "floor", "minimum")
_SCOPES = ("sentence", "clause")  # where a row's period may stand: anywhere in the sentence, or beside its step
_UNITS = ("日", "工作日")  # the table's units; a row in months or years is written in days (六个月: 180)

# A period: 二十个工作日, 30日, 十五天, 六个月, 五年 — not a date (3月5日, 2024年, 二〇二四年) nor an age
# or a count of days worked; a month only with 个 (三个月), since 三月 is a date; a year not followed
# by a month (三年级, 五年三月).
_PERIOD_RE = compile_re(
    r"(?<![0-9０-９〇○零一二两三四五六七八九十百月年号第])(?P<n>[0-9０-９]{1,3}|[一二两三四五六七八九十百]{1,4})"
    r"(?:个?(?P<unit>工作日|日|天)(?!历)|个(?P<month>月)|(?P<year>年)(?![级度代初底末中前后月份]))")
# A date may be written in the sentence (…月…, 2025-03-10): a period may be two of them.
_DATE_HINT_RE = compile_re(r"月|[0-9０-９]{4}[-/.－／．][0-9０-９]")
_DAYS_IN_MONTH = 30
_DAYS_IN_YEAR = 365
_EXTENSION_BEFORE_RE = compile_re(r"延长[^，。；]{0,12}$")
# A special law's own period, or the sentence says one may apply: the statute's default gives way.
_DEFERS_RE = compile_re(r"另有规定|从其规定|依照其规定|法律、(?:行政)?法规规定")


_PARTY_STEP_RE = compile_re(r"申请|提出|提起|起诉|要求|投诉|质疑|申辩")
_AGENCY_STEP_RE = compile_re(r"补正|审查|受理|送达(?!之日)|作出|告知申请人|答复(?!期满)|转送")
_BREAK_RE = compile_re(r"[，,；;。]|(?<![0-9０-９])[：:]|[：:](?![0-9０-９])")  # not the colon of 9:00


class _SubSentences:
    """The sub-sentences of one sentence (between ，；。： marks), found by bisecting the marks'
    positions once, so a long run-on sentence full of periods costs linear time, not quadratic."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self._marks = [m.start() for m in _BREAK_RE.finditer(text, start, end)]

    def bounds(self, pos: int) -> tuple[int, int]:
        """(left, right) of the sub-sentence holding ``pos``."""
        i = bisect_left(self._marks, pos)
        left = self._marks[i - 1] + 1 if i > 0 else self.start
        right = self._marks[i] if i < len(self._marks) else self.end
        return left, right

    def words(self, pos: int) -> str:
        left, right = self.bounds(pos)
        return self.text[left:right]


@dataclass(frozen=True)
class StatutoryDeadline:
    """One row of the table (see the module docstring)."""

    step: re.Pattern[str]
    about: str
    near: re.Pattern[str]
    unless: re.Pattern[str] | None
    kind: str
    unit: str
    days: int
    extension: int
    law: str
    article: str
    text: str
    # True: only a period in a sub-sentence that names the step is the step's (试用期可约定为八个月,
    # not 试用期满的，在九个月内办理认定); False: any period of the sentence (an agency's
    # 受理后…，应当在三十日内作出许可决定 names its step and its period apart).
    in_clause: bool = False
    # True: a period bidders from elsewhere need to take part (等标期): cut short, it keeps them out
    # of the local market as well (公平竞争审查条例 第九条第（三）项).
    market: bool = False
    # For a period written as two dates across the sentence (minimum rows): what the sub-sentence of
    # the opening date names (招标文件…发出) and what the closing date's names (投标文件…截止).
    opens: re.Pattern[str] | None = None
    closes: re.Pattern[str] | None = None
    # True (clause rows): the step's period may be written as a range of dates (…时间：…至…).
    ranged: bool = False


@dataclass(frozen=True)
class DeadlineHit:
    """A period in a sentence that the statute does not allow."""

    start: int
    end: int
    deadline: StatutoryDeadline
    stated: str

    @property
    def note(self) -> str:
        d = self.deadline
        verb = "长于" if d.kind == "ceiling" else "短于"
        return f"（《{d.law}》{d.article}：{d.text}；本句{d.about}为{self.stated}，{verb}法定期限）"


def _field(entry: dict[str, Any], name: str, where: str, kind: type = str) -> Any:
    if name not in entry:
        raise RuleError(f"{where}：缺少字段 {name}")
    value = entry[name]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise RuleError(f"{where}：字段 {name} 应为{'整数' if kind is int else '文字'}")
    return value


def _flag(entry: dict[str, Any], name: str, where: str) -> bool:
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise RuleError(f"{where}：字段 {name} 应为 true 或 false")
    return value


def _pattern(entry: dict[str, Any], name: str, where: str) -> re.Pattern[str]:
    try:
        return compile_re(_field(entry, name, where))
    except re.error as exc:
        raise RuleError(f"{where}：字段 {name} 不是有效的正则表达式（{exc}）") from exc


def parse_table(raw: object, source: str) -> tuple[StatutoryDeadline, ...]:
    """Validate the YAML rows; errors name the file, the row and the field."""
    if not isinstance(raw, list):
        raise RuleError(f"{source}：应为条目列表")
    out = []
    for i, entry in enumerate(raw, 1):
        where = f"{source} 第 {i} 条"
        if not isinstance(entry, dict):
            raise RuleError(f"{where}：应为键值对")
        kind, unit = _field(entry, "kind", where), _field(entry, "unit", where)
        if kind not in _KINDS:
            raise RuleError(f"{where}：字段 kind 应为 {' 或 '.join(_KINDS)}")
        if unit not in _UNITS:
            raise RuleError(f"{where}：字段 unit 应为 {' 或 '.join(_UNITS)}")
        extension = _field(entry, "extension", where, int) if kind == "ceiling" else 0
        if entry.get("market") and kind != "minimum":
            raise RuleError(f"{where}：字段 market 只能用于 kind: minimum（程序的最短期限）")
        if ("opens" in entry) != ("closes" in entry):
            raise RuleError(f"{where}：字段 opens 和 closes 须同时填写")
        if "opens" in entry and (kind != "minimum" or entry.get("scope", "sentence") != "sentence"):
            raise RuleError(f"{where}：字段 opens、closes 只能用于整句计算的 kind: minimum")
        if entry.get("range") and (kind != "minimum" or entry.get("scope") != "clause"):
            raise RuleError(f"{where}：字段 range 只能用于 scope: clause 的 kind: minimum")
        for name in ("opens", "closes"):
            if name in entry and not str(entry[name]).strip():
                raise RuleError(f"{where}：字段 {name} 不能为空")
        scope = entry.get("scope", "sentence")
        if scope not in _SCOPES:
            raise RuleError(f"{where}：字段 scope 应为 {' 或 '.join(_SCOPES)}")
        out.append(StatutoryDeadline(
            step=_pattern(entry, "step", where), about=_field(entry, "about", where),
            near=_pattern(entry, "near", where),
            unless=_pattern(entry, "unless", where) if "unless" in entry else None,
            kind=kind, unit=unit, days=_field(entry, "days", where, int), extension=extension,
            law=_field(entry, "law", where), article=_field(entry, "article", where),
            text=_field(entry, "text", where), in_clause=scope == "clause",
            market=_flag(entry, "market", where),
            opens=_pattern(entry, "opens", where) if "opens" in entry else None,
            closes=_pattern(entry, "closes", where) if "closes" in entry else None,
            ranged=_flag(entry, "range", where)))
    return tuple(out)


@lru_cache(maxsize=1)
def statutory_deadlines() -> tuple[StatutoryDeadline, ...]:
    """The shipped table: its YAML rows kept in the on-disk cache (no YAML parse on a check), then
    validated and compiled here. Not the compiled rows: a pickled pattern is parsed again on load
    (43 patterns, ~6 ms), while ``compile_re`` builds each from its cached program."""
    from reviewer.cache import cached

    rows = cached("deadline-rows", [TABLE], lambda: load_yaml(TABLE.read_text(encoding="utf-8")))
    return parse_table(rows, TABLE.name)


def _stated(m: re.Match[str]) -> tuple[int, str] | None:
    """(days, unit) of a period: 工作日 stay working days; 日, 天 and months are counted in days."""
    from reviewer.numerals import numeral_or_none

    value = numeral_or_none(m.group("n"))
    if value is None:
        return None
    if m.group("month"):
        return value * _DAYS_IN_MONTH, "日"
    if m.group("year"):
        return value * _DAYS_IN_YEAR, "日"
    return value, "工作日" if m.group("unit") == "工作日" else "日"


def _party_period(part: str) -> bool:
    """The period's sub-sentence is a step of the party's own (申请、提起…) and of no agency's."""
    return bool(_PARTY_STEP_RE.search(part)) and not _AGENCY_STEP_RE.search(part)


def _cited_laws(sentence: str) -> list[str]:
    from reviewer.citations import find_citations

    return [c.title for c in find_citations(sentence) if c.kind == "law"] if "《" in sentence else []


def periods_changed(text: str, start: int, end: int, table: tuple[StatutoryDeadline, ...] | None = None,
                    kind: str | None = None) -> Iterator[DeadlineHit]:
    """Periods in ``text[start:end]`` (one sentence) longer or shorter than the statute allows;
    ``kind`` ('ceiling' or 'floor', None: both) picks the agency's limits or the public's."""
    sentence = text[start:end]
    if not _PERIOD_RE.search(text, start, end) and not _DATE_HINT_RE.search(sentence):
        return  # most sentences state no period or span of dates: nothing to compare, no row to try
    if _DEFERS_RE.search(sentence):
        return
    cited = _cited_laws(sentence)
    subs = _SubSentences(text, start, end)
    for d in table if table is not None else statutory_deadlines():
        if kind is not None and d.kind != kind:
            continue
        if not d.step.search(sentence) or not d.near.search(sentence) or (d.unless and d.unless.search(sentence)):
            continue
        if any(d.law not in title and title not in d.law for title in cited):
            continue  # another law's own period (海关法, 税收征收管理法…) is that law's
        if d.kind == "minimum":
            read, short = _short_date_span(text, start, end, subs, d)
            if short is not None:
                yield short
            if read:
                continue  # the period is the dates' (五月二十八日 holds no period of 十八日)
        for m in _PERIOD_RE.finditer(text, start, end):
            stated = _stated(m)
            if stated is None:
                continue
            bounds = subs.bounds(m.start())
            part = text[bounds[0]:bounds[1]]
            if d.in_clause and not d.step.search(part) and not (
                    _EXTENSION_BEFORE_RE.search(text, bounds[0], m.start()) and _beside_step(subs, bounds, d.step)):
                continue  # another step's period in the same sentence (not 约定试用期的，可以延长至十二个月)
            if d.kind == "minimum":  # whoever takes the step, if the period is the step's own
                if _LEAD_TIME_AFTER_RE.match(text, m.end(), end) or _AMENDMENT_RE.search(part):
                    continue  # 截止时间至少15日前通知 (a clarification's notice), not the step's length
                wrong = _beside_step(subs, bounds, d.step) and _shorter(stated, d)
            elif d.kind == "floor":
                scope = _step_scope(subs, bounds, d.step)
                wrong = scope is not None and _party_period(scope) and _shorter(stated, d)
            elif _party_period(part):
                continue  # 六个月内提起诉讼 beside the agency's 复议 decision: the party's own period
            elif _EXTENSION_BEFORE_RE.search(text, start, m.start()):
                wrong = _longer(stated, d.extension, d.unit)
            else:
                wrong = _longer(stated, d.days, d.unit)  # an extension needs approval case by case
            if wrong:
                yield DeadlineHit(m.start(), m.end(), d, m.group(0))
                break


# A period written as two dates. A row with `opens` and `closes` reads a window across its sentence:
# the first date in a sub-sentence naming what opens it (招标文件…发出) and not a deadline itself, and
# a later date in a sub-sentence naming what closes it (投标文件…递交截止, 投标截止时间：…); the days
# are counted as 民法典 第二百零一条 counts a period, the first day left out. A row with `range: true`
# reads the step's own period written as a range (招标文件获取时间：2025年3月10日至3月14日), every day
# of it in. Sub-sentences about another step are never either end.
# Other steps of a tender, never either end of a window or a range (a clarification, questions, deposits,
# publicity, evaluation, a site visit, registration); each reading adds what it must also skip.
_OTHER_STEPS = "澄清|修改|疑问|答疑|质疑|保证金|公示|评审|评标|踏勘|登记|报名"
_CHANGED = "停止|暂停|延期|顺延"  # a notice that changes the timetable
# The closing date's sub-sentence: nor papers due by another date (意向确认函, 有效的营业执照, 补充报送).
_OTHER_WINDOW_RE = compile_re(rf"{_OTHER_STEPS}|{_CHANGED}|开标(?!时间)|申请文件|施工|下载|格式|样品|意向|确认函|有效|中标|补充|承诺")
# The opening date's sub-sentence (it may say how the documents are had: 下载).
_OTHER_OPENING_RE = compile_re(rf"{_OTHER_STEPS}|{_CHANGED}|开标")
# A range in the step's sub-sentences (downloading the documents is having them).
_OTHER_RANGE_RE = compile_re(rf"{_OTHER_STEPS}|{_CHANGED}|开标|申请文件|施工|格式|样品|变更|更正")
# A period that ends before a deadline (…截止时间至少15日前) is a lead time, and a clarification's or an
# amendment's notice is another step's period (招标投标法实施条例 第二十一条; 磋商办法 第十条).
_LEAD_TIME_AFTER_RE = compile_re(r"[】\]）)]?\s*(?:以前|之前|前)")
_AMENDMENT_RE = compile_re(r"澄清|修改")
_DEADLINE_WORDS_RE = compile_re(r"截止|截至|前")
_CLOSE_CUE_BEFORE_RE = compile_re(r"(?:截止|截至)[^，。；]{0,10}$")
_CLOSE_CUE_AFTER_RE = compile_re(r"[^，。；]{0,12}?(?<!停)(?<!暂)(?:截止|止)|[^，。；]{0,8}?(?:之)?前")
_RANGE_MARK_BEFORE_RE = compile_re(r"(?:至|到|—|－|~|～)\s*$")
_PERIOD_LABEL_BEFORE_RE = compile_re(r"(?:时间|期限|日期|发售期|期)(?:为|是|：|:)?\s*$|(?:请|应|须|需)(?:在|于)\s*$")


def _short_date_span(text: str, start: int, end: int, subs: _SubSentences,
                     d: StatutoryDeadline) -> tuple[bool, DeadlineHit | None]:
    """(whether the step's period is written as two dates here, the hit when it is shorter than the
    statute's minimum). A window from an event (招标文件发出→投标截止) is counted as 民法典 第二百零一条
    counts a period, the first day left out; a range (…时间：3月10日至3月14日) every day in. Working
    days are Monday to Friday: public holidays, which only lengthen a period, are not taken out; a
    weekend made a working day is not counted, which can shorten it by a day."""
    if d.in_clause and d.ranged:
        span = _range_in_step(text, start, end, subs, d.step)
        first_counted = True
    elif not d.in_clause and d.opens is not None and d.closes is not None:
        span = _window_across(text, start, end, subs, d.opens, d.closes)
        first_counted = False
    else:
        return False, None
    if span is None:
        return False, None
    first, last, s, e = span
    begin = first if first_counted else first + timedelta(1)
    count = _working_days(begin, last) if d.unit == "工作日" else max(0, (last - begin).days + 1)
    if count >= d.days:
        return True, None
    unit = "个工作日" if d.unit == "工作日" else "日"
    how = "首尾两日都计入" if first_counted else "第一日不计入"
    return True, DeadlineHit(s, e, d, f"{_written(first)}至{_written(last)}（{how}，共{count}{unit}）")


def _written(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _working_days(begin: date, last: date) -> int:
    """Mondays to Fridays from ``begin`` to ``last``, both in (0 when ``last`` is before ``begin``)."""
    days = (last - begin).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for n in range(rest) if (begin.weekday() + n) % 7 < 5)


def _window_across(text: str, start: int, end: int, subs: _SubSentences, opens: re.Pattern[str],
                   closes: re.Pattern[str]) -> tuple[date, date, int, int] | None:
    """(first day, last day, start, end) of a period opened in one sub-sentence and closed in a later one."""
    from reviewer.dates import dates_in

    # Each sub-sentence is asked once (a table of a thousand dates in one run-on sentence stays linear).
    asked: dict[tuple[tuple[int, int], str], bool] = {}

    def says(pos: int, role: str) -> bool:
        bounds = subs.bounds(pos)
        if (bounds, role) not in asked:
            lo = bounds[0]
            if lo - 1 > start and text[lo - 1] in "：:":  # 投标截止时间：2025年3月20日 — the label is the step
                lo = subs.bounds(lo - 2)[0]
            words = text[lo:bounds[1]]
            asked[bounds, role] = (
                bool(opens.search(words)) and not _OTHER_OPENING_RE.search(words) and not _DEADLINE_WORDS_RE.search(words)
                if role == "opens" else bool(closes.search(words)) and not _OTHER_WINDOW_RE.search(words))
        return asked[bounds, role]

    opening = next((f for f in dates_in(text, start, end) if says(f.start, "opens")), None)
    if opening is None:
        return None
    # The first date written as the bids' deadline (…截止时间为, 截至); failing that, the first date the
    # bids are due by (…前递交投标文件). Dates of other papers (意向确认函, 有效的营业执照, 补充报送,
    # 中标通知书) were left out above.
    explicit = plain = None
    for f in dates_in(text, opening.end, end, year=opening.day.year):
        if subs.bounds(f.start) == subs.bounds(opening.start):
            continue  # the opening's own sub-sentence (…自3月1日至3月5日发售) holds no deadline
        if not says(f.start, "closes"):
            continue
        if not (_CLOSE_CUE_BEFORE_RE.search(text, max(start, f.start - 12), f.start) or _CLOSE_CUE_AFTER_RE.match(text, f.end, end)):
            continue
        day = _in_order(f.day, opening.day, f.year_written)
        if day < opening.day:
            continue
        if explicit is None and _CLOSE_CUE_BEFORE_RE.search(text, max(start, f.start - 12), f.start):
            explicit = (day, f.end)
        elif plain is None:
            plain = (day, f.end)
    closing = explicit or plain
    return (opening.day, closing[0], opening.start, closing[1]) if closing else None


def _range_in_step(text: str, start: int, end: int, subs: _SubSentences,
                   step: re.Pattern[str]) -> tuple[date, date, int, int] | None:
    """(first day, last day, start, end) of the step's own period written as a range (…时间：…至…) in
    the sub-sentence naming the step or the one right after it."""
    from reviewer.dates import dates_in

    found = step.search(text, start, end)
    if found is None:
        return None
    lo, right = subs.bounds(found.start())[0], subs.bounds(found.end() - 1)[1]
    hi = subs.bounds(right + 1)[1] if right + 1 < end else right
    if _OTHER_RANGE_RE.search(text, lo, hi):
        return None
    full = dates_in(text, lo, hi)
    if not full or not _PERIOD_LABEL_BEFORE_RE.search(text, max(lo, full[0].start - 8), full[0].start):
        return None  # a range that is not the step's stated period (…应于3月20日至21日参加踏勘)
    first = full[0]
    for f in dates_in(text, first.end, hi, year=first.day.year):
        if not _RANGE_MARK_BEFORE_RE.search(text, max(lo, f.start - 4), f.start):
            return None
        day = _in_order(f.day, first.day, f.year_written)
        return (first.day, day, first.start, f.end) if day >= first.day else None
    return None


def _in_order(day: date, first: date, year_written: bool) -> date:
    """``day`` as the later end of a period from ``first``: a month and day written without a year
    that falls before ``first`` is in the next year (2025年12月29日至1月4日)."""
    if year_written or day >= first:
        return day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 2月29日 of a leap year: no such day the next year
        return day


def _beside_step(subs: _SubSentences, bounds: tuple[int, int], step: re.Pattern[str]) -> bool:
    """The period's sub-sentence names the step, or the one just before it does (自招标文件开始发出之日起
    至提交投标文件截止之日止，不得少于十日: the step leads, the period follows)."""
    if step.search(subs.text, bounds[0], bounds[1]):
        return True
    return bounds[0] - 2 >= subs.start and bool(step.search(subs.words(bounds[0] - 2)))


def _step_scope(subs: _SubSentences, bounds: tuple[int, int], step: re.Pattern[str]) -> str | None:
    """The words a floor's period belongs to: its own sub-sentence (``bounds``) when that names the
    step (三十日内申请行政复议); otherwise the sub-sentence next to it that does (自收到决定书之日起
    三十日内，向本级人民政府申请复议 / 要求听证的，应当在告知后三日内提出). None when the period is
    another step's (十五日内申请复核，也可以申请行政复议: the 15 days are 复核's)."""
    part = subs.text[bounds[0]:bounds[1]]
    if _OTHER_STEP_RE.search(part):
        return None
    if step.search(part):
        return part
    if _REMEDY_RE.search(part):
        return None  # 六十日内申请行政复议，也可以六个月内起诉: the 60 days are another step's
    after = subs.words(bounds[1] + 1) if bounds[1] + 1 < subs.end else ""
    before = subs.words(bounds[0] - 2) if bounds[0] - 2 >= subs.start else ""
    for neighbour in (after, before):
        if neighbour and step.search(neighbour):
            return part + "，" + neighbour
    return None


# A party's step the table has no period for (申请复核, 提出复检申请, 陈述申辩, 补充材料).
_OTHER_STEP_RE = compile_re(r"复核|复检|复查|陈述|申辩|异议|补充|补正|材料|鉴定|检测")
_REMEDY_RE = compile_re(r"复议|诉讼|起诉|听证|质疑|投诉")


# Working days against calendar days: five in seven, and up to a week of public holidays besides.
def _shorter(stated: tuple[int, str], d: StatutoryDeadline) -> bool:
    """A party's period shorter than the statute's, in whichever unit each is written."""
    value, unit = stated
    if unit == d.unit:
        return value < d.days
    if unit == "工作日":  # 三十个工作日 against 六十日: at most 42 days and a week of holidays
        return -(-value * 7 // 5) + 7 < d.days
    return value < d.days  # 五日 against 七个工作日: calendar days never exceed working days


def _longer(stated: tuple[int, str], limit: int, unit: str) -> bool:
    """An agency's limit longer than the statute's, in whichever unit each is written."""
    value, stated_unit = stated
    if stated_unit == unit:
        return value > limit
    if stated_unit == "工作日":  # 三十个工作日 against 二十日: working days are never fewer
        return value > limit
    return value * 5 // 7 - 3 > limit  # 四十五日 against 二十个工作日: well past it even with holidays
