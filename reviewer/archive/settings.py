"""Reading and writing the office's settings (`settings` table, one key per row)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields

from reviewer.archive import numbering
from reviewer.archive.records import Settings
from reviewer.errors import ArchiveError


def save(conn: sqlite3.Connection, settings: Settings) -> None:
    """Write every setting (inside the caller's transaction); the template is validated first."""
    numbering.validate_template(settings.template, settings.by_issuer)
    if settings.late_days < 0 or settings.reply_days < 1 or settings.review_days < 1:
        raise ArchiveError("报备期限不能为负数，答复期限和审查期限至少 1 天")
    if settings.expiry_notice_days < 1:
        raise ArchiveError("有效期届满提醒天数至少 1 天")
    for f in fields(Settings):
        value = getattr(settings, f.name)
        text = ("1" if value else "0") if isinstance(value, bool) else str(value)
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f.name, text),
        )


def load(conn: sqlite3.Connection) -> Settings:
    """The stored settings; an archive without them was never initialised."""
    rows = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    if "office" not in rows:
        raise ArchiveError("档案库尚未初始化，请先运行 reviewer archive init --office 机关名称 --code 代字")
    return Settings(
        office=rows["office"],
        code=rows["code"],
        template=rows.get("template", Settings.template),
        by_issuer=rows.get("by_issuer", "0") == "1",
        late_days=int(rows.get("late_days", Settings.late_days)),
        reply_days=int(rows.get("reply_days", Settings.reply_days)),
        review_days=int(rows.get("review_days", Settings.review_days)),
        require_signoff=rows.get("require_signoff", "0") == "1",
        expiry_notice_days=int(rows.get("expiry_notice_days", Settings.expiry_notice_days)),
    )
