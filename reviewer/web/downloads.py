"""The name a download is saved under, made from text users typed (titles, file names, issuers).

A response header may not hold a line break (werkzeug refuses it, and the request fails): every
run of whitespace, line breaks included, becomes one space and control characters are dropped.
"""

from __future__ import annotations

from reviewer.sanitize import clean_text


def attachment_name(name: str) -> str:
    """``name`` on one line, fit for ``send_file(download_name=…)``."""
    return " ".join(clean_text(name).split()) or "下载"
