"""Public search benchmark: /public/search over HTTP at 100,000 documents with 20 concurrent clients.

Run: ``python bench/bench_public.py --docs 100000 --clients 20`` (``--quick`` = 5,000 documents).
The archive is the one bench_archive.py builds (same generator, reused from ``--workdir``). The
server is `reviewer serve`'s own (waitress, 4 threads) in a separate process; each client sends
its share of a fixed mix of queries (2- and 4-character words, an issuer, part of a number, and
filtered searches) one after another and times every request from send to last byte.

The same queries are then run as bare FTS5 queries on the same file, with the same number of
concurrent clients (one connection each): ranked (``ORDER BY rank LIMIT 20``, the baseline
bench_archive.py uses) and unranked (``ORDER BY rowid DESC LIMIT 20``). The public page's p50
and p95 are printed as ratios to both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_archive import generate  # noqa: E402
from reviewer.archive import Archive, Settings  # noqa: E402
from reviewer.archive.textindex import match_expression  # noqa: E402

TARGET_P95_MS = 200.0
# (query, filters): what citizens type, with and without the page's filters.
MIX: list[tuple[str, dict[str, str]]] = [
    ("罚款", {}), ("审计", {}), ("治政", {}), ("供热", {}), ("核电", {}),
    ("依法行政", {}), ("政务公开", {}), ("权责清单", {}), ("持证上岗", {}), ("核电项目", {}),
    ("龙凤区", {}), ("某规〔2020〕", {}), ("罚款", {"status": "有效"}), ("办法", {"year": "2019"}),
    ("政务公开", {"issuer": "龙凤区审计局"}), ("供热", {"kind": "通知", "status": "已废止"}),
]


def build(work: Path, count: int) -> Path:
    """The generated archive of ``count`` documents in ``work`` (made once, as bench_archive.py does)."""
    db = work / f"archive_{count}.db"
    if not db.exists():
        sheet = generate(work / f"docs_{count}", count)
        with Archive.create(db, Settings(office="基准测试", code="某"), user="bench") as archive:
            archive.import_collection(str(sheet), str(work / f"docs_{count}"))
            archive.optimize()
    with Archive.open(db, user="bench"):  # brings an older file up to the current schema
        pass
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Opening a kept 100,000-document archive right after the web load test can take more than the
# 30 s this once allowed; a server that exits instead says why.
START_WAIT = 120.0


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    code = f"from reviewer.web.server import run; run({str(db)!r}, '127.0.0.1', {port})"
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=log,
                            cwd=str(Path(__file__).resolve().parent.parent))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited ({proc.returncode}): {log.read().decode(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(base + "/public/public.css", timeout=5).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server did not start within {START_WAIT:.0f} s")


def _url(base: str, query: str, filters: dict[str, str]) -> str:
    return base + "/public/search?" + urllib.parse.urlencode({"q": query, **filters})


def _concurrently(clients: int, per_client: int, one) -> tuple[list[float], float]:
    """Run ``one(i)`` ``per_client`` times in each of ``clients`` threads; latencies (ms) and wall time (s)."""
    samples: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(n: int) -> None:
        order = list(range(per_client))
        random.Random(n).shuffle(order)
        mine = []
        start.wait()
        for i in order:
            t0 = time.perf_counter()
            one(n, i)
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, time.perf_counter() - t0


def _summary(samples: list[float], wall: float) -> dict:
    ordered = sorted(samples)
    return {"requests": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            "max_ms": round(ordered[-1], 1), "per_s": round(len(ordered) / wall, 1)}


def measure_http(base: str, clients: int, rounds: int) -> dict:
    for query, filters in MIX:  # warm the page cache and the filter choices
        urllib.request.urlopen(_url(base, query, filters), timeout=60).read()

    def one(_n: int, i: int) -> None:
        query, filters = MIX[i % len(MIX)]
        with urllib.request.urlopen(_url(base, query, filters), timeout=60) as resp:
            body = resp.read()
            assert resp.status == 200 and b"ol class=\"results\"" in body

    return {"single": _summary(*_concurrently(1, rounds * len(MIX), one)),
            "concurrent": _summary(*_concurrently(clients, rounds * len(MIX), one))}


def measure_bare(db: Path, clients: int, rounds: int, order: str) -> dict:
    connections = [sqlite3.connect(db, check_same_thread=False) for _ in range(clients)]
    expressions = [match_expression(query) for query, _ in MIX]
    sql = f"SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY {order} LIMIT 20"

    def one(n: int, i: int) -> None:
        connections[n].execute(sql, (expressions[i % len(MIX)],)).fetchall()

    try:
        for e in expressions:
            connections[0].execute(sql, (e,)).fetchall()
        return {"single": _summary(*_concurrently(1, rounds * len(MIX), one)),
                "concurrent": _summary(*_concurrently(clients, rounds * len(MIX), one))}
    finally:
        for c in connections:
            c.close()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="5,000 documents")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="times each client sends the whole mix")
    parser.add_argument("--workdir", default=None, help="where the generated archive is (re)used"
                        " (default: $BENCH_WORKDIR or reviewer-bench-public in the temporary folder)")
    parser.add_argument("--json", dest="json_out", default=None)
    args = parser.parse_args(argv)
    count = 5_000 if args.quick else args.docs
    # kept between runs: generating and importing 100,000 documents takes minutes
    work = Path(args.workdir or os.environ.get("BENCH_WORKDIR") or Path(tempfile.gettempdir()) / "reviewer-bench-public")
    work.mkdir(parents=True, exist_ok=True)
    db = build(work, count)
    proc, base = start_server(db)
    try:
        figures = {"docs": count, "clients": args.clients, "queries": len(MIX),
                   "public": measure_http(base, args.clients, args.rounds),
                   "load_average": round(os.getloadavg()[0], 1)}
    finally:
        proc.terminate()
        proc.wait(10)
    figures["bare_ranked"] = measure_bare(db, args.clients, args.rounds, "rank")
    figures["bare_unranked"] = measure_bare(db, args.clients, args.rounds, "rowid DESC")
    _print(figures)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return figures


def _print(f: dict) -> None:
    print(f"public search bench: {f['docs']:,} documents, {f['queries']} queries in the mix, "
          f"/public/search over HTTP (waitress, one process, 4 threads); load average {f['load_average']} on {os.cpu_count()} cores")
    for mode, label in (("single", "1 client"), ("concurrent", f"{f['clients']} concurrent clients")):
        ours = f["public"][mode]
        print(f"  {label}: p50 {ours['p50_ms']} ms, p95 {ours['p95_ms']} ms, max {ours['max_ms']} ms,"
              f" {ours['per_s']} requests/s ({ours['requests']} requests)")
        for key, name in (("bare_ranked", "bare FTS5 ORDER BY rank"), ("bare_unranked", "bare FTS5 ORDER BY rowid")):
            bare = f[key][mode]
            print(f"    {name}: p50 {bare['p50_ms']} ms, p95 {bare['p95_ms']} ms → ratio p50"
                  f" {ours['p50_ms'] / max(bare['p50_ms'], 0.05):.1f}x, p95 {ours['p95_ms'] / max(bare['p95_ms'], 0.05):.1f}x")
    p95 = f["public"]["concurrent"]["p95_ms"]
    print(f"  target: p95 under {TARGET_P95_MS:g} ms with {f['clients']} clients: "
          f"{'met' if p95 < TARGET_P95_MS else 'NOT met'} ({p95} ms)")


if __name__ == "__main__":
    main()
