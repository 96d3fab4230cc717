"""What the law itself sets, by name: charges (``reviewer/data/fees.yaml``) and permits
(``reviewer/data/permits.yaml``).

A normative document may tell people to pay 污水处理费 or to hold a 食品经营许可证: the charge or the
permit exists by law and the document sets nothing. The fee and licence rules ask ``named_in``
whether the charge or permit a sentence names is on these lists before they report it as the
document's own. The lists are short and deliberate: a name a document could borrow for a measure
of its own making (管理费, 保证金, 准运证, 通行证) is never on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewer.errors import RuleError
from reviewer.regexes import compile_re

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
KINDS = {"fees": "收费", "permits": "许可证照"}


@dataclass(frozen=True)
class CatalogueEntry:
    """One charge or permit set by law or listed in a national catalogue."""

    name: str
    aliases: tuple[str, ...]
    basis: str  # the law (and article) or the catalogue it rests on


def parse_entries(raw: object, where: str) -> tuple[CatalogueEntry, ...]:
    """Validate a parsed list; errors name the file, the entry and the field."""
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{where}: 应为非空的条目列表")
    entries: list[CatalogueEntry] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw, 1):
        label = f"{where}: 第 {i} 条"
        if not isinstance(item, dict):
            raise RuleError(f"{label}: 应为含 name、basis 的映射")
        name, basis, aliases = item.get("name"), item.get("basis"), item.get("aliases", [])
        if not isinstance(name, str) or not name.strip():
            raise RuleError(f"{label} → name: 缺少名称")
        if not isinstance(basis, str) or not basis.strip():
            raise RuleError(f"{label}（{name}）→ basis: 缺少依据")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise RuleError(f"{label}（{name}）→ aliases: 应为名称列表")
        entry = CatalogueEntry(name.strip(), tuple(a.strip() for a in aliases), basis.strip())
        for n in (entry.name, *entry.aliases):
            if n in seen:
                raise RuleError(f"{label}（{name}）: 名称“{n}”与第 {seen[n]} 条重复")
            seen[n] = i
        entries.append(entry)
    return tuple(entries)


def _read(path: Path) -> tuple[CatalogueEntry, ...]:
    from reviewer.yamlio import load_yaml

    return parse_entries(load_yaml(path.read_text(encoding="utf-8")), f"reviewer/data/{path.name}")


@lru_cache(maxsize=len(KINDS))
def catalogue(kind: str) -> tuple[CatalogueEntry, ...]:
    """The shipped list of ``kind`` ('fees' or 'permits'), parsed once per process and kept in the
    on-disk cache."""
    from reviewer.cache import cached

    if kind not in KINDS:
        raise RuleError(f"未知的目录 {kind!r}（可用：{'、'.join(KINDS)}）")
    path = DATA_DIR / f"{kind}.yaml"
    return cached(f"catalogue-{kind}", [path, Path(__file__)], lambda: _read(path))


@lru_cache(maxsize=len(KINDS))
def _names_re(kind: str) -> re.Pattern[str]:
    # longest first, ties by the name: the same pattern in every process, so its program is found again
    names = sorted({n for c in catalogue(kind) for n in (c.name, *c.aliases)}, key=lambda n: (-len(n), n))
    # 许可证明 is a certificate about a permit (规划许可证明文件), a paper an office may demand on its own.
    # the shipped catalogue, not input: its program is cached like a module's pattern
    return compile_re("(?:" + "|".join(map(re.escape, names)) + ")(?!明)")


def named_in(kind: str, text: str) -> CatalogueEntry | None:
    """The entry of ``kind`` that ``text`` names, or None."""
    m = _names_re(kind).search(text)
    if m is None:
        return None
    return next(c for c in catalogue(kind) if m.group(0) in (c.name, *c.aliases))


@lru_cache(maxsize=len(KINDS))
def longest_name(kind: str) -> int:
    """The length of the longest name of ``kind`` (how far around a match a name is looked for)."""
    return max(len(n) for c in catalogue(kind) for n in (c.name, *c.aliases))


def named_spans(kind: str, text: str) -> list[tuple[int, int]]:
    """Where in ``text`` entries of ``kind`` are named."""
    return [m.span() for m in _names_re(kind).finditer(text)]
