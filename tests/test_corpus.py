"""Snapshot tests over the sample corpus (corpus/示例_*).

Every sample (.txt, .md, .docx) is checked with ``reviewer.pipeline.check_path`` and its findings
are rendered one per line as ``code<TAB>severity<TAB>locator<TAB>match`` and compared with
``tests/snapshots/<file name>.txt``. Run with ``UPDATE_SNAPSHOTS=1`` to rewrite the snapshots
after an intended change; review the diff before committing it.

Besides the snapshots, the expectations below are checked independently of them:

* a 示例_合法_ document has no finding at warning or error;
* a 示例_违规_ document has findings in at least the families listed in ``EXPECTED_FAMILIES``
  (the same list as corpus/README.md); gaps the rules do not cover yet are in ``KNOWN_MISSES``
  and run as non-strict xfails, so they turn into XPASS once a rule starts catching them;
* each .docx says the same thing as its source (built by corpus/build_docx.py) and has the
  official-document features the readers must cope with.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from reviewer.model import Severity
from reviewer.pipeline import check_path, load_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
SAMPLE_SUFFIXES = (".txt", ".md", ".docx")

# Families each unlawful sample must trigger (keyed by file stem; applies to the source and its .docx).
EXPECTED_FAMILIES: dict[str, tuple[str, ...]] = {
    "示例_违规_市场管理办法": ("LICENSE", "PENALTY", "COERCION", "SANCTION", "FEE", "RIGHTS", "COMPETITION"),
    "示例_违规_通知": ("LICENSE", "PENALTY", "COERCION", "SANCTION", "FEE", "RIGHTS", "ULTRA_VIRES", "COMPETITION"),
    "示例_违规_意见": ("COMPETITION",),
    "示例_违规_通告": ("PENALTY", "COERCION", "FEE"),
    "示例_违规_暂行办法": ("PROCEDURE", "LICENSE"),
    "示例_违规_试行规定": ("PROCEDURE", "ULTRA_VIRES"),
}

# ASCII names for test ids (pytest shows non-ASCII ids as escape sequences).
STEM_IDS: dict[str, str] = {
    "示例_违规_市场管理办法": "bad-market-measures",
    "示例_违规_通知": "bad-notice",
    "示例_违规_意见": "bad-opinions",
    "示例_违规_通告": "bad-announcement",
    "示例_违规_暂行办法": "bad-interim-measures",
    "示例_违规_试行规定": "bad-trial-provisions",
    "示例_合法_通知": "ok-notice",
    "示例_合法_管理办法": "ok-measures",
    "示例_合法_实施意见": "ok-implementing-opinions",
}

# (stem, family) pairs the current rules miss; the reason names the sentence. Non-strict xfail.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

# Lawful samples that currently draw a warning or error: stem -> reason. Non-strict xfail.
KNOWN_FALSE_ALARMS: dict[str, str] = {}


def sample_files() -> list[Path]:
    """Every sample document in corpus/ (README.md and the build script are not samples)."""
    return sorted(p for p in CORPUS.iterdir() if p.name.startswith("示例_") and p.suffix in SAMPLE_SUFFIXES)


def _escape(value: str) -> str:
    """Keep one finding on one line: escape backslashes, tabs and newlines."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def render(findings) -> str:
    """The compact, stable snapshot text: one ``code\\tseverity\\tlocator\\tmatch`` line per finding."""
    ordered = sorted(findings, key=lambda f: (f.location.offset, f.code, f.match))
    lines = [
        "\t".join((f.code, f.severity.value, _escape(f.location.locator), _escape(f.match))) for f in ordered
    ]
    return "".join(line + "\n" for line in lines)


def _report(path: Path):
    return check_path(str(path))


def sample_id(path: Path) -> str:
    """A readable ASCII test id such as ``bad-notice.docx``."""
    return STEM_IDS.get(path.stem, path.stem) + path.suffix


SAMPLES = sample_files()
IDS = [sample_id(p) for p in SAMPLES]


def test_corpus_is_complete():
    """The demo files exist, each source has a .docx, and every sample has an expectation."""
    names = {p.name for p in SAMPLES}
    assert "示例_合法_通知.txt" in names and "示例_违规_市场管理办法.docx" in names
    assert len({p.stem for p in SAMPLES}) >= 8
    for path in SAMPLES:
        if path.suffix != ".docx":
            assert path.with_suffix(".docx").exists(), f"{path.name} 缺少 .docx 版本，请运行 corpus/build_docx.py"
        kind = path.stem.split("_")[1]
        assert kind in ("合法", "违规"), path.name
        if kind == "违规":
            assert path.stem in EXPECTED_FAMILIES, f"{path.stem} 未在 EXPECTED_FAMILIES 中登记应报的违法类别"
    for path in SAMPLES:
        assert path.stem in STEM_IDS, f"{path.stem} 未在 STEM_IDS 中登记测试名"
    for stem in EXPECTED_FAMILIES:
        assert any(p.stem == stem for p in SAMPLES), f"EXPECTED_FAMILIES 中的 {stem} 在 corpus/ 中不存在"


def test_gb18030_sample_is_really_gb18030():
    """The lawful notice is stored in GB18030 (not UTF-8) and read back as such."""
    path = CORPUS / "示例_合法_通知.txt"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert load_document(str(path)).source.encoding == "gb18030"


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_snapshot(path: Path):
    """Findings equal the stored snapshot (or rewrite it with UPDATE_SNAPSHOTS=1)."""
    actual = render(_report(path).findings)
    snapshot = SNAPSHOTS / f"{path.name}.txt"
    if UPDATE:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        return
    assert snapshot.exists(), f"缺少快照 {snapshot.relative_to(ROOT)}；用 UPDATE_SNAPSHOTS=1 生成"
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"snapshot/{path.name}",
                tofile=f"now/{path.name}",
            )
        )
        pytest.fail(
            f"{path.name} 的审查结果与快照不一致（- 丢失的发现，+ 新增的发现）；"
            f"确属预期变化时用 UPDATE_SNAPSHOTS=1 重新生成：\n{diff}",
            pytrace=False,
        )


def _lawful_cases():
    for path in SAMPLES:
        if path.stem.startswith("示例_合法_"):
            marks = ()
            if path.stem in KNOWN_FALSE_ALARMS:
                marks = (pytest.mark.xfail(strict=False, reason=KNOWN_FALSE_ALARMS[path.stem]),)
            yield pytest.param(path, id=sample_id(path), marks=marks)


@pytest.mark.parametrize("path", list(_lawful_cases()))
def test_lawful_sample_has_no_warning(path: Path):
    """A lawful draft full of trigger words draws at most info-level notes."""
    serious = [f for f in _report(path).findings if f.severity.rank >= Severity.WARNING.rank]
    assert not serious, "合法示例出现误报：\n" + render(serious)


def _family_cases():
    for path in SAMPLES:
        for family in EXPECTED_FAMILIES.get(path.stem, ()):
            marks = ()
            reason = KNOWN_MISSES.get((path.stem, family))
            if reason:
                marks = (pytest.mark.xfail(strict=False, reason=reason),)
            yield pytest.param(path, family, id=f"{sample_id(path)}-{family}", marks=marks)


@pytest.mark.parametrize(("path", "family"), list(_family_cases()))
def test_violation_sample_triggers_family(path: Path, family: str):
    """An unlawful draft is flagged in every family its README line names."""
    families = {f.family for f in _report(path).findings}
    assert family in families, f"{path.name} 应报 {family} 类问题，实际只报了：{sorted(families) or '无'}"


# --- the .docx versions -------------------------------------------------------------------------

DOCX = [p for p in SAMPLES if p.suffix == ".docx"]


def _source_of(docx_path: Path) -> Path:
    for suffix in (".txt", ".md"):
        candidate = docx_path.with_suffix(suffix)
        if candidate.exists():
            return candidate
    raise AssertionError(f"{docx_path.name} 没有对应的 .txt/.md 源文件")


def _squash(text: str) -> str:
    """Text without whitespace and markdown markup: what both versions must agree on."""
    return re.sub(r"[\s#*]", "", text)


@pytest.mark.parametrize("path", DOCX, ids=[sample_id(p) for p in DOCX])
def test_docx_says_what_its_source_says(path: Path):
    """The .docx text (as the reader sees it) has the source's clauses and the same findings.

    Table rows are one TAB-separated line in the source but one paragraph per cell in Word, so
    findings whose match spans table cells are left out of the comparison.
    """
    source = _source_of(path)
    src_doc, docx_doc = load_document(str(source)), load_document(str(path))
    assert _squash(docx_doc.text) == _squash(src_doc.text)
    assert docx_doc.metadata.title == src_doc.metadata.title

    def key(report):
        return sorted((f.code, f.location.locator, f.match) for f in report.findings if "\t" not in f.match)

    assert key(_report(path)) == key(_report(source))


@pytest.mark.parametrize("path", DOCX, ids=[sample_id(p) for p in DOCX])
def test_docx_is_up_to_date(path: Path, tmp_path: Path):
    """Rebuilding from the source gives the committed .docx's text (bytes vary with python-docx versions)."""
    sys.path.insert(0, str(CORPUS))
    try:
        import build_docx
    finally:
        sys.path.remove(str(CORPUS))
    source = _source_of(path)
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    rebuilt = build_docx.build(copy)
    from reviewer.readers import read

    assert read(rebuilt).text == read(path).text, f"{path.name} 已过期，请运行 python corpus/build_docx.py"


def test_docx_has_official_layout():
    """The features readers must cope with are really in the corpus."""
    import docx
    from docx.oxml.ns import qn

    market = docx.Document(str(CORPUS / "示例_违规_市场管理办法.docx"))
    body = market.element.body
    # Title centred and bold; body East Asian font 仿宋; article numbers in their own bold run.
    first = market.paragraphs[0]
    assert first.alignment == 1 and all(run.bold for run in first.runs)
    assert market.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    articles = [p for p in market.paragraphs if p.text.startswith("第十条")]
    assert articles and len(articles[0].runs) >= 2 and articles[0].runs[0].bold and articles[0].runs[0].text == "第十条"
    # Header with the issuer, footer with a PAGE field, a table, fixed core properties.
    section = market.sections[0]
    assert "清河区人民政府" in section.header.paragraphs[0].text
    assert "PAGE" in "".join(t.text or "" for t in section.footer._element.iter(qn("w:instrText")))
    assert body.find(qn("w:tbl")) is not None
    assert market.core_properties.created.year == 2025 and market.core_properties.modified.year == 2025
    # At least one Word numbered list somewhere in the corpus.
    numbered = 0
    for path in DOCX:
        document = docx.Document(str(path))
        numbered += sum(1 for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None)
    assert numbered >= 1
