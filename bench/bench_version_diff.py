"""Benchmark of the version comparison (reviewer.version_diff) the review screen runs on each visit
of a resubmitted filing.

Cases, built deterministically from the corpus's sentences:
1. a corpus document against itself with three articles edited (the everyday case);
2. a 200-article document with 10 articles edited and one inserted (later ones renumbered);
3. 40 and 200 articles with every article rewritten (the worst case: every pair is a candidate
   until MAX_PAIRS, then only articles keeping their number are compared);
4. one long notice point (compared sentence by sentence), and one made of the same two sentences
   repeated (difflib's weak spot: every sentence matches hundreds of others).
Prints the best of --runs seconds per case.
Run: python bench/bench_version_diff.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from reviewer.version_diff import compare

ROOT = Path(__file__).resolve().parents[1]


def _read(path: Path) -> str:
    """A corpus text (UTF-8, or GB18030 as some offices still save)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _alphabet() -> str:
    text = "".join(_read(p) for p in sorted((ROOT / "corpus").glob("示例_*.txt")))
    return "".join(sorted({c for c in text if "\u4e00" <= c <= "\u9fff"}))


def _articles(count: int, rng: random.Random, alphabet: str) -> list[str]:
    return [f"第{n}条 " + "".join(rng.choice(alphabet) for _ in range(rng.randint(40, 200))) + "。"
            for n in range(1, count + 1)]


def _text(articles: list[str]) -> str:
    return "某市某某管理办法\n\n" + "\n".join(articles) + "\n"


def cases() -> list[tuple[str, str, str]]:
    rng = random.Random(20261202)
    alphabet = _alphabet()
    corpus = _read(ROOT / "corpus" / "示例_违规_市场管理办法.txt")
    edited = corpus.replace("应当", "可以", 2).replace("500元", "2000元", 1)
    out = [("corpus document, modal words and a sum edited", corpus, edited)]
    base = _articles(200, rng, alphabet)
    changed = list(base)
    for k in rng.sample(range(len(changed)), 10):
        changed[k] = changed[k][:30] + "应当缴纳500元" + changed[k][40:]
    changed.insert(50, "第50条之一 新增的条文，不得收取任何费用。")
    out.append(("200 articles, 10 edits + 1 inserted", _text(base), _text(changed)))
    for count in (40, 200):
        out.append((f"{count} articles, all rewritten", _text(_articles(count, rng, alphabet)),
                    _text(_articles(count, rng, alphabet))))
    long_point = "".join(_articles(3000, rng, alphabet)).replace("第", "")
    out.append((f"one {len(long_point) // 1000}K-character point, one sentence added",
                "一、" + long_point, "一、" + long_point[:len(long_point) // 2] + "应当缴纳500元。" +
                long_point[len(long_point) // 2:]))
    repeated = "进入市场经营的商户应缴纳管理费每年200元；对违反本办法的，处500元罚款；" * 400
    out.append((f"one {len(repeated) // 1000}K-character point repeating itself", "一、" + repeated,
                "一、" + repeated.replace("200元", "300元", 3)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    for name, old, new in cases():
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            diff = compare(old, new)
            best = min(best, time.perf_counter() - start)
        print(f"{name:<40} {best * 1000:8.1f} ms   {diff.summary()}")


if __name__ == "__main__":
    main()
