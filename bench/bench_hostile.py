"""Benchmark of hostile shapes on the check path (issue 14, item 9): does time grow linearly?

1. One line without a newline, made of our corpus sentences run together, at 1 MB and 5 MB.
2. 第 followed by 100,000 Chinese numerals, at 20,000 and 100,000 numerals.

Each case runs the library check (structure, metadata, every rule) in its own process with a time
limit, so a pattern that backtracks reports 超时 instead of hanging `make bench`. It prints seconds
per MB and the ratio of the large case to the small one per MB: about 1.0 means linear.
Run: python bench/bench_hostile.py [--limit 120]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

_SENTENCES = ("为规范农贸市场管理，维护经营秩序，制定本办法；进入市场经营的商户应缴纳管理费每年200元；"
              "对违反本办法的，由区市场监管局处500元罚款，情节严重的，没收其经营工具；")
_NUMERALS = "一二三四五六七八九十百千万"

_CHILD = """
import sys, time
from reviewer.pipeline import check_text
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
report = check_text(text)
print(time.perf_counter() - start, len(report.findings))
"""


def one_line(size: int) -> str:
    """About ``size`` bytes of UTF-8 in a single line."""
    unit = _SENTENCES
    return (unit * (size // len(unit.encode("utf-8")) + 1))[: size // 3]


def numerals(count: int) -> str:
    return "第" + (_NUMERALS * (count // len(_NUMERALS) + 1))[:count] + "条 处500元罚款。"


def timed(text: str, limit: float, workdir: Path) -> float | None:
    """Seconds the check took in a fresh process, or None when it ran past ``limit``."""
    path = workdir / "input.txt"
    path.write_text(text, encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                              timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return float(proc.stdout.split()[0])


def report(name: str, small: tuple[str, str], large: tuple[str, str], limit: float, workdir: Path) -> None:
    per_mb = []
    for label, text in (small, large):
        size = len(text.encode("utf-8")) / MB
        seconds = timed(text, limit, workdir)
        if seconds is None:
            print(f"{name} {label}: 超时（>{limit:.0f} s）")
            per_mb.append(None)
            continue
        per_mb.append(seconds / size)
        print(f"{name} {label}: {seconds:.2f} s, {seconds / size:.2f} s/MB ({size:.2f} MB)")
    if None not in per_mb:
        print(f"{name}: s/MB ratio large : small = {per_mb[1] / per_mb[0]:.2f} (1.0 = linear)")


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per case before 超时")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        report("one line", ("1 MB", one_line(1 * MB)), ("5 MB", one_line(5 * MB)), args.limit, workdir)
        report("numerals after 第", ("20,000", numerals(20_000)), ("100,000", numerals(100_000)), args.limit, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
