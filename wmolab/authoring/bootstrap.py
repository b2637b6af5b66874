"""Create the course's virtual environment (``.venv``) from nothing, or repair a half-made one.

The Makefile runs this file with the system Python *before* any package is installed, so it uses the
standard library only and is run as a script (``python wmolab/authoring/bootstrap.py .venv``), not
imported through ``wmolab``. It:

1. checks that the Python is 3.11 (the course's Python);
2. checks that this Python can make a virtual environment: Debian and Ubuntu ship ``venv``'s pip
   bootstrap (``ensurepip``) in a separate package, ``python3.11-venv``; without it ``python -m venv``
   leaves a ``.venv`` without pip. Then it prints one message naming the package and stops;
3. keeps a working ``.venv``; recreates one that is half-made: no Python that runs, no pip, or an
   install that was interrupted (the Makefile writes ``.venv/.installing`` before installing packages
   and removes it when they are all in).

Exit status 0 means ``.venv`` exists and has a working pip; anything else comes with a message.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

#: Written by the Makefile before it installs packages, removed when they are all installed.
INSTALLING = ".installing"
APT_HINT = "sudo apt-get install python3.11-venv"


def fail(message: str) -> None:
    """Print one clear message (no traceback) and stop with status 1."""
    print(f"\n✘ {message}\n", file=sys.stderr)
    sys.exit(1)


def python_is_311() -> None:
    if sys.version_info[:2] != (3, 11):
        version = ".".join(map(str, sys.version_info[:3]))
        fail(f"WMO Lab needs Python 3.11; {sys.executable} is Python {version}.\n"
             "  Install Python 3.11 and run again, or name it: make lab PYTHON=/path/to/python3.11")


def can_make_venvs(python: str) -> bool:
    """True if ``python`` has ``venv`` and its pip bootstrap (``ensurepip``)."""
    try:
        return subprocess.run([python, "-c", "import ensurepip, venv"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def missing_venv_message(python: str) -> str:
    return (f"Python 3.11 ({python}) cannot create a virtual environment: its venv/ensurepip part is "
            "missing.\n"
            f"  On Debian or Ubuntu install it with:   {APT_HINT}\n"
            "  (other systems: install Python 3.11 from python.org or with your package manager), then run the "
            "same make command again.")


def healthy(venv: Path) -> tuple[bool, str]:
    """Whether ``venv`` is a finished environment, and if not, why."""
    py = venv / "bin" / "python"
    if not venv.exists():
        return False, "there is no .venv yet"
    if (venv / INSTALLING).exists():
        return False, "the last installation into it was interrupted"
    if not py.exists():
        return False, "it has no bin/python"
    try:
        ok = subprocess.run([str(py), "-m", "pip", "--version"], capture_output=True, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if not ok:
        return False, "its pip does not work (a half-made environment)"
    return True, ""


def create(venv: Path, python: str) -> None:
    if not can_make_venvs(python):
        fail(missing_venv_message(python))
    result = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
    ok, _ = healthy(venv)
    if result.returncode != 0 or not ok:
        shutil.rmtree(venv, ignore_errors=True)  # never leave a half-made .venv behind
        said = (result.stderr + result.stdout).strip()
        if "ensurepip" in said:
            fail(missing_venv_message(python))
        fail(f"`{python} -m venv {venv}` failed" + (f": {said.splitlines()[-1]}" if said else "."))


def main(argv: list[str]) -> int:
    """``bootstrap.py [--python PYTHON] VENV``: PYTHON (default: the one running this) makes the environment."""
    args = list(argv[1:])
    python = sys.executable
    if "--python" in args:
        i = args.index("--python")
        python = args[i + 1]
        del args[i:i + 2]
    venv = Path(args[0] if args else ".venv")
    python_is_311()
    ok, why = healthy(venv)
    if ok:
        return 0
    if venv.exists():
        print(f"Rebuilding {venv}: {why}.", file=sys.stderr)
        shutil.rmtree(venv)
    create(venv, python)
    print(f"Created {venv} with {python} (Python {sys.version.split()[0]}).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
