"""Whether a clause restates a penalty article of a national law or 行政法规 (复述上位法).

Local documents often copy the 法律责任 articles of the law they implement, without citing it
(对未经许可经营…的，处二万元以上十万元以下罚款). Such a clause sets nothing: the law set it. The
articles are kept verbatim in ``reviewer/data/statutes/*.json`` (taken from LawRefBook/Laws; each
file names its source). A clause counts as a restatement when every sum of money it names is one
an article names — a copy that raises a fine is no restatement — and its wording lies close to
that article's (rapidfuzz's partial ratio, the clause aligned inside the article). A clause
without a sum of money is not looked up: the sums are what make a copy recognisable, and a
sentence without one carries no fine to exempt.

Everything is built on first use (``LawBase.statutes``), and rapidfuzz (≈20 ms to import) only
when some article shares the clause's sums and could score above the threshold, so documents
that copy no statute pay almost nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reviewer.numerals import amounts, int_to_cn
from reviewer.regexes import compile_re

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "statutes"
# Wording this close to an article restates it; the more of the article's sums a clause repeats
# exactly, the looser its wording may be (copies rename the agency, drop a clause).
ONE_SUM = 75.0
SEVERAL_SUMS = 62.0
MIN_CHARS = 16  # shorter clauses share too little wording to tell a restatement from a rule
# Share of the clause's character pairs an article must hold before rapidfuzz scores it.
MIN_SHARED = 0.5
_NOISE_RE = compile_re(r"[\s，,。；;：:、（）()《》“”\"'\[\]【】]|^第[一二三四五六七八九十百零]+条")
_NUMBERING_RE = compile_re(r"^(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、])")


@dataclass(frozen=True)
class Article:
    """One article of a law's 法律责任 chapter."""

    title: str
    number: int
    text: str

    @property
    def citation(self) -> str:
        return f"《{self.title}》第{int_to_cn(self.number)}条"


def _plain(text: str) -> str:
    """The wording only: no numbering, spaces or punctuation (they differ between copies)."""
    return _NOISE_RE.sub("", _NUMBERING_RE.sub("", text.strip()))


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def partial_ratio_bound(a: str, b: str) -> float:
    """An upper bound on rapidfuzz's ``fuzz.partial_ratio(a, b)``, in pure Python.

    partial_ratio aligns the shorter string (length n) with every window of the longer one: the
    full windows of length n and the shorter ones at either end, scoring each 2·LCS / (n + window).
    The characters the needle shares with a window, counted as multisets, bound its LCS. Most
    clauses that share a statute's sums and words are still far from copying it, and this lets
    them skip rapidfuzz's import (≈20 ms, a tenth of a check).
    """
    if len(a) == len(b) and a != b:  # rapidfuzz scores equal lengths both ways round and keeps the better
        return max(_bound(a, b), _bound(b, a))
    return _bound(a, b) if len(a) <= len(b) else _bound(b, a)


def _bound(needle: str, hay: str) -> float:
    n = len(needle)
    if not n:
        return 0.0
    want = Counter(needle)
    best = 0.0
    have: Counter[str] = Counter()
    shared = 0
    for i, char in enumerate(hay):  # windows ending at i: growing at the start, then length n
        have[char] += 1
        shared += have[char] <= want[char]
        if i >= n:
            gone = hay[i - n]
            shared -= have[gone] <= want[gone]
            have[gone] -= 1
        best = max(best, 2 * shared / (n + min(i + 1, n)))
    have.clear()
    shared = 0
    for size, char in enumerate(reversed(hay[len(hay) - n + 1:]), 1):  # the shorter ones at the end
        have[char] += 1
        shared += have[char] <= want[char]
        best = max(best, 2 * shared / (n + size))
    return 100 * best


class StatuteIndex:
    """The articles of the statutes on file, looked up by their sums of money."""

    def __init__(self, articles: list[Article]):
        self.articles = articles

    @classmethod
    def load(cls, folder: Path = DATA_DIR) -> StatuteIndex:
        """Every ``*.json`` file of ``folder`` ({title, articles: [{article, text}]}), indexed by
        sum; kept in the on-disk cache, since parsing the sums of 600 articles costs more than
        checking a short draft."""
        from reviewer.cache import cached

        paths = sorted(folder.glob("*.json"))
        from reviewer import numerals  # how the sums are read: a change there must rebuild the index

        sources = [*paths, Path(__file__), Path(numerals.__file__)]
        return cached("statutes", sources, lambda: cls._parse(paths))

    @classmethod
    def _parse(cls, paths: list[Path]) -> StatuteIndex:
        articles: list[Article] = []
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            articles += [Article(data["title"], int(item["article"]), item["text"]) for item in data["articles"]]
        index = cls(articles)
        index._by_sum, index._plain_texts  # built now, so that the cached copy carries them
        return index

    @cached_property
    def _by_sum(self) -> dict[float, set[int]]:
        index: dict[float, set[int]] = {}
        for number, article in enumerate(self.articles):
            for value in amounts(article.text):
                index.setdefault(value, set()).add(number)
        return index

    @cached_property
    def _plain_texts(self) -> list[str]:
        return [_plain(article.text) for article in self.articles]

    def _shares_wording(self, number: int, pairs: set[str]) -> bool:
        """Whether the article holds enough of the clause's character pairs to be worth scoring.
        A substring test per pair: a document meets a few hundred articles through common sums
        (二十万元), and building each one's pair set cost more than the whole lookup."""
        text = self._plain_texts[number]
        return sum(map(text.__contains__, pairs)) >= MIN_SHARED * len(pairs)

    def restated(self, clause: str) -> Article | None:
        """The article ``clause`` restates, or None."""
        sums = set(amounts(clause))
        plain = _plain(clause)
        if not sums or len(plain) < MIN_CHARS:
            return None
        holding = set.intersection(*(self._by_sum.get(value, set()) for value in sums))
        pairs = _pairs(plain)
        threshold = ONE_SUM if len(sums) == 1 else SEVERAL_SUMS
        candidates = [
            n for n in sorted(holding)
            if self._shares_wording(n, pairs) and partial_ratio_bound(plain, self._plain_texts[n]) >= threshold
        ]
        if not candidates:
            return None
        from rapidfuzz import fuzz

        scored = [(fuzz.partial_ratio(plain, self._plain_texts[n]), n) for n in candidates]
        score, best = max(scored)
        return self.articles[best] if score >= threshold else None
