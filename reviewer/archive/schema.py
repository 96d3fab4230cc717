"""The archive's tables and the ordered migrations that build them.

The schema version lives in ``PRAGMA user_version``. Migrations are applied in order, each in
its own transaction, and only ever add: a later version of the tool opens an older archive and
brings it up to date without losing a row. A file from a newer version is refused, not damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from reviewer.errors import ArchiveError

# Tables whose rows are history: no row may be deleted, and the log may not even be updated.
NO_DELETE_TABLES = (
    "settings", "documents", "versions", "findings", "finding_decisions", "reviews",
    "registrations", "publications", "status_history",
)

V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per filed document (备案文件). Current state only; every change is also in `log`,
-- and statuses in `status_history`.
CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL,                  -- 标题
    doc_number          TEXT,                           -- 发文字号
    issuer              TEXT,                           -- 制定机关
    level               TEXT NOT NULL,                  -- 文件层级
    issue_date          TEXT,                           -- 印发日期 YYYY-MM-DD
    publish_date        TEXT,                           -- 公布日期
    effective_date      TEXT,                           -- 施行日期
    expiry_date         TEXT,                           -- 有效期至
    received_date       TEXT NOT NULL,                  -- 报备（收到）日期
    filing_status       TEXT NOT NULL DEFAULT '待审查', -- 待审查/需纠正/通过/不予备案
    status              TEXT NOT NULL DEFAULT '未公布', -- 未公布/有效/已修改/已废止/失效
    has_report          INTEGER NOT NULL DEFAULT 0,     -- 备案报告
    has_explanation     INTEGER NOT NULL DEFAULT 0,     -- 起草说明
    has_legality_review INTEGER NOT NULL DEFAULT 0,     -- 合法性审核意见
    has_collective      INTEGER NOT NULL DEFAULT 0,     -- 集体讨论记录
    has_basis           INTEGER NOT NULL DEFAULT 0,     -- 制定依据
    source              TEXT NOT NULL DEFAULT '报备',   -- 报备 / 导入
    current_version_id  INTEGER,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX documents_issuer ON documents(issuer);
CREATE INDEX documents_doc_number ON documents(doc_number);

-- Every submitted text; never changed, never deleted.
CREATE TABLE versions (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    version       INTEGER NOT NULL,
    path          TEXT,
    format        TEXT,
    sha256        TEXT NOT NULL,
    title         TEXT NOT NULL,
    doc_number    TEXT,
    issuer        TEXT,
    text          TEXT NOT NULL,
    check_status  TEXT NOT NULL,                        -- 已检查 / 未检查
    submitted_at  TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    note          TEXT,
    UNIQUE (document_id, version)
);
CREATE INDEX versions_sha256 ON versions(sha256);

-- The automatic check's findings, per version.
CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES versions(id),
    code         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    title        TEXT,
    locator      TEXT,
    match        TEXT,
    fingerprint  TEXT NOT NULL,
    json         TEXT NOT NULL
);
CREATE INDEX findings_version ON findings(version_id);

-- The reviewer's decision on a finding, keyed by fingerprint so it carries over to later
-- versions of the same document. The newest row per (document, fingerprint) is in force.
CREATE TABLE finding_decisions (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    version_id   INTEGER NOT NULL REFERENCES versions(id),
    fingerprint  TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('采纳', '驳回')),
    reason       TEXT,
    decided_at   TEXT NOT NULL,
    decided_by   TEXT NOT NULL
);
CREATE INDEX finding_decisions_doc ON finding_decisions(document_id, fingerprint);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    version_id   INTEGER NOT NULL REFERENCES versions(id),
    decision     TEXT NOT NULL CHECK (decision IN ('通过', '需纠正', '不予备案')),
    opinion      TEXT,
    reviewed_at  TEXT NOT NULL,
    reviewed_by  TEXT NOT NULL
);

-- Uniform registration numbers (统一编号). seq is gap-free per (scope, year); imported numbers
-- that do not follow the template have seq NULL.
CREATE TABLE registrations (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    scope          TEXT NOT NULL,                       -- '' or the issuing body
    year           INTEGER NOT NULL,
    seq            INTEGER,
    number         TEXT NOT NULL UNIQUE,
    registered_at  TEXT NOT NULL,
    registered_by  TEXT NOT NULL,
    UNIQUE (scope, year, seq)
);

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    date         TEXT NOT NULL,
    channel      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);

CREATE TABLE status_history (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id),
    old_status      TEXT,
    new_status      TEXT NOT NULL,
    date            TEXT NOT NULL,
    reason          TEXT,
    by_document_id  INTEGER REFERENCES documents(id),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL
);

-- Append-only change log: who, when, what, why.
CREATE TABLE log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL,
    action       TEXT NOT NULL,
    document_id  INTEGER,
    detail       TEXT NOT NULL,                         -- JSON
    reason       TEXT
);
CREATE INDEX log_document ON log(document_id);
CREATE TRIGGER log_no_update BEFORE UPDATE ON log
BEGIN SELECT RAISE(ABORT, '变更日志只能追加，不能修改'); END;
CREATE TRIGGER log_no_delete BEFORE DELETE ON log
BEGIN SELECT RAISE(ABORT, '变更日志只能追加，不能删除'); END;
CREATE TRIGGER registrations_no_update BEFORE UPDATE ON registrations
BEGIN SELECT RAISE(ABORT, '登记号一经分配不得更改'); END;
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, '已报送的版本不得更改'); END;
"""

V2 = """
-- 审查建议 from citizens and organisations.
CREATE TABLE suggestions (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id),
    submitter      TEXT NOT NULL,
    submitter_kind TEXT NOT NULL DEFAULT '公民',        -- 公民 / 法人或其他组织
    channel        TEXT NOT NULL,
    received_date  TEXT NOT NULL,
    text           TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT '待处理',      -- 待处理 / 处理中 / 已答复
    reply          TEXT,
    reply_date     TEXT,
    created_at     TEXT NOT NULL
);
CREATE TABLE suggestion_events (
    id             INTEGER PRIMARY KEY,
    suggestion_id  INTEGER NOT NULL REFERENCES suggestions(id),
    status         TEXT NOT NULL,
    note           TEXT,
    at             TEXT NOT NULL,
    user           TEXT NOT NULL
);

-- An issuing body's list of issued documents, kept so that 报备率 can be computed.
CREATE TABLE issued_lists (
    id            INTEGER PRIMARY KEY,
    issuer        TEXT NOT NULL,
    doc_number    TEXT,
    title         TEXT,
    publish_date  TEXT,
    list_file     TEXT NOT NULL,
    loaded_at     TEXT NOT NULL,
    UNIQUE (issuer, doc_number, title)
);

-- Full-text index of every version: contentless (the text lives in `versions`), unicode61 over
-- overlapping character bigrams written by reviewer/archive/textindex.py; rowid = versions.id.
CREATE INDEX documents_current_version ON documents(current_version_id);
CREATE INDEX versions_path ON versions(path);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, numbers, issuer, body, content='', tokenize='unicode61'
);
"""


def _no_delete_triggers(tables: tuple[str, ...]) -> str:
    return "\n".join(
        f"CREATE TRIGGER IF NOT EXISTS {t}_no_delete BEFORE DELETE ON {t} "
        f"BEGIN SELECT RAISE(ABORT, '档案记录不得删除'); END;"
        for t in tables
    )


# Settings keys asking for versions stored before an index existed to be indexed on opening
# (reviewer/archive/backfill.py): a migration must not run today's domain code — a later change to
# tokenising or citation parsing would make the same upgrade give different files — so it only
# asks for the work.
SEARCH_BACKFILL = "search_backfill"
CITATION_BACKFILL = "citation_backfill"
TITLE_BACKFILL = "title_backfill"


def _request_backfill(conn: sqlite3.Connection, key: str) -> None:
    if conn.execute("SELECT 1 FROM versions LIMIT 1").fetchone() is not None:
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, 'pending')", (key,))


def _index_existing_versions(conn: sqlite3.Connection) -> None:
    """Version 2 added the search index: versions stored before it are indexed on opening."""
    _request_backfill(conn, SEARCH_BACKFILL)


V3 = """
-- The catalogue of higher law (法律、行政法规、规章 …), current state, one row per law. Seeded from
-- reviewer/data/laws.yaml, extended by `reviewer laws import`; every change is in law_events.
CREATE TABLE laws (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    key             TEXT NOT NULL UNIQUE,               -- normalised title (no 中华人民共和国, no 《》)
    level           TEXT,
    office          TEXT,                               -- 制定机关
    publish_date    TEXT,                               -- newest version's date
    effective_date  TEXT,
    status          TEXT NOT NULL,                      -- 有效/已修改/已废止/尚未生效/未知
    repealed_date   TEXT,
    replaced_by     TEXT,                               -- title of the law that replaced it
    source          TEXT NOT NULL,                      -- 内置 / the imported file / 手工
    note            TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- Other names a law is cited by (short titles); key = normalised name.
CREATE TABLE law_names (
    id      INTEGER PRIMARY KEY,
    law_id  INTEGER NOT NULL REFERENCES laws(id),
    name    TEXT NOT NULL,
    key     TEXT NOT NULL UNIQUE
);
-- What happened to a law and when: 公布 (a version), 修改, 废止, 状态 (a status set by an import).
CREATE TABLE law_events (
    id           INTEGER PRIMARY KEY,
    law_id       INTEGER NOT NULL REFERENCES laws(id),
    kind         TEXT NOT NULL CHECK (kind IN ('公布', '修改', '废止', '状态')),
    date         TEXT,
    detail       TEXT,
    source       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    UNIQUE (law_id, kind, date, detail)
);
CREATE INDEX law_events_law ON law_events(law_id, kind, date);
-- Each load of a catalogue (built-in YAML or an imported CSV), for provenance.
CREATE TABLE law_sources (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    added      INTEGER NOT NULL,
    changed    INTEGER NOT NULL,
    loaded_at  TEXT NOT NULL,
    loaded_by  TEXT NOT NULL
);

-- Citations found in every stored version. law_id / cited_document_id are filled by resolution
-- against the catalogue and the archive; resolved_gen records against which catalogue generation
-- (law_sources count + law changes) the row was last resolved, so new laws re-resolve old rows.
CREATE TABLE citations (
    id                 INTEGER PRIMARY KEY,
    version_id         INTEGER NOT NULL REFERENCES versions(id),
    document_id        INTEGER NOT NULL REFERENCES documents(id),
    kind               TEXT NOT NULL CHECK (kind IN ('law', 'document')),
    title              TEXT NOT NULL,                   -- as written (发文字号 when no title)
    article            TEXT NOT NULL DEFAULT '',        -- 第十六条第二款
    article_no         INTEGER,                         -- 16
    number             TEXT NOT NULL DEFAULT '',        -- normalised 发文字号
    span_start         INTEGER NOT NULL,
    span_end           INTEGER NOT NULL,
    law_id             INTEGER REFERENCES laws(id),
    score              REAL,
    exact              INTEGER,
    cited_document_id  INTEGER REFERENCES documents(id),
    resolved_gen       INTEGER
);
CREATE INDEX citations_version ON citations(version_id);
CREATE INDEX citations_law ON citations(law_id, article_no);
CREATE INDEX citations_document ON citations(document_id);
CREATE INDEX citations_title ON citations(kind, title);
CREATE INDEX citations_number ON citations(number);

-- Cleanup audits (清理): one row per run, one result per (run, document), decisions append-only.
CREATE TABLE audit_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL DEFAULT '进行中',       -- 进行中/已完成/已放弃
    scope        TEXT NOT NULL,                         -- JSON: what was audited
    settings     TEXT NOT NULL,                         -- JSON: AuditSettings
    total        INTEGER NOT NULL,
    started_by   TEXT NOT NULL
);
CREATE TABLE audit_results (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES audit_runs(id),
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('继续有效', '修改', '废止', '宣布失效')),
    reasons      TEXT NOT NULL,                         -- JSON list of reasons
    computed_at  TEXT NOT NULL,
    UNIQUE (run_id, document_id)
);
CREATE INDEX audit_results_document ON audit_results(document_id);
CREATE TABLE audit_decisions (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES audit_runs(id),
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    proposed     TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('继续有效', '修改', '废止', '宣布失效')),
    reason       TEXT,
    source       TEXT NOT NULL,                         -- the workbook applied
    decided_at   TEXT NOT NULL,
    decided_by   TEXT NOT NULL
);
CREATE INDEX audit_decisions_run ON audit_decisions(run_id, document_id);
CREATE TRIGGER audit_results_no_update BEFORE UPDATE ON audit_results
BEGIN SELECT RAISE(ABORT, '审计结果一经写入不得更改'); END;
CREATE TRIGGER audit_decisions_no_update BEFORE UPDATE ON audit_decisions
BEGIN SELECT RAISE(ABORT, '清理决定只能追加，不能修改'); END;
CREATE TRIGGER law_events_no_update BEFORE UPDATE ON law_events
BEGIN SELECT RAISE(ABORT, '上位法变更记录只能追加，不能修改'); END;
"""

V3_NO_DELETE = ("laws", "law_names", "law_events", "law_sources", "audit_runs", "audit_results", "audit_decisions")


def _v3_catalogue_and_citations(conn: sqlite3.Connection) -> None:
    """Version 3 added the law catalogue and the citation index, both empty here: the law base is
    seeded (reviewer/archive/lawbook.py) and existing versions indexed on opening."""
    _request_backfill(conn, CITATION_BACKFILL)


# Tables the README calls 只追加 (append-only): the no-delete triggers already guard them; version 4
# refuses UPDATE too, so history cannot be rewritten from the sqlite3 shell either.
APPEND_ONLY_TABLES = ("finding_decisions", "reviews", "publications", "status_history", "law_sources")
V4 = "".join(
    f"CREATE TRIGGER IF NOT EXISTS {t}_no_update BEFORE UPDATE ON {t} "
    f"BEGIN SELECT RAISE(ABORT, '档案记录只能追加，不能修改'); END;\n"
    for t in APPEND_ONLY_TABLES
)


# Local accounts for the web workspace (`reviewer serve`). An account is never deleted (the log
# names it): it is disabled. The password column holds a salted hash only (werkzeug's scrypt).
V5 = """
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,                 -- 登录名
    role           TEXT NOT NULL
                   CHECK (role IN ('报备单位', '审查人员', '负责人', '管理员')),
    unit           TEXT,                                 -- 所属单位 (报备单位: the department)
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
"""


# Version 6: the fourth review decision 退回补正 (materials sent back to be completed), which the
# CHECK on reviews.decision must admit — SQLite cannot alter a CHECK, so the table is rebuilt with
# every row and id kept and its guards recreated (nothing references reviews.id) — and the
# filing materials (备案材料) a department uploads: the bytes are kept in the archive itself, so
# a backup holds them and no stored name ever becomes a path. Append-only like the versions.
V6 = """
CREATE TABLE reviews_v6 (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    version_id   INTEGER NOT NULL REFERENCES versions(id),
    decision     TEXT NOT NULL CHECK (decision IN ('通过', '需纠正', '不予备案', '退回补正')),
    opinion      TEXT,
    reviewed_at  TEXT NOT NULL,
    reviewed_by  TEXT NOT NULL
);
INSERT INTO reviews_v6(id, document_id, version_id, decision, opinion, reviewed_at, reviewed_by)
    SELECT id, document_id, version_id, decision, opinion, reviewed_at, reviewed_by FROM reviews ORDER BY id;
DROP TABLE reviews;
ALTER TABLE reviews_v6 RENAME TO reviews;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, '档案记录不得删除'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, '档案记录只能追加，不能修改'); END;

CREATE TABLE materials (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    version_id   INTEGER REFERENCES versions(id),  -- the version current when it was uploaded
    kind         TEXT NOT NULL
                 CHECK (kind IN ('report', 'explanation', 'legality', 'collective', 'basis')),
    filename     TEXT NOT NULL,                    -- as the department named it: shown, never a path
    suffix       TEXT NOT NULL,                    -- checked against the allowed types
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    content      BLOB NOT NULL,
    uploaded_at  TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL
);
CREATE INDEX materials_document ON materials(document_id, kind);
CREATE TRIGGER materials_no_delete BEFORE DELETE ON materials BEGIN SELECT RAISE(ABORT, '档案记录不得删除'); END;
CREATE TRIGGER materials_no_update BEFORE UPDATE ON materials BEGIN SELECT RAISE(ABORT, '档案记录只能追加，不能修改'); END;
"""


# The 负责人's sign-off (签发) of a passed filing, before its registration: one per passing review,
# append-only. Whether registration needs it is the `require_signoff` setting.
V7 = """
CREATE TABLE signoffs (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    review_id    INTEGER NOT NULL UNIQUE REFERENCES reviews(id),  -- the 通过 decision signed
    note         TEXT,                                 -- 签发意见
    signed_at    TEXT NOT NULL,
    signed_by    TEXT NOT NULL
);
CREATE INDEX signoffs_document ON signoffs(document_id);
CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN SELECT RAISE(ABORT, '签发记录只能追加，不能修改'); END;
"""


# Suggestions sent from the public catalogue (issue 12): the citizen's receipt number (year,
# sequence and a random check code: the lookup key for the reply, so it must not be guessable),
# the contact the submitter gave and the clause the suggestion is about; the published
# documents listed newest first without sorting the whole archive; and a second, small index of
# titles, numbers and issuers only (the same bigrams as search_index, rowid = versions.id), so
# that "found in the title" is read from short lists instead of every match's positions.
V8 = """
ALTER TABLE suggestions ADD COLUMN receipt TEXT;
ALTER TABLE suggestions ADD COLUMN contact TEXT;
ALTER TABLE suggestions ADD COLUMN clause TEXT;
CREATE UNIQUE INDEX suggestions_receipt ON suggestions(receipt) WHERE receipt IS NOT NULL;
CREATE INDEX documents_publish_date ON documents(publish_date, id);
CREATE VIRTUAL TABLE title_index USING fts5(title, numbers, issuer, content='', tokenize='unicode61');
"""


def _index_existing_titles(conn: sqlite3.Connection) -> None:
    """Version 8 added the title index: versions stored before it are indexed on opening."""
    _request_backfill(conn, TITLE_BACKFILL)




# Version 10 (web cleanup audits): each proposal of a run is decided by a reviewer in the browser
# (accept, or another outcome with a note) before 负责人 applies the run. Those decisions are kept
# between the two steps, append-only (a changed mind is a new row; the newest per document counts),
# apart from audit_decisions, which records what was applied to the documents. The same version adds
# the indexes the review queue pages through and the review screen reads by (bench/bench_web.py: both
# at 100,000 documents).
V10 = """
CREATE TABLE audit_verdicts (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES audit_runs(id),
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    decision     TEXT NOT NULL CHECK (decision IN ('继续有效', '修改', '废止', '宣布失效')),
    note         TEXT,
    decided_at   TEXT NOT NULL,
    decided_by   TEXT NOT NULL
);
CREATE INDEX audit_verdicts_run ON audit_verdicts(run_id, document_id, id);
CREATE INDEX audit_results_run_outcome ON audit_results(run_id, outcome, document_id);
-- The review queue reads its stages in these orders, a page at a time (archive/deadlines.py).
CREATE INDEX documents_queue_received ON documents(source, filing_status, received_date, id);
CREATE INDEX documents_queue_updated ON documents(source, filing_status, updated_at, id);
-- The review screen reads one document's reviews and status history (Archive.show): by index,
-- not a scan of every document's rows.
CREATE INDEX reviews_document ON reviews(document_id);
CREATE INDEX status_history_document ON status_history(document_id);
CREATE INDEX publications_document ON publications(document_id);
CREATE TRIGGER audit_verdicts_no_update BEFORE UPDATE ON audit_verdicts
BEGIN SELECT RAISE(ABORT, '清理审定只能追加，不能修改'); END;
"""

# (version, SQL script, Python step run after the script in the same transaction)
MIGRATIONS: tuple[tuple[int, str, Callable[[sqlite3.Connection], None] | None], ...] = (
    (1, V1 + _no_delete_triggers(NO_DELETE_TABLES), None),
    (2, V2 + _no_delete_triggers(("suggestions", "suggestion_events", "issued_lists")), _index_existing_versions),
    (3, V3 + _no_delete_triggers(V3_NO_DELETE), _v3_catalogue_and_citations),
    (4, V4, None),
    (5, V5 + _no_delete_triggers(("users",)), None),
    (6, V6, None),
    (7, V7 + _no_delete_triggers(("signoffs",)), None),
    (8, V8, _index_existing_titles),
    (10, V10 + _no_delete_triggers(("audit_verdicts",)), None),
)
LATEST = MIGRATIONS[-1][0]


def version_of(conn: sqlite3.Connection) -> int:
    """The schema version stored in the file (0 for an empty file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain inner semicolons)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the file up to ``target``; each step is one transaction with its version bump."""
    current = version_of(conn)
    if current > LATEST:
        raise ArchiveError(
            f"档案库的结构版本为 {current}，高于本程序支持的 {LATEST}，请升级 reviewer 后再打开"
        )
    for number, script, step in MIGRATIONS:
        if current < number <= target:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Re-check under the write lock: another process may have migrated meanwhile.
                if version_of(conn) < number:
                    for statement in _statements(script):
                        conn.execute(statement)
                    if step is not None:
                        step(conn)
                    conn.execute(f"PRAGMA user_version={number}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            current = number
    return current
