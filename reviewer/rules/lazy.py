"""Regular expressions compiled on first use, shared by rules and the measure vocabulary.

Compiling is the largest cost of a small check: Python's ``re`` parses each pattern and builds
its character sets anew in every process (the rule patterns alone take ~75 ms, more than the
rest of a 12,000-character check). So the rule cache keeps, beside each pattern's source, the
program ``re`` compiled it to (``precompile``), and a later process hands that program straight
to the regex engine (``_sre.compile``, ~0.03 ms a pattern) instead of parsing again. The program
is only trusted from the same Python version and regex engine (``_sre.MAGIC``); anything else, or
any error, falls back to ``re.compile`` — the result is the same pattern either way.
"""

from __future__ import annotations

import re

from reviewer.errors import RuleError
from reviewer.regexes import ENGINE as _ENGINE, first_chars, from_program, program_of


class LazyPattern:
    """A regular expression compiled on first use.

    Compiling every rule's patterns costs more than checking a whole draft, and most rules never
    fire on a given document; so the check path compiles a pattern only when one of its triggers
    occurs. Full validation (``load_rules(validate=True)``, the default, used by the tests and
    for user rule folders) compiles everything at load. A bad pattern found late still names
    the file, the rule and the field.
    """

    __slots__ = ("pattern", "_where", "_compiled", "_program", "_starts_program", "_starts", "_starts_built")

    def __init__(self, pattern: str, where: str):
        self.pattern = pattern
        self._where = where
        self._compiled: re.Pattern | None = None
        self._program: tuple | None = None  # the arguments of _sre.compile, when precompiled
        # The class of characters a match can begin with (regexes.first_chars), found when
        # precompiled: ``spans`` tries the pattern only where one of them stands.
        self._starts_program: tuple | None = None
        self._starts: re.Pattern | None = None
        self._starts_built = False

    def compile(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = self._from_program() or self._parse()
        return self._compiled

    def _parse(self) -> re.Pattern:
        try:
            return re.compile(self.pattern)
        except re.error as exc:
            raise RuleError(f"{self._where}: 正则表达式无效：{exc}") from None

    def _from_program(self) -> re.Pattern | None:
        return from_program(self._program) if self._program is not None else None

    def precompile(self) -> None:
        """Compile now and keep the engine's program, so that a pickled copy loads it instead of
        parsing the pattern again (see the module docstring)."""
        self.compile()
        self._program = program_of(self.pattern)
        starts = first_chars(self.pattern)
        self._starts_program = program_of(starts) if starts is not None else None

    def __getstate__(self):
        # A compiled pattern cannot be pickled; its program can, with what it is valid for.
        return (self.pattern, self._where, self._program, _ENGINE, self._starts_program)

    def __setstate__(self, state) -> None:
        self.pattern, self._where = state[0], state[1]
        program, engine, starts = (state[2], state[3], state[4]) if len(state) == 5 else (None, None, None)
        self._program = program if engine == _ENGINE else None
        self._starts_program = starts if engine == _ENGINE else None
        self._compiled = None
        self._starts = None
        self._starts_built = False

    def search(self, *args):
        return self.compile().search(*args)

    def finditer(self, *args):
        return self.compile().finditer(*args)

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the non-empty matches ``finditer(text, start, end)`` gives, found by
        trying the pattern only where a match can begin (see ``precompile``)."""
        compiled = self.compile()
        if not self._starts_built:
            self._starts = from_program(self._starts_program) if self._starts_program is not None else None
            self._starts_built = True
        starts = self._starts
        if starts is None:
            return [(m.start(), m.end()) for m in compiled.finditer(text, start, end) if m.end() > m.start()]
        # The pattern cannot match empty (first_chars says so), so finditer's matches are exactly
        # these: the first position from which it matches, then on from where that match ends.
        out: list[tuple[int, int]] = []
        pos = start
        while (at := starts.search(text, pos, end)) is not None:
            m = compiled.match(text, at.start(), end)
            if m is None:
                pos = at.start() + 1
            else:
                out.append((m.start(), m.end()))
                pos = m.end()
        return out

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
