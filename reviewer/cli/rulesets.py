"""Loading the rule set a command asks for, and checking rule codes given on the command line.

Both live in the CLI layer: the rule loader trusts its directory, the user's typing is checked
here. An empty or unreadable ``--rules`` folder must not fall back to the built-in rules, and a
``--select`` typo must not silently run nothing and report 0 problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reviewer.errors import RuleError, UsageError


def load_ruleset(rules_dir: str | None):
    """The rule packs in ``rules_dir`` (refused when it has none or one is not UTF-8), else the built-ins."""
    from reviewer.rules.loader import default_ruleset, load_rules

    if not rules_dir:
        return default_ruleset()
    packs = sorted(Path(rules_dir).glob("*.yaml"))
    for path in packs:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RuleError(f"{path}: 不是 UTF-8 编码（第 {exc.start} 字节起），请用 UTF-8 另存规则包") from None
        except OSError as exc:
            raise RuleError(f"{path}: 无法读取：{exc.strerror or exc}") from None
    ruleset = load_rules(rules_dir)
    if not len(ruleset):
        raise RuleError(f"{rules_dir}: 目录中没有规则（应含 .yaml 规则包）；不指定 --rules 即使用内置规则")
    return ruleset


def check_codes(ruleset, codes: Iterable[str], option: str) -> None:
    """Refuse a code that is not a prefix of any rule code (``--select PENALY``)."""
    known = [rule.code for rule in ruleset]
    unknown = [c for c in codes if not any(k.startswith(c.upper()) for k in known)]
    if unknown:
        families = sorted({rule.family for rule in ruleset})
        raise UsageError(f"{option} 中的规则编号“{'、'.join(unknown)}”不存在；可用类别：{'、'.join(families)}"
                         "（运行 reviewer rules list 查看全部规则编号）")
