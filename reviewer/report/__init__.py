"""Reports: one module per output format, all taking the same list of DocumentReports.

``text`` and ``json`` go to stdout (or a file); the others are files and need ``-o``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence

from reviewer.errors import UsageError
from reviewer.model import DocumentReport

# format -> (module, needs an output file)
FORMATS: dict[str, tuple[str, bool]] = {
    "text": ("reviewer.report.text", False),
    "json": ("reviewer.report.json", False),
    "docx": ("reviewer.report.docx_comments", True),
    "opinion": ("reviewer.report.opinion", True),
    "xlsx": ("reviewer.report.xlsx", True),
    "html": ("reviewer.report.html", True),
}


def summary(reports: Sequence[DocumentReport]) -> dict:
    """Counts for the summary block of every format."""
    by_severity = Counter(f.severity.value for r in reports for f in r.findings)
    by_family = Counter(f.family for r in reports for f in r.findings)
    return {
        "documents": len(reports),
        "findings": sum(len(r.findings) for r in reports),
        "by_severity": dict(sorted(by_severity.items())),
        "by_family": dict(sorted(by_family.items())),
    }


def write_report(reports: Sequence[DocumentReport], fmt: str, out: str | None, **options) -> str | None:
    """Render ``reports`` in ``fmt``; return the text for stdout formats when ``out`` is None."""
    if fmt not in FORMATS:
        raise UsageError(f"未知的输出格式“{fmt}”；可选：{'、'.join(FORMATS)}")
    module_name, needs_file = FORMATS[fmt]
    if needs_file and not out:
        raise UsageError(f"输出格式 {fmt} 需要用 -o 指定输出文件")
    module = importlib.import_module(module_name)
    if needs_file:
        module.write(reports, out, **options)
        return None
    text = module.render(reports, **options)
    if out:
        try:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"{out}: 无法写入：{exc.strerror}") from None
        return None
    return text
