"""A real workspace for the web tests: an archive in a temporary folder with one account per
role, and the application served by a threaded werkzeug server on 127.0.0.1 at a free port."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path


from reviewer.archive import Archive
from reviewer.archive.records import Settings
from reviewer.web.app import create_app
from reviewer.web.server import in_thread

PASSWORD = "correct-horse-9"
ACCOUNTS = (
    ("管理员", "管理员", None),
    ("审查员", "审查人员", "某市司法局"),
    ("市场局", "报备单位", "某市市场监督管理局"),
)


def make_archive(folder: Path) -> str:
    db = str(folder / "web.db")
    with Archive.create(db, Settings(office="某市司法局", code="某"), user="测试") as archive:
        for name, role, unit in ACCOUNTS:
            archive.accounts.add(name, role, PASSWORD, unit)
    return db


@contextmanager
def running(db: str, **options):
    """Yield the base address of a real server over ``db``; stop it afterwards."""
    with in_thread(create_app(db, **options)) as base:
        yield base


# The 负责人 (signs off, registers, records publication, changes status: reviewer/web/documents.py).
HEAD = ("负责人", "负责人", "某市司法局")
ACCOUNTS = (*ACCOUNTS, HEAD)


def serving(app):
    """Like ``running``, for an application the test built itself (to set its config first)."""
    return in_thread(app)
