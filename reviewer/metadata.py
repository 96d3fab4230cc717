"""What a document says about itself: title, 发文字号, issuer, dates, validity.

Sources, most explicit first: labelled fields of database pages (【制定机关】, 发文字号：),
the signature block, the title, and the closing provisions (自…起施行, 有效期…).
"""

from __future__ import annotations

import datetime as dt

from reviewer import docnumbers
from reviewer.dates import TEXT_DATE_RE, date_of, dates_in
from reviewer.model import Clause, Metadata
from reviewer.numerals import FULLWIDTH_DIGITS, cn_to_int, numeral_or_none
from reviewer.structure import ORG_SUFFIX_RE
from reviewer.regexes import compile_re

_D = "0-9０-９"
_CN_SMALL = "一二三四五六七八九十"
DATE_RE = TEXT_DATE_RE  # the one in-text date pattern (reviewer/dates.py)

# A doc-number prefix never contains these function characters, so a match cannot swallow
# the words before it ("根据龙政办发〔2017〕12号").
_PREFIX_CHAR = r"(?:(?![据照依的和及与或于将见以由对在号为是从按根])[\u4e00-\u9fff])"
DOC_NUMBER_RE = compile_re(
    rf"(?P<prefix>{_PREFIX_CHAR}{{1,8}})\s*{docnumbers.YEAR}{docnumbers.SERIAL}"
)
"""发文字号 with any bracket around the year: 龙政办发〔2017〕12号, [2017], (2017), （2017）, 【2017】."""

_ORDER_NUMBER_RE = compile_re(rf"(?P<org>[\u4e00-\u9fff]{{2,30}}令)\s*第\s*(?P<num>[{_D}一二三四五六七八九十百零〇]+)\s*号")
_LABEL_RE = compile_re(
    r"[【\[]?(?P<label>制定机关|发布机关|发文机关|发文字号|字号|文号|公布日期|发布日期|发布时间|"
    r"施行日期|实施日期|生效日期|印发日期|成文日期|失效日期)[】\]]?\s*[:：]?\s*(?P<value>[^\n]*)"
)
_EFFECTIVE_DATE_RE = compile_re(rf"(?:自|从|于)\s*(?P<date>{DATE_RE.pattern})\s*(?:起|开始)?\s*(?:施行|实施|执行|生效)")
_EFFECTIVE_REL_RE = compile_re(
    r"自\s*(?P<event>印发|发文|下发|签发|公布|发布|颁布)\s*之日起\s*"
    rf"(?:(?:满)?\s*(?P<days>[{_D}]+|[{_CN_SMALL}百]+)\s*日(?:以)?后\s*)?(?:施行|实施|执行|生效)"
)
_EXPIRY_RE = compile_re(rf"有效期(?:限)?[^。；;\n]{{0,30}}?至\s*(?P<date>{DATE_RE.pattern})")
_VALIDITY_RE = compile_re(rf"有效期(?:限)?\s*(?:为|是)?\s*(?P<n>[{_D}]{{1,2}}(?:\.[{_D}])?|[{_CN_SMALL}两半]{{1,3}})\s*年")
_PUBLISH_LINE_RE = compile_re(rf"\s*(?P<date>{DATE_RE.pattern})[^。\n]{{0,40}}?(?:公布|发布)\s*$")
_ISSUE_LINE_RE = compile_re(rf".{{0,40}}?(?P<date>{DATE_RE.pattern})\s*印发\s*$")
_TITLE_ISSUER_RE = compile_re(r"(?P<issuer>.{2,60}?)\s*关于")
_CITING_RE = compile_re(r"根据|按照|依据|依照|贯彻|落实|转发")
_MD_STRIP = "#*>  \t\u3000\xa0"

_PUBLISH_EVENTS = ("公布", "发布", "颁布")


def parse_date(s: str) -> dt.date | None:
    """The first valid date in ``s`` (see ``dates.TEXT_DATE_RE``), or None."""
    found = dates_in(s)
    return found[0].day if found else None


def normalize_doc_number(s: str) -> str:
    """Canonical 发文字号: 〔〕 around the year, ASCII digits, no spaces or 第 (龙政办发〔2017〕12号)."""
    match = DOC_NUMBER_RE.search(s)
    if match is None:
        return docnumbers.normalize_doc_number(s)
    return docnumbers.canonical(match.group("prefix"), match.group("year"), match.group("serial"))


def extract_metadata(text: str, clauses: tuple[Clause, ...]) -> Metadata:
    """Read title, 发文字号, issuer, dates, validity and 暂行/试行 from a parsed document."""
    labels = _labels(text)
    title = _title(text, clauses)
    sig_issuer, sig_date = _signature(text, clauses)
    doc_number = labels.get("doc_number") or _doc_number(text, clauses)
    issuer = labels.get("issuer") or sig_issuer or _issuer_from_title(title) or _issuer_from_order(doc_number)
    issue_date = labels.get("issue") or sig_date or _issue_line_date(text, clauses)
    publish_date = labels.get("publish") or _publish_line_date(text, clauses)
    effective = labels.get("effective") or _effective_date(text, issue_date, publish_date)
    validity = _validity_years(text)
    expiry = labels.get("expiry") or _expiry_date(text)
    if expiry is None and effective is not None and validity is not None:
        expiry = _add_months(effective, round(validity * 12)) - dt.timedelta(days=1)
    return Metadata(
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        issue_date=issue_date,
        publish_date=publish_date,
        effective_date=effective,
        expiry_date=expiry,
        validity_years=validity,
        provisional=bool(title and ("暂行" in title or "试行" in title)),
    )


def _labels(text: str) -> dict:
    """Fields labelled the way database pages show them (【制定机关】…, 发文字号：…); first one wins."""
    keys = {
        "制定机关": "issuer", "发布机关": "issuer", "发文机关": "issuer",
        "发文字号": "doc_number", "字号": "doc_number", "文号": "doc_number",
        "公布日期": "publish", "发布日期": "publish", "发布时间": "publish",
        "施行日期": "effective", "实施日期": "effective", "生效日期": "effective",
        "印发日期": "issue", "成文日期": "issue", "失效日期": "expiry",
    }
    found: dict = {}
    for match in _LABEL_RE.finditer(text):
        # Only at the start of a line (after bullets), so a sentence mentioning 施行日期 is no label.
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start:match.start()].strip(" \t\u3000\xa0•·*-#") != "":
            continue
        key = keys[match.group("label")]
        value = match.group("value").strip()
        parsed = _label_value(key, value)
        if parsed is not None and key not in found:
            found[key] = parsed
    return found


def _label_value(key: str, value: str):
    """Parse one labelled value, or None when it does not hold what the label promises."""
    if key == "issuer":
        value = value.strip(" 　")
        return value if value and len(value) <= 60 else None
    if key == "doc_number":
        match = DOC_NUMBER_RE.search(value)
        return normalize_doc_number(match.group()) if match else None
    return parse_date(value)


def _title(text: str, clauses: tuple[Clause, ...]) -> str | None:
    """The first run of title lines, joined, without markdown marks."""
    parts: list[str] = []
    for clause in clauses:
        if clause.kind == "title":
            parts.append(text[clause.start:clause.end].strip(_MD_STRIP))
        elif parts:
            break
    title = "".join(parts)
    return title or None


def _issuer_from_title(title: str | None) -> str | None:
    """XX人民政府关于… → XX人民政府 (several issuers separated by spaces become 、-joined)."""
    if not title:
        return None
    match = _TITLE_ISSUER_RE.match(title)
    if match is None:
        return None
    names = match.group("issuer").split()
    if not names or not all(ORG_SUFFIX_RE.search(name) for name in names):
        return None
    return "、".join(names)


def _issuer_from_order(doc_number: str | None) -> str | None:
    """A rule's order number names its issuer: 国家市场监督管理总局令第20号 → 国家市场监督管理总局."""
    if doc_number and "令第" in doc_number:
        return doc_number.split("令第")[0] or None
    return None


def _signature(text: str, clauses: tuple[Clause, ...]) -> tuple[str | None, dt.date | None]:
    """Issuer and date from the last signature block that has a date."""
    blocks: list[list[str]] = []
    previous_was_signature = False
    for clause in clauses:
        if clause.kind == "signature":
            if not previous_was_signature:
                blocks.append([])
            blocks[-1].append(text[clause.start:clause.end].strip())
        previous_was_signature = clause.kind == "signature"
    for block in reversed(blocks):
        issuer, date = _read_signature(block)
        if date is not None:
            return issuer, date
    return None, None


def _read_signature(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """Issuer names (wrapped names rejoined) and the date of one signature block."""
    issuers: list[str] = []
    fragment = ""
    date = None
    for line in lines:
        match = DATE_RE.search(line)
        if match is not None:
            date = date or date_of(match)
            line = line[:match.start()].strip()
            if not line:
                continue
        if "印发" in line or "抄送" in line or "此件" in line:
            continue
        fragment += line
        if ORG_SUFFIX_RE.search(fragment):
            issuers.append(fragment)
            fragment = ""
    return ("、".join(issuers) or None), date


def _front_text(text: str, clauses: tuple[Clause, ...]) -> list[str]:
    """Lines before the body (title, preamble) — where a document states its own number."""
    out: list[str] = []
    for clause in clauses:
        if clause.kind not in ("title", "preamble", "signature"):
            break
        out.append(text[clause.start:clause.end])
    return out


def _doc_number(text: str, clauses: tuple[Clause, ...]) -> str | None:
    """The document's own 发文字号 near the top, not one it cites (根据…〔2016〕5号)."""
    for line in _front_text(text, clauses) or text.split("\n")[:10]:
        for match in DOC_NUMBER_RE.finditer(line):
            before = line[:match.start()]
            if "《" in before or _CITING_RE.search(before):
                continue
            return normalize_doc_number(match.group())
    for line in _front_text(text, clauses):
        order = _ORDER_NUMBER_RE.search(line)
        if order is not None:
            num = order.group("num").translate(FULLWIDTH_DIGITS)
            try:
                return f"{order.group('org')}第{cn_to_int(num)}号"
            except ValueError:
                continue
    return None


def _publish_line_date(text: str, clauses: tuple[Clause, ...]) -> dt.date | None:
    """A front-matter line such as "2019年11月30日 XX令第20号公布"."""
    for line in _front_text(text, clauses):
        match = _PUBLISH_LINE_RE.fullmatch(line)
        if match is not None:
            return parse_date(match.group("date"))
    return None


def _issue_line_date(text: str, clauses: tuple[Clause, ...]) -> dt.date | None:
    """A closing line such as "XX办公室 2017年3月1日印发"."""
    for clause in reversed(clauses):
        match = _ISSUE_LINE_RE.fullmatch(text, clause.start, clause.end)
        if match is not None:
            return parse_date(match.group("date"))
    return None


def _effective_date(text: str, issue: dt.date | None, publish: dt.date | None) -> dt.date | None:
    """施行日期 from the last closing provision that states one."""
    candidates: list[tuple[int, dt.date | None]] = []
    for match in _EFFECTIVE_DATE_RE.finditer(text):
        candidates.append((match.start(), parse_date(match.group("date"))))
    for match in _EFFECTIVE_REL_RE.finditer(text):
        event = match.group("event")
        base = (publish or issue) if event in _PUBLISH_EVENTS else issue
        if base is not None and match.group("days"):
            base = base + dt.timedelta(days=numeral_or_none(match.group("days")) or 0)
        candidates.append((match.start(), base))
    dated = [c for c in candidates if c[1] is not None]
    return max(dated, key=lambda c: c[0])[1] if dated else None


def _expiry_date(text: str) -> dt.date | None:
    """有效期至2022年3月31日 (the last statement wins)."""
    found = None
    for match in _EXPIRY_RE.finditer(text):
        found = parse_date(match.group("date")) or found
    return found


def _validity_years(text: str) -> float | None:
    """有效期5年 / 有效期为五年 / 有效期两年半 → years."""
    found = None
    for match in _VALIDITY_RE.finditer(text):
        raw = match.group("n").translate(FULLWIDTH_DIGITS)
        half = raw.endswith("半")
        raw = raw.rstrip("半")
        try:
            value = float(raw) if not raw or raw[0].isdigit() else float(cn_to_int(raw))
        except ValueError:
            continue
        found = value + (0.5 if half else 0.0)
    return found


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; a day missing in the target month rolls to the next month's 1st."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day  # the month's last day
    if day.day > last:
        return dt.date(year, month, last) + dt.timedelta(days=1)
    return dt.date(year, month, day.day)
