"""The rule engine: document + rules → findings, through finders and named steps.

A *finder* turns a document and the rules of its kind into findings (``Finder``): the sentence
finder (regex, phrases and measure rules, behind one trigger automaton), the absent finder (a
required element missing) and the check finder (document checks). A new kind of finder — a
statistical second opinion, say — implements ``Finder.find`` and is handed to ``run_rules``.

Every sentence match then passes the same named steps, in order (``STEPS``; ``reviewer explain``
prints them for one sentence and docs/engine.md explains them): the clause is not a title or
signature; the shared analysis finds no mere reference (title, definition, kind, passive, noun,
procedure, removed, offence) and an imposition the rule counts; no ``unless`` guard exempts it.
After all finders: one problem per family where rules meet, and certainty (a broad measure word
without an explicit cue is a warning).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from reviewer.model import SUBSTANTIVE, Basis, Document, Finding, Location, Severity
from reviewer.regexes import compile_re
from reviewer.rules.agents import who_acts
from reviewer.rules.analysis import (STEPS, Analysis, addressee, analyse,  # noqa: F401  (STEPS re-exported)
                                     cleared_by_inquiry, only_bans, only_refunds, removes, sentence_imposition)
from reviewer.rules.checks import CHECKS, Hit
from reviewer.rules.guards import GUARD_FUNCS, MatchContext, plan_talk
from reviewer.rules.loader import RuleSet
from reviewer.rules.matchers import SentenceSplitter
from reviewer.rules.schema import Rule
from reviewer.rules.vocab import find as find_measures
from reviewer.settings import DEFAULT_SETTINGS, ReviewSettings

if TYPE_CHECKING:
    from reviewer.laws.base import LawBase

CONTEXT_RADIUS = 60
# The analysis reads at most this far either side of a match: legal sentences are short, and a
# bound keeps the per-match work constant on a pathological one-line 5 MB "sentence".
ANALYSIS_RADIUS = 300
# near/not_near read the whole 款/项 around the sentence, up to this far (a 款 is rarely longer).
NEAR_RADIUS = 1000
# Characters ignored when fingerprinting a clause, so reflowing or re-punctuating it keeps the fingerprint.
_FINGERPRINT_STRIP_RE = compile_re(r"[\s，。；：、,.;:！？!?（）()《》“”\"'　]")
_LOCATOR_FALLBACK = {"title": "标题", "preamble": "序言", "signature": "落款"}
# Clause kinds where no rule applies: the title names the subject, it commands nothing.
_SKIPPED_KINDS = frozenset({"title", "signature"})

@dataclass
class Review:
    """What every finder is handed for one document: the settings, the law base, the clause
    locator, and a memo for facts about a sentence that several matches ask (computed once)."""

    doc: Document
    settings: ReviewSettings
    laws: LawBase
    locator: _Locator
    memo: dict = field(default_factory=dict)


class Finder(Protocol):
    """One way of finding problems; ``kinds`` are the rule match kinds it serves."""

    kinds: tuple[str, ...]

    def find(self, rules: RuleSet, review: Review) -> Iterable[Finding]: ...


def run_rules(doc: Document, rules: RuleSet, settings: ReviewSettings | None = None,
              laws: LawBase | None = None, finders: tuple[Finder, ...] | None = None,
              shown: frozenset[str] | None = None, review: Review | None = None) -> tuple[Finding, ...]:
    """All findings of ``rules`` on ``doc``, sorted by position and deduplicated.

    Each finder gets the rules of the kinds it serves; the findings of all finders then pass the
    one-per-family step. ``laws`` is the review's law base (None: the built-in data). ``shown``
    (None: all) are the codes to report; the others still count as ruling their sentences.
    ``review`` (None: a new one) lets a caller read what the run left in its memo afterwards
    (``explain`` asks which sentences the knowledge guards found restated).
    """
    rules = rules.for_level(doc.level)
    if not len(rules):
        return ()
    if review is None:
        if laws is None:  # the context's law base; the built-in data when none is given (loaded lazily)
            from reviewer.laws.base import LawBase

            laws = LawBase.builtin()
        review = Review(doc, settings or DEFAULT_SETTINGS, laws, _Locator(doc))
    findings: dict[tuple[str, int], Finding] = {}
    for finder in finders or DEFAULT_FINDERS:
        for finding in finder.find(rules.of_kinds(finder.kinds), review):
            findings.setdefault((finding.code, finding.location.offset), finding)
    splitter = SentenceSplitter(doc.text)
    opinion_rules = rules.of_kinds(OpinionFinder.kinds)
    if len(opinion_rules):  # the second opinion speaks only where no rule of its family did
        ruled = ruled_families(ruled_sentences(findings.values(), splitter), findings.values())
        for finding in OpinionFinder(ruled, restated_sentences(review.memo)).find(opinion_rules, review):
            findings.setdefault((finding.code, finding.location.offset), finding)
    reported = findings.values() if shown is None else [f for f in findings.values() if f.code in shown]
    # A competition check reads a notice's timetable; the family's other rules read its other terms
    # (an on-site purchase, a local office), which are other restrictions in the same sentence. The
    # other checks' families read the same cut twice (a 复议 period shortened, then 逾期不予受理).
    kept = _one_per_family(reported, splitter, frozenset(r.code for r in rules if r.kind == "check" and r.family == "COMPETITION"))
    return tuple(sorted(kept, key=lambda f: (f.location.offset, f.code)))


class SentenceFinder:
    """Regex, phrase and measure rules: one trigger automaton finds the sentences where a rule
    could match; the rule's pattern (or the shared measure vocabulary) finds the words; the named
    steps decide."""

    kinds: tuple[str, ...] = ("regex", "phrases", "measure")

    def find(self, rules: RuleSet, review: Review) -> Iterator[Finding]:
        doc, locator = review.doc, review.locator
        for sent_start, sent_end, rule in rules.matcher.candidates(doc.text):
            for start, end, measure in _matches_in_sentence(rule, doc, sent_start, sent_end, locator, review.memo):
                if locator.skipped(start):
                    continue
                lo, hi = max(sent_start, start - ANALYSIS_RADIUS), min(sent_end, end + ANALYSIS_RADIUS)
                ctx = MatchContext(doc, lo, hi, start, end, review.laws, review.memo, measure, rules.vocabulary())
                result = _analysed(ctx, review.memo)
                if result.referral or (rule.imposed and result.imposition not in rule.imposed):
                    continue  # only referred to, or not imposed in a way the rule counts
                actor = who_acts(ctx, rule)
                if actor is not None and not actor.body:
                    continue  # the rule is about who acts, and no body it asks about acts here
                fired = next((g for g in rule.guards if GUARD_FUNCS[g](ctx)), None)
                if fired is not None:
                    if fired in KNOWLEDGE_GUARDS:  # the knowledge base found the sentence restates a statute
                        review.memo.setdefault(("cleared_by_knowledge", sent_start, sent_end), set()).add(rule.family)
                    continue
                finding = _finding(rule, doc, ctx, locator, result, measure)
                yield _with_note(finding, actor.note) if actor and actor.note else finding


# The guards that read the knowledge base (the powers table, the permit and fee catalogues): a
# sentence they clear for a family restates a statute, which the second opinion's likeness to
# unlawful clauses does not outweigh (it stays quiet in that family there: "restated").
KNOWLEDGE_GUARDS = frozenset({"statutory_approval", "statutory_permit", "statutory_designation", "statutory_deposit",
                              "catalogued_charge"})


def restated_sentences(memo: Mapping) -> dict[tuple[int, int], frozenset[str]]:
    """The sentences where a knowledge guard cleared a rule's match, with the rules' families."""
    return {(key[1], key[2]): frozenset(families) for key, families in memo.items()
            if isinstance(key, tuple) and key[0] == "cleared_by_knowledge"}


def _analysed(ctx: MatchContext, memo: dict) -> Analysis:
    """``analyse(ctx)``, once per match and kind of measure in a run: the analysis depends on the
    words and their sentence, not on the rule, and several rules share a vocabulary (COERCION004,
    PENALTY008, RIGHTS028 and ULTRA_VIRES027 all read the detention words)."""
    key = ("analysis", ctx.sentence_start, ctx.sentence_end, ctx.start, ctx.end, ctx.measure)
    if key not in memo:
        memo[key] = analyse(ctx)
    result: Analysis = memo[key]
    return result


class AbsentFinder:
    """A required element (施行日期 …) missing from the whole document."""

    kinds: tuple[str, ...] = ("absent",)

    def find(self, rules: RuleSet, review: Review) -> Iterator[Finding]:
        for rule in rules:
            pattern = rule.pattern
            if _absent_applies(rule, review.doc) and pattern is not None and not pattern.search(review.doc.text):
                yield _absent_finding(rule, review.doc, review.locator)


class CheckFinder:
    """Named document checks (citations, validity, dates, fine ranges)."""

    kinds: tuple[str, ...] = ("check",)

    def find(self, rules: RuleSet, review: Review) -> Iterator[Finding]:
        for rule in rules:
            if not _absent_applies(rule, review.doc):
                continue
            for hit in CHECKS[rule.check](review.doc, review.settings, review.laws):
                if hit.end > hit.start and review.locator.skipped(hit.start):
                    continue
                yield _check_finding(rule, review.doc, hit, review.locator, review.laws)


def ruled_sentences(findings: Iterable[Finding], splitter: SentenceSplitter,
                    opinions: frozenset[str] = frozenset()) -> dict[tuple[int, int], list[str]]:
    """The sentences where a rule of a substantive family reported something, with the codes:
    where the second opinion keeps quiet. ``opinions`` are the model rules' codes, left out."""
    ruled: dict[tuple[int, int], list[str]] = {}
    for f in findings:
        if f.family in SUBSTANTIVE and f.location.length and f.code not in opinions:
            ruled.setdefault(splitter.bounds(f.location.offset), []).append(f.code)
    return ruled


def ruled_families(ruled: Mapping[tuple[int, int], list[str]],
                   findings: Iterable[Finding]) -> dict[tuple[int, int], frozenset[str]]:
    """The families of the codes ``ruled_sentences`` found in each sentence: there the second
    opinion speaks only for another family (a clause that sets a fee may also cut a right the
    rules have no words for)."""
    family = {f.code: f.family for f in findings}
    return {span: frozenset(family[c] for c in codes) for span, codes in ruled.items()}


@dataclass(frozen=True)
class OpinionVerdict:
    """What the second opinion made of one sentence: its score, the rule it would report under,
    and why it does not (``reason`` names the step; '' when it reports)."""

    probability: float
    family: str
    rule: Rule | None
    reason: str
    imposition: str = ""
    cue: str = ""


# The steps of OpinionFinder.judge, in order, and how explain words them.
OPINION_REASONS: dict[str, str] = {
    "ruled": "本句已有同族规则报告",
    "restated": "本句同族措施经知识库核对为转述上位法（法定机关的许可、指定或收费）",
    "shape": "不是可判断的句子（过短、表格行、超长行或责任单位注）",
    "skipped": "标题、落款中的文字不设定任何事项",
    "no_rule": "该族没有统计模型规则（或已被 --select/--ignore 排除）",
    "below": "评分低于阈值",
    "not_near": "句中有排除本规则的上下文（如经本人同意、自愿）",
    "no_cue": "没有设定用语（命令、后果、前置条件）",
    "removes": "是清理、废止的表述",
    "refund": "只是退还款项，没有设定缴纳",
    "case": "是对举报、核查经过及其无违法结论的叙述",
    "guard": "句子引用了上位法或依法",
}


@dataclass(frozen=True)
class OpinionFinder:
    """The statistical second opinion (reviewer/opinion): each sentence the model scores at or
    above a model rule's threshold, in the family the model places it in. It runs after the other
    finders and keeps quiet where a rule of the same family already reported in the sentence
    (``ruled``: the rule's message, basis and fix are the more useful); where only rules of other
    families did, it may add its family, since one clause can both set a fee and cut a right.
    The rule's ``unless`` guards read the whole sentence. ``judge`` is the one place these steps are taken; explain
    asks it too."""

    ruled: Mapping[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    restated: Mapping[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ("model",)

    def find(self, rules: RuleSet, review: Review) -> Iterator[Finding]:
        if not len(rules):
            return
        doc, locator = review.doc, review.locator
        lowest = min(r.threshold for r in rules)
        for start, end in SentenceSplitter(doc.text).spans():
            for verdict in self.judgements(rules, review, start, end, family_from=lowest):
                if verdict.rule is None or verdict.reason:
                    continue
                text = doc.text[start:end]
                head = _SENTENCE_LEAD_RE.match(text)  # the words, not the indent or the article's number
                lead = head.end() if head else 0
                trail = len(text) - len(text.rstrip())
                ctx = MatchContext(doc, start, end, start + lead, end - trail, review.laws, review.memo)
                note = f"（统计模型相似度评分 {verdict.probability:.2f}，不是违法概率；请人工核对）"
                result = Analysis(referral="", imposition=verdict.imposition, cue=verdict.cue)
                yield _with_note(_finding(verdict.rule, doc, ctx, locator, result), note)

    def judge(self, rules: RuleSet, review: Review, start: int, end: int,
              family_from: float = 0.0) -> OpinionVerdict:
        """The verdict for the family the sentence [start, end) most resembles."""
        return self.judgements(rules, review, start, end, family_from)[0]

    def judgements(self, rules: RuleSet, review: Review, start: int, end: int,
                   family_from: float = 0.0) -> list[OpinionVerdict]:
        """The steps for the sentence [start, end), once for each family it resembles
        (``Opinion.families``), the closest first; families are ranked only at or above
        ``family_from`` (ranking costs eight times the scoring)."""
        doc = review.doc
        text = doc.text[start:end]
        if end - start > _MAX_OPINION_CHARS or not _ENOUGH_HAN_RE.match(text) or "\t" in text.strip() \
                or _DUTY_NOTE_RE.fullmatch(text):
            return [OpinionVerdict(0.0, "", None, "shape")]  # no clause is 2,000 characters long
        if review.locator.skipped(start):
            return [OpinionVerdict(0.0, "", None, "skipped")]
        from reviewer.opinion.model import builtin

        opinion = builtin().score(text, family_from=family_from)
        closest, *others = [f for f, _ in opinion.families] or [opinion.family]
        imposition: list[tuple[str, str]] = []  # the sentence's cue, found once when first asked
        verdicts = [self._verdict(rules, review, start, end, opinion.probability, closest, imposition)]
        # Another family is asked only where the closest one fell short of its score or was already
        # reported: a sentence the closest family found to impose nothing, to cite its basis or to
        # remove a burden is no more unlawful under another name.
        if verdicts[0].reason in ("", "below", "ruled", "restated", "no_rule"):
            verdicts += [self._verdict(rules, review, start, end, opinion.probability, family, imposition,
                                       second=True) for family in others]
        return verdicts

    def _verdict(self, rules: RuleSet, review: Review, start: int, end: int, probability: float,
                 family: str, imposition: list[tuple[str, str]], second: bool = False) -> OpinionVerdict:
        doc = review.doc
        text = doc.text[start:end]
        if family in self.ruled.get((start, end), ()):
            return OpinionVerdict(probability, family, None, "ruled")
        if family in self.restated.get((start, end), ()):
            return OpinionVerdict(probability, family, None, "restated")
        rule = next((r for r in rules if r.family == family), None)
        if rule is None or probability < rule.threshold:  # most sentences: stop here
            reason = "no_rule" if rule is None and family else "below"
            return OpinionVerdict(probability, family, rule, reason)
        if not imposition:
            imposition.append(sentence_imposition(text))
        kind, cue = imposition[0]

        def verdict(reason: str) -> OpinionVerdict:
            return OpinionVerdict(probability, family, rule, reason, kind, cue)

        if rule.not_near is not None and rule.not_near.search(doc.text, start, end):
            return verdict("not_near")
        if (rule.imposed and kind not in rule.imposed) or (second and not kind) or (not kind and plan_talk(text)):
            # resembles a violation but imposes nothing: a description, a plan (FEE and COMPETITION
            # ask for no cue as the closest family, levies and grants being stated bare, but not when
            # the sentence is a plan's task, 优化…布局，打造…集群; as a second family they need one)
            return verdict("no_cue")
        if removes(text) or only_bans(text):
            return verdict("removes")
        if only_refunds(text):
            return verdict("refund")
        if cleared_by_inquiry(doc.text, start, end, review.memo):
            return verdict("case")
        # The guards read the sentence as the words before an empty match at its end: the
        # model's "measure" is the whole sentence, so all of it may defer to a law.
        whole = MatchContext(doc, start, end, end, end, review.laws, review.memo, vocabulary=rules.vocabulary(),
                             whole_sentence=True)
        if any(GUARD_FUNCS[g](whole) for g in rule.guards):
            return verdict("guard")
        return verdict("")


# Headings, list labels and table cells give the model too little text to judge; a table row
# (cells joined by TAB) is no sentence, and Word gives the same row cell by cell.
_MIN_OPINION_HAN = 10
# The training clauses are under 600 characters; scoring costs memory in proportion to length.
_MAX_OPINION_CHARS = 2000
# What a sentence finding leaves out at its start: the indent and the article's own number, in
# whichever markup the reader kept (第八条, **第八条**), so that a .docx and its Markdown source agree.
_SENTENCE_LEAD_RE = compile_re(r"[\s\u3000]*(?:\*\*)?(?:第[一二三四五六七八九十百零〇0-9]+条(?:之[一二三四五六七八九十]+)?)?(?:\*\*)?[\s\u3000]*")
# A plan's note of who does a task (（责任单位：市工信局、各区县政府）) names offices and imposes nothing.
_DUTY_NOTE_RE = compile_re(r"[\s\u3000]*[（(](?:牵头|责任|配合|主责|参与|实施|协同)(?:单位|部门)[：:][^（）()]*[）)][\s\u3000。；]*")
_ENOUGH_HAN_RE = compile_re(r"(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){%d}" % _MIN_OPINION_HAN)

# The second opinion (OpinionFinder) is not among them: run_rules runs it last, on the sentences they left.
DEFAULT_FINDERS: tuple[Finder, ...] = (SentenceFinder(), AbsentFinder(), CheckFinder())


def _one_per_family(findings, splitter: SentenceSplitter, checks: frozenset[str] = frozenset()) -> list[Finding]:
    """One problem per family where rules meet: 处500元罚款 is one problem, whether the
    hand-written fine rule or the broad penalty rule found it. Overlapping words of one family
    are one finding; and a broad measure rule adds nothing to a sentence where that family is
    already reported — by a narrower rule (one without a measure vocabulary, so with the more
    specific message) or by an earlier measure word (给予记过处分、降级、撤职 is one sanction
    clause; 报…审核同意 is one approval). Narrower first, then the longer match.
    The spans kept are held per family as sorted, disjoint intervals, so a whole-sentence finding
    (the second opinion's) costs one interval, not one entry per character. The findings of
    ``checks`` (the competition checks: a bidding period counted from the notice's dates) cover only
    their own words and silence no other rule elsewhere in the sentence."""
    ranked = sorted(findings, key=lambda f: (bool(f.measure), -f.location.length, f.code))
    kept: list[Finding] = []
    covered: dict[str, list[tuple[int, int]]] = {}
    reported_sentences: set[tuple[str, tuple[int, int]]] = set()
    for f in ranked:
        start, length = f.location.offset, f.location.length
        if length:
            end = start + length
            taken = covered.setdefault(f.family, [])
            i = bisect_right(taken, (start, end))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue  # overlaps a span of the same family already kept
            sentence = splitter.bounds(start)
            if f.measure and (f.family, sentence) in reported_sentences:
                continue  # a broad rule adds nothing where its family is already reported in the sentence
            if f.code not in checks:
                reported_sentences.add((f.family, sentence))
            taken.insert(i, (start, end))
        kept.append(f)
    return kept


def _absent_applies(rule: Rule, doc: Document) -> bool:
    if rule.title_filter is None:
        return True
    return bool(rule.title_filter.search(doc.metadata.title or ""))


def _matches_in_sentence(rule: Rule, doc: Document, start: int, end: int,
                         locator: _Locator, memo: dict | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, measure name) of the rule's words in one sentence whose context the rule
    accepts (``near`` / ``not_near``)."""
    spans = _words_in_sentence(rule, doc, start, end, memo)
    # near/not_near only once the pattern has matched: most triggered sentences do not match,
    # and compiling or running the context patterns for them would be wasted.
    if spans and not _context_refusal(rule, doc, spans, start, end, locator):
        yield from spans


def _words_in_sentence(rule: Rule, doc: Document, start: int, end: int,
                       memo: dict | None = None) -> list[tuple[int, int, str]]:
    """(start, end, measure name) of the rule's words in one sentence: its own pattern, or for
    a measure rule the shared vocabulary (each kind compiled once and shared by all rules)."""
    if rule.measures:
        return find_measures(rule.measures, doc.text, start, end, memo)
    if rule.pattern is not None:
        return [(s, e, "") for s, e in rule.pattern.spans(doc.text, start, end)]
    return []


def _context_refusal(rule: Rule, doc: Document, spans: list[tuple[int, int, str]], start: int, end: int,
                     locator: _Locator) -> str:
    """'near' when the words the rule needs around its match are missing, 'not_near' when words
    that rule it out are there, '' when the context is accepted."""
    # The context may sit in another sentence of the same clause (其负责人考核不称职；连续两年的，
    # 予以降级 / 收费依据：…；证书工本费每本10元), so near and not_near look at the whole 款/项.
    lo, hi = locator.clause_bounds(spans[0][0], start, end)
    scope = (max(lo, start - NEAR_RADIUS), min(hi, end + NEAR_RADIUS))  # bounded: linear on one huge line
    if rule.near is not None and not rule.near.search(doc.text, *scope):
        return "near"
    if rule.not_near is not None and rule.not_near.search(doc.text, *scope):
        return "not_near"
    return ""


class _Locator:
    """Maps offsets to clauses (for the lawyer's locator) and to 1-based line/column."""

    def __init__(self, doc: Document):
        from reviewer.structure import line_col, line_starts, locate

        self._doc = doc
        self._locate = locate
        self._line_col = line_col
        self._line_starts = line_starts(doc.text)
        self._clause_starts = [c.start for c in doc.clauses]
        self._normalised: dict[int, str] = {}  # clause start → its fingerprint text, made once
        self._hashed: dict[tuple[str, int], object] = {}  # (code, clause) → sha1 of code + clause

    def fingerprint(self, code: str, offset: int, match: str) -> str:
        """``fingerprint(code, clause, match)`` for the clause at ``offset``, hashing the clause
        once per rule rather than once per finding (many findings in one long clause)."""
        clause = self.clause(offset)
        key = (code, clause.start if clause is not None else -1 - bisect_right(self._line_starts, offset))
        if key not in self._hashed:
            self._hashed[key] = hashlib.sha1(f"{code}\x1f{self.normalised_clause(offset)}\x1f".encode("utf-8"))
        digest = self._hashed[key].copy()  # type: ignore[attr-defined]
        digest.update(match.encode("utf-8"))
        return digest.hexdigest()[:16]

    def normalised_clause(self, offset: int) -> str:
        """The clause's words as the fingerprint sees them, normalised once per clause (a long
        clause with many findings would otherwise be normalised once per finding)."""
        clause = self.clause(offset)
        key = clause.start if clause is not None else -1 - bisect_right(self._line_starts, offset)
        if key not in self._normalised:
            self._normalised[key] = _FINGERPRINT_STRIP_RE.sub("", self.clause_text(offset))
        return self._normalised[key]

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
    return _digest(code, _FINGERPRINT_STRIP_RE.sub("", clause_text), match)


def _digest(code: str, normalised_clause: str, match: str) -> str:
    digest = hashlib.sha1(f"{code}\x1f{normalised_clause}\x1f{match}".encode("utf-8")).hexdigest()
    return digest[:16]


def _context(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str:
    lo = max(sent_start, start - CONTEXT_RADIUS)
    hi = min(sent_end, end + CONTEXT_RADIUS)
    snippet = text[lo:hi].strip()
    return ("…" if lo > sent_start else "") + snippet + ("…" if hi < sent_end else "")


def _from_rule(rule: Rule, *, match: str, context: str, location: Location, fingerprint_: str,
               result: Analysis | None = None, addressee_: str = "", measure: str = "") -> Finding:
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
        measure=measure,
        imposition=result.imposition if result else "",
        cue=result.cue if result else "",
        addressee=addressee_,
    )


def _finding(rule: Rule, doc: Document, ctx: MatchContext, locator: _Locator,
             result: Analysis | None = None, measure: str = "") -> Finding:
    match = doc.text[ctx.start:ctx.end]
    return _from_rule(
        rule,
        match=match,
        context=_context(doc.text, ctx.sentence_start, ctx.sentence_end, ctx.start, ctx.end),
        location=locator.location(ctx.start, ctx.end - ctx.start),
        fingerprint_=locator.fingerprint(rule.code, ctx.start, match),
        result=result,
        addressee_=addressee(ctx) if result is not None else "",
        measure=measure,
    )


def _check_finding(rule: Rule, doc: Document, hit: Hit, locator: _Locator,
                   laws: LawBase | None = None) -> Finding:
    """A document check's hit: at its span, or the whole document when the span is empty."""
    if hit.end <= hit.start:
        whole = _absent_finding(rule, doc, locator)
        return _with_note(whole, hit.note)
    sent_start, sent_end = SentenceSplitter(doc.text).bounds(hit.start)
    ctx = MatchContext(doc, sent_start, sent_end, hit.start, hit.end, laws)
    return _with_note(_finding(rule, doc, ctx, locator), hit.note, hit.basis)


def _with_note(finding: Finding, note: str, basis: tuple[Basis, ...] = ()) -> Finding:
    """The finding with the check's detail (which law, which limit) added to its message, and the
    hit's own basis in place of the rule's list when the check names one."""
    from dataclasses import replace

    if basis:
        finding = replace(finding, basis=basis)
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
