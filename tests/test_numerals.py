"""Chinese numerals, years and money amounts."""

import random

import pytest

from reviewer.numerals import cn_to_int, int_to_cn, parse_amount, year_to_cn


@pytest.mark.parametrize(
    "text, value",
    [
        ("十二", 12), ("百", 100), ("千", 1000), ("二十", 20), ("一百零五", 105), ("两千", 2000), ("五万", 50000),
        ("一万二千", 12000), ("三亿", 300_000_000), ("〇", 0), ("零", 0), ("十", 10), ("十一", 11),
        ("一百一十", 110), ("一千零一十", 1010), ("一亿二千万", 120_000_000), ("十万零一十", 100010),
        ("二〇一七", 2017), ("二零一七", 2017), ("二○二一", 2021), ("12", 12), ("１２", 12), ("3万", 30000),
    ],
)
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("junk", ["", "abc", "十十", "万", "三十五五", "第十", "一百百", "1.5"])
def test_cn_to_int_rejects_junk(junk):
    with pytest.raises(ValueError):
        cn_to_int(junk)


@pytest.mark.parametrize(
    "value, text",
    [(12, "十二"), (105, "一百零五"), (20, "二十"), (10, "十"), (110, "一百一十"), (50000, "五万"),
     (0, "零"), (10005, "一万零五"), (100000, "十万"), (100_000_000, "一亿"), (100_001_000, "一亿零一千")],
)
def test_int_to_cn(value, text):
    assert int_to_cn(value) == text


def test_int_to_cn_rejects_negative():
    with pytest.raises(ValueError):
        int_to_cn(-1)


def test_round_trip():
    rng = random.Random(20170628)
    sample = list(range(0, 1200)) + [rng.randrange(0, 100_001) for _ in range(3000)] + [100_000]
    for n in sample:
        assert cn_to_int(int_to_cn(n)) == n, n


def test_year_to_cn():
    assert year_to_cn(2017) == "二〇一七"
    assert cn_to_int(year_to_cn(2020)) == 2020


@pytest.mark.parametrize(
    "text, amount",
    [
        ("处500元罚款", 500.0), ("五万元", 50000.0), ("5万元", 50000.0), ("1.5万元", 15000.0),
        ("两千元", 2000.0), ("人民币3000元", 3000.0), ("收取3,000元", 3000.0), ("一万二千元以下", 12000.0),
        ("５００元", 500.0),
    ],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == amount


def test_parse_amount_none():
    assert parse_amount("依法予以处罚") is None
    assert parse_amount("坚持一元化管理") is None


@pytest.mark.parametrize("text, values", [
    ("投标保证金不超过预算金额的2%", [2.0]),
    ("质量保证金按结算价的百分之五预留", [5.0]),
    ("按百分之二点五计收，滞纳金千分之三", [2.5, 0.3]),
    ("比例为５％或3‰", [5.0, 0.3]),
    ("百分之", []),  # no numeral after it: left out, not an error
])
def test_percentages_are_read_in_any_numeral(text, values):
    from reviewer.numerals import percentages

    assert percentages(text) == values
