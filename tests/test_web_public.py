"""The public catalogue over real HTTP (a real server on 127.0.0.1, urllib): search (two-character
terms, filters, highlighting), document pages and downloads, the two lists, 审查建议 with a receipt
number and the staff's register; and that nothing unpublished leaks, by link or by guessed URL."""

from __future__ import annotations

import io
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer.archive import Archive, FilingMeta
from reviewer.archive.public import PUBLIC_USER
from reviewer.archive.suggestions import normalise_receipt
from tests.test_web import Client
from tests.web_helpers import PASSWORD, make_archive, running

STAFF = "李复核"  # a staff name that must never appear on a public page
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MARKET = """某市农贸市场管理办法
第一条 为规范农贸市场秩序，保障群众生活需要，根据有关法律法规，制定本办法。
第二条 市场开办者应当建立健全管理制度，公示收费项目。
第三条 违反本办法规定的，依照《中华人民共和国食品安全法》第一百二十六条的规定处以罚款。
第四条 本办法自公布之日起施行，有效期五年。
"""
TRAINING_OLD = """某市校外培训机构管理暂行办法
第一条 为规范校外培训行为，制定本办法。
第二条 校外培训机构应当公示收费标准和退费办法。
第三条 本办法自公布之日起施行。
"""
TRAINING_NEW = """某市校外培训机构管理办法
第一条 为规范校外培训行为，保护学生合法权益，制定本办法。
第二条 校外培训机构应当公示培训内容、收费标准和退费办法。
第三条 本办法自公布之日起施行，《某市校外培训机构管理暂行办法》同时废止。
"""
DRAFT = """某市停车场收费管理规定（征求意见稿）
第一条 为加强停车场管理，制定本规定。
第二条 停车场经营者应当公示收费标准。保密测试词：青鸾草案。
"""
SECRET_WORDS = ("青鸾草案", "停车场收费管理规定", "建筑垃圾运输", "云政办发〔2025〕12号", "某交规〔2026〕9号")


@dataclass(frozen=True)
class Sample:
    db: str
    market: int
    old: int
    new: int
    draft: int
    correct: int
    findings: tuple[str, ...]  # titles of every automatic finding (the 需纠正 filing's and the others')
    opinions: tuple[str, ...]  # review opinions written by staff


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _pass_and_publish(archive: Archive, document_id: int, date: str) -> None:
    findings = archive.show(document_id)["findings"]
    dismiss = tuple((str(n), f"{STAFF}认为引用了上位法") for n in range(1, len(findings) + 1))
    archive.review(document_id, "通过", f"经{STAFF}审查，符合要求", dismiss=dismiss)
    archive.register(document_id)
    archive.publish(document_id, date, "某市人民政府网站")


def build_sample(folder: Path) -> Sample:
    """An archive with three published documents (one repealed and replaced by another), a
    draft still 待审查 and a 需纠正 filing, reviewed and published by the staff member STAFF."""
    db = make_archive(folder)
    files = folder / "files"
    files.mkdir()
    with Archive.open(db, user="测试") as archive:
        archive.accounts.add(STAFF, "审查人员", PASSWORD, "某市司法局")
    with Archive.open(db, user=STAFF) as archive:
        def submit(name: str, text: str, number: str, issuer: str, publish: str | None) -> int:
            meta = FilingMeta(title=text.splitlines()[0], doc_number=number, issuer=issuer, publish_date=publish)
            return archive.submit(_write(files, name, text), meta).id

        market = submit("market.txt", MARKET, "某市监规〔2024〕1号", "某市市场监督管理局", "2024-03-01")
        _pass_and_publish(archive, market, "2024-03-01")
        old = submit("old.txt", TRAINING_OLD, "某教规〔2023〕2号", "某市教育局", "2023-05-01")
        _pass_and_publish(archive, old, "2023-05-01")
        new = submit("new.txt", TRAINING_NEW, "某教规〔2025〕1号", "某市教育局", "2025-02-01")
        _pass_and_publish(archive, new, "2025-02-01")
        archive.set_status(old, "已废止", f"{STAFF}核实：被新办法替代", by=new, date="2025-02-01")
        draft = submit("draft.txt", DRAFT, "某交规〔2026〕9号", "某市交通运输局", None)
        correct = archive.submit(str(CORPUS / "示例_违规_通知.txt"),
                                 FilingMeta(issuer="某市城市管理局", publish_date="2026-01-10")).id
        findings = archive.show(correct)["findings"]
        accept = tuple(str(n) for n in range(1, len(findings) + 1))
        findings += [f for d in (market, old, new, draft) for f in archive.show(d)["findings"]]
        opinion = f"经{STAFF}审查，该文件设定了罚款和保证金，需纠正"
        archive.review(correct, "需纠正", opinion, accept=accept)
    return Sample(db, market, old, new, draft, correct, tuple({f["title"] for f in findings}),
                  (opinion, f"经{STAFF}审查，符合要求"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("public"))


@pytest.fixture()
def fresh(tmp_path) -> Sample:
    return build_sample(tmp_path)


def text_of(body: bytes) -> str:
    return body.decode("utf-8")


def get(client: Client, path: str) -> tuple[int, str]:
    status, _, body = client.get(path)
    return status, text_of(body)


def search(client: Client, **params) -> tuple[int, str]:
    return get(client, "/public/search?" + urllib.parse.urlencode(params))


def result_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="title" href="/public/documents/(\d+)"', page)]


def test_search_two_character_words_in_text_and_title_with_highlights(sample: Sample):
    with running(sample.db) as base:
        client = Client(base)
        status, page = search(client, q="罚款")
        assert status == 200
        assert result_ids(page) == [sample.market]
        assert "<mark>罚款</mark>" in page
        status, page = search(client, q="培训")  # a two-character word of two titles
        assert set(result_ids(page)) == {sample.old, sample.new}
        assert "校外<mark>培训</mark>机构管理办法" in page
        # by 发文字号, by issuer, by registration number
        assert result_ids(search(client, q="某教规〔2023〕2号")[1])[0] == sample.old
        assert set(result_ids(search(client, q="教育局")[1])) == {sample.old, sample.new}
        with Archive.open(sample.db) as archive:
            number = archive.show(sample.market)["number"]
        assert result_ids(search(client, q=number)[1])[0] == sample.market


def test_search_filters_by_status_issuer_year_and_type(sample: Sample):
    with running(sample.db) as base:
        client = Client(base)
        assert result_ids(search(client, q="培训", status="已废止")[1]) == [sample.old]
        assert result_ids(search(client, q="培训", status="有效")[1]) == [sample.new]
        assert result_ids(search(client, q="培训", year="2025")[1]) == [sample.new]
        assert result_ids(search(client, q="办法", issuer="某市市场监督管理局")[1]) == [sample.market]
        assert set(result_ids(search(client, q="某市", kind="办法")[1])) == {sample.market, sample.old, sample.new}
        assert result_ids(search(client, q="某市", kind="通知")[1]) == []
        # no query: the published documents, filtered
        assert set(result_ids(search(client, issuer="某市教育局")[1])) == {sample.old, sample.new}
        # hostile input is searched for as text, and an unknown filter value is ignored
        status, page = search(client, q='"罚款" OR * NEAR(', status="未公布", year="abc")
        assert status == 200 and "<script" not in page


def test_document_page_history_and_downloads(sample: Sample):
    with running(sample.db) as base:
        client = Client(base)
        status, page = get(client, f"/public/documents/{sample.old}")
        assert status == 200
        assert "某市校外培训机构管理暂行办法" in page and "某教规〔2023〕2号" in page
        history = page[page.index('id="history"'):page.index('class="fulltext"')]
        assert "2023-05-01" in history and "有效" in history and "公布（某市人民政府网站）" in history
        assert "已废止" in history and f'href="/public/documents/{sample.new}"' in history
        assert "某市校外培训机构管理办法" in history  # what replaced it
        _, newer = get(client, f"/public/documents/{sample.new}")
        assert "本文件修改或废止了" in newer and f'href="/public/documents/{sample.old}"' in newer
        status, headers, body = client.get(f"/public/documents/{sample.old}/download.txt")
        assert status == 200 and "attachment" in headers["Content-Disposition"]
        downloaded = text_of(body)
        assert downloaded.startswith("某市校外培训机构管理暂行办法\n") and "状态：已废止" in downloaded
        assert "第二条 校外培训机构应当公示收费标准和退费办法。" in downloaded
        status, _, body = client.get(f"/public/documents/{sample.market}/download.docx")
        from docx import Document

        paragraphs = [p.text for p in Document(io.BytesIO(body)).paragraphs]
        assert status == 200 and paragraphs[0] == "某市农贸市场管理办法" and "发文字号：某市监规〔2024〕1号" in paragraphs


def test_the_two_lists_as_pages_and_downloads(sample: Sample):
    from openpyxl import load_workbook

    with running(sample.db) as base:
        client = Client(base)
        status, page = get(client, "/public/catalogue/current")
        assert status == 200 and "现行有效规范性文件目录" in page
        assert "某市农贸市场管理办法" in page and "某市校外培训机构管理办法" in page
        assert "某市校外培训机构管理暂行办法" not in page
        status, page = get(client, "/public/catalogue/ended")
        assert "某市校外培训机构管理暂行办法" in page and "某市农贸市场管理办法" not in page
        status, headers, body = client.get("/public/catalogue/current.xlsx")
        assert status == 200
        sheet = load_workbook(io.BytesIO(body)).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert any("现行有效规范性文件目录" in c for c in cells) and "某市农贸市场管理办法" in cells
        assert "某市校外培训机构管理暂行办法" not in cells
        status, _, body = client.get("/public/catalogue/ended.csv")
        assert status == 200 and "某市校外培训机构管理暂行办法" in body.decode("utf-8-sig")


def test_list_downloads_are_written_once_and_follow_every_change(fresh: Sample):
    with running(fresh.db) as base:
        client = Client(base)
        first = client.get("/public/catalogue/current.csv")[2].decode("utf-8-sig")
        assert client.get("/public/catalogue/current.csv")[2].decode("utf-8-sig") == first
        assert "某市农贸市场管理办法" in first
        with Archive.open(fresh.db, user=STAFF) as archive:
            archive.set_status(fresh.market, "失效", "有效期届满", date="2029-03-01")
        after = client.get("/public/catalogue/current.csv")[2].decode("utf-8-sig")
        assert "某市农贸市场管理办法" not in after and "某市校外培训机构管理办法" in after
        assert "某市农贸市场管理办法" in client.get("/public/catalogue/ended.csv")[2].decode("utf-8-sig")


def suggest(client: Client, document_id: int, **fields) -> tuple[int, dict, str]:
    token = client.token(f"/public/documents/{document_id}")
    form = {"kind": "公民", "submitter": "王市民", "contact": "13800000000", "clause": "第三条",
            "text": "第三条的罚款依据不明确，建议审查。", "csrf_token": token, **fields}
    status, headers, body = client.post(f"/public/documents/{document_id}/suggest", form)
    return status, headers, text_of(body)


def receipt_number(client: Client) -> str:
    status, page = get(client, "/public/suggestions/receipt")
    assert status == 200
    return re.search(r'class="receipt-number">([^<]+)<', page).group(1)


def lookup(client: Client, receipt: str) -> tuple[int, str]:
    token = client.token("/public/suggestions/lookup")
    status, _, body = client.post("/public/suggestions/lookup", {"receipt": receipt, "csrf_token": token})
    return status, text_of(body)


def test_a_suggestion_gets_a_receipt_enters_the_register_and_its_reply_is_read_back(fresh: Sample):
    with running(fresh.db) as base:
        citizen = Client(base)
        status, headers, _ = suggest(citizen, fresh.market, text="<script>alert(1)</script>第三条罚款依据不明。")
        assert status == 302 and headers["Location"].endswith("/public/suggestions/receipt")
        receipt = receipt_number(citizen)
        assert re.fullmatch(r"\d{4}-0001-[2-9A-HJ-NP-Z]{6}", receipt)
        status, page = lookup(citizen, receipt.lower().replace("-", "－"))  # typed loosely
        assert status == 200 and "待处理" in page and "尚未答复" in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page

        staff = Client(base)
        staff.login("审查员")
        status, register = get(staff, "/suggestions")
        assert status == 200 and receipt in register and "王市民" in register
        with Archive.open(fresh.db) as archive:
            item = archive.suggestions()[0]
            assert item["receipt"] == receipt and item["contact"] == "13800000000" and item["clause"] == "第三条"
            assert f"剩余 {item['days_left']} 天" in register and item["due_date"] in register
            assert [e["user"] for e in archive.log(fresh.market) if e["action"] == "收到审查建议"] == [PUBLIC_USER]
        token = staff.token(f"/suggestions/{item['id']}")
        status, headers, _ = staff.post(f"/suggestions/{item['id']}", {
            "action": "reply", "text": "经审查，第三条引用的上位法条款明确，不属于自行设定罚款。", "csrf_token": token})
        assert status == 302
        status, page = lookup(Client(base), receipt)
        assert status == 200 and "已答复" in page and "不属于自行设定罚款" in page
        assert "审查员" not in page and STAFF not in page  # the reply, never who wrote it


def test_suggestions_are_checked_limited_and_only_for_published_documents(fresh: Sample):
    with running(fresh.db) as base:
        citizen = Client(base)
        status, _, page = suggest(citizen, fresh.market, contact="", text="")
        assert status == 400 and "请填写联系方式、建议内容" in page
        status, _, page = suggest(citizen, fresh.market, text="长" * 5001)
        assert status == 400 and "建议内容不能超过 5000 字" in page
        status, _, page = suggest(citizen, fresh.market, text="长" * 70000)
        assert status == 413 and "提交的内容太长" in page
        token = citizen.token(f"/public/documents/{fresh.market}")
        status, _, _ = citizen.post(f"/public/documents/{fresh.draft}/suggest",
                                    {"submitter": "甲", "contact": "乙", "text": "丙", "csrf_token": token})
        assert status == 404
        status, _, _ = citizen.post(f"/public/documents/{fresh.market}/suggest",
                                    {"submitter": "甲", "contact": "乙", "text": "丙"})
        assert status == 400  # no CSRF token
        for n in range(5):
            assert suggest(citizen, fresh.market, text=f"第 {n} 条建议")[0] == 302
        status, _, page = suggest(citizen, fresh.market, text="第六条建议")
        assert status == 429 and "提交过于频繁" in page
        with Archive.open(fresh.db) as archive:
            assert len(archive.suggestions()) == 5


def test_a_receipt_cannot_be_guessed_from_its_year_and_sequence(fresh: Sample):
    with running(fresh.db) as base:
        citizen = Client(base)
        suggest(citizen, fresh.market)
        receipt = receipt_number(citizen)
        prefix = receipt.rsplit("-", 1)[0]
        status, page = lookup(Client(base), prefix)
        assert status == 404 and "没有找到该回执号" in page
        guesser = Client(base)  # the same address: nine misses so far are allowed ...
        for code in ("AAAAAA", "222222", "ZZZZZZ", "ABCDEF", "234567", "HJKMNP", "QRSTUV", "WXYZ23"):
            assert lookup(guesser, f"{prefix}-{code}")[0] == 404
        assert lookup(guesser, receipt)[0] == 200
        assert lookup(guesser, f"{prefix}-456789")[0] == 404
        status, page = lookup(guesser, receipt)  # ... the tenth refuses even the right one for a while
        assert status == 429 and "查询失败次数过多" in page


def test_receipts_are_normalised_and_numbered_by_year():
    assert normalise_receipt(" 2026－0001－abc234 ") == "2026-0001-ABC234"


PUBLIC_PAGES = ("/public/", "/public/search?q=%E7%BD%9A%E6%AC%BE", "/public/search?q=%E6%94%B6%E8%B4%B9",
                "/public/search?q=%E6%9F%90%E5%B8%82", "/public/search", "/public/catalogue/current", "/public/catalogue/ended",
                "/public/suggestions/lookup")


def test_nothing_unpublished_leaks_by_link_search_or_guessed_url(sample: Sample):
    forbidden = (*SECRET_WORDS, STAFF, "审查员", "管理员", *sample.findings, *sample.opinions, "认为引用了上位法",
                 "被新办法替代", "测试")
    with running(sample.db) as base:
        client = Client(base)
        pages = {path: get(client, path) for path in PUBLIC_PAGES}
        for word in ("青鸾草案", "停车场", "建筑垃圾", "保证金", "云岭县", "征求意见稿", "审查意见", "需纠正", "某交规",
                     "云政办发〔2025〕12号"):
            status, page = search(client, q=word)
            assert status == 200 and result_ids(page) == [], word
            pages[f"/public/search?q={word}"] = (status, page.replace(word, ""))  # the query itself is echoed
        published = (sample.market, sample.old, sample.new)
        for document_id in range(1, sample.correct + 5):
            status, page = get(client, f"/public/documents/{document_id}")
            assert status == (200 if document_id in published else 404), document_id
            pages[f"/public/documents/{document_id}"] = (status, page)
            for fmt in ("txt", "docx"):
                status, _, body = client.get(f"/public/documents/{document_id}/download.{fmt}")
                assert status == (200 if document_id in published else 404)
                if fmt == "txt" and status == 200:
                    pages[f"/public/documents/{document_id}/download.txt"] = (status, text_of(body))
        for fmt in ("csv",):
            for which in ("current", "ended"):
                status, _, body = client.get(f"/public/catalogue/{which}.{fmt}")
                pages[f"{which}.{fmt}"] = (status, body.decode("utf-8-sig"))
        for path, (_, page) in pages.items():
            for word in forbidden:
                assert word not in page, (path, word)
        # staff pages are not public: the sign-in page, never their content
        for path in ("/suggestions", f"/filings/{sample.draft}/review", "/queue", "/filings"):
            status, headers, _ = client.get(path)
            assert status == 302 and "/login" in headers["Location"], path
        for path in ("/public/documents/abc", "/public/../filings/1", "/public/catalogue/drafts",
                     "/public/catalogue/current.json", f"/public/documents/{sample.draft}/download.pdf"):
            assert client.get(path)[0] == 404, path


def test_public_pages_have_their_own_assets_and_no_staff_chrome(sample: Sample):
    with running(sample.db) as base:
        client = Client(base)
        status, page = get(client, "/public/")
        assert status == 200 and 'href="/public/public.css"' in page
        assert "/static/" not in page and "退出" not in page and "审查工作台" not in page and "<script" not in page
        status, headers, body = client.get("/public/public.css")
        assert status == 200 and b"@media print" in body and b"max-width: 640px" in body
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        status, page = get(client, "/public/nowhere")
        assert status == 404 and "页面不存在" in page and 'href="/public/public.css"' in page
        # a signed-in member of staff sees the same public page, without the workspace's bits
        staff = Client(base)
        staff.login("审查员")
        _, page = get(staff, f"/public/documents/{sample.market}")
        assert "审查员" not in page and "退出" not in page


def test_the_staff_register_is_for_the_office_and_only_reviewers_answer(fresh: Sample):
    with Archive.open(fresh.db, user="收发室") as archive:
        sid = archive.suggest(fresh.market, "赵某", "来信", "第二条收费项目应当列明依据。", date="2020-01-02").id
    with running(fresh.db) as base:
        filer = Client(base)
        filer.login("市场局")
        assert filer.get("/suggestions")[0] == 403 and filer.get(f"/suggestions/{sid}")[0] == 403
        admin = Client(base)
        admin.login("管理员")
        status, page = get(admin, "/suggestions")
        assert status == 200 and 'class="overdue"' in page and "已逾期" in page  # due 60 days after 2020-01-02
        token = admin.token(f"/suggestions/{sid}")
        assert admin.post(f"/suggestions/{sid}", {"action": "reply", "text": "答复", "csrf_token": token})[0] == 403
        staff = Client(base)
        staff.login("审查员")
        assert staff.get("/suggestions/999")[0] == 404
        token = staff.token(f"/suggestions/{sid}")
        status, _, body = staff.post(f"/suggestions/{sid}", {"action": "reply", "text": " ", "csrf_token": token})
        assert status == 400 and "请填写答复内容" in text_of(body)
        status, _, _ = staff.post(f"/suggestions/{sid}", {"action": "handle", "text": "已函询制定机关",
                                                          "csrf_token": token})
        assert status == 302
        with Archive.open(fresh.db) as archive:
            item = archive.suggestion(sid)
        assert item["status"] == "处理中" and [e["user"] for e in item["events"]] == ["收发室", "审查员"]
