"""The student edition: the course without solutions, for a student repository.

``make student-edition`` (``python -m wmolab.authoring.edition build/student``) builds a folder with

- ``notebooks/`` (the lessons) and ``exercises/`` (the exercise sheets), no ``solutions/``; the same for the
  Dutch edition (``nl/notebooks/``, ``nl/exercises/``) with a Dutch ``README.nl.md``;
- ``datasets/`` and the course package ``wmolab/`` without its authoring tools (the exercise
  generator, the data-package builder, the link tools), so no solution marker travels along;
- what Binder and a laptop need: ``environment.yml``, ``requirements/lab.txt``, ``pyproject.toml``,
  ``postBuild`` and ``jupyter-settings/``, the licences and ``.gitattributes``;
- ``docs/python-reference.md``, the one-page Python reference every exercise sheet links to;
- a student ``README.md`` with a Binder link and a hub (nbgitpuller) link for every lesson and every
  exercise sheet, all pointing at the *student* repository of ``course.toml``.

The folder is a git repository: the first build runs ``git init``, every later build replaces the
files and adds one commit on top, so the history that students' nbgitpuller clones merge from stays
continuous. To publish: clone your student repository into ``build/student`` once (or let the first
build create it and add the remote), then ``git -C build/student push``.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from wmolab.authoring import config as cfgmod
from wmolab.authoring import course

__all__ = ["AUTHORING_ONLY", "MARKER", "build", "student_readme", "EditionError", "main"]

ROOT = cfgmod.ROOT
#: Modules of ``wmolab/`` that only authors run; they stay out of the student edition.
AUTHORING_ONLY = ("authoring",)
#: A file in the edition's root that says what the folder is (and lets a rebuild replace it safely).
MARKER = ".wmolab-edition"
COPY_FILES = ("LICENSE", "LICENSE-CONTENT.md", ".gitattributes", "postBuild", "jupyter-settings/wmolab.json",
              "jupyter-settings/ipython_kernel_config.json", "requirements/lab.txt",
              "docs/python-reference.md")  # the one-page Python reference every exercise sheet links to
GITIGNORE = """\
.venv/
__pycache__/
*.egg-info/
build/
.ipynb_checkpoints/
# files you save from widgets (anonymous responses, your own profile): share them on purpose, not by git
class_survey/
my_voice_profile*.csv
voice_profile_*.csv
"""


class EditionError(Exception):
    """The edition cannot be built (the message says why)."""


def _notebooks(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).glob("[0-9][0-9]_*.ipynb"))


def _copy_tree(src: Path, dst: Path, skip=()) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if rel.parts[0] in skip or "__pycache__" in rel.parts or path.suffix == ".pyc":
            continue
        if path.is_dir():
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def _pyproject(root: Path, out: Path) -> str:
    """The course's pyproject.toml with the packages the edition does not carry left out."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    setup = tomllib.loads(text)["tool"]["setuptools"]
    mapping = setup.get("package-dir", {})

    def folder(pkg: str) -> Path:
        best = max((n for n in mapping if pkg == n or pkg.startswith(n + ".")), key=len, default=None)
        if best is None:
            return out.joinpath(*pkg.split("."))
        rest = pkg[len(best):].lstrip(".")
        return out.joinpath(mapping[best], *rest.split(".")) if rest else out / mapping[best]

    kept = [p for p in setup["packages"] if folder(p).is_dir()]
    line = re.compile(r"^packages\s*=\s*\[[^\]]*\]\s*$", re.M)
    if len(line.findall(text)) != 1:
        raise EditionError("pyproject.toml: expected one `packages = [...]` line under [tool.setuptools]")
    return line.sub("packages = [" + ", ".join(f'"{p}"' for p in kept) + "]", text)


def _environment_yml(root: Path) -> str:
    """environment.yml with a header for students; the environment itself is the course's, unchanged."""
    lines = (root / "environment.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    body = "".join(line for line in lines if not line.startswith("#"))
    header = ("# The environment Binder builds for this student edition (and the conda route:\n"
              "# `conda env create -f environment.yml`, then `bash postBuild`). The same pinned packages\n"
              "# as the full course: requirements/lab.txt.\n")
    return header + body


def student_readme(cfg: cfgmod.CourseConfig, lessons: list[dict[str, str]]) -> str:
    """The edition's README: what it is, how to start, one Binder and one hub link per notebook."""
    start = "notebooks/00_start_here.ipynb"
    binder_start = cfgmod.binder_url(cfg.student, start, cfg.binder)
    rows = ["| # | Lesson | Time | On Binder | On the course hub |", "|---|---|---|---|---|"]
    for les in lessons:
        nb, ex = f"notebooks/{les['name']}", f"exercises/{les['name']}"
        binder = (f"[lesson]({cfgmod.binder_url(cfg.student, nb, cfg.binder)}) · "
                  f"[exercises]({cfgmod.binder_url(cfg.student, ex, cfg.binder)})")
        hub = (f"[lesson]({cfgmod.nbgitpuller_url(cfg.hub, cfg.student, nb)}) · "
               f"[exercises]({cfgmod.nbgitpuller_url(cfg.hub, cfg.student, ex)})")
        rows.append(f"| {les['nn']} | [{les['title']}]({nb}) | {les['minutes']} min | {binder} | {hub} |")
    table = "\n".join(rows)
    return f"""# WMO Lab: student edition

[![Launch on Binder]({cfg.binder}/badge_logo.svg)]({binder_start})

**An open Jupyter course on public values, steering and client voice in the Dutch social domain.**

*[Nederlandse versie: README.nl.md](README.nl.md)* (the Dutch lessons, in `nl/`)

This is the student edition of WMO Lab: the lessons (`notebooks/`), your exercise sheets (`exercises/`) and the
datasets. The worked solutions are not in it; your instructor has them. Each exercise sheet checks your answers
as you go: it tells you whether you are right without giving the answer away.

## Lessons and exercise sheets

Open a notebook with one click. **On the course hub** your work is saved in your own folder: clicking a link
again later brings in your instructor's updates and keeps your own changes. **On Binder** nothing is saved
when the session ends (after some time without activity): download your sheet before you close the tab
(*File → Download*).

{table}

## On your own computer

You need Python 3.11. In a copy of this repository:

```bash
python3.11 -m venv .venv        # Debian/Ubuntu: first `sudo apt-get install python3.11-venv`
.venv/bin/python -m pip install -r requirements/lab.txt
.venv/bin/python -m pip install --no-deps -e .
PATH="$PWD/.venv/bin:$PATH" bash postBuild     # the course's JupyterLab settings
.venv/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb
```

With conda: `conda env create -f environment.yml`, `conda activate wmolab`, `bash postBuild`, then
`jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb`
(in the repository's top folder, so lessons and exercise sheets are both in the file browser).

## Licences

Code (`wmolab/`): MIT, see `LICENSE`. Text, notebooks and data: CC BY 4.0, see `LICENSE-CONTENT.md`. The full
course, with solutions and instructor notes, is at {cfg.source.url}.
"""


def student_readme_nl(cfg: cfgmod.CourseConfig, root: Path = ROOT) -> str:
    """The edition's Dutch README: one Binder and one hub link per Dutch lesson and exercise sheet (``nl/``)."""
    rows = ["| # | Les | Tijd | Op Binder | Op de cursushub |", "|---|---|---|---|---|"]
    for les in course.lessons(root):
        if not (root / "nl" / "notebooks" / les["name"]).exists():
            continue
        title, minutes = course._title_and_minutes(root / "nl" / "notebooks" / les["name"])
        nb, ex = f"nl/notebooks/{les['name']}", f"nl/exercises/{les['name']}"
        binder = (f"[les]({cfgmod.binder_url(cfg.student, nb, cfg.binder)}) · "
                  f"[opgaven]({cfgmod.binder_url(cfg.student, ex, cfg.binder)})")
        hub = (f"[les]({cfgmod.nbgitpuller_url(cfg.hub, cfg.student, nb)}) · "
               f"[opgaven]({cfgmod.nbgitpuller_url(cfg.hub, cfg.student, ex)})")
        rows.append(f"| {les['nn']} | [{title}]({nb}) | {minutes} min | {binder} | {hub} |")
    table = "\n".join(rows)
    return f"""# WMO Lab: studenteneditie (Nederlands)

*[English version: README.md](README.md)*

**Een open Jupyter-cursus over publieke waarden, sturing en cliëntenparticipatie in het Nederlandse sociaal domein.**

De Nederlandse lessen staan in `nl/notebooks/`, je opgavenbladen in `nl/exercises/`. Lessen die nog niet vertaald
zijn, vind je in het Engels in `notebooks/` en `exercises/` (zie README.md).

{table}

Wil je de menu's van JupyterLab in het Nederlands: kies *Settings → Language* en dan Nederlands.
"""


def _git(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check, timeout=120)


def _identity(cwd: Path) -> list[str]:
    """Use the instructor's git identity; fall back to a neutral one where none is set (CI, a fresh machine)."""
    if _git(["config", "user.email"], cwd, check=False).stdout.strip():
        return []
    return ["-c", "user.name=WMO Lab student edition", "-c", "user.email=student-edition@wmolab.invalid"]


def _source_commit(root: Path) -> str:
    if not (root / ".git").exists():
        return "unknown"
    out = _git(["rev-parse", "--short", "HEAD"], root, check=False)
    return out.stdout.strip() or "unknown"


def _clear(out: Path) -> None:
    """Empty a previous edition (everything except .git), after checking it is one."""
    entries = [p for p in out.iterdir() if p.name != ".git"]
    if entries and not (out / MARKER).exists():
        raise EditionError(f"{out} exists and is not a student edition (no {MARKER} file): "
                           "remove it or choose another folder.")
    for path in entries:
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def build(out: Path | str, root: Path | str = ROOT, cfg: cfgmod.CourseConfig | None = None,
          git: bool = True) -> dict[str, object]:
    """Build the student edition in ``out``; return what was done (files, commit, warnings)."""
    root, out = Path(root), Path(out)
    cfg = cfg or cfgmod.load(root / cfgmod.CONFIG_NAME)

    lessons = course.lessons(root)
    if not lessons:
        raise EditionError(f"{root}/notebooks has no lessons (NN_slug.ipynb)")
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    for folder in ("notebooks", "exercises", "nl/notebooks", "nl/exercises"):  # nl/: the Dutch edition
        (out / folder).mkdir(parents=True)
        for nb in _notebooks(root, folder):
            shutil.copy2(nb, out / folder / nb.name)
    _copy_tree(root / "datasets", out / "datasets")
    _copy_tree(root / "wmolab", out / "wmolab", skip=AUTHORING_ONLY)
    for rel in COPY_FILES:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, out / rel)
    (out / "pyproject.toml").write_text(_pyproject(root, out), encoding="utf-8")
    (out / "environment.yml").write_text(_environment_yml(root), encoding="utf-8")
    (out / "README.md").write_text(student_readme(cfg, lessons), encoding="utf-8")
    (out / "README.nl.md").write_text(student_readme_nl(cfg, root), encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (out / MARKER).write_text(
        "This folder is the student edition of WMO Lab, built by `make student-edition` from the full course.\n"
        "Do not edit it here: change the course and build again (the build replaces every file).\n",
        encoding="utf-8")
    warnings = []
    if cfg.hub_is_placeholder:
        warnings.append(f"course.toml: [hub] url = {cfg.hub} is a placeholder; the README's hub links point "
                        "to it. Set your hub's address and build again.")
    result: dict[str, object] = {"out": out, "warnings": warnings, "commit": None, "branch": cfg.student.branch,
                                 "files": sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                                                 if p.is_file() and ".git" not in p.relative_to(out).parts)}
    if git:
        if not (out / ".git").exists():
            _git(["init", "-q", "-b", cfg.student.branch], out)
        _git(["add", "-A"], out)
        if _git(["status", "--porcelain"], out).stdout.strip():
            message = f"Student edition of WMO Lab, built from {cfg.source.url} at {_source_commit(root)}"
            _git([*_identity(out), "commit", "-q", "-m", message], out)
        result["commit"] = _git(["rev-parse", "HEAD"], out).stdout.strip()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.edition", description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="build/student", help="folder to build (default build/student)")
    parser.add_argument("--source", default=str(ROOT), help="the full course (default: this repository)")
    parser.add_argument("--config", default=None, help="course.toml to use (default: the source's)")
    parser.add_argument("--no-git", action="store_true", help="do not make the folder a git repository")
    args = parser.parse_args(argv)
    try:
        cfg = cfgmod.load(args.config) if args.config else None
        result = build(args.out, args.source, cfg, git=not args.no_git)
    except (EditionError, cfgmod.ConfigError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        print(f"✘ {exc}{(': ' + detail.strip()) if detail else ''}", file=sys.stderr)
        return 1
    files = result["files"]
    print(f"Student edition in {result['out']}: {len(files)} files, no solutions.")
    if result["commit"]:
        print(f"git commit {result['commit'][:12]} on branch {result['branch']}; "
              f"publish with: git -C {result['out']} push <your student repository> HEAD")
    for warning in result["warnings"]:
        print(f"⚠ {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
