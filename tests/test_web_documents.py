"""The document page and the registry over real HTTP: the 负责人 signs off, registers, records
publication and changes status; other roles are refused; another unit's document is 404."""

from __future__ import annotations

import html
import re

import pytest

from reviewer.archive import Archive, FilingMeta
from reviewer.archive.records import Settings
from tests.test_web import CORPUS, Client
from tests.web_helpers import PASSWORD, make_archive, running

LAWFUL = str(CORPUS / "示例_合法_通知.txt")
MARKET = "某市市场监督管理局"


def _passed(db: str, title: str, issuer: str = MARKET) -> int:
    with Archive.open(db, user="审查员") as archive:
        document_id = archive.submit(LAWFUL, FilingMeta(title=title, issuer=issuer)).id
        archive.review(document_id, "通过", "经审查，未发现问题。")
    return document_id


@pytest.fixture()
def db(tmp_path):
    path = make_archive(tmp_path)
    with Archive.create(path, Settings(office="某市司法局", code="某", require_signoff=True), user="测试") as archive:
        archive.accounts.add("教育局", "报备单位", PASSWORD, "某市教育局")
    return path


def _page(client: Client, document_id: int) -> str:
    status, _, body = client.get(f"/documents/{document_id}")
    assert status == 200
    return body.decode()


def _act(client: Client, document_id: int, action: str, **fields) -> tuple[int, dict, str]:
    token = client.token(f"/documents/{document_id}")
    status, headers, body = client.post(f"/documents/{document_id}/{action}", {"csrf_token": token, **fields})
    return status, headers, body.decode()


def test_the_head_signs_off_registers_publishes_and_changes_status(db):
    document_id = _passed(db, "关于<b>优化</b>营商环境的通知")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        status, _, body = head.get("/registry")
        listing = body.decode()
        assert status == 200 and "待签发（1 件）" in listing and "待登记（0 件）" in listing
        assert "关于&lt;b&gt;优化&lt;/b&gt;营商环境的通知" in listing
        assert f'href="/documents/{document_id}"' in listing

        # Registration before the sign-off is refused with the reason, and allocates nothing.
        status, _, page = _act(head, document_id, "register")
        assert status == 400 and "尚未经负责人签发" in html.unescape(page)
        status, headers, _ = _act(head, document_id, "signoff", note="同意登记。")
        assert status == 302 and headers["Location"].endswith(f"/documents/{document_id}")
        page = _page(head, document_id)
        assert "已签发，可以登记编号" in page and "负责人 于" in page and "同意登记。" in page
        assert "待登记（1 件）" in head.get("/registry")[2].decode()
        status, _, page = _act(head, document_id, "signoff")
        assert status == 400 and "已由 负责人" in page

        status, _, _ = _act(head, document_id, "register")
        assert status == 302
        page = _page(head, document_id)
        year = re.search(r"某规〔(\d{4})〕1号", page).group(1)
        assert f'<td id="reg-number"><strong>某规〔{year}〕1号</strong>' in page
        assert "已登记" in _act(head, document_id, "register")[2]

        # Publication needs a channel; status changes need a reason.
        status, _, page = _act(head, document_id, "publish", date="2026-11-30", channel="")
        assert status == 400 and "公布渠道" in page
        status, _, _ = _act(head, document_id, "publish", date="2026-11-30", channel="市政府公报")
        assert status == 302
        status, _, page = _act(head, document_id, "status", status="已废止", reason=" ")
        assert status == 400 and "变更理由" in page
        status, _, _ = _act(head, document_id, "status", status="已修改", reason="第三条依新规调整", date="2026-12-01")
        assert status == 302
        page = _page(head, document_id)
        for shown in ("市政府公报", "2026-11-30", "未公布", "有效", "已修改", "第三条依新规调整",
                      "经审查，未发现问题。", "第 1 版", "查看全文"):
            assert shown in page, shown
        log = page[page.index('id="log"'):]
        for action in ("报备", "审查", "签发", "登记编号", "公布", "状态变更"):
            assert f'<td class="nowrap">{action}</td>' in log, action
        assert f'href="/documents/{document_id}/versions/1"' in page
        status, _, body = head.get(f"/documents/{document_id}/versions/1")
        assert status == 200 and "清河区" in body.decode()
        assert head.get(f"/documents/{document_id}/versions/9")[0] == 404
    with Archive.open(db) as archive:
        record = archive.dossier(document_id)
        assert record["number"] == f"某规〔{year}〕1号" and record["status"] == "已修改"
        assert record["signoff"]["signed_by"] == "负责人" and record["signoff"]["note"] == "同意登记。"
        acts = {e["action"]: e["user"] for e in archive.log(document_id)}
        assert all(acts[a] == "负责人" for a in ("签发", "登记编号", "公布", "状态变更"))


def test_numbers_are_consecutive_and_each_document_is_registered_once(db):
    first, second = _passed(db, "第一份通知"), _passed(db, "第二份通知")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        for document_id in (second, first):
            assert _act(head, document_id, "signoff")[0] == 302
            assert _act(head, document_id, "register")[0] == 302
    with Archive.open(db) as archive:
        numbers = [archive.show(d)["number"] for d in (second, first)]
    assert [int(re.search(r"〕(\d+)号", n).group(1)) for n in numbers] == [1, 2]


def test_only_the_head_acts_and_a_department_sees_its_own_documents_only(db):
    own = _passed(db, "市场局的通知")
    other = _passed(db, "教育局的通知", issuer="某市教育局")
    with running(db) as base:
        reviewer = Client(base)
        reviewer.login("审查员")
        assert "市场局的通知" in _page(reviewer, own) and 'id="acts"' not in _page(reviewer, own)
        for action, fields in (("signoff", {}), ("register", {}), ("publish", {"date": "2026-11-30", "channel": "公报"}),
                               ("status", {"status": "已废止", "reason": "x"})):
            status, _, page = _act(reviewer, own, action, **fields)
            assert status == 403 and "只有负责人" in page, action
        market = Client(base)
        market.login("市场局")
        page = _page(market, own)
        assert "市场局的通知" in page and 'id="acts"' not in page and "<form" in page  # only the sign-out form
        assert 'action="/documents/' not in page
        status, _, body = market.get(f"/documents/{other}")
        assert status == 404 and "不属于您的单位" in body.decode() and "教育局的通知" not in body.decode()
        assert market.get(f"/documents/{other}/versions/1")[0] == 404
        assert market.get("/documents/99999")[0] == 404
        assert market.get("/registry")[0] == 403
        token = market.token(f"/documents/{own}")
        assert market.post(f"/documents/{own}/signoff", {"csrf_token": token})[0] == 403
        assert market.post(f"/documents/{other}/register", {"csrf_token": token})[0] == 403
    with Archive.open(db) as archive:
        assert all(archive.dossier(d)["signoffs"] == [] and archive.show(d)["number"] is None for d in (own, other))


def test_every_act_needs_the_csrf_token(db):
    document_id = _passed(db, "要签发的通知")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        for action in ("signoff", "register", "publish", "status"):
            status, _, body = head.post(f"/documents/{document_id}/{action}", {"csrf_token": "forged" * 6})
            assert status == 400 and "防伪令牌" in body.decode(), action
            assert head.post(f"/documents/{document_id}/{action}", {})[0] == 400
    with Archive.open(db) as archive:
        assert archive.dossier(document_id)["signoffs"] == []
        assert not [e for e in archive.log(document_id) if e["action"] in ("签发", "登记编号")]


def test_without_the_setting_the_head_registers_directly(tmp_path):
    db = make_archive(tmp_path)
    document_id = _passed(db, "不需签发的通知")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        assert "本档案库不要求先签发" in head.get("/registry")[2].decode()
        assert _act(head, document_id, "register")[0] == 302
        assert "（未登记）" not in _page(head, document_id)


def test_bad_dates_and_statuses_are_refused_in_chinese(db):
    document_id = _passed(db, "日期有误的通知")
    with running(db) as base:
        head = Client(base)
        head.login("负责人")
        status, _, page = _act(head, document_id, "status", status="已废止", reason="上位法废止")
        assert status == 400 and "当前状态为“未公布”，不能改为“已废止”" in page
        _act(head, document_id, "signoff")
        _act(head, document_id, "register")
        status, _, page = _act(head, document_id, "publish", date="上个月", channel="政府网站")
        assert status == 400 and "公布日期" in page and "Traceback" not in page
        assert _act(head, document_id, "publish", date="2026-11-30", channel="政府网站")[0] == 302
        status, _, page = _act(head, document_id, "status", status="作废", reason="x")
        assert status == 400 and "状态只能改为" in page
        status, _, page = _act(head, document_id, "status", status="已废止", reason="x", by="七")
        assert status == 400 and "文件编号（数字）" in page
        status, _, page = _act(head, document_id, "status", status="已废止", reason="x", by="99999")
        assert status == 400 and "没有编号为 99999 的文件" in page
    with Archive.open(db) as archive:
        assert archive.show(document_id)["status"] == "有效"


def _visible(page: str) -> str:
    """The page as a reader sees it: tags (and the tooltips inside them) removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


def test_the_log_names_the_decided_findings_not_their_fingerprints(db):
    """A review's log entry lists fingerprints; the page shows where each finding is and the rule
    it broke (a finding a later version fixed included), the fingerprint only in a tooltip."""
    with Archive.open(db, user="审查员") as archive:
        document_id = archive.submit(str(CORPUS / "示例_违规_市场管理办法.txt"),
                                     FilingMeta(title="某市集贸市场管理办法", issuer=MARKET)).id
        first = archive.show(document_id)["findings"]
        archive.review(document_id, "需纠正", "请纠正。", accept=("1",), dismiss=(("2", "该条件有法律依据"),))
        archive.resubmit(document_id, LAWFUL, "已改写")
        later = {f["fingerprint"] for f in archive.show(document_id)["findings"]}
    accepted, dismissed = first[0], first[1]
    assert accepted["fingerprint"] not in later  # only the first version had it
    with running(db) as base:
        for name in ("审查员", "市场局"):
            client = Client(base)
            client.login(name)
            page = _page(client, document_id)
            log = page[page.index('id="log"'):]
            shown = _visible(log)
            assert f"{accepted['locator']}：{accepted['title']}（已采纳）" in shown, name
            assert f"{dismissed['locator']}：{dismissed['title']}（已驳回）" in shown, name
            assert accepted["title"] == "以备案、登记、年检等名义变相设定许可"
            assert "结论：需纠正" in shown
            for finding in (accepted, dismissed):
                # The fingerprint is in the tooltip only, never in the text a reader sees.
                assert finding["fingerprint"] not in shown and finding["fingerprint"] in log
                assert re.search(rf'<li title="[^"]*指纹 {finding["fingerprint"]}"', log)
            assert "采纳：" not in shown and "驳回：" not in shown
