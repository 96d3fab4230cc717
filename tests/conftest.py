"""Test-wide setup: the on-disk cache goes to a temporary folder, never the user's home."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:
    # Set before any test imports reviewer, and inherited by the CLI subprocesses the tests start.
    os.environ.setdefault("REVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="reviewer-test-cache-"))
