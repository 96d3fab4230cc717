"""Issue 14, item 9: shapes that made the check path hang now run in linear time.

Before: 40,000 Chinese numerals after 第 took 51 s (the amount pattern restarted at every
numeral under the own_staff/topic guards) and a 5 MB line took over 300 s (every finding
re-normalised and re-hashed the whole clause, near/not_near and the overlap step read it all).
These tests run the shapes at sizes that took minutes before; the bench (bench/bench_hostile.py)
prints the time per MB and the ratio between 1 MB and 5 MB.
"""

from __future__ import annotations

import pytest

from reviewer.engine import _Locator, fingerprint
from reviewer.pipeline import check_text

_SENTENCES = ("进入市场经营的商户应缴纳管理费每年200元；"
              "对违反本办法的，由区市场监管局处500元罚款，情节严重的，没收其经营工具；")


def test_forty_thousand_numerals_after_di():
    text = "第" + "一二三四五六七八九十百千万" * 3100 + "条 对违反本办法的，处500元罚款。\n"
    report = check_text(text)
    assert any(f.family == "PENALTY" for f in report.findings)


@pytest.mark.slow
def test_one_long_line_is_checked_whole_with_stable_fingerprints():
    text = _SENTENCES * 3000  # ≈ 200,000 characters, one line, one clause
    report = check_text(text)
    fines = [f for f in report.findings if f.family == "PENALTY"]
    assert len(fines) >= 3000  # every sentence's fine is found, none lost to a bound
    locator = _Locator(report.document)
    for f in fines[:3] + fines[-3:]:  # the once-per-clause hashing gives the documented fingerprint
        assert f.fingerprint == fingerprint(f.code, locator.clause_text(f.location.offset), f.match)


def test_a_run_on_sentence_full_of_time_limits():
    # 20,000 periods in one sentence: each used to find its sub-sentence by scanning from the
    # sentence's start (8,000 characters took 1.4 s, 80,000 would take minutes); the marks are now
    # bisected. The one cut period at the end is still found.
    text = "当事人申请行政复议，" + "六十日，" * 20000 + "申请行政复议的，应当在三十日内提出。\n"
    findings = check_text(text).findings
    assert [f.match for f in findings if f.code == "RIGHTS027"] == ["三十日"]
