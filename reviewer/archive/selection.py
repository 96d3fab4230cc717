"""Which findings a reviewer means: ``1-15``, ``1,3,5``, ``全部``/``all``, or fingerprints.

Positions are 1-based as ``archive show`` lists them; anything that is not a position, a range
or 全部 is passed through unchanged (a fingerprint or its prefix, resolved later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reviewer.errors import ArchiveError

ALL = ("全部", "all", "ALL", "All")
_RANGE = re.compile(r"(\d{1,5})\s*[-－~～—至到]\s*(\d{1,5})")
_SPLIT = re.compile(r"[,，、;；\s]+")


def expand(refs: Iterable[str], count: int) -> list[str]:
    """Every single reference named by ``refs``, in order, without repeats."""
    out: list[str] = []
    for ref in refs:
        for part in (p for p in _SPLIT.split(str(ref).strip()) if p):
            for one in _one(part, count):
                if one not in out:
                    out.append(one)
    return out


def _one(part: str, count: int) -> list[str]:
    if part in ALL:
        return [str(n) for n in range(1, count + 1)]
    hit = _RANGE.fullmatch(part)
    if not hit:
        return [part]
    low, high = int(hit.group(1)), int(hit.group(2))
    if low > high:
        raise ArchiveError(f"问题范围“{part}”写反了，应为从小到大，如 1-{max(low, 2)}")
    if low < 1 or high > count:
        raise ArchiveError(f"问题范围“{part}”超出范围：本文件共有 {count} 个问题，序号从 1 开始")
    return [str(n) for n in range(low, high + 1)]
