"""Telling the archive file's troubles apart, each with advice that fits.

"Damaged, restore from backup" is the wrong thing to tell someone whose archive is merely locked
by a colleague, opened from a read-only share, or on a full disk: restoring would throw away good
records. SQLite's result code says which it is.
"""

from __future__ import annotations

import os
import sqlite3

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_IOERR_READ = _IOERR | (1 << 8)

LOCKED, READONLY, FULL, DAMAGED, CANTOPEN, OTHER = "locked", "readonly", "full", "damaged", "cantopen", "other"


def kind(exc: sqlite3.Error) -> str:
    """Which trouble ``exc`` reports: locked, readonly, full, damaged, cantopen or other."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return LOCKED
    if primary == _READONLY or "readonly" in text or "read-only" in text:
        return READONLY
    if primary == _FULL or "disk is full" in text or "database or disk is full" in text:
        return FULL
    if primary == _IOERR and code != _IOERR_READ:
        # A write that the system refused: no space, a file-size limit (EFBIG), a failing device.
        return FULL
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text or "corrupt" in text:
        return DAMAGED
    if primary == _CANTOPEN or "unable to open" in text:
        return CANTOPEN
    return OTHER


def holders(path: str | os.PathLike, limit: int = 3) -> list[str]:
    """Other processes that have the archive (or its -wal/-shm) open, from /proc where there is one."""
    target = os.path.realpath(path)
    wanted = {target, f"{target}-wal", f"{target}-shm", f"{target}-journal"}
    found: list[str] = []
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
    except OSError:
        return found
    for pid in pids:
        try:
            links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
            if links & wanted:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    command = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
                found.append(f"进程 {pid}（{command[:60]}）")
        except OSError:  # gone meanwhile, or another user's process
            continue
        if len(found) >= limit:
            break
    return found


def advice(exc: sqlite3.Error, path: str | os.PathLike | None = None) -> str:
    """One Chinese sentence: what happened to the archive file and what to do about it.

    With the archive's ``path``, a locked archive also names the processes that hold it open.
    """
    trouble = kind(exc)
    if trouble == LOCKED:
        who = holders(path) if path else []
        named = f"；正在使用它的：{'、'.join(who)}" if who else "（可用 fuser 档案库文件 查看）"
        return ("档案库正被另一个程序写入（另一条 reviewer 命令、sqlite3 或 Datasette），等待后仍未释放；"
                f"本次操作没有执行，记录保持不变。请稍后重试，或关闭占用它的程序{named}")
    if trouble == READONLY:
        return ("档案库文件或其所在目录只读，本次修改没有执行（查看、检索不受影响）；"
                "如需修改，请让管理员开放该文件和目录的写权限（ls -l 查看）")
    if trouble == FULL:
        return ("写入档案库失败：磁盘已满、文件大小超出系统限制或存储设备写入出错（{0}）；本次修改没有执行，"
                "已有记录保持不变。请清理磁盘空间（df -h 查看）或解除文件大小限制（ulimit -f）后重试；"
                "如有疑虑可运行 reviewer archive integrity 检查").format(exc)
    if trouble == DAMAGED:
        return (f"档案库文件已损坏（{exc}）；请先运行 reviewer archive integrity 确认，"
                "再用 reviewer archive backup 产生的备份恢复")
    if trouble == CANTOPEN:
        return "无法打开档案库文件：请检查路径是否正确、所在目录是否存在且有读取权限"
    if isinstance(exc, sqlite3.IntegrityError):
        return f"档案库拒绝了这次修改，记录保持不变（{exc}）"
    return f"档案库操作失败，记录保持不变（{exc}）"
