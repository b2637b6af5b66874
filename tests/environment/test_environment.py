"""The environment the tests run in is exactly the one Binder and conda install."""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from helpers import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)\s*$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path):
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        pins[_norm(m.group(1))] = m.group(2)
    return pins


LAB = read_pins(ROOT / "requirements" / "lab.txt")
TEST = read_pins(ROOT / "requirements" / "test.txt")
SITE = read_pins(ROOT / "requirements" / "site.txt")  # the website's tools (make site; make test builds the site)


def test_python_is_311():
    assert sys.version_info[:2] == (3, 11)
    assert re.search(r"^\s*-\s*python=3\.11\s*$", (ROOT / "environment.yml").read_text(), re.M)


def test_binder_installs_the_lab_lock_and_the_package():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    pip_lines = re.findall(r"^\s{6}-\s+(.+)$", env, re.M)
    assert pip_lines == ["-r requirements/lab.txt", "-e ."], pip_lines
    assert "conda-forge" in env and not (ROOT / "binder").exists(), "no binder/ folder (Binder would ignore the root)"


def test_direct_pins_are_in_the_locks():
    for name, lock in (("lab.in", LAB), ("test.in", {**LAB, **TEST}), ("site.in", {**LAB, **TEST, **SITE})):
        for pkg, version in read_pins(ROOT / "requirements" / name).items():
            assert lock.get(pkg) == version, f"{pkg}=={version} from {name} is not what the lock pins"


def test_widgets_and_lab_move_together():
    assert {"jupyterlab", "ipywidgets", "jupyterlab-widgets"} <= set(LAB)
    assert LAB["ipywidgets"].startswith("8.") and LAB["jupyterlab-widgets"].startswith("3.")


def test_locks_do_not_overlap():
    assert not set(LAB) & set(TEST), "a test tool must not re-pin a student package"
    assert not (set(LAB) | set(TEST)) & set(SITE), "a site tool must not re-pin a student or test package"


def test_installed_versions_equal_the_pins():
    """Every package pinned for Binder is installed here at exactly that version, and nothing unpinned is."""
    installed = {_norm(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {p: (v, installed.get(p)) for p, v in {**LAB, **TEST, **SITE}.items() if installed.get(p) != v}
    assert not wrong, f"pinned vs installed: {wrong}"
    extra = set(installed) - set(LAB) - set(TEST) - set(SITE) - {"pip", "setuptools", "wheel", "wmolab"}
    assert not extra, f"installed but not pinned (add to requirements/*.in and run make lock): {sorted(extra)}"


def test_kernels_load_the_course_extension():
    """postBuild installs the kernel configuration: every kernel loads `wmolab` (friendly errors before the setup
    cell ran), on Binder, with make and with conda alike; the wheel carries the same file for a hub image."""
    import json

    installed = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.json"
    assert installed.exists(), "run postBuild (make lab does): kernels would not load the friendly errors"
    source = ROOT / "jupyter-settings" / "ipython_kernel_config.json"
    assert json.loads(installed.read_text()) == json.loads(source.read_text())
    assert "wmolab" in json.loads(source.read_text())["InteractiveShellApp"]["extensions"]
