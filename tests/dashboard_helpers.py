"""A small, fully known archive for the expiry and dashboard tests: three filings by two bodies,
one found wanting and corrected, one filed late with no 备案材料, one still pending, and an
issued list for one body. Every figure the tests expect follows from the dates below."""

from __future__ import annotations

from pathlib import Path

from reviewer.archive import Archive, FilingMeta

MARKET = "某市市场监督管理局"
EDUCATION = "某市教育局"

VIOLATING = """某市市场监督管理局关于加强农贸市场管理的办法
第一条 为加强农贸市场管理，制定本办法。
第二条 对违反本办法的经营者，处500元罚款。
第三条 本办法自2025年3月1日起施行，有效期至2025年6月30日。
"""
CORRECTED = VIOLATING.replace("处500元罚款", "依照《中华人民共和国行政处罚法》有关规定处理")
LAWFUL = """某市教育局关于做好假期值班工作的通知
一、各学校要安排好值班人员，确保通讯畅通。
二、本通知自印发之日起施行。
"""
PENDING = """某市市场监督管理局关于开展农贸市场安全检查的通知
一、各市场开办者要做好自查。
二、本通知自印发之日起施行。
"""
ALL_PACKAGE = frozenset({"report", "explanation", "legality", "collective", "basis"})


def populate(archive: Archive, folder: Path) -> dict[str, int]:
    """File, review, register and publish the three documents; load the market body's issued list."""
    for name, text in (("violating.txt", VIOLATING), ("corrected.txt", CORRECTED), ("lawful.txt", LAWFUL),
                       ("pending.txt", PENDING)):
        (folder / name).write_text(text, encoding="utf-8")
    market = archive.submit(str(folder / "violating.txt"), FilingMeta(
        issuer=MARKET, doc_number="某市监规〔2025〕1号", publish_date="2025-03-01", received_date="2025-03-10",
        expiry_date="2025-06-30", package=ALL_PACKAGE)).id
    fine = next(n for n, f in enumerate(archive.show(market)["findings"], 1) if f["code"].startswith("PENALTY"))
    archive.review(market, "需纠正", "第二条自行设定罚款", accept=(str(fine),))
    archive.resubmit(market, str(folder / "corrected.txt"))
    archive.review(market, "通过", "已纠正")
    archive.register(market, "2025-03-20")
    archive.publish(market, "2025-03-01", "政府公报")

    education = archive.submit(str(folder / "lawful.txt"), FilingMeta(
        issuer=EDUCATION, doc_number="某教发〔2025〕2号", publish_date="2025-04-01", received_date="2025-06-15",
        expiry_date="2025-09-30")).id
    archive.review(education, "通过", "符合要求")
    archive.register(education, "2025-06-20")
    archive.publish(education, "2025-04-01", "政府网站")

    pending = archive.submit(str(folder / "pending.txt"), FilingMeta(
        issuer=MARKET, doc_number="某市监发〔2025〕5号", publish_date="2025-05-01", received_date="2025-05-05",
        package=frozenset({"report"}))).id

    issued = folder / "issued.csv"
    issued.write_text("发文字号,标题,公布日期\n某市监规〔2025〕1号,关于加强农贸市场管理的办法,2025-03-01\n"
                      "某市监规〔2025〕4号,关于未报备文件的通知,2025-02-01\n", encoding="utf-8")
    archive.reconcile(str(issued), issuer=MARKET)
    return {"market": market, "education": education, "pending": pending}
