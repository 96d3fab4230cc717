"""A hostile pass over the merged web workspace, through a real server on a real archive: each
test is an attack that once worked (a crash, a leak, an unbounded write) and what now holds."""

from __future__ import annotations

import os
import re
import threading
import urllib.parse
from pathlib import Path

import pytest

from reviewer.archive import Archive, FilingMeta
from reviewer.archive.materials import Material
from reviewer.errors import ArchiveError
from reviewer.web.app import create_app
from tests.test_audit import scenario  # noqa: F401  (the fixture: 8 documents citing changed laws)
from tests.test_web import CORPUS, Client
from tests.web_helpers import make_archive, running, serving

LAWFUL = str(CORPUS / "示例_合法_通知.txt")
MARKET = "某市市场监督管理局"
# A title, a file name or an issuer typed with a line break (a crafted form post; an import).
BROKEN = "关于加强\r\n市场管理的通知"


@pytest.fixture()
def db(tmp_path):
    return make_archive(tmp_path)


def _published(db: str, title: str, materials: tuple[Material, ...] = ()) -> int:
    with Archive.open(db, user="负责人") as archive:
        document_id = archive.submit(LAWFUL, FilingMeta(title=title, issuer=MARKET), materials=materials).id
        archive.review(document_id, "通过", "经审查，未发现问题。")
        archive.register(document_id)
        archive.publish(document_id, "2026-03-01", "市政府网站")
    return document_id


def _disposition(headers: dict) -> str:
    value = headers["Content-Disposition"]
    assert "\r" not in value and "\n" not in value
    return urllib.parse.unquote(value)


def test_a_line_break_in_a_title_file_name_or_issuer_never_breaks_a_download(db):
    """Werkzeug refuses a header with a line break: every download named after typed text crashed
    (500) — the public text and Word downloads for anyone, the letter, the material, the workbook."""
    report = Material("report", "备案\n报告.pdf", b"%PDF-1.4 hostile")
    document_id = _published(db, BROKEN, (report,))
    with Archive.open(db, user="测试") as archive:
        material_id = archive.materials(document_id)[0]["id"]
    with running(db) as base:
        public = Client(base)
        for fmt in ("txt", "docx"):
            status, headers, body = public.get(f"/public/documents/{document_id}/download.{fmt}")
            assert status == 200 and body
            assert "关于加强 市场管理的通知" in _disposition(headers)

        staff = Client(base)
        staff.login("审查员")
        status, headers, _ = staff.post(f"/filings/{document_id}/letter", {"csrf_token": staff.token("/queue")})
        assert status == 200 and "关于加强 市场管理的通知" in _disposition(headers)
        status, headers, body = staff.get(f"/filings/{document_id}/materials/{material_id}")
        assert status == 200 and body == b"%PDF-1.4 hostile" and "备案 报告.pdf" in _disposition(headers)
        status, headers, _ = staff.get("/dashboard.xlsx?issuer=" + urllib.parse.quote("某市\r\n市场监督管理局"))
        assert status == 200 and "某市 市场监督管理局" in _disposition(headers)

def test_ids_beyond_the_archive_s_integer_range_are_not_found(db):
    """/documents/99999999999999999999 raised OverflowError in SQLite: a 500 on every <int:> route,
    the public document page included."""
    huge = str(10**20)
    with running(db) as base:
        public = Client(base)
        for path in (f"/public/documents/{huge}", f"/public/documents/{huge}/download.txt"):
            status, _, body = public.get(path)
            assert status == 404 and "public.css" in body.decode()  # the public site's own page
        staff = Client(base)
        staff.login("审查员")
        for path in (f"/documents/{huge}", f"/filings/{huge}/receipt", f"/suggestions/{huge}", f"/audits/{huge}",
                     f"/documents/1/versions/{huge}", f"/filings/{huge}/review"):
            status, _, body = staff.get(path)
            assert status == 404, path
            assert "服务器内部错误" not in body.decode()
        status, _, _ = staff.get(f"/documents/{2**63 - 1}")
        assert status == 404


def _log_details(db: str, action: str) -> list[str]:
    with Archive.open(db, user="测试") as archive:
        return [row[0] for row in archive.conn.execute("SELECT detail FROM log WHERE action = ?", (action,))]


def test_a_refused_sign_in_stores_neither_a_huge_name_nor_one_entry_per_guess(db):
    """Signed out, anyone could post a 20 MB name: it was written whole into the append-only log
    (which can never be cleaned) and kept as a throttle key in memory; every refused attempt,
    throttled ones included, added a key that was never forgotten."""
    app = create_app(db, login_limit=3)
    throttle = app.extensions["reviewer_throttle"]
    with serving(app) as base:
        client = Client(base)
        token = client.token()
        huge = "某" * 1_000_000
        status, _, body = client.post("/login", {"name": huge, "password": "wrong-password", "csrf_token": token})
        assert status == 401 and len(body) < 100_000
        assert max(len(detail) for detail in _log_details(db, "登录失败")) < 1000
        assert all(len(key) < 200 for key in throttle._failures)
        for n in range(2):
            client.post("/login", {"name": f"猜测{n}", "password": "wrong-password", "csrf_token": token})
        remembered = len(throttle._failures)
        # The address is now throttled: further guesses are refused and logged, but stored nowhere.
        for n in range(20):
            status, _, _ = client.post("/login", {"name": huge + str(n), "password": "x", "csrf_token": token})
            assert status == 429
        assert len(throttle._failures) == remembered
        assert max(len(detail) for detail in _log_details(db, "登录受限")) < 1000
        assert "name:市场局" not in throttle._failures  # a real account's key untouched by the guesses


def _list_files(app) -> list[str]:
    return sorted(os.listdir(app.extensions["reviewer_public_lists"].folder))


def test_refused_sign_ins_do_not_make_the_server_rewrite_the_published_lists(db):
    """The lists are written once per archive state because a 100,000-row list takes seconds; the
    state was the last log entry, which a signed-out visitor moves with every wrong password, so
    each wrong password followed by a download rewrote the whole list (an anonymous CPU drain)."""
    _published(db, "某市农贸市场管理办法")
    app = create_app(db)
    with serving(app) as base:
        public = Client(base)
        first = public.get("/public/catalogue/current.csv")[2]
        written = _list_files(app)
        token = public.token()
        for n in range(3):
            public.post("/login", {"name": f"猜测{n}", "password": "wrong-password", "csrf_token": token})
            assert public.get("/public/catalogue/current.csv")[2] == first
            assert _list_files(app) == written
        # A real change is still followed at once.
        later = _published(db, "某市校外培训机构管理办法")
        assert later and "某市校外培训机构管理办法" in public.get("/public/catalogue/current.csv")[2].decode("utf-8-sig")
        assert _list_files(app) != written


def _filing_upload(client: Client) -> tuple[str, str]:
    """A draft uploaded by the signed-in department: (CSRF token, upload token)."""
    token = client.token("/")
    _, _, body = client.upload("草案.txt", Path(LAWFUL).read_bytes(), token)
    return token, re.search(r"/check/([A-Za-z0-9_-]+)/file", body.decode()).group(1)


def _documents(db: str) -> int:
    with Archive.open(db, user="测试") as archive:
        return archive.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def test_the_filing_form_sent_twice_files_the_draft_once(db):
    """A double click (four posts at once) or the form sent again filed the same upload as a new
    document each time: duplicates in an archive that never deletes a record."""
    with running(db) as base:
        department = Client(base)
        department.login("市场局")
        token, upload = _filing_upload(department)
        form = {"csrf_token": token, "title": "关于加强市场管理的通知"}
        barrier = threading.Barrier(4)
        answers: list[tuple[int, dict, bytes]] = []

        def send() -> None:
            barrier.wait()
            answers.append(department.post(f"/check/{upload}/file", form))

        threads = [threading.Thread(target=send) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert _documents(db) == 1
        receipts = {headers.get("Location") for status, headers, _ in answers if status == 302}
        assert receipts == {"/filings/1/receipt"}
        assert all(status in (302, 400) for status, _, _ in answers)
        status, headers, _ = department.post(f"/check/{upload}/file", form)
        assert status == 302 and headers["Location"].endswith("/filings/1/receipt") and _documents(db) == 1
        assert "该草案已报备（第 1 号）" in department.get("/filings/1/receipt")[2].decode()
        # A refused filing (no title) claims nothing: the corrected form is filed.
        _, second = _filing_upload(department)
        assert department.post(f"/check/{second}/file", {"csrf_token": token, "title": ""})[0] == 400
        assert department.post(f"/check/{second}/file", form)[0] == 302 and _documents(db) == 2


def test_a_basis_document_number_beyond_the_archive_s_range_is_refused_with_a_message(db):
    """The status form's 依据文件 (by) was passed to SQLite as typed: 30 digits were a 500."""
    document_id = _published(db, "某市农贸市场管理办法")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        token = head.token(f"/documents/{document_id}")
        status, _, body = head.post(f"/documents/{document_id}/status",
                                    {"csrf_token": token, "status": "已废止", "reason": "被替代", "by": "9" * 30})
        assert status == 400 and "依据文件" in body.decode()
        status, _, body = head.post(f"/documents/{document_id}/status",
                                    {"csrf_token": token, "status": "已废止", "reason": "被替代", "by": "9" * 18})
        assert status == 400 and "没有编号为" in body.decode()


def test_a_malformed_period_is_refused_by_the_workbook_download_as_by_the_page(db):
    """/dashboard.xlsx?period=0 named the file from the period before it was checked: a 500."""
    with running(db) as base:
        staff = Client(base)
        staff.login("审查员")
        for period in ("0", "-1", "2026-", "\x00", "2026-13", "2026-Q5"):
            query = urllib.parse.urlencode({"by": "year", "period": period})
            for path in ("/dashboard", "/dashboard.xlsx"):
                status, _, body = staff.get(f"{path}?{query}")
                assert status == 400 and "无法识别" in body.decode(), (path, period)
        assert staff.get("/dashboard.xlsx?by=month&period=2026-07")[0] == 200


def test_a_department_cannot_file_a_title_of_megabytes_or_on_several_lines(db):
    """The filing form took the title, 发文字号 and note as posted: a department could file a title
    of megabytes (kept for good, shown on every list of the office and the public catalogue) or one
    with line breaks in it."""
    with running(db) as base:
        department = Client(base)
        department.login("市场局")
        token, upload = _filing_upload(department)
        form = {"csrf_token": token, "title": "某" * 100_000}
        status, _, body = department.post(f"/check/{upload}/file", form)
        assert status == 400 and "文件标题不能超过 200 字（现为 100000 字）" in body.decode()
        assert len(body) < 50_000
        status, _, body = department.post(f"/check/{upload}/file", {**form, "title": "通知", "doc_number": "号" * 101})
        assert status == 400 and "发文字号不能超过 100 字" in body.decode() and _documents(db) == 0
        status, _, _ = department.post(f"/check/{upload}/file", {**form, "title": BROKEN})
        assert status == 302
        with Archive.open(db, user="测试") as archive:
            assert archive.show(1)["title"] == "关于加强 市场管理的通知"
            archive.review(1, "退回补正", "请补交起草说明。")
        status, _, body = department.post("/filings/1/resubmit", {"csrf_token": token, "note": "说" * 2001})
        assert status == 400 and "说明不能超过 2000 字" in body.decode()


def test_a_list_being_downloaded_survives_the_next_state_s_list_replacing_it(db):
    """ListFiles handed out a path and removed older files when the archive changed: a download
    between the two (its path taken, its file not yet opened) found no file — a 500."""
    from reviewer.web.public import ListFiles

    _published(db, "某市农贸市场管理办法")
    lists = ListFiles()
    app = create_app(db)
    readers = app.extensions["reviewer_public_readers"]
    catalogue = readers.acquire()
    try:
        first = lists.get(catalogue, "current", "csv", "2026-12-01")
        _published(db, "某市校外培训机构管理办法")  # a new state: the next request replaces the file
        with lists.get(catalogue, "current", "csv", "2026-12-01") as second:
            assert "某市校外培训机构管理办法" in second.read().decode("utf-8-sig")
        with first:
            assert os.listdir(lists.folder) and "某市农贸市场管理办法" in first.read().decode("utf-8-sig")
    finally:
        readers.release(catalogue)


def test_apply_clicked_twice_at_once_applies_each_decision_once(scenario, monkeypatch):  # noqa: F811
    """应用 read the decisions to apply before taking the write lock: a second click (or a second
    负责人) arriving meanwhile applied the same 继续有效 decisions again — a second set of rows and
    log entries saying each was applied twice."""
    from contextlib import contextmanager

    from reviewer.audit import verdicts
    from reviewer.audit.api import Audits
    from reviewer.audit.records import AuditSettings
    from reviewer.audit.runner import run
    from tests.audit_helpers import AS_OF

    with Archive.open(scenario, user="负责人") as archive:
        run_id = run(archive, AuditSettings(as_of=AS_OF, recheck=False)).run_id
        Audits(archive).accept_all(run_id, "继续有效")
    real_write = verdicts.write
    other_first = [True]

    @contextmanager
    def interleaved(conn):
        if other_first.pop() if other_first else False:  # the other click takes the lock first
            with Archive.open(scenario, user="负责人") as other:
                Audits(other).apply_decided(run_id)
        with real_write(conn):
            yield

    monkeypatch.setattr(verdicts, "write", interleaved)
    with Archive.open(scenario, user="负责人") as archive:
        with pytest.raises(ArchiveError, match="没有待应用的审定结果"):
            Audits(archive).apply_decided(run_id)
        applied = archive.conn.execute("SELECT COUNT(*) FROM audit_decisions WHERE run_id = ?", (run_id,)).fetchone()[0]
        logged = archive.conn.execute("SELECT COUNT(*) FROM log WHERE action = '清理决定'").fetchone()[0]
    assert applied == logged == 3  # the three 继续有效 proposals, once each


def test_a_noncharacter_in_a_filed_title_breaks_no_word_or_excel_file(db):
    """U+FFFE passed the control-character cleaning: a department filing a title with it made the
    public 现行有效 list (.xlsx), the public Word download and the office's letter all fail (500)."""
    with running(db) as base:
        department = Client(base)
        department.login("市场局")
        token, upload = _filing_upload(department)
        status, _, _ = department.post(f"/check/{upload}/file", {"csrf_token": token, "title": "关于市场\ufffe管理的通知\uffff"})
        assert status == 302
        with Archive.open(db, user="负责人") as archive:
            assert archive.show(1)["title"] == "关于市场管理的通知"
            archive.review(1, "通过", "经审查，未发现问题。")
            archive.register(1)
            archive.publish(1, "2026-03-01", "市政府网站")
        public = Client(base)
        assert public.get("/public/catalogue/current.xlsx")[0] == 200
        assert public.get("/public/documents/1/download.docx")[0] == 200
        staff = Client(base)
        staff.login("审查员")
        assert staff.post("/filings/1/letter", {"csrf_token": staff.token("/queue")})[0] == 200


def test_an_opinion_pasted_from_word_still_gives_its_letter(db):
    """Word's manual line break is \\x0b; an opinion pasted with one was stored as typed, and the
    补正通知 of that decision failed (500) every time it was asked for: the decision is permanent."""
    with Archive.open(db, user="测试") as archive:
        document_id = archive.submit(LAWFUL, FilingMeta(title="关于加强市场管理的通知", issuer=MARKET)).id
    with running(db) as base:
        staff = Client(base)
        staff.login("审查员")
        token = staff.token(f"/filings/{document_id}/review")
        status, _, _ = staff.post(f"/filings/{document_id}/review",
                                  {"csrf_token": token, "decision": "退回补正", "opinion": "请补交\x0b起草说明\x01。"})
        assert status == 302
        status, _, body = staff.post(f"/filings/{document_id}/letter", {"csrf_token": token})
        assert status == 200
    import io

    import docx

    words = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "请补交起草说明。" in words


def _at_once(count: int, send) -> list[int]:
    """``send(n)`` from ``count`` threads released together; their statuses, sorted."""
    barrier = threading.Barrier(count)
    statuses: list[int] = []

    def run(n: int) -> None:
        barrier.wait()
        statuses.append(send(n))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_limits_hold_for_attempts_sent_all_at_once(db):
    """Each limit was checked first and counted after the attempt: 30 password guesses sent at
    once were all tried (limit 3), 16 suggestions at once all recorded (limit 5 an hour), and
    unknown receipts at once went past their limit of 10."""
    _published(db, "某市农贸市场管理办法")
    with running(db, login_limit=3) as base:
        clients = [Client(base) for _ in range(30)]
        tokens = [client.token() for client in clients]
        statuses = _at_once(30, lambda n: clients[n].post(
            "/login", {"csrf_token": tokens[n], "name": "负责人", "password": f"guess-{n}"})[0])
        assert statuses == [401] * 3 + [429] * 27

        tokens = [client.token("/public/documents/1") for client in clients]
        statuses = _at_once(16, lambda n: clients[n].post("/public/documents/1/suggest", {
            "csrf_token": tokens[n], "kind": "公民", "submitter": "王市民", "contact": "13800000000",
            "text": f"建议{n}"})[0])
        assert statuses == [302] * 5 + [429] * 11
        with Archive.open(db, user="测试") as archive:
            receipts = [row[0] for row in archive.conn.execute("SELECT receipt FROM suggestions ORDER BY id")]
        assert [r.split("-")[1] for r in receipts] == ["0001", "0002", "0003", "0004", "0005"]

        tokens = [client.token("/public/suggestions/lookup") for client in clients]
        statuses = _at_once(30, lambda n: clients[n].post(
            "/public/suggestions/lookup", {"csrf_token": tokens[n], "receipt": f"2026-0009-ABCD{n:02d}"})[0])
        assert statuses == [404] * 10 + [429] * 20


def test_a_department_does_not_read_who_suggested_what_about_its_document(db):
    """The document page showed its whole log to the department that issued it, with each public
    suggestion's submitter and receipt number — the key that reads the suggestion and the office's
    reply on the public site — and the office's handling notes."""
    document_id = _published(db, "某市农贸市场管理办法")
    with running(db) as base:
        citizen = Client(base)
        token = citizen.token(f"/public/documents/{document_id}")
        status, _, _ = citizen.post(f"/public/documents/{document_id}/suggest", {
            "csrf_token": token, "kind": "公民", "submitter": "王市民", "contact": "13800000000",
            "text": "第三条的罚款没有上位法依据。"})
        assert status == 302
        receipt = re.search(r'receipt-number">([^<]+)<', citizen.get("/public/suggestions/receipt")[2].decode()).group(1)
        staff = Client(base)
        staff.login("审查员")
        token = staff.token("/suggestions/1")
        assert staff.post("/suggestions/1", {"csrf_token": token, "action": "handle", "text": "内部：拟请市场局说明"})[0] == 302
        office_page = staff.get(f"/documents/{document_id}")[2].decode()
        assert receipt in office_page and "王市民" in office_page and "拟请市场局说明" in office_page

        department = Client(base)
        department.login("市场局")
        status, _, body = department.get(f"/documents/{document_id}")
        page = body.decode()
        assert status == 200 and 'id="log"' in page and "公布" in page
        for secret in (receipt, "王市民", "拟请市场局说明", "收到审查建议"):
            assert secret not in page, secret
