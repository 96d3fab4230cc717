"""Archive benchmark: import rate and search latency over a generated archive.

Run: ``python bench/bench_archive.py --docs 100000`` (``--quick`` = 5,000 docs). Prints figures and,
for each query, the archive's search (ranked, filtered join, highlighted snippets, limit 10) as a
ratio to a bare ranked FTS5 query on the same file and index
(``SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 10``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.archive import Archive, Settings  # noqa: E402
from reviewer.archive.textindex import match_expression  # noqa: E402

PLACES = ["龙凤区", "肇源县", "萨尔图区", "让胡路区", "大同区", "林甸县", "杜尔伯特县", "红岗区"]
AGENCIES = ["人民政府", "市场监督管理局", "审计局", "财政局", "教育局", "卫生健康委员会", "住房和城乡建设局", "司法局"]
TOPICS = ["权责清单动态管理", "政务公开", "行政执法公示", "重大行政决策程序", "农贸市场管理", "校外培训机构管理",
          "城市供热收费", "法治政府建设考核", "行政规范性文件清理", "安全生产检查"]
KINDS = ["办法", "规定", "实施意见", "通知", "细则"]
SENTENCES = [
    "各单位要坚持依法行政，严格执行法律法规规定的权限和程序。", "对违反规定的行为，依照有关法律法规予以处理。",
    "本办法所称经营者，是指在本区域内从事经营活动的自然人、法人和非法人组织。", "执法人员持证上岗，亮证执法。",
    "有关部门应当加强监督检查，及时公开检查结果。", "不得收取任何费用，不得指定服务机构。",
    "建立健全投诉举报制度，畅通群众监督渠道。", "本办法自印发之日起施行，有效期五年。",
    "各乡镇人民政府、区直各有关部门要高度重视，确保各项任务落到实处。", "推进政务服务事项网上办理，减少证明材料。",
    "对拒不改正的，由主管部门依法处理，并记入信用档案。", "重大行政决策应当经过公众参与、专家论证、风险评估、合法性审查和集体讨论决定。",
]
QUERIES = {"2-char": ["罚款", "审计", "治政", "供热", "核电"], "4-char": ["依法行政", "政务公开", "权责清单", "持证上岗", "核电项目"]}
RUNS = 20


def generate(folder: Path, count: int, seed: int = 1) -> Path:
    """Write ``count`` short documents (300–800 chars) and their metadata sheet; returns the sheet."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder.parent / "metadata.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["文件名", "标题", "发文字号", "制定机关", "公布日期", "登记号", "状态"])
        for i in range(count):
            issuer = rng.choice(PLACES) + rng.choice(AGENCIES)
            year = rng.randint(2015, 2024)
            title = f"{issuer}关于{rng.choice(TOPICS)}的{rng.choice(KINDS)}"
            number = f"{issuer[:2]}政发〔{year}〕{rng.randint(1, 300)}号"
            body, target = [title, number], rng.randint(300, 800)
            while sum(map(len, body)) < target:
                body.append(rng.choice(SENTENCES))
                if rng.random() < 0.05:
                    body.append("对违反本办法的，处二千元罚款。")
            name = f"{i:06d}.txt"
            (folder / name).write_text("\n".join(body), encoding="utf-8")
            status = rng.choice(["有效", "有效", "有效", "已废止", "失效"])
            out.writerow([name, title, number, issuer, f"{year}-{rng.randint(1, 12):02d}-15",
                          f"某规〔{year}〕{i + 1}号", status])
    return sheet


def _time(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 3),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3)}


def measure_queries(archive: Archive) -> dict:
    """Median/p95 of the archive's search and of the bare FTS5 query, per query and per class."""
    conn = archive.conn
    results: dict = {}
    for kind, queries in QUERIES.items():
        ours_all, bare_all, rows = [], [], []
        for q in queries:
            expression = match_expression(q)
            bare = lambda: conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ?"  # noqa: E731
                                        " ORDER BY rank LIMIT 10", (expression,)).fetchall()
            ours = lambda: archive.search(q, limit=10)  # noqa: E731
            bare(), ours()  # warm the page cache
            b, o = _time(bare, RUNS), _time(ours, RUNS)
            count = conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                                 (expression,)).fetchone()[0]
            ours_all += o
            bare_all += b
            rows.append({"query": q, "matches": count, "search": _summary(o), "bare": _summary(b),
                         "ratio_median": round(statistics.median(o) / max(statistics.median(b), 1e-6), 2)})
        results[kind] = {"queries": rows, "search": _summary(ours_all), "bare": _summary(bare_all),
                         "ratio_median": round(statistics.median(ours_all) / statistics.median(bare_all), 2)}
    return results


def main(argv: list[str] | None = None) -> dict:
    """Build (or reuse) a generated archive, then print and return the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="5,000 documents")
    parser.add_argument("--workdir", default=None, help="where to put the documents and the archive")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    count = 5_000 if args.quick else args.docs
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_archive_"))
    db = work / f"archive_{count}.db"
    figures: dict = {"docs": count, "sqlite_file": str(db)}
    if not db.exists():
        t0 = time.perf_counter()
        sheet = generate(work / f"docs_{count}", count)
        figures["generate_s"] = round(time.perf_counter() - t0, 1)
        chars = sum(os.path.getsize(p) for p in (work / f"docs_{count}").iterdir()) // 3
        with Archive.create(db, Settings(office="基准测试", code="某"), user="bench") as archive:
            t0 = time.perf_counter()
            archive.import_collection(str(sheet), str(work / f"docs_{count}"))
            elapsed = time.perf_counter() - t0
            t1 = time.perf_counter()
            archive.optimize()
            figures.update(import_s=round(elapsed, 1), import_docs_per_s=round(count / elapsed),
                           import_chars_per_s=round(chars / elapsed), optimize_s=round(time.perf_counter() - t1, 1))
    figures["file_mb"] = round(db.stat().st_size / 1e6, 1)
    with Archive.open(db, user="bench") as archive:
        conn = archive.conn
        figures["index_mb"] = round(conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'").fetchone()[0] / 1e6, 1)
        figures["queries"] = measure_queries(archive)
    _print(figures)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return figures


def _print(f: dict) -> None:
    print(f"archive bench: {f['docs']:,} documents, file {f['file_mb']} MB (search index {f['index_mb']} MB)")
    if "import_s" in f:
        print(f"  import: {f['import_s']} s = {f['import_docs_per_s']:,} docs/s ({f['import_chars_per_s']:,} chars/s);"
              f" optimize {f['optimize_s']} s")
    for kind, r in f["queries"].items():
        print(f"  {kind}: search median {r['search']['median_ms']} ms, p95 {r['search']['p95_ms']} ms;"
              f" bare FTS5 median {r['bare']['median_ms']} ms, p95 {r['bare']['p95_ms']} ms;"
              f" ratio {r['ratio_median']}x (target ≤ 3x)")
        for q in r["queries"]:
            print(f"    {q['query']}: {q['matches']:,} matches, search {q['search']['median_ms']} ms /"
                  f" bare {q['bare']['median_ms']} ms = {q['ratio_median']}x")


if __name__ == "__main__":
    main()
