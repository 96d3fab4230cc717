"""Text output for people: findings grouped by clause, the matched words highlighted, a summary.

Colour is decided by the caller (only on a terminal, never with NO_COLOR); without colour the
matched words are bracketed 【like this】 so the highlight survives in a plain log.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from reviewer.model import FAMILIES, DocumentReport, Finding, Severity
from reviewer.sanitize import clean_text

_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _style(text: str, colour: bool, **kw) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **kw)


def _highlight(finding: Finding, colour: bool) -> str:
    # Document text goes to a terminal: an escape sequence in a draft must not drive it.
    context, match = clean_text(finding.context), clean_text(finding.match)
    if not match or match not in context:
        return context
    before, _, after = context.partition(match)
    marked = _style(match, colour, fg=_SEVERITY_COLOUR[finding.severity], bold=True, underline=True)
    return before + (marked if colour else f"【{match}】") + after


def _render_finding(f: Finding, colour: bool) -> list[str]:
    sev = _style(f.severity.label, colour, fg=_SEVERITY_COLOUR[f.severity], bold=True)
    head = f"    {sev} {_style(f.code, colour, bold=True)} {f.title}（{FAMILIES.get(f.family, f.family)}）"
    lines = [head]
    if f.context:
        lines.append(f"      原文：{_highlight(f, colour)}")
    lines.append(f"      理由：{f.message}")
    if f.basis:
        lines.append("      依据：" + "；".join(str(b) for b in f.basis))
    lines.append(f"      建议：{f.suggestion}")
    return lines


def render_document(report: DocumentReport, colour: bool = False) -> list[str]:
    """Lines for one document: a header, then findings grouped by clause."""
    doc = report.document
    title = f"《{clean_text(doc.metadata.title)}》" if doc.metadata.title else ""
    header = f"{_style(doc.path, colour, bold=True)} {title}（按{doc.level}审查）"
    lines = [header]
    if not report.findings:
        lines.append("  未发现问题。")
        return lines
    for (locator, line), group in groupby(report.findings, key=lambda f: (f.location.locator, f.location.line)):
        lines.append(f"  {_style(locator, colour, fg='cyan', bold=True)}（第{line}行）")
        for f in group:
            lines.extend(_render_finding(f, colour))
    return lines


def render_summary(reports: Sequence[DocumentReport]) -> str:
    """One line: how many documents, how many findings by severity."""
    from reviewer.report import summary

    s = summary(reports)
    counts = "，".join(f"{Severity(k).label} {v}" for k, v in sorted(s["by_severity"].items(), key=lambda kv: -Severity(kv[0]).rank))
    found = f"发现 {s['findings']} 个问题" + (f"（{counts}）" if counts else "")
    return f"共审查 {s['documents']} 个文件，{found}。"


def render(reports: Sequence[DocumentReport], *, colour: bool = False, **_options) -> str:
    """The whole text report."""
    blocks = ["\n".join(render_document(r, colour)) for r in reports]
    return "\n\n".join(blocks + [render_summary(reports)]) + "\n"
