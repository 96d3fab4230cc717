"""`reviewer audit run`: audit every in-force document, in parallel processes, resumably.

Shape of a run (lead's design):

* the parent syncs the built-in law catalogue, resolves pending citations, opens (or resumes) the
  run, lists the documents not yet in ``audit_results`` for it, groups titles by issuer, and loads
  the law catalogue and the rule set — all before forking, so workers inherit them for free;
* workers (``multiprocessing`` fork Pool, ``imap_unordered`` over document ids in chunks) each open
  their own read-only connection, gather one document's facts, run the checks and hand back
  ``(id, outcome, reasons JSON)``; they never write;
* the parent writes results in batches, one short ``BEGIN IMMEDIATE`` each, so SIGKILL leaves every
  result row complete or absent, and running again resumes the same run where it stopped.
"""

from __future__ import annotations

import multiprocessing
import signal
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reviewer.audit import runs
from reviewer.audit.pairs import TitleGroups
from reviewer.audit.records import AuditSettings
from reviewer.citations import Law
from reviewer.context import ReviewContext
from reviewer.errors import ReviewerError
from reviewer.laws import store
from reviewer.statuses import IN_FORCE
BATCH = 200  # results per write transaction: short locks, few commits
CHUNK = 25  # document ids per task sent to a worker

Progress = Callable[[int, int], None]


class AuditInterrupted(ReviewerError):
    """Ctrl-C during a run: what is written stays, the next run resumes."""

    exit_code = 130


@dataclass(frozen=True)
class RunSummary:
    """What a call to ``run`` did."""

    run_id: int
    resumed: bool
    total: int
    computed: int
    skipped: int
    outcomes: dict[str, int]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class _Context:
    """Everything a worker needs besides the database: inherited through fork, read-only."""

    db_path: str
    laws: dict[int, Law]
    titles: TitleGroups
    settings: AuditSettings
    # The review context of the recheck (None without --recheck): rules, the run's review settings
    # and the archive's law base, built once before fork; building it per document costs ~7 %.
    review: ReviewContext | None = None


def scope_ids(conn: sqlite3.Connection) -> list[int]:
    """Documents the audit covers: those in force (有效, 已修改)."""
    return [r[0] for r in conn.execute(
        f"SELECT id FROM documents WHERE status IN ({', '.join('?' * len(IN_FORCE))}) ORDER BY id", IN_FORCE)]


def _read_only(db_path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _audit_one(conn: sqlite3.Connection, ctx: _Context, doc_id: int) -> tuple[int, str, str] | None:
    from reviewer.audit import checks, subjects

    candidates = ctx.titles.candidates(doc_id, ctx.settings.duplicate_title_score)
    subject = subjects.load(conn, doc_id, candidates)
    if subject is None:
        return None
    return runs.encode(checks.audit(subject, ctx.laws, ctx.settings, ctx.review))


# Per-process worker state, set once by the Pool initializer: the only way multiprocessing hands
# a worker its context without pickling it again for every task. Never set in the parent.
_worker: tuple[sqlite3.Connection, _Context] | None = None


def _init_worker(ctx: _Context) -> None:
    global _worker
    # Ctrl-C goes to the whole process group; only the parent decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (_read_only(ctx.db_path), ctx)


def _work(doc_id: int) -> tuple[int, str, str] | None:
    assert _worker is not None
    return _audit_one(_worker[0], _worker[1], doc_id)


def _results(ctx: _Context, ids: list[int], workers: int) -> Iterator[tuple[int, str, str] | None]:
    """Audit results in completion order, from this process or a pool of ``workers``."""
    if workers <= 1 or len(ids) < 2:
        conn = _read_only(ctx.db_path)
        try:
            for doc_id in ids:
                yield _audit_one(conn, ctx, doc_id)
        finally:
            conn.close()
        return
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(ctx,))
    try:
        yield from pool.imap_unordered(_work, ids, chunksize=CHUNK)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _prepare(archive) -> None:
    """Bring the law catalogue and the citation index up to date before auditing."""
    archive.laws.refresh()


def _open_run(conn: sqlite3.Connection, settings: AuditSettings, scope: dict, total: int, user: str,
              restart: bool) -> tuple[int, AuditSettings, bool]:
    """Resume the interrupted run (with its stored settings) or start a new one."""
    import json

    pending = runs.unfinished(conn)
    if pending is not None and restart:
        runs.abandon(conn, pending["id"], user)
        pending = None
    if pending is not None:
        return pending["id"], AuditSettings.from_dict(json.loads(pending["settings"])), True
    return runs.start(conn, scope, settings, total, user), settings, False


def _preload(settings: AuditSettings, conn: sqlite3.Connection) -> ReviewContext | None:
    """Build the recheck's review context and load heavy modules once, before fork, so every
    worker shares them."""
    import rapidfuzz.fuzz  # noqa: F401
    import rapidfuzz.process  # noqa: F401

    import reviewer.audit.checks  # noqa: F401
    import reviewer.audit.subjects  # noqa: F401
    from reviewer.pipeline import check_text
    from reviewer.rules.loader import default_ruleset

    if not settings.recheck:
        return None
    review = ReviewContext.build(rules=default_ruleset().compile_all(), settings=settings.review_settings, db=conn)
    len(review.laws)  # merge the archive's laws into the catalogue now, not in every worker
    check_text("预热", ctx=review)  # builds the trigger automaton now, not in every worker
    return review


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(archive, settings: AuditSettings | None = None, workers: int = 1, progress: Progress | None = None,
        restart: bool = False, scope: dict | None = None) -> RunSummary:
    """Audit every in-force document not yet audited in the current run; see the module docstring."""
    conn, user = archive.conn, archive.user
    settings = settings or AuditSettings()
    _prepare(archive)
    ids = scope_ids(conn)
    run_id, settings, resumed = _open_run(conn, settings, scope or {"kind": "archive", "statuses": list(IN_FORCE)},
                                          len(ids), user, restart)
    done = runs.done_ids(conn, run_id)
    todo = [i for i in ids if i not in done]
    ctx = _Context(archive.path, store.laws(conn), TitleGroups.load(conn, ids), settings, _preload(settings, conn))
    finished = len(ids) - len(todo)
    computed = 0
    if progress:
        progress(finished, len(ids))
    pending: list[tuple[int, str, str]] = []
    try:
        for result in _results(ctx, todo, workers):
            if result is not None:
                pending.append(result)
            finished += 1
            if len(pending) >= BATCH:
                computed += runs.save(conn, run_id, pending)
                pending = []
            if progress:
                progress(finished, len(ids))
        computed += runs.save(conn, run_id, pending)
        pending = []
    except KeyboardInterrupt:
        # Results already computed are complete: keep them, so the next run does less.
        computed += runs.save(conn, run_id, pending) if pending else 0
        done_now = len(runs.done_ids(conn, run_id))
        raise AuditInterrupted(f"审计已中断：第 {run_id} 次审计已完成 {done_now}/{len(ids)} 份，"
                               "重新运行 reviewer audit run 即可继续") from None
    counts = runs.finish(conn, run_id, user)
    return RunSummary(run_id, resumed, len(ids), computed, len(ids) - len(todo), counts)
