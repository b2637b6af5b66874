"""The course configuration (``course.toml`` at the repository root) and the launch links built from it.

One data file says where the course lives: the source repository and branch, the student edition's
repository and branch, the BinderHub, the JupyterHub and the website (and whether an instructor's private
build of the website shows the solution sheets: ``[site] solutions``, off for the public site). Every link
in the README, in the student edition, in ``docs/instructors.md`` and on the website is built here from that
file, so an instructor who forks the course changes the file, runs ``make links`` and is done.

>>> cfg = load()
>>> binder_url(cfg.source, "notebooks/00_start_here.ipynb", cfg.binder).split("?")[1]
'labpath=notebooks%2F00_start_here.ipynb'
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

__all__ = ["Repo", "CourseConfig", "ConfigError", "load", "binder_url", "nbgitpuller_url", "clone_folder",
           "CONFIG_NAME", "PLACEHOLDER_HOSTS"]

CONFIG_NAME = "course.toml"
ROOT = Path(__file__).resolve().parents[2]
#: Host names that are examples, not real services (the student edition warns about them).
PLACEHOLDER_HOSTS = ("example.edu", "example.org", "example.com")


class ConfigError(Exception):
    """``course.toml`` is missing or incomplete; the message names the file and the key."""


@dataclass(frozen=True)
class Repo:
    """A git repository and the branch the links use."""

    url: str
    branch: str

    @property
    def github_path(self) -> str | None:
        """``owner/name`` for a repository on GitHub, else None."""
        parts = urlparse(self.url)
        if parts.netloc.lower() in {"github.com", "www.github.com"}:
            path = parts.path.strip("/").removesuffix(".git")
            if path.count("/") == 1:
                return path
        return None


@dataclass(frozen=True)
class CourseConfig:
    source: Repo
    student: Repo
    binder: str
    hub: str
    site: str
    path: Path
    #: ``[site] solutions = true`` puts the solution sheets on the website (an instructor's private build only).
    site_solutions: bool = False

    @property
    def hub_is_placeholder(self) -> bool:
        host = urlparse(self.hub).hostname or ""
        return any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS)


def _need(table: dict, section: str, key: str, path: Path) -> str:
    value = table.get(section, {}).get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: [{section}] needs a `{key} = \"...\"` line (see the comments in the file).")
    return value.strip()


def _url(value: str, section: str, key: str, path: Path, schemes=("https", "http")) -> str:
    parts = urlparse(value)
    if parts.scheme not in schemes or not (parts.netloc or parts.scheme == "file"):
        raise ConfigError(f"{path}: [{section}] {key} = {value!r} is not a full address "
                          f"(it should start with {' or '.join(s + '://' for s in schemes)}).")
    return value if section == "site" else value.rstrip("/")


def load(path: Path | str | None = None) -> CourseConfig:
    """Read ``course.toml`` (by default the one at the repository root)."""
    path = Path(path) if path is not None else ROOT / CONFIG_NAME
    if not path.exists():
        raise ConfigError(f"The course configuration {path} is missing: "
                          f"restore it with `git checkout -- {CONFIG_NAME}`.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    git_schemes = ("https", "http", "file", "ssh")
    return CourseConfig(
        source=Repo(_url(_need(data, "source", "repository", path), "source", "repository", path, git_schemes),
                    _need(data, "source", "branch", path)),
        student=Repo(_url(_need(data, "student", "repository", path), "student", "repository", path, git_schemes),
                     _need(data, "student", "branch", path)),
        binder=_url(_need(data, "binder", "url", path), "binder", "url", path),
        hub=_url(_need(data, "hub", "url", path), "hub", "url", path),
        site=_url(_need(data, "site", "url", path), "site", "url", path),
        path=path,
        site_solutions=_flag(data, "site", "solutions", path),
    )


def _flag(table: dict, section: str, key: str, path: Path) -> bool:
    value = table.get(section, {}).get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: [{section}] {key} must be true or false (without quotes), not {value!r}.")
    return value


def binder_url(repo: Repo, path: str, binder: str = "https://mybinder.org") -> str:
    """A Binder link that builds ``repo`` at its branch and opens ``path`` in JupyterLab.

    GitHub repositories use Binder's ``gh`` provider (``/v2/gh/owner/name/branch``); any other git
    address uses the generic ``git`` provider.
    """
    owner_name = repo.github_path
    if owner_name:
        base = f"{binder.rstrip('/')}/v2/gh/{owner_name}/{quote(repo.branch, safe='')}"
    else:
        base = f"{binder.rstrip('/')}/v2/git/{quote(repo.url, safe='')}/{quote(repo.branch, safe='')}"
    return f"{base}?labpath={quote(path, safe='')}"


def clone_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones ``repo_url`` into, in the user's home (the last part of the address)."""
    return repo_url.rstrip("/").rsplit("/", 1)[-1]


def nbgitpuller_url(hub: str, repo: Repo, path: str, interface: str = "lab/tree") -> str:
    """A JupyterHub link that clones (first time) or updates ``repo`` in the user's home and opens ``path``.

    The format is nbgitpuller's: ``<hub>/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=…``.
    On an update nbgitpuller merges the new commits and keeps the student's own changes.
    """
    query = urlencode({"repo": repo.url, "branch": repo.branch,
                       "urlpath": f"{interface}/{clone_folder(repo.url)}/{path}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"
