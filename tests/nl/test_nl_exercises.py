"""The Dutch exercise sheets: generated from nl/solutions, every check correct there and able to fail here.

The same guarantees as tests/notebooks/test_exercises.py, for the Dutch edition: nl/exercises equals a fresh
generation from nl/solutions; the checks of each Dutch solution sheet report "correct" (stored outputs, which nbval
reproduces); the untouched Dutch student sheet runs and no check in it passes. The feedback lines are read with
helpers.CHECK_LINE, so once wmolab speaks Dutch (branch nllib) its Dutch labels must be added there.
"""
from __future__ import annotations

import pytest
from nbclient import NotebookClient

from wmolab.authoring.exercises import generate_notebook

from helpers import ROOT, check_calls, check_results, ids, read, sync_problems

NL = ROOT / "nl"
SOLUTIONS = sorted((NL / "solutions").glob("[0-9][0-9]_*.ipynb"))


def test_dutch_exercises_are_in_sync_with_dutch_solutions():
    problems = sync_problems(NL)
    assert not problems, "\n".join(problems)
    assert {p.name for p in (NL / "exercises").glob("*.ipynb")} == {p.name for p in SOLUTIONS}


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_dutch_solution_checks_all_report_correct(path):
    nb = read(path)
    results = check_results(nb)
    assert [q for q, _ in results] == check_calls(nb) == check_calls(read(ROOT / "solutions" / path.name))
    assert results and all(s == "correct" for _, s in results), results


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_dutch_exercise_sheet_runs_and_no_check_passes(path):
    nb = generate_notebook(read(path))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NL / "exercises")}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name} raised {errors[0]['ename']}: {errors[0]['evalue']}"
    results = check_results(nb)
    assert [q for q, _ in results] == check_calls(nb)
    passing = [q for q, s in results if s not in ("unanswered", "incorrect")]
    assert not passing, f"checks that pass on the untouched Dutch student sheet: {passing}"
