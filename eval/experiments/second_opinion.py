"""Would a statistical second opinion find what the rules miss? (issue #9, item 6; measured, not shipped)

A plain linear model on character 1–3-grams (TF-IDF, logistic regression, scikit-learn) is trained
on text the project wrote itself: the read halves of eval/probes, every rule's flag and pass
examples, and the sentences of the lawful corpus samples and of the in-force 规章 and 行政法规 in
eval/public (as lawful). It is then measured, together with the rules (a clause counts as found
when either finds it), on text it never saw: the unread halves of ../shared/eval (dev,
competition) and of the probes, and the 68 lawful documents of ../shared/eval/docs/bulk.

Run: ``python eval/experiments/second_opinion.py`` in an environment with scikit-learn (not a
project dependency: the model was not adopted, see docs/engine.md §7).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reviewer.evaluate import reported, strip_header  # noqa: E402
from reviewer.pipeline import check_text  # noqa: E402

THRESHOLDS = (0.8, 0.9, 0.95)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。；\n]", text) if len(s.strip()) >= 6]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def training_set() -> list[tuple[str, int]]:
    data: list[tuple[str, int]] = []
    for path in sorted((ROOT / "eval" / "probes").glob("*.jsonl")):
        data += [(i["text"], int(bool(i["labels"]))) for i in jsonl(path) if i.get("half", "read") == "read"]
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            examples = rule.get("examples") or {}
            for flag in examples.get("flag") or []:
                text = flag["text"] if isinstance(flag, dict) else flag
                data.append((text.replace("[[", "").replace("]]", ""), 1))
            for passing in examples.get("pass") or []:
                data.append((passing["text"] if isinstance(passing, dict) else passing, 0))
    lawful = sorted((ROOT / "corpus").glob("示例_合法_*.txt")) + sorted((ROOT / "eval" / "public").rglob("*.txt"))
    for path in lawful:
        data += [(s, 0) for s in sentences(strip_header(read_text(path))[0])]
    return data


def held_out(shared: Path) -> dict[str, list[dict]]:
    comp = jsonl(shared / "eval" / "competition.jsonl")
    sets = {
        "competition clause [unread]": [i for i in comp if i["half"] == "unread" and i["kind"] == "clause"],
        "competition description [unread]": [i for i in comp if i["half"] == "unread" and i["kind"] == "description"],
        "dev [unread]": [i for i in jsonl(shared / "eval" / "dev.jsonl") if i["half"] == "unread"],
    }
    for path in sorted((ROOT / "eval" / "probes").glob("*.jsonl")):
        unread = [i for i in jsonl(path) if i.get("half") == "unread"]
        if unread:
            sets[f"{path.stem} [unread]"] = unread
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    shared = Path(parser.parse_args().shared)
    data = training_set()
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=4, class_weight="balanced", max_iter=3000)
    model.fit(vectorizer.fit_transform([t for t, _ in data]), [y for _, y in data])
    print(f"trained on {len(data)} texts ({sum(y for _, y in data)} violating), "
          f"{len(vectorizer.vocabulary_)} features")

    def score(texts: list[str]) -> list[float]:
        return list(model.predict_proba(vectorizer.transform(texts))[:, 1])

    print(f"{'held-out set':<36} {'rules':>12} " + " ".join(f"{'+model ≥' + str(t):>14}" for t in THRESHOLDS))
    for name, items in held_out(shared).items():
        families = [{f.family for f in reported(check_text(i["text"], path=i["id"]).findings)} for i in items]
        # a violation counts as found by a finding of one of its families; a lawful clause by any finding
        found = [bool(fams & set(i["labels"])) if i["labels"] else bool(fams) for fams, i in zip(families, items)]
        scores = score([i["text"] for i in items])
        pos = [k for k, i in enumerate(items) if i["labels"]]
        neg = [k for k, i in enumerate(items) if not i["labels"]]
        cells = [f"{sum(found[k] for k in pos)}/{len(pos)}"]
        cells += [f"{sum(found[k] or scores[k] >= t for k in pos)}/{len(pos)}" for t in THRESHOLDS]
        print(f"{name + ' recall':<36} " + " ".join(f"{c:>12}" if n == 0 else f"{c:>14}" for n, c in enumerate(cells)))
        if neg:
            cells = [f"{sum(found[k] for k in neg)}/{len(neg)}"]
            cells += [f"{sum(found[k] or scores[k] >= t for k in neg)}/{len(neg)}" for t in THRESHOLDS]
            print(f"{name + ' false alarms':<36} " + " ".join(f"{c:>12}" if n == 0 else f"{c:>14}"
                                                           for n, c in enumerate(cells)))
    bulk = sorted((shared / "eval" / "docs" / "bulk").glob("*.txt"))
    per_doc = [sentences(strip_header(read_text(p))[0]) for p in bulk]
    extra = [sum(sum(s >= t for s in score(ss)) if ss else 0 for ss in per_doc) for t in THRESHOLDS]
    print(f"{'bulk documents: model alarms per doc':<36} {'':>12} "
          + " ".join(f"{n / len(bulk):>14.2f}" for n in extra))


if __name__ == "__main__":
    main()
