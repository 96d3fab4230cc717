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
