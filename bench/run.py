"""`make bench`: every benchmark, each in its own process so start-up costs do not mix.

Sizes can be lowered for a quick look: BENCH_ARCHIVE_DOCS (default 100000), BENCH_AUDIT_DOCS
(default 10000), BENCH_RUNS (default 7), BENCH_HOSTILE_LIMIT (seconds per hostile case, default 60),
BENCH_LOAD_SECONDS (the web load test, default 60).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _benches() -> list[list[str]]:
    runs = os.environ.get("BENCH_RUNS", "7")
    plan = [["bench_check.py", "--runs", runs],
            ["bench_archive.py", "--docs", os.environ.get("BENCH_ARCHIVE_DOCS", "100000")],
            # best of 3: this VM is noisy (±20 %), and one slow run says more about it than about us
            ["bench_audit.py", "--docs", os.environ.get("BENCH_AUDIT_DOCS", "10000"), "--runs", "3"],
            # a long line and a run of numerals: linear time or 超时 after the limit (issue 14)
            ["bench_hostile.py", "--limit", os.environ.get("BENCH_HOSTILE_LIMIT", "60")],
            # the review screen's version comparison, everyday edits to a whole rewrite
            ["bench_version_diff.py", "--runs", "3"],
            # 8 clients filing and registering over HTTP for the 60 s (issue 11)
            ["bench_web_load.py", "--seconds", os.environ.get("BENCH_LOAD_SECONDS", "60")],
            # the office's figures, the expiry list and run, the workbook (issue 12)
            ["bench_dashboard.py", "--filings", os.environ.get("BENCH_DASHBOARD_FILINGS", "20000")],
            # /public/search over HTTP, 20 concurrent clients (issue 12); the archive is kept between runs
            ["bench_public.py", "--docs", os.environ.get("BENCH_ARCHIVE_DOCS", "100000"), "--clients", "20"],
            # p50/p95 of the review queue and one review screen over HTTP (target p95 < 300 ms)
            ["bench_web.py", "--docs", os.environ.get("BENCH_WEB_DOCS", "100000")]]
    return [p for p in plan if (HERE / p[0]).exists()]


def main() -> int:
    failed = 0
    for script, *args in _benches():
        print(f"\n######## {script} {' '.join(args)}", flush=True)
        proc = subprocess.run([sys.executable, str(HERE / script), *args])
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
