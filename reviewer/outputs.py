"""Checks before writing an output file: never over the archive or an input, never into nowhere.

Every command that writes a file the user names (-o, export, backup, the published lists) asks
here first, so a slip of the keyboard such as `archive export reviewer.db` cannot destroy data.
Writers then go through ``atomic_output``: the file is written under a temporary name in the same
folder and renamed over the target only when complete, so a failed write never leaves a truncated
file, and a hard link to the target (perhaps an input) keeps its old content.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from reviewer.errors import UsageError

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _has_sqlite_magic(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _is_sqlite_sidecar(out: Path) -> bool:
    """``x.db-wal`` and its kin beside an SQLite file: SQLite would read them as part of ``x.db``."""
    for suffix in ("-wal", "-shm", "-journal"):
        if out.name.endswith(suffix) and _has_sqlite_magic(out.with_name(out.name[: -len(suffix)])):
            return True
    return False


def check_output_path(path: str | os.PathLike, protected: Iterable[str | os.PathLike] = ()) -> Path:
    """Return ``path`` if a file may be written there; raise a UsageError saying why not."""
    out = Path(path)
    for keep in protected:
        keep = Path(keep)
        for guarded in (keep, Path(f"{keep}-wal"), Path(f"{keep}-shm"), Path(f"{keep}-journal")):
            if _same(out, guarded):
                raise UsageError(f"{out}: 这是正在使用的档案库或输入文件，不能作为输出文件，请换一个文件名")
    if _is_sqlite_sidecar(out):
        raise UsageError(f"{out}: 这是档案库的日志文件（-wal/-shm/-journal），写入会损坏档案库，请换一个文件名")
    if out.is_dir():
        raise UsageError(f"{out}: 是一个目录，请指定输出文件名")
    if out.is_file():
        try:
            with open(out, "rb") as fh:
                if fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
                    raise UsageError(f"{out}: 已存在且是一个数据库文件，不会覆盖它，请换一个文件名")
        except OSError:
            pass
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{out}: 目录 {parent} 不存在，请先创建或换一个位置")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"{out}: 没有写入权限，请换一个位置")
    return out


def refuse_existing(path: str | os.PathLike, force: bool) -> None:
    """No command replaces a file the user already has without ``--force`` (a commented copy
    someone is reading, a workbook staff are filling in)."""
    from reviewer.errors import UsageError

    target = Path(path)
    if not force and target.is_file():
        raise UsageError(f"{os.fspath(path)}: 文件已存在；如要覆盖请加 --force，或换一个文件名")


def _new_file_mode(existing: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        return existing.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, protected: Iterable[str | os.PathLike] = ()) -> Iterator[str]:
    """Check ``path`` (see check_output_path), yield a temporary path beside it, rename on success.

    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    import tempfile

    out = check_output_path(path, protected)
    if out.exists() and not out.is_file():
        # A device or a pipe (-o /dev/stdout): nothing to replace, write straight to it.
        yield str(out)
        return
    parent = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name[:60]}.", suffix=f".tmp{out.suffix}", dir=parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _new_file_mode(out))
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
