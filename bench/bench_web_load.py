"""The web load test for the issue's full duration: 8 clients filing and registering over HTTP.

Runs tests/test_web_load.py (a real server on a real SQLite file) with REVIEWER_LOAD_SECONDS set,
default 60 s, and prints its figures: filings per minute, responses by kind with median and p95.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    env = {**os.environ, "REVIEWER_LOAD_SECONDS": f"{args.seconds:g}"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                           "tests/test_web_load.py"], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
