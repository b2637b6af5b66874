"""`make bundle`: a zip of the course for offline use.

Contents: notebooks/, exercises/, solutions/, datasets/, wmolab/, docs/, the environment files
(environment.yml, requirements/, pyproject.toml, Makefile), README.md and the licences, under one
top-level folder `wmolab-course/`. The zip is deterministic (sorted entries, fixed timestamps), so
the same commit always gives the same file.

    .venv/bin/python -m wmolab.authoring.bundle [--out dist/wmolab-offline.zip]
"""
from __future__ import annotations

import argparse
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = "wmolab-course"
INCLUDE_DIRS = ["notebooks", "exercises", "solutions", "datasets", "wmolab", "docs", "requirements", "jupyter-settings"]
INCLUDE_FILES = ["README.md", "LICENSE", "LICENSE-CONTENT.md", "environment.yml", "pyproject.toml", "Makefile",
                 ".gitattributes", "postBuild", "course.toml"]
FIXED_TIME = (2015, 1, 1, 0, 0, 0)  # the decentralisation year; any fixed date makes the zip reproducible


def files() -> list[Path]:
    """The tracked files to bundle (git's view, so caches and local files stay out)."""
    try:
        out = subprocess.run(["git", "ls-files", *INCLUDE_DIRS, *INCLUDE_FILES], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        paths = [ROOT / p for p in out]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: take the folders as they are
        paths = [p for d in INCLUDE_DIRS for p in (ROOT / d).rglob("*") if p.is_file()]
        paths += [ROOT / f for f in INCLUDE_FILES if (ROOT / f).exists()]
    return sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts)


def build(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in files():
            rel = path.relative_to(ROOT).as_posix()
            info = zipfile.ZipInfo(f"{TOP}/{rel}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "dist" / "wmolab-offline.zip"))
    args = parser.parse_args(argv)
    out = build(Path(args.out))
    with zipfile.ZipFile(out) as zf:
        n = len(zf.namelist())
    print(f"wrote {out} ({n} files, {out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
