"""Letters in 公文格式 (GB/T 9704-2012): the frame every letter the office signs shares.

A letter is 版头 (the office's name as 发文机关标志, the letter's own 发文字号, a red rule),
主体 (title, 主送机关, body, 落款 and 成文日期) and page numbers "— 1 —" on the outside edge
(right on odd pages, left on even ones). Page: A4 with 37/35/28/26 mm margins, so the 版心 is
156 × 225 mm; body text 仿宋_GB2312 三号 on a fixed line pitch and with a slight condensing so
that a full page holds 22 lines of 28 characters, as the standard requires.

Fonts are named, not embedded. Each run names the 公文 font and the fallbacks below go into
the font table, so Word/WPS on an office PC use 仿宋_GB2312 and 方正小标宋简体 while a machine
without them (LibreOffice on Linux) falls back to the nearest installed face.

Content (what the letter says) is built by the caller as a ``Letter``; this module only lays
it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.report import docx_layout as layout

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

# 公文 fonts and what a machine without them should use instead (kept in the .docx font table).
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    BODY_FONT: ("仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"),
    TITLE_FONT: ("方正小标宋_GBK", "华文中宋", "STZhongsong", "Noto Serif CJK SC"),
    HEADING_FONT: ("SimHei", "STHeiti", "Noto Sans CJK SC"),
    SUBHEADING_FONT: ("楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC"),
}

BODY_SIZE_PT = 16  # 三号
TITLE_SIZE_PT = 22  # 二号
MARK_SIZE_PT = 26  # 发文机关标志: larger than the title, red
RED = "C00000"

# 版心 225 mm high holds 22 lines: 637.8 pt / 22 = 28.99 pt; a little less so rounding in Word,
# WPS or LibreOffice never pushes the 22nd line over.
LINE_PITCH_PT = 28.9
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 版心 156 mm (442.2 pt) holds 28 characters of 16 pt only when each is condensed by 0.25 pt.
CHAR_SPACING_PT = -0.25
# 二号 (22 pt) title characters per line on the same 156 mm.
TITLE_CHARS_PER_LINE = 20


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. ``kind``: text, heading (黑体), subheading (楷体 lead-in)."""

    text: str
    kind: str = "text"
    lead: str = ""  # a 楷体 lead-in run before ``text`` (（一）关于第五条。)
    emphasis: str = ""  # words inside ``text`` to underline (the flagged words of a quote)


@dataclass(frozen=True)
class Letter:
    """What one letter says; ``gongwen.build`` lays it out."""

    office: str  # 发文机关 (版头 and 落款)
    number: str  # the letter's own 发文字号; empty leaves a blank for a hand-written number
    title: str
    addressee: str  # 主送机关
    body: tuple[Block, ...]
    date: dt.date  # 成文日期
    subtitle: str = ""  # a 楷体 line under the title (预审参考（非正式审查意见）)
    numbered: bool = True  # False: no 发文字号 line at all, not even a blank to number by hand
    # False: no 版头 (red 发文机关标志 and rule) and signed by ``signer``: a reference a system
    # produced for someone, which must not look like the office's own document.
    letterhead: bool = True
    signer: str = ""  # the 落款 when not the office (letterhead False)


def chinese_date(day: dt.date) -> str:
    """2025年3月20日, as 成文日期 is written (Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def inner_title(title: str) -> str:
    """A title quoted inside 《》: its own 《》 become 〈〉, as 公文 write nested titles."""
    return title.replace("《", "〈").replace("》", "〉")


def build(letters: Sequence[Letter]) -> DocxDocument:
    """One .docx holding ``letters``, each starting on a new page."""
    import docx

    document = docx.Document()
    _set_up(document)
    for index, letter in enumerate(letters):
        if index:
            _page_break(document)
        _letter(document, letter)
    return document


# -- one letter ----------------------------------------------------------------------------


def _letter(document: DocxDocument, letter: Letter) -> None:
    if letter.letterhead:
        _letterhead(document, letter)
    _title(document, letter.title)
    if letter.subtitle:
        _line(document, letter.subtitle, SUBHEADING_FONT, align="center")
    _line(document, "")
    _line(document, f"{letter.addressee}：")
    for block in letter.body:
        _block(document, block)
    _line(document, "")
    _line(document, "")
    # GB/T 9704 7.3.5.1 (a sealed letter): 成文日期 four characters in from the right, the
    # office's name centred over it, both under the seal.
    date = chinese_date(letter.date)
    signer = letter.office if letter.letterhead or not letter.signer else letter.signer
    _signature(document, signer, 4 + (_width(date) - _width(signer)) / 2)
    _signature(document, date, 4)


def _letterhead(document: DocxDocument, letter: Letter) -> None:
    """版头: the office's name as 发文机关标志 in red, the 发文字号, the red rule."""
    _line(document, letter.office + "文件" if not letter.office.endswith("文件") else letter.office,
          TITLE_FONT, MARK_SIZE_PT, align="center", colour=RED, pitch=MARK_SIZE_PT * 1.6)
    _line(document, "")
    number = (letter.number or "〔　　〕　号") if letter.numbered else ""
    rule = _line(document, number, align="center")
    _red_rule(rule)
    _line(document, "")


def title_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """A long title cut into lines (GB/T 9704: words kept whole, a balanced shape).

    Lines break where a title's words end (after 关于, around a 《…》 name) when that gives
    lines that fit; otherwise into near-equal lengths, never leaving one character alone.
    """
    import itertools

    count = -(-len(title) // per_line)
    if count <= 1:
        return [title]
    natural = sorted(i for i in range(1, len(title)) if _word_edge(title, i))
    best: list[str] | None = None
    for cuts in itertools.combinations(natural, count - 1):
        bounds = [0, *cuts, len(title)]
        lines = [title[a:b] for a, b in zip(bounds, bounds[1:])]
        if max(map(len, lines)) <= per_line and (best is None or _spread(lines) < _spread(best)):
            best = lines
    if best is not None:
        return best
    size = -(-len(title) // count)
    return [title[i:i + size] for i in range(0, len(title), size)]


def _word_edge(title: str, i: int) -> bool:
    """Whether a title line may break before position ``i``: around 关于, a 《…》 name, or before 的."""
    before, after = title[:i], title[i:]
    return (after.startswith(("关于", "《", "的")) or before.endswith(("关于", "》"))) and not after.startswith("》")


def _spread(lines: list[str]) -> int:
    return max(map(len, lines)) - min(map(len, lines))


def _title(document: DocxDocument, title: str) -> None:
    from docx.enum.text import WD_BREAK

    paragraph = _line(document, "", align="center", pitch=LINE_PITCH_PT * 1.25)
    for index, part in enumerate(title_lines(title)):
        run = _run(paragraph, part, TITLE_FONT, TITLE_SIZE_PT)
        if index:
            run._r.addprevious(_break_run(paragraph, WD_BREAK.LINE))


def _break_run(paragraph: Paragraph, kind):
    run = paragraph.add_run()
    run.add_break(kind)
    return run._r


def _block(document: DocxDocument, block: Block) -> None:
    if block.kind == "heading":
        _line(document, block.text, HEADING_FONT, indent=2)
        return
    paragraph = _line(document, "", indent=2)
    if block.lead:
        layout.add_run(paragraph, block.lead, SUBHEADING_FONT, BODY_SIZE_PT)
    text = block.text
    at = text.find(block.emphasis) if block.emphasis else -1
    if at < 0:
        _run(paragraph, text)
        return
    _run(paragraph, text[:at])
    _run(paragraph, block.emphasis).underline = True
    _run(paragraph, text[at + len(block.emphasis):])


# -- paragraphs ----------------------------------------------------------------------------


def _run(paragraph: Paragraph, text: str, font: str = BODY_FONT, size_pt: float = BODY_SIZE_PT):
    from docx.oxml.ns import qn

    run = layout.add_run(paragraph, text, font, size_pt)
    # Quotation marks and dashes are "ambiguous" characters: the hint keeps them in the
    # Chinese font (full width) instead of the Latin one.
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
    _condense(run)
    return run


_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
                  "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                  "w:specVanish", "w:oMath")


def _condense(run) -> None:
    """Character spacing so 28 characters fill the 156 mm line exactly (the 28-character grid)."""
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    spacing = rpr.makeelement(qn("w:spacing"), {qn("w:val"): str(round(CHAR_SPACING_PT * 20))})
    # Word rejects run properties out of schema order: w:spacing goes before w:sz, w:u and the rest.
    rpr.insert_element_before(spacing, *_AFTER_SPACING)


def _line(document: DocxDocument, text: str, font: str = BODY_FONT, size_pt: float = BODY_SIZE_PT, *,
          align: str = "justify", indent: int = 0, colour: str = "", pitch: float = 0) -> Paragraph:
    """A paragraph: ``indent`` characters in, fixed line pitch (taller for larger type)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}.get(align, WD_ALIGN_PARAGRAPH.LEFT)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch or LINE_PITCH_PT)
    if indent:
        fmt.first_line_indent = Pt((BODY_SIZE_PT + CHAR_SPACING_PT) * indent)
    if text:
        run = _run(paragraph, text, font, size_pt)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def _signature(document: DocxDocument, text: str, chars_from_right: float) -> Paragraph:
    """落款 or 成文日期: right-aligned, ``chars_from_right`` characters in from the right edge."""
    from docx.shared import Pt

    paragraph = _line(document, text, align="right")
    paragraph.paragraph_format.right_indent = Pt((BODY_SIZE_PT + CHAR_SPACING_PT) * max(chars_from_right, 0))
    return paragraph


def _width(text: str) -> float:
    """Width in body characters: a Chinese character is one, a digit or Latin letter half, and
    the quarter space Word, WPS and LibreOffice put between Chinese and digits (2025 年 3 月)."""
    wide = [ord(c) > 0xFF for c in text]
    switches = sum(1 for a, b in zip(wide, wide[1:]) if a != b)
    return sum(1 if w else 0.5 for w in wide) + switches / 4


def _red_rule(paragraph: Paragraph) -> None:
    """The red separator under the 发文字号 (a bottom border on its paragraph)."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18",
                                                   qn("w:space"): "8", qn("w:color"): RED})
    borders.append(bottom)
    # pBdr must precede spacing/ind/jc in pPr's schema order; Word rejects it otherwise.
    ppr.insert(0, borders)
    if ppr.find(qn("w:pStyle")) is not None:
        ppr.remove(borders)
        ppr.insert(1, borders)


def _page_break(document: DocxDocument) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- page ----------------------------------------------------------------------------------


def _set_up(document: DocxDocument) -> None:
    """A4, 公文 margins, body style, fallback fonts, page numbers on the outside edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    layout.set_up_body_style(document, BODY_FONT, BODY_SIZE_PT, LINE_PITCH_PT)
    # Every page full to its 22nd line: no widow/orphan control moving lines to the next page.
    document.styles["Normal"].paragraph_format.widow_control = False
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The page number sits inside the bottom margin, its top about 7 mm below the 版心 (GB/T 9704 7.5):
    # 35 mm margin − 7 mm − a 四号 line ≈ 23 mm from the bottom edge.
    section.footer_distance = Mm(23)
    section.header_distance = Mm(15)
    document.settings.odd_and_even_pages_header_footer = True
    one_char = Pt(layout.PAGE_NUMBER_SIZE_PT)
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = one_char
    layout.add_page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = one_char
    layout.add_page_number(even)
    _font_table(document)


def _font_table(document: DocxDocument) -> None:
    """Name each 公文 font's fallbacks in the font table (w:altName), read by Word and WPS."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    part = document.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, fallbacks in FONT_FALLBACKS.items():
        font = root.makeelement(qn("w:font"), {qn("w:name"): name})
        font.append(font.makeelement(qn("w:altName"), {qn("w:val"): ",".join(fallbacks)}))
        font.append(font.makeelement(qn("w:charset"), {qn("w:val"): "86"}))  # GB2312
        root.append(font)
    # python-docx keeps the font table as plain bytes; write the edited tree back.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
