"""Where a stored finding's words are in the stored version text, for the review screen's marks.

The archive keeps, for each finding, the locator a lawyer cites (第十二条第二款…), the matched
words and the finding as the check reported it (its ``json``, with the offset into the very text
stored with the version). A finding is placed, in order of trust:

1. at its recorded offset, when the stored text still holds its matched words there;
2. in the clause its locator names (the version text parsed by ``reviewer.structure``, each
   clause labelled as the engine labels it): the first occurrence of the words in that clause;
3. at the first occurrence of the words anywhere in the text;
4. nowhere: the finding is listed unmarked (the page says 原文位置未能定位).

A finding without words (something missing) is a pin at its recorded offset, else at the start
of the clause its locator names. Nothing here re-runs the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import Clause, Severity
from reviewer.structure import line_starts, parse_clauses
from reviewer.web.marks import Span

# As reviewer/engine.py labels a clause without a locator of its own.
FALLBACK_LABELS = {"title": "标题", "preamble": "序言", "signature": "落款"}


@dataclass(frozen=True)
class Stored:
    """What the archive holds about one finding that matters for placing it."""

    locator: str
    match: str
    offset: int | None = None  # as recorded by the check, when recorded
    length: int | None = None


def place(text: str, stored: Stored, clauses: tuple[Clause, ...] | None = None) -> tuple[int, int] | None:
    """[start, end) of the finding's words in ``text``, or None when they cannot be found."""
    if _recorded_holds(text, stored):
        assert stored.offset is not None and stored.length is not None
        return stored.offset, stored.offset + stored.length
    if clauses is None:
        clauses = parse_clauses(text)
    regions = named_regions(text, clauses, stored.locator)
    if not stored.match:
        return (regions[0][0], regions[0][0]) if regions else None
    for start, end in regions:
        hit = text.find(stored.match, start, end)
        if hit >= 0:
            return hit, hit + len(stored.match)
    hit = text.find(stored.match)
    return (hit, hit + len(stored.match)) if hit >= 0 else None


def _recorded_holds(text: str, stored: Stored) -> bool:
    if stored.offset is None or stored.length is None or stored.offset < 0 or stored.length < 0:
        return False
    end = stored.offset + stored.length
    return end <= len(text) and text[stored.offset:end] == stored.match


def named_regions(text: str, clauses: tuple[Clause, ...], locator: str) -> list[tuple[int, int]]:
    """The spans of the clauses labelled ``locator`` (several clauses may share a label, e.g. a
    long 序言), or the line a 第N行 locator names."""
    out = [(c.start, c.end) for c in clauses if label(c) == locator]
    if out or not (locator.startswith("第") and locator.endswith("行") and locator[1:-1].isdigit()):
        return out
    starts = line_starts(text)
    line = int(locator[1:-1])
    if not 1 <= line <= len(starts):
        return []
    end = starts[line] - 1 if line < len(starts) else len(text)
    return [(starts[line - 1], end)]


def label(clause: Clause) -> str:
    return clause.locator or FALLBACK_LABELS.get(clause.kind, "")


@dataclass(frozen=True)
class Placed:
    """One stored finding on the review screen: its span, or None when it is listed unmarked."""

    number: int
    family: str
    span: Span | None


def place_all(text: str, findings: list[dict], details: list[dict]) -> list[Placed]:
    """Place each stored finding (``findings`` as ``Archive.show`` lists them, ``details`` the
    recorded check output for each, same order; an empty dict when none is recorded)."""
    clauses: tuple[Clause, ...] | None = None
    out = []
    for n, (f, d) in enumerate(zip(findings, details, strict=True), start=1):
        location = d.get("location") or {}
        stored = Stored(f["locator"] or "", f["match"] or "", _int(location.get("offset")),
                        _int(location.get("length")))
        if clauses is None and not _recorded_holds(text, stored):
            clauses = parse_clauses(text)  # parsed once, only when a recorded offset fails
        where = place(text, stored, clauses)
        family = str(d.get("family") or "")
        severity = _severity(f["severity"])
        out.append(Placed(n, family, Span(n, where[0], where[1], severity, family) if where else None))
    return out


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _severity(value: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        return Severity.INFO
