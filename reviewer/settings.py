"""Review settings: the numbers that vary by province, with the common defaults.

Provinces set their own limits for normative documents (有效期, the gap between publication and
effect); the defaults are the most common ones. A caller that follows a stricter local measure
passes its own ``ReviewSettings`` to ``check_document``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from reviewer.errors import UsageError


@dataclass(frozen=True)
class ReviewSettings:
    """Limits used by the document-level PROCEDURE checks."""

    # 有效期: usually at most 5 years for a normative document ...
    max_validity_years: float = 5
    # ... and at most 2 years for one whose title says 暂行 or 试行.
    max_provisional_validity_years: float = 2
    # A document touching rights and duties should take effect no sooner than 30 days after it
    # is published (规章制定程序条例 第三十二条; most provinces apply the same to 规范性文件).
    min_days_to_effect: int = 30
    # The highest fine a 规章 may set on its own. The State Council sets the limit for 部门规章 and
    # each province's people's congress standing committee for 地方政府规章 (行政处罚法 第十三条、
    # 第十四条); 30,000 yuan is a common ceiling for fines on business activities.
    # 国发〔2021〕26号 sets it for 部门规章: up to 100,000 yuan, and 200,000 where the conduct
    # endangers life, health, safety or financial security (max_rule_fine_safety).
    max_rule_fine: float = 100_000
    max_rule_fine_safety: float = 200_000


DEFAULT_SETTINGS = ReviewSettings()
# Far above any real limit, far below where date arithmetic overflows (year 9999).
MAX_SETTING: dict[str, float] = {
    "max_validity_years": 100, "max_provisional_validity_years": 100, "min_days_to_effect": 3650,
    "max_rule_fine": 1_000_000_000,
}


def with_overrides(base: ReviewSettings, pairs: tuple[str, ...]) -> ReviewSettings:
    """``base`` with ``name=value`` overrides from the command line (``--set max_validity_years=3``)."""
    known = {f.name: f for f in fields(ReviewSettings)}
    changes: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or name not in known:
            choices = "、".join(known)
            raise UsageError(f"无法识别的设置“{pair}”；应为 名称=数值，名称可选：{choices}")
        kind = int if known[name].type in (int, "int") else float
        try:
            value = kind(raw.strip())
        except (ValueError, OverflowError):
            raise UsageError(f"设置 {name} 的值“{raw}”不是数字") from None
        # nan compares false with every limit and would switch the check off; inf is no limit either.
        limit = MAX_SETTING.get(name, 1_000_000_000)
        if not math.isfinite(value) or abs(value) > limit:
            raise UsageError(f"设置 {name} 的值“{raw}”无效（应为 0 到 {limit:,} 之间的数值）")
        if value < 0:
            raise UsageError(f"设置 {name} 不能为负数")
        changes[name] = value
    return replace(base, **changes)
