"""Uniform registration numbers (统一编号) from a configurable template.

A number is allocated as MAX(seq)+1 for its (scope, year) inside the caller's BEGIN IMMEDIATE
transaction, together with the registration row; the UNIQUE constraints on (scope, year, seq) and
on number are the last line of defence. Numbers are never reused: registration rows are never
updated or deleted (schema triggers).
"""

from __future__ import annotations

import re
import sqlite3
import string

from reviewer.errors import ArchiveError

# Fields a template may use. Anything else (attributes, indexes) is refused, because
# str.format would otherwise let a template reach into Python objects.
FIELDS = ("code", "year", "seq", "issuer")


MAX_TEMPLATE = 200


def _refuse_adjacent_seq(parts: list[tuple[str, str | None]]) -> None:
    """{seq} needs literal text between it and any other field.

    Without it numbers of different documents can coincide: in ``{year}-{seq}{issuer}`` the
    issuer 1局 with seq 1 and the issuer 局 with seq 11 both give ``2026-11局``.
    """
    for (_, before), (literal, after) in zip(parts, parts[1:]):
        if literal == "" and before is not None and after is not None and "seq" in (before, after):
            other = after if before == "seq" else before
            raise ArchiveError(f"编号模板中 {{seq}} 与 {{{other}}} 紧挨着，不同文件可能得到相同的登记号；"
                               f"请在两者之间加上文字或符号，如 {{seq}}号")


def validate_template(template: str, by_issuer: bool) -> None:
    """Refuse templates that could produce duplicate or unreadable numbers."""
    names = []
    parts: list[tuple[str, str | None]] = []
    if len(template) > MAX_TEMPLATE:
        raise ArchiveError(f"编号模板过长（{len(template)} 个字符，上限 {MAX_TEMPLATE}）")
    try:
        for literal, name, spec, _ in string.Formatter().parse(template):
            parts.append((literal, name))
            if name is None:
                continue
            if name not in FIELDS:
                raise ArchiveError(f"编号模板中的 {{{name}}} 无法识别；可用字段：{{code}} {{year}} {{seq}} {{issuer}}")
            if re.search(r"\d{3,}", spec or ""):
                # "{seq:0999999999d}" would build a gigabyte-long number.
                raise ArchiveError(f"编号模板中 {{{name}:{spec}}} 的宽度过大（最多两位数）")
            names.append(name)
            render_field = {"seq": 1, "year": 2024}.get(name, "x")
            format(render_field, spec or "")
    except ValueError as exc:
        raise ArchiveError(f"编号模板格式有误（{exc}），示例：{{code}}规〔{{year}}〕{{seq}}号") from None
    _refuse_adjacent_seq(parts)
    if "seq" not in names or "year" not in names:
        raise ArchiveError("编号模板必须包含 {year} 和 {seq}，否则编号会重复")
    if by_issuer and "issuer" not in names:
        raise ArchiveError("按制定机关分别编号时，模板必须包含 {issuer}，否则不同机关的编号会重复")


def render(template: str, code: str, year: int, seq: int, issuer: str = "") -> str:
    """The number for these values, e.g. ``龙规〔2024〕7号``."""
    return template.format(code=code, year=year, seq=seq, issuer=issuer)


def parse(template: str, number: str, code: str, issuer: str = "") -> tuple[int, int] | None:
    """(year, seq) of a number that follows the template, or None (imported legacy numbers)."""
    pattern = ""
    for literal, name, _spec, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name == "code":
            pattern += re.escape(code)
        elif name == "issuer":
            pattern += re.escape(issuer)
        elif name == "year":
            pattern += r"(?P<year>\d{4})"
        elif name == "seq":
            pattern += r"(?P<seq>\d+)"
    m = re.fullmatch(pattern, number.strip())
    return (int(m["year"]), int(m["seq"])) if m else None


def next_seq(conn: sqlite3.Connection, scope: str, year: int) -> int:
    """The next sequence number; call only inside a write transaction."""
    row = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM registrations WHERE scope = ? AND year = ?", (scope, year)
    ).fetchone()
    return row[0]


def register(conn: sqlite3.Connection, settings, document_id: int, user: str, date: str) -> tuple[int, str]:
    """Give a passed document its number; returns (seq, number). Allocation and record share one transaction."""
    from reviewer.archive import log
    from reviewer.archive.db import now, write
    from reviewer.archive.filings import get_row
    from reviewer.archive.records import FILING_PASSED

    year = int(date[:4])
    with write(conn):
        row = get_row(conn, document_id)
        if row["filing_status"] != FILING_PASSED:
            raise ArchiveError(f"第 {document_id} 号文件审查结论为“{row['filing_status']}”，审查通过后才能登记编号")
        done = conn.execute("SELECT number FROM registrations WHERE document_id = ?", (document_id,)).fetchone()
        if done is not None:
            raise ArchiveError(f"第 {document_id} 号文件已登记，登记号为 {done['number']}")
        if settings.require_signoff:
            from reviewer.archive import signoff

            signoff.require(conn, document_id)
        issuer = row["issuer"] or ""
        if settings.by_issuer and not issuer:
            raise ArchiveError(f"第 {document_id} 号文件没有制定机关，无法按制定机关编号")
        scope = issuer if settings.by_issuer else ""
        seq = next_seq(conn, scope, year)
        number = render(settings.template, settings.code, year, seq, issuer)
        taken = conn.execute("SELECT document_id FROM registrations WHERE number = ?", (number,)).fetchone()
        if taken is not None:
            raise ArchiveError(f"登记号 {number} 已被第 {taken['document_id']} 号文件使用（编号模板 {settings.template} "
                               "对不同制定机关产生了相同的号）；请用 reviewer archive init 改用能区分的模板后再登记")
        conn.execute(
            "INSERT INTO registrations(document_id, scope, year, seq, number, registered_at, registered_by)"
            " VALUES (?,?,?,?,?,?,?)", (document_id, scope, year, seq, number, date, user))
        conn.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (now(), document_id))
        log.append(conn, user, "登记编号", document_id, {"登记号": number, "年度": year, "序号": seq})
    return seq, number
