"""What every browser test shares: Debian's Chromium driven by Playwright, a page that records
script errors and dialogs, screenshots kept in tests/artifacts/web/, and signing in.

The ``browser`` fixture itself is registered in tests/conftest.py; a test file marks itself with
``pytestmark = BROWSER`` (slow, and skipped with a message where Chromium is not installed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.web_helpers import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARTIFACTS = Path(__file__).parent / "artifacts" / "web"

BROWSER = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="/usr/bin/chromium 未安装（make system-deps）"),
]


def launch():
    """A headless Chromium for one test (a generator: the conftest fixture closes it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM,
                                      args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser, errors: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def sign_in(page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
