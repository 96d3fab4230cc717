"""Review settings: the numbers that vary by province, with the common defaults.

Provinces set their own limits for normative documents (有效期, the gap between publication and
effect); the defaults are the most common ones. A caller that follows a stricter local measure
passes its own ``ReviewSettings`` to ``check_document``.
"""

from __future__ import annotations

from dataclasses import dataclass


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


DEFAULT_SETTINGS = ReviewSettings()
