"""The features of the second opinion: character 1–3-grams of a sentence, whitespace removed.

Training (``reviewer.opinion.train``) and checking (``reviewer.opinion.model``) both call
``ngrams``, so the model sees at check time exactly what it was trained on.
"""

from __future__ import annotations

from collections import Counter

from reviewer.regexes import compile_re

MAX_N = 3
# Whitespace, and the marks that end a sentence. The engine scores one sentence at a time, while
# a labelled clause may hold several and lawful training sentences were split off without their
# mark: left in, 。 alone would read as a sign of a violation.
# Markdown's emphasis and heading marks go too: a .md and its .docx must score the same sentence
# alike (**第八条** and 第八条); no training text carries them.
_DROPPED_RE = compile_re(r"[\s。；;！!？?*#]+")
_EDGE_MARKS = "，,、：:"


def normalise(text: str) -> str:
    """The text the n-grams are taken from: whitespace and sentence-ending marks dropped, and the
    commas or colons left at either end."""
    return _DROPPED_RE.sub("", text).strip(_EDGE_MARKS)


def known_counts(text: str, index: dict[str, int]) -> Counter[int]:
    """``ngrams`` restricted to the n-grams in ``index``, keyed by their index: what scoring
    needs, without counting the many n-grams the model does not know."""
    text = normalise(text)
    grams = list(text)
    for n in range(2, MAX_N + 1):
        grams += [text[i:i + n] for i in range(len(text) - n + 1)]
    counts = Counter(map(index.get, grams))
    counts.pop(None, None)  # n-grams the model does not know
    return counts  # type: ignore[return-value]


def ngrams(text: str) -> Counter[str]:
    """How often each character 1-, 2- and 3-gram occurs in ``text`` (after ``normalise``)."""
    text = normalise(text)
    counts: Counter[str] = Counter(text)
    for n in range(2, MAX_N + 1):
        counts.update(text[i:i + n] for i in range(len(text) - n + 1))
    return counts
