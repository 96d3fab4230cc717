"""Cleaning text that comes in from outside: one definition, used at every door.

Control characters (other than tab and newline) are never meaningful in a title, a name or a
note; kept, they break the xlsx writer, XML (Word comments) and terminals. Lone surrogates come
from file names that are not UTF-8 and cannot be written to any UTF-8 output.
"""

from __future__ import annotations


from reviewer.regexes import compile_re

# C0 controls except tab and newline, DEL, C1 controls, and U+FFFE/U+FFFF (not characters in
# XML either: one in a title made every Word and Excel file that shows it fail to be written).
_CONTROL = compile_re("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = compile_re("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without control characters; lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))


def clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_text(value)
