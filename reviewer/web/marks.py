"""A document's text cut into pieces for the marked-text pane (the drafter's check report and the
office's review screen): plain text, or a marked piece listing the numbers of the findings that
cover it. Templates render the pieces (autoescaped); nothing here builds HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.model import DocumentReport, Severity


@dataclass(frozen=True)
class Piece:
    text: str
    numbers: tuple[int, ...] = ()  # findings (1-based) covering the piece; empty: plain text
    starts: tuple[int, ...] = ()  # findings whose words begin here (the jump targets)
    ends: tuple[int, ...] = ()  # findings whose words end here (their numbers are shown after it)
    severity: str = ""  # the most severe of the covering findings
    family: str = ""


@dataclass(frozen=True)
class Span:
    """Where finding ``number`` (1-based, as the list numbers it) sits in the text: [start, end);
    start == end is something missing, shown as a pin."""

    number: int
    start: int
    end: int
    severity: Severity
    family: str


def pieces(report: DocumentReport) -> list[Piece]:
    """The pieces of a fresh check report (the engine gives each finding its offset)."""
    spans = [Span(n, f.location.offset, f.location.offset + f.location.length, f.severity, f.family)
             for n, f in enumerate(report.findings, start=1)]
    return cut(report.document.text, spans)


def cut(text: str, given: Sequence[Span]) -> list[Piece]:
    """``text`` cut at every span's ends; spans are clamped to the text."""
    spans = []
    for s in given:
        start = min(max(s.start, 0), len(text))
        spans.append(Span(s.number, start, min(max(s.end, start), len(text)), s.severity, s.family))
    by_number = {s.number: s for s in spans}
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        empty = [s.number for s in spans if s.start == s.end == a]
        if empty:  # something missing: a pin where it belongs, no text
            top = max((by_number[n] for n in empty), key=lambda s: s.severity.rank)
            out.append(Piece("", tuple(empty), tuple(empty), tuple(empty), top.severity.value, top.family))
        if a == b:
            continue
        covering = [s for s in spans if s.start <= a and s.end >= b and s.start < s.end]
        if not covering:
            out.append(Piece(text[a:b]))
            continue
        top = max(covering, key=lambda s: s.severity.rank)
        out.append(Piece(
            text[a:b],
            tuple(s.number for s in covering),
            tuple(s.number for s in covering if s.start == a),
            tuple(s.number for s in covering if s.end == b),
            top.severity.value,
            top.family,
        ))
    return out
