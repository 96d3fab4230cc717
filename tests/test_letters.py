"""Letters in 公文格式 (GB/T 9704-2012): 审查意见书 from a check and from an archive record,
备案登记回执 and 不予备案通知. Written with python-docx, read back, and — when LibreOffice and
poppler are installed — rendered to PDF to count lines per page and pages, with page 1 kept
as a PNG under tests/artifacts/."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reviewer.cli.main import cli
from reviewer.errors import UsageError
from reviewer.pipeline import check_path
from reviewer.report import gongwen, opinion
from tests import pdf_helpers as pdf

pytestmark = pytest.mark.slow  # seconds each: real processes, documents rendered

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NOTICE = CORPUS / "示例_违规_通知.docx"  # a notice with many findings
MEASURE = CORPUS / "示例_违规_市场管理办法.docx"  # a 印发通知 issuing a 办法, 16 findings
OFFICE, NUMBER, DATE = "云岭县司法局", "云司审〔2025〕3号", dt.date(2025, 3, 20)
RULE_CODE = re.compile(r"[A-Z][A-Z_]{2,}\d{3}")

needs_renderer = pytest.mark.skipif(not pdf.have_tools(), reason="LibreOffice or poppler-utils not installed")


def write_check_letter(tmp_path: Path, source: Path) -> tuple[Path, object]:
    report = check_path(str(source))
    out = tmp_path / f"{source.stem}.意见书.docx"
    opinion.write([report], str(out), office=OFFICE, number=NUMBER, date=DATE)
    return out, report


def texts(path: Path) -> list[str]:
    """Paragraph texts; the title's line breaks (balanced lines) are not part of its words."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs]


# -- content, read back from the .docx ----------------------------------------------------------


@pytest.mark.parametrize(("title", "expected"), [
    ("清河区人民政府关于印发《清河区农贸市场管理办法》的通知", "清河区农贸市场管理办法"),
    ("某县人民政府办公室关于转发《某市物业服务收费办法》的通知", "某市物业服务收费办法"),
    ("关于贯彻《优化营商环境条例》的实施意见", "关于贯彻〈优化营商环境条例〉的实施意见"),
    ("某县建筑垃圾运输管理规定", "某县建筑垃圾运输管理规定"),
])
def test_reviewed_document_is_named_by_its_own_title(title, expected):
    assert opinion.reviewed_title(title) == expected


def test_long_titles_break_into_balanced_lines():
    # Lines break where words end (关于, 《》, 的), keeping a balanced shape.
    title = "关于《云岭县人民政府办公室关于进一步加强建筑垃圾运输管理的通知》的合法性审查意见书"
    assert gongwen.title_lines(title) == ["关于《云岭县人民政府办公室", "关于进一步加强建筑垃圾运输管理",
                                          "的通知》的合法性审查意见书"]
    # With no word edge that fits, near-equal lengths, none over the line.
    long_name = "关于《" + "某" * 50 + "》的合法性审查意见书"
    lines = gongwen.title_lines(long_name)
    assert "".join(lines) == long_name and max(map(len, lines)) <= gongwen.TITLE_CHARS_PER_LINE
    assert max(map(len, lines)) - min(map(len, lines)) <= len(lines)
    assert gongwen.title_lines("关于某办法的审查意见") == ["关于某办法的审查意见"]
    # A title that fits in two lines breaks after the reviewed document's name, not inside it.
    assert gongwen.title_lines("关于《清河区农贸市场管理办法》的合法性审查意见书") == [
        "关于《清河区农贸市场管理办法》", "的合法性审查意见书"]


@pytest.mark.parametrize(("locator", "expected"), [
    ("第十二条第二款", "第十二条第二款"),
    ("二、（一）3.", "第二部分第（一）项第3点"),
    ("一、", "第一部分"),
    ("", "文件整体"),
])
def test_locators_are_cited_as_a_letter_cites_them(locator, expected):
    assert opinion.citation(locator) == expected


def test_check_letter_has_head_number_addressee_title_and_office_signature(tmp_path):
    out, report = write_check_letter(tmp_path, NOTICE)
    document = docx.Document(str(out))
    lines = texts(out)
    assert lines[0] == "云岭县司法局文件"
    assert NUMBER in lines
    assert "云岭县人民政府办公室：" in lines
    assert "关于《云岭县人民政府办公室关于进一步加强建筑垃圾运输管理的通知》的合法性审查意见书" in lines
    whole = "\n".join(lines)
    assert not RULE_CODE.search(whole), RULE_CODE.search(whole)
    # Problems are merged per clause: each clause is introduced once.
    leads = re.findall(r"^（[一二三四五六七八九十]+）关于(.+?)。", whole, re.M)
    assert len(leads) == len(set(leads)) == len({f.location.locator for f in report.findings})
    assert len(report.findings) > len(leads)
    signed = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT]
    signature = [p.text for p in signed]
    assert signature == [OFFICE, "2025年3月20日"]
    # 成文日期 four characters from the right, the office centred over it (it is the shorter here).
    office_indent, date_indent = (p.paragraph_format.right_indent.pt for p in signed)
    assert date_indent == pytest.approx(4 * (gongwen.BODY_SIZE_PT + gongwen.CHAR_SPACING_PT))
    assert office_indent > date_indent
    assert "合法性审查" not in signature


def test_letter_sets_the_grid_fonts_and_outside_page_numbers(tmp_path):
    out, _ = write_check_letter(tmp_path, NOTICE)
    document = docx.Document(str(out))
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(gongwen.LINE_PITCH_PT)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == gongwen.BODY_FONT
    body = next(p for p in document.paragraphs if p.text.startswith("你单位报送"))
    spacing = body.runs[0]._r.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == round(gongwen.CHAR_SPACING_PT * 20)
    assert document.paragraphs[0].runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == gongwen.TITLE_FONT
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    table = [p for p in document.part.package.iter_parts() if p.partname.endswith("fontTable.xml")][0]
    assert "仿宋_GB2312" in table.blob.decode("utf-8") and "FangSong" in table.blob.decode("utf-8")


def test_letter_needs_an_office(tmp_path):
    with pytest.raises(UsageError, match="--office"):
        opinion.write([check_path(str(NOTICE))], str(tmp_path / "x.docx"))


def test_check_cli_writes_the_letter_with_office_number_and_chinese_date(tmp_path):
    out = tmp_path / "意见书.docx"
    result = CliRunner().invoke(cli, ["check", str(MEASURE), "-f", "opinion", "-o", str(out), "--office", OFFICE,
                                      "--letter-number", NUMBER, "--date", "2025年3月20日"])
    assert result.exit_code == 1, result.output
    lines = texts(out)
    assert "关于《清河区农贸市场管理办法》的合法性审查意见书" in lines
    assert "2025年3月20日" in lines and NUMBER in lines


# -- layout, rendered by LibreOffice ------------------------------------------------------------


@needs_renderer
@pytest.mark.parametrize("source", [NOTICE, MEASURE], ids=["notice", "measure"])
def test_rendered_letter_keeps_the_22_line_grid_and_fits_four_pages(tmp_path, source):
    out, report = write_check_letter(tmp_path, source)
    rendered = pdf.to_pdf(out, tmp_path)
    pages = pdf.pages(rendered)
    pdf.png(rendered, 1, f"letter_{source.stem}_p1")

    assert len(report.findings) >= 13
    assert len(pages) <= 4
    counts = [len(pdf.body_lines(p)) for p in pages]
    assert max(counts) == gongwen.LINES_PER_PAGE, counts
    full = [p for p in pages[1:-1] if len(pdf.body_lines(p)) == gongwen.LINES_PER_PAGE]
    assert full, counts
    # 28 characters a line: measure the lines of a full page that are not a paragraph's last.
    widths = [sum(1 if ord(c) > 0xFF else 0.5 for c in line) for line in pdf.body_lines(full[0])]
    assert statistics.median(widths) == pytest.approx(gongwen.CHARS_PER_LINE, abs=1)

    first = "".join(pdf.body_lines(pages[0])).replace(" ", "")
    assert "云岭县司法局文件" in first
    assert NUMBER in first
    assert f"{report.document.metadata.issuer}：" in first
    assert opinion.reviewed_title(report.document.metadata.title) in first
    everything = "".join(line for page in pages for line in pdf.body_lines(page))
    assert not RULE_CODE.search(everything)
    last = [line.replace(" ", "") for line in pdf.body_lines(pages[-1])]
    assert last[-2:] == [OFFICE, "2025年3月20日"]
    footers = [" ".join(pdf.footer_lines(p)).replace(" ", "") for p in pages]
    assert footers == [f"—{n}—" for n in range(1, len(pages) + 1)]
    # Outside edge, one 四号 character in: right on odd pages, left on even ones (A4 is 595 pt wide;
    # the 版心 runs from 28 mm = 79 pt to 26 mm = 74 pt from the right edge).
    for number, (left, right) in enumerate(pdf.footer_spans(rendered), 1):
        if number % 2:
            assert right == pytest.approx(595.3 - 73.7 - 14, abs=3)
        else:
            assert left == pytest.approx(79.4 + 14, abs=3)


# -- from the archive ---------------------------------------------------------------------------


def run(db: Path, *args: str, code: int = 0) -> dict | str:
    result = CliRunner().invoke(cli, ["archive", "--db", str(db), "--user", "李审查", *args, "-f", "json"])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout) if code == 0 else result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    db = tmp_path / "reviewer.db"
    run(db, "init", "--office", OFFICE, "--code", "云")
    run(db, "letter-template", "{code}司审〔{year}〕{seq}号")
    run(db, "submit", str(MEASURE), "--received-date", "2025年3月2日")
    return db


def test_archive_letter_carries_the_staff_opinion_and_only_accepted_findings(archive, tmp_path):
    shown = run(archive, "show", "1")
    dismissed = shown["findings"][-1]
    run(archive, "review", "1", "-d", "需纠正", "--accept", f"1-{len(shown['findings']) - 1}",
        "--dismiss", f"{len(shown['findings'])}=施行日期由制定机关依法确定", "--opinion", "请按本意见逐条纠正")
    out = tmp_path / "意见书.docx"
    made = run(archive, "letter", "1", "审查意见书", "-o", str(out), "--date", "2025/3/20")
    assert made["number"] == "云司审〔2025〕1号"
    lines = texts(out)
    whole = "\n".join(lines)
    assert lines[0] == "云岭县司法局文件" and "云司审〔2025〕1号" in lines
    assert "清河区人民政府：" in lines
    assert "关于《清河区农贸市场管理办法》的合法性审查意见书" in lines
    assert "请按本意见逐条纠正。" in whole
    assert dismissed["match"] not in whole
    assert shown["findings"][0]["match"] in whole
    assert not RULE_CODE.search(whole)

    # A reprint keeps its number; it never overwrites a file without --force.
    assert "已存在" in run(archive, "letter", "1", "-o", str(out), code=2)
    again = run(archive, "letter", "1", "-o", str(out), "--force")
    assert again["number"] == "云司审〔2025〕1号"
    issued = [e for e in run(archive, "log", "1")["items"] if e["action"] == "出具文书"]
    assert len(issued) == 1


def test_receipt_and_refusal_follow_the_record(archive, tmp_path):
    assert "尚未审查" in run(archive, "letter", "1", "不予备案通知", "-o", str(tmp_path / "n.docx"), code=2)
    run(archive, "review", "1", "-d", "不予备案", "--accept", "全部", "--opinion", "该办法多处违法设定许可和处罚")
    assert "尚未登记" in run(archive, "letter", "1", "备案登记回执", "-o", str(tmp_path / "r.docx"), code=2)
    refusal = tmp_path / "不予备案通知.docx"
    made = run(archive, "letter", "1", "不予备案通知", "-o", str(refusal), "--date", "2025年3月21日")
    assert made["number"] == "云司审〔2025〕1号"
    lines = texts(refusal)
    assert "关于《清河区农贸市场管理办法》不予备案的通知" in lines
    assert any("2025年3月2日收悉" in t for t in lines)
    assert not RULE_CODE.search("\n".join(lines))


def test_receipt_after_registration_names_the_registration_number(tmp_path):
    db = tmp_path / "reviewer.db"
    run(db, "init", "--office", OFFICE, "--code", "云")
    draft = tmp_path / "合法.txt"
    draft.write_text((CORPUS / "示例_合法_管理办法.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run(db, "submit", str(draft))
    count = len(run(db, "show", "1")["findings"])
    run(db, "review", "1", "-d", "通过", *(["--dismiss", "全部=经核对有上位法依据"] if count else []))
    registered = run(db, "register", "1", "--date", "2025年4月1日")
    receipt = tmp_path / "回执.docx"
    made = run(db, "letter", "1", "备案登记回执", "-o", str(receipt), "--date", "2025.4.2")
    assert made["number"] == "云审〔2025〕1号"  # the default template: {code}审〔{year}〕{seq}号
    whole = "\n".join(texts(receipt))
    assert registered["number"] in whole and "准予备案登记" in whole


@needs_renderer
def test_archive_letter_renders_with_office_head_on_page_one(archive, tmp_path):
    run(archive, "review", "1", "-d", "需纠正", "--accept", "1-15", "--dismiss", "16=不属于问题")
    out = tmp_path / "archive_letter.docx"
    run(archive, "letter", "1", "-o", str(out), "--date", "2025-03-20")
    rendered = pdf.to_pdf(out, tmp_path)
    pages = pdf.pages(rendered)
    pdf.png(rendered, 1, "letter_archive_p1")
    assert len(pages) <= 4
    first = "".join(pdf.body_lines(pages[0])).replace(" ", "")
    for expected in ("云岭县司法局文件", "云司审〔2025〕1号", "清河区人民政府：", "清河区农贸市场管理办法"):
        assert expected in first


def test_check_letter_takes_office_and_number_from_the_archive(tmp_path):
    db = tmp_path / "reviewer.db"
    run(db, "init", "--office", OFFICE, "--code", "云")
    run(db, "letter-template", "{code}司审〔{year}〕{seq}号")

    def letter_for(source: Path, name: str) -> list[str]:
        out = tmp_path / name
        result = CliRunner().invoke(cli, ["check", str(source), "-f", "opinion", "-o", str(out), "--db", str(db),
                                          "--date", "2025年5月6日"])
        assert result.exit_code == 1, result.output
        return texts(out)

    first = letter_for(NOTICE, "a.docx")
    assert first[0] == "云岭县司法局文件" and "云司审〔2025〕1号" in first
    assert "云司审〔2025〕1号" in letter_for(NOTICE, "again.docx")  # the same draft keeps its number
    assert "云司审〔2025〕2号" in letter_for(MEASURE, "b.docx")
    issued = [e for e in run(db, "log")["items"] if e["action"] == "出具文书"]
    assert [e["detail"]["number"] for e in issued] == ["云司审〔2025〕1号", "云司审〔2025〕2号"]


def test_run_and_paragraph_properties_keep_the_schema_order_word_requires(tmp_path):
    """Word refuses a .docx whose property elements are out of the schema's order."""
    import zipfile

    out, _ = write_check_letter(tmp_path, NOTICE)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    run_order = ["rFonts", "b", "i", "color", "spacing", "sz", "szCs", "u"]
    para_order = ["pStyle", "widowControl", "pBdr", "spacing", "ind", "jc"]
    for block, order in ((r"<w:rPr>(.*?)</w:rPr>", run_order), (r"<w:pPr>(.*?)</w:pPr>", para_order)):
        for props in re.findall(block, xml, re.S):
            positions = [order.index(t) for t in re.findall(r"<w:(\w+)", props) if t in order]
            assert positions == sorted(positions), props
