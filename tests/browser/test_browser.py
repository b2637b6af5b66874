"""Real-browser tests: every notebook opened in JupyterLab, run, and its widgets used.

Students meet the course in JupyterLab, not in nbclient: a widget that works headless can still
show "Error displaying widget" in the browser (a frontend/kernel version mismatch is the usual
cause on Binder), and only a browser shows it. For every notebook in notebooks/ and solutions/:

- open it in JupyterLab (served from a temporary copy, so autosave cannot touch the repository),
  Run All, wait until every code cell has run;
- assert no error output, no "Error displaying widget" / "model not found", and one rendered
  explorer per explore_…() cell, none showing the course's error box;
- in each lesson, after Run All, audit the outputs with axe-core: no serious or critical violation (a test
  with a figure without alt text shows that the audit can fail);
- in each lesson, change the first choice control of an explorer and assert that what it shows changes;
- in every explorer with a text box, type an HTML/JS payload and assert it is shown as text and no
  script ran.

Chromium comes from the system package manager (`apt-get install chromium`); nothing is downloaded.
Without it these tests skip with that message, except under CI=true, where a missing browser fails.
On failure a screenshot is saved under test-artifacts/browser/.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wmolab.authoring.nbexec import KERNELSPEC  # noqa: E402

from helpers import BROWSER_ARTIFACTS as ARTIFACTS  # noqa: E402
from helpers import ROOT, free_port, notebook_paths, read  # noqa: E402

# the Dutch edition: one lesson and one solution sheet (every one would add ~1 minute each to make test's budget;
# their code is the English notebooks' code, which runs here in full, so one of each shows the Dutch text renders)
NL_SAMPLE = [p for folder in ("notebooks", "solutions")
             for p in sorted((ROOT / "nl" / folder).glob("[0-9][0-9]_*.ipynb"))[:1]]
# every lesson (explorers, figures, axe-core); of the solution sheets one, since all eight are the same kinds of cell
# (answers, self-checks, locked grading cells) and run in full under nbval and the exercise tests (make test's
# ten-minute budget)
SHEET_SAMPLE = notebook_paths("solutions")[:1]
NOTEBOOKS = notebook_paths("notebooks") + SHEET_SAMPLE + NL_SAMPLE
PAYLOAD = '<img src=x onerror="document.title=\'pwned\'">'
NEWS_PROMPT = "official Jupyter news"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def lab(tmp_path_factory, browser_path):
    """A JupyterLab server on a free loopback port, serving a copy of the notebooks."""
    root = tmp_path_factory.mktemp("lab-root")
    for folder in ("notebooks", "solutions", "nl/notebooks", "nl/solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    settings = tmp_path_factory.mktemp("lab-settings")
    # test-only user settings: no autosave (the copy stays as it was) and no windowing (every cell in the DOM).
    # The news pop-up and update check are NOT switched off here: they are off through the course's own
    # settings (postBuild), as on Binder, and test_binder_settings_in_force checks that students never see them.
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    # the test tool nbgrader adds JupyterLab and server extensions that students do not have; switch them off
    # so the page is the students' JupyterLab (notebook 7's lab extension stays: students have it, as on Binder)
    config = tmp_path_factory.mktemp("jupyter-config")
    (config / "labconfig").mkdir()
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyter/nbgrader": True}}), encoding="utf-8")
    (config / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {
        f"nbgrader.server_extensions.{name}": False
        for name in ("formgrader", "assignment_list", "course_list", "validate_assignment")}}}), encoding="utf-8")
    port, token = free_port(), "wmolab-browser-test"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTER_CONFIG_DIR": str(config),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("ws")),
           "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("rt"))}
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.extension_manager=readonly"]
    log = (tmp_path_factory.mktemp("log") / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=3):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail(f"JupyterLab did not start; log: {log.name}")
            time.sleep(0.3)
    yield {"base": base, "token": token, "root": root}
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def explorer_cells(path: Path) -> int:
    return sum(1 for c in read(path).cells if c.cell_type == "code" and re.search(r"\bexplore_\w+\(", c.source))


def code_cells(path: Path) -> int:
    return sum(1 for c in read(path).cells if c.cell_type == "code")


def _accept_kernel_dialog(page):
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and "Kernel" in dialog.first.inner_text():
        dialog.locator(".jp-mod-accept").first.click()
        page.wait_for_timeout(300)


def _menu(page, menu: str, item: str):
    _accept_kernel_dialog(page)  # a late "select a kernel" dialog would catch the click on the menu
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def open_and_run_all(page, lab, rel: str, n_code: int):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{lab['base']}/lab/tree/{rel}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    deadline = time.monotonic() + 60
    while not page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
        _accept_kernel_dialog(page)
        assert time.monotonic() < deadline, f"{rel}: the kernel did not start"
        page.wait_for_timeout(300)
    # clear the stored outputs first, so every execution number seen afterwards is a fresh one
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").click(position={"x": 5, "y": 5})
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]"
        ".some(p => /\\[\\d+\\]/.test(p.textContent))", timeout=15_000)
    # Run All; on a loaded machine the first Run All of a fresh JupyterLab can be lost while the kernel
    # connection settles (the cells stay "[ ]" and the kernel idle): then ask again, at most twice more.
    started = ("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
               ".jp-InputPrompt')].some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))")
    for attempt in range(3):
        _menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(started, timeout=20_000, polling=250)
            break
        except PlaywrightTimeout:
            assert attempt < 2, f"{rel}: Run All did not start any cell (three tries)"
            _accept_kernel_dialog(page)
    # every code cell shows an execution number, and the kernel is idle again; on a loaded machine JupyterLab
    # may ask for the kernel once more while the cells run: accept it and keep waiting
    deadline = time.monotonic() + 180
    while True:
        try:
            page.wait_for_function(
                """n => {
                    const panel = '.jp-NotebookPanel:not(.lm-mod-hidden)';
                    const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')];
                    const done = prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length;
                    const busy = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='busy']");
                    return prompts.length === n && done === n && !busy;
                }""",
                arg=n_code, timeout=10_000, polling=500,
            )
            break
        except Exception:
            assert time.monotonic() < deadline, f"{rel}: Run All did not finish within 180 s"
            _accept_kernel_dialog(page)
    page.wait_for_timeout(800)  # let widget views finish rendering


def describe_violations(violations: list[dict]) -> str:
    return "; ".join(f"{v['impact']} {v['id']} ({v['help']}): {v['nodes'][:3]}" for v in violations)


def page_problems(page) -> list[str]:
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").inner_text()
    problems = []
    for marker in ("Error displaying widget", "model not found", "Traceback (most recent call last)"):
        if marker in text:
            problems.append(marker)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    for i in range(errors.count()):
        t = errors.nth(i).inner_text()
        if re.search(r"^\w*(Error|Exception)\b", t, re.M):
            problems.append("error output: " + t[:200])
    if page.get_by_text(NEWS_PROMPT).count():
        problems.append("JupyterLab asks about Jupyter news (the course's lab settings are not in force)")
    if page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets-error-widget").count():
        problems.append("a widget failed to render in the browser (ipywidgets' error icon, 'Click to show "
                        "javascript error')")
    if page.locator(".wmolab-error").count():
        problems.append("an explorer shows its error box: " + page.locator(".wmolab-error").first.inner_text())
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.relative_to(ROOT).as_posix() for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(page, lab, path, axe):
    rel = path.relative_to(ROOT).as_posix()
    open_and_run_all(page, lab, rel, code_cells(path))
    problems = page_problems(page)
    assert not problems, f"{rel}: {problems} (screenshot in {ARTIFACTS})"
    expected = explorer_cells(path)
    rendered = page.locator(".wmolab-explorer").count()
    assert rendered >= expected, (
        f"{rel}: {rendered} explorer(s) rendered, {expected} expected (screenshot in {ARTIFACTS})")
    if path.parent.name == "notebooks":
        assert expected, "every lesson has a widget"
        violations = axe(page)
        assert not violations, f"{rel}: axe-core finds {describe_violations(violations)} (screenshot in {ARTIFACTS})"
        interact_with_first_choice(page, rel)
        type_payload_into_text_boxes(page, rel)


def test_a_friendly_error_in_jupyterlab(page, lab):
    """A first mistake shows one line in JupyterLab; the full traceback opens with one click."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('laws.loc["Jeugdwet", "passed_ek"]')])
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nbformat.write(nb, lab["root"] / "first_mistake.ipynb")
    open_and_run_all(page, lab, "first_mistake.ipynb", 1)
    box = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .wmolab-friendly-error")
    assert box.count() == 1, "the friendly message is shown"
    assert "run the first code cell (the setup cell) first" in box.inner_text()
    assert "Traceback" not in page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").inner_text()
    full = box.locator("details pre")
    assert not full.is_visible(), "the traceback is folded"
    box.locator("summary").click()
    full.wait_for(state="visible", timeout=5_000)
    assert "NameError" in full.inner_text(), "one click shows the full error"


def test_axe_finds_a_figure_without_alt(page, lab, axe):
    """The accessibility audit can fail: a figure shown as a bare PNG (no alt, as before issue 13) is reported."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from IPython.display import Image\n"
        "from wmolab.plots import new_figure, to_png\n"
        "fig, ax = new_figure()\n"
        "ax.plot([1, 2], [2, 1])\n"
        "Image(to_png(fig))")])
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nbformat.write(nb, lab["root"] / "no_alt.ipynb")
    open_and_run_all(page, lab, "no_alt.ipynb", 1)
    found = {v["id"] for v in axe(page)}
    assert "image-alt" in found, f"axe-core did not report the figure without alt text: {found}"


def test_binder_settings_in_force(page, lab):
    """The course's settings (postBuild, as on Binder) reach JupyterLab: no news question, no update check."""
    url = f"{lab['base']}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={lab['token']}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        props = json.loads(resp.read())["schema"]["properties"]
    assert props["fetchNews"]["default"] == "false" and props["checkForUpdates"]["default"] is False, props
    page.goto(f"{lab['base']}/lab?token={lab['token']}&reset")
    page.wait_for_selector(".jp-LabShell", timeout=60_000)
    page.wait_for_timeout(3000)  # the question would appear right after start-up
    assert page.get_by_text(NEWS_PROMPT).count() == 0, "JupyterLab asks students about Jupyter news"


# what an explorer shows: its text plus the sources of its images (a redrawn figure gets a new blob URL)
SIGNATURE_JS = "el => el.innerText + '|' + [...el.querySelectorAll('img')].map(i => i.src).join('|')"


def _signature(ex) -> str:
    return ex.evaluate(SIGNATURE_JS)


def interact_with_first_choice(page, rel):
    """In every explorer, change its first select / toggle / radio control; what it shows must change."""
    explorers = page.locator(".wmolab-explorer")
    tried = 0
    for i in range(explorers.count()):
        ex = explorers.nth(i)
        ex.scroll_into_view_if_needed()
        before = _signature(ex)
        select = ex.locator("select").first
        actions = []
        if select.count():
            options = select.locator("option")
            current = select.input_value()
            values = [options.nth(k).get_attribute("value") for k in range(options.count())]
            # try the other options from the last one back (two options may carry the same value)
            actions = [lambda v=v, s=select: s.select_option(v) for v in reversed(values) if v != current][:3]
        elif ex.locator(".widget-toggle-button:not(.mod-active)").count():
            actions = [lambda ex=ex: ex.locator(".widget-toggle-button:not(.mod-active)").first.click()]
        elif ex.locator(".widget-radio-box input:not(:checked)").count():
            actions = [lambda ex=ex: ex.locator(".widget-radio-box input:not(:checked)").first.check()]
        if not actions:
            continue
        tried += 1
        changed = False
        for act in actions:
            act()
            try:
                page.wait_for_function(f"([el, before]) => ({SIGNATURE_JS})(el) !== before",
                                       arg=[ex.element_handle(), before], timeout=10_000)
                changed = True
                break
            except Exception:
                continue
        assert changed, (f"{rel}: changing a control of explorer {i + 1} did not change what it shows "
                         f"(screenshot in {ARTIFACTS})")
        page.wait_for_timeout(300)
        problems = page_problems(page)
        assert not problems, f"{rel}: after changing explorer {i + 1}: {problems} (screenshot in {ARTIFACTS})"
    assert tried, f"{rel}: no explorer has a choice control (select, toggle or radio) to try"


def type_payload_into_text_boxes(page, rel):
    """Typed HTML never runs or becomes markup; where an explorer shows typed text again, it shows it as text."""
    boxes = page.locator(".wmolab-explorer input[type='text'], .wmolab-explorer textarea")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        ex = box.locator(
            "xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' wmolab-explorer ')][1]")
        before = ex.inner_text()
        box.fill(PAYLOAD)
        box.press("Enter") if box.evaluate("e => e.tagName") == "INPUT" else box.blur()
        page.wait_for_timeout(800)
        assert page.title() != "pwned", f"{rel}: typed HTML ran as script"
        assert page.locator(".wmolab-explorer img[src='x']").count() == 0, f"{rel}: typed HTML became an element"
        after = ex.inner_text()
        if after != before and "onerror" in after:
            assert PAYLOAD in after, (
                f"{rel}: typed text shown back, but not as the literal text (screenshot in {ARTIFACTS})")
        problems = page_problems(page)
        assert not problems, f"{rel}: after typing into a text box: {problems}"
