"""Compiled programs: a pattern rebuilt from its cached program behaves as re.compile's."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys

from reviewer.regexes import from_program, program_of
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
    pattern, where, program, _engine = lazy.__getstate__()
    foreign = LazyPattern.__new__(LazyPattern)
    foreign.__setstate__((pattern, where, program, ((2, 7), 0)))  # another interpreter's program
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
