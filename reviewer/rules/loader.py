"""Loading rule packs from ``rules/`` and checking them as a whole."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from reviewer.errors import RuleError
from reviewer.rules.schema import Rule, parse_pack
from reviewer.rules.powers import MEASURE_NAME, power_measure, powers_path
from reviewer.rules.vocab import load_measures, measures_path
from reviewer.yamlio import load_yaml

RULES_ENV = "REVIEWER_RULES"
RETIRED_FILE = "retired.yaml"  # codes that were used once and must never be reused


def default_rules_dir() -> Path:
    """The rule packs shipped with the project (override with $REVIEWER_RULES)."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class RuleSet:
    """An ordered, validated collection of rules."""

    rules: tuple[Rule, ...]
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)
    _by_level: dict = field(default_factory=dict, compare=False, repr=False)
    _by_kinds: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({r.code: r for r in self.rules})

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code.upper())

    def filter(self, *, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> "RuleSet":
        """Rules whose code starts with a ``select`` prefix (all if none) and no ``ignore`` prefix."""
        select = tuple(s.upper() for s in select if s)
        ignore = tuple(s.upper() for s in ignore if s)
        if not select and not ignore:
            return self
        kept = tuple(
            r
            for r in self.rules
            if (not select or r.code.startswith(select)) and not (ignore and r.code.startswith(ignore))
        )
        return RuleSet(kept).reading_with(self)

    def for_level(self, level: str) -> "RuleSet":
        """The rules that apply to documents of ``level`` (cached, so the automaton is built once)."""
        if level not in self._by_level:
            kept = tuple(r for r in self.rules if r.applies_to(level))
            self._by_level[level] = self if len(kept) == len(self.rules) else RuleSet(kept).reading_with(self)
        return self._by_level[level]

    def of_kinds(self, kinds: tuple[str, ...]) -> "RuleSet":
        """The rules of these match kinds (cached, so a finder's automaton is built once)."""
        if kinds not in self._by_kinds:
            kept = tuple(r for r in self.rules if r.kind in kinds)
            self._by_kinds[kinds] = self if len(kept) == len(self.rules) else RuleSet(kept).reading_with(self)
        return self._by_kinds[kinds]

    def reading_with(self, parent: "RuleSet") -> "RuleSet":
        """This set, analysing sentences with ``parent``'s vocabulary: choosing which rules report
        (--select, a level, one rule's examples) must not change how a sentence is read (a guard
        that asks the powers table, a cited law's coverage)."""
        if parent is not self:
            self._by_kinds["vocabulary"] = parent.vocabulary()
        return self

    def vocabulary(self) -> tuple:
        """Every kind of measure the measure rules of this set name (each once), or of the set this
        one was chosen from (``reading_with``)."""
        if "vocabulary" not in self._by_kinds:
            seen: dict[str, object] = {}
            for rule in self.rules:
                for m in rule.measures:
                    seen.setdefault(m.name, m)
            self._by_kinds["vocabulary"] = tuple(seen.values())
        return self._by_kinds["vocabulary"]

    def compile_all(self) -> "RuleSet":
        """Compile every pattern now (before forking workers, so they share the compiled code)."""
        for rule in self.rules:
            for pattern in (rule.pattern, rule.near, rule.not_near, rule.title_filter):
                if pattern is not None:
                    pattern.compile()
            for measure in rule.measures:
                measure.compiled.compile()
                measure.trigger_pattern.compile()
        return self

    @cached_property
    def matcher(self):
        """The compiled trigger automaton for this rule set (built once, on first use)."""
        from reviewer.rules.matchers import TriggerIndex

        return TriggerIndex.build(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def _read_yaml(path: Path):
    import yaml

    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise RuleError(f"{path}: YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}") from None
    except OSError as exc:
        raise RuleError(f"{path}: 无法读取：{exc.strerror}") from None


def load_rules(directory: Path | str | None = None, *, validate: bool = True) -> RuleSet:
    """Load and validate every pack in ``directory``; raise RuleError naming file, rule and field."""
    directory = Path(directory) if directory else default_rules_dir()
    if not directory.is_dir():
        raise RuleError(f"{directory}: 规则目录不存在")
    retired_path = directory / RETIRED_FILE
    retired = set((_read_yaml(retired_path) or {}).get("retired", [])) if retired_path.exists() else set()
    vocab = measures_path(directory)
    measures = load_measures(vocab, _read_yaml(vocab)) if vocab.exists() else {}
    powers = powers_path(directory)
    if powers.exists():
        measures[MEASURE_NAME] = power_measure(powers, _read_yaml(powers))
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == RETIRED_FILE:
            continue
        display = f"{directory.name}/{path.name}"
        rules.extend(parse_pack(_read_yaml(path), source=display, validate=validate, measures=measures))
    _check_whole(rules, retired)
    return RuleSet(tuple(rules))


def _check_whole(rules: list[Rule], retired: set[str]) -> None:
    """Checks that span packs: unique codes, unique messages, no reuse of retired codes."""
    seen: dict[str, Rule] = {}
    messages: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in retired:
            raise RuleError(f"{rule.source}: {rule.code} → code: 该编号已停用，编号永不复用，请使用新编号")
        if rule.code in seen:
            raise RuleError(f"{rule.source}: {rule.code} → code: 编号重复（亦见于 {seen[rule.code].source}）")
        if rule.message in messages:
            raise RuleError(f"{rule.source}: {rule.code} → message: 与 {messages[rule.message].code} 的说明相同")
        seen[rule.code] = rule
        messages[rule.message] = rule


@lru_cache(maxsize=4)
def _cached(directory: str) -> RuleSet:
    # The shipped packs are fully validated by the test suite; here patterns compile on first use,
    # and the parsed packs come from the on-disk cache while no pack has changed.
    from reviewer.cache import cached

    # The modules that define the pickled records are sources too: a changed record shape must
    # never be read back from an old cache; so is this one, which decides what is precompiled.
    from reviewer import model, regexes
    from reviewer.rules import analysis, lazy, powers, schema, vocab

    shapes = [Path(m.__file__) for m in (schema, vocab, lazy, analysis, regexes, model, powers) if m.__file__] + [Path(__file__)]
    sources = list(Path(directory).glob("*.yaml")) + list(Path(directory).glob("vocab/*.yaml")) + shapes
    rules = cached("rules", sources, lambda: _precompiled(load_rules(directory, validate=False)))
    return RuleSet(rules)


def _precompiled(rules: RuleSet) -> tuple[Rule, ...]:
    """The rules with every pattern's compiled program kept for the cache (reviewer/rules/lazy.py):
    paid once when a pack changes, it spares every later check the parsing of its patterns."""
    for rule in rules:
        for pattern in (rule.pattern, rule.near, rule.not_near, rule.title_filter):
            if pattern is not None:
                pattern.precompile()
        for measure in rule.measures + ((rule.actor,) if rule.actor is not None else ()):
            measure.compiled.precompile()
            measure.trigger_pattern.precompile()
    return rules.rules


def default_ruleset() -> RuleSet:
    """The shipped rules, loaded once per process."""
    return _cached(str(default_rules_dir()))
