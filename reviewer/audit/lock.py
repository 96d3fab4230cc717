"""One cleanup audit at a time per archive: an exclusive lock on ``<archive>.audit-lock``.

Whoever runs an audit holds it for the whole run — `reviewer audit run` and the web server's
audit child alike — and anyone may ask whether it is held. A lock on a file (not a row in the
archive) is released by the operating system when its holder dies, however it dies, so a killed
run never leaves the archive looking busy.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from reviewer.errors import ArchiveError

LOCK_SUFFIX = ".audit-lock"
BUSY_MESSAGE = "另一次清理审计正在进行，请等它完成后再开始"


def lock_path(db_path: str) -> str:
    return os.path.abspath(db_path) + LOCK_SUFFIX


def locked(db_path: str) -> bool:
    """Whether some process holds the archive's audit lock (a run is going on)."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def take(fd: int, tries: int = 50) -> bool:
    """The exclusive lock, retried briefly: a ``locked`` probe holds it shared for an instant."""
    for _ in range(tries):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.02)
    return False


@contextmanager
def exclusive(db_path: str) -> Iterator[None]:
    """Hold the audit lock for the block; refuse in Chinese when another run holds it."""
    fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not take(fd):
            raise ArchiveError(BUSY_MESSAGE)
        yield
    finally:
        os.close(fd)
