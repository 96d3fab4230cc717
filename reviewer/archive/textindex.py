"""Turning text into the character-bigram form that the search index stores, and queries into
FTS5 expressions that can never be parsed as user-supplied syntax.

Why bigrams (see README "检索设计"): FTS5's trigram tokenizer cannot match 2-character queries
and a jieba word index misses strings that cross word boundaries. Overlapping bigrams inside
each run of word characters make every substring of length ≥ 2 an exact phrase of bigram tokens
(``法治政府`` → ``法治 治政 政府``), and a 1-character query a prefix query; the unicode61
tokenizer then only has to split on the spaces we insert.
"""

from __future__ import annotations

import re
import unicodedata

# Runs of characters that can belong to a search term: letters (CJK ideographs are letters),
# digits and marks. Punctuation and spaces end a run, as they end a term in a user's mind.
_RUN = re.compile(r"[^\W_]+")


def runs(text: str) -> list[str]:
    """The runs of word characters in ``text``, NFKC-normalised and lower-cased."""
    return _RUN.findall(unicodedata.normalize("NFKC", text).lower())


def bigrams(run: str) -> list[str]:
    """Overlapping bigrams of one run; a run of one character is its own token."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str | None) -> str:
    """The space-separated bigram tokens stored in the index for ``text``.

    The last character of every run is also emitted alone, so that a 1-character prefix
    query (``"罚"*``) finds a character wherever it stands, even at the end of a run.
    """
    if not text:
        return ""
    out: list[str] = []
    for run in runs(text):
        out.extend(bigrams(run))
        if len(run) >= 2:
            out.append(run[-1])
    return " ".join(out)


def _quote(token: str) -> str:
    """An FTS5 string literal: double quotes around, inner quotes doubled."""
    return '"' + token.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None when it has no searchable characters.

    Each run of the query becomes a phrase of its bigrams (exact substring match); runs are
    joined with AND. Every token is a quoted string, so quotes, ``AND``, ``*``, ``NEAR(`` or SQL
    in the query are searched for as text, never interpreted.
    """
    parts: list[str] = []
    for run in runs(query):
        if len(run) == 1:
            parts.append(_quote(run) + "*")
        else:
            # FTS5 phrase: tokens inside one string are matched at consecutive positions.
            parts.append(_quote(" ".join(bigrams(run))))
    if not parts:
        return None
    return " AND ".join(parts)
