"""The charges a law or the national catalogues set (``reviewer/data/fees.yaml``).

A normative document may tell people to pay 污水处理费 or 不动产登记费: the charge exists by law and
the document sets nothing. The fee rules ask ``catalogued`` whether the charge a sentence names is
one of these before they report it as the document's own. The list is short and deliberate: a name
a document could borrow for a charge of its own (管理费, 考试费, 保证金) is never on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewer.errors import RuleError

FEES_PATH = Path(__file__).resolve().parents[1] / "data" / "fees.yaml"


@dataclass(frozen=True)
class CataloguedCharge:
    """One charge set by law or listed in a national catalogue."""

    name: str
    aliases: tuple[str, ...]
    basis: str  # the law (and article) or the catalogue it rests on


def parse_fees(raw: object, where: str = "reviewer/data/fees.yaml") -> tuple[CataloguedCharge, ...]:
    """Validate the parsed file; errors name the file, the entry and the field."""
    if not isinstance(raw, list):
        raise RuleError(f"{where}: 应为收费条目的列表")
    charges = []
    for i, item in enumerate(raw, 1):
        label = f"{where}: 第 {i} 条"
        if not isinstance(item, dict):
            raise RuleError(f"{label}: 应为含 name、basis 的映射")
        name, basis, aliases = item.get("name"), item.get("basis"), item.get("aliases", [])
        if not isinstance(name, str) or not name.strip():
            raise RuleError(f"{label} → name: 缺少收费名称")
        if not isinstance(basis, str) or not basis.strip():
            raise RuleError(f"{label}（{name}）→ basis: 缺少依据")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise RuleError(f"{label}（{name}）→ aliases: 应为名称列表")
        charges.append(CataloguedCharge(name.strip(), tuple(a.strip() for a in aliases), basis.strip()))
    return tuple(charges)


def _read(path: Path) -> tuple[CataloguedCharge, ...]:
    from reviewer.yamlio import load_yaml

    return parse_fees(load_yaml(path.read_text(encoding="utf-8")), f"reviewer/data/{path.name}")


@lru_cache(maxsize=1)
def catalogue() -> tuple[CataloguedCharge, ...]:
    """The shipped list, parsed once per process (and kept in the on-disk cache)."""
    from reviewer.cache import cached

    return cached("fees", [FEES_PATH, Path(__file__)], lambda: _read(FEES_PATH))


@lru_cache(maxsize=1)
def _names_re() -> re.Pattern[str]:
    names = sorted({n for c in catalogue() for n in (c.name, *c.aliases)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def catalogued(text: str) -> CataloguedCharge | None:
    """The catalogued charge ``text`` names, or None."""
    m = _names_re().search(text)
    if m is None:
        return None
    return next(c for c in catalogue() if m.group(0) in (c.name, *c.aliases))
