"""The course package as an ordinary wheel, with its datasets inside.

``make wheel`` (``python -m wmolab.authoring.wheel dist``).

A hub image installs the course the way any Python package is installed::

    pip install -r requirements/lab.txt dist/wmolab-0.1.0-py3-none-any.whl

The wheel carries ``wmolab/datasets/`` (built from the top-level ``datasets/`` folder, which stays the one
source; see ``[tool.setuptools.package-dir]`` in ``pyproject.toml``) and the course's JupyterLab settings.
The build runs on a clean copy of the files the package is made of, so a stale ``build/`` folder or a
stray file in the working tree never ends up in the wheel. :func:`check` lists what a wheel lacks.

The functions below are also what ``tests/class/test_wheel.py`` uses: build, check, make a fresh
environment, and execute notebooks in it from a folder outside the repository.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from wmolab.authoring import config as cfgmod

__all__ = ["PACKAGE_SOURCES", "build", "check", "fresh_env", "locked_env", "fresh_env_over", "run_notebooks", "main"]

ROOT = cfgmod.ROOT
#: What the wheel is built from (everything else in the repository stays out).
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT.md", "wmolab", "datasets",
                   "jupyter-settings")
SETTINGS = "share/jupyter/lab/settings/overrides.d/wmolab.json"
#: every kernel of the hub image loads the extension `wmolab` (friendly errors before the setup cell ran)
KERNEL_CONFIG = "etc/ipython/ipython_kernel_config.json"
PIP_QUIET = ["--quiet", "--disable-pip-version-check", "--no-input"]


def _run(cmd: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"`{' '.join(map(str, cmd[:6]))} …` failed ({result.returncode}):\n{tail}")
    return result


def _source_files(root: Path) -> list[Path]:
    """The package's source files: tracked or new (not ignored) files under PACKAGE_SOURCES."""
    if (root / ".git").exists() and shutil.which("git"):
        out = _run(["git", "ls-files", "-co", "--exclude-standard", "--", *PACKAGE_SOURCES], 60, cwd=root).stdout
        return [root / line for line in out.splitlines() if line and (root / line).is_file()]
    files = []
    for name in PACKAGE_SOURCES:
        path = root / name
        files += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                                 and "__pycache__" not in p.parts]
    return files


def build(out_dir: Path | str, root: Path | str = ROOT, python: str = sys.executable, timeout: float = 300,
          pip_args: list[str] = ()) -> Path:
    """Build the wheel into ``out_dir`` from a clean copy of the package sources; return its path.

    ``pip_args`` (e.g. ``--no-index --find-links <wheelhouse>``) also apply to the build backend's install."""
    root, out_dir = Path(root), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wmolab-wheel-src-") as tmp:
        for path in _source_files(root):
            target = Path(tmp) / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        before = set(out_dir.glob("wmolab-*.whl"))
        for old in before:
            old.unlink()
        _run([python, "-m", "pip", "wheel", *PIP_QUIET, *pip_args, "--no-deps", "--wheel-dir", str(out_dir), tmp],
             timeout)
    wheels = sorted(out_dir.glob("wmolab-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one wmolab wheel in {out_dir}, found {[w.name for w in wheels]}")
    return wheels[0]


def check(wheel: Path | str) -> list[str]:
    """What the wheel lacks: every dataset of the data package, the keys, the lab settings. Empty if complete."""
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        problems = []
        if "wmolab/datasets/datapackage.json" not in names:
            return ["wmolab/datasets/datapackage.json is not in the wheel (the datasets were left out)"]
        package = json.loads(zf.read("wmolab/datasets/datapackage.json"))
        for res in package.get("resources", []):
            if f"wmolab/datasets/{res['path']}" not in names:
                problems.append(f"dataset {res['name']}: wmolab/datasets/{res['path']} is not in the wheel")
        if not any(n.startswith("wmolab/keys/") and n.endswith(".json") for n in names):
            problems.append("the self-check keys (wmolab/keys/*.json) are not in the wheel")
        if not any(n.endswith(".data/data/" + SETTINGS) for n in names):
            problems.append(f"the JupyterLab settings ({SETTINGS}) are not in the wheel")
        if not any(n.endswith(".data/data/" + KERNEL_CONFIG) for n in names):
            problems.append(f"the kernel configuration ({KERNEL_CONFIG}) is not in the wheel")
        if any(n.startswith(("solutions/", "tests/", "wmolab/tests/")) for n in names):
            problems.append("the wheel carries solutions or tests")
    return problems


def fresh_env(where: Path | str, install: list[str], python: str | None = None, timeout: float = 600) -> Path:
    """A new virtual environment at ``where`` with ``pip install <install…>``; return its python."""
    where = Path(where)
    base = python or getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", str(where)], 120)
    py = where / "bin" / "python"
    _run([str(py), "-m", "pip", "install", *PIP_QUIET, *install], timeout)
    return py


def locked_env(cache: Path | str, lock: Path | str, pip_args: list[str], timeout: float = 900) -> Path:
    """The site-packages of an environment holding exactly ``lock`` (``pip install -r lock``), made once per lock.

    Kept in ``cache`` under the hash of the lock and the Python version, and made again when either changes, so
    a test that needs "the locked packages plus something" pays for installing the lock once, not on every run.
    """
    import hashlib

    key = hashlib.sha256(Path(lock).read_bytes() + sys.version.encode()).hexdigest()[:12]
    where = Path(cache) / f"lock-env-{key}"
    if not (where / ".complete").exists():
        shutil.rmtree(where, ignore_errors=True)
        fresh_env(where, [*pip_args, "-r", str(lock)], timeout=timeout)
        (where / ".complete").write_text(str(lock) + "\n", encoding="utf-8")
    (site,) = where.glob("lib/python3*/site-packages")
    return site


def fresh_env_over(where: Path | str, locked_site: Path, install: list[str], python: str | None = None,
                   timeout: float = 600) -> Path:
    """A new virtual environment at ``where`` that sees the packages of ``locked_site`` (a ``.pth`` line, after its
    own site-packages), with ``pip install --no-deps <install…>`` in it; return its python."""
    where = Path(where)
    base = python or getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", "--without-pip", str(where)], 120)
    (site,) = where.glob("lib/python3*/site-packages")
    (site / "_wmolab_locked_packages.pth").write_text(f"{locked_site}\n", encoding="utf-8")
    py = where / "bin" / "python"
    _run([str(py), "-m", "pip", "install", *PIP_QUIET, "--no-deps", *install], timeout)
    return py


RUNNER = r"""
import json, sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
out = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
        nbformat.write(nb, path)
        out[path] = None
    except CellExecutionError as exc:
        out[path] = str(exc).strip().splitlines()[-1][:300] if str(exc).strip() else repr(exc)
print("WMOLAB-RESULT " + json.dumps(out))
"""


def run_notebooks(python: Path | str, notebooks: list[Path], cwd: Path, timeout: float = 900) -> dict[str, str | None]:
    """Execute notebooks (in place) with ``python``'s Jupyter, from ``cwd``; return {path: error or None}."""
    env = {k: v for k, v in os.environ.items() if k not in {"WMOLAB_DATASETS", "PYTHONPATH", "VIRTUAL_ENV"}}
    env["PATH"] = f"{Path(python).parent}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    result = _run([str(python), "-c", RUNNER, *map(str, notebooks)], timeout, cwd=cwd, env=env)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("WMOLAB-RESULT ")]
    return json.loads(line[-1].removeprefix("WMOLAB-RESULT ")) if line else {"?": result.stdout[-500:]}


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "dist"
    try:
        wheel = build(out)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"✘ {exc}", file=sys.stderr)
        return 1
    problems = check(wheel)
    for problem in problems:
        print(f"✘ {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{wheel} ({wheel.stat().st_size // 1024} kB): the package, its datasets, keys and JupyterLab settings.\n"
          "Install it in a hub image with:  pip install -r requirements/lab.txt "
          f"{wheel.relative_to(ROOT) if wheel.is_relative_to(ROOT) else wheel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
