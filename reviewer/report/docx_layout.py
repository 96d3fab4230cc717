"""Page and font conventions of Chinese official documents (GB/T 9704), for the .docx we write.

Shared by the review opinion letter and the corpus builder, so both look like what an office
issues: A4 with 37/35/28/26 mm margins, body text in 仿宋 三号 on a fixed 28 pt line, the page
number as "— 1 —" centred in the footer.
"""

from __future__ import annotations

LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = "宋体"
PAGE_NUMBER_SIZE_PT = 14  # 四号


def set_font(rpr, east_asian: str, size_pt: float | None = None) -> None:
    """Set Latin and East Asian font names (and the size, when given) on a ``w:rPr`` element."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    if size_pt is None:
        return
    rpr.sz_val = Pt(size_pt)
    # Complex-script size too, or Word shows a different size for some punctuation.
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        szcs = rpr.makeelement(qn("w:szCs"), {})
        rpr.sz.addnext(szcs)
    szcs.set(qn("w:val"), str(round(size_pt * 2)))


def add_run(paragraph, text: str, font: str, size_pt: float | None = None):
    """Append a run with explicit fonts, so the layout does not depend on the style. Control
    characters are dropped: a staff opinion pasted from Word carries \\x0b (a manual line break),
    which XML cannot hold, and the letter could then never be written."""
    from reviewer.sanitize import clean_text

    run = paragraph.add_run(clean_text(text))
    set_font(run._r.get_or_add_rPr(), font, size_pt)
    return run


def set_up_body_style(document, font: str, size_pt: float, line_spacing_pt: float) -> None:
    """Normal style: the body font and size, a fixed line spacing, no space between paragraphs."""
    from docx.shared import Pt

    normal = document.styles["Normal"]
    set_font(normal.element.get_or_add_rPr(), font, size_pt)
    fmt = normal.paragraph_format
    fmt.line_spacing = Pt(line_spacing_pt)
    fmt.space_before = fmt.space_after = Pt(0)


def set_up_page(document) -> None:
    """A4 with official-document margins and "— page —" centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(footer)


def add_page_number(paragraph) -> None:
    """"— PAGE —" with a real PAGE field, so every page shows its own number."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    def field_run(tag: str, **attrs: str) -> None:
        run = add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE_PT)
        element = OxmlElement(tag, attrs={qn(k): v for k, v in attrs.items()})
        if tag == "w:instrText":
            element.text = " PAGE "
            element.set(qn("xml:space"), "preserve")
        run._r.append(element)

    add_run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE_PT)
    field_run("w:fldChar", **{"w:fldCharType": "begin"})
    field_run("w:instrText")
    field_run("w:fldChar", **{"w:fldCharType": "separate"})
    add_run(paragraph, "1", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE_PT)
    field_run("w:fldChar", **{"w:fldCharType": "end"})
    add_run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE_PT)
