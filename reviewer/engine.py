"""The rule engine: document + rules → findings (prefilter → match → guards → finding → dedupe → sort)."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from reviewer.model import Document, Finding, Location, Severity
from reviewer.rules.analysis import Analysis, addressee, analyse
from reviewer.rules.checks import CHECKS, Hit
from reviewer.rules.guards import GUARD_FUNCS, MatchContext
from reviewer.rules.loader import RuleSet
from reviewer.rules.matchers import SentenceSplitter
from reviewer.rules.schema import Rule
from reviewer.rules.vocab import which
from reviewer.settings import DEFAULT_SETTINGS, ReviewSettings

if TYPE_CHECKING:
    from reviewer.laws.base import LawBase

CONTEXT_RADIUS = 60
# Characters ignored when fingerprinting a clause, so reflowing or re-punctuating it keeps the fingerprint.
_FINGERPRINT_STRIP_RE = re.compile(r"[\s，。；：、,.;:！？!?（）()《》“”\"'　]")
_LOCATOR_FALLBACK = {"title": "标题", "preamble": "序言", "signature": "落款"}
# Clause kinds where no rule applies: the title names the subject, it commands nothing.
_SKIPPED_KINDS = frozenset({"title", "signature"})


def run_rules(doc: Document, rules: RuleSet, settings: ReviewSettings | None = None,
              laws: LawBase | None = None) -> tuple[Finding, ...]:
    """All findings of ``rules`` on ``doc``, sorted by position and deduplicated.

    Sentence rules (regex, phrases) go through the trigger automaton, the rule's pattern and its
    guards; document rules (absent, check) look at the document as a whole.
    """
    settings = settings or DEFAULT_SETTINGS
    if laws is None:  # the context's law base; the built-in data when none is given (loaded lazily)
        from reviewer.laws.base import LawBase

        laws = LawBase.builtin()
    rules = rules.for_level(doc.level)
    if not len(rules):
        return ()
    locator = _Locator(doc)
    findings: dict[tuple[str, int], Finding] = {}
    for sent_start, sent_end, rule in rules.matcher.candidates(doc.text):
        for start, end in _matches_in_sentence(rule, doc, sent_start, sent_end, locator):
            if locator.skipped(start):
                continue
            ctx = MatchContext(doc, sent_start, sent_end, start, end, laws)
            result = analyse(ctx)
            if result.referral or (rule.imposed and result.imposition not in rule.imposed):
                continue  # only referred to (titles, definitions, kinds, passive, procedure) or not imposed
            if any(GUARD_FUNCS[g](ctx) for g in rule.guards):
                continue
            findings.setdefault((rule.code, start), _finding(rule, doc, ctx, locator, result))
    for rule in rules:
        if rule.kind == "absent" and _absent_applies(rule, doc) and not rule.pattern.search(doc.text):
            finding = _absent_finding(rule, doc, locator)
            findings.setdefault((rule.code, 0), finding)
        elif rule.kind == "check" and _absent_applies(rule, doc):
            for hit in CHECKS[rule.check](doc, settings, laws):
                if hit.end > hit.start and locator.skipped(hit.start):
                    continue
                findings.setdefault((rule.code, hit.start), _check_finding(rule, doc, hit, locator))
    kept = _one_per_measure(findings.values(), SentenceSplitter(doc.text))
    return tuple(sorted(kept, key=lambda f: (f.location.offset, f.code)))


def _one_per_measure(findings, splitter: SentenceSplitter) -> list[Finding]:
    """One problem per family where rules meet: 处500元罚款 is one problem, whether the
    hand-written fine rule or the broad penalty rule found it. Overlapping words of one family
    are one finding; and a broad measure rule adds nothing to a sentence where a narrower rule
    (one without a measure vocabulary, so with the more specific message) already reported that
    family (给予记过处分、降级、撤职 is one sanction clause). Narrower first, then the longer match."""
    ranked = sorted(findings, key=lambda f: (bool(f.measure), -f.location.length, f.code))
    kept: list[Finding] = []
    for f in ranked:
        start, end = f.location.offset, f.location.offset + f.location.length
        if f.location.length and any(
            k.family == f.family and k.location.length
            and k.location.offset < end and start < k.location.offset + k.location.length
            for k in kept
        ):
            continue
        if f.measure and f.location.length:
            sentence = splitter.bounds(start)
            if any(k.family == f.family and k.location.length and not k.measure
                   and splitter.bounds(k.location.offset) == sentence for k in kept):
                continue
        kept.append(f)
    return kept


def _absent_applies(rule: Rule, doc: Document) -> bool:
    if rule.title_filter is None:
        return True
    return bool(rule.title_filter.search(doc.metadata.title or ""))


def _matches_in_sentence(rule: Rule, doc: Document, start: int, end: int, locator: "_Locator"):
    text = doc.text
    if rule.pattern is None:
        return
    spans = [(m.start(), m.end()) for m in rule.pattern.finditer(text, start, end) if m.end() > m.start()]
    # near/not_near only once the pattern has matched: most triggered sentences do not match,
    # and compiling or running the context patterns for them would be wasted.
    if not spans:
        return
    # The context may sit in another sentence of the same clause (其负责人考核不称职；连续两年的，
    # 予以降级 / 收费依据：…；证书工本费每本10元), so near and not_near look at the whole 款/项.
    scope = locator.clause_bounds(spans[0][0], start, end)
    if rule.near is not None and not rule.near.search(text, *scope):
        return
    if rule.not_near is not None and rule.not_near.search(text, *scope):
        return
    yield from spans


class _Locator:
    """Maps offsets to clauses (for the lawyer's locator) and to 1-based line/column."""

    def __init__(self, doc: Document):
        from reviewer.structure import line_col, line_starts, locate

        self._doc = doc
        self._locate = locate
        self._line_col = line_col
        self._line_starts = line_starts(doc.text)
        self._clause_starts = [c.start for c in doc.clauses]

    def clause(self, offset: int):
        return self._locate(self._doc.clauses, offset)

    def skipped(self, offset: int) -> bool:
        """Titles and signatures command nothing, unless the text is a single clause."""
        clause = self.clause(offset)
        return clause is not None and clause.kind in _SKIPPED_KINDS and len(self._doc.clauses) > 1

    def location(self, offset: int, length: int) -> Location:
        clause = self.clause(offset)
        line, column = self._line_col(self._line_starts, offset)
        if clause is None:
            label = f"第{line}行"
        else:
            label = clause.locator or _LOCATOR_FALLBACK.get(clause.kind, f"第{line}行")
        return Location(locator=label, line=line, column=column, offset=offset, length=length)

    def clause_bounds(self, offset: int, start: int, end: int) -> tuple[int, int]:
        """The clause holding ``offset``, or the sentence [start, end) when there is none."""
        clause = self.clause(offset)
        return (min(start, clause.start), max(end, clause.end)) if clause else (start, end)

    def clause_text(self, offset: int) -> str:
        clause = self.clause(offset)
        if clause is None:
            i = bisect_right(self._line_starts, offset) - 1
            start = self._line_starts[i]
            end = self._doc.text.find("\n", start)
            return self._doc.text[start:end if end != -1 else None]
        return self._doc.text[clause.start:clause.end]


def fingerprint(code: str, clause_text: str, match: str) -> str:
    """A stable id for a finding: the rule, the clause's words and the matched words, not offsets."""
    normalised = _FINGERPRINT_STRIP_RE.sub("", clause_text)
    digest = hashlib.sha1(f"{code}\x1f{normalised}\x1f{match}".encode("utf-8")).hexdigest()
    return digest[:16]


def _context(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str:
    lo = max(sent_start, start - CONTEXT_RADIUS)
    hi = min(sent_end, end + CONTEXT_RADIUS)
    snippet = text[lo:hi].strip()
    return ("…" if lo > sent_start else "") + snippet + ("…" if hi < sent_end else "")


def _from_rule(rule: Rule, *, match: str, context: str, location: Location, fingerprint_: str,
               result: Analysis | None = None, addressee_: str = "") -> Finding:
    """A finding: what the rule says, where the match is, and what the analysis concluded."""
    severity = rule.severity
    if severity is Severity.ERROR and rule.measures and result is not None and not result.explicit:
        severity = Severity.WARNING  # certainty step: a broad measure word without an explicit cue
    return Finding(
        code=rule.code,
        name=rule.name,
        family=rule.family,
        severity=severity,
        title=rule.title,
        message=rule.message,
        match=match,
        context=context,
        location=location,
        basis=rule.basis,
        suggestion=rule.suggestion,
        fingerprint=fingerprint_,
        measure=which(rule.measures, match) if rule.measures else "",
        imposition=result.imposition if result else "",
        cue=result.cue if result else "",
        addressee=addressee_,
    )


def _finding(rule: Rule, doc: Document, ctx: MatchContext, locator: _Locator,
             result: Analysis | None = None) -> Finding:
    match = doc.text[ctx.start:ctx.end]
    return _from_rule(
        rule,
        match=match,
        context=_context(doc.text, ctx.sentence_start, ctx.sentence_end, ctx.start, ctx.end),
        location=locator.location(ctx.start, ctx.end - ctx.start),
        fingerprint_=fingerprint(rule.code, locator.clause_text(ctx.start), match),
        result=result,
        addressee_=addressee(ctx) if result is not None else "",
    )


def _check_finding(rule: Rule, doc: Document, hit: Hit, locator: _Locator) -> Finding:
    """A document check's hit: at its span, or the whole document when the span is empty."""
    if hit.end <= hit.start:
        whole = _absent_finding(rule, doc, locator)
        return _with_note(whole, hit.note)
    sent_start, sent_end = SentenceSplitter(doc.text).bounds(hit.start)
    ctx = MatchContext(doc, sent_start, sent_end, hit.start, hit.end)
    return _with_note(_finding(rule, doc, ctx, locator), hit.note)


def _with_note(finding: Finding, note: str) -> Finding:
    """The finding with the check's detail (which law, which limit) added to its message."""
    from dataclasses import replace

    return replace(finding, message=finding.message + note) if note else finding


def _absent_finding(rule: Rule, doc: Document, locator: _Locator) -> Finding:
    """A required element is missing: the finding points at the document as a whole."""
    title = doc.metadata.title or ""
    return _from_rule(
        rule,
        match="",
        context=title[:CONTEXT_RADIUS],
        location=Location(locator="全文", line=1, column=1, offset=0, length=0),
        fingerprint_=fingerprint(rule.code, title, ""),
    )
