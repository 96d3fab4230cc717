"""The measure vocabulary: what each kind of measure is called, in the laws' words and the offices'.

``rules/vocab/measures.yaml`` lists kinds of measure (a fine, a seizure, a deposit, a local
registration condition …), each with the families it may belong to, a regular expression of the
words that name it and the literal triggers the prefilter looks for. Rules of kind ``measure``
name kinds from this list instead of spelling their own wording, so one broad vocabulary serves
every rule, and a new everyday name for a measure is one line here.

``terms`` are named lists of literal words shared by several kinds (the bodies that hold no
administrative power, say). A pattern writes ``{name}`` for "any word of the list" and a trigger
list may hold ``{name}`` for all of them, so a kind can say "such a body, then such a verb" and
the list is kept in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.errors import RuleError
from reviewer.model import FAMILIES
from reviewer.rules.lazy import LazyPattern

VOCAB_DIR = "vocab"
MEASURES_FILE = "measures.yaml"
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# ``{name}`` in a pattern; regex quantifiers ({0,12}) are digits, so the two never meet.
_TERM_REF_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Measure:
    """One kind of measure and the words that name it."""

    name: str
    title: str
    families: tuple[str, ...]
    pattern: str  # a regular expression without named groups
    triggers: tuple[str, ...]
    law: str  # where the law lists it (行政处罚法 第九条 …)
    # Compiled once per process and shared by every rule that names the measure, so a draft pays
    # for each kind of measure once, not once per rule.
    compiled: LazyPattern = field(default_factory=lambda: LazyPattern("", ""), compare=False, repr=False)
    # The rows of a table the measure was built from (rules/vocab/powers.yaml: who holds each power).
    powers: tuple = field(default=(), compare=False, repr=False)
    # Whether any trigger is in a span: one search of the literals' alternation costs a fifth of
    # testing a hundred words one by one, and it is asked for every kind a rule names.
    trigger_pattern: LazyPattern = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        literals = sorted(set(self.triggers), key=lambda t: (-len(t), t))
        pattern = "|".join(re.escape(t) for t in literals)
        object.__setattr__(self, "trigger_pattern", LazyPattern(pattern, f"{self.name} → triggers"))


def measures_path(rules_dir: Path) -> Path:
    return rules_dir / VOCAB_DIR / MEASURES_FILE


def load_measures(path: Path, data: object) -> dict[str, Measure]:
    """Validate the parsed vocabulary; errors name the file, the measure and the field."""
    where = f"{path.parent.name}/{path.name}"
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        raise RuleError(f"{where}: 应为含 measures 列表的映射")
    terms = _load_terms(where, data.get("terms") or {})
    out: dict[str, Measure] = {}
    for i, raw in enumerate(data["measures"], 1):
        name = raw.get("name") if isinstance(raw, dict) else None
        label = f"{where}: {name or i}"
        if not isinstance(raw, dict) or not isinstance(name, str) or not _NAME_RE.match(name):
            raise RuleError(f"{label} → name: 应为小写英文标识，如 fine")
        if name in out:
            raise RuleError(f"{label} → name: 名称重复")
        families = raw.get("families")
        if not isinstance(families, list) or not families or any(f not in FAMILIES for f in families):
            raise RuleError(f"{label} → families: 应为规则族列表，可选：{'、'.join(FAMILIES)}")
        pattern = raw.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise RuleError(f"{label} → pattern: 缺少正则表达式")
        pattern = _expand_pattern(pattern, terms, f"{label} → pattern")
        if "\\b" in pattern or "(?P<" in pattern:
            raise RuleError(f"{label} → pattern: 不要使用 \\b 或命名分组")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{label} → pattern: 正则表达式无效：{exc}") from None
        triggers = raw.get("triggers")
        if not isinstance(triggers, list) or not triggers or not all(isinstance(t, str) and t for t in triggers):
            raise RuleError(f"{label} → triggers: 应为非空的触发词列表")
        triggers = _expand_triggers(triggers, terms, f"{label} → triggers")
        for j, example in enumerate(raw.get("names") or [], 1):
            if not compiled.search(str(example)):
                raise RuleError(f"{label} → names → {j}: “{example}”不匹配 pattern")
            if not any(t in str(example) for t in triggers):
                raise RuleError(f"{label} → names → {j}: “{example}”不含任何触发词")
        out[name] = Measure(
            name=name,
            title=str(raw.get("title") or name),
            families=tuple(families),
            pattern=pattern,
            triggers=tuple(triggers),
            law=str(raw.get("law") or ""),
            compiled=LazyPattern(pattern, f"{label} → pattern"),
        )
    return out


def _load_terms(where: str, raw: object) -> dict[str, tuple[str, ...]]:
    """The named word lists: {name: [literal, ...]}."""
    if not isinstance(raw, dict):
        raise RuleError(f"{where} → terms: 应为“名称: 词语列表”的映射")
    terms: dict[str, tuple[str, ...]] = {}
    for name, words in raw.items():
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise RuleError(f"{where} → terms → {name}: 名称应为小写英文标识")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise RuleError(f"{where} → terms → {name}: 应为非空的词语列表")
        if len(set(words)) != len(words):
            raise RuleError(f"{where} → terms → {name}: 词语重复")
        terms[name] = tuple(words)
    return terms


def _term(terms: dict[str, tuple[str, ...]], name: str, label: str) -> tuple[str, ...]:
    if name not in terms:
        raise RuleError(f"{label}: 未定义的词表 {{{name}}}（在 terms 中定义）")
    return terms[name]


def _expand_pattern(pattern: str, terms: dict[str, tuple[str, ...]], label: str) -> str:
    """``{name}`` → one alternation of the list's words, longest first (so 村民委员会 wins over 村委)."""
    def alternation(m: re.Match[str]) -> str:
        words = sorted(_term(terms, m.group(1), label), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    return _TERM_REF_RE.sub(alternation, pattern)


def _expand_triggers(triggers: list[str], terms: dict[str, tuple[str, ...]], label: str) -> list[str]:
    out: list[str] = []
    for t in triggers:
        ref = _TERM_REF_RE.fullmatch(t)
        if ref is None and _TERM_REF_RE.search(t):
            raise RuleError(f"{label}: “{t}”：词表引用 {{名称}} 须单独作为一个触发词")
        out.extend(_term(terms, ref.group(1), label) if ref else (t,))
    return out


def term_reference(pattern: str) -> str | None:
    """A ``{name}`` in ``pattern``, which only the vocabulary expands (None if there is none)."""
    m = _TERM_REF_RE.search(pattern)
    return m.group(0) if m else None


def union_pattern(measures: list[Measure]) -> str:
    """One regex for several measures; a match's measure is found again by ``which``."""
    return "|".join(f"(?:{m.pattern})" for m in measures)


def find(measures: tuple[Measure, ...], text: str, start: int, end: int,
         memo: dict | None = None) -> list[tuple[int, int, str]]:
    """Every (start, end, measure name) of ``measures`` in text[start:end]; where kinds name
    overlapping words, the leftmost match wins, and of those starting together the longest.
    ``memo`` (one per document run) keeps each kind's matches in a span: rules share kinds, and
    a sentence is asked about the same kind by several of them."""
    hits = sorted(h for m in measures for h in _kind_hits(m, text, start, end, memo))
    spans: list[tuple[int, int, str]] = []
    for s, neg_end, name in hits:
        if not spans or s >= spans[-1][1]:
            spans.append((s, -neg_end, name))
    return spans


def _kind_hits(measure: Measure, text: str, start: int, end: int,
               memo: dict | None) -> tuple[tuple[int, int, str], ...]:
    """(start, -end, name) of one kind's non-empty matches in text[start:end]."""
    key = ("measure", measure.name, start, end)
    if memo is not None and key in memo:
        known: tuple[tuple[int, int, str], ...] = memo[key]
        return known
    # A kind's words always hold one of its triggers (the loader checks every listed name), so a
    # kind none of whose triggers is in the span cannot match: a search for them costs far less
    # than running its pattern, and a rule naming fifteen kinds is triggered by one of them.
    found: tuple[tuple[int, int, str], ...] = ()
    if measure.trigger_pattern.search(text, start, end):
        found = tuple((s, -e, measure.name) for s, e in measure.compiled.spans(text, start, end))
    if memo is not None:
        memo[key] = found
    return found
