"""Cross-validation of the second opinion held out by writer, scored where it can matter (``make cv``).

Each probe file is one writer's wording; a model judged on clauses from a writer it has read ranks them
too well. So the read halves of ``eval/probes`` are split into five folds by file, and each fold is
scored by the binary model trained, exactly as ``train`` trains it, on everything else.

Two figures per setting: over all held-out clauses, and over the **rules' residue** — the held-out
clauses the rules alone do not find (violations) or do not alarm on (lawful ones). The model's warning
counts only there: a setting that ranks the whole set better but not the residue adds nothing to the
engine (docs/engine.md §7.3: the rules' own analysis as features ranked better overall and lost end to
end). Recall is read at the scores that keep 1%, 2% and 5% of the lawful clauses above them.

Unread halves are never used. Needs scikit-learn (``pip install -e '.[model]'``).
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

from reviewer.opinion import train as T
from reviewer.opinion.features import ngrams

FOLDS = 5
FALSE_ALARM_RATES = (0.01, 0.02, 0.05)


def writer_folds(root: Path = T.ROOT, folds: int = FOLDS) -> dict[str, int]:
    """Each read-half probe clause's fold: the probe files in name order, dealt round the folds, so a
    writer's clauses are held out together."""
    from reviewer.evalsets import load_items

    paths = sorted((root / "eval" / "probes").glob("*.jsonl"))
    fold_of: dict[str, int] = {}
    for k, path in enumerate(paths):
        for item in load_items(path):
            if item.half == "read":
                fold_of.setdefault(item.text, k % folds)
    return fold_of


@lru_cache(maxsize=1)
def _rules_alone():
    """The shipped rules without the model rules (built once per worker process)."""
    from reviewer.rules.loader import RuleSet, default_ruleset

    rules = default_ruleset()
    return RuleSet(tuple(r for r in rules if r.kind != "model")).reading_with(rules)


def _found_by_rules(args: tuple[str, str, tuple[str, ...]]) -> bool:
    """Whether the rules alone (no model rule) report one of the clause's families, or, for a lawful
    clause, anything."""
    from reviewer.evaluate import reported
    from reviewer.pipeline import check_text

    text, level, labels = args
    families = {f.family for f in reported(check_text(text, level=level, ruleset=_rules_alone()).findings)}
    return bool(families & set(labels)) if labels else bool(families)


def rules_residue(root: Path = T.ROOT, processes: int = 2) -> set[str]:
    """The read-half probe clauses the rules alone miss (violations) or leave quiet (lawful ones)."""
    from multiprocessing import Pool

    from reviewer.evalsets import load_items

    items = [i for path in sorted((root / "eval" / "probes").glob("*.jsonl"))
             for i in load_items(path) if i.half == "read"]
    with Pool(processes) as pool:
        found = pool.map(_found_by_rules, [(i.text, i.level, tuple(sorted(i.labels))) for i in items], chunksize=50)
    return {i.text for i, hit in zip(items, found) if not hit}


def out_of_fold(samples: list[T.Sample], fold_of: dict[str, int], c: float = T.BINARY_C) -> list[float | None]:
    """Each held-out sample's probability from the model trained without its fold (None: never held out)."""
    from sklearn.linear_model import LogisticRegression

    counts = [ngrams(s.text) for s in samples]
    labels = [int(bool(s.families)) for s in samples]
    scores: list[float | None] = [None] * len(samples)
    for k in range(FOLDS):
        test = [i for i, s in enumerate(samples) if fold_of.get(s.text) == k]
        held = set(test)
        kept = [i for i in range(len(samples)) if i not in held]
        df: Counter[str] = Counter()
        for i in kept:
            df.update(counts[i].keys())

        def fit(vocab: list[str]):
            idf = [math.log((1 + len(kept)) / (1 + df[t])) + 1 for t in vocab]
            x = T._matrix([counts[i] for i in kept], vocab, idf)
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
            return idf, model.fit(x, [labels[i] for i in kept])

        vocab = sorted(t for t, n in df.items() if n >= T.MIN_DF)
        _, first = fit(vocab)
        strongest = sorted(range(len(vocab)), key=lambda j: -abs(first.coef_[0][j]))[:T.KEEP]
        vocab = sorted(vocab[j] for j in strongest)
        idf, model = fit(vocab)
        probabilities = model.predict_proba(T._matrix([counts[i] for i in test], vocab, idf))[:, 1]
        for i, p in zip(test, probabilities):
            scores[i] = float(p)
    return scores


def recall_at(scores: list[float], labels: list[int], rates=FALSE_ALARM_RATES) -> dict[float, float]:
    """Recall of the violating clauses above the score that keeps each rate of lawful clauses above it."""
    lawful = sorted((s for s, y in zip(scores, labels) if not y), reverse=True)
    violating = [s for s, y in zip(scores, labels) if y]
    out = {}
    for rate in rates:
        bar = lawful[min(len(lawful) - 1, int(rate * len(lawful)))] if lawful else 1.0
        out[rate] = sum(s > bar for s in violating) / max(len(violating), 1)
    return out


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0 or math.isinf(number):
        raise argparse.ArgumentTypeError(f"应为正数：{value}")
    return number


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="按写作者分组交叉验证统计第二意见（只用已读部分）")
    parser.add_argument("--c", type=_positive, default=T.BINARY_C, help=f"二分类模型的正则化参数 C（默认 {T.BINARY_C}）")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        parser.exit(2, "错误：交叉验证需要 scikit-learn；请运行 make cv（会安装 '.[model]'）\n")
    samples = T.training_samples()
    fold_of = writer_folds()
    residue = rules_residue()
    scores = out_of_fold(samples, fold_of, args.c)
    for name, keep in (("全部留出条款", lambda s: True), ("规则未发现的条款（残余）", lambda s: s.text in residue)):
        pairs = [(p, int(bool(s.families))) for s, p in zip(samples, scores) if p is not None and keep(s)]
        figures = recall_at([p for p, _ in pairs], [y for _, y in pairs])
        shown = "，".join(f"误报率 {rate:.0%} 时召回 {value:.1%}" for rate, value in figures.items())
        print(f"{name}：{len(pairs)} 条（违法 {sum(y for _, y in pairs)} 条）；{shown}")


if __name__ == "__main__":
    main()
