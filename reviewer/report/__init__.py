"""Reports: one module per output format, all taking the same list of DocumentReports.

``text`` and ``json`` go to stdout (or a file); the others are files and need ``-o``.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence

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


def write_report(reports: Sequence[DocumentReport], fmt: str, out: str | None,
                 protected: Iterable[str] = (), **options) -> str | None:
    """Render ``reports`` in ``fmt``; return the text for stdout formats when ``out`` is None.

    A file output goes through the output-path guard: never over a path in ``protected`` (the
    inputs, the archive), always written whole or not at all.
    """
    if fmt not in FORMATS:
        raise UsageError(f"未知的输出格式“{fmt}”；可选：{'、'.join(FORMATS)}")
    module_name, needs_file = FORMATS[fmt]
    if needs_file and not out:
        raise UsageError(f"输出格式 {fmt} 需要用 -o 指定输出文件")
    module = importlib.import_module(module_name)
    protected = list(protected)
    if out:
        from reviewer.outputs import atomic_output
    if needs_file:
        assert out is not None  # refused above when missing
        if fmt == "docx" and (len(reports) > 1 or os.path.isdir(out)):
            # One commented copy per document into a folder, each through the same guard.
            for report, target in module._targets(reports, out):
                with atomic_output(target, protected) as tmp:
                    module.write_one(report, tmp, **options)
            return None
        with atomic_output(out, protected) as tmp:
            module.write(reports, tmp, **options)
        return None
    text = module.render(reports, **options)
    if out:
        try:
            with atomic_output(out, protected) as tmp, open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"{out}: 无法写入：{exc.strerror}") from None
        return None
    return text
