"""Filing materials, 退回补正 and resubmission from the browser, over real HTTP (a real server, a
real archive file, urllib): uploads stored in the archive and downloaded only by their own unit
and the office, no way out of the archive, size and type refusals in Chinese, the 需补正 queue,
the 补正通知, a corrected version compared with the last one and passed."""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import docx
import pytest

from reviewer.archive import Archive
from tests.test_web import Client
from tests.web_helpers import PASSWORD, make_archive, running

# A draft written for these tests: 第三条 sets a fine (an error the check reports).
DRAFT = """某县农贸市场摊位管理办法

第一条 为了规范农贸市场摊位的使用，方便群众购买，根据有关规定，制定本办法。
第二条 摊位使用人应当在签订协议之日起十日内亮照经营。
第三条 摊位使用人转租摊位的，由县市场监督管理局处500元罚款。
第四条 本办法自2026年3月1日起施行，有效期三年。

某县市场监督管理局
2026年2月1日
"""
CORRECTED = (DRAFT.replace("应当在签订协议之日起十日内", "可以在签订协议之日起十五个工作日内")
             .replace("摊位使用人转租摊位的，由县市场监督管理局处500元罚款。", "摊位使用人不得转租摊位。"))
PDF = b"%PDF-1.4\n% test material\n" + bytes(range(256)) * 4


@pytest.fixture()
def db(tmp_path):
    path = make_archive(tmp_path)
    with Archive.open(path, user="测试") as archive:
        archive.accounts.add("教育局", "报备单位", PASSWORD, "某市教育局")
    return path


def multipart(client: Client, path: str, fields: dict, files: dict[str, tuple[str, bytes]]):
    """POST a form as a browser sends one with file fields (names UTF-8, quotes escaped)."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    for field, (name, data) in files.items():
        quoted = name.replace('"', "%22")
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return client.request(path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def checked(client: Client, text: str = DRAFT) -> str:
    status, _, body = client.upload("摊位管理办法.txt", text.encode(), client.token("/"))
    assert status == 200
    return re.search(r"/check/([A-Za-z0-9_-]+)/docx", body.decode()).group(1)


def file_with(client: Client, files: dict[str, tuple[str, bytes]], **fields):
    token = checked(client)
    form = {"title": "某县农贸市场摊位管理办法", "doc_number": "某市监规〔2026〕5号",
            "csrf_token": client.token(f"/check/{token}/file"), **fields}
    return multipart(client, f"/check/{token}/file", form, files)


def filed(client: Client, files: dict[str, tuple[str, bytes]] | None = None) -> int:
    status, headers, body = file_with(client, files or {})
    assert status == 302, body.decode()
    return int(re.search(r"/filings/(\d+)/receipt", headers["Location"]).group(1))


def material_links(page: str) -> list[str]:
    return re.findall(r'href="(/filings/\d+/materials/\d+)"', page)


def signed_in(base: str, name: str) -> Client:
    client = Client(base)
    client.login(name)
    return client


def review(client: Client, document_id: int, decision: str, **fields):
    path = f"/filings/{document_id}/review"
    return client.post(path, {"csrf_token": client.token(path), "decision": decision, "opinion": "", **fields})


# -- materials --------------------------------------------------------------------------------


def test_materials_filed_with_the_draft_are_kept_listed_and_downloaded_by_the_unit_and_office(db):
    with running(db) as base:
        market = signed_in(base, "市场局")
        document_id = filed(market, {"mat_report": ("备案报告.pdf", PDF),
                                     "mat_legality": ("合法性审核意见.docx", b"PK\x03\x04 opinion")})
        page = market.get(f"/filings/{document_id}/receipt")[2].decode()
        assert "已上传的备案材料" in page and "备案报告.pdf" in page and "合法性审核意见.docx" in page
        # An uploaded file counts as supplied though its box was not ticked.
        assert "备案报告：有" in page and "合法性审核意见：有" in page and "起草说明：缺" in page
        links = material_links(page)
        assert len(links) == 2
        status, headers, body = market.get(links[0])
        assert status == 200 and body == PDF
        assert headers["Content-Type"] == "application/octet-stream"
        assert headers["Content-Disposition"].startswith("attachment;") and "filename*=UTF-8''" in headers[
            "Content-Disposition"]
        # The office sees and downloads them from the review screen; another unit gets 404.
        reviewer = signed_in(base, "审查员")
        screen = reviewer.get(f"/filings/{document_id}/review")[2].decode()
        assert set(material_links(screen)) == set(links) and "集体讨论记录<span class=\"badge missing\">缺" in screen
        assert reviewer.get(links[0])[2] == PDF
        education = signed_in(base, "教育局")
        for link in links:
            status, _, body = education.get(link)
            assert status == 404 and "不属于您的单位" in body.decode()
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["has_report"] and record["has_legality_review"] and not record["has_basis"]
        actions = [(e["user"], e["action"]) for e in archive.log(document_id)]
        assert actions.count(("市场局", "上传备案材料")) == 2
        assert ("市场局", "网页下载备案材料") in actions and ("审查员", "网页下载备案材料") in actions
        # Stored in the archive, append-only.
        with pytest.raises(Exception, match="档案记录"):
            archive.conn.execute("DELETE FROM materials")
        with pytest.raises(Exception, match="档案记录"):
            archive.conn.execute("UPDATE materials SET filename = 'x'")


def test_no_upload_name_or_address_reaches_outside_the_archive(db, tmp_path):
    before = {p.name for p in Path(tmp_path).iterdir()}
    with running(db) as base:
        market = signed_in(base, "市场局")
        first = filed(market, {"mat_report": ("../../../etc/备案报告.pdf", PDF),
                               "mat_basis": ("..\\..\\制定依据.txt", "依据《某条例》。".encode())})
        second = filed(market, {"mat_explanation": ("起草说明.pdf", b"%PDF-1.4 other")})
        page = market.get(f"/filings/{first}/receipt")[2].decode()
        # The sender's folders are dropped: only the name is kept, as a label.
        assert "备案报告.pdf" in page and "../" not in page and "..\\" not in page
        links = material_links(page)
        other = material_links(market.get(f"/filings/{second}/receipt")[2].decode())[0]
        other_id = other.rsplit("/", 1)[1]
        reviewer = signed_in(base, "审查员")
        for client in (market, reviewer):
            # A material is found only under its own filing, by number.
            assert client.get(f"/filings/{first}/materials/{other_id}")[0] == 404
            assert client.get(f"/filings/{first}/materials/99999")[0] == 404
            for path in (f"/filings/{first}/materials/..%2F..%2Fweb.db", f"/filings/{first}/materials/../../web.db",
                         f"/filings/{first}/materials/%2e%2e/web.db", f"/filings/{first}/materials/-1",
                         f"/filings/{first}/materials/{links[0].rsplit('/', 1)[1]}%2F..%2F..%2Fweb.db"):
                status, _, body = client.get(path)
                assert status == 404 and b"SQLite format" not in body
        status, headers, body = market.get(links[1])
        assert status == 200 and body == "依据《某条例》。".encode()
        assert headers["Content-Disposition"].endswith("filename*=UTF-8''%E5%88%B6%E5%AE%9A%E4%BE%9D%E6%8D%AE.txt")
    # Nothing was written beside the archive: materials live inside it.
    after = {p.name for p in Path(tmp_path).iterdir()}
    assert after - before <= {"web.db-wal", "web.db-shm"}
    with Archive.open(db) as archive:
        names = {m["filename"] for m in archive.materials(first)}
    assert names == {"备案报告.pdf", "制定依据.txt"}


def test_materials_of_a_refused_type_or_over_the_size_limit_are_refused_in_chinese(db):
    with running(db, max_upload=64 * 1024) as base:
        market = signed_in(base, "市场局")
        status, _, body = file_with(market, {"mat_report": ("备案报告.exe", b"MZ\x90\x00")})
        assert status == 400 and "不支持“.exe”文件" in body.decode() and "备案报告" in body.decode()
        status, _, body = file_with(market, {"mat_report": ("备案报告.pdf", b"")})
        assert status == 400 and "是空文件" in body.decode()
        status, _, body = file_with(market, {"mat_collective": ("集体讨论记录.pdf", PDF * 80)})
        assert status == 413 and "上传的文件太大（上限 64 KB）" in body.decode()
    with Archive.open(db) as archive:
        assert archive.documents() == []  # a refused material stops the whole filing


# -- 退回补正 ------------------------------------------------------------------------------------


def test_returned_for_materials_the_department_completes_them_and_the_filing_is_pending_again(db):
    with running(db) as base:
        market = signed_in(base, "市场局")
        document_id = filed(market, {"mat_report": ("备案报告.pdf", PDF)})
        reviewer = signed_in(base, "审查员")
        page = reviewer.get(f"/filings/{document_id}/review")[2].decode()
        assert 'value="退回补正"' in page
        status, _, _ = review(reviewer, document_id, "退回补正", opinion="请补交集体讨论记录的会议纪要原件扫描件。")
        assert status == 302
        queue = reviewer.get("/queue")[2].decode()
        assert "需补正（已退回补正，待补交材料）（1 件）" in queue and "待审查（0 件）" in queue
        # The decision produces the 补正通知 from the archive.
        screen = reviewer.get(f"/filings/{document_id}/review")[2].decode()
        assert "下载补正通知" in screen
        status, headers, body = reviewer.post(f"/filings/{document_id}/letter",
                                              {"csrf_token": reviewer.token(f"/filings/{document_id}/review")})
        assert status == 200 and "%E8%A1%A5%E6%AD%A3%E9%80%9A%E7%9F%A5" in headers["Content-Disposition"]
        letter = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
        assert "备案材料的通知" in letter and "缺少起草说明" in letter and "请补交集体讨论记录" in letter

        receipt = market.get(f"/filings/{document_id}/receipt")[2].decode()
        assert "审查结论：退回补正" in receipt and "补正后重新报送" in receipt and 'id="resend-form"' in receipt
        path = f"/filings/{document_id}/resubmit"
        status, _, body = multipart(market, path, {"csrf_token": market.token("/")}, {})
        assert status == 400 and "请至少上传一份补正材料" in body.decode()
        # Another unit cannot send it back, nor can the office on the department's behalf.
        education = signed_in(base, "教育局")
        assert multipart(education, path, {"csrf_token": education.token("/")},
                         {"mat_collective": ("纪要.pdf", PDF)})[0] == 404
        assert multipart(reviewer, path, {"csrf_token": reviewer.token("/")},
                         {"mat_collective": ("纪要.pdf", PDF)})[0] == 403
        status, headers, _ = multipart(market, path, {"csrf_token": market.token("/"), "note": "已补交会议纪要"},
                                       {"mat_collective": ("集体讨论纪要.pdf", PDF), "mat_explanation": ("起草说明.docx", b"PK")})
        assert status == 302
        receipt = market.get(headers["Location"])[2].decode()
        assert "已补交第" in receipt and "重新进入待审查" in receipt and "待审查" in receipt
        assert 'id="resend-form"' not in receipt
        assert "待审查（1 件）" in reviewer.get("/queue")[2].decode()
        # Back under review, it cannot be sent again until the office decides.
        status, _, body = multipart(market, path, {"csrf_token": market.token("/")},
                                    {"mat_basis": ("制定依据.pdf", PDF)})
        assert status == 400 and "只有需纠正或退回补正的文件可以重新报送" in body.decode()
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["filing_status"] == "待审查" and record["has_collective"] and record["has_explanation"]
        assert len(record["versions"]) == 1  # materials only: the text is unchanged
        entry = [e for e in archive.log(document_id) if e["action"] == "补正后重新报送"][0]
        assert entry["user"] == "市场局" and entry["reason"] == "已补交会议纪要"


# -- 需纠正 → a corrected version → the comparison → 通过 -------------------------------------------


def test_a_corrected_version_is_compared_with_the_last_and_passed(db):
    with running(db) as base:
        market = signed_in(base, "市场局")
        document_id = filed(market)
        reviewer = signed_in(base, "审查员")
        screen = reviewer.get(f"/filings/{document_id}/review")[2].decode()
        assert "与上一版本比较" not in screen  # one version: nothing to compare
        assert review(reviewer, document_id, "需纠正", choice_1="accept")[0] == 302
        path = f"/filings/{document_id}/resubmit"
        # 需纠正 needs a corrected text; materials alone are not enough.
        status, _, body = multipart(market, path, {"csrf_token": market.token("/")},
                                    {"mat_report": ("备案报告.pdf", PDF)})
        assert status == 400 and "需纠正的文件请报送修改稿" in body.decode()
        status, _, body = multipart(market, path, {"csrf_token": market.token("/")},
                                    {"version": ("修改稿.doc", b"\xd0\xcf\x11\xe0")})
        assert status == 400 and "修改稿不支持“.doc”文件" in body.decode()
        status, headers, _ = multipart(market, path, {"csrf_token": market.token("/"), "note": "删除罚款"},
                                       {"version": ("摊位管理办法（修改稿）.txt", CORRECTED.encode()),
                                        "mat_report": ("备案报告.pdf", PDF)})
        assert status == 302
        receipt = market.get(headers["Location"])[2].decode()
        assert "第 2 版" in receipt and "待审查" in receipt

        screen = reviewer.get(f"/filings/{document_id}/review")[2].decode()
        section = screen[screen.index('id="version-diff"'):]
        assert "与上一版本比较（第 1 版 → 第 2 版）" in section and "修改 2 处" in section
        assert "摊位使用人<del>应当</del>在签订协议之日起十日内亮照经营。" in section
        assert "摊位使用人<ins>可以</ins>在签订协议之日起十<ins>五个工作</ins>日内亮照经营。" in section
        assert "<del>的，由县市场监督管理局处500元罚款。</del>" in section
        assert '<span class="badge flag" title="情态词：“应当” → “可以”">情态词</span>' in section
        assert '>金额</span> <small>“500元” → （无）</small>' in section
        assert '>期限</span> <small>“十日” → “十五个工作日”</small>' in section
        assert review(reviewer, document_id, "通过", opinion="已按审查意见纠正。")[0] == 302
    with Archive.open(db) as archive:
        record = archive.show(document_id)
        assert record["filing_status"] == "通过" and [r["decision"] for r in record["reviews"]] == ["需纠正", "通过"]
        assert [v["version"] for v in record["versions"]] == [1, 2]
        assert [m["version"] for m in archive.materials(document_id)] == [2]
        assert any(e["action"] == "报送修改稿" and e["reason"] == "删除罚款" for e in archive.log(document_id))
        # The temporary copy of the uploaded version is gone; the archive holds the text.
        assert "不得转租摊位" in archive.text(document_id)
