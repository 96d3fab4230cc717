"""Filing from the browser and per-unit visibility, over real HTTP (a real server, urllib)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from reviewer.archive import Archive
from reviewer.cli.main import cli
from tests.test_web import CORPUS, Client
from tests.web_helpers import PASSWORD, make_archive, running

SAMPLE = "示例_违规_通知.txt"


@pytest.fixture()
def db(tmp_path):
    path = make_archive(tmp_path)
    with Archive.open(path, user="测试") as archive:
        archive.accounts.add("教育局", "报备单位", PASSWORD, "某市教育局")
    return path


def _checked(client: Client) -> str:
    status, _, body = client.upload(SAMPLE, (CORPUS / SAMPLE).read_bytes(), client.token("/"))
    assert status == 200
    return re.search(r"/check/([A-Za-z0-9_-]+)/docx", body.decode()).group(1)


def _file(client: Client, token: str, **fields) -> tuple[int, dict, bytes]:
    form = {"title": "关于加强市场管理的通知", "doc_number": "某市监规〔2026〕3号", "issuer": "某市教育局",
            "publish_date": "2026-11-20", "pkg_report": "1", "pkg_legality": "1",
            "csrf_token": client.token(f"/check/{token}/file"), **fields}
    return client.post(f"/check/{token}/file", form)


def test_a_department_files_a_checked_draft_and_gets_a_receipt(db):
    with running(db) as base:
        client = Client(base)
        client.login("市场局")
        token = _checked(client)
        status, _, body = client.get(f"/check/{token}/file")
        assert status == 200 and 'value="某市市场监督管理局"' in body.decode()
        status, headers, _ = _file(client, token)
        assert status == 302
        receipt = headers["Location"]
        document_id = int(re.search(r"/filings/(\d+)/receipt", receipt).group(1))
        status, _, body = client.get(receipt)
        page = body.decode()
        assert status == 200 and "报备回执" in page and f"第 {document_id} 号" in page
        assert "某市监规〔2026〕3号" in page and "备案报告：有" in page and "起草说明：缺" in page
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        # The issuer is the account's unit, whatever the form sent; the log names the account.
        assert record["issuer"] == "某市市场监督管理局" and record["filing_status"] == "待审查"
        assert record["has_report"] and record["has_legality_review"] and not record["has_basis"]
        assert any(e["action"] == "报备" and e["user"] == "市场局" for e in archive.log(document_id))


def test_a_department_sees_only_its_own_units_filings(db):
    with running(db) as base:
        market = Client(base)
        market.login("市场局")
        status, headers, _ = _file(market, _checked(market))
        receipt = headers["Location"]
        education = Client(base)
        education.login("教育局")
        status, _, body = education.get(receipt)
        assert status == 404 and "不属于您的单位" in body.decode()
        assert "关于加强市场管理的通知" not in education.get("/filings")[2].decode()
        assert education.get("/filings/99999/receipt")[0] == 404
        # Another account's checked draft cannot be filed by typing its address.
        token = _checked(market)
        assert education.get(f"/check/{token}/file")[0] == 404
        assert _file(education, token)[0] == 404
        # The unit's own list and the office's reviewer see it.
        assert "关于加强市场管理的通知" in market.get("/filings")[2].decode()
        reviewer = Client(base)
        reviewer.login("审查员")
        assert reviewer.get(receipt)[0] == 200
        # Filing is a department's act.
        assert reviewer.get(f"/check/{_checked(reviewer)}/file")[0] == 403


def test_filing_needs_a_valid_csrf_token(db):
    with running(db) as base:
        client = Client(base)
        client.login("市场局")
        token = _checked(client)
        status, _, body = _file(client, token, csrf_token="forged" * 6)
        assert status == 400 and "防伪令牌" in body.decode()
    with Archive.open(db) as archive:
        assert archive.documents() == []


def test_the_queue_groups_filings_with_days_left_overdue_first(db):
    with Archive.open(db, user="测试") as archive:
        from reviewer.archive import FilingMeta

        sample = str(CORPUS / SAMPLE)
        old = archive.submit(sample, FilingMeta(title="早已收到的<b>办法</b>", issuer="某市市场监督管理局",
                                                received_date="2020-01-02")).id
        new = archive.submit(sample, FilingMeta(title="刚收到的通知", issuer="某市教育局")).id
        corrected = archive.submit(sample, FilingMeta(title="要纠正的规定", issuer="某市教育局")).id
        archive.review(corrected, "需纠正", "请修改。", accept=("1",))
        assert archive.settings.review_days == 30
    with running(db) as base:
        client = Client(base)
        client.login("审查员")
        status, _, body = client.get("/queue")
        page = body.decode()
        assert status == 200 and "待审查（2 件）" in page and "需纠正（待报送修改稿）（1 件）" in page
        assert "已审查（0 件）" in page and "&lt;b&gt;办法&lt;/b&gt;" in page
        assert page.index(f'data-id="{old}"') < page.index(f'data-id="{new}"')
        assert re.search(rf'class="overdue" data-id="{old}"', page) and "已逾期" in page
        assert "剩余 30 天" in page
        department = Client(base)
        department.login("市场局")
        status, _, body = department.get("/queue")
        assert status == 403 and "无权" in body.decode()
    # The CLI gives the same queue.
    out = CliRunner().invoke(cli, ["archive", "--db", db, "queue", "-f", "json"])
    groups = json.loads(out.output)
    assert out.exit_code == 0 and [r["id"] for r in groups["待审查"]] == [old, new]
    assert groups["待审查"][0]["overdue"] and groups["需纠正"][0]["id"] == corrected
    out = CliRunner().invoke(cli, ["archive", "--db", db, "queue", "--issuer", "某市教育局"])
    assert "剩余 30 天" in out.output and "早已收到" not in out.output


def test_the_reviewer_accepts_dismisses_decides_and_downloads_the_letter(db):
    with Archive.open(db, user="测试") as archive:
        from reviewer.archive import FilingMeta

        document_id = archive.submit(str(CORPUS / SAMPLE), FilingMeta(issuer="某市市场监督管理局")).id
        count = len(archive.show(document_id)["findings"])
    assert count >= 3
    with running(db) as base:
        department = Client(base)
        department.login("市场局")
        assert department.get(f"/filings/{document_id}/review")[0] == 403
        client = Client(base)
        client.login("审查员")
        path = f"/filings/{document_id}/review"
        status, _, body = client.get(path)
        assert status == 200 and 'name="choice_1"' in body.decode() and 'id="bulk-accept"' in body.decode()
        form = {"csrf_token": client.token(path), "decision": "需纠正", "opinion": "",
                "choice_1": "accept", "choice_2": "accept", "choice_3": "dismiss", "reason_3": ""}
        status, _, body = client.post(path, form)
        assert status == 400 and "理由" in body.decode()  # a dismissal needs its reason; choices kept
        assert re.search(r'name="choice_3" value="dismiss" checked', body.decode())
        assert client.post(path, {**form, "csrf_token": "forged" * 6, "reason_3": "x"})[0] == 400
        status, headers, _ = client.post(path, {**form, "reason_3": "<b>该条有上位法依据</b>"})
        assert status == 302
        status, _, body = client.get(path)
        page = body.decode()
        assert "需纠正" in page and "驳回：&lt;b&gt;该条有上位法依据&lt;/b&gt;" in page
        status, headers, letter = client.post(f"/filings/{document_id}/letter", {"csrf_token": client.token(path)})
        assert status == 200 and "attachment" in headers["Content-Disposition"]
        import io

        import docx

        words = "\n".join(p.text for p in docx.Document(io.BytesIO(letter)).paragraphs)
        assert "审查意见书" in words or "某审〔" in words
        # Deciding again is refused by the archive, in Chinese.
        status, _, body = client.post(path, {**form, "reason_3": "x", "csrf_token": client.token(path)})
        assert status == 400 and "只有待审查的文件可以审查" in body.decode()
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["filing_status"] == "需纠正" and record["reviews"][0]["reviewed_by"] == "审查员"
        assert record["reviews"][0]["opinion"].startswith("经审查，该文件存在以下问题：\n1. ")
        decisions = [f["decision"] for f in record["findings"][:3]]
        assert decisions == ["采纳", "采纳", "驳回"]
        assert any(e["action"] == "出具文书" and e["user"] == "审查员" for e in archive.log(document_id))
