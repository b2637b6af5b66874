"""The student edition: lessons, exercise sheets, datasets and the runtime package, no solutions anywhere,
a README whose every link points at the student repository, and a git history that grows one commit a build."""
from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlparse

import nbformat
import pytest

from wmolab.authoring import config, edition, wheel

from helpers import ROOT, notebook_paths

TOP_LEVEL = {".gitattributes", ".gitignore", edition.MARKER, "LICENSE", "LICENSE-CONTENT.md", "README.md",
             "datasets", "docs", "environment.yml", "exercises", "jupyter-settings", "notebooks", "postBuild",
             "pyproject.toml", "requirements", "wmolab", "nl", "README.nl.md"}
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def cfg():
    return dataclasses.replace(config.load(), hub="https://hub.wmolab.test")


@pytest.fixture(scope="module")
def built(tmp_path_factory, cfg):
    out = tmp_path_factory.mktemp("edition") / "student"
    return edition.build(out, ROOT, cfg)


def test_the_edition_has_what_students_need_and_nothing_else(built):
    out = built["out"]
    assert {p.name for p in out.iterdir()} - {".git"} == TOP_LEVEL
    for folder in ("notebooks", "exercises", "nl/notebooks", "nl/exercises"):
        assert sorted(p.name for p in (out / folder).iterdir()) == [p.name for p in notebook_paths(folder)]
    assert not (out / "solutions").exists() and not (out / "nl" / "solutions").exists()
    assert sorted(p.name for p in (out / "nl").iterdir()) == ["exercises", "notebooks"]
    assert [p.name for p in (out / "requirements").iterdir()] == ["lab.txt"]
    assert [p.name for p in (out / "docs").iterdir()] == ["python-reference.md"], "only the page the sheets link to"
    for src in (ROOT / "datasets").rglob("*"):
        if src.is_file():
            assert (out / "datasets" / src.relative_to(ROOT / "datasets")).read_bytes() == src.read_bytes(), src
    for name in edition.AUTHORING_ONLY:
        assert not (out / "wmolab" / name).exists(), f"authoring tool wmolab/{name} is in the student edition"
    print("\nstudent edition, top two levels:\n" + "\n".join(sorted(
        {"/".join(p.relative_to(out).parts[:2]) for p in out.rglob("*") if ".git" not in p.relative_to(out).parts})))


def test_no_solution_anywhere(built):
    out = built["out"]
    for path in out.rglob("*"):
        if not path.is_file() or ".git" in path.relative_to(out).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "Model answer" not in text, f"{path.relative_to(out)} carries a model answer"
        assert "Modelantwoord" not in text, f"{path.relative_to(out)} carries a (Dutch) model answer"
        assert "### BEGIN SOLUTION" not in text, f"{path.relative_to(out)} carries a solution marker"
        if path.suffix == ".ipynb":
            for cell in nbformat.read(path, as_version=4).cells:
                tags = set(cell.get("metadata", {}).get("tags", []))
                assert not tags & {"model-answer", "solution-only"}, f"{path.name}: a solution cell ({tags})"


def test_every_readme_link_goes_to_the_student_edition(built, cfg):
    out = built["out"]
    readme = (out / "README.md").read_text(encoding="utf-8")
    links = LINK.findall(readme)
    targets = {"binder": set(), "hub": set()}
    for link in links:
        parts = urlparse(link)
        assert "solutions" not in unquote(link), f"a solution link in the student README: {link}"
        if not parts.scheme:
            assert (out / link).exists(), f"README links to a missing file: {link}"
        elif link.startswith(cfg.binder + "/v2/"):
            assert f"/{cfg.student.github_path}/{cfg.student.branch}" in parts.path, link
            targets["binder"].add(parse_qs(parts.query)["labpath"][0])
        elif link.startswith(cfg.hub):
            query = parse_qs(parts.query)
            assert parts.path == "/hub/user-redirect/git-pull" and query["repo"] == [cfg.student.url], link
            assert query["branch"] == [cfg.student.branch], link
            prefix = f"lab/tree/{config.clone_folder(cfg.student.url)}/"
            assert query["urlpath"][0].startswith(prefix), link
            targets["hub"].add(query["urlpath"][0].removeprefix(prefix))
        elif not link.startswith(cfg.binder):
            pytest.fail(f"unexpected link in the student README: {link}")
    expected = {f"{p.parent.name}/{p.name}" for p in notebook_paths("notebooks", "exercises")}
    assert targets["binder"] >= expected and targets["hub"] == expected


def test_the_dutch_readme_links_the_dutch_lessons(built, cfg):
    out = built["out"]
    readme = (out / "README.nl.md").read_text(encoding="utf-8")
    links = LINK.findall(readme)
    assert "README.md" in links
    dutch = {f"nl/{p.parent.name}/{p.name}" for p in notebook_paths("nl/notebooks", "nl/exercises")}
    binder = {parse_qs(urlparse(u).query)["labpath"][0] for u in links if u.startswith(cfg.binder + "/v2/")}
    assert dutch and binder == dutch
    for link in links:
        assert "solutions" not in unquote(link), link
        if not urlparse(link).scheme:
            assert (out / link).exists(), f"README.nl.md links to a missing file: {link}"


def test_the_edition_package_works_on_its_own(built):
    """Every module of the edition's wmolab imports without the authoring tools, and every dataset loads."""
    out = built["out"]
    code = ("import pkgutil, importlib, wmolab\n"
            f"assert wmolab.__file__.startswith({str(out)!r}), wmolab.__file__\n"
            "mods = [m.name for m in pkgutil.walk_packages(wmolab.__path__, 'wmolab.')]\n"
            "[importlib.import_module(m) for m in mods]\n"
            "names = list(wmolab.list_datasets()['name'])\n"
            "[wmolab.load(n) for n in names]\n"
            "print(len(mods), len(names))")
    env = {**os.environ, "PYTHONPATH": str(out), "MPLBACKEND": "Agg"}
    env.pop("WMOLAB_DATASETS", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=out / "exercises", env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    modules, datasets = map(int, result.stdout.split())
    assert modules > 10 and datasets == len(json.loads((out / "datasets/datapackage.json").read_text())["resources"])


@pytest.mark.slow
def test_a_wheel_builds_from_the_edition(built, tmp_path):
    """What Binder's `pip install -e .` and a hub image build from the student repository works."""
    built_wheel = wheel.build(tmp_path, root=built["out"])
    assert wheel.check(built_wheel) == []


def test_each_build_adds_one_commit_and_only_when_something_changed(built, cfg, tmp_path):
    out = built["out"]

    def log():
        return subprocess.run(["git", "log", "--format=%H %s"], cwd=out, capture_output=True, text=True,
                              check=True).stdout.splitlines()

    before = log()
    assert before[0].split()[0] == built["commit"]
    branch = subprocess.run(["git", "branch", "--show-current"], cwd=out, capture_output=True, text=True).stdout
    assert branch.strip() == cfg.student.branch
    again = edition.build(out, ROOT, cfg)                     # nothing changed: no new commit
    assert again["commit"] == built["commit"] and log() == before
    (out / "notebooks" / "stray.txt").write_text("left over")  # a file the course no longer has
    edition.build(out, ROOT, cfg)
    assert not (out / "notebooks" / "stray.txt").exists()
    assert log() == before, "removing a stray file should leave the edition as it was"


def test_it_will_not_empty_a_folder_that_is_not_an_edition(tmp_path, cfg):
    (tmp_path / "thesis.docx").write_text("precious")
    with pytest.raises(edition.EditionError, match="not a student edition"):
        edition.build(tmp_path, ROOT, cfg)
    assert (tmp_path / "thesis.docx").exists()


def test_a_placeholder_hub_is_reported(tmp_path):
    result = edition.build(tmp_path / "s", ROOT, dataclasses.replace(config.load(), hub="https://jupyterhub.example.edu"),
                           git=False)
    assert any("placeholder" in w for w in result["warnings"])
