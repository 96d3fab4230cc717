"""Findings as one self-contained web page.

The page shows each document's text with the flagged words highlighted in their family's
colour, a side list of findings whose links jump to the words, and a summary. Everything is
inline (CSS, a little JavaScript, no fonts or images to fetch), and a Content-Security-Policy
forbids any network fetch, so the page can be mailed around or opened from a shared drive.

Document text is untrusted: every piece of it is escaped. Overlapping findings are drawn by
cutting the text at every finding boundary; each piece is one ``<mark>`` listing all findings
covering it (``data-f``), coloured by the most severe of them.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reviewer.errors import ReviewerError, UsageError
from reviewer.model import FAMILIES, DocumentReport, Finding, Severity
from reviewer.report.opinion import conclusion, document_title

DEFAULT_AUTHOR = "合法性审查"

# Highlight colours per family: light enough to read black text on, distinct side by side.
FAMILY_COLOURS: dict[str, str] = {
    "LICENSE": "#ffd8a8",
    "PENALTY": "#ffc9c9",
    "COERCION": "#eebefa",
    "SANCTION": "#d0bfff",
    "FEE": "#ffec99",
    "RIGHTS": "#a5d8ff",
    "ULTRA_VIRES": "#c3fae8",
    "COMPETITION": "#b2f2bb",
    "PROCEDURE": "#dee2e6",
    "CITATION": "#e9ecef",
}
OTHER_COLOUR = "#f1f3f5"
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def write(reports: Sequence[DocumentReport], out: str, *, author: str = DEFAULT_AUTHOR) -> None:
    """Write the page for ``reports`` to ``out`` (UTF-8)."""
    if not out:
        raise UsageError("网页报告（-f html）需要用 -o 指定输出文件")
    page = render(reports, author=author)
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
    except OSError as exc:
        raise ReviewerError(f"{out}: 无法写入网页报告（{exc.strerror or exc}）") from None


def render(reports: Sequence[DocumentReport], *, author: str = DEFAULT_AUTHOR) -> str:
    """The complete HTML page as a string (deterministic: same reports, same bytes)."""
    css = _css()
    head = _HEAD.replace("/*CSP*/", content_security_policy(css, _SCRIPT)).replace("/*CSS*/", css)
    parts = [head, _overview(reports, author)]
    for index, report in enumerate(reports):
        parts.append(_document_section(index, report))
    parts.append(f"<footer>审查：{_e(author)}。本报告由自动审查生成，供法制审核人员复核。</footer>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def content_security_policy(css: str, script: str) -> str:
    """No fetch of any kind; only this page's own style and script run, named by their SHA-256
    (a hash, not 'unsafe-inline', so injected markup could never run a script)."""
    return (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
            "base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    import base64
    import hashlib

    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def finding_number(finding_index: int) -> str:
    """The label shared by a finding's list entry and the end of its marked words: [1], [2] …"""
    return f"[{finding_index + 1}]"


def finding_id(doc_index: int, finding_index: int) -> str:
    """The element id of a finding's anchor in the text; ``#<id>-item`` is its list entry."""
    return f"d{doc_index}f{finding_index}"


# -- sections -----------------------------------------------------------------------------


def _overview(reports: Sequence[DocumentReport], author: str) -> str:
    """Page title, totals over all documents, and a table of contents when there are several."""
    findings = [f for r in reports for f in r.findings]
    rows = [
        "<h1>合法性审查报告</h1>",
        f'<p class="totals">共审查文件 {len(reports)} 件，发现问题 {len(findings)} 处：{_severity_counts(findings)}</p>',
    ]
    if len(reports) > 1:
        rows.append('<nav class="toc"><ol>')
        for index, report in enumerate(reports):
            rows.append(
                f'<li><a href="#d{index}">{_e(document_title(report))}</a>'
                f' <span class="muted">（{len(report.findings)} 处，{_e(conclusion(report.findings))}）</span></li>'
            )
        rows.append("</ol></nav>")
    rows.append(_legend(reports))
    return "<header>" + "\n".join(rows) + "</header>"


def _legend(reports: Sequence[DocumentReport]) -> str:
    """Colour key that is also a filter: untick a family or a severity to hide its findings
    and dim its marks on screen (printing always shows every finding)."""
    present = {f.family for r in reports for f in r.findings}
    families = [code for code in FAMILIES if code in present] + sorted(present - set(FAMILIES))
    family_boxes = "".join(
        f'<label class="chip fam-{_e(code)}"><input type="checkbox" checked data-filter="family" value="{_e(code)}">'
        f"{_e(FAMILIES.get(code, code))}</label>" for code in families
    )
    severity_boxes = "".join(
        f'<label class="badge sev-{s.value}"><input type="checkbox" checked data-filter="severity" value="{s.value}">'
        f"{s.label}</label>" for s in _SEVERITY_ORDER
    )
    if not families:
        return ""
    return (f'<form class="legend" aria-label="筛选">类别：{family_boxes}　级别：{severity_boxes}'
            '<span class="muted shown"></span></form>')


def _severity_counts(findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in _SEVERITY_ORDER}
    return "，".join(
        f'<span class="badge sev-{s.value}">{s.label}</span> {counts[s]} 处' for s in _SEVERITY_ORDER
    )


def _document_section(index: int, report: DocumentReport) -> str:
    """One document: its facts, its highlighted text and its findings list."""
    meta = report.document.metadata
    facts = [f"文件：{_e(report.path)}", f"发文字号：{_e(meta.doc_number or '未标注')}", f"层级：{_e(report.document.level)}"]
    verdict = conclusion(report.findings)
    by_family = _family_counts(report.findings)
    return "\n".join(
        [
            f'<section class="doc" id="d{index}">',
            f"<h2>{_e(document_title(report))}</h2>",
            f'<p class="meta">{"　".join(facts)}</p>',
            f'<p class="summary">审查结论：<strong class="verdict">{_e(verdict)}</strong>'
            f"　问题 {len(report.findings)} 处：{_severity_counts(report.findings)}"
            f"{'　' + by_family if by_family else ''}</p>",
            '<div class="layout">',
            f'<article class="text" lang="zh-CN"><pre>{highlight(index, report)}</pre></article>',
            f'<aside class="findings">{_finding_list(index, report)}</aside>',
            "</div>",
            "</section>",
        ]
    )


def _family_counts(findings: Sequence[Finding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.family] = counts.get(f.family, 0) + 1
    return " ".join(
        f'<span class="chip fam-{_e(family)}">{_e(FAMILIES.get(family, family))} {n}</span>'
        for family, n in counts.items()
    )


def _finding_list(doc_index: int, report: DocumentReport) -> str:
    """The side list: one entry per finding, linking to its words in the text."""
    if not report.findings:
        return '<p class="clean">未发现问题。</p>'
    items = ["<ol>"]
    for k, f in enumerate(report.findings):
        fid = finding_id(doc_index, k)
        where = f.location.locator or f"第{f.location.line}行"
        basis = "；".join(str(b) for b in f.basis)
        items.append(
            f'<li class="finding sev-{f.severity.value}" id="{fid}-item" data-f="{fid}" data-family="{_e(f.family)}"'
            f' data-severity="{f.severity.value}">'
            f'<span class="no">{finding_number(k)}</span> '
            f'<a class="jump" href="#{fid}">{_e(where)}</a> '
            f'<span class="badge sev-{f.severity.value}">{f.severity.label}</span> '
            f'<span class="chip fam-{_e(f.family)}">{_e(FAMILIES.get(f.family, f.family))}</span> '
            f'<strong class="title">{_e(f.title)}</strong> <code>{_e(f.code)}</code>'
            f'<blockquote>{_e(f.match) or "（缺少应有内容）"}</blockquote>'
            f"<p>理由：{_e(f.message)}</p>"
            + (f"<p>依据：{_e(basis)}</p>" if basis else "")
            + (f"<p>建议：{_e(f.suggestion)}</p>" if f.suggestion else "")
            + "</li>"
        )
    items.append("</ol>")
    return "\n".join(items)


# -- highlighting -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    id: str
    start: int
    end: int
    finding: Finding
    number: str = ""


def highlight(doc_index: int, report: DocumentReport) -> str:
    """The document text, escaped, with each flagged span wrapped in ``<mark>`` pieces.

    Each finding also gets an empty anchor ``<a id=…>`` where it starts (the jump target);
    a finding with no length (something missing) gets a visible pin there instead of text.
    """
    text = report.document.text
    spans = [
        _Span(
            finding_id(doc_index, k),
            min(max(f.location.offset, 0), len(text)),
            min(max(f.location.offset + f.location.length, 0), len(text)),
            f,
            finding_number(k),
        )
        for k, f in enumerate(report.findings)
    ]
    return "".join(_pieces(text, spans))


def _pieces(text: str, spans: list[_Span]) -> Iterator[str]:
    """Walk the text boundary by boundary, emitting anchors and marked or plain pieces."""
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starting: dict[int, list[_Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    active: list[_Span] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for s in starting.get(a, ()):
            yield f'<a class="anchor" id="{s.id}"></a>'
            if s.end == s.start:
                yield _mark("", [s], [s], pin=True)
            else:
                active.append(s)
        active = [s for s in active if s.end > a]
        if b is None:
            break
        piece = text[a:b]
        # The piece where a finding's words end carries its number, as a footnote mark would.
        yield _mark(piece, active, [s for s in active if s.end == b]) if active else _e(piece)


def _mark(piece: str, covering: list[_Span], ending: list[_Span], *, pin: bool = False) -> str:
    """A highlighted piece, coloured by the most severe (then first) finding covering it.

    ``ending`` are the findings whose words end here: their numbers are drawn after the piece
    by CSS (``data-n``), so the page's text stays exactly the document's text."""
    top = max(covering, key=lambda s: s.finding.severity.rank)
    classes = ["hl", f"fam-{top.finding.family}", f"sev-{top.finding.severity.value}"]
    if len(covering) > 1:
        classes.append("multi")
    if pin:
        classes.append("pin")
    ids = " ".join(s.id for s in covering)
    tip = "；".join(f"{s.finding.severity.label}：{s.finding.title}" for s in covering)
    numbers = f' data-n="{"".join(s.number for s in ending)}"' if ending else ""
    return f'<mark class="{_e(" ".join(classes))}" data-f="{ids}"{numbers} title="{_e(tip)}">{_e(piece)}</mark>'


def _e(value: object) -> str:
    """Escape for both element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def _css() -> str:
    families = "\n".join(
        f".fam-{code},mark.hl.fam-{code}{{background:{colour}}}" for code, colour in FAMILY_COLOURS.items()
    )
    return _CSS + families


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="/*CSP*/">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reviewer">
<title>合法性审查报告</title>
<style>/*CSS*/</style>
</head>
<body>"""

_CSS = f"""
body{{margin:0 auto;max-width:90rem;padding:1rem 1.5rem;color:#212529;background:#fff;
  font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}}
h1{{font-size:1.5rem;margin:.5rem 0}} h2{{font-size:1.25rem;margin:1.5rem 0 .25rem}}
.muted,.meta{{color:#6c757d}} .meta,.summary{{margin:.25rem 0}}
.doc{{border-top:2px solid #dee2e6;margin-top:1.5rem}}
.layout{{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.25rem;align-items:start}}
@media (max-width:60rem){{.layout{{grid-template-columns:1fr}}}}
.text pre{{white-space:pre-wrap;word-break:break-all;margin:0;padding:1rem;border:1px solid #dee2e6;border-radius:4px;
  font:16px/2 "Noto Serif CJK SC","Source Han Serif SC","FangSong","STFangsong","SimSun",serif}}
.findings{{position:sticky;top:0;max-height:100vh;overflow:auto}}
.findings ol{{margin:0;padding-left:1.5rem}}
.finding{{margin:0 0 .75rem;padding:.5rem .75rem;border-left:4px solid #adb5bd;background:#f8f9fa}}
.finding.sev-error{{border-left-color:#c92a2a}} .finding.sev-warning{{border-left-color:#e67700}}
.finding.active{{outline:2px solid #1971c2}}
.finding p,.finding blockquote{{margin:.25rem 0}} .finding blockquote{{padding-left:.5rem;border-left:2px solid #ced4da}}
.badge{{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.8rem;background:#868e96}}
.badge.sev-error{{background:#c92a2a}} .badge.sev-warning{{background:#e67700}} .badge.sev-info{{background:#1971c2}}
.chip{{display:inline-block;padding:0 .4rem;margin:0 .15rem;border-radius:3px;font-size:.8rem;background:{OTHER_COLOUR}}}
mark.hl{{background:{OTHER_COLOUR};color:inherit;border-bottom:2px solid #adb5bd;cursor:pointer}}
mark.hl.sev-error{{border-bottom-color:#c92a2a}} mark.hl.sev-warning{{border-bottom-color:#e67700}}
mark.hl.multi{{border-bottom-style:double;border-bottom-width:3px}}
mark.hl.pin::before{{content:"▲";color:#c92a2a}}
mark.hl.active{{outline:2px solid #1971c2}}
a.anchor{{scroll-margin-top:4rem}}
footer{{margin:2rem 0 1rem;color:#6c757d;font-size:.85rem}}
mark.hl[data-n]::after{{content:attr(data-n);font-size:.7em;vertical-align:super;color:#c92a2a;font-weight:bold}}
.findings ol{{list-style:none;padding-left:0}} .finding .no{{font-weight:bold;color:#c92a2a}}
.legend label{{cursor:pointer;margin-right:.25rem}} .legend input{{margin:0 .2rem 0 0;vertical-align:middle}}
.finding.filtered{{display:none}} mark.hl.filtered{{background:transparent;border-bottom-color:transparent}}
mark.hl.filtered::after{{content:none}}
@media print{{
  body{{max-width:none;padding:0;font-size:11pt}}
  .layout{{display:block}}
  .findings{{position:static;max-height:none;overflow:visible;margin-top:1rem}}
  .finding,.finding.filtered{{display:block;break-inside:avoid;background:none;border-left-width:3px}}
  mark.hl.filtered{{background:{OTHER_COLOUR}}}
  mark.hl.filtered::after{{content:attr(data-n)}}
  .legend input,.legend .shown{{display:none}}
  .text pre{{border:none;padding:0;font-size:12pt}}
  .doc{{break-before:page}} .doc:first-of-type{{break-before:auto}}
  mark.hl,.chip,.badge{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
  a{{color:inherit;text-decoration:none}}
}}
"""

# Clicking a finding lights up its words; clicking highlighted words lights up and shows
# their findings. The last line marks the page as fully scripted (the browser test reads it).
_SCRIPT = """
(function () {
  function ids(el) { return (el.getAttribute('data-f') || '').split(' ').filter(Boolean); }
  function select(list) {
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    list.forEach(function (id) {
      document.querySelectorAll('mark.hl').forEach(function (m) {
        if (ids(m).indexOf(id) >= 0) { m.classList.add('active'); }
      });
      var item = document.getElementById(id + '-item');
      if (item) { item.classList.add('active'); }
    });
  }
  document.querySelectorAll('a.jump').forEach(function (a) {
    a.addEventListener('click', function () { select(ids(a.parentElement)); });
  });
  document.querySelectorAll('mark.hl').forEach(function (m) {
    m.addEventListener('click', function () {
      var list = ids(m);
      select(list);
      var item = document.getElementById(list[0] + '-item');
      if (item) { item.scrollIntoView({block: 'nearest'}); }
    });
  });
  // The legend filters by family and severity (screen only; print shows every finding).
  var boxes = document.querySelectorAll('.legend input[data-filter]');
  function applyFilters() {
    var off = {family: {}, severity: {}};
    boxes.forEach(function (b) { if (!b.checked) { off[b.getAttribute('data-filter')][b.value] = true; } });
    var hidden = {}, shown = 0;
    document.querySelectorAll('li.finding').forEach(function (li) {
      var out = off.family[li.getAttribute('data-family')] || off.severity[li.getAttribute('data-severity')];
      li.classList.toggle('filtered', !!out);
      if (out) { hidden[li.getAttribute('data-f')] = true; } else { shown += 1; }
    });
    document.querySelectorAll('mark.hl').forEach(function (m) {
      m.classList.toggle('filtered', ids(m).every(function (id) { return hidden[id]; }));
    });
    document.querySelectorAll('.legend .shown').forEach(function (el) {
      el.textContent = '　显示 ' + shown + ' 处';
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', applyFilters); });
  document.documentElement.setAttribute('data-ready', String(document.querySelectorAll('mark.hl').length));
})();
"""
