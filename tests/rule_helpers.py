"""What the rules report on a sentence, the statistical second opinion left out: a hand-written rule's
or the shared vocabulary's findings, which a test can pin down, not the model's, which move with every
retrain and are tested apart (tests/test_opinion.py)."""

from __future__ import annotations

from reviewer.evaluate import reported
from reviewer.model import Finding
from reviewer.pipeline import check_text
from reviewer.rules.loader import default_ruleset


def reported_by_rules(text: str, level: str = "行政规范性文件") -> list[Finding]:
    """The warnings and errors the rules (not the second opinion) report on ``text``."""
    rules = default_ruleset()
    without_model = rules.filter(ignore=[r.code for r in rules if r.kind == "model"])
    return reported(check_text(text, path="<text>", level=level, ruleset=without_model).findings)
