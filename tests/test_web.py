"""The web workspace over real HTTP (a real server on 127.0.0.1, urllib as the client) and its
library pieces: accounts, throttling, CSRF, escaping, uploads, the users command."""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive
from reviewer.archive.accounts import Accounts
from reviewer.cli.main import cli
from reviewer.errors import ArchiveError
from reviewer.web.throttle import Throttle
from tests.web_helpers import PASSWORD, make_archive, running

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


class Client:
    """A browser-like HTTP client with cookies that does not follow redirects."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def get(self, path: str):
        return self.request(path)

    def post(self, path: str, fields: dict):
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def token(self, path: str = "/login") -> str:
        _, _, body = self.get(path)
        return re.search(r'name="csrf_token" value="([^"]+)"', body.decode()).group(1)

    def login(self, name: str, password: str = PASSWORD):
        return self.post("/login", {"name": name, "password": password, "csrf_token": self.token()})

    def upload(self, name: str, data: bytes, token: str | None = None):
        boundary = uuid.uuid4().hex
        parts = []
        if token is not None:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'.encode())
        quoted = name.replace('"', "%22")  # as browsers send it: UTF-8, quotes escaped
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="draft"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("/check", b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


@pytest.fixture()
def db(tmp_path):
    return make_archive(tmp_path)


def log_actions(db: str) -> list[tuple[str, str]]:
    with Archive.open(db, user="测试") as archive:
        return [(e["user"], e["action"]) for e in archive.log()]


# -- accounts ---------------------------------------------------------------------------------


def test_accounts_hash_passwords_and_refuse_disabled(db):
    with Archive.open(db, user="管理员") as archive:
        accounts: Accounts = archive.accounts
        stored = archive.conn.execute("SELECT password_hash FROM users WHERE name = '市场局'").fetchone()[0]
        assert PASSWORD not in stored and stored.startswith("scrypt:")
        assert accounts.verify("市场局", PASSWORD).unit == "某市市场监督管理局"
        assert accounts.verify("市场局", "wrong-password") is None
        assert accounts.verify("无此人", PASSWORD) is None
        accounts.disable("市场局")
        assert accounts.verify("市场局", PASSWORD) is None
        with pytest.raises(ArchiveError, match="已存在"):
            accounts.add("市场局", "报备单位", PASSWORD, "某单位")
        with pytest.raises(ArchiveError, match="至少 8 个字符"):
            accounts.add("新账号", "审查人员", "short")
        with pytest.raises(ArchiveError, match="未知的角色"):
            accounts.add("新账号", "局长", PASSWORD)
    assert ("管理员", "停用账号") in log_actions(db)


def test_accounts_are_never_deleted(db):
    with Archive.open(db) as archive, pytest.raises(Exception, match="不得删除"):
        archive.conn.execute("DELETE FROM users")


def test_users_command_adds_changes_and_disables(db):
    runner = CliRunner()
    out = runner.invoke(cli, ["users", "--db", db, "add", "负责人甲", "--role", "负责人"], input="pass-word-1\npass-word-1\n")
    assert out.exit_code == 0, out.output
    assert "已新增账号 负责人甲（负责人）" in out.output
    out = runner.invoke(cli, ["users", "--db", db, "passwd", "负责人甲", "--password", "pass-word-2"])
    assert out.exit_code == 0 and "已修改" in out.output
    with Archive.open(db) as archive:
        assert archive.accounts.verify("负责人甲", "pass-word-2") is not None
        assert archive.accounts.verify("负责人甲", "pass-word-1") is None
    out = runner.invoke(cli, ["users", "--db", db, "disable", "负责人甲", "-f", "json"])
    assert out.exit_code == 0 and json.loads(out.output)["disabled"] is True
    out = runner.invoke(cli, ["users", "--db", db, "add", "某人", "--role", "报备单位", "--password", "pass-word-1"])
    assert out.exit_code == 2 and "--unit" in out.output


def test_throttle_counts_per_key_and_forgets_after_the_window():
    now = [0.0]
    throttle = Throttle(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.fail("name:a", "addr:1")
    assert throttle.wait("name:a") == pytest.approx(60)
    assert throttle.wait("name:b", "addr:1") > 0  # the address is limited too
    assert throttle.wait("name:b", "addr:2") == 0
    now[0] = 61
    assert throttle.wait("name:a", "addr:1") == 0


def test_check_does_not_import_the_web_framework():
    code = ("import sys; from reviewer.cli.main import main; sys.argv = ['reviewer', 'check', sys.argv[1]];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'flask' not in sys.modules and 'werkzeug' not in sys.modules, 'web framework imported'")
    done = subprocess.run([sys.executable, "-c", code, str(CORPUS / "示例_违规_通知.txt")],
                          capture_output=True, text=True)
    assert "web framework imported" not in done.stderr and done.returncode == 0, done.stderr


def test_web_handlers_hold_no_sql():
    for path in (Path(__file__).resolve().parents[1] / "reviewer" / "web").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("SELECT ", "INSERT ", "UPDATE ", ".execute(", ".conn"):
            assert word not in text, f"{path.name}: {word.strip()}"


# -- over HTTP --------------------------------------------------------------------------------


def test_login_right_and_wrong_password_and_pages_need_it(db):
    with running(db) as base:
        client = Client(base)
        status, headers, _ = client.get("/")
        assert status == 302 and "/login" in headers["Location"]
        status, _, body = client.login("市场局", "wrong-password")
        assert status == 401 and "登录名或密码不正确" in body.decode()
        status, headers, _ = client.login("市场局")
        assert status == 302 and headers["Location"] == "/"
        status, _, body = client.get("/")
        assert status == 200 and "市场局（报备单位，某市市场监督管理局）" in body.decode()
    actions = log_actions(db)
    assert ("（未登录）", "登录失败") in actions and ("市场局", "登录") in actions


def test_wrong_passwords_are_throttled_even_with_the_right_one(db):
    with running(db, login_limit=3) as base:
        client = Client(base)
        for _ in range(3):
            assert client.login("审查员", "wrong-password")[0] == 401
        status, _, body = client.login("审查员")
        assert status == 429 and "密码错误次数过多" in body.decode()
        # Another account from the same address is refused as well.
        assert client.login("市场局")[0] == 429


def test_posts_without_a_valid_csrf_token_are_refused(db):
    with running(db) as base:
        client = Client(base)
        status, _, body = client.post("/login", {"name": "市场局", "password": PASSWORD})
        assert status == 400 and "防伪令牌" in body.decode()
        status, _, body = client.post("/login", {"name": "市场局", "password": PASSWORD, "csrf_token": "forged" * 6})
        assert status == 400 and "防伪令牌" in body.decode()
        assert client.login("市场局")[0] == 302
        status, _, body = client.upload("示例_违规_通知.txt", (CORPUS / "示例_违规_通知.txt").read_bytes())
        assert status == 400 and "防伪令牌" in body.decode()
        status, _, _ = client.post("/logout", {})
        assert status == 400
        assert client.get("/")[0] == 200  # still signed in


def test_upload_shows_findings_escaped_and_downloads_stay_with_the_owner(db):
    text = ("关于<script>alert(1)</script>管理的通知\n"
            "一、对违反本通知的，处500元罚款。<img src=x onerror=alert(2)>\n"
            "二、详见 javascript:alert(3) 。\n")
    with running(db) as base:
        client = Client(base)
        client.login("市场局")
        status, _, body = client.upload("<i onclick=alert(4)>草案.txt", text.encode(), client.token("/"))
        page = body.decode()
        assert status == 200
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
        assert "<i onclick" not in page and "&lt;i onclick=alert(4)&gt;草案.txt" in page
        assert re.search(r'class="finding sev-error"[^>]*data-family="PENALTY"', page)
        token = re.search(r'/check/([A-Za-z0-9_-]+)/docx', page).group(1)
        status, headers, letter = client.post(f"/check/{token}/opinion", {"csrf_token": client.token("/")})
        assert status == 200 and "attachment" in headers["Content-Disposition"]
        import io

        import docx

        words = "\n".join(p.text for p in docx.Document(io.BytesIO(letter)).paragraphs)
        # A department's pre-check copy takes no number from the office's letter sequence.
        assert "某市司法局" in words and "罚款" in words and "某审〔" not in words
        with Archive.open(db) as archive:
            assert not archive.conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'letter_seq:%'").fetchone()[0]
        # Another account cannot see or download it, whatever URL it types.
        other = Client(base)
        other.login("审查员")
        assert other.get(f"/check/{token}")[0] == 404
        assert other.post(f"/check/{token}/docx", {"csrf_token": other.token("/")})[0] == 404
        assert other.get("/check/..%2F..%2Fetc%2Fpasswd")[0] == 404


def test_unsupported_and_oversized_uploads_are_refused_in_chinese(db):
    with running(db, max_upload=64 * 1024) as base:
        client = Client(base)
        client.login("市场局")
        status, _, body = client.upload("草案.doc", b"\xd0\xcf\x11\xe0", client.token("/"))
        assert status == 400 and "另存为 .docx" in body.decode()
        status, _, body = client.upload("草案.txt", "第一条　".encode() * 20000, client.token("/"))
        assert status == 413 and "上传的文件太大（上限 64 KB）" in body.decode()


def test_reviewer_serve_prints_its_address_and_serves_the_login_page(db):
    import os

    env = {**os.environ, "REVIEWER_DB": db}
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli.main", "serve", "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/login", line)
        assert address, line
        with urllib.request.urlopen(address.group(0), timeout=10) as resp:
            page = resp.read().decode()
        assert resp.status == 200 and "登录" in page and 'name="csrf_token"' in page
        assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stderr.close()


def test_reviewer_serve_stops_on_ctrl_c_and_refuses_a_busy_port_in_chinese(db):
    import os
    import signal
    import socket

    env = {**os.environ, "REVIEWER_DB": db}
    # Ctrl-C is SIGINT; a child of a non-interactive shell may have it ignored, so restore it.
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli.main", "serve", "--port", "0", "--threads", "2"],
                            stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stderr.readline()
        assert "2 个工作线程" in line, line
        port = int(re.search(r"127\.0\.0\.1:(\d+)/login", line).group(1))
        busy = subprocess.run([sys.executable, "-m", "reviewer.cli.main", "serve", "--port", str(port)],
                              capture_output=True, text=True, env=env, timeout=60)
        assert busy.returncode == 2 and "端口已被占用" in busy.stderr and "Traceback" not in busy.stderr
        proc.send_signal(signal.SIGINT)
        assert proc.wait(15) == 0
        rest = proc.stderr.read()
        assert "已停止" in rest and "Traceback" not in rest
        with socket.socket() as probe:  # the port is free again
            probe.bind(("127.0.0.1", port))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stderr.close()


def test_a_mistyped_proxy_address_is_refused_before_the_server_starts(db):
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "0", "--trusted-proxy", "10.0.0.300"])
    assert result.exit_code == 2 and "不是 IP 地址" in result.output and "Traceback" not in result.output


def test_the_in_thread_server_closes_every_descriptor_it_opened(db):
    import os

    def descriptors() -> set[str]:
        return set(os.listdir("/proc/self/fd"))

    pytest.importorskip("fcntl")  # /proc and POSIX descriptors: Linux
    before = descriptors()
    for _ in range(3):
        with running(db) as base:
            for _ in range(5):
                urllib.request.urlopen(base + "/login", timeout=10).read()
    assert descriptors() <= before  # nothing left open: sockets, the loop's wake-up pipe


def test_forwarded_addresses_count_only_from_the_trusted_proxy(db):
    from flask import request

    from reviewer.web.app import create_app
    from reviewer.web.server import in_thread

    app = create_app(db)
    seen: list[str | None] = []

    @app.before_request
    def note_address() -> None:
        seen.append(request.remote_addr)

    forged = {"X-Forwarded-For": "203.0.113.9"}
    for trusted, expected in ((None, "127.0.0.1"), ("127.0.0.1", "203.0.113.9")):
        with in_thread(app, trusted_proxy=trusted) as base:
            urllib.request.urlopen(urllib.request.Request(base + "/login", headers=forged), timeout=10).read()
        assert seen[-1] == expected


def test_a_strangers_wrong_guesses_do_not_lock_the_account_for_its_owner(db):
    """Failures shut an account only from the address that made them; from anywhere it takes ten
    times as many (a stranger's five guesses must not keep the 负责人 out of the office)."""
    import re as _re

    from reviewer.web.app import ACCOUNT_FACTOR, create_app

    app = create_app(db, login_limit=3)

    def attempt(address: str, password: str) -> int:
        client = app.test_client()
        page = client.get("/login", environ_overrides={"REMOTE_ADDR": address}).get_data(as_text=True)
        token = _re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return client.post("/login", data={"name": "审查员", "password": password, "csrf_token": token},
                           environ_overrides={"REMOTE_ADDR": address}).status_code

    assert [attempt("10.0.0.66", "wrong-password") for _ in range(4)] == [401, 401, 401, 429]
    assert attempt("10.0.0.7", PASSWORD) == 302  # the owner, from the office
    # Guesses from many addresses: after limit × ACCOUNT_FACTOR failures the account is shut everywhere.
    for n in range(3 * ACCOUNT_FACTOR - 3):
        assert attempt(f"10.1.{n // 200}.{n % 200}", "wrong-password") == 401
    assert attempt("10.0.0.7", PASSWORD) == 429


def test_signing_out_or_a_new_password_ends_every_copy_of_the_session(db):
    """Sessions are signed cookies: a copy taken before signing out used to stay valid for 8 hours.
    Signing out and a changed password now end the session and every copy of its cookie."""
    with running(db) as base:
        owner = Client(base)
        assert owner.login("审查员")[0] == 302
        thief = Client(base)
        for cookie in owner.jar:
            thief.jar.set_cookie(cookie)
        assert thief.get("/queue")[0] == 200  # the copy works while the owner is signed in
        assert owner.post("/logout", {"csrf_token": owner.token("/queue")})[0] == 302
        status, headers, _ = thief.get("/queue")
        assert status == 302 and "/login" in headers["Location"]
        # A new password does the same for sessions signed in before it.
        assert owner.login("审查员")[0] == 302
        with Archive.open(db, user="管理员") as archive:
            archive.accounts.set_password("审查员", "another-horse-7")
        status, headers, _ = owner.get("/queue")
        assert status == 302 and "/login" in headers["Location"]
        assert owner.login("审查员", "another-horse-7")[0] == 302 and owner.get("/queue")[0] == 200


def _letter_words(client: Client, name: str, data: bytes) -> tuple[str, str, str]:
    """Upload ``data`` as ``name``, download its opinion letter: (report page, file name, letter text)."""
    import io

    import docx

    status, _, body = client.upload(name, data, client.token("/"))
    assert status == 200
    page = body.decode()
    token = re.search(r"/check/([A-Za-z0-9_-]+)/opinion", page).group(1)
    status, headers, letter = client.post(f"/check/{token}/opinion", {"csrf_token": client.token("/")})
    assert status == 200
    filename = urllib.parse.unquote(headers["Content-Disposition"])
    return page, filename, "\n\n".join(p.text for p in docx.Document(io.BytesIO(letter)).paragraphs)


def test_a_departments_letter_says_it_is_a_pre_check_reference_and_the_offices_does_not(db):
    draft = (CORPUS / "示例_违规_通知.txt").read_bytes()
    with running(db) as base:
        department = Client(base)
        department.login("市场局")
        page, filename, words = _letter_words(department, "草案.txt", draft)
        assert "下载预审参考意见" in page and "下载审查意见书" not in page
        assert filename.endswith("草案.预审参考意见.docx")
        paragraphs = words.split("\n\n")
        # Right under the title, and a closing note naming where the formal opinion comes from.
        title_at = next(i for i, text in enumerate(paragraphs) if text.startswith("关于《"))
        assert paragraphs[title_at + 1] == "预审参考（非正式审查意见）"
        assert "不是我局的正式审查意见" in words and "正式审查意见，由我局在你单位报送备案后经备案审查出具" in words
        assert "预审结论：" in words and "审查结论：" not in words.replace("预审结论：", "")
        assert "罚款" in words  # the findings are still there
        assert "〔　　〕　号" not in words and "某审〔" not in words  # no number, not even a blank for one
        assert "收悉" not in words  # nothing was sent to the office
        # Not on the office's letterhead, and signed by the system that made it.
        assert not any(text.endswith("文件") for text in paragraphs[:title_at])
        assert "合法性审查系统（自动生成）" in words

        office = Client(base)
        office.login("审查员")
        page, filename, words = _letter_words(office, "草案.txt", draft)
        assert "下载审查意见书" in page and "预审参考" not in page
        assert filename.endswith("草案.审查意见书.docx")
        assert "预审参考" not in words and "非正式" not in words and "审查结论：" in words and "收悉" in words
        assert re.search(r"某\S*〔\d{4}〕\d+号", words)  # the office's letter takes its number
    actions = log_actions(db)
    assert ("市场局", "网页下载预审参考意见") in actions and ("审查员", "网页下载审查意见书") in actions


def test_a_damaged_model_is_a_server_fault_not_the_users(db, monkeypatch):
    # The second opinion's weights are part of the installation: a drafter who uploads a draft
    # is told the service is unavailable and whom to ask, with 503, never "run make model".
    from reviewer.errors import ModelError
    from reviewer.opinion import model

    def damaged():
        raise ModelError("reviewer/data/opinion.bin: 统计模型文件不完整或已损坏")

    monkeypatch.setattr(model, "builtin", damaged)
    with running(db) as base:
        client = Client(base)
        client.login("市场局")
        draft = "关于机耕道维修的通知\n各农户按承包地面积每亩出二十元，用于机耕道维修，年底前交到村会计处。\n"
        status, _, body = client.upload("草案.txt", draft.encode(), client.token("/"))
        page = body.decode()
        assert status == 503 and "请联系系统管理员" in page
        assert "make model" not in page and "opinion.bin" not in page
