"""`make serve`: a demo archive seeded from corpus/ through the Archive API, with one account
per role, then the workspace. Run as ``python -m reviewer.web.demo [--db demo.db] [--port 8000]``.

The archive is created only when the file does not exist yet; an existing one is served as is.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reviewer.archive import Archive
from reviewer.archive.accounts import ROLE_ADMIN, ROLE_FILER, ROLE_HEAD, ROLE_REVIEWER
from reviewer.archive.records import FilingMeta, Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# (login name, role, unit); every demo account has the password DEMO_PASSWORD.
DEMO_ACCOUNTS = (
    ("管理员", ROLE_ADMIN, None),
    ("审查员", ROLE_REVIEWER, "某市司法局"),
    ("负责人", ROLE_HEAD, "某市司法局"),
    ("市场局", ROLE_FILER, "某市市场监督管理局"),
)
DEMO_PASSWORD = "demo-password"


def seed(db_path: str) -> int:
    """Create the demo archive; return the number of documents filed."""
    with Archive.create(db_path, Settings(office="某市司法局", code="某", require_signoff=True), user="演示数据") as archive:
        for name, role, unit in DEMO_ACCOUNTS:
            archive.accounts.add(name, role, DEMO_PASSWORD, unit)
        filed = 0
        for path in sorted(CORPUS.glob("示例_*.docx")):
            archive.submit(str(path), FilingMeta())
            filed += 1
    return filed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="以 corpus/ 的示例建立演示档案库并启动网页工作台")
    parser.add_argument("--db", default="demo.db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        filed = seed(args.db)
        print(f"已建立演示档案库 {args.db}：报备 {filed} 件示例文件；账号（密码均为 {DEMO_PASSWORD}）："
              + "、".join(f"{n}（{r}）" for n, r, _ in DEMO_ACCOUNTS), flush=True)
    from reviewer.web.server import run

    run(args.db, args.host, args.port)


if __name__ == "__main__":
    main()
