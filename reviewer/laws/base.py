"""The law base a review runs against: one set of laws, however many sources they came from.

Three sources, later ones winning for the same (normalised) title:

1. the built-in data — ``reviewer/data/laws.yaml`` (curated, with dates and successors) and
   ``law_titles.csv`` (every national law and regulation, title and status only);
2. catalogues a user imported (``reviewer laws import``), which live in the archive's tables;
3. the archive's ``laws`` table, where staff record 立改废 by hand (``reviewer laws change``):
   its status changes win, so a law repealed in the archive stops grounding a clause in
   ``check --db``, in ``archive submit`` and in ``audit run`` alike.

``LawBase`` builds its catalogue lazily: a plain ``reviewer check`` of a text that cites nothing
never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from reviewer.citations import Law, LawCatalog, Resolution, normalize_title

if TYPE_CHECKING:
    import sqlite3

    from reviewer.laws.restatement import StatuteIndex
from reviewer.statuses import UNKNOWN, VALID


class LawBase:
    """A read-only set of laws with the resolver every check uses (``ctx.laws``)."""

    def __init__(self, load: Callable[[], LawCatalog], origin: str = "内置"):
        self._load = load
        self.origin = origin  # where the laws came from, for messages and tests

    @cached_property
    def catalog(self) -> LawCatalog:
        """The merged catalogue, built on first use."""
        return self._load()

    @cached_property
    def statutes(self) -> StatuteIndex:
        """The penalty articles of the statutes on file (``laws/restatement.py``), read on first use."""
        from reviewer.laws.restatement import StatuteIndex

        return StatuteIndex.load()

    def resolve(self, title: str) -> Resolution:
        """The law a cited title means (see ``LawCatalog.resolve``)."""
        return self.catalog.resolve(title)

    def nearest(self, title: str) -> str | None:
        return self.catalog.nearest(title)

    def __len__(self) -> int:
        return len(self.catalog)

    @classmethod
    def builtin(cls) -> LawBase:
        """The built-in data only (no archive open)."""
        return cls(LawCatalog.extended)

    @classmethod
    def with_laws(cls, laws: Iterable[Law], origin: str = "导入") -> LawBase:
        """The built-in data with ``laws`` laid over it (an imported list, a test's catalogue)."""
        overlay = tuple(laws)
        return cls(lambda: merge(LawCatalog.extended(), overlay), origin)

    @classmethod
    def only(cls, laws: Iterable[Law]) -> LawBase:
        """Exactly these laws and no built-in data (tests that need a small, known world)."""
        catalog = LawCatalog.from_entries(laws)
        return cls(lambda: catalog, "指定")

    @classmethod
    def from_archive(cls, conn: sqlite3.Connection) -> LawBase:
        """The built-in data with the archive's catalogue laid over it.

        The rows are read now (the connection may close before the first lookup); the merge
        waits for the first lookup.
        """
        from reviewer.laws.store import laws

        return cls.with_laws(laws(conn).values(), "档案库")


def merge(base: LawCatalog, overlay: Iterable[Law]) -> LawCatalog:
    """``base`` with every law of ``overlay`` replacing the one of the same title.

    An overlay law whose status is 未知 (an import that did not say) keeps the base's status;
    short names of both are kept.
    """
    by_key = {normalize_title(law.title): law for law in base}
    for law in overlay:
        key = normalize_title(law.title)
        old = by_key.get(key)
        if law.status == UNKNOWN:
            law = replace(law, status=old.status if old else VALID)
        if old is not None:
            law = replace(law, short=tuple(dict.fromkeys((*law.short, *old.short))),
                          measures=law.measures if law.measures is not None else old.measures,
                          article_measures=law.article_measures or old.article_measures)
        by_key[key] = law
    return LawCatalog(by_key.values())
