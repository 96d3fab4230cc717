"""`reviewer laws import FILE.csv`: reading a law catalogue file into laws (``reviewer.citations.Law``).

Two header styles are accepted:

* the ``catalog.csv`` format (title, level, office, publish_date, effective_date, status,
  version_note, source_path) — one row per *version* of a law. Rows are grouped by normalised
  title; the newest version gives the law's current facts and every version date becomes a 公布
  event. A ``version_note`` such as ``被《法规规章备案审查条例》(2024-08-30)废止，自2024-11-01起``
  gives the repeal date and the successor;
* the same columns with Chinese headers (标题, 层级, 制定机关, 公布日期, 施行日期, 状态, 备注), plus
  optional 简称 (separated by 、or ;), 修改日期, 废止日期 and 替代 for an office's own list.

Every row is validated before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from reviewer.citations import Law
from reviewer.laws.store import _REPEAL_NOTE_RE, LoadCounts, law_key, record_source, upsert
from reviewer.statuses import CATALOGUE_STATUSES as LAW_STATUSES, REPEALED
from reviewer.errors import ArchiveError

# canonical column -> accepted headers (the first is catalog.csv's)
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "名称", "法规名称"),
    "level": ("level", "层级", "效力级别", "效力位阶"),
    "office": ("office", "制定机关", "发布机关"),
    "publish_date": ("publish_date", "公布日期", "发布日期"),
    "effective_date": ("effective_date", "施行日期", "实施日期"),
    "status": ("status", "状态", "时效性"),
    "note": ("version_note", "备注", "说明"),
    "short": ("short", "简称"),
    "amended": ("amended", "修改日期"),
    "repealed_date": ("repealed_date", "废止日期"),
    "replaced_by": ("replaced_by", "替代", "被替代为"),
}
_SPLIT_RE = re.compile(r"[、;；,，]\s*")
# Status words other lists use for the same thing.
_STATUS_ALIASES = {"现行有效": "有效", "失效": REPEALED, "废止": REPEALED, "已被修改": "已修改"}


def _read(path: Path) -> list[list[str]]:
    """The rows of the catalogue CSV, read by the one bounded reader (reviewer.spreadsheet)."""
    from reviewer.spreadsheet import SpreadsheetError, read_csv

    try:
        return read_csv(path)
    except SpreadsheetError as exc:
        raise ArchiveError(exc.message) from None


def _header_map(header: list[str], path: str) -> dict[str, int]:
    found: dict[str, int] = {}
    cleaned = [h.strip().lower() for h in header]
    for column, names in COLUMNS.items():
        for name in names:
            if name.lower() in cleaned:
                found[column] = cleaned.index(name.lower())
                break
    for required in ("title", "status"):
        if required not in found:
            raise ArchiveError(f"{path}: 缺少“{COLUMNS[required][0]}”（或“{COLUMNS[required][1]}”）列")
    return found


def _date(value: str, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    from reviewer.dates import DateError, iso

    try:
        return iso(value)
    except DateError as exc:
        raise ArchiveError(f"{where}：{exc}") from None


def _row(values: list[str], cols: dict[str, int], where: str) -> dict:
    get = lambda c: (values[cols[c]].strip() if c in cols and cols[c] < len(values) else "")  # noqa: E731
    title = get("title")
    if not title:
        raise ArchiveError(f"{where}：标题为空")
    status = _STATUS_ALIASES.get(get("status"), get("status"))
    if status not in LAW_STATUSES:
        raise ArchiveError(f"{where}：状态“{get('status')}”无法识别，可选：{'、'.join(LAW_STATUSES)}")
    note = get("note")
    repeal = _REPEAL_NOTE_RE.search(note) if note else None
    repealed_date = _date(get("repealed_date"), where) or (repeal["date"] if repeal and repeal["date"] else None)
    return {
        "title": title, "level": get("level"), "office": get("office"),
        "publish_date": _date(get("publish_date"), where), "effective_date": _date(get("effective_date"), where),
        "status": status, "note": note,
        "short": tuple(s for s in _SPLIT_RE.split(get("short")) if s),
        "amended": tuple(d for d in (_date(v, where) for v in _SPLIT_RE.split(get("amended"))) if d),
        "repealed_date": repealed_date,
        "replaced_by": get("replaced_by") or (repeal["by"] if repeal else None),
    }


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _merge(versions: list[dict]) -> Law:
    """One law from its version rows: the newest gives the current facts."""
    ordered = sorted(versions, key=lambda r: r["publish_date"] or "")
    newest = ordered[-1]
    repealed = next((r for r in reversed(ordered) if r["status"] == REPEALED), None)
    # The newest row speaks for the law: 已废止 only when the newest version is repealed, and
    # 已修改 (amended, text not held) stays 已修改 — in force, the audit checks the dates.
    status = newest["status"]
    return Law(
        title=newest["title"], short=tuple(dict.fromkeys(s for r in ordered for s in r["short"])),
        level=newest["level"], issuer=newest["office"], published=_day(newest["publish_date"]),
        effective=_day(newest["effective_date"]), status=status,
        versions=tuple(dt.date.fromisoformat(r["publish_date"]) for r in ordered if r["publish_date"]),
        amended=tuple(sorted({dt.date.fromisoformat(d) for r in ordered for d in r["amended"]})),
        repealed=_day((repealed or {}).get("repealed_date")) if status == REPEALED else None,
        replaced_by=(repealed or {}).get("replaced_by") if status == REPEALED else None,
        note=newest["note"],
    )


def parse(path: str) -> tuple[list[Law], str]:
    """Validate the whole file and group its rows into laws; returns the facts and the file's SHA-256."""
    p = Path(path)
    if not p.is_file():
        raise ArchiveError(f"{path}: 文件不存在")
    if p.suffix.lower() != ".csv":
        raise ArchiveError(f"{path}: 请提供 .csv 文件（catalog.csv 的格式，或含 标题、状态 列的表格）")
    raw = _read(p)
    if not raw:
        raise ArchiveError(f"{path}: 文件为空")
    cols = _header_map(raw[0], path)
    groups: dict[str, list[dict]] = {}
    for line, values in enumerate(raw[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        row = _row(values, cols, f"{p.name} 第 {line} 行")
        groups.setdefault(law_key(row["title"]), []).append(row)
    return [_merge(v) for v in groups.values()], hashlib.sha256(p.read_bytes()).hexdigest()


def load(conn: sqlite3.Connection, facts: Iterable[Law], source: str, digest: str, user: str) -> LoadCounts:
    """Merge parsed laws into the archive's catalogue, with a law_sources row (caller's transaction)."""
    counts = LoadCounts()
    for item in facts:
        upsert(conn, item, source, user, counts)
    record_source(conn, source, digest, counts, user)
    return counts
