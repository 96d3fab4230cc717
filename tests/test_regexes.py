"""Compiled programs: a pattern rebuilt from its cached program behaves as re.compile's."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys

from reviewer.regexes import first_chars, from_program, program_of
from reviewer.rules.lazy import LazyPattern


def test_a_pattern_from_its_program_matches_as_re_compile_does():
    pattern = r"(?P<verb>处|并处)[^，。；]{0,20}?(?:罚款|罚金)|(?<![0-9一二三])[0-9一二三]++元"
    program = program_of(pattern)
    assert program is not None
    rebuilt = from_program(pickle.loads(pickle.dumps(program)))
    plain = re.compile(pattern)
    text = "对违反本办法的，并处五百元罚款；另罚200元。"
    assert [m.span() for m in rebuilt.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert rebuilt.groupindex == plain.groupindex


def test_lazy_pattern_keeps_its_program_through_pickle_and_ignores_a_foreign_one():
    lazy = LazyPattern("收取[^，。；]{0,8}费", "test")
    lazy.precompile()
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy._program is not None and copy.search("向商户收取管理费。")
    pattern, where, program, _engine, starts = lazy.__getstate__()
    foreign = LazyPattern.__new__(LazyPattern)
    foreign.__setstate__((pattern, where, program, ((2, 7), 0), starts))  # another interpreter's program
    assert foreign._program is None and foreign.search("向商户收取管理费。")


def test_module_patterns_are_cached_between_processes(tmp_path):
    env = {"REVIEWER_CACHE_DIR": str(tmp_path), "PATH": ""}
    code = "import reviewer.rules.analysis, reviewer.structure; print('ok')"
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert out.stdout.strip() == "ok", out.stderr
    saved = list(tmp_path.glob("regex-programs-*.pickle"))
    assert len(saved) == 1
    programs = pickle.loads(saved[0].read_bytes())
    assert len(programs) > 30 and all(isinstance(k[0], str) for k in programs)


def test_first_chars_lists_where_a_match_can_begin_or_declines():
    assert first_chars(r"(?:处|并处)[^，。；]{0,20}?罚款|(?<!免)收取") == "[处并收]"
    assert first_chars(r"(?:暂行)?(?:规定|办法)") == "[办暂规]"  # an optional group: what follows counts too
    assert first_chars(r"[^，。]罚款") is None  # a negated class may begin anywhere
    assert first_chars(r"(?:应当)?") is None  # may match empty: finditer's empty matches differ
    assert first_chars(r"(?i)fee") is None  # case folding: the parse tree's literals are not the text's
    assert first_chars(r"(?i:a)b") is None  # … nor inside a group
    assert first_chars(r"收费(") is None  # a bad pattern is not analysed (LazyPattern reports it)


def test_spans_find_what_finditer_finds_for_every_shipped_pattern():
    """The shipped vocabulary and rule patterns, precompiled as the cache keeps them, over our
    corpus: the first-character scan must change nothing but the time."""
    from pathlib import Path

    from reviewer.readers import read
    from reviewer.rules.loader import load_rules

    root = Path(__file__).resolve().parents[1]
    text = "\n".join(read(p).text for p in sorted((root / "corpus").glob("*.txt")))
    rules = load_rules(validate=False)
    patterns = {m.pattern: m.compiled for m in rules.vocabulary()}
    patterns.update({r.pattern.pattern: r.pattern for r in rules if r.pattern is not None})
    scanned = 0
    for lazy in patterns.values():
        lazy.precompile()
        copy = pickle.loads(pickle.dumps(lazy))
        scanned += copy._starts_program is not None
        plain = re.compile(lazy.pattern)
        for start in range(0, len(text), 997):  # windows that begin and end mid-sentence too
            end = min(len(text), start + 1500)
            want = [m.span() for m in plain.finditer(text, start, end) if m.end() > m.start()]
            assert copy.spans(text, start, end) == want, lazy.pattern[:60]
    assert scanned > len(patterns) // 2  # most patterns are scanned by their first characters
