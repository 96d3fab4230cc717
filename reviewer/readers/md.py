"""Markdown reader: the file is read as plain text with its markup kept.

Stripping markup would shift every offset that findings are located by, and headings such
as ``# 标题`` carry structure the clause splitter can use anyway.
"""

from __future__ import annotations

import os

from reviewer.model import SourceText
from reviewer.readers.txt import read_txt


def read_md(path: str | os.PathLike) -> SourceText:
    """Read a Markdown file like a .txt file (same encodings), format "md"."""
    return read_txt(path, fmt="md")
