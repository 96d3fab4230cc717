"""Named document checks: the ``check`` match kind.

Some problems are not a wording in one sentence but a fact about the document: it cites a
repealed law, it names a law that does not exist, its validity period is too long, it takes
effect too soon, or it restates a statutory fine with a different amount. A rule names one of
these checks (``match: {check: repealed-law-cited}``); the set is closed (``CHECKS``) so a pack
cannot ask for a check that does not exist. Each check yields ``Hit``s; a hit of length 0 means
the document as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reviewer.model import Basis, Document
from reviewer.settings import ReviewSettings

if TYPE_CHECKING:
    from reviewer.laws.base import LawBase
    from reviewer.rules.deadlines import DeadlineHit
from reviewer.yamlio import load_yaml
from reviewer.regexes import compile_re
from reviewer.rules.guards import OWN_OFFENCE_RE, enabling_article


@dataclass(frozen=True)
class Hit:
    """Where a check found its problem; ``note`` is appended to the rule's message. ``basis``, when
    given, replaces the rule's list: the laws this hit rests on (a changed time limit is the one
    statute whose period it is, not every statute the table knows)."""

    start: int
    end: int
    note: str = ""
    basis: tuple[Basis, ...] = ()


# A check reads the document, the local settings and the review's law base (ReviewContext.laws).
CheckFunc = Callable[[Document, ReviewSettings, "LawBase"], Iterable[Hit]]

# Where a document states its validity or its date of effect, to point a finding there.
_VALIDITY_AT_RE = compile_re(r"有效期")
_EFFECT_AT_RE = compile_re(r"自[^。；\n]{0,30}?起[^。；\n]{0,4}?(?:施行|实施|执行|生效)")
# Money stated next to 罚款: 二十元以上二百元以下罚款, 罚款500元, 处1万元罚款.
_MONEY_RE = compile_re(r"(?:[0-9０-９]+(?:\.[0-9０-９]+)?\s*(?:万|千)?|[〇零一二三四五六七八九十百千万两]+)元")
_SUB_SENTENCE_RE = compile_re(r"[^，,；;。]+")


@lru_cache(maxsize=8)
def _citations(text: str) -> tuple:
    """The citations of a text, found once for all the checks that need them."""
    from reviewer.citations import find_citations

    return tuple(find_citations(text))


def _repealed_citations(doc: Document, laws: LawBase) -> Iterator[tuple[Any, Any, bool]]:
    """(citation, entry, repealed after the document's own date) for each repealed law cited."""
    catalog = laws.catalog
    meta = doc.metadata
    own_date = meta.publish_date or meta.issue_date or meta.effective_date
    for cite in _citations(doc.text):
        if cite.kind != "law":
            continue
        entry = catalog.resolve(cite.title).entry
        if entry is not None and entry.status == "已废止":
            later = bool(own_date and entry.repealed and entry.repealed > own_date)
            yield cite, entry, later


def _repeal_note(entry) -> str:
    when = f"已于{entry.repealed.isoformat()}废止" if entry.repealed else "已废止"
    successor = f"，现行为《{entry.replaced_by}》" if entry.replaced_by else ""
    return f"（《{entry.title}》{when}{successor}）"


def repealed_law_cited(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """Citations of a law that was already repealed when the document was made (or undated):
    the drafter's error, since the clause grounds nothing."""
    for cite, entry, later in _repealed_citations(doc, laws):
        if not later:
            yield Hit(cite.start, cite.end, _repeal_note(entry))


def law_repealed_since_issue(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """Citations of a law repealed after the document was made: not the drafter's error, but
    the document needs cleanup (清理)."""
    for cite, entry, later in _repealed_citations(doc, laws):
        if later:
            yield Hit(cite.start, cite.end, _repeal_note(entry))


def unknown_law_title(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """Citations of a …法 that no national law is called: most likely a wrong title."""
    from reviewer.citations import is_suspect_law_title

    catalog = laws.catalog
    for cite in _citations(doc.text):
        if cite.kind != "law" or not is_suspect_law_title(cite.title):
            continue
        if catalog.resolve(cite.title).entry is None:
            nearest = catalog.nearest(cite.title)
            hint = f"（是否应为《{nearest}》？）" if nearest else ""
            yield Hit(cite.start, cite.end, hint)


def validity_too_long(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """A validity period longer than the limit (5 years; 2 for 暂行/试行)."""
    meta = doc.metadata
    years = meta.validity_years
    start = meta.effective_date or meta.publish_date or meta.issue_date
    if years is None and meta.expiry_date and start:
        years = round((meta.expiry_date - start).days / 365.25, 1)
    if years is None:
        return
    limit = settings.max_provisional_validity_years if meta.provisional else settings.max_validity_years
    if years > limit:
        kind = "暂行、试行文件" if meta.provisional else "行政规范性文件"
        at = _VALIDITY_AT_RE.search(doc.text)
        where = (at.start(), at.end()) if at else (0, 0)
        yield Hit(*where, f"（本文件有效期约{years:g}年，{kind}一般不超过{limit:g}年）")


def effective_too_soon(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """Fewer days between publication (or issue) and effect than the limit, or effect before it."""
    meta = doc.metadata
    base = meta.publish_date or meta.issue_date
    if base is None or meta.effective_date is None:
        return
    days = (meta.effective_date - base).days
    if days >= settings.min_days_to_effect:
        return
    ats = list(_EFFECT_AT_RE.finditer(doc.text))
    where = (ats[-1].start(), ats[-1].end()) if ats else (0, 0)
    if days < 0:
        note = f"（施行日期{meta.effective_date.isoformat()}早于公布或印发日期{base.isoformat()}，溯及既往）"
    else:
        note = f"（公布或印发后{days}日即施行，一般应不少于{settings.min_days_to_effect}日）"
    yield Hit(*where, note)


@dataclass(frozen=True)
class FineRange:
    """The fine an article of a law allows, in yuan."""

    law: str
    article: int
    low: float
    high: float
    text: str


@lru_cache(maxsize=1)
def fine_ranges() -> dict[tuple[str, int], FineRange]:
    """The table in ``reviewer/data/penalties.yaml``, keyed by (law title, article number)."""
    from pathlib import Path

    from reviewer.cache import cached

    path = Path(__file__).resolve().parents[1] / "data" / "penalties.yaml"
    return cached("penalties", [path], lambda: _read_fine_table(path))


def _read_fine_table(path) -> dict[tuple[str, int], FineRange]:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    table = {}
    for item in raw:
        rng = FineRange(item["law"], int(item["article"]), float(item["min"]), float(item["max"]), item["text"])
        table[(rng.law, rng.article)] = rng
    return table


def fine_outside_cited_range(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """A clause cites an article from the fine table but states a fine outside its range."""
    from reviewer.citations import article_number
    from reviewer.rules.matchers import SentenceSplitter

    splitter = SentenceSplitter(doc.text)
    for cite in _citations(doc.text):
        number = article_number(cite.article)
        if cite.kind != "law" or not number:
            continue  # the table and the catalogue load only for a cited article
        entry = laws.resolve(cite.title).entry
        rng = fine_ranges().get((entry.title, number)) if entry else None
        if rng is None:
            continue
        sent_start, sent_end = splitter.bounds(cite.end)
        yield from _fines_outside(doc.text, cite.end, sent_end, rng)


def _fines_outside(text: str, start: int, end: int, rng: FineRange) -> Iterator[Hit]:
    """Amounts in the sub-sentences after a citation that mention 罚款 and fall outside ``rng``."""
    from reviewer.numerals import parse_amount

    for part in _SUB_SENTENCE_RE.finditer(text, start, end):
        if "罚款" not in part.group(0):
            continue
        for money in _MONEY_RE.finditer(text, part.start(), part.end()):
            value = parse_amount(money.group(0))
            if value is not None and not rng.low <= value <= rng.high:
                heavier = "重于" if value > rng.high else "轻于"
                note = f"（《{rng.law}》第{rng.article}条：{rng.text}；本句{money.group(0)}{heavier}法定幅度）"
                yield Hit(money.start(), money.end(), note)


def fine_over_rule_limit(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """In a 规章, a fine the rule sets itself (no law cited in the sentence) above the limit.

    A 规章 may set a fine only up to the amount the State Council (部门规章) or the provincial
    people's congress standing committee (地方政府规章) allows (行政处罚法 第十三条、第十四条);
    the limit is a setting.
    """
    from reviewer.citations import cites_basis
    from reviewer.numerals import parse_amount
    from reviewer.rules.matchers import SentenceSplitter

    from reviewer.structure import locate

    text, catalog = doc.text, laws.catalog
    splitter, seen = SentenceSplitter(text), set()
    enabling = _enabling_basis(doc, catalog)
    for m in _FINE_WORD_RE.finditer(text):
        start, end = splitter.bounds(m.start())
        if start in seen:
            continue
        seen.add(start)
        if enabling and not OWN_OFFENCE_RE.search(text, start, end):
            continue  # the fine of the law the rule implements (its 第一条), restated: 实施, not 设定
        # A restatement often cites the law in an earlier sentence of the same clause (款/项).
        clause = locate(doc.clauses, m.start())
        scope = text[clause.start:clause.end] if clause else text[start:end]
        if cites_basis(scope, catalog).status in ("valid", "unknown"):
            continue  # restating a law's fine is not setting one
        for part in _SUB_SENTENCE_RE.finditer(text, start, end):
            if "罚款" not in part.group(0):
                continue
            for money in _MONEY_RE.finditer(text, part.start(), part.end()):
                value = parse_amount(money.group(0))
                limit = settings.max_rule_fine
                if _SAFETY_RE.search(doc.metadata.title or "") or _SAFETY_RE.search(scope):
                    limit = max(limit, settings.max_rule_fine_safety)
                if value is not None and value > limit:
                    note = f"（本句{money.group(0)}，超过规章可设定的罚款限额{limit:,.0f}元）"
                    yield Hit(money.start(), money.end(), note)


_FINE_WORD_RE = compile_re("罚款")
def _enabling_basis(doc: Document, catalog) -> bool:
    """Whether the document's 制定依据 (根据《…条例》…制定本细则) names a law or 行政法规 in force:
    the measures that law sets are then carried out, not set, by the rule."""
    from reviewer.citations import cites_basis

    article = enabling_article(doc)
    return bool(article) and cites_basis(article, catalog).status in ("valid", "unknown")


# Matters where 国发〔2021〕26号 allows the higher limit: life, health, safety, financial security.
_SAFETY_RE = compile_re(r"安全|生命|健康|金融|特种设备|危险|食品|药品|消防")


# What a lower document may not do to a statute's procedure (立法法 第九十一条、第九十三条).
_LEGISLATION_LAW = Basis("中华人民共和国立法法", "第九十一条、第九十三条")


def _deadline_hits(doc: Document, kinds: tuple[str, ...]) -> Iterator[Hit]:
    return (Hit(h.start, h.end, h.note, (_LEGISLATION_LAW, Basis(h.deadline.law, h.deadline.article)))
            for h in _periods_changed_in(doc.text) if h.deadline.kind in kinds)


@lru_cache(maxsize=2)
def _periods_changed_in(text: str) -> tuple[DeadlineHit, ...]:
    """Every changed statutory period in ``text``: computed once for the rules that report them
    (ULTRA_VIRES026 all of them, RIGHTS027 the public's, COMPETITION037 the bidders')."""
    from reviewer.rules.deadlines import periods_changed, statutory_deadlines
    from reviewer.rules.matchers import SentenceSplitter

    table = statutory_deadlines()
    if not any(d.step.search(text) for d in table):
        return ()
    return tuple(hit for start, end in SentenceSplitter(text).spans() for hit in periods_changed(text, start, end, table))


def statutory_deadline_changed(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """A sentence changes a time limit a statute fixes: an agency's made longer, the public's made
    shorter — either way the document rewrites statutory procedure (deadlines.py)."""
    return _deadline_hits(doc, ("ceiling", "floor", "minimum"))


# What a period cut for bidders also breaks: it keeps out those from elsewhere.
_FAIR_COMPETITION = Basis("公平竞争审查条例", "第九条第（三）项")


def bidding_period_shortened(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """A sentence gives bidders less time than the statute's 等标期 or 发售期 (the table's market
    rows): those from elsewhere, who learn of the tender last, are the ones it keeps out."""
    return (Hit(h.start, h.end, h.note, (_FAIR_COMPETITION, Basis(h.deadline.law, h.deadline.article)))
            for h in _periods_changed_in(doc.text) if h.deadline.market)



def party_period_shortened(doc: Document, settings: ReviewSettings, laws: LawBase) -> Iterator[Hit]:
    """A sentence gives the public less time than the statute for a step of its own: applying for
    复议, asking for a hearing, suing, challenging a procurement — a remedy cut (deadlines.py)."""
    return _deadline_hits(doc, ("floor",))


CHECKS: dict[str, CheckFunc] = {
    "bidding-period-shortened": bidding_period_shortened,
    "repealed-law-cited": repealed_law_cited,
    "law-repealed-since-issue": law_repealed_since_issue,
    "unknown-law-title": unknown_law_title,
    "validity-too-long": validity_too_long,
    "effective-too-soon": effective_too_soon,
    "fine-outside-cited-range": fine_outside_cited_range,
    "fine-over-rule-limit": fine_over_rule_limit,
    "statutory-deadline-changed": statutory_deadline_changed,
    "party-period-shortened": party_period_shortened,
}
