"""What changed between two versions of a filed document, article by article.

Both texts are split by the project's structure parser (``reviewer.structure.parse_clauses``);
the clauses of one article (第X条 with its 款、项、目), or of one top-level point of a notice
(一、…), form one unit. Units are aligned with ``difflib`` on their text without the leading
number, so an article inserted before others does not make every later one look changed (the
renumbered ones are counted, not listed). A changed unit is compared character by character.

Each change is flagged where it touches what a reviewer reads first: the modal words
(应当、可以、不得、须、必须、禁止、严禁、无须), sums of money (元、万元) and percentages, and
periods (日、个工作日、个月、年 …). Numbers are compared by value through ``reviewer.numerals``,
so 五万元 → 50000元 or 三十日 → 30日 is not a change, while 应当 → 可以 or 30日 → 15个工作日 is.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reviewer.numerals import PERCENT_RE, cn_to_int, parse_amount, percent_value
from reviewer.structure import parse_clauses

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
CHANGED, ADDED, REMOVED = "修改", "新增", "删除"
MODAL, AMOUNT, DEADLINE = "情态词", "金额", "期限"

_CN_NUM = "零〇一二两三四五六七八九十百千"
_ARTICLE_KEY = re.compile(r"第[^条\s]{1,8}条(?:之[一二三四五六七八九十]+)?")
_POINT_KEY = re.compile(r"[一二三四五六七八九十百]+、")
_LEAD_MARK = re.compile(r"(?:第[^条\s]{1,8}条(?:之[一二三四五六七八九十]+)?|[一二三四五六七八九十百]+、)[ \t\u3000]*")
_KIND_LABELS = {"title": "标题", "preamble": "开头", "signature": "落款"}

# 必须 and 无须 before 须, so the longer word wins; 须知 is a noun (notice), not a duty.
_MODAL_RE = re.compile(r"必须|无须|严禁|禁止|应当|可以|不得|须(?!知)")
_AMOUNT_RE = re.compile(
    rf"(?:人民币)?(?:[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s*[千万亿]?|[{_CN_NUM}万亿]+)\s*元(?![化旦素宵])")
_PERIOD_RE = re.compile(
    rf"(?<![第月{_CN_NUM}0-9０-９])(?P<n>[0-9０-９]+|[{_CN_NUM}]+)\s*"
    r"(?P<unit>个工作日|个自然日|个月|个季度|工作日|自然日|日|天|周|年|小时)")
# Calendar dates are not periods: 2026年、二〇二六年、3月1日.
_DATE_RE = re.compile(
    r"[0-9０-９]{4}\s*年(?:\s*[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?)?"
    r"|[〇零○一二三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?)?"
    r"|[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]")
_UNITS = {"个工作日": "个工作日", "工作日": "个工作日", "个自然日": "日", "自然日": "日", "日": "日", "天": "日",
          "个月": "个月", "个季度": "个季度", "周": "周", "年": "年", "小时": "小时"}
# Two units are the same article when their texts are at least this similar, or, keeping their
# number, at least SAME_NUMBER_RATIO similar (an article that lost a paragraph is still itself).
PAIR_RATIO = 0.5
SAME_NUMBER_RATIO = 0.2
# Beyond this many candidate pairs in one differing block (a text rewritten throughout), only
# units keeping their number are compared, so the comparison stays fast.
MAX_PAIRS = 2500
# Texts longer than this together are compared sentence by sentence first.
CHAR_LIMIT = 3000
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")


@dataclass(frozen=True)
class Segment:
    op: str  # equal, insert (only on the new side) or delete (only on the old side)
    text: str


@dataclass(frozen=True)
class Flag:
    """A change of modal words, sums or periods inside one unit: the terms only one side has."""

    kind: str  # MODAL, AMOUNT or DEADLINE
    before: tuple[str, ...]
    after: tuple[str, ...]

    def change(self) -> str:
        """“应当” → “可以”; a side without such terms reads （无）."""
        old = "、".join(f"“{t}”" for t in self.before) or "（无）"
        new = "、".join(f"“{t}”" for t in self.after) or "（无）"
        return f"{old} → {new}"

    def describe(self) -> str:
        return f"{self.kind}：{self.change()}"


@dataclass(frozen=True)
class Change:
    """One article (or notice point) added, removed or changed."""

    status: str  # CHANGED, ADDED or REMOVED
    old_label: str | None
    new_label: str | None
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    flags: tuple[Flag, ...]

    @property
    def label(self) -> str:
        if self.old_label and self.new_label and self.old_label != self.new_label:
            return f"{self.new_label}（原{self.old_label}）"
        return self.new_label or self.old_label or ""


@dataclass(frozen=True)
class VersionDiff:
    changes: tuple[Change, ...]
    unchanged: int  # units with the same text
    renumbered: int  # of those, units whose number changed

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def flagged(self) -> int:
        return sum(1 for c in self.changes if c.flags)

    def summary(self) -> str:
        text = (f"修改 {self.count(CHANGED)} 处，新增 {self.count(ADDED)} 处，删除 {self.count(REMOVED)} 处，"
                f"未变 {self.unchanged} 处")
        if self.renumbered:
            text += f"（其中 {self.renumbered} 处仅序号变化）"
        if self.flagged:
            text += f"；{self.flagged} 处涉及情态词、金额或期限"
        return text


@dataclass(frozen=True)
class _Unit:
    label: str
    body: str  # the text without its leading number, lines joined with "\n"


def units(text: str) -> list[_Unit]:
    """The articles (or top-level notice points) of a text, in order, with their clauses joined."""
    out: list[tuple[str, list[str]]] = []
    for clause in parse_clauses(text):
        piece = text[clause.start:clause.end]
        key = _unit_key(clause.locator, clause.kind)
        if out and out[-1][0] == key:
            out[-1][1].append(piece)
        else:
            out.append((key, [piece]))
    return [_Unit(key, _without_number("\n".join(lines))) for key, lines in out]


def _without_number(body: str) -> str:
    """The unit's text without its own number (第五条 / 三、), which renumbering changes."""
    hit = _LEAD_MARK.match(body)
    return body[hit.end():] if hit else body


def _unit_key(locator: str, kind: str) -> str:
    for pattern in (_ARTICLE_KEY, _POINT_KEY):
        hit = pattern.match(locator)
        if hit:
            return hit.group()
    return locator or _KIND_LABELS.get(kind, "正文")


def compare(old_text: str, new_text: str) -> VersionDiff:
    """The article-by-article difference from ``old_text`` to ``new_text``."""
    old, new = units(old_text), units(new_text)
    matcher = difflib.SequenceMatcher(None, [u.body for u in old], [u.body for u in new], autojunk=False)
    changes: list[Change] = []
    unchanged = renumbered = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == EQUAL:
            unchanged += i2 - i1
            renumbered += sum(1 for a, b in zip(old[i1:i2], new[j1:j2]) if a.label != b.label)
            continue
        changes.extend(_block(old[i1:i2], new[j1:j2]))
    return VersionDiff(tuple(changes), unchanged, renumbered)


def _block(old: list[_Unit], new: list[_Unit]) -> Iterator[Change]:
    """Pair the units of one differing block in order (each old unit with the most similar new
    unit after the last pair, when similar enough); the rest are added or removed."""
    j = 0
    wide = len(old) * len(new) > MAX_PAIRS
    for unit in old:
        best, score = None, 0.0
        for k in range(j, len(new)):
            same = new[k].label == unit.label
            if wide and not same:
                continue  # a rewrite of the whole text: only articles keeping their number are paired
            ratio = _similarity(unit.body, new[k].body, max(score, SAME_NUMBER_RATIO if same else PAIR_RATIO))
            if ratio is not None and ratio > score:
                best, score = k, ratio
        if best is None:
            yield _one_sided(REMOVED, unit)
            continue
        for added in new[j:best]:
            yield _one_sided(ADDED, added)
        yield _changed(unit, new[best])
        j = best + 1
    for added in new[j:]:
        yield _one_sided(ADDED, added)


def _similarity(a: str, b: str, floor: float) -> float | None:
    """difflib's ratio of two texts (of their sentences when long) when it reaches ``floor``, else
    None; the cheap upper bounds are tried first, so most pairs that cannot match cost nothing."""
    long = len(a) + len(b) > CHAR_LIMIT
    matcher = difflib.SequenceMatcher(None, sentences(a) if long else a, sentences(b) if long else b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= floor else None


def _one_sided(status: str, unit: _Unit) -> Change:
    if status == ADDED:
        return Change(ADDED, None, unit.label, (), (Segment(INSERT, unit.body),), flags("", unit.body))
    return Change(REMOVED, unit.label, None, (Segment(DELETE, unit.body),), (), flags(unit.body, ""))


def _changed(old: _Unit, new: _Unit) -> Change:
    before, after = segments(old.body, new.body)
    return Change(CHANGED, old.label, new.label, before, after, flags(old.body, new.body))


def segments(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The two texts as runs kept and runs deleted (old side) or inserted (new side).

    Short texts are compared character by character. Long ones (a notice written as one long
    point) are first compared sentence by sentence, and only the differing stretches that are
    short again character by character: difflib's time grows with the product of the lengths.
    """
    if len(old) + len(new) <= CHAR_LIMIT:
        before, after = _characters(old, new)
        return _joined(before), _joined(after)
    a, b = sentences(old), sentences(new)
    before, after = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == EQUAL:
            before.append(Segment(EQUAL, x))
            after.append(Segment(EQUAL, y))
        elif len(x) + len(y) <= CHAR_LIMIT:
            more, most = _characters(x, y)
            before += more
            after += most
        else:
            before += [Segment(DELETE, x)] if x else []
            after += [Segment(INSERT, y)] if y else []
    return _joined(before), _joined(after)


def sentences(text: str) -> list[str]:
    """``text`` cut after each 。；！？ and line end, every character kept."""
    return [piece for piece in _SENTENCE_END.split(text) if piece]


def _characters(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Character runs; a single kept character between two edits joins them, so a rewritten
    phrase reads as one edit."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    merged: list[list] = []
    for op, i1, i2, j1, j2 in ops:
        if op == EQUAL and i2 - i1 == 1 and merged and merged[-1][0] != EQUAL:
            op = "replace"
        if merged and merged[-1][0] != EQUAL and op != EQUAL:
            merged[-1][2], merged[-1][4] = i2, j2
            merged[-1][0] = "replace"
        else:
            merged.append([op, i1, i2, j1, j2])
    before: list[Segment] = []
    after: list[Segment] = []
    for op, i1, i2, j1, j2 in merged:
        if op == EQUAL:
            before.append(Segment(EQUAL, old[i1:i2]))
            after.append(Segment(EQUAL, new[j1:j2]))
            continue
        if i2 > i1:
            before.append(Segment(DELETE, old[i1:i2]))
        if j2 > j1:
            after.append(Segment(INSERT, new[j1:j2]))
    return before, after


def _joined(runs: list[Segment]) -> tuple[Segment, ...]:
    """Adjacent runs of the same kind as one (a pure insertion leaves two kept runs on the old side)."""
    out: list[Segment] = []
    for run in runs:
        if out and out[-1].op == run.op:
            out[-1] = Segment(run.op, out[-1].text + run.text)
        else:
            out.append(run)
    return tuple(out)


# -- the terms a reviewer checks first -----------------------------------------------------------

Term = tuple[str, object]  # (text as written, value compared)


def modal_terms(text: str) -> list[Term]:
    return [(m.group(), m.group()) for m in _MODAL_RE.finditer(text)]


def amount_terms(text: str) -> list[Term]:
    """Sums of money (by value in yuan) and percentages or per-mille rates (by value in percent)."""
    found: list[tuple[int, Term]] = []
    for m in _AMOUNT_RE.finditer(text):
        value = parse_amount(m.group())
        found.append((m.start(), (m.group().strip(), ("元", value if value is not None else m.group()))))
    for m in PERCENT_RE.finditer(text):
        found.append((m.start(), (m.group(), ("%", _percent(m.group())))))
    return [term for _, term in sorted(found, key=lambda f: f[0])]


def deadline_terms(text: str) -> list[Term]:
    """Periods (三十日、15个工作日、两年) by number and unit; calendar dates are left out."""
    dates = [m.span() for m in _DATE_RE.finditer(text)]
    out: list[Term] = []
    for m in _PERIOD_RE.finditer(text):
        if any(start < m.end() and m.start() < end for start, end in dates):
            continue
        try:
            number: object = cn_to_int(m.group("n"))
        except ValueError:
            number = m.group("n")
        out.append((m.group(), (number, _UNITS[m.group("unit")])))
    return out


def _percent(raw: str) -> object:
    value = percent_value(raw)
    return raw if value is None else value


EXTRACTORS: tuple[tuple[str, Callable[[str], list[Term]]], ...] = (
    (MODAL, modal_terms), (AMOUNT, amount_terms), (DEADLINE, deadline_terms))


def flags(old: str, new: str) -> tuple[Flag, ...]:
    """For each kind of term, the terms (by value) one side has and the other lacks."""
    out = []
    for kind, extract in EXTRACTORS:
        before, after = extract(old), extract(new)
        gone = Counter(v for _, v in before) - Counter(v for _, v in after)
        came = Counter(v for _, v in after) - Counter(v for _, v in before)
        if gone or came:
            out.append(Flag(kind, _pick(before, gone), _pick(after, came)))
    return tuple(out)


def _pick(terms: list[Term], wanted: Counter) -> tuple[str, ...]:
    """The written forms of the terms whose values ``wanted`` counts, in text order."""
    left = Counter(wanted)
    out = []
    for written, value in terms:
        if left[value] > 0:
            left[value] -= 1
            out.append(written)
    return tuple(out)
