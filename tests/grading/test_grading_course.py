"""A class graded with nbgrader, end to end, with nbgrader's own commands and the course's set-up.

One course folder for the module (docs/instructors.md, *Grading a class with nbgrader*, step by step; the
course's commands through their ``main``, nbgrader's as the command lines the guide gives):

1. ``python -m wmolab.authoring.grading.course DIR`` and ``nbgrader generate_assignment`` (default settings
   plus the course's nbgrader_config.py) for every lesson;
2. submissions laid out as nbgrader collects them (``submitted/<student>/<lesson>/<lesson>.ipynb``): the
   student ``full`` for every lesson (the solution's answers), and the synthetic class of
   ``tests/grading/submissions.py`` for lessons 00 and 03 (right, partly right, unanswered, accepted
   alternative forms, redefined ``check``, printed "correct", patched modules, swallowed errors, deleted
   and edited graded cells, an endless loop, 50 MB of output, a copied cell, another lesson's sheet, a file
   that is not JSON, a wrongly named notebook, a hostile open answer);
3. ``python -m wmolab.authoring.grading.autograde`` (nbgrader's autograde per submission, and a report),
   ``nbgrader autograde`` on one submission again (the same result), ``nbgrader export``, the open-answer
   pages and a marks file put into the gradebook, ``nbgrader export`` again and ``nbgrader generate_feedback``.

Every file under submitted/ is hashed before step 3 and after it.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from submissions import HOSTILE_OPEN, L00, L03, SUBMISSIONS, Sheets, Submission, expected, gid_of, solution_code, write

from wmolab.authoring.grading import autograde as autograde_cmd
from wmolab.authoring.grading import course as course_cmd
from wmolab.authoring.grading import marks as marks_cmd
from wmolab.authoring.grading import openanswers as openanswers_cmd
from wmolab.authoring.grading.autograde import hash_tree

from helpers import ROOT, notebook_paths

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
LESSONS = [p.stem for p in notebook_paths("solutions")]
TIMEOUT = 10  # seconds a cell may run while grading here (the course's default is 60)


def run(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    if check:
        assert result.returncode == 0, f"{args}: {result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def grades(path: Path) -> dict[tuple[str, str], float]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {(row["student_id"], row["assignment"]): float(row["score"]) for row in csv.DictReader(fh)}


def auto_max(nb) -> float:
    return sum(c.metadata["nbgrader"]["points"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


@dataclass
class Course:
    root: Path
    generate: subprocess.CompletedProcess
    autograde: subprocess.CompletedProcess
    marks_bad: subprocess.CompletedProcess
    before: dict
    after: dict
    seconds: float

    def report(self, lesson: str) -> dict[str, dict]:
        with (self.root / "reports" / f"{lesson}-autograde.csv").open(newline="", encoding="utf-8") as fh:
            return {row["student"]: row for row in csv.DictReader(fh)}

    def top(self, lesson: str) -> float:
        return auto_max(nbformat.read(self.root / "source" / lesson / f"{lesson}.ipynb", as_version=4))


MARKS = [("full", "03.7", "3", "Names the compositional constraint."), ("full", "03.9", "2,5", ""),
         ("s03_hostile_open_answer", "03.7", "1", "<b>escaped?</b>")]


def main(module, args: list) -> subprocess.CompletedProcess:
    """Run one of the course's commands in this process (its ``main``), as its command line would."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = module.main([str(a) for a in args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    # The course's commands run in this process through their main() (what `python -m …` calls), nbgrader's
    # own commands as subprocesses: each new Python that imports nbformat pays seconds for jsonschema's imports.
    root = tmp_path_factory.mktemp("grading") / "course"
    assert main(course_cmd, [root]).returncode == 0
    generate = run([BIN / "nbgrader", "generate_assignment", "*"], cwd=root)
    released = {ls: nbformat.read(root / "release" / ls / f"{ls}.ipynb", as_version=4) for ls in LESSONS}
    solutions = {ls: solution_code(nbformat.read(root / "source" / ls / f"{ls}.ipynb", as_version=4))
                 for ls in LESSONS}
    sheets = Sheets(released, solutions)
    for sub in SUBMISSIONS:
        write(root, sheets, sub)
    for lesson in set(LESSONS) - {L00, L03}:
        write(root, sheets, Submission("full", lesson, lambda s, ls=lesson: s.full(ls), lost=0))
    before = hash_tree(root / "submitted")
    start = time.perf_counter()
    autograde = main(autograde_cmd, [*LESSONS, "--root", root, "--timeout", TIMEOUT])
    seconds = time.perf_counter() - start
    # nbgrader's own command line grades the same way (one submission again, in place of the course's command)
    cli = run([BIN / "nbgrader", "autograde", L00, "--student", "s00_partly", "--force",
               f"--Execute.timeout={TIMEOUT}"], root)
    assert "s00_partly" in cli.stderr and "ERROR" not in cli.stderr, cli.stderr[-2000:]
    run([BIN / "nbgrader", "export", "--to", "grades-autograded.csv"], root)
    # marking the open answers of lesson 03: pages, a marks file with mistakes (nothing applied), then a good one
    assert main(openanswers_cmd, [L03, "--root", root]).returncode == 0
    marks = root / "marking" / L03 / "marks.csv"
    rows = list(csv.DictReader(marks.open(encoding="utf-8")))
    bad = root / "marks-bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "question", "score", "comment"])
        w.writerows([("full", "03.7", "3", "fine"), ("full", "03.9", "9", ""), ("nobody", "03.7", "1", ""),
                     ("full", "03.99", "1", ""), ("full", "03.7", "2", "twice")])
    marks_bad = main(marks_cmd, [L03, bad, "--root", root])
    for student, question, score, comment in MARKS:
        row = next(r for r in rows if r["student"] == student and r["question"] == question)
        row.update(score=score, comment=comment)
    with marks.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["student", "question", "score", "comment"])
        w.writeheader()
        w.writerows(rows)
    assert main(marks_cmd, [L03, marks, "--root", root]).returncode == 0
    run([BIN / "nbgrader", "export", "--to", "grades.csv"], root)
    run([BIN / "nbgrader", "generate_feedback", L03], root)
    return Course(root, generate, autograde, marks_bad, before, hash_tree(root / "submitted"), seconds)


def test_config_loads_and_every_lesson_is_released_as_its_exercise_sheet(course):
    assert "Exception while loading config" not in course.generate.stderr, course.generate.stderr[-2000:]
    assert "ERROR" not in course.generate.stderr
    for lesson in LESSONS:
        theirs = json.loads((course.root / "release" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        ours = json.loads((ROOT / "exercises" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        assert theirs["metadata"] == ours["metadata"], lesson
        assert len(theirs["cells"]) == len(ours["cells"]), lesson
        for a, b in zip(theirs["cells"], ours["cells"]):
            assert a == b, f"{lesson}: cell {a.get('id')} differs between nbgrader's release and exercises/"


def test_every_lesson_autogrades_and_exports_full_marks(course):
    scores = grades(course.root / "grades-autograded.csv")
    for lesson in LESSONS:
        assert course.top(lesson) > 0
        assert scores[("full", lesson)] == course.top(lesson), f"{lesson}: a right answer lost points"


@pytest.mark.parametrize("sub", SUBMISSIONS, ids=[f"{s.lesson[:2]}-{s.student}" for s in SUBMISSIONS])
def test_export_gives_exactly_the_expected_score(course, sub):
    scores = grades(course.root / "grades-autograded.csv")
    assert scores[(sub.student, sub.lesson)] == expected(sub, course.top(sub.lesson))


@pytest.mark.parametrize("sub", SUBMISSIONS, ids=[f"{s.lesson[:2]}-{s.student}" for s in SUBMISSIONS])
def test_report_says_what_happened_to_each_submission(course, sub):
    row = course.report(sub.lesson)[sub.student]
    if sub.graded:
        assert row["status"] == "graded", row
        assert float(row["auto_score"]) == expected(sub, course.top(sub.lesson))
    else:
        assert row["status"] == "not graded" and sub.reason in row["notes"], row
    for note in sub.notes:
        assert note in row["notes"], row


def test_bad_submissions_do_not_stop_the_others(course):
    assert course.autograde.returncode == 1, "the command says some submissions were not graded"
    refused = [s.student for s in SUBMISSIONS if not s.graded]
    assert refused and all(f"{s}: not graded" in course.autograde.stdout for s in refused)
    graded = {(s.student, s.lesson) for s in SUBMISSIONS if s.graded}
    for student, lesson in graded:
        assert (course.root / "autograded" / student / lesson / f"{lesson}.ipynb").exists()


def test_nothing_submitted_is_changed_or_lost(course):
    assert course.before and course.after == course.before
    assert any(path.endswith("notes.txt") for path in course.after), "an extra file the student handed in is kept"


def test_outputs_are_limited_in_the_graded_notebook(course):
    graded = course.root / "autograded" / "s03_prints_50mb" / L03 / f"{L03}.ipynb"
    assert graded.stat().st_size < 1_000_000, "50 MB of output was cut to a small notebook"
    cell = next(c for c in nbformat.read(graded, as_version=4).cells if gid_of(c) == "q03_4")
    text = "".join(o.get("text", "") for o in cell.outputs)
    # nbgrader's LimitOutput keeps 1000 lines (500 kB here); the course's LimitOutputSize then 100,000 characters
    assert "Output truncated" in text and len(text) < 100_200


def test_timing_is_within_budget_per_submission(course, record_property):
    n = sum(1 for _ in (course.root / "submitted").glob("*/*"))
    per = course.seconds / n
    record_property("autograde per submission (s)", f"{per:.1f}")
    assert per < 30, f"{per:.1f} s per submission (the budget, measured by make bench, is 6 s)"


def test_feedback_page_has_the_self_check_line_of_a_wrong_answer_and_the_graders_comment(course):
    page = (course.root / "feedback" / "s03_partly" / L03 / f"{L03}.html").read_text(encoding="utf-8")
    # the hidden test's AssertionError carries the self-check's line (the traceback is rendered with ANSI spans)
    assert "AssertionError</span>: 03.6 · ✘ not correct yet — " in page, "the feedback line of a wrong answer"
    assert "AssertionError</span>: 03.1 ·" not in page, "no failure for a right answer"
    full = (course.root / "feedback" / "full" / L03 / f"{L03}.html").read_text(encoding="utf-8")
    assert "Names the compositional constraint." in full, "the grader's comment reaches the student"
    assert "Model answer" not in full and "Rubric" not in full, "the model answer never reaches a student"


def test_open_answer_pages_show_every_answer_escaped_with_the_rubric(course):
    page = (course.root / "marking" / L03 / "q03_7_open.html").read_text(encoding="utf-8")
    graded = [s.student for s in SUBMISSIONS if s.lesson == L03 and s.graded]
    for student in graded:
        assert f"<h3>{student}</h3>" in page
    assert "Model answer" in page and "Rubric" in page and "4 points" in page
    assert HOSTILE_OPEN not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "no answer (left as the prompt" in page, "an unanswered one is marked as such"


def test_marks_round_trip_through_the_gradebook_into_the_export(course):
    bad = course.marks_bad
    assert bad.returncode == 1
    for problem in ("outside 0–4", "'03.99' is not an open question", "again (first on line 2)"):
        assert problem in bad.stderr, bad.stderr
    before, after = grades(course.root / "grades-autograded.csv"), grades(course.root / "grades.csv")
    assert after[("full", L03)] == before[("full", L03)] + 3 + 2.5
    assert after[("s03_hostile_open_answer", L03)] == before[("s03_hostile_open_answer", L03)] + 1
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {("full", L03), ("s03_hostile_open_answer", L03)}, "the bad marks file applied nothing"


def test_unknown_student_in_a_marks_file_is_refused(course, tmp_path):
    marks = tmp_path / "marks.csv"
    marks.write_text("student,question,score,comment\nnobody,03.7,1,\n", encoding="utf-8")
    result = main(marks_cmd, [L03, marks, "--root", course.root])
    assert result.returncode == 1 and "no graded submission of 03_steering_perspectives by 'nobody'" in result.stderr


def test_set_up_again_keeps_the_gradebook_and_a_changed_config(course, tmp_path):
    config = course.root / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\n# the hub's exchange settings\n", encoding="utf-8")
    try:
        out = main(course_cmd, [course.root]).stdout
        assert "kept" in out and config.read_text(encoding="utf-8").endswith("# the hub's exchange settings\n")
        assert (course.root / "gradebook.db").exists() and "wrote source" not in out
    finally:
        config.write_text(text, encoding="utf-8")


def test_answer_cells_of_every_lesson_are_graded_cells(course):
    for lesson in LESSONS:
        nb = nbformat.read(course.root / "release" / lesson / f"{lesson}.ipynb", as_version=4)
        ids = [gid_of(c) for c in nb.cells if gid_of(c)]
        tests = [g for g in ids if g.endswith("_test")]
        assert tests and all(g[:-5] in ids for g in tests), "every autograder tests cell follows its answer"
