"""Rule records and their validation.

A rule pack is YAML data; this module turns one parsed pack into ``Rule`` records and rejects
mistakes with a message naming the file, the rule code and the field, e.g.
``rules/penalty.yaml: PENALTY003 → examples → flag → 2: 未找到 [[…]] 标记的片段``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.errors import RuleError
from reviewer.model import FAMILIES, LEVELS, Basis, Severity
from reviewer.rules.lazy import LazyPattern
from reviewer.rules.vocab import Measure, term_reference, union_pattern
from reviewer.regexes import compile_re

__all__ = ["LazyPattern", "Rule", "Example", "parse_pack", "parse_rule"]

CODE_RE = compile_re(r"^([A-Z_]+?)(\d{3})$")
NAME_RE = compile_re(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MARK_RE = compile_re(r"\[\[(.+?)\]\]")

# The closed set of match kinds:
#   regex    a pattern run on the sentences holding one of its literal ``triggers``;
#   phrases  a list of literal phrases (each is its own trigger);
#   absent   a required element (施行日期) missing from the whole document;
#   check    a named document check from reviewer/rules/checks.py (citations of repealed or
#            non-existent laws, validity period, days to effect, fines outside a cited range).
# ``near``/``not_near`` narrow regex and phrases; ``title`` limits absent and check rules to
# documents whose title matches. Guards (``unless``) apply to regex, phrases and measure rules.
#   measure  kinds of measure named in rules/vocab/measures.yaml, whose words the shared
#            vocabulary spells; with ``imposed`` (optional for regex too) the shared clause
#            analysis must find the sentence imposing it (reviewer/rules/analysis.py).
#   model    the statistical second opinion (reviewer/opinion): a sentence no rule reported
#            that the model scores at or above ``threshold`` and places in the rule's family.
MATCH_KINDS = ("regex", "phrases", "absent", "check", "measure", "model")
MODELS = ("opinion",)
# Named context guards: each exempts a lawful look-alike (see reviewer/rules/guards.py).
GUARDS = (
    "negated",  # the clause prohibits or removes the thing: 不得收取、免收、取消
    "cites_basis",  # the sentence names a higher law in force as its basis
    "generic_basis",  # the sentence defers to law in general: 依法、依照有关法律法规
    "own_staff",  # the clause instructs the issuing body's own staff or departments
    "topic",  # the sentence talks about the topic rather than commanding (work plans)
    "facilitative",  # 可以/鼓励/支持-type facilitation that binds no one
    "conditional",  # the match names a case in a "…的，" condition that the clause then regulates
    "statutory_deposit",  # a bid or performance deposit within the regulations' caps, guarantee allowed
    "statutory_designation",  # a designation a statute makes, by its holder (rules/vocab/powers.yaml)
    "self_governed",  # the members' own meeting (村民会议, 业主大会) decides the levy or the approval
    "priced_charge",  # the charge rests on a government price, an approved standard, a contract or a charter
    "catalogued_charge",  # the charge is one a law or a national catalogue sets (reviewer/data/fees.yaml)
    "statutory_permit",  # the permit is one a law or regulation sets (reviewer/data/permits.yaml)
    "statutory_approval",  # the approval is asked of the body a statute gives it to (rules/vocab/powers.yaml)
    "restriction_forbidden",  # outside firms named only to forbid restricting them (place rules)
    "duty_on_local_parties",  # the area's parties are the subject a duty binds, nothing given (place rules)
    "equal_terms",  # several kinds of firm, the place one among them, offered the same terms (place rules)
    "non_market_case",  # 一事一议 support for the villages' public works, universities or research (no operator)
)
DEFAULT_GUARDS = ("negated", "cites_basis", "own_staff", "topic")


@dataclass(frozen=True)
class Example:
    """A rule example: ``flag`` examples carry the span that must be flagged."""

    text: str  # text with the [[marks]] removed
    span: tuple[int, int] | None  # flagged span in ``text`` (flag examples only)
    why: str = ""
    level: str | None = None


@dataclass(frozen=True)
class Rule:
    """One check: what it matches, what exempts it, and what it tells the user."""

    code: str
    name: str
    title: str
    family: str
    severity: Severity
    basis: tuple[Basis, ...]
    message: str
    suggestion: str
    kind: str  # one of MATCH_KINDS
    pattern: LazyPattern | None  # regex kind, or the union of phrases; required text for absent
    triggers: tuple[str, ...]  # literals, one of which every match contains (prefilter)
    near: LazyPattern | None  # must also occur in the same sentence
    not_near: LazyPattern | None  # must not occur in the same sentence
    guards: tuple[str, ...]
    levels: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    source: str = ""  # the pack file it came from
    phrases: tuple[str, ...] = field(default=())
    title_filter: LazyPattern | None = None  # absent/check rules: apply only to documents whose title matches
    check: str = ""  # check rules: the name of the document check (reviewer.rules.checks.CHECKS)
    imposed: tuple[str, ...] = ()  # impositions that count (analysis.IMPOSITIONS); () = any wording
    measures: tuple[Measure, ...] = ()  # measure rules: the kinds of measure they look for
    threshold: float = 0.0  # model rules: the lowest score reported
    # measure rules: the bodies that must be the agent carrying the measure out (agents.agent);
    # None: whoever acts. ``actor_role``: 'agent' (who does it) or 'approver' (who approves it)
    actor: Measure | None = None
    actor_role: str = "agent"

    def applies_to(self, level: str) -> bool:
        return level in self.levels


class _Ctx:
    """Builds error messages that name where in the pack a problem is."""

    def __init__(self, source: str, code: str = "?", validate: bool = True,
                 measures: dict[str, Measure] | None = None):
        self.source = source
        self.code = code
        self.validate = validate
        self.measures = measures or {}

    def where(self, *path: object) -> str:
        return f"{self.source}: " + " → ".join(str(p) for p in (self.code, *path))

    def fail(self, *path: object, msg: str) -> RuleError:
        where = " → ".join(str(p) for p in (self.code, *path))
        return RuleError(f"{self.source}: {where}: {msg}")


def _require(ctx: _Ctx, raw: dict, key: str, kind: type = str):
    value = raw.get(key)
    if value is None or (isinstance(value, (str, list, dict)) and not value):
        raise ctx.fail(key, msg="缺少必填字段")
    if not isinstance(value, kind):
        raise ctx.fail(key, msg=f"应为 {kind.__name__}，实际为 {type(value).__name__}")
    return value


def _compile(ctx: _Ctx, pattern: str, *path: object) -> LazyPattern:
    if "\\b" in pattern:
        raise ctx.fail(*path, msg="中文文本没有词边界，不要使用 \\b")
    ref = term_reference(pattern)
    if ref:  # only the vocabulary expands word lists; here the braces would be literal, never matching
        raise ctx.fail(*path, msg=f"词表引用 {ref} 只能用在 rules/vocab/measures.yaml 的 pattern 中")
    lazy = LazyPattern(pattern, ctx.where(*path))
    if ctx.validate:
        lazy.compile()
    return lazy


def _parse_basis(ctx: _Ctx, raw: object) -> tuple[Basis, ...]:
    if not isinstance(raw, list) or not raw:
        raise ctx.fail("basis", msg="每条规则都必须列出法律依据（law 与 article）")
    out = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not item.get("law"):
            raise ctx.fail("basis", i, msg="需要 law（法律全称）与 article（条款）")
        law = str(item["law"]).strip("《》")
        out.append(Basis(law=law, article=str(item.get("article", ""))))
    return tuple(out)


def _parse_example(ctx: _Ctx, raw: object, kind: str, i: int, absent: bool = False, whole: bool = False) -> Example:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ctx.fail("examples", kind, i, msg="示例应为文本或含 text 字段的映射")
    marked = raw["text"]
    level = raw.get("level")
    if level is not None and level not in LEVELS:
        raise ctx.fail("examples", kind, i, "level", msg=f"未知层级“{level}”")
    marks = list(MARK_RE.finditer(marked))
    text = MARK_RE.sub(lambda m: m.group(1), marked)
    if kind == "flag" and absent:
        if marks:
            raise ctx.fail("examples", kind, i, msg="“缺少要素”类规则的示例针对全文，不应含 [[…]] 标记")
        return Example(text=text, span=None, why=str(raw.get("why", "")), level=level)
    if kind == "flag" and whole and not marks:
        return Example(text=text, span=None, why=str(raw.get("why", "")), level=level)
    if kind == "flag":
        if len(marks) != 1:
            raise ctx.fail("examples", kind, i, msg="应恰好用一处 [[…]] 标出须报告的片段")
        start = marks[0].start()
        span = (start, start + len(marks[0].group(1)))
        return Example(text=text, span=span, why=str(raw.get("why", "")), level=level)
    if marks:
        raise ctx.fail("examples", kind, i, msg="通过示例不应含 [[…]] 标记")
    if not raw.get("why"):
        raise ctx.fail("examples", kind, i, "why", msg="通过示例须说明为何合法")
    return Example(text=text, span=None, why=str(raw["why"]), level=level)


def _parse_match(ctx: _Ctx, raw: dict) -> tuple[str, LazyPattern | None, tuple[str, ...], tuple[str, ...]]:
    """Return (kind, pattern, triggers, phrases) for a rule's ``match`` mapping (check: pattern None)."""
    kinds = [k for k in MATCH_KINDS if k in raw]
    if len(kinds) != 1:
        raise ctx.fail("match", msg=f"须恰好指定一种匹配方式：{'、'.join(MATCH_KINDS)}")
    kind = kinds[0]
    unknown = set(raw) - set(MATCH_KINDS) - {"triggers", "near", "not_near", "title", "imposed", "threshold", "actor", "actor_role"}
    if unknown:
        raise ctx.fail("match", msg=f"未知字段：{'、'.join(sorted(unknown))}")
    if kind == "phrases":
        phrases = raw["phrases"]
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p for p in phrases):
            raise ctx.fail("match", "phrases", msg="应为非空字符串列表")
        ordered = sorted(set(phrases), key=len, reverse=True)  # longest first: prefer 行政事业性收费 over 收费
        pattern = _compile(ctx, "|".join(re.escape(p) for p in ordered), "match", "phrases")
        return kind, pattern, tuple(ordered), tuple(ordered)
    if kind == "absent":
        return kind, _compile(ctx, str(raw["absent"]), "match", "absent"), (), ()
    if kind == "check":
        from reviewer.rules.checks import CHECKS

        if raw["check"] not in CHECKS:
            raise ctx.fail("match", "check", msg=f"未知的文件检查“{raw['check']}”；可选：{'、'.join(CHECKS)}")
        if raw.get("near") or raw.get("not_near") or raw.get("triggers"):
            raise ctx.fail("match", msg="check 类规则不使用 triggers、near、not_near")
        return kind, None, (), ()
    if kind == "model":
        if raw["model"] not in MODELS:
            raise ctx.fail("match", "model", msg=f"未知的模型“{raw['model']}”；可选：{'、'.join(MODELS)}")
        if raw.get("near") or raw.get("triggers"):
            raise ctx.fail("match", msg="model 类规则不使用 triggers、near（可用 not_near 排除语境）")
        return kind, None, (), ()
    if kind == "measure":
        chosen = _parse_measures(ctx, raw["measure"])
        pattern = _compile(ctx, union_pattern(list(chosen)), "match", "measure")
        triggers = tuple(dict.fromkeys(t for m in chosen for t in m.triggers))
        return kind, pattern, triggers, ()
    pattern = _compile(ctx, str(raw["regex"]), "match", "regex")
    listed = raw.get("triggers")
    if not isinstance(listed, list) or not listed or not all(isinstance(t, str) and t for t in listed):
        raise ctx.fail("match", "triggers", msg="正则规则须列出触发词（每个匹配都至少包含其中之一），用于预筛")
    return kind, pattern, tuple(listed), ()


def _parse_threshold(ctx: _Ctx, raw: dict, kind: str) -> float:
    """A model rule's score threshold: a number in (0.5, 1); other kinds have none."""
    value = raw.get("threshold")
    if kind != "model":
        if value is not None:
            raise ctx.fail("match", "threshold", msg="threshold 只用于 model 类规则")
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.5 < value < 1:
        raise ctx.fail("match", "threshold", msg="model 类规则须给出 0.5 与 1 之间的评分阈值")
    return float(value)


def _parse_measures(ctx: _Ctx, raw: object) -> tuple[Measure, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(n, str) for n in raw):
        raise ctx.fail("match", "measure", msg="应为措施种类名称列表（见 rules/vocab/measures.yaml）")
    unknown = [n for n in raw if n not in ctx.measures]
    if unknown:
        from reviewer.rules.powers import MEASURE_NAME, POWERS_FILE

        hint = f"（它由职权表 vocab/{POWERS_FILE} 生成，该文件缺失）" if MEASURE_NAME in unknown else ""
        raise ctx.fail("match", "measure", msg=f"未知的措施种类：{'、'.join(unknown)}{hint}")
    return tuple(ctx.measures[n] for n in raw)


def _parse_actor(ctx: _Ctx, raw: object, kind: str) -> Measure | None:
    """``actor``: a vocabulary name (rules/vocab/measures.yaml), or a list of them, whose words must be
    the agent; a list reads as one vocabulary (the kinds of body of each, in one pattern)."""
    if raw is None:
        return None
    if kind != "measure":
        raise ctx.fail("match", "actor", msg="actor 只用于 measure 类规则")
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n in ctx.measures for n in names):
        raise ctx.fail("match", "actor", msg=f"应为 rules/vocab/measures.yaml 中的一个名称或名称列表：{raw}")
    if len(names) == 1:
        return ctx.measures[names[0]]
    parts = [ctx.measures[n] for n in dict.fromkeys(names)]
    pattern = union_pattern(parts)
    return Measure(name="+".join(m.name for m in parts), title="、".join(m.title for m in parts),
                   families=tuple(dict.fromkeys(f for m in parts for f in m.families)), pattern=pattern,
                   triggers=tuple(dict.fromkeys(t for m in parts for t in m.triggers)),
                   law="；".join(dict.fromkeys(m.law for m in parts)),
                   compiled=LazyPattern(pattern, f"{ctx.source}: {ctx.code} → match → actor"))


def _parse_actor_role(ctx: _Ctx, match: dict) -> str:
    from reviewer.rules.agents import ROLES

    raw = match.get("actor_role", "agent")
    if raw == "holder":  # the power's own table names the holders (rules/vocab/powers.yaml)
        measures = match.get("measure") or []
        known = ctx.measures or {}
        if "actor" in match or not measures or not all(m in known and known[m].powers for m in measures):
            raise ctx.fail("match", "actor_role", msg="actor_role: holder 只用于职权表中的措施（statutory_power），且不另设 actor")
        return "holder"
    if "actor_role" in match and "actor" not in match:
        raise ctx.fail("match", "actor_role", msg="actor_role 须与 actor 一起使用")
    if raw not in ROLES:
        raise ctx.fail("match", "actor_role", msg=f"应为以下之一：{'、'.join(ROLES)}")
    return str(raw)


def _parse_imposed(ctx: _Ctx, raw: object, kind: str) -> tuple[str, ...]:
    from reviewer.rules.analysis import DEFAULT_IMPOSITIONS, IMPOSITIONS

    if raw is None:
        return DEFAULT_IMPOSITIONS if kind == "measure" else ()
    if raw == "any":
        return ()
    if not isinstance(raw, list) or not raw or any(i not in IMPOSITIONS for i in raw):
        raise ctx.fail("match", "imposed", msg=f"应为 any 或以下的列表：{'、'.join(IMPOSITIONS)}")
    if kind not in ("regex", "phrases", "measure", "model"):
        raise ctx.fail("match", "imposed", msg="imposed 只用于 regex、phrases、measure 与 model 类规则")
    return tuple(raw)


def parse_rule(raw: object, *, source: str, family: str, defaults: dict, validate: bool = True,
               measures: dict[str, Measure] | None = None) -> Rule:
    """Validate one rule mapping from a pack and build its Rule."""
    code = raw.get("code", "?") if isinstance(raw, dict) else "?"
    ctx = _Ctx(source, str(code), validate, measures)
    if not isinstance(raw, dict):
        raise ctx.fail(msg="规则应为映射")
    code = _require(ctx, raw, "code")
    m = CODE_RE.match(code)
    if not m or m.group(1) != family:
        raise ctx.fail("code", msg=f"编号应为 {family} 加三位数字，如 {family}001")
    name = _require(ctx, raw, "name")
    if not NAME_RE.match(name):
        raise ctx.fail("name", msg="名称应为描述违规的小写英文短语，以连字符分隔，如 fine-set-by-document")
    severity_raw = _require(ctx, raw, "severity")
    try:
        severity = Severity(severity_raw)
    except ValueError:
        raise ctx.fail("severity", msg="应为 error、warning 或 info") from None
    match = _require(ctx, raw, "match", dict)
    kind, pattern, triggers, phrases = _parse_match(ctx, match)
    if match.get("title") and kind not in ("absent", "check"):
        raise ctx.fail("match", "title", msg="title 条件只用于 absent 与 check 类规则")
    title_filter = _compile(ctx, match["title"], "match", "title") if match.get("title") else None
    near = _compile(ctx, match["near"], "match", "near") if match.get("near") else None
    not_near = _compile(ctx, match["not_near"], "match", "not_near") if match.get("not_near") else None

    guards = tuple(raw.get("unless", defaults.get("unless", DEFAULT_GUARDS)) or ())
    for g in guards:
        if g not in GUARDS:
            raise ctx.fail("unless", msg=f"未知的语境豁免“{g}”；可选：{'、'.join(GUARDS)}")
    levels = tuple(raw.get("levels", defaults.get("levels", ("行政规范性文件",))))
    for lv in levels:
        if lv not in LEVELS:
            raise ctx.fail("levels", msg=f"未知层级“{lv}”；可选：{'、'.join(LEVELS)}")

    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise ctx.fail("examples", msg="应为含 flag 与 pass 的映射")
    absent, whole = kind == "absent", kind in ("check", "model")
    flags = tuple(
        _parse_example(ctx, e, "flag", i, absent, whole) for i, e in enumerate(examples.get("flag") or [], 1)
    )
    passes = tuple(
        _parse_example(ctx, e, "pass", i, absent, whole) for i, e in enumerate(examples.get("pass") or [], 1)
    )
    if not flags:
        raise ctx.fail("examples", "flag", msg="至少需要一个须报告的示例")
    if not passes:
        raise ctx.fail("examples", "pass", msg="至少需要一个合法近似表述的示例")
    if kind in ("regex", "measure"):
        for i, ex in enumerate(flags, 1):
            if ex.span is None:
                continue
            span_text = ex.text[ex.span[0]:ex.span[1]]
            if not any(t in span_text for t in triggers):
                raise ctx.fail("examples", "flag", i, msg=f"标出的片段“{span_text}”不含任何触发词")

    return Rule(
        code=code,
        name=name,
        title=_require(ctx, raw, "title"),
        family=family,
        severity=severity,
        basis=_parse_basis(ctx, raw.get("basis")),
        message=_require(ctx, raw, "message"),
        suggestion=_require(ctx, raw, "suggestion"),
        kind=kind,
        pattern=pattern,
        triggers=triggers,
        near=near,
        not_near=not_near,
        guards=guards,
        levels=levels,
        flag_examples=flags,
        pass_examples=passes,
        source=source,
        phrases=phrases,
        title_filter=title_filter,
        check=str(match["check"]) if kind == "check" else "",
        imposed=_parse_imposed(ctx, match.get("imposed"), kind),
        measures=_parse_measures(ctx, match["measure"]) if kind == "measure" else (),
        threshold=_parse_threshold(ctx, match, kind),
        actor=_parse_actor(ctx, match.get("actor"), kind),
        actor_role=_parse_actor_role(ctx, match),
    )


def parse_pack(data: object, *, source: str, validate: bool = True,
               measures: dict[str, Measure] | None = None) -> list[Rule]:
    """Validate one parsed YAML pack and return its rules."""
    ctx = _Ctx(source, "pack")
    if not isinstance(data, dict):
        raise ctx.fail(msg="规则包应为映射，含 family 与 rules")
    family = data.get("family")
    if family not in FAMILIES:
        raise ctx.fail("family", msg=f"未知的规则族“{family}”；可选：{'、'.join(FAMILIES)}")
    defaults = data.get("defaults") or {}
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise ctx.fail("rules", msg="规则包中没有规则")
    return [
        parse_rule(r, source=source, family=family, defaults=defaults, validate=validate, measures=measures)
        for r in rules
    ]
