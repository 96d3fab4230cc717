"""The shipped second-opinion weights and how a sentence is scored with them.

Scoring repeats the training transform exactly (``features.ngrams``, sublinear TF × IDF, L2
norm over the kept n-grams) and takes the logistic of the linear score: pure Python, no
scikit-learn at check time. The weights file (``reviewer.opinion.train``) is a JSON header line,
the n-grams joined by U+001F, then float32 arrays: IDF, the binary model's weights, and one row
of weights per family.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewer.errors import ModelError
from reviewer.opinion.features import known_counts

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "opinion.bin"
FORMAT = 2  # 2: the header carries a CRC-32 of the body


@dataclass(frozen=True)
class Opinion:
    """The model's view of one sentence."""

    probability: float  # that the sentence resembles an unlawful clause
    family: str  # the family it most resembles ('' when not asked)
    # Every family whose share of the family model's probability is at least FAMILY_SHARE, the
    # closest first: a clause often sits between two families. () when the families were not
    # ranked, or when none holds that share (the engine then asks the closest alone).
    families: tuple[tuple[str, float], ...] = ()


# A family counts as one the sentence resembles from this share of the family model's
# probability (at most four can). Held out by whole probe files, testing each such family
# against its own rule's threshold, instead of the closest one alone, found 72.0% of the
# violating clauses instead of 69.3% at the same false alarms (28 of 2,913 lawful clauses; 0.20
# found more and raised more): the family model often splits a clause between two families
# whose thresholds differ (ULTRA_VIRES 0.78, COMPETITION 0.98).
FAMILY_SHARE = 0.25


@dataclass(frozen=True)
class OpinionModel:
    index: dict[str, int]
    idf: "memoryview[float]"  # float32 rows of the weights file, read in place
    coef: "memoryview[float]"
    intercept: float
    families: tuple[str, ...]
    family_intercepts: tuple[float, ...]
    family_coef: "tuple[memoryview[float], ...]"
    digest: str

    def _weighted(self, text: str) -> tuple[list[tuple[int, float]], float]:
        """(feature index, sublinear TF × IDF) of the known n-grams, and their L2 norm."""
        idf = self.idf
        weighted = [(i, (1 + math.log(n)) * idf[i] if n > 1 else idf[i])
                    for i, n in known_counts(text, self.index).items()]
        return weighted, math.sqrt(sum(v * v for _, v in weighted)) or 1.0

    def _dot(self, text: str) -> float:
        """The binary model's weighted sum for ``text``: what ``_weighted`` computes, in one pass
        without the list (every sentence is scored, few are ranked)."""
        idf, coef, log = self.idf, self.coef, math.log
        total = squares = 0.0
        for i, n in known_counts(text, self.index).items():
            value = (1 + log(n)) * idf[i] if n > 1 else idf[i]
            total += value * coef[i]
            squares += value * value
        return total / (math.sqrt(squares) or 1.0)

    def score(self, text: str, family_from: float = 0.0) -> Opinion:
        """The probability, and the family the text most resembles when the probability is at
        least ``family_from`` ('' below it: ranking families costs eight times the scoring)."""
        p = _logistic(self.intercept + self._dot(text))
        if p < family_from:
            return Opinion(probability=p, family="")
        weighted, norm = self._weighted(text)
        scores = [b + sum(v * row[i] for i, v in weighted) / norm
                  for b, row in zip(self.family_intercepts, self.family_coef)]
        top = max(scores)
        exps = [math.exp(x - top) for x in scores]  # the multinomial model's probabilities
        total = sum(exps)
        closest = self.families[scores.index(top)]
        # closest first even on an exact tie, so families[0] is always the family reported as closest
        shares = sorted(((e / total, f == closest, f) for e, f in zip(exps, self.families)), reverse=True)
        close = tuple((f, share) for share, _, f in shares if share >= FAMILY_SHARE)
        return Opinion(probability=p, family=closest, families=close)


def _logistic(z: float) -> float:
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def load(path: Path = WEIGHTS) -> OpinionModel:
    """Read a weights file written by ``reviewer.opinion.train``; ModelError if it is unusable:
    missing, cut short, of another format, or with a body that does not match its checksum."""
    damaged = f"{path}: 统计模型文件不完整或已损坏；请重新安装本软件，或由管理员运行 make model"
    try:
        data = path.read_bytes()
    except OSError:
        raise ModelError(f"{path}: 无法读取统计模型文件；请重新安装本软件，或由管理员运行 make model") from None
    try:
        first, rest = data.split(b"\n", 1)
        header = json.loads(first)
        if not isinstance(header, dict):
            raise ModelError(damaged)
        if header.get("format") != FORMAT:
            raise ModelError(f"{path}: 统计模型文件的格式 {header.get('format')!r} 与本版本（{FORMAT}）不符；"
                             "请重新安装本软件，或由管理员运行 make model")
        if f"{zlib.crc32(rest):08x}" != header["checksum"]:
            raise ModelError(damaged)  # a flipped bit would score nan or nonsense
        n, split = int(header["features"]), int(header["ngram_bytes"])
        grams = rest[:split].decode("utf-8").split("\x1f")
        body = memoryview(rest)[split:]
        floats = body[:len(body) - len(body) % 4].cast("f")  # float32, read in place (no copy)
        families = tuple(str(f) for f in header["families"])
        intercept = float(header["intercept"])
        family_intercepts = tuple(float(b) for b in header["family_intercepts"])
        digest = str(header["digest"])
    except (ValueError, KeyError, TypeError):  # bad JSON, UTF-8 cut mid-character, missing fields
        raise ModelError(damaged) from None
    if len(grams) != n or len(floats) != n * (2 + len(families)) or len(family_intercepts) != len(families):
        raise ModelError(damaged)
    rows = [floats[k * n:(k + 1) * n] for k in range(2 + len(families))]
    return OpinionModel(
        index=dict(zip(grams, range(n))),
        idf=rows[0],
        coef=rows[1],
        intercept=intercept,
        families=families,
        family_intercepts=family_intercepts,
        family_coef=tuple(rows[2:]),
        digest=digest,
    )


@lru_cache(maxsize=1)
def builtin() -> OpinionModel:
    """The weights shipped in reviewer/data (read once per process)."""
    return load()
