"""The on-disk cache of parsed packs and catalogues: a speed-up that can never change a result."""

from __future__ import annotations

import pytest

from reviewer import cache


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return tmp_path / "cache"


def _counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_second_load_comes_from_the_cache(tmp_path, cache_dir):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1", encoding="utf-8")
    build, calls = _counting_builder({"parsed": 1})
    assert cache.cached("t", [source], build) == {"parsed": 1}
    assert cache.cached("t", [source], build) == {"parsed": 1}
    assert len(calls) == 1
    assert len(list(cache_dir.glob("t-*.pickle"))) == 1


def test_an_edited_source_is_parsed_again_and_the_old_entry_removed(tmp_path, cache_dir):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1", encoding="utf-8")
    cache.cached("t", [source], lambda: "old")
    source.write_text("a: 22", encoding="utf-8")  # a different size, whatever the clock says
    assert cache.cached("t", [source], lambda: "new") == "new"
    assert len(list(cache_dir.glob("t-*.pickle"))) == 1


def test_a_corrupt_entry_is_rebuilt(tmp_path, cache_dir):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1", encoding="utf-8")
    cache.cached("t", [source], lambda: "first")
    entry = next(cache_dir.glob("t-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert cache.cached("t", [source], lambda: "rebuilt") == "rebuilt"


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "sub"))  # a folder below a file
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1", encoding="utf-8")
    assert cache.cached("t", [source], lambda: 42) == 42


def test_cache_can_be_turned_off(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1", encoding="utf-8")
    build, calls = _counting_builder(1)
    cache.cached("t", [source], build)
    cache.cached("t", [source], build)
    assert len(calls) == 2 and not cache_dir.exists()


def test_cached_rules_behave_like_freshly_parsed_ones(tmp_path, monkeypatch):
    from reviewer.pipeline import check_text
    from reviewer.rules import loader

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    text = "对违反本办法的，处500元罚款；未经批准，不得开业。"
    fresh = check_text(text, ruleset=loader.load_rules(validate=False)).findings
    loader._cached.cache_clear()
    first = check_text(text, ruleset=loader.default_ruleset()).findings  # builds and writes the cache
    loader._cached.cache_clear()
    second = check_text(text, ruleset=loader.default_ruleset()).findings  # read back from disk
    assert fresh == first == second and len(fresh) >= 2
    assert any((tmp_path / "c").glob("rules-*.pickle"))
    loader._cached.cache_clear()
