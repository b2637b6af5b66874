"""Chromium and Playwright for the browser tests (tests/browser/): the browser, a fresh page per test, and a
screenshot of the page when a test fails.

Chromium comes from the system package manager (`apt-get install chromium`); nothing is downloaded.
Without it these tests skip with that message, except under CI=true, where a missing browser fails.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest

from helpers import BROWSER_ARTIFACTS

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Lets the page fixture see whether the test failed (to save a screenshot)."""
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(scope="session")
def browser_path():
    path = chromium_path()
    if path is None:
        message = ("Chromium not found: the browser tests need it. Install it with "
                   "`sudo apt-get install chromium` (Debian/Ubuntu); .ci/run does this in CI.")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(browser_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=browser_path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pg.screenshot(path=str(BROWSER_ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
