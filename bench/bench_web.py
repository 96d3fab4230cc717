"""Web bench: p50/p95 latency of the review queue and one review screen over real HTTP.

Run: ``python bench/bench_web.py --docs 100000`` (env BENCH_WEB_DOCS; ``--quick`` = 5,000 docs).

The archive is the one bench_archive.py generates (same generator, same import), reused from
``--workdir`` when it is already there, then shaped like an office's archive after some years of
filing: most documents came in through filing (通过 or 不予备案), about 1 % wait for review
(待审查, received over the last 45 days, some overdue) and 0.3 % wait for a corrected version
(需纠正); each decided one has its review on record. Turning 100,000 generated documents into
filings by submitting each through the checker would take hours, so the shaping is done in SQL
on the bench file only (and said so here); a few real filings are then submitted through
``Archive.submit`` with the shipped rules, so the review screen measured shows real findings.

The server is the real one (``create_app`` under waitress, as ``reviewer serve``
and tests/web_helpers.running run it); each page is fetched by a signed-in reviewer with urllib,
``--requests`` times after a warm-up, and reported against the 300 ms target and as a ratio to a
bare page measured in the same run (the sign-in form, which renders a template and opens the
archive but queries nothing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reviewer.archive import Archive, FilingMeta, Settings  # noqa: E402

from bench_archive import generate  # noqa: E402

TARGET_MS = 300.0
PASSWORD = "bench-password-1"
REVIEWER = "审查员"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REAL_FILINGS = ("示例_违规_通知.txt", "示例_违规_市场管理办法.txt", "示例_违规_意见.txt", "示例_合法_通知.txt")
SHARES = {"待审查": 0.01, "需纠正": 0.003, "不予备案": 0.005}  # of all documents; 通过 for the other filings
FILED = 0.8  # share of documents that came in through filing (the rest were imported)


def build(work: Path, count: int) -> Path:
    """The generated archive, imported once and reused (the same files bench_archive.py makes)."""
    db = work / f"web_{count}.db"
    if db.exists():
        return db
    sheet = generate(work / f"docs_{count}", count)
    tmp = work / f"web_{count}.db.building"
    for stale in work.glob(tmp.name + "*"):
        stale.unlink()
    t0 = time.perf_counter()
    with Archive.create(tmp, Settings(office="基准测试", code="某"), user="bench") as archive:
        archive.import_collection(str(sheet), str(work / f"docs_{count}"))
        archive.optimize()
        _shape(archive, count)
        _real_filings(archive)
        archive.accounts.add(REVIEWER, "审查人员", PASSWORD, "基准测试")
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(tmp, db)
    print(f"  built {db} in {time.perf_counter() - t0:.0f} s", flush=True)
    return db


def _shape(archive: Archive, count: int, seed: int = 2) -> None:
    """Turn the imported documents into filings at the shares above (bench file only, see the docstring)."""
    rng = random.Random(seed)
    today = dt.date.today()
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM documents ORDER BY id")]
    filed = rng.sample(ids, int(len(ids) * FILED))
    cursor = 0
    rows: list[tuple[str, str, str, int]] = []
    for stage, share in SHARES.items():
        for doc_id in filed[cursor:cursor + int(count * share)]:
            received = today - dt.timedelta(days=rng.randint(0, 45))
            updated = received + dt.timedelta(days=rng.randint(0, 20)) if stage != "待审查" else received
            rows.append((stage, received.isoformat(), min(updated, today).isoformat() + "T09:00:00", doc_id))
        cursor += int(count * share)
    for doc_id in filed[cursor:]:
        received = dt.date(rng.randint(2015, 2024), rng.randint(1, 12), 20)
        rows.append(("通过", received.isoformat(), (received + dt.timedelta(days=20)).isoformat() + "T09:00:00", doc_id))
    conn = archive.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("UPDATE documents SET source = '报备', filing_status = ?, received_date = ?, updated_at = ?"
                     " WHERE id = ?", rows)
    # Every decided filing has its review on record, as Archive.review leaves it.
    conn.execute("INSERT INTO reviews(document_id, version_id, decision, opinion, reviewed_at, reviewed_by)"
                 " SELECT id, current_version_id, filing_status, NULL, updated_at, 'bench' FROM documents"
                 " WHERE source = '报备' AND filing_status != '待审查' ORDER BY id")
    conn.execute("COMMIT")


def _real_filings(archive: Archive) -> None:
    for name in REAL_FILINGS:
        archive.submit(str(CORPUS / name), FilingMeta(issuer="某市市场监督管理局"))


class Session:
    """A signed-in browser session: cookies kept, redirects not followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, bytes]:
        with self.opener.open(self.base + path, timeout=120) as resp:
            return resp.status, resp.read()

    def login(self, name: str, password: str) -> None:
        _, body = self.get("/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()  # type: ignore[union-attr]
        data = urllib.parse.urlencode({"name": name, "password": password, "csrf_token": token}).encode()
        with self.opener.open(self.base + "/login", data=data, timeout=60) as resp:
            resp.read()


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The real application on a free port of 127.0.0.1, under waitress as `reviewer serve` runs it."""
    from reviewer.web.app import create_app
    from reviewer.web.server import in_thread

    with in_thread(create_app(str(db))) as base:
        yield base


def _measure(session: Session, path: str, requests: int, warmup: int) -> dict:
    for _ in range(warmup):
        session.get(path)
    samples, size = [], 0
    for _ in range(requests):
        t0 = time.perf_counter()
        status, body = session.get(path)
        samples.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
        size = len(body)
    ordered = sorted(samples)
    return {"path": path, "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            "max_ms": round(ordered[-1], 1), "bytes": size}


def _stages(db: Path) -> dict[str, int]:
    with Archive.open(db, user="bench") as archive:
        return dict(archive.conn.execute("SELECT filing_status, count(*) FROM documents WHERE source = '报备'"
                                         " GROUP BY filing_status").fetchall())


def _review_target(db: Path) -> int:
    """The newest real filing: a pending document with real findings."""
    with Archive.open(db, user="bench") as archive:
        return archive.conn.execute("SELECT max(d.id) FROM documents d WHERE d.source = '报备' AND"
                                    " EXISTS (SELECT 1 FROM findings f WHERE f.version_id = d.current_version_id)"
                                    ).fetchone()[0]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_WEB_DOCS", "100000")))
    parser.add_argument("--quick", action="store_true", help="5,000 documents")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--workdir", default=None, help="where to put (or find) the documents and the archive")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    count = 5_000 if args.quick else args.docs
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench_web_"))
    work.mkdir(parents=True, exist_ok=True)
    db = build(work, count)
    figures: dict = {"docs": count, "sqlite_file": str(db), "stages": _stages(db), "requests": args.requests}
    review = _review_target(db)
    with serving(db) as base:
        session = Session(base)
        session.login(REVIEWER, PASSWORD)
        pages = {"bare (/login)": "/login", "static (style.css)": "/static/style.css", "queue": "/queue",
                 "review screen": f"/filings/{review}/review"}
        figures["pages"] = {name: _measure(session, path, args.requests, args.warmup) for name, path in pages.items()}
    _print(figures)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return figures


def _print(f: dict) -> None:
    stages = "，".join(f"{k} {v:,}" for k, v in sorted(f["stages"].items()))
    print(f"web bench: {f['docs']:,} documents ({stages} filed), {f['requests']} requests per page after warm-up")
    bare = f["pages"]["bare (/login)"]
    for name, r in f["pages"].items():
        verdict = ""
        if name in ("queue", "review screen"):
            verdict = (f"; target p95 < {TARGET_MS:.0f} ms: {'met' if r['p95_ms'] < TARGET_MS else 'MISSED'};"
                       f" ratio to bare p50 {r['p50_ms'] / max(bare['p50_ms'], 1e-6):.1f}x")
        print(f"  {name:<20} {r['path']:<28} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms"
              f"  max {r['max_ms']:>7} ms  {r['bytes']:,} bytes{verdict}")


if __name__ == "__main__":
    main()
