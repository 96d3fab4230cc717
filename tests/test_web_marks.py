"""The review screen's numbered marks: stored findings placed in the stored version text
(reviewer/web/locating.py), the shared cutting of a text into marked pieces
(reviewer/web/marks.py), and the review page over real HTTP carrying the marks."""

from __future__ import annotations

import re

from reviewer.model import Severity
from reviewer.pipeline import check_path
from reviewer.structure import parse_clauses
from reviewer.web import marks
from reviewer.web.locating import Stored, label, place, place_all
from tests.test_web import CORPUS, Client
from tests.web_helpers import make_archive, running

TEXT = """某市城市道路管理办法

第一条　为了加强城市道路管理，根据有关法律法规，制定本办法。
第二条　在本市城市道路上设置摊点的，应当经市城管局批准。
违反前款规定的，由市城管局处以五千元罚款。
第三条　市城管局可以采取下列措施：
（一）扣押占道经营的物品；
（二）对拒不改正的，处以一万元罚款；
（三）暂停办理相关业务。
第四条　本办法自2026年1月1日起施行。
"""


def _at(locator: str, match: str, **recorded) -> tuple[int, int] | None:
    return place(TEXT, Stored(locator, match, **recorded))


def test_a_finding_in_a_paragraph_is_placed_in_that_paragraph_not_earlier():
    start, end = _at("第二条第二款", "市城管局")
    assert TEXT[start:end] == "市城管局"
    assert start == TEXT.index("由市城管局") + 1  # not the 市城管局 of 第二条第一款, one line earlier


def test_a_finding_in_an_item_is_placed_in_that_item():
    start, end = _at("第三条第（二）项", "罚款")
    assert TEXT[start:end] == "罚款" and start == TEXT.index("一万元罚款") + 3
    start, _ = _at("第三条第（一）项", "扣押")
    assert start == TEXT.index("（一）扣押") + 3


def test_a_word_repeated_in_two_articles_goes_to_the_article_the_locator_names():
    first, _ = _at("第二条第二款", "处以")
    third, _ = _at("第三条第（二）项", "处以")
    assert first == TEXT.index("处以五千元") and third == TEXT.index("处以一万元") and first < third
    # The first occurrence within the clause when the clause repeats nothing else.
    assert _at("第三条", "市城管局")[0] == TEXT.index("第三条") + 4


def test_words_absent_from_the_text_are_not_placed():
    assert _at("第二条第二款", "吊销营业执照") is None
    assert _at("第九条", "吊销营业执照") is None


def test_a_locator_that_names_no_clause_falls_back_to_the_first_occurrence_in_the_text():
    assert _at("第九条", "市城管局")[0] == TEXT.index("市城管局")
    # Words not in the named clause, but elsewhere: the first occurrence in the text.
    assert _at("第一条", "罚款")[0] == TEXT.index("罚款")


def test_the_recorded_offset_is_used_when_the_stored_text_holds_the_words_there():
    later = TEXT.index("处以一万元")
    assert _at("第二条第二款", "处以", offset=later, length=2) == (later, later + 2)
    # A recorded offset that no longer holds the words is not trusted: the locator decides.
    assert _at("第二条第二款", "处以", offset=3, length=2)[0] == TEXT.index("处以五千元")
    assert _at("第二条第二款", "处以", offset=len(TEXT), length=2)[0] == TEXT.index("处以五千元")


def test_missing_content_is_a_pin_at_its_clause_and_title_and_line_locators_work():
    start = TEXT.index("第四条")
    assert _at("第四条", "") == (start, start)
    assert _at("标题", "管理办法") == (TEXT.index("管理办法"), TEXT.index("管理办法") + 4)
    line = TEXT.splitlines().index("（三）暂停办理相关业务。") + 1
    assert _at(f"第{line}行", "业务")[0] == TEXT.index("相关业务") + 2
    assert _at("第99行", "") is None


def test_every_finding_of_a_real_check_is_found_again_from_its_locator_and_words_alone():
    report = check_path(str(CORPUS / "示例_违规_市场管理办法.txt"))
    text, clauses = report.document.text, parse_clauses(report.document.text)
    assert len(report.findings) >= 3
    for f in report.findings:
        where = place(text, Stored(f.location.locator, f.match), clauses)
        assert where is not None and text[where[0]:where[1]] == f.match
        holding = [c for c in clauses if c.start <= where[0] < c.end]
        if holding and f.match:  # the clause the words are found in is the one the locator names
            assert label(holding[0]) == f.location.locator or f.location.locator.endswith("行")


def test_place_all_numbers_every_finding_and_leaves_the_lost_ones_unmarked():
    findings = [{"locator": "第二条第二款", "match": "罚款", "severity": "error"},
                {"locator": "第三条", "match": "没收", "severity": "warning"},
                {"locator": "第三条第（一）项", "match": "扣押", "severity": "odd"}]
    details = [{"family": "PENALTY"}, {}, {"family": "COERCION", "location": {"offset": "x"}}]
    placed = place_all(TEXT, findings, details)
    assert [p.number for p in placed] == [1, 2, 3] and placed[1].span is None
    assert placed[0].span.severity is Severity.ERROR and placed[0].family == "PENALTY"
    assert placed[2].span.severity is Severity.INFO and placed[2].family == "COERCION"
    pieces = marks.cut(TEXT, [p.span for p in placed if p.span])
    assert "".join(p.text for p in pieces) == TEXT
    marked = {p.text: p.numbers for p in pieces if p.numbers}
    assert marked == {"罚款": (1,), "扣押": (3,)}


def test_overlapping_spans_share_a_piece_and_each_number_starts_and_ends_once():
    spans = [marks.Span(1, 2, 6, Severity.WARNING, "FEE"), marks.Span(2, 4, 8, Severity.ERROR, "PENALTY"),
             marks.Span(3, 9, 9, Severity.INFO, "PROCEDURE")]
    pieces = marks.cut("0123456789", spans)
    assert "".join(p.text for p in pieces) == "0123456789"
    both = next(p for p in pieces if p.numbers == (1, 2))
    assert both.text == "45" and both.severity == "error" and both.family == "PENALTY"
    assert sum(p.starts.count(1) for p in pieces) == 1 and sum(p.ends.count(2) for p in pieces) == 1
    assert any(p.text == "" and p.numbers == (3,) for p in pieces)  # the pin


def test_the_review_page_carries_a_mark_for_each_finding_with_its_number(tmp_path):
    from reviewer.archive import Archive, FilingMeta

    db = make_archive(tmp_path)
    with Archive.open(db, user="测试") as archive:
        document_id = archive.submit(str(CORPUS / "示例_违规_通知.txt"), FilingMeta(issuer="某市市场监督管理局")).id
        record = archive.show(document_id)
        text = archive.text(document_id)
        details = archive.finding_details(document_id)
    findings = record["findings"]
    assert len(findings) >= 3 and len(details) == len(findings)
    with running(db) as base:
        client = Client(base)
        client.login("审查员")
        status, _, body = client.get(f"/filings/{document_id}/review")
    page = body.decode()
    assert status == 200 and 'name="choice_1"' in page and 'id="bulk-accept"' in page
    article = re.search(r'<article class="text"[^>]*id="marked-text">(.*?)</article>', page, re.S).group(1)
    for n, (f, d) in enumerate(zip(findings, details, strict=True), start=1):
        assert f'<a class="anchor" id="m{n}"></a>' in article
        assert re.search(rf'<sup class="no" data-f="{n}">\[{n}\]</sup>', article)
        assert f'<a class="jump" href="#m{n}">' in page
        item = re.search(rf'<li class="finding[^"]*" id="f{n}" data-f="{n}" data-family="([A-Z_]*)"', page)
        assert item and item.group(1) == d["family"]
        # The words right after the anchor are the finding's own, at its place in the stored text.
        after = article.split(f'id="m{n}"></a>', 1)[1]
        shown = re.sub(r"<a class=\"anchor\"[^>]*></a>|<mark[^>]*>|</mark>|<sup[^>]*>.*?</sup>", "", after)
        offset = d["location"]["offset"]
        assert text[offset:].startswith(f["match"]) and shown.startswith(_escaped(text[offset:offset + 10]))
    assert "原文位置未能定位" not in page
    assert 'id="filters"' in page and 'data-filter="family"' in page


def _escaped(words: str) -> str:
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def test_a_finding_whose_words_are_gone_is_listed_unmarked_with_a_note(tmp_path):
    """An archive row whose words the stored text does not hold (written by an older checker,
    say): the page still lists it, unmarked, and says so; the other findings keep their marks."""
    import sqlite3

    from reviewer.archive import Archive, FilingMeta

    db = make_archive(tmp_path)
    with Archive.open(db, user="测试") as archive:
        document_id = archive.submit(str(CORPUS / "示例_违规_通知.txt"), FilingMeta(issuer="某市市场监督管理局")).id
        count = len(archive.show(document_id)["findings"])
    conn = sqlite3.connect(db)
    with conn:  # the second finding's words replaced by words the text does not contain
        conn.execute("UPDATE findings SET match = '本文件中没有的词语' WHERE id = (SELECT id FROM findings"
                     " ORDER BY id LIMIT 1 OFFSET 1)")
    conn.close()
    with running(db) as base:
        client = Client(base)
        client.login("审查员")
        status, _, body = client.get(f"/filings/{document_id}/review")
    page = body.decode()
    assert status == 200 and page.count("原文位置未能定位") == 1
    item = re.search(r'<li class="finding[^"]*" id="f2".*?</li>', page, re.S).group(0)
    assert "原文位置未能定位" in item and 'href="#m2"' not in item and 'name="choice_2"' in item
    assert 'id="m2"' not in page and 'data-f="2"' not in page.split('id="marked-text"', 1)[1].split("</article>")[0]
    for n in [1, *range(3, count + 1)]:
        assert f'id="m{n}"' in page
