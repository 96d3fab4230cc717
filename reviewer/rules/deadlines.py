"""Statutory time limits a document lengthens (for an agency) or cuts (for the public).

The table is ``reviewer/data/deadlines.yaml``: each entry names a step by a regex (``step``), the
words that make a sentence about its time limit (``near``), the statute's period in days or
working days, and for an agency's limit the longest extension the statute allows. A sentence that
names the step and states, in the same unit, a longer limit (or extension) than the statute's, or a
shorter period for the public, is reported. The comparison is in numbers (numerals.cn_to_int), so
二十个工作日, 20个工作日 and 二十日 are read alike; months count as thirty days (六个月 → 180日),
so a sentence giving 九十日 where the statute gives 六个月 is compared in days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.errors import RuleError
from reviewer.regexes import compile_re
from reviewer.yamlio import load_yaml

TABLE = Path(__file__).resolve().parents[1] / "data" / "deadlines.yaml"
_KINDS = ("ceiling", "floor")
_UNITS = ("日", "工作日")  # the table's units; a row in months is written in days (六个月: 180)

# A period: 二十个工作日, 30日, 十五天, 六个月 — not a date (3月5日) nor an age or a count of days
# worked; a month only with 个 (三个月), since 三月 is a date.
_PERIOD_RE = compile_re(
    r"(?<![月年号第])(?P<n>[0-9０-９]{1,3}|[一二两三四五六七八九十百]{1,4})"
    r"(?:个?(?P<unit>工作日|日|天)(?!历)|个(?P<month>月))")
_DAYS_IN_MONTH = 30
_EXTENSION_BEFORE_RE = compile_re(r"延长[^，。；]{0,12}$")
# A special law's own period, or the sentence says one may apply: the statute's default gives way.
_DEFERS_RE = compile_re(r"另有规定|从其规定|依照其规定|法律、(?:行政)?法规规定")


_PARTY_STEP_RE = compile_re(r"申请|提出|提起|起诉|要求")
_AGENCY_STEP_RE = compile_re(r"补正|审查|受理|送达|作出|告知申请人|答复|转送")
_BREAK_RE = compile_re(r"[，,；;。：:]")


def _sub_sentence(text: str, pos: int, start: int, end: int) -> str:
    """The words between the punctuation marks around ``pos`` (within [start, end))."""
    left = max((m.end() for m in _BREAK_RE.finditer(text, start, pos)), default=start)
    right = _BREAK_RE.search(text, pos, end)
    return text[left:right.start() if right else end]


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
        out.append(StatutoryDeadline(
            step=_pattern(entry, "step", where), about=_field(entry, "about", where),
            near=_pattern(entry, "near", where),
            unless=_pattern(entry, "unless", where) if "unless" in entry else None,
            kind=kind, unit=unit, days=_field(entry, "days", where, int), extension=extension,
            law=_field(entry, "law", where), article=_field(entry, "article", where),
            text=_field(entry, "text", where)))
    return tuple(out)


@lru_cache(maxsize=1)
def statutory_deadlines() -> tuple[StatutoryDeadline, ...]:
    """The shipped table, parsed once and kept in the on-disk cache (no YAML parse on a check)."""
    from reviewer.cache import cached

    return cached("deadlines", [TABLE, Path(__file__)],
                  lambda: parse_table(load_yaml(TABLE.read_text(encoding="utf-8")), TABLE.name))


def _stated(m: re.Match[str]) -> tuple[int, str] | None:
    """(days, unit) of a period: 工作日 stay working days; 日, 天 and months are counted in days."""
    value = _value(m.group("n"))
    if value is None:
        return None
    if m.group("month"):
        return value * _DAYS_IN_MONTH, "日"
    return value, "工作日" if m.group("unit") == "工作日" else "日"


def _value(numeral: str) -> int | None:
    from reviewer.numerals import cn_to_int

    try:
        return cn_to_int(numeral)
    except ValueError:
        return None


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
    if _DEFERS_RE.search(sentence):
        return
    cited = _cited_laws(sentence)
    for d in table if table is not None else statutory_deadlines():
        if kind is not None and d.kind != kind:
            continue
        if not d.step.search(sentence) or not d.near.search(sentence) or (d.unless and d.unless.search(sentence)):
            continue
        if any(d.law not in title and title not in d.law for title in cited):
            continue  # another law's own period (海关法, 税收征收管理法…) is that law's
        for m in _PERIOD_RE.finditer(text, start, end):
            stated = _stated(m)
            if stated is None or stated[1] != d.unit:
                continue
            value = stated[0]
            if d.kind == "floor":
                # the period must be the party's own: in the sub-sentence where it applies or asks
                wrong = value < d.days and _party_period(_sub_sentence(text, m.start(), start, end))
            elif _party_period(_sub_sentence(text, m.start(), start, end)):
                continue  # 六个月内提起诉讼 beside the agency's 复议 decision: the party's own period
            elif _EXTENSION_BEFORE_RE.search(text, start, m.start()):
                wrong = value > d.extension
            else:
                wrong = value > d.days  # the extension needs approval case by case; it is no default
            if wrong:
                yield DeadlineHit(m.start(), m.end(), d, m.group(0))
                break
