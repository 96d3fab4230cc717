"""Test-wide setup: the on-disk cache goes to a temporary folder, never the user's home; the
shared data set (seed documents, the full law catalogue) is found in one place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config) -> None:
    # Set before any test imports reviewer, and inherited by the CLI subprocesses the tests start.
    os.environ.setdefault("REVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="reviewer-test-cache-"))
    config.addinivalue_line("markers", "slow: takes seconds (processes, big files); `pytest -m 'not slow'` skips it")


def _shared_candidates() -> list[Path]:
    """$REVIEWER_SHARED, then ../shared next to the repository (or its worktree's parent), then /work/shared."""
    env = os.environ.get("REVIEWER_SHARED")
    return [Path(p) for p in (env, REPO.parent / "shared", REPO.parent.parent / "shared", "/work/shared") if p]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; the test is skipped, with the places looked at, when it is absent."""
    for candidate in _shared_candidates():
        if (candidate / "seed").is_dir() or (candidate / "data").is_dir():
            return candidate
    looked = "、".join(str(c) for c in _shared_candidates())
    pytest.skip(f"shared data not found (looked in {looked}; set REVIEWER_SHARED)")


def shared_path(shared_dir: Path, *parts: str) -> Path:
    """A file or folder of the shared data; skips visibly when that part is missing."""
    path = shared_dir.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present in the shared data")
    return path


@pytest.fixture()
def seed_dir(shared_dir: Path) -> Path:
    return shared_path(shared_dir, "seed")


@pytest.fixture()
def shared_catalog(shared_dir: Path) -> Path:
    return shared_path(shared_dir, "data", "laws", "catalog.csv")


@pytest.fixture()
def browser():
    """A headless Chromium (tests/browser_helpers.py); the test is skipped without Playwright."""
    from tests.browser_helpers import launch

    yield from launch()
