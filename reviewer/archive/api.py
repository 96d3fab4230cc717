"""`Archive`: the library API over one archive file. The CLI is a thin layer over this class.

Example::

    with Archive.create("reviewer.db", Settings(office="某市司法局", code="某")) as archive:
        filing = archive.submit("办法.docx", FilingMeta(issuer="某市市场监管局"))
        archive.review(filing.id, "通过", "符合要求")
        number = archive.register(filing.id).data["number"]
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.archive import (
    accounts,
    backfill,
    deadlines,
    db,
    exports,
    filings,
    importer,
    indicators,
    intake,
    lawbook,
    log,
    numbering,
    public,
    publication,
    schema,
    search,
    settings as settings_store,
    suggestions,
)
from reviewer.archive.intake import Checker, check_date, recording_date
from reviewer.archive.materials import Material
from reviewer.archive.records import FilingMeta, Outcome, Settings
from reviewer.errors import ArchiveError

if TYPE_CHECKING:
    from reviewer.version_diff import VersionDiff
    from reviewer.context import ReviewContext
    from reviewer.laws.base import LawBase
    from reviewer.settings import ReviewSettings


class Archive:
    """An open archive file, acting on behalf of ``user`` (default: the login name)."""

    def __init__(self, conn: sqlite3.Connection, path: str, user: str | None = None,
                 checker: Checker | None = None, review: ReviewSettings | None = None):
        self.conn = conn
        self.path = path
        self.user = user or db.current_user()
        self.checker = checker
        # The review settings filing checks under (`archive submit --set …`); None: the defaults.
        self.review_settings = review

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, user: str | None = None,
             checker: Checker | None = None, review: ReviewSettings | None = None) -> Archive:
        """Open an existing archive, upgrading its schema if it comes from an older version."""
        path = os.fspath(path or db.default_path())
        db.require_file(path)
        version, _ = db.probe(path)
        if version == 0:
            raise ArchiveError(f"{path}: 不是 reviewer 档案库（可能是空文件或其他程序的数据库）；"
                               "新建档案库请用 reviewer archive init")
        if version < schema.LATEST and db.read_only(path):
            raise ArchiveError(f"{path}: 档案库来自旧版本（结构版本 {version}），需要升级到 {schema.LATEST} 才能使用，"
                               "但文件或其所在目录只读；请让管理员开放写权限后再打开一次，或复制到可写的位置")
        conn = db.connect(path)
        archive = cls(conn, path, user, checker, review)
        try:
            schema.migrate(conn)
            settings_store.load(conn)
            backfill.run(conn)
            lawbook.prepare(conn, archive.user)
        except BaseException:
            conn.close()
            raise
        return archive

    @classmethod
    def create(cls, path: str | os.PathLike | None, settings: Settings, user: str | None = None) -> Archive:
        """Create (or re-configure) an archive with the office's settings."""
        path = os.fspath(path or db.default_path())
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if Path(path).exists() and Path(path).stat().st_size > 0:
            version, tables = db.probe(path)
            if version == 0 and tables:
                raise ArchiveError(f"{path}: 已是其他程序的数据库（含 {tables} 张表），不会改动它；请换一个档案库文件名")
        conn = db.connect(path)
        archive = cls(conn, path, user)
        try:
            schema.migrate(conn)
            with db.write(conn):
                existed = conn.execute("SELECT 1 FROM settings WHERE key = 'office'").fetchone() is not None
                settings_store.save(conn, settings)
                log.append(conn, archive.user, "修改设置" if existed else "初始化", None, settings.to_dict())
            backfill.run(conn)
            lawbook.prepare(conn, archive.user)
        except BaseException:
            conn.close()
            raise
        return archive

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def settings(self) -> Settings:
        return settings_store.load(self.conn)

    @property
    def laws(self) -> lawbook.LawBook:
        """The archive's law base and citation index (`reviewer laws …`)."""
        return lawbook.LawBook(self.conn, self.user)

    @property
    def accounts(self) -> accounts.Accounts:
        """The web workspace's local accounts (`reviewer users …`, sign-in at /login)."""
        return accounts.Accounts(self.conn, self.user)

    def record(self, action: str, detail: dict, document_id: int | None = None) -> int:
        """Add one entry to the append-only log under this archive's user (actions that change
        no record, such as a draft checked in the web workspace or a file downloaded)."""
        with db.write(self.conn):
            return log.append(self.conn, self.user, action, document_id, detail)

    def law_base(self) -> LawBase:
        """The law base a review against this archive uses: built-in data, the archive's statuses winning."""
        from reviewer.laws.base import LawBase

        return LawBase.from_archive(self.conn)

    def review_context(self, review: ReviewSettings | None = None) -> ReviewContext:
        """The context filing checks under: shipped rules, the review settings and this archive's law base."""
        from reviewer.context import ReviewContext

        return ReviewContext.build(settings=review or self.review_settings, db=self.conn)

    def _checker(self, review: ReviewSettings | None = None) -> Checker:
        """The checker given when opening (tests, batch tools), else one under ``review_context``."""
        return self.checker or intake.context_checker(self.review_context(review))

    # -- filing lifecycle ------------------------------------------------------------------
    def submit(self, path: str, meta: FilingMeta = FilingMeta(), review: ReviewSettings | None = None,
               materials: tuple[Material, ...] = ()) -> Outcome:
        """File a document (see filings.submit), checked under ``review`` or the archive's settings,
        with the materials sent with it stored in the same transaction."""
        return filings.submit(self.conn, self.settings, path, meta, self.user, self._checker(review), materials)

    def resubmit(self, document_id: int, path: str, note: str | None = None,
                 review: ReviewSettings | None = None, materials: tuple[Material, ...] = ()) -> Outcome:
        """Store a corrected version and any materials sent with it (see filings.resubmit)."""
        return filings.resubmit(self.conn, self.settings, document_id, path, self.user, note, self._checker(review),
                                materials)

    def review(self, document_id: int, decision: str, opinion: str | None = None,
               accept: tuple[str, ...] = (), dismiss: tuple[tuple[str, str], ...] = ()) -> Outcome:
        """Record a review decision (see filings.review)."""
        return filings.review(self.conn, document_id, decision, opinion, self.user, accept, dismiss)

    def register(self, document_id: int, date: str | None = None) -> Outcome:
        """Give a passed document its uniform registration number."""
        date = recording_date(date, "登记日期") if date else db.today()
        seq, number = numbering.register(self.conn, self.settings, document_id, self.user, date)
        return Outcome(document_id, f"第 {document_id} 号文件登记号：{number}", {"number": number, "seq": seq})

    def publish(self, document_id: int, date: str, channel: str) -> Outcome:
        """Record publication; the document becomes 有效."""
        return publication.publish(self.conn, document_id, recording_date(date, "公布日期"), channel, self.user)

    def set_status(self, document_id: int, status: str, reason: str, by: int | None = None,
                   date: str | None = None) -> Outcome:
        """Mark a document 已修改 / 已废止 / 失效."""
        date = check_date(date) if date else db.today()
        return publication.set_status(self.conn, document_id, status, date, reason, by, self.user)

    # -- reading ---------------------------------------------------------------------------
    def show(self, document_id: int) -> dict:
        """Everything about one document: metadata, number, versions, findings, reviews, status history."""
        row = dict(filings.get_row(self.conn, document_id))
        reg = self.conn.execute("SELECT number, registered_at FROM registrations WHERE document_id = ?",
                                (document_id,)).fetchone()
        reviews = [dict(r) for r in self.conn.execute(
            "SELECT r.decision, r.opinion, r.reviewed_at, r.reviewed_by, v.version FROM reviews r"
            " JOIN versions v ON v.id = r.version_id WHERE r.document_id = ? ORDER BY r.id", (document_id,))]
        return {**row, "number": reg["number"] if reg else None,
                "versions": filings.versions(self.conn, document_id),
                "findings": filings.findings(self.conn, document_id), "reviews": reviews,
                "status_history": publication.history(self.conn, document_id)}

    def text(self, document_id: int, version: int | None = None) -> str:
        """The full text of a version (default: current)."""
        return filings.version_text(self.conn, document_id, version)

    def documents(self, filing_status: str | None = None, status: str | None = None,
                  issuer: str | None = None, limit: int = 100) -> list[dict]:
        """Documents, newest first, optionally filtered."""
        sql = ("SELECT d.id, d.title, d.doc_number, r.number, d.issuer, d.filing_status, d.status, d.received_date"
               " FROM documents d LEFT JOIN registrations r ON r.document_id = d.id WHERE 1")
        params: list = []
        for column, value in (("d.filing_status", filing_status), ("d.status", status), ("d.issuer", issuer)):
            if value:
                sql += f" AND {column} = ?"
                params.append(value)
        sql += " ORDER BY d.id DESC LIMIT ?"
        return [dict(r) for r in self.conn.execute(sql, [*params, limit])]

    def stamp(self) -> int:
        """The id of the archive's last log entry: it changes with every change (all are logged),
        so it keys what is computed from the archive and kept (the dashboard's figures)."""
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM log").fetchone()[0]

    def log(self, document_id: int | None = None, limit: int | None = None) -> list[dict]:
        """The change log, oldest first."""
        return log.entries(self.conn, document_id, limit)

    def search(self, query: str, **filters) -> list[search.Hit]:
        """Ranked full-text search with highlighted snippets."""
        return search.search(self.conn, query, **filters)

    def similar(self, title: str, limit: int = 5) -> list[dict]:
        """Near matches of a title (rapidfuzz)."""
        return search.similar_titles(self.conn, title, limit=limit)

    # -- deadlines and completeness ---------------------------------------------------------
    def late(self) -> list[dict]:
        return deadlines.late_filings(self.conn, self.settings)

    def queue(self, issuer: str | None = None, decided: int = 100, limit: int | None = None,
              offset: int = 0) -> dict[str, list[dict]]:
        """The review queue: 待审查 (days left under ``review_days``, overdue first), 需纠正, 已审查;
        ``limit``/``offset`` page 待审查 (and cut 需纠正), see ``queue_counts`` for the totals."""
        return deadlines.review_queue(self.conn, self.settings, db.today(), issuer, decided, limit, offset)

    def reconcile(self, path: str, issuer: str | None = None) -> dict:
        return deadlines.reconcile(self.conn, path, issuer, self.user)

    def stats(self) -> list[dict]:
        """The yearly table of ``indicators`` (报备率, 及时率, 规范率, 纠错率 … per issuing body and year)."""
        return [{**g.to_dict(), "year": g.period} for g in self.indicators("year").groups]

    # -- review suggestions -----------------------------------------------------------------
    def suggest(self, document_id: int, submitter: str, channel: str, text: str, date: str | None = None,
                kind: str = "公民") -> Outcome:
        return suggestions.add(self.conn, self.settings, document_id, submitter, kind, channel,
                               check_date(date) if date else db.today(), text, self.user)

    def handle_suggestion(self, suggestion_id: int, note: str) -> Outcome:
        return suggestions.handle(self.conn, suggestion_id, note, self.user)

    def reply_suggestion(self, suggestion_id: int, text: str, date: str | None = None) -> Outcome:
        return suggestions.reply(self.conn, suggestion_id, text, check_date(date) if date else db.today(),
                                 self.user)

    def suggestions(self, only_open: bool = True) -> list[dict]:
        return suggestions.listing(self.conn, only_open, db.today())

    def suggestion(self, suggestion_id: int) -> dict:
        """One suggestion with its document's title and its handling steps (staff only)."""
        return suggestions.get(self.conn, suggestion_id)

    @property
    def public(self) -> public.Catalogue:
        """The public catalogue: published documents only, and suggestions from the public."""
        return public.Catalogue(self.conn, self.settings)

    # -- exports, import, backup -------------------------------------------------------------
    def export(self, path: str, fmt: str | None = None, statuses: tuple[str, ...] = (),
               issuer: str | None = None, year: int | None = None, force: bool = False) -> int:
        """Write the published catalogue; returns the number of rows. An existing file only with ``force``."""
        from reviewer.outputs import atomic_output, check_output_path

        fmt = exports.format_for(path, fmt)
        check_output_path(path, protected=[self.path])
        if os.path.isfile(path) and not force:
            raise ArchiveError(f"{path}: 文件已存在；如要覆盖请加 --force，或换一个文件名")
        rows = exports.catalogue(self.conn, statuses, issuer, year)
        # A list of one issuer's documents is that issuer's catalogue; otherwise the office's.
        office = issuer or self.settings.office
        with atomic_output(path, protected=[self.path]) as tmp:
            exports.write_catalogue(rows, tmp, fmt, office=office, title=exports.catalogue_name(statuses, issuer, year),
                                    as_of=dt.date.fromisoformat(db.today()))
        return len(rows)

    def import_collection(self, sheet: str, folder: str, check: bool = False, progress=None,
                          batch_size: int = importer.BATCH_SIZE, review: ReviewSettings | None = None) -> dict:
        """Import an existing collection; with ``check``, each file is checked under the review context."""
        return importer.import_collection(self.conn, self.settings, sheet, folder, self.user, check,
                                          batch_size, progress, self._checker(review) if check else None)

    def optimize(self) -> None:
        """Merge the search index's segments after a bulk load (faster queries, smaller file)."""
        self.conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")

    def backup(self, dest: str) -> int:
        return exports.backup(self.conn, dest)

    def integrity(self) -> str:
        """SQLite's integrity check result ('ok' when the file is sound)."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- letters (公文格式) ---------------------------------------------------------------------
    def letter(self, document_id: int, kind: str, out: str, date: str | None = None, force: bool = False) -> Outcome:
        """Write a 审查意见书 / 备案登记回执 / 不予备案通知 for a record, numbered from the office's counter."""
        from reviewer.archive import letters
        from reviewer.outputs import check_output_path
        from reviewer.report.opinion import save

        check_output_path(out, protected=[self.path])
        if os.path.exists(out) and not force:
            raise ArchiveError(f"{out}: 文件已存在；如要覆盖请加 --force，或换一个文件名")
        day = dt.date.fromisoformat(check_date(date)) if date else dt.date.today()
        document, number = letters.build(self.conn, self.settings, document_id, kind, day, self.user)
        from reviewer.outputs import atomic_output

        with atomic_output(out, protected=[self.path]) as tmp:
            save(document, tmp)  # written beside the target and renamed: a failure leaves no half file
        return Outcome(document_id, f"已出具{kind}（{number}）：{out}", {"kind": kind, "number": number, "path": out})

    def draft_letter_number(self, title: str, text: str, year: int) -> str:
        """The office's next letter number for an opinion on a draft (the same draft keeps its number)."""
        from reviewer.archive import letters

        return letters.allocate_for_draft(self.conn, self.settings, title, text, year, self.user)

    def set_letter_template(self, template: str) -> Outcome:
        """The template of the office's own letter numbers, e.g. {code}司审〔{year}〕{seq}号."""
        from reviewer.archive import letters

        letters.set_template(self.conn, template, self.user)
        return Outcome(0, f"文书字号模板已设为：{template}", {"letter_template": template})

    # -- filing materials, 退回补正 and what changed between versions --------------------------------
    def add_materials(self, document_id: int, materials: tuple[Material, ...]) -> Outcome:
        """Store materials sent later for a filing not yet decided (see filings.add_materials)."""
        return filings.add_materials(self.conn, document_id, self.user, materials)

    def resend(self, document_id: int, materials: tuple[Material, ...], note: str | None = None) -> Outcome:
        """A filing sent back with 退回补正 comes back with its materials (see filings.resend)."""
        return filings.resend(self.conn, document_id, self.user, materials, note)

    def materials(self, document_id: int) -> list[dict]:
        """Every material of a filing, without the bytes; the newest of each kind marked current."""
        from reviewer.archive import materials as stored

        filings.get_row(self.conn, document_id)
        return stored.listing(self.conn, document_id)

    def material(self, document_id: int, material_id: int) -> tuple[dict, bytes]:
        """One material of a filing and its bytes (looked up by id within that filing only)."""
        from reviewer.archive import materials as stored

        return stored.content(self.conn, document_id, material_id)

    def diff(self, document_id: int, old: int | None = None, new: int | None = None) -> tuple[int, int, VersionDiff]:
        """What changed from version ``old`` (default: the one before ``new``) to ``new`` (default:
        current), article by article; returns (old, new, diff)."""
        from reviewer.version_diff import compare

        numbers = [v["version"] for v in filings.versions(self.conn, document_id)]
        if len(numbers) < 2 and old is None:
            raise ArchiveError(f"第 {document_id} 号文件只有一个版本，还没有可以比较的修改稿")
        new = numbers[-1] if new is None else new
        old = new - 1 if old is None else old
        for number in (old, new):
            if number not in numbers:
                raise ArchiveError(f"第 {document_id} 号文件没有第 {number} 版（现有：第 "
                                   f"{'、'.join(map(str, numbers))} 版）")
        if old == new:
            raise ArchiveError("比较的两个版本相同，请指定不同的版本")
        return old, new, compare(self.text(document_id, old), self.text(document_id, new))


    # -- sign-off and the registry's work lists (issue 11) -----------------------------------------
    def signoff(self, document_id: int, note: str | None = None) -> Outcome:
        """The 负责人's sign-off (签发) of a passed filing; with ``require_signoff`` set, registration needs it."""
        from reviewer.archive import signoff

        return signoff.sign(self.conn, document_id, note, self.user)

    def registry(self, issuer: str | None = None, limit: int = 500) -> dict[str, list[dict]]:
        """Passed filings by stage: 待签发, 待登记 (signed), 待公布 (registered), oldest first."""
        from reviewer.archive import signoff

        return signoff.work(self.conn, issuer, limit)

    def dossier(self, document_id: int) -> dict:
        """Everything `show` gives, plus sign-offs, the one in force, publications and the document's log."""
        from reviewer.archive import signoff

        record = self.show(document_id)
        reg = self.conn.execute("SELECT registered_at, registered_by, seq, year FROM registrations"
                                " WHERE document_id = ?", (document_id,)).fetchone()
        return {**record, "registration": dict(reg) if reg else None,
                "signoffs": signoff.listing(self.conn, document_id),
                "signoff": signoff.current(self.conn, document_id),
                "publications": publication.publications(self.conn, document_id),
                "log": self.log(document_id)}


    # -- 有效期 and the office's figures (dashboard) ----------------------------------------------
    def expiring(self, today: str | None = None, days: int | None = None, issuer: str | None = None) -> dict:
        """In force and ending within ``days`` (default: the expiry_notice_days setting) of ``today``
        (default: the clock), and ended within as many days past (see expiry.expiring)."""
        from reviewer.archive import expiry

        day = check_date(today, "日期") if today else db.today()
        window = self.settings.expiry_notice_days if days is None else days
        return {**expiry.expiring(self.conn, day, window, issuer), "today": day, "days": window}

    def expire(self, today: str | None = None, trigger: str | None = None) -> list[dict]:
        """Move documents whose 有效期 ended before ``today`` to 失效, logged under the system user
        with the reason 有效期届满（date）; ``trigger`` (default: this archive's user) goes in the log."""
        from reviewer.archive import expiry

        day = check_date(today, "日期") if today else db.today()
        if day > db.today():
            raise ArchiveError(f"不能按今天之后的日期（{day}）宣布文件失效")
        return expiry.expire(self.conn, day, trigger or f"reviewer archive expire（{self.user}）")

    def indicators(self, granularity: str = "year", period: str | None = None,
                   issuer: str | None = None) -> indicators.Indicators:
        """报备率, 及时率, 规范率, 纠错率, review time, filings per month and findings per family for one
        selection (see archive/indicators.py for how each is counted)."""
        if granularity not in indicators.GRANULARITIES:
            raise ArchiveError(f"统计周期只能是：{'、'.join(indicators.GRANULARITY_NAMES.values())}")
        if period:
            try:
                indicators.granularity_of(period)
            except ValueError:
                raise ArchiveError(f"期间“{period}”无法识别，请写成 2026、2026-Q3 或 2026-07") from None
        return indicators.compute(self.conn, self.settings, granularity, period, issuer or None)

    def figures_workbook(self, path: str, granularity: str = "year", period: str | None = None,
                         issuer: str | None = None, force: bool = False) -> Outcome:
        """The dashboard's table, monthly filings, findings per family and definitions as .xlsx."""
        from reviewer.archive import figures

        result = self.indicators(granularity, period, issuer)
        self._write_new(path, force, lambda tmp: figures.write(result, tmp, self.settings.office,
                                                               dt.date.fromisoformat(db.today())))
        return Outcome(0, f"已导出统计表：{path}", {"path": path, "rows": len(result.groups)})

    def annual_report(self, path: str, year: int, force: bool = False) -> Outcome:
        """年度备案审查工作报告（草稿） for ``year`` as a 公文-format .docx, figures filled in."""
        from reviewer.archive import annual
        from reviewer.report.opinion import save

        result = self.indicators("year", str(year))
        draft = annual.build(result, self.settings.office, str(year), dt.date.fromisoformat(db.today()))
        self._write_new(path, force, lambda tmp: save(draft, tmp))
        self.record("出具年度报告草稿", {"年度": year, "文件": os.path.basename(path)})
        return Outcome(0, f"已生成{year}年度备案审查工作报告（草稿）：{path}", {"path": path, "year": year})

    def _write_new(self, path: str, force: bool, writer) -> None:
        """Write a new output file through a temporary name (never over the archive, never half a file)."""
        from reviewer.outputs import atomic_output, check_output_path

        check_output_path(path, protected=[self.path])
        if os.path.exists(path) and not force:
            raise ArchiveError(f"{path}: 文件已存在；如要覆盖请加 --force，或换一个文件名")
        with atomic_output(path, protected=[self.path]) as tmp:
            writer(tmp)

    # -- the review queue's totals (for paging the web queue) -------------------------------------
    def queue_counts(self, issuer: str | None = None) -> dict[str, int]:
        """How many filings wait in the queue's working stages: 待审查, 需纠正."""
        return deadlines.queue_counts(self.conn, issuer)

    # -- the findings as the check reported them (the review screen's marks) ---------------------
    def finding_details(self, document_id: int) -> list[dict]:
        """The recorded check output of each finding of the current version, in the order
        ``show`` lists the findings (an empty dict where the record cannot be read)."""
        import json

        row = filings.get_row(self.conn, document_id)
        out = []
        for (raw,) in self.conn.execute("SELECT json FROM findings WHERE version_id = ? ORDER BY id",
                                        (row["current_version_id"],)):
            try:
                data = json.loads(raw)
            except (TypeError, ValueError):
                data = None
            out.append(data if isinstance(data, dict) else {})
        return out

    # -- what a fingerprint in the log stands for (the document page's log) ----------------------
    def findings_by_fingerprint(self, document_id: int) -> dict[str, dict]:
        """Every finding of every version of a document, by fingerprint (code, title, locator,
        match, severity, version), so a page can name the findings a review accepted or dismissed."""
        return filings.findings_by_fingerprint(self.conn, document_id)
