"""Would a statistical second opinion find what the rules miss? (issue #9, item 6; measured, not shipped)

A plain linear model on character 1–3-grams (TF-IDF, logistic regression, scikit-learn) is trained
on text the project wrote itself: the read halves of eval/probes, every rule's flag and pass
examples, and the sentences of the lawful corpus samples and of the in-force 规章 and 行政法规 in
eval/public (as lawful). It is then measured, together with the rules (a clause counts as found
when either finds it), on text it never saw: the unread halves of ../shared/eval (dev,
competition) and of the probes, and the lawful documents of ../shared/eval/docs/bulk.

Options:
  --real-read  also train on the read halves of ../shared/eval (dev, competition)
  --bulk-half  also train on the even-numbered bulk documents (as lawful); alarms are then
               reported for the two halves apart, the odd half being the one to trust
  --gated      the model may only confirm a match the rules made and refused (context test or
               imposition), and counts for that rule's family; otherwise it counts for any family

Run: ``python eval/experiments/second_opinion.py [options]`` in an environment with scikit-learn.
Superseded by ``reviewer/opinion`` (shipped; docs/engine.md §7). Beware when reading its figures:
it scores lawful documents sentence by sentence without their closing 。 but labelled clauses with
it, so 。 alone reads as a violation and its alarms on lawful documents come out far too low.
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


def even_bulk(path: Path) -> bool:
    """The bulk half a model may train on: documents whose leading number is even (a file
    without one goes to the other half, never to training)."""
    number = re.match(r"\d+", path.name)
    return bool(number) and int(number.group(0)) % 2 == 0


def training_set(shared: Path, *, real_read: bool, bulk_half: bool) -> list[tuple[str, int]]:
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
    if real_read:
        for name in ("dev", "competition"):
            items = jsonl(shared / "eval" / f"{name}.jsonl")
            data += [(i["text"], int(bool(i["labels"]))) for i in items if i.get("half") == "read"]
    lawful = sorted((ROOT / "corpus").glob("示例_合法_*.txt")) + sorted((ROOT / "eval" / "public").rglob("*.txt"))
    if bulk_half:
        lawful += [p for p in sorted((shared / "eval" / "docs" / "bulk").glob("*.txt")) if even_bulk(p)]
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


def refused_families(text: str) -> set[str]:
    """Families of rules that matched a measure word in ``text`` but refused it (context test or
    imposition): what a gated second opinion may confirm."""
    from reviewer.explain import explain
    from reviewer.rules.loader import default_ruleset

    family = {r.code: r.family for r in default_ruleset().rules}
    return {family[s.code] for s in explain(text) if not s.reported and (
        s.referral in ("near", "not_near") or (not s.referral and not s.imposition_counts))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--real-read", action="store_true")
    parser.add_argument("--bulk-half", action="store_true")
    parser.add_argument("--gated", action="store_true")
    args = parser.parse_args()
    shared = Path(args.shared)
    data = training_set(shared, real_read=args.real_read, bulk_half=args.bulk_half)
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=4, class_weight="balanced", max_iter=3000)
    model.fit(vectorizer.fit_transform([t for t, _ in data]), [y for _, y in data])
    print(f"trained on {len(data)} texts ({sum(y for _, y in data)} violating), "
          f"{len(vectorizer.vocabulary_)} features; real read halves: {args.real_read}, "
          f"bulk half: {args.bulk_half}, gated: {args.gated}")

    def score(texts: list[str]) -> list[float]:
        return list(model.predict_proba(vectorizer.transform(texts))[:, 1])

    def opinion(text: str, p: float, t: float) -> set[str] | bool:
        if p < t:
            return set()
        return refused_families(text) if args.gated else True

    print(f"{'held-out set':<36} {'rules':>12} " + " ".join(f"{'+model ≥' + str(t):>14}" for t in THRESHOLDS))
    for name, items in held_out(shared).items():
        families = [{f.family for f in reported(check_text(i["text"], path=i["id"]).findings)} for i in items]
        scores = score([i["text"] for i in items])

        def found(k: int, t: float | None) -> bool:
            labels = set(items[k]["labels"])
            extra = opinion(items[k]["text"], scores[k], t) if t is not None else set()
            if extra is True:
                return bool(families[k] & labels) or bool(labels) if labels else True
            fams = families[k] | extra
            return bool(fams & labels) if labels else bool(fams)

        pos = [k for k, i in enumerate(items) if i["labels"]]
        neg = [k for k, i in enumerate(items) if not i["labels"]]
        for what, ks in (("recall", pos), ("false alarms", neg)):
            if ks:
                cells = [f"{sum(found(k, t) for k in ks)}/{len(ks)}" for t in (None, *THRESHOLDS)]
                print(f"{name + ' ' + what:<36} {cells[0]:>12} " + " ".join(f"{c:>14}" for c in cells[1:]))
    bulk = sorted((shared / "eval" / "docs" / "bulk").glob("*.txt"))
    halves = {"bulk (odd half, never trained on)": [p for p in bulk if not even_bulk(p)],
              "bulk (even half)": [p for p in bulk if even_bulk(p)]} if args.bulk_half else {"bulk": bulk}
    for label, docs in halves.items():
        extra = [0] * len(THRESHOLDS)
        for path in docs:
            ss = sentences(strip_header(read_text(path))[0])
            for sentence, p in zip(ss, score(ss) if ss else []):
                for n, t in enumerate(THRESHOLDS):
                    extra[n] += bool(opinion(sentence, p, t))
        print(f"{label + ': model alarms per doc':<36} {'':>12} "
              + " ".join(f"{n / len(docs):>14.2f}" for n in extra))


if __name__ == "__main__":
    main()
