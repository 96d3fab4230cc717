"""Candidate pairs of same-issuer documents with near-identical titles (rapidfuzz).

The parent groups titles by issuer once per run (one query); each worker then compares its own
document's title with its issuer's group, so the quadratic part runs in parallel. Workers compare
texts only for these candidates. Titles that differ in their numbers (年度 plans: 2019年… vs
2020年…) are different documents by design and are not paired.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

_DIGITS_RE = re.compile(r"\d+")


def _numbers(title: str) -> tuple[str, ...]:
    return tuple(_DIGITS_RE.findall(title))


@dataclass(frozen=True)
class TitleGroups:
    """The audited documents' titles grouped by issuer."""

    groups: dict[str, dict[int, str]]
    issuer_of: dict[int, str]

    @classmethod
    def load(cls, conn: sqlite3.Connection, ids: Iterable[int]) -> "TitleGroups":
        wanted = set(ids)
        groups: dict[str, dict[int, str]] = {}
        issuer_of: dict[int, str] = {}
        for doc_id, issuer, title in conn.execute("SELECT id, issuer, title FROM documents"
                                                  " WHERE issuer IS NOT NULL AND issuer != ''"):
            if doc_id in wanted:
                groups.setdefault(issuer, {})[doc_id] = title
                issuer_of[doc_id] = issuer
        return cls(groups, issuer_of)

    def candidates(self, doc_id: int, cutoff: int) -> list[tuple[int, float]]:
        """[(other id, title score)] for same-issuer documents whose titles score at least ``cutoff``."""
        from rapidfuzz import fuzz, process

        titles = self.groups.get(self.issuer_of.get(doc_id, ""), {})
        if len(titles) < 2:
            return []
        title = titles[doc_id]
        mine = _numbers(title)
        found = process.extract(title, titles, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        return sorted((other, score) for _, score, other in found
                      if other != doc_id and _numbers(titles[other]) == mine)
