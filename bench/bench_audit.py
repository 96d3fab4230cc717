"""Audit benchmark: `reviewer audit run` over N generated documents with 1 and with 2 processes.

Run: ``python bench/bench_audit.py --docs 10000``. Generates short documents citing a handful of
laws (some repealed, some amended after the documents), imports them through the archive's API
(``Archive.import_collection``, which also fills the citation index), records a law change, then
times a full audit (today's rules re-run, law checks, validity, same-issuer pairs) in a fresh
process per setting and prints documents/s, the 2-vs-1 ratio (target ≥ 1.7x) and peak memory
(``ru_maxrss`` of the auditing process and of its worker processes).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reviewer.archive import Archive, Settings  # noqa: E402

# The same invented issuers and topics as the archive benchmark.
from bench_archive import AGENCIES, KINDS, PLACES, TOPICS  # noqa: E402

CITES = ["《中华人民共和国行政处罚法》第十六条", "《中华人民共和国行政许可法》第十二条", "《公司登记管理条例》第三条",
         "《中华人民共和国价格法》第十条", "《中华人民共和国行政强制法》第十条", "《优化营商环境条例》第六十四条"]
SENTENCES = [
    "各单位要坚持依法行政，严格执行法律法规规定的权限和程序。", "执法人员持证上岗，亮证执法。",
    "有关部门应当加强监督检查，及时公开检查结果。", "不得收取任何费用，不得指定服务机构。",
    "建立健全投诉举报制度，畅通群众监督渠道。", "推进政务服务事项网上办理，减少证明材料。",
    "重大行政决策应当经过公众参与、专家论证、风险评估、合法性审查和集体讨论决定。",
]


def generate(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` short documents (300–700 chars, 1–3 law citations) and their metadata sheet."""
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
            number = f"{issuer[:2]}政发〔{year}〕{i + 1}号"
            body = [title, number]
            for n, cite in enumerate(rng.sample(CITES, rng.randint(1, 3)), start=1):
                body.append(f"{'一二三'[n - 1]}、依照{cite}的规定执行。")
            target = rng.randint(300, 700)
            while sum(map(len, body)) < target:
                body.append(rng.choice(SENTENCES))
                if rng.random() < 0.03:
                    body.append("对违反本办法的，处二千元罚款。")
            body.append(f"本办法自{year}年{rng.randint(1, 12)}月1日起施行，有效期{rng.choice('三五')}年。")
            name = f"{i:06d}.txt"
            (folder / name).write_text("\n".join(body), encoding="utf-8")
            out.writerow([name, title, number, issuer, f"{year}-{rng.randint(1, 12):02d}-15", f"某规〔{year}〕{i + 1}号",
                          "有效"])
    return sheet


def build(work: Path, count: int) -> tuple[Path, dict]:
    """The generated archive (reused when present) and the build figures."""
    db = work / f"audit_{count}.db"
    figures: dict = {}
    if db.exists():
        return db, figures
    t0 = time.perf_counter()
    sheet = generate(work / f"docs_{count}", count)
    figures["generate_s"] = round(time.perf_counter() - t0, 1)
    with Archive.create(db, Settings(office="基准测试", code="某"), user="bench") as archive:
        t0 = time.perf_counter()
        archive.import_collection(str(sheet), str(work / f"docs_{count}"))
        figures["import_s"] = round(time.perf_counter() - t0, 1)
        from reviewer.laws.changes import LawChange

        archive.laws.change(LawChange("行政强制法", "修改", "2025-01-01", reason="基准测试"))
    return db, figures


def child(db: str, workers: int) -> None:
    """Run one audit in this process and print its figures as JSON (called by ``measure``)."""
    from reviewer.audit.records import AuditSettings
    from reviewer.audit.runner import run

    with Archive.open(db, user="bench") as archive:
        t0 = time.perf_counter()
        summary = run(archive, AuditSettings(as_of="2026-11-28"), workers=workers, restart=True)
        elapsed = time.perf_counter() - t0
    print(json.dumps({
        "workers": workers, "elapsed_s": round(elapsed, 2), "docs": summary.computed,
        "docs_per_s": round(summary.computed / elapsed, 1), "outcomes": summary.outcomes,
        # Linux reports ru_maxrss in KiB; RUSAGE_CHILDREN is the largest worker.
        "peak_rss_mb_self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_workers": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }, ensure_ascii=False))


def measure(db: Path, workers: int) -> dict:
    """One audit in a fresh process, so start-up, caches and memory do not carry over."""
    out = subprocess.run([sys.executable, __file__, "--child", str(db), "--workers", str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--runs", type=int, default=1, help="audits per setting (the best is reported)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.workers)
        return {}
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_audit_"))
    db, figures = build(work, args.docs)
    figures.update(docs=args.docs, sqlite_file=str(db))
    for workers in (1, 2):
        samples = [measure(db, workers) for _ in range(args.runs)]
        figures[f"workers_{workers}"] = max(samples, key=lambda s: s["docs_per_s"])
    figures["ratio"] = round(figures["workers_2"]["docs_per_s"] / figures["workers_1"]["docs_per_s"], 2)
    _print(figures)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return figures


def _print(f: dict) -> None:
    print(f"audit bench: {f['docs']:,} documents ({f['sqlite_file']})")
    if "import_s" in f:
        print(f"  generate {f['generate_s']} s, import {f['import_s']} s")
    for w in (1, 2):
        r = f[f"workers_{w}"]
        print(f"  --workers {w}: {r['elapsed_s']} s = {r['docs_per_s']:,} docs/s; peak RSS {r['peak_rss_mb_self']} MB"
              f" (parent), {r['peak_rss_mb_workers'] or '—'} MB (largest worker); {r['outcomes']}")
    print(f"  2 processes / 1 process = {f['ratio']}x (target ≥ 1.7x)")


if __name__ == "__main__":
    main()
