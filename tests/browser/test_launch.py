"""`make lab` serves the repository root and opens lesson 00 (issue 13, item 1).

The test runs `make lab LAB_ARGS=--no-browser` as a student would, in a copy of the repository's top level (the
Makefile, the files its set-up depends on, the three notebook folders, and the ready .venv), so the browser that
opens lesson 00 cannot leave checkpoints or autosaved metadata in the repository itself. It asserts:

- through the server's contents API, that notebooks/, exercises/ and solutions/ are all served (each lists lesson
  00's file), so every link in lesson 00 ("open exercises/00_start_here.ipynb") can be followed;
- that the address the server prints is lesson 00's (`/lab/tree/notebooks/00_start_here.ipynb`);
- in Chromium, that opening that printed address shows lesson 00 in the current notebook tab.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from helpers import ROOT, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LESSON_00 = "notebooks/00_start_here.ipynb"
#: what the Makefile's `lab` target needs next to it besides .venv: the Makefile and its set-up's prerequisites
SETUP_FILES = ["Makefile", *(ROOT / "Makefile").read_text(encoding="utf-8")
               .split("$(VENV)/.lab-installed:", 1)[1].split("\n", 1)[0].split()]
PRINTED = re.compile(r"http://127\.0\.0\.1:\d+/\S+")


def _copy_of_the_repository(dest):
    # make must see the ready .venv as up to date (never re-install into it from the copy): no set-up file in the
    # copy is newer than the environment's stamp, even when one was edited in the repository since the set-up
    stamp = (ROOT / ".venv" / ".lab-installed").stat().st_mtime
    for rel in SETUP_FILES:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
        mtime = min((ROOT / rel).stat().st_mtime, stamp - 1)
        os.utime(dest / rel, (mtime, mtime))
    for folder in ("notebooks", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / ".venv").symlink_to(ROOT / ".venv")


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    """`make lab LAB_ARGS=--no-browser ...` running in a copy of the repository; yields the printed address."""
    repo = tmp_path_factory.mktemp("clone")
    _copy_of_the_repository(repo)
    port = free_port()
    log_path = tmp_path_factory.mktemp("log") / "make-lab.log"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("runtime")),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("workspaces"))}
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
            "--LabApp.extension_manager=readonly")
    with log_path.open("w") as log:
        proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=repo, env=env,
                                start_new_session=True, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        printed = None
        while printed is None and time.monotonic() < deadline and proc.poll() is None:
            found = PRINTED.findall(log_path.read_text(encoding="utf-8", errors="replace"))
            printed = found[0] if found else None
            time.sleep(0.5)
        text = log_path.read_text(encoding="utf-8", errors="replace")
        assert proc.poll() is None, f"make lab exited early:\n{text[-2000:]}"
        assert printed, f"make lab printed no address within 120 s:\n{text[-2000:]}"
        yield {"url": printed, "repo": repo, "port": port}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())


def test_printed_address_is_lesson_00(make_lab):
    parts = urllib.parse.urlsplit(make_lab["url"])
    assert parts.path == f"/lab/tree/{LESSON_00}", (
        f"make lab prints {make_lab['url']}, not the address of lesson 00")
    assert "token=" in parts.query, "the printed address carries the token, so it opens without a login page"


def test_all_three_folders_are_served(make_lab):
    parts = urllib.parse.urlsplit(make_lab["url"])
    base = f"{parts.scheme}://{parts.netloc}"
    root = _get_json(f"{base}/api/contents?{parts.query}")
    served = {item["name"] for item in root["content"]}
    missing = {"notebooks", "exercises", "solutions"} - served
    assert not missing, f"the server's root does not show {sorted(missing)}: it serves {sorted(served)}"
    for folder in ("notebooks", "exercises", "solutions"):
        listing = _get_json(f"{base}/api/contents/{folder}?{parts.query}")
        names = {item["name"] for item in listing["content"]}
        assert "00_start_here.ipynb" in names, f"{folder}/00_start_here.ipynb cannot be opened from this server"


def test_printed_address_opens_lesson_00_in_jupyterlab(make_lab, page):
    page.goto(make_lab["url"])
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    current = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
    assert current.count() == 1 and current.first.inner_text().strip() == "00_start_here.ipynb", (
        f"the current tab is {current.all_inner_texts()}, not lesson 00")
    title = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell h1").first.inner_text()
    assert title.startswith("00"), f"the open notebook's title is {title!r}"
