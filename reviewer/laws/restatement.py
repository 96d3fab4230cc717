"""Whether a clause restates a penalty article of a national law or 行政法规 (复述上位法).

Local documents often copy the 法律责任 articles of the law they implement, without citing it
(对未经许可经营…的，处二万元以上十万元以下罚款). Such a clause sets nothing: the law set it. The
articles are kept verbatim in ``reviewer/data/statutes/*.json`` (taken from LawRefBook/Laws; each
file names its source), and a clause counts as a restatement when its wording lies close to one
article (rapidfuzz's partial ratio, the clause aligned inside the article) **and** every sum of
money it names is one the article names: a restatement that raises a fine is no restatement.

The index is built on first use (``LawBase.statutes``): a check whose sentences never reach this
step never reads the files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.numerals import amounts

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "statutes"
# Wording this close to an article restates it; the more of the article's sums of money a clause
# repeats exactly, the looser its wording may be (copies rename the agency, drop a clause).
SIMILARITY = {0: 85.0, 1: 75.0}
SEVERAL_SUMS = 62.0
MIN_CHARS = 16  # shorter clauses share too little wording to tell a restatement from a rule
SHINGLE = 4
# Share of the clause's shingles a candidate article must hold before it is scored: a cheap
# first cut that keeps rapidfuzz (≈18 ms to import) off the check path of most documents.
MIN_SHARED = 0.3
_NOISE_RE = re.compile(r"[\s，,。；;：:、（）()《》“”\"'\[\]【】]|^第[一二三四五六七八九十百零]+条")
_NUMBERING_RE = re.compile(r"^(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、])")


@dataclass(frozen=True)
class Article:
    """One article of a law's 法律责任 chapter."""

    title: str
    number: int
    text: str
    sums: frozenset[float]

    @property
    def citation(self) -> str:
        from reviewer.numerals import int_to_cn

        return f"《{self.title}》第{int_to_cn(self.number)}条"


def _plain(text: str) -> str:
    """The wording only: no numbering, spaces or punctuation (they differ between copies)."""
    return _NOISE_RE.sub("", _NUMBERING_RE.sub("", text.strip()))


def _shingles(text: str) -> set[str]:
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


class StatuteIndex:
    """The articles of the statutes on file, looked up by shared wording."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self._plain = [_plain(a.text) for a in articles]
        self._by_shingle: dict[str, list[int]] = {}
        for index, plain in enumerate(self._plain):
            for shingle in _shingles(plain):
                self._by_shingle.setdefault(shingle, []).append(index)

    @classmethod
    def load(cls, folder: Path = DATA_DIR) -> StatuteIndex:
        """Every ``*.json`` file of ``folder`` ({title, articles: [{article, text}]})."""
        articles: list[Article] = []
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for item in data["articles"]:
                articles.append(Article(data["title"], int(item["article"]), item["text"],
                                        frozenset(amounts(item["text"]))))
        return cls(articles)

    def restated(self, clause: str) -> Article | None:
        """The article ``clause`` restates, or None."""
        plain = _plain(clause)
        if len(plain) < MIN_CHARS:
            return None
        shingles = _shingles(plain)
        counts: dict[int, int] = {}
        for shingle in shingles:
            for index in self._by_shingle.get(shingle, ()):
                counts[index] = counts.get(index, 0) + 1
        sums = set(amounts(clause))
        candidates = [index for index, shared in counts.items()
                      if shared >= MIN_SHARED * len(shingles) and sums <= self.articles[index].sums]
        if not candidates:
            return None
        from rapidfuzz import fuzz

        best: tuple[float, int] | None = None
        for index in candidates:
            score = fuzz.partial_ratio(plain, self._plain[index])
            if score >= SIMILARITY.get(len(sums), SEVERAL_SUMS) and (best is None or score > best[0]):
                best = (score, index)
        return self.articles[best[1]] if best else None
