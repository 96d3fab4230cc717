"""Load: eight clients at once over real HTTP against a real server on a real SQLite file.

Six 报备单位 clients sign in, take the CSRF token from the page, upload a small lawful draft, file
it and read the receipt, again and again; two 负责人 clients work the same queue at the same time
(review 通过, sign off, register), so they race for the same documents. After the run the heads
finish what is left, and the archive must hold every filing that got a receipt, exactly one
review, sign-off and registration each, registration numbers 1…N with no gap and no duplicate,
one log entry per successful action, and no response may have been a 500.

Duration: REVIEWER_LOAD_SECONDS (default 15 s here so that `make test` stays short; `make bench`
runs it for the 60 s the issue names, bench/bench_web_load.py).
"""

from __future__ import annotations

import os
import re
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from reviewer.archive import Archive
from reviewer.archive.records import Settings
from tests.test_web import Client
from tests.web_helpers import PASSWORD, make_archive, running

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("REVIEWER_LOAD_SECONDS", "15"))
FILERS = 6
HEADS = 2
UNITS = ("某市市场监督管理局", "某市教育局", "某市交通运输局")
DRAFT = """关于做好2026年度安全生产检查工作的通知（{tag}）
各有关单位：
为做好年度安全生产检查工作，现就有关事项通知如下：
一、加强组织领导。各单位要明确责任分工，落实工作责任。
二、按时报送总结。请于2026年12月31日前将工作总结报送我局。
{unit}
2026年11月20日
"""


@dataclass
class Tally:
    """What the clients saw: every response status by kind, timings, and what succeeded."""

    statuses: Counter = field(default_factory=Counter)
    timings: dict[str, list[float]] = field(default_factory=dict)
    receipts: dict[int, str] = field(default_factory=dict)  # document id → title, from a 200 receipt
    done: Counter = field(default_factory=Counter)  # successful actions, by log action name
    numbers: dict[int, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(self, kind: str, fn, *args):
        started = time.perf_counter()
        status, headers, body = fn(*args)
        with self.lock:
            self.statuses[(kind, status)] += 1
            self.timings.setdefault(kind, []).append(time.perf_counter() - started)
        if status >= 500:
            self.fail(f"{kind}: {status}")
        return status, headers, body.decode("utf-8", "replace")

    def count(self, action: str) -> None:
        with self.lock:
            self.done[action] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


def _upload(client: Client, name: str, data: bytes, token: str):
    return client.upload(name, data, token)


def _filer(base: str, name: str, unit: str, deadline: float, tally: Tally) -> None:
    client = Client(base)
    status, _, _ = tally.call("login", client.login, name)
    if status != 302:
        return tally.fail(f"{name} 登录失败：{status}")
    tally.count("登录")
    n = 0
    while time.monotonic() < deadline:
        n += 1
        tag = f"{name}-{n}"
        status, _, page = tally.call("page", client.get, "/")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = DRAFT.format(tag=tag, unit=unit).encode()
        status, _, page = tally.call("check", _upload, client, f"{tag}.txt", data, token)
        if status != 200:
            tally.fail(f"{tag} 上传：{status}")
            continue
        tally.count("网页审查草案")
        upload = re.search(r"/check/([A-Za-z0-9_-]+)/docx", page).group(1)
        status, _, page = tally.call("page", client.get, f"/check/{upload}/file")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        title = f"关于安全生产检查的通知（{tag}）"
        form = {"title": title, "doc_number": "", "csrf_token": token, "pkg_report": "1"}
        status, headers, _ = tally.call("file", client.post, f"/check/{upload}/file", form)
        if status != 302:
            tally.fail(f"{tag} 报备：{status}")
            continue
        tally.count("报备")
        status, _, page = tally.call("page", client.get, headers["Location"])
        found = re.search(r'id="receipt-id">第 (\d+) 号', page)
        if status == 200 and found:
            with tally.lock:
                tally.receipts[int(found.group(1))] = title
        else:
            tally.fail(f"{tag} 回执：{status}")


def _ids(page: str, start: str, end: str | None) -> list[int]:
    section = page[page.index(start):page.index(end) if end else None]
    return [int(x) for x in re.findall(r'data-id="(\d+)"', section)]


def _head_round(client: Client, token: str, tally: Tally, flip: bool) -> int:
    """One pass over the queue and the registry; returns how many documents it found to work on."""
    _, _, queue = tally.call("page", client.get, "/queue")
    pending = _ids(queue, 'id="stage-1"', 'id="stage-2"')
    for document_id in reversed(pending) if flip else pending:
        status, _, _ = tally.call("page", client.get, f"/filings/{document_id}/review")
        form = {"csrf_token": token, "decision": "通过", "opinion": "经审查，未发现问题。"}
        status, _, _ = tally.call("review", client.post, f"/filings/{document_id}/review", form)
        if status == 302:
            tally.count("审查")
    _, _, registry = tally.call("page", client.get, "/registry")
    to_sign = _ids(registry, 'id="registry-1"', 'id="registry-2"')
    to_register = _ids(registry, 'id="registry-2"', 'id="registry-3"')
    for action, log_action, ids in (("signoff", "签发", to_sign), ("register", "登记编号", to_sign + to_register)):
        for document_id in reversed(ids) if flip else ids:
            status, _, _ = tally.call(action, client.post, f"/documents/{document_id}/{action}", {"csrf_token": token})
            if status == 302:
                tally.count(log_action)
    return len(pending) + len(to_sign) + len(to_register)


def _head(base: str, name: str, deadline: float, stop: threading.Event, tally: Tally, flip: bool) -> None:
    client = Client(base)
    status, _, _ = tally.call("login", client.login, name)
    if status != 302:
        return tally.fail(f"{name} 登录失败：{status}")
    tally.count("登录")
    token = client.token("/registry")
    while time.monotonic() < deadline or not stop.is_set():
        if _head_round(client, token, tally, flip) == 0:
            if stop.is_set():
                break
            time.sleep(0.2)  # nothing filed yet: look again shortly
    # Drain: once the filers have stopped, finish every filing left.
    for _ in range(50):
        if _head_round(client, token, tally, flip) == 0:
            break


def _guarded(tally: Tally, fn, *args) -> None:
    """A client thread's body: an exception (a refused connection, a page without its token) is a
    failure of the run, not a thread that silently stops."""
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001  (any of them fails the test, with its text)
        tally.fail(f"{fn.__name__}{args[1:2]}: {type(exc).__name__}: {exc}")


def _archive(tmp_path) -> str:
    db = make_archive(tmp_path)
    with Archive.create(db, Settings(office="某市司法局", code="某", require_signoff=True), user="测试") as archive:
        for n in range(FILERS):
            archive.accounts.add(f"科室{n}", "报备单位", PASSWORD, UNITS[n % len(UNITS)])
        archive.accounts.add("负责人二", "负责人", PASSWORD, "某市司法局")
    return db


def test_eight_clients_file_and_register_at_once_and_lose_nothing(tmp_path):
    db = _archive(tmp_path)
    tally = Tally()
    with running(db) as base:
        started = time.monotonic()
        deadline = started + SECONDS
        stop = threading.Event()
        filers = [threading.Thread(target=_guarded, args=(tally, _filer, base, f"科室{n}", UNITS[n % len(UNITS)],
                                                          deadline, tally)) for n in range(FILERS)]
        heads = [threading.Thread(target=_guarded, args=(tally, _head, base, name, deadline, stop, tally, n % 2 == 1))
                 for n, name in enumerate(("负责人", "负责人二"))]
        for thread in filers + heads:
            thread.start()
        for thread in filers:
            thread.join()
        stop.set()
        for thread in heads:
            thread.join()
        elapsed = time.monotonic() - started
    _report(tally, elapsed)

    assert tally.failures == []
    assert not [key for key in tally.statuses if key[1] >= 500]
    assert len(tally.receipts) >= FILERS  # every filer filed at least once
    with Archive.open(db) as archive:
        documents = {d["id"]: d for d in archive.documents(limit=100_000)}
        log = archive.log()
        rows = archive.conn.execute("SELECT document_id, seq, number, year FROM registrations ORDER BY seq").fetchall()
        reviews = Counter(r[0] for r in archive.conn.execute("SELECT document_id FROM reviews"))
        signoffs = Counter(r[0] for r in archive.conn.execute("SELECT document_id FROM signoffs"))
        assert archive.integrity() == "ok"
    # Every receipt is a filing in the archive under its title, and nothing else was filed.
    assert {i: documents[i]["title"] for i in tally.receipts} == tally.receipts
    assert set(documents) == set(tally.receipts)
    # Each filing reviewed, signed and registered exactly once; numbers 1…N, distinct, no gap.
    assert all(d["filing_status"] == "通过" and d["number"] for d in documents.values())
    assert set(reviews) == set(signoffs) == set(documents) and set(reviews.values()) == set(signoffs.values()) == {1}
    assert len({r["year"] for r in rows}) == 1
    assert [r["seq"] for r in rows] == list(range(1, len(documents) + 1))
    assert len({r["number"] for r in rows}) == len(rows) == len(documents)
    # One log entry per successful action, each under the account that did it.
    actions = Counter(e["action"] for e in log)
    for action in ("登录", "网页审查草案", "报备", "审查", "签发", "登记编号"):
        assert actions[action] == tally.done[action], action
    assert tally.done["报备"] == tally.done["登记编号"] == len(documents)
    filed_by = {e["document_id"]: e["user"] for e in log if e["action"] == "报备"}
    assert set(filed_by.values()) <= {f"科室{n}" for n in range(FILERS)}
    assert {e["user"] for e in log if e["action"] in ("审查", "签发", "登记编号")} <= {"负责人", "负责人二"}


def _report(tally: Tally, elapsed: float) -> None:
    """The figures, printed for `make bench` (pytest -s) and kept in the test's output otherwise."""
    print(f"\n负载测试：{FILERS} 个报备客户端 + {HEADS} 个负责人客户端，{elapsed:.1f} s"
          f"（报备截止 {SECONDS:g} s，其后负责人处理完剩余文件）")
    print(f"  报备 {tally.done['报备']} 件（{tally.done['报备'] / SECONDS * 60:.0f} 件/分钟），"
          f"审查 {tally.done['审查']}，签发 {tally.done['签发']}，登记 {tally.done['登记编号']}")
    refused = sum(n for (_, status), n in tally.statuses.items() if status == 400)
    crashed = sum(n for (_, status), n in tally.statuses.items() if status >= 500)
    print(f"  请求 {sum(tally.statuses.values())} 次，其中两位负责人争抢同一文件被拒（400）{refused} 次，5xx {crashed} 次")
    for kind, times in sorted(tally.timings.items()):
        times = sorted(times)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"  {kind:<9} {len(times):>5} 次  中位 {statistics.median(times) * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms")
