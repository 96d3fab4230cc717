"""Dashboard benchmark: the office's figures, the expiry list and run, the workbook and the charts
over a generated archive of filings.

Run: ``python bench/bench_dashboard.py --filings 20000``. Rows are written straight into a fresh
archive file (filings with one version, 0–3 findings, reviews for four in five, issued lists for
half the bodies): generating them through ``Archive.submit`` would time the checker, not this.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from reviewer.archive import figures  # noqa: E402
from reviewer.report import svgchart  # noqa: E402

BODIES = [f"某市{name}" for name in ("市场监督管理局", "教育局", "财政局", "审计局", "卫生健康委员会", "住房和城乡建设局",
                                    "交通运输局", "生态环境局", "民政局", "人力资源和社会保障局", "自然资源局", "农业农村局")]
FAMILIES = ["PENALTY", "LICENSE", "FEE", "RIGHTS", "COERCION", "COMPETITION", "PROCEDURE"]
TODAY = dt.date(2026, 12, 1)


def generate(archive: Archive, count: int, seed: int = 1) -> None:
    """``count`` filings over 2022–2026 (straight SQL, one transaction)."""
    rng = random.Random(seed)
    conn = archive.conn
    stamp = "2026-12-01 09:00:00"
    conn.execute("BEGIN IMMEDIATE")
    for i in range(count):
        body = rng.choice(BODIES)
        published = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 1790))
        received = published + dt.timedelta(days=rng.randint(1, 60))
        expiry = published + dt.timedelta(days=rng.choice([730, 1095, 1825]))
        flags = [rng.random() < 0.8 for _ in range(5)]
        reviewed = rng.random() < 0.8
        decision = rng.choice(["通过"] * 6 + ["需纠正", "不予备案"]) if reviewed else "待审查"
        cur = conn.execute(
            "INSERT INTO documents(title, doc_number, issuer, level, publish_date, expiry_date, received_date,"
            " filing_status, status, has_report, has_explanation, has_legality_review, has_collective, has_basis,"
            " source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (f"{body}关于第{i}项工作的通知", f"某发〔{published.year}〕{i}号", body, "行政规范性文件",
             published.isoformat(), expiry.isoformat(), received.isoformat(), decision,
             "有效" if decision == "通过" else "未公布", *flags, "报备", stamp, stamp))
        doc = cur.lastrowid
        version = conn.execute(
            "INSERT INTO versions(document_id, version, sha256, title, text, check_status, submitted_at, submitted_by)"
            " VALUES (?,1,?,?,?,?,?,?)", (doc, f"{i:064x}", "t", "正文", "已检查", stamp, "bench")).lastrowid
        conn.execute("UPDATE documents SET current_version_id = ? WHERE id = ?", (version, doc))
        for n in range(rng.choice([0, 0, 1, 2, 3])):
            family = rng.choice(FAMILIES)
            print_ = f"{doc}-{n}"
            conn.execute("INSERT INTO findings(version_id, code, severity, fingerprint, json) VALUES (?,?,?,?,?)",
                         (version, f"{family}-001", "error", print_, json.dumps({"family": family})))
            if reviewed:
                conn.execute("INSERT INTO finding_decisions(document_id, version_id, fingerprint, decision,"
                             " decided_at, decided_by) VALUES (?,?,?,?,?,?)",
                             (doc, version, print_, rng.choice(["采纳", "驳回"]), stamp, "bench"))
        if reviewed:
            at = (received + dt.timedelta(days=rng.randint(1, 45))).isoformat() + " 10:00:00"
            conn.execute("INSERT INTO reviews(document_id, version_id, decision, reviewed_at, reviewed_by)"
                         " VALUES (?,?,?,?,?)", (doc, version, decision, at, "bench"))
        if BODIES.index(body) % 2 == 0:
            conn.execute("INSERT INTO issued_lists(issuer, doc_number, title, publish_date, list_file, loaded_at)"
                         " VALUES (?,?,?,?,?,?)", (body, f"某发〔{published.year}〕{i}号", "t", published.isoformat(),
                                                   "bench.csv", stamp))
    conn.execute("COMMIT")


def _ms(fn, runs: int = 5) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--filings", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        with Archive.create(db, Settings(office="某市司法局", code="某"), user="bench") as archive:
            t0 = time.perf_counter()
            generate(archive, args.filings)
            print(f"generated {args.filings} filings in {time.perf_counter() - t0:.1f} s")
            cases = {
                "indicators, by year, everything": lambda: archive.indicators("year"),
                "indicators, by month, one year": lambda: archive.indicators("month", "2025"),
                "indicators, by quarter, one body": lambda: archive.indicators("quarter", "2025", BODIES[0]),
                "expiring list (30 days)": lambda: archive.expiring(TODAY.isoformat()),
            }
            for name, fn in cases.items():
                ms, _ = _ms(fn)
                print(f"{name:<40} {ms:8.1f} ms (median of 5)")
            result = archive.indicators("year", "2025")
            ms, _ = _ms(lambda: [svgchart.hbars("报备率", [(g.issuer, g.filing_rate) for g in result.by_issuer()],
                                                svgchart.percent, 1.0),
                                 svgchart.columns("每月", result.months)])
            print(f"{'two SVG charts':<40} {ms:8.1f} ms")
            ms, _ = _ms(lambda: figures.write(result, os.path.join(tmp, "f.xlsx"), "某市司法局", TODAY), runs=3)
            print(f"{'workbook (.xlsx)':<40} {ms:8.1f} ms")
            t0 = time.perf_counter()
            changed = archive.expire(TODAY.isoformat(), "bench")
            first = (time.perf_counter() - t0) * 1000
            ms, again = _ms(lambda: archive.expire(TODAY.isoformat(), "bench"))
            print(f"{'expire, first run':<40} {first:8.1f} ms ({len(changed)} documents → 失效)")
            print(f"{'expire, again (nothing due)':<40} {ms:8.1f} ms ({len(again)} changed)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
