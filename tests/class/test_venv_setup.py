"""Set-up from nothing on Debian/Ubuntu: a Python without venv's pip bootstrap gets one clear message naming
python3.11-venv, and a half-made or interrupted .venv never blocks the next try."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

BOOTSTRAP = ROOT / "wmolab" / "authoring" / "bootstrap.py"
REAL_PYTHON = getattr(sys, "_base_executable", sys.executable)
NEEDED = ("Makefile", "wmolab/authoring/bootstrap.py", "requirements/lab.txt", "pyproject.toml", "postBuild",
          "jupyter-settings/wmolab.json", "jupyter-settings/ipython_kernel_config.json")


DEBIAN_SAYS = ("The virtual environment was not created successfully because ensurepip is not\navailable. "
               "On Debian/Ubuntu systems, you need to install the python3-venv package (simulated).")


def debian_like_python(tmp_path: Path, kind: str) -> Path:
    """A `python3.11` that behaves like Debian's without the python3.11-venv package.

    kind="no-ensurepip": `import ensurepip` fails (the module is not installed);
    kind="venv-fails":   `-m venv` makes the folder and its Python, then stops without pip and says so, as
                         Debian's does; the user is left with a .venv that has no pip.
    """
    stub = tmp_path / "stub" / "ensurepip"
    stub.mkdir(parents=True, exist_ok=True)
    (stub / "__init__.py").write_text('raise ModuleNotFoundError("No module named \'ensurepip\'", name="ensurepip")\n')
    wrapper = tmp_path / f"python3.11-{kind}"
    if kind == "no-ensurepip":
        body = f'PYTHONPATH="{stub.parent}${{PYTHONPATH:+:$PYTHONPATH}}" exec "{REAL_PYTHON}" "$@"\n'
    else:
        message = DEBIAN_SAYS.replace("\n", " ")
        body = (f'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n  shift 2\n'
                f'  "{REAL_PYTHON}" -m venv --without-pip "$@"\n  echo "{message}" >&2\n  exit 1\nfi\n'
                f'exec "{REAL_PYTHON}" "$@"\n')
    wrapper.write_text("#!/bin/sh\n" + body)
    wrapper.chmod(0o755)
    return wrapper


def course_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "course"
    for rel in NEEDED:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    return dest


def run(cmd, cwd, **env):
    full = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "VIRTUAL_ENV", "PYTHONPATH"}}
    full.update(env)
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", ["no-ensurepip", "venv-fails"])
def test_make_names_python311_venv_and_leaves_no_half_made_venv(tmp_path, kind):
    course = course_copy(tmp_path)
    python = debian_like_python(tmp_path, kind)
    result = run(["make", "-s", ".venv/.lab-installed", f"PYTHON={python}"], course)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "python3.11-venv" in out and "sudo apt-get install python3.11-venv" in out, out
    assert "Traceback" not in out, out
    assert not (course / ".venv").exists(), "a half-made .venv was left behind"
    # the user installs the package (here: a working Python) and runs the same command again: it gets past set-up
    retry = run([REAL_PYTHON, str(course / "wmolab/authoring/bootstrap.py"), "--python", REAL_PYTHON, ".venv"], course)
    assert retry.returncode == 0, retry.stderr
    pip = subprocess.run([str(course / ".venv/bin/python"), "-m", "pip", "--version"], capture_output=True)
    assert pip.returncode == 0


def test_make_without_any_python_says_so(tmp_path):
    course = course_copy(tmp_path)
    result = run(["make", "-s", ".venv/.lab-installed", "PYTHON="], course)
    assert result.returncode != 0 and "Python 3.11 not found" in result.stdout + result.stderr


def test_half_made_and_interrupted_venvs_are_rebuilt(tmp_path):
    venv = tmp_path / ".venv"
    # 1. half-made: what `python -m venv` leaves when ensurepip fails (a Python, no pip)
    subprocess.run([REAL_PYTHON, "-m", "venv", "--without-pip", str(venv)], check=True)
    (venv / "sentinel").write_text("old")
    result = run([REAL_PYTHON, str(BOOTSTRAP), str(venv)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Rebuilding" in result.stderr and "pip does not work" in result.stderr
    assert not (venv / "sentinel").exists()
    assert subprocess.run([str(venv / "bin/python"), "-m", "pip", "--version"], capture_output=True).returncode == 0
    # 2. a working environment is kept as it is
    (venv / "sentinel").write_text("kept")
    assert run([REAL_PYTHON, str(BOOTSTRAP), str(venv)], tmp_path).returncode == 0
    assert (venv / "sentinel").read_text() == "kept"
    # 3. an install that was interrupted (the Makefile's marker is still there): rebuilt from scratch
    (venv / ".installing").touch()
    result = run([REAL_PYTHON, str(BOOTSTRAP), str(venv)], tmp_path)
    assert result.returncode == 0 and "interrupted" in result.stderr, result.stderr
    assert not (venv / "sentinel").exists() and not (venv / ".installing").exists()


def test_the_makefile_marks_installs_in_progress():
    """The marker that makes an interrupted install visible is written before and removed after each install."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("$(VENV)/.lab-installed:", "$(VENV)/.test-installed:"):
        recipe = makefile.split(target, 1)[1].split("\n\n", 1)[0]
        assert recipe.index("touch $(VENV)/.installing") < recipe.index("pip install") < recipe.index(
            "rm -f $(VENV)/.installing"), target


def test_the_offline_bundle_has_everything_the_set_up_needs():
    """`make lab` in an unpacked offline bundle needs every prerequisite of the environment target."""
    from wmolab.authoring import bundle

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites = makefile.split("$(VENV)/.lab-installed:", 1)[1].split("\n", 1)[0].split()
    bundled = {p.relative_to(ROOT).as_posix() for p in bundle.files()}
    for needed in [*prerequisites, *NEEDED]:
        assert needed in bundled, f"{needed} is missing from the offline bundle (wmolab/authoring/bundle.py)"
