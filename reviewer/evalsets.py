"""Evaluation sets as files: labelled clauses (jsonl) and documents with a ``# `` header.

Read by the evaluation (``reviewer.evaluate``) and by the second opinion's training
(``reviewer.opinion.train``), which must not depend on the checking pipeline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Item:
    """One labelled clause of an evaluation set."""

    id: str
    text: str
    labels: frozenset[str]
    half: str = "read"
    kind: str = "clause"
    level: str = "行政规范性文件"  # the level the clause is checked at (a probe may hold 规章 articles)


def load_items(path: Path) -> list[Item]:
    """Read a jsonl file of {id, text, labels[, half, kind]}."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                raw = json.loads(line)
                items.append(Item(
                    str(raw["id"]), raw["text"], frozenset(raw.get("labels") or ()),
                    half=raw.get("half", "read"), kind=raw.get("kind", "clause"),
                    level=raw.get("level") or "行政规范性文件",
                ))
    return items


def strip_header(text: str) -> tuple[str, str]:
    """Drop the leading ``# `` lines; return (body, header)."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and lines[i].startswith("# "):
        i += 1
    return "".join(lines[i:]), "".join(lines[:i])
