"""What the law itself sets (reviewer/laws/catalogues.py) and this session's start-up helpers."""

from __future__ import annotations

import gc
import io
import pickle
import sqlite3

import pytest

from reviewer.errors import RuleError
from reviewer.laws.catalogues import catalogue, named_in, named_spans, parse_entries


@pytest.mark.parametrize("raw, message", [
    ({"name": "x"}, "应为非空的条目列表"),
    ([], "应为非空的条目列表"),
    (["x"], "第 1 条: 应为含 name、basis 的映射"),
    ([{"basis": "某法"}], "第 1 条 → name"),
    ([{"name": "污水处理费"}], "第 1 条（污水处理费）→ basis"),
    ([{"name": "污水处理费", "basis": "某法", "aliases": "垃圾费"}], "第 1 条（污水处理费）→ aliases"),
    ([{"name": "污水处理费", "basis": "某法"}, {"name": "排污费", "basis": "某法", "aliases": ["污水处理费"]}],
     "第 2 条（排污费）: 名称“污水处理费”与第 1 条重复"),
])
def test_a_bad_catalogue_is_refused_naming_the_file_entry_and_field(raw, message):
    with pytest.raises(RuleError) as err:
        parse_entries(raw, "reviewer/data/fees.yaml")
    assert "reviewer/data/fees.yaml" in err.value.message and message in err.value.message


def test_the_shipped_catalogues_load_and_every_entry_cites_a_basis():
    for kind in ("fees", "permits"):
        entries = catalogue(kind)
        assert entries and all(e.basis for e in entries)
        names = [n for e in entries for n in (e.name, *e.aliases)]
        assert len(names) == len(set(names)), kind  # one name, one entry


def test_an_unknown_catalogue_is_refused():
    with pytest.raises(RuleError):
        catalogue("licences")


def test_names_are_found_and_a_certificate_about_a_permit_is_not_the_permit():
    assert named_in("fees", "按规定缴纳城镇垃圾处理费").name == "城镇垃圾处理费"
    assert named_in("fees", "缴纳管网维护费") is None
    assert named_spans("permits", "查验食品经营许可证") == [(2, 9)]
    assert named_spans("permits", "须附乡村建设规划许可证明") == []  # 许可证明 is a paper of its own


def test_unpickling_pauses_the_collector_and_restores_it(tmp_path):
    from reviewer.cache import load_pickle

    assert gc.isenabled()
    assert load_pickle(io.BytesIO(pickle.dumps({"a": 1}))) == {"a": 1}
    assert gc.isenabled()
    with pytest.raises(pickle.UnpicklingError):
        load_pickle(io.BytesIO(b"not a pickle"))
    assert gc.isenabled()  # restored after a failure too


def test_a_regex_program_stored_by_an_older_version_is_compiled_afresh():
    from reviewer.regexes import from_program, program_of

    program = program_of(r"罚款[0-9]+元")
    assert program is not None and isinstance(program[2], bytes)
    assert from_program(program).search("处罚款200元")
    old = (program[0], program[1], [1, 2, 3], *program[3:])  # the code as a list of ints
    assert from_program(old) is None


def test_database_errors_are_recognised_once_sqlite3_is_loaded():
    from reviewer.cli.main import _is_database_error

    assert _is_database_error(sqlite3.OperationalError("database is locked"))
    assert not _is_database_error(ValueError("x"))


def test_the_check_command_resumes_the_collector():
    from click.testing import CliRunner

    from reviewer.cli.main import cli

    result = CliRunner().invoke(cli, ["check", "-"], input="第一条 为规范管理，制定本办法。")
    assert result.exit_code in (0, 1) and gc.isenabled()


def test_a_validity_that_ends_in_the_year_9999_does_not_crash():
    import datetime as dt

    from reviewer.metadata import _add_months
    from reviewer.pipeline import check_text

    assert _add_months(dt.date(9998, 12, 1), 12) == dt.date(9999, 12, 1)
    assert _add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 3, 1)  # no 31 February: the next 1st

    report = check_text("关于加强管理的通知\n本通知自9998年12月1日起施行，有效期1年。", path="x")
    assert report is not None


def test_the_names_pattern_is_the_same_in_every_process():
    """Its compiled program is cached by the pattern's text (reviewer/regexes.py): a pattern that
    changed with the process's hash seed would be compiled afresh on every check and grow the cache."""
    import subprocess
    import sys

    import os

    code = ("import hashlib; from reviewer.laws.catalogues import _names_re; "
            "print(hashlib.sha1((_names_re('fees').pattern + _names_re('permits').pattern).encode()).hexdigest())")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1
