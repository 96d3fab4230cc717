"""JSON output: a stable contract (version 1), written deterministically."""

from __future__ import annotations

import json
from collections.abc import Sequence

from reviewer.model import DocumentReport

SCHEMA_VERSION = 1


def as_dict(reports: Sequence[DocumentReport]) -> dict:
    """The JSON document as a Python mapping."""
    from reviewer.report import summary

    return {
        "version": SCHEMA_VERSION,
        "documents": [r.to_dict() for r in reports],
        "summary": summary(reports),
    }


def render(reports: Sequence[DocumentReport], **_options) -> str:
    """Sorted keys and real Chinese characters, so diffs and `jq` both work."""
    return json.dumps(as_dict(reports), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
