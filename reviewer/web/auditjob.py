"""A cleanup audit started from the browser runs in a child process owned by the server.

The child (``python -m reviewer.web.auditjob``) calls ``Audits.run`` exactly as `reviewer audit
run` does, so the library's guarantees hold: results are written in short batches and a run that
stops for any reason is resumed by the next start. The server never waits for it; pages read
the progress from the archive (results written so far against the run's total).

* One audit at a time per archive: the child holds an exclusive lock on ``<archive>.audit-lock``
  while it runs; the server asks the same lock whether a run is going on, so a run started by a
  previous server process is seen as running as long as it is.
* The child does not outlive the server: it watches its parent and, when the parent is gone,
  interrupts itself (SIGINT, as Ctrl-C: the pending batch is kept), so the run is left resumable.
* Stopping the server stops the child the same way (``AuditJobs.stop``, at exit).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from reviewer.audit.lock import BUSY_MESSAGE, lock_path, locked, take

BUSY_EXIT = 3
INTERRUPTED_EXIT = 130  # as Ctrl-C: what was computed is kept, the run resumes


@dataclass(frozen=True)
class JobState:
    """What the server knows about its last child: running, and the message of a failed one."""

    running: bool
    error: str | None = None


class AuditJobs:
    """The server's audit child process (at most one), kept in ``app.extensions``."""

    def __init__(self, db_path: str, folder: str):
        self.db_path = db_path
        self.folder = folder  # where the child's messages are kept
        self._proc: subprocess.Popen | None = None
        self._reported: subprocess.Popen | None = None
        self._lock = threading.Lock()
        atexit.register(self.stop)

    def _errors_file(self) -> str:
        return os.path.join(self.folder, "audit-job.err")

    def start(self, user: str, settings: dict, workers: int, restart: bool) -> bool:
        """Start the child unless a run is going on; False when one is."""
        with self._lock:
            if (self._proc is not None and self._proc.poll() is None) or locked(self.db_path):
                return False
            args = [sys.executable, "-m", "reviewer.web.auditjob", self.db_path, user, json.dumps(settings),
                    str(workers), *(["--restart"] if restart else [])]
            with open(self._errors_file(), "wb") as errors:
                self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                              stderr=errors, start_new_session=True)
            return True

    def state(self) -> JobState:
        with self._lock:
            proc = self._proc
        if (proc is not None and proc.poll() is None) or locked(self.db_path):
            return JobState(True)
        if proc is not None and proc.returncode not in (0, None):
            if proc.returncode != INTERRUPTED_EXIT:
                self._report(proc)
            return JobState(False, self._last_message() or f"审计进程异常退出（退出码 {proc.returncode}）")
        return JobState(False)

    def _report(self, proc: subprocess.Popen) -> None:
        """Put what a failed child wrote (a traceback, if a bug) into the server's log, once."""
        if self._reported is proc:
            return
        self._reported = proc
        try:
            with open(self._errors_file(), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            text = ""
        logging.getLogger("reviewer.web").error("清理审计进程退出（退出码 %s）：%s", proc.returncode, text.strip())

    def wait_started(self, timeout: float = 10.0) -> None:
        """Until the child holds the lock or has ended (so the next page shows it running)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                proc = self._proc
            if proc is None or proc.poll() is not None or locked(self.db_path):
                return
            time.sleep(0.02)

    def _last_message(self) -> str | None:
        try:
            with open(self._errors_file(), encoding="utf-8", errors="replace") as fh:
                lines = [line.strip() for line in fh if line.strip()]
        except OSError:
            return None
        return lines[-1][:500] if lines else None

    def stop(self, timeout: float = 30.0) -> None:
        """Interrupt the child as Ctrl-C would (what it computed is kept) and wait for it."""
        with self._lock:
            proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the child and its workers only
            proc.wait()


# -- the child ---------------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    """Interrupt this process (as Ctrl-C) once the server that started it is gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGINT)


def main(argv: list[str]) -> int:
    from reviewer.archive import Archive
    from reviewer.audit.api import Audits
    from reviewer.audit.records import AuditSettings
    from reviewer.errors import ReviewerError

    db_path, user, settings_json, workers = argv[:4]
    restart = "--restart" in argv[4:]
    fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
    if not take(fd):
        os.close(fd)
        print(BUSY_MESSAGE, file=sys.stderr)
        return BUSY_EXIT
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        with Archive.open(db_path, user=user) as archive:
            Audits(archive).run(AuditSettings.from_dict(json.loads(settings_json)), int(workers), restart=restart)
    except ReviewerError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("审计已中断，可在网页上继续", file=sys.stderr)
        return INTERRUPTED_EXIT
    except Exception:  # a bug: the details for the administrator, one Chinese line for the page
        import traceback

        traceback.print_exc()
        print("审计进程出错，已完成的部分已保存；请联系管理员查看服务器日志后再继续", file=sys.stderr)
        return 1
    finally:
        os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
