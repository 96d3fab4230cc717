"""The check pipeline: file → text → clauses + metadata → findings.

This is the library entry point the CLI, the archive and the audit all call, each with a
``reviewer.context.ReviewContext`` built the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reviewer.context import ReviewContext
from reviewer.errors import UsageError
from reviewer.model import DEFAULT_LEVEL, LEVELS, Document, DocumentReport, SourceText

if TYPE_CHECKING:
    from reviewer.rules.loader import RuleSet
    from reviewer.settings import ReviewSettings


def check_level(level: str) -> str:
    """Return ``level`` if it is a known document level, else raise a UsageError."""
    if level not in LEVELS:
        raise UsageError(f"未知的文件层级“{level}”；可选：{'、'.join(LEVELS)}")
    return level


def build_document(source: SourceText, *, level: str = DEFAULT_LEVEL) -> Document:
    """Split a source text into clauses and read its metadata."""
    from reviewer.metadata import extract_metadata
    from reviewer.structure import parse_clauses

    clauses = parse_clauses(source.text)
    metadata = extract_metadata(source.text, clauses)
    return Document(source=source, clauses=clauses, metadata=metadata, level=check_level(level))


def load_document(path: str, *, level: str = DEFAULT_LEVEL, stdin: bytes | None = None) -> Document:
    """Read a file (or ``-`` for stdin) and build its Document; raises InputError on bad input."""
    from reviewer.readers import read

    return build_document(read(path, stdin=stdin), level=level)


def check_document(
    doc: Document,
    ctx: ReviewContext | None = None,
    *,
    ruleset: RuleSet | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    settings: ReviewSettings | None = None,
) -> DocumentReport:
    """Run the context's rules over a Document; ``select``/``ignore`` filter rules by code prefix.

    ``ctx`` (``ReviewContext.build(...)``) carries the rules, the settings and the law base. The
    keyword form (``ruleset=``, ``settings=``) builds a context with the built-in law base, for
    callers written before the context existed.
    """
    from reviewer.engine import run_rules

    if ctx is None:
        ctx = ReviewContext.build(rules=ruleset, settings=settings)
    ctx = ctx.selecting(tuple(select), tuple(ignore))
    # Every rule runs; --select/--ignore choose what is reported (as a linter's do), so hiding a rule
    # does not let the second opinion speak for its family in the same sentence.
    shown = ctx.rules.filter(select=ctx.select, ignore=ctx.ignore)
    codes = None if shown is ctx.rules else frozenset(r.code for r in shown)
    return DocumentReport(document=doc, findings=run_rules(doc, ctx.rules, ctx.settings, ctx.laws, shown=codes))


def check_path(
    path: str,
    *,
    level: str = DEFAULT_LEVEL,
    ruleset: RuleSet | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    stdin: bytes | None = None,
    settings: ReviewSettings | None = None,
    ctx: ReviewContext | None = None,
) -> DocumentReport:
    """Read and check one file."""
    doc = load_document(path, level=level, stdin=stdin)
    return check_document(doc, ctx, ruleset=ruleset, select=select, ignore=ignore, settings=settings)


def check_text(
    text: str,
    *,
    path: str = "<text>",
    level: str = DEFAULT_LEVEL,
    ruleset: RuleSet | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    settings: ReviewSettings | None = None,
    ctx: ReviewContext | None = None,
) -> DocumentReport:
    """Check a text already in memory (used by rule examples, the evaluation and tests)."""
    source = SourceText(path=path, format="text", text=text)
    doc = build_document(source, level=level)
    return check_document(doc, ctx, ruleset=ruleset, select=select, ignore=ignore, settings=settings)
