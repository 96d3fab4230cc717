"""Measure the rule engine on labelled clause sets and on whole documents (``make eval``).

Usage: ``python -m reviewer.evaluate --shared ../shared [-v]``.

Clause sets: ``eval/dev.jsonl`` and ``eval/competition.jsonl`` (its ``kind`` clause and
description reported apart). Each item carries ``half``: ``read`` (rules may be written while
reading it) or ``unread`` (never read while writing rules); the unread half's recall is the
figure to trust. An item counts as found when the engine reports at least one warning or error of
a listed family; a lawful item (``labels: []``) is a false alarm when any warning or error of the
eight substantive families is reported. The keyword baseline is what a reviewer with Ctrl-F
would find.

Documents: the seed, ``eval/docs`` (8 部门规章 at 规章 and a county notice), ``eval/docs/bad``,
``eval/docs/bulk`` (68 lawful-by-assumption documents, each at the level its header names) and
the project's own ``eval/public`` (in-force 规章 and 行政法规 from public collections); for each
group the warnings and errors per document. ``-v`` lists, for the read half only, the missed
items and the false alarms, and every finding on every document.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.evalsets import Item, load_items, strip_header  # noqa: F401  (re-exported)
from reviewer.model import DEFAULT_LEVEL, LEVELS, SUBSTANTIVE, Finding, Severity

# SUBSTANTIVE (re-exported): the families a single clause can be labelled with; PROCEDURE and
# CITATION are document checks.
# The keyword baseline: what a reviewer with Ctrl-F would search for. Deliberately naive, it
# is the bar the context analysis must beat on false alarms without losing recall.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "LICENSE": ("审批", "许可", "批准", "核准", "备案", "登记", "年检"),
    "PENALTY": ("罚款", "没收", "吊销", "责令停", "通报批评", "警告", "处罚"),
    "COERCION": ("查封", "扣押", "冻结", "强制", "滞纳金", "拆除"),
    "SANCTION": ("处分", "记过", "开除", "降级", "撤职", "辞退"),
    "FEE": ("收费", "收取", "缴纳", "保证金", "押金", "费用"),
    "RIGHTS": ("户籍", "证明", "黑名单", "不予", "不得", "必须"),
    "ULTRA_VIRES": ("有权", "不予受理", "后果自负", "不再受理"),
    "COMPETITION": ("本地", "指定", "限定", "外地", "补贴", "奖励"),
}
_REPORTED = frozenset({Severity.WARNING, Severity.ERROR})
HALVES = ("read", "unread")


@dataclass
class FamilyScore:
    """Counts for one family (or the overall row)."""

    n: int = 0
    ours: int = 0
    baseline: int = 0
    strict: int = 0  # found by a finding of this very family
    # found by a rule (not only by the second opinion's statistical warning): a rule's error
    # replaced by the model's warning keeps "ours" but loses its message, basis and fix
    by_rule: int = 0

    def recall(self, which: str) -> float:
        return getattr(self, which) / self.n if self.n else 0.0


@dataclass
class Scores:
    """The evaluation result: per-family recall counts and false alarms on lawful items."""

    families: dict[str, FamilyScore] = field(default_factory=dict)
    lawful: int = 0
    false_alarms_ours: int = 0
    false_alarms_baseline: int = 0
    overall: FamilyScore = field(default_factory=FamilyScore)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (item id, family)
    alarms: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (item id, codes)


def reported(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that count: warning or error in a substantive family."""
    return [f for f in findings if f.severity in _REPORTED and f.family in SUBSTANTIVE]


def baseline_families(text: str) -> set[str]:
    """The families whose keywords occur in ``text``."""
    return {fam for fam, words in BASELINE_KEYWORDS.items() if any(w in text for w in words)}


def score(items: Sequence[Item], *, ruleset=None) -> Scores:
    """Run the engine and the baseline over ``items``."""
    from reviewer.pipeline import check_text
    from reviewer.rules.loader import default_ruleset

    model_codes = {r.code for r in (ruleset or default_ruleset()) if r.kind == "model"}
    scores = Scores(families={fam: FamilyScore() for fam in SUBSTANTIVE})
    for item in items:
        found = reported(check_text(item.text, path=item.id, level=item.level, ruleset=ruleset).findings)
        ours = {f.family for f in found}
        by_rule = {f.family for f in found if f.code not in model_codes}
        base = baseline_families(item.text)
        if not item.labels:
            scores.lawful += 1
            scores.false_alarms_ours += bool(ours)
            scores.false_alarms_baseline += bool(base)
            if ours:
                scores.alarms.append((item.id, tuple(sorted({f.code for f in found}))))
            continue
        # As the evaluation set defines it: an item is found when a finding of ANY of its listed
        # families is reported; "strict" also asks for the very family of the row.
        found_ours, found_base = bool(item.labels & ours), bool(item.labels & base)
        for fam in sorted(item.labels & set(SUBSTANTIVE)):
            for row in (scores.families[fam], scores.overall):
                row.n += 1
                row.ours += found_ours
                row.baseline += found_base
                row.strict += fam in ours
                row.by_rule += bool(item.labels & by_rule)
            if fam not in ours:
                scores.missed.append((item.id, fam))
    return scores


def format_scores(scores: Scores, title: str = "") -> str:
    """The evaluation table as aligned text."""
    lines = [f"{title or 'family':<24} {'n':>4} {'recall ours':>12} {'recall kw':>10} {'ours, same family':>18}"
             f" {'by a rule':>10}"]
    for fam, row in [*scores.families.items(), ("overall", scores.overall)]:
        if row.n:
            lines.append(f"  {fam:<22} {row.n:>4} {_pct(row.recall('ours')):>12} {_pct(row.recall('baseline')):>10}"
                         f" {_pct(row.recall('strict')):>18} {_pct(row.recall('by_rule')):>10}")
    if scores.lawful:
        lines.append(
            f"  false alarms on {scores.lawful} lawful items: ours {scores.false_alarms_ours}"
            f" ({_pct(_ratio(scores.false_alarms_ours, scores.lawful))}),"
            f" keyword baseline {scores.false_alarms_baseline}"
            f" ({_pct(_ratio(scores.false_alarms_baseline, scores.lawful))})"
        )
    return "\n".join(lines)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def clause_sets(shared: Path) -> list[tuple[str, list[Item]]]:
    """The labelled sets, split by half (and by kind for the competition set): (title, items)."""
    out: list[tuple[str, list[Item]]] = []
    for name in ("dev", "competition"):
        path = shared / "eval" / f"{name}.jsonl"
        if not path.exists():
            continue
        items = load_items(path)
        kinds = sorted({i.kind for i in items}) if name == "competition" else [None]
        for half in HALVES:
            for kind in kinds:
                chosen = [i for i in items if i.half == half and (kind is None or i.kind == kind)]
                if chosen:
                    out.append((f"{name}{'/' + kind if kind else ''} [{half}]", chosen))
    return out


def probe_sets(folder: Path) -> list[tuple[str, list[Item]]]:
    """The project's own probe sets (eval/probes/*.jsonl): clauses written from the law's
    categories by writers who never saw the rules, split by half where the set has one."""
    out: list[tuple[str, list[Item]]] = []
    for path in sorted(folder.glob("*.jsonl")):
        items = load_items(path)
        halves = sorted({i.half for i in items})
        for half in halves:
            chosen = [i for i in items if i.half == half]
            label = f" [{half}]" if len(halves) > 1 else ""
            out.append((f"{path.stem} (own probe){label}", chosen))
    return out


# --------------------------------------------------------------------------- documents


_LEVEL_LINE_RE = re.compile(r"^# (?:层级|type):\s*(.+)$", re.MULTILINE)


def header_level(header: str) -> str:
    """The level a document's header announces (``# 层级: 地方性法规`` or ``# type: 部门规章…``)."""
    m = _LEVEL_LINE_RE.search(header)
    if not m:
        return DEFAULT_LEVEL
    named = m.group(1).split("；")[0]
    if "规章" in named:
        return "规章"
    return next((lvl for lvl in LEVELS if lvl in named), DEFAULT_LEVEL)


def check_file(path: Path, *, level: str | None = None, ruleset=None):
    """Check one evaluation document (header stripped); returns its DocumentReport."""
    from reviewer.pipeline import check_text

    body, header = strip_header(path.read_text(encoding="utf-8"))
    return check_text(body, path=str(path), level=level or header_level(header), ruleset=ruleset)


def format_report(report, label: str) -> str:
    """One document's findings, one line each."""
    counts = {s: sum(f.severity == s for f in report.findings) for s in Severity}
    head = (
        f"== {label} [{report.document.level}]: {counts[Severity.ERROR]} error, "
        f"{counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info"
    )
    rows = [head]
    for f in report.findings:
        rows.append(f"   {f.severity.value:<7} {f.code:<14} {f.location.locator:<18} {f.match[:30]}")
    return "\n".join(rows)


@dataclass(frozen=True)
class DocGroup:
    """A group of whole documents counted together."""

    name: str
    paths: tuple[Path, ...]
    level: str | None  # None: the level each header names; "corpus": read through the normal reader


def document_groups(shared: Path, corpus: Path, public: Path) -> list[DocGroup]:
    """The seed, eval/docs (规章 and notices), docs/bad, docs/bulk by level, eval/public by level, corpus."""
    docs = shared / "eval" / "docs"
    groups = [
        DocGroup("seed (work plan)", tuple(sorted((shared / "seed").glob("*.txt"))), DEFAULT_LEVEL),
        DocGroup("eval/docs (部门规章 + notice)", tuple(sorted(docs.glob("*.txt"))), None),
        DocGroup("eval/docs/bad (unlawful)", tuple(sorted((docs / "bad").glob("*.txt"))), None),
        DocGroup("eval/docs/bulk", tuple(sorted((docs / "bulk").glob("*.txt"))), None),
    ]
    if public.is_dir():
        for sub in sorted(p for p in public.iterdir() if p.is_dir()):
            groups.append(DocGroup(f"eval/public/{sub.name}", tuple(sorted(sub.glob("*.txt"))), None))
    if corpus.is_dir():
        supported = {".txt", ".md", ".docx"}
        paths = tuple(
            p for p in sorted(corpus.rglob("*"))
            if p.suffix in supported and p.is_file() and not p.name.upper().startswith("README")
        )
        groups.append(DocGroup("corpus", paths, "corpus"))
    return [g for g in groups if g.paths]


def _check_any(path: Path, level: str | None):
    """Check a document: eval texts with their header, corpus files through the normal reader."""
    from reviewer.pipeline import check_path

    if level == "corpus":
        return check_path(str(path))
    return check_file(path, level=level)


def _alarm_count(report) -> int:
    return len(reported(report.findings))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the clause tables, then the warnings per document by group."""
    parser = argparse.ArgumentParser(prog="python -m reviewer.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", help="the shared folder holding eval/ and seed/")
    parser.add_argument("--corpus", default="corpus", help="the project's corpus folder")
    parser.add_argument("--public", default="eval/public", help="the project's public 规章/行政法规 folder")
    parser.add_argument("--probes", default="eval/probes", help="the project's own probe sets")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list read-half misses and false alarms by id, and every document's findings")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    sets = clause_sets(shared)
    if not sets:
        print(f"找不到评测集：{shared / 'eval'}（请用 --shared 指定 shared 目录）", file=sys.stderr)
        return 2
    for title, items in [*sets, *probe_sets(Path(args.probes))]:
        scores = score(items)
        print(format_scores(scores, title))
        if args.verbose and "[read]" in title:
            print("  missed:", ", ".join(f"{i}:{fam}" for i, fam in scores.missed) or "none")
            print("  false alarms:", ", ".join(f"{i}:{'/'.join(c)}" for i, c in scores.alarms) or "none")
        print()
    print(f"{'documents':<34} {'n':>4} {'warn+err':>9} {'per doc':>8} {'max':>5}")
    details: list[str] = []
    for group in document_groups(shared, Path(args.corpus), Path(args.public)):
        counts = []
        for path in group.paths:
            try:
                report = _check_any(path, group.level)
            except Exception as exc:  # a broken file must not hide the rest of the evaluation
                details.append(f"== {path.name}: 无法审查：{exc}")
                continue
            counts.append(_alarm_count(report))
            if args.verbose or group.level == "corpus" or counts[-1]:
                details.append(format_report(report, path.name))
        total = sum(counts)
        print(f"  {group.name:<32} {len(counts):>4} {total:>9} {_ratio(total, len(counts)):>8.2f} {max(counts, default=0):>5}")
    for block in details:
        print()
        print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
