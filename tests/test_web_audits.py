"""Cleanup audits in the browser, over real HTTP: roles, CSRF, start → progress → proposals →
decide → apply on a real archive of documents citing real (imported) laws, and resuming a run
that stopped part-way."""

from __future__ import annotations

import json
import re
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from reviewer.archive import Archive
from reviewer.audit.records import AuditSettings
from reviewer.audit.runner import AuditInterrupted, run
from reviewer.errors import ArchiveError
from tests.audit_helpers import AS_OF
from tests.test_audit import scenario  # noqa: F401  (the fixture: 8 documents, one law repealed, one amended)
from tests.test_web import Client
from tests.web_helpers import PASSWORD, running

ACCOUNTS = (("审查员", "审查人员", None), ("负责人", "负责人", None), ("管理员", "管理员", None),
            ("市场局", "报备单位", "某市市场监督管理局"))


@pytest.fixture()
def db(scenario: Path) -> str:  # noqa: F811
    with Archive.open(scenario, user="测试") as archive:
        for name, role, unit in ACCOUNTS:
            archive.accounts.add(name, role, PASSWORD, unit)
    return str(scenario)


def signed_in(base: str, name: str) -> Client:
    client = Client(base)
    status, _, _ = client.login(name)
    assert status == 302
    return client


def status(client: Client) -> dict:
    code, headers, body = client.get("/audits/status")
    assert code == 200 and headers["Content-Type"].startswith("application/json")
    return json.loads(body)


def wait_until_not_running(client: Client, limit: float = 120.0) -> dict:
    """Poll the progress as the page does, until the run has ended (the limit only stops a hang)."""
    deadline = time.monotonic() + limit
    seen = []
    while time.monotonic() < deadline:
        current = status(client)
        seen.append(current)
        if current["state"] != "running":
            return current
        time.sleep(0.2)
    raise AssertionError(f"the audit did not end: {seen[-3:]}")


def start(client: Client, **fields) -> tuple[int, dict, bytes]:
    form = {"csrf_token": client.token("/audits"), "mode": "new", "as_of": AS_OF, "expiring_months": "6",
            "workers": "1", **fields}
    return client.post("/audits/start", form)


def decide(client: Client, run_id: int, document_id: int, decision: str, note: str = "", **keep):
    form = {"csrf_token": client.token(f"/audits/{run_id}"), "decision": decision, "note": note, **keep}
    return client.post(f"/audits/{run_id}/documents/{document_id}", form)


def test_only_the_office_sees_audits(db):
    with running(db) as base:
        anonymous = Client(base)
        code, headers, _ = anonymous.get("/audits")
        assert code == 302 and "/login" in headers["Location"]
        department = signed_in(base, "市场局")
        for path in ("/audits", "/audits/status", "/audits/1"):
            code, _, body = department.get(path)
            assert code == 403 and "无权" in body.decode()
        assert "清理审计" not in department.get("/")[2].decode()
        admin = signed_in(base, "管理员")
        code, _, body = admin.get("/audits")
        assert code == 200 and "只有审查人员或负责人可以开始" in body.decode() and 'id="start-form"' not in body.decode()
        assert start(admin)[0] == 403
        reviewer = signed_in(base, "审查员")
        page = reviewer.get("/audits")[2].decode()
        assert 'id="start-form"' in page and "还没有清理审计" in page and "清理审计</a>" in page
        assert reviewer.get("/audits/99")[0] == 404
    with Archive.open(db) as archive:
        assert archive.conn.execute("SELECT count(*) FROM audit_runs").fetchone()[0] == 0


def test_starting_and_deciding_need_a_valid_csrf_token(db):
    with running(db) as base:
        reviewer = signed_in(base, "审查员")
        code, _, _ = start(reviewer, mode="resume")  # nothing to resume: said so, nothing started
        assert code == 302 and "没有未完成的清理审计" in reviewer.get("/audits")[2].decode()
        code, _, body = start(reviewer, csrf_token="forged" * 6)
        assert code == 400 and "防伪令牌" in body.decode()
        code, _, body = reviewer.post("/audits/start", {"mode": "new", "as_of": AS_OF})
        assert code == 400
        assert status(reviewer)["state"] == "idle"
    with Archive.open(db) as archive:
        assert archive.conn.execute("SELECT count(*) FROM audit_runs").fetchone()[0] == 0


def test_bad_settings_are_refused_in_chinese(db):
    with running(db) as base:
        reviewer = signed_in(base, "审查员")
        code, _, body = start(reviewer, as_of="明年某天")
        assert code == 400 and "审计基准日" in body.decode() and "Traceback" not in body.decode()
        code, _, body = start(reviewer, workers="0")
        assert code == 400 and "并行进程数" in body.decode()
        code, _, body = start(reviewer, expiring_months="半年")
        assert code == 400 and "届满提醒月数" in body.decode()
        assert status(reviewer)["state"] == "idle"


def test_start_progress_proposals_decide_apply(db):
    with running(db) as base:
        reviewer = signed_in(base, "审查员")
        code, headers, _ = start(reviewer)  # recheck left unticked: laws, validity and pairs only
        assert code == 302 and headers["Location"].endswith("/audits")
        ended = wait_until_not_running(reviewer)
        assert ended["state"] == "idle" and ended["message"] is None
        page = reviewer.get("/audits")[2].decode()
        assert 'data-run="1"' in page and "已完成" in page and "8/8" in page
        run_id = 1

        page = reviewer.get(f"/audits/{run_id}")[2].decode()
        # Counts at the top, as the scenario's proposals are (see tests/test_audit.py).
        assert re.search(r'id="count-0"[^>]*>继续有效 <b>3</b>', page)
        assert re.search(r'id="count-1"[^>]*>修改 <b>3</b>', page)
        assert re.search(r'id="count-2"[^>]*>废止 <b>1</b>', page)
        assert re.search(r'id="count-3"[^>]*>宣布失效 <b>1</b>', page)
        assert re.search(r'id="state-0"[^>]*>未审定 <b>8</b>', page)
        # Reasons and the laws involved are shown with each proposal.
        assert "丙丁保护法" in page and "涉及上位法：《中华人民共和国丙丁保护法》" in page and "有效期已于2024-12-31届满" in page
        page = reviewer.get(f"/audits/{run_id}?outcome={quote('废止')}")[2].decode()
        assert 'id="d1"' in page and 'id="d5"' not in page and "共 1 份" in page
        assert reviewer.get(f"/audits/{run_id}?outcome={quote('都行')}")[0] == 400

        # Decide: accept two proposals, change one without a note (refused), then with one.
        assert decide(reviewer, run_id, 1, "废止", outcome="废止")[1]["Location"].endswith(
            f"/audits/{run_id}?outcome=%E5%BA%9F%E6%AD%A2#d1")
        assert decide(reviewer, run_id, 5, "宣布失效")[0] == 302
        code, _, body = decide(reviewer, run_id, 2, "继续有效")
        assert code == 400 and "改为“继续有效”时请写明说明" in body.decode()
        assert decide(reviewer, run_id, 2, "继续有效", "所引条款本次修改未涉及，经核对无需修改")[0] == 302
        assert decide(reviewer, run_id, 3, "作废")[0] == 400
        page = reviewer.get(f"/audits/{run_id}")[2].decode()
        assert re.search(r'id="state-0"[^>]*>未审定 <b>5</b>', page)
        assert re.search(r'id="state-1"[^>]*>已审定 <b>3</b>', page) and "其中改变建议的 1 份" in page
        assert "说明：所引条款本次修改未涉及，经核对无需修改" in page
        # Accept every undecided 继续有效 proposal at once (documents 3, 7 and 8).
        code, _, _ = reviewer.post(f"/audits/{run_id}/accept", {"csrf_token": reviewer.token(f"/audits/{run_id}"),
                                                                "kind": "继续有效"})
        assert code == 302
        assert "已采纳 3 份文件“继续有效”的建议" in reviewer.get(f"/audits/{run_id}")[2].decode()

        # Only 负责人 applies.
        code, _, body = reviewer.post(f"/audits/{run_id}/apply", {"csrf_token": reviewer.token(f"/audits/{run_id}")})
        assert code == 403
        head = signed_in(base, "负责人")
        code, _, body = head.post(f"/audits/{run_id}/apply", {"csrf_token": "forged" * 6})
        assert code == 400
        page = head.get(f"/audits/{run_id}")[2].decode()
        assert "应用已审定的 6 项决定" in page
        code, _, _ = head.post(f"/audits/{run_id}/apply", {"csrf_token": head.token(f"/audits/{run_id}")})
        assert code == 302
        page = head.get(f"/audits/{run_id}")[2].decode()
        assert "已应用第 1 次审计的 6 项决定" in page and re.search(r'id="state-2"[^>]*>已应用 <b>6</b>', page)
        assert 'action="/audits/1/documents/1"' not in page  # applied: no more forms
        code, _, body = decide(head, run_id, 1, "继续有效", "改回")
        assert code == 400 and "已不在现行有效文件之列" in body.decode()
        # Nothing left to apply: said so, nothing changed.
        code, _, body = head.post(f"/audits/{run_id}/apply", {"csrf_token": head.token(f"/audits/{run_id}")})
        assert code == 400 and "没有待应用的审定结果" in body.decode()
        # The published lists follow the decisions.
        code, headers, body = head.get(f"/audits/{run_id}/lists/ended")
        assert code == 200 and "attachment" in headers["Content-Disposition"]
        ended_rows = [[c for c in row if c is not None] for row in load_workbook(BytesIO(body)).active.iter_rows(
            values_only=True)]
        assert any("关于一号事项的通知" in row and "废止" in row for row in ended_rows)
        assert any("关于五号事项的通知" in row and "宣布失效" in row for row in ended_rows)
        assert head.get(f"/audits/{run_id}/lists/other")[0] == 404
    with Archive.open(db) as archive:
        statuses = dict(archive.conn.execute("SELECT id, status FROM documents").fetchall())
        assert statuses[1] == "已废止" and statuses[5] == "失效" and statuses[2] == "有效"
        decided = {r["document_id"]: (r["decision"], r["source"], r["decided_by"]) for r in archive.conn.execute(
            "SELECT * FROM audit_decisions")}
        assert decided[1] == ("废止", "网页审定", "负责人") and decided[2][0] == "继续有效" and len(decided) == 6
        actions = [(e["user"], e["action"], e["document_id"]) for e in archive.log()]
        assert ("审查员", "清理审计开始", None) in actions and ("审查员", "清理审定", 2) in actions
        assert ("负责人", "清理决定", 2) in actions
        assert any(u == "负责人" and d == 1 and a != "清理审定" for u, a, d in actions)  # the status change
        with pytest.raises(Exception, match="只能追加"):
            archive.conn.execute("UPDATE audit_verdicts SET decision = '废止'")


def test_a_run_that_stopped_part_way_is_resumed_from_the_page(db):
    def stop_after_three(done: int, total: int) -> None:
        if done >= 3:
            raise KeyboardInterrupt

    with Archive.open(db, user="审查员") as archive, pytest.raises(AuditInterrupted):
        run(archive, AuditSettings(as_of=AS_OF, recheck=False), progress=stop_after_three)
    with running(db) as base:
        reviewer = signed_in(base, "审查员")
        current = status(reviewer)
        assert current["state"] == "interrupted" and current["run_id"] == 1 and 0 < current["done"] < 8
        page = reviewer.get("/audits")[2].decode()
        assert "第 1 次审计未完成" in page and 'id="resume-audit"' in page
        # A new run is not started over an unfinished one without saying which.
        code, _, body = start(reviewer)
        assert code == 400 and "尚未完成" in body.decode()
        code, _, _ = reviewer.post("/audits/start", {"csrf_token": reviewer.token("/audits"), "mode": "resume",
                                                     "workers": "1"})
        assert code == 302
        assert wait_until_not_running(reviewer)["state"] == "idle"
        # Decisions wait for the run to finish; it has now.
        assert decide(reviewer, 1, 1, "废止")[0] == 302
    with Archive.open(db) as archive:
        assert tuple(archive.conn.execute("SELECT count(*), min(status) FROM audit_runs").fetchone()) == (1, "已完成")
        assert archive.conn.execute("SELECT count(*) FROM audit_results").fetchone()[0] == 8


def test_deciding_an_unfinished_run_is_refused(db):
    with Archive.open(db, user="审查员") as archive:
        from reviewer.audit.api import Audits

        with pytest.raises(AuditInterrupted):
            run(archive, AuditSettings(as_of=AS_OF, recheck=False),
                progress=lambda done, total: (_ for _ in ()).throw(KeyboardInterrupt) if done >= 2 else None)
        with pytest.raises(ArchiveError, match="进行中，完成后才能审定"):
            Audits(archive).decide(1, 1, "废止")
    with running(db) as base:
        reviewer = signed_in(base, "审查员")
        page = reviewer.get("/audits/1")[2].decode()
        assert "完成后才能审定" in page and "采纳建议" not in page


def _results(db: str) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM audit_results").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_the_audit_child_stops_when_the_server_dies_and_the_run_resumes(tmp_path):
    """A server killed outright (SIGKILL) leaves its audit child to notice and interrupt itself,
    keeping what it computed; the next start resumes the same run."""
    import os
    import signal
    import subprocess
    import sys

    from reviewer.web.auditjob import locked
    from tests.audit_helpers import build_archive

    docs = [{"title": f"关于第{i}批行政执法事项的通知", "text": f"一、各单位应当依法行政，编号{i}。\n二、对违反本通知的，处500元罚款。"}
            for i in range(4000)]
    db = str(build_archive(tmp_path, docs))
    settings = AuditSettings(as_of=AS_OF).to_dict()  # with the recheck: slow enough to be caught
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom reviewer.web.auditjob import AuditJobs\n"
         f"AuditJobs({db!r}, {str(tmp_path)!r}).start('测试', {settings!r}, 1, False)\ntime.sleep(600)"],
        start_new_session=True, cwd=Path(__file__).resolve().parents[1])
    try:
        deadline = time.monotonic() + 120
        while _results(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert locked(db), "the child should be running and hold the lock"
    finally:
        os.kill(server.pid, signal.SIGKILL)  # the stand-in server only; its child is in another session
        server.wait()
    deadline = time.monotonic() + 60
    while locked(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not locked(db), "the child should have stopped after its server died"
    with Archive.open(db, user="测试") as archive:
        row = archive.conn.execute("SELECT status, total FROM audit_runs").fetchone()
        done = _results(db)
        assert row["status"] == "进行中" and 0 < done < row["total"] == 4000
        summary = run(archive, AuditSettings(as_of=AS_OF))
        assert summary.resumed and summary.skipped == done and _results(db) == 4000


def test_proposals_name_rules_by_their_chinese_titles(tmp_path: Path):
    """A reason from today's rules shows the rule's title (from the rule set) with its code set
    small; every reason's kind is in words, the stable code only in the tooltip."""
    from reviewer.rules.loader import default_ruleset
    from tests.audit_helpers import build_archive

    text = (Path(__file__).resolve().parents[1] / "corpus" / "示例_违规_市场管理办法.txt").read_text(encoding="utf-8")
    db = build_archive(tmp_path, [{"title": "某市集贸市场管理办法", "text": text},
                                  {"title": "关于二号事项的通知", "text": "一、本通知有效期至2024年12月31日。"}])
    with Archive.open(db, user="审查员") as archive:
        archive.accounts.add("审查员", "审查人员", PASSWORD)
        run(archive, AuditSettings(as_of=AS_OF))
    title = default_ruleset().get("LICENSE002").title
    with running(str(db)) as base:
        page = signed_in(base, "审查员").get("/audits/1")[2].decode()
    reasons = page[page.index('id="d1"'):page.index('id="d2"')]
    assert re.search(rf'<strong class="rule-title">{title}</strong> <code class="rule-code" title="规则编号">'
                     r"LICENSE002</code>（错误，登记后新发现）「备案通过后方可」", reasons)
    assert '<span class="reason-kind" title="RULE">审查规则</span>' in reasons
    assert "（LICENSE002，" not in reasons  # the code is not read out inside the sentence
    expired = page[page.index('id="d2"'):]
    assert "有效期已于2024-12-31届满" in expired
    assert '<span class="reason-kind" title="EXPIRED">有效期届满</span>' in expired
    shown = re.sub(r"<[^>]*>", " ", page)
    assert "RULE" not in shown and "EXPIRED" not in shown  # stable codes only inside tags (tooltips)
    assert re.search(r"<code[^>]*>(RULE|EXPIRED)</code>", page) is None
