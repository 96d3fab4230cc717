"""Opening the archive file: pragmas, explicit write transactions, the acting user and the clock.

Every write runs inside ``BEGIN IMMEDIATE`` on a connection with ``isolation_level=None``: the
write lock is taken before the first read, so a number read as MAX(seq) cannot be taken by
another process before we insert it (perf-baseline §3c: Python's default transaction handling
produced 13–28 duplicates per 4,000 numbers; ``BEGIN IMMEDIATE`` produced none).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reviewer.clock import now, today  # noqa: F401  (re-exported: archive modules stamp records with them)
from reviewer.errors import ArchiveError

DEFAULT_DB = "reviewer.db"
ENV_DB = "REVIEWER_DB"
# Long enough for several staff registering at once; a write transaction here lasts milliseconds.
BUSY_TIMEOUT_MS = 30_000


def default_path() -> str:
    """The archive path: $REVIEWER_DB when set, else ./reviewer.db."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def current_user() -> str:
    """The login name, used in the change log when no --user is given."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (containers): still record something truthful
        return f"uid{os.getuid()}"


def read_only(path: str | os.PathLike) -> bool:
    """True when this process cannot write the file, or its folder where SQLite must create -wal/-shm."""
    if not os.access(path, os.W_OK):
        return True
    folder = Path(path).resolve().parent
    if os.access(folder, os.W_OK):
        return False
    sidecars = [Path(f"{os.fspath(path)}{s}") for s in ("-wal", "-shm")]
    return not all(p.exists() and os.access(p, os.W_OK) for p in sidecars)


def _open_read_only(path: str | os.PathLike) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when SQLite cannot create the WAL index beside it."""
    base = Path(path).resolve().as_uri()
    error: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(base + query, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:  # no -shm and no right to create it
            conn.close()
            error = exc
    assert error is not None
    raise error


def _refusal(path: str | os.PathLike, exc: sqlite3.Error) -> ArchiveError:
    """The one-line reason a file cannot be opened as an archive, told apart by SQLite's code."""
    from reviewer.archive.dberrors import DAMAGED, advice, kind

    if kind(exc) == DAMAGED:
        return ArchiveError(f"{path}: 不是可用的档案库文件（{exc}）；如果它原本是档案库，说明文件已损坏，"
                            "请先运行 reviewer archive integrity 确认，再用 reviewer archive backup 产生的备份恢复")
    return ArchiveError(f"{path}: 无法打开档案库：{advice(exc)}")


def connect(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection with WAL, a busy timeout, foreign keys and no implicit transactions.

    A file this process may not write is opened read-only: listing and searching work, and a
    write says the archive is read-only instead of failing at open as if it were damaged.
    """
    try:
        if Path(path).exists() and read_only(path):
            conn = _open_read_only(path)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return conn
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against application crashes in WAL mode and ~10x faster than FULL
        # (perf-baseline §3c); a power cut may lose the last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        raise _refusal(path, exc) from None
    return conn


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def probe(path: str | os.PathLike) -> tuple[int, int]:
    """(schema version, number of tables) of an existing file, read-only, changing nothing.

    Used before opening for real, so that a file that is not one of ours (another program's
    SQLite database, an empty file) is refused instead of being converted.
    """
    try:
        conn = _open_read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refusal(path, exc) from None
    return version, tables


def require_file(path: str | os.PathLike) -> None:
    """Refuse to create an archive implicitly: only `init` creates one."""
    if not Path(path).exists():
        raise ArchiveError(f"{path}: 档案库不存在，请先运行 reviewer archive init，或用 --db 指定已有的档案库")
