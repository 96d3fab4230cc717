"""The staff home page, the automatic 失效 by the web server and the dashboard, over real HTTP
(a real server on 127.0.0.1, urllib): a fixed clock in the application's config, roles, the
downloads read back (openpyxl, python-docx), inline SVG parsed as XML."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from reviewer.archive import Archive, FilingMeta, expiry
from reviewer.web.app import create_app
from tests.dashboard_helpers import EDUCATION, MARKET, populate
from tests.test_web import Client
from tests.web_helpers import PASSWORD, make_archive, running, serving


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = make_archive(tmp_path)
    with Archive.open(path, user="测试") as archive:
        archive.accounts.add("教育局", "报备单位", PASSWORD, EDUCATION)
    return path


def _page(client: Client, path: str) -> tuple[int, str]:
    status, _, body = client.get(path)
    return status, body.decode()


def _rows(page: str, section: str) -> str:
    return page.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]


def test_the_server_expires_at_start_and_the_home_page_reminds(db, tmp_path: Path):
    today = dt.date.today()
    with Archive.open(db, user="测试") as archive:
        for name, ends in (("期满", today - dt.timedelta(days=1)), ("将届满", today + dt.timedelta(days=30)),
                           ("尚早", today + dt.timedelta(days=31))):
            path = tmp_path / f"{name}.txt"
            path.write_text(f"某市教育局关于{name}事项的通知\n一、各学校做好工作。\n", encoding="utf-8")
            doc = archive.submit(str(path), FilingMeta(issuer=EDUCATION, publish_date="2024-01-02",
                                                       expiry_date=ends.isoformat())).id
            archive.review(doc, "通过", "符合要求")
            archive.register(doc)
            archive.publish(doc, "2024-01-02", "政府网站")
    app = create_app(db)  # start-up: the document whose 有效期 ended yesterday is 失效 before any request
    with Archive.open(db, user="测试") as archive:
        assert archive.show(1)["status"] == "失效" and archive.show(2)["status"] == "有效"
        entry = archive.log(1)[-1]
        assert (entry["user"], entry["reason"]) == (expiry.SYSTEM_USER, f"有效期届满（{today - dt.timedelta(days=1)}）")
        assert entry["detail"]["触发"] == "网页服务启动"
    with serving(app) as base:
        staff = Client(base)
        status, headers, _ = staff.login("审查员")
        assert status == 302 and headers["Location"] == "/home"  # staff start on the home page
        status, page = _page(staff, "/home")
        assert status == 200
        assert "关于将届满事项的通知" in _rows(page, "expiring") and "剩余 30 天" in _rows(page, "expiring")
        assert "尚早" not in page
        assert "关于期满事项的通知" in _rows(page, "expired") and "失效" in _rows(page, "expired")
        # A department's home page holds only its own unit's documents.
        market = Client(base)
        market.login("市场局")
        assert "事项的通知" not in _page(market, "/home")[1]
        education = Client(base)
        education.login("教育局")
        assert "关于将届满事项的通知" in _page(education, "/home")[1]


def test_a_fixed_clock_reminds_n_days_before_and_expires_the_day_after_once(db, tmp_path: Path):
    app = create_app(db)  # nothing filed yet: the start-up run changes nothing
    with Archive.open(db, user="测试") as archive:
        ids = populate(archive, tmp_path)  # 有效期至 2025-06-30 (market) and 2025-09-30 (education)
    clock = {"today": "2025-05-31"}
    app.config["REVIEWER_CLOCK"] = lambda: clock["today"]
    with serving(app) as base:
        staff = Client(base)
        staff.login("审查员")
        status, page = _page(staff, "/home")
        assert status == 200 and "今天：2025-05-31" in page
        assert f'data-id="{ids["market"]}"' in _rows(page, "expiring") and "剩余 30 天" in _rows(page, "expiring")
        clock["today"] = "2025-06-30"
        assert "今天届满" in _rows(_page(staff, "/home")[1], "expiring")
        with Archive.open(db) as archive:
            assert archive.show(ids["market"])["status"] == "有效"
        clock["today"] = "2025-07-01"
        page = _page(staff, "/home")[1]
        assert f'data-id="{ids["market"]}"' in _rows(page, "expired") and "2025-07-01" in _rows(page, "expired")
        assert "尚未标为失效" not in page and f'data-id="{ids["market"]}"' not in _rows(page, "expiring")
        with Archive.open(db) as archive:
            info = archive.show(ids["market"])
            assert info["status"] == "失效" and info["status_history"][-1]["reason"] == "有效期届满（2025-06-30）"
            entries = archive.log()
            assert entries[-1]["user"] == expiry.SYSTEM_USER
            assert entries[-1]["detail"]["触发"] == "网页服务（每日首次访问）"
        # More requests the same day: no second run, no second entry.
        for _ in range(3):
            _page(staff, "/home")
        with Archive.open(db) as archive:
            assert len([e for e in archive.log() if e["user"] == expiry.SYSTEM_USER]) == 1
        # The department sees its own unit's document; another department does not.
        market = Client(base)
        market.login("市场局")
        assert f'data-id="{ids["market"]}"' in _page(market, "/home")[1]
        education = Client(base)
        education.login("教育局")
        assert f'data-id="{ids["market"]}"' not in _page(education, "/home")[1]


@pytest.fixture()
def filed(db, tmp_path: Path):
    with Archive.open(db, user="测试") as archive:
        populate(archive, tmp_path)
        # An issuing body named with markup: shown as text everywhere.
        (tmp_path / "odd.txt").write_text("关于标记测试的通知\n一、做好工作。\n", encoding="utf-8")
        archive.submit(str(tmp_path / "odd.txt"), FilingMeta(issuer="<b>某局</b>", publish_date="2025-08-01",
                                                             received_date="2025-08-02"))
    return db


def test_departments_get_403_on_the_dashboard_and_its_downloads(filed):
    with running(filed) as base:
        market = Client(base)
        market.login("市场局")
        assert market.get("/dashboard")[0] == 403
        assert market.get("/dashboard.xlsx")[0] == 403
        token = market.token("/")
        assert market.post("/dashboard/annual-report", {"year": "2025", "csrf_token": token})[0] == 403
        assert "统计" not in _page(market, "/")[1].split("</nav>")[0]
        anonymous = Client(base)
        status, headers, _ = anonymous.get("/dashboard")
        assert status == 302 and "/login" in headers["Location"]


def test_dashboard_shows_rates_charts_table_and_what_is_missing(filed):
    with running(filed) as base:
        staff = Client(base)
        staff.login("审查员")
        status, page = _page(staff, "/dashboard?period=2025")
        assert status == 200
        svgs = re.findall(r"<svg.*?</svg>", page, re.S)
        assert len(svgs) == 7
        for svg in svgs:
            ET.fromstring(svg)  # well-formed
        assert "每月报备件数" in page and "报备率（按制定机关）" in page
        table = page.split('id="figures"', 1)[1].split("</table>", 1)[0]
        market = next(row for row in table.split("<tr")[1:] if MARKET in row)
        assert "50.0%" in market and "100.0%" in market
        assert "合计" in table
        assert "只计已载入发文目录的 1 个制定机关" in page  # what is missing, said on the page
        assert "&lt;b&gt;某局&lt;/b&gt;" in page and "<b>某局" not in page
        # One body, by quarter.
        status, page = _page(staff, "/dashboard?" + urlencode({"issuer": EDUCATION, "by": "quarter", "period": "2025"}))
        assert status == 200 and "2025年第2季度" in page and "报备率无法计算：某市教育局没有载入发文目录" in page
        assert _page(staff, "/dashboard?by=week")[0] == 400
        status, page = _page(staff, "/dashboard?period=" + quote("去年"))
        assert status == 400 and "无法识别" in page


def test_workbook_and_annual_report_downloads_read_back(filed):
    import docx
    from openpyxl import load_workbook

    with running(filed) as base:
        staff = Client(base)
        staff.login("审查员")
        status, headers, body = staff.get("/dashboard.xlsx?period=2025&by=year")
        assert status == 200 and "spreadsheetml" in headers["Content-Type"]
        book = load_workbook(io.BytesIO(body))
        cells = [[c.value for c in row] for row in book["统计表"].iter_rows()]
        assert any(row[0] == MARKET and 0.5 in row for row in cells)
        token = staff.token("/dashboard")
        assert staff.post("/dashboard/annual-report", {"year": "2025"})[0] == 400  # no CSRF token
        status, headers, body = staff.post("/dashboard/annual-report", {"year": "2025", "csrf_token": token})
        assert status == 200 and "wordprocessingml" in headers["Content-Type"]
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
        assert "共收到3个制定机关报备的规范性文件4件" in text and "【待填写】" in text
        assert staff.post("/dashboard/annual-report", {"year": "二〇二五", "csrf_token": token})[0] == 400


def test_the_figures_are_read_once_per_selection_until_the_archive_changes(filed, tmp_path: Path, monkeypatch):
    calls: list[tuple] = []
    real = Archive.indicators

    def counted(self, *args, **kwargs):
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Archive, "indicators", counted)
    with running(filed) as base:
        staff = Client(base)
        staff.login("审查员")
        _page(staff, "/")  # the welcome message is shown once, on the first page after sign-in
        first = _page(staff, "/dashboard?period=2025")[1]
        assert _page(staff, "/dashboard?period=2025")[1] == first and len(calls) == 1
        _page(staff, "/dashboard?period=2025&by=quarter")
        assert len(calls) == 2
        # A new filing is logged: the same selection is read again and shows it.
        with Archive.open(filed, user="测试") as archive:
            (tmp_path / "new.txt").write_text("关于新事项的通知\n一、做好工作。\n", encoding="utf-8")
            archive.submit(str(tmp_path / "new.txt"), FilingMeta(issuer=MARKET, publish_date="2025-09-01",
                                                                 received_date="2025-09-02"))
        again = _page(staff, "/dashboard?period=2025")[1]
        assert len(calls) == 3 and again != first
