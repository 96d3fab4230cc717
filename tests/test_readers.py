"""Tests for reviewer.readers: real files in tmp_path, read back through the public API."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.model import SourceText
from reviewer.readers import SUPPORTED_SUFFIXES, iter_input_files, read
from reviewer.readers import common
from reviewer.readers import docx as docx_reader

SAMPLE = "关于加强市场监管的通知\n第一条　为规范管理，制定本办法。\n第二条　本办法自2024年1月1日起施行。"


def assert_blocks_slice(source: SourceText) -> None:
    """Blocks are in order, do not overlap, and each excludes the newline."""
    previous_end = -1
    for block in source.blocks:
        assert previous_end < block.start <= block.end <= len(source.text)
        assert "\n" not in source.text[block.start : block.end] or source.format == "docx"
        previous_end = block.end


# ---------------------------------------------------------------- .docx


def build_docx(path: Path) -> list[str]:
    """A .docx with body paragraphs, a table with merged cells and a nested table; returns expected order."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉不应出现"
    document.add_paragraph("关于印发某某办法的通知")
    document.add_paragraph("第一条　为了规范管理，制定本办法。")
    table = document.add_table(rows=3, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))  # spans two grid columns
    merged.text = "合并单元格"
    table.cell(0, 2).text = "甲"
    table.cell(1, 0).text = "乙"
    table.cell(1, 1).text = "丙"
    table.cell(1, 2).add_paragraph("丁第二段")  # cell with two paragraphs: "" and "丁第二段"
    inner = table.cell(2, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "嵌套一"
    inner.cell(0, 1).text = "嵌套二"
    table.cell(2, 1).text = "戊"
    table.cell(2, 2).text = "己"
    document.add_paragraph("第二条　本办法自发布之日起施行。")
    document.save(path)
    return [
        "关于印发某某办法的通知",
        "第一条　为了规范管理，制定本办法。",
        "合并单元格",
        "甲",
        "乙",
        "丙",
        "",
        "丁第二段",
        "",  # cell (2, 0): its own empty paragraph comes first ...
        "嵌套一",  # ... then the nested table, in XML order ...
        "嵌套二",
        "",  # ... and the paragraph python-docx puts after a nested table
        "戊",
        "己",
        "第二条　本办法自发布之日起施行。",
    ]


def test_docx_reading_order_text_and_blocks(tmp_path: Path) -> None:
    path = tmp_path / "办法.docx"
    expected = build_docx(path)
    source = read(path)
    assert source.format == "docx"
    assert source.path == str(path)
    assert source.text == "\n".join(expected)
    assert "页眉" not in source.text
    assert source.text.count("合并单元格") == 1
    assert [source.text[b.start : b.end] for b in source.blocks] == expected
    assert [b.ref for b in source.blocks] == [("para", k) for k in range(len(expected))]
    assert_blocks_slice(source)


def test_docx_iter_paragraphs_is_reproducible_for_writers(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "a.docx"
    build_docx(path)
    source = read(path)
    paragraphs = list(docx_reader.iter_paragraphs(docx.Document(str(path))))
    assert len(paragraphs) == len(source.blocks)
    for paragraph, block in zip(paragraphs, source.blocks):
        assert paragraph.text == source.text[block.start : block.end]
    # A writer can edit paragraph k of a reopened document (parents resolve to the real part).
    paragraphs[2].add_run("【批注】")
    assert paragraphs[2].part is not None


def test_docx_content_control_paragraphs_are_included(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("前")
    sdt = parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:sdtContent><w:p><w:r><w:t>控件内文字</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.add_paragraph("后")._p.addprevious(sdt)
    path = tmp_path / "sdt.docx"
    document.save(path)
    assert read(path).text == "前\n控件内文字\n后"


def test_docx_paragraph_with_line_break_keeps_one_block(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    path = tmp_path / "br.docx"
    document.save(path)
    source = read(path)
    assert source.text == "第一行\n第二行"
    assert len(source.blocks) == 1 and source.blocks[0].end == len(source.text)


def _every_run_kind_docx(path: Path) -> None:
    """A .docx whose runs hold every piece of text Word writes and every wrapper the walk looks
    through: tabs, breaks of each type, a carriage return, a non-breaking hyphen, tracked
    insertions, deletions and moves, a hyperlink, a smart tag, a content control, a nested table."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("第一条 甲")
    body = document.element.body
    sect = body[-1]  # w:sectPr stays last
    pieces = [
        f'<w:p {w}><w:r><w:t xml:space="preserve">前 </w:t><w:tab/><w:t>后</w:t><w:ptab w:relativeTo="margin" '
        'w:alignment="left" w:leader="none"/><w:br/><w:t>换行</w:t><w:br w:type="page"/><w:t>分页</w:t>'
        '<w:cr/><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>',
        f'<w:p {w}><w:r><w:t>保留</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移出</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>移入</w:t></w:r></w:moveTo></w:p>',
        f'<w:p {w}><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="e">'
        '<w:r><w:t>标记</w:t></w:r></w:smartTag><w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>',
        f'<w:tbl {w}><w:tr><w:tc><w:p><w:r><w:t>格一</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t>'
        '</w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc><w:p><w:r><w:t>格二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
        f'<w:customXml {w} w:element="x"><w:p><w:r><w:t xml:space="preserve">  空格  </w:t></w:r></w:p></w:customXml>',
    ]
    for xml in pieces:
        sect.addprevious(parse_xml(xml))
    document.save(str(path))


def test_docx_reader_reads_what_python_docx_reads(tmp_path: Path) -> None:
    """The reader parses the body with lxml alone; python-docx (the writer's library) must find
    the same paragraphs with the same text, run by run, by its own definition of a run's text."""
    import docx

    path = tmp_path / "各种.docx"
    _every_run_kind_docx(path)
    source = read(path)
    paragraphs = list(docx_reader.iter_paragraphs(docx.Document(str(path))))
    theirs = ["".join(r.text for r in docx_reader.final_runs(p._p)) for p in paragraphs]  # CT_R.text
    assert [source.text[b.start:b.end] for b in source.blocks] == theirs
    assert theirs[1] == "前 \t后\t\n换行分页\n-"
    assert theirs[2] == "保留插入移入"
    assert theirs[3] == "链接标记控件"
    assert theirs[4:8] == ["格一", "内表", "", "格二"]
    assert theirs[8] == "  空格  "
    assert source.notes and "插入 2 处、删除 2 处" in source.notes[0]


def test_reading_a_docx_does_not_import_python_docx(tmp_path: Path) -> None:
    """python-docx costs more to import than the rest of a check's reading (see the reader)."""
    import subprocess
    import sys

    path = tmp_path / "各种.docx"
    _every_run_kind_docx(path)
    code = ("import sys; from reviewer.readers import read; read(sys.argv[1]); "
            "assert 'docx' not in sys.modules, 'python-docx imported'")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- text encodings


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # native order with BOM
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_txt_encodings(tmp_path: Path, raw: bytes, encoding: str) -> None:
    path = tmp_path / "通知.txt"
    path.write_bytes(raw)
    source = read(path)
    assert source.text == SAMPLE
    assert source.encoding == encoding
    assert source.format == "txt"
    assert "\ufeff" not in source.text


def test_txt_gb18030_outside_gbk(tmp_path: Path) -> None:
    text = "生僻字㐀与𠀀均应正确读取，全角标点：（一）“引号”〔2017〕12号。"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    source = read(path)
    assert source.text == text
    assert source.encoding == "gb18030"


def test_txt_crlf_and_cr_become_lf_with_line_blocks(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("第一行\r\n第二行\r\r第四行\r\n".encode("utf-8"))
    source = read(path)
    assert source.text == "第一行\n第二行\n\n第四行\n"
    lines = [source.text[b.start : b.end] for b in source.blocks]
    assert lines == ["第一行", "第二行", "", "第四行"]
    assert [b.ref for b in source.blocks] == [("line", n) for n in range(4)]
    assert_blocks_slice(source)


def test_md_keeps_markup(tmp_path: Path) -> None:
    content = "# 某某管理办法\n\n## 第一章　总则\n\n**第一条**　为了规范管理，制定本办法。\n"
    path = tmp_path / "办法.md"
    path.write_text(content, encoding="utf-8")
    source = read(path)
    assert source.format == "md"
    assert source.text == content
    assert source.text[source.blocks[0].start : source.blocks[0].end] == "# 某某管理办法"


def test_uppercase_suffix_is_supported(tmp_path: Path) -> None:
    path = tmp_path / "A.TXT"
    path.write_text(SAMPLE, encoding="utf-8")
    assert read(path).text == SAMPLE


def test_stdin_bytes(tmp_path: Path) -> None:
    source = read("-", stdin="第一条　测试。\r\n第二条".encode("gb18030"))
    assert source.format == "stdin"
    assert source.path == "-"
    assert source.text == "第一条　测试。\n第二条"
    assert source.encoding == "gb18030"
    assert len(source.blocks) == 2


def test_stdin_from_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO("来自标准输入".encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    assert read("-").text == "来自标准输入"


def test_stdin_empty_and_binary() -> None:
    with pytest.raises(InputError, match="标准输入.*为空"):
        read("-", stdin=b"")
    with pytest.raises(InputError, match="不是文本文档"):
        read("-", stdin=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# ---------------------------------------------------------------- .pdf


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("STSong-Light", 14)
        for i, line in enumerate(lines):
            pdf.drawString(72, 750 - 30 * i, line)
        pdf.showPage()
    pdf.save()


def test_pdf_chinese_text_layer(tmp_path: Path) -> None:
    page1 = ["关于加强市场监管的通知", "第一条　根据《中华人民共和国行政许可法》，制定本办法。", "（一）罚款5000元；“引号”〔2017〕12号"]
    page2 = ["第二条　本办法自2024年1月1日起施行。"]
    path = tmp_path / "通知.pdf"
    make_pdf(path, [page1, page2])
    source = read(path)
    assert source.format == "pdf"
    assert [source.text[b.start : b.end] for b in source.blocks] == page1 + page2
    assert [b.ref for b in source.blocks] == [("page", 0, 0), ("page", 0, 1), ("page", 0, 2), ("page", 1, 0)]
    assert source.text == "\n".join(page1 + page2)


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 400, fill=1)  # a page with only graphics, like a scan
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as info:
        read(path)
    assert "文字层" in info.value.message and "OCR" in info.value.message and "Word" in info.value.message


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(InputError, match="PDF"):
        read(path)


# ---------------------------------------------------------------- directories


def test_iter_input_files_expands_directories(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["a/2.txt", "a/1.docx", "b/3.md", "b/4.pdf", "top.TXT", ".git/x.txt", "a/.hidden.txt",
                 "a/~$1.docx", "b/表格.xlsx", "b/旧.doc"]:
        (tmp_path / name).write_bytes(b"x")
    explicit = tmp_path / "b" / "表格.xlsx"
    result = list(iter_input_files([str(tmp_path), str(explicit)]))
    expected = [tmp_path / "top.TXT", tmp_path / "a/1.docx", tmp_path / "a/2.txt", tmp_path / "b/3.md",
                tmp_path / "b/4.pdf", explicit]
    assert result == [str(p) for p in expected]
    assert list(iter_input_files([str(tmp_path)])) == result[:-1]  # deterministic


def test_iter_input_files_missing_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("内容", encoding="utf-8")
    with pytest.raises(InputError, match="不存在"):
        list(iter_input_files([str(tmp_path / "a.txt"), str(tmp_path / "无此文件.docx")]))


def test_iter_input_files_directory_without_documents(tmp_path: Path) -> None:
    (tmp_path / "旧.doc").write_bytes(b"x")
    (tmp_path / "图.png").write_bytes(b"x")
    with pytest.raises(InputError) as info:
        list(iter_input_files([str(tmp_path)]))
    assert "没有可审查的文件" in info.value.message and ".docx" in info.value.message
    assert "1 个旧版" in info.value.message


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == frozenset({".docx", ".txt", ".md", ".pdf"})


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"某某办法{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError) as info:
        read(path)
    message = info.value.message
    assert "旧版二进制" in message and ".docx" in message
    assert f"soffice --headless --convert-to docx --outdir {tmp_path} {path}" in message
    assert "\n" not in message


def test_legacy_command_quotes_names_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "my file.doc"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=f'convert-to docx --outdir {tmp_path} "{path}"'):
        read(path)


def test_doc_renamed_to_docx(tmp_path: Path) -> None:
    path = tmp_path / "改名.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError, match="旧版二进制.*soffice --headless --convert-to docx"):
        read(path)


@pytest.mark.parametrize("name", ["空.txt", "空.md", "空.docx", "空.pdf"])
def test_zero_byte_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError, match="为空"):
        read(path)


@pytest.mark.parametrize("raw", [b"  \r\n\t\n", "\u3000\u3000\n".encode("utf-8"), "\ufeff  ".encode("utf-8")])
def test_whitespace_only_text(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError, match="为空"):
        read(path)


def test_docx_without_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "空白.docx"
    document.save(path)
    with pytest.raises(InputError, match="为空"):
        read(path)


def test_corrupt_docx_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes("这不是压缩包".encode("utf-8"))
    with pytest.raises(InputError, match="损坏.*另存为 .docx"):
        read(path)


def test_corrupt_docx_truncated_zip(tmp_path: Path) -> None:
    source = tmp_path / "好.docx"
    build_docx(source)
    path = tmp_path / "截断.docx"
    path.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(InputError, match="损坏"):
        read(path)


def test_corrupt_docx_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="word/document.xml"):
        read(path)


def test_xlsx_renamed_to_docx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "表.docx"
    Workbook().save(path)
    with pytest.raises(InputError, match="Excel"):
        read(path)


def test_corrupt_docx_bad_xml(tmp_path: Path) -> None:
    source = tmp_path / "好.docx"
    build_docx(source)
    path = tmp_path / "坏XML.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut the XML in the middle of an element
            dst.writestr(item, data)
    with pytest.raises(InputError, match="损坏|结构异常"):
        read(path)


def test_docx_zip_bomb_ratio(tmp_path: Path) -> None:
    source = tmp_path / "好.docx"
    build_docx(source)
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/pad.bin", b"\x00" * (docx_reader.MAX_RATIO_MEMBER_BYTES + 1))
    with pytest.raises(InputError, match="压缩炸弹"):
        read(path)


def test_docx_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_DOCX_MEMBERS", 5)
    path = tmp_path / "多.docx"
    build_docx(path)
    with pytest.raises(InputError, match="条目过多"):
        read(path)


def test_docx_total_uncompressed_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_DOCX_UNCOMPRESSED_BYTES", 1000)
    path = tmp_path / "大.docx"
    build_docx(path)
    with pytest.raises(InputError, match="解压后过大"):
        read(path)


def test_oversized_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_TEXT_BYTES", 100)
    monkeypatch.setattr("reviewer.readers.txt.MAX_TEXT_BYTES", 100)
    path = tmp_path / "大.txt"
    path.write_text("很" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="文件过大"):
        read(path)


def test_png_renamed_to_txt(tmp_path: Path) -> None:
    path = tmp_path / "图片.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    with pytest.raises(InputError, match="不是文本文档.*PNG"):
        read(path)


def test_random_bytes_are_not_text(tmp_path: Path) -> None:
    import random

    path = tmp_path / "随机.txt"
    path.write_bytes(random.Random(20240101).randbytes(4096))
    with pytest.raises(InputError, match="不是文本文档"):
        read(path)


def test_latin1_bytes_are_not_mistaken_for_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Åbo Akademi, café crème, ÆØÅ æøå".encode("latin-1"))
    with pytest.raises(InputError, match="不是文本文档"):
        read(path)


@pytest.mark.parametrize(("name", "shown"), [("表.xlsx", ".xlsx"), ("图.png", ".png"), ("无扩展名", "没有扩展名")])
def test_unsupported_suffix(tmp_path: Path, name: str, shown: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"data")
    with pytest.raises(InputError) as info:
        read(path)
    assert shown in info.value.message
    assert "支持的格式" in info.value.message and ".docx、.txt、.md、.pdf" in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    for name in ["无.txt", "无.docx", "无.pdf", "无.doc"]:
        with pytest.raises(InputError, match="不存在"):
            read(tmp_path / name)


def test_directory_given_to_read(tmp_path: Path) -> None:
    folder = tmp_path / "目录.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="目录"):
        read(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "锁.txt"
    path.write_text("内容", encoding="utf-8")
    path.chmod(0)
    folder = tmp_path / "锁目录"
    folder.mkdir()
    folder.chmod(0)
    try:
        with pytest.raises(InputError, match="权限"):
            read(path)
        with pytest.raises(InputError, match="权限"):
            list(iter_input_files([str(folder)]))
    finally:
        path.chmod(0o600)
        folder.chmod(0o700)


def test_input_error_exit_code_and_one_line(tmp_path: Path) -> None:
    error = InputError("a.txt", "文件为空")
    assert error.exit_code == 2
    assert str(error) == "a.txt: 文件为空"


def test_docx_saved_with_doc_suffix_is_read(tmp_path: Path) -> None:
    path = tmp_path / "其实是新格式.doc"
    expected = build_docx(path)
    source = read(path)
    assert source.format == "docx"
    assert source.text == "\n".join(expected)


def test_permission_denied_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same message as above, for runs as root where chmod does not bite."""
    path = tmp_path / "锁.txt"
    path.write_text("内容", encoding="utf-8")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(InputError, match="没有读取该文件的权限"):
        read(path)


def test_unreadable_subdirectory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("内容", encoding="utf-8")
    locked = tmp_path / "锁目录"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: object = "."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError) as info:
        list(iter_input_files([str(tmp_path)]))
    assert "权限" in info.value.message and info.value.path == str(locked)


def test_password_protected_docx(tmp_path: Path) -> None:
    # Encrypted OOXML is an OLE2 container holding an "EncryptedPackage" stream.
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(InputError, match="密码"):
        read(path)


def test_convert_command_for_bare_file_name() -> None:
    assert docx_reader.convert_command("通知.doc") == "soffice --headless --convert-to docx 通知.doc"
