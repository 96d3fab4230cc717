"""Why a finding was or was not made: the shared analysis and the guards, step by step.

``reviewer explain "对拒不整改的，扣押其车辆。"`` runs every sentence rule whose words occur in the
text and prints, for each match, the named steps in the order the engine takes them: the
referral step (title, definition, category, passive, noun, procedure), the imposition and its
cue, whether the rule counts that imposition, and each ``unless`` guard. The last line says
whether the engine reports it.
"""

from __future__ import annotations

import math

from dataclasses import dataclass

from reviewer.model import DEFAULT_LEVEL


@dataclass(frozen=True)
class Step:
    """One match of one rule and what each step concluded."""

    code: str
    match: str
    measure: str
    referral: str
    imposition: str
    cue: str
    imposition_counts: bool
    guards: tuple[tuple[str, bool], ...]  # (guard name, exempts?)
    start: int = 0
    merged: bool = False  # passed every step but another finding of its family covers it (one-per-family)
    note: str = ""  # what the referral step found (the statute article a restated clause copies)
    agent: str | None = None  # rules with an ``actor``: the body found carrying the measure out ('' none)
    role: str = ""  # the rule's actor_role; 'holder': ``agent`` is a body the statute does not name
    approval: str = ""  # statutory_approval: the statute whose approval the sentence restates

    @property
    def passes(self) -> bool:
        return not self.referral and self.imposition_counts and not any(hit for _, hit in self.guards)

    @property
    def reported(self) -> bool:
        return self.passes and not self.merged


def explain(text: str, *, level: str = DEFAULT_LEVEL, ruleset=None, select: tuple[str, ...] = (),
            laws=None) -> list[Step]:
    """Every match of every sentence rule in ``text`` with the engine's reasoning: the same
    matches, window (``ANALYSIS_RADIUS``), law base and steps as ``engine.SentenceFinder``."""
    from dataclasses import replace

    from reviewer.engine import ANALYSIS_RADIUS, _context_refusal, _Locator, _words_in_sentence, run_rules
    from reviewer.laws.base import LawBase
    from reviewer.model import SourceText
    from reviewer.pipeline import build_document
    from reviewer.rules.agents import who_acts
    from reviewer.rules.analysis import analyse, restated_article
    from reviewer.rules.guards import GUARD_FUNCS, MatchContext
    from reviewer.rules.loader import default_ruleset

    rules = (ruleset or default_ruleset()).filter(select=select).for_level(level)
    sentence_rules = rules.of_kinds(("regex", "phrases", "measure"))
    laws = laws or LawBase.builtin()
    doc = build_document(SourceText(path="<explain>", format="text", text=text), level=level)
    locator = _Locator(doc)
    memo: dict = {}
    steps: list[Step] = []
    for sent_start, sent_end, rule in sentence_rules.matcher.candidates(doc.text):
        spans = _words_in_sentence(rule, doc, sent_start, sent_end)
        refusal = _context_refusal(rule, doc, spans, sent_start, sent_end, locator) if spans else ""
        for start, end, measure in spans:
            match = text[start:end]
            if refusal:
                steps.append(Step(rule.code, match, measure, refusal, "", "", False, (), start))
                continue
            if locator.skipped(start):
                steps.append(Step(rule.code, match, measure, "skipped-clause", "", "", False, (), start))
                continue
            lo, hi = max(sent_start, start - ANALYSIS_RADIUS), min(sent_end, end + ANALYSIS_RADIUS)
            ctx = MatchContext(doc, lo, hi, start, end, laws, memo, measure, sentence_rules.vocabulary())
            result = analyse(ctx)
            counts = not rule.imposed or result.imposition in rule.imposed
            actor = who_acts(ctx, rule)
            found_agent = actor.body if actor is not None else None
            counts = counts and found_agent != ""
            guards = tuple((g, GUARD_FUNCS[g](ctx)) for g in rule.guards)
            article = restated_article(ctx) if result.referral == "restated" else None
            steps.append(Step(rule.code, match, measure, result.referral, result.imposition, result.cue, counts,
                              guards, start, note=f"复述{article.citation}" if article else "",
                              agent=found_agent, role=rule.actor_role if found_agent is not None else "",
                              approval=_statutory_approval(ctx) if ("statutory_approval", True) in guards else ""))
    final = {(f.code, f.location.offset) for f in run_rules(doc, rules, laws=laws)}
    return [replace(s, merged=s.passes and (s.code, s.start) not in final) for s in steps]


@dataclass(frozen=True)
class OpinionStep:
    """The statistical second opinion on one sentence, and what the engine made of it."""

    sentence: str
    probability: float
    family: str  # the family the model places it in ('' when scored below every threshold)
    verdict: str  # the code reported, or why nothing was (in Chinese)
    closest: bool = True  # False for another family the sentence also resembles (Opinion.families)


def second_opinion(text: str, *, level: str = DEFAULT_LEVEL, ruleset=None, laws=None) -> list[OpinionStep]:
    """The model's score for every sentence of ``text`` and the engine's verdict, taken by the
    engine's own steps (``OpinionFinder.judge``): reported (the code), or which step kept it quiet."""
    from reviewer.engine import (OPINION_REASONS, OpinionFinder, Review, _Locator, restated_sentences, ruled_families,
                                 ruled_sentences, run_rules)
    from reviewer.laws.base import LawBase
    from reviewer.model import SourceText
    from reviewer.pipeline import build_document
    from reviewer.rules.loader import default_ruleset
    from reviewer.rules.matchers import SentenceSplitter
    from reviewer.settings import DEFAULT_SETTINGS

    rules = (ruleset or default_ruleset()).for_level(level)
    model_rules = rules.of_kinds(OpinionFinder.kinds)
    if not len(model_rules):
        return []
    laws = laws or LawBase.builtin()
    doc = build_document(SourceText(path="<explain>", format="text", text=text), level=level)
    review = Review(doc, DEFAULT_SETTINGS, laws, _Locator(doc))
    findings = run_rules(doc, rules, review=review)  # its memo then holds the sentences found restated
    splitter = SentenceSplitter(doc.text)
    model_codes = frozenset(r.code for r in model_rules)
    family_of = {f.code: f.family for f in findings}
    ruled = ruled_sentences(findings, splitter, model_codes)
    finder = OpinionFinder(ruled_families(ruled, findings), restated_sentences(review.memo))
    steps = []
    for start, end in splitter.spans():
        sentence = doc.text[start:end].strip()
        if not sentence:
            continue
        closest, *others = finder.judgements(model_rules, review, start, end)
        # The closest family always; another the sentence resembles where it scores its threshold
        # (reported, or which step kept it quiet: a reviewer should see a penalty a guard dropped).
        for v in [closest] + [o for o in others if o.rule is not None and o.reason != "below"]:
            if not v.reason and v.rule is not None:
                verdict = f"报告 {v.rule.code}"
            elif v.reason == "ruled":
                same = [c for c in ruled[(start, end)] if family_of.get(c) == v.family]
                verdict = f"不报告：{OPINION_REASONS['ruled']}（{'、'.join(same)}）"
            elif v.reason == "below" and v.rule is not None:
                verdict = f"不报告：{OPINION_REASONS['below']} {v.rule.threshold:g}"
            else:
                verdict = f"不报告：{OPINION_REASONS[v.reason]}"
            steps.append(OpinionStep(sentence, v.probability, v.family, verdict, closest=v is closest))
    return steps


# The rule's context test (step "near" of STEPS), which comes before the analysis.
_CONTEXT_REFUSALS = {"near": "同一款/项中没有本规则要求的上下文（near），本规则不适用",
                     "not_near": "同一款/项中有排除本规则的上下文（not_near），本规则不适用"}


def format_steps(steps: list[Step]) -> str:
    """The steps as the CLI prints them, in Chinese."""
    if not steps:
        return "没有规则的措施词出现在这段文字中。"
    lines = []
    for s in steps:
        verdict = "报告" if s.reported else "并入同族已报告的问题（one-per-family）" if s.merged else "不报告"
        lines.append(f"{s.code}  “{s.match}”{'（措施：' + s.measure + '）' if s.measure else ''} → {verdict}")
        if s.referral in _CONTEXT_REFUSALS:
            lines.append(f"  上下文：{_CONTEXT_REFUSALS[s.referral]}")
            continue
        lines.append(f"  1 仅为提及（referral）：{s.referral or '否'}{'（' + s.note + '）' if s.note else ''}")
        if s.referral:
            lines.append("  2 设定方式（imposition）：—（仅为提及，不再判断）")
        else:
            imposition = f"{s.imposition}（{s.cue}）" if s.imposition else "未发现设定用语"
            lines.append(f"  2 设定方式（imposition）：{imposition}{'' if s.imposition_counts else '，本规则不计'}")
            if s.agent is not None and s.role == "holder":
                lines.append(f"  2 行使职权者（holder）：{s.agent + '，不是法律规定的机关' if s.agent else '法定机关、未写明或只是协助，不计'}")
            elif s.agent is not None:
                lines.append(f"  2 实施者（agent）：{s.agent or '不是本规则所列的无权主体，不计'}")
        for name, hit in s.guards:
            why = f"（{s.approval}）" if hit and name == "statutory_approval" and s.approval else ""
            lines.append(f"  3 豁免 {name}：{'是' if hit else '否'}{why}")
    return "\n".join(lines)


def _statutory_approval(ctx) -> str:
    """The statute the statutory_approval guard found the sentence restating, as explain prints it."""
    from reviewer.rules.powers import approved_by_holder

    row = approved_by_holder(ctx, tuple(m for m in ctx.vocabulary if m.powers))
    return f"《{row.law}》{row.article}：{row.text}" if row else ""


def format_opinions(steps: list[OpinionStep]) -> str:
    """The second opinion per sentence, as the CLI prints it after the rules' steps."""
    from reviewer.model import FAMILIES

    lines = ["统计第二意见（只在没有同族规则报告的句子中给出；评分是与已知违法条款的相似度，不是违法概率）："]
    for s in steps:
        head = s.sentence if len(s.sentence) <= 30 else s.sentence[:30] + "…"
        # floored, so that a score just under a threshold never prints as the threshold itself
        score = f" 评分 {math.floor(s.probability * 100) / 100:.2f}" if s.family or s.probability else ""
        near = "最接近" if s.closest else "也接近"
        closest = f"，{near}{FAMILIES.get(s.family, s.family)}" if s.family and s.probability >= 0.5 else ""
        lines.append(f"  “{head}”{score}{closest} → {s.verdict}")
    return "\n".join(lines)
