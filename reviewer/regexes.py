"""Module-level regular expressions, compiled from a cached program.

Python's ``re`` parses every pattern anew in every process; for the ~130 fixed patterns the check
path defines at module level (structure, metadata, citations, the guards and the shared analysis)
that is ~40 ms of each `reviewer check`, as much as reading and checking a draft. ``compile_re``
returns the same compiled pattern as ``re.compile`` but, from the second run on, builds it from
the engine's program kept in the user's cache folder (see ``reviewer/rules/lazy.py`` for the
program and why it is safe), and records new programs at exit. Only fixed patterns written in our
modules go through here — never a pattern made from input, which would grow the cache without
bound. ``REVIEWER_NO_CACHE=1`` turns the cache off; any failure falls back to ``re.compile``.
"""

from __future__ import annotations

import array
import atexit
import importlib
import os
import re
import sys

# What a stored program is valid for: the exact interpreter build (its re compiler may change in a
# patch release without changing the engine's magic number) and the engine's magic.
ENGINE = (sys.version, sys.implementation.cache_tag, getattr(importlib.import_module("_sre"), "MAGIC", None))


def program_of(pattern: str, flags: int = 0) -> tuple | None:
    """The arguments ``_sre.compile`` takes for ``pattern``: the stdlib's own compile steps (its
    internal modules ``re._parser`` and ``re._compiler``), run once; None where they differ."""
    try:
        if array.array("I").itemsize != importlib.import_module("_sre").CODESIZE:
            return None  # the code is stored as C unsigned ints: only where they are the engine's word
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
        parsed = parser.parse(pattern, flags)
        # Kept as the bytes of an unsigned 32-bit array (SRE_CODE): a list of 300,000 small ints
        # costs ten times as much to unpickle, and most of it is never compiled in a given run.
        code = array.array("I", [int(c) for c in compiler._code(parsed, flags)]).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (pattern, int(flags | parsed.state.flags), code, parsed.state.groups - 1,
                groupindex, tuple(indexgroup))
    except Exception:
        return None


def from_program(program: tuple) -> re.Pattern | None:
    """The compiled pattern of a stored program, or None when this engine cannot take it."""
    try:
        pattern, flags, code, groups, groupindex, indexgroup = program
        if not isinstance(code, bytes):
            return None  # a program stored by an older version (a list): compile as usual
        words = array.array("I")
        words.frombytes(code)
        return importlib.import_module("_sre").compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)
    except Exception:
        return None


# A class of this many characters is as good as "any": scanning for it saves nothing.
_MAX_STARTS = 400


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class of every character a non-empty match of ``pattern`` can begin with, or
    None when that is not a short list (a negated class, ``.``, a category, a back reference) or
    the pattern may match the empty string.

    ``re`` skips ahead by itself only when a pattern begins with a literal or a class; a pattern
    whose alternatives open with a group or a look-behind (most of the measure vocabulary) is
    tried, alternative by alternative, at every position. Looking for the first characters with
    one class and trying the pattern only there finds the same matches at a third of the cost.
    Read from the stdlib's parse tree (``re._parser``, as ``program_of``); None on any surprise."""
    try:
        parsed = importlib.import_module("re._parser").parse(pattern, flags)
        if parsed.state.flags & ~(re.UNICODE | re.ASCII):
            return None  # case folding or verbose mode: the parse tree's literals are not the text's
        found = _first_of(list(parsed.data), importlib.import_module("re._constants"))
    except Exception:
        return None
    if found is None or "" in found or not found or len(found) > _MAX_STARTS:
        return None
    return "[" + "".join(re.escape(c) for c in sorted(found)) + "]"


def _first_of(items: list, c) -> set[str] | None:
    """First characters of the sequence ``items`` ('' in the set: it may match empty), or None."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: the next item gives the first character
        if op is c.LITERAL:
            return out | {chr(av)}
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    out.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] <= _MAX_STARTS:
                    out.update(chr(code) for code in range(value[0], value[1] + 1))
                else:
                    return None  # a negated class, a category, a wide range
            return out
        if op is c.SUBPATTERN:
            if av[1] & ~(re.UNICODE | re.ASCII):
                return None  # (?i:…) inside: its literals are not the text's either
            alternatives = [list(av[3].data)]
        elif op is c.BRANCH:
            alternatives = [list(branch.data) for branch in av[1]]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            alternatives = [list(av[2].data)] + ([[]] if av[0] == 0 else [])
        else:
            return None  # ANY, NOT_LITERAL, GROUPREF, atomic groups …: no short list
        may_be_empty = False
        for alternative in alternatives:
            first = _first_of(alternative, c)
            if first is None:
                return None
            may_be_empty = may_be_empty or "" in first
            out |= first - {""}
        if not may_be_empty:
            return out
    return out | {""}


class _ProgramCache:
    """The programs of this process's fixed patterns: loaded once, saved at exit when new ones
    were compiled. One instance per process (a cache, like ``re``'s own)."""

    def __init__(self) -> None:
        self._programs: dict[tuple[str, int], tuple] | None = None
        self._dirty = False

    def _path(self):
        from reviewer.cache import cache_dir

        import hashlib

        tag = hashlib.sha1(repr(ENGINE).encode()).hexdigest()[:12]
        return cache_dir() / f"regex-programs-{tag}.pickle"

    def _load(self) -> dict[tuple[str, int], tuple]:
        if self._programs is None:
            self._programs = {}
            if not os.environ.get("REVIEWER_NO_CACHE"):
                try:  # no home folder, a read-only one, a damaged file: compile as usual
                    from reviewer.cache import load_pickle

                    with open(self._path(), "rb") as fh:
                        loaded = load_pickle(fh)
                    if isinstance(loaded, dict):
                        self._programs = loaded
                except Exception:  # missing, damaged or from another version: compile as usual
                    pass
        return self._programs

    def compile(self, pattern: str, flags: int) -> re.Pattern:
        programs = self._load()
        program = programs.get((pattern, flags))
        if program is not None:
            compiled = from_program(program)
            if compiled is not None:
                return compiled
        compiled = re.compile(pattern, flags)
        if not os.environ.get("REVIEWER_NO_CACHE"):
            program = program_of(pattern, flags)
            if program is not None:
                programs[(pattern, flags)] = program
                if not self._dirty:
                    self._dirty = True
                    atexit.register(self._save)
        return compiled

    def _save(self) -> None:
        from reviewer.cache import _write

        try:
            if self._programs:
                _write(self._path(), self._programs)  # atomic; only an optimisation
        except Exception:  # no home folder (a uid without a passwd entry), a full disk …
            pass


_CACHE = _ProgramCache()


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` for a fixed pattern of ours, from the cached program when there is one."""
    return _CACHE.compile(pattern, flags)
