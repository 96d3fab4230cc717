"""`ReviewContext`: everything a review runs under — the rules, the settings, the law base.

Built in one way (``ReviewContext.build``) by every path that checks a document: `reviewer
check`, the archive's intake (`archive submit`/`resubmit`), the cleanup audit's recheck, and any
future web handler. Nothing downstream reads a process-global catalogue or default settings: the
engine, the guards and the document checks ask the context they were handed, so a test (or an
archive) can hand in a different law base and see the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.settings import DEFAULT_SETTINGS, ReviewSettings

if TYPE_CHECKING:
    import sqlite3

    from reviewer.laws.base import LawBase
    from reviewer.rules.loader import RuleSet


@dataclass(frozen=True)
class ReviewContext:
    """The rules, the local settings and the law base of one review."""

    rules: RuleSet
    settings: ReviewSettings
    laws: LawBase
    # Code prefixes to show (--select) and to hide (--ignore). They choose what is reported, not
    # what is analysed: the second opinion and the one-per-family step see every rule's findings.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def build(cls, *, rules: RuleSet | None = None, rules_dir: str | Path | None = None,
              settings: ReviewSettings | None = None, db: sqlite3.Connection | None = None,
              laws: LawBase | None = None) -> ReviewContext:
        """The one way to make a context.

        ``rules`` (a loaded RuleSet) or ``rules_dir`` (a folder of packs), else the shipped rules;
        ``settings`` else the common defaults; ``laws`` as given, else the law base of the open
        archive ``db`` (built-in data with the archive's catalogue winning), else the built-in data.
        """
        from reviewer.laws.base import LawBase
        from reviewer.rules.loader import default_ruleset, load_rules

        if rules is None:
            rules = load_rules(rules_dir) if rules_dir else default_ruleset()
        if laws is None:
            laws = LawBase.from_archive(db) if db is not None else LawBase.builtin()
        return cls(rules=rules, settings=settings or DEFAULT_SETTINGS, laws=laws)

    def selecting(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> ReviewContext:
        """The same context reporting only the codes ``select`` names and none ``ignore`` names
        (``--select``/``--ignore``, by code prefix)."""
        if not select and not ignore:
            return self
        return replace(self, select=self.select + tuple(select), ignore=self.ignore + tuple(ignore))
