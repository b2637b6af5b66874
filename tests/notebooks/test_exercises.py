"""Exercise sheets: generated from the solutions, runnable, and every self-check can fail.

- the exercises/ on disk equal a fresh generation from solutions/ in everything the author controls (so editing
  a solution without `make exercises` fails the suite), whatever a student did in them: answers, outputs,
  metadata JupyterLab saves, scratch cells (wmolab/authoring/sheets.py). A student's work never fails a test;
- each generated sheet runs top to bottom without an error, and every check in it reports
  "not answered yet" or "not correct yet" (the generated sheet, not the file a student may have answered);
- the same checks in the solution sheet report "correct". The solution sheets are executed
  by nbval in strict mode, which fails unless a fresh run reproduces the stored outputs, so
  reading the stored outputs here is reading what a fresh run prints;
- the questions checked, the questions called and the stored keys agree.
"""
from __future__ import annotations

import json

import pytest
from nbclient import NotebookClient

from helpers import ROOT, check_calls, check_results, ids, notebook_paths, read, sync_problems
from wmolab.authoring.exercises import generate_notebook

SOLUTIONS = notebook_paths("solutions")
EXERCISES = notebook_paths("exercises")


def generated(path):
    """The sheet `make exercises` writes for ``exercises/<name>`` (what a student starts from)."""
    return generate_notebook(read(ROOT / "solutions" / path.name))


def test_exercises_are_in_sync_with_solutions():
    problems = sync_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_every_solution_has_an_exercise_sheet_and_a_lesson():
    sol = {p.name for p in SOLUTIONS}
    assert sol == {p.name for p in EXERCISES}
    assert sol == {p.name for p in notebook_paths("notebooks")}


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solution_checks_all_report_correct(path):
    nb = read(path)
    calls = check_calls(nb)
    results = check_results(nb)
    assert 6 <= len(nb_questions(nb)) <= 12, "an exercise sheet has 6-12 questions"
    assert calls, f"{path.name} has no self-checks"
    assert [q for q, _ in results] == calls, "every check call must show its feedback (stored output)"
    wrong = [(q, s) for q, s in results if s != "correct"]
    assert not wrong, f"solution checks not reporting correct: {wrong}"
    keys = json.loads((ROOT / "wmolab" / "keys" / f"{path.name[:2]}.json").read_text(encoding="utf-8"))
    assert set(calls) == set(keys), "every key is used by a check and every check has a key"


@pytest.mark.slow
@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_exercise_sheet_runs_and_no_check_passes(path):
    nb = generated(path)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name} raised {errors[0]['ename']}: {errors[0]['evalue']}"
    results = check_results(nb)
    calls = check_calls(nb)
    assert [q for q, _ in results] == calls, "every check in the student sheet must print feedback"
    passing = [q for q, s in results if s not in ("unanswered", "incorrect")]
    assert not passing, f"checks that pass (or cannot check) on the untouched student sheet: {passing}"
    assert calls == check_calls(read(ROOT / "solutions" / path.name))


def nb_questions(nb):
    import re

    return [m for c in nb.cells if c.cell_type == "markdown"
            for m in re.findall(r"^## Question (\d{2}\.\d{1,2})", c.source, re.M)]


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_student_sheet_code_does_not_contain_an_answer(path):
    """No literal in the student sheet's code (outside the stubs) hashes to the answer of a self-check.

    Catches a helper cell that, say, looks up `.loc["Zoetermeer"]` right after a question whose answer is
    Zoetermeer. Choices that a question lists publicly (its options) do not count.
    """
    import ast

    from wmolab.checks import _hash, canonical

    keys = json.loads((ROOT / "wmolab" / "keys" / f"{path.name[:2]}.json").read_text(encoding="utf-8"))
    literals = set()
    for cell in generated(path).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        literals |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                     and isinstance(n.value, (str, int, float)) and not isinstance(n.value, bool)}
    leaks = []
    for qid, key in keys.items():
        options = {str(o).casefold() for o in key.get("options", [])}
        for lit in literals:
            if isinstance(lit, str):
                if key["kind"] == "text" and lit.casefold() not in options and \
                        _hash(qid, canonical("text", lit)) == key["sha256"]:
                    leaks.append((qid, lit))
                if key["kind"] == "mapping" and key.get("value_kind") == "text":
                    continue  # mapping values are short labels (PA, NPM, ...) that code legitimately uses
            elif key["kind"] in ("number", "integer") and (abs(lit) >= 10 or lit != int(lit)):
                decimals = key.get("decimals", 0) if key["kind"] == "number" else 0
                if _hash(qid, canonical(key["kind"], lit, decimals)) == key["sha256"]:
                    leaks.append((qid, lit))
    assert not leaks, f"answers visible in the student sheet's code: {leaks}"
