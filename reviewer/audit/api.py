"""`Audits`: the library API over an archive's cleanup audits (`reviewer audit …`).

The CLI parses arguments, calls one method and prints; a web handler would call the same.

Example::

    with Archive.open("reviewer.db") as archive:
        summary = Audits(archive).run(AuditSettings(review={"max_validity_years": 3}), workers=2)
"""

from __future__ import annotations

import os
from collections.abc import Callable

from reviewer.archive import Archive, Settings
from reviewer.audit.records import AuditSettings
from reviewer.audit.runner import RunSummary
from reviewer.errors import ArchiveError

# The numbering code of an archive made for a folder audit (no registration numbers are given).
FOLDER_CODE = "清"


def open_for_folder(db_path: str, folder: str, user: str | None = None) -> tuple[Archive, dict]:
    """The working archive of a folder audit, created when missing, with the folder loaded (resumably)."""
    from reviewer.audit.folder import load_folder

    if os.path.exists(db_path):
        archive = Archive.open(db_path, user=user)
    else:
        office = os.path.basename(os.path.abspath(folder))
        archive = Archive.create(db_path, Settings(office=office, code=FOLDER_CODE), user=user)
    try:
        loaded = load_folder(archive.conn, folder, archive.user)
    except BaseException:
        archive.close()
        raise
    return archive, loaded


class Audits:
    """The cleanup audits of one open archive."""

    def __init__(self, archive: Archive):
        self.archive = archive

    def run(self, settings: AuditSettings | None = None, workers: int = 1,
            progress: Callable[[int, int], None] | None = None, restart: bool = False,
            folder: str | None = None) -> RunSummary:
        """Audit every in-force document (resuming an interrupted run); ``folder`` names the scope."""
        from reviewer.audit.runner import run

        scope = {"kind": "folder", "folder": os.path.abspath(folder)} if folder else None
        return run(self.archive, settings, workers, progress, restart, scope)

    def export(self, path: str, run_id: int | None = None, force: bool = False) -> dict:
        """Write the results workbook of a run (default: the last finished one); an existing file only with ``force``."""
        from reviewer.audit.workbook import export

        return export(self.archive.conn, path, run_id, force)

    def apply(self, path: str, lists_dir: str | None = None, force: bool = False) -> dict:
        """Apply the decisions of a filled-in workbook, all or none, and write the published lists."""
        from reviewer.audit.decisions import apply

        return apply(self.archive.conn, path, self.archive.user, lists_dir, force)

    def listing(self) -> list[dict]:
        """Every run, oldest first."""
        from reviewer.audit.runs import listing

        return listing(self.archive.conn)

    def result(self, document_id: int, run_id: int | None = None) -> tuple[int, dict]:
        """(run id, one document's result with its reasons) in a run (default: the last finished one)."""
        from reviewer.audit import runs

        run = runs.get(self.archive.conn, run_id)
        item = next((r for r in runs.results(self.archive.conn, run["id"]) if r["document_id"] == document_id), None)
        if item is None:
            raise ArchiveError(f"第 {run['id']} 次审计中没有第 {document_id} 号文件")
        return run["id"], item

    # -- deciding in the browser (reviewer/audit/verdicts.py) -------------------------------------
    def run_record(self, run_id: int) -> dict:
        """One run with its settings, scope and how many results it holds."""
        from reviewer.audit import runs

        item = next((r for r in runs.listing(self.archive.conn) if r["id"] == run_id), None)
        if item is None:
            runs.get(self.archive.conn, run_id)  # the Chinese "no such run" message
        assert item is not None
        return item

    def progress(self) -> dict | None:
        """The unfinished run, if any: {id, done, total, started_at, started_by}."""
        from reviewer.audit import runs

        row = runs.unfinished(self.archive.conn)
        if row is None:
            return None
        done = self.archive.conn.execute("SELECT count(*) FROM audit_results WHERE run_id = ?",
                                         (row["id"],)).fetchone()[0]
        return {"id": row["id"], "done": done, "total": row["total"], "started_at": row["started_at"],
                "started_by": row["started_by"]}

    def proposals(self, run_id: int, outcome: str | None = None, state: str | None = None, offset: int = 0,
                  limit: int = 50):
        """One page of a run's proposals with their reasons, the laws involved and the decisions."""
        from reviewer.audit import verdicts

        return verdicts.page(self.archive.conn, run_id, outcome, state, offset, limit)

    def verdict_counts(self, run_id: int) -> dict:
        from reviewer.audit import verdicts

        return verdicts.counts(self.archive.conn, run_id)

    def decide(self, run_id: int, document_id: int, decision: str, note: str | None = None) -> dict:
        """A reviewer's decision on one proposal (another outcome than proposed needs a note)."""
        from reviewer.audit import verdicts

        return verdicts.decide(self.archive.conn, run_id, document_id, decision, note, self.archive.user)

    def accept_all(self, run_id: int, outcome: str) -> int:
        """Accept every undecided proposal of one outcome."""
        from reviewer.audit import verdicts

        return verdicts.accept_all(self.archive.conn, run_id, outcome, self.archive.user)

    def apply_decided(self, run_id: int) -> dict:
        """Apply the decided proposals of a run (statuses changed through the status history, logged)."""
        from reviewer.audit import verdicts

        return verdicts.apply(self.archive.conn, run_id, self.archive.user)

    def publish_lists(self, run_id: int, folder: str) -> dict[str, str]:
        """Write the 现行有效目录 and the 废止和失效目录 of a run into ``folder``."""
        from reviewer.audit import runs
        from reviewer.audit.decisions import publish_lists

        runs.get(self.archive.conn, run_id)
        return publish_lists(self.archive.conn, run_id, folder)
