"""Render documents with LibreOffice and read the PDF back: lines per page, page text, PNGs.

Used by the layout tests of the 公文 letters and of the printed workbooks. LibreOffice (soffice) and poppler-utils
(pdftotext, pdftoppm) are real components; tests skip when they are not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"
# A4 is 842 pt high; the 版心 ends 35 mm (99 pt) above the bottom edge, the page number below it.
BODY_BOTTOM_PT = 842 - 99 + 4


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def have_tools() -> bool:
    return bool(soffice() and shutil.which("pdftotext") and shutil.which("pdftoppm"))


def have_calc() -> bool:
    """LibreOffice with Calc (libreoffice-calc): Writer alone converts no .xlsx."""
    office = soffice()
    return bool(have_tools() and shutil.which("pdfinfo") and office
                and (Path(office).resolve().parent / "libsclo.so").exists())


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (form feeds separate pages in pdftotext's output)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def to_pdf(docx_path: Path, workdir: Path) -> Path:
    profile, outdir = workdir / "lo-profile", workdir / "pdf"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
        check=True, capture_output=True, timeout=240,
    )
    return outdir / (docx_path.stem + ".pdf")


def pages(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, its text lines as (top, bottom, text) in points, top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    out = []
    for page in xml.split("<page ")[1:]:
        lines = []
        for top, bottom, inner in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                                             r"(.*?)</line>", page, re.S):
            words = re.findall(r">([^<]*)</word>", inner)
            lines.append((float(top), float(bottom), "".join(words)))
        # A line of mixed fonts can come out as several pieces at the same height: merge them.
        merged: dict[int, list] = {}
        for top, bottom, text in sorted(lines):
            key = next((k for k in merged if abs(k - top) < 6), round(top))
            merged.setdefault(key, [top, bottom, ""])[2] += text
        out.append([(t, b, s) for t, b, s in merged.values()])
    return out


def body_lines(page: list[tuple[float, float, str]]) -> list[str]:
    """The lines inside the 版心 (the page number below it is not counted)."""
    return [text for top, bottom, text in page if bottom <= BODY_BOTTOM_PT]


def footer_lines(page: list[tuple[float, float, str]]) -> list[str]:
    return [text for top, bottom, text in page if bottom > BODY_BOTTOM_PT]


def footer_spans(pdf: Path) -> list[tuple[float, float]]:
    """Per page, the left and right x (points) of what is printed below the 版心 (the page number)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    spans = []
    for page in xml.split("<page ")[1:]:
        boxes = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">', page)
        below = [(float(x0), float(x1)) for x0, x1, bottom in boxes if float(bottom) > BODY_BOTTOM_PT]
        spans.append((min(x for x, _ in below), max(x for _, x in below)) if below else (0.0, 0.0))
    return spans


def png(pdf: Path, page: int, name: str) -> Path:
    """Page ``page`` (1-based) as tests/artifacts/<name>.png, kept for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
    return stem.with_suffix(".png")
