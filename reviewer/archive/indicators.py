"""The office's figures per issuing body and period: 报备率, 及时率, 规范率, 纠错率, review time,
filings per month and findings per family. One computation: `archive stats`, the web dashboard,
its workbook and the annual report all read ``compute``.

What each rate counts (docs/dashboard.md says the same for staff):

- 报备率 = documents on the issuing body's list of issued documents (发文目录, loaded with
  `archive reconcile`) that were filed ÷ documents on the list. The archive knows a document was
  issued only when it was filed or imported or is on such a list; without a list the rate is unknown
  (None), never 100 %.
- 及时率 = filings received within ``late_days`` of publication ÷ filings with a publication date
  (filings without one are left out and counted in ``undated``).
- 规范率 = filings whose 备案材料 were complete (all of PACKAGE_FLAGS) ÷ filings.
- 纠错率 = filings that a review ever found wanting (需纠正 or 不予备案) ÷ filings with at least one
  review decision (undecided filings are left out, counted in ``undecided``).
- 审查用时 = days from receipt to the first review decision.

A document belongs to the period of its publication date, else its issue date, else the date the
filing was received: the same key as the issued lists, so both sides of 报备率 fall in the same
period. Filings per month count the month the filing was received (the office's workload).
Imported documents (source 导入) are not filings and count only as "filed" for 报备率.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from reviewer.archive.records import FILING_CORRECT, FILING_REJECTED, PACKAGE_FLAGS, Settings

GRANULARITIES = ("year", "quarter", "month")
GRANULARITY_NAMES = {"year": "年度", "quarter": "季度", "month": "月份"}
UNKNOWN = "未知"
ALL_ISSUERS = "合计"
ACCEPTED = "采纳"


def period_key(date: str | None, granularity: str) -> str:
    """2026, 2026-Q3 or 2026-07 for an ISO date; 未知 without one."""
    if not date or len(date) < 7 or not date[:4].isdigit():
        return UNKNOWN
    if granularity == "year":
        return date[:4]
    month = int(date[5:7])
    return f"{date[:4]}-Q{(month - 1) // 3 + 1}" if granularity == "quarter" else date[:7]


def period_label(key: str) -> str:
    """2026年, 2026年第3季度, 2026年7月."""
    if key == UNKNOWN:
        return "日期不详"
    if not key:
        return "全部期间"
    if len(key) == 4:
        return f"{key}年"
    if "-Q" in key:
        return f"{key[:4]}年第{key[-1]}季度"
    return f"{key[:4]}年{int(key[5:7])}月"


def granularity_of(period: str) -> str:
    """Which granularity a period key is written in; ValueError for anything else."""
    if len(period) == 4 and period.isdigit():
        return "year"
    if len(period) == 7 and period[:4].isdigit() and period[4:6] == "-Q" and period[6] in "1234":
        return "quarter"
    if len(period) == 7 and period[:4].isdigit() and period[4] == "-" and period[5:].isdigit() \
            and 1 <= int(period[5:]) <= 12:
        return "month"
    raise ValueError(period)


def months_of(period: str) -> list[str]:
    """The months (YYYY-MM) a period key covers."""
    kind = granularity_of(period)
    year = period[:4]
    if kind == "month":
        return [period]
    first = 1 if kind == "year" else (int(period[-1]) - 1) * 3 + 1
    count = 12 if kind == "year" else 3
    return [f"{year}-{m:02d}" for m in range(first, first + count)]


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Group:
    """The figures of one (issuing body, period)."""

    issuer: str
    period: str
    filed: int = 0  # filings (source 报备)
    listed: int = 0  # on the body's issued list
    listed_filed: int = 0  # of those, found filed or imported
    dated: int = 0  # filings with a publication date
    on_time: int = 0
    complete: int = 0  # filings with every 备案材料
    decided: int = 0  # filings with at least one review decision
    corrected: int = 0  # of those, found wanting at least once
    review_days: list[int] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)  # current 审查结论

    def add(self, other: Group) -> None:
        for name in ("filed", "listed", "listed_filed", "dated", "on_time", "complete", "decided", "corrected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.review_days += other.review_days
        self.outcomes.update(other.outcomes)

    @property
    def filing_rate(self) -> float | None:
        return _rate(self.listed_filed, self.listed)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.dated)

    @property
    def standard_rate(self) -> float | None:
        return _rate(self.complete, self.filed)

    @property
    def correction_rate(self) -> float | None:
        return _rate(self.corrected, self.decided)

    @property
    def review_mean(self) -> float | None:
        return round(statistics.fmean(self.review_days), 1) if self.review_days else None

    @property
    def review_median(self) -> float | None:
        return float(statistics.median(self.review_days)) if self.review_days else None

    def to_dict(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k not in ("review_days", "outcomes")}
        out.update(period_label=period_label(self.period), undated=self.filed - self.dated,
                   undecided=self.filed - self.decided, filing_rate=self.filing_rate,
                   on_time_rate=self.on_time_rate, standard_rate=self.standard_rate,
                   correction_rate=self.correction_rate, reviewed=len(self.review_days),
                   review_mean=self.review_mean, review_median=self.review_median,
                   review_max=max(self.review_days) if self.review_days else None,
                   outcomes=dict(self.outcomes))
        return out


@dataclass
class Indicators:
    """Everything the dashboard shows for one selection."""

    granularity: str
    period: str | None
    issuer: str | None
    groups: list[Group]  # per (issuer, period), sorted
    totals: list[Group]  # per period, all selected issuers together
    overall: Group  # the whole selection
    months: list[tuple[str, int]]  # filings received per month
    families: list[tuple[str, int, int]]  # (family code, found in filed texts, accepted by staff)
    issuers: list[str]  # every issuing body with a filing or a list (for the filter)
    periods: list[str]  # every period with data (for the filter), newest first
    gaps: list[str]  # what is missing for the rates, in words for staff

    def by_issuer(self) -> list[Group]:
        """One group per issuing body over the whole selection (what the charts compare)."""
        merged: dict[str, Group] = {}
        for g in self.groups:
            merged.setdefault(g.issuer, Group(g.issuer, self.period or "")).add(g)
        return [merged[k] for k in sorted(merged)]

    def to_dict(self) -> dict:
        return {"granularity": self.granularity, "period": self.period, "issuer": self.issuer,
                "groups": [g.to_dict() for g in self.groups], "totals": [g.to_dict() for g in self.totals],
                "overall": self.overall.to_dict(), "months": [{"month": m, "filed": n} for m, n in self.months],
                "families": [{"family": f, "found": n, "accepted": a} for f, n, a in self.families],
                "issuers": self.issuers, "periods": self.periods, "gaps": self.gaps}


def _filings(conn: sqlite3.Connection) -> list[dict]:
    flags = " AND ".join(f"d.{column}" for column, _ in PACKAGE_FLAGS.values())
    # One pass over reviews grouped by document (reviews has no index on document_id: a correlated
    # subquery per filing would scan it once per filing).
    sql = ("SELECT d.id, d.issuer, d.publish_date, d.issue_date, d.received_date, d.filing_status,"
           f" ({flags}) AS complete, r.first_review, COALESCE(r.corrected, 0) AS corrected"
           " FROM documents d LEFT JOIN (SELECT document_id, MIN(reviewed_at) AS first_review,"
           " MAX(decision IN (?, ?)) AS corrected FROM reviews GROUP BY document_id) r ON r.document_id = d.id"
           " WHERE d.source = '报备'")
    return [dict(r) for r in conn.execute(sql, (FILING_CORRECT, FILING_REJECTED))]


def _families(conn: sqlite3.Connection) -> tuple[dict[int, Counter], dict[int, Counter]]:
    """Per filing: findings per family in the text as filed (version 1), and those staff accepted."""
    found: dict[int, Counter] = defaultdict(Counter)
    family_of: dict[tuple[int, str], str] = {}
    for row in conn.execute(
            "SELECT v.document_id, v.version, f.fingerprint, json_extract(f.json, '$.family') AS family"
            " FROM findings f JOIN versions v ON v.id = f.version_id"
            " JOIN documents d ON d.id = v.document_id WHERE d.source = '报备'"):
        family = row["family"] or UNKNOWN
        family_of[(row["document_id"], row["fingerprint"])] = family
        if row["version"] == 1:
            found[row["document_id"]][family] += 1
    accepted: dict[int, Counter] = defaultdict(Counter)
    for row in conn.execute(
            "SELECT document_id, fingerprint, decision FROM finding_decisions WHERE id IN"
            " (SELECT MAX(id) FROM finding_decisions GROUP BY document_id, fingerprint)"):
        key = (row["document_id"], row["fingerprint"])
        if row["decision"] == ACCEPTED and key in family_of:
            accepted[row["document_id"]][family_of[key]] += 1
    return found, accepted


def _on_list(conn: sqlite3.Connection) -> list[dict]:
    from reviewer.archive.deadlines import filed_keys, is_filed

    numbers, titles = filed_keys(conn)
    return [{"issuer": r["issuer"], "date": r["publish_date"], "filed": is_filed(dict(r), numbers, titles)}
            for r in conn.execute("SELECT issuer, doc_number, title, publish_date FROM issued_lists")]


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    try:
        return (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days
    except ValueError:
        return None


def compute(conn: sqlite3.Connection, settings: Settings, granularity: str = "year", period: str | None = None,
            issuer: str | None = None) -> Indicators:
    """The figures per (issuer, period) for ``granularity``; only ``period`` and ``issuer`` when given.

    ``period`` is a key in any granularity (2026, 2026-Q3, 2026-07): the documents of that span,
    grouped by ``granularity`` inside it.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(granularity)
    span = set(months_of(period)) if period else None
    filings = _filings(conn)
    listed = _on_list(conn)
    all_issuers = sorted({f["issuer"] or UNKNOWN for f in filings} | {item["issuer"] for item in listed})
    all_periods = sorted({period_key(_when(f), granularity) for f in filings}
                         | {period_key(item["date"], granularity) for item in listed}, reverse=True)

    def chosen(body: str, date: str | None) -> bool:
        return (issuer is None or body == issuer) and (span is None or (date or "")[:7] in span)

    groups: dict[tuple[str, str], Group] = {}

    def group(body: str, date: str | None) -> Group:
        key = (body, period_key(date, granularity))
        return groups.setdefault(key, Group(*key))

    found, accepted = _families(conn)
    family_found: Counter = Counter()
    family_accepted: Counter = Counter()
    for f in filings:
        body, when = f["issuer"] or UNKNOWN, _when(f)
        if not chosen(body, when):
            continue
        g = group(body, when)
        _count(g, f, settings)
        family_found.update(found.get(f["id"], {}))
        family_accepted.update(accepted.get(f["id"], {}))
    for item in listed:
        if chosen(item["issuer"], item["date"]):
            g = group(item["issuer"], item["date"])
            g.listed += 1
            g.listed_filed += item["filed"]
    ordered = [groups[k] for k in sorted(groups, key=lambda k: (k[1], k[0]))]
    totals = _totals(ordered)
    overall = Group(issuer or ALL_ISSUERS, period or "")
    for g in ordered:
        overall.add(g)
    months = _months(filings, issuer, span)
    families = sorted(((k, family_found[k], family_accepted[k]) for k in family_found | family_accepted),
                      key=lambda t: (-t[1], t[0]))
    return Indicators(granularity, period, issuer, ordered, totals, overall, months, families, all_issuers,
                      all_periods, gaps(overall, listed, issuer))


def _when(filing: dict) -> str | None:
    return filing["publish_date"] or filing["issue_date"] or filing["received_date"]


def _count(g: Group, f: dict, settings: Settings) -> None:
    g.filed += 1
    g.outcomes[f["filing_status"]] += 1
    g.complete += bool(f["complete"])
    if f["publish_date"]:
        g.dated += 1
        late = _days(f["publish_date"], f["received_date"])
        g.on_time += late is not None and late <= settings.late_days
    if f["first_review"]:
        g.decided += 1
        g.corrected += bool(f["corrected"])
        took = _days(f["received_date"], f["first_review"])
        if took is not None:
            g.review_days.append(max(took, 0))


def _totals(groups: Iterable[Group]) -> list[Group]:
    totals: dict[str, Group] = {}
    for g in groups:
        totals.setdefault(g.period, Group(ALL_ISSUERS, g.period)).add(g)
    return [totals[k] for k in sorted(totals)]


def _months(filings: list[dict], issuer: str | None, span: set[str] | None) -> list[tuple[str, int]]:
    """Filings received per month: every month of ``span``, else from the first to the last month seen."""
    counts = Counter(f["received_date"][:7] for f in filings
                     if f["received_date"] and (issuer is None or (f["issuer"] or UNKNOWN) == issuer))
    if span is not None:
        return [(m, counts.get(m, 0)) for m in sorted(span)]
    if not counts:
        return []
    first, last = min(counts), max(counts)
    out = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def gaps(overall: Group, listed: list[dict], issuer: str | None) -> list[str]:
    """What the rates could not count, in words for the page and the report."""
    out = []
    bodies = {item["issuer"] for item in listed}
    if overall.listed == 0:
        who = f"{issuer}" if issuer else "所选范围内的制定机关"
        out.append(f"报备率无法计算：{who}没有载入发文目录（reviewer archive reconcile 发文目录.xlsx）。档案库只知道"
                   "已报备、已导入或列入发文目录的文件，未列入目录的文件是否漏报无从得知。")
    elif not issuer:
        out.append(f"报备率只计已载入发文目录的 {len(bodies)} 个制定机关；其他机关没有目录，其漏报情况未知。")
    if overall.filed and overall.filed > overall.dated:
        out.append(f"及时率未计 {overall.filed - overall.dated} 件没有公布日期的报备文件（无法判断是否超过报备期限）。")
    if overall.filed > overall.decided:
        out.append(f"纠错率和审查用时未计 {overall.filed - overall.decided} 件尚未作出审查结论的报备文件。")
    return out


# How each figure is counted, in the words staff read on the page, in the workbook and the report.
DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("报备率", "制定机关发文目录（用 reviewer archive reconcile 载入）中已报备或已导入的文件数 ÷ 目录中的文件数。"
              "档案库只知道已报备、已导入或列入发文目录的文件：没有载入目录的机关，报备率显示“—”（无法计算），不按 100% 计。"),
    ("及时率", "公布后在报备期限（设置 late_days）内收到的报备件数 ÷ 有公布日期的报备件数；没有公布日期的报备不计入。"),
    ("规范率", "备案材料齐全（备案报告、起草说明、合法性审核意见、集体讨论记录、制定依据五项均有）的报备件数 ÷ 报备件数。"),
    ("纠错率", "审查中曾被认定需纠正或不予备案的报备件数 ÷ 已作出审查结论的报备件数；尚未审查的不计入。"),
    ("审查用时", "从收到报备到第一次作出审查结论的天数（平均数、中位数、最长）；尚未审查的不计入。"),
    ("每月报备件数", "按收到报备的月份计数。"),
    ("问题类别", "自动审查在报备原文（第 1 版）中发现的问题数，及审查人员采纳（认定成立）的问题数，按问题类别统计。"),
    ("期间归属", "各项比率按文件的公布日期归入年度、季度或月份（没有公布日期的按印发日期，再没有的按收到报备日期），"
                "与发文目录的口径一致；导入的存量文件不计入报备件数。"),
)
