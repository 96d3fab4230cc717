"""Build the .docx versions of the sample drafts in this folder.

Each source (``示例_*.txt`` in UTF-8 or GB18030, ``示例_*.md``) becomes ``<same name>.docx``
laid out like an official document (GB/T 9704 style, roughly):

* A4 page, official margins; body in 仿宋 三号 (East Asian font set through ``w:rFonts/@w:eastAsia``);
* the first line is the title: centred, bold, 小标宋/宋体 二号; a 发文字号 line is centred;
* 第X章 / 第X节 headings are centred in 黑体; ``第X条`` and notice markers (一、) are bold runs
  at the start of their paragraph, so those lines are split over several runs;
* lines with inner TABs in the source form a Word table (first row is the header row);
* lines that start with a single TAB become a Word numbered list (paragraphs with ``w:numPr``,
  the number is drawn by Word, not part of the text);
* the signature block (issuer line followed by a date line) is right-aligned;
* the page header carries the issuing body's name, the footer a PAGE field.

The output is deterministic: core properties use a fixed date and the zip is rewritten with fixed
member timestamps, so rerunning the script reproduces the committed files byte for byte.

Usage: ``python corpus/build_docx.py [SOURCE ...]`` (default: every source in this folder).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reviewer.report import docx_layout as layout  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 1, 1, 9, 0, 0)
ZIP_DATE = (2025, 1, 1, 9, 0, 0)

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"

# Structural markers at the start of a line (after markdown lead and indentation).
_NUM = "零〇一二三四五六七八九十百千两0-9"
ARTICLE_RE = re.compile(rf"^(第[{_NUM}]+条(?:之[一二三四五六七八九十]+)?)(\s*)(.*)$")
CHAPTER_RE = re.compile(rf"^第[{_NUM}]+(?:章|节)(?:\s|$)")
POINT_RE = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．]|[（(][0-9]{1,2}[）)])(.*)$")
DOCNUM_RE = re.compile(r"^[^\s《》，。]{1,12}〔[0-9]{4}〕[0-9]{1,4}号$")
DATE_RE = re.compile(r"^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$")
ANNEX_RE = re.compile(r"^附\s*件[0-9一二三四五六七八九十]*[:：]?$")
ISSUER_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:政府|办公室|委员会|局|厅|委|办)$")


def read_source(path: Path) -> str:
    """Decode a source file: UTF-8 first, then GB18030 (the lawful notice is stored in GB18030)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_markdown(line: str) -> str:
    """Drop markdown heading marks and bold markers; the words stay as they are."""
    line = re.sub(r"^#{1,6}\s*", "", line)
    return line.replace("**", "")


def set_run_font(run, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set a run's Latin and East Asian font (the latter via w:rFonts/@w:eastAsia)."""
    layout.set_font(run._element.get_or_add_rPr(), east_asia, size)
    if bold is not None:
        run.font.bold = bold


def setup_styles(document) -> None:
    """Normal style: 仿宋 三号 (16 pt), exact 28 pt line spacing, no extra paragraph spacing."""
    layout.set_up_body_style(document, BODY_FONT, 16, 28)


def setup_page(document, issuer: str) -> None:
    """A4 with official margins, a header with the issuer's name and a centred page-number footer."""
    layout.set_up_page(document)
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(header.add_run(issuer), BODY_FONT, size=10.5)


def add_numbering_definition(document) -> int:
    """Add a decimal list definition ("1." hanging-indented) to numbering.xml; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_id, num_id = "90", 90
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    abstract.append(multi)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "1280")
    ind.set(qn("w:hanging"), "480")
    ppr.append(ind)
    lvl.append(ppr)
    abstract.append(lvl)
    # Schema order: every w:abstractNum comes before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    return num_id


def set_numbering(paragraph, num_id: int, level: int = 0) -> None:
    """Give a paragraph numbering properties (w:numPr with w:ilvl and w:numId)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.append(numpr)


def find_issuer(lines: list[str]) -> str:
    """The signing body: the first issuer-looking line directly followed by a date line."""
    cleaned = [ln.strip() for ln in lines if ln.strip()]
    for here, after in zip(cleaned, cleaned[1:]):
        if ISSUER_RE.match(here) and DATE_RE.match(after):
            return here
    title = cleaned[0] if cleaned else ""
    return title.split("关于")[0] if "关于" in title else title


def add_table(document, rows: list[list[str]]) -> None:
    """A grid table; the first row is the bold header row."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, cells in enumerate(rows):
        for c in range(width):
            cell = table.rows[r].cells[c]
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing = Pt(22)
            text = cells[c] if c < len(cells) else ""
            set_run_font(paragraph.add_run(text), HEADING_FONT if r == 0 else BODY_FONT, size=12, bold=r == 0)


def add_body_line(document, line: str) -> None:
    """One body paragraph with bold article/point marker runs and a 2-character first-line indent."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    article = ARTICLE_RE.match(line)
    point = POINT_RE.match(line)
    if article:
        set_run_font(paragraph.add_run(article.group(1)), HEADING_FONT, bold=True)
        rest = article.group(3)
        if rest:
            set_run_font(paragraph.add_run("\u3000" + rest), BODY_FONT)
    elif point:
        set_run_font(paragraph.add_run(point.group(1)), HEADING_FONT if "、" in point.group(1) else BODY_FONT, bold=True)
        if point.group(2):
            set_run_font(paragraph.add_run(point.group(2)), BODY_FONT)
    else:
        set_run_font(paragraph.add_run(line), BODY_FONT)


def build(source: Path) -> Path:
    """Write ``source`` as a .docx next to it and return the new path."""
    raw_lines = read_source(source).split("\n")
    if source.suffix == ".md":
        raw_lines = [strip_markdown(ln) for ln in raw_lines]
    issuer = find_issuer(raw_lines)

    document = docx.Document()
    setup_styles(document)
    setup_page(document, issuer)
    num_id: int | None = None

    nonblank = [ln for ln in raw_lines if ln.strip()]
    title = nonblank[0].strip()
    # The second title, for documents issued with a covering notice (印发通知 + the 办法 itself).
    inner_titles = {
        ln.strip()
        for ln in nonblank[1:]
        if re.search(r"(?:办法|规定|意见|要点|细则|通知|通告)$", ln.strip())
        and not re.search(r"[。，；：:]", ln.strip())
        and not POINT_RE.match(ln.strip())
        and not ARTICLE_RE.match(ln.strip())
    }

    i = 0
    first = True
    while i < len(raw_lines):
        line = raw_lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if "\t" in stripped:  # a table: this and the following TAB-separated lines
            rows = []
            while i < len(raw_lines) and "\t" in raw_lines[i].strip():
                rows.append([cell.strip() for cell in raw_lines[i].strip().split("\t")])
                i += 1
            add_table(document, rows)
            continue
        if line.startswith("\t"):  # a Word numbered list item
            if num_id is None:
                num_id = add_numbering_definition(document)
            paragraph = document.add_paragraph()
            set_numbering(paragraph, num_id)
            set_run_font(paragraph.add_run(stripped), BODY_FONT)
            i += 1
            continue
        i += 1
        if first or stripped in inner_titles:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing = Pt(36)
            paragraph.paragraph_format.space_before = Pt(0 if first else 24)
            paragraph.paragraph_format.space_after = Pt(12)
            set_run_font(paragraph.add_run(stripped), TITLE_FONT, size=22, bold=True)
            first = False
            continue
        if DOCNUM_RE.match(stripped):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(16)
            set_run_font(paragraph.add_run(stripped), BODY_FONT)
            continue
        if CHAPTER_RE.match(stripped) or ANNEX_RE.match(stripped):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if CHAPTER_RE.match(stripped) else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.space_before = Pt(8)
            set_run_font(paragraph.add_run(stripped), HEADING_FONT, bold=True)
            continue
        if DATE_RE.match(stripped) or (stripped == issuer and ISSUER_RE.match(stripped)):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            if stripped == issuer:
                paragraph.paragraph_format.space_before = Pt(28)
            set_run_font(paragraph.add_run(stripped), BODY_FONT)
            continue
        if stripped.endswith("：") and not POINT_RE.match(stripped) and not ARTICLE_RE.match(stripped) and len(stripped) < 60 and "。" not in stripped:
            paragraph = document.add_paragraph()  # addressee line (主送机关), flush left
            set_run_font(paragraph.add_run(stripped), BODY_FONT)
            continue
        add_body_line(document, stripped)

    props = document.core_properties
    props.title = title
    props.author = issuer
    props.last_modified_by = issuer
    props.subject = "reviewer 示例文件"
    props.keywords = "行政规范性文件;示例"
    props.comments = "由 corpus/build_docx.py 生成"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1
    props.language = "zh-CN"

    target = source.with_suffix(".docx")
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(normalise_zip(buffer.getvalue()))
    return target


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so that identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def sources() -> list[Path]:
    """Every sample source in this folder (README.md is not a sample)."""
    return sorted(p for p in HERE.iterdir() if p.name.startswith("示例_") and p.suffix in (".txt", ".md"))


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] if argv else sources()
    for path in paths:
        print(build(path.resolve()).name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
