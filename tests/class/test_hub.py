"""A real JupyterHub on loopback: three students follow the student edition's nbgitpuller link to an exercise
sheet, the sheet opens and its first cell runs in a kernel; after the instructor changes a lesson upstream, a
student who edited their sheet follows the link again, gets the change and keeps the edit."""
from __future__ import annotations

import secrets
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from conftest import require
from wmolab.authoring import config, edition, hub

from helpers import ROOT

pytestmark = pytest.mark.slow
VENV = Path(sys.prefix)                    # the single-user environment: the course's lock + nbgitpuller + jupyterhub
USERS = ["student1", "student2", "student3"]
SHEET, LESSON = "exercises/00_start_here.ipynb", "notebooks/00_start_here.ipynb"
UPDATE = "Update from your instructor: bring lesson 00's timeline to the seminar."
EDIT = "# student1's own work: this line must survive the update"


def source_copy(dest: Path) -> Path:
    """The parts of the course the edition is built from, to change a lesson without touching the repository."""
    for name in ("notebooks", "exercises", "datasets", "wmolab", "jupyter-settings", "requirements", "docs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    for name in ("pyproject.toml", "environment.yml", "postBuild", "LICENSE", "LICENSE-CONTENT.md", ".gitattributes"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def first_code_cell(nb: dict) -> str:
    return next("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in nb["cells"] if c["cell_type"] == "code")


def test_three_students_on_a_real_hub(tmp_path, record_property):
    require(hub.chp_path(VENV).exists(), f"configurable-http-proxy is not installed at {hub.chp_path(VENV)}: "
            "run `make test` (it installs requirements/package.json with npm; Debian: sudo apt-get install nodejs npm)")
    require(shutil.which("git") is not None, "git is needed for the student edition and nbgitpuller")
    started = time.monotonic()
    password = secrets.token_urlsafe(12)
    remote = tmp_path / "remote" / "wmo-lab-student"          # stands in for the student repository
    timings = {}
    with hub.LocalHub(tmp_path / "hub", USERS, password, VENV) as the_hub:
        timings["hub up"] = time.monotonic() - started
        base = config.load()
        cfg = config.CourseConfig(source=base.source, student=config.Repo(remote.as_uri(), "main"),
                                  binder=base.binder, hub=the_hub.url, site=base.site, path=base.path)
        first = edition.build(remote, ROOT, cfg)
        link = config.nbgitpuller_url(the_hub.url, cfg.student, SHEET)
        readme = (remote / "README.md").read_text(encoding="utf-8")
        assert f"[exercises]({link})" in readme, "the student README does not carry the hub link to the sheet"
        folder = config.clone_folder(cfg.student.url)

        assert not hub.Student(the_hub.url, "student1", password + "-wrong").login(), "a wrong password got in"
        students = [hub.Student(the_hub.url, name, password, timeout=180) for name in USERS]

        def arrive(student: hub.Student) -> dict:
            assert student.login(), f"{student.name} could not log in"
            spawn = student.start_server()
            pull = student.follow(link)
            assert pull.phases and pull.phases[-1] == "finished", (student.name, pull.phases, pull.output[-500:])
            assert pull.final_status == 200 and pull.final_url.endswith(f"/lab/tree/{folder}/{SHEET}"), pull.final_url
            assert (the_hub.homes / student.name / folder / SHEET).is_file()
            assert not (the_hub.homes / student.name / folder / "solutions").exists()
            model = student.contents(f"{folder}/{SHEET}")
            assert model["type"] == "notebook"
            run = student.run_cell(f"{folder}/{SHEET}", first_code_cell(model["content"]))
            assert run["reply"]["status"] == "ok", run
            assert not [o for o in run["outputs"] if o["type"] == "error"], run["outputs"]
            assert any(o["type"] == "execute_result" for o in run["outputs"]), run["outputs"]
            return {"spawn": spawn}

        t = time.monotonic()
        with ThreadPoolExecutor(len(students)) as pool:
            arrivals = list(pool.map(arrive, students))
        timings["3 students: login, server, pull, first cell"] = time.monotonic() - t

        # student1 works on the sheet and saves it (as JupyterLab does)
        s1, path = students[0], f"{folder}/{SHEET}"
        nb = s1.contents(path)["content"]
        cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "answer_1 = ..." in "".join(c["source"]))
        cell["source"] = "".join(cell["source"]).replace("answer_1 = ...", f'{EDIT}\nanswer_1 = "participatiewet"')
        s1.save(path, nb)

        # the instructor changes lesson 00 in the course and rebuilds the student edition (one more commit)
        src = source_copy(tmp_path / "course")
        lesson = nbformat.read(src / LESSON, as_version=4)
        lesson.cells.insert(1, nbformat.v4.new_markdown_cell(f"**{UPDATE}**"))
        nbformat.write(lesson, src / LESSON)
        second = edition.build(remote, src, cfg)
        assert second["commit"] != first["commit"]

        t = time.monotonic()
        again = s1.follow(link)
        timings["update pull"] = time.monotonic() - t
        assert again.phases[-1] == "finished", (again.phases, again.output[-500:])
        updated = s1.contents(f"{folder}/{LESSON}")["content"]
        assert any(UPDATE in "".join(c["source"]) for c in updated["cells"]), "the lesson update did not arrive"
        kept = s1.contents(path)["content"]
        assert any(EDIT in "".join(c["source"]) for c in kept["cells"]), "student1's edit was lost in the update"
        s2_lesson = (the_hub.homes / "student2" / folder / LESSON).read_text(encoding="utf-8")
        assert UPDATE not in s2_lesson, "student2 got the update without following the link"

        for student in students:
            student.stop_server()
    leftover = the_hub.alive()
    assert not leftover, f"processes still running after the hub stopped: {leftover}"
    wall = time.monotonic() - started
    record_property("hub test wall time (s)", round(wall, 1))
    for name, seconds in timings.items():
        record_property(f"hub test: {name} (s)", round(seconds, 1))
    record_property("hub test: slowest server start (s)", round(max(a["spawn"] for a in arrivals), 1))
