"""One course configuration (course.toml) feeds every link; `make links` rewrites them for a fork and its hub."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest

from wmolab.authoring import config, links

from helpers import ROOT


def test_every_link_is_up_to_date_with_course_toml():
    assert links.update(ROOT, check_only=True) == [], "run `make links` and commit README.md and docs/instructors.md"


def test_the_configuration_names_every_address():
    cfg = config.load()
    assert cfg.source.github_path and cfg.student.github_path and cfg.source.url != cfg.student.url
    assert cfg.binder.startswith("https://") and cfg.hub.startswith("https://") and cfg.site.startswith("https://")


@pytest.mark.parametrize("text, says", [
    ('[source]\nbranch = "main"\n', "[source] needs a `repository"),
    ('[source]\nrepository = "github.com/x/y"\nbranch = "main"\n', "is not a full address"),
    ("[source\n", "not valid TOML"),
])
def test_a_broken_configuration_says_what_is_wrong(tmp_path, text, says):
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError, match=None) as info:
        config.load(path)
    assert says in str(info.value) and str(path) in str(info.value)


def test_links_for_github_and_other_git_hosts():
    gh = config.Repo("https://github.com/uni/course", "autumn")
    assert config.binder_url(gh, "exercises/01_x.ipynb", "https://mybinder.org") == \
        "https://mybinder.org/v2/gh/uni/course/autumn?labpath=exercises%2F01_x.ipynb"
    other = config.Repo("https://git.uni.test/teach/course.git", "main")
    assert config.binder_url(other, "a.ipynb", "https://binder.uni.test/") == \
        "https://binder.uni.test/v2/git/https%3A%2F%2Fgit.uni.test%2Fteach%2Fcourse.git/main?labpath=a.ipynb"
    link = config.nbgitpuller_url("https://hub.uni.test/", gh, "exercises/01_x.ipynb")
    parts = urlparse(link)
    assert (parts.netloc, parts.path) == ("hub.uni.test", "/hub/user-redirect/git-pull")
    assert parse_qs(parts.query) == {"repo": [gh.url], "branch": ["autumn"],
                                     "urlpath": ["lab/tree/course/exercises/01_x.ipynb"]}


def test_clone_folder_is_the_one_nbgitpuller_uses():
    for url in ("https://github.com/uni/course", "https://github.com/uni/course/", "file:///tmp/x/student-ed"):
        assert config.clone_folder(url) == url.rstrip("/").split("/")[-1]   # nbgitpuller's default targetpath


def test_a_fork_changes_course_toml_and_make_links_follows(tmp_path):
    for name in ("notebooks", "wmolab", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("README.md", "course.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    old = config.load()
    toml = (tmp_path / "course.toml").read_text(encoding="utf-8")
    toml = (toml.replace(f'repository = "{old.source.url}"', 'repository = "https://github.com/someuni/wmo-fork"')
                .replace(f'repository = "{old.student.url}"', 'repository = "https://github.com/someuni/wmo-class"')
                .replace(f'url = "{old.hub}"', 'url = "https://jupyter.someuni.test"')
                .replace('branch = "main"', 'branch = "autumn"'))
    (tmp_path / "course.toml").write_text(toml, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "wmolab.authoring.links"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    guide = (tmp_path / "docs" / "instructors.md").read_text(encoding="utf-8")
    assert "/v2/gh/someuni/wmo-fork/autumn?labpath=" in readme
    assert old.source.github_path not in readme.replace(old.source.github_path + "-", "")
    assert ("https://jupyter.someuni.test/hub/user-redirect/git-pull?"
            "repo=https%3A%2F%2Fgithub.com%2Fsomeuni%2Fwmo-class") in guide
    assert old.hub not in guide
    check = subprocess.run([sys.executable, "-m", "wmolab.authoring.links", "--check"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
