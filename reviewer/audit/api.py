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
