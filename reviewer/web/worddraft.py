"""A plain Word copy of a draft that did not arrive as .docx (a .txt or .pdf), one paragraph per
line, so that the commented copy can be offered for every upload. The copy is checked again
through the ordinary pipeline before the comments are written, so every comment is anchored on
the words the reader found in that very file."""

from __future__ import annotations

from docx import Document


def write(text: str, out: str) -> None:
    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(out)
