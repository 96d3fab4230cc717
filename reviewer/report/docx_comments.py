"""Word comments (批注): a copy of the drafter's .docx with one comment on each finding.

The copy keeps everything python-docx loads and saves untouched (tables, numbering, headers,
footers, existing comments); the only edits are run splits and comment markers. A comment
covers exactly the flagged words: the runs holding them are split at the finding's start and
end (each half keeps the original run properties, so nothing looks different), and the
comment range goes from the first to the last of those runs.

Offsets come from the reader (``reviewer.readers.docx``): the document text is the paragraphs
of ``iter_paragraphs`` joined by "\\n", and ``Block(start, end, ("para", k))`` maps a slice of
it to paragraph k. A paragraph whose runs do not spell out exactly that slice (text held in
fields or content python-docx does not count as runs) cannot be split safely; its findings
are anchored on the whole paragraph instead.
"""

from __future__ import annotations

import bisect
import copy
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer.errors import InputError, ReviewerError, UsageError
from reviewer.model import DocumentReport, Finding, SourceText

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

DEFAULT_AUTHOR = "合法性审查"
# Suffix of each commented copy when several documents are written into one directory.
COPY_SUFFIX = ".审查.docx"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def write(reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write a commented copy of each report's .docx.

    One report: ``out`` is the output file. Several reports (or ``out`` an existing
    directory): ``out`` is a directory and each copy is named ``<原文件名>.审查.docx``.
    The source file is never overwritten.
    """
    for report, target in _targets(reports, out):
        write_one(report, target, author=author)


def write_one(report: DocumentReport, out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Reopen the report's source .docx, add a comment per finding and save it to ``out``."""
    from reviewer.readers.docx import open_document

    source = report.document.source
    _require_docx(source)
    origin = source.origin or source.path
    if os.path.exists(out) and os.path.samefile(out, origin):
        raise UsageError(f"{out}: 输出文件与被审查的原文件相同，请用 -o 指定另一个文件名，以免覆盖起草稿")
    document = open_document(origin)
    add_comments(document, source, report.findings, author=author)
    try:
        document.save(out)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入批注版文件（{exc.strerror or exc}）") from None


def add_comments(
    document: DocxDocument,
    source: SourceText,
    findings: Iterable[Finding],
    *,
    author: str = DEFAULT_AUTHOR,
) -> None:
    """Add one comment per finding to an open python-docx ``document`` read as ``source``."""
    findings = list(findings)
    if not findings:
        return
    paragraphs = _map_paragraphs(document, source)
    if not paragraphs:
        return
    starts, ends = [p.start for p in paragraphs], [p.end for p in paragraphs]
    anchors = [_resolve(paragraphs, starts, ends, f.location.offset, f.location.length) for f in findings]
    # Split every run first: splitting after a comment was placed could move a boundary
    # that an earlier comment's markers sit on.
    _split_all(paragraphs, anchors)
    initials = author[:2]
    for finding, anchor in zip(findings, anchors):
        try:
            comment = document.comments.add_comment(comment_text(finding), author=author, initials=initials)
        except ValueError:
            # python-docx numbers new comments after the existing ones and needs numeric ids.
            raise InputError(source.path, "原文件已有的批注编号不是数字（comments.xml 异常），无法添加批注；"
                                          "请在 Word/WPS 中打开并另存为 .docx 后再试，或改用 -f opinion、-f html") from None
        _mark(paragraphs, anchor, comment.comment_id)


def comment_text(finding: Finding) -> str:
    """The comment body: title, location, reason, basis and suggestion, one per line."""
    lines = [f"【{finding.severity.label}】{finding.title}（{finding.code}）"]
    if finding.location.locator:
        lines.append(f"位置：{finding.location.locator}")
    lines.append(f"理由：{finding.message}")
    if finding.basis:
        lines.append("依据：" + "；".join(str(b) for b in finding.basis))
    if finding.suggestion:
        lines.append(f"建议：{finding.suggestion}")
    return "\n".join(lines)


# -- output targets -----------------------------------------------------------------------


def _targets(reports: Sequence[DocumentReport], out: str) -> list[tuple[DocumentReport, str]]:
    """Pair each report with its output path."""
    if not out:
        raise UsageError("批注版 Word（-f docx）需要用 -o 指定输出文件")
    if len(reports) == 1 and not os.path.isdir(out):
        return [(reports[0], out)]
    for report in reports:
        _require_docx(report.document.source)
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out}: 审查多个文件时 -o 应为目录，但无法创建该目录（{exc.strerror or exc}）") from None
    pairs = []
    used: set[str] = set()
    for report in reports:
        stem = os.path.splitext(os.path.basename(report.document.source.path))[0]
        name, n = stem + COPY_SUFFIX, 2
        while name in used:  # same file name from different directories
            name, n = f"{stem}_{n}{COPY_SUFFIX}", n + 1
        used.add(name)
        pairs.append((report, os.path.join(out, name)))
    return pairs


def _require_docx(source: SourceText) -> None:
    """Comments can only go into a Word file."""
    if source.format != "docx":
        raise UsageError(
            f"{source.path}: 批注版（-f docx）只能为 .docx 文件生成；其他格式请改用 -f opinion、-f html 或 -f xlsx"
        )


# -- paragraphs and runs ------------------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    """One paragraph of the document text: its slice and whether its runs spell it exactly."""

    start: int
    end: int
    paragraph: Paragraph
    exact: bool


@dataclass(frozen=True)
class _Anchor:
    """Where a comment goes: paragraph indexes and, when exact, offsets inside them."""

    first: int
    last: int
    start: int | None = None  # offset in paragraph ``first``; None = whole paragraphs
    end: int | None = None  # offset in paragraph ``last``


def _map_paragraphs(document: DocxDocument, source: SourceText) -> list[_Para]:
    """The document's paragraphs with their slices of ``source.text``."""
    from reviewer.readers.docx import iter_paragraphs

    paragraphs = list(iter_paragraphs(document))
    refs = [b.ref for b in source.blocks]
    if refs and all(len(r) == 2 and r[0] == "para" and 0 <= r[1] < len(paragraphs) for r in refs):
        slices = [(b.start, b.end, paragraphs[b.ref[1]]) for b in source.blocks]
    else:
        # No usable blocks: rebuild them the way the reader defines the text.
        slices, offset = [], 0
        from reviewer.readers.docx import paragraph_text

        for p in paragraphs:
            length = len(paragraph_text(p))
            slices.append((offset, offset + length, p))
            offset += length + 1
    return [
        _Para(start, end, p, _run_text(p) == source.text[start:end]) for start, end, p in slices
    ]


def _text_runs(paragraph: Paragraph) -> list:
    """The ``w:r`` elements whose text makes up the reader's paragraph text (Word's final view), in order."""
    from reviewer.readers.docx import final_runs

    return final_runs(paragraph._p)


def _run_text(paragraph: Paragraph) -> str:
    from reviewer.readers.docx import run_text

    return "".join(run_text(r) for r in _text_runs(paragraph))


def _run_spans(paragraph: Paragraph) -> list[tuple[int, int, Any]]:
    """(start, end, w:r) of each text run, offsets inside the paragraph."""
    from reviewer.readers.docx import run_text

    spans, offset = [], 0
    for r in _text_runs(paragraph):
        length = len(run_text(r))
        spans.append((offset, offset + length, r))
        offset += length
    return spans


def _resolve(paragraphs: list[_Para], starts: list[int], ends: list[int], offset: int, length: int) -> _Anchor:
    """Map a document-text span to paragraphs (and offsets when the runs allow it).

    ``starts``/``ends`` are the paragraphs' slice bounds, ascending.
    """
    end = offset + length
    # First paragraph that still has text at ``offset`` (an offset on a "\n" moves forward).
    first = min(bisect.bisect_right(ends, offset), len(paragraphs) - 1)
    if length <= 0:
        return _Anchor(first, first)
    # Last paragraph that starts before the span ends (an end just after "\n" moves back).
    last = max(bisect.bisect_left(starts, end) - 1, first)
    a, b = paragraphs[first], paragraphs[last]
    # A span reaching into the "\n" between paragraphs is clamped to the paragraphs' text.
    local_start, local_end = max(offset, a.start) - a.start, min(end, b.end) - b.start
    if not (a.exact and b.exact) or local_end <= 0 or (first == last and local_start >= local_end):
        return _Anchor(first, last)
    return _Anchor(first, last, local_start, local_end)


def _split_all(paragraphs: list[_Para], anchors: list[_Anchor]) -> None:
    """Split runs so that every exact anchor starts and ends on a run boundary."""
    cuts: dict[int, set[int]] = {}
    for anchor in anchors:
        if anchor.start is not None and anchor.end is not None:
            cuts.setdefault(anchor.first, set()).add(anchor.start)
            cuts.setdefault(anchor.last, set()).add(anchor.end)
    for index, offsets in cuts.items():
        for offset in sorted(offsets):
            _split_at(paragraphs[index].paragraph, offset)


def _split_at(paragraph: Paragraph, offset: int) -> None:
    """Make ``offset`` a run boundary by splitting the run that straddles it."""
    for start, end, r in _run_spans(paragraph):
        if start < offset < end:
            _split_run(r, offset - start)
            return


def _split_run(r, k: int) -> None:
    """Split ``w:r`` after its k-th character; the copy after it keeps the same properties.

    Both halves are copies of one run, so ``w:rPr`` and run attributes stay identical and
    the text looks exactly as before.
    """
    right = copy.deepcopy(r)
    left_children = [c for c in r.iterchildren() if c.tag != _W + "rPr"]
    right_children = [c for c in right.iterchildren() if c.tag != _W + "rPr"]
    from reviewer.readers.docx import piece_text

    position = 0
    for left_child, right_child in zip(left_children, right_children):
        length = len(piece_text(left_child))
        if position + length <= k:  # wholly before the cut (zero-width pieces stay left)
            right.remove(right_child)
        elif position >= k:  # wholly after the cut
            r.remove(left_child)
        else:  # a w:t straddling the cut
            text = left_child.text
            left_child.text, right_child.text = text[: k - position], text[k - position :]
            # Split text may now begin or end with a space that Word would otherwise drop.
            left_child.set(_XML_SPACE, "preserve")
            right_child.set(_XML_SPACE, "preserve")
        position += length
    r.addnext(right)


# -- comment markers ----------------------------------------------------------------------


def _mark(paragraphs: list[_Para], anchor: _Anchor, comment_id: int) -> None:
    """Place the comment range for ``anchor``: exact runs if possible, else whole paragraphs."""
    from docx.text.run import Run

    if anchor.start is not None:
        first_p, last_p = paragraphs[anchor.first].paragraph, paragraphs[anchor.last].paragraph
        first = next((r for s, e, r in _run_spans(first_p) if s == anchor.start and e > s), None)
        last = next((r for s, e, r in _run_spans(last_p) if e == anchor.end and e > s), None)
        if first is not None and last is not None:
            Run(first, first_p).mark_comment_range(Run(last, last_p), comment_id)
            return
    _mark_paragraphs(paragraphs[anchor.first].paragraph, paragraphs[anchor.last].paragraph, comment_id)


def _mark_paragraphs(first: Paragraph, last: Paragraph, comment_id: int) -> None:
    """Anchor a comment on whole paragraphs, whatever they contain (fields, hyperlinks, nothing)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    attrs = {qn("w:id"): str(comment_id)}
    start = OxmlElement("w:commentRangeStart", attrs=attrs)
    p = first._p
    if p.pPr is not None:
        p.pPr.addnext(start)
    else:
        p.insert(0, start)
    last._p.append(OxmlElement("w:commentRangeEnd", attrs=dict(attrs)))
    reference = OxmlElement("w:r")
    reference.get_or_add_rPr().style = "CommentReference"
    reference.append(OxmlElement("w:commentReference", attrs=dict(attrs)))
    last._p.append(reference)
