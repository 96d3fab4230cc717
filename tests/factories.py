"""Findings built by hand for the report tests, which must not depend on the rules' wording."""

from __future__ import annotations

from reviewer.model import Basis, Finding, Location, Severity

PENALTY_BASIS = (Basis("中华人民共和国行政处罚法", "第十六条"),)


def finding_at(text: str, offset: int, length: int, **fields) -> Finding:
    """A finding on ``text[offset:offset + length]``, located by line and column.

    Every other Finding field has a plain default and can be overridden by keyword.
    """
    match = text[offset:offset + length]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = fields.pop("code", "PENALTY001")
    values = {
        "code": code,
        "name": "rule",
        "family": code.rstrip("0123456789"),
        "severity": Severity.ERROR,
        "title": f"不得设定{match}",
        "message": "规范性文件不得设定。",
        "match": match,
        "context": match,
        "location": Location(fields.pop("locator", "第一条"), line, column, offset, length),
        "basis": PENALTY_BASIS,
        "suggestion": "删除。",
        "fingerprint": code,
    }
    values.update(fields)
    return Finding(**values)


def finding_on(text: str, match: str, nth: int = 0, **fields) -> Finding:
    """A finding on the ``nth`` occurrence of ``match`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(match, offset + 1)
    return finding_at(text, offset, len(match), **fields)
