"""Local accounts of the web workspace: who may sign in, in which role, for which unit.

``Accounts`` is the library facade (``Archive.accounts``) the `reviewer users` commands and the
web sign-in both call. Passwords are stored only as salted hashes (werkzeug's scrypt); every
change is written to the append-only log under the acting user. Accounts are never deleted:
``disable`` keeps the row (the log names it) and refuses further sign-ins.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass

from reviewer.archive import log
from reviewer.archive.db import now, write
from reviewer.errors import ArchiveError
from reviewer.sanitize import clean_text

ROLE_FILER = "报备单位"
ROLE_REVIEWER = "审查人员"
ROLE_HEAD = "负责人"
ROLE_ADMIN = "管理员"
ROLES = (ROLE_FILER, ROLE_REVIEWER, ROLE_HEAD, ROLE_ADMIN)

MIN_PASSWORD = 8
# The `settings` key of an account's session epoch (see Accounts.epoch): sessions are signed
# cookies, so ending them means changing what a valid one must carry.
EPOCH_KEY = "session_epoch:{}"
# The key of the web sessions' signing secret in the `settings` table.
SECRET_KEY = "web_secret"

# A hash computed once, checked against when the name is unknown, so that a wrong name costs
# as long as a wrong password (no telling which names exist by timing).
_DUMMY_HASH: str | None = None


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    unit: str | None
    disabled: bool

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "role": self.role, "unit": self.unit, "disabled": self.disabled}


def hash_password(password: str) -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(password, method="scrypt")


def _matches(stored: str, password: str) -> bool:
    from werkzeug.security import check_password_hash

    return check_password_hash(stored, password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ArchiveError(f"密码至少 {MIN_PASSWORD} 个字符")
    if password.strip() != password or not password.strip():
        raise ArchiveError("密码首尾不能是空白字符")


class Accounts:
    """The accounts of one open archive, acting on behalf of ``actor`` (for the log)."""

    def __init__(self, conn: sqlite3.Connection, actor: str):
        self.conn = conn
        self.actor = actor

    def add(self, name: str, role: str, password: str, unit: str | None = None) -> Account:
        name = clean_text(name or "").strip()
        unit = clean_text(unit).strip() if unit else None
        if not name:
            raise ArchiveError("登录名不能为空")
        if role not in ROLES:
            raise ArchiveError(f"未知的角色“{role}”；可选：{'、'.join(ROLES)}")
        if role == ROLE_FILER and not unit:
            raise ArchiveError("报备单位的账号须用 --unit 指明所属单位")
        check_password_rules(password)
        digest = hash_password(password)
        with write(self.conn):
            if self._row(name) is not None:
                raise ArchiveError(f"登录名“{name}”已存在")
            stamp = now()
            cur = self.conn.execute(
                "INSERT INTO users(name, role, unit, password_hash, disabled, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 0, ?, ?)",
                (name, role, unit, digest, stamp, stamp),
            )
            log.append(self.conn, self.actor, "新增账号", None, {"name": name, "role": role, "unit": unit})
        assert cur.lastrowid is not None
        return Account(cur.lastrowid, name, role, unit, False)

    def set_password(self, name: str, password: str) -> Account:
        check_password_rules(password)
        digest = hash_password(password)
        with write(self.conn):
            account = self._require(name)
            self.conn.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                              (digest, now(), account.id))
            self._new_epoch(account.id)  # a changed password ends every session signed with the old one
            log.append(self.conn, self.actor, "修改密码", None, {"name": account.name})
        return account

    def epoch(self, account_id: int) -> str:
        """The account's session epoch: a web session is valid only while it carries the current one."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (EPOCH_KEY.format(account_id),)).fetchone()
        return row[0] if row is not None else ""

    def end_sessions(self, account_id: int) -> None:
        """Every web session of the account ends, copies of its cookie included (signing out)."""
        with write(self.conn):
            self._new_epoch(account_id)

    def _new_epoch(self, account_id: int) -> None:
        self.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          (EPOCH_KEY.format(account_id), secrets.token_hex(8)))

    def disable(self, name: str) -> Account:
        with write(self.conn):
            account = self._require(name)
            if account.disabled:
                raise ArchiveError(f"账号“{name}”已停用")
            self.conn.execute("UPDATE users SET disabled = 1, updated_at = ? WHERE id = ?", (now(), account.id))
            log.append(self.conn, self.actor, "停用账号", None, {"name": account.name})
        return Account(account.id, account.name, account.role, account.unit, True)

    def get(self, account_id: int) -> Account | None:
        row = self.conn.execute("SELECT id, name, role, unit, disabled FROM users WHERE id = ?",
                                (account_id,)).fetchone()
        return _account(row) if row is not None else None

    def list(self) -> list[Account]:
        rows = self.conn.execute("SELECT id, name, role, unit, disabled FROM users ORDER BY id")
        return [_account(r) for r in rows]

    def verify(self, name: str, password: str) -> Account | None:
        """The account when ``name`` exists, is enabled and ``password`` is its password; else None."""
        global _DUMMY_HASH
        row = self.conn.execute("SELECT id, name, role, unit, disabled, password_hash FROM users WHERE name = ?",
                                (name,)).fetchone()
        if row is None:
            if _DUMMY_HASH is None:
                _DUMMY_HASH = hash_password(secrets.token_hex(16))
            _matches(_DUMMY_HASH, password)
            return None
        if not _matches(row["password_hash"], password) or row["disabled"]:
            return None
        return _account(row)

    def secret(self) -> str:
        """The key the web sessions are signed with: made once, kept in the archive's settings."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (SECRET_KEY,)).fetchone()
        if row is not None:
            return row[0]
        with write(self.conn):
            self.conn.execute("INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                              (SECRET_KEY, secrets.token_hex(32)))
        return self.conn.execute("SELECT value FROM settings WHERE key = ?", (SECRET_KEY,)).fetchone()[0]

    def _row(self, name: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT id, name, role, unit, disabled FROM users WHERE name = ?", (name,)).fetchone()

    def _require(self, name: str) -> Account:
        row = self._row(name)
        if row is None:
            raise ArchiveError(f"没有登录名为“{name}”的账号")
        return _account(row)


def _account(row: sqlite3.Row) -> Account:
    return Account(row["id"], row["name"], row["role"], row["unit"], bool(row["disabled"]))
