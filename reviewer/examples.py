"""The example harness: every rule's flag examples must be flagged, its pass examples must not.

This is how a rule proves it works and how a change to a guard shows which rules it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import DEFAULT_LEVEL
from reviewer.rules.loader import RuleSet
from reviewer.rules.schema import Example, Rule


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as its rule says."""

    rule: Rule
    kind: str  # "flag" or "pass"
    index: int  # 1-based, as in the pack
    example: Example
    problem: str

    def describe(self) -> str:
        return f"{self.rule.source}: {self.rule.code} → examples → {self.kind} → {self.index}: {self.problem}"


def check_rule_examples(rule: Rule, parent: RuleSet | None = None) -> list[ExampleFailure]:
    """Run one rule over its own examples, alone (so other rules cannot mask a failure), reading
    sentences as ``parent``, the set it belongs to, reads them."""
    from reviewer.pipeline import check_text

    alone = RuleSet((rule,)).reading_with(parent) if parent is not None else RuleSet((rule,))
    failures: list[ExampleFailure] = []
    for i, ex in enumerate(rule.flag_examples, 1):
        level = ex.level or _example_level(rule)
        found = check_text(ex.text, path=f"{rule.code}-flag-{i}", level=level, ruleset=alone).findings
        if ex.span is None:
            ok = bool(found)
            problem = "未报告（应报告）"
        else:
            spans = [(f.location.offset, f.location.offset + f.location.length) for f in found]
            ok = tuple(ex.span) in spans
            marked = ex.text[ex.span[0]:ex.span[1]]
            got = "、".join(f"“{f.match}”" for f in found) or "无"
            problem = f"应报告“{marked}”，实际报告：{got}"
        if not ok:
            failures.append(ExampleFailure(rule, "flag", i, ex, problem))
    for i, ex in enumerate(rule.pass_examples, 1):
        level = ex.level or _example_level(rule)
        found = check_text(ex.text, path=f"{rule.code}-pass-{i}", level=level, ruleset=alone).findings
        if found:
            got = "、".join(f"“{f.match}”" for f in found)
            failures.append(ExampleFailure(rule, "pass", i, ex, f"合法表述被误报：{got}（{ex.why}）"))
    return failures


def _example_level(rule: Rule) -> str:
    return DEFAULT_LEVEL if DEFAULT_LEVEL in rule.levels else rule.levels[-1]


def check_all_examples(rules: RuleSet) -> list[ExampleFailure]:
    """Failures of every rule's examples, in pack order."""
    failures: list[ExampleFailure] = []
    for rule in rules:
        failures.extend(check_rule_examples(rule, rules))
    return failures
