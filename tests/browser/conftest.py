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

from helpers import BROWSER_ARTIFACTS, ROOT

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


# --------------------------------------------------------------------------- axe-core
#: axe-core from npm (requirements/package.json), installed by `make test` into .venv/node
AXE_JS = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
#: what the accessibility audit covers: the outputs of the open notebook (JupyterLab's own interface is not ours)
OUTPUT_SCOPE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell-outputArea"
SEVERE = ("serious", "critical")
_RUN_AXE = """async (scope) => {
    const result = await axe.run({include: [[scope]]}, {resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
}"""


@pytest.fixture(scope="session")
def axe_path():
    if not AXE_JS.exists():
        message = ("axe-core not found in .venv/node: `make test` installs it with npm (sudo apt-get install nodejs "
                   "npm); the accessibility audit needs it.")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


@pytest.fixture
def axe(axe_path):
    """``axe(page)``: the serious and critical axe-core violations in the open notebook's outputs."""
    def run(page, scope: str = OUTPUT_SCOPE) -> list[dict]:
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(axe_path))
        return [v for v in page.evaluate(_RUN_AXE, scope) if v["impact"] in SEVERE]

    return run
