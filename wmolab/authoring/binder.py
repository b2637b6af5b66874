"""Binder parity: our lock installed over Binder's base packages, checked the way a Binder student meets it.

``make binder-check`` (``python -m wmolab.authoring.binder``) rebuilds what repo2docker does for this
repository, without Docker and without mybinder.org:

1. a fresh environment with the Jupyter packages of repo2docker's base environment
   (``requirements/binder-base.txt``: pip 25.2 first, then the rest);
2. our ``environment.yml`` pip step over them, as conda runs it: the ``pip:`` lines written to a
   requirements file and installed with ``pip install -U -r <file>`` from the repository folder;
3. ``postBuild``, as repo2docker runs it after the environment;

and then reports what a student would meet: ``pip check`` (no broken requirement), ``jupyter labextension
list`` (every extension enabled and OK, none incompatible), the JupyterLab settings in force (no news
pop-up, no update check), and whether every package of ``requirements/lab.txt`` is installed at exactly
its pinned version. With a wheelhouse (``make test`` downloads one) packages come from that folder
(``--no-index``); the versions are the same pins.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from wmolab.authoring import config as cfgmod
from wmolab.authoring import wheel as wheelmod

__all__ = ["BASE", "Report", "read_pins", "environment_pip_lines", "parse_labextensions", "simulate", "main"]

ROOT = cfgmod.ROOT
BASE = ROOT / "requirements" / "binder-base.txt"
REPO_FILES = (*wheelmod.PACKAGE_SOURCES, "environment.yml", "requirements", "postBuild")
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)\s*$")
EXTENSION = re.compile(r"^\s+(\S+)\s+v(\S+)\s+(enabled|disabled)\s+(OK|X)\b(.*)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            m = PIN.match(line)
            if not m:
                raise ValueError(f"{path.name}: not an exact pin: {line!r}")
            pins[norm(m.group(1))] = m.group(2)
    return pins


def environment_pip_lines(root: Path = ROOT) -> list[str]:
    """The lines of environment.yml's ``pip:`` section, in order (what conda hands to pip)."""
    lines, inside, indent = [], False, None
    for raw in (root / "environment.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*-\s*pip:\s*$", raw):
            inside, indent = True, len(raw) - len(raw.lstrip())
            continue
        if inside:
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if len(raw) - len(raw.lstrip()) <= indent:
                break
            lines.append(stripped.removeprefix("-").strip())
    return lines


def parse_labextensions(output: str) -> list[dict[str, str]]:
    """Each extension ``jupyter labextension list`` shows: name, version, enabled/disabled, OK/X."""
    found = []
    for line in ANSI.sub("", output).splitlines():
        m = EXTENSION.match(line)
        if m:
            found.append({"name": m.group(1), "version": m.group(2), "state": m.group(3), "status": m.group(4)})
    return found


@dataclass
class Report:
    pip_check: str = ""
    pip_check_ok: bool = False
    extensions: list[dict[str, str]] = field(default_factory=list)
    labextension_output: str = ""
    settings: dict[str, object] = field(default_factory=dict)
    wrong_versions: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    base_kept: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> list[str]:
        out = []
        if not self.pip_check_ok:
            out.append("pip check: " + self.pip_check.strip())
        if not self.extensions:
            out.append("jupyter labextension list shows no extension:\n" + self.labextension_output[-800:])
        for ext in self.extensions:
            if ext["state"] != "enabled" or ext["status"] != "OK":
                out.append(f"lab extension {ext['name']} v{ext['version']} is {ext['state']} {ext['status']}")
        if "incompatible" in self.labextension_output.lower() or "outdated" in self.labextension_output.lower():
            out.append("jupyter labextension list reports incompatible or outdated extensions:\n"
                       + self.labextension_output[-800:])
        if self.settings.get("fetchNews") != "false":
            out.append(f"JupyterLab news pop-up is not off (fetchNews = {self.settings.get('fetchNews')!r})")
        if self.settings.get("checkForUpdates") is not False:
            value = self.settings.get("checkForUpdates")
            out.append(f"JupyterLab update check is not off (checkForUpdates = {value!r})")
        for name, (want, got) in sorted(self.wrong_versions.items()):
            out.append(f"{name}: requirements/lab.txt pins {want}, Binder would have {got}")
        return out


SETTINGS_PROBE = r"""
import json, sys, tempfile
from pathlib import Path
from jupyterlab_server.settings_utils import get_settings
lab = Path(sys.prefix) / "share" / "jupyter" / "lab"
with tempfile.TemporaryDirectory() as user:
    result, _ = get_settings(str(lab / "settings"), str(lab / "schemas"), user, schema_name=sys.argv[1])
props = result["schema"]["properties"]
print(json.dumps({k: props[k].get("default") for k in ("fetchNews", "checkForUpdates")}))
"""

VERSIONS_PROBE = r"""
import json
from importlib import metadata
print(json.dumps({d.metadata["Name"]: d.version for d in metadata.distributions()}))
"""


def lab_settings(python: Path) -> dict[str, object]:
    """The notification settings JupyterLab in this environment starts with (schema defaults after overrides)."""
    out = subprocess.run([str(python), "-c", SETTINGS_PROBE, NOTIFICATION], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        return {"error": out.stderr.strip()[-300:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def installed_versions(python: Path) -> dict[str, str]:
    out = subprocess.run([str(python), "-c", VERSIONS_PROBE], capture_output=True, text=True, timeout=120, check=True)
    return {norm(k): v for k, v in json.loads(out.stdout).items()}


def _copy_repo(root: Path, dest: Path) -> None:
    for name in REPO_FILES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules"))
        elif src.exists():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def simulate(where: Path | str, root: Path | str = ROOT, wheelhouse: Path | None = None,
             base: Path | str = BASE, timeout: float = 900) -> Report:
    """Build the Binder-like environment in ``where`` and report on it (see the module docstring)."""
    where, root = Path(where), Path(root)
    source = ["--no-index", "--find-links", str(wheelhouse)] if wheelhouse else []
    quiet = wheelmod.PIP_QUIET
    env_dir, repo = where / "env", where / "repo"
    repo.mkdir(parents=True)
    _copy_repo(root, repo)
    base_pins = read_pins(Path(base))
    py_base = getattr(sys, "_base_executable", sys.executable)
    wheelmod._run([py_base, "-m", "venv", str(env_dir)], 120)
    py = env_dir / "bin" / "python"
    wheelmod._run([str(py), "-m", "pip", "install", *quiet, *source, f"pip=={base_pins['pip']}"], timeout)
    rest = [f"{n}=={v}" for n, v in base_pins.items() if n != "pip"]
    wheelmod._run([str(py), "-m", "pip", "install", *quiet, *source, *rest], timeout)
    # conda's pip step: the pip: lines of environment.yml in a requirements file, `pip install -U -r` from the repo
    reqs = repo / "condaenv.wmolab.requirements.txt"
    reqs.write_text("\n".join(environment_pip_lines(repo)) + "\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    if wheelhouse:
        env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(wheelhouse), os.environ.get("PIP_FIND_LINKS", "")]))
        env["PIP_NO_INDEX"] = "1"
    wheelmod._run([str(py), "-m", "pip", "install", *quiet, "-U", "-r", reqs.name, "--exists-action=b"],
                  timeout, cwd=repo, env=env)
    wheelmod._run(["bash", "postBuild"], 60, cwd=repo, env=env)  # repo2docker: postBuild after the environment

    report = Report()
    check = subprocess.run([str(py), "-m", "pip", "check"], capture_output=True, text=True, timeout=120, env=env)
    report.pip_check, report.pip_check_ok = (check.stdout + check.stderr), check.returncode == 0
    labext = subprocess.run([str(env_dir / "bin" / "jupyter"), "labextension", "list"], capture_output=True,
                            text=True, timeout=120, env=env, cwd=where)
    report.labextension_output = ANSI.sub("", labext.stdout + labext.stderr)
    report.extensions = parse_labextensions(report.labextension_output)
    report.settings = lab_settings(py)
    installed = installed_versions(py)
    lock = read_pins(root / "requirements" / "lab.txt")
    report.wrong_versions = {n: (v, installed.get(n)) for n, v in lock.items() if installed.get(n) != v}
    report.base_kept = {n: installed[n] for n in base_pins if n not in lock and n in installed}
    return report


def default_wheelhouse(root: Path = ROOT) -> Path | None:
    """``.venv/wheelhouse`` if `make` has filled it for the current locks, else None (then pip uses the index)."""
    stamp = root / ".venv" / "wheelhouse" / ".complete"
    if not stamp.exists():
        return None
    locks = [root / "requirements" / "lab.txt", BASE, root / "pyproject.toml"]
    return stamp.parent if all(stamp.stat().st_mtime >= p.stat().st_mtime for p in locks) else None


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="wmolab-binder-") as tmp:
        try:
            report = simulate(tmp, wheelhouse=default_wheelhouse())
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"✘ {exc}", file=sys.stderr)
            return 1
    print("Binder base (requirements/binder-base.txt) + environment.yml pip step + postBuild:")
    print(f"  pip check: {'clean' if report.pip_check_ok else report.pip_check.strip()}")
    for ext in report.extensions:
        print(f"  lab extension {ext['name']} v{ext['version']}: {ext['state']} {ext['status']}")
    print(f"  JupyterLab settings: fetchNews={report.settings.get('fetchNews')!r}, "
          f"checkForUpdates={report.settings.get('checkForUpdates')!r}")
    print("  Binder's own packages kept beside our lock: "
          + ", ".join(f"{n} {v}" for n, v in sorted(report.base_kept.items())))
    for problem in report.problems:
        print(f"✘ {problem}", file=sys.stderr)
    print("Binder parity: " + ("OK" if not report.problems else f"{len(report.problems)} problem(s)"))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
