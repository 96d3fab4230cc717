"""The document's text cut into pieces for the report page: plain text, or a marked piece
listing the numbers of the findings that cover it. Templates render the pieces (autoescaped);
nothing here builds HTML."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import DocumentReport


@dataclass(frozen=True)
class Piece:
    text: str
    numbers: tuple[int, ...] = ()  # findings (1-based) covering the piece; empty: plain text
    starts: tuple[int, ...] = ()  # findings whose words begin here (the jump targets)
    ends: tuple[int, ...] = ()  # findings whose words end here (their numbers are shown after it)
    severity: str = ""  # the most severe of the covering findings
    family: str = ""


def pieces(report: DocumentReport) -> list[Piece]:
    text = report.document.text
    spans = []
    for n, f in enumerate(report.findings, start=1):
        start = min(max(f.location.offset, 0), len(text))
        end = min(max(f.location.offset + f.location.length, start), len(text))
        spans.append((n, start, end, f))
    cuts = sorted({0, len(text)} | {s for _, s, _, _ in spans} | {e for _, _, e, _ in spans})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        empty = [n for n, s, e, _ in spans if s == e == a]
        if empty:  # something missing: a pin where it belongs, no text
            top = max((spans[n - 1][3] for n in empty), key=lambda f: f.severity.rank)
            out.append(Piece("", tuple(empty), tuple(empty), tuple(empty), top.severity.value, top.family))
        if a == b:
            continue
        covering = [(n, f) for n, s, e, f in spans if s <= a and e >= b and s < e]
        if not covering:
            out.append(Piece(text[a:b]))
            continue
        top = max((f for _, f in covering), key=lambda f: f.severity.rank)
        out.append(Piece(
            text[a:b],
            tuple(n for n, _ in covering),
            tuple(n for n, s, e, _ in spans if s == a and s < e),
            tuple(n for n, s, e, _ in spans if e == b and s < e),
            top.severity.value,
            top.family,
        ))
    return out
