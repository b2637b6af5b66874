"""README: the course map is generated from the notebooks, and every launch link is well formed."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlparse

from wmolab.authoring import course

from helpers import ROOT, notebook_paths

README = (ROOT / "README.md").read_text(encoding="utf-8")
BINDER = re.compile(r"https://mybinder\.org/v2/gh/[^\s)\]]+")


def test_course_map_is_up_to_date():
    assert not course.update_readme(ROOT, check_only=True), "run `make links` and commit README.md"


def test_every_notebook_has_a_launch_link():
    links = BINDER.findall(README)
    targets = set()
    for link in links:
        assert link.startswith(course.binder_url("")[: -len("?labpath=")]), f"link not built from REPOSITORY: {link}"
        query = parse_qs(urlparse(link).query)
        assert set(query) == {"labpath"}, link
        targets.add(unquote(query["labpath"][0]))
    for path in notebook_paths():
        assert f"{path.parent.name}/{path.name}" in targets, f"no launch link for {path.parent.name}/{path.name}"
    assert all((ROOT / t).exists() for t in targets), "a launch link points to a missing notebook"


def test_binder_url_shape():
    url = course.binder_url("notebooks/00_start_here.ipynb")
    owner_repo = course.REPOSITORY.removeprefix("https://github.com/")
    assert url == f"https://mybinder.org/v2/gh/{owner_repo}/{course.BRANCH}?labpath=notebooks%2F00_start_here.ipynb"


def test_repository_url_is_kept_in_one_place():
    hits = [p for p in ROOT.rglob("*") if p.is_file() and p.suffix in {".py", ".md", ".yml", ".toml", ".cfg"}
            and not {".venv", "build", "dist"} & set(p.parts)
            and course.REPOSITORY in p.read_text(encoding="utf-8", errors="ignore")]
    assert [p.relative_to(ROOT).as_posix() for p in hits] == ["course.toml"]


def test_readme_names_the_two_commands():
    assert "make lab" in README and "make test" in README
    assert "conda env create -f environment.yml" in README


def test_lesson_titles_and_times_come_from_the_notebooks():
    for les in course.lessons(ROOT):
        assert les["title"] in README and les["minutes"] != "?", les
        assert les["summary"], f"add a one-line summary for lesson {les['nn']} in wmolab/authoring/course.py"


def test_nbgitpuller_link():
    from urllib.parse import parse_qs, urlparse

    url = course.nbgitpuller_url("https://hub.example.edu/", "notebooks/03_steering_perspectives.ipynb")
    parts = urlparse(url)
    assert parts.netloc == "hub.example.edu" and parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query["repo"] == [course.REPOSITORY] and query["branch"] == [course.BRANCH]
    assert query["urlpath"][0].endswith("/notebooks/03_steering_perspectives.ipynb")


def test_instructor_guide_covers_every_lesson():
    guide = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    for les in course.lessons(ROOT):
        assert re.search(rf"^### {les['nn']} · ", guide, re.M), f"no lesson plan for {les['nn']} in docs/instructors.md"
    for topic in ("Binder", "JupyterHub", "Offline bundle", "nbgrader", "Memory"):
        assert topic in guide
