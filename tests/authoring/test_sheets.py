"""A student's work in an exercise sheet is safe (issue 13, item 8): the sync test ignores it and still catches an
author who forgot `make exercises`; `make exercises` never overwrites it (FORCE=1 does).

Simulated on a copy of sheet 00: answers typed into the answer cells, the sheet run (outputs, execution counts),
the metadata JupyterLab saves on its own, a scratch cell, a written answer to an open question.
"""
from __future__ import annotations

import shutil

import nbformat
import pytest

from wmolab.authoring import exercises
from wmolab.authoring.exercises import regenerate, sheet_statuses
from wmolab.authoring.sheets import compare

from helpers import ROOT, sync_problems  # the sync test's own message

NAME = "00_start_here.ipynb"


@pytest.fixture
def repo(tmp_path):
    for folder in ("solutions", "exercises"):
        (tmp_path / folder).mkdir()
        shutil.copy2(ROOT / folder / NAME, tmp_path / folder / NAME)
    regenerate(tmp_path, force=True)
    return tmp_path


def work_in(path):
    """What a student does in the sheet at `path`."""
    nb = nbformat.read(path, as_version=4)
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = [nbformat.v4.new_output("stream", text="00.1 · ✔ correct\n")]
            cell.metadata["execution"] = {"iopub.status.busy": "2026-03-01T10:00:00"}
            cell.metadata["scrolled"] = True
            if "# YOUR CODE HERE" in cell.source:
                cell.source = cell.source.replace("answer_1 = ...", 'answer_1 = "participatiewet"')
        elif "answer" in cell.metadata.get("tags", []):
            cell.source = "The Rekenkamer means: decentralisation is all or nothing."
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = False
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    nb.cells.insert(3, nbformat.v4.new_code_cell("laws.head()"))  # a scratch cell
    nbformat.write(nb, path)
    return path.read_text(encoding="utf-8")


def change_a_prompt(root):
    """What an author does: reword a question in the solution sheet (and forgets `make exercises`)."""
    path = root / "solutions" / NAME
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Question 00.2"))
    cell.source += "\n\nHint: the column is called `passed_ek`."
    nbformat.write(nb, path)


def test_a_students_work_is_not_a_stale_sheet(repo):
    work_in(repo / "exercises" / NAME)
    [status] = sheet_statuses(repo)
    assert status.stale == [], status.stale
    assert status.holds_work and any("holds an answer" in w for w in status.work)
    assert any("has been run" in w for w in status.work) and any("was added" in w for w in status.work)


def test_make_exercises_keeps_a_sheet_with_work_and_says_how_to_keep_it(repo, capsys):
    before = work_in(repo / "exercises" / NAME)
    change_a_prompt(repo)
    assert exercises.main([str(repo)]) == 1
    said = capsys.readouterr().err
    assert (repo / "exercises" / NAME).read_text(encoding="utf-8") == before, "the student's work is untouched"
    assert "holds your own work" in said and "cp exercises/00_start_here.ipynb my_work/" in said
    assert "make exercises FORCE=1" in said
    [status] = sheet_statuses(repo)
    assert status.stale and status.holds_work, "the sync test still sees the author's change"
    assert exercises.main([str(repo), "--force"]) == 0
    [status] = sheet_statuses(repo)
    assert not status.stale and not status.holds_work, "FORCE=1 writes the current sheet"


def test_the_sync_test_catches_an_author_who_forgot_make_exercises(repo):
    assert sync_problems(repo) == []
    work_in(repo / "exercises" / NAME)
    assert sync_problems(repo) == [], "a student's work never fails the sync test"
    change_a_prompt(repo)
    [problem] = sync_problems(repo)
    assert "the text or code differs" in problem and "holds your own work" in problem, problem


def test_without_work_make_exercises_just_regenerates(repo):
    change_a_prompt(repo)
    written, kept = regenerate(repo)
    assert [p.name for p in written] == [NAME] and kept == []
    assert sheet_statuses(repo)[0].stale == []


def test_a_changed_check_call_is_the_authors(repo):
    """The lines around an answer (the check call) are the author's: changing them in a solution is caught."""
    generated = nbformat.read(repo / "exercises" / NAME, as_version=4)
    edited = nbformat.from_dict(generated)
    cell = next(c for c in edited.cells if "# YOUR CODE HERE" in c.source)
    cell.source = cell.source.replace('check("00.1", answer_1)', 'check("00.1", answer)')
    stale, work = compare(edited, generated)
    assert stale and "check call" in stale[0] and work
